// The Netgear driver against the Nighthawk M1 simulator over loopback HTTP (127.0.0.1 only): login, no automatic
// login retry, session expiry and takeover, readings that move with the clock, APN switching through the shared
// transaction (success and rollback), SMS, data switch, reboot, transport failures, and the family fingerprint.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { switchApn } from '../../src/devices/apn-transaction'
import type { DeviceTarget } from '../../src/devices/driver'
import { createNetgearDriver, netgearFamily, type NetgearDriver, type NetgearDriverOptions } from '../../src/devices/families/netgear'
import { isLuhnValid, NetgearSimulator, type NetgearSimulatorOptions } from '../../src/simulators/netgear'

const running: NetgearSimulator[] = []
const drivers: NetgearDriver[] = []
const plainServers: Server[] = []

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
  for (const server of plainServers.splice(0)) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})

function clock(start = Date.UTC(2025, 4, 20, 18, 0, 0)) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

async function startSim(options: NetgearSimulatorOptions = {}) {
  const sim = new NetgearSimulator({ connectDelayMs: 0, ...options })
  running.push(sim)
  const { baseUrl } = await sim.start()
  expect(new URL(baseUrl).hostname).toBe('127.0.0.1')
  return { sim, baseUrl }
}

function driverFor(baseUrl: string, credentials: DeviceTarget['credentials'], options: NetgearDriverOptions = {}) {
  const driver = createNetgearDriver({ connection: { kind: 'http', baseUrl }, credentials }, options)
  drivers.push(driver)
  return driver
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<ContractError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught
  )
  expect(error).toBeInstanceOf(ContractError)
  expect((error as ContractError).code).toBe(code)
  return error as ContractError
}

const noSleep = async () => undefined

describe('reading a device', () => {
  it('logs in and fills the normalized model (demo MR1100 with the T-Mobile prepaid SIM)', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = netgearFamily.create({ connection: { kind: 'http', baseUrl }, credentials: sim.credentials }) as NetgearDriver
    drivers.push(driver)
    await driver.open()
    const reading = await driver.read()

    expect(sim.stats).toMatchObject({ passwordChecks: 1, loginSuccesses: 1, logoutToggles: 0 })
    expect(sim.adminSessions).toBe(1)
    expect(reading.identity).toMatchObject({ manufacturer: 'Netgear', model: 'MR1100', firmware: 'NTG9X50C_12.06.39.00' })
    expect(isLuhnValid(reading.identity.imei ?? '')).toBe(true)
    expect(reading.sim).toMatchObject({ state: 'ready', msisdn: '(206) 555-0147', msisdnSource: 'device', spn: 'T-Mobile', pinAttemptsLeft: 3 })
    expect(reading.sim.iccid).toMatch(/^8901260\d{12}$/)
    expect(isLuhnValid(reading.sim.iccid ?? '')).toBe(true)
    expect(reading.sim.imsi).toMatch(/^310260\d{9}$/)
    expect(reading.registration).toEqual({ state: 'home', operatorName: 'T-Mobile', plmn: '310260' })
    expect(reading.signal).toMatchObject({ rat: 'lte', networkType: '4G LTE' })
    expect(reading.signal.band).toMatch(/^LTE B\d+$/)
    expect(reading.signal.rsrpDbm).toBeLessThan(-60)
    expect(reading.signal.bars).toBeGreaterThanOrEqual(0)
    expect(reading.data.state).toBe('connected')
    expect(reading.data.ipv4).toMatch(/^100\./)
    expect(reading.usage).toMatchObject({ billingDay: 14, monthLimitBytes: 10 * 1024 ** 3 })
    expect(reading.usage.monthDownloadBytes).toBeGreaterThan(reading.usage.sessionDownloadBytes ?? Infinity)
    expect(reading.battery).toEqual({ percent: 78, charging: false, low: false })
    expect(reading.wifiClients).toBe(2)
    expect(driver.lastIssues).toEqual([])
    expect([...driver.capabilities].sort()).toEqual(['apnRead', 'apnWrite', 'dataSwitch', 'deviceSettings', 'readBattery', 'readIdentity', 'readMsisdn', 'readSignal', 'readUsage', 'reboot', 'sms', 'wifiSettings'])
  })

  it('never posts the password on a session that is already admin (the post would log it out)', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.open()
    await driver.open()
    await driver.read()
    expect(sim.stats).toMatchObject({ passwordChecks: 1, logoutToggles: 0 })
    expect(sim.adminSessions).toBe(1)
  })

  it('readings change over time: signal walks, counters grow', async () => {
    const time = clock()
    const { baseUrl, sim } = await startSim({ now: time.now, seed: 7 })
    const driver = driverFor(baseUrl, sim.credentials, { now: time.now })
    const first = await driver.read()
    time.advance(90_000)
    const second = await driver.read()
    const signalOf = (r: typeof first) => [r.signal.rsrpDbm, r.signal.rsrqDb, r.signal.sinrDb, r.signal.rssiDbm]
    expect(signalOf(second)).not.toEqual(signalOf(first))
    expect(second.usage.sessionDownloadBytes!).toBeGreaterThan(first.usage.sessionDownloadBytes!)
    expect(second.usage.sessionSeconds! - first.usage.sessionSeconds!).toBe(90)
    expect(second.usage.monthDownloadBytes!).toBeGreaterThan(first.usage.monthDownloadBytes!)
  })

  it('lost signal and a used-up plan show up in the reading', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    sim.setSignalLost(true)
    const lost = await driver.read()
    expect(lost.signal).toEqual({ bars: 0, rat: 'none' })
    expect(lost.registration.state).toBe('searching')
    expect(lost.data.state).toBe('disconnected')
    sim.setSignalLost(false)
    expect((await driver.read()).data.state).toBe('connected')
    sim.exhaustDataPlan()
    const exhausted = await driver.read()
    expect(exhausted.data).toEqual({ state: 'disconnected', failureReason: 'the monthly data limit set on the device has been used up' })
    sim.restoreDataPlan()
    expect((await driver.read()).data.state).toBe('connected')
  })
})

