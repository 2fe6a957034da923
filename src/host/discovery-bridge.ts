// Connects device discovery to the device manager: a unit that discovery can reach becomes a managed
// device (with its remembered password); a unit that goes away is removed; everything found, usable or
// not (needs switching, no permission, busy), is published as DiscoveryState with its fix.
import { ContractError } from '../contract/errors'
import type { DiscoveryItem, DiscoveryState } from '../contract/model'
import type { DiscoveredDevice, DiscoveryHealth } from '../devices/discovery'
import type { AddDeviceOptions, DeviceManager } from './device-manager'

/** What the bridge needs of DiscoveryService (an interface, so the host can be tested with a fake). */
export interface DiscoverySource {
  start(): Promise<DiscoveredDevice[]>
  stop(): void
  scan(): Promise<DiscoveredDevice[]>
  devices(): DiscoveredDevice[]
  status(): DiscoveryHealth
  switchMode(id: string): Promise<DiscoveredDevice | undefined>
  on(event: 'found' | 'lost' | 'changed', listener: (payload: { device: DiscoveredDevice }) => void): () => void
  on(event: 'scanned', listener: (payload: { devices: DiscoveredDevice[] }) => void): () => void
}

export interface DiscoveryBridgeOptions {
  source: DiscoverySource
  manager: DeviceManager
  addDevice: (options: AddDeviceOptions) => Promise<void>
  lanProbe: boolean
  publish: (state: DiscoveryState) => void
  log?: (line: string) => void
}

export class DiscoveryBridge {
  private scanning = false
  private readonly unsubscribe: Array<() => void> = []

  constructor(private readonly options: DiscoveryBridgeOptions) {}

  /** Starts hot-plug watching and runs the first scan; resolves when that scan is done. */
  async start(): Promise<void> {
    const { source } = this.options
    this.unsubscribe.push(
      source.on('found', ({ device }) => void this.adopt(device)),
      source.on('changed', ({ device }) => void this.adopt(device)),
      source.on('lost', ({ device }) => void this.release(device)),
      source.on('scanned', () => this.publish())
    )
    await this.run(() => source.start())
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off()
    this.options.source.stop()
  }

  async scan(): Promise<DiscoveryState> {
    await this.run(() => this.options.source.scan())
    return this.state()
  }

  async switchMode(id: string): Promise<DiscoveryState> {
    if (!this.options.source.devices().some((device) => device.id === id)) {
      throw new ContractError('NOT_FOUND', 'That unit is no longer attached.', { id })
    }
    await this.options.source.switchMode(id)
    return this.state()
  }

  state(): DiscoveryState {
    const health = this.options.source.status()
    const state: DiscoveryState = {
      items: this.options.source.devices().map((device) => toItem(device, this.options.manager.has(device.id))),
      usb: health.usb.available ? { available: true } : { available: false, reason: health.usb.reason },
      lanProbe: this.options.lanProbe,
      scanning: this.scanning
    }
    if (health.lastScan) state.lastScanAt = health.lastScan.finishedAt
    return state
  }

  private async run(work: () => Promise<unknown>): Promise<void> {
    this.scanning = true
    this.publish()
    try {
      await work()
    } finally {
      this.scanning = false
      this.publish()
    }
  }

  private async adopt(device: DiscoveredDevice): Promise<void> {
    const { manager } = this.options
    if (device.status !== 'ready' || !device.target || !device.familyId || manager.has(device.id)) return this.publish()
    try {
      await this.options.addDevice({ id: device.id, name: device.name, familyId: device.familyId, target: device.target })
    } catch (error) {
      this.options.log?.(`could not add ${device.id}: ${(error as Error).message}`)
    }
    this.publish()
  }

  private async release(device: DiscoveredDevice): Promise<void> {
    await this.options.manager.remove(device.id)
    this.publish()
  }

  private publish(): void {
    this.options.publish(this.state())
  }
}

function toItem(device: DiscoveredDevice, managed: boolean): DiscoveryItem {
  const item: DiscoveryItem = {
    id: device.id,
    name: device.name,
    status: device.status,
    canSwitch: device.canSwitch,
    managed,
    paths: describePaths(device)
  }
  if (device.familyLabel) item.familyLabel = device.familyLabel
  if (device.reason) item.reason = device.reason
  if (device.fix) item.fix = device.fix.commands ? { summary: device.fix.summary, commands: device.fix.commands } : { summary: device.fix.summary }
  return item
}

function describePaths(device: DiscoveredDevice): string[] {
  const paths: string[] = []
  if (device.usb) paths.push(`USB ${device.usb.usbId}${device.usb.mode ? ` (${device.usb.mode})` : ''}`)
  for (const { via } of device.connections) {
    paths.push(
      via.kind === 'serial'
        ? `Serial ${via.path}${via.role === 'at' ? ' (AT)' : ''}`
        : `Network ${via.baseUrl}${via.interfaceName ? ` via ${via.interfaceName}` : ''}`
    )
  }
  return paths
}
