// The record discovery hands the host for every unit it found: one physical device, however many ways it
// can be reached. A HiLink stick in debug mode, a ZTE stick with RNDIS + AT, a Quectel module with ECM + AT
// are each ONE record with a primary and a secondary connection, so the host can drive the web API and
// still open the AT port (or fall back to it) without showing the device twice.
import type { ContractErrorData } from '../../contract/errors'
import type { DeviceTarget, Fingerprint } from '../driver'
import type { Connection } from '../model'
import type { DiscoveryFix } from './access-fixes'
import type { PortRole, UsbMode } from './usb-catalog'

export type DiscoveryStatus =
  | 'ready' // a connection with a driver answered; the host can open it
  | 'needs-switching' // showing its installer CD-ROM: offer "Switch mode"
  | 'no-permission' // this user may not open the port / USB device: show the fix
  | 'busy' // another program holds the port: show the fix
  | 'unsupported' // seen, but nothing we can drive yet: the reason says why

/** Machine-readable companion of `reason`, for UI wording and tests. */
export type DiscoveryReasonCode =
  | 'installer-cdrom' // needs-switching
  | 'switch-failed' // needs-switching after a failed attempt (details in `error`)
  | 'port-busy'
  | 'permission-denied'
  | 'usb-permission-denied'
  | 'no-driver' // the family this device needs is not in this build
  | 'unknown-device' // a modem vendor's device that is not in the catalog
  | 'no-switch-method' // unknown device showing a CD-ROM
  | 'at-port-unknown' // cannot tell which tty is the AT port
  | 'no-serial-port' // modem mode, but no tty appeared
  | 'no-answer' // the AT port did not answer
  | 'waiting-for-network' // network/HiLink mode, but its web UI has not answered (yet)

export interface SerialVia {
  kind: 'serial'
  path: string
  /** USB interface the port belongs to, when the OS tells. */
  interfaceNumber?: number
  role: 'at' | 'at-secondary'
  /** How the port was chosen: vendor descriptor rule, catalog interface table, port name, or tty order [U]. */
  chosenBy: 'descriptor' | 'interface-table' | 'port-name' | 'tty-order'
  /** 'owned': the host already has this port open, so it was not probed. */
  probe: 'ok' | 'owned'
  /** AT dialect for the generic AT family (huawei, zte, quectel). */
  dialect?: string
}

export interface NetworkVia {
  kind: 'network'
  address: string
  baseUrl: string
  /** The local interface the device answered through (usb0, wlan0 …). */
  interfaceName?: string
  /** The target came from an interface gateway, a family default, or the caller. */
  via: 'gateway' | 'default' | 'manual'
}

export interface DiscoveredConnection {
  role: 'primary' | 'secondary'
  connection: Connection
  /** Family to drive this connection with (undefined: nothing known). */
  familyId?: string
  /** False when the family is not registered in this build. */
  driverAvailable: boolean
  via: SerialVia | NetworkVia
}

export interface DiscoveredSerialPort {
  path: string
  interfaceNumber?: number
  role?: PortRole
}

export interface DiscoveredUsb {
  vendorId: number
  productId: number
  /** "12d1:1506" */
  usbId: string
  location?: string
  serialNumber?: string
  manufacturer?: string
  product?: string
  /** Mode right now (catalog), when known. */
  mode?: UsbMode
  /** Catalog name ("Huawei HiLink (CDC-Ethernet)"), when known. */
  catalogName?: string
  /** Confidence of the catalog entry (V verified, R reported, U inferred). */
  confidence?: 'V' | 'R' | 'U'
  /** Every tty of the unit with its role; only the chosen AT port is ever opened. */
  serialPorts: DiscoveredSerialPort[]
}

export interface DiscoveredDevice {
  /** Stable across scans: "usb:<serial>" or "usb:<vid>:<pid>:<port path>" for USB units, the base URL for network-only units. */
  id: string
  name: string
  /** Family of the primary connection. */
  familyId?: string
  familyLabel?: string
  status: DiscoveryStatus
  /** User-facing: what is wrong. Absent when ready. */
  reason?: string
  reasonCode?: DiscoveryReasonCode
  /** What the user can do about it. */
  fix?: DiscoveryFix
  /** The error behind the status, as it crosses the contract. */
  error?: ContractErrorData
  /** The primary connection as a DeviceTarget (credentials are the host's business). Absent when nothing can be reached. */
  target?: DeviceTarget
  /** Every way to reach the unit, primary first. */
  connections: DiscoveredConnection[]
  usb?: DiscoveredUsb
  /** What the LAN fingerprint learned (model, whether a login is needed). */
  fingerprint?: Fingerprint
  /** Switching out of CD-ROM mode is possible (status needs-switching and a known method). */
  canSwitch: boolean
}

export interface DiscoveryEvents {
  found: { device: DiscoveredDevice }
  lost: { device: DiscoveredDevice }
  changed: { device: DiscoveredDevice; previous: DiscoveredDevice }
}
