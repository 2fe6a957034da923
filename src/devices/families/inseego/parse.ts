// Pure parsers for the Inseego / Novatel MiFi status API (reference/device-protocols.md §3.3): GET /srv/status
// answers anyone with `{"statusData": {…}}`, values mostly strings ("69", "true", " B7, n78"), and GET
// /apps_home/usageinfo the billing-cycle figures. Field names: sjoerger/inseego_m3000 (coordinator.py, sensor.py,
// binary_sensor.py) and published /srv/status samples of older MiFi units (the mifi-status npm README).
// Never throws: bad input gives an error value, a value we cannot read is left out and reported.
import type { Battery, DataSession, DeviceReading, Identity, Registration, Signal, Sim, Usage } from '../../model'
import { asNumber, asString, at, isJsonObject, parseJsonText, stringAt, type JsonObject, type JsonValue } from '../netgear/json'

export interface FieldParseError {
  kind: 'field-error'
  field: string
  input: string
  message: string
}

export type StatusDocumentResult = { ok: true; status: JsonObject } | { ok: false; error: { kind: 'empty' | 'html' | 'json-error' | 'not-inseego'; message: string } }

/** The `statusData` object of a /srv/status answer. */
export function parseStatusDocument(body: string): StatusDocumentResult {
  const parsed = parseJsonText(body)
  if (!parsed.ok) return { ok: false, error: parsed.error }
  const status = isJsonObject(parsed.value) ? parsed.value.statusData : undefined
  if (!isJsonObject(status)) {
    return { ok: false, error: { kind: 'not-inseego', message: 'the answer has no statusData object' } }
  }
  return { ok: true, status }
}

/** The /apps_home/usageinfo object, or undefined when the body is not one. */
export function parseUsageDocument(body: string): JsonObject | undefined {
  const parsed = parseJsonText(body)
  if (!parsed.ok || !isJsonObject(parsed.value)) return undefined
  const usage = parsed.value
  return 'lineUsage' in usage || 'rxUsage' in usage || 'allowance' in usage ? usage : undefined
}

export type ReadingResult = { ok: true; reading: DeviceReading; issues: FieldParseError[] }

export function buildInseegoReading(status: JsonObject, usageInfo?: JsonObject): ReadingResult {
  const issues: FieldParseError[] = []
  const count = (name: string): number | undefined => {
    const raw = at(status, name)
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined
    const value = asNumber(raw)
    if (value === undefined || value < 0 || !Number.isInteger(value)) {
      issues.push({ kind: 'field-error', field: name, input: describe(raw), message: 'not a count' })
      return undefined
    }
    return value
  }
  // "AirplaneModeOff" in every sample; "AirplaneModeOn" by the same pattern [U].
  const airplane = /on$/i.test(stringAt(status, 'statusBarAirplaneMode') ?? '')
  const sim = buildSim(status)
  const signal = buildSignal(status, airplane, count, issues)
  const reading: DeviceReading = {
    identity: buildIdentity(status),
    sim,
    signal,
    registration: buildRegistration(status, sim, signal, airplane),
    data: buildData(status),
    usage: buildUsage(status, usageInfo, count, issues)
  }
  const battery = buildBattery(status, count)
  if (battery) reading.battery = battery
  const clients = count('statusBarWiFiClientListSize') ?? count('statusBarClientListSize')
  if (clients !== undefined) reading.wifiClients = clients
  return { ok: true, reading, issues }
}

type Count = (name: string) => number | undefined

function buildIdentity(status: JsonObject): Identity {
  const identity: Identity = {}
  // The sjoerger/inseego_m3000 integration shows this as the software version [R].
  const firmware = stringAt(status, 'StatusBarSoftwareUpdateSourceVersion')
  if (firmware !== undefined) identity.firmware = firmware
  return identity
}

/** statusBarSimStatus: "Ready" in every sample; "Present" per reference §3.3; the rest are [U]. */
export function parseSimStatus(raw: string | undefined): Sim['state'] {
  if (raw === undefined) return 'unknown'
  const key = raw.toLowerCase().replace(/[\s_-]/g, '')
  if (key === 'ready') return 'ready'
  if (/^(absent|nosim|notinserted|notpresent|missing|simnotpresent)$/.test(key)) return 'absent'
  if (key.includes('puk')) return 'puk-required'
  if (key.includes('pin') || key === 'locked') return 'pin-required'
  if (/^(invalid|error|rejected|blocked)$/.test(key)) return 'invalid'
  return 'unknown'
}

function buildSim(status: JsonObject): Sim {
  return { state: parseSimStatus(stringAt(status, 'statusBarSimStatus')) }
}

/** statusBarTechnology: "LTE", "4G", "5G", "5G UWB" (reference §3.3); older units "3G"/"1x" [U]. */
export function parseTechnology(raw: string | undefined): Signal['rat'] {
  if (raw === undefined) return 'unknown'
  if (/^(none|no\s*service|searching)$/i.test(raw)) return 'none'
  if (/5g|nr/i.test(raw)) return 'nr'
  if (/lte|4g/i.test(raw)) return 'lte'
  if (/umts|hspa|wcdma|3g/i.test(raw)) return 'umts'
  if (/gsm|edge|gprs|2g/i.test(raw)) return 'gsm'
  return 'unknown'
}

