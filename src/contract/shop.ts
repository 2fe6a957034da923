// The rental-shop station: golden profiles, batch provisioning jobs, inventory, labels and returns.
// Shared by the desktop UI, serve mode and the `hotspot-desk` CLI (one host, one contract).
import { z } from 'zod'
import { ApnDraft, ContractErrorSchema, WifiSecurity } from './model'

// ---- Golden profiles ----

export const PROFILE_SCHEMA_ID = 'hotspot-desk/profile@1'

/** Alphabets a generated secret is drawn from. "unambiguous" drops 0/O, 1/l/I so a key read off a card is typed right. */
export const KEY_ALPHABETS = ['alnum', 'alnum-unambiguous', 'digits', 'hex', 'lower-digits'] as const
export const KeyAlphabet = z.enum(KEY_ALPHABETS)

export const SecretRule = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('fixed'), value: z.string().min(1).max(64) }),
  z.strictObject({ mode: z.literal('generate'), length: z.number().int().min(8).max(63), alphabet: KeyAlphabet })
])
export type SecretRule = z.infer<typeof SecretRule>

/**
 * SSID pattern: literal text plus tokens {imei4}, {imei6} (IMEI tail), {serial4} (serial number tail),
 * {iccid4}, {n} (the unit's position in the job, 1-based, zero-padded to 2). Validated on save: the
 * longest expansion must fit 32 bytes.
 */
export const SsidPattern = z.string().min(1).max(40)

export const GoldenProfile = z.strictObject({
  schema: z.literal(PROFILE_SCHEMA_ID),
  /** File-name-safe id: lower case, digits, dashes. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'Use lower-case letters, digits and dashes (e.g. "shop-jp-iij")'),
  name: z.string().min(1).max(80),
  description: z.string().max(500).optional(),
  /** Made the default APN on each unit; absent leaves the APN alone. */
  apn: ApnDraft.optional(),
  wifi: z
    .strictObject({
      ssid: SsidPattern,
      key: SecretRule,
      security: WifiSecurity.default('wpa2-psk')
    })
    .optional(),
  adminPassword: SecretRule.optional(),
  dataPlan: z
    .strictObject({
      /** Monthly allowance in bytes the device warns or stops at. */
      limitBytes: z.number().int().positive().max(10 * 1024 ** 4),
      /** Day of month the device's counter starts again (1–31). */
      startDay: z.number().int().min(1).max(31)
    })
    .optional(),
  resetCounters: z.boolean().default(false),
  /** The device's own web UI language. */
  language: z.enum(['en', 'ja']).optional(),
  /** false turns firmware auto-update off (shops pin firmware). */
  autoUpdate: z.boolean().optional(),
  /**
   * What to do when a unit cannot do a setting the profile asks for: fail that unit (strict, default)
   * or skip the setting and say so in the report.
   */
  unsupported: z.enum(['fail', 'skip']).default('fail')
})
export type GoldenProfile = z.output<typeof GoldenProfile>
export type GoldenProfileInput = z.input<typeof GoldenProfile>

export const ProfileIssue = z.object({ path: z.string(), message: z.string() })
export type ProfileIssue = z.infer<typeof ProfileIssue>

export const ProfileEntry = z.object({
  profile: GoldenProfile,
  updatedAt: z.number(),
  /** Where it is kept (for "show in folder"). */
  file: z.string().optional()
})
export type ProfileEntry = z.infer<typeof ProfileEntry>

// ---- Batch jobs ----

/** The steps a unit goes through, in order. Each is recorded in the job log before and after. */
export const UNIT_STEPS = [
  'connect',
  'snapshot',
  'apn',
  'wifi',
  'admin-password',
  'data-plan',
  'language',
  'auto-update',
  'reset-counters',
  'verify',
  'rollback'
] as const
export const UnitStep = z.enum(UNIT_STEPS)
export type UnitStep = z.infer<typeof UnitStep>

export const StepStatus = z.enum(['pending', 'running', 'ok', 'skipped', 'failed'])
export const UnitStepRecord = z.object({
  step: UnitStep,
  status: StepStatus,
  detail: z.string().optional(),
  startedAt: z.number().optional(),
  endedAt: z.number().optional()
})
export type UnitStepRecord = z.infer<typeof UnitStepRecord>

/** queued → running → done | failed (rolled back) | rolled-back-partially (needs a person) | cancelled. */
export const UnitOutcome = z.enum(['queued', 'running', 'done', 'failed', 'needs-attention', 'cancelled'])
export type UnitOutcome = z.infer<typeof UnitOutcome>

