// Which URLs count as "our app". Every security decision in main (navigation, permissions, the
// host-port hand-off) asks this one policy, so the answer cannot drift between guards.
//
// Node's WHATWG URL gives every non-special scheme the opaque origin "null", while Chromium gives a
// scheme registered as `standard` a real tuple origin ("app://hotspot-desk"). So origins are
// compared as scheme + host + port here, never through `URL.origin` alone and never by prefix.

export const APP_SCHEME = 'app'
export const APP_HOST = 'hotspot-desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

export interface OriginPolicy {
  /** Origins whose pages are our renderer: the app protocol, plus the dev server in development. */
  readonly trustedOrigins: readonly string[]
  /** True when `url` parses and its origin is one of `trustedOrigins`. */
  isTrustedUrl(url: string): boolean
}

/** The serialized origin of `url`, or null when it has none we could trust (opaque, unparsable). */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host !== '') return `${parsed.protocol}//${parsed.host}`
  return null
}

/**
 * @param devServerUrl the electron-vite dev server (ELECTRON_RENDERER_URL). Pass it only for an
 *   unpackaged app: a packaged build must not trust a URL taken from the environment.
 */
export function createOriginPolicy(options: { devServerUrl?: string } = {}): OriginPolicy {
  const trusted = [APP_ORIGIN]
  if (options.devServerUrl !== undefined && options.devServerUrl !== '') {
    const devOrigin = originOf(options.devServerUrl)
    if (devOrigin === null || !devOrigin.startsWith('http')) {
      throw new Error(`ELECTRON_RENDERER_URL is not an http(s) URL: ${options.devServerUrl}`)
    }
    trusted.push(devOrigin)
  }
  const trustedOrigins = Object.freeze(trusted)
  return {
    trustedOrigins,
    isTrustedUrl(url: string): boolean {
      const origin = originOf(url)
      return origin !== null && trustedOrigins.includes(origin)
    }
  }
}
