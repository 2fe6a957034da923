// One normalized DeviceReading from the fields of one goform poll. Pure. Every field a poll asks for comes back
// (unknown names as "", reference §2.1), so "absent" and "empty" are the same thing here: left out, never
// invented. A single value we cannot read is left out and reported in `issues`; a poll that carried none of
// the status fields at all is an error.
import type { Battery, DataSession, DeviceReading, Identity, Registration, Signal, Sim, Usage } from '../../model'
import { decodeUcs2Hex } from './codec'
import { textOf, textOfAny, type GoformFields } from './json'
import {
  deriveRegistration,
  parseBand,
  parseBattery,
  parseCount,
  parseDataLimit,
  parseLevel,
  parseModemMainState,
  parseMsisdn,
  parseNetworkType,
  parsePlmn,
  parsePppStatus,
  parseRate,
  parseRoaming,
  parseRsrq,
  parseSignalBars,
  type NetworkType
} from './parse'
import type { FieldParseError, ParseResult } from './result'

/**
 * Everything one poll needs, in one goform_get_cmd_process request (multi_data=1). Alternative names for the
 * same fact are all asked for, because firmware differ (reference §2.4): ICCID as ziccid / iccid / sim_iccid,
 * the number as msisdn / sim_msisdn, SINR as lte_snr / lte_sinr, the band as lte_band / wan_active_band.
 */
export const POLL_FIELDS = [
  'loginfo',
  'modem_main_state',
  'pinnumber',
  'puknumber',
  'imei',
  'imsi',
  'sim_imsi',
  'ziccid',
  'iccid',
  'sim_iccid',
  'msisdn',
  'sim_msisdn',
  'modem_msn',
  'sim_spn',
  'spn_name_data',
  'network_provider',
  'network_provider_fullname',
  'rmcc',
  'rmnc',
  'signalbar',
  'network_type',
  'sub_network_type',
  'lte_rsrp',
  'lte_rsrq',
  'lte_snr',
  'lte_sinr',
  'lte_rssi',
  'rssi',
  'rscp',
  'ecio',
  'lte_band',
  'wan_active_band',
  'cell_id',
  'lte_pci',
  'simcard_roam',
  'ppp_status',
  'wan_ipaddr',
  'ipv6_wan_ipaddr',
  'realtime_tx_bytes',
  'realtime_rx_bytes',
  'realtime_time',
  'realtime_tx_thrpt',
  'realtime_rx_thrpt',
  'monthly_tx_bytes',
  'monthly_rx_bytes',
  'data_volume_limit_switch',
  'data_volume_limit_unit',
  'data_volume_limit_size',
  'battery_vol_percent',
  'battery_value',
  'battery_charging',
  'sta_count',
  'm_sta_count',
  'wa_inner_version',
  'cr_version',
  'hw_version',
  'modem_model'
] as const

/** Fields whose presence shows that a poll reached the device's status at all. */
const STATUS_FIELDS = ['modem_main_state', 'network_type', 'signalbar', 'ppp_status', 'imei', 'wa_inner_version', 'network_provider']

export type ReadingResult =
  | { ok: true; reading: DeviceReading; issues: FieldParseError[] }
  | { ok: false; error: { kind: 'no-data'; message: string } }

type Take = <T>(result: ParseResult<T>) => T | undefined

export function buildReading(fields: GoformFields): ReadingResult {
  if (STATUS_FIELDS.every((name) => textOf(fields, name) === undefined)) {
    return { ok: false, error: { kind: 'no-data', message: 'the device answered the status request with no values' } }
  }
  const issues: FieldParseError[] = []
  const take: Take = (result) => {
    if (result.ok) return result.value
    issues.push(result.error)
    return undefined
  }
  const sim = buildSim(fields, take)
  const type = take(parseNetworkType(textOf(fields, 'network_type')))
  const reading: DeviceReading = {
    identity: buildIdentity(fields),
    sim,
    signal: buildSignal(fields, type, take),
    registration: buildRegistration(fields, type, sim.state, take),
    data: buildData(fields, take),
    usage: buildUsage(fields, take)
  }
  const battery = buildBattery(fields, take)
  if (battery) reading.battery = battery
  const clients = take(parseCount(textOf(fields, 'sta_count'), 'sta_count'))
  const guests = take(parseCount(textOf(fields, 'm_sta_count'), 'm_sta_count'))
  if (clients !== undefined || guests !== undefined) reading.wifiClients = (clients ?? 0) + (guests ?? 0)
  return { ok: true, reading, issues }
}

