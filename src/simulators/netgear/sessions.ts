// Sessions of a simulated Netgear web server:
// - a session is a `sessionId` cookie (the cookie an MR1100 client picks out, decrypted/netgear-mr1100-monitor);
//   /sess_cd_tmp hands one out, and a request without a live one is sent there (an MR2100 study [R]);
// - each session has its own secToken, shown in model.json and required on every POST; it lives as long as the
//   session (eternalegypt takes it before the login and keeps using it after), so it "rotates" with the session;
// - a session starts as userRole "Guest" and becomes "Admin" when the password is accepted;
// - one admin at a time: a new admin login turns every other admin session back into a guest [U];
// - sessions are forgotten after `idleMs` without requests [U for the length].
import { randomBytes } from 'node:crypto'

export type SimRole = 'Guest' | 'Admin'

export interface SimSession {
  id: string
  token: string
  role: SimRole
  lastSeen: number
  /** The refusal /error.json reports for this session. */
  lastError?: { errno: number; errdetail: string }
  /** A session that is not ours but the web UI's (kickSession()). */
  phantom?: boolean
}

const SESSION_LIMIT = 32
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export function randomText(length: number, alphabet = ALPHANUMERIC): string {
  const bytes = randomBytes(length)
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length]
  return out
}

export class NetgearSessionStore {
  private readonly sessions = new Map<string, SimSession>()

  constructor(
    private readonly now: () => number,
    private readonly idleMs: number
  ) {}

  create(): SimSession {
    if (this.sessions.size >= SESSION_LIMIT) {
      let oldest: SimSession | undefined
      for (const session of this.sessions.values()) if (!oldest || session.lastSeen < oldest.lastSeen) oldest = session
      if (oldest) this.sessions.delete(oldest.id)
    }
    const session: SimSession = { id: randomText(32, '0123456789abcdef'), token: randomText(40), role: 'Guest', lastSeen: this.now() }
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

  /** A successful login. Every other admin session goes back to Guest. */
  promote(session: SimSession): void {
    for (const other of this.sessions.values()) if (other !== session && other.role === 'Admin') other.role = 'Guest'
    session.role = 'Admin'
  }

  demote(session: SimSession): void {
    session.role = 'Guest'
  }

  /** Fault: every session forgotten (idle timeout, web server restart). */
  expireAll(): void {
    this.sessions.clear()
  }

  /** Fault: someone logs in on the web page; current admins become guests (their cookies stay valid). */
  kickAdmins(): void {
    const intruder = this.create()
    intruder.phantom = true
    this.promote(intruder)
  }

  get adminCount(): number {
    let count = 0
    for (const session of this.sessions.values()) {
      if (session.role === 'Admin' && !session.phantom && this.now() - session.lastSeen <= this.idleMs) count++
    }
    return count
  }
}
