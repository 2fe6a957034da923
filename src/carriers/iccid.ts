// ICCID normalisation and issuer lookup (ITU-T E.118; reference/carriers.md §8.1). The issuer prefix (IIN) is
// 4–7 digits of variable length, so issuers are matched by longest prefix, never by slicing. US cards print a
// zero-padded country code (8901260… for T-Mobile) while the ITU list stores 891260…, so both sides are
// brought to the ITU form before comparing. Luhn failures are flagged, not rejected: operator-specific layouts
// exist and docomo even prints a different last digit (S49, S49d).
import { echo, err, ok, type CarrierErrorBase, type Result } from './result'

export type LuhnStatus = 'valid' | 'invalid' | 'not-applicable'

export interface IccidInfo {
  /** Digits as the SIM holds them: spaces, dashes and F padding removed, nibble swap undone. */
  iccid: string
  /** ITU form used for issuer lookup: `8901…` → `891…` (US zero-padded country code). */
  lookupKey: string
  /** Luhn over all digits (the check digit is the last one for 19- and 20-digit ICCIDs). */
  luhn: LuhnStatus
  /** The input was raw EF_ICCID bytes with swapped nibbles (starts 98…). */
  unswapped: boolean
  /** The ICCID uses the US zero-padded country code 01. */
  usZeroPadded: boolean
}

export type IccidErrorKind = 'empty' | 'invalid-characters' | 'not-telecom' | 'too-short' | 'too-long' | 'docomo-serial'
export type IccidError = CarrierErrorBase<IccidErrorKind>

export interface IccidIssuerEntry {
  /** ITU or US-padded form; compared in ITU form. */
  prefix: string
}

export interface IccidIssuerMatch<T extends IccidIssuerEntry> {
  entry: T
  /** The prefix in ITU form that matched. */
  matchedPrefix: string
}

/** True when `digits` (0-9 only, ≥ 2 of them) passes the Luhn check. */
export function luhnValid(digits: string): boolean {
  if (typeof digits !== 'string' || !/^\d{2,}$/.test(digits)) return false
  let sum = 0
  let double = false
  for (let index = digits.length - 1; index >= 0; index--) {
    let value = digits.charCodeAt(index) - 48
    if (double) {
      value *= 2
      if (value > 9) value -= 9
    }
    sum += value
    double = !double
  }
  return sum % 10 === 0
}

/** The digit that makes `payload` + digit Luhn-valid; undefined when `payload` is not all digits. */
export function luhnCheckDigit(payload: string): number | undefined {
  if (typeof payload !== 'string' || !/^\d+$/.test(payload)) return undefined
  for (let digit = 0; digit <= 9; digit++) if (luhnValid(`${payload}${digit}`)) return digit
  return undefined
}

/** ITU form of an ICCID or ICCID prefix: `8901260…` → `891260…`; anything else unchanged. */
export function iccidLookupKey(iccidOrPrefix: string): string {
  return iccidOrPrefix.startsWith('8901') ? `891${iccidOrPrefix.slice(4)}` : iccidOrPrefix
}

/**
 * Normalise an ICCID as read from a modem, a router API or typed by a user. Accepts spaces/dashes, full-width
 * digits, a trailing F pad (`8901234567012345678F`, S49e) and raw EF_ICCID with swapped nibbles (`98…`).
 */
export function normalizeIccid(input: unknown): Result<IccidInfo, IccidError> {
  if (typeof input !== 'string' || input.trim() === '') return err(iccidError('empty', input))
  let text = input.normalize('NFKC').trim().toUpperCase()
  // 2 letters + 13 characters (digits, shown with letter placeholders in the reference's example).
  if (/^[A-Z]{2}\d[0-9A-Z]{12}$/.test(text)) return err(iccidError('docomo-serial', input))
  text = text.replace(/[\s-]+/g, '')
  if (!/^[0-9A-F]+$/.test(text)) return err(iccidError('invalid-characters', input))
  let unswapped = false
  if (text.startsWith('98') && text.length % 2 === 0) {
    text = swapNibbles(text)
    unswapped = true
  }
  text = text.replace(/F+$/, '')
  if (!text.startsWith('89')) return err(iccidError('not-telecom', input))
  // E.118 allows up to 19 digits, some texts 22; GSM Phase 1 fixed 20 (S49, S47). Below 18 is not an ICCID.
  if (text.length < 18) return err(iccidError('too-short', input))
  if (text.length > 22) return err(iccidError('too-long', input))
  const luhn: LuhnStatus = /^\d+$/.test(text) ? (luhnValid(text) ? 'valid' : 'invalid') : 'not-applicable'
  return ok({ iccid: text, lookupKey: iccidLookupKey(text), luhn, unswapped, usZeroPadded: text.startsWith('8901') })
}

/** "984402…" → "894420…": swap the two BCD digits of every byte. */
export function swapNibbles(hex: string): string {
  let out = ''
  for (let index = 0; index + 1 < hex.length; index += 2) out += `${hex[index + 1] ?? ''}${hex[index] ?? ''}`
  return out
}

/** Longest-prefix issuer match; entries' prefixes may be in ITU or US-padded form. */
export function matchIccidIssuer<T extends IccidIssuerEntry>(
  iccid: IccidInfo | string,
  entries: readonly T[]
): IccidIssuerMatch<T> | undefined {
  const key = typeof iccid === 'string' ? iccidLookupKey(iccid.replace(/\D/g, '')) : iccid.lookupKey
  let best: IccidIssuerMatch<T> | undefined
  for (const entry of entries) {
    const prefix = iccidLookupKey(entry.prefix)
    if (prefix.length === 0 || !key.startsWith(prefix)) continue
    if (!best || prefix.length > best.matchedPrefix.length) best = { entry, matchedPrefix: prefix }
  }
  return best
}

const MESSAGES: Record<IccidErrorKind, { en: string; ja: string }> = {
  empty: { en: 'No ICCID was given.', ja: 'ICCIDがありません。' },
  'invalid-characters': {
    en: 'An ICCID has digits only (spaces and dashes are fine).',
    ja: 'ICCIDは数字だけです(スペースやハイフンは入力してもかまいません)。'
  },
  'not-telecom': {
    en: 'A SIM card number (ICCID) starts with 89.',
    ja: 'SIMカード番号(ICCID)は89で始まります。'
  },
  'too-short': {
    en: 'This is too short for an ICCID (19 or 20 digits, printed on the SIM card).',
    ja: 'ICCIDとしては短すぎます(SIMカードに印刷された19桁か20桁の番号です)。'
  },
  'too-long': { en: 'This is too long for an ICCID.', ja: 'ICCIDとしては長すぎます。' },
  'docomo-serial': {
    en: 'This looks like the manufacturing number printed on a docomo card, not the ICCID. Read the ICCID from the SIM in the device instead.',
    ja: 'これはドコモのカードに印刷された製造番号のようで、ICCIDではありません。ICCIDは端末でSIMから読み取ってください。'
  }
}

function iccidError(kind: IccidErrorKind, input: unknown): IccidError {
  return { kind, key: `carriers.iccid.${kind}`, message: MESSAGES[kind], input: echo(input) }
}
