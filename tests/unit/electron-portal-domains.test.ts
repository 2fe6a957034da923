// Which URLs a carrier portal view may load: https, a plain DNS host in the pack's allowedDomains,
// no port, no user-info. Look-alikes must never match.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  allowedPortalUrl,
  hostMatchesPattern,
  isCaptiveOrigin,
  isDomainPattern,
  isPlainHostName,
  isPortalUrlAllowed
} from '../../electron/main/portal/portal-domains'

const TMOBILE = ['*.t-mobile.com']
const TMOBILE_BOTH = ['t-mobile.com', '*.t-mobile.com']

describe('isDomainPattern', () => {
  it.each(['t-mobile.com', '*.t-mobile.com', 'portal.mobile.rakuten.co.jp', 'xn--eckwd4c7c.xn--zckzah', 'a.b'])('accepts %s', (pattern) => {
    expect(isDomainPattern(pattern)).toBe(true)
  })

  it.each([
    ['the bare wildcard', '*'],
    ['a TLD wildcard', '*.com'],
    ['a single label', 'localhost'],
    ['upper case', 'T-Mobile.com'],
    ['a trailing dot', 't-mobile.com.'],
    ['an empty label', 't-mobile..com'],
    ['a leading hyphen', '-t-mobile.com'],
    ['a trailing hyphen in a label', 't-mobile-.com'],
    ['an inner wildcard', 'my.*.t-mobile.com'],
    ['a double wildcard', '*.*.t-mobile.com'],
    ['an IPv4 address', '192.168.8.1'],
    ['an IPv4 wildcard', '*.168.8.1'],
    ['a port', 't-mobile.com:443'],
    ['a scheme', 'https://t-mobile.com'],
    ['a path', 't-mobile.com/account'],
    ['non-ASCII', 't-mobіle.com'],
    ['a label over 63 characters', `${'a'.repeat(64)}.com`],
    ['an over-long name', `${'a.'.repeat(127)}com`],
    ['an empty string', ''],
    ['a number', 42],
    ['null', null]
  ])('refuses %s', (_name, pattern) => {
    expect(isDomainPattern(pattern)).toBe(false)
  })
})

describe('isPlainHostName', () => {
  it('accepts DNS names and refuses addresses and odd forms', () => {
    expect(isPlainHostName('my.t-mobile.com')).toBe(true)
    expect(isPlainHostName('192.168.8.1')).toBe(false)
    expect(isPlainHostName('[::1]')).toBe(false)
    expect(isPlainHostName('my.t-mobile.com.')).toBe(false)
    expect(isPlainHostName('.t-mobile.com')).toBe(false)
  })
})

describe('hostMatchesPattern', () => {
  it.each([
    ['my.t-mobile.com', '*.t-mobile.com', true],
    ['a.b.t-mobile.com', '*.t-mobile.com', true],
    ['t-mobile.com', '*.t-mobile.com', false],
    ['evil-t-mobile.com', '*.t-mobile.com', false],
    ['t-mobile.com.evil.io', '*.t-mobile.com', false],
    ['t-mobile.com', 't-mobile.com', true],
    ['my.t-mobile.com', 't-mobile.com', false],
    ['t-mobile.co', 't-mobile.com', false],
    ['xt-mobile.com', 't-mobile.com', false]
  ])('%s vs %s → %s', (host, pattern, expected) => {
    expect(hostMatchesPattern(host, pattern)).toBe(expected)
  })
})

