// The Huawei HiLink driver against the simulator over loopback HTTP (127.0.0.1 only): logins (type 4, type 0,
// SCRAM, none), no automatic login retry, lockout, token and session recovery, transport failures, and
// readings that move with the clock. Plus the family fingerprint, positive and negative.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import type { DeviceTarget } from '../../src/devices/driver'
import { createHuaweiHilinkDriver, huaweiHilinkFamily, HuaweiSession, type HuaweiHilinkDriver } from '../../src/devices/families/huawei-hilink'
import { login } from '../../src/devices/families/huawei-hilink/login'
import { HttpSession } from '../../src/devices/transports/http-session'
import { HuaweiHilinkSimulator, isLuhnValid, type HuaweiHilinkSimulatorOptions } from '../../src/simulators/huawei-hilink'

const running: HuaweiHilinkSimulator[] = []
const drivers: HuaweiHilinkDriver[] = []
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

async function startSim(options: HuaweiHilinkSimulatorOptions = {}) {
  const sim = new HuaweiHilinkSimulator(options)
  running.push(sim)
  const { baseUrl } = await sim.start()
  expect(new URL(baseUrl).hostname).toBe('127.0.0.1')
  return { sim, baseUrl }
}

function driverFor(baseUrl: string, credentials: DeviceTarget['credentials'], options: Parameters<typeof createHuaweiHilinkDriver>[1] = {}) {
  const driver = createHuaweiHilinkDriver({ connection: { kind: 'http', baseUrl }, credentials }, options)
  drivers.push(driver)
  return driver
}

function posts(sim: HuaweiHilinkSimulator, path: string) {
  return sim.requestLog().filter((entry) => entry.method === 'POST' && entry.path === path)
}

