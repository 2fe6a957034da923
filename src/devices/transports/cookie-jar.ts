// The cookies of one device session. A pocket router hands out one session cookie (Huawei: SessionID) and
// replaces it on login, so the jar keeps one value per name and ignores Domain/Path: a jar never outlives
// its single device, and we never send it anywhere else.

export class CookieJar {
  private readonly cookies = new Map<string, string>()

  /** Apply every Set-Cookie header of a response. A cookie with Max-Age<=0 or a past Expires is removed. */
  absorb(setCookieHeaders: readonly string[], now: number = Date.now()): void {
    for (const header of setCookieHeaders) this.absorbOne(header, now)
  }

  /** Set a cookie from a bare `name=value` pair (e.g. Huawei's SesTokInfo "SessionID=…"). */
  setPair(pair: string): boolean {
    const eq = pair.indexOf('=')
    if (eq <= 0) return false
    const name = pair.slice(0, eq).trim()
    const value = pair.slice(eq + 1).trim()
    if (!isCookieName(name)) return false
    this.cookies.set(name, value)
    return true
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)
  }

  delete(name: string): void {
    this.cookies.delete(name)
  }

  clear(): void {
    this.cookies.clear()
  }

  get size(): number {
    return this.cookies.size
  }

  /** The value for a Cookie request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  private absorbOne(header: string, now: number): void {
    const [pair = '', ...attributes] = header.split(';')
    const eq = pair.indexOf('=')
    if (eq <= 0) return
    const name = pair.slice(0, eq).trim()
    let value = pair.slice(eq + 1).trim()
    if (!isCookieName(name)) return
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)

    let expired = false
    for (const attribute of attributes) {
      const aeq = attribute.indexOf('=')
      const key = (aeq < 0 ? attribute : attribute.slice(0, aeq)).trim().toLowerCase()
      const attrValue = aeq < 0 ? '' : attribute.slice(aeq + 1).trim()
      if (key === 'max-age') {
        const seconds = Number(attrValue)
        if (Number.isFinite(seconds) && seconds <= 0) expired = true
      } else if (key === 'expires') {
        const at = Date.parse(attrValue)
        if (Number.isFinite(at) && at <= now) expired = true
      }
    }
    if (expired) this.cookies.delete(name)
    else this.cookies.set(name, value)
  }
}

// RFC 6265 cookie-name is an RFC 7230 token.
function isCookieName(name: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)
}
