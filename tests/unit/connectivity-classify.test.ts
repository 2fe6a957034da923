// The verdict table: probe outcomes + the hotspot's report → verdict → remedy. Each row is one situation from
// reference/carriers.md §9–10 or device-protocols.md §6.2; outcomes are built by hand as runProbes reports them.
import { describe, expect, it } from 'vitest'
import { classify, describeOutcome, REMEDY_DESCRIPTIONS, REMEDY_KEYS, VERDICT_KINDS, type ClassifyInput, type GardenHost, type RemedyKey, type VerdictKind } from '../../src/connectivity/classify'
import type { DeviceFacts } from '../../src/connectivity/facts'
import type { ProbeOutcome } from '../../src/connectivity/probes'

const GSTATIC = 'http://connectivitycheck.gstatic.com/generate_204'
const APPLE = 'http://captive.apple.com/hotspot-detect.html'
const MSFT = 'http://www.msftconnecttest.com/connecttest.txt'

const ok = (url: string, ms = 80): ProbeOutcome => ({ kind: 'ok', probeId: new URL(url).hostname, url, status: url.endsWith('204') ? 204 : 200, elapsedMs: ms, headersMs: ms })
const redirect = (url: string, location: string | undefined, status = 302): ProbeOutcome => {
  const o: ProbeOutcome = { kind: 'redirect', probeId: new URL(url).hostname, url, status, elapsedMs: 40, headersMs: 40 }
  if (location !== undefined) o.location = location
  return o
}
const page = (url: string, hints: { title?: string; refreshUrl?: string; scriptUrl?: string } = {}, snippet = 'Sign in to continue'): ProbeOutcome => ({
  kind: 'unexpected-page',
  probeId: new URL(url).hostname,
  url,
  status: 200,
  elapsedMs: 50,
  headersMs: 40,
  snippet,
  page: hints,
  bodyBytes: 900,
  truncated: false
})
const timeout = (url: string): ProbeOutcome => ({ kind: 'timeout', probeId: new URL(url).hostname, url, elapsedMs: 8000, phase: 'response', timeoutMs: 8000 })
const refused = (url: string): ProbeOutcome => ({ kind: 'refused', probeId: new URL(url).hostname, url, elapsedMs: 3, code: 'ECONNREFUSED' })
const dnsFail = (url: string): ProbeOutcome => ({ kind: 'dns-failure', probeId: new URL(url).hostname, url, elapsedMs: 30, code: 'ENOTFOUND', hostname: new URL(url).hostname })
const garbled = (url: string): ProbeOutcome => ({ kind: 'bad-response', probeId: new URL(url).hostname, url, elapsedMs: 5, code: 'HPE_INVALID_CONSTANT', message: 'Parse Error' })
const notSent = (url: string): ProbeOutcome => ({ kind: 'network-error', probeId: new URL(url).hostname, url, elapsedMs: 1, code: 'EADDRNOTAVAIL', local: true, message: 'bind' })
const httpError = (url: string, status: number, hints = {}): ProbeOutcome => ({ kind: 'http-error', probeId: new URL(url).hostname, url, status, elapsedMs: 20, headersMs: 20, snippet: 'Forbidden', page: hints })

const ALL_OK = [ok(GSTATIC), ok(APPLE), ok(MSFT)]
const ALL_TIMEOUT = [timeout(GSTATIC), timeout(APPLE), timeout(MSFT)]
const ALL_REFUSED = [refused(GSTATIC), refused(APPLE), refused(MSFT)]

const CONNECTED: DeviceFacts = { sim: { state: 'ready' }, registration: { state: 'home' }, data: { state: 'connected', ipv4: '10.20.30.40' }, signal: { bars: 4 } }
const connectedWith = (extra: DeviceFacts): DeviceFacts => ({ ...CONNECTED, ...extra })
const failedData = (failureReason: string): DeviceFacts => ({ ...CONNECTED, data: { state: 'failed', failureReason } })
const OVER_LIMIT = { monthTotalBytes: 21e9, monthLimitBytes: 20e9 }

