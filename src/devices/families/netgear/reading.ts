// Assembles one normalized DeviceReading from a Netgear model.json object. Pure. A field the firmware does not
// send is left out; a single field we cannot read is left out and reported in `issues`; a model with none of the
// groups a reading needs is an error. Field paths: reference/device-protocols.md §3.2, the LM1200 sample in
// home-assistant/core:tests/components/netgear_lte/fixtures/model.json, and MR1100 client code
// (decrypted/netgear-mr1100-monitor: wwan.dataTransferredRx/Tx, wwan.sessDuration, power.*).
import type { Battery, DataSession, DeviceReading, Identity, Registration, Signal, Sim, SmsMessage, Usage } from '../../model'
import { arrayAt, asString, at, boolAt, isJsonObject, numberAt, objectAt, stringAt, type JsonObject } from './json'
import {
  monthFirstModel,
  parseBars,
  parseByteCount,
  parseConnection,
  parseCount,
  parsePhoneNumber,
  parsePlmn,
  parsePowerLevel,
  parseRadioTechnology,
  parseRatio,
  parseRegistration,
  parseRxTime,
  parseSimStatus,
  type FieldParseError,
  type ParseResult,
  type RxTimeContext
} from './parse'

export type ReadingResult =
  | { ok: true; reading: DeviceReading; issues: FieldParseError[] }
  | { ok: false; error: { kind: 'no-data'; message: string } }

type Take = <T>(result: ParseResult<T>) => T | undefined

function collector(issues: FieldParseError[]): Take {
  return <T>(result: ParseResult<T>): T | undefined => {
    if (result.ok) return result.value
    issues.push(result.error)
    return undefined
  }
}

export function buildReading(model: JsonObject): ReadingResult {
  if (!isJsonObject(model.wwan) && !isJsonObject(model.general) && !isJsonObject(model.sim)) {
    return { ok: false, error: { kind: 'no-data', message: 'the model has no general, sim or wwan group' } }
  }
  const issues: FieldParseError[] = []
  const take = collector(issues)
  const sim = buildSim(model, take)
  const signal = buildSignal(model, take)
  const reading: DeviceReading = {
    identity: buildIdentity(model),
    sim,
    signal,
    registration: buildRegistration(model, sim, signal, take),
    data: buildData(model, take),
    usage: buildUsage(model, take)
  }
  const battery = buildBattery(model, take)
  if (battery) reading.battery = battery
  const clients = take(parseCount(at(model, 'wifi.clientCount'), 'wifi.clientCount')) ?? take(parseCount(at(model, 'router.clientList.count'), 'router.clientList.count'))
  if (clients !== undefined) reading.wifiClients = clients
  return { ok: true, reading, issues }
}

function buildIdentity(model: JsonObject): Identity {
  const identity: Identity = {}
  assign(identity, 'manufacturer', stringAt(model, 'general.manufacturer') ?? stringAt(model, 'general.companyName'))
  assign(identity, 'model', stringAt(model, 'general.model'))
  assign(identity, 'firmware', stringAt(model, 'general.FWversion'))
  assign(identity, 'hardware', stringAt(model, 'general.HWversion'))
  assign(identity, 'imei', digits(stringAt(model, 'general.IMEI'), 14, 16))
  assign(identity, 'serialNumber', stringAt(model, 'general.FSN'))
  return identity
}

function buildSim(model: JsonObject, take: Take): Sim {
  const sim: Sim = { state: take(parseSimStatus(at(model, 'sim.status'))) ?? 'unknown' }
  // The LM1200 sample spells it sim.iccid; reference §3.2 saw sim.ICCID (eternalegypt lower-cases every key).
  assign(sim, 'iccid', digits(stringAt(model, 'sim.iccid') ?? stringAt(model, 'sim.ICCID'), 18, 22))
  assign(sim, 'imsi', digits(stringAt(model, 'sim.imsi') ?? stringAt(model, 'sim.IMSI'), 6, 15))
  const msisdn = parsePhoneNumber(at(model, 'sim.phoneNumber')) ?? parsePhoneNumber(at(model, 'wwan.phoneNumber'))
  if (msisdn !== undefined) {
    sim.msisdn = msisdn
    sim.msisdnSource = 'device'
  }
  assign(sim, 'spn', stringAt(model, 'sim.SPN'))
  assign(sim, 'pinAttemptsLeft', take(parseCount(at(model, 'sim.pin.retry'), 'sim.pin.retry')))
  assign(sim, 'pukAttemptsLeft', take(parseCount(at(model, 'sim.puk.retry'), 'sim.puk.retry')))
  return sim
}

