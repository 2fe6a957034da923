// The ZTE goform driver against the simulator over loopback HTTP (127.0.0.1 only), for every firmware
// variant: login (base64 / SHA-256+LD), no automatic login retry, lockout, a session taken elsewhere, idle
// expiry, a fresh RD before every write, transport failures, readings that move with the clock, and the
// family fingerprint, positive and negative.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import type { DeviceTarget } from '../../src/devices/driver'
import { createZteGoformDriver, zteGoformFamily, type ZteDriverOptions, type ZteFingerprint, type ZteGoformDriver } from '../../src/devices/families/zte-goform'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'
import { isLuhnValid, ZteGoformSimulator, type RequestLogEntry, type ZteGoformSimulatorOptions, type ZteVariantId } from '../../src/simulators/zte-goform'

const running: Array<{ stop(): Promise<void> }> = []
const drivers: ZteGoformDriver[] = []
const plainServers: Server[] = []

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
  for (const server of plainServers.splice(0)) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})

/** A controllable clock shared by the simulator (signal walk, idle timeout, lockout). */
function clock(start = Date.UTC(2025, 4, 20, 12, 0, 0)) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

const FAST: ZteGoformSimulatorOptions = { connectDelayMs: 40, disconnectDelayMs: 20, ussdDelayMs: 40, smsCommandDelayMs: 20, rebootMs: 300 }
const DRIVER: ZteDriverOptions = { pollIntervalMs: 20, reattachTimeoutMs: 2000, ussdTimeoutMs: 3000, smsCommandTimeoutMs: 3000, timeoutMs: 2000 }

async function startSim(options: ZteGoformSimulatorOptions = {}) {
  const sim = new ZteGoformSimulator({ ...FAST, ...options })
  running.push(sim)
  const { baseUrl } = await sim.start()
  expect(new URL(baseUrl).hostname).toBe('127.0.0.1')
  return { sim, baseUrl }
}

function driverFor(baseUrl: string, credentials: DeviceTarget['credentials'], options: ZteDriverOptions = {}) {
  const driver = createZteGoformDriver({ connection: { kind: 'http', baseUrl }, credentials }, { ...DRIVER, ...options })
  drivers.push(driver)
  return driver
}

