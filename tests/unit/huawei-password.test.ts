// The login math: classic password types 0/3/4 and Huawei's SCRAM with its swapped HMAC arguments.
// Expected values are computed here step by step with node:crypto, and cross-checked against vectors produced
// by independent Python code: hashlib as in Salamek/huawei-lte-api tests/test_session.py
// (test_user_login_encodes_password) and get_client_proof() from mkorz/b618reboot:reboot_router.py.
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  computeScramProof,
  createClientNonce,
  encodeClassicPassword,
  expectedRsaKeySignature,
  hexEquals
} from '../../src/devices/families/huawei-hilink/password'

const sha256hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

describe('classic login password encoding (reference §1.3)', () => {
  it('type 4 = base64(hex(sha256(username + base64(hex(sha256(password))) + token)))', () => {
    const inner = b64(sha256hex('secret'))
    const expected = b64(sha256hex(`admin${inner}csrf-token`))
    expect(encodeClassicPassword(4, 'admin', 'secret', 'csrf-token')).toBe(expected)
  })

  it('type 4 matches the vector from Python hashlib (Salamek test_user_login_encodes_password inputs)', () => {
    expect(encodeClassicPassword(4, 'admin', 'secret', 'csrf-token')).toBe(
      'ODNiZmIxMzRiYWJjNjJlMDY3ZGE2NGJmNWRmYjg4ODllNTFiNzJmOTU3NzViMjQ4YWNiZWEzNGU3MjM1OTU0ZQ=='
    )
  })

  it('type 4 depends on the token and uses lowercase hex before base64', () => {
    const a = encodeClassicPassword(4, 'admin', 'secret', 'token-a')
    const b = encodeClassicPassword(4, 'admin', 'secret', 'token-b')
    expect(a).not.toBe(b)
    expect(Buffer.from(a, 'base64').toString('ascii')).toMatch(/^[0-9a-f]{64}$/)
  })

  it.each([0, 3] as const)('type %d = base64(password), UTF-8', (type) => {
    expect(encodeClassicPassword(type, 'admin', 'secret', 'ignored')).toBe('c2VjcmV0')
    expect(encodeClassicPassword(type, 'admin', 'pässwörd', 'ignored')).toBe(Buffer.from('pässwörd', 'utf8').toString('base64'))
  })
})

describe('SCRAM (reference §1.4)', () => {
  // Fixed inputs so the vector is reproducible in Python with mkorz/b618reboot's get_client_proof().
  const clientNonce = 'a'.repeat(32) + '0123456789abcdef'.repeat(2)
  const serverNonce = clientNonce + 'f00dfeed'.repeat(4)
  const saltHex = '00112233445566778899aabbccddeeff'.repeat(2)
  const input = { password: 'admin', clientNonce, serverNonce, saltHex, iterations: 100 }

  it('computes the client proof step by step, with HMAC(key = AuthMessage, msg = StoredKey)', () => {
    const salted = pbkdf2Sync('admin', Buffer.from(saltHex, 'hex'), 100, 32, 'sha256')
    const clientKey = createHmac('sha256', 'Client Key').update(salted).digest()
    const storedKey = createHash('sha256').update(clientKey).digest()
    const authMessage = `${clientNonce},${serverNonce},${serverNonce}`
    const clientSignature = createHmac('sha256', authMessage).update(storedKey).digest()
    const proof = Buffer.from(clientKey.map((byte, i) => byte ^ clientSignature[i]!)).toString('hex')
    const serverKey = createHmac('sha256', 'Server Key').update(salted).digest()
    const serverSignature = createHmac('sha256', authMessage).update(serverKey).digest('hex')

    const result = computeScramProof(input)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.authMessage).toBe(authMessage)
    expect(result.value.clientProof).toBe(proof)
    expect(result.value.expectedServerSignature).toBe(serverSignature)
    expect(result.value.serverKey.equals(serverKey)).toBe(true)
  })

  it('matches the vectors from mkorz/b618reboot get_client_proof (Python hashlib/hmac)', () => {
    const result = computeScramProof(input)
    expect(result.ok && result.value.clientProof).toBe('a0d52a2258afb4b8ba7675c21a8c20fbefe2e852776fcb99bce5e6ddf9bc08c6')
    expect(result.ok && result.value.expectedServerSignature).toBe('64b8a1d3b2b06c749e8f280eb914145c5010f8c1fce78db3263c299f2d4b54f8')
  })

  it('differs from RFC 5802 argument order (guards against "fixing" the swap)', () => {
    const salted = pbkdf2Sync('admin', Buffer.from(saltHex, 'hex'), 100, 32, 'sha256')
    const clientKey = createHmac('sha256', 'Client Key').update(salted).digest()
    const storedKey = createHash('sha256').update(clientKey).digest()
    const rfcSignature = createHmac('sha256', storedKey).update(`${clientNonce},${serverNonce},${serverNonce}`).digest()
    const rfcProof = Buffer.from(clientKey.map((byte, i) => byte ^ rfcSignature[i]!)).toString('hex')
    const result = computeScramProof(input)
    expect(result.ok && result.value.clientProof).not.toBe(rfcProof)
  })

  it('checks the RSA key signature as HMAC(key = ServerKey, msg = hexdecode(rsan))', () => {
    const result = computeScramProof(input)
    if (!result.ok) throw new Error('proof failed')
    const rsan = 'c0ffee' + '00'.repeat(10)
    const expected = createHmac('sha256', result.value.serverKey).update(Buffer.from(rsan, 'hex')).digest('hex')
    expect(expectedRsaKeySignature(result.value.serverKey, rsan)).toBe(expected)
    expect(expectedRsaKeySignature(result.value.serverKey, 'xyz')).toBeUndefined()
  })

  it.each([
    [{ saltHex: 'not hex' }, /salt/],
    [{ saltHex: 'abc' }, /salt/],
    [{ iterations: 0 }, /iteration/],
    [{ iterations: 5_000_000 }, /iteration/],
    [{ iterations: Number.NaN }, /iteration/],
    [{ serverNonce: '' }, /nonce/]
  ])('returns an error value for a hostile or broken challenge %j', (override, message) => {
    const result = computeScramProof({ ...input, ...override })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(message)
  })

  it('makes 64-hex-character client nonces that differ each time', () => {
    const a = createClientNonce()
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(createClientNonce()).not.toBe(a)
  })

  it('compares hex case-insensitively and by length', () => {
    expect(hexEquals('ABCDEF', 'abcdef')).toBe(true)
    expect(hexEquals('abcd', 'abcdef')).toBe(false)
    expect(hexEquals('abce', 'abcd')).toBe(false)
  })
})
