// Pure parsers from goform field strings to the normalized model's values. Each returns a typed result and
// never throws; an absent or empty field is `{ ok: true, value: undefined }` ("" means "unknown" on goform,
// reference §7: empty string ≠ zero), a value we cannot read is an error value.
// Facts: reference/device-protocols.md §2.4 (field table), anysoft/mifi-tools:webs/mf761/web/js/com.js
// (stock UI status handling).
import type { DataSession, Registration, Signal, Sim } from '../../model'
import { bad, blank, ok, type ParseResult } from './result'

// ---------------------------------------------------------------------------------------------------------
// Numbers

/** "-95", "-95dBm", "-10.5 dB", "12" → number. Values are strings on every firmware (reference §2.1). */
export function parseLevel(raw: string | undefined, field: string): ParseResult<number | undefined> {
  if (blank(raw)) return ok(undefined)
  const match = /^([+-]?\d{1,4}(?:\.\d{1,3})?)\s*(?:dBm|dB)?$/i.exec(raw.trim())
  if (!match) return bad(field, raw, `"${raw}" is not a signal level`)
  return ok(Number(match[1]))
}

/** LTE RSRQ. Some firmware report it positive (the stock UI prepends "-") and 255 means "not measured" (§2.4). */
export function parseRsrq(raw: string | undefined): ParseResult<number | undefined> {
  const level = parseLevel(raw, 'lte_rsrq')
  if (!level.ok || level.value === undefined) return level
  if (level.value === 255) return ok(undefined)
  return ok(level.value > 0 ? -level.value : level.value)
}

/** A non-negative whole count (bytes, seconds, clients, attempts). */
export function parseCount(raw: string | undefined, field: string): ParseResult<number | undefined> {
  if (blank(raw)) return ok(undefined)
  const text = raw.trim()
  if (!/^\d{1,16}$/.test(text)) return bad(field, raw, `"${raw}" is not a whole non-negative number`)
  const value = Number(text)
  if (!Number.isSafeInteger(value)) return bad(field, raw, `"${raw}" is too large`)
  return ok(value)
}

/** Throughput fields may carry decimals on some firmware ("1234.5"); bytes per second either way. */
export function parseRate(raw: string | undefined, field: string): ParseResult<number | undefined> {
  if (blank(raw)) return ok(undefined)
  const text = raw.trim()
  if (!/^\d{1,15}(?:\.\d+)?$/.test(text)) return bad(field, raw, `"${raw}" is not a rate in bytes per second`)
  return ok(Number(text))
}

/** signalbar: 0–5 bars (§2.4). */
export function parseSignalBars(raw: string | undefined): ParseResult<number | undefined> {
  const count = parseCount(raw, 'signalbar')
  if (!count.ok || count.value === undefined) return count
  return ok(Math.min(5, count.value))
}

// ---------------------------------------------------------------------------------------------------------
// Network type → radio technology (§2.4 lists the strings the firmware use).

export interface NetworkType {
  rat: Signal['rat']
  label: string
  /** false for NO_SERVICE / LIMITED_SERVICE. */
  inService: boolean
  /** LIMITED_SERVICE: the network refuses full service (emergency calls only) [U]. */
  limited?: boolean
}

const GSM_TYPES = new Set(['GSM', 'GPRS', 'EDGE', 'G'])
const UMTS_TYPES = new Set(['UMTS', 'WCDMA', 'HSDPA', 'HSUPA', 'HSPA', 'HSPA+', 'DC-HSPA+', 'DC-HSPA', 'TD-SCDMA', 'TD_SCDMA', 'TDSCDMA', '3G', 'H', 'H+'])
const LTE_TYPES = new Set(['LTE', 'FDD-LTE', 'TDD-LTE', 'LTE-FDD', 'LTE-TDD', '4G', 'LTE-A', 'LTE+', 'LTE_CA', 'FDD_LTE', 'TDD_LTE'])
const NR_TYPES = new Set(['ENDC', 'EN-DC', 'SA', 'NR', '5G', 'NR5G', 'NR-NSA', 'NR-SA']) // 5G firmware [U]

