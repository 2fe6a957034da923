// Who may talk to serve mode. It listens on 127.0.0.1 only, and still a web page in the user's
// browser could reach it (CSRF) or a hostile DNS name could resolve to 127.0.0.1 (DNS rebinding).
// So every request must name a loopback Host, come from our own origin when a browser says where it
// comes from, and carry the one-time token (query parameter or the cookie we set).
import { timingSafeEqual } from 'node:crypto'

export const TOKEN_COOKIE = 'hotspot_desk_token'

export interface GuardInput {
  host: string | undefined
  origin: string | undefined
  url: string
  cookie: string | undefined
}

export type GuardVerdict =
  | { allowed: true; tokenFromQuery: boolean }
  | { allowed: false; status: 401 | 403; reason: string }

export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`]
}

export function checkRequest(input: GuardInput, port: number, token: string): GuardVerdict {
  const hosts = loopbackHosts(port)
  if (!input.host || !hosts.includes(input.host.toLowerCase())) {
    return { allowed: false, status: 403, reason: 'Host header is not this loopback server (possible DNS rebinding).' }
  }
  if (input.origin !== undefined && !hosts.some((host) => input.origin === `http://${host}`)) {
    return { allowed: false, status: 403, reason: 'Cross-origin requests are refused.' }
  }
  const queryToken = tokenFromUrl(input.url)
  if (queryToken !== undefined && sameSecret(queryToken, token)) return { allowed: true, tokenFromQuery: true }
  const cookieToken = readCookie(input.cookie, TOKEN_COOKIE)
  if (cookieToken !== undefined && sameSecret(cookieToken, token)) return { allowed: true, tokenFromQuery: false }
  return { allowed: false, status: 401, reason: 'Missing or wrong token: open the URL that "hotspot-desk serve" printed.' }
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
}

function tokenFromUrl(url: string): string | undefined {
  const query = url.indexOf('?')
  if (query < 0) return undefined
  return new URLSearchParams(url.slice(query + 1)).get('token') ?? undefined
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