function buildSignal(status: JsonObject, airplane: boolean, count: Count, issues: FieldParseError[]): Signal {
  const technology = stringAt(status, 'statusBarTechnology')
  const rat = airplane ? 'none' : parseTechnology(technology)
  const bars = count('statusBarSignalBars')
  const signal: Signal = { bars: rat === 'none' ? 0 : Math.min(5, bars ?? 0), rat }
  if (rat === 'none') return signal
  if (technology !== undefined) signal.networkType = stringAt(status, 'statusBarTechnologyText') ?? technology
  const snrRaw = at(status, 'statusBarSNR')
  const snr = asNumber(snrRaw)
  if (snr !== undefined && snr > -50 && snr < 60) signal.sinrDb = snr
  else if (asString(snrRaw) !== undefined) issues.push({ kind: 'field-error', field: 'statusBarSNR', input: describe(snrRaw), message: 'not a dB value' })
  // " B7, n78" on an M3000 in NSA mode (LTE anchor + NR band); shown as sent, trimmed.
  const band = stringAt(status, 'statusBarBand')
  if (band !== undefined) signal.band = band.replace(/\s*,\s*/g, ', ')
  const pci = /^\s*(\d{1,4})/.exec(asString(at(status, 'statusBarPCI')) ?? '')
  if (pci && Number(pci[1]) <= 1007) signal.pci = Number(pci[1])
  return signal
}

function buildRegistration(status: JsonObject, sim: Sim, signal: Signal, airplane: boolean): Registration {
  if (airplane || sim.state === 'absent' || sim.state === 'pin-required' || sim.state === 'puk-required' || sim.state === 'invalid') {
    return { state: 'not-registered' }
  }
  const operator = stringAt(status, 'statusBarNetwork') ?? stringAt(status, 'statusBarCarrier')
  if (operator === undefined || signal.rat === 'none') return { state: signal.rat === 'none' ? 'searching' : 'unknown' }
  // statusBarRoaming is "None" at home in every sample; any other value is taken as roaming [U].
  const roaming = stringAt(status, 'statusBarRoaming')
  const registration: Registration = { state: roaming === undefined || /^(none|false|off|home|0)$/i.test(roaming) ? 'home' : 'roaming' }
  registration.operatorName = operator
  const plmn = stringAt(status, 'statusBarNetworkID')
  if (plmn !== undefined && /^\d{5,6}$/.test(plmn)) registration.plmn = plmn
  return registration
}

function buildData(status: JsonObject): DataSession {
  const raw = stringAt(status, 'statusBarConnectionState')?.toLowerCase()
  const state: DataSession['state'] =
    raw === undefined
      ? 'unknown'
      : raw === 'connected'
        ? 'connected'
        : raw === 'connecting'
          ? 'connecting'
          : raw === 'disconnected' || raw === 'idle' || raw === 'dormant'
            ? 'disconnected'
            : raw === 'disconnecting'
              ? 'disconnecting'
              : 'unknown'
  const data: DataSession = { state }
  if (state === 'connected') {
    const ipv4 = stringAt(status, 'internetStatusIPAddress')
    if (ipv4 !== undefined && /^(\d{1,3})(\.\d{1,3}){3}$/.test(ipv4) && ipv4 !== '0.0.0.0') data.ipv4 = ipv4
    const ipv6 = stringAt(status, 'internetStatusIPv6Address')
    if (ipv6 !== undefined && ipv6.includes(':') && /^[0-9A-Fa-f:.]+$/.test(ipv6) && ipv6 !== '::') data.ipv6 = ipv6
  }
  return data
}

/** /apps_home/usageinfo figures are gigabytes as decimal text (the HA integration's unit); 10^9 bytes [U]. */
const GIGABYTE = 1e9

function buildUsage(status: JsonObject, usageInfo: JsonObject | undefined, count: Count, issues: FieldParseError[]): Usage {
  const usage: Usage = {}
  const rx = count('statusBarBytesReceived')
  const tx = count('statusBarBytesTransmitted')
  const seconds = count('statusBarConnectionDuration')
  if (rx !== undefined) usage.sessionDownloadBytes = rx
  if (tx !== undefined) usage.sessionUploadBytes = tx
  if (seconds !== undefined) usage.sessionSeconds = seconds
  if (usageInfo) {
    const gigabytes = (name: string): number | undefined => {
      const raw = at(usageInfo, name)
      if (raw === undefined || raw === null || raw === '') return undefined
      const value = asNumber(raw)
      if (value === undefined || value < 0) {
        issues.push({ kind: 'field-error', field: name, input: describe(raw), message: 'not a data amount' })
        return undefined
      }
      return Math.round(value * GIGABYTE)
    }
    const monthRx = gigabytes('rxUsage')
    const monthTx = gigabytes('txUsage')
    const allowance = gigabytes('allowance')
    if (monthRx !== undefined) usage.monthDownloadBytes = monthRx
    if (monthTx !== undefined) usage.monthUploadBytes = monthTx
    if (allowance !== undefined && allowance > 0) usage.monthLimitBytes = allowance
  }
  return usage
}

function buildBattery(status: JsonObject, count: Count): Battery | undefined {
  // "true" on older MiFi, "Present" on the M3000 (sjoerger/inseego_m3000 binary_sensor.py).
  const detection = stringAt(status, 'statusBarBatteryDetection')
  if (detection !== undefined && /^(false|absent|notpresent|none|0)$/i.test(detection.replace(/\s/g, ''))) return undefined
  const percent = count('statusBarBatteryPercent')
  const chargingRaw = stringAt(status, 'statusBarBatteryChargingState')?.toLowerCase()
  if (percent === undefined && chargingRaw === undefined) return undefined
  const battery: Battery = {}
  if (percent !== undefined && percent <= 100) battery.percent = percent
  if (chargingRaw === 'true' || chargingRaw === 'false') battery.charging = chargingRaw === 'true'
  return battery
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return ''
  return typeof value === 'string' ? value : JSON.stringify(value).slice(0, 200)
}
