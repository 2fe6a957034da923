// Encrypts device passwords before they touch the disk. The desktop app uses the OS keychain through
// Electron's safeStorage (ParentPortCipher asks main); serve mode uses LocalKeyCipher, an AES-256-GCM
// key in a file only the user can read.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { ContractError } from '../../contract/errors'

export interface SecretCipher {
  /** A label for settings screens ("OS keychain", "key file"). */
  readonly kind: string
  encrypt(plaintext: string): Promise<string>
  decrypt(ciphertext: string): Promise<string>
}

const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16

export class LocalKeyCipher implements SecretCipher {
  readonly kind = 'key file'
  private key: Promise<Buffer> | undefined

  constructor(private readonly keyPath: string) {}

  async encrypt(plaintext: string): Promise<string> {
    const key = await this.loadKey()
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
  }

  async decrypt(ciphertext: string): Promise<string> {
    const key = await this.loadKey()
    const raw = Buffer.from(ciphertext, 'base64')
    if (raw.length < IV_BYTES + TAG_BYTES) throw new ContractError('PROTOCOL', 'A stored secret is damaged.')
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    } catch {
      throw new ContractError('PROTOCOL', 'A stored secret could not be decrypted (the key file changed?).')
    }
  }

  private loadKey(): Promise<Buffer> {
    this.key ??= this.readOrCreateKey()
    return this.key
  }

  private async readOrCreateKey(): Promise<Buffer> {
    try {
      const key = Buffer.from((await readFile(this.keyPath, 'utf8')).trim(), 'base64')
      if (key.length === KEY_BYTES) return key
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    const key = randomBytes(KEY_BYTES)
    await mkdir(dirname(this.keyPath), { recursive: true, mode: 0o700 })
    await writeFile(this.keyPath, key.toString('base64'), { mode: 0o600, flag: 'w' })
    await chmod(this.keyPath, 0o600)
    return key
  }
}