describe('logins', () => {
  it('a wrong password is AUTH_FAILED after exactly one attempt, and never retried', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, { password: 'not-the-password' })
    const error = await expectCode(driver.open(), 'AUTH_FAILED')
    expect(error.details).toMatchObject({ reason: 'wrong-password' })
    expect(sim.stats).toMatchObject({ passwordChecks: 1, loginFailures: 1 })
    // Later calls (a host poll, an operation) get the same refusal without touching the password again.
    await expectCode(driver.read(), 'AUTH_FAILED')
    await expectCode(driver.open(), 'AUTH_FAILED')
    await expectCode(driver.sms.list(), 'AUTH_FAILED')
    expect(sim.stats.passwordChecks).toBe(1)
  })

  it('parallel opens share one login attempt', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, { password: 'wrong' })
    const results = await Promise.allSettled([driver.open(), driver.open(), driver.read()])
    expect(results.every((result) => result.status === 'rejected')).toBe(true)
    expect(sim.stats.passwordChecks).toBe(1)
  })

  it('no password: AUTH_FAILED (password-required) without a login attempt', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, undefined)
    const error = await expectCode(driver.read(), 'AUTH_FAILED')
    expect(error.details).toMatchObject({ reason: 'password-required' })
    expect(sim.stats.passwordChecks).toBe(0)
  })

  it('with the (optional, [U]) lockout: even the right password is refused while locked; each driver tries once', async () => {
    const time = clock()
    const { sim, baseUrl } = await startSim({ now: time.now, lockout: { maxFailures: 3, lockSeconds: 300 } })
    for (let i = 0; i < 3; i++) await expectCode(driverFor(baseUrl, { password: `guess-${i}` }).open(), 'AUTH_FAILED')
    expect(sim.loginsLocked).toBe(true)
    await expectCode(driverFor(baseUrl, sim.credentials).open(), 'AUTH_FAILED')
    expect(sim.stats).toMatchObject({ passwordChecks: 3, lockedRejections: 1, lockouts: 1 })
    time.advance(301_000)
    await driverFor(baseUrl, sim.credentials).open()
    expect(sim.stats.loginSuccesses).toBe(1)
  })

  it('an expired session is renewed through /sess_cd_tmp and logged in again, once', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    sim.clearLog()
    sim.expireSession()
    const reading = await driver.read()
    expect(reading.identity.model).toBe('MR1100')
    expect(sim.stats).toMatchObject({ passwordChecks: 2, loginSuccesses: 2 })
    expect(sim.requestLog().some((entry) => entry.path === '/sess_cd_tmp')).toBe(true)
  })

  it('idle expiry on the device clock is handled the same way', async () => {
    const time = clock()
    const { sim, baseUrl } = await startSim({ now: time.now, sessionIdleMs: 60_000 })
    const driver = driverFor(baseUrl, sim.credentials, { now: time.now })
    await driver.read()
    time.advance(61_000)
    await driver.read()
    expect(sim.stats.loginSuccesses).toBe(2)
  })

  it('another admin taking the session: BUSY first, a new login only after the back-off', async () => {
    const time = clock()
    const { sim, baseUrl } = await startSim({ now: time.now })
    const driver = driverFor(baseUrl, sim.credentials, { now: time.now, reloginAfterKickMs: 60_000 })
    await driver.read()
    sim.kickSession()
    const error = await expectCode(driver.read(), 'BUSY')
    expect(error.details).toMatchObject({ reason: 'session-taken' })
    time.advance(30_000)
    await expectCode(driver.read(), 'BUSY')
    expect(sim.stats.passwordChecks).toBe(1)
    time.advance(31_000)
    expect((await driver.read()).identity.model).toBe('MR1100')
    expect(sim.stats.passwordChecks).toBe(2)
    expect(sim.adminSessions).toBe(1)
  })

  it('reloginAfterKickMs 0 takes the session back at once', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials, { reloginAfterKickMs: 0 })
    await driver.read()
    sim.kickSession()
    await driver.read()
    expect(sim.stats.loginSuccesses).toBe(2)
  })

  it('a write on an expired session logs in again and is sent once more', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    sim.expireSession()
    await driver.sms.markRead!('3')
    expect(sim.smsStore.inbox.find((message) => message.id === 3)?.read).toBe(true)
    expect(sim.stats.loginSuccesses).toBe(2)
  })
})

