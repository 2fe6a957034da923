// +CGMI / +CGMM / +CGMR / +CGSN / +CIMI (3GPP TS 27.007 §5.1–§5.4, §5.6). Most modems answer a bare line
// ("huawei"); some prefix it (+CGMI: "Quectel") or label it ("Revision: EC25EFAR06A06M4G")
// (device-protocols.md §4.3).
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { informationLines, stripPrefix, unquote } from './fields'
import { luhnValid } from './luhn'

export interface ImeiInfo {
  imei: string
  /** The 15th digit is the Luhn check digit (TS 23.003 §6.2.1); false means a typo or a cloned/fake IMEI. */
  luhnValid: boolean
}

const LABELS = /^(manufacturer|model|revision|firmware|imei|imsi|sn)\s*[:=]\s*/i

function identityText(input: unknown, prefixes: readonly string[], what: string): ParseResult<string> {
  const lines = informationLines(input)
  if (!lines.ok) return lines
  for (const line of lines.value) {
    let body: string | undefined
    for (const prefix of prefixes) {
      body = stripPrefix(line, prefix)
      if (body !== undefined) break
    }
    // A line carrying some other response prefix is not ours (a URC that slipped into raw text).
    if (body === undefined && /^[+^$%#][A-Za-z0-9]+:/.test(line)) continue
    let text = (body ?? line).replace(LABELS, '')
    // Motorola: +CGMM: "GSM900","GSM1800","GSM1900","MODEL=V635" (frontlinesms/smslib CServiceTest.java).
    const model = /"?MODEL=([^"]+)"?/i.exec(text)
    if (model) text = model[1] ?? text
    text = unquote(text).trim()
    if (text.length > 0) return ok(text)
  }
  return fail('empty', `no ${what} in the reply`, input)
}

/** AT+CGMI / AT+GMI → manufacturer, e.g. "huawei", "Quectel". */
export function parseManufacturer(input: ParseInput): ParseResult<string> {
  return guarded(input, () => identityText(input, ['+CGMI:', '+GMI:'], 'manufacturer'))
}

/** AT+CGMM / AT+GMM → model, e.g. "E3372", "EC25". */
export function parseModel(input: ParseInput): ParseResult<string> {
  return guarded(input, () => identityText(input, ['+CGMM:', '+GMM:'], 'model'))
}

/** AT+CGMR / AT+GMR → firmware revision. */
export function parseFirmware(input: ParseInput): ParseResult<string> {
  return guarded(input, () => identityText(input, ['+CGMR:', '+GMR:'], 'firmware revision'))
}

/** AT+CGSN (or AT+CGSN=1, AT+GSN) → 15-digit IMEI with a Luhn flag. */
export function parseImei(input: ParseInput): ParseResult<ImeiInfo> {
  return guarded(input, () => {
    const text = identityText(input, ['+CGSN:', '+GSN:'], 'IMEI')
    if (!text.ok) return text
    const digits = text.value.replace(/[\s-]/g, '')
    if (!/^\d{15}$/.test(digits)) return fail('malformed', `"${text.value}" is not a 15-digit IMEI`, input)
    return ok({ imei: digits, luhnValid: luhnValid(digits) })
  })
}

/** AT+CIMI → IMSI (TS 23.003 §2.2: at most 15 digits: MCC 3, MNC 2–3, MSIN). */
export function parseImsi(input: ParseInput): ParseResult<string> {
  return guarded(input, () => {
    const text = identityText(input, ['+CIMI:'], 'IMSI')
    if (!text.ok) return text
    const digits = text.value.replace(/\s/g, '')
    if (!/^\d{6,15}$/.test(digits)) return fail('malformed', `"${text.value}" is not an IMSI`, input)
    return ok(digits)
  })
}
