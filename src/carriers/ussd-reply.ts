// Turns a carrier's USSD (or SMS) reply into balance / data / dates, using the reply parser spec in the
// carrier pack — regexes with named groups, date order, default currency and data unit — so a new carrier or a
// changed reply text is a pack edit, not a code change. Pure; never throws. Data sizes use 1 GB = 1024 MB,
// the convention US prepaid carriers state for their allowances; the original text is kept beside every value.
import { compilePackRegex } from './regex-safety'
import type { LocalizedText, ReplyParserSpec } from './pack-schema'
import { echo, err, ok, type CarrierErrorBase, type Result } from './result'

export type DataUnit = 'KB' | 'MB' | 'GB'

export interface DataAmount {
  amount: number
  unit: DataUnit
  bytes: number
  text: string
  /** The carrier uses this value to mean "no real cap" (pack's unlimitedSentinels). */
  sentinel?: LocalizedText
}

export interface MoneyAmount {
  amount: number
  /** ISO 4217 when known. */
  currency?: string
  text: string
}

export interface ReplyDate {
  /** YYYY-MM-DD when the text could be read as a date. */
  iso?: string
  text: string
}

export interface ParsedUssdReply {
  balance?: MoneyAmount
  dataLeft?: DataAmount
  dataUsed?: DataAmount
  dataTotal?: DataAmount
  expiry?: ReplyDate
  renewal?: ReplyDate
  msisdn?: string
  minutesLeft?: number
  /** Indexes of the spec's patterns that matched. */
  matched: number[]
}

export type UssdReplyErrorKind = 'empty' | 'no-match' | 'bad-spec'
export type UssdReplyError = CarrierErrorBase<UssdReplyErrorKind>

/** Replies are at most 182 GSM characters per page; a few pages at most. Longer input is cut before matching. */
const MAX_REPLY = 2000
const UNIT_BYTES: Record<DataUnit, number> = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }
const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '£': 'GBP', '€': 'EUR', '¥': 'JPY', '円': 'JPY' }
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

export function parseUssdReply(text: unknown, spec: Pick<ReplyParserSpec, 'patterns' | 'dateOrder' | 'currency' | 'dataUnitDefault' | 'unlimitedSentinels'>): Result<ParsedUssdReply, UssdReplyError> {
  if (typeof text !== 'string' || text.trim() === '') return err(replyError('empty', text))
  const input = text.normalize('NFKC').slice(0, MAX_REPLY)
  const groups = new Map<string, string>()
  const matched: number[] = []
  for (const [index, pattern] of spec.patterns.entries()) {
    const compiled = compilePackRegex(pattern.regex, pattern.flags)
    if (!compiled.ok) return err(replyError('bad-spec', text, compiled.message))
    const match = compiled.regex.exec(input)
    if (!match) continue
    matched.push(index)
    for (const [name, value] of Object.entries(match.groups ?? {})) {
      if (value !== undefined && value.trim() !== '' && !groups.has(name)) groups.set(name, value.trim())
    }
  }
  if (matched.length === 0 || groups.size === 0) return err(replyError('no-match', text))

  const result: ParsedUssdReply = { matched }
  const balance = groups.get('balance')
  if (balance !== undefined) {
    const amount = parseAmount(balance)
    if (amount !== undefined) {
      const symbol = groups.get('currency')
      const currency = symbol === undefined ? spec.currency : (CURRENCY_SYMBOLS[symbol] ?? (/^[A-Z]{3}$/.test(symbol) ? symbol : spec.currency))
      result.balance = { amount, text: `${symbol ?? ''}${balance}`, ...(currency ? { currency } : {}) }
    }
  }
  for (const field of ['dataLeft', 'dataUsed', 'dataTotal'] as const) {
    const value = groups.get(field)
    if (value === undefined) continue
    const data = dataAmount(value, groups.get(`${field}Unit`), spec.dataUnitDefault)
    if (!data) continue
    const sentinel = spec.unlimitedSentinels?.find(
      (item) => item.field === field && Math.abs(item.amount * UNIT_BYTES[item.unit] - data.bytes) < 1
    )
    result[field] = sentinel ? { ...data, sentinel: sentinel.meaning } : data
  }
  for (const field of ['expiry', 'renewal'] as const) {
    const value = groups.get(field)
    if (value !== undefined) result[field] = parseReplyDate(value, spec.dateOrder)
  }
  const msisdn = groups.get('msisdn')
  if (msisdn !== undefined) result.msisdn = msisdn.replace(/[^\d+]/g, '')
  const minutes = groups.get('minutesLeft')
  if (minutes !== undefined) {
    const value = parseAmount(minutes)
    if (value !== undefined) result.minutesLeft = value
  }
  return ok(result)
}

