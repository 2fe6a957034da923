// How a simulated ZTE device checks passwords and write tokens, and when it locks logins. Written from the
// reference and the stock web UI, not from the driver:
// - LOGIN password (reference §2.2; stock service.js login()): base64(password) on older firmware;
//   SHA256(SHA256(password) + LD) on WEB_ATTR_IF_SUPPORT_SHA256 = 2 firmware, where util.js SHA256() returns
//   uppercase hex, so both rounds are uppercase.
// - LD and RD are nonces the firmware hands to anyone who reads them; each read makes a new one and only the
//   newest is valid (reference §7: "fetch LD/RD immediately before use (they rotate)"). Both are device-wide:
//   a second client reading LD spoils the first client's pending login, which matches what one integrator saw
//   when a probe and a poller contended for the LD challenge (public U25S calibration notes, indexed copy) [U
//   for RD]. A nonce is spent by the attempt that uses it, right or wrong.
// - AD (reference §2.3; stock service.js: hex_md5(hex_md5(wa_inner_version + cr_version) + RD)): MD5 in
//   lowercase hex, or SHA-256 in uppercase hex on MC888-class firmware. Compared case-insensitively, because
//   one public client sends uppercase MD5 and reports it working (tpoechtrager/ZTE-CLI-Tool Tools.cs ZteMd5) [U].
// - Lockout (stock login page: MAX_LOGIN_COUNT 5, login_lock_time "300"; reference §2.2 and §7): five wrong
//   passwords lock logins for 300 s; psw_fail_num_str counts attempts left, login_lock_time the seconds left.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { ZteVariant } from './variants'

export interface LockoutPolicy {
  maxFailures: number
  lockSeconds: number
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockSeconds: 300 }

export class LoginGuard {
  private failures = 0
  private lockedUntil = 0

  constructor(
    private readonly now: () => number,
    private readonly policy: LockoutPolicy
  ) {}

  get locked(): boolean {
    this.expire()
    return this.now() < this.lockedUntil
  }

  /** psw_fail_num_str. */
  get attemptsLeft(): number {
    this.expire()
    return this.locked ? 0 : Math.max(0, this.policy.maxFailures - this.failures)
  }

  /** login_lock_time: whole seconds left, 0 when not locked. */
  get lockSecondsLeft(): number {
    const ms = this.lockedUntil - this.now()
    return ms > 0 ? Math.ceil(ms / 1000) : 0
  }

  /** Count a wrong password; true when this failure locks logins. */
  fail(): boolean {
    this.expire()
    this.failures++
    if (this.failures >= this.policy.maxFailures) {
      this.lockedUntil = this.now() + this.policy.lockSeconds * 1000
      return true
    }
    return false
  }

  succeed(): void {
    this.failures = 0
  }

  /** After the lock the counter starts over. */
  private expire(): void {
    if (this.lockedUntil !== 0 && this.now() >= this.lockedUntil) {
      this.lockedUntil = 0
      this.failures = 0
    }
  }
}

/** A device-wide nonce (LD or RD): each issue() replaces the previous one; take() spends it. */
export class Nonce {
  private value: string | undefined

  issue(): string {
    this.value = randomBytes(32).toString('hex').toUpperCase()
    return this.value
  }

  take(): string | undefined {
    const value = this.value
    this.value = undefined
    return value
  }

  clear(): void {
    this.value = undefined
  }
}

function sha256Upper(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex').toUpperCase()
}

function md5Lower(text: string): string {
  return createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex')
}

/** What LOGIN's password field must be, for this firmware and the LD it handed out (undefined if none). */
export function expectedLoginPassword(variant: ZteVariant, password: string, ld: string | undefined): string | undefined {
  if (variant.login === 'base64') return Buffer.from(password, 'utf8').toString('base64')
  if (ld === undefined) return undefined
  return sha256Upper(sha256Upper(password) + ld)
}

export function expectedAd(variant: ZteVariant, waInnerVersion: string, crVersion: string, rd: string): string | undefined {
  if (variant.ad === 'none') return undefined
  if (variant.ad === 'sha256') return sha256Upper(sha256Upper(waInnerVersion + crVersion) + rd)
  return md5Lower(md5Lower(waInnerVersion + crVersion) + rd)
}

/** Constant-time comparison; `ignoreCase` for AD (see above). */
export function sameSecret(sent: string, expected: string, ignoreCase = false): boolean {
  const a = Buffer.from(ignoreCase ? sent.toLowerCase() : sent, 'utf8')
  const b = Buffer.from(ignoreCase ? expected.toLowerCase() : expected, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

/** An opaque stok session id. */
export function newSessionId(): string {
  return randomBytes(16).toString('hex')
}
