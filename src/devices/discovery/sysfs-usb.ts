// Linux tells which USB port and interface a tty or network interface belongs to through sysfs: the real
// path of /sys/class/tty/ttyUSB2 (or /sys/class/net/usb0) runs through the USB interface directory, e.g.
// /sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.2/ttyUSB2/tty/ttyUSB2 → port "1-2", configuration 1,
// interface 2. That links a serial port or a USB network interface to the device node-usb lists at "1-2",
// without probing anything. Other platforms have no such path; callers then get undefined.
import { realpathSync } from 'node:fs'
import { basename } from 'node:path'

export interface UsbPosition {
  /** Port path, the same string UsbDeviceInfo.location carries ("1-2", "3-1.4"). */
  location: string
  configuration: number
  interfaceNumber: number
}

const INTERFACE_DIR = /^(\d+-\d+(?:\.\d+)*):(\d+)\.(\d+)$/

/** The last "<port>:<config>.<interface>" directory on a sysfs path. Interface numbers there are decimal. */
export function parseSysfsUsbPath(path: string): UsbPosition | undefined {
  const segments = path.split('/').reverse()
  for (const segment of segments) {
    const match = INTERFACE_DIR.exec(segment)
    if (match) return { location: match[1] as string, configuration: Number(match[2]), interfaceNumber: Number(match[3]) }
  }
  return undefined
}

export type RealPath = (path: string) => string

/** Where the tty at `devicePath` (/dev/ttyUSB2) or network interface `name` sits on the USB tree (Linux only). */
export function linuxUsbPosition(kind: 'tty' | 'net', nameOrPath: string, realpath: RealPath = realpathSync): UsbPosition | undefined {
  const name = basename(nameOrPath)
  if (!/^[\w.-]+$/.test(name)) return undefined
  try {
    return parseSysfsUsbPath(realpath(`/sys/class/${kind}/${name}`))
  } catch {
    return undefined
  }
}
