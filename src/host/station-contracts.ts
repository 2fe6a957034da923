// What the station's two services promise each other: batch provisioning (station-service) tells the
// inventory what it set on a unit, and the returns check-in asks provisioning to re-apply a profile.
// Kept here so neither service imports the other.
import type { DeviceStatus } from '../contract/model'
import type { JobUnit } from '../contract/shop'

/**
 * The key a physical unit is known by across jobs, the inventory and returns: its IMEI, else its
 * serial number, else (a device that reports neither) the host's device id.
 */
export function unitKeyOf(status: Pick<DeviceStatus, 'deviceId' | 'identity'>): string {
  const imei = status.identity.imei?.trim()
  if (imei) return `imei:${imei}`
  const serial = status.identity.serialNumber?.trim()
  if (serial) return `serial:${serial}`
  return `device:${status.deviceId}`
}

/** One unit a job finished: what the inventory records. Secrets travel only here, never in logs or events. */
export interface ProvisionedUnit {
  unitKey: string
  deviceId: string
  status: DeviceStatus
  profileId: string
  at: number
  ssid?: string
  wifiKey?: string
  adminPassword?: string
}

export interface InventorySink {
  recordProvisioned(unit: ProvisionedUnit): void
}

export interface UnitProvisioner {
  /** Applies a saved profile to one attached unit, verified and rolled back like a batch unit. */
  provisionOne(deviceId: string, profileId: string, signal?: AbortSignal): Promise<JobUnit>
}
