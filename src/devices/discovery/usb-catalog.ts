// The table of USB modems and hotspots discovery recognises (resources/usb/known-devices.json): for each
// vendor:product id the mode it is in (installer CD-ROM, serial modem, network, HiLink), the device family to
// drive it with, which serial interface carries AT commands (and which must never be touched), and how to
// switch it out of CD-ROM mode. Data, validated with zod when loaded; every entry cites its source
// (usb-modeswitch-data / reference/device-protocols.md §4.7, §4.8, §5.2).
import { z } from 'zod'
import knownDevices from '../../../resources/usb/known-devices.json'
import { SWITCH_METHODS } from './switch-messages'
import { formatUsbId, type UsbDeviceInfo, type UsbInterfaceInfo } from './usb-source'

const HexId = z.string().regex(/^[0-9a-f]{4}$/, 'a USB id is four lowercase hex digits')
const Confidence = z.enum(['V', 'R', 'U'])

export const USB_MODES = ['storage', 'modem', 'network', 'hilink'] as const
export type UsbMode = (typeof USB_MODES)[number]

export const PORT_ROLES = ['at', 'at-secondary', 'ppp', 'diag', 'gps', 'other'] as const
export type PortRole = (typeof PORT_ROLES)[number]

const DescriptorRule = z.object({
  interfaceClass: z.number().int().min(0).max(255),
  interfaceSubclass: z.number().int().min(0).max(255).optional(),
  interfaceProtocol: z.number().int().min(0).max(255),
  role: z.enum(PORT_ROLES)
})

const Vendor = z.object({
  name: z.string().min(1),
  /** AT dialect of this vendor's modems (generic-at family). */
  dialect: z.string().optional(),
  /** Port roles encoded in interface descriptors (Huawei: class 0xff, protocol 0x02 = PCUI). */
  portDescriptors: z.array(DescriptorRule).optional(),
  source: z.string().min(1)
})

const Ports = z
  .object({
    /** Interface number → role, from ModemManager's udev port hints and vendor documents. */
    interfaces: z.array(z.object({ number: z.number().int().min(0).max(255), role: z.enum(PORT_ROLES) })).optional(),
    /** Role of the n-th tty of the device in path order, for when the OS hides interface numbers [U]. */
    ttyOrder: z.array(z.enum(PORT_ROLES)).optional(),
    source: z.string().min(1)
  })
  .refine((ports) => ports.interfaces !== undefined || ports.ttyOrder !== undefined, 'ports needs interfaces or ttyOrder')

const Switch = z.object({
  method: z.enum(SWITCH_METHODS),
  /** Product ids the device comes back with (same vendor). */
  targets: z.array(HexId).min(1),
  /** For method "configuration". */
  configuration: z.number().int().min(1).optional(),
  /**
   * When the entry needs switching: always (a CD-ROM-only id), when interface 0 is mass storage (old Huawei
   * sticks keep their id), or when the active configuration is not `configuration` (Novatel/Inseego).
   */
  needed: z.enum(['always', 'interface-class', 'configuration']).default('always')
})

const Entry = z
  .object({
    vendorId: HexId,
    productId: HexId,
    name: z.string().min(1),
    mode: z.enum(USB_MODES),
    family: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .optional(),
    ports: Ports.optional(),
    switch: Switch.optional(),
    confidence: Confidence,
    note: z.string().optional(),
    source: z.string().min(1)
  })
  .superRefine((entry, context) => {
    if (entry.mode === 'storage' && !entry.switch) context.addIssue({ code: 'custom', message: 'a storage-mode entry needs a switch method' })
    if (entry.mode !== 'storage' && !entry.family) context.addIssue({ code: 'custom', message: 'a modem/network entry needs a family' })
    if (entry.switch?.method === 'configuration' && entry.switch.configuration === undefined) {
      context.addIssue({ code: 'custom', message: 'method "configuration" needs switch.configuration' })
    }
    if (entry.switch?.needed === 'configuration' && entry.switch.method !== 'configuration') {
      context.addIssue({ code: 'custom', message: 'needed "configuration" only goes with method "configuration"' })
    }
  })

export const UsbCatalogSchema = z
  .object({
    $comment: z.string().optional(),
    vendors: z.record(HexId, Vendor),
    devices: z.array(Entry)
  })
  .superRefine((catalog, context) => {
    const seen = new Set<string>()
    catalog.devices.forEach((entry, index) => {
      const id = `${entry.vendorId}:${entry.productId}`
      if (seen.has(id)) context.addIssue({ code: 'custom', path: ['devices', index], message: `duplicate entry ${id}` })
      seen.add(id)
      if (!catalog.vendors[entry.vendorId]) {
        context.addIssue({ code: 'custom', path: ['devices', index, 'vendorId'], message: `vendor ${entry.vendorId} is not described` })
      }
    })
  })

