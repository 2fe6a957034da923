// Phone numbers and sign-in identifiers as carrier portals want them (reference/carriers.md §1.4, §11). People
// paste numbers in every shape: +1 (206) 555-0142, 1-206-555-0142, ０９０－１２３４－５６７８, +81 90 1234 5678,
// even +81 090… . Everything goes through NFKC (full-width digits and symbols become ASCII), then separators
// (spaces, dots, parentheses and the many dashes, including the katakana ー typed for a hyphen) are dropped,
// then libphonenumber-js confirms the result. Each wrong form gets its own error kind with an English and a
// Japanese message saying what to type instead. Nothing here throws.
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { normalizeIccid } from './iccid'
import type { IdentifierKind, PrefillFormat } from './pack-schema'
import { echo, err, ok, type CarrierErrorBase, type Localized, type Result } from './result'

export type NumberErrorKind =
  | 'empty'
  | 'invalid-characters'
  | 'looks-like-email'
  | 'too-short'
  | 'too-long'
  | 'wrong-country'
  | 'not-a-mobile'
  | 'invalid-number'
export type NumberError = CarrierErrorBase<NumberErrorKind>

export interface UsNumber {
  /** 10 digits, no country code: what T-Mobile, AT&T and Verizon sign-in forms want. */
  national10: string
  e164: string
  /** (206) 555-0142 */
  display: string
}

export interface JpMobileNumber {
  /** 11 digits starting 070/080/090: what Japanese portals want. */
  national11: string
  e164: string
  /** 090-1234-5678 */
  display: string
}

const DASHES = /[\s.()\-‐‑‒–—―−ー－]/g

/** NFKC and separators removed; undefined when other characters remain. */
function cleanNumber(input: string): { text: string; plus: boolean } | undefined {
  const normalized = input.normalize('NFKC').trim()
  const stripped = normalized.replace(DASHES, '')
  const plus = stripped.startsWith('+')
  const digits = plus ? stripped.slice(1) : stripped
  if (!/^\d*$/.test(digits)) return undefined
  return { text: digits, plus }
}

/** US number → 10 digits (strip +1 / leading 1). */
export function normalizeUsNumber(input: unknown): Result<UsNumber, NumberError> {
  if (typeof input !== 'string' || input.trim() === '') return err(numberError('us', 'empty', input))
  if (input.normalize('NFKC').includes('@')) return err(numberError('us', 'looks-like-email', input))
  const cleaned = cleanNumber(input)
  if (!cleaned) return err(numberError('us', 'invalid-characters', input))
  let digits = cleaned.text
  if (cleaned.plus) {
    if (!digits.startsWith('1')) return err(numberError('us', 'wrong-country', input))
    digits = digits.slice(1)
  } else if (digits.length === 11 && digits.startsWith('1')) {
    digits = digits.slice(1)
  }
  if (digits.length < 10) return err(numberError('us', 'too-short', input))
  if (digits.length > 10) return err(numberError('us', 'too-long', input))
  // NANP: area code and exchange start with 2–9.
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return err(numberError('us', 'invalid-number', input))
  const parsed = parsePhoneNumberFromString(`+1${digits}`)
  if (!parsed || !parsed.isValid()) return err(numberError('us', 'invalid-number', input))
  return ok({
    national10: digits,
    e164: `+1${digits}`,
    display: `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`
  })
}

