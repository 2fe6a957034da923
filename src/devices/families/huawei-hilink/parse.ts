// Pure parsers from Huawei API field text to the normalized model's values. Each returns a typed result and
// never throws; an absent or empty field is `{ ok: true, value: undefined }`, a value we cannot read is an error.
// Facts: reference/device-protocols.md §1.7 (signal), §1.8 (status codes, network types), §1.9 (usage),
// §1.11 (SIM state, PLMN).
import type { DataSession, Registration, Signal, Sim } from '../../model'

export interface FieldParseError {
  kind: 'field-error'
  field: string
  input: string
  message: string
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: FieldParseError }

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value })
const bad = (field: string, input: string, message: string): ParseResult<never> => ({
  ok: false,
  error: { kind: 'field-error', field, input, message }
})

function blank(raw: string | undefined): raw is undefined {
  return raw === undefined || raw.trim() === ''
}

// ---------------------------------------------------------------------------------------------------------
// Signal quantities: "-95dBm", "-10.0dB", "13dB", ">=-51dBm", "-71 dBm" and, from firmware that escape twice,
// "&lt;-20dB" / "&gt;=30dB" (home-assistant/core:tests/components/huawei_lte/test_sensor.py format_default).

export type Bound = '>=' | '<=' | '>' | '<' | '='

export interface SignalQuantity {
  value: number
  /** As sent: "dBm", "dB", … ('' when the firmware sent a bare number). */
  unit: string
  /** Set when the device reports only a bound (">=-51dBm": at least -51 dBm). */
  bound?: Bound
}

export function parseSignalQuantity(raw: string | undefined, field = 'signal'): ParseResult<SignalQuantity | undefined> {
  if (blank(raw)) return ok(undefined)
  const text = raw.trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
  const match = /^([<>]=?|=)?\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(text)
  if (!match) return bad(field, raw, `"${raw}" is not a signal level like "-95dBm"`)
  const value = Number(match[2])
  if (!Number.isFinite(value)) return bad(field, raw, `"${raw}" is not a number`)
  const quantity: SignalQuantity = { value, unit: match[3] ?? '' }
  if (match[1]) quantity.bound = match[1] as Bound
  return ok(quantity)
}

/** Bars 0–5 from SignalIcon scaled by maxsignal (usually 5; reference §1.8). */
export function parseSignalBars(icon: string | undefined, max: string | undefined): ParseResult<number | undefined> {
  if (blank(icon)) return ok(undefined)
  const level = parseIntStrict(icon)
  if (level === undefined || level < 0) return bad('SignalIcon', icon, `"${icon}" is not a signal icon level`)
  let maximum = 5
  if (!blank(max)) {
    const parsedMax = parseIntStrict(max)
    if (parsedMax === undefined || parsedMax <= 0) return bad('maxsignal', max, `"${max}" is not a maximum signal level`)
    maximum = parsedMax
  }
  return ok(Math.max(0, Math.min(5, Math.round((level * 5) / maximum))))
}

// ---------------------------------------------------------------------------------------------------------
// Network type → radio technology + label. CurrentNetworkTypeEx (preferred) uses the ^SYSINFOEX sub-mode
// numbering; CurrentNetworkType is the legacy table (reference §1.8).

export interface NetworkType {
  rat: Signal['rat']
  label: string
}

