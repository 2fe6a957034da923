// ICCID from the vendor commands (+CCID, +ICCID, ^ICCID, +ZICCID, +ZGETICCID, +QCCID, +CICCID) or from the
// portable fallback AT+CRSM=176,12258,0,0,10 (READ BINARY of EF_ICCID), whose data is BCD with the nibbles of
// each byte swapped and F padding (device-protocols.md §4.3). Validation follows ModemManager's
// mm_3gpp_parse_iccid (src/mm-modem-helpers.c): 19–20 characters, major industry identifier 89, swapped
// input recognised by its leading "98", hex digits tolerated in the issuer part (China Mobile uses them).
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { informationLines, splitFields, stripPrefix, toInt, unquote } from './fields'
import { luhnValid } from './luhn'

export interface IccidInfo {
  iccid: string
  /** Luhn check over all digits; null when the ICCID contains hex digits and the check does not apply. */
  luhnValid: boolean | null
  /** 'direct' from a vendor ICCID command, 'sim-file' decoded from +CRSM. */
  source: 'direct' | 'sim-file'
}

const ICCID_PREFIXES = ['+CCID:', '+ICCID:', '^ICCID:', '+ZICCID:', '+ZGETICCID:', '+QCCID:', '+CICCID:', '!ICCID:', 'ICCID:']

/** Parse an ICCID reply; see the module comment for the accepted forms. */
export function parseIccid(input: ParseInput): ParseResult<IccidInfo> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    for (const line of lines.value) {
      const crsm = stripPrefix(line, '+CRSM:')
      if (crsm !== undefined) return fromCrsm(crsm, input)
      let body: string | undefined
      for (const prefix of ICCID_PREFIXES) {
        body = stripPrefix(line, prefix)
        if (body !== undefined) break
      }
      if (body === undefined && /^[+^$%#!][A-Za-z0-9]+:/.test(line)) continue
      return normalizeIccid(unquote(splitFields(body ?? line)[0]), 'direct', input)
    }
    return fail('empty', 'no ICCID in the reply', input)
  })
}

function fromCrsm(body: string, input: unknown): ParseResult<IccidInfo> {
  // +CRSM: <sw1>,<sw2>[,<response>] (27.007 §8.18); 144,0 = 0x90 0x00 normal end, 145 = 0x91 (also success).
  const fields = splitFields(body)
  const sw1 = toInt(fields[0])
  const sw2 = toInt(fields[1])
  if (sw1 === undefined || sw2 === undefined) return fail('malformed', 'a +CRSM reply without status words', input)
  if (sw1 !== 144 && sw1 !== 145) return fail('device-error', `the SIM answered status ${sw1},${sw2} instead of 144,0`, input)
  const data = unquote(fields[2]).trim()
  if (!/^[0-9A-Fa-f]+$/.test(data) || data.length % 2 !== 0) return fail('malformed', 'the +CRSM data is not hex', input)
  return normalizeIccid(swapNibbles(data), 'sim-file', input)
}

/** "984402003576012594F9" → "8944200053671052499F": swap the two BCD digits of every byte. */
export function swapNibbles(hex: string): string {
  let out = ''
  for (let index = 0; index + 1 < hex.length; index += 2) out += `${hex[index + 1] ?? ''}${hex[index] ?? ''}`
  return out
}

function normalizeIccid(raw: string, source: IccidInfo['source'], input: unknown): ParseResult<IccidInfo> {
  let text = raw.trim().toUpperCase()
  if (text.length === 0) return fail('empty', 'the ICCID is empty', input)
  if (!/^\d{6}[0-9A-F]*$/.test(text)) return fail('malformed', `"${raw}" contains characters an ICCID cannot have`, input)
  if (source === 'direct' && text.startsWith('98')) {
    // Some firmware passes the raw EF_ICCID bytes through (mm_3gpp_parse_iccid: only 20-character input).
    if (text.length !== 20) return fail('malformed', `"${raw}" looks nibble-swapped but is not 20 characters`, input)
    text = swapNibbles(text)
  }
  text = text.replace(/F+$/, '')
  if (!text.startsWith('89')) return fail('malformed', `"${raw}" does not start with 89 (telecom ICCIDs do, ITU-T E.118)`, input)
  if (text.length < 19 || text.length > 20) return fail('malformed', `"${raw}" is ${text.length} digits; an ICCID has 19 or 20`, input)
  const digitsOnly = /^\d+$/.test(text)
  return ok({ iccid: text, luhnValid: digitsOnly ? luhnValid(text) : null, source })
}
