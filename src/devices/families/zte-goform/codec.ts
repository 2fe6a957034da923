// Text and time encodings of the goform API (reference §2.7, §2.8).
// - SMS content, USSD replies and spn_name_data are "UCS2 hex": each UTF-16 code unit as four hex digits.
//   The stock web UI decodes them four digits at a time and drops U+0000 (anysoft/mifi-tools:
//   webs/mf761/web/js/lib.js decodeMessage); surrogate pairs therefore arrive as two units (D83DDE00).
// - Received SMS carry `date` = "yy,MM,dd,HH,mm,ss,±tz" where tz counts QUARTER HOURS, as in the SMS
//   service-centre time stamp (3GPP TS 23.040 §9.2.3.11): captures show "+8" from an Italian unit in
//   September (UTC+2), "+12" from Finland in September (UTC+3) and "+32" from China (UTC+8) — a public
//   "ZTE API Docs" page, a Python ZTE modem client (indexed copies) and the MF79RU integration guide §9.2.
//   Reference §2.7 leaves the unit open; the samples settle it.
// - Outgoing `sms_time` = "yy;MM;dd;HH;mm;ss;±H" in HOURS, as the stock UI's getCurrentTimeString builds it
//   (lib.js): "+" only before a positive offset, a bare "0" for UTC, fractions kept ("+5.5").
import { bad, blank, ok, type ParseResult } from './result'

/** "30533093" → "こん". Hex in whole 16-bit units only; a lone surrogate becomes U+FFFD, U+0000 is dropped. */
export function decodeUcs2Hex(hex: string | undefined, field = 'ucs2'): ParseResult<string> {
  if (typeof hex !== 'string') return bad(field, hex, 'UCS2 text is missing')
  const compact = hex.trim()
  if (compact.length % 4 !== 0 || !/^[0-9A-Fa-f]*$/.test(compact)) {
    return bad(field, hex, 'UCS2 text must be hex digits in groups of four')
  }
  const units: number[] = []
  for (let index = 0; index < compact.length; index += 4) units.push(Number.parseInt(compact.slice(index, index + 4), 16))
  let out = ''
  for (let index = 0; index < units.length; index++) {
    const unit = units[index] as number
    if (unit === 0) continue
    const next = units[index + 1]
    if (unit >= 0xd800 && unit <= 0xdbff && next !== undefined && next >= 0xdc00 && next <= 0xdfff) {
      out += String.fromCharCode(unit, next)
      index++
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += '\ufffd'
    } else {
      out += String.fromCharCode(unit)
    }
  }
  return ok(out)
}

/**
 * Text → UCS2 hex, uppercase, one group per UTF-16 code unit. (The stock encoder writes a code point above
 * U+FFFF as one 5-digit group, which its own four-digit decoder cannot read back; we send the pair.)
 */
export function encodeUcs2Hex(text: string): string {
  let out = ''
  for (let index = 0; index < text.length; index++) out += text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')
  return out
}

// GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1) and its extension table (reached through ESC).
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u00a0ÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const GSM7_EXTENSION = '\f^{}\\[~]|€'
const GSM7 = new Set([...GSM7_BASIC.replace('\u00a0', ''), ...GSM7_EXTENSION])

export type SmsEncodeType = 'GSM7_default' | 'UNICODE'

/** SEND_SMS encode_type: GSM7_default when every character is in the GSM alphabet, else UNICODE (§2.7). */
export function smsEncodeType(text: string): SmsEncodeType {
  for (const char of text) if (!GSM7.has(char)) return 'UNICODE'
  return 'GSM7_default'
}

export interface ZteTimestamp {
  /** ISO 8601, with the offset when the device gave one ("2022-09-17T18:33:25+03:00"). */
  iso: string
  offsetMinutes?: number
}

/** The SMS `date` field: "22,09,17,18,33,25,+12" → 2022-09-17T18:33:25+03:00 (tz in quarter hours). */
export function parseZteDate(raw: string | undefined, field = 'date'): ParseResult<ZteTimestamp | undefined> {
  if (blank(raw)) return ok(undefined)
  const parts = raw.trim().split(/[,;]/).map((part) => part.trim())
  if (parts.length !== 6 && parts.length !== 7) return bad(field, raw, `"${raw}" is not a date like "22,09,17,18,33,25,+12"`)
  const numbers = parts.slice(0, 6).map((part) => (/^\d{1,4}$/.test(part) ? Number(part) : Number.NaN))
  const [yy, month, day, hour, minute, second] = numbers as [number, number, number, number, number, number]
  if (numbers.some((value) => !Number.isInteger(value))) return bad(field, raw, `"${raw}" has a part that is not a number`)
  const year = yy < 100 ? 2000 + yy : yy
  const valid =
    month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 59 && year <= 2099
  if (!valid) return bad(field, raw, `"${raw}" is not a valid date and time`)
  const stamp = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`
  const tz = parts[6]
  if (tz === undefined || tz === '') return ok({ iso: stamp })
  if (!/^[+-]?\d{1,2}$/.test(tz)) return bad(field, raw, `"${tz}" is not a time zone in quarter hours`)
  const quarters = Number(tz)
  // Real zones lie within −12:00…+14:00 (−48…+56 quarters); anything else is not a quarter-hour count.
  if (quarters < -48 || quarters > 56) return bad(field, raw, `time zone ${tz} is out of range`)
  const offsetMinutes = quarters * 15
  return ok({ iso: stamp + formatOffset(offsetMinutes), offsetMinutes })
}

/** SEND_SMS sms_time for a moment and a UTC offset in minutes (positive east): "24;05;20;12;30;45;+2". */
export function formatSmsTime(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000)
  const hours = offsetMinutes / 60
  const zone = hours > 0 ? `+${hours}` : String(hours === 0 ? 0 : hours)
  return [
    pad(local.getUTCFullYear() % 100),
    pad(local.getUTCMonth() + 1),
    pad(local.getUTCDate()),
    pad(local.getUTCHours()),
    pad(local.getUTCMinutes()),
    pad(local.getUTCSeconds()),
    zone
  ].join(';')
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
