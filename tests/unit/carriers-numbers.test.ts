// Phone numbers and sign-in identifiers (reference/carriers.md §1.4, §11). Inputs are the shapes people paste:
// punctuation, +1 / leading 1, +81 (even "+81 090"), full-width digits and the katakana ー used as a hyphen.
// The numbers are fictitious (555-01xx in the US; 0X0-0000-xxxx style in Japan) but valid per libphonenumber.
import { describe, expect, it } from 'vitest'
import {
  checkEmail,
  checkMioId,
  checkRakutenId,
  checkRakutenRaId,
  formatForPrefill,
  identifierKindsMatching,
  normalizeJpMobileNumber,
  normalizeUsNumber,
  parseIijmioLogin,
  validateIdentifier
} from '../../src/carriers/numbers'

describe('US numbers → 10 digits', () => {
  it.each([
    ['(206) 555-0142', '2065550142'],
    ['206-555-0142', '2065550142'],
    ['206.555.0142', '2065550142'],
    ['+1 206 555 0142', '2065550142'],
    ['1-206-555-0142', '2065550142'],
    ['12065550142', '2065550142'],
    ['＋１（２０６）５５５－０１４２', '2065550142'],
    [' 2065550142 ', '2065550142']
  ])('%j → %s', (input, national10) => {
    const result = normalizeUsNumber(input)
    expect(result).toMatchObject({ ok: true, value: { national10, e164: `+1${national10}`, display: '(206) 555-0142' } })
  })

  it.each([
    ['', 'empty'],
    ['206-555-014', 'too-short'],
    ['206-555-01422', 'too-long'],
    ['+81 90 1234 5678', 'wrong-country'],
    ['me@example.com', 'looks-like-email'],
    ['206-555-O142', 'invalid-characters'],
    ['(106) 555-0142', 'invalid-number'],
    ['(206) 155-0142', 'invalid-number']
  ])('%j → %s', (input, kind) => {
    const result = normalizeUsNumber(input)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.kind).toBe(kind)
    expect(result.error.key).toBe(`carriers.number.us.${kind}`)
    expect(result.error.message.en).not.toBe('')
    expect(result.error.message.ja).not.toBe('')
  })
})

describe('Japanese mobile numbers → 11 digits', () => {
  it.each([
    ['090-1234-5678', '09012345678'],
    ['09012345678', '09012345678'],
    ['080 0000 1234', '08000001234'],
    ['070-1234-5678', '07012345678'],
    ['+81 90-1234-5678', '09012345678'],
    ['+81 090-1234-5678', '09012345678'],
    ['+819012345678', '09012345678'],
    ['819012345678', '09012345678'],
    ['０９０－１２３４－５６７８', '09012345678'],
    ['０９０ー１２３４ー５６７８', '09012345678'],
    ['(090) 1234-5678', '09012345678']
  ])('%j → %s', (input, national11) => {
    const result = normalizeJpMobileNumber(input)
    expect(result).toMatchObject({ ok: true, value: { national11, e164: `+81${national11.slice(1)}` } })
    if (result.ok) expect(result.value.display).toBe(`${national11.slice(0, 3)}-${national11.slice(3, 7)}-${national11.slice(7)}`)
  })

  it.each([
    ['', 'empty'],
    ['03-1234-5678', 'not-a-mobile'],
    ['020-1234-5678', 'not-a-mobile'],
    ['090-1234-567', 'too-short'],
    ['090-1234-56789', 'too-long'],
    ['+1 206 555 0142', 'wrong-country'],
    ['mio@example.jp', 'looks-like-email'],
    ['090-1234-567８a', 'invalid-characters']
  ])('%j → %s', (input, kind) => {
    expect(normalizeJpMobileNumber(input)).toMatchObject({ ok: false, error: { kind, key: `carriers.number.jp.${kind}` } })
  })
})