function posts(sim: ZteGoformSimulator, goformId?: string): RequestLogEntry[] {
  return sim.requestLog().filter((entry) => entry.method === 'POST' && (goformId === undefined || entry.goformId === goformId))
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

const VARIANTS: ReadonlyArray<{ variant: ZteVariantId; login: 'base64' | 'sha256'; ad: boolean }> = [
  { variant: 'base64', login: 'base64', ad: false },
  { variant: 'base64-md5ad', login: 'base64', ad: true },
  { variant: 'sha256-md5ad', login: 'sha256', ad: true },
  { variant: 'sha256-sha256ad', login: 'sha256', ad: true }
]

describe.each(VARIANTS)('firmware variant $variant', ({ variant, login, ad }) => {
  it('logs in with one attempt and fills the normalized model', async () => {
    const { sim, baseUrl } = await startSim({ profile: 'MF79U', variant, password: 'pässwörd-1' })
    const driver = driverFor(baseUrl, { password: 'pässwörd-1' })
    await driver.open()
    const reading = await driver.read()

    expect(posts(sim, 'LOGIN')).toHaveLength(1)
    expect(sim.stats).toMatchObject({ passwordChecks: 1, loginSuccesses: 1, loginFailures: 0 })
    if (login === 'sha256') {
      // The salt was read right before the attempt (reference §2.2), in the request before the LOGIN.
      const log = sim.requestLog()
      const loginAt = log.findIndex((entry) => entry.goformId === 'LOGIN')
      expect(log[loginAt - 1]?.issuedLd).toMatch(/^[0-9A-F]{64}$/)
    } else {
      expect(sim.requestLog().some((entry) => entry.issuedLd !== undefined)).toBe(false)
    }
    expect(reading.identity).toMatchObject({ manufacturer: 'ZTE', model: 'MF79U', firmware: 'BD_MF79UV1.0.0B06', hardware: 'MF79U-HW1.0' })
    expect(isLuhnValid(reading.identity.imei ?? '')).toBe(true)
    expect(reading.sim).toMatchObject({ state: 'ready', iccid: '8901260412055501434', imsi: '310260412055501', msisdn: '+12065550143', msisdnSource: 'device', spn: 'T-Mobile' })
    expect(reading.registration).toEqual({ state: 'home', operatorName: 'T-Mobile', plmn: '310260' })
    expect(reading.signal).toMatchObject({ rat: 'lte', networkType: 'LTE', band: '66' })
    expect(reading.signal.rsrpDbm).toBeLessThan(-60)
    expect(reading.signal.rsrqDb).toBeLessThan(0)
    expect(reading.data.state).toBe('connected')
    expect(reading.data.ipv4).toMatch(/^10\./)
    expect(reading.data.ipv6).toMatch(/^2607:fb90:/)
    expect(reading.usage.monthLimitBytes).toBe(10 * 1024 ** 3)
    expect(reading.battery).toBeUndefined() // a USB modem
    expect(reading.wifiClients).toBe(2)
    expect(driver.capabilities.has('readBattery')).toBe(false)
    expect(driver.capabilities.has('readMsisdn')).toBe(true)
  })

  it('a wrong password is AUTH_FAILED after exactly one attempt, and is not tried again by read()', async () => {
    const { sim, baseUrl } = await startSim({ profile: 'MF79U', variant })
    const driver = driverFor(baseUrl, { password: 'not-the-password' })
    const error = await rejection(driver.open())
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.details).toMatchObject({ reason: 'wrong-password', attemptsLeft: 4, zteResult: '3' })

    const again = await rejection(driver.read())
    expect(again.code).toBe('AUTH_FAILED')
    const ussd = await rejection(driver.ussd.send('#225#'))
    expect(ussd.code).toBe('AUTH_FAILED')
    expect(posts(sim, 'LOGIN')).toHaveLength(1)
    expect(sim.stats.passwordChecks).toBe(1)
  })

  it(ad ? 'reads a fresh RD before every write and signs each with its own AD' : 'writes without AD (the firmware hands out no RD)', async () => {
    const { sim, baseUrl } = await startSim({ profile: 'MF79U', variant })
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.open()
    sim.clearLog()
    await driver.control.setDataEnabled?.(false)
    await driver.sms.markRead?.('3')
    await driver.control.resetUsage?.()
    await driver.control.setDataEnabled?.(true)

    const log = sim.requestLog()
    const writes = log.filter((entry) => entry.method === 'POST')
    expect(writes.length).toBeGreaterThanOrEqual(4)
    if (!ad) {
      expect(log.some((entry) => entry.issuedRd !== undefined)).toBe(false)
      expect(writes.every((entry) => entry.result === 'success')).toBe(true)
      return
    }
    // Each POST used the RD handed out by the read just before it, and no RD twice.
    let lastRd: string | undefined
    for (const entry of log) {
      if (entry.method === 'GET' && entry.issuedRd !== undefined) lastRd = entry.issuedRd
      if (entry.method === 'POST') {
        expect(entry.usedRd).toBeDefined()
        expect(entry.usedRd).toBe(lastRd)
        lastRd = undefined
      }
    }
    const used = writes.map((entry) => entry.usedRd)
    expect(new Set(used).size).toBe(used.length)
    expect(driver.signedWith.slice(-used.length)).toEqual(used)
    // MD5 is tried first; a SHA-256 firmware costs one refused write, once, then every write is signed right.
    const refused = writes.filter((entry) => entry.adValid === false)
    expect(refused).toHaveLength(variant === 'sha256-sha256ad' ? 1 : 0)
    expect(writes.filter((entry) => entry.result === 'success')).toHaveLength(4)
    if (refused.length > 0) expect(writes.indexOf(refused[0] as RequestLogEntry)).toBe(0)
  })

  it('is fingerprinted as ZTE goform with its login scheme and write token', async () => {
    const { baseUrl } = await startSim({ profile: 'MF79U', variant })
    const fingerprint = (await zteGoformFamily.fingerprint({ kind: 'http', baseUrl })) as ZteFingerprint | null
    expect(fingerprint).toMatchObject({ family: 'zte-goform', model: 'MF79U', loginRequired: true, login, writeToken: ad ? 'required' : 'none' })
    // MD5 and SHA-256 AD cannot be told apart by reading; only the AD-less generation is named outright.
    if (variant === 'base64') expect(fingerprint?.variant).toBe('base64')
    else expect(fingerprint?.variant).toBeUndefined()
  })
})

