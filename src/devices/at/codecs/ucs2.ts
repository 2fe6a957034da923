// UCS2 as modems use it: big-endian 16-bit code units in hex (AT+CSCS="UCS2", SMS DCS 0x08, USSD DCS 0x48).
// Modern phones put UTF-16 surrogate pairs in "UCS2" (emoji); we pass them through.
import { fail, ok, type ParseResult } from '../result'

/** Text → uppercase UTF-16BE hex ("Hi" → "00480069"). */
export function encodeUcs2Hex(text: string): string {
  let out = ''
  for (let index = 0; index < text.length; index++) out += text.charCodeAt(index).toString(16).padStart(4, '0')
  return out.toUpperCase()
}

/** Text → UTF-16BE bytes. */
export function encodeUcs2(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2)
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    out[index * 2] = unit >> 8
    out[index * 2 + 1] = unit & 0xff
  }
  return out
}

/** UTF-16BE bytes → text. An odd trailing byte is ignored; a lone surrogate becomes U+FFFD. */
export function decodeUcs2(bytes: ArrayLike<number>): string {
  const units: number[] = []
  for (let index = 0; index + 1 < bytes.length; index += 2) units.push((((bytes[index] ?? 0) & 0xff) << 8) | ((bytes[index + 1] ?? 0) & 0xff))
  let out = ''
  for (let index = 0; index < units.length; index++) {
    const unit = units[index] ?? 0
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
  return out
}

/** "30533093" → "こん". Rejects text that is not hex in whole 16-bit units. */
export function decodeUcs2Hex(hex: string): ParseResult<string> {
  if (typeof hex !== 'string' || hex.length % 4 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) {
    return fail('malformed', 'UCS2 text must be hex in groups of four digits', hex)
  }
  const bytes: number[] = []
  for (let index = 0; index < hex.length; index += 2) bytes.push(Number.parseInt(hex.slice(index, index + 2), 16))
  return ok(decodeUcs2(bytes))
}
