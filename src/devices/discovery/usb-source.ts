// Where discovery learns which USB devices are plugged in: a small UsbSource interface (list, hot-plug,
// open for a mode switch) and its real implementation over node-usb 3.x, which is WebUSB-only
// (`usb.getDevices()`, `connect`/`disconnect` events; reference toolchain.md §4). USB access is optional:
// containers have no /sys/bus/usb, Linux users may lack permission, the native module may fail to load. In
// every such case the source reports `{ available: false, reason }` and discovery carries on with serial
// ports and the LAN.
import type { ControlSetup } from './switch-messages'

export interface UsbEndpointInfo {
  endpointNumber: number
  direction: 'in' | 'out'
  type: 'bulk' | 'interrupt' | 'isochronous'
}

export interface UsbInterfaceInfo {
  interfaceNumber: number
  interfaceClass: number
  interfaceSubclass: number
  interfaceProtocol: number
  /** The interface string where the OS exposes it (Huawei: "modem", "pcui" …). */
  name?: string
  endpoints: UsbEndpointInfo[]
}

/** One attached USB device as discovery sees it. Plain data: safe to copy, compare and log. */
export interface UsbDeviceInfo {
  vendorId: number
  productId: number
  /** Physical port path in Linux sysfs style ("1-2", "3-1.4"); stays the same across a mode switch. */
  location: string
  /** Bus address; changes on every enumeration (a re-enumeration after a mode switch gives a new one). */
  address?: number
  serialNumber?: string
  manufacturer?: string
  product?: string
  /** Active configuration value, when known. */
  configurationValue?: number
  /** Interfaces of the active configuration; empty when the OS would not tell. */
  interfaces: UsbInterfaceInfo[]
}

export type UsbAvailability = { available: true } | { available: false; reason: string; cause?: string }

export interface UsbListing {
  availability: UsbAvailability
  devices: UsbDeviceInfo[]
}

export type UsbHotplugEvent = { type: 'attach' | 'detach'; device: UsbDeviceInfo }

/**
 * What mode-switch.ts needs from an opened device: the WebUSB USBDevice calls it uses, nothing more, so a
 * test can hand in a recording fake and node-usb's UsbDevice fits as is.
 */
export interface SwitchableUsbDevice {
  readonly configuration?: {
    configurationValue: number
    interfaces: ReadonlyArray<{
      interfaceNumber: number
      alternate: {
        interfaceClass: number
        endpoints: ReadonlyArray<{ endpointNumber: number; direction: 'in' | 'out'; type: 'bulk' | 'interrupt' | 'isochronous' }>
      }
    }>
  } | null
  open(): Promise<void>
  close(): Promise<void>
  selectConfiguration(configurationValue: number): Promise<void>
  claimInterface(interfaceNumber: number): Promise<void>
  releaseInterface(interfaceNumber: number): Promise<void>
  transferOut(endpointNumber: number, data: Uint8Array): Promise<{ status?: string; bytesWritten: number }>
  transferIn(endpointNumber: number, length: number): Promise<{ status?: string }>
  controlTransferOut(setup: ControlSetup, data?: Uint8Array): Promise<{ status?: string; bytesWritten: number }>
  /** Linux only (usb-storage holds interface 0 of a device in CD-ROM mode). */
  detachKernelDriver?(interfaceNumber: number): Promise<void>
}

export interface UsbSource {
  /** Attached devices. Never rejects: trouble is reported as `availability`. */
  list(): Promise<UsbListing>
  /**
   * Hot-plug notifications. Returns the unsubscribe function. When hot-plug cannot work (USB unavailable) the
   * listener is simply never called.
   */
  watch(listener: (event: UsbHotplugEvent) => void): () => void
  /** The device at `device.location` with the same ids, ready to be opened; undefined when it is gone. */
  openable(device: UsbDeviceInfo): Promise<SwitchableUsbDevice | undefined>
}

/** "12d1:1f01" — how ids are written everywhere (lsusb, usb-modeswitch-data, the catalog). */
export function formatUsbId(vendorId: number, productId: number): string {
  return `${hex4(vendorId)}:${hex4(productId)}`
}

export function hex4(value: number): string {
  return value.toString(16).padStart(4, '0')
}

/** Identity of one enumeration of one device; a re-enumeration (new address or new ids) is a new key. */
export function usbEnumerationKey(device: UsbDeviceInfo): string {
  return `${formatUsbId(device.vendorId, device.productId)}@${device.location}${device.address === undefined ? '' : `#${device.address}`}`
}

// ---------------------------------------------------------------------------------------------------------
// The real source over node-usb.

