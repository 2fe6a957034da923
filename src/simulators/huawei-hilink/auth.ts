// How a simulated device checks passwords and when it locks logins. Written from the reference, not from the
// driver: classic login (reference §1.3), SCRAM server side (§1.4), lockout (§1.14 108007).
// Lockout default: 5 failures lock logins for 5 minutes — Huawei eA260 Series CPE User Guide §1.5.1 ("the
// maximum number of WebUI login attempts is five … unlocked after five minutes"); other models differ (the
// EA380 guide says three and one minute), so both numbers are options.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto'
import { DeviceRsaKey } from './rsa-key'

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
    return this.now() < this.lockedUntil
  }

  /** Whole minutes left, rounded up (what remainwaittime / waittime report). */
  get remainingMinutes(): number {
    const ms = this.lockedUntil - this.now()
    return ms > 0 ? Math.ceil(ms / 60_000) : 0
  }

  get remainingAttempts(): number {
    return Math.max(0, this.policy.maxFailures - this.failures)
  }

  /** Count a wrong password; true when this failure locks logins. */
  fail(): boolean {
    this.failures++
    if (this.failures >= this.policy.maxFailures) {
      this.failures = 0
      this.lockedUntil = this.now() + this.policy.lockSeconds * 1000
      return true
    }
    return false
  }

  succeed(): void {
    this.failures = 0
  }

  /** A restart forgets failures and an active lock (they live in RAM) [U]. */
  reset(): void {
    this.failures = 0
    this.lockedUntil = 0
  }
}

function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest()
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Check a classic `<Password>`. Type 0/3: base64 of the password. Type 4:
 * base64(hex(sha256(username + base64(hex(sha256(password))) + token))) with the token the request carried.
 */
export function checkClassicPassword(type: 0 | 3 | 4, sent: string, username: string, password: string, headerToken: string): boolean {
  let expected: string
  if (type === 4) {
    const passwordDigest = Buffer.from(sha256(Buffer.from(password, 'utf8')).toString('hex'), 'ascii').toString('base64')
    const outer = sha256(Buffer.from(`${username}${passwordDigest}${headerToken}`, 'utf8')).toString('hex')
    expected = Buffer.from(outer, 'ascii').toString('base64')
  } else {
    expected = Buffer.from(password, 'utf8').toString('base64')
  }
  return sameBytes(Buffer.from(sent, 'utf8'), Buffer.from(expected, 'utf8'))
}

/** The device side of Huawei's SCRAM: it stores salt, iterations, StoredKey and ServerKey for the account. */
export class ScramAccount {
  readonly saltHex: string
  private readonly storedKey: Buffer
  private readonly serverKey: Buffer

  constructor(
    password: string,
    readonly iterations: number,
    /** The device key: authentication_login hands out the same one webserver/publickey does. */
    private readonly rsaKey: DeviceRsaKey = new DeviceRsaKey()
  ) {
    this.saltHex = randomBytes(32).toString('hex')
    const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), Buffer.from(this.saltHex, 'hex'), iterations, 32, 'sha256')
    const clientKey = createHmac('sha256', 'Client Key').update(salted).digest()
    this.storedKey = sha256(clientKey)
    this.serverKey = createHmac('sha256', 'Server Key').update(salted).digest()
  }

  /** servernonce: the client's nonce followed by ours, as in RFC 5802 (whether Huawei extends it so is [U]). */
  serverNonceFor(clientNonce: string): string {
    return clientNonce + randomBytes(16).toString('hex')
  }

  /**
   * Verify <clientproof>. AuthMessage = firstnonce,servernonce,servernonce and, unlike RFC 5802, the HMAC key is
   * the AuthMessage: ClientSignature = HMAC(key = AuthMessage, msg = StoredKey); ClientKey = proof XOR signature;
   * the proof is good when SHA256(ClientKey) = StoredKey.
   */
  verify(clientNonce: string, serverNonce: string, proofHex: string): boolean {
    if (!/^[0-9a-fA-F]{64}$/.test(proofHex)) return false
    const authMessage = `${clientNonce},${serverNonce},${serverNonce}`
    const signature = createHmac('sha256', authMessage).update(this.storedKey).digest()
    const proof = Buffer.from(proofHex, 'hex')
    const clientKey = Buffer.alloc(32)
    for (let i = 0; i < 32; i++) clientKey[i] = proof[i] ^ signature[i]
    return sameBytes(sha256(clientKey), this.storedKey)
  }

  /** <serversignature>, <rsan>, <rsae>, <rsapubkeysignature> of a successful authentication_login. */
  proofOfServer(clientNonce: string, serverNonce: string): { serversignature: string; rsan: string; rsae: string; rsapubkeysignature: string } {
    const authMessage = `${clientNonce},${serverNonce},${serverNonce}`
    const serversignature = createHmac('sha256', authMessage).update(this.serverKey).digest('hex')
    const rsa = this.rsaKey.publicHex
    const rsapubkeysignature = createHmac('sha256', this.serverKey).update(Buffer.from(rsa.n, 'hex')).digest('hex')
    return { serversignature, rsan: rsa.n, rsae: rsa.e, rsapubkeysignature }
  }
}
