// runProbes over real loopback sockets against the captive world (tests/support/captive-world.ts): what each
// kind of answer becomes, redirects never followed, the time and count bounds, cancellation, name resolution
// through the test's own resolver, and binding to a local address. Every target is 127.0.0.0/8 and every run is
// loopbackOnly, so nothing here can leave the machine.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runProbe, runProbes, type ProbeOptions, type ProbeOutcome } from '../../src/connectivity/probes'
import { CaptiveWorld, HOTEL_PORTAL, PROBE_PATHS } from '../support/captive-world'

let world: CaptiveWorld

beforeAll(async () => {
  world = await CaptiveWorld.start()
})
afterAll(async () => {
  await world.close()
})
beforeEach(() => {
  world.requests.length = 0
  world.use('online')
})

const FAST: ProbeOptions = { loopbackOnly: true, timeoutMs: 2000 }
const kinds = (outcomes: ProbeOutcome[]): string[] => outcomes.map((o) => o.kind)

describe('answers', () => {
  it('online: 204 and the exact success texts are ok', async () => {
    const outcomes = await runProbes(world.probes(), FAST)
    expect(kinds(outcomes)).toEqual(['ok', 'ok', 'ok'])
    expect(outcomes.map((o) => ('status' in o ? o.status : 0))).toEqual([204, 200, 200])
    for (const o of outcomes) {
      expect(o.remoteAddress).toBe('127.0.0.1')
      expect(o.elapsedMs).toBeGreaterThanOrEqual(0)
    }
  })

  it('sends one uncached GET per probe with the Host of the URL', async () => {
    await runProbes(world.probes(), FAST)
    expect(world.requests).toHaveLength(3)
    for (const request of world.requests) {
      expect(request.method).toBe('GET')
      expect(request.headers['cache-control']).toBe('no-cache')
      expect(request.headers.pragma).toBe('no-cache')
      expect(request.headers.host).toBe(`127.0.0.1:${world.port}`)
      expect(request.headers['user-agent']).toMatch(/HotspotDesk/)
    }
  })

  it('a success text that is close but not exact is not ok', async () => {
    world.set(PROBE_PATHS.apple, { kind: 'respond', status: 200, body: 'Success' })
    world.set(PROBE_PATHS.windows, { kind: 'respond', status: 200, body: 'Microsoft Connect Test\n' })
    const [, apple, windows] = await runProbes(world.probes(), FAST)
    expect(apple?.kind).toBe('unexpected-page')
    expect(windows?.kind).toBe('ok') // surrounding white space does not count
  })

  it('a 200 with an empty body passes a 204 probe, as on Android; one with a body does not', async () => {
    world.set(PROBE_PATHS.gstatic, { kind: 'respond', status: 200 })
    expect((await runProbe(world.probes()[0]!, FAST)).kind).toBe('ok')
    world.set(PROBE_PATHS.gstatic, { kind: 'respond', status: 200, body: '<html>hi</html>' })
    expect((await runProbe(world.probes()[0]!, FAST)).kind).toBe('unexpected-page')
  })

  it('captive redirect: the Location is reported and not followed', async () => {
    world.use('captive-redirect')
    const outcomes = await runProbes(world.probes(), FAST)
    expect(kinds(outcomes)).toEqual(['redirect', 'redirect', 'redirect'])
    for (const o of outcomes) if (o.kind === 'redirect') expect(o.location).toBe(HOTEL_PORTAL)
  })

  it('a relative Location is resolved against the probe URL, and still not followed', async () => {
    world.use('captive-relative')
    const [first] = await runProbes(world.probes(), FAST)
    expect(first).toMatchObject({ kind: 'redirect', status: 307, location: `http://127.0.0.1:${world.port}/portal/login?from=probe`, rawLocation: '/portal/login?from=probe' })
    expect(world.requestsTo('/portal/login')).toHaveLength(0)
    expect(world.requests).toHaveLength(3)
  })

  it('hijacked page: title and a tag-free snippet, scripts dropped', async () => {
    world.use('hijacked-page')
    const [first] = await runProbes(world.probes(), FAST)
    expect(first?.kind).toBe('unexpected-page')
    if (first?.kind !== 'unexpected-page') return
    expect(first.page.title).toBe('Welcome & sign in')
    expect(first.snippet).toContain('Sign in to continue browsing.')
    expect(first.snippet).not.toContain('tracking')
    expect(first.contentType).toBe('text/html')
    expect(first.truncated).toBe(false)
  })

  it('meta refresh page: the refresh target is read', async () => {
    world.use('meta-refresh-top-up')
    const [first] = await runProbes(world.probes(), FAST)
    expect(first?.kind === 'unexpected-page' && first.page.refreshUrl).toBe('http://buy.walled-carrier.test/passes?reason=no-plan')
  })

  it('511 and 403 are http errors with their page', async () => {
    world.use('auth-required')
    const [a] = await runProbes(world.probes(), FAST)
    expect(a).toMatchObject({ kind: 'http-error', status: 511, page: { refreshUrl: HOTEL_PORTAL } })
    world.use('http-error')
    const [b] = await runProbes(world.probes(), FAST)
    expect(b).toMatchObject({ kind: 'http-error', status: 403, snippet: 'Forbidden Access denied by policy.' })
  })

  it('a big page is cut at maxBodyBytes', async () => {
    world.set(PROBE_PATHS.apple, { kind: 'respond', status: 200, body: `<title>Big</title>${'x'.repeat(200_000)}` })
    const outcome = await runProbe(world.probes()[1]!, { ...FAST, maxBodyBytes: 1024 })
    expect(outcome.kind).toBe('unexpected-page')
    if (outcome.kind === 'unexpected-page') {
      expect(outcome.truncated).toBe(true)
      expect(outcome.page.title).toBe('Big')
    }
  })

  it('refused, reset and garbage', async () => {
    world.use('refused')
    expect(kinds(await runProbes(world.probes(), FAST))).toEqual(['refused', 'refused', 'refused'])
    world.use('reset')
    const reset = await runProbes(world.probes(), FAST)
    expect(reset.map((o) => (o.kind === 'network-error' ? [o.kind, o.code, o.local] : o.kind))).toEqual(Array(3).fill(['network-error', 'ECONNRESET', false]))
    world.use('garbage')
    const garbage = await runProbes(world.probes(), FAST)
    for (const o of garbage) {
      expect(o.kind).toBe('bad-response')
      if (o.kind === 'bad-response') expect(o.code).toMatch(/^HPE_/)
    }
  })

  it('an answer that breaks off mid-body is a network error, not a timeout', async () => {
    world.set(PROBE_PATHS.apple, { kind: 'cut', status: 200, body: '<HTML><HEAD><TITLE>Succ' })
    const outcome = await runProbe(world.probes()[1]!, { ...FAST, timeoutMs: 3000 })
    expect(outcome).toMatchObject({ kind: 'network-error', code: 'ECONNRESET', local: false })
    expect(outcome.elapsedMs).toBeLessThan(2500)
  })
})

