// Huawei extensions (device-protocols.md §4.5): ^SYSINFOEX, ^HCSQ (command and URC), ^SYSCFGEX.
// Conversions and samples: linux-mobile-broadband/ModemManager src/plugins/huawei/mm-broadband-modem-huawei.c
// (get_rssi_dbm … get_rsrq_db) and src/plugins/huawei/tests/test-modem-helpers-huawei.c.
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { radioTechFromName, type RadioTech } from './access-technology'
import { informationLines, prefixedBodies, splitFields, toInt, unquote } from './fields'

export interface SysinfoEx {
  /** 0 no service, 1 restricted, 2 valid, 3 restricted regional, 4 power saving. */
  serviceStatus: number
  /** 0 none, 1 CS, 2 PS, 3 CS+PS, 4 searching. */
  serviceDomain: number
  roaming: boolean
  /** 0 invalid, 1 valid, 2 CS-invalid, 3 PS-invalid, 4 both invalid, 240 ROM-SIM, 255 absent [U]. */
  simState: number
  /** 0 none, 1 GSM, 2 CDMA, 3 WCDMA, 4 TD-SCDMA, 5 WiMAX, 6 LTE (7 NR on 5G firmware [U]). */
  sysMode: number
  sysModeName?: string
  subMode?: number
  /** e.g. "HSPA+", "LTE", "DC-HSPA+". */
  subModeName?: string
  rat: RadioTech
}

const SYSMODE_RAT: Readonly<Record<number, RadioTech>> = { 0: 'none', 1: 'gsm', 2: 'unknown', 3: 'umts', 4: 'umts', 5: 'unknown', 6: 'lte', 7: 'nr' }

/** AT^SYSINFOEX → "^SYSINFOEX: <srv_status>,<srv_domain>,<roam>,<sim_state>,<reserved>,<sysmode>,<name>,<submode>,<name>". */
export function parseSysinfoEx(input: ParseInput): ParseResult<SysinfoEx> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['^SYSINFOEX:'])[0]
    if (body === undefined) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no ^SYSINFOEX line', input)
    const fields = splitFields(body)
    const serviceStatus = toInt(fields[0])
    const serviceDomain = toInt(fields[1])
    const roam = toInt(fields[2])
    const simState = toInt(fields[3])
    const sysMode = toInt(fields[5])
    if ([serviceStatus, serviceDomain, roam, simState, sysMode].some((value) => value === undefined)) {
      return fail('malformed', `"${body}" is missing numeric fields`, input)
    }
    const info: SysinfoEx = {
      serviceStatus: serviceStatus as number,
      serviceDomain: serviceDomain as number,
      roaming: roam === 1,
      simState: simState as number,
      sysMode: sysMode as number,
      rat: SYSMODE_RAT[sysMode as number] ?? 'unknown'
    }
    // E303 and friends leave the names unquoted (MM test_sysinfoex).
    const sysModeName = unquote(fields[6]).trim()
    if (sysModeName) info.sysModeName = sysModeName
    const subMode = toInt(fields[7])
    if (subMode !== undefined) info.subMode = subMode
    const subModeName = unquote(fields[8]).trim()
    if (subModeName) info.subModeName = subModeName
    if (info.serviceStatus === 0 || info.sysMode === 0) info.rat = 'none'
    return ok(info)
  })
}

export interface Hcsq {
  /** "GSM", "WCDMA", "LTE", "NOSERVICE", … */
  sysMode: string
  /** The values as sent (255 = not available). */
  values: number[]
  rat: RadioTech
  rssiDbm?: number
  rscpDbm?: number
  ecioDb?: number
  rsrpDbm?: number
  sinrDb?: number
  rsrqDb?: number
}

/**
 * AT^HCSQ? or the ^HCSQ URC → per-mode values in dBm/dB: GSM rssi; WCDMA rssi, rscp, ecio; LTE rssi, rsrp,
 * sinr, rsrq. Huawei's formulas as ModemManager applies them: rssi = −121 + v (v ≤ 96), rsrp = −141 + v
 * (≤ 97), sinr = −20.2 + v/5 (≤ 251), rsrq = −20 + v/2 (≤ 34), ecio = −32.5 + v/2 (≤ 65). RSCP uses the rssi
 * scale (−121 + v, ≤ 96) [U: ModemManager leaves RSCP unused].
 */
