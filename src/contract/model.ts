// The normalized state every driver fills, as it crosses the contract. One shape for all device
// families: the UI reads capabilities and optional fields, never the vendor.
import { z } from 'zod'
import { ERROR_CODES } from './errors'

export const CAPABILITIES = [
  'readIdentity', // IMEI, model, firmware
  'readMsisdn', // the device can report the SIM's phone number
  'readSignal',
  'readUsage',
  'readBattery',
  'apnRead',
  'apnWrite',
  'dataSwitch', // connect / disconnect mobile data
  'usageReset',
  'reboot',
  'pinUnlock',
  'ussd',
  'sms',
  'bandLock',
  'wifiSettings',
  'deviceSettings', // data plan limit and start day, web UI language, firmware auto-update
  'atConsole'
] as const
export const Capability = z.enum(CAPABILITIES)
export type Capability = z.infer<typeof Capability>

export const ContractErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional()
})

export const Connection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('http'), baseUrl: z.string() }),
  z.object({ kind: z.literal('serial'), path: z.string() })
])
export type Connection = z.infer<typeof Connection>

export const DeviceState = z.enum([
  'connecting', // first contact / login under way
  'released', // logged out on the user's request so the device's own web UI can be used
  'ready', // readings flowing
  'auth-required', // the device wants a password we do not have (or it was wrong)
  'locked-out', // the device refuses logins for a while
  'unreachable', // stopped answering; we keep trying on the slow interval
  'error' // something we could not recover from; see lastError
])
export type DeviceState = z.infer<typeof DeviceState>

export const DeviceSummary = z.object({
  id: z.string(),
  name: z.string(),
  family: z.string(),
  familyLabel: z.string(),
  demo: z.boolean(),
  connection: Connection,
  state: DeviceState,
  capabilities: z.array(Capability),
  lastError: ContractErrorSchema.optional(),
  lastUpdated: z.number().optional()
})
export type DeviceSummary = z.infer<typeof DeviceSummary>

export const Identity = z.object({
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  firmware: z.string().optional(),
  hardware: z.string().optional(),
  imei: z.string().optional(),
  serialNumber: z.string().optional()
})
export type Identity = z.infer<typeof Identity>

export const MsisdnSource = z.enum(['device', 'sim', 'ussd', 'user'])
export const SimState = z.enum(['ready', 'absent', 'pin-required', 'puk-required', 'invalid', 'unknown'])
export const Sim = z.object({
  state: SimState,
  iccid: z.string().optional(),
  imsi: z.string().optional(),
  msisdn: z.string().optional(),
  msisdnSource: MsisdnSource.optional(),
  spn: z.string().optional(),
  pinAttemptsLeft: z.number().int().optional(),
  pukAttemptsLeft: z.number().int().optional()
})
export type Sim = z.infer<typeof Sim>

export const RadioTech = z.enum(['none', 'gsm', 'umts', 'lte', 'nr', 'unknown'])
export const Signal = z.object({
  bars: z.number().int().min(0).max(5),
  rat: RadioTech,
  /** Human-readable network type as the device reports it (e.g. "LTE", "HSPA+"). */
  networkType: z.string().optional(),
  rssiDbm: z.number().optional(),
  rsrpDbm: z.number().optional(),
  rsrqDb: z.number().optional(),
  sinrDb: z.number().optional(),
  rscpDbm: z.number().optional(),
  ecioDb: z.number().optional(),
  band: z.string().optional(),
  cellId: z.string().optional(),
  pci: z.number().int().optional()
})
export type Signal = z.infer<typeof Signal>

export const RegistrationState = z.enum(['home', 'roaming', 'searching', 'denied', 'not-registered', 'unknown'])
export const Registration = z.object({
  state: RegistrationState,
  operatorName: z.string().optional(),
  plmn: z.string().optional(),
  rejectCause: z.string().optional()
})
export type Registration = z.infer<typeof Registration>

export const DataSessionState = z.enum(['connected', 'connecting', 'disconnected', 'disconnecting', 'failed', 'unknown'])
export const DataSession = z.object({
  state: DataSessionState,
  ipv4: z.string().optional(),
  ipv6: z.string().optional(),
  /** Why the last attempt failed, in the device's terms (e.g. "data volume exceeded"). */
  failureReason: z.string().optional()
})
export type DataSession = z.infer<typeof DataSession>

