// What the hotspot itself says about why data does or does not flow, in a form the classifier can decide on.
// Drivers report a data failure and a registration reject cause as text for the user (DeviceStatus
// data.failureReason, registration.rejectCause); a host that also has the raw code (HiLink ConnectionStatus,
// +CME ERROR, ESM/EMM cause) can pass it in `codes`, which wins over the text. The text patterns below follow
// what the drivers in src/devices/families write today, plus the 3GPP names for the same causes.
// Sources: reference/device-protocols.md §1.8 (HiLink ConnectionStatus), §6.2; reference/carriers.md §9.2
// (3GPP causes as ModemManager surfaces them); 27.007 §9.2.2 (+CME 100 + 24.008 cause).
import type { DataSession, DeviceStatus, Registration, Signal, Sim, Usage } from '../contract/model'

/** Raw codes a host may have next to the driver's text. */
export interface VendorCodes {
  /** Huawei HiLink monitoring/status ConnectionStatus (device-protocols.md §1.8). */
  hilinkConnectionStatus?: number
  /** +CME ERROR code of a failed data activation (27.007 §9.2.2: 100 + the 24.008 cause; some firmware sends the bare cause). */
  cmeError?: number
  /** ESM/SM cause (24.301 / 24.008) when the device reports it bare. */
  esmCause?: number
  /** EMM reject cause of a denied registration (+CEREG with n=3). */
  emmCause?: number
}

export interface DeviceFacts {
  sim?: Partial<Sim>
  registration?: Partial<Registration>
  data?: Partial<DataSession>
  usage?: Usage
  signal?: Partial<Signal>
  codes?: VendorCodes
  /** The carrier's own word that the line is slowed, e.g. an SMS or USSD reply a carrier pack recognised. */
  throttleSignal?: string
  /** A download the host timed through the hotspot. */
  throughput?: { bytesPerSecond: number; sampleBytes: number }
}

/** The parts of a DeviceStatus the classifier reads. */
export function deviceFactsFromStatus(status: Partial<DeviceStatus> | undefined): DeviceFacts {
  const facts: DeviceFacts = {}
  if (!status || typeof status !== 'object') return facts
  if (status.sim && typeof status.sim === 'object') facts.sim = status.sim
  if (status.registration && typeof status.registration === 'object') facts.registration = status.registration
  if (status.data && typeof status.data === 'object') facts.data = status.data
  if (status.usage && typeof status.usage === 'object') facts.usage = status.usage
  if (status.signal && typeof status.signal === 'object') facts.signal = status.signal
  return facts
}

// ---------------------------------------------------------------------------------------------------------
// Data-session failures

export type DataFailureKind =
  | 'volume-exceeded' // the line's data volume is used up (HiLink 201)
  | 'device-limit' // the monthly limit set on the hotspot itself is reached: the device stopped, not the carrier
  | 'not-subscribed' // ESM #33 "requested service option not subscribed" (+CME 133)
  | 'access-not-allowed' // HiLink 7/11/14/37 "network access not allowed"
  | 'data-not-allowed' // +CME 107 "GPRS services not allowed": often not activated yet
  | 'barred' // operator determined barring (+CME 177, ESM #8)
  | 'unknown-apn' // ESM #27 (+CME 127)
  | 'apn-auth' // ESM #29 (+CME 129/149)
  | 'profile-invalid' // HiLink 2/3/5/8/20/21/23/27–33
  | 'pdp-type' // ESM #50/#51: IPv4 only / IPv6 only allowed
  | 'no-address' // the context came up without an address
  | 'service-not-supported' // ESM #32 (+CME 132)
  | 'roaming-not-allowed' // HiLink 12/13, +CME 113
  | 'plmn-not-allowed' // +CME 111/114
  | 'area-not-allowed' // +CME 112
  | 'data-switched-off' // HiLink 112–115: auto-connect / reconnect switched off
  | 'no-service' // +CME 30
  | 'network-busy' // timeouts, congestion, service temporarily out of order
  | 'unspecified' // the network refused without a reason
  | 'other'

export interface DataFailure {
  kind: DataFailureKind
  /** Where the interpretation came from, for evidence: "HiLink ConnectionStatus 201", the driver's text. */
  source: string
}

const HILINK_PROFILE_INVALID = new Set([2, 3, 5, 8, 20, 21, 23, 27, 28, 29, 30, 31, 32, 33])
const HILINK_ACCESS_DENIED = new Set([7, 11, 14, 37])

function hilinkKind(code: number): DataFailureKind | undefined {
  if (code === 201) return 'volume-exceeded'
  if (code === 12 || code === 13) return 'roaming-not-allowed'
  if (code >= 112 && code <= 115) return 'data-switched-off'
  if (HILINK_ACCESS_DENIED.has(code)) return 'access-not-allowed'
  if (HILINK_PROFILE_INVALID.has(code)) return 'profile-invalid'
  return undefined
}

