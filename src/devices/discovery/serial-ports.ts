// Serial ports of USB modems: list them (SerialPort.list(), injectable), tie each to its USB device and
// interface, pick the AT control port from the catalog's interface table — never by trying every port, and
// never touching PPP or diagnostic ports (a diag port can take a modem down; reference §4.8) — and probe only
// that port, gently: open, "AT\r", expect OK within ~500 ms, close.
import { SerialPort } from 'serialport'
import type { ContractError } from '../../contract/errors'
import { serialOpenError, type DiscoveryFix, type FixContext, type SerialOpenProblem } from './access-fixes'
import { linuxUsbPosition, type UsbPosition } from './sysfs-usb'
import type { PortRole, UsbMatch } from './usb-catalog'
import type { UsbInterfaceInfo } from './usb-source'

export type SerialPortListing = Awaited<ReturnType<typeof SerialPort.list>>[number]
export type SerialLister = () => Promise<SerialPortListing[]>

/** A tty that belongs to a USB device, with whatever the OS told us about its place on that device. */
export interface ModemSerialPort {
  path: string
  vendorId: number
  productId: number
  serialNumber?: string
  pnpId?: string
  manufacturer?: string
  /** USB interface number, from the pnpId (Linux by-id "-if02", Windows "MI_02") or Linux sysfs. */
  interfaceNumber?: number
  /** USB port path ("1-2"), Linux sysfs only. */
  usbLocation?: string
  /** Ports with the same key belong to the same physical device (when no USB listing links them). */
  groupKey: string
}

export interface SerialMapOptions {
  platform?: NodeJS.Platform
  /** Linux sysfs lookup; injected by tests. Default: realpath of /sys/class/tty/<name>. */
  position?: (path: string) => UsbPosition | undefined
}

/** Interface number from a pnpId: Linux /dev/serial/by-id names ("…-if02-port0", hex) or Windows "MI_02" (hex). */
export function interfaceNumberFromPnpId(pnpId: string | undefined): number | undefined {
  if (!pnpId) return undefined
  const linux = /-if([0-9a-f]{2})(?:-port\d+)?$/i.exec(pnpId)
  if (linux) return parseInt(linux[1] as string, 16)
  const windows = /[&\\]MI_([0-9a-f]{2})(?:[&\\]|$)/i.exec(pnpId)
  if (windows) return parseInt(windows[1] as string, 16)
  return undefined
}

function parseHexId(value: string | undefined): number | undefined {
  if (!value || !/^(0x)?[0-9a-f]{1,4}$/i.test(value)) return undefined
  return parseInt(value.replace(/^0x/i, ''), 16)
}

/** The part of a pnpId shared by all interfaces of one device. */
function deviceKeyOfPnpId(pnpId: string): string {
  return pnpId
    .replace(/-if[0-9a-f]{2}(?:-port\d+)?$/i, '')
    .replace(/&MI_[0-9a-f]{2}/i, '')
    .replace(/&[0-9a-f]{4}$/i, '')
}

/** A listed port as a modem port, or undefined when it is not a USB device (ttyS0, Bluetooth …). */
export function mapSerialPort(info: SerialPortListing, options: SerialMapOptions = {}): ModemSerialPort | undefined {
  const vendorId = parseHexId(info.vendorId)
  const productId = parseHexId(info.productId)
  if (vendorId === undefined || productId === undefined) return undefined
  const platform = options.platform ?? process.platform
  const position = options.position ?? (platform === 'linux' ? (path: string) => linuxUsbPosition('tty', path) : () => undefined)
  const sysfs = position(info.path)

  const port: ModemSerialPort = { path: info.path, vendorId, productId, groupKey: '' }
  if (info.serialNumber) port.serialNumber = info.serialNumber
  if (info.pnpId) port.pnpId = info.pnpId
  if (info.manufacturer) port.manufacturer = info.manufacturer
  const fromPnp = interfaceNumberFromPnpId(info.pnpId)
  const interfaceNumber = fromPnp ?? sysfs?.interfaceNumber
  if (interfaceNumber !== undefined) port.interfaceNumber = interfaceNumber
  if (sysfs) port.usbLocation = sysfs.location

  const ids = `${vendorId.toString(16).padStart(4, '0')}:${productId.toString(16).padStart(4, '0')}`
  if (sysfs) port.groupKey = `${ids}@${sysfs.location}`
  else if (info.serialNumber) port.groupKey = `${ids}#${info.serialNumber}`
  else if (info.pnpId) port.groupKey = `${ids}~${deviceKeyOfPnpId(info.pnpId)}`
  else port.groupKey = `${ids}~${info.path}`
  return port
}