describe('APN (shared transaction, reference §3.1)', () => {
  it('lists the profiles with the default marked', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    expect(await driver.apn.list()).toEqual([
      { id: 'T-Mobile', name: 'T-Mobile', apn: 'fast.t-mobile.com', auth: 'none', pdpType: 'ipv4v6', isDefault: true },
      { id: 'T-Mobile Tethering', name: 'T-Mobile Tethering', apn: 'pcweb.tmobile.com', auth: 'none', pdpType: 'ipv4v6', isDefault: false }
    ])
  })

  it('switches to a new working APN: created, made default, reattached, verified', async () => {
    const { sim, baseUrl } = await startSim({ connectDelayMs: 200 })
    const driver = driverFor(baseUrl, sim.credentials)
    const steps: string[] = []
    const result = await switchApn(driver, { draft: { name: 'Legacy', apn: 'epc.tmobile.com', auth: 'none', pdpType: 'ipv4v6' } }, {
      verifyTimeoutMs: 5000,
      verifyPollMs: 50,
      onProgress: (progress) => steps.push(`${progress.step}:${progress.status}`)
    })
    expect(result).toMatchObject({ ok: true, restored: false, active: { id: 'Legacy', apn: 'epc.tmobile.com', isDefault: true } })
    expect(steps).toContain('verify:ok')
    expect(sim.profiles.defaultId).toBe('Legacy')
    expect((await driver.read()).data.state).toBe('connected')
  })

  it('an APN the network rejects: data stays down, the transaction restores the old default and removes the new profile', async () => {
    const { sim, baseUrl } = await startSim({ connectDelayMs: 50 })
    const driver = driverFor(baseUrl, sim.credentials)
    const result = await switchApn(driver, { draft: { name: 'Typo', apn: 'fast.t-mobiel.com', auth: 'none', pdpType: 'ipv4v6' } }, {
      verifyTimeoutMs: 600,
      verifyPollMs: 50
    })
    expect(result).toMatchObject({ ok: false, restored: true, error: { code: 'TIMEOUT' }, active: { id: 'T-Mobile', apn: 'fast.t-mobile.com' } })
    expect(sim.profiles.profiles.map((profile) => profile.id)).toEqual(['T-Mobile', 'T-Mobile Tethering'])
    expect(sim.profiles.defaultId).toBe('T-Mobile')
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect((await driver.read()).data.state).toBe('connected')
  })

  it('switches to an existing profile by id', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    const result = await switchApn(driver, { profileId: 'T-Mobile Tethering' }, { verifyTimeoutMs: 1000, verifyPollMs: 20, sleep: noSleep })
    expect(result).toMatchObject({ ok: true, active: { id: 'T-Mobile Tethering', apn: 'pcweb.tmobile.com' } })
  })

  it('updates a profile, and the device refuses a value it does not take', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.apn.update('T-Mobile Tethering', { name: 'DUN', apn: 'pcweb.tmobile.com', auth: 'chap', pdpType: 'ipv4', username: 'u', password: 'p' })
    const updated = (await driver.apn.list()).find((profile) => profile.id === 'T-Mobile Tethering')
    expect(updated).toMatchObject({ name: 'DUN', auth: 'chap', pdpType: 'ipv4', username: 'u' })
    expect(sim.profiles.find('T-Mobile Tethering', undefined)?.password).toBe('p')
    const error = await expectCode(driver.apn.update('T-Mobile Tethering', { name: 'DUN', apn: 'bad apn!', auth: 'none', pdpType: 'ipv4' }), 'PROTOCOL')
    expect(error.details).toMatchObject({ errdetail: 'profile.apn' })
    await expectCode(driver.apn.remove('T-Mobile'), 'PROTOCOL') // the active profile cannot be deleted
    await expectCode(driver.apn.update('nope', { name: 'x', apn: 'x', auth: 'none', pdpType: 'ipv4' }), 'NOT_FOUND')
  })
})