// 24.008 §10.5.6.6 / 24.301 §9.9.4.4 session-management causes.
const ESM_KINDS: Readonly<Record<number, DataFailureKind>> = {
  8: 'barred',
  26: 'network-busy',
  27: 'unknown-apn',
  29: 'apn-auth',
  30: 'unspecified',
  31: 'unspecified',
  32: 'service-not-supported',
  33: 'not-subscribed',
  34: 'network-busy',
  50: 'pdp-type',
  51: 'pdp-type'
}

// 27.007 §9.2.2 GPRS/EPS +CME codes (the same table src/devices/families/generic-at/errors.ts uses).
const CME_KINDS: Readonly<Record<number, DataFailureKind>> = {
  29: 'apn-auth',
  30: 'no-service',
  31: 'network-busy',
  33: 'not-subscribed',
  107: 'data-not-allowed',
  111: 'plmn-not-allowed',
  112: 'area-not-allowed',
  113: 'roaming-not-allowed',
  114: 'plmn-not-allowed',
  127: 'unknown-apn',
  129: 'apn-auth',
  132: 'service-not-supported',
  133: 'not-subscribed',
  134: 'network-busy',
  148: 'unspecified',
  149: 'apn-auth',
  177: 'barred',
  192: 'pdp-type',
  193: 'pdp-type'
}

