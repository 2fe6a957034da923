// Switches a USB modem out of its installer CD-ROM mode the way usb_modeswitch does (reference §5.4): open
// the device, claim interface 0 (on Linux after detaching usb-storage), write the catalog's messages to its
// bulk-OUT endpoint (or send its control request), then wait until the same USB port shows the device with
// its modem/network identity. Every failure is a ModeSwitchError with a reason a user can act on; nothing
// here asks for elevation or installs drivers.
import { ContractError, type ErrorCode } from '../../contract/errors'
import { usbDriverFix, usbPermissionFix, type DiscoveryFix, type FixContext } from './access-fixes'
import { switchPlan, type SwitchMethod } from './switch-messages'
import type { UsbCatalog } from './usb-catalog'
import { formatUsbId, type SwitchableUsbDevice, type UsbDeviceInfo, type UsbHotplugEvent, type UsbSource } from './usb-source'

export type ModeSwitchFailure =
  | 'unknown-device' // not in the catalog, or no switch method known
  | 'not-needed' // already in modem/network mode
  | 'permission' // the OS refused to open/claim the device (EACCES, LIBUSB_ERROR_ACCESS)
  | 'driver' // a kernel/OS driver holds the interface (Linux usb-storage, Windows USBSTOR without WinUSB)
  | 'gone' // unplugged before the switch
  | 'transfer-failed' // the device refused the message
  | 'no-reenumeration' // sent, but the new identity never appeared

const CODES: Record<ModeSwitchFailure, ErrorCode> = {
  'unknown-device': 'UNSUPPORTED',
  'not-needed': 'BAD_INPUT',
  // The closed code set has no "host permission" code; INTERNAL (a problem on this computer) with details.reason.
  permission: 'PERMISSION',
  driver: 'UNSUPPORTED',
  gone: 'DEVICE_GONE',
  'transfer-failed': 'PROTOCOL',
  'no-reenumeration': 'TIMEOUT'
}

export class ModeSwitchError extends ContractError {
  readonly failure: ModeSwitchFailure
  readonly fix?: DiscoveryFix

  constructor(failure: ModeSwitchFailure, message: string, details: Record<string, unknown> = {}, fix?: DiscoveryFix) {
    super(CODES[failure], message, { ...details, reason: failure, ...(fix ? { fix } : {}) })
    this.name = 'ModeSwitchError'
    this.failure = failure
    if (fix) this.fix = fix
  }
}

export interface ModeSwitchOptions extends Partial<FixContext> {
  source: UsbSource
  catalog: UsbCatalog
  /** How long to wait for the new identity; default 20 s (sticks take 2–10 s, §5.4). */
  timeoutMs?: number
  /** Fallback listing interval while waiting, for platforms whose hot-plug events are missed; default 1000 ms. */
  pollMs?: number
  signal?: AbortSignal
}

export interface ModeSwitchResult {
  before: UsbDeviceInfo
  after: UsbDeviceInfo
  method: SwitchMethod
  elapsedMs: number
}

/** Maps what node-usb / libusb reject with to a failure reason. */
export function classifyUsbError(error: unknown, platform: NodeJS.Platform): ModeSwitchFailure {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error)
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'EACCES' || code === 'EPERM' || /permission denied|access denied|EACCES|LIBUSB_ERROR_ACCESS|PermissionDenied|SecurityError/i.test(text)) {
    // On Windows "access denied" from libusb means the device is not bound to WinUSB: a driver problem.
    return platform === 'win32' ? 'driver' : 'permission'
  }
  if (/busy|kernel driver|LIBUSB_ERROR_BUSY|not supported|unsupported|LIBUSB_ERROR_NOT_SUPPORTED|NotSupported/i.test(text)) return 'driver'
  if (/no device|disconnected|no such device|LIBUSB_ERROR_NO_DEVICE|NotFoundError|ENODEV/i.test(text)) return 'gone'
  return 'transfer-failed'
}

