// Every verdict end to end: real probes against the loopback captive world, the hotspot's report as a driver
// would give it, the uplink check from a routing table, through checkConnectivity. Loopback only.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { checkConnectivity, type ConnectivityCheckInput } from '../../src/connectivity/check'
import type { DeviceFacts } from '../../src/connectivity/facts'
import { checkUplink, parseProcNetRoute } from '../../src/connectivity/uplink'
import { CARRIER_ACTIVATION, CARRIER_TOP_UP, CaptiveWorld, HOTEL_PORTAL, HOTSPOT_LAN, WORLD_GARDEN_HOSTS, type ScenarioName } from '../support/captive-world'

let world: CaptiveWorld

beforeAll(async () => {
  world = await CaptiveWorld.start()
  world.slowMs = 400
  world.verySlowMs = 900
})
afterAll(async () => {
  await world.close()
})
beforeEach(() => {
  world.requests.length = 0
})

const CONNECTED: DeviceFacts = { sim: { state: 'ready' }, registration: { state: 'home', plmn: '310260' }, data: { state: 'connected', ipv4: '10.20.30.40' }, signal: { bars: 4 } }
// Slow thresholds scaled to the world's delays (400 and 900 ms) so the tests stay fast; a delayed answer can only
// be later than its delay, and a prompt loopback answer is far below 300 ms.
const THRESHOLDS = { slowProbeMs: 300, verySlowProbeMs: 800 }

async function check(scenario: ScenarioName, extra: Partial<ConnectivityCheckInput> = {}) {
  world.use(scenario)
  return checkConnectivity({
    probes: world.probes(),
    probeOptions: { loopbackOnly: true, timeoutMs: 1500 },
    device: CONNECTED,
    gardenHosts: WORLD_GARDEN_HOSTS,
    hotspot: { addresses: [HOTSPOT_LAN] },
    thresholds: THRESHOLDS,
    ...extra
  })
}

describe('online', () => {
  it('204 and success texts', async () => {
    const { verdict, probes } = await check('online')
    expect(verdict).toMatchObject({ kind: 'online', remedy: 'none', confidence: 'high' })
    expect(probes).toHaveLength(3)
  })

  it('one blocked probe site does not make a verdict', async () => {
    const { verdict } = await check('one-blocked', { probeOptions: { loopbackOnly: true, timeoutMs: 300 } })
    expect(verdict).toMatchObject({ kind: 'online', confidence: 'medium' })
  })
})

describe('captive', () => {
  it('302 to a portal: the portal view gets the URL and host', async () => {
    const { verdict } = await check('captive-redirect')
    expect(verdict).toMatchObject({ kind: 'captive', remedy: 'open-portal', reason: 'redirect', confidence: 'high' })
    expect(verdict.portal).toMatchObject({ url: HOTEL_PORTAL, host: 'portal.hotel-wifi.test', via: 'location', plainHttp: true })
    expect(verdict.portal?.carrier).toBeUndefined()
    // The portal itself was never contacted.
    expect(world.requests.every((r) => r.headers.host?.startsWith('127.0.0.1'))).toBe(true)
  })

  it('hijacked 200 login page: open the probe URL and let the portal take over', async () => {
    const { verdict } = await check('hijacked-page')
    expect(verdict).toMatchObject({ kind: 'captive', reason: 'hijacked-page' })
    expect(verdict.portal).toMatchObject({ via: 'probe-url', host: '127.0.0.1' })
    expect(verdict.evidence.some((e) => e.text.includes('Welcome & sign in'))).toBe(true)
  })

  it('511 with a refresh to the portal', async () => {
    const { verdict } = await check('auth-required')
    expect(verdict).toMatchObject({ kind: 'captive', reason: 'auth-required', portal: { url: HOTEL_PORTAL, via: 'meta-refresh' } })
  })
})