/** Japanese mobile number (070/080/090) → 11 digits, from +81 forms too. */
export function normalizeJpMobileNumber(input: unknown): Result<JpMobileNumber, NumberError> {
  if (typeof input !== 'string' || input.trim() === '') return err(numberError('jp', 'empty', input))
  if (input.normalize('NFKC').includes('@')) return err(numberError('jp', 'looks-like-email', input))
  const cleaned = cleanNumber(input)
  if (!cleaned) return err(numberError('jp', 'invalid-characters', input))
  let national: string // without the trunk 0
  const digits = cleaned.text
  if (cleaned.plus) {
    if (!digits.startsWith('81')) return err(numberError('jp', 'wrong-country', input))
    national = digits.slice(2)
    // "+81 090-…": a common mix of both forms; the trunk 0 does not belong after +81.
    if (national.startsWith('0')) national = national.slice(1)
  } else if (digits.startsWith('81') && (digits.length === 12 || (digits.length === 13 && digits[2] === '0'))) {
    national = digits.slice(digits.length === 13 ? 3 : 2)
  } else if (digits.startsWith('0')) {
    national = digits.slice(1)
  } else if (digits.length === 10 && /^[789]0/.test(digits)) {
    national = digits
  } else {
    return err(numberError('jp', digits.length < 11 ? 'too-short' : 'invalid-number', input))
  }
  if (national.length < 10) {
    return err(numberError('jp', /^[789]0/.test(national) || national.length < 9 ? 'too-short' : 'not-a-mobile', input))
  }
  if (national.length > 10) return err(numberError('jp', 'too-long', input))
  if (!/^[789]0\d{8}$/.test(national)) return err(numberError('jp', 'not-a-mobile', input))
  const parsed = parsePhoneNumberFromString(`+81${national}`)
  if (!parsed || !parsed.isValid()) return err(numberError('jp', 'invalid-number', input))
  const national11 = `0${national}`
  return ok({
    national11,
    e164: `+81${national}`,
    display: `${national11.slice(0, 3)}-${national11.slice(3, 7)}-${national11.slice(7)}`
  })
}

/**
 * A device fact in the form a portal field wants (pack flows name the format). The device may report the
 * MSISDN as +12065550142, 12065550142 or 2065550142, and the ICCID with F padding.
 */
export function formatForPrefill(
  value: unknown,
  format: PrefillFormat,
  /** For e164: the country a number without + belongs to (the SIM's). */
  defaultCountry?: 'US' | 'JP' | 'GB'
): Result<string, NumberError | IdentifierError> {
  if (typeof value !== 'string' || value.trim() === '') {
    if (format === 'jp-11-digit') return err(numberError('jp', 'empty', value))
    if (format === 'us-10-digit') return err(numberError('us', 'empty', value))
    return err(identifierError('text', 'empty', value))
  }
  switch (format) {
    case 'us-10-digit': {
      const result = normalizeUsNumber(value)
      return result.ok ? ok(result.value.national10) : result
    }
    case 'jp-11-digit': {
      const result = normalizeJpMobileNumber(value)
      return result.ok ? ok(result.value.national11) : result
    }
    case 'e164': {
      const cleaned = cleanNumber(value)
      if (!cleaned) return err(numberError('us', 'invalid-characters', value))
      const parsed = parsePhoneNumberFromString(cleaned.plus ? `+${cleaned.text}` : cleaned.text, defaultCountry)
      if (!parsed || !parsed.isValid()) return err(numberError('us', 'invalid-number', value))
      return ok(parsed.number)
    }
    case 'iccid-digits': {
      const result = normalizeIccid(value)
      return result.ok ? ok(result.value.iccid) : err(identifierError('iccid', 'invalid', value, result.error.message))
    }
    case 'as-is':
      return ok(value.trim())
  }
}

// ---- Sign-in identifiers --------------------------------------------------------------------------------

export type IdentifierErrorKind = 'empty' | 'invalid' | 'looks-like-email' | 'looks-like-phone' | 'wrong-prefix' | 'wrong-length'
export type IdentifierError = CarrierErrorBase<IdentifierErrorKind> & { identifier: IdentifierKind }