function failureFor(error: unknown, step: string, device: UsbDeviceInfo, context: FixContext): ModeSwitchError {
  if (error instanceof ModeSwitchError) return error
  const cause = error instanceof Error ? error.message : String(error)
  const failure = classifyUsbError(error, context.platform)
  const ids = formatUsbId(device.vendorId, device.productId)
  const details = { usbId: ids, location: device.location, step, cause }
  switch (failure) {
    case 'permission': {
      const fix = usbPermissionFix(context)
      return new ModeSwitchError(failure, `Not allowed to access USB device ${ids} (${step}). ${fix.summary}`, details, fix)
    }
    case 'driver': {
      const fix = usbDriverFix(context)
      return new ModeSwitchError(failure, `The system's driver holds USB device ${ids} (${step}). ${fix.summary}`, details, fix)
    }
    case 'gone':
      return new ModeSwitchError(failure, `USB device ${ids} disappeared before it could be switched.`, details)
    default:
      return new ModeSwitchError('transfer-failed', `USB device ${ids} refused the switch command (${step}: ${cause}).`, details)
  }
}

/** Once the switch command is out, the device dropping off the bus is what success looks like (§5.4 step 5). */
function isGoneError(error: unknown): boolean {
  return classifyUsbError(error, 'linux') === 'gone' || /pipe|stall|LIBUSB_ERROR_IO|io error|timed? ?out/i.test(String(error))
}

async function quietly(action: (() => Promise<unknown>) | undefined): Promise<void> {
  if (!action) return
  try {
    await action()
  } catch {
    // cleanup after a switch: the device is usually already gone
  }
}

export async function switchUsbMode(device: UsbDeviceInfo, options: ModeSwitchOptions): Promise<ModeSwitchResult> {
  const context: FixContext = { platform: options.platform ?? process.platform, udevRulesDir: options.udevRulesDir ?? 'resources/udev' }
  const ids = formatUsbId(device.vendorId, device.productId)
  const match = options.catalog.match(device)
  if (match && !match.needsSwitching) {
    throw new ModeSwitchError('not-needed', `${match.entry.name} is already in ${match.mode} mode.`, { usbId: ids, location: device.location })
  }
  const method = match?.entry.switch?.method
  if (!match || !method) {
    throw new ModeSwitchError(
      'unknown-device',
      `Hotspot Desk does not know how to switch USB device ${ids}. Your distribution's usb-modeswitch package may know it.`,
      { usbId: ids, location: device.location }
    )
  }
  const plan = switchPlan(method, match.entry.switch?.configuration)
  const targets = new Set((match.entry.switch?.targets ?? []).map((pid) => parseInt(pid, 16)))
  const started = performance.now()

  // The new identity: same port and vendor, no longer in CD-ROM mode (a listed target id, or any id the
  // catalog does not call storage).
  const arrived = (candidate: UsbDeviceInfo) => {
    if (candidate.location !== device.location || candidate.vendorId !== device.vendorId) return false
    if (candidate.productId === device.productId && candidate.address !== undefined && candidate.address === device.address) return false
    if (targets.has(candidate.productId) && candidate.productId !== device.productId) return true
    const next = options.catalog.match(candidate)
    return next !== undefined && !next.needsSwitching
  }

  options.signal?.throwIfAborted()
  const waiter = plan.kind === 'configuration' ? undefined : waitForIdentity(options, arrived, ids)
  try {
    const handle = await options.source.openable(device).catch((error: unknown) => {
      throw failureFor(error, 'find', device, context)
    })
    if (!handle) throw new ModeSwitchError('gone', `USB device ${ids} is no longer attached.`, { usbId: ids, location: device.location })
    await send(handle, plan, device, context)
    if (plan.kind === 'configuration') {
      const listing = await options.source.list()
      const after = listing.devices.find((candidate) => candidate.location === device.location && candidate.vendorId === device.vendorId) ?? {
        ...device,
        configurationValue: plan.configurationValue
      }
      return { before: device, after, method, elapsedMs: Math.round(performance.now() - started) }
    }
    const after = await (waiter as WaitForIdentity).promise
    return { before: device, after, method, elapsedMs: Math.round(performance.now() - started) }
  } finally {
    waiter?.cancel()
  }
}

