// Every request the UI (or CLI, or a test) may send to the core host, named domain.action,
// with the schema of its params and of its result. The host validates params at the boundary.
import { z } from 'zod'
import { shopMethods } from './shop'
import { settingsMethods } from './settings'
import { diagnosticsMethods } from './diagnostics'
import {
  AtConsoleLine,
  AtConsoleReply,
  LineVerdict,
  ApnDraft,
  ApnProfile,
  ContractErrorSchema,
  DeviceStatus,
  DeviceSummary,
  DiscoveryState,
  SmsMessage,
  SmsStorage,
  UssdReply
} from './model'
import { HISTORY_MAX_BUCKETS, HISTORY_METRICS, HistoryDevice, HistoryMetric, HistorySeries } from './model'
import {
  ApnSuggestionView,
  ApnSuggestParams,
  CarrierIdentity,
  CarrierIdentifyParams,
  CarrierPlan,
  CarrierPlanParams,
  CarrierTroubleshootParams,
  ExplainedError,
  PortalExplainParams,
  PortalOpenParams,
  PortalOpenResult,
  PortalCaptiveParams,
  PortalRefParams,
  TroubleshootResult
} from './carrier'

const DeviceId = z.string().min(1).max(200)
const Device = z.strictObject({ deviceId: DeviceId })
const Done = z.object({ done: z.literal(true) })

