import { describe, expect, it } from 'vitest'
import { answerSecretRequest, isSecretRequest, type SafeStorageLike } from '../../electron/main/secret-service'

/** A reversible stand-in for safeStorage: XOR with a fixed byte. */
function fakeKeychain(available = true): SafeStorageLike {
  const xor = (buf: Buffer) => Buffer.from(buf.map((b) => b ^ 0x5a))
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => xor(Buffer.from(text, 'utf8')),
    decryptString: (buf) => {
      if (buf.length === 0) throw new Error('bad blob containing hunter2')
      return xor(buf).toString('utf8')
    }
  }
}

describe('secret service', () => {
  it.each([
    [{ type: 'secret.encrypt', id: 1, value: 'x' }, true],
    [{ type: 'secret.decrypt', id: 2, value: '' }, true],
    [{ type: 'secret.encrypt', id: 1.5, value: 'x' }, false],
    [{ type: 'secret.delete', id: 1, value: 'x' }, false],
    [{ type: 'secret.encrypt', id: 1, value: 5 }, false],
    [{ type: 'secret.encrypt', id: 1, value: 'x'.repeat(70_000) }, false],
    [null, false],
    ['secret.encrypt', false]
  ])('recognises %j: %s', (message, expected) => {
    expect(isSecretRequest(message)).toBe(expected)
  })

  it('round-trips a value through the keychain', () => {
    const keychain = fakeKeychain()
    const sealed = answerSecretRequest({ type: 'secret.encrypt', id: 7, value: 'パスワード' }, keychain)
    expect(sealed).toMatchObject({ type: 'secret.result', id: 7, ok: true })
    expect(sealed.value).not.toContain('パスワード')
    const opened = answerSecretRequest({ type: 'secret.decrypt', id: 8, value: sealed.value ?? '' }, keychain)
    expect(opened).toEqual({ type: 'secret.result', id: 8, ok: true, value: 'パスワード' })
  })

  it('refuses when the keychain is unavailable and never echoes secrets in errors', () => {
    expect(answerSecretRequest({ type: 'secret.encrypt', id: 1, value: 'hunter2' }, fakeKeychain(false))).toMatchObject({ ok: false })
    const failed = answerSecretRequest({ type: 'secret.decrypt', id: 2, value: '' }, fakeKeychain())
    expect(failed.ok).toBe(false)
    expect(JSON.stringify(failed)).not.toContain('hunter2')
  })
})
