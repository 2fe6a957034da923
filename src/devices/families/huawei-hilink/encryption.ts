// Fetches what the encrypted request form needs (reference §1.5), once per session: the padding from
// user/state-login rsapadingtype and the key from webserver/publickey. Only used when the device said
// encrypt_enabled = 1; a device that says so but gives no usable key is a protocol error, not a silent downgrade
// to plaintext (the device would refuse the plaintext setter anyway).
import { ContractError } from '../../../contract/errors'
import type { Encrypt } from './ops-context'
import { encryptRequestBody, paddingFromStateLogin, parsePublicKey, type HuaweiPublicKey, type RsaPadding } from './rsa'
import type { HuaweiSession } from './session'
import { textOf } from './xml'

export interface EncryptionMaterial {
  key: HuaweiPublicKey
  padding: RsaPadding
}

export class RequestEncryption {
  private pending: Promise<EncryptionMaterial> | undefined

  /** Forget the key (a new session, or the device restarted and may have a new one). */
  reset(): void {
    this.pending = undefined
  }

  async encryptor(session: HuaweiSession, signal?: AbortSignal): Promise<Encrypt> {
    this.pending ??= fetchMaterial(session, signal)
    let material: EncryptionMaterial
    try {
      material = await this.pending
    } catch (error) {
      this.pending = undefined
      throw error
    }
    return (xml: string): string => {
      const encrypted = encryptRequestBody(xml, material.key, material.padding)
      if (!encrypted.ok) throw new ContractError('PROTOCOL', `The request could not be encrypted for this device: ${encrypted.error.message}.`)
      return encrypted.value
    }
  }
}

export async function fetchMaterial(session: HuaweiSession, signal?: AbortSignal): Promise<EncryptionMaterial> {
  const state = await session.getOptional('user/state-login', signal)
  const record = await session.getOptional('webserver/publickey', signal)
  const key = parsePublicKey(record)
  if (!key.ok) {
    throw new ContractError('PROTOCOL', `The device wants encrypted settings but its public key is unusable: ${key.error.message}.`, { endpoint: 'webserver/publickey' })
  }
  return { key: key.value, padding: paddingFromStateLogin(textOf(state, 'rsapadingtype')) }
}
