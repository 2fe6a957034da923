// Discovery-shaped test data: what the host reports for units on a Linux desktop. The reasons and fixes
// follow the wording of src/devices/discovery/access-fixes.ts; ids, paths and names are invented.
import type { DiscoveryItem, DiscoveryState } from '@contract/model'

export const SWITCHABLE_STICK: DiscoveryItem = {
  id: 'usb-1-2',
  name: 'Huawei E3372 (CD-ROM mode)',
  familyLabel: 'Huawei HiLink',
  status: 'needs-switching',
  reason: 'The stick is still in its installer CD-ROM mode.',
  canSwitch: true,
  managed: false,
  paths: ['USB 12d1:1f01 (storage)']
}

export const NO_PERMISSION_STICK: DiscoveryItem = {
  id: 'usb-1-3',
  name: 'ZTE MF833',
  familyLabel: 'ZTE goform',
  status: 'no-permission',
  reason: 'Your user may not send commands to this USB device.',
  fix: {
    summary: 'Install the rule that gives the logged-in user access to known modems, replug the stick and try again.',
    commands: [
      "sudo install -m 0644 '/opt/Hotspot Desk/resources/udev/70-hotspot-desk.rules' /etc/udev/rules.d/",
      'sudo udevadm control --reload-rules',
      'sudo udevadm trigger'
    ]
  },
  canSwitch: false,
  managed: false,
  paths: ['USB 19d2:1225 (storage)']
}

export const BUSY_MODEM: DiscoveryItem = {
  id: 'serial-ttyUSB2',
  name: 'Quectel EC25',
  status: 'busy',
  reason: 'Serial port /dev/ttyUSB2 is in use by another program.',
  fix: {
    summary: 'Another program has this port open, usually ModemManager. Stop it for now, then replug the modem.',
    commands: ['sudo systemctl stop ModemManager']
  },
  canSwitch: false,
  managed: false,
  paths: ['USB 2c7c:0125', 'Serial /dev/ttyUSB2 (AT)', 'Serial /dev/ttyUSB3']
}

/** A unit the host drives: it is in the device list under the same id. */
export const MANAGED_HOTSPOT: DiscoveryItem = {
  id: 'dev-1',
  name: 'Pocket WiFi',
  familyLabel: 'Huawei HiLink',
  status: 'ready',
  canSwitch: false,
  managed: true,
  paths: ['USB 12d1:14db (network)', 'Network http://192.168.8.1 via enx0c5b8f279a64']
}

/** Ready but not (yet) in the device list, e.g. while the host adds it: nothing to fix. */
export const READY_UNMANAGED: DiscoveryItem = {
  id: 'usb-1-4',
  name: 'Netgear AC797',
  status: 'ready',
  canSwitch: false,
  managed: false,
  paths: ['Network http://192.168.1.1']
}

export function makeDiscovery(overrides: Partial<DiscoveryState> = {}): DiscoveryState {
  return {
    items: [MANAGED_HOTSPOT, SWITCHABLE_STICK, NO_PERMISSION_STICK, BUSY_MODEM, READY_UNMANAGED],
    usb: { available: true },
    lanProbe: true,
    scanning: false,
    lastScanAt: Date.UTC(2026, 0, 15, 3, 4, 5),
    ...overrides
  }
}
