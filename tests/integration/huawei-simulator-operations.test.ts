// The simulator's operation endpoints on their own, driven by a naive client written here the way the public
// clients do it — not by our driver: Salamek/huawei-lte-api (DialUp.py, Pin.py, Sms.py, Ussd.py,
// examples/send_ussd.py, Tools.rsa_encrypt for the encrypted form, xmltodict-style bodies) and
// siphomateke/huawei-router-api (ussd.js: poll ussd/get, GET ussd/release).
import { constants, createHash, createPublicKey, publicEncrypt } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { HuaweiHilinkSimulator, type HuaweiHilinkSimulatorOptions } from '../../src/simulators/huawei-hilink'

const sims: HuaweiHilinkSimulator[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.stop()))
})

const FAST: HuaweiHilinkSimulatorOptions = { dataConnectMs: 100, dataDisconnectMs: 50, ussdReplyMs: 60, smsSendMs: 50, rebootMs: 300 }

async function start(options: HuaweiHilinkSimulatorOptions = {}, login = true) {
  const sim = new HuaweiHilinkSimulator({ ...FAST, ...options })
  sims.push(sim)
  const { baseUrl } = await sim.start()
  const client = new SalamekLikeClient(baseUrl)
  await client.home()
  // The UMG587's state-login has no password_type: Salamek then logs in with plain base64 (type 0).
  if (login) expect((await (sim.variant.passwordType === null ? client.loginBase64('admin', 'admin') : client.loginType4('admin', 'admin'))).text).toContain('OK')
  return { sim, client }
}

const sha256hex = (text: string) => createHash('sha256').update(text).digest('hex')
const field = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]
const fields = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1])
const errorCode = (xml: string) => Number(field(xml, 'code') ?? NaN)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Poll until the condition holds (timing in these tests is real time; a loaded machine must not flake them). */
async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await sleep(20)
  }
}

type Value = string | number | null | Value[] | { [name: string]: Value }