export const Usage = z.object({
  sessionUploadBytes: z.number().nonnegative().optional(),
  sessionDownloadBytes: z.number().nonnegative().optional(),
  sessionSeconds: z.number().nonnegative().optional(),
  /** Current throughput in bytes (not bits) per second. */
  uploadRateBps: z.number().nonnegative().optional(),
  downloadRateBps: z.number().nonnegative().optional(),
  monthUploadBytes: z.number().nonnegative().optional(),
  monthDownloadBytes: z.number().nonnegative().optional(),
  /** Up + down this billing cycle, for devices that only report the total. */
  monthTotalBytes: z.number().nonnegative().optional(),
  monthLimitBytes: z.number().nonnegative().optional(),
  billingDay: z.number().int().min(1).max(31).optional()
})
export type Usage = z.infer<typeof Usage>

export const Battery = z.object({
  percent: z.number().min(0).max(100).optional(),
  charging: z.boolean().optional(),
  low: z.boolean().optional()
})
export type Battery = z.infer<typeof Battery>

export const DeviceStatus = z.object({
  deviceId: z.string(),
  updatedAt: z.number(),
  identity: Identity,
  sim: Sim,
  signal: Signal,
  registration: Registration,
  data: DataSession,
  usage: Usage,
  battery: Battery.optional(),
  wifiClients: z.number().int().nonnegative().optional()
})
export type DeviceStatus = z.infer<typeof DeviceStatus>

// ---- Operation DTOs (APN profiles, USSD, SMS): shared by every family that has the capability ----

export const ApnAuth = z.enum(['none', 'pap', 'chap', 'pap-or-chap'])
export const PdpType = z.enum(['ipv4', 'ipv6', 'ipv4v6'])

/** What a user (or a carrier pack) asks for. */
export const ApnDraft = z.object({
  name: z.string().min(1).max(64),
  apn: z.string().max(100),
  username: z.string().max(64).optional(),
  password: z.string().max(64).optional(),
  auth: ApnAuth.default('none'),
  pdpType: PdpType.default('ipv4v6')
})
export type ApnDraft = z.infer<typeof ApnDraft>

/** A profile as the device holds it. `id` is the device's own handle (index, cid, profile name). */
export const ApnProfile = ApnDraft.extend({
  id: z.string(),
  isDefault: z.boolean(),
  /** Operator presets that the device will not let us edit or delete. */
  readOnly: z.boolean().optional()
})
export type ApnProfile = z.infer<typeof ApnProfile>

export const UssdReply = z.object({
  text: z.string(),
  /** The network expects an answer (a menu); false when the session ended. */
  sessionOpen: z.boolean()
})
export type UssdReply = z.infer<typeof UssdReply>

export const SmsMessage = z.object({
  id: z.string(),
  from: z.string(),
  text: z.string(),
  /** ISO 8601; with offset when the device gives one. */
  receivedAt: z.string(),
  read: z.boolean(),
  /** A long message of which some parts have not arrived yet. */
  partsMissing: z.number().int().nonnegative().optional()
})
export type SmsMessage = z.infer<typeof SmsMessage>

export const SmsStorage = z.object({ used: z.number().int().nonnegative(), total: z.number().int().nonnegative() })
export type SmsStorage = z.infer<typeof SmsStorage>

// ---- Discovery: what was found on USB, serial and the network, including units we cannot use yet ----

export const DiscoveryItem = z.object({
  id: z.string(),
  name: z.string(),
  familyLabel: z.string().optional(),
  status: z.enum(['ready', 'needs-switching', 'no-permission', 'busy', 'unsupported']),
  /** What is wrong, for the user. Absent when ready. */
  reason: z.string().optional(),
  fix: z.object({ summary: z.string(), commands: z.array(z.string()).optional() }).optional(),
  canSwitch: z.boolean(),
  /** The unit is in the device list (the host drives it). */
  managed: z.boolean(),
  /** How it is connected, one line per path ("USB 12d1:1506 · /dev/ttyUSB2 (AT)", "Network http://192.168.8.1"). */
  paths: z.array(z.string())
})
export type DiscoveryItem = z.infer<typeof DiscoveryItem>

export const DiscoveryState = z.object({
  items: z.array(DiscoveryItem),
  usb: z.object({ available: z.boolean(), reason: z.string().optional() }),
  lanProbe: z.boolean(),
  scanning: z.boolean(),
  lastScanAt: z.number().optional()
})
export type DiscoveryState = z.infer<typeof DiscoveryState>

