// Test doubles for discovery: a USB bus you plug devices into by hand, and a recording WebUSB device.
import type { ControlSetup } from '../../src/devices/discovery/switch-messages'
import type {
  SwitchableUsbDevice,
  UsbAvailability,
  UsbDeviceInfo,
  UsbHotplugEvent,
  UsbInterfaceInfo,
  UsbListing,
  UsbSource
} from '../../src/devices/discovery/usb-source'

export function storageInterfaces(): UsbInterfaceInfo[] {
  return [
    {
      interfaceNumber: 0,
      interfaceClass: 0x08,
      interfaceSubclass: 0x06,
      interfaceProtocol: 0x50,
      endpoints: [
        { endpointNumber: 1, direction: 'out', type: 'bulk' },
        { endpointNumber: 1, direction: 'in', type: 'bulk' }
      ]
    }
  ]
}

/** A Huawei stick in modem mode: if00 modem (ff/02/01), if01 diag (ff/02/12), if02 PCUI (ff/02/02), if03 NCM. */
export function huaweiModemInterfaces(): UsbInterfaceInfo[] {
  const vendor = (interfaceNumber: number, protocol: number): UsbInterfaceInfo => ({
    interfaceNumber,
    interfaceClass: 0xff,
    interfaceSubclass: 0x02,
    interfaceProtocol: protocol,
    endpoints: []
  })
  return [vendor(0, 0x01), vendor(1, 0x12), vendor(2, 0x02), { interfaceNumber: 3, interfaceClass: 0x02, interfaceSubclass: 0x0d, interfaceProtocol: 0, endpoints: [] }]
}

export function cdcEthernetInterfaces(): UsbInterfaceInfo[] {
  return [
    { interfaceNumber: 0, interfaceClass: 0x02, interfaceSubclass: 0x06, interfaceProtocol: 0, endpoints: [] },
    { interfaceNumber: 1, interfaceClass: 0x0a, interfaceSubclass: 0, interfaceProtocol: 0, endpoints: [] }
  ]
}

export function usbDevice(
  vendorId: number,
  productId: number,
  location: string,
  extra: Partial<UsbDeviceInfo> = {}
): UsbDeviceInfo {
  return { vendorId, productId, location, interfaces: [], ...extra }
}

export class FakeUsbSource implements UsbSource {
  devices: UsbDeviceInfo[] = []
  availability: UsbAvailability = { available: true }
  listCalls = 0
  readonly openables = new Map<string, SwitchableUsbDevice>()
  private readonly listeners = new Set<(event: UsbHotplugEvent) => void>()

  constructor(devices: UsbDeviceInfo[] = []) {
    this.devices = [...devices]
  }

  get watchers(): number {
    return this.listeners.size
  }

  async list(): Promise<UsbListing> {
    this.listCalls++
    return this.availability.available ? { availability: this.availability, devices: [...this.devices] } : { availability: this.availability, devices: [] }
  }

  watch(listener: (event: UsbHotplugEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async openable(device: UsbDeviceInfo): Promise<SwitchableUsbDevice | undefined> {
    return this.openables.get(device.location)
  }

  attach(device: UsbDeviceInfo): void {
    this.devices.push(device)
    this.emit({ type: 'attach', device })
  }

  detach(location: string): void {
    const gone = this.devices.filter((device) => device.location === location)
    this.devices = this.devices.filter((device) => device.location !== location)
    for (const device of gone) this.emit({ type: 'detach', device })
  }

  /** An event with no change on the bus (noise a hub makes). */
  emit(event: UsbHotplugEvent): void {
    for (const listener of [...this.listeners]) listener(event)
  }
}

export type RecordedCall =
  | { op: 'open' | 'close' }
  | { op: 'selectConfiguration' | 'claimInterface' | 'releaseInterface' | 'detachKernelDriver'; value: number }
  | { op: 'transferOut'; endpoint: number; hex: string }
  | { op: 'transferIn'; endpoint: number; length: number }
  | { op: 'controlTransferOut'; setup: ControlSetup; length: number }

/** A WebUSB device that records every call; `fail` makes a step reject with the given error. */
export class RecordingUsbDevice implements SwitchableUsbDevice {
  readonly calls: RecordedCall[] = []
  fail: Partial<Record<RecordedCall['op'], Error>> = {}
  /** Called after each successful transferOut (e.g. to re-enumerate on the bus). */
  onTransferOut: ((index: number) => void) | undefined
  private outCount = 0

  constructor(public configuration: SwitchableUsbDevice['configuration'] = null) {}

  static storage(): RecordingUsbDevice {
    return new RecordingUsbDevice({
      configurationValue: 1,
      interfaces: storageInterfaces().map((iface) => ({
        interfaceNumber: iface.interfaceNumber,
        alternate: { interfaceClass: iface.interfaceClass, endpoints: iface.endpoints }
      }))
    })
  }

  private step(op: RecordedCall['op']): void {
    const error = this.fail[op]
    if (error) throw error
  }

  async open() {
    this.step('open')
    this.calls.push({ op: 'open' })
  }
  async close() {
    this.calls.push({ op: 'close' })
  }
  async selectConfiguration(value: number) {
    this.step('selectConfiguration')
    this.calls.push({ op: 'selectConfiguration', value })
  }
  async claimInterface(value: number) {
    this.step('claimInterface')
    this.calls.push({ op: 'claimInterface', value })
  }
  async releaseInterface(value: number) {
    this.calls.push({ op: 'releaseInterface', value })
  }
  async detachKernelDriver(value: number) {
    this.step('detachKernelDriver')
    this.calls.push({ op: 'detachKernelDriver', value })
  }
  async transferOut(endpoint: number, data: Uint8Array) {
    this.step('transferOut')
    this.calls.push({ op: 'transferOut', endpoint, hex: Buffer.from(data).toString('hex') })
    const index = this.outCount++
    this.onTransferOut?.(index)
    return { status: 'ok', bytesWritten: data.length }
  }
  async transferIn(endpoint: number, length: number) {
    this.calls.push({ op: 'transferIn', endpoint, length })
    this.step('transferIn')
    return { status: 'ok' }
  }
  async controlTransferOut(setup: ControlSetup, data?: Uint8Array) {
    this.step('controlTransferOut')
    this.calls.push({ op: 'controlTransferOut', setup, length: data?.length ?? 0 })
    return { status: 'ok', bytesWritten: 0 }
  }
}