const NETWORK_TYPE_EX: Readonly<Record<number, NetworkType>> = {
  0: { rat: 'none', label: 'No service' },
  1: { rat: 'gsm', label: 'GSM' },
  2: { rat: 'gsm', label: 'GPRS' },
  3: { rat: 'gsm', label: 'EDGE' },
  21: { rat: 'unknown', label: 'IS-95A' },
  22: { rat: 'unknown', label: 'IS-95B' },
  23: { rat: 'unknown', label: 'CDMA 1x' },
  24: { rat: 'unknown', label: 'EV-DO Rel.0' },
  25: { rat: 'unknown', label: 'EV-DO Rel.A' },
  26: { rat: 'unknown', label: 'EV-DO Rel.B' },
  27: { rat: 'unknown', label: 'Hybrid CDMA 1x' },
  28: { rat: 'unknown', label: 'Hybrid EV-DO Rel.0' },
  29: { rat: 'unknown', label: 'Hybrid EV-DO Rel.A' },
  30: { rat: 'unknown', label: 'Hybrid EV-DO Rel.B' },
  31: { rat: 'unknown', label: 'eHRPD Rel.0' },
  32: { rat: 'unknown', label: 'eHRPD Rel.A' },
  33: { rat: 'unknown', label: 'eHRPD Rel.B' },
  34: { rat: 'unknown', label: 'Hybrid eHRPD Rel.0' },
  35: { rat: 'unknown', label: 'Hybrid eHRPD Rel.A' },
  36: { rat: 'unknown', label: 'Hybrid eHRPD Rel.B' },
  41: { rat: 'umts', label: 'WCDMA' },
  42: { rat: 'umts', label: 'HSDPA' },
  43: { rat: 'umts', label: 'HSUPA' },
  44: { rat: 'umts', label: 'HSPA' },
  45: { rat: 'umts', label: 'HSPA+' },
  46: { rat: 'umts', label: 'DC-HSPA+' },
  61: { rat: 'umts', label: 'TD-SCDMA' },
  62: { rat: 'umts', label: 'TD-HSDPA' },
  63: { rat: 'umts', label: 'TD-HSUPA' },
  64: { rat: 'umts', label: 'TD-HSPA' },
  65: { rat: 'umts', label: 'TD-HSPA+' },
  81: { rat: 'unknown', label: 'WiMAX' },
  101: { rat: 'lte', label: 'LTE' },
  1011: { rat: 'lte', label: 'LTE+' }, // carrier aggregation [R]
  111: { rat: 'nr', label: '5G NR' } // 5G CPEs [U]
}

const NETWORK_TYPE_LEGACY: Readonly<Record<number, NetworkType>> = {
  0: { rat: 'none', label: 'No service' },
  1: { rat: 'gsm', label: 'GSM' },
  2: { rat: 'gsm', label: 'GPRS' },
  3: { rat: 'gsm', label: 'EDGE' },
  4: { rat: 'umts', label: 'WCDMA' },
  5: { rat: 'umts', label: 'HSDPA' },
  6: { rat: 'umts', label: 'HSUPA' },
  7: { rat: 'umts', label: 'HSPA' },
  8: { rat: 'umts', label: 'TD-SCDMA' },
  9: { rat: 'umts', label: 'HSPA+' },
  10: { rat: 'unknown', label: 'EV-DO Rev.0' },
  11: { rat: 'unknown', label: 'EV-DO Rev.A' },
  12: { rat: 'unknown', label: 'EV-DO Rev.B' },
  13: { rat: 'unknown', label: '1xRTT' },
  14: { rat: 'unknown', label: 'UMB' },
  15: { rat: 'unknown', label: '1xEV-DV' },
  16: { rat: 'unknown', label: '3xRTT' },
  17: { rat: 'umts', label: 'HSPA+ 64QAM' },
  18: { rat: 'umts', label: 'HSPA+ MIMO' },
  19: { rat: 'lte', label: 'LTE' },
  41: { rat: 'umts', label: '3G' } // seen on some firmware
}

/** From CurrentNetworkTypeEx when present, else CurrentNetworkType. Unknown numbers → rat 'unknown'. */
export function parseNetworkType(ex: string | undefined, legacy: string | undefined): ParseResult<NetworkType | undefined> {
  if (!blank(ex)) {
    const code = parseIntStrict(ex)
    if (code === undefined) return bad('CurrentNetworkTypeEx', ex, `"${ex}" is not a network type code`)
    return ok(NETWORK_TYPE_EX[code] ?? { rat: 'unknown', label: `Network type ${code}` })
  }
  if (!blank(legacy)) {
    const code = parseIntStrict(legacy)
    if (code === undefined) return bad('CurrentNetworkType', legacy, `"${legacy}" is not a network type code`)
    return ok(NETWORK_TYPE_LEGACY[code] ?? { rat: 'unknown', label: `Network type ${code}` })
  }
  return ok(undefined)
}

/** device/signal `mode` and net/current-plmn `Rat`: 0 = 2G, 2 = 3G, 7 = 4G (reference §1.7, §1.11). */
export function parseRatCode(raw: string | undefined): ParseResult<Signal['rat'] | undefined> {
  if (blank(raw)) return ok(undefined)
  const code = parseIntStrict(raw)
  if (code === undefined) return bad('mode', raw, `"${raw}" is not a radio mode`)
  return ok(code === 0 ? 'gsm' : code === 2 ? 'umts' : code === 7 ? 'lte' : 'unknown')
}

