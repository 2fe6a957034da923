// The "encrypt_transmit" request form of newer Huawei firmware (reference/device-protocols.md §1.5, as
// Salamek/huawei-lte-api:huawei_lte_api/Tools.py rsa_encrypt and Session.py _encrypt_data do it):
//   plaintext = base64(request XML); split into chunks the padding allows (2048-bit key: 245 bytes for PKCS#1
//   v1.5, 214 for OAEP); RSA-encrypt each chunk with the device's key from /api/webserver/publickey; the body is
//   the lowercase hex of the concatenated ciphertexts (Salamek left-pads an odd length with "0"; whole bytes never
//   give one, so that guard is not repeated here).
// The padding comes from user/state-login rsapadingtype (0 = PKCS#1 v1.5, 1 = OAEP; absent = 0, as Salamek).
// Pure apart from node:crypto's randomised padding; never throws — a bad key comes back as an error value.
import { constants, createPublicKey, publicEncrypt, type KeyObject } from 'node:crypto'
import { textOf, type XmlRecord } from './xml'

export type RsaPadding = 'pkcs1' | 'oaep'

/** The device key as webserver/publickey sends it: hex modulus and hex exponent. */
export interface HuaweiPublicKey {
  modulusHex: string
  exponentHex: string
}

export interface RsaError {
  kind: 'rsa-error'
  message: string
}

export type RsaResult<T> = { ok: true; value: T } | { ok: false; error: RsaError }

const fail = (message: string): RsaResult<never> => ({ ok: false, error: { kind: 'rsa-error', message } })

/** PKCS#1 v1.5 needs 11 bytes of padding, OAEP with SHA-1 (PyCryptodome's and Node's default) 2·20+2 = 42. */
const PADDING_OVERHEAD: Readonly<Record<RsaPadding, number>> = { pkcs1: 11, oaep: 42 }

/** rsapadingtype (sic) from user/state-login: "1" = OAEP, anything else or absent = PKCS#1 v1.5. */
export function paddingFromStateLogin(raw: string | undefined): RsaPadding {
  return raw?.trim() === '1' ? 'oaep' : 'pkcs1'
}

/** <encpubkeyn> / <encpubkeye> of webserver/publickey. */
export function parsePublicKey(record: XmlRecord | undefined): RsaResult<HuaweiPublicKey> {
  const modulusHex = textOf(record, 'encpubkeyn')?.replace(/^0x/i, '')
  const exponentHex = textOf(record, 'encpubkeye')?.replace(/^0x/i, '')
  if (modulusHex === undefined || exponentHex === undefined) return fail('the device sent no public key (encpubkeyn / encpubkeye)')
  if (!/^[0-9a-fA-F]+$/.test(modulusHex) || !/^[0-9a-fA-F]+$/.test(exponentHex)) return fail('the device public key is not hexadecimal')
  if (modulusHex.replace(/^0+/, '').length < 128) return fail('the device public key is shorter than 512 bits')
  if (exponentHex.length > 16) return fail('the device public key exponent is implausibly long')
  return { ok: true, value: { modulusHex, exponentHex } }
}

/** Largest plaintext chunk for a key of `modulusBytes` bytes: 245 / 214 for 2048-bit keys (Salamek's constants). */
export function chunkSize(modulusBytes: number, padding: RsaPadding): number {
  return modulusBytes - PADDING_OVERHEAD[padding]
}

/** Split text into chunks of at most `size` characters (base64 is ASCII, so characters are bytes). */
export function splitChunks(text: string, size: number): string[] {
  const chunks: string[] = []
  for (let offset = 0; offset < text.length; offset += size) chunks.push(text.slice(offset, offset + size))
  return chunks
}

/** Lowercase hex of the concatenated ciphertexts. */
export function toHexBody(ciphertexts: readonly Uint8Array[]): string {
  return ciphertexts.map((bytes) => Buffer.from(bytes).toString('hex')).join('')
}

export function importPublicKey(key: HuaweiPublicKey): RsaResult<{ key: KeyObject; modulusBytes: number }> {
  const n = evenHex(key.modulusHex.replace(/^0+/, ''))
  const e = evenHex(key.exponentHex.replace(/^0+/, '') || '0')
  try {
    const keyObject = createPublicKey({
      key: { kty: 'RSA', n: Buffer.from(n, 'hex').toString('base64url'), e: Buffer.from(e, 'hex').toString('base64url') },
      format: 'jwk'
    })
    return { ok: true, value: { key: keyObject, modulusBytes: n.length / 2 } }
  } catch (error) {
    return fail(`the device public key is unusable (${error instanceof Error ? error.message : String(error)})`)
  }
}

/** The full §1.5 transform: request XML → hex body. */
export function encryptRequestBody(xml: string, key: HuaweiPublicKey, padding: RsaPadding): RsaResult<string> {
  const imported = importPublicKey(key)
  if (!imported.ok) return imported
  const { key: publicKey, modulusBytes } = imported.value
  const size = chunkSize(modulusBytes, padding)
  if (size < 16) return fail(`a ${modulusBytes * 8}-bit key leaves no room for ${padding} padding`)
  const plaintext = Buffer.from(xml, 'utf8').toString('base64')
  try {
    const ciphertexts = splitChunks(plaintext, size).map((chunk) =>
      publicEncrypt(
        padding === 'oaep'
          ? { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }
          : { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
        Buffer.from(chunk, 'ascii')
      )
    )
    return { ok: true, value: toHexBody(ciphertexts) }
  } catch (error) {
    return fail(`encryption failed (${error instanceof Error ? error.message : String(error)})`)
  }
}

function evenHex(hex: string): string {
  return hex.length % 2 === 0 ? hex : `0${hex}`
}
