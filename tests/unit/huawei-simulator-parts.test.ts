// The Huawei simulator's state modules on their own, with a fake clock: its request reader, dial-up profiles,
// data connection (ConnectionStatus), USSD network, SMS store and SIM lock. Facts: reference/device-protocols.md
// §1.8, §1.10–§1.13; quirks from Salamek/huawei-lte-api#221 (E5576) and #34 (delete one Index).
import { describe, expect, it } from 'vitest'
import { DataConnection } from '../../src/simulators/huawei-hilink/data-connection'
import { DialupProfiles, MAX_PROFILES, type DialupQuirks } from '../../src/simulators/huawei-hilink/dialup-profiles'
import { LiveState } from '../../src/simulators/huawei-hilink/live-state'
import { seededRandom } from '../../src/simulators/huawei-hilink/prng'
import { operatePin, powerUpSim } from '../../src/simulators/huawei-hilink/sim-lock'
import { TMOBILE_US_PREPAID, type SimProfile } from '../../src/simulators/huawei-hilink/sim-profile'
import { SmsStore } from '../../src/simulators/huawei-hilink/sms-store'
import { UssdService } from '../../src/simulators/huawei-hilink/ussd'
import { readRequestTree, responseXml, type RequestNode } from '../../src/simulators/huawei-hilink/xml-writer'

function clock(start = Date.UTC(2025, 4, 20, 12, 0, 0)) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

function request(inner: string): RequestNode {
  const tree = readRequestTree(`<?xml version="1.0" encoding="UTF-8"?><request>${inner}</request>`)
  if (!tree) throw new Error('not a request')
  return tree
}

const simProfile = (change: Partial<SimProfile> = {}): SimProfile => ({ ...TMOBILE_US_PREPAID, ...change })
const QUIRKLESS: DialupQuirks = { addMakesDefault: false, requireDialupNumber: false, presetReadOnly: 1, ipType: true }
const add = (name: string, apn: string, extra = '<DialupNum>*99#</DialupNum>') =>
  request(`<SetDefault>0</SetDefault><Delete>0</Delete><Modify>1</Modify><Profile><Index></Index><Name>${name}</Name><ApnIsStatic>1</ApnIsStatic><ApnName>${apn}</ApnName>${extra}<AuthMode>0</AuthMode><iptype>2</iptype></Profile>`)

describe('readRequestTree', () => {
  it('reads nested elements, repeated ones, self-closing tags and entities', () => {
    const tree = readRequestTree('<?xml version="1.0" encoding="utf-8"?>\n<request><Phones><Phone>+1</Phone><Phone>+2</Phone></Phones><Content>a &amp; b &lt;3</Content><Sca/></request>')
    expect(tree).toEqual({
      name: 'request',
      text: '',
      children: [
        {
          name: 'Phones',
          text: '',
          children: [
            { name: 'Phone', text: '+1', children: [] },
            { name: 'Phone', text: '+2', children: [] }
          ]
        },
        { name: 'Content', text: 'a & b <3', children: [] },
        { name: 'Sca', text: '', children: [] }
      ]
    })
  })

  it.each([
    ['not XML', 'abcdef0123'],
    ['another root', '<response><a>1</a></response>'],
    ['mismatched tags', '<request><a>1</b></request>'],
    ['unclosed', '<request><a>1</a>'],
    ['text after the root', '<request></request>trailing'],
    ['attributes', '<request><a x="1">1</a></request>'],
    ['two roots', '<request></request><request></request>'],
    ['too deep', `<request>${'<a>'.repeat(10)}${'</a>'.repeat(10)}</request>`]
  ])('%s → null', (_name, body) => {
    expect(readRequestTree(body)).toBeNull()
  })

  it('writes nested lists, and an empty list as an empty element', () => {
    expect(responseXml([['Count', 0], ['Messages', []]])).toContain('<Count>0</Count>\r\n<Messages></Messages>')
    expect(responseXml([['Profiles', [['Profile', [['Index', 1]]]]]])).toContain('<Profiles>\r\n<Profile>\r\n<Index>1</Index>\r\n</Profile>\r\n</Profiles>')
  })
})

