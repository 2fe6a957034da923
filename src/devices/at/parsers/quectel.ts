// Quectel extensions (device-protocols.md §4.7): AT+QENG="servingcell" and AT+QCSQ. Field layouts per mode as
// read by Siriling/5G-Modem-Support luci-app-modem/root/usr/share/modem/quectel.sh (quectel_cell_info).
// "-" means not available. SINR scaling differs between firmware (1/5 dB steps on EC2x, dB on others [U]),
// so SINR is returned raw.
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { radioTechFromName, type RadioTech } from './access-technology'
import { informationLines, prefixedBodies, splitFields, toHex, toInt, unquote } from './fields'

export interface QengLte {
  duplex?: string
  mcc?: number
  mnc?: string
  /** Cell id, uppercase hex. */
  cellId?: string
  pci?: number
  earfcn?: number
  band?: number
  ulBandwidth?: number
  dlBandwidth?: number
  /** Tracking area code, uppercase hex. */
  tac?: string
  rsrpDbm?: number
  rsrqDb?: number
  rssiDbm?: number
  sinrRaw?: number
  cqi?: number
  txPower?: number
  srxlev?: number
}

export interface QengNr {
  duplex?: string
  mcc?: number
  mnc?: string
  cellId?: string
  pci?: number
  tac?: string
  arfcn?: number
  band?: number
  dlBandwidth?: number
  rsrpDbm?: number
  rsrqDb?: number
  sinrRaw?: number
  scs?: number
  srxlev?: number
}

export interface QengWcdma {
  mcc?: number
  mnc?: string
  lac?: string
  cellId?: string
  uarfcn?: number
  psc?: number
  rac?: number
  rscpDbm?: number
  ecioDb?: number
}

export interface QengServingCell {
  /** "NOCONN", "CONNECT", "SEARCH", "LIMSRV" … */
  state: string
  /** 'LTE', 'NR5G-SA', 'NR5G-NSA' (EN-DC: LTE anchor + NR leg), 'WCDMA', or what the modem said. */
  mode: string
  rat: RadioTech
  lte?: QengLte
  nr?: QengNr
  wcdma?: QengWcdma
}

/** AT+QENG="servingcell". */
export function parseQengServingCell(input: ParseInput): ParseResult<QengServingCell> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const rows = prefixedBodies(lines.value, ['+QENG:']).map((body) => splitFields(body))
    const head = rows.find((row) => unquote(row[0]).toLowerCase() === 'servingcell')
    if (!head) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no +QENG: "servingcell" line', input)
    const state = unquote(head[1]).trim()
    const lteRow = rows.find((row) => unquote(row[0]).toUpperCase() === 'LTE')
    const nsaRow = rows.find((row) => unquote(row[0]).toUpperCase() === 'NR5G-NSA')

    if (lteRow || nsaRow) {
      // EN-DC (NSA): "servingcell",<state> then a "LTE",… line and a "NR5G-NSA",… line.
      const cell: QengServingCell = { state, mode: nsaRow ? 'NR5G-NSA' : 'LTE', rat: nsaRow ? 'nr' : 'lte' }
      if (lteRow) cell.lte = lteFields(lteRow.slice(1))
      if (nsaRow) cell.nr = nsaFields(nsaRow.slice(1))
      return ok(cell)
    }
    const mode = unquote(head[2]).trim().toUpperCase()
    if (mode.length === 0) return ok({ state, mode: '', rat: state.toUpperCase() === 'SEARCH' ? 'none' : 'unknown' })
    const rest = head.slice(3)
    if (mode === 'LTE' || mode === 'CAT-M' || mode === 'CAT-NB') return ok({ state, mode, rat: 'lte', lte: lteFields(rest) })
    if (mode === 'NR5G-SA') return ok({ state, mode, rat: 'nr', nr: saFields(rest) })
    if (mode === 'WCDMA') return ok({ state, mode, rat: 'umts', wcdma: wcdmaFields(rest) })
    return ok({ state, mode, rat: radioTechFromName(mode) })
  })
}

type Target = Record<string, unknown>

function setInt(target: Target, key: string, field: string | undefined): void {
  const value = toInt(field)
  if (value !== undefined) target[key] = value
}

function setHex(target: Target, key: string, field: string | undefined): void {
  const value = toHex(field)
  if (value) target[key] = value.text
}

function setText(target: Target, key: string, field: string | undefined): void {
  const value = unquote(field).trim()
  if (value.length > 0 && value !== '-') target[key] = value
}

// <duplex>,<MCC>,<MNC>,<cellID>,<PCID>,<EARFCN>,<band>,<UL_BW>,<DL_BW>,<TAC>,<RSRP>,<RSRQ>,<RSSI>,<SINR>,<CQI>,<tx_power>,<srxlev>
function lteFields(fields: string[]): QengLte {
  const lte: Target = {}
  setText(lte, 'duplex', fields[0])
  setInt(lte, 'mcc', fields[1])
  setText(lte, 'mnc', fields[2])
  setHex(lte, 'cellId', fields[3])
  setInt(lte, 'pci', fields[4])
  setInt(lte, 'earfcn', fields[5])
  setInt(lte, 'band', fields[6])
  setInt(lte, 'ulBandwidth', fields[7])
  setInt(lte, 'dlBandwidth', fields[8])
  setHex(lte, 'tac', fields[9])
  setInt(lte, 'rsrpDbm', fields[10])
  setInt(lte, 'rsrqDb', fields[11])
  setInt(lte, 'rssiDbm', fields[12])
  setInt(lte, 'sinrRaw', fields[13])
  setInt(lte, 'cqi', fields[14])
  setInt(lte, 'txPower', fields[15])
  setInt(lte, 'srxlev', fields[16])
  return lte as QengLte
}

