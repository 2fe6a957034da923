// Pure parsers from Netgear model.json values to the normalized model's values. Each returns a typed result and
// never throws; an absent value is `{ ok: true, value: undefined }`, a value we cannot read is an error value.
// Facts: reference/device-protocols.md §3.2 and the public samples cited per function
// (home-assistant/core:tests/components/netgear_lte/fixtures/model.json — an LM1200 — and
// amelchio/eternalegypt:eternalegypt/eternalegypt.py).
import type { ApnProfile, DataSession, Registration, Signal, Sim } from '../../model'
import { asNumber, asString, isJsonObject, type JsonObject, type JsonValue } from './json'

type ApnAuthValue = ApnProfile['auth']
type PdpTypeValue = ApnProfile['pdpType']

export interface FieldParseError {
  kind: 'field-error'
  field: string
  input: string
  message: string
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: FieldParseError }

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value })
const bad = (field: string, input: JsonValue | undefined, message: string): ParseResult<never> => ({
  ok: false,
  error: { kind: 'field-error', field, input: describe(input), message }
})

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value).slice(0, 200)
  } catch {
    return String(value)
  }
}

function absent(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

// ---------------------------------------------------------------------------------------------------------
// Signal levels: plain numbers (dBm / dB). Firmware report "no measurement" as 0 (the LM1200 sample has rssi, rscp,
// ecio 0 while on LTE) or as -32768 (NR fields on newer units, indexed public test fixtures [R]).

const NO_MEASUREMENT = -32768

/** A level in dBm (rssi, rsrp, rscp): 0, positive values and the -32768 sentinel mean "not measured". */
export function parsePowerLevel(raw: JsonValue | undefined, field: string): ParseResult<number | undefined> {
  if (absent(raw)) return ok(undefined)
  const value = asNumber(raw)
  if (value === undefined) return bad(field, raw, `"${describe(raw)}" is not a signal level`)
  if (value <= NO_MEASUREMENT || value >= 0 || value < -200) return ok(undefined)
  return ok(value)
}

/** A ratio in dB (rsrq, sinr, ecio). Only the -32768 sentinel means "not measured"; 0 dB is a real SINR. */
export function parseRatio(raw: JsonValue | undefined, field: string): ParseResult<number | undefined> {
  if (absent(raw)) return ok(undefined)
  const value = asNumber(raw)
  if (value === undefined) return bad(field, raw, `"${describe(raw)}" is not a dB value`)
  if (value <= NO_MEASUREMENT || value > 100 || value < -100) return ok(undefined)
  return ok(value)
}

/** wwan.signalStrength.bars, 0–5 (reference §3.2). */
export function parseBars(raw: JsonValue | undefined): ParseResult<number | undefined> {
  if (absent(raw)) return ok(undefined)
  const value = asNumber(raw)
  if (value === undefined || !Number.isInteger(value) || value < 0) return bad('bars', raw, `"${describe(raw)}" is not a bar count`)
  return ok(Math.min(5, value))
}

// ---------------------------------------------------------------------------------------------------------
// Radio technology. wwan.currentNWserviceType names the serving system ("LteService" in the LM1200 sample,
// "Nr5gService" per reference §3.2); wwan.currentPSserviceType the packet bearer ("LTE", "5GSUB6"). The non-LTE
// names below follow the same pattern and are [U].

export interface RadioTechnology {
  rat: Signal['rat']
  /** The bearer as the device names it, for display ("LTE", "5GSUB6", "HSPA+"). */
  label?: string
}

const SERVICE_TYPES: ReadonlyArray<[RegExp, Signal['rat']]> = [
  [/^no\s*service$|^none$/i, 'none'],
  [/nr5g|^5g|nr/i, 'nr'],
  [/lte|^4g/i, 'lte'],
  [/umts|wcdma|hspa|hsdpa|hsupa|^3g|tdscdma/i, 'umts'],
  [/gsm|edge|gprs|^2g/i, 'gsm']
]

function ratOf(text: string): Signal['rat'] {
  for (const [pattern, rat] of SERVICE_TYPES) if (pattern.test(text)) return rat
  return 'unknown'
}

export function parseRadioTechnology(nwService: JsonValue | undefined, psService: JsonValue | undefined): ParseResult<RadioTechnology | undefined> {
  const nw = asString(nwService)
  const ps = asString(psService)
  if (nw === undefined && ps === undefined) {
    if (!absent(nwService)) return bad('currentNWserviceType', nwService, 'not a service type')
    return ok(undefined)
  }
  const rat = nw !== undefined ? ratOf(nw) : 'unknown'
  const fromPs = ps !== undefined ? ratOf(ps) : 'unknown'
  const result: RadioTechnology = { rat: rat === 'unknown' ? fromPs : rat }
  if (ps !== undefined && fromPs !== 'none') result.label = ps
  return ok(result)
}

// ---------------------------------------------------------------------------------------------------------
// Data session: wwan.connection ("Connected", "Disconnected", … reference §3.2; eternalegypt compares with
// "Connected").

export function parseConnection(raw: JsonValue | undefined): ParseResult<DataSession['state'] | undefined> {
  if (absent(raw)) return ok(undefined)
  const text = asString(raw)
  if (text === undefined) return bad('wwan.connection', raw, 'not a connection state')
  switch (text.toLowerCase()) {
    case 'connected':
      return ok('connected')
    case 'connecting':
      return ok('connecting')
    case 'disconnected':
    case 'idle':
      return ok('disconnected')
    case 'disconnecting':
      return ok('disconnecting')
    case 'failed':
    case 'error':
      return ok('failed')
    default:
      return ok('unknown')
  }
}

// ---------------------------------------------------------------------------------------------------------
// SIM: sim.status "Ready" (LM1200 sample), "Locked" (reference §3.2), "Blocked" = PUK needed (an MR2100 web UI
// study, indexed public doc [R]); the absent-SIM spellings are [U].

export function parseSimStatus(raw: JsonValue | undefined): ParseResult<Sim['state'] | undefined> {
  if (absent(raw)) return ok(undefined)
  const text = asString(raw)
  if (text === undefined) return bad('sim.status', raw, 'not a SIM status')
  const key = text.toLowerCase().replace(/[\s_-]/g, '')
  if (key === 'ready') return ok('ready')
  if (key === 'locked' || key === 'pinlocked' || key === 'pinrequired') return ok('pin-required')
  if (key === 'blocked' || key === 'puklocked' || key === 'pukrequired') return ok('puk-required')
  if (/^(nosim|absent|notinserted|notpresent|missing|simnotinserted)$/.test(key)) return ok('absent')
  if (/^(invalid|error|failure|simerror|rejected)$/.test(key)) return ok('invalid')
  return ok('unknown')
}

/** Phone number as the device reports it; "", "Unknown" and all-zero placeholders mean "not stored". */
export function parsePhoneNumber(raw: JsonValue | undefined): string | undefined {
  const text = asString(raw)
  if (text === undefined) return undefined
  if (/^unknown$/i.test(text) || /^\+?[0\s()-]+$/.test(text)) return undefined
  if (!/^\+?[0-9 ()-]{3,24}$/.test(text)) return undefined
  return text
}

/** A count (retries, clients, billing day …): a non-negative integer. */
export function parseCount(raw: JsonValue | undefined, field: string): ParseResult<number | undefined> {
  if (absent(raw)) return ok(undefined)
  const value = asNumber(raw)
  if (value === undefined || !Number.isInteger(value) || value < 0) return bad(field, raw, `"${describe(raw)}" is not a count`)
  return ok(value)
}

/** Byte counters: numbers or decimal strings ("184700" in wwan.dataTransferred.rxb). */
export function parseByteCount(raw: JsonValue | undefined, field: string): ParseResult<number | undefined> {
  if (absent(raw)) return ok(undefined)
  const value = asNumber(raw)
  if (value === undefined || value < 0 || !Number.isFinite(value)) return bad(field, raw, `"${describe(raw)}" is not a byte count`)
  return ok(Math.floor(value))
}

// ---------------------------------------------------------------------------------------------------------
// Registration.

/** wwanadv.MCC + MNC (strings in the LM1200 sample: "123", "456", with MNCFmt 3). Two-digit MNCs stay two. */
export function parsePlmn(mcc: JsonValue | undefined, mnc: JsonValue | undefined, mncFormat: JsonValue | undefined): ParseResult<string | undefined> {
  const country = asString(mcc)
  const network = asString(mnc)
  if (country === undefined || network === undefined) return ok(undefined)
  if (!/^\d{3}$/.test(country)) return bad('wwanadv.MCC', mcc, `"${country}" is not a mobile country code`)
  if (!/^\d{1,3}$/.test(network)) return bad('wwanadv.MNC', mnc, `"${network}" is not a mobile network code`)
  if (country === '000') return ok(undefined)
  const width = asNumber(mncFormat) === 3 ? 3 : Math.max(2, network.length)
  return ok(country + network.padStart(width, '0'))
}

export function parseRegistration(input: {
  serviceType: JsonValue | undefined
  network: JsonValue | undefined
  roaming: JsonValue | undefined
  rejectCode: JsonValue | undefined
}): ParseResult<Pick<Registration, 'state' | 'rejectCause'> | undefined> {
  const service = asString(input.serviceType)
  const network = asString(input.network)
  const reject = asNumber(input.rejectCode)
  if (service === undefined && network === undefined) return ok(undefined)
  const noService = service !== undefined && ratOf(service) === 'none'
  if (noService || network === undefined) {
    if (reject !== undefined && reject > 0) return ok({ state: 'denied', rejectCause: `reject cause ${reject}` })
    return ok({ state: 'searching' })
  }
  const roaming = input.roaming
  if (typeof roaming === 'boolean') return ok({ state: roaming ? 'roaming' : 'home' })
  const roamingText = asString(roaming)?.toLowerCase()
  if (roamingText === 'true') return ok({ state: 'roaming' })
  return ok({ state: 'home' })
}

// ---------------------------------------------------------------------------------------------------------
// SMS receive times (reference §3.2): "MM/DD/YY hh:mm:ss AM" on the MR1100, "DD/MM/YY hh:mm:ss PM" on other
// models (eternalegypt picks the order by general.model), epoch seconds on some. The device clock is local time;
// general.timeZoneOffset (seconds east of UTC, -14400 in the LM1200 sample) gives the offset when present [U].

export interface RxTimeContext {
  /** True for models that print the month first (MR1100). */
  monthFirst: boolean
  /** Seconds east of UTC of the device clock, when the device reports it. */
  timeZoneOffsetSeconds?: number
}

export function monthFirstModel(model: string | undefined): boolean {
  return model !== undefined && /^MR1100/i.test(model.trim())
}

export function parseRxTime(raw: JsonValue | undefined, context: RxTimeContext): ParseResult<string | undefined> {
  if (absent(raw)) return ok(undefined)
  if (typeof raw === 'number' || (typeof raw === 'string' && /^\s*\d{9,11}\s*$/.test(raw))) {
    const seconds = asNumber(raw)
    // 1973 … 5138: anything else is not a receive time (and would not survive toISOString).
    if (seconds === undefined || !Number.isInteger(seconds) || seconds < 1e8 || seconds > 1e11) return bad('rxTime', raw, 'not a time')
    return ok(new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'))
  }
  const text = asString(raw)
  if (text === undefined) return bad('rxTime', raw, 'not a time')
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec(text)
  if (!match) return bad('rxTime', raw, `"${text}" is not a date like 03/11/18 08:18:11 PM`)
  const first = Number(match[1])
  const second = Number(match[2])
  const yearText = match[3] ?? ''
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText)
  let hour = Number(match[4])
  const minute = Number(match[5])
  const secondsOfMinute = Number(match[6] ?? '0')
  const meridiem = match[7]?.toUpperCase()
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return bad('rxTime', raw, `hour ${hour} is not a 12-hour clock hour`)
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0)
  }
  // The model decides the order; a date that only makes sense the other way round is read that way.
  let [month, day] = context.monthFirst ? [first, second] : [second, first]
  if (!validDate(year, month, day) && validDate(year, day, month)) [month, day] = [day, month]
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || secondsOfMinute > 59) {
    return bad('rxTime', raw, `"${text}" is not a valid date and time`)
  }
  const local = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(secondsOfMinute)}`
  const offset = context.timeZoneOffsetSeconds
  if (offset === undefined || !Number.isInteger(offset) || Math.abs(offset) > 14 * 3600) return ok(local)
  const sign = offset < 0 ? '-' : '+'
  const minutes = Math.abs(offset) / 60
  return ok(`${local}${sign}${pad(Math.floor(minutes / 60))}:${pad(Math.floor(minutes % 60))}`)
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

// ---------------------------------------------------------------------------------------------------------
// APN profiles: wwan.profileList[] entries `{index, id, name, apn, username, password, authtype, ipaddr, type,
// pdproamingtype}` and wwan.profile.default naming the default profile's id (LM1200 sample; the list is padded
// with an empty trailing object). authtype "None"/"PAP"/"CHAP" (reference §3.1); the both-methods spelling is [U].

export function parseAuthType(raw: JsonValue | undefined): ParseResult<ApnAuthValue> {
  if (absent(raw)) return ok('none')
  const text = asString(raw)?.toLowerCase().replace(/[\s_/-]/g, '') ?? ''
  if (text === 'none' || text === '0') return ok('none')
  if (text === 'pap' || text === '1') return ok('pap')
  if (text === 'chap' || text === '2') return ok('chap')
  if (text === 'papchap' || text === 'paporchap' || text === 'chappap' || text === 'both' || text === 'auto' || text === '3') return ok('pap-or-chap')
  return bad('authtype', raw, `"${describe(raw)}" is not an authentication type`)
}

export function authTypeToDevice(auth: ApnAuthValue): string {
  switch (auth) {
    case 'pap':
      return 'PAP'
    case 'chap':
      return 'CHAP'
    case 'pap-or-chap':
      return 'PAPCHAP'
    default:
      return 'None'
  }
}

export function parsePdpType(raw: JsonValue | undefined): ParseResult<PdpTypeValue> {
  if (absent(raw)) return ok('ipv4v6')
  const text = asString(raw)?.toUpperCase().replace(/[\s_-]/g, '') ?? ''
  if (text === 'IPV4' || text === 'IP') return ok('ipv4')
  if (text === 'IPV6') return ok('ipv6')
  if (text === 'IPV4V6' || text === 'IPV4ANDIPV6' || text === 'DUAL') return ok('ipv4v6')
  return bad('type', raw, `"${describe(raw)}" is not a PDP type`)
}

export function pdpTypeToDevice(type: PdpTypeValue): string {
  return type === 'ipv4' ? 'IPV4' : type === 'ipv6' ? 'IPV6' : 'IPV4V6'
}

export interface NetgearProfile extends ApnProfile {
  /** The list position the device reports (profile.index), needed by /Forms/profile on some firmware. */
  index?: number
  /** pdproamingtype as the device holds it, sent back unchanged on update. */
  roamingType?: string
}

export function parseProfile(entry: JsonValue, defaultId: string | undefined): ParseResult<NetgearProfile | undefined> {
  if (!isJsonObject(entry)) return bad('profileList[]', entry, 'not a profile object')
  if (Object.keys(entry).length === 0) return ok(undefined) // the trailing padding object
  const id = asString(entry.id) ?? asString(entry.index)
  if (id === undefined) return bad('profileList[].id', entry, 'a profile without an id')
  const auth = parseAuthType(entry.authtype)
  if (!auth.ok) return auth
  const pdp = parsePdpType(entry.type)
  if (!pdp.ok) return pdp
  const apn = typeof entry.apn === 'string' ? entry.apn.trim() : (asString(entry.apn) ?? '')
  const name = asString(entry.name) ?? id
  const profile: NetgearProfile = { id, name, apn, auth: auth.value, pdpType: pdp.value, isDefault: defaultId !== undefined && id === defaultId }
  const username = asString(entry.username)
  if (username !== undefined) profile.username = username
  const password = asString(entry.password)
  if (password !== undefined && !/^\*+$/.test(password)) profile.password = password
  const index = asNumber(entry.index)
  if (index !== undefined && Number.isInteger(index)) profile.index = index
  const roamingType = asString(entry.pdproamingtype)
  if (roamingType !== undefined) profile.roamingType = roamingType
  return ok(profile)
}

export interface ProfileListResult {
  profiles: NetgearProfile[]
  issues: FieldParseError[]
}

/** Every readable profile in wwan.profileList; unreadable entries are reported, not fatal. */
export function parseProfileList(model: JsonObject): ParseResult<ProfileListResult | undefined> {
  const wwan = model.wwan
  if (!isJsonObject(wwan)) return ok(undefined)
  const list = Object.prototype.hasOwnProperty.call(wwan, 'profileList') ? wwan.profileList : undefined
  if (list === undefined) return ok(undefined)
  if (!Array.isArray(list)) return bad('wwan.profileList', list, 'not a list')
  const profileGroup = Object.prototype.hasOwnProperty.call(wwan, 'profile') ? wwan.profile : undefined
  const defaultId = isJsonObject(profileGroup) ? asString(profileGroup.default) : undefined
  const result: ProfileListResult = { profiles: [], issues: [] }
  for (const entry of list) {
    const parsed = parseProfile(entry, defaultId)
    if (!parsed.ok) result.issues.push(parsed.error)
    else if (parsed.value) result.profiles.push(parsed.value)
  }
  return ok(result)
}
