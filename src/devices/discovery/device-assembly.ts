// Turns one scan's raw findings — USB devices, serial ports, LAN fingerprint hits — into DiscoveredDevice
// records, one per physical unit. Pure: the service does the I/O (listing, probing) and hands the results in.
//
// One device, two paths. Findings are the same unit when
//   - a serial port sits on the USB device's port (Linux sysfs location), or has its ids and USB serial number;
//   - a LAN answer came through a USB network interface on the device's port (sysfs), or — where the OS does
//     not say which port an interface is on — through a USB-looking interface while exactly one unit of that
//     family is waiting for its network path.
import type { ContractError } from '../../contract/errors'
import type { DriverFamily } from '../driver'
import type { DiscoveryFix } from './access-fixes'
import type {
  DiscoveredConnection,
  DiscoveredDevice,
  DiscoveredUsb,
  DiscoveryReasonCode,
  DiscoveryStatus,
  NetworkVia
} from './discovered-device'
import type { LanHit } from './lan-probe'
import type { ModeSwitchError } from './mode-switch'
import { assignPortRoles, chooseAtPort, type AtPortChoice, type AtProbeResult, type ModemSerialPort, type PortWithRole } from './serial-ports'
import { looksLikeModem, showsInstallerCdrom, type UsbCatalog, type UsbMatch } from './usb-catalog'
import { formatUsbId, type UsbDeviceInfo } from './usb-source'

/** The findings that belong to one physical unit. */
export interface Unit {
  key: string
  usb?: UsbDeviceInfo
  ports: ModemSerialPort[]
  lan: LanHit[]
}

export interface GroupInput {
  usbDevices: readonly UsbDeviceInfo[]
  ports: readonly ModemSerialPort[]
  lanHits: readonly LanHit[]
  catalog: UsbCatalog
}

/** Whether a USB device is worth a record: a catalog device, or a modem vendor's device that looks like a modem. */
export function isRelevantUsbDevice(device: UsbDeviceInfo, catalog: UsbCatalog): boolean {
  if (!catalog.vendor(device.vendorId)) return false
  return catalog.entry(device.vendorId, device.productId) !== undefined || looksLikeModem(device.interfaces)
}

export function groupUnits(input: GroupInput): Unit[] {
  const { catalog } = input
  const units: Unit[] = []
  const byLocation = new Map<string, Unit>()
  for (const device of input.usbDevices) {
    if (!isRelevantUsbDevice(device, catalog)) continue
    const unit: Unit = { key: `usb@${device.location}`, usb: device, ports: [], lan: [] }
    units.push(unit)
    byLocation.set(device.location, unit)
  }

  const serialOnly = new Map<string, Unit>()
  for (const port of input.ports) {
    if (!catalog.vendor(port.vendorId)) continue // not a modem vendor: never ours to touch
    let unit = port.usbLocation ? byLocation.get(port.usbLocation) : undefined
    if (!unit) {
      const sameIds = units.filter(
        (candidate) =>
          candidate.usb?.vendorId === port.vendorId &&
          candidate.usb.productId === port.productId &&
          (port.serialNumber === undefined || candidate.usb.serialNumber === port.serialNumber)
      )
      if (sameIds.length === 1) unit = sameIds[0]
    }
    if (!unit) {
      unit = serialOnly.get(port.groupKey)
      if (!unit) {
        unit = { key: `tty:${port.groupKey}`, ports: [], lan: [] }
        serialOnly.set(port.groupKey, unit)
        units.push(unit)
      }
    }
    unit.ports.push(port)
  }

  for (const hit of input.lanHits) {
    let unit = hit.target.usbLocation ? byLocation.get(hit.target.usbLocation) : undefined
    if (!unit && hit.target.usbNetwork) {
      const waiting = units.filter((candidate) => candidate.lan.length === 0 && catalogFamily(candidate, catalog) === hit.familyId)
      if (waiting.length === 1) unit = waiting[0]
    }
    if (unit) unit.lan.push(hit)
    else units.push({ key: `lan:${hit.target.baseUrl}`, ports: [], lan: [hit] })
  }
  return units
}