describe('time and count bounds', () => {
  it('a server that never answers times out in the response phase', async () => {
    world.use('hang')
    const started = performance.now()
    const outcomes = await runProbes(world.probes(), { ...FAST, timeoutMs: 250 })
    expect(performance.now() - started).toBeLessThan(2000)
    for (const o of outcomes) expect(o).toMatchObject({ kind: 'timeout', phase: 'response', timeoutMs: 250 })
  })

  it('a body that stalls times out in the body phase', async () => {
    world.use('stalled-body')
    const outcomes = await runProbes(world.probes(), { ...FAST, timeoutMs: 250 })
    for (const o of outcomes) expect(o).toMatchObject({ kind: 'timeout', phase: 'body' })
  })

  it('the run total caps each probe', async () => {
    world.use('hang')
    const started = performance.now()
    const [first] = await runProbes(world.probes(), { ...FAST, timeoutMs: 10_000, totalTimeoutMs: 200 })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(first).toMatchObject({ kind: 'timeout', timeoutMs: 200 })
  })

  it('at most maxProbes are sent; the rest are skipped', async () => {
    const specs = [...world.probes(), ...world.probes().map((p) => ({ ...p, id: `${p.id}-2` }))]
    const outcomes = await runProbes(specs, { ...FAST, maxProbes: 2 })
    expect(kinds(outcomes)).toEqual(['ok', 'ok', 'skipped', 'skipped', 'skipped', 'skipped'])
    expect(world.requests).toHaveLength(2)
  })

  it('the count bound has a hard ceiling of 8', async () => {
    const specs = Array.from({ length: 12 }, (_, i) => ({ ...world.probes()[0]!, id: `p${i}` }))
    const outcomes = await runProbes(specs, { ...FAST, maxProbes: 100 })
    expect(outcomes.filter((o) => o.kind === 'skipped')).toHaveLength(4)
  })

  it('an abort signal cancels probes in flight', async () => {
    world.use('hang')
    const controller = new AbortController()
    const pending = runProbes(world.probes(), { ...FAST, timeoutMs: 10_000, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    const started = performance.now()
    expect(kinds(await pending)).toEqual(['cancelled', 'cancelled', 'cancelled'])
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController()
    controller.abort()
    expect(kinds(await runProbes(world.probes(), { ...FAST, signal: controller.signal }))).toEqual(['cancelled', 'cancelled', 'cancelled'])
    expect(world.requests).toHaveLength(0)
  })

  it('an https or malformed probe is refused without sending', async () => {
    const outcomes = await runProbes(
      [
        { id: 'tls', url: `https://127.0.0.1:${world.port}/generate_204`, expect: '204' },
        { id: 'bad', url: 'not a url', expect: '204' }
      ],
      FAST
    )
    expect(kinds(outcomes)).toEqual(['invalid', 'invalid'])
    expect(world.requests).toHaveLength(0)
  })
})

describe('names and addresses', () => {
  it('names resolve through the given resolver; the Host header keeps the name', async () => {
    const outcomes = await runProbes(world.namedProbes(), { ...FAST, resolve: world.resolver })
    expect(kinds(outcomes)).toEqual(['ok', 'ok', 'ok'])
    expect(outcomes[0]?.resolved).toEqual(['127.0.0.1'])
    expect(world.requests.map((r) => r.headers.host).sort()).toEqual(
      [`captive.world.test:${world.port}`, `connectivitycheck.world.test:${world.port}`, `www.connecttest.world.test:${world.port}`].sort()
    )
  })

  it('a name that does not resolve is a DNS failure, and nothing is sent', async () => {
    const failing = world.namedProbes().map((p) => ({ ...p, url: p.url.replace('.world.test', '.nowhere.test') }))
    const outcomes = await runProbes(failing, { ...FAST, resolve: world.resolver })
    for (const o of outcomes) expect(o).toMatchObject({ kind: 'dns-failure', code: 'ENOTFOUND' })
    expect(world.requests).toHaveLength(0)
  })

  it('a resolver that answers nothing is a DNS failure too', async () => {
    const [first] = await runProbes(world.namedProbes(), { ...FAST, resolve: async () => [] })
    expect(first).toMatchObject({ kind: 'dns-failure', code: 'ENOTFOUND', hostname: 'connectivitycheck.world.test' })
  })

  it('a resolver that hangs times out in the dns phase', async () => {
    const [first] = await runProbes(world.namedProbes(), { ...FAST, timeoutMs: 150, resolve: () => new Promise(() => undefined) })
    expect(first).toMatchObject({ kind: 'timeout', phase: 'dns' })
  })

  it('loopbackOnly blocks a name that also resolves outside loopback, before connecting', async () => {
    // 127.0.0.1 first: even a broken guard would reach the world (and fail this test), never the other address.
    const resolve = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '198.51.100.9', family: 4 }
    ]
    const outcomes = await runProbes(world.namedProbes(), { ...FAST, resolve })
    for (const o of outcomes) {
      expect(o.kind).toBe('blocked')
      if (o.kind === 'blocked') expect(o.reason).toContain('198.51.100.9')
    }
    expect(world.requests).toHaveLength(0)
  })

  it('binds to the given local address', async () => {
    const [first] = await runProbes(world.probes(), { ...FAST, localAddress: '127.0.0.1' })
    expect(first).toMatchObject({ kind: 'ok', localAddress: '127.0.0.1' })
  })

  it.skipIf(process.platform !== 'linux')('binds to another loopback address (Linux routes all of 127/8 on lo)', async () => {
    const [first] = await runProbes(world.probes(), { ...FAST, localAddress: '127.0.0.2' })
    expect(first).toMatchObject({ kind: 'ok', localAddress: '127.0.0.2' })
    expect(world.requests[0]?.remoteAddress).toMatch(/127\.0\.0\.2$/)
  })

  it('an address this computer does not have is a local error: nothing was sent', async () => {
    // 198.51.100.0/24 (TEST-NET-2) is on no interface; bind() fails before any packet.
    const [first] = await runProbes(world.probes(), { ...FAST, localAddress: '198.51.100.77' })
    expect(first).toMatchObject({ kind: 'network-error', code: 'EADDRNOTAVAIL', local: true })
    expect(world.requests).toHaveLength(0)
  })
})
