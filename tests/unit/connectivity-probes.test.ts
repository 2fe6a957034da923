// The pure parts of the probes: spec checks and the loopback guard (which run before any socket exists), reading
// a hijacked page, the public probe catalogue, and the address helpers. Nothing here opens a socket.
import { describe, expect, it } from 'vitest'
import { hostMatchesPattern, isLoopbackAddress, isPrivateAddress, parseHttpUrl, sameIpv4Subnet } from '../../src/connectivity/addresses'
import { checkProbeSpec, pageSnippet, PUBLIC_PROBES, readPageHints, RECOMMENDED_PUBLIC_PROBE_IDS, screenResolved } from '../../src/connectivity/probes'

describe('checkProbeSpec', () => {
  const good = { id: 'p', url: 'http://127.0.0.1:8080/generate_204', expect: '204' as const }

  it('accepts a plain-http loopback probe', () => {
    const checked = checkProbeSpec(good, true)
    expect(checked.ok).toBe(true)
  })

  it.each([
    ['https', { ...good, url: 'https://127.0.0.1/generate_204' }, /plain http/],
    ['no scheme', { ...good, url: '127.0.0.1/generate_204' }, /absolute http/],
    ['ftp', { ...good, url: 'ftp://127.0.0.1/x' }, /absolute http/],
    ['credentials', { ...good, url: 'http://user:pw@127.0.0.1/x' }, /credentials/],
    ['no id', { ...good, id: '' }, /no id/],
    ['bad expectation', { ...good, expect: '200' }, /expect must be/],
    ['success-text without body', { ...good, expect: 'success-text' }, /needs the expected body/],
    ['not an object', null, /not an object/]
  ])('refuses %s', (_name, spec, reason) => {
    const checked = checkProbeSpec(spec)
    expect(checked.ok).toBe(false)
    if (!checked.ok) {
      expect(checked.kind).toBe('invalid')
      expect(checked.reason).toMatch(reason)
    }
  })

  it.each([['http://10.0.0.1/x'], ['http://198.51.100.7/x'], ['http://[2001:db8::1]/x'], ['http://[::ffff:8.8.8.8]/x']])('loopback-only blocks %s before sending', (url) => {
    const checked = checkProbeSpec({ ...good, url }, true)
    expect(checked).toMatchObject({ ok: false, kind: 'blocked' })
  })

  it.each([['http://127.0.0.1/x'], ['http://127.5.6.7:81/x'], ['http://[::1]:8080/x'], ['http://[::ffff:127.0.0.1]/x']])('loopback-only lets %s through', (url) => {
    expect(checkProbeSpec({ ...good, url }, true).ok).toBe(true)
  })

  it('names are checked after resolution, not here', () => {
    expect(checkProbeSpec({ ...good, url: 'http://connectivitycheck.world.test/generate_204' }, true).ok).toBe(true)
  })
})

describe('screenResolved (the loopback guard on resolved names)', () => {
  it('uses loopback answers', () => {
    expect(screenResolved('a.test', [{ address: '127.0.0.1', family: 4 }], true)).toEqual({ verdict: 'use', resolved: ['127.0.0.1'], addresses: [{ address: '127.0.0.1', family: 4 }] })
  })
  it('blocks the whole probe if any answer is outside loopback', () => {
    const screened = screenResolved('a.test', [{ address: '127.0.0.1', family: 4 }, { address: '198.51.100.9', family: 4 }], true)
    expect(screened.verdict).toBe('blocked')
    if (screened.verdict === 'blocked') expect(screened.reason).toContain('198.51.100.9')
  })
  it('lets public answers through when not loopback-only (the desktop app)', () => {
    expect(screenResolved('a.test', [{ address: '198.51.100.9', family: 4 }], false).verdict).toBe('use')
  })
  it('filters by the family the socket asks for', () => {
    expect(screenResolved('a.test', [{ address: '::1', family: 6 }], true, 4).verdict).toBe('none')
    expect(screenResolved('a.test', [{ address: '::1', family: 6 }, { address: '127.0.0.1', family: 4 }], true, 6)).toMatchObject({ verdict: 'use', addresses: [{ address: '::1', family: 6 }] })
  })
  it('drops junk', () => {
    expect(screenResolved('a.test', [null, { address: 5 }, { address: '' }], true).verdict).toBe('none')
    expect(screenResolved('a.test', 'nope', true).verdict).toBe('none')
  })
})

describe('readPageHints', () => {
  const base = 'http://connectivitycheck.gstatic.com/generate_204'

  it('reads a title and a meta refresh in either attribute order', () => {
    expect(readPageHints('<html><head><title> Buy  data &amp; more </title><meta http-equiv="refresh" content="0;URL=\'http://buy.example/pass\'"></head></html>', base)).toEqual({
      title: 'Buy data & more',
      refreshUrl: 'http://buy.example/pass'
    })
    expect(readPageHints('<META content="5; url=/login" HTTP-EQUIV=Refresh>', base).refreshUrl).toBe('http://connectivitycheck.gstatic.com/login')
  })

  it('reads a script redirect', () => {
    expect(readPageHints('<script>window.location.href = "https://portal.example/start?x=1";</script>', base).scriptUrl).toBe('https://portal.example/start?x=1')
    expect(readPageHints("<script>location.replace('/walled')</script>", base).scriptUrl).toBe('http://connectivitycheck.gstatic.com/walled')
  })

  it('ignores non-web targets and comparisons', () => {
    expect(readPageHints('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', base)).toEqual({})
    expect(readPageHints('<script>if (location == "x") {}</script>', base)).toEqual({})
  })

  it('takes anything without throwing', () => {
    for (const junk of [undefined, null, 5, '', '<title>', '<meta http-equiv=refresh>', '<'.repeat(10000), 'location='.repeat(5000)]) {
      expect(() => readPageHints(junk, base)).not.toThrow()
    }
  })
})

