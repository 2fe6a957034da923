// The ZTE driver's operation groups against the simulator (127.0.0.1 only): the shared APN transaction
// (switch, and rollback after an APN the network refuses) on every firmware variant, USSD menus and cancel,
// SMS list/read/delete/send, and control (data switch, counter reset, reboot).
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { switchApn, type ApnProgress } from '../../src/devices/apn-transaction'
import { createZteGoformDriver, type ZteDriverOptions, type ZteGoformDriver } from '../../src/devices/families/zte-goform'
import { ZteGoformSimulator, type RequestLogEntry, type ZteGoformSimulatorOptions, type ZteVariantId } from '../../src/simulators/zte-goform'

const running: ZteGoformSimulator[] = []
const drivers: ZteGoformDriver[] = []

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
})

const FAST: ZteGoformSimulatorOptions = { connectDelayMs: 40, disconnectDelayMs: 20, ussdDelayMs: 40, smsCommandDelayMs: 20, rebootMs: 300 }
const DRIVER: ZteDriverOptions = { pollIntervalMs: 20, reattachTimeoutMs: 2000, ussdTimeoutMs: 3000, smsCommandTimeoutMs: 3000, timeoutMs: 2000 }

async function setup(options: ZteGoformSimulatorOptions = {}, driverOptions: ZteDriverOptions = {}) {
  const sim = new ZteGoformSimulator({ ...FAST, ...options })
  running.push(sim)
  const { baseUrl } = await sim.start()
  const driver = createZteGoformDriver({ connection: { kind: 'http', baseUrl }, credentials: sim.credentials }, { ...DRIVER, ...driverOptions })
  drivers.push(driver)
  await driver.open()
  return { sim, driver }
}

function posts(sim: ZteGoformSimulator, goformId: string): RequestLogEntry[] {
  return sim.requestLog().filter((entry) => entry.method === 'POST' && entry.goformId === goformId && entry.adValid !== false)
}

async function rejection(promise: Promise<unknown>): Promise<ContractError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError)
    return error as ContractError
  }
  throw new Error('expected a rejection')
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const VARIANT_CASES: ReadonlyArray<{ profile: 'MF61' | 'MF96' | 'MF79U'; variant: ZteVariantId }> = [
  { profile: 'MF61', variant: 'base64' },
  { profile: 'MF96', variant: 'base64' },
  { profile: 'MF79U', variant: 'base64-md5ad' },
  { profile: 'MF79U', variant: 'sha256-md5ad' },
  { profile: 'MF79U', variant: 'sha256-sha256ad' }
]

describe.each(VARIANT_CASES)('APN transaction on $profile ($variant)', ({ profile, variant }) => {
  it('switches to a new profile the network accepts, and data comes back on it', async () => {
    const { sim, driver } = await setup({ profile, variant })
    const before = await driver.apn.list()
    const steps: ApnProgress[] = []
    const result = await switchApn(
      driver,
      { draft: { name: 'T-Mobile legacy', apn: 'epc.tmobile.com', auth: 'none', pdpType: 'ipv4' } },
      { verifyTimeoutMs: 3000, verifyPollMs: 50, onProgress: (step) => steps.push(step) }
    )
    expect(result).toMatchObject({ ok: true, restored: false, active: { name: 'T-Mobile legacy', apn: 'epc.tmobile.com', isDefault: true, pdpType: 'ipv4' } })
    expect(steps.filter((step) => step.status === 'ok').map((step) => step.step)).toEqual(['snapshot', 'apply', 'reattach', 'verify'])
    expect(sim.apnTable).toMatchObject({ mode: 'manual', currentIndex: 1 })
    expect(sim.apnTable.profiles.map((p) => p.apn)).toEqual(['fast.t-mobile.com', 'epc.tmobile.com'])
    expect(sim.pppStatus).toBe('ppp_connected')
    const after = await driver.apn.list()
    expect(after).toHaveLength(before.length + 1)
    expect((await driver.read()).data.state).toBe('connected')
    // DISCONNECT then CONNECT (reference §2.6), once each.
    expect(posts(sim, 'DISCONNECT_NETWORK')).toHaveLength(1)
    expect(posts(sim, 'CONNECT_NETWORK')).toHaveLength(1)
  })

  it('rolls back after an APN the network refuses: old default back, new profile gone, data up', async () => {
    const { sim, driver } = await setup({ profile, variant })
    const before = await driver.apn.list()
    const previous = before.find((candidate) => candidate.isDefault)
    const tableBefore = sim.apnTable
    const result = await switchApn(driver, { draft: { name: 'Typo', apn: 'fast.tmobile.com', auth: 'none', pdpType: 'ipv4v6' } }, { verifyTimeoutMs: 600, verifyPollMs: 50 })
    expect(result).toMatchObject({ ok: false, restored: true, error: { code: 'TIMEOUT', details: { dataState: 'disconnected' } } })
    expect(result.active).toEqual(previous)
    expect(sim.apnTable).toEqual(tableBefore)
    expect(await driver.apn.list()).toEqual(before)
    // The restore reattached on the old APN.
    for (let i = 0; i < 50 && sim.pppStatus !== 'ppp_connected'; i++) await sleep(20)
    expect(sim.pppStatus).toBe('ppp_connected')
  })
})