describe('SMS', () => {
  it('lists, marks read, deletes and sends', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    const inbox = await driver.sms.list()
    expect(inbox.map((message) => [message.id, message.from, message.read])).toEqual([
      ['1', '456', true],
      ['2', '456', true],
      ['3', '+12065550123', false]
    ])
    // MR1100 month-first times in the device's local time (UTC-7 by default).
    for (const message of inbox) expect(message.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-07:00$/)
    await driver.sms.markRead!('3')
    await driver.sms.remove('1')
    expect((await driver.sms.list()).map((message) => [message.id, message.read])).toEqual([
      ['2', true],
      ['3', true]
    ])
    await expectCode(driver.sms.remove('99'), 'PROTOCOL')
    await driver.sms.send!('+12065550188', 'Hello from Hotspot Desk')
    expect(sim.smsStore.outbox.at(-1)).toMatchObject({ clientId: 'hotspot-desk', receiver: '+12065550188', text: 'Hello from Hotspot Desk', status: 'Succeeded' })
    await driver.sms.send!('(206) 555-0189', 'formatted numbers are sent as digits')
    expect(sim.smsStore.outbox.at(-1)).toMatchObject({ receiver: '2065550189', status: 'Succeeded' })
    await expectCode(driver.sms.send!('not a number', 'x'), 'BAD_INPUT')
  })

  it('reports a message the device failed to send', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    sim.setSignalLost(true)
    const error = await expectCode(driver.sms.send!('+12065550188', 'nobody hears this'), 'PROTOCOL')
    expect(error.details).toMatchObject({ status: 'Failed' })
  })

  it('a text that arrives shows up in the next list', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    sim.deliverSms('611611', 'Your balance is $10.00')
    expect((await driver.sms.list()).at(-1)).toMatchObject({ id: '4', from: '611611', text: 'Your balance is $10.00', read: false })
  })
})