// ---------------------------------------------------------------------------------------------------------
// Data session: monitoring/status ConnectionStatus (reference §1.8).

const PROFILE_INVALID = new Set([2, 3, 5, 8, 20, 21, 23, 27, 28, 29, 30, 31, 32, 33])
const ACCESS_DENIED = new Set([7, 11, 14, 37])

export interface ConnectionState {
  state: DataSession['state']
  failureReason?: string
}

export function parseConnectionStatus(raw: string | undefined): ParseResult<ConnectionState | undefined> {
  if (blank(raw)) return ok(undefined)
  const code = parseIntStrict(raw)
  if (code === undefined) return bad('ConnectionStatus', raw, `"${raw}" is not a connection status code`)
  switch (code) {
    case 900:
      return ok({ state: 'connecting' })
    case 901:
      return ok({ state: 'connected' })
    case 902:
      return ok({ state: 'disconnected' })
    case 903:
      return ok({ state: 'disconnecting' })
    case 201:
      return ok({ state: 'failed', failureReason: 'data volume exceeded: the plan has no data left' })
    case 12:
    case 13:
      return ok({ state: 'failed', failureReason: 'roaming not allowed' })
    case 112:
    case 113:
      return ok({ state: 'disconnected', failureReason: `automatic connection switched off${code === 113 ? ' while roaming' : ''}` })
    case 114:
    case 115:
      return ok({ state: 'disconnected', failureReason: `reconnecting after a drop is switched off${code === 115 ? ' while roaming' : ''}` })
  }
  if (ACCESS_DENIED.has(code)) return ok({ state: 'failed', failureReason: 'network access not allowed (the line may have no data service)' })
  if (PROFILE_INVALID.has(code)) return ok({ state: 'failed', failureReason: 'connection failed: the APN profile is not valid' })
  return ok({ state: 'unknown', failureReason: `connection status ${code}` })
}

// ---------------------------------------------------------------------------------------------------------
// SIM state.

/** pin/status SimState: 255 no SIM, 256 CPIN failure, 257 ready, 258 PIN disabled, 259 PIN validated, 260 PIN
 * required, 261 PUK required (reference §1.11). */
export function parsePinSimState(raw: string | undefined): ParseResult<Sim['state'] | undefined> {
  if (blank(raw)) return ok(undefined)
  const code = parseIntStrict(raw)
  if (code === undefined) return bad('SimState', raw, `"${raw}" is not a SIM state code`)
  switch (code) {
    case 255:
      return ok('absent')
    case 256:
      return ok('invalid')
    case 257:
    case 258:
    case 259:
      return ok('ready')
    case 260:
      return ok('pin-required')
    case 261:
      return ok('puk-required')
    default:
      return ok('unknown')
  }
}

/** monitoring/status SimStatus: 0 invalid USIM, 1 valid, 2 CS invalid, 3 PS invalid, 4 CS+PS invalid, 240 ROM
 * SIM, 255 no SIM (reference §1.8). */
export function parseStatusSimStatus(raw: string | undefined): ParseResult<Sim['state'] | undefined> {
  if (blank(raw)) return ok(undefined)
  const code = parseIntStrict(raw)
  if (code === undefined) return bad('SimStatus', raw, `"${raw}" is not a SIM status code`)
  switch (code) {
    case 1:
    case 2: // CS (voice) invalid only: data-only lines still work [U]
      return ok('ready')
    case 0:
    case 3:
    case 4:
      return ok('invalid')
    case 255:
      return ok('absent')
    default:
      return ok('unknown')
  }
}

// ---------------------------------------------------------------------------------------------------------
// Registration: ServiceStatus (2 = normal service, reference §1.8) and RoamingStatus (0/1). The other
// ServiceStatus values follow ^SYSINFOEX srv_status: 0 none, 1 restricted, 3 restricted regional, 4 power
// save (reference §3 AT table, [U]).