describe('device profiles', () => {
  it('MF61 (T-Mobile 4G Mobile Hotspot): HSPA+ with RSCP/Ec/Io, battery, base64 without AD', async () => {
    const { sim, baseUrl } = await startSim({ profile: 'MF61' })
    expect(sim.variant.id).toBe('base64')
    const driver = driverFor(baseUrl, sim.credentials)
    const reading = await driver.read()
    expect(reading.identity.model).toBe('MF61')
    expect(reading.signal).toMatchObject({ rat: 'umts', networkType: 'HSPA+' })
    expect(reading.signal.rscpDbm).toBeLessThan(-40)
    expect(reading.signal.ecioDb).toBeLessThan(0)
    expect(reading.signal.rsrpDbm).toBeUndefined()
    expect(reading.sim).toMatchObject({ iccid: '8901260412055501434', imsi: '310260412055501', msisdn: '+12065550143', spn: 'T-Mobile' })
    expect(reading.battery?.percent).toBeGreaterThan(0)
    expect(reading.battery?.charging).toBe(false)
    expect(driver.capabilities.has('readBattery')).toBe(true)
  })

  it('MF96 (T-Mobile Sonic 2.0 LTE): positive RSRQ read as negative, lte_sinr, band 4, sim_msisdn', async () => {
    const { sim, baseUrl } = await startSim({ profile: 'MF96' })
    const driver = driverFor(baseUrl, sim.credentials)
    const reading = await driver.read()
    expect(reading.identity.model).toBe('MF96')
    expect(reading.signal).toMatchObject({ rat: 'lte', band: '4' })
    expect(reading.signal.rsrqDb).toBeLessThan(0)
    expect(reading.signal.sinrDb).toBeDefined()
    expect(reading.sim.msisdn).toBe('+12065550143')
    expect(reading.battery).toBeDefined()
  })

  it('a SIM without its own number: no msisdn, and readMsisdn is dropped', async () => {
    const { sim, baseUrl } = await startSim({ profile: 'MF79U', sim: { msisdn: '' } })
    const driver = driverFor(baseUrl, sim.credentials)
    const reading = await driver.read()
    expect(reading.sim.msisdn).toBeUndefined()
    expect(reading.sim.msisdnSource).toBeUndefined()
    expect(driver.capabilities.has('readMsisdn')).toBe(false)
  })
})

describe('login rules', () => {
  it('without a password: AUTH_FAILED (password required) and no LOGIN at all', async () => {
    const { sim, baseUrl } = await startSim()
    const error = await rejection(driverFor(baseUrl, undefined).open())
    expect(error).toMatchObject({ code: 'AUTH_FAILED', details: { reason: 'password-required' } })
    expect(posts(sim, 'LOGIN')).toHaveLength(0)
  })

  it('five wrong passwords lock logins for 300 s: LOCKED_OUT with waitSeconds, nothing sent while locked', async () => {
    const time = clock()
    const { sim, baseUrl } = await startSim({ now: time.now })
    const left: unknown[] = []
    for (let attempt = 1; attempt <= 4; attempt++) {
      const error = await rejection(driverFor(baseUrl, { password: `wrong-${attempt}` }).open())
      expect(error.code).toBe('AUTH_FAILED')
      left.push(error.details?.attemptsLeft)
    }
    expect(left).toEqual([4, 3, 2, 1])
    const fifth = await rejection(driverFor(baseUrl, { password: 'wrong-5' }).open())
    expect(fifth).toMatchObject({ code: 'LOCKED_OUT', details: { waitSeconds: 300, attemptsLeft: 0, reason: 'wrong-password' } })
    expect(fifth.message).toMatch(/Wait 5 minutes/)

    // Even the right password is not sent while the device reports the lock.
    time.advance(120_000)
    const locked = await rejection(driverFor(baseUrl, sim.credentials).open())
    expect(locked).toMatchObject({ code: 'LOCKED_OUT', details: { waitSeconds: 180 } })
    expect(posts(sim, 'LOGIN')).toHaveLength(5)
    expect(sim.stats).toMatchObject({ passwordChecks: 5, lockouts: 1 })

    time.advance(181_000)
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.open()
    expect((await driver.read()).sim.state).toBe('ready')
  })

  it('a session taken by the web UI elsewhere: a clear BUSY, one login attempt, then recovery once it is gone', async () => {
    const time = clock()
    const { sim, baseUrl } = await startSim({ now: time.now })
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    sim.kickSession()
    const error = await rejection(driver.read())
    expect(error).toMatchObject({ code: 'BUSY', details: { reason: 'session-taken', zteResult: '2' } })
    expect(error.message).toMatch(/one admin session/)
    expect(posts(sim, 'LOGIN')).toHaveLength(2)
    expect(sim.stats.loginFailures).toBe(0) // the right password, refused for the other session, is no failure

    time.advance(301_000) // the other browser was closed; its session idles out
    expect((await driver.read()).data.state).toBeDefined()
    expect(sim.session).toBe('client')
  })

  it('an idle-expired session is replaced by one new login, transparently', async () => {
    const time = clock()
    const { sim, baseUrl } = await startSim({ now: time.now })
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    time.advance(301_000)
    const reading = await driver.read()
    expect(reading.sim.imsi).toBe('310260412055501')
    expect(posts(sim, 'LOGIN')).toHaveLength(2)
    expect(sim.stats.loginSuccesses).toBe(2)
  })

  it('close() logs out, so the web UI can log in', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    expect(sim.session).toBe('client')
    await driver.close()
    expect(posts(sim, 'LOGOUT')).toHaveLength(1)
    expect(sim.session).toBe('none')
  })

  it('parallel reads and writes share one login and never spend each other\'s RD', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'sha256-md5ad' })
    const driver = driverFor(baseUrl, sim.credentials, { maxInFlight: 3 })
    await Promise.all([driver.read(), driver.read(), driver.sms.markRead?.('2'), driver.control.resetUsage?.(), driver.apn.list(), driver.sms.markRead?.('3')])
    expect(posts(sim, 'LOGIN')).toHaveLength(1)
    expect(posts(sim).filter((entry) => entry.goformId !== 'LOGIN').every((entry) => entry.adValid === true)).toBe(true)
  })
})

