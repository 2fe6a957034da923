// Sessions and CSRF tokens of a simulated Huawei device (reference §1.2):
// - a session is a SessionID cookie; a login replaces it (new id, Set-Cookie) and drops the old one;
// - each session holds a small pool of valid tokens; the home page adds two, webserver/token and SesTokInfo
//   one each, every answered POST one (response header), a login resets the pool to two (…one/…two);
// - a POST must carry a pooled token, which it uses up (single-use); otherwise 125002;
// - /api/webserver/token returns 64 characters whose last 32 are the pooled token: classic clients send all 64
//   (Salamek), SCRAM clients the last 32 (mkorz/b618reboot); both are accepted;
// - a logged-in session idles out after sessionIdleMs without requests (web UI LOGOUT_TIMEOUT_MAIN = 300000 ms).
import { randomBytes } from 'node:crypto'

export interface SimSession {
  id: string
  loggedIn: boolean
  tokens: string[]
  lastSeen: number
  scram?: { username: string; clientNonce: string; serverNonce: string }
}

const TOKEN_POOL_LIMIT = 8
const SESSION_LIMIT = 64
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export function randomToken(length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length]
  return out
}

export class SessionStore {
  private readonly sessions = new Map<string, SimSession>()

  constructor(
    private readonly now: () => number,
    private idleMs: number
  ) {}

  setIdleTimeout(ms: number): void {
    this.idleMs = ms
  }

  create(): SimSession {
    if (this.sessions.size >= SESSION_LIMIT) {
      // Forget the stalest session, as a small embedded web server would.
      let oldest: SimSession | undefined
      for (const session of this.sessions.values()) if (!oldest || session.lastSeen < oldest.lastSeen) oldest = session
      if (oldest) this.sessions.delete(oldest.id)
    }
    const session: SimSession = { id: randomToken(128), loggedIn: false, tokens: [], lastSeen: this.now() }
    this.sessions.set(session.id, session)
    return session
  }

  /** The live session for a cookie value; an idle-expired one is dropped and reported as unknown. */
  find(id: string | undefined): SimSession | undefined {
    if (id === undefined) return undefined
    const session = this.sessions.get(id)
    if (!session) return undefined
    if (this.now() - session.lastSeen > this.idleMs) {
      this.sessions.delete(id)
      return undefined
    }
    return session
  }

  touch(session: SimSession): void {
    session.lastSeen = this.now()
  }

  issueToken(session: SimSession): string {
    const token = randomToken(32)
    session.tokens.push(token)
    if (session.tokens.length > TOKEN_POOL_LIMIT) session.tokens.splice(0, session.tokens.length - TOKEN_POOL_LIMIT)
    return token
  }

  /** Use up the token a request carried. False when it is not in the pool. */
  consumeToken(session: SimSession | undefined, header: string | undefined): boolean {
    if (!session || header === undefined) return false
    const candidate = header.length === 64 ? [header, header.slice(32)] : [header]
    const index = session.tokens.findIndex((token) => candidate.includes(token))
    if (index < 0) return false
    session.tokens.splice(index, 1)
    return true
  }

  /** A successful login: a fresh session id, logged in, with a fresh pool of two tokens; others are logged out. */
  login(previous: SimSession | undefined): { session: SimSession; tokens: [string, string] } {
    if (previous) this.sessions.delete(previous.id)
    // These devices allow one admin session: a new login ends the others (home-assistant/core#28482).
    for (const other of this.sessions.values()) other.loggedIn = false
    const session = this.create()
    session.loggedIn = true
    const tokens: [string, string] = [this.issueToken(session), this.issueToken(session)]
    return { session, tokens }
  }

  /** Every admin logged out, sessions kept (user/password_scram after a password change: web.logoutAllUser). */
  logoutAll(): void {
    for (const session of this.sessions.values()) session.loggedIn = false
  }

  /** Fault: every session forgotten (as after the idle timeout, or a device reboot of its web server). */
  expireAll(): void {
    this.sessions.clear()
  }

  /** Fault: every issued token becomes invalid; sessions and logins stay. */
  invalidateTokens(): void {
    for (const session of this.sessions.values()) session.tokens = []
  }

  get loggedInCount(): number {
    let count = 0
    for (const session of this.sessions.values()) if (session.loggedIn && this.now() - session.lastSeen <= this.idleMs) count++
    return count
  }
}