describe('reading a device', () => {
  it('logs in with password_type 4 and fills the normalized model (demo E5577 with the T-Mobile prepaid SIM)', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    const driver = huaweiHilinkFamily.create({ connection: { kind: 'http', baseUrl }, credentials: { username: 'admin', password: 'admin' } })
    drivers.push(driver as HuaweiHilinkDriver)
    await driver.open()
    const reading = await driver.read()

    expect(posts(sim, '/api/user/login')).toHaveLength(1)
    expect(sim.stats).toMatchObject({ passwordChecks: 1, loginSuccesses: 1 })
    expect(reading.identity).toMatchObject({ manufacturer: 'Huawei', model: 'E5577Cs-321', firmware: sim.variant.softwareVersion })
    expect(reading.identity.imei).toMatch(/^\d{15}$/)
    expect(isLuhnValid(reading.identity.imei ?? '')).toBe(true)
    expect(reading.sim).toMatchObject({ state: 'ready', msisdn: '+12065550143', msisdnSource: 'device', spn: 'T-Mobile', pinAttemptsLeft: 3 })
    expect(reading.sim.iccid).toMatch(/^8901260\d{12}$/)
    expect(isLuhnValid(reading.sim.iccid ?? '')).toBe(true)
    expect(reading.sim.imsi).toMatch(/^310260\d{9}$/)
    expect(reading.registration).toEqual({ state: 'home', operatorName: 'T-Mobile', plmn: '310260' })
    expect(reading.signal).toMatchObject({ rat: 'lte', networkType: 'LTE', band: '4' })
    expect(reading.signal.bars).toBeGreaterThanOrEqual(0)
    expect(reading.signal.bars).toBeLessThanOrEqual(5)
    expect(reading.signal.rsrpDbm).toBeLessThan(-60)
    expect(reading.data.state).toBe('connected')
    expect(reading.data.ipv4).toMatch(/^10\./)
    expect(reading.usage).toMatchObject({ billingDay: 14, monthLimitBytes: 10 * 1024 ** 3 })
    expect(reading.usage.monthDownloadBytes).toBeGreaterThan(0)
    expect(reading.battery?.percent).toBeGreaterThanOrEqual(0)
    expect(reading.wifiClients).toBe(2)
    expect([...driver.capabilities].sort()).toEqual([
      'apnRead',
      'apnWrite',
      'dataSwitch',
      'deviceSettings',
      'pinUnlock',
      'readBattery',
      'readIdentity',
      'readMsisdn',
      'readSignal',
      'readUsage',
      'reboot',
      'sms',
      'usageReset',
      'ussd',
      'wifiSettings'
    ])
  })

  it('logs in with SCRAM when state-login says extern_password_type 1', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577', loginMode: 'scram', password: 'S3cret-Pass' })
    const driver = driverFor(baseUrl, { username: 'admin', password: 'S3cret-Pass' })
    const reading = await driver.read() // opens on demand
    expect(posts(sim, '/api/user/challenge_login')).toHaveLength(1)
    expect(posts(sim, '/api/user/authentication_login')).toHaveLength(1)
    expect(posts(sim, '/api/user/login')).toHaveLength(0)
    expect(sim.stats).toMatchObject({ passwordChecks: 1, loginSuccesses: 1 })
    expect(reading.identity.model).toBe('E5577Cs-321')
  })

  it('logs in with password_type 0 (base64)', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577', passwordType: 0, password: 'pässwörd' })
    const driver = driverFor(baseUrl, { password: 'pässwörd' }) // user name defaults to admin
    await driver.open()
    expect(sim.stats.loginSuccesses).toBe(1)
    expect((await driver.read()).sim.msisdn).toBe('+12065550143')
  })

  it('reads a login-free HiLink stick without credentials, and narrows its capabilities', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E3372h' })
    const driver = driverFor(baseUrl, undefined)
    await driver.open()
    const reading = await driver.read()
    expect(sim.stats.passwordChecks).toBe(0)
    expect(posts(sim, '/api/user/login')).toHaveLength(0)
    expect(reading.identity.model).toBe('E3372h-153')
    expect(reading.battery).toBeUndefined()
    expect(reading.wifiClients).toBeUndefined()
    expect(driver.capabilities.has('readBattery')).toBe(false)
    expect(driver.capabilities.has('readMsisdn')).toBe(true)
    await driver.close()
    expect(posts(sim, '/api/user/logout')).toHaveLength(0) // nothing to log out of
  })

  it('reads the token-less 3G UMG587 (T-Mobile Sonic 4G Mobile HotSpot)', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'UMG587' })
    const driver = driverFor(baseUrl, sim.credentials)
    const reading = await driver.read()
    expect(reading.identity.model).toBe('UMG587')
    expect(reading.signal).toMatchObject({ rat: 'umts', networkType: 'HSPA+' })
    expect(reading.signal.rscpDbm).toBeLessThan(-40)
    expect(reading.signal.ecioDb).toBeLessThan(0)
    expect(reading.signal.rsrpDbm).toBeUndefined()
    expect(reading.battery).toBeDefined()
  })

  it('readings change over time: signal walks, counters grow', async () => {
    const time = clock()
    const { baseUrl } = await startSim({ variant: 'E5577', now: time.now, seed: 7 })
    const driver = driverFor(baseUrl, { username: 'admin', password: 'admin' })
    const first = await driver.read()
    time.advance(90_000)
    const second = await driver.read()
    const signalOf = (r: typeof first) => [r.signal.rsrpDbm, r.signal.rsrqDb, r.signal.sinrDb, r.signal.rssiDbm]
    expect(signalOf(second)).not.toEqual(signalOf(first))
    expect(second.usage.sessionDownloadBytes!).toBeGreaterThan(first.usage.sessionDownloadBytes!)
    expect(second.usage.sessionSeconds! - first.usage.sessionSeconds!).toBe(90)
    expect(second.usage.monthDownloadBytes!).toBeGreaterThan(first.usage.monthDownloadBytes!)
    expect(second.signal.rsrpDbm!).toBeGreaterThanOrEqual(-124)
    expect(second.signal.rsrpDbm!).toBeLessThanOrEqual(-72)
  })

  it('shows a used-up plan and a lost signal', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    const driver = driverFor(baseUrl, sim.credentials)
    sim.exhaustDataPlan()
    const exhausted = await driver.read()
    expect(exhausted.data).toMatchObject({ state: 'failed', failureReason: expect.stringMatching(/data volume exceeded/) })
    expect(exhausted.usage.monthDownloadBytes! + exhausted.usage.monthUploadBytes!).toBeGreaterThanOrEqual(exhausted.usage.monthLimitBytes!)
    sim.restoreDataPlan()
    sim.setSignalLost(true)
    const lost = await driver.read()
    expect(lost.signal).toEqual({ bars: 0, rat: 'none' })
    expect(lost.registration.state).toBe('searching')
    expect(lost.data.state).toBe('disconnected')
  })
})