describe('APN operations', () => {
  it('starts on the operator automatic profile on MF79U and can return to it', async () => {
    const { sim, driver } = await setup({ profile: 'MF79U' })
    const profiles = await driver.apn.list()
    expect(profiles.find((profile) => profile.isDefault)).toMatchObject({ id: 'auto', apn: 'fast.t-mobile.com', readOnly: true })
    await driver.apn.setDefault('0')
    expect(sim.apnTable.mode).toBe('manual')
    await driver.apn.setDefault('auto')
    expect(sim.apnTable.mode).toBe('auto')
  })

  it('edits and deletes its own profiles; presets and the automatic profile are refused', async () => {
    const { sim, driver } = await setup({ profile: 'MF96' })
    const id = await driver.apn.create({ name: 'Work', apn: 'work.example', auth: 'chap', username: 'me', password: 'pw', pdpType: 'ipv4' })
    await driver.apn.update(id, { name: 'Work 2', apn: 'work2.example', auth: 'pap', pdpType: 'ipv4v6' })
    expect((await driver.apn.list()).find((profile) => profile.id === id)).toMatchObject({ name: 'Work 2', apn: 'work2.example', auth: 'pap', pdpType: 'ipv4v6' })
    expect((await rejection(driver.apn.remove('0'))).code).toBe('UNSUPPORTED')
    expect((await rejection(driver.apn.update('auto', { name: 'x', apn: 'x', auth: 'none', pdpType: 'ipv4' }))).code).toBe('UNSUPPORTED')
    expect((await rejection(driver.apn.setDefault('7'))).code).toBe('NOT_FOUND')
    await driver.apn.remove(id)
    expect(sim.apnTable.profiles).toHaveLength(1)
  })

  it('an MF61 has ten slots: the eleventh profile is refused with a clear error', async () => {
    const { driver } = await setup({ profile: 'MF61' })
    for (let i = 1; i < 10; i++) await driver.apn.create({ name: `P${i}`, apn: `p${i}.example`, auth: 'none', pdpType: 'ipv4' })
    const error = await rejection(driver.apn.create({ name: 'P10', apn: 'p10.example', auth: 'none', pdpType: 'ipv4' }))
    expect(error.code).toBe('PROTOCOL')
    expect(error.message).toMatch(/refused to save the APN profile "P10"/)
  })
})

describe('a session the device drops', () => {
  it('before an operation writes anything: one new login, and the operation completes', async () => {
    const { sim, driver } = await setup()
    sim.expireSession()
    await driver.sms.remove('2')
    expect(sim.messages.some((message) => message.id === 2)).toBe(false)
    expect(sim.stats.loginSuccesses).toBe(2)
  })

  it('in the middle of an operation that already wrote: not run twice, and the caller is told', async () => {
    const holder: { sim?: ZteGoformSimulator } = {}
    // Drop the session right after the device accepted the APN save (a web UI login elsewhere, say).
    const fetchThenDrop: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      if (typeof init?.body === 'string' && init.body.includes('goformId=APN_PROC_EX')) holder.sim?.expireSession()
      return response
    }
    const setupResult = await setup({ profile: 'MF96' }, { fetch: fetchThenDrop })
    const sim = (holder.sim = setupResult.sim)
    const error = await rejection(setupResult.driver.apn.create({ name: 'Once', apn: 'once.example', auth: 'none', pdpType: 'ipv4' }))
    expect(error).toMatchObject({ code: 'BUSY', details: { reason: 'session-lost-midway' } })
    expect(sim.apnTable.profiles.filter((profile) => profile.apn === 'once.example')).toHaveLength(1)
    expect((await setupResult.driver.apn.list()).some((profile) => profile.apn === 'once.example')).toBe(true)
  })
})

