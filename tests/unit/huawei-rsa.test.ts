// The encrypted request form (reference §1.5, Salamek/huawei-lte-api:huawei_lte_api/Tools.py rsa_encrypt):
// chunk sizes, hex formatting, key parsing, and round trips decrypted here with a key pair made in the test —
// PKCS#1 v1.5 is unpadded by hand because Node refuses v1.5 private decryption (CVE-2023-46809).
import { constants, generateKeyPairSync, privateDecrypt, type KeyObject } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  chunkSize,
  encryptRequestBody,
  paddingFromStateLogin,
  parsePublicKey,
  splitChunks,
  toHexBody,
  type HuaweiPublicKey,
  type RsaPadding
} from '../../src/devices/families/huawei-hilink/rsa'
import { DeviceRsaKey, unpadPkcs1v15 } from '../../src/simulators/huawei-hilink/rsa-key'
import { elementToRecord, parseXml, type XmlRecord } from '../../src/devices/families/huawei-hilink/xml'

function record(xml: string): XmlRecord {
  const parsed = parseXml(xml)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return elementToRecord(parsed.root)
}

function keyPair(bits: number): { key: HuaweiPublicKey; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits })
  const jwk = publicKey.export({ format: 'jwk' })
  return {
    key: { modulusHex: Buffer.from(String(jwk.n), 'base64url').toString('hex'), exponentHex: Buffer.from(String(jwk.e), 'base64url').toString('hex') },
    privateKey
  }
}

/** What the device does: hex → blocks → RSA → base64 text → XML. Written independently of the simulator. */
function decryptLikeDevice(hex: string, privateKey: KeyObject, blockBytes: number, padding: RsaPadding): string {
  const body = Buffer.from(hex, 'hex')
  const parts: Buffer[] = []
  for (let offset = 0; offset < body.length; offset += blockBytes) {
    const block = body.subarray(offset, offset + blockBytes)
    if (padding === 'oaep') {
      parts.push(privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, block))
    } else {
      const raw = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, block)
      expect([raw[0], raw[1]]).toEqual([0, 2])
      parts.push(raw.subarray(raw.indexOf(0, 2) + 1))
    }
  }
  return Buffer.from(Buffer.concat(parts).toString('ascii'), 'base64').toString('utf8')
}

const key2048 = keyPair(2048)
const key1024 = keyPair(1024)

describe('chunk sizes and formatting', () => {
  it.each([
    [256, 'pkcs1', 245], // Salamek's constant for 2048-bit keys
    [256, 'oaep', 214],
    [128, 'pkcs1', 117],
    [128, 'oaep', 86]
  ] as const)('%d-byte key, %s → %d-byte chunks', (bytes, padding, size) => {
    expect(chunkSize(bytes, padding)).toBe(size)
  })

  it('splits base64 text into whole chunks and a remainder', () => {
    expect(splitChunks('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij'])
    expect(splitChunks('', 4)).toEqual([])
  })

  it('hex-encodes the blocks in order, lowercase', () => {
    expect(toHexBody([Uint8Array.from([0xab, 0x01]), Uint8Array.from([0xff, 0x0c])])).toBe('ab01ff0c')
    expect(toHexBody([])).toBe('')
  })

  it.each([
    ['1', 'oaep'],
    [' 1 ', 'oaep'],
    ['0', 'pkcs1'],
    [undefined, 'pkcs1'], // absent on older firmware: Salamek falls back to 0
    ['2', 'pkcs1']
  ] as const)('rsapadingtype %j → %s', (raw, padding) => {
    expect(paddingFromStateLogin(raw)).toBe(padding)
  })
})

describe('parsePublicKey (webserver/publickey)', () => {
  it('reads encpubkeyn / encpubkeye', () => {
    const parsed = parsePublicKey(record(`<response><encpubkeyn>${key2048.key.modulusHex}</encpubkeyn><encpubkeye>010001</encpubkeye></response>`))
    expect(parsed).toEqual({ ok: true, value: { modulusHex: key2048.key.modulusHex, exponentHex: '010001' } })
  })

  it.each([
    ['no key at all', '<response></response>'],
    ['not hex', '<response><encpubkeyn>zz</encpubkeyn><encpubkeye>010001</encpubkeye></response>'],
    ['too short', '<response><encpubkeyn>abcdef</encpubkeyn><encpubkeye>010001</encpubkeye></response>'],
    ['absurd exponent', `<response><encpubkeyn>${'ab'.repeat(128)}</encpubkeyn><encpubkeye>${'01'.repeat(20)}</encpubkeye></response>`]
  ])('%s → an error value, not an exception', (_name, xml) => {
    const parsed = parsePublicKey(record(xml))
    expect(parsed.ok).toBe(false)
  })
})