export type UsbCatalogData = z.infer<typeof UsbCatalogSchema>
export type UsbCatalogEntry = z.infer<typeof Entry>
export type UsbVendor = z.infer<typeof Vendor>

/** A device matched against the catalog, with the mode it is in right now. */
export interface UsbMatch {
  entry: UsbCatalogEntry
  vendor: UsbVendor
  /** The entry's mode, except that a same-id device still in CD-ROM mode reads as storage. */
  mode: UsbMode
  needsSwitching: boolean
}

const MASS_STORAGE_CLASS = 0x08

export class UsbCatalog {
  private readonly byId = new Map<string, UsbCatalogEntry>()

  constructor(readonly data: UsbCatalogData) {
    for (const entry of data.devices) this.byId.set(`${entry.vendorId}:${entry.productId}`, entry)
  }

  get entries(): readonly UsbCatalogEntry[] {
    return this.data.devices
  }

  vendor(vendorId: number): UsbVendor | undefined {
    return this.data.vendors[vendorIdHex(vendorId)]
  }

  entry(vendorId: number, productId: number): UsbCatalogEntry | undefined {
    return this.byId.get(formatUsbId(vendorId, productId))
  }

  /**
   * The catalog entry and current mode of an attached device. `device` may be partial (a serial port only
   * knows its ids); then the entry's own mode is taken.
   */
  match(device: Pick<UsbDeviceInfo, 'vendorId' | 'productId'> & Partial<Pick<UsbDeviceInfo, 'interfaces' | 'configurationValue'>>): UsbMatch | undefined {
    const entry = this.entry(device.vendorId, device.productId)
    const vendor = this.vendor(device.vendorId)
    if (!entry || !vendor) return undefined
    const needsSwitching = switchNeeded(entry, device)
    return { entry, vendor, mode: needsSwitching ? 'storage' : entry.mode, needsSwitching }
  }
}

function switchNeeded(entry: UsbCatalogEntry, device: Partial<Pick<UsbDeviceInfo, 'interfaces' | 'configurationValue'>>): boolean {
  const rule = entry.switch
  if (!rule) return false
  switch (rule.needed) {
    case 'always':
      return true
    case 'interface-class': {
      const first = device.interfaces?.find((iface) => iface.interfaceNumber === 0)
      return first?.interfaceClass === MASS_STORAGE_CLASS
    }
    case 'configuration':
      return device.configurationValue !== undefined && device.configurationValue !== rule.configuration
  }
}

function vendorIdHex(vendorId: number): string {
  return vendorId.toString(16).padStart(4, '0')
}

/** Validates catalog JSON (the bundled table or a user's override). Throws with every problem listed. */
export function parseUsbCatalog(raw: unknown): UsbCatalog {
  const parsed = UsbCatalogSchema.safeParse(raw)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')
    throw new Error(`invalid USB device catalog: ${problems}`)
  }
  return new UsbCatalog(parsed.data)
}

let bundled: UsbCatalog | undefined

/** The catalog shipped in resources/usb/known-devices.json, validated once. */
export function loadUsbCatalog(): UsbCatalog {
  bundled ??= parseUsbCatalog(knownDevices)
  return bundled
}

/**
 * Whether a device of a catalog vendor that is not in the table looks like a modem worth reporting:
 * mass storage on interface 0 (an unknown stick in CD-ROM mode), vendor-specific or CDC/RNDIS functions —
 * but not an Android phone (MTP/PTP class 0x06 or the ADB interface 0xff/0x42).
 */
export function looksLikeModem(interfaces: readonly UsbInterfaceInfo[]): boolean {
  if (interfaces.length === 0) return false
  const android = interfaces.some(
    (iface) => iface.interfaceClass === 0x06 || (iface.interfaceClass === 0xff && iface.interfaceSubclass === 0x42)
  )
  if (android) return false
  return interfaces.some((iface) => [MASS_STORAGE_CLASS, 0xff, 0x02, 0x0a, 0xe0].includes(iface.interfaceClass))
}

/** True when interface 0 is mass storage: a stick showing its installer CD-ROM. */
export function showsInstallerCdrom(interfaces: readonly UsbInterfaceInfo[]): boolean {
  return interfaces.find((iface) => iface.interfaceNumber === 0)?.interfaceClass === MASS_STORAGE_CLASS
}
