// The password math of Huawei's logins, pure and separately testable.
// Classic login (reference §1.3): password_type 0/3 = base64(password);
//   4 = base64(hex(sha256(username + base64(hex(sha256(password))) + token))), token = the one in this request's
//   __RequestVerificationToken header (Salamek/huawei-lte-api:huawei_lte_api/api/User.py _encode_password).
// SCRAM login (reference §1.4): RFC 5802 shapes, but Huawei calls HMAC with key and message swapped for the
//   signatures — HMAC(key = AuthMessage, msg = StoredKey) — and AuthMessage = firstnonce,servernonce,servernonce
//   (mkorz/b618reboot:reboot_router.py get_client_proof; the stock EMUI login script).
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto'

export type ClassicPasswordType = 0 | 3 | 4

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex')
}

export function base64Utf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

/** The `<Password>` value of POST /api/user/login for a password_type. */
export function encodeClassicPassword(type: ClassicPasswordType, username: string, password: string, token: string): string {
  if (type === 4) {
    const inner = base64Utf8(sha256Hex(Buffer.from(password, 'utf8')))
    return base64Utf8(sha256Hex(Buffer.from(username + inner + token, 'utf8')))
  }
  return base64Utf8(password)
}

/** 32 random bytes as 64 hex characters (the firstnonce of challenge_login). */
export function createClientNonce(): string {
  return randomBytes(32).toString('hex')
}

export interface ScramInput {
  password: string
  clientNonce: string
  serverNonce: string
  /** Hex, as sent in <salt>. */
  saltHex: string
  iterations: number
}

export interface ScramProof {
  /** Hex, for <clientproof>. */
  clientProof: string
  /** What <serversignature> must be when the device knows the same password (hex). */
  expectedServerSignature: string
  serverKey: Buffer
  authMessage: string
}

export type ScramResult = { ok: true; value: ScramProof } | { ok: false; error: { kind: 'scram-error'; message: string } }

/** Upper bound on PBKDF2 work we accept from a device (a hostile value would freeze the host). */
export const MAX_SCRAM_ITERATIONS = 200_000

export function computeScramProof(input: ScramInput): ScramResult {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(input.saltHex)) return scramError(`salt "${input.saltHex}" is not hex`)
  if (!Number.isSafeInteger(input.iterations) || input.iterations < 1 || input.iterations > MAX_SCRAM_ITERATIONS) {
    return scramError(`iteration count ${input.iterations} is out of range`)
  }
  if (input.serverNonce === '' || input.clientNonce === '') return scramError('empty nonce')

  const salted = pbkdf2Sync(Buffer.from(input.password, 'utf8'), Buffer.from(input.saltHex, 'hex'), input.iterations, 32, 'sha256')
  const clientKey = createHmac('sha256', 'Client Key').update(salted).digest()
  const storedKey = createHash('sha256').update(clientKey).digest()
  const authMessage = `${input.clientNonce},${input.serverNonce},${input.serverNonce}`
  const clientSignature = createHmac('sha256', authMessage).update(storedKey).digest()
  const proof = Buffer.alloc(clientKey.length)
  for (let i = 0; i < proof.length; i++) proof[i] = clientKey[i] ^ clientSignature[i]
  const serverKey = createHmac('sha256', 'Server Key').update(salted).digest()
  const serverSignature = createHmac('sha256', authMessage).update(serverKey).digest('hex')
  return { ok: true, value: { clientProof: proof.toString('hex'), expectedServerSignature: serverSignature, serverKey, authMessage } }
}

/** Constant-time comparison of two hex strings (case-insensitive). */
export function hexEquals(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase(), 'utf8')
  const right = Buffer.from(b.toLowerCase(), 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}

/** rsapubkeysignature = hex(HMAC(key = ServerKey, msg = hexdecode(rsan))) (reference §1.4 step 5). */
export function expectedRsaKeySignature(serverKey: Buffer, rsanHex: string): string | undefined {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(rsanHex)) return undefined
  return createHmac('sha256', serverKey).update(Buffer.from(rsanHex, 'hex')).digest('hex')
}

function scramError(message: string): ScramResult {
  return { ok: false, error: { kind: 'scram-error', message } }
}
