// Which device the user means. Devices are listed sorted by id, so the # a `devices` table shows stays the
// same between runs however fast each unit answered; a device is named by its exact id, that #, or a
// unique prefix of its id (case-insensitive). Pure, so the rules are table-tested.
import type { DeviceSummary } from '../contract/model'

export type DeviceMatch =
  | { ok: true; device: DeviceSummary; index: number }
  | { ok: false; reason: 'none' }
  | { ok: false; reason: 'ambiguous'; candidates: DeviceSummary[] }

export function sortDevices<T extends { id: string }>(devices: readonly T[]): T[] {
  return [...devices].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** `devices` must already be sorted (sortDevices); the # is 1-based. */
export function resolveDevice(query: string, devices: readonly DeviceSummary[]): DeviceMatch {
  const found = (device: DeviceSummary): DeviceMatch => ({ ok: true, device, index: devices.indexOf(device) + 1 })
  const exact = devices.find((device) => device.id === query)
  if (exact) return found(exact)
  const number = /^#?(\d{1,4})$/.exec(query)
  if (number) {
    const byIndex = devices[Number(number[1]) - 1]
    if (byIndex) return found(byIndex)
  }
  const lower = query.toLowerCase()
  const candidates = devices.filter((device) => device.id.toLowerCase().startsWith(lower))
  const only = candidates[0]
  if (candidates.length === 1 && only) return found(only)
  return candidates.length === 0 ? { ok: false, reason: 'none' } : { ok: false, reason: 'ambiguous', candidates }
}
