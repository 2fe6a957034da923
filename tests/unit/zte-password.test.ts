// LOGIN passwords and the AD write token, per firmware generation (reference §2.2, §2.3). Expected values are
// computed here step by step with node:crypto, independently of the code under test, plus one published vector:
// the public MF79RU integration guide (indexed copy) §6 gives wa_version "BD_MF79RUV1.0.0B02" (cr_version ""),
// RD "AB12CD34" → AD "02bb862c133c79826efbe952c8a57c34", and §5.1 "admin" → "YWRtaW4=".
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  adSchemeHint,
  base64Password,
  computeAd,
  loginPassword,
  loginSchemeFor,
  md5Hex,
  sha256HexUpper,
  sha256LoginPassword
} from '../../src/devices/families/zte-goform/password'

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex')
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

describe('base64 login (older firmware: MF61, MF90, MF283+, MF79RU B02)', () => {
  it.each([
    ['admin', 'YWRtaW4='], // MF79RU guide §5.1
    ['password', 'cGFzc3dvcmQ='],
    ['pässwörd', Buffer.from('pässwörd', 'utf8').toString('base64')], // UTF-8 first, like the stock Base64.encode
    ['', '']
  ])('%j → %j', (password, expected) => {
    expect(base64Password(password)).toBe(expected)
    expect(loginPassword('base64', password, 'IGNORED-LD')).toBe(expected)
  })
})

describe('SHA-256 login: SHA256(SHA256(password) + LD), uppercase hex in both rounds', () => {
  it.each([
    ['admin', 'A3F2C1E0B9D8'],
    ['S3cret-Pass', '9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08'],
    ['パスワード', '00']
  ])('password %j with LD %j', (password, ld) => {
    const round1 = sha256(password).toUpperCase()
    expect(round1).toMatch(/^[0-9A-F]{64}$/)
    const expected = sha256(round1 + ld).toUpperCase()
    expect(sha256LoginPassword(password, ld)).toBe(expected)
    expect(loginPassword('sha256', password, ld)).toBe(expected)
  })

  it('differs from the lowercase first round some clients got wrong (public U25S calibration notes, indexed copy)', () => {
    const ld = 'C0FFEE'
    const wrong = sha256(sha256('admin') + ld).toUpperCase()
    expect(sha256LoginPassword('admin', ld)).not.toBe(wrong)
  })

  it('changes with every LD (a stale salt cannot log in)', () => {
    expect(sha256LoginPassword('admin', 'AAAA')).not.toBe(sha256LoginPassword('admin', 'AAAB'))
  })
})

describe('AD = H(H(wa_inner_version + cr_version) + RD)', () => {
  it('MD5, lowercase: the MF79RU guide vector', () => {
    const inner = md5('BD_MF79RUV1.0.0B02' + '')
    expect(md5(inner + 'AB12CD34')).toBe('02bb862c133c79826efbe952c8a57c34')
    expect(computeAd('md5', 'BD_MF79RUV1.0.0B02', '', 'AB12CD34')).toBe('02bb862c133c79826efbe952c8a57c34')
  })

  it.each([
    ['BD_MF79UV1.0.0B06', '', '7D5B1C0E9A3F'],
    ['MF920V_V1.0', 'CR_MF920V1.0.0B01', 'f00dfeed'],
    ['T-Mobile_MF61_V1.0.0B09', '', '0']
  ])('MD5 with wa %j, cr %j, RD %j', (wa, cr, rd) => {
    const expected = md5(md5(wa + cr) + rd)
    expect(computeAd('md5', wa, cr, rd)).toBe(expected)
    expect(expected).toMatch(/^[0-9a-f]{32}$/)
  })

  it.each([
    ['MC888A_ELISA_FI_B08', '', 'A1B2C3'],
    ['MC889_B05', 'CR_MC889', '123456']
  ])('SHA-256, uppercase, with wa %j, cr %j, RD %j', (wa, cr, rd) => {
    const inner = sha256(wa + cr).toUpperCase()
    const expected = sha256(inner + rd).toUpperCase()
    expect(computeAd('sha256', wa, cr, rd)).toBe(expected)
    expect(expected).toMatch(/^[0-9A-F]{64}$/)
  })

  it('uses the helpers it names', () => {
    expect(md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72') // the stock md5 self-test vector
    expect(sha256HexUpper('abc')).toBe('BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD')
  })
})

describe('variant detection from unauthenticated fields', () => {
  it.each([
    [undefined, 'base64'],
    ['', 'base64'],
    ['   ', 'base64'],
    ['A3F2C1E0B9D8', 'sha256']
  ] as const)('LD %j → %s', (ld, scheme) => {
    expect(loginSchemeFor(ld)).toBe(scheme)
  })

  it.each([
    ['MC888A_ELISA_FI_B08', 'sha256'], // reference §2.3: MC888/MC889 sign with SHA-256
    ['MC889_B05', 'sha256'],
    ['BD_MF79UV1.0.0B06', 'md5'],
    ['BD_MF79RUV1.0.0B02', 'md5'],
    [undefined, 'md5']
  ] as const)('wa_inner_version %j → try %s first', (version, scheme) => {
    expect(adSchemeHint(version)).toBe(scheme)
  })
})