describe('DialupProfiles', () => {
  const preset = { name: 'T-Mobile', apn: 'fast.t-mobile.com' }

  it('adds with the next index and keeps the default unless asked', () => {
    const profiles = new DialupProfiles(preset, QUIRKLESS)
    expect(profiles.apply(add('A', 'a.apn'))).toBeNull()
    expect(profiles.apply(add('B', 'b.apn'))).toBeNull()
    expect(profiles.all.map((p) => [p.index, p.name, p.readOnly])).toEqual([
      [1, 'T-Mobile', 1],
      [2, 'A', 0],
      [3, 'B', 0]
    ])
    expect(profiles.currentIndex).toBe(1)
  })

  it('E5576 quirks: every add becomes the default; no DialupNum → 100001', () => {
    const profiles = new DialupProfiles(preset, { ...QUIRKLESS, addMakesDefault: true, requireDialupNumber: true })
    expect(profiles.apply(add('A', 'a.apn', ''))).toBe(100001)
    expect(profiles.apply(add('A', 'a.apn'))).toBeNull()
    expect(profiles.currentIndex).toBe(2)
  })

  it.each([
    ['Modify missing', '<SetDefault>1</SetDefault><Delete>0</Delete>', 100005],
    ['Modify not a number', '<SetDefault>1</SetDefault><Delete>0</Delete><Modify>x</Modify>', 100006],
    ['unknown Modify', '<SetDefault>0</SetDefault><Delete>0</Delete><Modify>7</Modify>', 100006],
    ['set default to nothing', '<SetDefault>5</SetDefault><Delete>0</Delete><Modify>0</Modify>', 107726],
    ['delete the preset', '<SetDefault>0</SetDefault><Delete>1</Delete><Modify>0</Modify>', 107721],
    ['delete nothing', '<SetDefault>0</SetDefault><Delete>9</Delete><Modify>0</Modify>', 107721],
    ['edit the preset', '<SetDefault>0</SetDefault><Delete>0</Delete><Modify>2</Modify><Profile><Index>1</Index><Name>X</Name></Profile>', 107725],
    ['edit nothing', '<SetDefault>0</SetDefault><Delete>0</Delete><Modify>2</Modify><Profile><Index>4</Index><Name>X</Name></Profile>', 107725],
    ['add without a Profile', '<SetDefault>0</SetDefault><Delete>0</Delete><Modify>1</Modify>', 107724],
    ['add without a name', '<SetDefault>0</SetDefault><Delete>0</Delete><Modify>1</Modify><Profile><Name> </Name></Profile>', 107724],
    ['add with AuthMode 5', '<SetDefault>0</SetDefault><Delete>0</Delete><Modify>1</Modify><Profile><Name>A</Name><AuthMode>5</AuthMode></Profile>', 107724]
  ])('%s → %d', (_name, inner, code) => {
    expect(new DialupProfiles(preset, QUIRKLESS).apply(request(inner))).toBe(code)
  })

  it('refuses more than MAX_PROFILES', () => {
    const profiles = new DialupProfiles(preset, QUIRKLESS)
    for (let i = 1; i < MAX_PROFILES; i++) expect(profiles.apply(add(`P${i}`, 'x.apn'))).toBeNull()
    expect(profiles.apply(add('one too many', 'x.apn'))).toBe(107724)
  })

  it('deleting the default with SetDefault picks that one, without it falls back to the preset', () => {
    const profiles = new DialupProfiles(preset, QUIRKLESS)
    profiles.apply(add('A', 'a.apn'))
    profiles.apply(add('B', 'b.apn'))
    profiles.apply(request('<SetDefault>2</SetDefault><Delete>0</Delete><Modify>0</Modify>'))
    expect(profiles.apply(request('<SetDefault>3</SetDefault><Delete>2</Delete><Modify>0</Modify>'))).toBeNull()
    expect(profiles.currentIndex).toBe(3)
    expect(profiles.apply(request('<SetDefault>0</SetDefault><Delete>3</Delete><Modify>0</Modify>'))).toBeNull()
    expect(profiles.currentIndex).toBe(1)
  })
})