describe('pageSnippet', () => {
  it('keeps the words, drops tags, scripts and styles', () => {
    const html = '<html><head><style>p { color: red }</style><script>var secret = "token";</script></head><body><h1>Welcome</h1>\n<p>Sign in to&nbsp;continue.</p></body></html>'
    expect(pageSnippet(html)).toBe('Welcome Sign in to continue.')
  })
  it('is short and single-line', () => {
    const snippet = pageSnippet(`<p>${'word '.repeat(200)}</p>`, 50)
    expect(snippet.length).toBeLessThanOrEqual(50)
    expect(snippet.endsWith('…')).toBe(true)
    expect(pageSnippet('a\u0000b\r\nc')).toBe('a b c')
  })
  it('copes with an unclosed script', () => {
    expect(pageSnippet('before<script>never closed')).toBe('before')
  })
})

describe('PUBLIC_PROBES', () => {
  it('are plain-http probes with the expectation their source documents', () => {
    for (const [id, probe] of Object.entries(PUBLIC_PROBES)) {
      expect(probe.id).toBe(id)
      expect(checkProbeSpec(probe).ok).toBe(true)
      expect(probe.sources.length).toBeGreaterThan(0)
    }
    expect(PUBLIC_PROBES.apple?.body).toBe('<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>')
    expect(PUBLIC_PROBES.windows?.body).toBe('Microsoft Connect Test')
    expect(PUBLIC_PROBES['android-gstatic']?.expect).toBe('204')
  })
  it('none of them passes the loopback-only guard', () => {
    for (const probe of Object.values(PUBLIC_PROBES)) {
      const host = new URL(probe.url).hostname
      expect(screenResolved(host, [{ address: '203.0.113.10', family: 4 }], true).verdict).toBe('blocked')
    }
  })
  it('the recommended set is three different operators', () => {
    const hosts = RECOMMENDED_PUBLIC_PROBE_IDS.map((id) => new URL(PUBLIC_PROBES[id]!.url).hostname.split('.').slice(-2).join('.'))
    expect(new Set(hosts).size).toBe(3)
  })
})

describe('address helpers', () => {
  it.each([
    ['127.0.0.1', true, true],
    ['127.255.0.9', true, true],
    ['::1', true, true],
    ['[::1]', true, true],
    ['::ffff:127.0.0.1', true, true],
    ['::ffff:7f00:1', true, true],
    ['::ffff:a00:1', false, true],
    ['10.1.2.3', false, true],
    ['172.16.0.1', false, true],
    ['172.32.0.1', false, false],
    ['192.168.8.1', false, true],
    ['100.64.1.1', false, true],
    ['100.128.0.1', false, false],
    ['169.254.3.4', false, true],
    ['fd00::2', false, true],
    ['fe80::1', false, true],
    ['8.8.8.8', false, false],
    ['2001:db8::1', false, false],
    ['localhost', false, false],
    ['256.0.0.1', false, false]
  ])('%s: loopback %s, private %s', (address, loopback, priv) => {
    expect(isLoopbackAddress(address)).toBe(loopback)
    expect(isPrivateAddress(address)).toBe(priv)
  })

  it('subnets', () => {
    expect(sameIpv4Subnet('192.168.8.1', '192.168.8.100', '255.255.255.0')).toBe(true)
    expect(sameIpv4Subnet('192.168.9.1', '192.168.8.100', '255.255.255.0')).toBe(false)
    expect(sameIpv4Subnet('10.0.3.1', '10.0.1.23', '255.255.252.0')).toBe(true)
    expect(sameIpv4Subnet('10.0.3.1', '10.0.1.23', '255.0.255.0')).toBe(false)
    expect(sameIpv4Subnet('x', '10.0.1.23', '255.255.252.0')).toBe(false)
  })

  it('host patterns follow the carrier packs', () => {
    expect(hostMatchesPattern('buy.example.com', '*.example.com')).toBe(true)
    expect(hostMatchesPattern('a.b.example.com', '*.example.com')).toBe(true)
    expect(hostMatchesPattern('example.com', '*.example.com')).toBe(false)
    expect(hostMatchesPattern('badexample.com', '*.example.com')).toBe(false)
    expect(hostMatchesPattern('Buy.Example.com.', 'buy.example.com')).toBe(true)
    expect(hostMatchesPattern('x', 5)).toBe(false)
  })

  it('parseHttpUrl keeps web URLs only', () => {
    expect(parseHttpUrl('/x', 'http://a.example/y')?.href).toBe('http://a.example/x')
    expect(parseHttpUrl('data:text/html,hi')).toBeUndefined()
    expect(parseHttpUrl('http://a.example/'.padEnd(5000, 'x'))).toBeUndefined()
    expect(parseHttpUrl(42)).toBeUndefined()
  })
})