export type SerialListing = { available: true; ports: ModemSerialPort[] } | { available: false; reason: string; cause: string; ports: [] }

/** Lists USB serial ports. Never rejects: a lister failure (no udevadm, …) is reported as unavailable. */
export async function listModemPorts(lister: SerialLister, options: SerialMapOptions = {}): Promise<SerialListing> {
  let listed: SerialPortListing[]
  try {
    listed = await lister()
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error)
    const reason = /udevadm/i.test(cause)
      ? 'Serial ports cannot be listed because udev is missing (udevadm not found). Install udev, or add the modem by its port path.'
      : `Serial ports could not be listed (${cause}).`
    return { available: false, reason, cause, ports: [] }
  }
  const ports: ModemSerialPort[] = []
  for (const info of listed) {
    const port = mapSerialPort(info, options)
    if (port) ports.push(port)
  }
  return { available: true, ports }
}

export const defaultSerialLister: SerialLister = () => SerialPort.list()

// ---------------------------------------------------------------------------------------------------------
// Which port is which.

export type RoleBasis = 'descriptor' | 'interface-table' | 'port-name' | 'tty-order'

export interface PortWithRole {
  port: ModemSerialPort
  role?: PortRole
  basis?: RoleBasis
}

const byPath = (a: ModemSerialPort, b: ModemSerialPort) => a.path.localeCompare(b.path, 'en', { numeric: true })

function roleFromName(port: ModemSerialPort): PortRole | undefined {
  // macOS names Huawei ports after their function (/dev/cu.HUAWEIMobile-Pcui, -Modem, -Diag) [U].
  const text = `${port.path} ${port.pnpId ?? ''}`
  if (/pcui/i.test(text)) return 'at'
  if (/diag/i.test(text)) return 'diag'
  if (/[-_]modem\b/i.test(text)) return 'ppp'
  return undefined
}

/**
 * Assigns a role to each port of one device, most reliable evidence first: the vendor's interface-descriptor
 * rule (needs the USB listing), the catalog's interface table, the port's name, and last the catalog's tty
 * order — only when nothing else gave any port a role and the port count matches the table.
 */
export function assignPortRoles(ports: readonly ModemSerialPort[], match: UsbMatch | undefined, interfaces: readonly UsbInterfaceInfo[] = []): PortWithRole[] {
  const sorted = [...ports].sort(byPath)
  const table = match?.entry.ports
  const rules = match?.vendor.portDescriptors ?? []
  const result: PortWithRole[] = sorted.map((port) => {
    if (port.interfaceNumber !== undefined) {
      const descriptor = interfaces.find((iface) => iface.interfaceNumber === port.interfaceNumber)
      const rule =
        descriptor &&
        rules.find(
          (candidate) =>
            candidate.interfaceClass === descriptor.interfaceClass &&
            candidate.interfaceProtocol === descriptor.interfaceProtocol &&
            (candidate.interfaceSubclass === undefined || candidate.interfaceSubclass === descriptor.interfaceSubclass)
        )
      if (rule) return { port, role: rule.role, basis: 'descriptor' }
      const row = table?.interfaces?.find((candidate) => candidate.number === port.interfaceNumber)
      if (row) return { port, role: row.role, basis: 'interface-table' }
    }
    const named = roleFromName(port)
    if (named) return { port, role: named, basis: 'port-name' }
    return { port }
  })
  const order = table?.ttyOrder
  if (order && order.length === sorted.length && result.every((entry) => entry.role === undefined)) {
    // ttys are numbered in interface order, so sort by interface number where every port has one.
    const allNumbered = sorted.every((port) => port.interfaceNumber !== undefined)
    const ordered = allNumbered ? [...sorted].sort((a, b) => (a.interfaceNumber as number) - (b.interfaceNumber as number)) : sorted
    return ordered.map((port, index) => ({ port, role: order[index], basis: 'tty-order' as const }))
  }
  return result
}

export type AtPortChoice =
  | { ok: true; port: ModemSerialPort; role: 'at' | 'at-secondary'; basis: RoleBasis }
  | { ok: false; reason: string }

/** The port to send AT commands to: the primary AT port, else the secondary. Never a PPP/diag/GPS port. */
export function chooseAtPort(roles: readonly PortWithRole[]): AtPortChoice {
  for (const wanted of ['at', 'at-secondary'] as const) {
    const found = roles.find((entry) => entry.role === wanted)
    if (found?.basis) return { ok: true, port: found.port, role: wanted, basis: found.basis }
  }
  if (roles.length === 0) return { ok: false, reason: 'The modem has no serial ports (its serial driver may not be loaded).' }
  return {
    ok: false,
    reason:
      'Hotspot Desk cannot tell which of this modem’s serial ports takes AT commands, and trying them all could upset its diagnostic port. Choose the port yourself.'
  }
}