function unitIds(unit: Unit): { vendorId: number; productId: number } | undefined {
  if (unit.usb) return unit.usb
  return unit.ports[0]
}

function matchUnit(unit: Unit, catalog: UsbCatalog): UsbMatch | undefined {
  if (unit.usb) return catalog.match(unit.usb)
  const ids = unitIds(unit)
  return ids ? catalog.match(ids) : undefined
}

function catalogFamily(unit: Unit, catalog: UsbCatalog): string | undefined {
  return matchUnit(unit, catalog)?.entry.family
}

/** Port roles and the AT port choice for a unit's ttys. */
export function planAtPort(unit: Unit, catalog: UsbCatalog): { roles: PortWithRole[]; choice: AtPortChoice } {
  const roles = assignPortRoles(unit.ports, matchUnit(unit, catalog), unit.usb?.interfaces ?? [])
  return { roles, choice: chooseAtPort(roles) }
}

/** Key of a USB unit for remembering a failed switch across scans. */
export function switchKey(device: UsbDeviceInfo): string {
  return `${formatUsbId(device.vendorId, device.productId)}@${device.location}`
}

export interface AssemblyContext {
  catalog: UsbCatalog
  families: { get(id: string): DriverFamily | undefined }
  /** Outcome of the AT probe per chosen port path ('owned': the host holds the port, not probed). */
  probes: ReadonlyMap<string, AtProbeResult | 'owned'>
  /** The last failed mode switch per switchKey(). */
  switchFailures?: ReadonlyMap<string, ModeSwitchError>
  /** Which transport becomes primary when both have a driver; default network (the web API does more). */
  prefer?: 'network' | 'serial'
  /** Whether the LAN was probed at all (for the wording of "waiting-for-network"). */
  lanProbeEnabled?: boolean
  /** Fix shown for a CD-ROM stick with no known switch method (default: install usb-modeswitch). */
  fixForUnknownSwitch?: DiscoveryFix
}

const NO_SWITCH_METHOD_FIX: DiscoveryFix = {
  summary:
    'Hotspot Desk does not know the switch command for this stick. On Linux, install your distribution’s usb-modeswitch package, which knows many more models, then replug the stick.'
}

