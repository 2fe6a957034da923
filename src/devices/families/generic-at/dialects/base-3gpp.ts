// The 3GPP TS 27.007 baseline every modem speaks, and the dialect used when +CGMI names no vendor we know:
// +CESQ for the radio (+CSQ as the last resort, added by the driver), +CCID / +ICCID for the ICCID (then the
// portable +CRSM READ BINARY fallback), +CPINR for PIN counters, USSD in the +CSCS character set
// (device-protocols.md §4.3, §4.4).
import { encodeUcs2Hex, parseCesq } from '../../../at'
import { informationLines, prefixedBodies, splitFields, toInt, unquote } from '../../../at/parsers/fields'
import { fail, ok, type ParseResult } from '../../../at/result'
import type { Capability } from '../../../model'
import type { AtDialect, PinCounterQuery, PinCounters, SignalPart, SignalQuery, UssdCodec } from './types'

/** Everything the generic driver implements; a dialect may offer less, the modem's answers narrow it further. */
export const ALL_AT_CAPABILITIES: readonly Capability[] = [
  'readIdentity',
  'readMsisdn',
  'readSignal',
  'apnRead',
  'apnWrite',
  'dataSwitch',
  'reboot',
  'pinUnlock',
  'ussd',
  'sms'
]

/** The ICCID commands after a dialect's own: u-blox/SIMCom/Quectel +CCID, generic +ICCID (device-protocols.md §4.3). */
export const FALLBACK_ICCID_COMMANDS: readonly string[] = ['AT+CCID', 'AT+ICCID']

/** READ BINARY of EF_ICCID (file 0x2FE2 = 12258), 10 bytes: works on any modem with +CRSM (ModemManager mm-base-sim.c). */
export const CRSM_ICCID_COMMAND = 'AT+CRSM=176,12258,0,0,10'

/**
 * +CESQ (27.007 §8.69): the modem fills the fields of the radio it is on and 99/255 for the others, so the
 * filled fields also tell the radio.
 */
export const CESQ_QUERY: SignalQuery = {
  command: 'AT+CESQ',
  parse(lines) {
    const cesq = parseCesq(lines)
    if (!cesq.ok) return cesq
    const { rsrpDbm, rsrqDb, rscpDbm, ecnoDb, rssiDbm } = cesq.value
    const part: SignalPart = {}
    if (rsrpDbm !== null) {
      part.rat = 'lte'
      part.rsrpDbm = rsrpDbm
      if (rsrqDb !== null) part.rsrqDb = rsrqDb
    } else if (rscpDbm !== null) {
      part.rat = 'umts'
      part.rscpDbm = rscpDbm
      if (ecnoDb !== null) part.ecioDb = ecnoDb
    } else if (rssiDbm !== null) {
      part.rat = 'gsm'
      part.rssiDbm = rssiDbm
    }
    return ok(part)
  }
}

/** +CPINR (27.007 §8.65): "+CPINR: SIM PIN,<retries>,<default retries>" per code. */
export const CPINR_QUERY: PinCounterQuery = {
  command: 'AT+CPINR="SIM*"',
  parse: parseCpinr
}

export function parseCpinr(input: readonly string[] | string): ParseResult<PinCounters> {
  const lines = informationLines(input)
  if (!lines.ok) return lines
  const counters: PinCounters = {}
  for (const body of prefixedBodies(lines.value, ['+CPINR:'])) {
    const fields = splitFields(body)
    const code = unquote(fields[0]).trim().toUpperCase()
    const retries = toInt(fields[1])
    if (retries === undefined) continue
    if (code === 'SIM PIN') counters.pin = retries
    if (code === 'SIM PUK') counters.puk = retries
  }
  if (counters.pin === undefined && counters.puk === undefined) return fail('missing', 'no SIM PIN / SIM PUK counter in the +CPINR reply', input)
  return ok(counters)
}

/**
 * 27.007 USSD: the string goes in the TE character set (+CSCS). With "IRA"/"GSM" a service code is plain
 * text; with "UCS2" it is UCS2 hex (ModemManager mm-broadband-modem.c encodes in the current charset).
 * Replies are read in the same charset and never as packed GSM 7-bit: an own-number reply of ten digits is
 * valid hex too, and must stay digits.
 */
export const CHARSET_USSD: UssdCodec = {
  encode(text, charset) {
    if (text.includes('"')) return null
    if (charset.toUpperCase() === 'UCS2') return encodeUcs2Hex(text)
    // eslint-disable-next-line no-control-regex -- control characters cannot travel inside a quoted AT string
    if (/[\x00-\x1f\x7f]/.test(text)) return null
    return text
  },
  decodeOptions(charset) {
    return { charset, packedGsm7: false }
  }
}

export const base3gppDialect: AtDialect = {
  id: '3gpp',
  label: '3GPP TS 27.007',
  matches: () => true,
  iccidCommands: [],
  signal: [CESQ_QUERY],
  pinCounters: [CPINR_QUERY],
  ussd: CHARSET_USSD,
  dataCid: 1,
  capabilities: ALL_AT_CAPABILITIES
}

/** The entries whose value is defined (the model's optional fields stay absent rather than undefined). */
export function pickDefined<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Partial<T> = {}
  for (const key of Object.keys(values) as (keyof T)[]) if (values[key] !== undefined) out[key] = values[key]
  return out
}