const GARDEN: GardenHost[] = [
  { pattern: '*.t-mobile-pass.example', carrierId: 'tmobile-us-prepaid', purpose: 'purchase' },
  { pattern: 'activate.carrier.example', carrierId: 'carrier', purpose: 'activation' },
  { pattern: 'my.carrier.example', carrierId: 'carrier', purpose: 'account' }
]

interface Row {
  name: string
  input: ClassifyInput
  kind: VerdictKind
  remedy: RemedyKey
  reason: string
  portal?: string
}

const ROWS: Row[] = [
  // online
  { name: 'three probes answer as expected', input: { probes: ALL_OK, device: CONNECTED }, kind: 'online', remedy: 'none', reason: 'probes-ok' },
  { name: 'probes answer, no device facts', input: { probes: ALL_OK }, kind: 'online', remedy: 'none', reason: 'probes-ok' },
  { name: 'one probe site blocked, two answer', input: { probes: [ok(GSTATIC), ok(APPLE), timeout(MSFT)], device: CONNECTED }, kind: 'online', remedy: 'none', reason: 'probes-ok' },
  { name: 'one odd page, two answer', input: { probes: [ok(GSTATIC), ok(APPLE), page(MSFT)], device: CONNECTED }, kind: 'online', remedy: 'none', reason: 'odd-probe-page' },
  {
    name: 'slow but not very slow, full signal',
    input: { probes: [ok(GSTATIC, 3000), ok(APPLE, 3200)], device: CONNECTED },
    kind: 'online',
    remedy: 'none',
    reason: 'slow'
  },
  {
    name: 'slow with a weak signal: move, not buy',
    input: { probes: [ok(GSTATIC, 3000), ok(APPLE, 3200)], device: connectedWith({ signal: { bars: 1 } }) },
    kind: 'online',
    remedy: 'move-for-signal',
    reason: 'slow-weak-signal'
  },
  {
    name: 'hotspot says failed, but probes through it (uplink confirmed) succeed',
    input: { probes: ALL_OK, device: failedData('roaming not allowed'), uplink: { route: 'through-hotspot' } },
    kind: 'online',
    remedy: 'none',
    reason: 'probes-contradict-device'
  },

  // captive
  { name: '302 to a portal', input: { probes: [redirect(GSTATIC, 'http://portal.hotel.example/login'), redirect(APPLE, 'http://portal.hotel.example/login')], device: CONNECTED }, kind: 'captive', remedy: 'open-portal', reason: 'redirect', portal: 'http://portal.hotel.example/login' },
  { name: 'redirect without Location: open the probe URL', input: { probes: [redirect(GSTATIC, undefined)] }, kind: 'captive', remedy: 'open-portal', reason: 'redirect', portal: GSTATIC },
  { name: 'hijacked 200 login page', input: { probes: [page(GSTATIC), page(APPLE), page(MSFT)], device: CONNECTED }, kind: 'captive', remedy: 'open-portal', reason: 'hijacked-page', portal: GSTATIC },
  {
    name: 'hijacked page with a meta refresh',
    input: { probes: [page(GSTATIC, { refreshUrl: 'http://wifi.example/portal' })] },
    kind: 'captive',
    remedy: 'open-portal',
    reason: 'hijacked-page',
    portal: 'http://wifi.example/portal'
  },
  { name: '511 network authentication required', input: { probes: [httpError(GSTATIC, 511, { refreshUrl: 'https://login.example/' })] }, kind: 'captive', remedy: 'open-portal', reason: 'auth-required', portal: 'https://login.example/' },
  { name: 'a redirect among good answers still counts', input: { probes: [ok(GSTATIC), redirect(APPLE, 'http://portal.example/')] }, kind: 'captive', remedy: 'open-portal', reason: 'redirect', portal: 'http://portal.example/' },
  {
    name: 'carrier account page (known host, account purpose)',
    input: { probes: [redirect(GSTATIC, 'http://my.carrier.example/usage')], gardenHosts: GARDEN },
    kind: 'captive',
    remedy: 'open-portal',
    reason: 'carrier-portal-redirect',
    portal: 'http://my.carrier.example/usage'
  },

  // no-plan
  {
    name: 'redirect to a known carrier purchase page',
    input: { probes: [redirect(GSTATIC, 'http://buy.t-mobile-pass.example/passes'), redirect(APPLE, 'http://buy.t-mobile-pass.example/passes')], device: CONNECTED, gardenHosts: GARDEN },
    kind: 'no-plan',
    remedy: 'buy-pass',
    reason: 'carrier-purchase-redirect',
    portal: 'http://buy.t-mobile-pass.example/passes'
  },
  {
    name: 'carrier purchase page through a meta refresh',
    input: { probes: [page(GSTATIC, { refreshUrl: 'http://buy.t-mobile-pass.example/' })], gardenHosts: GARDEN },
    kind: 'no-plan',
    remedy: 'buy-pass',
    reason: 'carrier-purchase-redirect',
    portal: 'http://buy.t-mobile-pass.example/'
  },
  {
    name: 'redirect to the carrier activation page',
    input: { probes: [redirect(GSTATIC, 'http://activate.carrier.example/start')], gardenHosts: GARDEN },
    kind: 'no-plan',
    remedy: 'finish-activation',
    reason: 'carrier-activation-redirect',
    portal: 'http://activate.carrier.example/start'
  },
  {
    name: 'carrier page wins over a stale "failed" report',
    input: { probes: [redirect(GSTATIC, 'http://buy.t-mobile-pass.example/')], device: failedData('roaming not allowed'), gardenHosts: GARDEN },
    kind: 'no-plan',
    remedy: 'buy-pass',
    reason: 'carrier-purchase-redirect',
    portal: 'http://buy.t-mobile-pass.example/'
  },
  { name: 'HiLink 201 data volume exceeded', input: { probes: ALL_TIMEOUT, device: failedData('data volume exceeded: the plan has no data left') }, kind: 'no-plan', remedy: 'buy-pass', reason: 'data-volume-exceeded' },
  { name: 'HiLink 201 as a raw code, no probes', input: { device: { ...CONNECTED, data: { state: 'failed' }, codes: { hilinkConnectionStatus: 201 } } }, kind: 'no-plan', remedy: 'buy-pass', reason: 'data-volume-exceeded' },
  { name: 'HiLink 7 network access not allowed', input: { probes: ALL_REFUSED, device: { ...CONNECTED, data: { state: 'failed' }, codes: { hilinkConnectionStatus: 7 } } }, kind: 'no-plan', remedy: 'buy-pass', reason: 'network-access-not-allowed' },
  { name: 'HiLink 37 as text', input: { device: failedData('network access not allowed (the line may have no data service)') }, kind: 'no-plan', remedy: 'buy-pass', reason: 'network-access-not-allowed' },
  { name: '+CME 133 service option not subscribed', input: { device: { ...CONNECTED, data: { state: 'failed' }, codes: { cmeError: 133 } } }, kind: 'no-plan', remedy: 'buy-pass', reason: 'service-not-subscribed' },
  { name: 'ESM #33 as text', input: { probes: ALL_TIMEOUT, device: failedData('requested service option not subscribed') }, kind: 'no-plan', remedy: 'buy-pass', reason: 'service-not-subscribed' },
  { name: 'registration rejected with cause 33', input: { device: { ...CONNECTED, registration: { state: 'denied', rejectCause: 'reject cause 33' }, data: { state: 'disconnected' } } }, kind: 'no-plan', remedy: 'buy-pass', reason: 'reject-not-subscribed' },
  { name: 'registration rejected with 133', input: { device: { registration: { state: 'denied', rejectCause: '133' } } }, kind: 'no-plan', remedy: 'buy-pass', reason: 'reject-not-subscribed' },
  { name: '+CME 107 GPRS not allowed: finish activation', input: { device: { ...CONNECTED, data: { state: 'failed' }, codes: { cmeError: 107 } } }, kind: 'no-plan', remedy: 'finish-activation', reason: 'data-not-allowed' },
  { name: 'operator barring', input: { device: { ...CONNECTED, data: { state: 'failed' }, codes: { cmeError: 177 } } }, kind: 'no-plan', remedy: 'contact-carrier', reason: 'barred' },
  { name: 'session up, nothing gets through', input: { probes: ALL_TIMEOUT, device: CONNECTED }, kind: 'no-plan', remedy: 'check-account', reason: 'nothing-gets-through' },
  { name: 'session up, DNS fails everywhere', input: { probes: [dnsFail(GSTATIC), dnsFail(APPLE), dnsFail(MSFT)], device: CONNECTED }, kind: 'no-plan', remedy: 'check-account', reason: 'nothing-gets-through' },

  // throttled
  { name: 'carrier says slowed', input: { probes: ALL_OK, device: connectedWith({ throttleSignal: 'Your speed has been reduced to 128 kbps' }) }, kind: 'throttled', remedy: 'buy-pass', reason: 'throttle-signal' },
  { name: 'measured 120 kbps', input: { probes: ALL_OK, device: connectedWith({ throughput: { bytesPerSecond: 15_000, sampleBytes: 200_000 } }) }, kind: 'throttled', remedy: 'buy-pass', reason: 'low-throughput' },
  { name: 'slow probes at the usage limit', input: { probes: [ok(GSTATIC, 2600), ok(APPLE, 2900), ok(MSFT, 3100)], device: connectedWith({ usage: OVER_LIMIT }) }, kind: 'throttled', remedy: 'buy-pass', reason: 'slow-at-limit' },
  { name: 'very slow probes alone', input: { probes: [ok(GSTATIC, 5200), ok(APPLE, 6100)], device: CONNECTED }, kind: 'throttled', remedy: 'buy-pass', reason: 'very-slow' },

  // not-registered
  { name: 'no SIM', input: { probes: ALL_REFUSED, device: { sim: { state: 'absent' }, registration: { state: 'not-registered' } } }, kind: 'not-registered', remedy: 'check-sim', reason: 'sim-absent' },
  { name: 'SIM PIN', input: { device: { sim: { state: 'pin-required' } } }, kind: 'not-registered', remedy: 'enter-pin', reason: 'sim-pin' },
  { name: 'SIM PUK', input: { device: { sim: { state: 'puk-required' } } }, kind: 'not-registered', remedy: 'enter-puk', reason: 'sim-puk' },
  { name: 'SIM invalid', input: { device: { sim: { state: 'invalid' } } }, kind: 'not-registered', remedy: 'contact-carrier', reason: 'sim-invalid' },
  { name: 'searching, weak signal', input: { probes: ALL_TIMEOUT, device: { sim: { state: 'ready' }, registration: { state: 'searching' }, signal: { bars: 0 } } }, kind: 'not-registered', remedy: 'move-for-signal', reason: 'searching' },
  { name: 'searching, signal fine', input: { device: { registration: { state: 'searching' }, signal: { bars: 3 } } }, kind: 'not-registered', remedy: 'wait', reason: 'searching' },
  { name: 'no service', input: { device: { registration: { state: 'not-registered' } } }, kind: 'not-registered', remedy: 'move-for-signal', reason: 'not-registered' },
  { name: 'EMM #7: line not active', input: { device: { registration: { state: 'denied', rejectCause: 'EMM #7 EPS services not allowed' } } }, kind: 'not-registered', remedy: 'check-account', reason: 'reject-services-not-allowed' },
  { name: 'EMM #2: not provisioned', input: { device: { registration: { state: 'denied' }, codes: { emmCause: 2 } } }, kind: 'not-registered', remedy: 'finish-activation', reason: 'reject-not-provisioned' },
  { name: 'EMM #6: illegal ME', input: { device: { registration: { state: 'denied', rejectCause: 'EMM #6 illegal ME' } } }, kind: 'not-registered', remedy: 'contact-carrier', reason: 'reject-illegal-device' },
  { name: 'EMM #11 abroad', input: { device: { registration: { state: 'denied', rejectCause: 'reject cause 11' } } }, kind: 'not-registered', remedy: 'enable-roaming', reason: 'reject-plmn-not-allowed' },
  { name: 'denied without a cause', input: { device: { registration: { state: 'denied' } } }, kind: 'not-registered', remedy: 'check-account', reason: 'registration-denied' },
  { name: '+CME 30 no service', input: { device: { ...CONNECTED, data: { state: 'failed' }, codes: { cmeError: 30 } } }, kind: 'not-registered', remedy: 'move-for-signal', reason: 'no-service' },

  // no-data (registered, session will not start for a reason that is not the plan)
  { name: 'unknown APN', input: { probes: ALL_REFUSED, device: failedData('The network does not know this APN (“missing or unknown APN”). Check the APN for this carrier and SIM.') }, kind: 'no-data', remedy: 'check-apn', reason: 'unknown-apn' },
  { name: 'HiLink profile invalid', input: { device: { ...CONNECTED, data: { state: 'failed' }, codes: { hilinkConnectionStatus: 21 } } }, kind: 'no-data', remedy: 'check-apn', reason: 'profile-invalid' },
  { name: 'IPv6 only', input: { device: { ...CONNECTED, data: { state: 'failed' }, codes: { cmeError: 193 } } }, kind: 'no-data', remedy: 'check-apn', reason: 'pdp-type' },
  { name: 'HiLink 12 roaming not allowed', input: { device: { ...CONNECTED, data: { state: 'failed' }, codes: { hilinkConnectionStatus: 12 } } }, kind: 'no-data', remedy: 'enable-roaming', reason: 'roaming-not-allowed' },
  { name: 'auto-connect off (HiLink 112)', input: { device: { ...CONNECTED, data: { state: 'disconnected', failureReason: 'automatic connection switched off' } } }, kind: 'no-data', remedy: 'turn-on-data', reason: 'data-switched-off' },
  { name: 'device limit reached (ZTE)', input: { probes: ALL_TIMEOUT, device: { ...CONNECTED, data: { state: 'disconnected', failureReason: 'the monthly data limit set on the device has been reached' } } }, kind: 'no-data', remedy: 'raise-device-limit', reason: 'device-limit' },
  { name: 'disconnected at the device limit, no reason given', input: { device: { ...CONNECTED, data: { state: 'disconnected' }, usage: OVER_LIMIT } }, kind: 'no-data', remedy: 'raise-device-limit', reason: 'device-limit-likely' },
  { name: 'disconnected, no reason', input: { probes: ALL_REFUSED, device: { ...CONNECTED, data: { state: 'disconnected' } } }, kind: 'no-data', remedy: 'turn-on-data', reason: 'data-disconnected' },
  { name: 'no address', input: { device: failedData('The data connection is up but has no IP address, which usually means the network does not accept this APN.') }, kind: 'no-data', remedy: 'check-apn', reason: 'no-address' },
  {
    name: 'redirect to the hotspot’s own page, no device facts',
    input: { probes: [redirect(GSTATIC, 'http://192.168.8.1/html/index.html'), redirect(APPLE, 'http://192.168.8.1/html/index.html')], hotspot: { addresses: ['192.168.8.1'] } },
    kind: 'no-data',
    remedy: 'turn-on-data',
    reason: 'hotspot-own-page'
  },
  {
    name: 'redirect to the hotspot’s own page by name',
    input: { probes: [page(GSTATIC, { scriptUrl: 'http://homerouter.cpe/html/home.html' })], hotspot: { hostNames: ['homerouter.cpe'] } },
    kind: 'no-data',
    remedy: 'turn-on-data',
    reason: 'hotspot-own-page'
  },

  // unknown
  { name: 'nothing at all', input: {}, kind: 'unknown', remedy: 'retry', reason: 'nothing-known' },
  { name: 'timeouts and no device facts', input: { probes: ALL_TIMEOUT }, kind: 'unknown', remedy: 'retry', reason: 'no-answers' },
  { name: 'timeouts with a weak signal', input: { probes: ALL_TIMEOUT, device: connectedWith({ signal: { bars: 1 } }) }, kind: 'unknown', remedy: 'move-for-signal', reason: 'weak-signal-silence' },
  { name: 'garbage answers', input: { probes: [garbled(GSTATIC), garbled(APPLE)], device: CONNECTED }, kind: 'unknown', remedy: 'retry', reason: 'garbled-answers' },
  { name: 'HTTP 403 everywhere', input: { probes: [httpError(GSTATIC, 403), httpError(APPLE, 403)], device: CONNECTED }, kind: 'unknown', remedy: 'retry', reason: 'garbled-answers' },
  { name: 'probes could not be sent', input: { probes: [notSent(GSTATIC), notSent(APPLE)], device: CONNECTED }, kind: 'unknown', remedy: 'retry', reason: 'probes-not-sent' },
  { name: 'session connecting', input: { probes: ALL_TIMEOUT, device: { ...CONNECTED, data: { state: 'connecting' } } }, kind: 'unknown', remedy: 'wait', reason: 'connecting' },
  {
    name: 'traffic goes through another network',
    input: { probes: ALL_OK, device: CONNECTED, uplink: { route: 'other-network', defaultInterface: 'wlan0' } },
    kind: 'unknown',
    remedy: 'route-through-hotspot',
    reason: 'probes-elsewhere'
  },
  { name: 'only probes that were never sent', input: { probes: [{ kind: 'skipped', probeId: 'x', url: GSTATIC, elapsedMs: 0, reason: 'limit' }], device: CONNECTED }, kind: 'unknown', remedy: 'retry', reason: 'no-probes' }
]