// ---------------------------------------------------------------------------------------------------------
// The gentle probe.

/** The little a probe needs from an open port. */
export interface AtProbePort {
  write(data: string): Promise<void>
  onData(listener: (chunk: Buffer) => void): void
  close(): Promise<void>
}

export type AtPortOpener = (path: string) => Promise<AtProbePort>

interface SerialPortLike {
  readonly isOpen: boolean
  open(callback: (error: Error | null) => void): void
  write(data: string, callback: (error: Error | null | undefined) => void): boolean
  drain(callback: (error: Error | null) => void): void
  on(event: 'data', listener: (chunk: Buffer) => void): unknown
  close(callback: (error?: Error | null) => void): void
}

export type SerialPortConstructor = new (options: { path: string; baudRate: number; autoOpen: false }) => SerialPortLike

/** Opens ports with serialport (or SerialPortMock in tests). Locks the port (flock) as serialport does by default. */
export function serialPortOpener(Port: SerialPortConstructor = SerialPort, baudRate = 115200): AtPortOpener {
  return (path) =>
    new Promise<AtProbePort>((resolve, reject) => {
      const port = new Port({ path, baudRate, autoOpen: false })
      port.open((error) => {
        if (error) {
          reject(error)
          return
        }
        resolve({
          write: (data) =>
            new Promise<void>((done, fail) => {
              port.write(data, (writeError) => {
                if (writeError) fail(writeError)
                else port.drain((drainError) => (drainError ? fail(drainError) : done()))
              })
            }),
          onData: (listener) => {
            port.on('data', listener)
          },
          close: () =>
            new Promise<void>((done) => {
              if (!port.isOpen) done()
              else port.close(() => done())
            })
        })
      })
    })
}

export type AtProbeResult =
  | { ok: true; path: string; elapsedMs: number }
  | {
      ok: false
      path: string
      problem: SerialOpenProblem | 'no-answer' | 'unexpected-answer'
      reason: string
      error?: ContractError
      fix?: DiscoveryFix
    }

export interface AtProbeOptions extends Partial<FixContext> {
  open?: AtPortOpener
  /** How long to wait for OK; default 500 ms. */
  timeoutMs?: number
  signal?: AbortSignal
}

/** Opens `path`, sends AT, waits for OK, closes. Resolves with a result value; never rejects. */
export async function probeAtPort(path: string, options: AtProbeOptions = {}): Promise<AtProbeResult> {
  const open = options.open ?? serialPortOpener()
  const context: FixContext = { platform: options.platform ?? process.platform, udevRulesDir: options.udevRulesDir ?? 'resources/udev' }
  const started = performance.now()
  let port: AtProbePort
  try {
    port = await open(path)
  } catch (error) {
    const mapped = serialOpenError(error, path, context)
    const result: AtProbeResult = { ok: false, path, problem: mapped.problem, reason: mapped.error.message, error: mapped.error }
    if (mapped.fix) result.fix = mapped.fix
    return result
  }
  try {
    const answer = await new Promise<'ok' | 'error' | 'timeout'>((resolve) => {
      let text = ''
      const timer = setTimeout(() => finish('timeout'), options.timeoutMs ?? 500)
      const onAbort = () => finish('timeout')
      options.signal?.addEventListener('abort', onAbort, { once: true })
      function finish(outcome: 'ok' | 'error' | 'timeout') {
        clearTimeout(timer)
        options.signal?.removeEventListener('abort', onAbort)
        resolve(outcome)
      }
      port.onData((chunk) => {
        text += chunk.toString('latin1')
        const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim())
        if (lines.includes('OK')) finish('ok')
        else if (lines.some((line) => line === 'ERROR' || line.startsWith('+CME ERROR'))) finish('error')
      })
      if (options.signal?.aborted) finish('timeout')
      else port.write('AT\r').catch(() => finish('timeout'))
    })
    if (answer === 'ok') return { ok: true, path, elapsedMs: Math.round(performance.now() - started) }
    if (answer === 'error') {
      return { ok: false, path, problem: 'unexpected-answer', reason: `${path} answered AT with an error; it is probably not the modem's AT port.` }
    }
    return { ok: false, path, problem: 'no-answer', reason: `${path} did not answer AT within ${options.timeoutMs ?? 500} ms.` }
  } finally {
    await port.close().catch(() => undefined)
  }
}