function buildIdentity(fields: GoformFields): Identity {
  const identity: Identity = { manufacturer: 'ZTE' }
  assign(identity, 'model', textOf(fields, 'modem_model') ?? modelFromVersion(textOf(fields, 'wa_inner_version')))
  assign(identity, 'firmware', textOf(fields, 'wa_inner_version') ?? textOf(fields, 'cr_version'))
  assign(identity, 'hardware', textOf(fields, 'hw_version'))
  const imei = textOf(fields, 'imei')
  if (imei !== undefined && /^\d{14,16}$/.test(imei)) identity.imei = imei
  return identity
}

/** "BD_MF79UV1.0.0B01" → "MF79U"; "MC888A_ELISA_FI_B08" → "MC888A" (model codes are MF/MC/K + digits). */
export function modelFromVersion(version: string | undefined): string | undefined {
  if (version === undefined) return undefined
  // Vendor prefixes may run straight into the model ("BD_XCBZHKMF79UV1.0.0B01"), so MF/MC/MU need no boundary.
  const match = /((?:MF|MC|MU)\d{2,4}[A-Z]{0,3}?)(?=V\d|_|$|[^A-Z0-9])/i.exec(version) ?? /(?:^|[^A-Z])(K\d{4}[A-Z]?)(?=V\d|_|$|[^A-Z0-9])/i.exec(version)
  return match ? (match[1] as string).toUpperCase() : undefined
}

function buildSim(fields: GoformFields, take: Take): Sim {
  const state = take(parseModemMainState(textOf(fields, 'modem_main_state'))) ?? 'unknown'
  const sim: Sim = { state }
  const iccid = textOfAny(fields, 'ziccid', 'iccid', 'sim_iccid')
  if (iccid !== undefined && /^[0-9A-Fa-f]{18,22}$/.test(iccid)) sim.iccid = iccid.toUpperCase()
  const imsi = textOfAny(fields, 'imsi', 'sim_imsi') // the stock UI shows imsi || sim_imsi
  if (imsi !== undefined && /^\d{6,15}$/.test(imsi)) sim.imsi = imsi
  // modem_msn: older firmware's name for the number (reference §2.4 [U]); MF79U firmware list it too
  // (an1by/ZTEModemAPI docs/ATTRIBUTES.md).
  const msisdn = parseMsisdn(textOfAny(fields, 'msisdn', 'sim_msisdn', 'modem_msn'))
  if (msisdn !== undefined) {
    sim.msisdn = msisdn
    sim.msisdnSource = 'device'
  }
  assign(sim, 'spn', textOf(fields, 'sim_spn') ?? decodedSpn(textOf(fields, 'spn_name_data')))
  assign(sim, 'pinAttemptsLeft', take(parseCount(textOf(fields, 'pinnumber'), 'pinnumber')))
  assign(sim, 'pukAttemptsLeft', take(parseCount(textOf(fields, 'puknumber'), 'puknumber')))
  return sim
}

/** spn_name_data is UCS2 hex (§2.4). */
function decodedSpn(hex: string | undefined): string | undefined {
  if (hex === undefined) return undefined
  const decoded = decodeUcs2Hex(hex, 'spn_name_data')
  return decoded.ok && decoded.value.trim() !== '' ? decoded.value.trim() : undefined
}

function buildSignal(fields: GoformFields, type: NetworkType | undefined, take: Take): Signal {
  const rat = type?.rat ?? 'unknown'
  const bars = rat === 'none' ? 0 : (take(parseSignalBars(textOf(fields, 'signalbar'))) ?? 0)
  const signal: Signal = { bars, rat }
  if (type !== undefined && type.inService) signal.networkType = type.label
  if (rat === 'none') return signal

  const level = (name: string): number | undefined => take(parseLevel(textOf(fields, name), name))
  if (rat === 'lte' || rat === 'nr' || rat === 'unknown') {
    assign(signal, 'rsrpDbm', level('lte_rsrp'))
    assign(signal, 'rsrqDb', take(parseRsrq(textOf(fields, 'lte_rsrq'))))
    const sinrName = textOf(fields, 'lte_snr') !== undefined ? 'lte_snr' : 'lte_sinr'
    assign(signal, 'sinrDb', level(sinrName))
    assign(signal, 'rssiDbm', level(textOf(fields, 'lte_rssi') !== undefined ? 'lte_rssi' : 'rssi'))
    assign(signal, 'pci', take(parseCount(textOf(fields, 'lte_pci'), 'lte_pci')))
  } else {
    // 2G/3G: the stock UI shows rssi on GSM and rscp on UMTS (§2.4).
    assign(signal, 'rssiDbm', level('rssi'))
    if (rat === 'umts') {
      assign(signal, 'rscpDbm', level('rscp'))
      assign(signal, 'ecioDb', level('ecio'))
    }
  }
  assign(signal, 'band', parseBand(textOf(fields, 'lte_band') ?? textOf(fields, 'wan_active_band')))
  assign(signal, 'cellId', textOf(fields, 'cell_id'))
  return signal
}

