// The OS keychain for the core host. The host (a utilityProcess) cannot call safeStorage itself, so it
// asks main to encrypt or decrypt one value at a time; main never stores or logs the values.
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
}

export interface SecretRequest {
  type: 'secret.encrypt' | 'secret.decrypt'
  id: number
  value: string
}

export interface SecretReply {
  type: 'secret.result'
  id: number
  ok: boolean
  value?: string
  error?: string
}

export function isSecretRequest(message: unknown): message is SecretRequest {
  const m = message as Partial<SecretRequest> | null
  return (
    typeof m === 'object' && m !== null &&
    (m.type === 'secret.encrypt' || m.type === 'secret.decrypt') &&
    Number.isInteger(m.id) && typeof m.value === 'string' && m.value.length <= 64 * 1024
  )
}

export function answerSecretRequest(request: SecretRequest, storage: SafeStorageLike): SecretReply {
  if (!storage.isEncryptionAvailable()) {
    return { type: 'secret.result', id: request.id, ok: false, error: 'The OS keychain is not available, so passwords cannot be remembered.' }
  }
  try {
    const value =
      request.type === 'secret.encrypt'
        ? storage.encryptString(request.value).toString('base64')
        : storage.decryptString(Buffer.from(request.value, 'base64'))
    return { type: 'secret.result', id: request.id, ok: true, value }
  } catch {
    // Never echo the value or the underlying error text, which may quote it.
    return { type: 'secret.result', id: request.id, ok: false, error: 'The OS keychain refused the request.' }
  }
}