export interface IdentifierValue {
  kind: IdentifierKind
  /** Normalised: trimmed, NFKC, mioID upper-cased, numbers in the portal's digits-only form. */
  value: string
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function checkEmail(input: unknown): Result<string, IdentifierError> {
  if (typeof input !== 'string' || input.trim() === '') return err(identifierError('email', 'empty', input))
  const text = input.normalize('NFKC').trim()
  if (text.length > 254 || !EMAIL.test(text)) {
    if (cleanNumber(text)?.text.length) return err(identifierError('email', 'looks-like-phone', input))
    return err(identifierError('email', 'invalid', input))
  }
  return ok(text)
}

/**
 * IIJmio mioID: "MA" followed by digits, e.g. MA000000 (reference §2.1, §11: trim, upper-case; ◐ S21). Only the
 * 6-digit form is attested; 6–10 digits are accepted rather than turn away a real ID.
 */
export function checkMioId(input: unknown): Result<string, IdentifierError> {
  if (typeof input !== 'string' || input.trim() === '') return err(identifierError('mioid', 'empty', input))
  const text = input.normalize('NFKC').trim().toUpperCase().replace(/[\s-]/g, '')
  if (text.includes('@')) return err(identifierError('mioid', 'looks-like-email', input))
  if (/^\d+$/.test(text) && text.length >= 10) return err(identifierError('mioid', 'looks-like-phone', input))
  if (!text.startsWith('MA')) return err(identifierError('mioid', 'wrong-prefix', input))
  const rest = text.slice(2)
  if (!/^\d+$/.test(rest)) return err(identifierError('mioid', 'invalid', input))
  if (rest.length < 6 || rest.length > 10) return err(identifierError('mioid', 'wrong-length', input))
  return ok(text)
}

/** IIJmio accepts the mioID or the registered e-mail address (reference §2.1). */
export function parseIijmioLogin(input: unknown): Result<IdentifierValue, IdentifierError> {
  if (typeof input === 'string' && input.normalize('NFKC').includes('@')) {
    const email = checkEmail(input)
    return email.ok ? ok({ kind: 'email', value: email.value }) : email
  }
  const mioId = checkMioId(input)
  return mioId.ok ? ok({ kind: 'mioid', value: mioId.value }) : mioId
}

/**
 * Rakuten ID for my 楽天モバイル: an e-mail address or a user ID, kept as typed (§11, ◐ S36). A phone number is
 * refused with a pointer to the older Members Station, the only Rakuten portal that takes one (§3.1, ◐ S31).
 */
export function checkRakutenId(input: unknown): Result<IdentifierValue, IdentifierError> {
  if (typeof input !== 'string' || input.trim() === '') return err(identifierError('rakuten-id', 'empty', input))
  const text = input.normalize('NFKC').trim()
  if (text.includes('@')) {
    const email = checkEmail(text)
    return email.ok ? ok({ kind: 'rakuten-id', value: email.value }) : err(identifierError('rakuten-id', 'invalid', input))
  }
  const asNumber = cleanNumber(text)
  if (asNumber && asNumber.text.length >= 10) return err(identifierError('rakuten-id', 'looks-like-phone', input))
  if (!/^[A-Za-z0-9._-]{4,64}$/.test(text)) return err(identifierError('rakuten-id', 'invalid', input))
  return ok({ kind: 'rakuten-id', value: text })
}

/** Members Station user ID: "ra" + 11 characters (13 in all; §3.1, §11, ◐ S31). */
export function checkRakutenRaId(input: unknown): Result<IdentifierValue, IdentifierError> {
  if (typeof input !== 'string' || input.trim() === '') return err(identifierError('rakuten-ra-id', 'empty', input))
  const text = input.normalize('NFKC').trim()
  if (!/^ra/i.test(text)) return err(identifierError('rakuten-ra-id', 'wrong-prefix', input))
  if (text.length !== 13) return err(identifierError('rakuten-ra-id', 'wrong-length', input))
  if (!/^ra[A-Za-z0-9]{11}$/i.test(text)) return err(identifierError('rakuten-ra-id', 'invalid', input))
  return ok({ kind: 'rakuten-ra-id', value: text })
}

/** Check what a user typed into a flow field of the given kind (pack-schema IdentifierKind). */
export function validateIdentifier(kind: IdentifierKind, input: unknown): Result<IdentifierValue, IdentifierError | NumberError> {
  switch (kind) {
    case 'us-msisdn': {
      const result = normalizeUsNumber(input)
      return result.ok ? ok({ kind, value: result.value.national10 }) : result
    }
    case 'jp-msisdn': {
      const result = normalizeJpMobileNumber(input)
      return result.ok ? ok({ kind, value: result.value.national11 }) : result
    }
    case 'email': {
      const result = checkEmail(input)
      return result.ok ? ok({ kind, value: result.value }) : result
    }
    case 'mioid': {
      const result = checkMioId(input)
      return result.ok ? ok({ kind, value: result.value }) : result
    }
    case 'rakuten-id':
      return checkRakutenId(input)
    case 'rakuten-ra-id':
      return checkRakutenRaId(input)
    case 'iccid': {
      const result = normalizeIccid(input)
      return result.ok ? ok({ kind, value: result.value.iccid }) : err(identifierError('iccid', 'invalid', input, result.error.message))
    }
    case 'refill-pin': {
      if (typeof input !== 'string' || input.trim() === '') return err(identifierError(kind, 'empty', input))
      const digits = input.normalize('NFKC').replace(DASHES, '')
      if (!/^\d+$/.test(digits)) return err(identifierError(kind, 'invalid', input))
      if (digits.length < 4 || digits.length > 20) return err(identifierError(kind, 'wrong-length', input))
      return ok({ kind, value: digits })
    }
    case 'password':
    case 'text': {
      if (typeof input !== 'string' || input === '') return err(identifierError(kind, 'empty', input))
      return ok({ kind, value: kind === 'text' ? input.normalize('NFKC').trim() : input })
    }
  }
}

/** Which of the kinds a typed identifier is valid as (the sign-in troubleshooter's "ID form" check). */
export function identifierKindsMatching(input: unknown, kinds: readonly IdentifierKind[]): IdentifierKind[] {
  return kinds.filter((kind) => validateIdentifier(kind, input).ok)
}

// ---- Messages -------------------------------------------------------------------------------------------

const US_MESSAGES: Record<NumberErrorKind, Localized> = {
  empty: { en: 'Enter the 10-digit phone number.', ja: '10桁の電話番号を入力してください。' },
  'invalid-characters': {
    en: 'A phone number has digits only (spaces, dashes and parentheses are fine).',
    ja: '電話番号は数字だけです(スペース・ハイフン・括弧は入力してもかまいません)。'
  },
  'looks-like-email': {
    en: 'This is an e-mail address; this field wants the line’s 10-digit phone number.',
    ja: 'これはメールアドレスです。この欄には回線の10桁の電話番号を入力してください。'
  },
  'too-short': { en: 'A US phone number has 10 digits (area code + 7 digits).', ja: '米国の電話番号は10桁です(市外局番3桁+7桁)。' },
  'too-long': {
    en: 'Too many digits: a US phone number has 10 (leave out +1 or a leading 1 if it still does not fit).',
    ja: '桁数が多すぎます。米国の電話番号は10桁です(+1や先頭の1は不要です)。'
  },
  'wrong-country': { en: 'This is not a US (+1) number.', ja: '米国(+1)の電話番号ではありません。' },
  'not-a-mobile': { en: 'This is not a mobile number.', ja: '携帯電話の番号ではありません。' },
  'invalid-number': {
    en: 'This is not a valid US phone number; check the area code.',
    ja: '有効な米国の電話番号ではありません。市外局番を確認してください。'
  }
}

const JP_MESSAGES: Record<NumberErrorKind, Localized> = {
  empty: { en: 'Enter the 11-digit phone number (070, 080 or 090).', ja: '11桁の電話番号(070・080・090)を入力してください。' },
  'invalid-characters': {
    en: 'A phone number has digits only (spaces and hyphens are fine).',
    ja: '電話番号は数字だけです(スペースやハイフンは入力してもかまいません)。'
  },
  'looks-like-email': {
    en: 'This is an e-mail address; this field wants the SIM’s 11-digit phone number.',
    ja: 'これはメールアドレスです。この欄にはSIMの11桁の電話番号を入力してください。'
  },
  'too-short': { en: 'A Japanese mobile number has 11 digits, e.g. 090-1234-5678.', ja: '携帯電話番号は11桁です。例: 090-1234-5678' },
  'too-long': { en: 'Too many digits: a Japanese mobile number has 11.', ja: '桁数が多すぎます。携帯電話番号は11桁です。' },
  'wrong-country': { en: 'This is not a Japanese (+81) number.', ja: '日本(+81)の電話番号ではありません。' },
  'not-a-mobile': {
    en: 'Japanese mobile numbers start with 070, 080 or 090; this looks like another kind of number.',
    ja: '携帯電話番号は070・080・090で始まります。別の種類の番号のようです。'
  },
  'invalid-number': { en: 'This is not a valid Japanese mobile number.', ja: '有効な携帯電話番号ではありません。' }
}

function numberError(country: 'us' | 'jp', kind: NumberErrorKind, input: unknown): NumberError {
  const message = (country === 'us' ? US_MESSAGES : JP_MESSAGES)[kind]
  return { kind, key: `carriers.number.${country}.${kind}`, message, input: echo(input) }
}

const IDENTIFIER_MESSAGES: Partial<Record<IdentifierKind, Partial<Record<IdentifierErrorKind, Localized>>>> = {
  email: {
    empty: { en: 'Enter your e-mail address.', ja: 'メールアドレスを入力してください。' },
    invalid: { en: 'This is not an e-mail address (name@example.com).', ja: 'メールアドレスの形式ではありません(name@example.com)。' },
    'looks-like-phone': {
      en: 'This looks like a phone number; this field wants the e-mail address.',
      ja: '電話番号のようです。この欄にはメールアドレスを入力してください。'
    }
  },
  mioid: {
    empty: { en: 'Enter your mioID (MA followed by digits) or e-mail address.', ja: 'mioID(MAで始まるID)またはメールアドレスを入力してください。' },
    'looks-like-email': { en: 'This is an e-mail address, not a mioID.', ja: 'これはメールアドレスで、mioIDではありません。' },
    'looks-like-phone': {
      en: 'This looks like a phone number. IIJmio signs in with the mioID (MA…) or the e-mail address.',
      ja: '電話番号のようです。IIJmioはmioID(MA…)またはメールアドレスでログインします。'
    },
    'wrong-prefix': { en: 'A mioID starts with MA, e.g. MA000000.', ja: 'mioIDはMAで始まります。例: MA000000' },
    'wrong-length': { en: 'A mioID is MA and 6 digits, e.g. MA000000.', ja: 'mioIDはMAと6桁の数字です。例: MA000000' },
    invalid: { en: 'After MA, a mioID has digits only.', ja: 'mioIDはMAのあとが数字だけです。' }
  },
  'rakuten-id': {
    empty: { en: 'Enter your Rakuten ID (user ID or e-mail address).', ja: '楽天ID(ユーザIDまたはメールアドレス)を入力してください。' },
    'looks-like-phone': {
      en: 'my 楽天モバイル signs in with your Rakuten ID, not the phone number. Only the older Members Station (plans on the docomo/au networks) takes the SIM’s phone number.',
      ja: 'my 楽天モバイルは電話番号ではなく楽天IDでログインします。電話番号でログインできるのは旧プラン(ドコモ/au回線)のメンバーズステーションだけです。'
    },
    invalid: { en: 'This is not a Rakuten ID (user ID or e-mail address).', ja: '楽天ID(ユーザIDまたはメールアドレス)の形式ではありません。' }
  },
  'rakuten-ra-id': {
    empty: { en: 'Enter the user ID that starts with "ra".', ja: '「ra」で始まるユーザIDを入力してください。' },
    'wrong-prefix': { en: 'This user ID starts with "ra".', ja: 'このユーザIDは「ra」で始まります。' },
    'wrong-length': { en: 'This user ID has 13 characters ("ra" and 11 more).', ja: 'このユーザIDは13文字(「ra」+11文字)です。' },
    invalid: { en: 'This user ID has letters and digits only.', ja: 'このユーザIDは英数字だけです。' }
  },
  'refill-pin': {
    empty: { en: 'Enter the refill card PIN.', ja: 'リフィルカードのPINを入力してください。' },
    invalid: { en: 'A refill PIN has digits only.', ja: 'リフィルPINは数字だけです。' },
    'wrong-length': { en: 'This is not the length of a refill PIN; check the card or receipt.', ja: 'リフィルPINの桁数ではありません。カードかレシートを確認してください。' }
  }
}

const GENERIC: Record<IdentifierErrorKind, Localized> = {
  empty: { en: 'This field is empty.', ja: '未入力です。' },
  invalid: { en: 'This is not in the expected form.', ja: '形式が正しくありません。' },
  'looks-like-email': { en: 'This is an e-mail address, which this field does not take.', ja: 'この欄にメールアドレスは入力できません。' },
  'looks-like-phone': { en: 'This looks like a phone number, which this field does not take.', ja: 'この欄に電話番号は入力できません。' },
  'wrong-prefix': { en: 'This does not start the way this identifier does.', ja: '先頭の文字が正しくありません。' },
  'wrong-length': { en: 'This is not the right length.', ja: '文字数が正しくありません。' }
}

function identifierError(identifier: IdentifierKind, kind: IdentifierErrorKind, input: unknown, detail?: Localized): IdentifierError {
  const message = detail ?? IDENTIFIER_MESSAGES[identifier]?.[kind] ?? GENERIC[kind]
  return { kind, identifier, key: `carriers.identifier.${identifier}.${kind}`, message, input: echo(input) }
}
