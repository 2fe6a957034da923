// Device discovery: USB enumeration, hot-plug and mode switching (node-usb), modem serial ports with a gentle
// AT probe, and LAN fingerprinting of allowed targets, merged into one record per physical unit.
export { DiscoveryService, type DiscoveryHealth, type DiscoveryServiceEvents, type DiscoveryServiceOptions } from './discovery-service'
export type {
  DiscoveredConnection,
  DiscoveredDevice,
  DiscoveredSerialPort,
  DiscoveredUsb,
  DiscoveryEvents,
  DiscoveryReasonCode,
  DiscoveryStatus,
  NetworkVia,
  SerialVia
} from './discovered-device'
export type { DiscoveryFix } from './access-fixes'
export { NodeUsbSource, formatUsbId, type UsbAvailability, type UsbDeviceInfo, type UsbSource } from './usb-source'
export { UsbWatcher, type UsbChange } from './usb-watcher'
export { loadUsbCatalog, parseUsbCatalog, type UsbCatalog, type UsbMatch, type UsbMode } from './usb-catalog'
export { ModeSwitchError, switchUsbMode, type ModeSwitchFailure, type ModeSwitchResult } from './mode-switch'
export { defaultSerialLister, probeAtPort, serialPortOpener, type AtPortOpener, type AtProbeResult, type SerialLister } from './serial-ports'
export { buildLanTargets, systemLanTargets, lanProbeDisabled, NO_LAN_PROBE_ENV, FAMILY_DEFAULT_ADDRESSES, type LanTarget } from './lan-targets'
export { probeLanTargets, type LanHit } from './lan-probe'
export { ACCESS_RULES_FILE, MODEMMANAGER_IGNORE_RULES_FILE } from './udev-rules'