function buildSignal(model: JsonObject, take: Take): Signal {
  const tech = take(parseRadioTechnology(at(model, 'wwan.currentNWserviceType'), at(model, 'wwan.currentPSserviceType')))
  const rat = tech?.rat ?? 'unknown'
  const bars = rat === 'none' ? 0 : (take(parseBars(at(model, 'wwan.signalStrength.bars'))) ?? 0)
  const signal: Signal = { bars, rat }
  if (rat === 'none') return signal
  assign(signal, 'networkType', stringAt(model, 'wwan.connectionText') ?? tech?.label)
  const strength = (name: string) => at(model, `wwan.signalStrength.${name}`)
  assign(signal, 'rssiDbm', take(parsePowerLevel(strength('rssi'), 'rssi')))
  assign(signal, 'rsrpDbm', take(parsePowerLevel(strength('rsrp'), 'rsrp')))
  assign(signal, 'sinrDb', take(parseRatio(strength('sinr'), 'sinr')))
  // rsrq is never 0 dB in practice (3GPP range -19.5…-3), and the LM1200 sample's unmeasured values are 0.
  const rsrq = take(parseRatio(strength('rsrq'), 'rsrq'))
  if (rsrq !== undefined && rsrq !== 0) signal.rsrqDb = rsrq
  if (rat === 'umts') {
    assign(signal, 'rscpDbm', take(parsePowerLevel(strength('rscp'), 'rscp')))
    const ecio = take(parseRatio(strength('ecio'), 'ecio'))
    if (ecio !== undefined && ecio !== 0) signal.ecioDb = ecio
  }
  assign(signal, 'band', stringAt(model, 'wwanadv.curBand'))
  const cellId = numberAt(model, 'wwanadv.cellId')
  if (cellId !== undefined && Number.isInteger(cellId) && cellId > 0) signal.cellId = String(cellId)
  // wwanadv.pci on newer firmware [R]; older LTE firmware carry the PCI in primScode (-1 = none) [R].
  const pci = numberAt(model, 'wwanadv.pci') ?? (rat === 'lte' ? numberAt(model, 'wwanadv.primScode') : undefined)
  if (pci !== undefined && Number.isInteger(pci) && pci >= 0 && pci <= 1007) signal.pci = pci
  return signal
}

function buildRegistration(model: JsonObject, sim: Sim, signal: Signal, take: Take): Registration {
  if (sim.state === 'absent' || sim.state === 'pin-required' || sim.state === 'puk-required' || sim.state === 'invalid') {
    return { state: 'not-registered' }
  }
  const parsed = take(
    parseRegistration({
      serviceType: at(model, 'wwan.currentNWserviceType'),
      network: at(model, 'wwan.registerNetworkDisplay'),
      roaming: at(model, 'wwan.roaming'),
      rejectCode: at(model, 'wwan.registerRejectCode')
    })
  )
  const registration: Registration = { state: parsed?.state ?? (signal.rat === 'none' ? 'searching' : 'unknown') }
  assign(registration, 'rejectCause', parsed?.rejectCause)
  if (registration.state === 'home' || registration.state === 'roaming') {
    assign(registration, 'operatorName', stringAt(model, 'wwan.registerNetworkDisplay'))
    assign(registration, 'plmn', take(parsePlmn(at(model, 'wwanadv.MCC'), at(model, 'wwanadv.MNC'), at(model, 'wwanadv.MNCFmt'))))
  }
  return registration
}

function buildData(model: JsonObject, take: Take): DataSession {
  const data: DataSession = { state: take(parseConnection(at(model, 'wwan.connection'))) ?? 'unknown' }
  if (data.state === 'connected') {
    assign(data, 'ipv4', ipv4(stringAt(model, 'wwan.IP')))
    assign(data, 'ipv6', ipv6(stringAt(model, 'wwan.IPv6')))
    return data
  }
  // The device's own data meter (Settings → data usage): when its limit is on and reached, say so.
  const used = numberAt(model, 'wwan.dataUsage.generic.dataTransferred')
  const limit = numberAt(model, 'wwan.dataUsage.generic.billingCycleLimit')
  if (boolAt(model, 'wwan.dataUsage.generic.dataLimitValid') === true && used !== undefined && limit !== undefined && limit > 0 && used >= limit) {
    data.failureReason = 'the monthly data limit set on the device has been used up'
  }
  return data
}