// node-usb's typings lean on the DOM's WebUSB types (@types/w3c-web-usb), which the Node side does not load;
// these are the parts of them this file uses, checked against node_modules/usb/index.d.ts and dist/index.js.
interface NodeUsbEndpoint {
  endpointNumber: number
  direction: 'in' | 'out'
  type: 'bulk' | 'interrupt' | 'isochronous'
}
interface NodeUsbConfiguration {
  configurationValue: number
  interfaces: Array<{
    interfaceNumber: number
    alternate: {
      interfaceClass: number
      interfaceSubclass: number
      interfaceProtocol: number
      interfaceName?: string | null
      endpoints: NodeUsbEndpoint[]
    }
  }>
}
interface NodeUsbDevice {
  vendorId: number
  productId: number
  bus: string
  address: number
  ports: number[]
  readonly serialNumber?: string | null
  readonly manufacturerName?: string | null
  readonly productName?: string | null
  readonly configuration?: NodeUsbConfiguration | null
  open(): Promise<void>
  close(): Promise<void>
  selectConfiguration(value: number): Promise<void>
  claimInterface(interfaceNumber: number): Promise<void>
  releaseInterface(interfaceNumber: number): Promise<void>
  transferOut(endpointNumber: number, data: Uint8Array): Promise<{ status?: string; bytesWritten: number }>
  transferIn(endpointNumber: number, length: number): Promise<{ status?: string }>
  controlTransferOut(setup: ControlSetup, data?: Uint8Array): Promise<{ status?: string; bytesWritten: number }>
  detachKernelDriver(interfaceNumber: number): Promise<void>
}
/** node-usb's `usb` object (a WebUSB with allowAllDevices). */
export interface NodeWebUsb {
  getDevices(): Promise<NodeUsbDevice[]>
  addEventListener(type: 'connect' | 'disconnect', listener: (event: Event) => void): void
  removeEventListener(type: 'connect' | 'disconnect', listener: (event: Event) => void): void
}

export interface NodeUsbSourceOptions {
  /** Loads the `usb` module; injected by tests. The module is loaded lazily so a broken native build only disables USB. */
  load?: () => Promise<{ usb: NodeWebUsb }>
}

/** Turns what node-usb rejects with into a reason a user can read. */
export function describeUsbUnavailable(error: unknown): { reason: string; cause: string } {
  const cause = error instanceof Error ? error.message : String(error)
  if (/\/sys\/bus\/usb[^ ]* not found|no such file/i.test(cause)) {
    return {
      reason:
        'USB devices cannot be listed on this system (there is no /sys/bus/usb, as inside a container). Modems are still found through their serial ports and the network.',
      cause
    }
  }
  if (/permission denied|access denied|EACCES|LIBUSB_ERROR_ACCESS/i.test(cause)) {
    return { reason: 'This user may not list USB devices. Modems are still found through their serial ports and the network.', cause }
  }
  if (/cannot find module|could not load|failed to load|\.node/i.test(cause)) {
    return { reason: 'USB support failed to load on this system. Modems are still found through their serial ports and the network.', cause }
  }
  return { reason: `USB devices could not be listed (${cause}). Modems are still found through their serial ports and the network.`, cause }
}

function describeDevice(device: NodeUsbDevice): UsbDeviceInfo {
  const info: UsbDeviceInfo = {
    vendorId: device.vendorId,
    productId: device.productId,
    location: locationOf(read(() => device.bus) ?? '', read(() => device.ports) ?? []),
    interfaces: []
  }
  const address = read(() => device.address)
  if (typeof address === 'number') info.address = address
  const serialNumber = read(() => device.serialNumber)
  if (serialNumber) info.serialNumber = serialNumber
  const manufacturer = read(() => device.manufacturerName)
  if (manufacturer) info.manufacturer = manufacturer
  const product = read(() => device.productName)
  if (product) info.product = product
  const configuration = read(() => device.configuration)
  if (configuration) {
    info.configurationValue = configuration.configurationValue
    info.interfaces = configuration.interfaces.map((iface) => {
      const alternate = iface.alternate
      const described: UsbInterfaceInfo = {
        interfaceNumber: iface.interfaceNumber,
        interfaceClass: alternate.interfaceClass,
        interfaceSubclass: alternate.interfaceSubclass,
        interfaceProtocol: alternate.interfaceProtocol,
        endpoints: alternate.endpoints.map((endpoint) => ({
          endpointNumber: endpoint.endpointNumber,
          direction: endpoint.direction,
          type: endpoint.type
        }))
      }
      if (alternate.interfaceName) described.name = alternate.interfaceName
      return described
    })
  }
  return info
}

/**
 * Sysfs-style location from node-usb's bus id and port chain ("1" + [2, 4] → "1-2.4"). node-usb documents
 * `bus` loosely ("e.g. 1-1"), so only its leading bus number is used.
 */
export function locationOf(bus: string, ports: readonly number[]): string {
  const busNumber = bus.split('-')[0] ?? bus
  return ports.length > 0 ? `${busNumber}-${ports.join('.')}` : bus
}

