// +CUSD: <m>[,<str>[,<dcs>]] (3GPP TS 27.007 §7.15), the USSD reply, usually unsolicited. <str> may be plain
// text, packed GSM 7-bit hex (Huawei, whatever +CSCS says), UCS2 hex (dcs 72 = 0x48, or +CSCS="UCS2"), or
// 8-bit hex; device-protocols.md §4.4. <dcs> is a Cell Broadcast data coding scheme (3GPP TS 23.038 §5).
import { decodeGsm7 } from '../codecs/gsm7'
import { hexToBytes } from '../codecs/hex'
import { decodeUcs2, decodeUcs2Hex } from '../codecs/ucs2'
import { decodeUssdPacked } from '../codecs/ussd'
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { informationLines, prefixedBodies, splitFields, toInt, unquote } from './fields'

export const USSD_STATUS: Readonly<Record<number, string>> = {
  0: 'no further user action required',
  1: 'further user action required',
  2: 'USSD terminated by network',
  3: 'other local client has responded',
  4: 'operation not supported',
  5: 'network time out'
}

export type UssdEncoding = 'text' | 'gsm7-packed' | 'gsm7-unpacked' | 'ucs2' | '8bit'

export interface UssdReply {
  /** <m>: 0 done, 1 the network waits for an answer, 2 terminated by network, 4 unsupported, 5 timeout. */
  status: number
  statusName: string
  /** True when the session stays open for a reply (m = 1). */
  sessionOpen: boolean
  text?: string
  dcs?: number
  /** How <str> was decoded. */
  encoding?: UssdEncoding
  /** <str> as received. */
  raw?: string
}

export interface UssdParseOptions {
  /** The modem's +CSCS. "UCS2" means every <str> is UCS2 hex; "HEX" that GSM 7-bit comes one septet per byte. */
  charset?: string
  /** True for firmware that packs GSM 7-bit (Huawei); false to never try it; default: decide from the data. */
  packedGsm7?: boolean
}

/** 23.038 §5: the alphabet a CBS data coding scheme selects. Reserved codings are GSM 7-bit. */
export function cbsAlphabet(dcs: number): 'gsm7' | '8bit' | 'ucs2' {
  if (dcs === 0x11) return 'ucs2' // UCS2 preceded by a language indication
  const group = dcs >> 4
  if (group === 0x4 || group === 0x5 || group === 0x6 || group === 0x7 || group === 0x9) {
    const bits = (dcs >> 2) & 0x03
    return bits === 1 ? '8bit' : bits === 2 ? 'ucs2' : 'gsm7'
  }
  if (group === 0xf) return dcs & 0x04 ? '8bit' : 'gsm7'
  return 'gsm7'
}

export function parseCusd(input: ParseInput, options: UssdParseOptions = {}): ParseResult<UssdReply> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['+CUSD:'])[0]
    if (body === undefined) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no +CUSD line', input)
    const fields = splitFields(body)
    const status = toInt(fields[0])
    if (status === undefined) return fail('malformed', `"${body}" has no numeric <m>`, input)
    const reply: UssdReply = { status, statusName: USSD_STATUS[status] ?? `status ${status}`, sessionOpen: status === 1 }
    if (fields.length < 2) return ok(reply)
    const raw = unquote(fields[1])
    const dcs = toInt(fields[2])
    reply.raw = raw
    if (dcs !== undefined) reply.dcs = dcs
    const decoded = decodeUssdString(raw, dcs, options)
    reply.text = decoded.text
    reply.encoding = decoded.encoding
    return ok(reply)
  })
}

function decodeUssdString(raw: string, dcs: number | undefined, options: UssdParseOptions): { text: string; encoding: UssdEncoding } {
  const isHex = raw.length >= 2 && raw.length % 2 === 0 && /^[0-9A-Fa-f]+$/.test(raw)
  if (!isHex) return { text: raw, encoding: 'text' }
  const alphabet = dcs === undefined ? 'gsm7' : cbsAlphabet(dcs)
  const charset = options.charset?.toUpperCase()

  if (charset === 'UCS2' || alphabet === 'ucs2') {
    const ucs2 = decodeUcs2Hex(raw)
    if (ucs2.ok) return { text: ucs2.value, encoding: 'ucs2' }
    return { text: raw, encoding: 'text' }
  }
  const bytes = hexToBytes(raw) ?? new Uint8Array(0)
  if (alphabet === '8bit') return { text: latin1(bytes), encoding: '8bit' }
  if (options.packedGsm7 === true) return packed(raw)
  if (charset === 'HEX' || charset === 'GSM') return { text: decodeGsm7(bytes), encoding: 'gsm7-unpacked' }
  if (options.packedGsm7 === false) return { text: raw, encoding: 'text' }
  // No hint: UCS2 text in a "GSM" reply shows itself by 00xx units (ASCII in UCS2); otherwise try packed
  // GSM 7-bit and keep it only if it reads as text.
  if (looksLikeUcs2(raw)) return { text: decodeUcs2(bytes), encoding: 'ucs2' }
  const attempt = packed(raw)
  return plausibleText(attempt.text) ? attempt : { text: raw, encoding: 'text' }
}

function packed(raw: string): { text: string; encoding: UssdEncoding } {
  const decoded = decodeUssdPacked(raw)
  return decoded.ok ? { text: decoded.value, encoding: 'gsm7-packed' } : { text: raw, encoding: 'text' }
}

function latin1(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += String.fromCharCode(byte)
  return out
}

function looksLikeUcs2(hex: string): boolean {
  if (hex.length % 4 !== 0) return false
  let asciiUnits = 0
  const units = hex.length / 4
  for (let index = 0; index < hex.length; index += 4) {
    const unit = Number.parseInt(hex.slice(index, index + 4), 16)
    if (unit < 0x20 && unit !== 0x0a && unit !== 0x0d) return false
    if (unit < 0x80) asciiUnits++
  }
  return asciiUnits * 2 >= units
}

function plausibleText(text: string): boolean {
  if (text.length === 0) return false
  // GSM 7-bit '@' is septet 0: a run of them means the bytes were not packed text.
  if (/@@/.test(text)) return false
  // Other than CR/LF/FF, the GSM alphabet decodes to no control characters, so anything else is noise.
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0009\u000b\u000e-\u001f]/.test(text)
}