export function parseNetworkType(raw: string | undefined): ParseResult<NetworkType | undefined> {
  if (blank(raw)) return ok(undefined)
  const label = raw.trim()
  const key = label.toUpperCase()
  if (key === 'NO_SERVICE' || key === 'NO SERVICE' || key === 'NOSERVICE') return ok({ rat: 'none', label: 'No service', inService: false })
  if (key === 'LIMITED_SERVICE' || key === 'LIMITED SERVICE') return ok({ rat: 'none', label: 'Limited service', inService: false, limited: true })
  if (GSM_TYPES.has(key)) return ok({ rat: 'gsm', label, inService: true })
  if (UMTS_TYPES.has(key)) return ok({ rat: 'umts', label, inService: true })
  if (LTE_TYPES.has(key)) return ok({ rat: 'lte', label, inService: true })
  if (NR_TYPES.has(key)) return ok({ rat: 'nr', label, inService: true })
  if (!/^[\w+ .\-/]{1,32}$/.test(label)) return bad('network_type', raw, `"${raw}" is not a network type`)
  return ok({ rat: 'unknown', label, inService: true })
}

/** Band names: "4", "B4", "LTE BAND 4", "LTE B66" → "4"; anything else is kept as reported. */
export function parseBand(raw: string | undefined): string | undefined {
  if (blank(raw)) return undefined
  const text = raw.trim()
  const match = /^(?:(?:LTE|E-UTRA|EUTRAN)[ _-]?)?(?:BAND[ _-]?|B)?(\d{1,3})$/i.exec(text)
  if (match) return String(Number(match[1]))
  return text.length <= 40 ? text : undefined
}

// ---------------------------------------------------------------------------------------------------------
// Data session: ppp_status (§2.4; com.js connect/disconnect poll loops).

export function parsePppStatus(raw: string | undefined): ParseResult<DataSession['state'] | undefined> {
  if (blank(raw)) return ok(undefined)
  const key = raw.trim().toLowerCase()
  switch (key) {
    case 'ppp_connected':
    case 'ipv6_connected': // dual-stack firmware [U]
    case 'ipv4_ipv6_connected':
      return ok('connected')
    case 'ppp_connecting':
    case 'ipv6_connecting':
    case 'ipv4_ipv6_connecting':
      return ok('connecting')
    case 'ppp_disconnected':
    case 'ipv6_disconnected':
    case 'ipv4_ipv6_disconnected':
      return ok('disconnected')
    case 'ppp_disconnecting':
    case 'ipv6_disconnecting':
    case 'ipv4_ipv6_disconnecting':
      return ok('disconnecting')
  }
  if (/^[a-z0-9_]{1,40}$/.test(key)) return ok('unknown')
  return bad('ppp_status', raw, `"${raw}" is not a connection state`)
}

// ---------------------------------------------------------------------------------------------------------
// SIM: modem_main_state (§2.4 list; com.js / sim_device.js state pages).

export function parseModemMainState(raw: string | undefined): ParseResult<Sim['state'] | undefined> {
  if (blank(raw)) return ok(undefined)
  switch (raw.trim().toLowerCase()) {
    case 'modem_init_complete':
    case 'modem_online':
      return ok('ready')
    case 'modem_waitpin':
      return ok('pin-required')
    case 'modem_waitpuk':
      return ok('puk-required')
    case 'modem_sim_undetected':
      return ok('absent')
    case 'modem_sim_destroy':
    case 'modem_imsi_waitnck': // SIM refused by a network (subsidy) lock
    case 'modem_imsi_lock':
      return ok('invalid')
    case 'modem_undetected':
    case 'modem_offline':
    case 'modem_init':
      return ok('unknown')
  }
  if (/^modem_[a-z0-9_]{1,40}$/i.test(raw.trim())) return ok('unknown')
  return bad('modem_main_state', raw, `"${raw}" is not a modem state`)
}

/** simcard_roam: Home / Internal / International (§2.4: roaming iff Internal or International). */
export function parseRoaming(raw: string | undefined): ParseResult<boolean | undefined> {
  if (blank(raw)) return ok(undefined)
  const key = raw.trim().toLowerCase()
  if (key === 'home' || key === '0') return ok(false)
  if (key === 'internal' || key === 'international' || key === 'roaming' || key === '1') return ok(true)
  return bad('simcard_roam', raw, `"${raw}" is not a roaming state`)
}