describe('sign-in identifiers', () => {
  it.each([
    ['MA000000', 'MA000000'],
    ['ma123456', 'MA123456'],
    [' ＭＡ１２３４５６ ', 'MA123456'],
    ['MA1234567890', 'MA1234567890']
  ])('mioID %j → %s', (input, value) => {
    expect(checkMioId(input)).toEqual({ ok: true, value })
  })

  it.each([
    ['', 'empty'],
    ['user@example.jp', 'looks-like-email'],
    ['09012345678', 'looks-like-phone'],
    ['MB123456', 'wrong-prefix'],
    ['MA12345', 'wrong-length'],
    ['MA12345X', 'invalid']
  ])('mioID %j → %s', (input, kind) => {
    expect(checkMioId(input)).toMatchObject({ ok: false, error: { kind, identifier: 'mioid', key: `carriers.identifier.mioid.${kind}` } })
  })

  it('IIJmio takes the mioID or the e-mail address', () => {
    expect(parseIijmioLogin('ma000000')).toEqual({ ok: true, value: { kind: 'mioid', value: 'MA000000' } })
    expect(parseIijmioLogin(' user@example.jp ')).toEqual({ ok: true, value: { kind: 'email', value: 'user@example.jp' } })
    expect(parseIijmioLogin('user@')).toMatchObject({ ok: false, error: { identifier: 'email', kind: 'invalid' } })
  })

  it.each([
    ['taro@example.jp', true, undefined],
    ['ｔａｒｏ＠example.jp', true, undefined],
    ['taro_rakuten', true, undefined],
    ['080-1234-5678', false, 'looks-like-phone'],
    ['taro rakuten', false, 'invalid'],
    ['', false, 'empty']
  ])('Rakuten ID %j → ok %s', (input, ok, kind) => {
    const result = checkRakutenId(input)
    expect(result.ok).toBe(ok)
    if (!result.ok) {
      expect(result.error.kind).toBe(kind)
      if (kind === 'looks-like-phone') expect(result.error.message.en).toContain('Members Station')
    }
  })

  it.each([
    ['ra12345678901', true],
    ['RA1234567890A', true],
    ['ra1234567890', false],
    ['xa12345678901', false]
  ])('Members Station "ra" user ID %j → %s', (input, ok) => {
    expect(checkRakutenRaId(input).ok).toBe(ok)
  })

  it('e-mail check', () => {
    expect(checkEmail('a@b.co')).toEqual({ ok: true, value: 'a@b.co' })
    expect(checkEmail('2065550142')).toMatchObject({ ok: false, error: { kind: 'looks-like-phone' } })
    expect(checkEmail('no-at-sign')).toMatchObject({ ok: false, error: { kind: 'invalid' } })
  })

  it('validateIdentifier dispatches by kind and normalises', () => {
    expect(validateIdentifier('us-msisdn', '+1 206 555 0142')).toEqual({ ok: true, value: { kind: 'us-msisdn', value: '2065550142' } })
    expect(validateIdentifier('jp-msisdn', '+81 80 0000 1234')).toEqual({ ok: true, value: { kind: 'jp-msisdn', value: '08000001234' } })
    expect(validateIdentifier('iccid', '8901 2604 2301 7549 627')).toEqual({ ok: true, value: { kind: 'iccid', value: '8901260423017549627' } })
    expect(validateIdentifier('refill-pin', '1234-5678-9012')).toEqual({ ok: true, value: { kind: 'refill-pin', value: '123456789012' } })
    expect(validateIdentifier('refill-pin', '12a4')).toMatchObject({ ok: false, error: { kind: 'invalid' } })
    expect(validateIdentifier('password', '')).toMatchObject({ ok: false, error: { kind: 'empty' } })
    expect(identifierKindsMatching('MA000000', ['mioid', 'email', 'rakuten-id'])).toEqual(['mioid', 'rakuten-id'])
  })

  it.each([
    ['+12065550142', 'us-10-digit', '2065550142'],
    ['12065550142', 'us-10-digit', '2065550142'],
    ['+818000001234', 'jp-11-digit', '08000001234'],
    ['08000001234', 'e164', '+818000001234'],
    ['8901260423017549627F', 'iccid-digits', '8901260423017549627'],
    ['  kept  ', 'as-is', 'kept']
  ] as const)('prefill %j as %s → %s', (value, format, expected) => {
    expect(formatForPrefill(value, format, 'JP')).toEqual({ ok: true, value: expected })
  })

  it('prefill reports an unusable fact instead of throwing', () => {
    expect(formatForPrefill('+44 7700 900123', 'us-10-digit')).toMatchObject({ ok: false, error: { kind: 'wrong-country' } })
    expect(formatForPrefill(undefined, 'e164')).toMatchObject({ ok: false, error: { kind: 'empty' } })
  })
})

describe('never throws on odd input', () => {
  const samples: unknown[] = [undefined, null, 7, {}, '', ' ', '+', '++81', '＋', 'ー'.repeat(30), '0'.repeat(300), '@', 'MA', 'ra', '\u0000', '\ud800', '(']
  const kinds = ['us-msisdn', 'jp-msisdn', 'email', 'mioid', 'rakuten-id', 'rakuten-ra-id', 'iccid', 'refill-pin', 'password', 'text'] as const
  const formats = ['us-10-digit', 'jp-11-digit', 'e164', 'iccid-digits', 'as-is'] as const
  it('for every checker and format', () => {
    for (const sample of samples) {
      expect(() => normalizeUsNumber(sample)).not.toThrow()
      expect(() => normalizeJpMobileNumber(sample)).not.toThrow()
      expect(() => parseIijmioLogin(sample)).not.toThrow()
      for (const kind of kinds) expect(() => validateIdentifier(kind, sample)).not.toThrow()
      for (const format of formats) expect(() => formatForPrefill(sample, format)).not.toThrow()
    }
  })
})