describe('transport failures become typed errors', () => {
  it('HTTP 5xx → PROTOCOL with the status; the next poll works', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    sim.respondWithServerError(1, 503)
    const error = await rejection(driver.read())
    expect(error).toMatchObject({ code: 'PROTOCOL', details: { httpStatus: 503 } })
    expect((await driver.read()).sim.state).toBe('ready')
  })

  it('malformed JSON → PROTOCOL, for each kind of garbage; then readings again', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    for (let i = 0; i < 5; i++) {
      sim.respondWithGarbage(1)
      const error = await rejection(driver.read())
      expect(error.code).toBe('PROTOCOL')
    }
    expect((await driver.read()).data.state).toBe('connected')
  })

  it('unplugged → DEVICE_GONE; replugged → readings again on the same session', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    await sim.unplug()
    expect((await rejection(driver.read())).code).toBe('DEVICE_GONE')
    await sim.replug()
    expect((await driver.read()).sim.state).toBe('ready')
    expect(posts(sim, 'LOGIN')).toHaveLength(1)
  })

  it('an answer slower than the timeout → TIMEOUT', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, sim.credentials, { timeoutMs: 150 })
    await driver.read()
    sim.setLatency(400)
    const error = await rejection(driver.read())
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { timeoutMs: 150 } })
    sim.setLatency(0)
  })

  it('raw control characters inside JSON strings are read, not rejected', async () => {
    const { sim, baseUrl } = await startSim({ strayControlChars: true })
    const reading = await driverFor(baseUrl, sim.credentials).read()
    expect(reading.registration.operatorName).toBe('T-Mobile')
  })
})

