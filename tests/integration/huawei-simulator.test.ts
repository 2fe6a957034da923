// The Huawei simulator on its own, driven by a deliberately naive client written here from the reference
// (plain fetch, regexes, node:crypto) — not by our driver — so the two cannot agree on a shared mistake.
// Client behaviour copied from public clients: Salamek/huawei-lte-api Session.py (home page meta regex, FIFO
// tokens, type-4 login) and mkorz/b618reboot reboot_router.py (SCRAM with the last 32 token characters).
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { HuaweiHilinkSimulator, isLuhnValid, luhnCheckDigit, TMOBILE_US_PREPAID, VARIANTS, type HuaweiHilinkSimulatorOptions } from '../../src/simulators/huawei-hilink'

const sims: HuaweiHilinkSimulator[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.stop()))
})

async function start(options: HuaweiHilinkSimulatorOptions = {}) {
  const sim = new HuaweiHilinkSimulator(options)
  sims.push(sim)
  const { baseUrl } = await sim.start()
  return { sim, client: new NaiveClient(baseUrl), baseUrl }
}

function clock(start = Date.UTC(2025, 4, 20, 12, 0, 0)) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

const CSRF_RE = /name="csrf_token"\s+content="(\S+)"/g // Salamek's Session.csrf_re

/** A minimal HiLink client: one cookie, a token FIFO, regex field extraction. */
class NaiveClient {
  cookie: string | undefined
  tokens: string[] = []

  constructor(readonly baseUrl: string) {}

  async raw(method: 'GET' | 'POST', path: string, body?: string, token?: string | null) {
    const headers: Record<string, string> = {}
    if (this.cookie) headers.Cookie = this.cookie
    if (token) headers.__RequestVerificationToken = token
    if (body !== undefined) headers['Content-Type'] = 'application/xml'
    const response = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' })
    const setCookie = response.headers.getSetCookie()[0]
    if (setCookie) this.cookie = setCookie.split(';')[0]
    return { status: response.status, headers: response.headers, text: await response.text() }
  }

  async home() {
    const page = await this.raw('GET', '/')
    this.tokens = [...page.text.matchAll(CSRF_RE)].map((m) => m[1]!)
    return page
  }

  async get(endpoint: string) {
    return (await this.raw('GET', `/api/${endpoint}`)).text
  }

  /** POST with the oldest token; keeps the answer's tokens like Salamek does. */
  async post(endpoint: string, inner: string | ((token: string) => string), useToken = this.tokens.shift() ?? null) {
    const body = `<?xml version="1.0" encoding="UTF-8"?><request>${typeof inner === 'function' ? inner(useToken ?? '') : inner}</request>`
    const answer = await this.raw('POST', `/api/${endpoint}`, body, useToken)
    const one = answer.headers.get('__RequestVerificationTokenone')
    if (one) this.tokens = [one, answer.headers.get('__RequestVerificationTokentwo')!]
    else if (answer.headers.get('__RequestVerificationToken')) this.tokens.push(answer.headers.get('__RequestVerificationToken')!)
    return answer
  }

  async loginType4(username: string, password: string) {
    return this.post('user/login', (token) => {
      const inner = Buffer.from(sha256hex(password)).toString('base64')
      const encoded = Buffer.from(sha256hex(username + inner + token)).toString('base64')
      return `<Username>${username}</Username><Password>${encoded}</Password><password_type>4</password_type>`
    })
  }
}

const sha256hex = (text: string | Buffer) => createHash('sha256').update(text).digest('hex')
const field = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]
const errorCode = (xml: string) => Number(field(xml, 'code') ?? NaN)