describe('encryptRequestBody', () => {
  const short = '<?xml version="1.0" encoding="UTF-8"?><request><SetDefault>2</SetDefault><Delete>0</Delete><Modify>0</Modify></request>'
  const long = `<?xml version="1.0" encoding="UTF-8"?><request><SetDefault>0</SetDefault><Delete>0</Delete><Modify>1</Modify><Profile><Name>${'日本語プロファイル'.repeat(12)}</Name></Profile></request>`

  it.each(['oaep', 'pkcs1'] as const)('%s: one chunk for a short body, decrypts back to the XML', (padding) => {
    const hex = encryptRequestBody(short, key2048.key, padding)
    if (!hex.ok) throw new Error(hex.error.message)
    expect(hex.value).toMatch(/^[0-9a-f]{512}$/)
    expect(decryptLikeDevice(hex.value, key2048.privateKey, 256, padding)).toBe(short)
  })

  it.each(['oaep', 'pkcs1'] as const)('%s: a long UTF-8 body is split into ceil(base64 / chunk) blocks', (padding) => {
    const base64Length = Buffer.from(long, 'utf8').toString('base64').length
    const blocks = Math.ceil(base64Length / chunkSize(256, padding))
    expect(blocks).toBeGreaterThan(2)
    const hex = encryptRequestBody(long, key2048.key, padding)
    if (!hex.ok) throw new Error(hex.error.message)
    expect(hex.value.length).toBe(blocks * 512)
    expect(decryptLikeDevice(hex.value, key2048.privateKey, 256, padding)).toBe(long)
  })

  it('works with a 1024-bit key (chunk size follows the modulus)', () => {
    const hex = encryptRequestBody(long, key1024.key, 'oaep')
    if (!hex.ok) throw new Error(hex.error.message)
    expect(hex.value.length % 256).toBe(0)
    expect(decryptLikeDevice(hex.value, key1024.privateKey, 128, 'oaep')).toBe(long)
  })

  it('is randomised (the same body encrypts differently each time)', () => {
    const a = encryptRequestBody(short, key2048.key, 'oaep')
    const b = encryptRequestBody(short, key2048.key, 'oaep')
    expect(a.ok && b.ok && a.value !== b.value).toBe(true)
  })

  it('a broken key is an error value', () => {
    expect(encryptRequestBody(short, { modulusHex: '00', exponentHex: '03' }, 'oaep').ok).toBe(false)
  })
})

describe('the simulator decrypts what the driver encrypts', () => {
  const device = new DeviceRsaKey()
  const key: HuaweiPublicKey = { modulusHex: device.publicHex.n, exponentHex: device.publicHex.e }
  const xml = '<?xml version="1.0" encoding="UTF-8"?><request><OperateType>0</OperateType><CurrentPin>1234</CurrentPin></request>'

  it.each([
    ['oaep', 1],
    ['pkcs1', 0]
  ] as const)('%s', (padding, code) => {
    const hex = encryptRequestBody(xml, key, padding)
    if (!hex.ok) throw new Error(hex.error.message)
    expect(device.decrypt(hex.value, code)).toBe(xml)
    expect(device.decrypt(`0${hex.value}`, code)).toBe(xml) // a client's odd-length "0" prefix is tolerated
  })

  it('refuses the wrong padding, non-hex and partial blocks', () => {
    const hex = encryptRequestBody(xml, key, 'oaep')
    if (!hex.ok) throw new Error(hex.error.message)
    expect(device.decrypt(hex.value, 0)).toBeNull()
    expect(device.decrypt('not hex', 1)).toBeNull()
    expect(device.decrypt(hex.value.slice(0, 100), 1)).toBeNull()
  })

  it('unpads EME-PKCS1-v1_5 blocks and rejects malformed ones', () => {
    expect(unpadPkcs1v15(Buffer.from([0, 2, 9, 9, 9, 9, 9, 9, 9, 9, 0, 65, 66]))?.toString()).toBe('AB')
    expect(unpadPkcs1v15(Buffer.from([0, 1, 9, 9, 9, 9, 9, 9, 9, 9, 0, 65]))).toBeNull()
    expect(unpadPkcs1v15(Buffer.from([0, 2, 9, 9, 0, 65, 66, 67, 68, 69, 70, 71]))).toBeNull() // padding under 8 bytes
  })
})
