// Everything the host pushes without being asked.
import { z } from 'zod'
import { DeviceStatus, DeviceSummary, DiscoveryState } from './model'
import { PortalChanged } from './carrier'
import { shopEvents } from './shop'
import { settingsEvents } from './settings'
import { diagnosticsEvents } from './diagnostics'

export const events = {
  'device.changed': z.object({
    kind: z.enum(['added', 'updated', 'removed']),
    device: DeviceSummary,
    /** The fresh reading, when this change came from a poll. */
    status: DeviceStatus.optional()
  }),
  'discovery.changed': DiscoveryState,
  'apn.progress': z.object({
    deviceId: z.string(),
    step: z.enum(['snapshot', 'apply', 'reattach', 'verify', 'restore']),
    status: z.enum(['started', 'ok', 'failed']),
    detail: z.string().optional()
  }),
  /** A portal view opened, moved, recognised a step, lost its selectors, failed to load or closed. */
  'portal.changed': PortalChanged,
  ...shopEvents,
  ...settingsEvents,
  ...diagnosticsEvents
} as const

export type Events = typeof events
export type EventName = keyof Events
export type PayloadOf<E extends EventName> = z.output<Events[E]>