describe('HTTP surface', () => {
  it('listens on 127.0.0.1 only, on a free port by default', async () => {
    const { baseUrl } = await start()
    const url = new URL(baseUrl)
    expect(url.hostname).toBe('127.0.0.1')
    expect(Number(url.port)).toBeGreaterThan(0)
  })

  it('serves a home page with two csrf_token metas and a SessionID cookie (reference §1.2)', async () => {
    const { client } = await start()
    const page = await client.home()
    expect(page.status).toBe(200)
    expect(client.tokens).toHaveLength(2)
    expect(client.tokens[0]).not.toBe(client.tokens[1])
    expect(client.cookie).toMatch(/^SessionID=[A-Za-z0-9]{128}$/)
    expect(page.text).toContain('<meta name="csrf_param" content="csrf_token">')
  })

  it('answers webserver/token (64 characters) and SesTokInfo (SesInfo usable as the cookie)', async () => {
    const { client } = await start()
    const token = field(await client.get('webserver/token'), 'token')
    expect(token).toMatch(/^[A-Za-z0-9]{64}$/)
    const ses = await client.get('webserver/SesTokInfo')
    expect(field(ses, 'SesInfo')).toBe(client.cookie)
    expect(field(ses, 'TokInfo')).toMatch(/^[A-Za-z0-9]{32}$/)
  })

  it('answers unknown API endpoints with 100002 and unknown pages with 404', async () => {
    const { client } = await start()
    expect(errorCode(await client.get('cradle/status-info'))).toBe(100002)
    expect((await client.raw('GET', '/nothing-here')).status).toBe(404)
  })

  it('protects login-only endpoints with 100003 and leaves the status endpoints open', async () => {
    const { client } = await start({ variant: 'E5577' })
    await client.home()
    for (const endpoint of ['device/information', 'monitoring/month_statistics', 'monitoring/start_date', 'pin/status']) {
      expect(errorCode(await client.get(endpoint))).toBe(100003)
    }
    expect(field(await client.get('device/signal'), 'rsrp')).toMatch(/^-\d+dBm$/)
    expect(field(await client.get('monitoring/status'), 'ConnectionStatus')).toBe('901')
    expect(field(await client.get('net/current-plmn'), 'Numeric')).toBe('310260')
  })
})

