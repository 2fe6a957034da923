// Host → main portal messages are checked field by field; anything off is refused with a reason and
// the request id (or -1 when the id itself is unusable). parsePortalRequest never throws.
import { describe, expect, it } from 'vitest'
import {
  isPortalMessage,
  parsePortalRequest,
  portalResult,
  UNKNOWN_REQUEST_ID,
  type PortalViewSpec
} from '../../electron/main/portal/portal-messages'

function view(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    key: 'portal-prepaid-3f2a9c01bd44',
    title: 'T-Mobile · Refill',
    partition: 'persist:portal-tmobile-us-0123456789ab',
    url: 'https://my.t-mobile.com/refill',
    allowedDomains: ['*.t-mobile.com', 't-mobile.com'],
    ...overrides
  }
}

function open(viewOverrides: Record<string, unknown> = {}, id: unknown = 7): unknown {
  return { type: 'portal.open', id, view: view(viewOverrides) }
}

function refusal(message: unknown): { id: number; error: string } {
  const parsed = parsePortalRequest(message)
  if (parsed.ok) throw new Error(`expected a refusal, got ${JSON.stringify(parsed.request)}`)
  return { id: parsed.id, error: parsed.error }
}

describe('isPortalMessage', () => {
  it.each([
    [{ type: 'portal.open' }, true],
    [{ type: 'portal.whatever' }, true],
    [{ type: 'secret.encrypt', id: 1, value: 'x' }, false],
    [{ type: 'connect' }, false],
    [{ type: 42 }, false],
    [null, false],
    ['portal.open', false],
    [['portal.open'], false]
  ])('%j → %s', (message, expected) => {
    expect(isPortalMessage(message)).toBe(expected)
  })
})

describe('parsePortalRequest: accepted', () => {
  it('a full portal.open, with prefill and steps, normalizing the URL', () => {
    const parsed = parsePortalRequest(
      open({
        url: 'HTTPS://My.T-Mobile.com:443/refill?plan=1',
        prefill: [{ selector: '#msisdn', value: '2065550123' }],
        steps: [
          { stepId: 'sign-in', selector: 'form#login' },
          { stepId: 'pay', selector: '[data-testid="pay"]' }
        ]
      })
    )
    expect(parsed).toEqual({
      ok: true,
      request: {
        type: 'portal.open',
        id: 7,
        view: {
          key: 'portal-prepaid-3f2a9c01bd44',
          title: 'T-Mobile · Refill',
          partition: 'persist:portal-tmobile-us-0123456789ab',
          url: 'https://my.t-mobile.com/refill?plan=1',
          allowedDomains: ['*.t-mobile.com', 't-mobile.com'],
          prefill: [{ selector: '#msisdn', value: '2065550123' }],
          steps: [
            { stepId: 'sign-in', selector: 'form#login' },
            { stepId: 'pay', selector: '[data-testid="pay"]' }
          ]
        } satisfies PortalViewSpec
      }
    })
  })

  it('a portal.open without prefill or steps (both become empty lists)', () => {
    const parsed = parsePortalRequest(open())
    expect(parsed.ok && parsed.request.type === 'portal.open' && parsed.request.view).toMatchObject({ prefill: [], steps: [] })
  })

  it('an empty prefill value (clears the field) and hostile-looking selectors and values (they stay data)', () => {
    const parsed = parsePortalRequest(
      open({ prefill: [{ selector: 'input[name="a\'b"]', value: '' }, { selector: '#x', value: '</script>`${1}`' }] })
    )
    expect(parsed.ok).toBe(true)
  })

  it('portal.close and portal.clearData', () => {
    expect(parsePortalRequest({ type: 'portal.close', id: 0, key: 'portal-a:b.c_d' })).toEqual({
      ok: true,
      request: { type: 'portal.close', id: 0, key: 'portal-a:b.c_d' }
    })
    expect(parsePortalRequest({ type: 'portal.clearData', id: 9, partition: 'persist:portal-iijmio-abc' })).toEqual({
      ok: true,
      request: { type: 'portal.clearData', id: 9, partition: 'persist:portal-iijmio-abc' }
    })
  })

  it('the limits the host schema allows (src/contract/carrier.ts)', () => {
    const parsed = parsePortalRequest(
      open({
        key: `k${'a'.repeat(199)}`,
        title: 't'.repeat(200),
        allowedDomains: [...Array.from({ length: 49 }, (_, i) => `d${i}.t-mobile.com`), '*.t-mobile.com'],
        prefill: Array.from({ length: 50 }, (_, i) => ({ selector: `#f${i}`, value: 'v'.repeat(500) })),
        steps: Array.from({ length: 100 }, (_, i) => ({ stepId: `s${i}`, selector: 's'.repeat(500) }))
      })
    )
    expect(parsed.ok).toBe(true)
  })
})