function buildRegistration(
  fields: GoformFields,
  type: NetworkType | undefined,
  simState: Sim['state'],
  take: Take
): Registration {
  const roaming = take(parseRoaming(textOf(fields, 'simcard_roam')))
  const state = deriveRegistration(type, roaming, simState)
  const registration: Registration = { state }
  if (state === 'home' || state === 'roaming') {
    assign(registration, 'operatorName', textOf(fields, 'network_provider') ?? textOf(fields, 'network_provider_fullname'))
    assign(registration, 'plmn', parsePlmn(textOf(fields, 'rmcc'), textOf(fields, 'rmnc')))
  }
  return registration
}

function buildData(fields: GoformFields, take: Take): DataSession {
  const state = take(parsePppStatus(textOf(fields, 'ppp_status'))) ?? 'unknown'
  const data: DataSession = { state }
  if (state === 'connected') {
    const ipv4 = textOf(fields, 'wan_ipaddr')
    if (ipv4 !== undefined && /^\d{1,3}(\.\d{1,3}){3}$/.test(ipv4) && ipv4 !== '0.0.0.0') data.ipv4 = ipv4
    const ipv6 = textOf(fields, 'ipv6_wan_ipaddr')
    if (ipv6 !== undefined && /^[0-9a-fA-F:]{2,39}$/.test(ipv6) && ipv6.includes(':') && ipv6 !== '::') data.ipv6 = ipv6
  } else if (state === 'disconnected' || state === 'failed') {
    // The one reason the API states outright: the monthly limit set on the device itself is used up.
    const limit = take(parseDataLimit(textOf(fields, 'data_volume_limit_switch'), textOf(fields, 'data_volume_limit_unit'), textOf(fields, 'data_volume_limit_size')))
    const up = take(parseCount(textOf(fields, 'monthly_tx_bytes'), 'monthly_tx_bytes'))
    const down = take(parseCount(textOf(fields, 'monthly_rx_bytes'), 'monthly_rx_bytes'))
    if (limit !== undefined && up !== undefined && down !== undefined && up + down >= limit) {
      data.failureReason = 'the monthly data limit set on the device has been reached'
    }
  }
  return data
}

function buildUsage(fields: GoformFields, take: Take): Usage {
  const usage: Usage = {}
  const count = (name: string): number | undefined => take(parseCount(textOf(fields, name), name))
  assign(usage, 'sessionUploadBytes', count('realtime_tx_bytes'))
  assign(usage, 'sessionDownloadBytes', count('realtime_rx_bytes'))
  assign(usage, 'sessionSeconds', count('realtime_time'))
  // realtime_*_thrpt are bytes per second (reference §2.4).
  assign(usage, 'uploadRateBps', take(parseRate(textOf(fields, 'realtime_tx_thrpt'), 'realtime_tx_thrpt')))
  assign(usage, 'downloadRateBps', take(parseRate(textOf(fields, 'realtime_rx_thrpt'), 'realtime_rx_thrpt')))
  assign(usage, 'monthUploadBytes', count('monthly_tx_bytes'))
  assign(usage, 'monthDownloadBytes', count('monthly_rx_bytes'))
  assign(
    usage,
    'monthLimitBytes',
    take(parseDataLimit(textOf(fields, 'data_volume_limit_switch'), textOf(fields, 'data_volume_limit_unit'), textOf(fields, 'data_volume_limit_size')))
  )
  return usage
}

function buildBattery(fields: GoformFields, take: Take): Battery | undefined {
  // battery_value is the percentage on some firmware (an1by/ZTEModemAPI docs/ATTRIBUTES.md lists both names).
  const parsed = take(parseBattery(textOfAny(fields, 'battery_vol_percent', 'battery_value'), textOf(fields, 'battery_charging')))
  if (!parsed) return undefined
  const battery: Battery = {}
  assign(battery, 'percent', parsed.percent)
  assign(battery, 'charging', parsed.charging)
  return battery
}

/** Set an optional property only when there is a value (optional fields stay absent, not undefined). */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value
}