describe('tokens and login', () => {
  it('uses each token once: reuse, absence and a missing cookie all get 125002', async () => {
    const { client, sim } = await start()
    await client.home()
    const [first] = client.tokens
    const ok = await client.post('user/logout', '<Logout>1</Logout>', first!)
    expect(errorCode(ok.text)).toBe(100003) // not logged in, but the token was accepted
    expect(ok.headers.get('__RequestVerificationToken')).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(errorCode((await client.post('user/logout', '<Logout>1</Logout>', first!)).text)).toBe(125002)
    expect(errorCode((await client.post('user/logout', '<Logout>1</Logout>', null)).text)).toBe(125002)
    const stranger = new NaiveClient(client.baseUrl)
    expect(errorCode((await stranger.post('user/logout', '<Logout>1</Logout>', client.tokens[0]!)).text)).toBe(125002)
    expect(sim.stats.tokenRejections).toBe(3)
  })

  it('accepts the 64-character webserver/token and its last 32 characters (Salamek vs SCRAM clients)', async () => {
    const { client } = await start()
    await client.home()
    const full = field(await client.get('webserver/token'), 'token')!
    expect(errorCode((await client.post('user/logout', '<Logout>1</Logout>', full)).text)).toBe(100003)
    const again = field(await client.get('webserver/token'), 'token')!
    expect(errorCode((await client.post('user/logout', '<Logout>1</Logout>', again.slice(32))).text)).toBe(100003)
  })

  it('logs in with password_type 4: OK, a new SessionID, tokens one/two, then protected data', async () => {
    const { client, sim } = await start({ password: 'Pa55word!' })
    await client.home()
    const before = client.cookie
    expect(field(await client.get('user/state-login'), 'password_type')).toBe('4')
    const answer = await client.loginType4('admin', 'Pa55word!')
    expect(answer.text).toContain('<response>OK</response>')
    expect(answer.headers.get('__RequestVerificationTokenone')).toBeTruthy()
    expect(answer.headers.get('__RequestVerificationTokentwo')).toBeTruthy()
    expect(client.cookie).not.toBe(before)
    expect(field(await client.get('user/state-login'), 'State')).toBe('0')
    const info = await client.get('device/information')
    expect(field(info, 'Msisdn')).toBe('+12065550143')
    expect(sim.loggedInSessions).toBe(1)
    // The old session id is gone: whoever still holds it is not logged in.
    const old = new NaiveClient(client.baseUrl)
    old.cookie = before
    expect(errorCode(await old.get('device/information'))).toBe(100003)
  })

  it('logs in with password_type 0 (base64) when configured so', async () => {
    const { client } = await start({ passwordType: 0 })
    await client.home()
    expect(field(await client.get('user/state-login'), 'password_type')).toBe('0')
    const answer = await client.post('user/login', `<Username>admin</Username><Password>${Buffer.from('admin').toString('base64')}</Password><password_type>0</password_type>`)
    expect(answer.text).toContain('OK')
  })

  it('runs SCRAM: challenge with salt/iterations/servernonce, proof checked, server signature returned (reference §1.4)', async () => {
    const { client, sim } = await start({ loginMode: 'scram', password: 'scram-pw', scramIterations: 50 })
    await client.raw('GET', '/')
    const token = field(await client.get('webserver/token'), 'token')!
    expect(field(await client.get('user/state-login'), 'extern_password_type')).toBe('1')
    const firstNonce = randomBytes(32).toString('hex')
    const challenge = await client.post('user/challenge_login', `<username>admin</username><firstnonce>${firstNonce}</firstnonce><mode>1</mode>`, token.slice(32))
    const salt = field(challenge.text, 'salt')!
    const iterations = Number(field(challenge.text, 'iterations'))
    const serverNonce = field(challenge.text, 'servernonce')!
    expect(iterations).toBe(50)
    expect(serverNonce.startsWith(firstNonce)).toBe(true)

    const salted = pbkdf2Sync('scram-pw', Buffer.from(salt, 'hex'), iterations, 32, 'sha256')
    const clientKey = createHmac('sha256', 'Client Key').update(salted).digest()
    const storedKey = createHash('sha256').update(clientKey).digest()
    const authMessage = `${firstNonce},${serverNonce},${serverNonce}`
    const signature = createHmac('sha256', authMessage).update(storedKey).digest()
    const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!)).toString('hex')

    const final = await client.post('user/authentication_login', `<clientproof>${proof}</clientproof><finalnonce>${serverNonce}</finalnonce>`, challenge.headers.get('__RequestVerificationToken'))
    const serverKey = createHmac('sha256', 'Server Key').update(salted).digest()
    expect(field(final.text, 'serversignature')).toBe(createHmac('sha256', authMessage).update(serverKey).digest('hex'))
    const rsan = field(final.text, 'rsan')!
    expect(rsan).toMatch(/^[0-9a-f]{512}$/) // a real 2048-bit modulus
    expect(field(final.text, 'rsapubkeysignature')).toBe(createHmac('sha256', serverKey).update(Buffer.from(rsan, 'hex')).digest('hex'))
    expect(final.headers.get('__RequestVerificationTokenone')).toBeTruthy()
    expect(sim.loggedInSessions).toBe(1)
  })

  it('rejects an RFC-order SCRAM proof (the HMAC argument swap is part of the protocol)', async () => {
    const { client, sim } = await start({ loginMode: 'scram', scramIterations: 10 })
    await client.home()
    const firstNonce = randomBytes(32).toString('hex')
    const challenge = await client.post('user/challenge_login', `<username>admin</username><firstnonce>${firstNonce}</firstnonce><mode>1</mode>`)
    const salt = field(challenge.text, 'salt')!
    const serverNonce = field(challenge.text, 'servernonce')!
    const salted = pbkdf2Sync('admin', Buffer.from(salt, 'hex'), 10, 32, 'sha256')
    const clientKey = createHmac('sha256', 'Client Key').update(salted).digest()
    const storedKey = createHash('sha256').update(clientKey).digest()
    const rfcSignature = createHmac('sha256', storedKey).update(`${firstNonce},${serverNonce},${serverNonce}`).digest()
    const proof = Buffer.from(clientKey.map((b, i) => b ^ rfcSignature[i]!)).toString('hex')
    const final = await client.post('user/authentication_login', `<clientproof>${proof}</clientproof><finalnonce>${serverNonce}</finalnonce>`)
    expect(errorCode(final.text)).toBe(108006)
    expect(field(final.text, 'remaincount')).toBe('4')
    expect(sim.stats.loginFailures).toBe(1)
  })

  it('counts wrong passwords, locks with 108007 + waittime, reports it in state-login, and unlocks with time', async () => {
    const time = clock()
    const { client, sim } = await start({ now: time.now })
    await client.home()
    const codes: number[] = []
    for (let i = 0; i < 6; i++) codes.push(errorCode((await client.loginType4('admin', 'wrong')).text))
    expect(codes).toEqual([108006, 108006, 108006, 108006, 108007, 108007]) // default: 5 failures (eA260 guide)
    const state = await client.get('user/state-login')
    expect(field(state, 'lockstatus')).toBe('1')
    expect(field(state, 'remainwaittime')).toBe('5') // minutes
    expect(errorCode((await client.loginType4('admin', 'admin')).text)).toBe(108007) // even the right password
    expect(sim.stats).toMatchObject({ passwordChecks: 5, lockouts: 1, lockedRejections: 2 })
    time.advance(300_001)
    await client.home() // the idle session is gone by now too: fresh cookie and tokens
    expect((await client.loginType4('admin', 'admin')).text).toContain('OK')
  })

  it('logs out idle sessions after ~5 minutes (stock web UI LOGOUT_TIMEOUT_MAIN)', async () => {
    const time = clock()
    const { client } = await start({ now: time.now })
    await client.home()
    await client.loginType4('admin', 'admin')
    time.advance(200_000)
    expect(field(await client.get('device/information'), 'DeviceName')).toBe('E5577Cs-321') // activity keeps it alive
    time.advance(200_000)
    expect(field(await client.get('user/heartbeat'), 'userlevel')).toBe('')
    time.advance(300_001)
    expect(errorCode(await client.get('device/information'))).toBe(100003)
  })

  it('a new login ends the previous admin session (one admin at a time)', async () => {
    const { client, sim, baseUrl } = await start()
    await client.home()
    await client.loginType4('admin', 'admin')
    const browser = new NaiveClient(baseUrl)
    await browser.home()
    await browser.loginType4('admin', 'admin')
    expect(sim.loggedInSessions).toBe(1)
    expect(errorCode(await client.get('device/information'))).toBe(100003)
  })

  it('sets the monthly plan with start_date, validating values', async () => {
    const { client, sim } = await start()
    await client.home()
    await client.loginType4('admin', 'admin')
    const ok = await client.post('monitoring/start_date', '<StartDay>3</StartDay><DataLimit>500MB</DataLimit><MonthThreshold>80</MonthThreshold><SetMonthData>1</SetMonthData>')
    expect(ok.text).toContain('OK')
    expect(field(await client.get('monitoring/start_date'), 'DataLimit')).toBe('500MB')
    expect(sim.plan).toMatchObject({ startDay: 3, dataLimit: '500MB', monthThreshold: 80 })
    const bad = await client.post('monitoring/start_date', '<StartDay>40</StartDay><DataLimit>lots</DataLimit><MonthThreshold>80</MonthThreshold><SetMonthData>1</SetMonthData>')
    expect(errorCode(bad.text)).toBe(100006)
  })
})