// Ordered: the first pattern that matches decides. Specific phrases come before the general ones they contain
// ("does not allow data for this SIM on this network" before "does not allow data for this SIM").
const FAILURE_PATTERNS: ReadonlyArray<readonly [RegExp, DataFailureKind]> = [
  [/limit set on the (?:device|hotspot)|device'?s own (?:monthly )?(?:data )?limit/i, 'device-limit'],
  [/volume exceeded|bandwidth exceeded|no data left|quota (?:exceeded|used up)|data (?:allowance|quota) (?:is )?(?:used up|exceeded|reached)/i, 'volume-exceeded'],
  [/service option not subscribed|not subscribed|\bCME ERROR:\s*133\b/i, 'not-subscribed'],
  [/network access not allowed/i, 'access-not-allowed'],
  [/allow data for this SIM on this network|GPRS services not allowed in this PLMN/i, 'plmn-not-allowed'],
  [/GPRS services not allowed|does not allow data for this SIM|not (?:yet )?activated/i, 'data-not-allowed'],
  [/\bbarr(?:ed|ing)\b/i, 'barred'],
  [/missing or unknown APN|does not know this APN|unknown APN/i, 'unknown-apn'],
  [/user name or password|authentication failed/i, 'apn-auth'],
  [/profile is not valid|profile invalid/i, 'profile-invalid'],
  [/does not support the requested data service|service option not supported/i, 'service-not-supported'],
  [/only allows? IPv[46]|IPv[46] only allowed|PDP type/i, 'pdp-type'],
  [/no IP address|without an IP address/i, 'no-address'],
  [/roaming (?:is )?not allowed/i, 'roaming-not-allowed'],
  [/PLMN not allowed|does not accept the SIM here/i, 'plmn-not-allowed'],
  [/SIM in this area|area not allowed/i, 'area-not-allowed'],
  [/automatic connection switched off|reconnecting after a drop is switched off|data (?:is )?(?:switched|turned) off/i, 'data-switched-off'],
  [/no (?:network )?service/i, 'no-service'],
  [/did not answer the data request|out of order|congestion|network failure/i, 'network-busy'],
  [/without saying why|\bunspecified\b/i, 'unspecified']
]

/** Why the data session failed, from raw codes first and the driver's text second; undefined when nothing says. */
export function interpretDataFailure(data: Partial<DataSession> | undefined, codes?: VendorCodes): DataFailure | undefined {
  const hilink = integer(codes?.hilinkConnectionStatus)
  if (hilink !== undefined) {
    const kind = hilinkKind(hilink)
    if (kind) return { kind, source: `HiLink ConnectionStatus ${hilink}` }
  }
  const cme = integer(codes?.cmeError)
  if (cme !== undefined && CME_KINDS[cme]) return { kind: CME_KINDS[cme], source: `+CME ERROR: ${cme}` }
  const esm = integer(codes?.esmCause)
  if (esm !== undefined && ESM_KINDS[esm]) return { kind: ESM_KINDS[esm], source: `ESM cause #${esm}` }

  const text = typeof data?.failureReason === 'string' ? data.failureReason.trim().slice(0, 500) : ''
  if (text === '') return undefined
  for (const [pattern, kind] of FAILURE_PATTERNS) if (pattern.test(text)) return { kind, source: text }
  // "connection status 7" (the HiLink parser's fallback) and "+CME ERROR: 133" carry the code in the text.
  const status = /connection ?status (\d{1,4})\b/i.exec(text)
  const fromStatus = status ? hilinkKind(Number(status[1])) : undefined
  if (fromStatus) return { kind: fromStatus, source: text }
  const cmeText = /CME ERROR:\s*(\d{1,3})\b/i.exec(text)
  const fromCme = cmeText ? CME_KINDS[Number(cmeText[1])] : undefined
  if (fromCme) return { kind: fromCme, source: text }
  return { kind: 'other', source: text }
}

// ---------------------------------------------------------------------------------------------------------
// Registration reject causes

export type RejectKind =
  | 'not-provisioned' // EMM #2 IMSI unknown in HSS: the SIM is not (or no longer) set up
  | 'illegal-device' // EMM #3/#5/#6: illegal UE / IMEI not accepted / illegal ME
  | 'services-not-allowed' // EMM #7/#8: EPS services not allowed
  | 'not-subscribed' // #33 / 133 "requested service option not subscribed"
  | 'plmn-not-allowed' // EMM #11/#14/#35
  | 'roaming-not-allowed' // EMM #13
  | 'area-not-allowed' // EMM #12/#15: tracking area not allowed / no suitable cells
  | 'network-busy' // EMM #17/#22: network failure / congestion
  | 'other'

export interface RejectCause {
  kind: RejectKind
  cause?: number
  source: string
}

const EMM_KINDS: Readonly<Record<number, RejectKind>> = {
  2: 'not-provisioned',
  3: 'illegal-device',
  5: 'illegal-device',
  6: 'illegal-device',
  7: 'services-not-allowed',
  8: 'services-not-allowed',
  11: 'plmn-not-allowed',
  12: 'area-not-allowed',
  13: 'roaming-not-allowed',
  14: 'plmn-not-allowed',
  15: 'area-not-allowed',
  17: 'network-busy',
  22: 'network-busy',
  33: 'not-subscribed',
  35: 'plmn-not-allowed',
  // +CME numbering of #33 (100 + cause), which some firmware puts in the reject report.
  133: 'not-subscribed'
}

const REJECT_PATTERNS: ReadonlyArray<readonly [RegExp, RejectKind]> = [
  [/not subscribed/i, 'not-subscribed'],
  [/IMSI unknown/i, 'not-provisioned'],
  [/illegal (?:UE|ME)|IMEI not accepted/i, 'illegal-device'],
  [/services not allowed in this PLMN|PLMN not allowed|not authori[sz]ed in this PLMN/i, 'plmn-not-allowed'],
  [/services (?:and non-EPS services )?not allowed/i, 'services-not-allowed'],
  [/roaming not allowed/i, 'roaming-not-allowed'],
  [/tracking area not allowed|location area not allowed|no suitable cells/i, 'area-not-allowed'],
  [/congestion|network failure/i, 'network-busy']
]

/** What a registration reject cause means; undefined when there is none. Manufacturer-specific causes only match by text. */
export function interpretRejectCause(rejectCause: unknown, emmCause?: number): RejectCause | undefined {
  const code = integer(emmCause)
  if (code !== undefined) return { kind: EMM_KINDS[code] ?? 'other', cause: code, source: `EMM cause #${code}` }
  const text = typeof rejectCause === 'number' ? String(rejectCause) : typeof rejectCause === 'string' ? rejectCause.trim().slice(0, 300) : ''
  if (text === '') return undefined
  const vendor = /manufacturer[- ]specific/i.test(text)
  const number = vendor ? undefined : (/#\s*(\d{1,3})\b/.exec(text) ?? /cause\s*(\d{1,3})\b/i.exec(text) ?? /^(\d{1,3})$/.exec(text))?.[1]
  if (number !== undefined) {
    const cause = Number(number)
    const kind = EMM_KINDS[cause]
    if (kind) return { kind, cause, source: text }
  }
  for (const [pattern, kind] of REJECT_PATTERNS) if (pattern.test(text)) return number === undefined ? { kind, source: text } : { kind, cause: Number(number), source: text }
  return number === undefined ? { kind: 'other', source: text } : { kind: 'other', cause: Number(number), source: text }
}

// ---------------------------------------------------------------------------------------------------------
// Usage

export interface UsageAgainstLimit {
  usedBytes: number
  limitBytes: number
  reached: boolean
}

/** This cycle's use against the limit set on the device, when both are known. */
export function usageAgainstLimit(usage: Usage | undefined): UsageAgainstLimit | undefined {
  if (!usage || typeof usage !== 'object') return undefined
  const limit = finite(usage.monthLimitBytes)
  if (limit === undefined || limit <= 0) return undefined
  const total = finite(usage.monthTotalBytes)
  const up = finite(usage.monthUploadBytes)
  const down = finite(usage.monthDownloadBytes)
  const used = total ?? (up === undefined && down === undefined ? undefined : (up ?? 0) + (down ?? 0))
  if (used === undefined || used < 0) return undefined
  return { usedBytes: used, limitBytes: limit, reached: used >= limit }
}

/** "1.5 GB", "300 MB", "812 kB" — decimal units, as carriers count. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'an unknown amount'
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  const digits = value >= 100 || unit === 0 ? 0 : 1
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${units[unit]}`
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
