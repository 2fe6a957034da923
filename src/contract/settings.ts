// App settings (language, polling, privacy, notifications) and stored credentials, plus the
// notifications the host raises from device readings.
//
// Where each preference lives: the UI language is kept by the host (settings.json) because the tray
// tooltip and the OS notifications — shown by Electron main, not by a window — must speak the user's
// language too. The theme stays a window preference (renderer localStorage): only a window paints it.
import { z } from 'zod'

/** Safe bounds for polling: faster than 1 s floods slow AT modems; slower than an hour misses a day's events. */
export const POLLING_BOUNDS = {
  foregroundSeconds: { min: 1, max: 60 },
  backgroundSeconds: { min: 5, max: 3600 }
} as const
export const RETENTION_BOUNDS = { min: 1, max: 3650 } as const
export const DATA_LOW_BOUNDS = { min: 1, max: 50 } as const

export const NOTIFICATION_KINDS = ['dataLow', 'planExpiring', 'disconnected', 'simChanged', 'signalLost'] as const
export const NotificationKind = z.enum(NOTIFICATION_KINDS)
export type NotificationKind = z.infer<typeof NotificationKind>

export const LanguagePreference = z.enum(['system', 'en', 'ja'])
export type LanguagePreference = z.infer<typeof LanguagePreference>

const ForegroundSeconds = z.number().int().min(POLLING_BOUNDS.foregroundSeconds.min).max(POLLING_BOUNDS.foregroundSeconds.max)
const BackgroundSeconds = z.number().int().min(POLLING_BOUNDS.backgroundSeconds.min).max(POLLING_BOUNDS.backgroundSeconds.max)
const RetentionDays = z.number().int().min(RETENTION_BOUNDS.min).max(RETENTION_BOUNDS.max)
const DataLowPercent = z.number().int().min(DATA_LOW_BOUNDS.min).max(DATA_LOW_BOUNDS.max)

const kindSwitches = <T extends z.ZodType>(value: T) =>
  z.strictObject({ dataLow: value, planExpiring: value, disconnected: value, simChanged: value, signalLost: value })

export const AppSettings = z.object({
  language: LanguagePreference,
  polling: z.object({
    /** The device on screen. */
    foregroundSeconds: ForegroundSeconds,
    /** Devices nobody is looking at. */
    backgroundSeconds: BackgroundSeconds
  }),
  privacy: z.object({
    /** Diagnostics bundles leave out phone numbers, IMEI/ICCID/IMSI and addresses unless the user opts out. */
    redactDiagnostics: z.boolean(),
    /** Days of readings history keeps; null when history is off in this host. */
    historyRetentionDays: RetentionDays.nullable()
  }),
  notifications: z.object({
    enabled: kindSwitches(z.boolean()),
    /** "Data running low" when less than this share of the month's limit is left. */
    dataLowPercent: DataLowPercent
  })
})
export type AppSettings = z.infer<typeof AppSettings>

const SettingsResult = z.object({
  settings: AppSettings,
  /** Set when settings.json could not be read and the defaults are in use: what happened and what to do. */
  warning: z.string().optional()
})

export const SettingsPatch = z.strictObject({
  language: LanguagePreference.optional(),
  polling: z.strictObject({ foregroundSeconds: ForegroundSeconds.optional(), backgroundSeconds: BackgroundSeconds.optional() }).optional(),
  privacy: z.strictObject({ redactDiagnostics: z.boolean().optional(), historyRetentionDays: RetentionDays.optional() }).optional(),
  notifications: z
    .strictObject({ enabled: kindSwitches(z.boolean().optional()).partial().optional(), dataLowPercent: DataLowPercent.optional() })
    .optional()
})
export type SettingsPatch = z.infer<typeof SettingsPatch>

/** A device account with a remembered password. The password itself never leaves the secret store. */
export const StoredCredential = z.object({
  account: z.string(),
  /** The host's device id the password belongs to. */
  deviceId: z.string(),
  /** The device's name while it is connected. */
  deviceName: z.string().optional(),
  connected: z.boolean()
})
export type StoredCredential = z.infer<typeof StoredCredential>

export const HostNotification = z.object({
  /** Unique per notification, for de-duplication in a window and dismissal. */
  id: z.string(),
  kind: NotificationKind,
  deviceId: z.string(),
  /** i18n keys (renderer: `notify.<kind>.title|body`) and their parameters. */
  titleKey: z.string(),
  bodyKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The same text, rendered by the host in the settings language (OS notifications, CLI). */
  text: z.object({ title: z.string(), body: z.string() }),
  at: z.number()
})
export type HostNotification = z.infer<typeof HostNotification>

export const settingsMethods = {
  'settings.get': {
    params: z.strictObject({}),
    result: SettingsResult
  },
  'settings.set': {
    // A partial change; the rest stays. Polling rates apply at once; retention prunes soon after.
    params: SettingsPatch,
    result: SettingsResult
  },
  'credentials.list': {
    params: z.strictObject({}),
    result: z.object({
      /** Where passwords are sealed ("OS keychain", "key file"); null when this host remembers none. */
      storage: z.string().nullable(),
      credentials: z.array(StoredCredential)
    })
  },
  'credentials.forget': {
    params: z.strictObject({ account: z.string().min(1).max(300) }),
    result: z.object({ forgotten: z.boolean() })
  }
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>

export const settingsEvents = {
  'settings.changed': AppSettings,
  /** Something about a device the user asked to hear about (data low, SIM changed, signal lost …). */
  notification: HostNotification
} as const satisfies Record<string, z.ZodType>

// ---- Host ⇄ Electron main: what the desktop shell shows outside the window (tray, OS notifications) ----

/** One device as the tray shows it. */
export const TrayDevice = z.object({
  id: z.string(),
  name: z.string(),
  carrier: z.string().optional(),
  bars: z.number().int().min(0).max(5),
  state: z.string()
})
export type TrayDevice = z.infer<typeof TrayDevice>

/** Posted by the host's utility process to Electron main over the parent port. */
export const HostToMainDeskMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('desk.tray'),
    language: z.enum(['en', 'ja']),
    devices: z.array(TrayDevice),
    /** The device some window has on screen, when any. */
    focusedId: z.string().optional()
  }),
  z.object({ type: z.literal('desk.notification'), notification: HostNotification })
])
export type HostToMainDeskMessage = z.infer<typeof HostToMainDeskMessage>