describe('DataConnection (ConnectionStatus)', () => {
  function setup(sim: SimProfile = simProfile()) {
    const time = clock()
    const live = new LiveState({ random: seededRandom(1), now: time.now, radio: 'lte', planLimitBytes: 10 * 1024 ** 3, billingDay: 14 })
    const profiles = new DialupProfiles(sim.presetProfile, QUIRKLESS)
    const data = new DataConnection(time.now, { connectMs: 2000, disconnectMs: 500 }, sim, live, profiles)
    return { time, live, profiles, data, sim }
  }

  it('starts connected; off goes 903 → 902, on goes 900 → 901, with traffic only while up', () => {
    const { time, live, data } = setup()
    expect(data.statusCode()).toBe(901)
    data.setEnabled(false)
    expect(data.statusCode()).toBe(903)
    time.advance(500)
    expect(data.statusCode()).toBe(902)
    expect(live.link).toBe('data-down')
    expect(live.sessionDown).toBe(0)
    data.setEnabled(true)
    expect(data.statusCode()).toBe(900)
    time.advance(1999)
    expect(data.statusCode()).toBe(900)
    time.advance(1)
    expect(data.statusCode()).toBe(901)
    time.advance(3000)
    live.advance()
    expect(live.sessionDown).toBeGreaterThan(0)
  })

  it('an attach with an unknown APN fails with 27 and stays failed until the next attach', () => {
    const { time, profiles, data } = setup()
    profiles.apply(add('Wrong', 'internet.example'))
    profiles.apply(request('<SetDefault>2</SetDefault><Delete>0</Delete><Modify>0</Modify>'))
    expect(data.statusCode()).toBe(901) // the running session keeps its profile
    data.setEnabled(false)
    time.advance(500)
    data.setEnabled(true)
    time.advance(2000)
    expect(data.statusCode()).toBe(27)
    time.advance(60_000)
    expect(data.statusCode()).toBe(27)
  })

  it('an empty, non-static APN is the network default and connects', () => {
    const { time, profiles, data } = setup()
    profiles.apply(request('<SetDefault>1</SetDefault><Delete>0</Delete><Modify>1</Modify><Profile><Name>Auto</Name><ApnIsStatic>0</ApnIsStatic><ApnName></ApnName></Profile>'))
    data.setEnabled(false)
    time.advance(500)
    data.setEnabled(true)
    time.advance(2000)
    expect(data.statusCode()).toBe(901)
  })

  it('no SIM or a locked SIM is 902; the session comes back once the SIM is unlocked; a lost signal too', () => {
    const { live, data, sim } = setup(simProfile({ pinState: 'pin-required' }))
    expect(data.statusCode()).toBe(902)
    sim.pinState = 'ready'
    expect(data.statusCode()).toBe(901)
    live.setSignalLost(true)
    expect(data.statusCode()).toBe(902)
    live.setSignalLost(false)
    expect(data.statusCode()).toBe(901)
    live.exhaustPlan()
    expect(data.statusCode()).toBe(201)
  })

  it('a restart reconnects after connectMs, with the session counters from zero', () => {
    const { time, live, data } = setup()
    expect(live.sessionSeconds).toBeGreaterThan(0)
    data.restart()
    expect(data.statusCode()).toBe(900)
    expect(live.sessionSeconds).toBe(0)
    time.advance(2000)
    expect(data.statusCode()).toBe(901)
  })
})

