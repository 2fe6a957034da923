// +CSQ and +CESQ (3GPP TS 27.007 §8.5, §8.69) → dBm/dB, with the conversions ModemManager uses
// (src/mm-modem-helpers.c mm_3gpp_rxlev_to_rssi … rsrp_level_to_rsrp; device-protocols.md §4.3).
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { informationLines, prefixedBodies, splitFields, toInt } from './fields'

export interface CsqInfo {
  /** Raw <rssi>: 0–31, 99 unknown (100–191 / 199: TD-SCDMA RSCP extension on Quectel EC2x). */
  rssi: number
  /** Raw <ber> 0–7, or null for 99 / absent. */
  ber: number | null
  /** Signal strength in dBm, null when unknown. Lower bound of the 2 dB step. */
  rssiDbm: number | null
  /** 0–5 for the UI; see csqBars. */
  bars: number
}

/** AT+CSQ → "+CSQ: <rssi>,<ber>". */
export function parseCsq(input: ParseInput): ParseResult<CsqInfo> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['+CSQ:'])[0]
    if (body === undefined) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no +CSQ line', input)
    const fields = splitFields(body)
    const rssi = toInt(fields[0])
    if (rssi === undefined) return fail('malformed', `"${body}" has no numeric <rssi>`, input)
    const berRaw = toInt(fields[1])
    const ber = berRaw !== undefined && berRaw >= 0 && berRaw <= 7 ? berRaw : null
    const rssiDbm = csqToDbm(rssi)
    if (rssiDbm === undefined) return fail('out-of-range', `<rssi> ${rssi} is outside 0–31/99`, input)
    return ok({ rssi, ber, rssiDbm, bars: csqBars(rssi) })
  })
}

/**
 * 27.007 §8.5: 0 ≤ −113 dBm, 1 = −111, 2…30 = −109…−53 (2 dB steps), 31 ≥ −51, 99 unknown → null.
 * Quectel EC25/EC21 AT manual §6.3 (AT+CSQ): 100 ≤ −116 dBm … 191 ≥ −25 dBm, 199 unknown (TD-SCDMA RSCP).
 * undefined = not a valid <rssi>.
 */
export function csqToDbm(rssi: number): number | null | undefined {
  if (!Number.isInteger(rssi)) return undefined
  if (rssi >= 0 && rssi <= 31) return -113 + 2 * rssi
  if (rssi === 99 || rssi === 199) return null
  if (rssi >= 100 && rssi <= 191) return -216 + rssi
  return undefined
}

/**
 * Bars for the UI from a CSQ <rssi> (0–31). Our own scale, loosely after AOSP's CellSignalStrengthGsm levels
 * (none ≤ 2, poor < 5, moderate < 8, good < 12, great ≥ 12) stretched to five bars: the top bar needs 18
 * (−77 dBm). Unknown (99) and out-of-range values are 0 bars.
 */
export function csqBars(rssi: number): number {
  if (!Number.isInteger(rssi) || rssi < 0 || rssi > 31) return 0
  if (rssi <= 2) return 0
  if (rssi < 5) return 1
  if (rssi < 8) return 2
  if (rssi < 12) return 3
  if (rssi < 18) return 4
  return 5
}

export interface CesqInfo {
  raw: { rxlev: number; ber: number; rscp: number; ecno: number; rsrq: number; rsrp: number }
  /** GSM RSSI from <rxlev> (0–63 → −111 + n dBm), null when 99. */
  rssiDbm: number | null
  ber: number | null
  /** UMTS RSCP (0–96 → −121 + n dBm), null when 255. */
  rscpDbm: number | null
  /** UMTS Ec/No (0–49 → −24.5 + n/2 dB), null when 255. */
  ecnoDb: number | null
  /** LTE RSRQ (0–34 → −20 + n/2 dB), null when 255. */
  rsrqDb: number | null
  /** LTE RSRP (0–97 → −141 + n dBm), null when 255. */
  rsrpDbm: number | null
}

/** AT+CESQ → "+CESQ: <rxlev>,<ber>,<rscp>,<ecno>,<rsrq>,<rsrp>" (later releases append NR fields; ignored). */
export function parseCesq(input: ParseInput): ParseResult<CesqInfo> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['+CESQ:'])[0]
    if (body === undefined) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no +CESQ line', input)
    const values = splitFields(body).slice(0, 6).map((field) => toInt(field))
    if (values.length < 6 || values.some((value) => value === undefined)) {
      return fail('malformed', `"${body}" does not have six numeric fields`, input)
    }
    const [rxlev, ber, rscp, ecno, rsrq, rsrp] = values as [number, number, number, number, number, number]
    return ok({
      raw: { rxlev, ber, rscp, ecno, rsrq, rsrp },
      rssiDbm: inRange(rxlev, 0, 63) ? -111 + rxlev : null,
      ber: inRange(ber, 0, 7) ? ber : null,
      rscpDbm: inRange(rscp, 0, 96) ? -121 + rscp : null,
      ecnoDb: inRange(ecno, 0, 49) ? -24.5 + ecno / 2 : null,
      rsrqDb: inRange(rsrq, 0, 34) ? -20 + rsrq / 2 : null,
      rsrpDbm: inRange(rsrp, 0, 97) ? -141 + rsrp : null
    })
  })
}

function inRange(value: number, min: number, max: number): boolean {
  return value >= min && value <= max
}