/** Registration from the network type, roaming flag and SIM state. */
export function deriveRegistration(
  type: NetworkType | undefined,
  roaming: boolean | undefined,
  simState: Sim['state'] | undefined
): Registration['state'] {
  if (simState !== undefined && simState !== 'ready' && simState !== 'unknown') return 'not-registered'
  if (type === undefined) return 'unknown'
  if (type.limited) return 'denied'
  if (!type.inService) return 'searching'
  if (roaming === undefined) return 'home'
  return roaming ? 'roaming' : 'home'
}

/** rmcc + rmnc (registered PLMN). A 2-digit MNC stays 2 digits; "26" → "310" + "26". */
export function parsePlmn(mcc: string | undefined, mnc: string | undefined): string | undefined {
  if (blank(mcc) || blank(mnc)) return undefined
  const c = mcc.trim()
  const n = mnc.trim()
  if (!/^\d{3}$/.test(c) || !/^\d{1,3}$/.test(n)) return undefined
  return c + (n.length === 1 ? `0${n}` : n)
}

// ---------------------------------------------------------------------------------------------------------
// Data plan: data_volume_limit_size "<n>_<multiplier>" → n·multiplier·1024² bytes, e.g. "10_1024" = 10 GB
// (§2.4; com.js traffic page: limitDataMonth·selectedDataUnit·1024·1024).

export function parseDataLimit(
  enabled: string | undefined,
  unit: string | undefined,
  size: string | undefined
): ParseResult<number | undefined> {
  if (blank(enabled) || enabled.trim() !== '1') return ok(undefined)
  if (!blank(unit) && unit.trim().toLowerCase() !== 'data') return ok(undefined) // a time limit, in hours
  if (blank(size)) return ok(undefined)
  const match = /^(\d+(?:\.\d+)?)(?:_(\d+))?$/.exec(size.trim())
  if (!match) return bad('data_volume_limit_size', size, `"${size}" is not a data limit like "10_1024"`)
  const amount = Number(match[1])
  const multiplier = match[2] === undefined ? 1 : Number(match[2])
  const bytes = Math.round(amount * multiplier * 1024 * 1024)
  if (!Number.isSafeInteger(bytes) || bytes <= 0) return bad('data_volume_limit_size', size, `"${size}" is not a usable data limit`)
  return ok(bytes)
}

// ---------------------------------------------------------------------------------------------------------
// Battery: battery_vol_percent (0–100) and battery_charging ("1" while on the charger).

export function parseBattery(
  percent: string | undefined,
  charging: string | undefined
): ParseResult<{ percent?: number; charging?: boolean } | undefined> {
  const level = parseCount(percent, 'battery_vol_percent')
  if (!level.ok) return level
  if (level.value !== undefined && level.value > 100) return bad('battery_vol_percent', percent, `"${percent}" is not a percentage`)
  let isCharging: boolean | undefined
  if (!blank(charging)) {
    const key = charging.trim()
    if (key === '1') isCharging = true
    else if (key === '0') isCharging = false
    else return bad('battery_charging', charging, `"${charging}" is not 0 or 1`)
  }
  // A charging flag without a level (USB sticks report "0") says nothing about a battery.
  if (level.value === undefined) return ok(undefined)
  const battery: { percent?: number; charging?: boolean } = { percent: level.value }
  if (isCharging !== undefined) battery.charging = isCharging
  return ok(battery)
}

/** The SIM's phone number: msisdn / sim_msisdn, empty on many SIMs (§2.4). Kept as the device shows it. */
export function parseMsisdn(raw: string | undefined): string | undefined {
  if (blank(raw)) return undefined
  const text = raw.trim()
  if (!/^\+?[\d\s()-]{3,24}$/.test(text)) return undefined
  const digits = text.replace(/[\s()-]/g, '')
  return /^\+?0*$/.test(digits) ? undefined : digits
}
