// Remembered device passwords, encrypted by a SecretCipher, in one file only the user can read.
// Values never appear in logs or errors; only account names do.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Credentials } from '../../devices/driver'
import type { SecretCipher } from './secret-cipher'

export interface SecretStore {
  readonly kind: string
  getCredentials(account: string): Promise<Credentials | undefined>
  setCredentials(account: string, credentials: Credentials): Promise<void>
  forget(account: string): Promise<boolean>
  accounts(): Promise<string[]>
}

type StoredFile = { version: 1; secrets: Record<string, string> }

export class FileSecretStore implements SecretStore {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly path: string,
    private readonly cipher: SecretCipher
  ) {}

  get kind(): string {
    return this.cipher.kind
  }

  async getCredentials(account: string): Promise<Credentials | undefined> {
    const file = await this.read()
    const sealed = file.secrets[account]
    if (sealed === undefined) return undefined
    const parsed = JSON.parse(await this.cipher.decrypt(sealed)) as Credentials
    return typeof parsed?.password === 'string' ? parsed : undefined
  }

  setCredentials(account: string, credentials: Credentials): Promise<void> {
    return this.exclusive(async () => {
      const file = await this.read()
      file.secrets[account] = await this.cipher.encrypt(JSON.stringify(credentials))
      await this.write(file)
    })
  }

  forget(account: string): Promise<boolean> {
    return this.exclusive(async () => {
      const file = await this.read()
      if (!(account in file.secrets)) return false
      delete file.secrets[account]
      await this.write(file)
      return true
    })
  }

  async accounts(): Promise<string[]> {
    return Object.keys((await this.read()).secrets).sort()
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => undefined)
    return next
  }

  private async read(): Promise<StoredFile> {
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as StoredFile
      if (parsed?.version === 1 && parsed.secrets && typeof parsed.secrets === 'object') return parsed
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error
    }
    return { version: 1, secrets: {} }
  }

  private async write(file: StoredFile): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 })
    const temp = `${this.path}.${process.pid}.tmp`
    await writeFile(temp, JSON.stringify(file, null, 2), { mode: 0o600 })
    await chmod(temp, 0o600)
    await rename(temp, this.path)
  }
}