export function describeUnit(unit: Unit, context: AssemblyContext): DiscoveredDevice {
  const { catalog } = context
  const match = matchUnit(unit, catalog)
  const ids = unitIds(unit)
  const vendor = ids ? catalog.vendor(ids.vendorId) : undefined
  const plan = unit.ports.length > 0 ? planAtPort(unit, catalog) : undefined
  const fingerprint = unit.lan[0]?.fingerprint

  // Connections: network answers, then the AT port if it answered (or the host already holds it).
  const connections: Array<Omit<DiscoveredConnection, 'role'>> = []
  for (const hit of unit.lan) {
    const via: NetworkVia = { kind: 'network', address: hit.target.address, baseUrl: hit.target.baseUrl, via: hit.target.via }
    if (hit.target.interfaceName) via.interfaceName = hit.target.interfaceName
    connections.push({ connection: hit.connection, familyId: hit.familyId, driverAvailable: context.families.get(hit.familyId) !== undefined, via })
  }
  let serialProblem: Extract<AtProbeResult, { ok: false }> | undefined
  if (plan?.choice.ok && !match?.needsSwitching) {
    const { port, role, basis } = plan.choice
    const probe = context.probes.get(port.path)
    if (probe === 'owned' || probe?.ok) {
      const familyId = match?.entry.mode === 'modem' ? match.entry.family : 'generic-at'
      const via: DiscoveredConnection['via'] = { kind: 'serial', path: port.path, role, chosenBy: basis, probe: probe === 'owned' ? 'owned' : 'ok' }
      if (port.interfaceNumber !== undefined) via.interfaceNumber = port.interfaceNumber
      if (match?.vendor.dialect) via.dialect = match.vendor.dialect
      connections.push({
        connection: { kind: 'serial', path: port.path },
        ...(familyId ? { familyId } : {}),
        driverAvailable: familyId !== undefined && context.families.get(familyId) !== undefined,
        via
      })
    } else if (probe && !probe.ok) {
      serialProblem = probe
    }
  }

  // Primary: a connection we can drive, the preferred transport first.
  const preferred = context.prefer === 'serial' ? 'serial' : 'network'
  const rank = (candidate: Omit<DiscoveredConnection, 'role'>) => (candidate.driverAvailable ? 0 : 2) + (candidate.via.kind === preferred ? 0 : 1)
  const ordered = connections
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => rank(a.candidate) - rank(b.candidate) || a.index - b.index)
    .map(({ candidate }, index): DiscoveredConnection => ({ ...candidate, role: index === 0 ? 'primary' : 'secondary' }))
  const primary = ordered[0]
  const primaryFamily = primary?.familyId ? context.families.get(primary.familyId) : undefined

  const name =
    fingerprint?.model ??
    match?.entry.name ??
    (unit.usb?.product ? [unit.usb.manufacturer, unit.usb.product].filter(Boolean).join(' ') : undefined) ??
    (vendor && ids ? `${vendor.name} device ${formatUsbId(ids.vendorId, ids.productId)}` : undefined) ??
    primaryFamily?.label ??
    unit.lan[0]?.target.address ??
    'Unknown device'

  const device: DiscoveredDevice = {
    id: unitId(unit, plan?.choice),
    name,
    status: 'unsupported',
    connections: ordered,
    canSwitch: false
  }
  if (primary?.familyId) device.familyId = primary.familyId
  if (primaryFamily) device.familyLabel = primaryFamily.label
  if (primary) device.target = { connection: primary.connection }
  if (fingerprint) device.fingerprint = fingerprint
  if (ids) device.usb = describeUsb(unit, ids, match, plan?.roles ?? [])

  const set = (status: DiscoveryStatus, reasonCode?: DiscoveryReasonCode, reason?: string, fix?: DiscoveryFix, error?: ContractError) => {
    device.status = status
    if (reasonCode) device.reasonCode = reasonCode
    if (reason) device.reason = reason
    if (fix) device.fix = fix
    if (error) device.error = error.toData()
  }

  const installerCdrom = match ? match.needsSwitching : unit.usb !== undefined && showsInstallerCdrom(unit.usb.interfaces)
  if (installerCdrom) {
    device.canSwitch = match?.entry.switch !== undefined
    const failure = unit.usb ? context.switchFailures?.get(switchKey(unit.usb)) : undefined
    if (!device.canSwitch) {
      set('unsupported', 'no-switch-method', `${name} is showing its installer CD-ROM, and Hotspot Desk does not know how to switch this model.`, context.fixForUnknownSwitch ?? NO_SWITCH_METHOD_FIX)
    } else if (failure?.failure === 'permission') {
      set('no-permission', 'usb-permission-denied', failure.message, failure.fix, failure)
    } else if (failure) {
      set('needs-switching', 'switch-failed', failure.message, failure.fix, failure)
    } else {
      set('needs-switching', 'installer-cdrom', `${name} is showing its installer CD-ROM instead of the modem. Switch it to modem mode to use it.`, {
        summary: 'Choose “Switch mode”. (On Linux, the usb-modeswitch package does this automatically when it knows the model.)'
      })
    }
    return device
  }

  if (ordered.some((candidate) => candidate.driverAvailable)) {
    device.status = 'ready'
    return device
  }
  if (serialProblem) {
    const error = serialProblem.error
    if (serialProblem.problem === 'busy') return (set('busy', 'port-busy', serialProblem.reason, serialProblem.fix, error), device)
    if (serialProblem.problem === 'no-permission') return (set('no-permission', 'permission-denied', serialProblem.reason, serialProblem.fix, error), device)
    if (ordered.length === 0) {
      set('unsupported', 'no-answer', `${serialProblem.reason} The modem may still be starting; scan again in a few seconds.`, undefined, error)
      return device
    }
  }
  if (ordered.length > 0) {
    const family = primary?.familyId ?? 'unknown'
    set('unsupported', 'no-driver', `${name} was found, but this version of Hotspot Desk has no driver for its kind (${family}) yet.`)
    return device
  }
  if (plan && !plan.choice.ok) {
    set('unsupported', unit.ports.length === 0 ? 'no-serial-port' : 'at-port-unknown', plan.choice.reason)
    return device
  }
  if (match && (match.mode === 'network' || match.mode === 'hilink')) {
    set(
      'unsupported',
      'waiting-for-network',
      context.lanProbeEnabled === false
        ? `${name} works as a network adapter, and looking for devices on the network is turned off. Turn it on, or add the device by its address.`
        : `${name} works as a network adapter, but its web interface has not answered yet. It can take a few seconds after plugging in; scan again, or add it by its address.`
    )
    return device
  }
  if (match && match.mode === 'modem') {
    set('unsupported', 'no-serial-port', `${name} is in modem mode, but none of its serial ports appeared. Its serial driver may not be loaded.`)
    return device
  }
  set('unsupported', 'unknown-device', `${name} (${ids ? formatUsbId(ids.vendorId, ids.productId) : 'unknown id'}) is not a model Hotspot Desk knows yet.`)
  return device
}