/** Descriptor getters of a device that vanished mid-listing throw; treat that as "unknown". */
function read<T>(getter: () => T): T | undefined {
  try {
    return getter()
  } catch {
    return undefined
  }
}

export class NodeUsbSource implements UsbSource {
  private readonly load: () => Promise<{ usb: NodeWebUsb }>
  private module: Promise<{ usb: NodeWebUsb }> | undefined
  private lastAvailability: UsbAvailability | undefined
  private readonly listeners = new Set<(event: UsbHotplugEvent) => void>()
  private subscribed: { usb: NodeWebUsb; connect: (event: Event) => void; disconnect: (event: Event) => void } | undefined

  constructor(options: NodeUsbSourceOptions = {}) {
    this.load = options.load ?? (() => import('usb') as unknown as Promise<{ usb: NodeWebUsb }>)
  }

  /** The availability found by the last list() (undefined before the first). */
  get availability(): UsbAvailability | undefined {
    return this.lastAvailability
  }

  async list(): Promise<UsbListing> {
    let webusb: NodeWebUsb
    try {
      webusb = (await this.loadModule()).usb
    } catch (error) {
      return this.unavailable(error)
    }
    let devices: NodeUsbDevice[]
    try {
      devices = await webusb.getDevices()
    } catch (error) {
      return this.unavailable(error)
    }
    this.lastAvailability = { available: true }
    this.syncSubscription(webusb)
    return { availability: this.lastAvailability, devices: devices.map(describeDevice) }
  }

  watch(listener: (event: UsbHotplugEvent) => void): () => void {
    this.listeners.add(listener)
    // Subscribing to node-usb's events before a listing has succeeded is not safe: its addEventListener
    // lists devices itself and leaves that promise's rejection unhandled when /sys/bus/usb is missing.
    if (this.lastAvailability?.available && this.module) void this.module.then(({ usb }) => this.syncSubscription(usb))
    return () => {
      this.listeners.delete(listener)
      this.syncSubscription(undefined)
    }
  }

  async openable(device: UsbDeviceInfo): Promise<SwitchableUsbDevice | undefined> {
    const webusb = (await this.loadModule()).usb
    const devices = await webusb.getDevices()
    const match = devices.find((candidate) => {
      const info = describeDevice(candidate)
      return info.vendorId === device.vendorId && info.productId === device.productId && info.location === device.location
    })
    return match ? adaptDevice(match) : undefined
  }

  private loadModule(): Promise<{ usb: NodeWebUsb }> {
    this.module ??= this.load()
    return this.module
  }

  private unavailable(error: unknown): UsbListing {
    const { reason, cause } = describeUsbUnavailable(error)
    this.lastAvailability = { available: false, reason, cause }
    return { availability: this.lastAvailability, devices: [] }
  }

  /** Keeps exactly one pair of node-usb listeners while someone watches and USB works. */
  private syncSubscription(webusb: NodeWebUsb | undefined): void {
    const wanted = this.listeners.size > 0 && this.lastAvailability?.available === true && webusb !== undefined
    if (wanted && !this.subscribed) {
      const emit = (type: 'attach' | 'detach') => (event: Event) => {
        const device = (event as Event & { device?: NodeUsbDevice }).device
        if (!device) return
        const info = describeDevice(device)
        for (const listener of [...this.listeners]) listener({ type, device: info })
      }
      this.subscribed = { usb: webusb, connect: emit('attach'), disconnect: emit('detach') }
      webusb.addEventListener('connect', this.subscribed.connect)
      webusb.addEventListener('disconnect', this.subscribed.disconnect)
    } else if (!wanted && this.subscribed && this.listeners.size === 0) {
      this.subscribed.usb.removeEventListener('connect', this.subscribed.connect)
      this.subscribed.usb.removeEventListener('disconnect', this.subscribed.disconnect)
      this.subscribed = undefined
    }
  }
}

/** node-usb's device already speaks WebUSB; this only narrows types and adds the Linux kernel-driver detach. */
function adaptDevice(device: NodeUsbDevice): SwitchableUsbDevice {
  return {
    get configuration() {
      return read(() => device.configuration) ?? null
    },
    open: () => device.open(),
    close: () => device.close(),
    selectConfiguration: (value) => device.selectConfiguration(value),
    claimInterface: (number) => device.claimInterface(number),
    releaseInterface: (number) => device.releaseInterface(number),
    transferOut: (endpoint, data) => device.transferOut(endpoint, data),
    transferIn: (endpoint, length) => device.transferIn(endpoint, length),
    controlTransferOut: (setup, data) => device.controlTransferOut(setup, data),
    detachKernelDriver: (number) => device.detachKernelDriver(number)
  }
}
