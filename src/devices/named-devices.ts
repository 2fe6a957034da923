// The devices our first users named, with what is known about each and what is not (data in
// resources/devices/named-devices.json). The UI and support answers use it to say honestly what a given
// unit will and will not do; nothing here drives a device.
import { z } from 'zod'
import data from '../../resources/devices/named-devices.json'

const Fact = z.strictObject({
  fact: z.string().min(1),
  confidence: z.enum(['verified', 'reported', 'unverified']),
  source: z.string().min(1)
})

export const NamedDevice = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  marketingName: z.string().min(1),
  carrier: z.string().min(1),
  vendor: z.string().min(1),
  model: z.string().min(1),
  radio: z.string().min(1),
  /** The driver family, or null when no family can drive it yet. */
  family: z.string().nullable(),
  defaultAddress: z.string().nullable(),
  /** `<family>:<variant>` of the simulator that models it, when one does. */
  simulatorProfile: z.string().nullable(),
  known: z.array(Fact).min(1),
  unknown: z.array(z.string()),
  advice: z.string().optional()
})
export type NamedDevice = z.infer<typeof NamedDevice>

const NamedDevices = z.strictObject({ $comment: z.string(), devices: z.array(NamedDevice) })

let parsed: NamedDevice[] | undefined

export function namedDevices(): NamedDevice[] {
  parsed ??= NamedDevices.parse(data).devices
  return parsed
}

/** The named device a model string refers to ("MF96", "UMG587", "SM-V100T"), if any. */
export function findNamedDevice(model: string | undefined): NamedDevice | undefined {
  if (!model) return undefined
  const wanted = model.toUpperCase()
  return namedDevices().find((device) => wanted.includes(device.model.toUpperCase()))
}
