// Assembles one normalized DeviceReading from the Huawei endpoint records a poll fetched. Pure. An endpoint
// the firmware lacks is simply absent; a single field we cannot read is left out and reported in `issues`
// (one odd value must not blank the dashboard), but a poll that produced no record at all is an error.
import type { Battery, DataSession, DeviceReading, Identity, Registration, Signal, Sim, Usage } from '../../model'
import {
  parseBattery,
  parseBillingDay,
  parseByteCount,
  parseConnectionStatus,
  parseCount,
  parseDataLimit,
  parseMsisdn,
  parseNetworkType,
  parsePinSimState,
  parseRatCode,
  parseRegistrationState,
  parseSignalBars,
  parseSignalQuantity,
  parseStatusSimStatus,
  type FieldParseError,
  type ParseResult
} from './parse'
import { textOf, textOfAny, type XmlRecord } from './xml'

/** The `<response>` records of one poll, by endpoint; undefined = the firmware does not offer it. */
export interface HuaweiRawReading {
  information?: XmlRecord // device/information
  signal?: XmlRecord // device/signal
  status?: XmlRecord // monitoring/status
  traffic?: XmlRecord // monitoring/traffic-statistics
  month?: XmlRecord // monitoring/month_statistics
  startDate?: XmlRecord // monitoring/start_date
  plmn?: XmlRecord // net/current-plmn
  pin?: XmlRecord // pin/status
}

export type ReadingResult =
  | { ok: true; reading: DeviceReading; issues: FieldParseError[] }
  | { ok: false; error: { kind: 'no-data'; message: string } }

export function buildReading(raw: HuaweiRawReading): ReadingResult {
  if (Object.values(raw).every((record) => record === undefined)) {
    return { ok: false, error: { kind: 'no-data', message: 'the device answered none of the status requests' } }
  }
  const issues: FieldParseError[] = []
  const take = <T>(result: ParseResult<T>): T | undefined => {
    if (result.ok) return result.value
    issues.push(result.error)
    return undefined
  }

  const reading: DeviceReading = {
    identity: buildIdentity(raw.information),
    sim: buildSim(raw, take),
    signal: buildSignal(raw, take),
    registration: buildRegistration(raw, take),
    data: buildData(raw, take),
    usage: buildUsage(raw, take)
  }
  const battery = buildBattery(raw.status, take)
  if (battery) reading.battery = battery
  const clients = take(parseCount(textOf(raw.status, 'CurrentWifiUser'), 'CurrentWifiUser'))
  if (clients !== undefined) reading.wifiClients = clients
  return { ok: true, reading, issues }
}

type Take = <T>(result: ParseResult<T>) => T | undefined

function buildIdentity(info: XmlRecord | undefined): Identity {
  const identity: Identity = { manufacturer: 'Huawei' }
  assign(identity, 'model', textOf(info, 'DeviceName'))
  assign(identity, 'firmware', textOf(info, 'SoftwareVersion'))
  assign(identity, 'hardware', textOf(info, 'HardwareVersion'))
  assign(identity, 'imei', textOf(info, 'Imei'))
  assign(identity, 'serialNumber', textOf(info, 'SerialNumber'))
  return identity
}

function buildSim(raw: HuaweiRawReading, take: Take): Sim {
  const state = take(parsePinSimState(textOf(raw.pin, 'SimState'))) ?? take(parseStatusSimStatus(textOf(raw.status, 'SimStatus'))) ?? 'unknown'
  const sim: Sim = { state }
  assign(sim, 'iccid', textOf(raw.information, 'Iccid'))
  assign(sim, 'imsi', textOf(raw.information, 'Imsi'))
  const msisdn = parseMsisdn(textOf(raw.information, 'Msisdn'))
  if (msisdn !== undefined) {
    sim.msisdn = msisdn
    sim.msisdnSource = 'device'
  }
  assign(sim, 'spn', textOfAny(raw.plmn, 'Spn', 'spn'))
  assign(sim, 'pinAttemptsLeft', take(parseCount(textOf(raw.pin, 'SimPinTimes'), 'SimPinTimes')))
  assign(sim, 'pukAttemptsLeft', take(parseCount(textOf(raw.pin, 'SimPukTimes'), 'SimPukTimes')))
  return sim
}