function describeUsb(unit: Unit, ids: { vendorId: number; productId: number }, match: UsbMatch | undefined, roles: readonly PortWithRole[]): DiscoveredUsb {
  const usb: DiscoveredUsb = {
    vendorId: ids.vendorId,
    productId: ids.productId,
    usbId: formatUsbId(ids.vendorId, ids.productId),
    serialPorts: roles.map(({ port, role }) => ({
      path: port.path,
      ...(port.interfaceNumber !== undefined ? { interfaceNumber: port.interfaceNumber } : {}),
      ...(role ? { role } : {})
    }))
  }
  const location = unit.usb?.location ?? unit.ports.find((port) => port.usbLocation)?.usbLocation
  if (location) usb.location = location
  const serialNumber = unit.usb?.serialNumber ?? unit.ports.find((port) => port.serialNumber)?.serialNumber
  if (serialNumber) usb.serialNumber = serialNumber
  const manufacturer = unit.usb?.manufacturer ?? unit.ports.find((port) => port.manufacturer)?.manufacturer
  if (manufacturer) usb.manufacturer = manufacturer
  if (unit.usb?.product) usb.product = unit.usb.product
  if (match) {
    usb.mode = match.mode
    usb.catalogName = match.entry.name
    usb.confidence = match.entry.confidence
  }
  return usb
}

function unitId(unit: Unit, choice: AtPortChoice | undefined): string {
  const ids = unitIds(unit)
  if (ids) {
    const serialNumber = unit.usb?.serialNumber ?? unit.ports.find((port) => port.serialNumber)?.serialNumber
    if (serialNumber) return `usb:${serialNumber}`
    const where = unit.usb?.location ?? unit.ports.find((port) => port.usbLocation)?.usbLocation ?? (choice?.ok ? choice.port.path : unit.ports[0]?.path) ?? unit.key
    return `usb:${formatUsbId(ids.vendorId, ids.productId)}:${where}`
  }
  const baseUrl = unit.lan[0]?.target.baseUrl ?? unit.key
  return baseUrl.replace(/\/+$/, '')
}

/** Records for all units; ids made unique when two units share a USB serial number (cheap sticks do). */
export function assembleDevices(units: readonly Unit[], context: AssemblyContext): DiscoveredDevice[] {
  const devices = units.map((unit) => ({ unit, device: describeUnit(unit, context) }))
  const counts = new Map<string, number>()
  for (const { device } of devices) counts.set(device.id, (counts.get(device.id) ?? 0) + 1)
  for (const { unit, device } of devices) {
    if ((counts.get(device.id) ?? 0) > 1) device.id = `${device.id}@${unit.usb?.location ?? unit.ports[0]?.path ?? unit.key}`
  }
  return devices.map(({ device }) => device)
}