describe('faults', () => {
  it('respondWithGarbage(n) spoils exactly the next n answers', async () => {
    const { client, sim } = await start()
    sim.respondWithGarbage(2)
    const spoiled = [await client.get('device/signal'), await client.get('device/signal')]
    expect(spoiled.every((body) => !/<rsrp>/.test(body))).toBe(true)
    expect(await client.get('device/signal')).toMatch(/<rsrp>-\d+dBm<\/rsrp>/)
    expect(sim.requestLog().filter((e) => e.garbage)).toHaveLength(2)
  })

  it('unplug refuses connections and cuts in-flight ones; replug comes back on the same port', async () => {
    const { client, sim, baseUrl } = await start({ latencyMs: 200 })
    const inFlight = client.get('device/signal').then(
      () => 'answered',
      () => 'cut'
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    await sim.unplug()
    expect(await inFlight).toBe('cut')
    await expect(fetch(`${baseUrl}/api/device/signal`)).rejects.toThrow()
    await sim.replug()
    sim.setLatency(0)
    expect(sim.baseUrl).toBe(baseUrl)
    expect(await client.get('device/signal')).toMatch(/<rsrp>/)
  })

  it('stop() closes every socket, including idle keep-alive ones', async () => {
    const { client, sim, baseUrl } = await start()
    await client.get('device/signal') // leaves a keep-alive connection open
    await sim.stop()
    await expect(fetch(`${baseUrl}/api/device/signal`)).rejects.toThrow()
  })

  it('expireSession() and invalidateTokens() do what they say', async () => {
    const { client, sim } = await start()
    await client.home()
    await client.loginType4('admin', 'admin')
    sim.invalidateTokens()
    expect(errorCode((await client.post('monitoring/start_date', '<StartDay>1</StartDay><DataLimit>1GB</DataLimit>')).text)).toBe(125002)
    expect(field(await client.get('device/information'), 'DeviceName')).toBeTruthy() // still logged in
    sim.expireSession()
    expect(errorCode(await client.get('device/information'))).toBe(100003)
  })

  it('setSignalLost and exhaustDataPlan change what the device reports (reference §1.8 codes)', async () => {
    const { client, sim } = await start()
    sim.setSignalLost(true)
    let status = await client.get('monitoring/status')
    expect([field(status, 'ConnectionStatus'), field(status, 'CurrentNetworkTypeEx'), field(status, 'SignalIcon'), field(status, 'ServiceStatus')]).toEqual(['902', '0', '0', '0'])
    expect(field(await client.get('device/signal'), 'rsrp')).toBe('')
    sim.setSignalLost(false)
    sim.exhaustDataPlan()
    status = await client.get('monitoring/status')
    expect(field(status, 'ConnectionStatus')).toBe('201')
    expect(field(status, 'WanIPAddress')).toBe('')
    expect(field(await client.get('monitoring/traffic-statistics'), 'CurrentDownloadRate')).toBe('0')
    sim.restoreDataPlan()
    expect(field(await client.get('monitoring/status'), 'ConnectionStatus')).toBe('901')
  })

  it('latency is applied per request (fixed and jittered)', async () => {
    const { client, sim } = await start({ latencyMs: 120 })
    let started = Date.now()
    await client.get('device/signal')
    expect(Date.now() - started).toBeGreaterThanOrEqual(110)
    sim.setLatency({ min: 0, max: 10 })
    started = Date.now()
    await client.get('device/signal')
    expect(Date.now() - started).toBeLessThan(110)
  })
})

describe('live state', () => {
  it('is reproducible from seed + clock, and moves with the clock', async () => {
    const timeA = clock()
    const timeB = clock()
    const a = await start({ seed: 42, now: timeA.now })
    const b = await start({ seed: 42, now: timeB.now })
    const c = await start({ seed: 43, now: timeA.now })
    const signal = async (client: NaiveClient) => (await client.get('device/signal')).replace(/<(pci|cell_id)>[^<]*/g, '')
    expect(await signal(a.client)).toBe(await signal(b.client))
    expect(await signal(c.client)).not.toBe(await signal(a.client))
    const before = await signal(a.client)
    timeA.advance(30_000)
    expect(await signal(a.client)).not.toBe(before)
  })

  it('keeps the walk inside plausible bounds over hours, with counters that only grow', async () => {
    const time = clock()
    const { client } = await start({ now: time.now, seed: 9 })
    let lastTotal = 0
    for (let i = 0; i < 40; i++) {
      time.advance(7 * 60_000)
      const signal = await client.get('device/signal')
      const rsrp = Number(field(signal, 'rsrp')!.replace('dBm', ''))
      const sinr = Number(field(signal, 'sinr')!.replace('dB', ''))
      expect(rsrp).toBeGreaterThanOrEqual(-124)
      expect(rsrp).toBeLessThanOrEqual(-72)
      expect(sinr).toBeGreaterThanOrEqual(-5)
      expect(sinr).toBeLessThanOrEqual(30)
      const total = Number(field(await client.get('monitoring/traffic-statistics'), 'TotalDownload'))
      expect(total).toBeGreaterThan(lastTotal)
      lastTotal = total
    }
  })

  it('rolls the month counters over on the billing day', async () => {
    const time = clock(Date.UTC(2025, 4, 13, 23, 0, 0)) // the day before billing day 14
    const { client, sim } = await start({ now: time.now, sessionIdleMs: 86_400_000 })
    await client.home()
    await client.loginType4('admin', 'admin')
    const before = Number(field(await client.get('monitoring/month_statistics'), 'CurrentMonthDownload'))
    expect(before).toBeGreaterThan(0)
    time.advance(2 * 3_600_000)
    await client.get('user/heartbeat')
    const month = await client.get('monitoring/month_statistics')
    expect(field(month, 'MonthLastClearTime')).toBe('2025-05-14')
    expect(Number(field(month, 'CurrentMonthDownload'))).toBeLessThan(before)
    expect(sim.plan.startDay).toBe(14)
  })
})

describe('identity, SIM and variants', () => {
  it('ships a T-Mobile US prepaid demo SIM with a valid ICCID and a fictional 555-01xx number', () => {
    expect(TMOBILE_US_PREPAID.plmn).toBe('310260')
    expect(TMOBILE_US_PREPAID.operatorFullName).toBe('T-Mobile')
    expect(TMOBILE_US_PREPAID.iccid).toMatch(/^8901260\d{12}$/)
    expect(isLuhnValid(TMOBILE_US_PREPAID.iccid)).toBe(true)
    expect(TMOBILE_US_PREPAID.imsi).toMatch(/^310260\d{9}$/)
    expect(TMOBILE_US_PREPAID.msisdn).toMatch(/^\+1\d{3}55501\d{2}$/)
    // Luhn per reference/carriers.md §8.1, checked on the classic example number.
    expect(luhnCheckDigit('7992739871')).toBe(3)
    expect(isLuhnValid('8901260412055501435')).toBe(false)
  })

  it('lets the SIM be swapped: no number stored, or no SIM at all', async () => {
    const noNumber = await start({ sim: { msisdn: '' } })
    await noNumber.client.home()
    await noNumber.client.loginType4('admin', 'admin')
    expect(field(await noNumber.client.get('device/information'), 'Msisdn')).toBe('')
    const noSim = await start({ sim: { present: false } })
    const status = await noSim.client.get('monitoring/status')
    expect(field(status, 'SimStatus')).toBe('255')
    expect(field(status, 'ConnectionStatus')).toBe('902')
  })

  it('E3372h: HiLink stick with hilink_login 0, no battery, everything readable without login', async () => {
    const { client } = await start({ variant: 'E3372h' })
    expect(field(await client.get('user/hilink_login'), 'hilink_login')).toBe('0')
    expect(field(await client.get('device/information'), 'DeviceName')).toBe('E3372h-153')
    const status = await client.get('monitoring/status')
    expect(field(status, 'BatteryPercent')).toBe('')
    expect(field(status, 'classify')).toBe('hilink')
  })

  it('UMG587: no CSRF tokens, no password_type, 3G fields, old endpoints missing', async () => {
    const { client } = await start({ variant: 'UMG587' })
    await client.home()
    expect(client.tokens).toEqual([])
    expect(errorCode(await client.get('webserver/token'))).toBe(100002)
    expect(errorCode(await client.get('webserver/SesTokInfo'))).toBe(100002)
    expect(errorCode(await client.get('device/basic_information'))).toBe(100002)
    const state = await client.get('user/state-login')
    expect(field(state, 'password_type')).toBeUndefined()
    const login = await client.post('user/login', `<Username>admin</Username><Password>${Buffer.from('admin').toString('base64')}</Password><password_type>0</password_type>`, null)
    expect(login.text).toContain('OK')
    const signal = await client.get('device/signal')
    expect(field(signal, 'rscp')).toMatch(/dBm$/)
    expect(field(signal, 'mode')).toBe('2')
    expect(field(await client.get('monitoring/status'), 'CurrentNetworkTypeEx')).toBeUndefined()
    expect(VARIANTS.UMG587.defaultLanIp).toBe('192.168.1.1')
  })

  it('refuses an unknown variant', () => {
    expect(() => new HuaweiHilinkSimulator({ variant: 'B999' as never })).toThrow(/unknown/)
  })
})
