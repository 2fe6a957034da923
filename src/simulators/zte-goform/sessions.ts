// The admin session of a simulated ZTE device. These devices allow one admin session at a time: LOGIN while
// another client's session is alive answers "2" ("duplicateUser", reference §2.2; stock service.js login()
// maps it to "another user is logged in") — or, with the 'replace' policy, the newer login wins and the older
// client finds itself logged out [U which firmware do which].
// The session is the stok cookie set by LOGIN (MC801/MC888 and many MF models, reference §2.1; older firmware
// may key the session on the client address instead [U] — the simulator always uses the cookie). Any request
// carrying the live cookie keeps it alive; after `idleMs` without one the device forgets it (the stock UI polls
// every few seconds, so an open browser tab never idles out) [U for the length; 300 s here].
import { newSessionId } from './auth'

export interface AdminSession {
  id: string
  lastSeen: number
  /** Held by someone other than a test's client (kickSession: "the web UI logged in elsewhere"). */
  foreign: boolean
}

export class SessionTable {
  private admin: AdminSession | undefined

  constructor(
    private readonly now: () => number,
    private readonly idleMs: number
  ) {}

  /** The live admin session (idle-expired ones are forgotten). */
  get current(): AdminSession | undefined {
    if (this.admin && this.now() - this.admin.lastSeen > this.idleMs) this.admin = undefined
    return this.admin
  }

  /** The session a request's stok cookie names, touched; undefined when it is not the live one. */
  resolve(stok: string | undefined): AdminSession | undefined {
    const admin = this.current
    if (!admin || stok === undefined || admin.id !== stok) return undefined
    admin.lastSeen = this.now()
    return admin
  }

  login(): AdminSession {
    this.admin = { id: newSessionId(), lastSeen: this.now(), foreign: false }
    return this.admin
  }

  logout(): void {
    this.admin = undefined
  }

  /** Someone else logs in through the web UI: our cookie stops working and their session holds the device. */
  kick(): void {
    this.admin = { id: newSessionId(), lastSeen: this.now(), foreign: true }
  }

  clear(): void {
    this.admin = undefined
  }
}
