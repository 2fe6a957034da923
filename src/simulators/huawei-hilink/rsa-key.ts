// The device's RSA key pair and the receiving side of "encrypt_transmit" requests (reference §1.5, the inverse
// of Salamek/huawei-lte-api:huawei_lte_api/Tools.py rsa_encrypt): the body is hex; cut it into modulus-sized
// blocks, decrypt each with the padding the device advertises in state-login rsapadingtype (0 = PKCS#1 v1.5,
// 1 = OAEP/SHA-1), concatenate, base64-decode → the request XML.
// Node refuses PKCS#1 v1.5 *decryption* since the Marvin-attack fix (CVE-2023-46809), so v1.5 blocks are
// decrypted raw and unpadded here — fine for a simulator, never for a real server.
import { constants, generateKeyPairSync, privateDecrypt, type KeyObject } from 'node:crypto'

export type RsaPaddingCode = 0 | 1

export class DeviceRsaKey {
  private pair: { privateKey: KeyObject; n: string; e: string; bytes: number } | undefined

  constructor(private readonly modulusLength = 2048) {}

  /** webserver/publickey: encpubkeyn (hex modulus) and encpubkeye (hex exponent). Made on first use. */
  get publicHex(): { n: string; e: string } {
    const { n, e } = this.keys()
    return { n, e }
  }

  /** The request XML of an encrypted body, or null when it does not decrypt (the device then answers 100005 [U]). */
  decrypt(hexBody: string, padding: RsaPaddingCode): string | null {
    const { privateKey, bytes } = this.keys()
    let hex = hexBody.trim()
    if (!/^[0-9a-fA-F]+$/.test(hex)) return null
    // The client left-pads an odd-length hex string with one "0" (Salamek); a whole number of blocks stays.
    if (hex.length % (bytes * 2) === 1 && hex.startsWith('0')) hex = hex.slice(1)
    if (hex.length === 0 || hex.length % (bytes * 2) !== 0) return null
    const blocks: Buffer[] = []
    try {
      for (let offset = 0; offset < hex.length; offset += bytes * 2) {
        const block = Buffer.from(hex.slice(offset, offset + bytes * 2), 'hex')
        if (padding === 1) {
          blocks.push(privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, block))
        } else {
          const plain = unpadPkcs1v15(privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, block))
          if (plain === null) return null
          blocks.push(plain)
        }
      }
    } catch {
      return null
    }
    const base64 = Buffer.concat(blocks).toString('ascii')
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return null
    return Buffer.from(base64, 'base64').toString('utf8')
  }

  private keys(): { privateKey: KeyObject; n: string; e: string; bytes: number } {
    if (!this.pair) {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: this.modulusLength })
      const jwk = publicKey.export({ format: 'jwk' })
      const n = Buffer.from(String(jwk.n), 'base64url')
      this.pair = { privateKey, n: n.toString('hex'), e: Buffer.from(String(jwk.e), 'base64url').toString('hex'), bytes: n.length }
    }
    return this.pair
  }
}

/** EME-PKCS1-v1_5 (RFC 8017 §7.2.2): 00 02, at least 8 non-zero padding bytes, 00, message. */
export function unpadPkcs1v15(block: Buffer): Buffer | null {
  if (block.length < 11 || block[0] !== 0x00 || block[1] !== 0x02) return null
  const separator = block.indexOf(0x00, 2)
  if (separator < 10) return null
  return block.subarray(separator + 1)
}