async function send(handle: SwitchableUsbDevice, plan: ReturnType<typeof switchPlan>, device: UsbDeviceInfo, context: FixContext): Promise<void> {
  const step = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
    try {
      return await action()
    } catch (error) {
      throw failureFor(error, name, device, context)
    }
  }
  await step('open', () => handle.open())
  try {
    if (plan.kind === 'configuration') {
      await step('selectConfiguration', () => handle.selectConfiguration(plan.configurationValue))
      return
    }
    if (plan.kind === 'control') {
      try {
        await handle.controlTransferOut(plan.setup, new Uint8Array(0))
      } catch (error) {
        if (!isGoneError(error)) throw failureFor(error, 'controlTransferOut', device, context)
      }
      return
    }
    if (!handle.configuration) await step('selectConfiguration', () => handle.selectConfiguration(1))
    const configuration = handle.configuration
    const iface = configuration?.interfaces.find((candidate) => candidate.interfaceNumber === 0) ?? configuration?.interfaces[0]
    const bulkOut = iface?.alternate.endpoints.find((endpoint) => endpoint.direction === 'out' && endpoint.type === 'bulk')
    const bulkIn = iface?.alternate.endpoints.find((endpoint) => endpoint.direction === 'in' && endpoint.type === 'bulk')
    if (!iface || !bulkOut) {
      throw new ModeSwitchError('transfer-failed', `USB device ${formatUsbId(device.vendorId, device.productId)} has no bulk-OUT endpoint on its storage interface.`, {
        usbId: formatUsbId(device.vendorId, device.productId),
        location: device.location
      })
    }
    if (context.platform === 'linux' && handle.detachKernelDriver) {
      try {
        await handle.detachKernelDriver(iface.interfaceNumber)
      } catch (error) {
        // "no kernel driver attached" is fine; anything else shows up again when claiming.
        if (!/no kernel driver|not attached|LIBUSB_ERROR_NOT_FOUND/i.test(String(error)) && classifyUsbError(error, 'linux') === 'permission') {
          throw failureFor(error, 'detachKernelDriver', device, context)
        }
      }
    }
    await step('claimInterface', () => handle.claimInterface(iface.interfaceNumber))
    for (const [index, message] of plan.messages.entries()) {
      try {
        await handle.transferOut(bulkOut.endpointNumber, message)
      } catch (error) {
        if (index > 0 && isGoneError(error)) break // an earlier message already made it re-enumerate
        throw failureFor(error, `transferOut #${index + 1}`, device, context)
      }
      if (plan.readStatus && bulkIn) {
        // CBW data phase (ZTE/Franklin messages ask for 32/36 bytes) then the 13-byte CSW; failures here
        // usually mean the device is already leaving the bus.
        const flags = message[12] ?? 0
        const length = new DataView(message.buffer, message.byteOffset, message.byteLength).getUint32(8, true)
        if (flags & 0x80 && length > 0) await quietly(() => handle.transferIn(bulkIn.endpointNumber, length))
        await quietly(() => handle.transferIn(bulkIn.endpointNumber, 13))
      }
    }
    await quietly(() => handle.releaseInterface(iface.interfaceNumber))
  } finally {
    await quietly(() => handle.close())
  }
}

interface WaitForIdentity {
  promise: Promise<UsbDeviceInfo>
  cancel(): void
}

function waitForIdentity(options: ModeSwitchOptions, arrived: (device: UsbDeviceInfo) => boolean, ids: string): WaitForIdentity {
  let cancel = () => {}
  const promise = new Promise<UsbDeviceInfo>((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 20_000
    const finish = (outcome: { device: UsbDeviceInfo } | { error: unknown }) => {
      cleanup()
      if ('device' in outcome) resolve(outcome.device)
      else reject(outcome.error)
    }
    const unsubscribe = options.source.watch((event: UsbHotplugEvent) => {
      if (event.type === 'attach' && arrived(event.device)) finish({ device: event.device })
    })
    const poll = setInterval(() => {
      void options.source.list().then((listing) => {
        const found = listing.devices.find(arrived)
        if (found) finish({ device: found })
      })
    }, options.pollMs ?? 1000)
    const timer = setTimeout(() => {
      finish({
        error: new ModeSwitchError(
          'no-reenumeration',
          `The switch command was sent to ${ids}, but it did not come back as a modem within ${Math.round(timeoutMs / 1000)} s. Unplug it, plug it back in and scan again; if it still shows its CD-ROM, this model may need another switch message.`,
          { usbId: ids, timeoutMs }
        )
      })
    }, timeoutMs)
    const onAbort = () => finish({ error: options.signal?.reason })
    options.signal?.addEventListener('abort', onAbort, { once: true })
    function cleanup() {
      unsubscribe()
      clearInterval(poll)
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
    }
    cancel = cleanup
  })
  // A rejection nobody awaits (the send failed first) is not an unhandled rejection.
  promise.catch(() => undefined)
  return { promise, cancel }
}