function buildUsage(model: JsonObject, take: Take): Usage {
  const usage: Usage = {}
  const bytes = (path: string): number | undefined => take(parseByteCount(at(model, path), path))
  // Current session: wwan.dataTransferredRx/Tx on the MR1100, wwan.dataTransferred {rxb, txb} on LB/LM models.
  assign(usage, 'sessionDownloadBytes', bytes('wwan.dataTransferredRx') ?? bytes('wwan.dataTransferred.rxb'))
  assign(usage, 'sessionUploadBytes', bytes('wwan.dataTransferredTx') ?? bytes('wwan.dataTransferred.txb'))
  assign(usage, 'sessionSeconds', bytes('wwan.sessDuration'))
  // Billing cycle split by direction: wwan.dataUsage.total.{lte,cdma,gw}Billing{Rx,Tx} (LM1200 sample). The cycle
  // total wwan.dataUsage.generic.dataTransferred has no direction and no place in the model yet.
  const total = objectAt(model, 'wwan.dataUsage.total')
  if (total) {
    const sum = (suffix: 'Rx' | 'Tx'): number | undefined => {
      let result: number | undefined
      for (const radio of ['lte', 'cdma', 'gw']) {
        const value = take(parseByteCount(total[`${radio}Billing${suffix}`], `wwan.dataUsage.total.${radio}Billing${suffix}`))
        if (value !== undefined) result = (result ?? 0) + value
      }
      return result
    }
    assign(usage, 'monthDownloadBytes', sum('Rx'))
    assign(usage, 'monthUploadBytes', sum('Tx'))
  }
  if (boolAt(model, 'wwan.dataUsage.generic.dataLimitValid') === true) {
    const limit = bytes('wwan.dataUsage.generic.billingCycleLimit')
    if (limit !== undefined && limit > 0) usage.monthLimitBytes = limit
  }
  const billingDay = take(parseCount(at(model, 'wwan.dataUsage.generic.billingDay'), 'billingDay'))
  if (billingDay !== undefined && billingDay >= 1 && billingDay <= 31) usage.billingDay = billingDay
  return usage
}

function buildBattery(model: JsonObject, take: Take): Battery | undefined {
  const power = objectAt(model, 'power')
  if (!power) return undefined
  const state = stringAt(power, 'batteryState')
  // LB/LM models report batteryState "NoBattery" (reference §3.2).
  if (state !== undefined && /^no\s*battery$/i.test(state)) return undefined
  const percent = take(parseCount(at(power, 'battChargeLevel'), 'power.battChargeLevel'))
  const charging = boolAt(power, 'charging') ?? chargingFromSource(stringAt(power, 'battChargeSource'))
  if (percent === undefined && charging === undefined) return undefined
  const battery: Battery = {}
  if (percent !== undefined && percent <= 100) battery.percent = percent
  assign(battery, 'charging', charging)
  if (state !== undefined) battery.low = /low|critical/i.test(state)
  return Object.keys(battery).length > 0 ? battery : undefined
}

/** battChargeSource names what powers the unit; anything but the battery itself means it is charging [U]. */
function chargingFromSource(source: string | undefined): boolean | undefined {
  if (source === undefined) return undefined
  if (/^(battery|none|unknown)$/i.test(source)) return false
  return true
}

// ---------------------------------------------------------------------------------------------------------
// SMS: sms.msgs[] `{id, rxTime, text, sender, read}`, padded with an empty trailing object (reference §3.2).

export interface SmsListResult {
  messages: SmsMessage[]
  issues: FieldParseError[]
}

export function parseSmsList(model: JsonObject): SmsListResult | undefined {
  const list = arrayAt(model, 'sms.msgs')
  if (!list) return undefined
  const issues: FieldParseError[] = []
  const take = collector(issues)
  const context: RxTimeContext = { monthFirst: monthFirstModel(stringAt(model, 'general.model')) }
  const offset = numberAt(model, 'general.timeZoneOffset')
  if (offset !== undefined) context.timeZoneOffsetSeconds = offset
  const messages: SmsMessage[] = []
  for (const entry of list) {
    if (!isJsonObject(entry) || Object.keys(entry).length === 0) continue
    const id = asString(entry.id)
    if (id === undefined) {
      issues.push({ kind: 'field-error', field: 'sms.msgs[].id', input: '', message: 'a message without an id' })
      continue
    }
    const receivedAt = take(parseRxTime(entry.rxTime, context))
    messages.push({
      id,
      from: typeof entry.sender === 'string' ? entry.sender.trim() : (asString(entry.sender) ?? ''),
      text: typeof entry.text === 'string' ? entry.text : (asString(entry.text) ?? ''),
      receivedAt: receivedAt ?? '',
      read: boolAt(entry, 'read') ?? false
    })
  }
  messages.sort((a, b) => compareIds(a.id, b.id))
  return { messages, issues }
}

function compareIds(a: string, b: string): number {
  const na = Number(a)
  const nb = Number(b)
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb
  return a < b ? -1 : a > b ? 1 : 0
}

// ---------------------------------------------------------------------------------------------------------

function digits(value: string | undefined, min: number, max: number): string | undefined {
  if (value === undefined) return undefined
  const compact = value.replace(/\s/g, '')
  if (!/^\d+$/.test(compact) || compact.length < min || compact.length > max || /^0+$/.test(compact)) return undefined
  return compact
}

function ipv4(value: string | undefined): string | undefined {
  if (value === undefined || value === '0.0.0.0') return undefined
  return /^(\d{1,3})(\.\d{1,3}){3}$/.test(value) ? value : undefined
}

function ipv6(value: string | undefined): string | undefined {
  if (value === undefined || value === '::' || !value.includes(':')) return undefined
  return /^[0-9A-Fa-f:.]+$/.test(value) ? value : undefined
}

/** Set an optional property only when there is a value (optional fields stay absent, not undefined). */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value
}