describe('USSD', () => {
  it('walks a two-level menu with UCS2 replies, and a final answer closes the session', async () => {
    const { sim, driver } = await setup()
    const menu = await driver.ussd.send('*123#')
    expect(menu).toEqual({ text: 'Prepaid menu — T-Mobile\n1 Balance\n2 Data\n3 Add-ons', sessionOpen: true })
    const data = await driver.ussd.respond('2')
    expect(data).toEqual({ text: 'Data\n1 Usage\n2 Buy 1 GB pass ($10)', sessionOpen: true })
    const usage = await driver.ussd.respond('1')
    expect(usage.sessionOpen).toBe(false)
    expect(usage.text).toMatch(/^You have used \d+\.\d\d GB of 10\.00 GB this month\.$/)
    expect(sim.ussdOpen).toBe(false)
  })

  it('answers single codes: balance and own number', async () => {
    const { driver } = await setup({ profile: 'MF61' })
    expect(await driver.ussd.send('#225#')).toEqual({ text: 'Your balance is $12.34. Your plan renews on the 14th.', sessionOpen: false })
    expect(await driver.ussd.send('#686#')).toEqual({ text: 'Your phone number is 12065550143.', sessionOpen: false })
  })

  it('cancel ends an open menu; answering afterwards is a clear error; cancel with nothing open is fine', async () => {
    const { sim, driver } = await setup()
    await driver.ussd.send('*123#')
    expect(sim.ussdOpen).toBe(true)
    await driver.ussd.cancel()
    expect(sim.ussdOpen).toBe(false)
    const late = await rejection(driver.ussd.respond('1'))
    expect(late).toMatchObject({ code: 'PROTOCOL', details: { ussdWriteFlag: '2' } })
    await expect(driver.ussd.cancel()).resolves.toBeUndefined()
  })

  it('no service → BUSY with the device flag; a malformed code → BAD_INPUT without a request', async () => {
    const { sim, driver } = await setup()
    sim.setSignalLost(true)
    expect(await rejection(driver.ussd.send('#225#'))).toMatchObject({ code: 'BUSY', details: { ussdWriteFlag: '1' } })
    sim.clearLog()
    expect((await rejection(driver.ussd.send('balance please'))).code).toBe('BAD_INPUT')
    expect(sim.requestLog()).toHaveLength(0)
  })

  it('aborting while the network thinks → CANCELLED, and the session is cancelled on the device', async () => {
    const { sim, driver } = await setup({ ussdDelayMs: 5000 })
    const controller = new AbortController()
    const pending = driver.ussd.send('*123#', controller.signal)
    await sleep(100)
    controller.abort()
    expect((await rejection(pending)).code).toBe('CANCELLED')
    expect(posts(sim, 'USSD_PROCESS').length).toBeGreaterThanOrEqual(2) // the send, then the cancel
    expect(sim.ussdOpen).toBe(false)
  })

  it('a network that never answers → TIMEOUT after the driver\'s limit', async () => {
    const { driver } = await setup({ ussdDelayMs: 60_000 }, { ussdTimeoutMs: 300 })
    expect((await rejection(driver.ussd.send('#225#'))).code).toBe('TIMEOUT')
  })
})