describe('isPortalUrlAllowed', () => {
  it.each([
    ['a subdomain', 'https://my.t-mobile.com/account', TMOBILE],
    ['a deeper subdomain', 'https://prepaid.my.t-mobile.com/', TMOBILE],
    ['the bare domain when listed', 'https://t-mobile.com/', TMOBILE_BOTH],
    ['upper case (URL lower-cases hosts)', 'HTTPS://MY.T-MOBILE.COM/Refill', TMOBILE],
    ['the default port spelled out', 'https://my.t-mobile.com:443/', TMOBILE],
    ['a full-width look-alike that IDNA maps to the same ASCII host', 'https://ｍｙ.t-mobile.com/', TMOBILE],
    ['query and fragment', 'https://my.t-mobile.com/a?b=c#d', TMOBILE],
    ['an exact host', 'https://portal.mobile.rakuten.co.jp/dashboard', ['portal.mobile.rakuten.co.jp']],
    ['an IDN host listed as punycode', 'https://ドメイン.テスト/', ['xn--eckwd4c7c.xn--zckzah']]
  ])('allows %s', (_name, url, domains) => {
    expect(isPortalUrlAllowed(url, domains)).toBe(true)
  })

  it.each([
    ['the bare domain under a "*." pattern', 'https://t-mobile.com/', TMOBILE],
    ['a hyphenated look-alike', 'https://evil-t-mobile.com/', TMOBILE],
    ['the domain as a prefix of another', 'https://t-mobile.com.evil.io/', TMOBILE_BOTH],
    ['user-info hiding the real host', 'https://t-mobile.com@evil.io/', TMOBILE_BOTH],
    ['user-info on an allowed host', 'https://user:pw@my.t-mobile.com/', TMOBILE],
    ['a Cyrillic homograph', 'https://my.t-mobіle.com/', TMOBILE],
    ['a Cyrillic homograph of the bare domain', 'https://t-mobіle.com/', TMOBILE_BOTH],
    ['a trailing dot', 'https://my.t-mobile.com./', TMOBILE],
    ['an explicit port', 'https://my.t-mobile.com:8443/', TMOBILE],
    ['plain http', 'http://my.t-mobile.com/', TMOBILE],
    ['wss', 'wss://my.t-mobile.com/', TMOBILE],
    ['file', 'file:///etc/passwd', TMOBILE],
    ['javascript', 'javascript:alert(document.cookie)', TMOBILE],
    ['data', 'data:text/html,<script>alert(1)</script>', TMOBILE],
    ['blob', 'blob:https://my.t-mobile.com/0b1c', TMOBILE],
    ['the app origin', 'app://hotspot-desk/index.html', TMOBILE],
    ['about:blank', 'about:blank', TMOBILE],
    ['an IP address', 'https://192.168.8.1/', ['192.168.8.1']],
    ['loopback', 'https://127.0.0.1/', TMOBILE],
    ['a backslash trick', 'https:\\\\evil.io\\my.t-mobile.com', TMOBILE],
    ['an empty allow-list', 'https://my.t-mobile.com/', []],
    ['an invalid pattern in the allow-list', 'https://my.t-mobile.com/', ['*']],
    ['garbage', 'not a url', TMOBILE],
    ['an empty string', '', TMOBILE]
  ])('refuses %s', (_name, url, domains) => {
    expect(isPortalUrlAllowed(url, domains)).toBe(false)
  })

  it('returns the normalized URL it would load', () => {
    expect(allowedPortalUrl('HTTPS://My.T-Mobile.com:443/Refill?x=1', TMOBILE)).toBe('https://my.t-mobile.com/Refill?x=1')
    expect(allowedPortalUrl(' https://my.t-mobile.com/\n', TMOBILE)).toBe('https://my.t-mobile.com/')
  })
})

describe('the carrier packs shipped in resources/carriers', () => {
  const dir = resolve(import.meta.dirname, '../../resources/carriers')
  const packs = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, pack: JSON.parse(readFileSync(join(dir, name), 'utf8')) as { portals?: { id: string; allowedDomains: string[]; urls?: Record<string, string> }[] } }))

  it('exist and have portals', () => {
    expect(packs.length).toBeGreaterThan(0)
    expect(packs.flatMap(({ pack }) => pack.portals ?? []).length).toBeGreaterThan(5)
  })

  it('use only domain patterns the portal view accepts, and their portal URLs open', () => {
    const problems: string[] = []
    for (const { name, pack } of packs) {
      for (const portal of pack.portals ?? []) {
        for (const pattern of portal.allowedDomains) {
          if (!isDomainPattern(pattern)) problems.push(`${name} ${portal.id}: pattern ${pattern}`)
        }
        for (const url of Object.values(portal.urls ?? {})) {
          if (!isPortalUrlAllowed(url, portal.allowedDomains)) problems.push(`${name} ${portal.id}: url ${url}`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})

describe('captive views: the one plain-http origin the line check found', () => {
  const ORIGIN = 'http://buy.carrier.example'

  it.each([ORIGIN, 'http://10.20.0.1', 'http://portal.hotel-wifi.test:8080'])('%s is a captive origin', (origin) => {
    expect(isCaptiveOrigin(origin)).toBe(true)
  })

  it.each(['https://buy.carrier.example', 'http://buy.carrier.example/', 'http://BUY.carrier.example', 'http://user@buy.carrier.example', 'http://buy.carrier.example:80', 'javascript:alert(1)', 42])(
    '%s is not',
    (origin) => {
      expect(isCaptiveOrigin(origin)).toBe(false)
    }
  )

  it('allows http on exactly that origin, https on the allowed domains, and nothing else', () => {
    const domains = ['mim.t-mobile.com']
    expect(allowedPortalUrl(`${ORIGIN}/passes?reason=no-plan`, domains, ORIGIN)).toBe(`${ORIGIN}/passes?reason=no-plan`)
    expect(allowedPortalUrl('https://mim.t-mobile.com/primary/openPage', domains, ORIGIN)).toBe('https://mim.t-mobile.com/primary/openPage')
    for (const other of [
      'http://other.carrier.example/',
      'http://buy.carrier.example:8080/',
      'http://sub.buy.carrier.example/',
      'http://user:pw@buy.carrier.example/',
      'http://mim.t-mobile.com/',
      'ftp://buy.carrier.example/'
    ]) {
      expect(allowedPortalUrl(other, domains, ORIGIN), other).toBeNull()
    }
    // A carrier portal view (no captive origin) stays https-only.
    expect(isPortalUrlAllowed(`${ORIGIN}/passes`, domains)).toBe(false)
    // A malformed captive origin allows nothing over http.
    expect(isPortalUrlAllowed(`${ORIGIN}/passes`, domains, `${ORIGIN}/`)).toBe(false)
  })
})