describe('logins that fail', () => {
  it('wrong password → AUTH_FAILED after exactly one attempt, and no retry on the next read either', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    const driver = driverFor(baseUrl, { username: 'admin', password: 'wrong' })
    const error = await driver.open().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContractError)
    expect(error).toMatchObject({ code: 'AUTH_FAILED', details: { huaweiCode: 108006 } })
    expect(posts(sim, '/api/user/login')).toHaveLength(1)
    expect(sim.stats.passwordChecks).toBe(1)
  })

  it('wrong password on SCRAM firmware → AUTH_FAILED with the attempts left, one proof checked', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577', loginMode: 'scram' })
    const driver = driverFor(baseUrl, { username: 'admin', password: 'nope' })
    await expect(driver.open()).rejects.toMatchObject({ code: 'AUTH_FAILED', details: { huaweiCode: 108006, remainingAttempts: 4 } })
    expect(sim.stats.passwordChecks).toBe(1)
    expect(posts(sim, '/api/user/authentication_login')).toHaveLength(1)
  })

  it('no password for a device that wants one → AUTH_FAILED without trying', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    const driver = driverFor(baseUrl, undefined)
    await expect(driver.read()).rejects.toMatchObject({ code: 'AUTH_FAILED', details: { reason: 'password-required' } })
    expect(sim.stats.passwordChecks).toBe(0)
  })

  it('lockout → LOCKED_OUT with the wait; while locked no password is even sent; it lifts with time', async () => {
    const time = clock()
    const { sim, baseUrl } = await startSim({ variant: 'E5577', now: time.now, lockout: { maxFailures: 2, lockSeconds: 300 } })
    const wrong = driverFor(baseUrl, { password: 'wrong' })
    await expect(wrong.open()).rejects.toMatchObject({ code: 'AUTH_FAILED' })
    await expect(wrong.open()).rejects.toMatchObject({ code: 'LOCKED_OUT', details: { waitSeconds: 300, huaweiCode: 108007 } })
    expect(sim.stats).toMatchObject({ passwordChecks: 2, lockouts: 1 })

    const right = driverFor(baseUrl, sim.credentials)
    const locked = await right.open().catch((e: unknown) => e)
    expect(locked).toMatchObject({ code: 'LOCKED_OUT', details: { waitSeconds: 300 } })
    expect((locked as Error).message).toMatch(/Wait 5 minutes/)
    expect(sim.stats.passwordChecks).toBe(2) // state-login said locked: nothing was sent

    time.advance(301_000)
    await right.open()
    expect(sim.stats.loginSuccesses).toBe(1)
  })
})

describe('recovering without the user noticing', () => {
  it('a token error gets exactly one transparent retry (login after the device dropped our tokens)', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    const http = new HttpSession({ baseUrl })
    const session = new HuaweiSession(http)
    await session.establish()
    sim.invalidateTokens()
    const outcome = await login(session, sim.credentials)
    expect(outcome).toEqual({ kind: 'logged-in', method: 'classic', passwordType: 4 })
    expect(sim.stats).toMatchObject({ tokenRejections: 1, passwordChecks: 1, loginSuccesses: 1 })
    expect(posts(sim, '/api/user/login').map((e) => e.huaweiCode ?? 'ok')).toEqual([125002, 'ok'])
    http.close()
  })

  it('…and the same for a logout in close()', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.open()
    expect(sim.loggedInSessions).toBe(1)
    sim.invalidateTokens()
    await driver.close()
    expect(posts(sim, '/api/user/logout').map((e) => e.huaweiCode ?? 'ok')).toEqual([125002, 'ok'])
    expect(sim.loggedInSessions).toBe(0)
  })

  it('session expiry (100003 mid-read) → re-open once and finish the read', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    sim.expireSession()
    const reading = await driver.read()
    expect(reading.identity.model).toBe('E5577Cs-321')
    expect(sim.requestLog().filter((e) => e.huaweiCode === 100003)).toHaveLength(1)
    expect(sim.stats.loginSuccesses).toBe(2)
  })

  it('the ~5 minute idle timeout is handled the same way', async () => {
    const time = clock()
    const { sim, baseUrl } = await startSim({ variant: 'E5577', now: time.now })
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.read()
    time.advance(301_000)
    await expect(driver.read()).resolves.toMatchObject({ sim: { msisdn: '+12065550143' } })
    expect(sim.stats.loginSuccesses).toBe(2)
  })

  it('re-opens only once: if the device still refuses, AUTH_FAILED', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    // The device forgets the session right before every device/information request.
    const forgetful: typeof fetch = (input, init) => {
      if (String(input).endsWith('/api/device/information')) sim.expireSession()
      return fetch(input, init)
    }
    const driver = driverFor(baseUrl, sim.credentials, { fetch: forgetful })
    await driver.open()
    await expect(driver.read()).rejects.toMatchObject({ code: 'AUTH_FAILED', details: { huaweiCode: 100003 } })
    expect(sim.stats.loginSuccesses).toBe(2) // the first open and exactly one re-open
    expect(sim.requestLog().filter((e) => e.huaweiCode === 100003)).toHaveLength(2)
  })
})