describe('UssdService', () => {
  function setup() {
    const time = clock()
    const sim = simProfile()
    const live = new LiveState({ random: seededRandom(1), now: time.now, radio: 'lte', planLimitBytes: 10 * 1024 ** 3, billingDay: 14 })
    const ussd = new UssdService(time.now, { replyMs: 1000, networkTimeoutMs: 5000 })
    const ctx = { sim, live, inService: true, planBytes: 10 * 1024 ** 3 }
    const exchange = (text: string) => {
      expect(ussd.send(text, ctx)).toBeNull()
      expect(ussd.get()).toEqual({ error: 111019 })
      time.advance(1000)
      return ussd.get()
    }
    return { time, sim, ussd, ctx, exchange }
  }

  it('plays the prepaid codes', () => {
    const { exchange } = setup()
    expect(exchange('#225#')).toEqual({ content: 'Your balance is $12.34.' })
    expect(exchange('#686#')).toEqual({ content: 'Your phone number is 2065550143.' })
    expect(exchange('#932#')).toMatchObject({ content: expect.stringMatching(/^You have used \d+\.\d\dGB of 10GB high-speed data this month\.$/) })
    expect(exchange('*123#')).toMatchObject({ content: expect.stringContaining('not valid') })
  })

  it('walks the two-level menu, back, invalid choices, and a pass that costs too much', () => {
    const { sim, exchange } = setup()
    expect(exchange('#999#')).toMatchObject({ content: expect.stringContaining('2. Data passes') })
    expect(exchange('7')).toMatchObject({ content: expect.stringMatching(/^Invalid choice\.\nT-Mobile Prepaid/) })
    expect(exchange('2')).toMatchObject({ content: expect.stringContaining('9. Back') })
    expect(exchange('9')).toMatchObject({ content: expect.stringContaining('1. Balance') })
    expect(exchange('2')).toMatchObject({ content: expect.stringContaining('5GB week pass') })
    expect(exchange('2')).toEqual({ content: 'Your balance of $12.34 is too low for the 5GB week pass ($15.00). Refill at t-mobile.com/refill.' })
    expect(sim.balanceCents).toBe(1234)
    expect(exchange('1')).toEqual({ error: 111001 }) // that reply ended the session
  })

  it('a menu left unanswered too long is over', () => {
    const { time, exchange } = setup()
    exchange('#999#')
    time.advance(91_000)
    expect(exchange('1')).toEqual({ error: 111001 })
  })

  it('busy while pending (111013), 111016 empty, 111014 too long, 111018 without service, 111020 when silent', () => {
    const { time, ussd, ctx } = setup()
    expect(ussd.send('#225#', ctx)).toBeNull()
    expect(ussd.busy).toBe(true)
    expect(ussd.send('#225#', ctx)).toBe(111013)
    ussd.release()
    expect(ussd.busy).toBe(false)
    expect(ussd.get()).toEqual({ error: 111001 })
    expect(ussd.send(' ', ctx)).toBe(111016)
    expect(ussd.send('*'.repeat(183), ctx)).toBe(111014)
    expect(ussd.send('#225#', { ...ctx, inService: false })).toBe(111018)
    ussd.silent = true
    expect(ussd.send('#225#', ctx)).toBeNull()
    time.advance(4999)
    expect(ussd.get()).toEqual({ error: 111019 })
    time.advance(1)
    expect(ussd.get()).toEqual({ error: 111020 })
  })
})

describe('SmsStore', () => {
  const time = clock()
  const seed = [
    { box: 1, smstat: 1, phone: 'B', content: 'old', date: '2025-05-18 10:00:00', smsType: 1 },
    { box: 1, smstat: 0, phone: 'A', content: 'new', date: '2025-05-20 10:00:00', smsType: 1 },
    { box: 1, smstat: 0, phone: 'C', content: 'mid', date: '2025-05-19 10:00:00', smsType: 1 }
  ] as const
  const contents = (fields: ReturnType<SmsStore['list']>) => {
    const messages = fields.find(([name]) => name === 'Messages')?.[1] as ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string | number]>]>
    return messages.map(([, message]) => message.find(([name]) => name === 'Content')?.[1])
  }
  const query = { page: 1, readCount: 20, box: 1, sortType: 0, ascending: false, unreadPreferred: false }

  it.each([
    [{}, ['new', 'mid', 'old']],
    [{ ascending: true }, ['old', 'mid', 'new']],
    [{ sortType: 1, ascending: true }, ['new', 'old', 'mid']],
    [{ sortType: 2, ascending: true }, ['old', 'new', 'mid']],
    [{ unreadPreferred: true, ascending: true }, ['mid', 'new', 'old']],
    [{ readCount: 2, page: 2 }, ['old']],
    [{ box: 2 }, []]
  ])('list %j → %j', (change, expected) => {
    const store = new SmsStore(time.now, 500, seed)
    expect(contents(store.list({ ...query, ...change }))).toEqual(expected)
  })

  it('numbers from 40000, marks read, deletes, and refuses to send when full', () => {
    const store = new SmsStore(time.now, 4, seed)
    expect(store.all.map((m) => m.index)).toEqual([40000, 40001, 40002])
    expect(store.unread).toBe(2)
    expect(store.setRead(40001)).toBeNull()
    expect(store.unread).toBe(1)
    expect(store.setRead(1)).toBe(113017)
    expect(store.receive('D', 'fourth')).toBe(true)
    expect(store.full).toBe(true)
    expect(store.receive('E', 'lost')).toBe(false)
    expect(store.send(['+1206'], 'x', 10, true)).toBe(113053)
    expect(store.delete(40000)).toBeNull()
    expect(store.delete(40000)).toBe(113036)
    expect(store.send(['+1206'], 'x', 10, true)).toBeNull()
    expect(store.send(['1'.repeat(21)], 'x', 10, true)).toBe(113054)
  })
})