describe('no-plan', () => {
  it('redirect to the carrier top-up page', async () => {
    const { verdict } = await check('carrier-top-up')
    expect(verdict).toMatchObject({ kind: 'no-plan', remedy: 'buy-pass', reason: 'carrier-purchase-redirect', confidence: 'high' })
    expect(verdict.portal).toMatchObject({ url: CARRIER_TOP_UP, host: 'buy.walled-carrier.test', carrier: { carrierId: 'walled-carrier', purpose: 'purchase' } })
  })

  it('a page that refreshes to the carrier top-up page', async () => {
    const { verdict } = await check('meta-refresh-top-up')
    expect(verdict).toMatchObject({ kind: 'no-plan', remedy: 'buy-pass', portal: { url: CARRIER_TOP_UP, via: 'meta-refresh' } })
  })

  it('redirect to the carrier activation page', async () => {
    const { verdict } = await check('carrier-activation')
    expect(verdict).toMatchObject({ kind: 'no-plan', remedy: 'finish-activation', portal: { url: CARRIER_ACTIVATION } })
  })

  it('without the carrier pack the same redirect is a plain captive portal', async () => {
    const { verdict } = await check('carrier-top-up', { gardenHosts: [] })
    expect(verdict).toMatchObject({ kind: 'captive', remedy: 'open-portal', portal: { url: CARRIER_TOP_UP } })
  })

  it('HiLink "data volume exceeded" while the probes get nowhere', async () => {
    const { verdict } = await check('refused', { device: { ...CONNECTED, data: { state: 'failed', failureReason: 'data volume exceeded: the plan has no data left' } } })
    expect(verdict).toMatchObject({ kind: 'no-plan', remedy: 'buy-pass', reason: 'data-volume-exceeded' })
  })

  it('session up but nothing answers, at the usage limit', async () => {
    const { verdict } = await check('hang', {
      device: { ...CONNECTED, usage: { monthTotalBytes: 30e9, monthLimitBytes: 30e9 } },
      probeOptions: { loopbackOnly: true, timeoutMs: 200 }
    })
    expect(verdict).toMatchObject({ kind: 'no-plan', remedy: 'check-account', reason: 'nothing-gets-through', confidence: 'medium' })
    expect(verdict.evidence.map((e) => e.key)).toEqual(expect.arrayContaining(['usage', 'probe-timeout']))
  })
})

describe('throttled', () => {
  it('slow answers at the usage limit', async () => {
    const { verdict } = await check('slow', { device: { ...CONNECTED, usage: { monthTotalBytes: 31e9, monthLimitBytes: 30e9 } } })
    expect(verdict).toMatchObject({ kind: 'throttled', remedy: 'buy-pass', reason: 'slow-at-limit' })
    expect(verdict.evidence[0]?.key).toBe('slow-probes')
  })

  it('very slow answers alone: throttled, low confidence, with the caveat', async () => {
    const { verdict } = await check('very-slow')
    expect(verdict).toMatchObject({ kind: 'throttled', confidence: 'low', reason: 'very-slow' })
    expect(verdict.evidence.map((e) => e.key)).toContain('throttle-caveat')
  })

  it('slow answers with a weak signal: move the hotspot, not buy', async () => {
    const { verdict } = await check('slow', { device: { ...CONNECTED, signal: { bars: 1 } } })
    expect(verdict).toMatchObject({ kind: 'online', remedy: 'move-for-signal' })
  })

  it('fast answers plus the carrier saying so', async () => {
    const { verdict } = await check('online', { thresholds: {}, device: { ...CONNECTED, throttleSignal: 'Your data speed is limited to 300kbps until the next month.' } })
    expect(verdict).toMatchObject({ kind: 'throttled', reason: 'throttle-signal', confidence: 'medium' })
  })
})

describe('not-registered and no-data', () => {
  it('searching with no signal', async () => {
    const { verdict } = await check('refused', { device: { sim: { state: 'ready' }, registration: { state: 'searching' }, data: { state: 'disconnected' }, signal: { bars: 0 } } })
    expect(verdict).toMatchObject({ kind: 'not-registered', remedy: 'move-for-signal', reason: 'searching' })
  })

  it('SIM waiting for its PIN', async () => {
    const { verdict } = await check('refused', { device: { sim: { state: 'pin-required' }, registration: { state: 'not-registered' } } })
    expect(verdict).toMatchObject({ kind: 'not-registered', remedy: 'enter-pin' })
  })

  it('denied with EMM #7', async () => {
    const { verdict } = await check('hang', {
      device: { sim: { state: 'ready' }, registration: { state: 'denied', rejectCause: 'EMM #7 EPS services not allowed' } },
      probeOptions: { loopbackOnly: true, timeoutMs: 150 }
    })
    expect(verdict).toMatchObject({ kind: 'not-registered', remedy: 'check-account', reason: 'reject-services-not-allowed' })
  })

  it('APN refused (+CME 127 text from the AT driver)', async () => {
    const { verdict } = await check('refused', {
      device: { ...CONNECTED, data: { state: 'failed', failureReason: 'The network does not know this APN (“missing or unknown APN”). Check the APN for this carrier and SIM.' } }
    })
    expect(verdict).toMatchObject({ kind: 'no-data', remedy: 'check-apn', reason: 'unknown-apn' })
  })

  it('the hotspot sends probes to its own page (WAN down)', async () => {
    const { verdict } = await check('router-page', { device: {} })
    expect(verdict).toMatchObject({ kind: 'no-data', reason: 'hotspot-own-page' })
    expect(verdict.portal).toBeUndefined()
  })

  it('without the hotspot’s address the same redirect would look captive', async () => {
    const { verdict } = await check('router-page', { device: {}, hotspot: {} })
    expect(verdict.kind).toBe('captive')
  })
})