describe('classify: the verdict table', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const verdict = classify(row.input)
    expect({ kind: verdict.kind, remedy: verdict.remedy, reason: verdict.reason }).toEqual({ kind: row.kind, remedy: row.remedy, reason: row.reason })
    expect(verdict.portal?.url).toBe(row.portal)
    expect(verdict.evidence.length).toBeGreaterThan(0)
    for (const item of verdict.evidence) {
      expect(item.key).toMatch(/^[a-z][a-z0-9-]*$/)
      expect(item.text.length).toBeGreaterThan(10)
    }
  })

  it('covers every verdict kind', () => {
    expect(new Set(ROWS.map((row) => row.kind))).toEqual(new Set(VERDICT_KINDS))
  })

  it('describes every remedy it can give', () => {
    for (const key of REMEDY_KEYS) expect(REMEDY_DESCRIPTIONS[key].length).toBeGreaterThan(5)
  })
})

describe('classify: details', () => {
  it('names the carrier and purpose of a walled-garden page', () => {
    const verdict = classify({ probes: [redirect(GSTATIC, 'http://buy.t-mobile-pass.example/passes?x=1')], gardenHosts: GARDEN })
    expect(verdict.portal).toEqual({
      url: 'http://buy.t-mobile-pass.example/passes?x=1',
      host: 'buy.t-mobile-pass.example',
      via: 'location',
      probeId: 'connectivitycheck.gstatic.com',
      plainHttp: true,
      carrier: { carrierId: 'tmobile-us-prepaid', purpose: 'purchase', pattern: '*.t-mobile-pass.example' }
    })
    expect(verdict.confidence).toBe('high')
  })

  it('matches garden patterns as carrier packs do: "*." is subdomains only', () => {
    const bare = classify({ probes: [redirect(GSTATIC, 'http://t-mobile-pass.example/')], gardenHosts: GARDEN })
    expect(bare.kind).toBe('captive')
    expect(bare.portal?.carrier).toBeUndefined()
  })

  it('does not take the probe URL itself for a carrier page', () => {
    const garden: GardenHost[] = [{ pattern: 'connectivitycheck.gstatic.com', carrierId: 'x', purpose: 'purchase' }]
    const verdict = classify({ probes: [page(GSTATIC)], gardenHosts: garden })
    expect(verdict.kind).toBe('captive')
    expect(verdict.portal?.via).toBe('probe-url')
  })

  it('a redirect seen while the hotspot has no data session is blamed on another network', () => {
    const verdict = classify({ probes: [redirect(GSTATIC, 'http://portal.hotel.example/')], device: failedData('data volume exceeded: the plan has no data left') })
    expect(verdict.kind).toBe('no-plan')
    expect(verdict.evidence.map((e) => e.key)).toContain('portal-elsewhere')
  })

  it('mixed answers lower the confidence of a captive verdict', () => {
    expect(classify({ probes: [ok(GSTATIC), redirect(APPLE, 'http://p.example/')] }).confidence).toBe('medium')
    expect(classify({ probes: [redirect(GSTATIC, 'http://p.example/'), redirect(APPLE, 'http://p.example/')] }).confidence).toBe('high')
  })

  it('prefers a redirect with a Location for the portal', () => {
    const verdict = classify({ probes: [redirect(GSTATIC, undefined), redirect(APPLE, 'http://portal.example/x')] })
    expect(verdict.portal?.url).toBe('http://portal.example/x')
  })

  it('flags DNS redirection of a probe host to a private address', () => {
    const o = timeout(GSTATIC)
    o.resolved = ['10.177.0.1']
    const verdict = classify({ probes: [o, timeout(APPLE)], device: CONNECTED })
    expect(verdict.evidence.some((e) => e.key === 'dns-redirect' && e.text.includes('10.177.0.1'))).toBe(true)
  })

  it('does not flag loopback answers as DNS redirection (tests resolve names to 127.0.0.1)', () => {
    const o = redirect(GSTATIC, 'http://p.example/')
    o.resolved = ['127.0.0.1']
    expect(classify({ probes: [o] }).evidence.some((e) => e.key === 'dns-redirect')).toBe(false)
  })

  it('keeps throttling conservative: fast probes at the usage limit stay online, with a note', () => {
    const verdict = classify({ probes: ALL_OK, device: connectedWith({ usage: OVER_LIMIT }) })
    expect(verdict.kind).toBe('online')
    expect(verdict.evidence.some((e) => e.key === 'usage')).toBe(true)
  })

  it('ignores a throughput sample that is too small to mean anything', () => {
    expect(classify({ probes: ALL_OK, device: connectedWith({ throughput: { bytesPerSecond: 1000, sampleBytes: 2000 } }) }).kind).toBe('online')
  })

  it('says what evidence triggered a throttled verdict', () => {
    const verdict = classify({ probes: [ok(GSTATIC, 2600), ok(APPLE, 2700)], device: connectedWith({ throttleSignal: 'speed reduced', usage: OVER_LIMIT }) })
    expect(verdict.kind).toBe('throttled')
    expect(verdict.confidence).toBe('high')
    expect(verdict.evidence.map((e) => e.key)).toEqual(expect.arrayContaining(['throttle-signal', 'slow-probes', 'usage']))
  })

  it('takes its thresholds from the caller', () => {
    const probes = [ok(GSTATIC, 400), ok(APPLE, 450)]
    expect(classify({ probes, device: CONNECTED }).kind).toBe('online')
    expect(classify({ probes, device: CONNECTED, thresholds: { slowProbeMs: 300, verySlowProbeMs: 350 } }).reason).toBe('very-slow')
  })

  it('one evidence line per probe that ran', () => {
    const verdict = classify({ probes: [ok(GSTATIC), redirect(APPLE, 'http://p.example/'), timeout(MSFT)] })
    expect(verdict.evidence.filter((e) => e.key.startsWith('probe-') && e.key !== 'probe-summary')).toHaveLength(3)
  })
})