export const JobUnit = z.object({
  /** The host's device id when the unit ran. */
  deviceId: z.string(),
  /** Stable identity (IMEI, else serial, else device id) — what resume and the inventory key on. */
  unitKey: z.string(),
  position: z.number().int().positive(),
  model: z.string().optional(),
  outcome: UnitOutcome,
  steps: z.array(UnitStepRecord),
  /** Values applied (SSID, whether a key was set); secrets are never included. */
  applied: z.record(z.string(), z.string()).optional(),
  error: ContractErrorSchema.optional()
})
export type JobUnit = z.infer<typeof JobUnit>

export const JobState = z.enum(['running', 'paused', 'finished', 'cancelled', 'interrupted'])
export const JobSummary = z.object({
  jobId: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  state: JobState,
  createdAt: z.number(),
  finishedAt: z.number().optional(),
  parallelism: z.number().int().positive(),
  /** Picks up units that appear while the job runs. */
  watchNew: z.boolean(),
  counts: z.object({
    total: z.number().int(),
    queued: z.number().int(),
    running: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    needsAttention: z.number().int(),
    cancelled: z.number().int()
  })
})
export type JobSummary = z.infer<typeof JobSummary>

export const JobDetail = JobSummary.extend({ units: z.array(JobUnit) })
export type JobDetail = z.infer<typeof JobDetail>

// ---- Several units on one laptop ----

export const UnitAddressing = z.object({
  deviceId: z.string(),
  /** How the station reaches this unit. */
  via: z.enum(['serial', 'interface', 'address', 'one-at-a-time']),
  detail: z.string(),
  /** Other units this one cannot be told apart from (same gateway address, no own path). */
  collidesWith: z.array(z.string())
})
export const StationAddressing = z.object({
  units: z.array(UnitAddressing),
  /** True when some units can only be prepared one at a time; `advice` says how. */
  oneAtATime: z.boolean(),
  advice: z.string().optional()
})
export type StationAddressing = z.infer<typeof StationAddressing>

// ---- Inventory ----

export const RENTAL_STATUSES = ['in-stock', 'rented', 'returned', 'maintenance', 'retired'] as const
export const RentalStatus = z.enum(RENTAL_STATUSES)
export type RentalStatus = z.infer<typeof RentalStatus>

export const InventoryUnit = z.object({
  unitKey: z.string(),
  imei: z.string().optional(),
  iccid: z.string().optional(),
  msisdn: z.string().optional(),
  model: z.string().optional(),
  firmware: z.string().optional(),
  ssid: z.string().optional(),
  /** True when a Wi-Fi key is stored; the key itself only via inventory.revealKey. */
  hasKey: z.boolean(),
  lastProfileId: z.string().optional(),
  lastProvisionedAt: z.number().optional(),
  status: RentalStatus,
  note: z.string().optional(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  /** The host device id it is attached as right now. */
  deviceId: z.string().optional()
})
export type InventoryUnit = z.infer<typeof InventoryUnit>

export const ReturnCheck = z.object({
  name: z.enum(['usage', 'sim', 'sms-wipe', 'reset-counters', 'reapply-profile', 'battery', 'health']),
  status: z.enum(['ok', 'warning', 'failed', 'skipped']),
  detail: z.string()
})
export const ReturnRecord = z.object({
  recordId: z.string(),
  unitKey: z.string(),
  checkedInAt: z.number(),
  /** Bytes used since check-out, when both readings exist. */
  usageSinceCheckoutBytes: z.number().optional(),
  simSwapped: z.boolean().optional(),
  smsWiped: z.number().int().optional(),
  batteryPercent: z.number().optional(),
  checks: z.array(ReturnCheck),
  /** ok: back in stock; attention: see the checks. */
  result: z.enum(['ok', 'attention'])
})
export type ReturnRecord = z.infer<typeof ReturnRecord>

const DeviceId = z.string().min(1).max(200)
const UnitKey = z.string().min(1).max(200)
const JobId = z.string().min(1).max(100)

/** Printable output: a file the UI saves (serve mode downloads it, the CLI writes it). */
export const RenderedFile = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() })
export type RenderedFile = z.infer<typeof RenderedFile>

