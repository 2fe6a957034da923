// In the desktop app the host is a utilityProcess and cannot reach the OS keychain; Electron main
// can (safeStorage). This cipher asks main over the parent port, one value per request.
import { ContractError } from '../../contract/errors'
import type { SecretCipher } from './secret-cipher'

interface SecretReply {
  type: 'secret.result'
  id: number
  ok: boolean
  value?: string
  error?: string
}

const REPLY_TIMEOUT_MS = 10_000

export class ParentPortCipher implements SecretCipher {
  readonly kind = 'OS keychain'
  private nextId = 1
  private readonly pending = new Map<number, (reply: SecretReply) => void>()

  constructor(private readonly post: (message: unknown) => void) {}

  encrypt(plaintext: string): Promise<string> {
    return this.ask('secret.encrypt', plaintext)
  }

  decrypt(ciphertext: string): Promise<string> {
    return this.ask('secret.decrypt', ciphertext)
  }

  /** Feed every parent-port message here; returns true when it was a keychain reply. */
  handleMessage(data: unknown): boolean {
    const reply = data as Partial<SecretReply> | null
    if (reply?.type !== 'secret.result' || typeof reply.id !== 'number') return false
    const resolve = this.pending.get(reply.id)
    this.pending.delete(reply.id)
    resolve?.(reply as SecretReply)
    return true
  }

  private ask(type: 'secret.encrypt' | 'secret.decrypt', value: string): Promise<string> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new ContractError('TIMEOUT', 'The OS keychain did not answer.'))
      }, REPLY_TIMEOUT_MS)
      this.pending.set(id, (reply) => {
        clearTimeout(timer)
        if (reply.ok && typeof reply.value === 'string') resolve(reply.value)
        else reject(new ContractError('UNSUPPORTED', reply.error ?? 'The OS keychain refused the request.'))
      })
      this.post({ type, id, value })
    })
  }
}