export function parseHcsq(input: ParseInput): ParseResult<Hcsq> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['^HCSQ:'])[0]
    if (body === undefined) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no ^HCSQ line', input)
    const fields = splitFields(body)
    const sysMode = unquote(fields[0]).trim().toUpperCase()
    if (!/^[A-Z0-9-]+$/.test(sysMode)) return fail('malformed', `"${body}" has no system mode`, input)
    const values: number[] = []
    for (const field of fields.slice(1)) {
      const value = toInt(field)
      if (value === undefined) return fail('malformed', `"${field}" in "${body}" is not a number`, input)
      values.push(value)
    }
    const hcsq: Hcsq = { sysMode, values, rat: sysMode === 'NOSERVICE' ? 'none' : radioTechFromName(sysMode) }
    const [v1, v2, v3, v4] = values
    const set = (key: 'rssiDbm' | 'rscpDbm' | 'ecioDb' | 'rsrpDbm' | 'sinrDb' | 'rsrqDb', value: number | undefined) => {
      if (value !== undefined) hcsq[key] = value
    }
    if (sysMode === 'GSM') set('rssiDbm', rssi(v1))
    else if (sysMode === 'WCDMA') {
      set('rssiDbm', rssi(v1))
      set('rscpDbm', rssi(v2))
      set('ecioDb', v3 !== undefined && v3 <= 65 ? -32.5 + v3 / 2 : undefined)
    } else if (sysMode === 'LTE') {
      set('rssiDbm', rssi(v1))
      set('rsrpDbm', v2 !== undefined && v2 <= 97 ? -141 + v2 : undefined)
      set('sinrDb', v3 !== undefined && v3 <= 251 ? round1(-20.2 + v3 / 5) : undefined)
      set('rsrqDb', v4 !== undefined && v4 <= 34 ? -20 + v4 / 2 : undefined)
    }
    return ok(hcsq)
  })
}

function rssi(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0 && value <= 96 ? -121 + value : undefined
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}

export type HuaweiAcqMode = 'auto' | 'gsm' | 'wcdma' | 'lte' | 'no-change' | 'unknown'

const ACQ_CODES: Readonly<Record<string, HuaweiAcqMode>> = { '00': 'auto', '01': 'gsm', '02': 'wcdma', '03': 'lte', '99': 'no-change' }

export interface SyscfgEx {
  /** As sent, e.g. "00" (auto) or "030201" (LTE, then WCDMA, then GSM). */
  acqOrder: string
  /** The acquisition order decoded, most preferred first. */
  modes: HuaweiAcqMode[]
  /** 2G/3G band mask in hex ("3FFFFFFF" = all). */
  band: string
  /** 0 no roaming, 1 roaming allowed, 2 no change. */
  roam?: number
  /** 0 CS only, 1 PS only, 2 CS+PS, 3 any, 4 no change. */
  srvDomain?: number
  /** LTE band mask in hex ("7FFFFFFFFFFFFFFF" = all); absent on 3G-only firmware. */
  lteBand?: string
  /** LTE bands enabled by lteBand: bit n-1 = band n. */
  lteBands?: number[]
}

/** AT^SYSCFGEX? → '^SYSCFGEX: "<acqorder>",<band>,<roam>,<srvdomain>,<lteband>'. */
export function parseSyscfgEx(input: ParseInput): ParseResult<SyscfgEx> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['^SYSCFGEX:'])[0]
    if (body === undefined) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no ^SYSCFGEX line', input)
    if (body.startsWith('(')) return fail('unsupported', 'this is the ^SYSCFGEX=? list of options, not the setting', input)
    const fields = splitFields(body)
    const acqOrder = unquote(fields[0]).trim()
    if (!/^(\d\d)+$/.test(acqOrder)) return fail('malformed', `"${fields[0] ?? ''}" is not an acquisition order`, input)
    const band = unquote(fields[1]).trim().toUpperCase()
    if (!/^[0-9A-F]{1,16}$/.test(band)) return fail('malformed', `"${fields[1] ?? ''}" is not a band mask`, input)
    const modes: HuaweiAcqMode[] = []
    for (let index = 0; index < acqOrder.length; index += 2) modes.push(ACQ_CODES[acqOrder.slice(index, index + 2)] ?? 'unknown')
    const info: SyscfgEx = { acqOrder, modes, band }
    const roam = toInt(fields[2])
    if (roam !== undefined) info.roam = roam
    const srvDomain = toInt(fields[3])
    if (srvDomain !== undefined) info.srvDomain = srvDomain
    const lteBand = unquote(fields[4]).trim().toUpperCase()
    if (/^[0-9A-F]{1,16}$/.test(lteBand)) {
      info.lteBand = lteBand
      info.lteBands = bandsFromMask(lteBand)
    }
    return ok(info)
  })
}

/** "80800C5" → [1, 3, 7, 8, 20, 28]: bit n-1 set = band n. */
export function bandsFromMask(hex: string): number[] {
  if (!/^[0-9A-Fa-f]{1,32}$/.test(hex)) return []
  let mask = BigInt(`0x${hex}`)
  const bands: number[] = []
  for (let band = 1; mask > 0n; band++, mask >>= 1n) if (mask & 1n) bands.push(band)
  return bands
}