/** USSD codes: digits, * and #, as typed on a phone keypad (menus answer with digits too). */
const UssdCode = z.string().regex(/^[0-9*#+]{1,40}$/, 'USSD codes contain only digits, * and #, e.g. *100#')

export const ApnSwitchResult = z.object({
  ok: z.boolean(),
  active: ApnProfile.optional(),
  restored: z.boolean(),
  error: ContractErrorSchema.optional()
})

/** Milliseconds since the epoch. */
const EpochMs = z.number().int().min(0).max(8_640_000_000_000_000)

/** A history request names a connected device (deviceId) or any recorded one (deviceKey from history.devices). */
const HistoryRange = {
  deviceId: DeviceId.optional(),
  deviceKey: z.string().min(1).max(220).optional(),
  /** Inclusive, like `to`. */
  from: EpochMs,
  to: EpochMs
}
const oneDevice = (p: { deviceId?: string | undefined; deviceKey?: string | undefined }) =>
  (p.deviceId === undefined) !== (p.deviceKey === undefined)
const ONE_DEVICE = {
  message: 'Give either deviceId (a connected device) or deviceKey (from history.devices), not both',
  path: ['deviceId']
}
const fromNotAfterTo = (p: { from: number; to: number }) => p.from <= p.to
const FROM_NOT_AFTER_TO = { message: 'from must not be later than to', path: ['to'] }

export const methods = {
  'app.hello': {
    params: z.strictObject({
      contractVersion: z.number().int().positive(),
      client: z.string().min(1).max(64)
    }),
    result: z.object({
      contractVersion: z.number().int(),
      appVersion: z.string(),
      hostId: z.string(),
      platform: z.string(),
      demoRunning: z.boolean()
    })
  },
  'devices.list': {
    params: z.strictObject({}),
    result: z.object({ devices: z.array(DeviceSummary) })
  },
  'device.status': {
    params: z.strictObject({ deviceId: DeviceId }),
    result: DeviceStatus
  },
  'devices.subscribe': {
    // focusDeviceId: the device now on screen; it is polled fast, the others slowly.
    params: z.strictObject({ focusDeviceId: DeviceId.nullable().optional() }),
    result: z.object({ devices: z.array(DeviceSummary) })
  },
  'devices.unsubscribe': {
    params: z.strictObject({}),
    result: z.object({ unsubscribed: z.boolean() })
  },
  'demo.start': {
    params: z.strictObject({}),
    result: z.object({ deviceId: z.string(), alreadyRunning: z.boolean() })
  },
  'demo.stop': {
    params: z.strictObject({}),
    result: z.object({ stopped: z.boolean() })
  },
  'device.refresh': {
    params: Device,
    result: DeviceStatus
  },
  'device.login': {
    // The one place a password enters the host. It is tried once; a wrong one is never retried.
    params: z.strictObject({
      deviceId: DeviceId,
      username: z.string().max(64).optional(),
      password: z.string().min(1).max(128),
      remember: z.boolean().default(false)
    }),
    result: z.object({ device: DeviceSummary })
  },
  'device.release': {
    // Log out and stop polling, so the user can use the device's own web UI (one admin session).
    params: Device,
    result: z.object({ device: DeviceSummary })
  },
  'device.resume': {
    params: Device,
    result: z.object({ device: DeviceSummary })
  },
  'device.control': {
    params: z.strictObject({
      deviceId: DeviceId,
      action: z.enum(['reboot', 'resetUsage', 'dataOn', 'dataOff'])
    }),
    result: Done
  },
  'sim.unlock': {
    params: z.union([
      z.strictObject({ deviceId: DeviceId, pin: z.string().regex(/^\d{4,8}$/, 'A PIN has 4 to 8 digits') }),
      z.strictObject({
        deviceId: DeviceId,
        puk: z.string().regex(/^\d{8}$/, 'A PUK has 8 digits'),
        newPin: z.string().regex(/^\d{4,8}$/, 'A PIN has 4 to 8 digits')
      })
    ]),
    result: Done
  },
  'apn.list': {
    params: Device,
    result: z.object({ profiles: z.array(ApnProfile) })
  },
  'apn.switch': {
    // Runs the APN transaction; progress arrives as apn.progress events, the outcome here.
    params: z.strictObject({
      deviceId: DeviceId,
      target: z.union([z.strictObject({ profileId: z.string().min(1).max(64) }), z.strictObject({ draft: ApnDraft })])
    }),
    result: ApnSwitchResult
  },
  'ussd.send': {
    params: z.strictObject({ deviceId: DeviceId, code: UssdCode }),
    result: UssdReply
  },
  'ussd.respond': {
    params: z.strictObject({ deviceId: DeviceId, answer: z.string().min(1).max(160) }),
    result: UssdReply
  },
  'ussd.cancel': {
    params: Device,
    result: Done
  },
  'sms.list': {
    params: Device,
    result: z.object({ messages: z.array(SmsMessage), storage: SmsStorage.optional() })
  },
  'sms.delete': {
    params: z.strictObject({ deviceId: DeviceId, messageId: z.string().min(1).max(64) }),
    result: Done
  },
  'at.send': {
    // The AT console. Risky commands (radio off, factory reset, USB mode …) need confirmed: true.
    params: z.strictObject({ deviceId: DeviceId, command: z.string().min(1).max(512), confirmed: z.boolean().default(false) }),
    result: AtConsoleReply
  },
  'at.transcript': {
    params: Device,
    result: z.object({ lines: z.array(AtConsoleLine) })
  },
  'connectivity.check': {
    // Is the line online, behind a captive page, out of plan …? 'public' probes the internet through the
    // hotspot and only the desktop app allows it; 'none' decides from the device's own report.
    params: z.strictObject({ deviceId: DeviceId, probes: z.enum(['none', 'public']).default('none') }),
    result: LineVerdict
  },
  'discovery.state': {
    params: z.strictObject({}),
    result: DiscoveryState
  },
  'discovery.scan': {
    // The "Scan" button: USB, serial ports and (desktop app only) the attached networks' gateways.
    params: z.strictObject({}),
    result: DiscoveryState
  },
  'discovery.switchMode': {
    // One click to move a unit out of its installer CD-ROM mode.
    params: z.strictObject({ id: z.string().min(1).max(300) }),
    result: DiscoveryState
  },
  'sms.markRead': {
    params: z.strictObject({ deviceId: DeviceId, messageId: z.string().min(1).max(64) }),
    result: Done
  },
  'carrier.identify': {
    // Which carrier and brand the SIM belongs to, with the evidence; `brand` applies the user's pick.
    params: CarrierIdentifyParams,
    result: CarrierIdentity
  },
  'carrier.plan': {
    // The pack's flows (device facts prefilled), portals, quick codes and troubleshooters for this SIM.
    params: CarrierPlanParams,
    result: CarrierPlan
  },
  'carrier.troubleshoot': {
    // Runs a troubleshooter against the device's facts and the user's answers.
    params: CarrierTroubleshootParams,
    result: TroubleshootResult
  },
  'apn.suggest': {
    // Ranked APN drafts for this SIM: the carrier pack's first, then the APN database's.
    params: ApnSuggestParams,
    result: z.object({ suggestions: z.array(ApnSuggestionView) })
  },
  'portal.open': {
    // Opens a carrier portal: the desktop app's own view, or (serve mode) the address for a new browser tab.
    params: PortalOpenParams,
    result: PortalOpenResult
  },
  'portal.openCaptive': {
    // Opens the captive page the last connectivity.check found (often plain http): a view allowing only that origin.
    params: PortalCaptiveParams,
    result: PortalOpenResult
  },
  'portal.close': {
    params: PortalRefParams,
    result: z.object({ closed: z.boolean() })
  },
  'portal.clearData': {
    // Signs out of the portal for good: clears the view's cookies and storage (desktop app only).
    params: PortalRefParams,
    result: z.object({ cleared: z.boolean() })
  },
  'portal.explainError': {
    // What an error text on the portal means and what to do next, from the flow's known errors.
    params: PortalExplainParams,
    result: z.object({ matches: z.array(ExplainedError) })
  },
  'history.query': {
    // Downsampled series for charts: per time bucket, min/max/avg/count of each metric.
    params: z
      .strictObject({
        ...HistoryRange,
        metrics: z
          .array(HistoryMetric)
          .min(1)
          .max(HISTORY_METRICS.length)
          .refine((list) => new Set(list).size === list.length, 'metrics must not repeat'),
        buckets: z.number().int().min(1).max(HISTORY_MAX_BUCKETS).default(500)
      })
      .refine(oneDevice, ONE_DEVICE)
      .refine(fromNotAfterTo, FROM_NOT_AFTER_TO),
    result: HistorySeries
  },
  'history.export': {
    // Every stored sample in the range as CSV (RFC 4180, ISO 8601 UTC times). Large ranges are refused.
    params: z
      .strictObject(HistoryRange)
      .refine(oneDevice, ONE_DEVICE)
      .refine(fromNotAfterTo, FROM_NOT_AFTER_TO),
    result: z.object({ filename: z.string(), csv: z.string(), rows: z.number().int().nonnegative() })
  },
  'history.devices': {
    // Every device ever recorded, most recently seen first.
    params: z.strictObject({}),
    result: z.object({ devices: z.array(HistoryDevice) })
  },
  'history.retention': {
    // Days of samples kept. Without `days` it only reads the setting; with it, sets it (older samples go soon after).
    params: z.strictObject({ days: z.number().int().min(1).max(3650).optional() }),
    result: z.object({ days: z.number().int() })
  },
  ...shopMethods,
  ...settingsMethods,
  ...diagnosticsMethods
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>
/** Params after validation (defaults filled in): what the host's handlers receive. */
export type ValidParamsOf<M extends MethodName> = z.output<Methods[M]['params']>
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name)
}
