// Field-technician tools: antenna alignment and the diagnostics bundle.
// The bundle is one ZIP a technician attaches to a support ticket: device info, API reads, the AT
// transcript, recent history and the host log. Identifiers (IMEI, IMSI, ICCID, phone numbers) and SMS text
// are replaced by stable placeholders (<IMEI-1> …) unless the user opts in; Wi-Fi keys, passwords,
// cookies and tokens are always replaced. Progress arrives as diagnostics.progress events; a running
// bundle is stopped with diagnostics.cancel (the request then fails with CANCELLED).
import { z } from 'zod'

const DeviceId = z.string().min(1).max(200)

/** What a redaction replaced, by kind. */
export const REDACTION_KINDS = ['imei', 'imsi', 'iccid', 'msisdn', 'phone', 'serial', 'smsText', 'wifiKey', 'secret'] as const
export const RedactionKind = z.enum(REDACTION_KINDS)
export type RedactionKind = z.infer<typeof RedactionKind>
export const RedactionCounts = z.record(RedactionKind, z.number().int().nonnegative())
export type RedactionCounts = z.infer<typeof RedactionCounts>

/** The steps of building a bundle, in order. */
export const BUNDLE_STEPS = ['device', 'dumps', 'transcript', 'history', 'sms', 'log', 'zip'] as const
export const BundleStep = z.enum(BUNDLE_STEPS)
export type BundleStep = z.infer<typeof BundleStep>

export const DiagnosticsInclude = z.strictObject({
  /** Keep IMEI, IMSI, ICCID, phone numbers and the device's serial number as they are. */
  identifiers: z.boolean().default(false),
  /** Keep SMS text and senders (otherwise only counts are included). */
  smsText: z.boolean().default(false)
})
export type DiagnosticsInclude = z.output<typeof DiagnosticsInclude>

export const DiagnosticsBundle = z.object({
  fileName: z.string(),
  mimeType: z.literal('application/zip'),
  base64: z.string(),
  /** Bytes of the ZIP. */
  size: z.number().int().nonnegative(),
  /** Every file in the ZIP, in order. */
  entries: z.array(z.string()),
  redactions: RedactionCounts
})
export type DiagnosticsBundle = z.infer<typeof DiagnosticsBundle>

export const DiagnosticsProgress = z.object({
  deviceId: z.string(),
  step: BundleStep,
  status: z.enum(['started', 'ok', 'skipped', 'failed']),
  /** Steps finished so far, of `total`. */
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  detail: z.string().optional()
})
export type DiagnosticsProgress = z.infer<typeof DiagnosticsProgress>

export const diagnosticsMethods = {
  'diagnostics.bundle': {
    // Builds the ZIP for one device. One bundle per device at a time (a second gets BUSY).
    params: z.strictObject({ deviceId: DeviceId, include: DiagnosticsInclude.default({ identifiers: false, smsText: false }) }),
    result: DiagnosticsBundle
  },
  'diagnostics.cancel': {
    // Stops the bundle being built for this device; its request fails with CANCELLED.
    params: z.strictObject({ deviceId: DeviceId }),
    result: z.object({ cancelled: z.boolean() })
  }
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>

export const diagnosticsEvents = {
  'diagnostics.progress': DiagnosticsProgress
} as const satisfies Record<string, z.ZodType>