export function parseRegistrationState(
  serviceStatus: string | undefined,
  roamingStatus: string | undefined
): ParseResult<Registration['state'] | undefined> {
  if (blank(serviceStatus)) return ok(undefined)
  const service = parseIntStrict(serviceStatus)
  if (service === undefined) return bad('ServiceStatus', serviceStatus, `"${serviceStatus}" is not a service status`)
  if (service === 2) {
    if (blank(roamingStatus)) return ok('home')
    const roaming = parseIntStrict(roamingStatus)
    if (roaming === undefined) return bad('RoamingStatus', roamingStatus, `"${roamingStatus}" is not a roaming status`)
    return ok(roaming === 1 ? 'roaming' : 'home')
  }
  if (service === 1 || service === 3) return ok('denied')
  if (service === 0 || service === 4) return ok('searching')
  return ok('unknown')
}

// ---------------------------------------------------------------------------------------------------------
// Usage.

/** Byte counters and rates: decimal integers ("5000000000"; counters exceed 32 bits). */
export function parseByteCount(raw: string | undefined, field = 'bytes'): ParseResult<number | undefined> {
  if (blank(raw)) return ok(undefined)
  const text = raw.trim()
  if (!/^\d{1,18}$/.test(text)) return bad(field, raw, `"${raw}" is not a byte count`)
  return ok(Number(text))
}

const UNIT_POWER: Readonly<Record<string, number>> = { B: 0, KB: 1, MB: 2, GB: 3, TB: 4 }

/**
 * start_date DataLimit: "500MB", "1GB" … (reference §1.9). Binary units, as the stock web UI computes them
 * (g_monitoring_dumeter_mb = 1024 * 1024 in its main.js constants).
 */
export function parseDataLimit(raw: string | undefined): ParseResult<number | undefined> {
  if (blank(raw)) return ok(undefined)
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?B)$/i.exec(raw.trim())
  if (!match) return bad('DataLimit', raw, `"${raw}" is not a data limit like "500MB" or "1GB"`)
  const power = UNIT_POWER[(match[2] ?? '').toUpperCase()]
  if (power === undefined) return bad('DataLimit', raw, `unknown unit in "${raw}"`)
  return ok(Math.round(Number(match[1]) * 1024 ** power))
}

/** start_date StartDay: the billing cycle's first day, 1–31. */
export function parseBillingDay(raw: string | undefined): ParseResult<number | undefined> {
  if (blank(raw)) return ok(undefined)
  const day = parseIntStrict(raw)
  if (day === undefined || day < 1 || day > 31) return bad('StartDay', raw, `"${raw}" is not a day of the month`)
  return ok(day)
}

/** Plain non-negative integers (CurrentWifiUser, SimPinTimes, pci …). */
export function parseCount(raw: string | undefined, field: string): ParseResult<number | undefined> {
  if (blank(raw)) return ok(undefined)
  const value = parseIntStrict(raw)
  if (value === undefined || value < 0) return bad(field, raw, `"${raw}" is not a count`)
  return ok(value)
}

// ---------------------------------------------------------------------------------------------------------
// Battery: BatteryPercent 0–100, BatteryStatus 0 normal / 1 charging / -1 low (reference §1.8).

export interface BatteryFields {
  percent?: number
  charging?: boolean
  low?: boolean
}

export function parseBattery(percentRaw: string | undefined, statusRaw: string | undefined): ParseResult<BatteryFields | undefined> {
  if (blank(percentRaw) && blank(statusRaw)) return ok(undefined)
  const battery: BatteryFields = {}
  if (!blank(percentRaw)) {
    const percent = parseIntStrict(percentRaw)
    if (percent === undefined || percent < 0 || percent > 100) return bad('BatteryPercent', percentRaw, `"${percentRaw}" is not a battery percentage`)
    battery.percent = percent
  }
  if (!blank(statusRaw)) {
    const status = parseIntStrict(statusRaw)
    if (status === undefined) return bad('BatteryStatus', statusRaw, `"${statusRaw}" is not a battery status`)
    battery.charging = status === 1
    battery.low = status === -1
  }
  return ok(battery)
}

// ---------------------------------------------------------------------------------------------------------

/** Phone number as the device reports it; "", "Unknown" and all-zero placeholders mean "not stored". */
export function parseMsisdn(raw: string | undefined): string | undefined {
  if (blank(raw)) return undefined
  const text = raw.trim()
  if (/^unknown$/i.test(text) || /^\+?0+$/.test(text)) return undefined
  if (!/^\+?[0-9 ()-]{3,20}$/.test(text)) return undefined
  return text
}

export function parseIntStrict(raw: string): number | undefined {
  const text = raw.trim()
  if (!/^[-+]?\d{1,15}$/.test(text)) return undefined
  return Number(text)
}