/** "12.34", "1,234.56", "1.234,56", "5,20" → number. */
export function parseAmount(text: string): number | undefined {
  let value = text.replace(/\s/g, '')
  if (!/^\d[\d.,]*$/.test(value)) return undefined
  const lastComma = value.lastIndexOf(',')
  const lastDot = value.lastIndexOf('.')
  if (lastComma > lastDot) {
    // "1.234,56" or "5,20": comma is the decimal mark when 1–2 digits follow it.
    value = /,\d{1,2}$/.test(value) ? value.replace(/\./g, '').replace(',', '.') : value.replace(/,/g, '')
  } else {
    value = value.replace(/,/g, '')
  }
  const number = Number(value)
  return Number.isFinite(number) ? number : undefined
}

function dataAmount(value: string, unitText: string | undefined, fallback: DataUnit | undefined): DataAmount | undefined {
  const amount = parseAmount(value)
  if (amount === undefined) return undefined
  const unit = parseUnit(unitText) ?? fallback
  if (!unit) return undefined
  return { amount, unit, bytes: Math.round(amount * UNIT_BYTES[unit]), text: `${value}${unitText ?? ''}` }
}

function parseUnit(text: string | undefined): DataUnit | undefined {
  const match = text === undefined ? null : /^([kmg])i?b(?:ytes?)?$/i.exec(text.trim())
  if (!match) return undefined
  return `${(match[1] ?? '').toUpperCase()}B` as DataUnit
}

/** Numeric dates in the spec's order (2-digit years are 20xx), ISO dates, and "Dec 5, 2026" / "5 Dec 2026". */
export function parseReplyDate(text: string, order: ReplyParserSpec['dateOrder']): ReplyDate {
  const trimmed = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed)
  if (iso) return withIso(trimmed, Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const numeric = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(trimmed)
  if (numeric) {
    const [a, b, c] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])]
    const year = (value: number) => (value < 100 ? 2000 + value : value)
    if (order === 'ymd' || (numeric[1] ?? '').length === 4) return withIso(trimmed, year(a), b, c)
    if (order === 'dmy') return withIso(trimmed, year(c), b, a)
    if (order === 'mdy') return withIso(trimmed, year(c), a, b)
    return { text: trimmed }
  }
  const monthFirst = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(trimmed)
  if (monthFirst) return withIso(trimmed, Number(monthFirst[3]), monthIndex(monthFirst[1]), Number(monthFirst[2]))
  const dayFirst = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})$/.exec(trimmed)
  if (dayFirst) return withIso(trimmed, Number(dayFirst[3]), monthIndex(dayFirst[2]), Number(dayFirst[1]))
  const japanese = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(trimmed)
  if (japanese) return withIso(trimmed, Number(japanese[1]), Number(japanese[2]), Number(japanese[3]))
  return { text: trimmed }
}

function monthIndex(name: string | undefined): number {
  return MONTHS.indexOf((name ?? '').toLowerCase()) + 1
}

function withIso(text: string, year: number, month: number, day: number): ReplyDate {
  if (month < 1 || month > 12 || day < 1 || day > 31) return { text }
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { text }
  return { iso: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, text }
}

const MESSAGES: Record<UssdReplyErrorKind, { en: string; ja: string }> = {
  empty: { en: 'The network sent an empty reply.', ja: 'ネットワークからの応答が空でした。' },
  'no-match': {
    en: 'The reply did not look like a balance or usage message; it is shown as it came.',
    ja: '残高や利用量の形式ではない応答でした。そのまま表示します。'
  },
  'bad-spec': { en: 'The carrier pack’s reply parser is broken.', ja: 'キャリアパックの応答解析ルールに誤りがあります。' }
}

function replyError(kind: UssdReplyErrorKind, input: unknown, detail?: string): UssdReplyError {
  const message = MESSAGES[kind]
  return {
    kind,
    key: `carriers.ussdReply.${kind}`,
    message: detail ? { en: `${message.en} (${detail})`, ja: `${message.ja}(${detail})` } : message,
    input: echo(input)
  }
}