describe('readings follow the device', () => {
  it('signal walks and counters grow with the clock', async () => {
    const time = clock()
    const { baseUrl, sim } = await startSim({ now: time.now, seed: 7 })
    const driver = driverFor(baseUrl, sim.credentials)
    const first = await driver.read()
    time.advance(90_000)
    const second = await driver.read()
    const signalOf = (r: typeof first) => [r.signal.rsrpDbm, r.signal.rsrqDb, r.signal.sinrDb, r.signal.rssiDbm]
    expect(signalOf(second)).not.toEqual(signalOf(first))
    expect(second.usage.sessionDownloadBytes!).toBeGreaterThan(first.usage.sessionDownloadBytes!)
    expect(second.usage.sessionSeconds! - first.usage.sessionSeconds!).toBe(90)
    expect(second.usage.monthDownloadBytes!).toBeGreaterThan(first.usage.monthDownloadBytes!)
    expect(second.usage.downloadRateBps).toBeGreaterThan(0)
  })

  it('lost signal: no bars, no service, no data; back when the signal returns', async () => {
    const time = clock()
    const { baseUrl, sim } = await startSim({ now: time.now })
    const driver = driverFor(baseUrl, sim.credentials)
    sim.setSignalLost(true)
    const lost = await driver.read()
    expect(lost.signal).toEqual({ bars: 0, rat: 'none' })
    expect(lost.registration).toEqual({ state: 'searching' })
    expect(lost.data.state).toBe('disconnected')
    sim.setSignalLost(false)
    time.advance(5_000)
    const back = await driver.read()
    expect(back.signal.rat).toBe('lte')
    expect(back.data.state).toBe('connected')
  })

  it('a used-up plan: disconnected, with the reason the device states; a top-up reconnects', async () => {
    const time = clock()
    const { baseUrl, sim } = await startSim({ now: time.now })
    const driver = driverFor(baseUrl, sim.credentials)
    sim.exhaustDataPlan()
    const empty = await driver.read()
    expect(empty.data).toEqual({ state: 'disconnected', failureReason: 'the monthly data limit set on the device has been reached' })
    expect(empty.usage.monthDownloadBytes! + empty.usage.monthUploadBytes!).toBeGreaterThanOrEqual(empty.usage.monthLimitBytes!)
    sim.restoreDataPlan()
    time.advance(5_000)
    expect((await driver.read()).data.state).toBe('connected')
  })

  it('SIM states: PIN required, then unlocked; wrong PINs counted and never retried', async () => {
    const { baseUrl, sim } = await startSim({ sim: { pinState: 'pin-required' } })
    const driver = driverFor(baseUrl, sim.credentials)
    const locked = await driver.read()
    expect(locked.sim).toMatchObject({ state: 'pin-required', pinAttemptsLeft: 3 })
    expect(locked.sim.imsi).toBeUndefined()
    expect(locked.registration.state).toBe('not-registered')
    const wrong = await rejection(driver.control.unlockPin!('0000'))
    expect(wrong).toMatchObject({ code: 'AUTH_FAILED', details: { reason: 'wrong-pin', attemptsLeft: 2 } })
    // Judged once: a second ENTER_PIN may only be the driver trying the other AD hash, refused unjudged.
    const pinWrites = posts(sim, 'ENTER_PIN')
    expect(pinWrites.filter((entry) => entry.adValid !== false)).toHaveLength(1)
    expect(sim.sim.pinAttemptsLeft).toBe(2)
    await driver.control.unlockPin!('1234')
    const ready = await driver.read()
    expect(ready.sim).toMatchObject({ state: 'ready', imsi: '310260412055501' })
  })

  it('a SIM that needs its PUK is unlocked with a new PIN', async () => {
    const { baseUrl, sim } = await startSim({ sim: { pinState: 'puk-required', pinAttemptsLeft: 0 } })
    const driver = driverFor(baseUrl, sim.credentials)
    expect((await driver.read()).sim.state).toBe('puk-required')
    await driver.control.unlockPuk!('12345678', '4321')
    expect((await driver.read()).sim.state).toBe('ready')
    expect(sim.sim.pin).toBe('4321')
  })

  it('no SIM: absent and not registered', async () => {
    const { baseUrl, sim } = await startSim({ sim: { present: false } })
    const reading = await driverFor(baseUrl, sim.credentials).read()
    expect(reading.sim.state).toBe('absent')
    expect(reading.registration.state).toBe('not-registered')
    expect(reading.data.state).toBe('disconnected')
  })
})

describe('fingerprint', () => {
  it('names MF61 and MF96 as base64-generation goform devices', async () => {
    for (const profile of ['MF61', 'MF96'] as const) {
      const { baseUrl } = await startSim({ profile })
      expect(await zteGoformFamily.fingerprint({ kind: 'http', baseUrl })).toMatchObject({ family: 'zte-goform', model: profile, variant: 'base64', loginRequired: true })
    }
  })

  it('is null for a Huawei HiLink device', async () => {
    const huawei = new HuaweiHilinkSimulator()
    running.push(huawei)
    const { baseUrl } = await huawei.start()
    expect(await zteGoformFamily.fingerprint({ kind: 'http', baseUrl })).toBeNull()
  })

  it.each([
    ['an HTML page', 'text/html', '<html><body>Router login</body></html>'],
    ['other JSON', 'application/json', '{"status":"ok","version":"1.2"}'],
    ['an empty answer', 'text/plain', '']
  ])('is null for a web server answering %s', async (_name, type, body) => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': type })
      res.end(body)
    })
    plainServers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    const { port } = server.address() as AddressInfo
    expect(await zteGoformFamily.fingerprint({ kind: 'http', baseUrl: `http://127.0.0.1:${port}` })).toBeNull()
  })

  it('is null when nothing listens, and for serial connections', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    const { port } = server.address() as AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))
    expect(await zteGoformFamily.fingerprint({ kind: 'http', baseUrl: `http://127.0.0.1:${port}` })).toBeNull()
    expect(await zteGoformFamily.fingerprint({ kind: 'serial', path: '/dev/ttyUSB0' })).toBeNull()
  })
})