// ---- Wi-Fi settings (shop provisioning): what a unit broadcasts and how clients join ----

export const WifiSecurity = z.enum(['open', 'wpa2-psk', 'wpa-wpa2-psk', 'wpa3-sae', 'wpa2-wpa3'])
export const WifiSettings = z.object({
  ssid: z.string().min(1).max(32),
  security: WifiSecurity,
  /** WPA passphrase (8–63 printable ASCII) or a raw PSK (64 hex). Absent when open or when the device hides it. */
  key: z.string().min(8).max(64).optional(),
  hidden: z.boolean().optional(),
  band: z.enum(['2.4GHz', '5GHz', 'dual']).optional()
})
export type WifiSettings = z.infer<typeof WifiSettings>

// ---- History: stored readings per device, downsampled for charts ----

/** Numeric fields a history query can chart. Signal in dBm / dB, bytes for counters, percent for battery. */
export const HISTORY_METRICS = [
  'rsrp',
  'rsrq',
  'sinr',
  'rssi',
  'bars',
  'battery',
  'sessionUp',
  'sessionDown',
  'monthUp',
  'monthDown',
  'monthTotal'
] as const
export const HistoryMetric = z.enum(HISTORY_METRICS)
export type HistoryMetric = z.infer<typeof HistoryMetric>

/** The most buckets one history.query may ask for: about one per pixel of a wide chart. */
export const HISTORY_MAX_BUCKETS = 2000

/**
 * A downsampled series, as columns + rows. `columns` is always
 * ['t', 'n', then for each metric asked, in order: '<metric>.min', '<metric>.max', '<metric>.avg', '<metric>.n'].
 * In 'buckets' mode each row is one time bucket that holds samples (empty buckets are left out, so a
 * jump in `t` larger than `bucketMs` is a gap): `t` is the bucket's start, `n` its sample count,
 * `<metric>.n` how many of those reported the metric (min/max/avg are null when 0).
 * In 'raw' mode (the range held fewer samples than buckets) each row is one sample: `t` is its time,
 * `n` is 1, and min = max = avg = the value.
 */
export const HistorySeries = z.object({
  deviceKey: z.string(),
  from: z.number(),
  to: z.number(),
  mode: z.enum(['buckets', 'raw']),
  /** Bucket width in ms; 0 in raw mode. */
  bucketMs: z.number().int().nonnegative(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.number().nullable()))
})
export type HistorySeries = z.infer<typeof HistorySeries>

/** One device in the history inventory: every unit the host has ever recorded. */
export const HistoryDevice = z.object({
  /** What history is filed under: "imei:<first 14 digits>" or, for units without an IMEI, "host:<device id>". */
  key: z.string(),
  /** The host's device id it was last seen under (matches DeviceSummary.id while it is connected). */
  hostDeviceId: z.string(),
  demo: z.boolean(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  name: z.string().optional(),
  family: z.string().optional(),
  model: z.string().optional(),
  firmware: z.string().optional(),
  imei: z.string().optional(),
  iccid: z.string().optional(),
  imsi: z.string().optional(),
  msisdn: z.string().optional()
})
export type HistoryDevice = z.infer<typeof HistoryDevice>

// ---- AT console and line status ----

export const AtConsoleReply = z.object({ lines: z.array(z.string()), final: z.string(), elapsedMs: z.number() })
export const AtConsoleLine = z.object({
  at: z.number(),
  direction: z.enum(['out', 'in', 'note']),
  kind: z.string(),
  text: z.string()
})

export const LineVerdict = z.object({
  kind: z.enum(['online', 'captive', 'no-plan', 'no-data', 'throttled', 'not-registered', 'unknown']),
  /** What to do: a key the carrier pack maps to a flow (open-portal, buy-pass, check-apn …). */
  remedy: z.string(),
  confidence: z.string(),
  reason: z.string(),
  evidence: z.array(z.object({ key: z.string(), text: z.string() })),
  /** The captive page to open, when the network redirected us. */
  portalUrl: z.string().optional(),
  probes: z.array(z.object({ probeId: z.string(), kind: z.string(), elapsedMs: z.number() })),
  checkedAt: z.number()
})
export type LineVerdict = z.infer<typeof LineVerdict>