describe('SIM lock (pin/operate)', () => {
  const op = (sim: SimProfile, entries: Record<string, string>) => operatePin(sim, new Map(Object.entries(entries)))

  it('verify: wrong PINs count down, the last one asks for the PUK', () => {
    const sim = simProfile({ pinState: 'pin-required', pin: '2468' })
    expect(op(sim, { OperateType: '0', CurrentPin: '1111' })).toBe(103002)
    expect(op(sim, { OperateType: '0', CurrentPin: '12' })).toBe(103002) // malformed counts too
    expect(sim.pinAttemptsLeft).toBe(1)
    expect(op(sim, { OperateType: '0', CurrentPin: '2468' })).toBeNull()
    expect(sim).toMatchObject({ pinState: 'ready', pinAttemptsLeft: 3 })
    expect(op(sim, { OperateType: '0', CurrentPin: '2468' })).toBe(100006) // nothing to verify
  })

  it('PUK: wrong ones count down to a dead SIM; the right one sets the new PIN', () => {
    const sim = simProfile({ pinState: 'puk-required', pinAttemptsLeft: 0, pukAttemptsLeft: 2 })
    expect(op(sim, { OperateType: '0', CurrentPin: '1234' })).toBe(101003)
    expect(op(sim, { OperateType: '4', PukCode: '12345678', NewPin: '1' })).toBe(100006)
    expect(op(sim, { OperateType: '4', PukCode: '00000000', NewPin: '4321' })).toBe(103004)
    const copy = { ...sim }
    expect(op(copy, { OperateType: '4', PukCode: '00000000', NewPin: '4321' })).toBe(103011)
    expect(copy.pinState).toBe('blocked')
    expect(op(copy, { OperateType: '4', PukCode: '12345678', NewPin: '4321' })).toBe(103011)
    expect(op(sim, { OperateType: '4', PukCode: '12345678', NewPin: '4321' })).toBeNull()
    expect(sim).toMatchObject({ pinState: 'ready', pin: '4321', pinAttemptsLeft: 3, pukAttemptsLeft: 10 })
  })

  it('enable, change and disable the PIN lock; a power cycle asks for the PIN only while it is on', () => {
    const sim = simProfile()
    expect(op(sim, { OperateType: '1', CurrentPin: '1234' })).toBeNull()
    expect(op(sim, { OperateType: '3', CurrentPin: '1234', NewPin: '8765' })).toBeNull()
    powerUpSim(sim)
    expect(sim.pinState).toBe('pin-required')
    expect(op(sim, { OperateType: '0', CurrentPin: '8765' })).toBeNull()
    expect(op(sim, { OperateType: '2', CurrentPin: '8765' })).toBeNull()
    powerUpSim(sim)
    expect(sim.pinState).toBe('ready')
    expect(op(simProfile({ present: false }), { OperateType: '0', CurrentPin: '1234' })).toBe(101001)
  })
})