/** xmltodict.unparse-like: None → empty element, lists repeat the element, dicts nest. */
function toXml(data: Record<string, Value>): string {
  const render = (name: string, value: Value): string => {
    if (Array.isArray(value)) return value.map((item) => render(name, item)).join('')
    if (value !== null && typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => render(k, v)).join('')}</${name}>`
    return `<${name}>${value === null ? '' : String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${name}>`
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n${render('request', data)}`
}

/** Salamek's Tools.rsa_encrypt: base64, 245-byte (PKCS#1 v1.5) or 214-byte (OAEP) chunks, hex, odd → "0" prefix. */
function rsaEncrypt(xml: string, nHex: string, eHex: string, padding: number): string {
  const key = createPublicKey({ key: { kty: 'RSA', n: Buffer.from(nHex, 'hex').toString('base64url'), e: Buffer.from(eHex, 'hex').toString('base64url') }, format: 'jwk' })
  const b64 = Buffer.from(xml).toString('base64')
  const num = padding === 1 ? 214 : 245
  const chunks: Buffer[] = []
  for (let i = 0; i < b64.length; i += num) {
    chunks.push(publicEncrypt({ key, padding: padding === 1 ? constants.RSA_PKCS1_OAEP_PADDING : constants.RSA_PKCS1_PADDING }, Buffer.from(b64.slice(i, i + num))))
  }
  const hex = Buffer.concat(chunks).toString('hex')
  return hex.length % 2 === 0 ? hex : `0${hex}`
}

class SalamekLikeClient {
  cookie: string | undefined
  tokens: string[] = []
  constructor(readonly baseUrl: string) {}

  async raw(method: 'GET' | 'POST', path: string, body?: string, headers: Record<string, string> = {}) {
    const all: Record<string, string> = { ...headers }
    if (this.cookie) all.Cookie = this.cookie
    const response = await fetch(this.baseUrl + path, { method, headers: all, body, redirect: 'manual' })
    const setCookie = response.headers.getSetCookie()[0]
    if (setCookie) this.cookie = setCookie.split(';')[0]
    // Login is posted with refresh_csrf=True: the queue is emptied before the new pair goes in.
    const one = response.headers.get('__RequestVerificationTokenone')
    if (one) this.tokens = [one, response.headers.get('__RequestVerificationTokentwo')!]
    else if (response.headers.get('__RequestVerificationToken')) this.tokens.push(response.headers.get('__RequestVerificationToken')!)
    return { status: response.status, text: await response.text() }
  }

  async home() {
    const page = await this.raw('GET', '/')
    this.tokens = [...page.text.matchAll(/name="csrf_token"\s+content="(\S+)"/g)].map((m) => m[1]!)
  }

  async get(endpoint: string) {
    return (await this.raw('GET', `/api/${endpoint}`)).text
  }

  /** Session._post: pops a token while more than one is held. */
  async post(endpoint: string, data: Record<string, Value> | ((token: string) => Record<string, Value>), encrypted = false) {
    const token = this.tokens.length > 1 ? this.tokens.shift()! : (this.tokens[0] ?? '')
    let body = toXml(typeof data === 'function' ? data(token) : data)
    const headers: Record<string, string> = { __RequestVerificationToken: token, 'Content-Type': 'application/xml' }
    if (encrypted) {
      const padding = Number(field(await this.get('user/state-login'), 'rsapadingtype') ?? 0)
      const key = await this.get('webserver/publickey')
      body = rsaEncrypt(body, field(key, 'encpubkeyn')!, field(key, 'encpubkeye')!, padding)
      headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=UTF-8;enc'
      headers.encrypt_transmit = 'encrypt_transmit'
    }
    return this.raw('POST', `/api/${endpoint}`, body, headers)
  }

  loginType4(username: string, password: string) {
    return this.post('user/login', (token) => ({
      Username: username,
      Password: Buffer.from(sha256hex(username + Buffer.from(sha256hex(password)).toString('base64') + token)).toString('base64'),
      password_type: 4
    }))
  }

  loginBase64(username: string, password: string) {
    return this.post('user/login', { Username: username, Password: Buffer.from(password).toString('base64'), password_type: 0 })
  }

  /** DialUp.create_profile */
  createProfile(name: string, apn: string | null, dialupNumber: string | null, isDefault = false, encrypted = true) {
    return this.post(
      'dialup/profiles',
      {
        SetDefault: isDefault ? 1 : 0,
        Delete: 0,
        Modify: 1,
        Profile: {
          Index: '',
          IsValid: 1,
          Name: name,
          ApnIsStatic: apn ? 1 : 0,
          ApnName: apn,
          DialupNum: dialupNumber,
          Username: null,
          Password: null,
          AuthMode: 0,
          IpIsStatic: '',
          IpAddress: '',
          DnsIsStatic: '',
          PrimaryDns: '',
          SecondaryDns: '',
          ReadOnly: '0',
          iptype: 2
        }
      },
      encrypted
    )
  }

  /** examples/send_ussd.py: send, wait while ussd/status result >= 1, then ussd/get. */
  async ussd(code: string) {
    const sent = await this.post('ussd/send', { content: code, codeType: 'codeType', timeout: null })
    if (!sent.text.includes('OK')) return sent.text
    for (let i = 0; i < 100 && Number(field(await this.get('ussd/status'), 'result')) >= 1; i++) await sleep(20)
    return this.get('ussd/get')
  }
}

describe('dial-up profiles (Salamek DialUp.py, encrypted as it always sends them)', () => {
  it('lists the operator preset as a one-element list with CurrentProfile', async () => {
    const { client } = await start({ variant: 'E5577' })
    const xml = await client.get('dialup/profiles')
    expect(field(xml, 'CurrentProfile')).toBe('1')
    expect(xml).toMatch(/<Profiles>\r\n<Profile>\r\n<Index>1<\/Index>/)
    expect([field(xml, 'Name'), field(xml, 'ApnName'), field(xml, 'ReadOnly'), field(xml, 'iptype')]).toEqual(['T-Mobile', 'fast.t-mobile.com', '2', '2'])
  })

  it('E5577 (E5576 quirks): an add without DialupNum is 100001; with it the new profile becomes the default anyway', async () => {
    const { sim, client } = await start({ variant: 'E5577' })
    expect(errorCode((await client.createProfile('NoDial', 'internet', null)).text)).toBe(100001)
    expect((await client.createProfile('IIJmio', 'iijmio.jp', '*99#', false)).text).toContain('OK')
    expect(sim.stats.encryptedRequests).toBe(2)
    const xml = await client.get('dialup/profiles')
    expect(field(xml, 'CurrentProfile')).toBe('2')
    expect(fields(xml, 'Name')).toEqual(['T-Mobile', 'IIJmio'])
  })

  it('E3372h: SetDefault 0 keeps the default; set default, edit and delete follow the §1.10 table', async () => {
    const { sim, client } = await start({ variant: 'E3372h' })
    expect((await client.createProfile('Tether', 'pcweb.tmobile.com', null)).text).toContain('OK')
    expect(sim.profiles.current).toBe(1)
    expect((await client.post('dialup/profiles', { SetDefault: 2, Delete: 0, Modify: 0 }, true)).text).toContain('OK')
    expect(sim.profiles.current).toBe(2)
    const edit = { Index: 2, IsValid: 1, Name: 'Tether v6', ApnIsStatic: 1, ApnName: 'pcweb.tmobile.com', DialupNum: '*99#', Username: null, Password: null, AuthMode: 1, iptype: 1 }
    expect((await client.post('dialup/profiles', { SetDefault: 2, Delete: 0, Modify: 2, Profile: edit }, true)).text).toContain('OK')
    expect(sim.profiles.list[1]).toMatchObject({ name: 'Tether v6', authMode: 1, ipType: 1 })
    // Deleting the default hands the default back to the preset [U]; the preset itself cannot go.
    expect((await client.post('dialup/profiles', { SetDefault: 0, Delete: 2, Modify: 0 }, true)).text).toContain('OK')
    expect(sim.profiles).toMatchObject({ current: 1, list: [{ index: 1 }] })
  })

  it('answers the 1077xx errors: preset edit/delete, unknown default, unknown index', async () => {
    const { client } = await start({ variant: 'E3372h' })
    const preset = { Index: 1, IsValid: 1, Name: 'Mine', ApnIsStatic: 1, ApnName: 'x', DialupNum: '*99#', AuthMode: 0, iptype: 2 }
    expect(errorCode((await client.post('dialup/profiles', { SetDefault: 0, Delete: 0, Modify: 2, Profile: preset })).text)).toBe(107725)
    expect(errorCode((await client.post('dialup/profiles', { SetDefault: 0, Delete: 1, Modify: 0 })).text)).toBe(107721)
    expect(errorCode((await client.post('dialup/profiles', { SetDefault: 9, Delete: 0, Modify: 0 })).text)).toBe(107726)
    expect(errorCode((await client.post('dialup/profiles', { SetDefault: 0, Delete: 0, Modify: 1 })).text)).toBe(107724)
    expect(errorCode((await client.post('dialup/profiles', { setdefault: 1, delete: '', modify: 0 })).text)).toBe(100005) // issue #108's lowercase names
  })

  it('E5785 requires the encrypted form: plaintext is refused (100001), undecryptable hex is 100005', async () => {
    const { sim, client } = await start({ variant: 'E5785' })
    expect(field(await client.get('global/module-switch'), 'encrypt_enabled')).toBe('1')
    expect(errorCode((await client.post('dialup/profiles', { SetDefault: 1, Delete: 0, Modify: 0 })).text)).toBe(100001)
    const token = client.tokens.shift()!
    const garbage = await client.raw('POST', '/api/dialup/profiles', 'abcd'.repeat(64), { __RequestVerificationToken: token, encrypt_transmit: 'encrypt_transmit' })
    expect(errorCode(garbage.text)).toBe(100005)
    expect((await client.createProfile('Tether', 'pcweb.tmobile.com', '*99#')).text).toContain('OK')
    expect(sim.profiles.list).toHaveLength(2)
  })

  it('decrypts PKCS#1 v1.5 when state-login says rsapadingtype 0, and multi-chunk bodies', async () => {
    const { sim, client } = await start({ variant: 'E5785', rsaPadding: 0 })
    expect(field(await client.get('user/state-login'), 'rsapadingtype')).toBe('0')
    const longName = 'Profile with a long name '.repeat(2).trim()
    expect((await client.createProfile(longName, 'pcweb.tmobile.com', '*99#')).text).toContain('OK')
    expect(sim.profiles.list[1]?.name).toBe(longName)
  })

  it('the UMG587 has no public key or module switches, and no mobile-dataswitch', async () => {
    const { client } = await start({ variant: 'UMG587' })
    for (const endpoint of ['webserver/publickey', 'global/module-switch', 'dialup/mobile-dataswitch']) expect(errorCode(await client.get(endpoint))).toBe(100002)
    expect(field(await client.get('dialup/profiles'), 'iptype')).toBeUndefined()
  })
})

describe('data connection (ConnectionStatus, reference §1.8)', () => {
  it('mobile-dataswitch 0 → 903 → 902; 1 → 900 → 901', async () => {
    const { client } = await start({ dataDisconnectMs: 1000, dataConnectMs: 1000 })
    const status = async () => field(await client.get('monitoring/status'), 'ConnectionStatus')
    expect((await client.post('dialup/mobile-dataswitch', { dataswitch: 0 })).text).toContain('OK')
    expect(await status()).toBe('903')
    expect(field(await client.get('dialup/mobile-dataswitch'), 'dataswitch')).toBe('0')
    await waitFor(async () => (await status()) === '902')
    expect(field(await client.get('monitoring/status'), 'WanIPAddress')).toBe('')
    await client.post('dialup/mobile-dataswitch', { dataswitch: 1 })
    expect(await status()).toBe('900')
    await waitFor(async () => (await status()) === '901')
  })

  it('an attach with an APN the network does not know fails with 27 (profile invalid), legacy dial included', async () => {
    const { client } = await start({ variant: 'UMG587' })
    const status = async () => field(await client.get('monitoring/status'), 'ConnectionStatus')
    await client.createProfile('Wrong', 'internet.example', '*99#', true, false)
    await client.post('dialup/dial', { Action: 0 })
    await waitFor(async () => (await status()) === '902')
    await client.post('dialup/dial', { Action: 1 })
    await waitFor(async () => (await status()) !== '900')
    expect(await status()).toBe('27')
  })
})

describe('USSD (examples/send_ussd.py, siphomateke ussd.js)', () => {
  it('answers 111019 while the network works, then the content; a menu answer goes through send', async () => {
    const { client } = await start({ ussdReplyMs: 1000 })
    expect((await client.post('ussd/send', { content: '#999#', codeType: 'CodeType', timeout: '' })).text).toContain('OK')
    expect(errorCode(await client.get('ussd/get'))).toBe(111019)
    expect(field(await client.get('ussd/status'), 'result')).toBe('1')
    await waitFor(async () => field(await client.get('ussd/status'), 'result') === '0')
    expect(field(await client.get('ussd/get'), 'content')).toContain('1. Balance')
    expect(field(await client.ussd('3'), 'content')).toBe('Your phone number is 2065550143.')
  })

  it('release ends the session; a menu answer after it goes nowhere (111001)', async () => {
    const { client } = await start()
    expect(field(await client.ussd('#999#'), 'content')).toContain('2. Data passes')
    expect(await client.get('ussd/release')).toContain('OK')
    expect(errorCode(await client.ussd('2'))).toBe(111001)
  })

  it('a silent network times out with 111020; a second send while one is pending is 111013', async () => {
    const { sim, client } = await start({ ussdNetworkTimeoutMs: 1000 })
    sim.setUssdNetworkSilent(true)
    await client.post('ussd/send', { content: '#225#', codeType: 'CodeType', timeout: '' })
    expect(errorCode((await client.post('ussd/send', { content: '#225#', codeType: 'CodeType', timeout: '' })).text)).toBe(111013)
    expect(errorCode(await client.get('ussd/get'))).toBe(111019)
    let code = 111019
    await waitFor(async () => (code = errorCode(await client.get('ussd/get'))) !== 111019)
    expect(code).toBe(111020)
  })

  it('needs a login on a device that wants one, and an empty code is 111016', async () => {
    const { client } = await start({}, false)
    expect(errorCode(await client.get('ussd/status'))).toBe(100003)
    await client.loginType4('admin', 'admin')
    expect(errorCode((await client.post('ussd/send', { content: '', codeType: 'CodeType', timeout: '' })).text)).toBe(111016)
  })
})

describe('SMS (Sms.py)', () => {
  const list = (client: SalamekLikeClient, page: number, readCount = 20, box = 1) =>
    client.post('sms/sms-list', { PageIndex: page, ReadCount: readCount, BoxType: box, SortType: 0, Ascending: 0, UnreadPreferred: 0 })

  it('pages the inbox: Count is the box total, a page past the end has Count 0 (get_messages stops)', async () => {
    const { client } = await start()
    const first = (await list(client, 1, 3)).text
    expect(field(first, 'Count')).toBe('4')
    expect(fields(first, 'Index')).toEqual(['40003', '40002', '40001'])
    expect(fields(first, 'SmsType')).toEqual(['1', '2', '1'])
    expect(first).toContain('<Content>明日の打ち合わせは10時からに変更になりました。よろしくお願いします。</Content>')
    expect(fields((await list(client, 2, 3)).text, 'Index')).toEqual(['40000'])
    expect(field((await list(client, 3, 3)).text, 'Count')).toBe('0')
    expect(errorCode((await list(client, 1, 0)).text)).toBe(100006) // ReadCount must be ≥ 1 (Salamek PR #15)
  })

  it('set-read, delete-sms (one Index only) and sms-count', async () => {
    const { client } = await start()
    let count = await client.get('sms/sms-count')
    expect([field(count, 'LocalUnread'), field(count, 'LocalInbox'), field(count, 'LocalMax')]).toEqual(['2', '4', '500'])
    expect(field(await client.get('monitoring/check-notifications'), 'UnreadMessage')).toBe('2')
    expect((await client.post('sms/set-read', { Index: 40001 })).text).toContain('OK')
    expect(errorCode((await client.post('sms/delete-sms', { Index: [40000, 40001] })).text)).toBe(100005)
    expect((await client.post('sms/delete-sms', { Index: 40000 })).text).toContain('OK')
    expect(errorCode((await client.post('sms/delete-sms', { Index: 40000 })).text)).toBe(113036)
    count = await client.get('sms/sms-count')
    expect([field(count, 'LocalUnread'), field(count, 'LocalInbox')]).toEqual(['1', '3'])
  })

  it('send-sms stores the message in the sent box and send-status reports it', async () => {
    const { client } = await start()
    const sent = await client.post('sms/send-sms', { Index: -1, Phones: { Phone: ['+12065550199'] }, Sca: null, Content: 'hello', Length: 5, Reserved: 1, Date: '2025-05-20 12:00:00' })
    expect(sent.text).toContain('OK')
    expect(field(await client.get('sms/send-status'), 'Phone')).toBe('+12065550199')
    await waitFor(async () => field(await client.get('sms/send-status'), 'SucPhone') === '+12065550199')
    expect(fields((await list(client, 1, 20, 2)).text, 'Content')).toEqual(['hello'])
  })

  it('strict element order (B525): an out-of-order sms-list is 100005', async () => {
    const { client } = await start({ strictSmsListOrder: true })
    const shuffled = await client.post('sms/sms-list', { ReadCount: 20, PageIndex: 1, BoxType: 1, SortType: 0, Ascending: 0, UnreadPreferred: 0 })
    expect(errorCode(shuffled.text)).toBe(100005)
    expect(field((await list(client, 1)).text, 'Count')).toBe('4')
  })

  it('a full store reports SmsStorageFull and refuses to send (113053)', async () => {
    const { sim, client } = await start({ smsCapacity: 4 })
    expect(field(await client.get('monitoring/check-notifications'), 'SmsStorageFull')).toBe('1')
    expect(sim.receiveSms('+12065550100', 'lost')).toBe(false)
    const sent = await client.post('sms/send-sms', { Index: -1, Phones: { Phone: ['+12065550199'] }, Sca: null, Content: 'x', Length: 1, Reserved: 1, Date: '2025-05-20 12:00:00' })
    expect(errorCode(sent.text)).toBe(113053)
  })
})

describe('PIN (Pin.py operate, encrypted)', () => {
  const operate = (client: SalamekLikeClient, type: string, currentPin: string | null, newPin: string | null = null, puk: string | null = null) =>
    client.post('pin/operate', { OperateType: type, CurrentPin: currentPin, NewPin: newPin, PukCode: puk }, true)

  it('a wrong PIN is 103002 and costs an attempt; three block the SIM (261); the PUK sets a new PIN', async () => {
    const { client } = await start({ sim: { pinState: 'pin-required' } })
    expect(field(await client.get('pin/status'), 'SimState')).toBe('260')
    expect(errorCode((await operate(client, '0', '0000')).text)).toBe(103002)
    expect(field(await client.get('pin/status'), 'SimPinTimes')).toBe('2')
    await operate(client, '0', '0001')
    await operate(client, '0', '0002')
    const status = await client.get('pin/status')
    expect([field(status, 'SimState'), field(status, 'SimPinTimes')]).toEqual(['261', '0'])
    expect(errorCode((await operate(client, '0', '1234')).text)).toBe(101003)
    expect(errorCode((await operate(client, '4', null, '5678', '00000000')).text)).toBe(103004)
    expect(field(await client.get('pin/status'), 'SimPukTimes')).toBe('9')
    expect((await operate(client, '4', null, '5678', '12345678')).text).toContain('OK')
    expect(field(await client.get('pin/status'), 'SimState')).toBe('257')
  })

  it('the right PIN unlocks and the data session comes up; plaintext is refused on E5785', async () => {
    const { client } = await start({ variant: 'E5785', sim: { pinState: 'pin-required' } })
    expect(errorCode((await client.post('pin/operate', { OperateType: 0, CurrentPin: '1234', NewPin: null, PukCode: null })).text)).toBe(100001)
    expect((await operate(client, '0', '1234')).text).toContain('OK')
    expect(field(await client.get('monitoring/status'), 'ConnectionStatus')).toBe('901')
  })
})

describe('routing', () => {
  it('an unknown POST is 100002 even before login; a known one wants the login first (100003)', async () => {
    const { client } = await start({}, false)
    expect(errorCode((await client.post('cradle/set-cradle', { Mode: 1 })).text)).toBe(100002)
    expect(errorCode((await client.post('dialup/mobile-dataswitch', { dataswitch: 0 })).text)).toBe(100003)
    expect(errorCode((await client.post('device/control', { Control: 1 })).text)).toBe(100003)
    expect(field(await client.get('global/module-switch'), 'ussd_enabled')).toBe('1') // open without login
    expect(field(await client.get('webserver/publickey'), 'encpubkeye')).toBe('010001')
  })
})

describe('device/control and clear-traffic', () => {
  it('Control 1: OK, then unreachable, then back with every session forgotten and a new data session', async () => {
    const { sim, client } = await start({ rebootMs: 300, dataConnectMs: 2000 })
    expect((await client.post('device/control', { Control: 1 })).text).toContain('OK')
    await waitFor(() => sim.isDown)
    await expect(fetch(`${client.baseUrl}/api/monitoring/status`)).rejects.toThrow()
    await waitFor(() => !sim.isDown)
    expect(errorCode(await client.get('device/information'))).toBe(100003) // the old cookie means nothing now
    expect(field(await client.get('monitoring/status'), 'ConnectionStatus')).toBe('900')
    expect(Number(field(await client.get('monitoring/traffic-statistics'), 'CurrentConnectTime'))).toBe(0)
  })

  it('Control 4 switches it off until the power button', async () => {
    const { sim, client } = await start({ dataConnectMs: 2000 })
    expect((await client.post('device/control', { Control: 4 })).text).toContain('OK')
    await waitFor(() => sim.isDown)
    await expect(fetch(`${client.baseUrl}/api/monitoring/status`)).rejects.toThrow()
    await sim.powerOn()
    expect(field(await client.get('monitoring/status'), 'ConnectionStatus')).toBe('900')
  })

  it('clear-traffic zeroes the totals and the month, and stamps MonthLastClearTime', async () => {
    let t = Date.UTC(2025, 4, 20, 12, 0, 0)
    const { client } = await start({ now: () => t })
    expect(Number(field(await client.get('monitoring/month_statistics'), 'CurrentMonthDownload'))).toBeGreaterThan(0)
    expect((await client.post('monitoring/clear-traffic', { ClearTraffic: 1 })).text).toContain('OK')
    const month = await client.get('monitoring/month_statistics')
    expect([field(month, 'CurrentMonthDownload'), field(month, 'CurrentMonthUpload'), field(month, 'MonthLastClearTime')]).toEqual(['0', '0', '2025-05-20'])
    expect(field(await client.get('monitoring/traffic-statistics'), 'TotalDownload')).toBe('0')
    t += 5000
    expect(Number(field(await client.get('monitoring/month_statistics'), 'CurrentMonthDownload'))).toBeGreaterThan(0)
  })
})