describe('parsePortalRequest: refused', () => {
  it.each([
    ['not an object', 'portal.open'],
    ['an array', [{ type: 'portal.open' }]],
    ['null', null],
    ['a class instance', Object.assign(Object.create({ inherited: true }) as object, { type: 'portal.close', id: 1, key: 'k' })],
    ['an unknown type', { type: 'portal.navigate', id: 1, url: 'https://my.t-mobile.com/' }],
    ['a reply type sent the wrong way', { type: 'portal.result', id: 1, ok: true }],
    ['an extra field', { type: 'portal.close', id: 1, key: 'k', url: 'https://evil.io/' }],
    ['a missing key', { type: 'portal.close', id: 1 }],
    ['a key with a slash', { type: 'portal.close', id: 1, key: 'a/b' }],
    ['a key with a space', { type: 'portal.close', id: 1, key: 'a b' }],
    ['an empty key', { type: 'portal.close', id: 1, key: '' }],
    ['an over-long key', { type: 'portal.close', id: 1, key: `k${'a'.repeat(200)}` }],
    ['a non-string key', { type: 'portal.close', id: 1, key: 5 }]
  ])('%s', (_name, message) => {
    expect(refusal(message).error).not.toBe('')
  })

  it.each([
    ['missing', undefined],
    ['negative', -1],
    ['fractional', 1.5],
    ['unsafe', 2 ** 53],
    ['a string', '1'],
    ['NaN', Number.NaN]
  ])('an id that is %s: refused, answered with id -1', (_name, id) => {
    const result = refusal({ type: 'portal.close', id, key: 'k' })
    expect(result).toEqual({ id: UNKNOWN_REQUEST_ID, error: 'id must be a non-negative integer' })
  })

  it('keeps the id of an otherwise bad request so the host can match the refusal', () => {
    expect(refusal(open({ url: 'https://evil.io/' }, 41)).id).toBe(41)
  })

  it.each([
    ['no persist: prefix', 'portal-tmobile'],
    ['an in-memory partition', 'portal:tmobile'],
    ['another persist: partition', 'persist:tmobile'],
    ['the app session', ''],
    ['upper case', 'persist:portal-TMobile'],
    ['a path', 'persist:portal-../../etc'],
    ['an underscore', 'persist:portal-t_mobile'],
    ['an empty name', 'persist:portal-'],
    ['81 characters', `persist:portal-${'a'.repeat(81)}`],
    ['a trailing newline', 'persist:portal-tmobile\n'],
    ['a number', 42]
  ])('a partition with %s', (_name, partition) => {
    expect(refusal(open({ partition })).error).toMatch(/view\.partition/)
    expect(refusal({ type: 'portal.clearData', id: 1, partition }).error).toMatch(/partition/)
  })

  it('accepts a partition of exactly 80 characters', () => {
    expect(parsePortalRequest(open({ partition: `persist:portal-${'a'.repeat(80)}` })).ok).toBe(true)
  })

  it.each([
    ['http', 'http://my.t-mobile.com/'],
    ['a host outside allowedDomains', 'https://evil.io/'],
    ['the bare domain under *. only', 'https://t-mobile.com.evil.io/'],
    ['user-info', 'https://t-mobile.com@evil.io/'],
    ['a port', 'https://my.t-mobile.com:444/'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,hi'],
    ['the app origin', 'app://hotspot-desk/index.html'],
    ['an empty string', ''],
    ['garbage', 'not a url'],
    ['an over-long URL', `https://my.t-mobile.com/${'a'.repeat(4096)}`],
    ['a non-string', { href: 'https://my.t-mobile.com/' }]
  ])('a url that is %s', (_name, url) => {
    expect(refusal(open({ url })).error).toMatch(/view\.url/)
  })

  it.each([
    ['missing', undefined],
    ['empty', []],
    ['not a list', '*.t-mobile.com'],
    ['a bare wildcard', ['*']],
    ['a TLD wildcard', ['*.com']],
    ['upper case', ['*.T-Mobile.com']],
    ['with a scheme', ['https://my.t-mobile.com']],
    ['an IP address', ['192.168.8.1']],
    ['a non-string entry', ['*.t-mobile.com', 7]],
    ['51 entries', Array.from({ length: 51 }, () => '*.t-mobile.com')]
  ])('allowedDomains %s', (_name, allowedDomains) => {
    expect(refusal(open({ allowedDomains })).error).toMatch(/view\.allowedDomains/)
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['201 characters', 't'.repeat(201)],
    ['a newline', 'T-Mobile\nRefill'],
    ['a NUL', 'T-Mobile\u0000'],
    ['a right-to-left override', 'T-Mobile \u202egnp.exe'],
    ['a number', 3]
  ])('a title that is %s', (_name, title) => {
    expect(refusal(open({ title })).error).toMatch(/view\.title/)
  })

  it.each([
    ['not a list', { selector: '#a', value: 'x' }],
    ['51 entries', Array.from({ length: 51 }, () => ({ selector: '#a', value: 'x' }))],
    ['an entry that is not an object', ['#a']],
    ['an extra field', [{ selector: '#a', value: 'x', submit: true }]],
    ['an empty selector', [{ selector: '', value: 'x' }]],
    ['a blank selector', [{ selector: '  ', value: 'x' }]],
    ['an over-long selector', [{ selector: 'a'.repeat(501), value: 'x' }]],
    ['a non-string value', [{ selector: '#a', value: 2065550123 }]],
    ['an over-long value', [{ selector: '#a', value: 'x'.repeat(501) }]],
    ['a missing value', [{ selector: '#a' }]]
  ])('prefill with %s', (_name, prefill) => {
    expect(refusal(open({ prefill })).error).toMatch(/view\.prefill/)
  })

  it.each([
    ['not a list', 'form'],
    ['101 entries', Array.from({ length: 101 }, (_, i) => ({ stepId: `s${i}`, selector: 'form' }))],
    ['an extra field', [{ stepId: 's', selector: 'form', url: 'https://evil.io/' }]],
    ['an empty step id', [{ stepId: '', selector: 'form' }]],
    ['a step id with spaces', [{ stepId: 'sign in', selector: 'form' }]],
    ['an 81-character step id', [{ stepId: 's'.repeat(81), selector: 'form' }]],
    ['a repeated step id', [{ stepId: 's', selector: 'form' }, { stepId: 's', selector: 'main' }]],
    ['an empty selector', [{ stepId: 's', selector: '' }]]
  ])('steps with %s', (_name, steps) => {
    expect(refusal(open({ steps })).error).toMatch(/view\.steps/)
  })

  it.each([
    ['not an object', 'https://my.t-mobile.com/'],
    ['an extra field', { ...view(), preload: '/tmp/evil.js' }],
    ['a webPreferences field', { ...view(), webPreferences: { nodeIntegration: true } }]
  ])('a view that is %s', (_name, badView) => {
    expect(refusal({ type: 'portal.open', id: 1, view: badView }).error).toMatch(/view/)
  })

  it('never throws, whatever arrives', () => {
    const hostile: unknown[] = [
      undefined,
      0,
      Symbol('x'),
      () => 1,
      new Map([['type', 'portal.open']]),
      { type: 'portal.open', id: 1, view: null },
      { type: 'portal.open', id: 1, view: [] },
      { type: 'portal.open', id: 1, view: { ...view(), allowedDomains: [{ toString: () => '*.t-mobile.com' }] } },
      { type: 'portal.open', id: 1, view: { ...view(), prefill: [null] } },
      { type: 'portal.open', id: 1, view: { ...view(), steps: [[]] } },
      Object.create(null) as object,
      new Proxy({}, { get: () => { throw new Error('trap') }, ownKeys: () => { throw new Error('trap') } })
    ]
    for (const message of hostile) {
      const parsed = parsePortalRequest(message)
      expect(parsed.ok).toBe(false)
    }
  })
})

describe('parsePortalRequest: captive views', () => {
  const captive = { url: 'http://buy.carrier.example/passes', allowedDomains: ['mim.t-mobile.com'], captiveOrigin: 'http://buy.carrier.example' }

  it('accepts a plain-http captive page with its origin', () => {
    const parsed = parsePortalRequest(open(captive))
    expect(parsed.ok && parsed.request.type === 'portal.open' ? parsed.request.view : undefined).toMatchObject({
      url: 'http://buy.carrier.example/passes',
      captiveOrigin: 'http://buy.carrier.example',
      prefill: [],
      steps: []
    })
  })

  it('refuses an http page without a captive origin, on another origin, a bad origin, or with prefill', () => {
    expect(refusal(open({ ...captive, captiveOrigin: undefined })).error).toContain('view.url')
    expect(refusal(open({ ...captive, url: 'http://other.example/passes' })).error).toContain('view.url')
    expect(refusal(open({ ...captive, captiveOrigin: 'https://buy.carrier.example' })).error).toContain('view.captiveOrigin')
    expect(refusal(open({ ...captive, prefill: [{ selector: '#x', value: 'y' }] })).error).toContain('no prefill or steps')
  })
})

describe('portalResult', () => {
  it('builds ok and refused replies', () => {
    expect(portalResult(3)).toEqual({ type: 'portal.result', id: 3, ok: true })
    expect(portalResult(3, 'nope')).toEqual({ type: 'portal.result', id: 3, ok: false, error: 'nope' })
  })
})
