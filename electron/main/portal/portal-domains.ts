// Which pages a carrier portal view may show: https only, on a host the carrier pack allows — except a captive
// view, which may also load the one plain-http origin the connectivity check was redirected to.
// A pack lists exact host names ("portal.mobile.rakuten.co.jp") or "*." patterns ("*.t-mobile.com":
// any subdomain, never the bare domain), the same convention as src/carriers/pack-schema.ts.
//
// Hosts are compared after WHATWG URL parsing, which lower-cases them, maps full-width and other
// IDNA look-alikes to ASCII and turns every other non-ASCII host into punycode ("xn--…"). So a
// homograph can only match a pattern that spells out that very punycode, never the ASCII original.
// Anything that is not a plain DNS name is refused outright: IP literals, a trailing dot (a different
// origin to Chromium), empty labels, explicit ports and user-info ("https://t-mobile.com@evil.io").

const LABEL = '(?!-)[a-z0-9-]{1,63}(?<!-)'
const HOST_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`)
const DOMAIN_PATTERN = new RegExp(`^(?:\\*\\.)?${LABEL}(?:\\.${LABEL})+$`)
const MAX_HOST_LENGTH = 253

/** A lower-case DNS name with at least two labels whose last label is not all digits (no IPv4). */
export function isPlainHostName(host: string): boolean {
  if (host.length > MAX_HOST_LENGTH || !HOST_NAME.test(host)) return false
  return /[a-z]/.test(host.slice(host.lastIndexOf('.') + 1))
}

/** True for "host.example" or "*.host.example" (lower case, at least two labels after "*."). */
export function isDomainPattern(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_HOST_LENGTH + 2 || !DOMAIN_PATTERN.test(value)) return false
  return isPlainHostName(value.startsWith('*.') ? value.slice(2) : value)
}

/** Does `host` (already lower-cased and punycoded by URL parsing) match `pattern`? */
export function hostMatchesPattern(host: string, pattern: string): boolean {
  if (!isPlainHostName(host) || !isDomainPattern(pattern)) return false
  if (!pattern.startsWith('*.')) return host === pattern
  const suffix = pattern.slice(1) // ".t-mobile.com"
  return host.length > suffix.length && host.endsWith(suffix)
}

const CAPTIVE_ORIGIN = /^http:\/\/[a-z0-9.-]+(:\d{1,5})?$/

/**
 * "http://host[:port]" exactly as URL parsing would write the origin: the one plain-http origin a captive view
 * may load (the redirect the connectivity check found; captive and carrier purchase pages are often http only).
 */
export function isCaptiveOrigin(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_HOST_LENGTH + 13 || !CAPTIVE_ORIGIN.test(value)) return false
  try {
    return new URL(value).origin === value
  } catch {
    return false
  }
}

/**
 * The normalized URL if a portal view may load `candidate`, else null: https on a host in `allowedDomains`, or
 * — only in a captive view — plain http on exactly `captiveOrigin`.
 */
export function allowedPortalUrl(candidate: string, allowedDomains: readonly string[], captiveOrigin?: string): string | null {
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return null
  }
  if (url.username !== '' || url.password !== '') return null
  if (url.protocol === 'http:' && captiveOrigin !== undefined && isCaptiveOrigin(captiveOrigin) && url.origin === captiveOrigin) return url.href
  if (url.protocol !== 'https:') return null
  // URL drops the default port, so only an explicit non-443 port is left here.
  if (url.port !== '') return null
  if (!allowedDomains.some((pattern) => hostMatchesPattern(url.hostname, pattern))) return null
  return url.href
}

export function isPortalUrlAllowed(candidate: string, allowedDomains: readonly string[], captiveOrigin?: string): boolean {
  return allowedPortalUrl(candidate, allowedDomains, captiveOrigin) !== null
}