describe('control', () => {
  it('switches mobile data off and on', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.control.setDataEnabled!(false)
    expect((await driver.read()).data.state).toBe('disconnected')
    await driver.control.setDataEnabled!(true)
    expect((await driver.read()).data.state).toBe('connected')
  })

  it('reboots: the device goes away, comes back, and the driver logs in again', async () => {
    const { sim, baseUrl } = await startSim({ rebootMs: 400 })
    const driver = driverFor(baseUrl, sim.credentials, { timeoutMs: 1000 })
    const before = await driver.read()
    await driver.control.reboot!()
    await new Promise((resolve) => setTimeout(resolve, 100))
    await expectCode(driver.read(), 'DEVICE_GONE')
    await sim.waitForReboot()
    const after = await driver.read()
    expect(sim.stats).toMatchObject({ reboots: 1, loginSuccesses: 2, passwordChecks: 2 })
    expect(after.identity.imei).toBe(before.identity.imei)
    expect(after.usage.sessionSeconds).toBeLessThan(before.usage.sessionSeconds!)
  })
})

describe('transport failures are typed errors', () => {
  it('HTTP 500 → PROTOCOL, then the next read works', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    sim.respondWithServerError(1)
    const error = await expectCode(driver.read(), 'PROTOCOL')
    expect(error.details).toMatchObject({ httpStatus: 500 })
    expect((await driver.read()).identity.model).toBe('MR1100')
  })

  it('malformed JSON → PROTOCOL, every kind of garbage', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    for (let i = 0; i < 5; i++) {
      sim.respondWithGarbage(1)
      await expectCode(driver.read(), 'PROTOCOL')
    }
    expect(sim.requestLog().filter((entry) => entry.fault === 'garbage')).toHaveLength(5)
    expect((await driver.read()).data.state).toBe('connected')
    expect(sim.stats.passwordChecks).toBe(1)
  })

  it('unplugged → DEVICE_GONE; replugged → readings again (same session)', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials, { timeoutMs: 1000 })
    await driver.read()
    await sim.unplug()
    await expectCode(driver.read(), 'DEVICE_GONE')
    await sim.replug()
    await driver.read()
    expect(sim.stats.passwordChecks).toBe(1)
  })

  it('no answer in time → TIMEOUT', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials, { timeoutMs: 300 })
    await driver.read()
    sim.setLatency(2000)
    await expectCode(driver.read(), 'TIMEOUT')
  })

  it('an address that is not http is BAD_INPUT', async () => {
    const driver = createNetgearDriver({ connection: { kind: 'serial', path: '/dev/ttyUSB0' }, credentials: { password: 'x' } })
    await expectCode(driver.open(), 'BAD_INPUT')
  })
})

describe('fingerprint (reference §0.1)', () => {
  it('recognises the simulator as Netgear MR1100 wanting a login', async () => {
    const { baseUrl } = await startSim()
    expect(await netgearFamily.fingerprint({ kind: 'http', baseUrl })).toEqual({ family: 'netgear', model: 'MR1100', loginRequired: true })
  })

  it.each([
    ['a JSON API without secToken', 'application/json', '{"session": {}, "general": {"model": "X"}}'],
    ['an Inseego status', 'application/json', '{"statusData": {"statusBarSignalBars": "3"}}'],
    ['an HTML page', 'text/html', '<html><body>router</body></html>'],
    ['a Huawei error document', 'text/html', '<?xml version="1.0"?><error><code>100002</code></error>']
  ])('null for %s', async (_name, type, body) => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': type })
      res.end(body)
    })
    plainServers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    expect(await netgearFamily.fingerprint({ kind: 'http', baseUrl })).toBeNull()
  })

  it('null when nothing listens, and for serial targets', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    await new Promise<void>((resolve) => server.close(() => resolve()))
    expect(await netgearFamily.fingerprint({ kind: 'http', baseUrl: `http://127.0.0.1:${port}` })).toBeNull()
    expect(await netgearFamily.fingerprint({ kind: 'serial', path: '/dev/ttyUSB0' })).toBeNull()
  })
})