describe('unknown', () => {
  it('garbage on the wire', async () => {
    const { verdict } = await check('garbage', { device: {} })
    expect(verdict).toMatchObject({ kind: 'unknown', remedy: 'retry', reason: 'garbled-answers' })
  })

  it('timeouts and nothing known about the hotspot', async () => {
    const { verdict } = await check('hang', { device: {}, probeOptions: { loopbackOnly: true, timeoutMs: 150 } })
    expect(verdict).toMatchObject({ kind: 'unknown', reason: 'no-answers' })
  })

  it('data session still connecting', async () => {
    const { verdict } = await check('refused', { device: { ...CONNECTED, data: { state: 'connecting' } } })
    expect(verdict).toMatchObject({ kind: 'unknown', remedy: 'wait' })
  })
})

describe('with the uplink check', () => {
  const header = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT'
  const viaHotspot = `${header}\nwlan0\t00000000\t0108A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\nwlan0\t0008A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0\n`
  const viaHotel = `${header}\neth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0\nwlan0\t00000000\t0108A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n`
  const interfaces = {
    eth0: [{ address: '10.0.0.5', netmask: '255.255.255.0', family: 'IPv4', internal: false }],
    wlan0: [{ address: '192.168.8.100', netmask: '255.255.255.0', family: 'IPv4', internal: false }]
  }

  it('through the hotspot: the walled garden verdict comes with both ways out', async () => {
    const uplink = checkUplink({ hotspotAddress: HOTSPOT_LAN, interfaces, routes: parseProcNetRoute(viaHotspot) })
    const report = await check('carrier-top-up', { uplink })
    expect(report.uplink?.route).toBe('through-hotspot')
    expect(report.uplink?.advice.map((a) => a.key)).toEqual(['use-carrier-portal', 'join-other-network'])
    expect(report.verdict.kind).toBe('no-plan')
  })

  it('through the hotspot: probes that succeed outweigh a stale failure report', async () => {
    const uplink = checkUplink({ hotspotAddress: HOTSPOT_LAN, interfaces, routes: parseProcNetRoute(viaHotspot) })
    const report = await check('online', { uplink, device: { ...CONNECTED, data: { state: 'failed', failureReason: 'roaming not allowed' } } })
    expect(report.verdict).toMatchObject({ kind: 'online', reason: 'probes-contradict-device' })
  })

  it('another network carries the traffic: no probe is sent and the device decides', async () => {
    const uplink = checkUplink({ hotspotAddress: HOTSPOT_LAN, interfaces, routes: parseProcNetRoute(viaHotel) })
    expect(uplink.route).toBe('other-network')
    const report = await check('online', { uplink })
    expect(report.probes).toEqual([])
    expect(world.requests).toHaveLength(0)
    expect(report.verdict).toMatchObject({ kind: 'unknown', remedy: 'route-through-hotspot', reason: 'probes-elsewhere' })

    const blocked = await check('online', { uplink, device: { ...CONNECTED, data: { state: 'failed' }, codes: { hilinkConnectionStatus: 201 } } })
    expect(blocked.verdict).toMatchObject({ kind: 'no-plan', reason: 'data-volume-exceeded' })
    expect(blocked.verdict.evidence.map((e) => e.key)).toContain('uplink-other')
  })

  it('another network, but probes bound to the hotspot address by the caller: they count', async () => {
    const uplink = checkUplink({ hotspotAddress: HOTSPOT_LAN, interfaces, routes: parseProcNetRoute(viaHotel) })
    const report = await check('captive-redirect', { uplink, probeOptions: { loopbackOnly: true, timeoutMs: 1500, localAddress: '127.0.0.1' } })
    expect(report.probes).toHaveLength(3)
    expect(report.verdict.kind).toBe('captive')
  })
})