export const shopMethods = {
  'devices.add': {
    // Add a unit by address (HTTP admin API base URL or serial path) — the CLI's --address, and manual adds in the UI.
    params: z.strictObject({
      connection: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('http'), baseUrl: z.string().url().max(300) }),
        z.strictObject({ kind: z.literal('serial'), path: z.string().min(1).max(300) })
      ]),
      family: z.string().max(40).optional(),
      name: z.string().max(80).optional()
    }),
    result: z.object({ deviceId: z.string() })
  },
  'profile.list': {
    params: z.strictObject({}).default({}),
    result: z.object({ profiles: z.array(ProfileEntry), problems: z.array(z.object({ file: z.string(), issues: z.array(ProfileIssue) })) })
  },
  'profile.validate': {
    // Any JSON: tells every problem with its path, the way the editor shows them.
    params: z.strictObject({ profile: z.unknown() }),
    result: z.object({ ok: z.boolean(), issues: z.array(ProfileIssue), profile: GoldenProfile.optional() })
  },
  'profile.save': {
    params: z.strictObject({ profile: z.unknown() }),
    result: ProfileEntry
  },
  'profile.remove': {
    params: z.strictObject({ id: z.string().min(1).max(48) }),
    result: z.object({ removed: z.boolean() })
  },
  'batch.start': {
    params: z.strictObject({
      profileId: z.string().min(1).max(48),
      /** Units to prepare; empty with watchNew = only units that appear from now on. */
      deviceIds: z.array(DeviceId).max(500),
      watchNew: z.boolean().default(false),
      parallelism: z.number().int().min(1).max(32).default(4)
    }),
    result: JobSummary
  },
  'batch.list': { params: z.strictObject({}).default({}), result: z.object({ jobs: z.array(JobSummary) }) },
  'batch.get': { params: z.strictObject({ jobId: JobId }), result: JobDetail },
  'batch.cancel': { params: z.strictObject({ jobId: JobId }), result: JobSummary },
  /** Resume an interrupted job (app closed or crashed): units already done are not touched again. */
  'batch.resume': { params: z.strictObject({ jobId: JobId }), result: JobSummary },
  /** Stop watching for new units and finish when the running ones are done. */
  'batch.finish': { params: z.strictObject({ jobId: JobId }), result: JobSummary },
  'station.addressing': { params: z.strictObject({}).default({}), result: StationAddressing },
  'inventory.list': {
    params: z.strictObject({ search: z.string().max(100).optional(), status: RentalStatus.optional() }).default({}),
    result: z.object({ units: z.array(InventoryUnit) })
  },
  'inventory.revealKey': { params: z.strictObject({ unitKey: UnitKey }), result: z.object({ key: z.string().nullable() }) },
  'inventory.setStatus': {
    params: z.strictObject({ unitKey: UnitKey, status: RentalStatus, note: z.string().max(500).optional() }),
    result: InventoryUnit
  },
  'inventory.export': {
    params: z.strictObject({ format: z.enum(['csv', 'json']), includeKeys: z.boolean().default(false) }),
    result: RenderedFile
  },
  'labels.render': {
    params: z.strictObject({
      unitKeys: z.array(UnitKey).min(1).max(500),
      format: z.enum(['pdf', 'png']),
      /** label: small sticker (SSID, key, QR); card: a box card with the shop's instructions. */
      layout: z.enum(['label', 'card']).default('label')
    }),
    result: RenderedFile
  },
  'returns.checkOut': {
    // Hand a unit to a customer: records the usage and SIM at this moment for the check-in.
    params: z.strictObject({ deviceId: DeviceId, note: z.string().max(500).optional() }),
    result: InventoryUnit
  },
  'returns.checkIn': {
    params: z.strictObject({
      deviceId: DeviceId,
      wipeSms: z.boolean().default(true),
      resetCounters: z.boolean().default(true),
      /** Re-apply this profile (default: the unit's last profile). */
      profileId: z.string().min(1).max(48).optional(),
      reapplyProfile: z.boolean().default(true)
    }),
    result: ReturnRecord
  },
  'returns.list': {
    params: z.strictObject({ unitKey: UnitKey.optional() }).default({}),
    result: z.object({ records: z.array(ReturnRecord) })
  }
} as const

export const shopEvents = {
  /** A job or one of its units moved. `unit` is absent for job-level changes. */
  'batch.progress': z.object({ job: JobSummary, unit: JobUnit.optional() }),
  /** A check-in moved to its next check. */
  'returns.progress': z.object({ deviceId: z.string(), check: ReturnCheck })
} as const