describe('SMS', () => {
  it('lists received messages with UCS2 text (Japanese, emoji), zones, and a long message missing a part', async () => {
    for (const profile of ['MF61', 'MF79U'] as const) {
      const { driver } = await setup({ profile })
      const messages = await driver.sms.list()
      expect(messages.map((message) => message.id)).toEqual(['5', '3', '2', '1']) // the sent message (4) is not listed
      expect(messages.find((message) => message.id === '2')).toMatchObject({
        from: '+818012345678',
        text: 'こんにちは！来週の打ち合わせは東京で行います。よろしくお願いします。',
        read: false
      })
      expect(messages.find((message) => message.id === '2')?.receivedAt).toMatch(/\+09:00$/)
      expect(messages.find((message) => message.id === '3')).toMatchObject({ text: 'Running late, be there in 10 🙂' })
      expect(messages.find((message) => message.id === '3')?.receivedAt).toMatch(/-07:00$/)
      // MF61 lists the long message once per stored part; the driver keeps the full text (com.js parseMessages).
      expect(messages.find((message) => message.id === '5')).toMatchObject({ partsMissing: 1, text: expect.stringMatching(/reduced until$/) })
      expect(messages.find((message) => message.id === '1')).toMatchObject({ from: '456', read: true })
    }
  })

  it('pages through a full inbox', async () => {
    const { sim, driver } = await setup({}, { smsPageSize: 7 })
    for (let i = 0; i < 20; i++) sim.receiveSms('+12065550100', `Message ${i}`, -420)
    const messages = await driver.sms.list()
    expect(messages).toHaveLength(24)
    expect(sim.requestLog().filter((entry) => entry.cmd?.[0] === 'sms_data_total').length).toBeGreaterThanOrEqual(4)
  })

  it('marks read, deletes, and reports storage', async () => {
    const { sim, driver } = await setup()
    expect(await driver.sms.storage!()).toEqual({ used: 5, total: 100 })
    await driver.sms.markRead!('3')
    expect((await driver.sms.list()).find((message) => message.id === '3')?.read).toBe(true)
    await driver.sms.remove('2')
    expect((await driver.sms.list()).map((message) => message.id)).toEqual(['5', '3', '1'])
    expect(sim.messages.some((message) => message.id === 2)).toBe(false)
    expect(await driver.sms.storage!()).toEqual({ used: 4, total: 100 })
  })

  it('deleting a message that is not there is reported, not ignored', async () => {
    const { driver } = await setup()
    const error = await rejection(driver.sms.remove('99'))
    expect(error).toMatchObject({ code: 'PROTOCOL', details: { smsCommand: 6 } })
    expect((await rejection(driver.sms.remove('x;1'))).code).toBe('BAD_INPUT')
  })

  it('sends Japanese text as UCS2 and waits for the device to report it sent', async () => {
    const { sim, driver } = await setup({}, { now: () => Date.UTC(2025, 4, 20, 3, 0, 0), utcOffsetMinutes: () => 540 })
    await driver.sms.send!('+818012345678', 'ありがとう、また明日！')
    const sent = sim.messages.find((message) => message.tag === 2 && message.number === '+818012345678')
    expect(sent).toMatchObject({ text: 'ありがとう、また明日！', date: '25,05,20,12,00,00,+36' })
    const form = sim.requestLog().find((entry) => entry.goformId === 'SEND_SMS' && entry.result === 'success')
    expect(form).toBeDefined()
  })

  it('a send the network cannot deliver is an error, and the device keeps it as failed', async () => {
    const { sim, driver } = await setup()
    sim.setSignalLost(true)
    expect(await rejection(driver.sms.send!('+12065550199', 'are you there?'))).toMatchObject({ code: 'PROTOCOL', details: { smsCommand: 4 } })
    expect(sim.messages.find((message) => message.text === 'are you there?')?.tag).toBe(3)
  })
})

describe('control', () => {
  it('switches mobile data off and on', async () => {
    const { sim, driver } = await setup()
    await driver.control.setDataEnabled!(false)
    for (let i = 0; i < 50 && sim.pppStatus !== 'ppp_disconnected'; i++) await sleep(10)
    expect((await driver.read()).data.state).toBe('disconnected')
    await driver.control.setDataEnabled!(true)
    for (let i = 0; i < 50 && sim.pppStatus !== 'ppp_connected'; i++) await sleep(10)
    expect((await driver.read()).data.state).toBe('connected')
  })

  it('resets the monthly counters', async () => {
    const { driver } = await setup()
    const before = await driver.read()
    expect(before.usage.monthDownloadBytes!).toBeGreaterThan(1_000_000)
    await driver.control.resetUsage!()
    const after = await driver.read()
    expect(after.usage.monthDownloadBytes!).toBeLessThan(before.usage.monthDownloadBytes! / 100)
  })

  it('reboots: gone while it restarts, then back with a new login', async () => {
    const { sim, driver } = await setup({ rebootMs: 400 })
    await driver.read()
    await driver.control.reboot!()
    expect(sim.stats.reboots).toBe(1)
    await sleep(50)
    expect((await rejection(driver.read())).code).toBe('DEVICE_GONE')
    await sleep(500)
    const reading = await driver.read()
    expect(reading.sim.state).toBe('ready')
    expect(sim.stats.loginSuccesses).toBe(2)
  })
})
