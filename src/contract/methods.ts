// Every request the UI (or CLI, or a test) may send to the core host, named domain.action,
// with the schema of its params and of its result. The host validates params at the boundary.
import { z } from 'zod'
import { DeviceStatus, DeviceSummary } from './model'

const DeviceId = z.string().min(1).max(200)

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
  }
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name)
}