function buildSignal(raw: HuaweiRawReading, take: Take): Signal {
  const type = take(parseNetworkType(textOf(raw.status, 'CurrentNetworkTypeEx'), textOf(raw.status, 'CurrentNetworkType')))
  const rat = type?.rat ?? take(parseRatCode(textOf(raw.signal, 'mode'))) ?? 'unknown'
  const bars = rat === 'none' ? 0 : (take(parseSignalBars(textOf(raw.status, 'SignalIcon'), textOf(raw.status, 'maxsignal'))) ?? 0)
  const signal: Signal = { bars, rat }
  if (type && type.rat !== 'none') signal.networkType = type.label
  if (rat === 'none') return signal

  const level = (name: string): number | undefined => take(parseSignalQuantity(textOf(raw.signal, name), name))?.value
  assign(signal, 'rssiDbm', level('rssi'))
  assign(signal, 'rsrpDbm', level('rsrp'))
  assign(signal, 'rsrqDb', level('rsrq'))
  assign(signal, 'sinrDb', level('sinr'))
  assign(signal, 'rscpDbm', level('rscp'))
  assign(signal, 'ecioDb', level('ecio'))
  assign(signal, 'band', textOf(raw.signal, 'band'))
  assign(signal, 'cellId', textOf(raw.signal, 'cell_id'))
  assign(signal, 'pci', take(parseCount(textOf(raw.signal, 'pci'), 'pci')))
  return signal
}

function buildRegistration(raw: HuaweiRawReading, take: Take): Registration {
  let state = take(parseRegistrationState(textOf(raw.status, 'ServiceStatus'), textOf(raw.status, 'RoamingStatus'))) ?? 'unknown'
  const simState = take(parseStatusSimStatus(textOf(raw.status, 'SimStatus')))
  if (simState === 'absent') state = 'not-registered'
  const registration: Registration = { state }
  if (state === 'home' || state === 'roaming') {
    assign(registration, 'operatorName', textOfAny(raw.plmn, 'FullName', 'ShortName'))
    assign(registration, 'plmn', textOf(raw.plmn, 'Numeric'))
  }
  return registration
}

function buildData(raw: HuaweiRawReading, take: Take): DataSession {
  const connection = take(parseConnectionStatus(textOf(raw.status, 'ConnectionStatus')))
  const data: DataSession = { state: connection?.state ?? 'unknown' }
  assign(data, 'failureReason', connection?.failureReason)
  if (data.state === 'connected') {
    assign(data, 'ipv4', textOf(raw.status, 'WanIPAddress') ?? textOf(raw.information, 'WanIPAddress'))
    assign(data, 'ipv6', textOf(raw.status, 'WanIPv6Address') ?? textOf(raw.information, 'WanIPv6Address'))
  }
  return data
}

function buildUsage(raw: HuaweiRawReading, take: Take): Usage {
  const usage: Usage = {}
  const bytes = (record: XmlRecord | undefined, name: string): number | undefined => take(parseByteCount(textOf(record, name), name))
  assign(usage, 'sessionUploadBytes', bytes(raw.traffic, 'CurrentUpload'))
  assign(usage, 'sessionDownloadBytes', bytes(raw.traffic, 'CurrentDownload'))
  assign(usage, 'sessionSeconds', bytes(raw.traffic, 'CurrentConnectTime'))
  assign(usage, 'uploadRateBps', bytes(raw.traffic, 'CurrentUploadRate'))
  assign(usage, 'downloadRateBps', bytes(raw.traffic, 'CurrentDownloadRate'))
  assign(usage, 'monthUploadBytes', bytes(raw.month, 'CurrentMonthUpload'))
  assign(usage, 'monthDownloadBytes', bytes(raw.month, 'CurrentMonthDownload'))
  // The limit only means something while the monthly statistics alarm is on (SetMonthData = 1).
  if (textOf(raw.startDate, 'SetMonthData') !== '0') {
    assign(usage, 'monthLimitBytes', take(parseDataLimit(textOf(raw.startDate, 'DataLimit'))))
  }
  assign(usage, 'billingDay', take(parseBillingDay(textOf(raw.startDate, 'StartDay'))))
  return usage
}

function buildBattery(status: XmlRecord | undefined, take: Take): Battery | undefined {
  const fields = take(parseBattery(textOf(status, 'BatteryPercent'), textOf(status, 'BatteryStatus')))
  if (!fields) return undefined
  const battery: Battery = {}
  assign(battery, 'percent', fields.percent)
  assign(battery, 'charging', fields.charging)
  assign(battery, 'low', fields.low)
  return battery
}

/** Set an optional property only when there is a value (the model's optional fields stay absent, not undefined). */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value
}