describe('describeOutcome', () => {
  it('says what each probe saw', () => {
    expect(describeOutcome(ok(GSTATIC, 95)).text).toBe('Probe connectivitycheck.gstatic.com/generate_204 answered as expected (204, 95 ms).')
    expect(describeOutcome(redirect(APPLE, 'http://portal.example/')).text).toBe('Probe captive.apple.com/hotspot-detect.html was redirected (302) to http://portal.example/.')
    expect(describeOutcome(page(MSFT, { title: 'Buy data' })).text).toContain('titled “Buy data”')
    expect(describeOutcome(timeout(GSTATIC)).text).toContain('no answer within 8000 ms (waiting for the response)')
    expect(describeOutcome(dnsFail(APPLE)).text).toContain('the name captive.apple.com did not resolve (ENOTFOUND)')
  })
})

describe('classify never throws', () => {
  const junk: unknown[] = [
    undefined,
    null,
    42,
    'text',
    [],
    { probes: 'nope' },
    { probes: [null, 1, 'x', { kind: 'bogus' }, { kind: 'ok' }, { kind: 'redirect', location: 12 }, { kind: 'unexpected-page', page: 'x' }, { kind: 'timeout', phase: 'nowhere' }] },
    { device: { sim: 'x', registration: { state: 7, rejectCause: {} }, data: { state: 'failed', failureReason: 99 }, usage: { monthLimitBytes: 'a' }, signal: { bars: 'x' }, codes: 'x' } },
    { device: { data: { state: 'connected' } }, probes: [{ kind: 'ok', url: 'not a url', elapsedMs: 'slow' }], gardenHosts: [null, { pattern: 1 }], hotspot: { addresses: [1, null] }, uplink: { route: 'sideways' }, thresholds: { slowProbeMs: -1, verySlowProbeMs: 'x' } },
    { probes: [{ kind: 'http-error', status: 511, url: 'http://x.example/', page: null }] },
    { probes: [{ kind: 'redirect', status: 302, url: '', location: 'javascript:alert(1)' }] }
  ]
  it.each(junk.map((value, index) => [index, value] as const))('junk #%i', (_index, value) => {
    const verdict = classify(value as ClassifyInput)
    expect(VERDICT_KINDS).toContain(verdict.kind)
    expect(REMEDY_KEYS).toContain(verdict.remedy)
    expect(Array.isArray(verdict.evidence)).toBe(true)
  })

  it('random outcome soup', () => {
    let seed = 7
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const kinds = ['ok', 'redirect', 'unexpected-page', 'http-error', 'timeout', 'refused', 'dns-failure', 'network-error', 'bad-response', 'blocked', 'invalid', 'cancelled', 'skipped', 'zzz']
    const values: unknown[] = [undefined, null, 0, -1, 'x', 'http://a.example/', {}, [], 511, 204, true]
    for (let i = 0; i < 300; i++) {
      const probes = Array.from({ length: next(5) }, () => ({
        kind: kinds[next(kinds.length)],
        url: values[next(values.length)],
        status: values[next(values.length)],
        location: values[next(values.length)],
        page: values[next(values.length)],
        elapsedMs: values[next(values.length)],
        local: values[next(values.length)],
        resolved: values[next(values.length)]
      }))
      const device = { data: { state: ['connected', 'failed', 'disconnected', 'connecting', 'x'][next(5)], failureReason: values[next(values.length)] }, signal: { bars: values[next(values.length)] } }
      const verdict = classify({ probes, device } as unknown as ClassifyInput)
      expect(VERDICT_KINDS).toContain(verdict.kind)
    }
  })
})
