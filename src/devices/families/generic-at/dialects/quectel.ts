// Quectel modules (EC25, EG25, EM12, RM5xx …): +QENG="servingcell" for radio, band and cell, +QCSQ as the
// fallback, +QCCID for the ICCID, +QCFG="nwscanmode" for the network mode, +QPINC for PIN counters
// (device-protocols.md §4.7; Siriling/5G-Modem-Support luci-app-modem/root/usr/share/modem/quectel.sh).
import { parseQcsq, parseQengServingCell, type QengServingCell } from '../../../at'
import { informationLines, prefixedBodies, splitFields, toInt, unquote } from '../../../at/parsers/fields'
import { fail, ok, type ParseResult } from '../../../at/result'
import { ALL_AT_CAPABILITIES, CHARSET_USSD, pickDefined } from './base-3gpp'
import type { AtDialect, DialectIdentity, NetworkMode, PinCounters, SignalPart } from './types'

/** +QCFG="nwscanmode": 0 auto, 1 GSM only, 2 WCDMA only, 3 LTE only (Quectel EC25 AT manual, §4.7 [U]). */
const SCAN_MODE: Readonly<Record<NetworkMode, number>> = { auto: 0, 'gsm-only': 1, 'umts-only': 2, 'lte-only': 3 }
const SCAN_MODE_NAMES: Readonly<Record<number, NetworkMode>> = { 0: 'auto', 1: 'gsm-only', 2: 'umts-only', 3: 'lte-only' }

/**
 * SINR scales differ by family: EC2x/EG2x/EG9x/BG9x report 0–250 in 1/5 dB steps from −20 dB in +QENG (the
 * EC25 manual: "values are in 1/5th of a dB, 0–250 → −20 … +30 dB"); EM/RM/RG modules report dB. +QCSQ
 * uses the 1/5 dB scale everywhere ("+QCSQ: "LTE",-69,-102,150,-12" → 10 dB). [U for modules not named here.]
 */
const FIFTH_DB_QENG = /^(EC2|EG2|EG9|BG9)/i

export function quectelSinrDb(raw: number, source: 'qeng' | 'qcsq', model: string): number {
  const fifths = source === 'qcsq' || FIFTH_DB_QENG.test(model.trim())
  return fifths ? Math.round((raw / 5 - 20) * 10) / 10 : raw
}

/** +QPINC: "SC",<pin counter>,<puk counter> (Quectel EC25 AT manual; the simulator's +QPINC capture). */
export function parseQpinc(input: readonly string[] | string): ParseResult<PinCounters> {
  const lines = informationLines(input)
  if (!lines.ok) return lines
  for (const body of prefixedBodies(lines.value, ['+QPINC:'])) {
    const fields = splitFields(body)
    if (unquote(fields[0]).trim().toUpperCase() !== 'SC') continue
    const pin = toInt(fields[1])
    const puk = toInt(fields[2])
    if (pin === undefined || puk === undefined) return fail('malformed', `"${body}" needs two counters`, input)
    return ok({ pin, puk })
  }
  return fail('missing', 'no +QPINC: "SC" line', input)
}

/** +QCFG: "nwscanmode",<mode>. */
export function parseNwScanMode(input: readonly string[] | string): ParseResult<NetworkMode | undefined> {
  const lines = informationLines(input)
  if (!lines.ok) return lines
  for (const body of prefixedBodies(lines.value, ['+QCFG:'])) {
    const fields = splitFields(body)
    if (unquote(fields[0]).trim().toLowerCase() !== 'nwscanmode') continue
    const mode = toInt(fields[1])
    if (mode === undefined) return fail('malformed', `"${body}" has no scan mode`, input)
    return ok(SCAN_MODE_NAMES[mode])
  }
  return fail('missing', 'no +QCFG: "nwscanmode" line', input)
}

/** The serving cell as signal facts: LTE, NR (SA or NSA with its LTE anchor) or WCDMA. */
export function servingCellSignal(cell: QengServingCell, identity: DialectIdentity): SignalPart {
  const part: SignalPart = { rat: cell.rat }
  const networkType = ({ LTE: 'LTE', 'NR5G-NSA': '5G NSA', 'NR5G-SA': '5G SA', WCDMA: 'WCDMA', GSM: 'GSM', 'CAT-M': 'LTE-M', 'CAT-NB': 'NB-IoT' } as Record<string, string>)[
    cell.mode
  ]
  if (networkType) part.networkType = networkType
  const lte = cell.lte
  const nr = cell.nr
  if (lte) {
    Object.assign(
      part,
      pickDefined({
        rsrpDbm: lte.rsrpDbm,
        rsrqDb: lte.rsrqDb,
        rssiDbm: lte.rssiDbm,
        sinrDb: lte.sinrRaw === undefined ? undefined : quectelSinrDb(lte.sinrRaw, 'qeng', identity.model),
        band: lte.band === undefined ? undefined : `B${lte.band}`,
        cellId: lte.cellId,
        pci: lte.pci
      })
    )
  }
  if (nr) {
    // SA: NR is the only radio. NSA: the LTE anchor carries the cell identity; the NR leg adds its band.
    const nrBand = nr.band === undefined ? undefined : `n${nr.band}`
    if (!lte) {
      Object.assign(part, pickDefined({ rsrpDbm: nr.rsrpDbm, rsrqDb: nr.rsrqDb, sinrDb: nr.sinrRaw, band: nrBand, cellId: nr.cellId, pci: nr.pci }))
    } else if (nrBand) {
      part.band = part.band ? `${part.band} + ${nrBand}` : nrBand
    }
  }
  if (cell.wcdma) {
    Object.assign(part, pickDefined({ rscpDbm: cell.wcdma.rscpDbm, ecioDb: cell.wcdma.ecioDb, cellId: cell.wcdma.cellId }))
  }
  return part
}

export const quectelDialect: AtDialect = {
  id: 'quectel',
  label: 'Quectel (+QENG, +QCSQ, +QCCID, +QCFG)',
  matches: ({ manufacturer, model }) => /quectel/i.test(manufacturer) || (/^\s*$/.test(manufacturer) && /^(EC2|EG[0-9]|EM[0-9]|RM5|RG5|BG9)/i.test(model)),
  iccidCommands: ['AT+QCCID'],
  signal: [
    {
      command: 'AT+QENG="servingcell"',
      parse(lines, identity) {
        const cell = parseQengServingCell(lines)
        return cell.ok ? ok(servingCellSignal(cell.value, identity)) : cell
      }
    },
    {
      command: 'AT+QCSQ',
      onlyIfMissing: true,
      parse(lines) {
        const qcsq = parseQcsq(lines)
        if (!qcsq.ok) return qcsq
        const { rat, rssiDbm, rsrpDbm, rsrqDb, rscpDbm, ecioDb, sinrRaw } = qcsq.value
        return ok({
          rat,
          ...pickDefined({ rssiDbm, rsrpDbm, rsrqDb, rscpDbm, ecioDb, sinrDb: sinrRaw === undefined ? undefined : quectelSinrDb(sinrRaw, 'qcsq', '') })
        })
      }
    }
  ],
  networkMode: {
    read: 'AT+QCFG="nwscanmode"',
    parse: parseNwScanMode,
    // The trailing 1 applies the mode at once instead of after the next restart.
    set: (mode) => `AT+QCFG="nwscanmode",${SCAN_MODE[mode]},1`
  },
  pinCounters: [{ command: 'AT+QPINC="SC"', parse: parseQpinc }],
  ussd: CHARSET_USSD,
  dataCid: 1,
  capabilities: ALL_AT_CAPABILITIES
}