describe('transport failures', () => {
  it('unplug mid-read → DEVICE_GONE; after replug it reads again', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.open()
    sim.setLatency(80)
    const reading = driver.read()
    await new Promise((resolve) => setTimeout(resolve, 120))
    await sim.unplug()
    await expect(reading).rejects.toMatchObject({ code: 'DEVICE_GONE' })
    await expect(driver.read()).rejects.toMatchObject({ code: 'DEVICE_GONE', details: { cause: 'ECONNREFUSED' } })
    await sim.replug()
    sim.setLatency(0)
    await expect(driver.read()).resolves.toMatchObject({ identity: { model: 'E5577Cs-321' } })
  })

  it('a device slower than the timeout → TIMEOUT', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    const driver = driverFor(baseUrl, sim.credentials, { timeoutMs: 150 })
    await driver.open()
    sim.setLatency({ min: 400, max: 600 })
    await expect(driver.read()).rejects.toMatchObject({ code: 'TIMEOUT' })
  })

  it("the caller's deadline is honoured too", async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577', latencyMs: 60 })
    const driver = driverFor(baseUrl, sim.credentials)
    await expect(driver.read(AbortSignal.timeout(100))).rejects.toMatchObject({ code: 'TIMEOUT' })
  })

  it('garbage → PROTOCOL, and the next poll is fine', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    const driver = driverFor(baseUrl, sim.credentials)
    await driver.open()
    sim.respondWithGarbage(1)
    await expect(driver.read()).rejects.toMatchObject({ code: 'PROTOCOL', details: { endpoint: 'device/information' } })
    await expect(driver.read()).resolves.toMatchObject({ identity: { model: 'E5577Cs-321' } })
  })

  it('close() logs out and never throws, even when the device is gone', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    const driver = driverFor(baseUrl, sim.credentials, { closeTimeoutMs: 300 })
    await driver.open()
    await sim.unplug()
    await expect(driver.close()).resolves.toBeUndefined()
    await expect(driver.close()).resolves.toBeUndefined()
  })
})

describe('fingerprint', () => {
  it.each([
    ['E5577', { family: 'huawei-hilink', model: 'E5577Cs-321', loginRequired: true }],
    ['E3372h', { family: 'huawei-hilink', model: 'E3372h-153', loginRequired: false }],
    ['UMG587', { family: 'huawei-hilink', loginRequired: true }]
  ] as const)('recognises the %s simulator', async (variant, expected) => {
    const { baseUrl } = await startSim({ variant })
    await expect(huaweiHilinkFamily.fingerprint({ kind: 'http', baseUrl })).resolves.toEqual(expected)
  })

  it('returns null for a plain web server, a 404 server, a closed port and a serial connection', async () => {
    const html = await plainServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html')
      res.end('<html><body>Welcome to nginx!</body></html>')
    })
    const notFound = await plainServer((_req, res) => {
      res.statusCode = 404
      res.end('Not Found')
    })
    const xmlButNotHuawei = await plainServer((_req, res) => res.end('<?xml version="1.0"?><status><ok>1</ok></status>'))
    const closedPort = await (async () => {
      const server = createServer()
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const port = (server.address() as AddressInfo).port
      await new Promise<void>((resolve) => server.close(() => resolve()))
      return `http://127.0.0.1:${port}`
    })()
    for (const baseUrl of [html, notFound, xmlButNotHuawei, closedPort]) {
      await expect(huaweiHilinkFamily.fingerprint({ kind: 'http', baseUrl })).resolves.toBeNull()
    }
    await expect(huaweiHilinkFamily.fingerprint({ kind: 'serial', path: '/dev/ttyUSB0' })).resolves.toBeNull()
  })

  it('is quick against a device that does not answer', async () => {
    const silent = await plainServer(() => undefined)
    const started = Date.now()
    await expect(huaweiHilinkFamily.fingerprint({ kind: 'http', baseUrl: silent })).resolves.toBeNull()
    expect(Date.now() - started).toBeLessThan(3000)
  })
})

async function plainServer(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  plainServers.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