// "NR5G-NSA",<MCC>,<MNC>,<PCID>,<RSRP>,<SINR>,<RSRQ>,<ARFCN>,<band>[,<NR_DL_bandwidth>,…]
function nsaFields(fields: string[]): QengNr {
  const nr: Target = {}
  setInt(nr, 'mcc', fields[0])
  setText(nr, 'mnc', fields[1])
  setInt(nr, 'pci', fields[2])
  setInt(nr, 'rsrpDbm', fields[3])
  setInt(nr, 'sinrRaw', fields[4])
  setInt(nr, 'rsrqDb', fields[5])
  setInt(nr, 'arfcn', fields[6])
  setInt(nr, 'band', fields[7])
  setInt(nr, 'dlBandwidth', fields[8])
  return nr as QengNr
}

// <duplex>,<MCC>,<MNC>,<cellID>,<PCID>,<TAC>,<ARFCN>,<band>,<NR_DL_bandwidth>,<RSRP>,<RSRQ>,<SINR>,<scs>,<srxlev>
function saFields(fields: string[]): QengNr {
  const nr: Target = {}
  setText(nr, 'duplex', fields[0])
  setInt(nr, 'mcc', fields[1])
  setText(nr, 'mnc', fields[2])
  setHex(nr, 'cellId', fields[3])
  setInt(nr, 'pci', fields[4])
  setHex(nr, 'tac', fields[5])
  setInt(nr, 'arfcn', fields[6])
  setInt(nr, 'band', fields[7])
  setInt(nr, 'dlBandwidth', fields[8])
  setInt(nr, 'rsrpDbm', fields[9])
  setInt(nr, 'rsrqDb', fields[10])
  setInt(nr, 'sinrRaw', fields[11])
  setInt(nr, 'scs', fields[12])
  setInt(nr, 'srxlev', fields[13])
  return nr as QengNr
}

// <MCC>,<MNC>,<LAC>,<cellID>,<uarfcn>,<PSC>,<RAC>,<RSCP>,<ecio>,<phych>,<SF>,<slot>,<speech_code>,<comMod>
function wcdmaFields(fields: string[]): QengWcdma {
  const wcdma: Target = {}
  setInt(wcdma, 'mcc', fields[0])
  setText(wcdma, 'mnc', fields[1])
  setHex(wcdma, 'lac', fields[2])
  setHex(wcdma, 'cellId', fields[3])
  setInt(wcdma, 'uarfcn', fields[4])
  setInt(wcdma, 'psc', fields[5])
  setInt(wcdma, 'rac', fields[6])
  setInt(wcdma, 'rscpDbm', fields[7])
  setInt(wcdma, 'ecioDb', fields[8])
  return wcdma as QengWcdma
}

export interface Qcsq {
  /** "LTE", "WCDMA", "GSM", "NR5G", "NOSERVICE", … */
  sysMode: string
  values: number[]
  rat: RadioTech
  rssiDbm?: number
  rsrpDbm?: number
  rsrqDb?: number
  rscpDbm?: number
  ecioDb?: number
  /** As sent; see the module comment on SINR scaling. */
  sinrRaw?: number
}

/** AT+QCSQ → '+QCSQ: "<sysmode>",<values…>': LTE rssi,rsrp,sinr,rsrq; WCDMA rssi,rscp,ecio; GSM rssi; NR5G rsrp,sinr,rsrq [U]. */
export function parseQcsq(input: ParseInput): ParseResult<Qcsq> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['+QCSQ:'])[0]
    if (body === undefined) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no +QCSQ line', input)
    const fields = splitFields(body)
    const sysMode = unquote(fields[0]).trim().toUpperCase()
    if (!/^[A-Z0-9-]+$/.test(sysMode)) return fail('malformed', `"${body}" has no system mode`, input)
    const values: number[] = []
    for (const field of fields.slice(1)) {
      const value = toInt(field)
      if (value === undefined) return fail('malformed', `"${field}" in "${body}" is not a number`, input)
      values.push(value)
    }
    const qcsq: Qcsq = { sysMode, values, rat: sysMode === 'NOSERVICE' ? 'none' : radioTechFromName(sysMode) }
    const [v1, v2, v3, v4] = values
    const put = (key: 'rssiDbm' | 'rsrpDbm' | 'rsrqDb' | 'rscpDbm' | 'ecioDb' | 'sinrRaw', value: number | undefined) => {
      if (value !== undefined) qcsq[key] = value
    }
    if (sysMode === 'LTE' || sysMode === 'CAT-M' || sysMode === 'CAT-NB') {
      put('rssiDbm', v1)
      put('rsrpDbm', v2)
      put('sinrRaw', v3)
      put('rsrqDb', v4)
    } else if (sysMode === 'WCDMA' || sysMode === 'TDSCDMA') {
      put('rssiDbm', v1)
      put('rscpDbm', v2)
      put('ecioDb', v3)
    } else if (sysMode === 'GSM') {
      put('rssiDbm', v1)
    } else if (sysMode === 'NR5G') {
      put('rsrpDbm', v1)
      put('sinrRaw', v2)
      put('rsrqDb', v3)
    }
    return ok(qcsq)
  })
}
