// Owns every device the host knows: adds and removes them, tracks which ones are on screen
// (focus, per client), and reports each change to listeners as a device.changed payload.
import { ContractError } from '../contract/errors'
import type { PayloadOf } from '../contract/events'
import type { DeviceStatus, DeviceSummary } from '../contract/model'
import type { DeviceTarget, DriverRegistry } from '../devices/driver'
import { ManagedDevice } from './managed-device'
import { DEFAULT_POLLING_RATES, type PollingRates } from './polling-policy'

export type DeviceChange = PayloadOf<'device.changed'>
export type DeviceChangeListener = (change: DeviceChange) => void

export interface AddDeviceOptions {
  id: string
  name: string
  familyId: string
  target: DeviceTarget
  demo?: boolean
}

export class DeviceManager {
  private readonly devices = new Map<string, ManagedDevice>()
  private readonly focusByClient = new Map<string, string>()
  private readonly listeners = new Set<DeviceChangeListener>()
  private rates: PollingRates

  constructor(
    private readonly registry: DriverRegistry,
    options: { rates?: Partial<PollingRates> } = {}
  ) {
    this.rates = { ...DEFAULT_POLLING_RATES, ...options.rates }
  }

  onChange(listener: DeviceChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  list(): DeviceSummary[] {
    return [...this.devices.values()].map((device) => device.summary())
  }

  has(id: string): boolean {
    return this.devices.has(id)
  }

  add(options: AddDeviceOptions): DeviceSummary {
    if (this.devices.has(options.id)) return this.require(options.id).summary()
    const family = this.registry.get(options.familyId)
    if (!family) throw new ContractError('UNSUPPORTED', `No driver for device family "${options.familyId}".`)
    const device = new ManagedDevice({
      id: options.id,
      name: options.name,
      family,
      target: options.target,
      demo: options.demo ?? false,
      rates: () => this.rates,
      isFocused: () => this.isFocused(options.id),
      onChange: (changed, status) => this.emit({ kind: 'updated', device: changed.summary(), ...(status ? { status } : {}) })
    })
    this.devices.set(device.id, device)
    this.emit({ kind: 'added', device: device.summary() })
    device.start()
    return device.summary()
  }

  async remove(id: string): Promise<boolean> {
    const device = this.devices.get(id)
    if (!device) return false
    this.devices.delete(id)
    await device.stop()
    this.emit({ kind: 'removed', device: device.summary() })
    return true
  }

  /** The device itself, for operations; NOT_FOUND when it is gone. */
  get(id: string): ManagedDevice {
    return this.require(id)
  }

  /** The latest reading; when there is none yet, waits for one poll. */
  async status(id: string): Promise<DeviceStatus> {
    const device = this.require(id)
    if (!device.status()) await device.pollOnce()
    const status = device.status()
    if (status) return status
    const error = device.summary().lastError
    throw error
      ? new ContractError(error.code, error.message, error.details)
      : new ContractError('DEVICE_GONE', `Device ${id} has not answered yet.`)
  }

  /** A client now shows `deviceId` (or nothing, with null). */
  setFocus(clientId: string, deviceId: string | null): void {
    const before = this.focusByClient.get(clientId)
    if (deviceId === null) this.focusByClient.delete(clientId)
    else this.focusByClient.set(clientId, deviceId)
    if (deviceId !== null && deviceId !== before) this.devices.get(deviceId)?.pollSoon()
  }

  clearClient(clientId: string): void {
    this.focusByClient.delete(clientId)
  }

  setRates(rates: Partial<PollingRates>): void {
    this.rates = { ...this.rates, ...rates }
    // A device waiting out the old (longer) interval is read now and then keeps the new pace.
    for (const device of this.devices.values()) device.pollSoon()
  }

  async close(): Promise<void> {
    const ids = [...this.devices.keys()]
    await Promise.all(ids.map((id) => this.remove(id)))
    this.listeners.clear()
  }

  /** Whether some client has this device on screen (history keeps 1 s samples for those). */
  isFocused(id: string): boolean {
    for (const focused of this.focusByClient.values()) if (focused === id) return true
    return false
  }

  private require(id: string): ManagedDevice {
    const device = this.devices.get(id)
    if (!device) throw new ContractError('NOT_FOUND', `No device with id "${id}". It may have been unplugged.`, { deviceId: id })
    return device
  }

  private emit(change: DeviceChange): void {
    for (const listener of this.listeners) listener(change)
  }
}
