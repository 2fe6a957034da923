// Mode switching against a recording WebUSB device on a fake bus: the exact bytes written to the bulk-OUT
// endpoint, the call order (detach usb-storage, claim, send, read status, release, close), waiting for the new
// identity, and typed failures with fixes.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ModeSwitchError, classifyUsbError, switchUsbMode } from '../../src/devices/discovery/mode-switch'
import { loadUsbCatalog } from '../../src/devices/discovery/usb-catalog'
import { cdcEthernetInterfaces, FakeUsbSource, huaweiModemInterfaces, RecordingUsbDevice, storageInterfaces, usbDevice } from './discovery-fakes'

const catalog = loadUsbCatalog()
const HUAWEI_NEW_MODE = '55534243123456780000000000000011062000000101000100000000000000'
const EJECT_1 = '5553424387654321000000000000061e000000000000000000000000000000'
const EJECT_2 = '5553424397654321000000000000061b000000020000000000000000000000'
const ZTE_LONG = '55534243123456702000000080000c85010101180101010101000000000000'

function setup(vendorId: number, productId: number, location = '1-2') {
  const before = usbDevice(vendorId, productId, location, { address: 4, interfaces: storageInterfaces() })
  const source = new FakeUsbSource([before])
  const handle = RecordingUsbDevice.storage()
  source.openables.set(location, handle)
  return { before, source, handle }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('switchUsbMode', () => {
  it('Huawei 12d1:1f01 → HiLink 14db: HuaweiNewMode to bulk-OUT 1, then waits for the new id on the same port', async () => {
    const { before, source, handle } = setup(0x12d1, 0x1f01)
    handle.onTransferOut = () => {
      setTimeout(() => {
        source.detach('1-2')
        source.attach(usbDevice(0x12d1, 0x14db, '1-2', { address: 5, interfaces: cdcEthernetInterfaces() }))
      }, 20)
    }
    const result = await switchUsbMode(before, { source, catalog, platform: 'linux', timeoutMs: 2000 })
    expect(result.method).toBe('huawei-new-mode')
    expect(result.after).toMatchObject({ vendorId: 0x12d1, productId: 0x14db, location: '1-2' })
    expect(handle.calls).toEqual([
      { op: 'open' },
      { op: 'detachKernelDriver', value: 0 },
      { op: 'claimInterface', value: 0 },
      { op: 'transferOut', endpoint: 1, hex: HUAWEI_NEW_MODE },
      { op: 'transferIn', endpoint: 1, length: 13 },
      { op: 'releaseInterface', value: 0 },
      { op: 'close' }
    ])
    expect(source.watchers).toBe(0)
  })

  it('ZTE 19d2:2000: StandardEject then the 0x85 message, reading the 32-byte data phase it asks for', async () => {
    const { before, source, handle } = setup(0x19d2, 0x2000, '3-1')
    handle.onTransferOut = (index) => {
      if (index === 2) source.attach(usbDevice(0x19d2, 0x0031, '3-1', { address: 9 }))
    }
    const result = await switchUsbMode(before, { source, catalog, platform: 'darwin', timeoutMs: 2000 })
    expect(result.after.productId).toBe(0x0031)
    const sent = handle.calls.filter((call) => call.op === 'transferOut').map((call) => (call.op === 'transferOut' ? call.hex : ''))
    expect(sent).toEqual([EJECT_1, EJECT_2, ZTE_LONG])
    expect(handle.calls.some((call) => call.op === 'detachKernelDriver')).toBe(false) // Linux only
    expect(handle.calls.filter((call) => call.op === 'transferIn').map((call) => (call.op === 'transferIn' ? call.length : 0))).toEqual([13, 13, 32, 13])
  })

  it('treats the device vanishing after the first eject message as the switch working', async () => {
    const { before, source, handle } = setup(0x19d2, 0x1225, '1-4')
    let sent = 0
    handle.transferOut = async (endpoint: number, data: Uint8Array) => {
      sent++
      if (sent === 2) {
        source.attach(usbDevice(0x19d2, 0x1405, '1-4', { address: 2 }))
        throw new Error('transferOut error: device disconnected')
      }
      handle.calls.push({ op: 'transferOut', endpoint, hex: Buffer.from(data).toString('hex') })
      return { status: 'ok', bytesWritten: data.length }
    }
    const result = await switchUsbMode(before, { source, catalog, platform: 'linux', timeoutMs: 2000 })
    expect(result.after.productId).toBe(0x1405)
  })

  it('old Huawei (same id): SET_FEATURE control transfer, done when interface 0 is no longer storage', async () => {
    const { before, source, handle } = setup(0x12d1, 0x1001, '1-1')
    handle.controlTransferOut = async (setup) => {
      handle.calls.push({ op: 'controlTransferOut', setup, length: 0 })
      source.detach('1-1')
      source.attach(usbDevice(0x12d1, 0x1001, '1-1', { address: 8, interfaces: huaweiModemInterfaces() }))
      return { status: 'ok', bytesWritten: 0 }
    }
    const result = await switchUsbMode(before, { source, catalog, platform: 'linux', timeoutMs: 2000 })
    expect(result.method).toBe('huawei-old-mode')
    expect(handle.calls).toContainEqual({ op: 'controlTransferOut', setup: { requestType: 'standard', recipient: 'device', request: 3, value: 1, index: 0 }, length: 0 })
    expect(handle.calls.some((call) => call.op === 'claimInterface')).toBe(false)
  })

  it('Novatel: selects the configuration and does not wait for a re-enumeration', async () => {
    const before = usbDevice(0x1410, 0xb00c, '2-2', { configurationValue: 1 })
    const source = new FakeUsbSource([before])
    const handle = RecordingUsbDevice.storage()
    source.openables.set('2-2', handle)
    const result = await switchUsbMode(before, { source, catalog, platform: 'linux', timeoutMs: 50 })
    expect(handle.calls).toContainEqual({ op: 'selectConfiguration', value: 2 })
    expect(result.method).toBe('configuration')
  })

  it('finds the new identity by polling when no hot-plug event comes', async () => {
    const { before, source, handle } = setup(0x12d1, 0x1f01)
    handle.onTransferOut = () => {
      // the bus changes silently (no events), as on a platform whose hot-plug is unavailable
      source.devices = [usbDevice(0x12d1, 0x14dc, '1-2', { address: 6 })]
    }
    const result = await switchUsbMode(before, { source, catalog, platform: 'linux', timeoutMs: 3000, pollMs: 20 })
    expect(result.after.productId).toBe(0x14dc)
  })

  it('ignores a different device attaching elsewhere', async () => {
    const { before, source, handle } = setup(0x12d1, 0x1f01)
    handle.onTransferOut = () => {
      source.attach(usbDevice(0x12d1, 0x14db, '1-3', { address: 2 }))
    }
    const error = await switchUsbMode(before, { source, catalog, platform: 'linux', timeoutMs: 150, pollMs: 20 }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ModeSwitchError)
    expect((error as ModeSwitchError).failure).toBe('no-reenumeration')
    expect((error as ModeSwitchError).code).toBe('TIMEOUT')
  })
})

describe('typed failures', () => {
  it('permission (EACCES) on Linux points at the shipped udev rule with exact commands', async () => {
    const { before, source, handle } = setup(0x12d1, 0x1f01)
    handle.fail.open = Object.assign(new Error('open error: permission denied'), { code: 'GenericFailure' })
    const error = (await switchUsbMode(before, { source, catalog, platform: 'linux', udevRulesDir: '/opt/Hotspot Desk/resources/udev' }).catch((e: unknown) => e)) as ModeSwitchError
    expect(error).toBeInstanceOf(ModeSwitchError)
    expect(error.failure).toBe('permission')
    expect(error.details).toMatchObject({ reason: 'permission', step: 'open', usbId: '12d1:1f01' })
    expect(error.fix?.commands).toEqual([
      "sudo install -m 0644 '/opt/Hotspot Desk/resources/udev/70-hotspot-desk.rules' /etc/udev/rules.d/",
      'sudo udevadm control --reload-rules',
      'sudo udevadm trigger'
    ])
    expect(error.message).toMatch(/Not allowed/)
    expect(source.watchers).toBe(0) // the wait for the new identity was cancelled
  })

  it('LIBUSB_ERROR_ACCESS is a permission problem', () => {
    expect(classifyUsbError(new Error('LIBUSB_ERROR_ACCESS'), 'linux')).toBe('permission')
  })

  it('a kernel driver that will not let go is a driver problem (Linux: usb-modeswitch advice)', async () => {
    const { before, source, handle } = setup(0x12d1, 0x1f01)
    handle.fail.claimInterface = new Error('claimInterface error: interface is busy')
    const error = (await switchUsbMode(before, { source, catalog, platform: 'linux' }).catch((e: unknown) => e)) as ModeSwitchError
    expect(error.failure).toBe('driver')
    expect(error.fix?.summary).toMatch(/usb-modeswitch/)
    expect(handle.calls.at(-1)).toEqual({ op: 'close' })
  })

  it('Windows: explains WinUSB/Zadig and never tries to change drivers itself', async () => {
    const { before, source, handle } = setup(0x12d1, 0x1f01)
    handle.fail.claimInterface = new Error('LIBUSB_ERROR_NOT_SUPPORTED')
    const error = (await switchUsbMode(before, { source, catalog, platform: 'win32' }).catch((e: unknown) => e)) as ModeSwitchError
    expect(error.failure).toBe('driver')
    expect(error.code).toBe('UNSUPPORTED')
    expect(error.fix?.summary).toMatch(/Zadig/)
    expect(error.fix?.summary).toMatch(/leaves that choice to you/)
    expect(error.fix?.commands).toBeUndefined()
    expect(classifyUsbError(new Error('Access denied (insufficient permissions)'), 'win32')).toBe('driver')
  })

  it('unknown device and a device already switched', async () => {
    const source = new FakeUsbSource()
    const unknown = usbDevice(0x12d1, 0xbeef, '1-1', { interfaces: storageInterfaces() })
    await expect(switchUsbMode(unknown, { source, catalog })).rejects.toMatchObject({ failure: 'unknown-device', code: 'UNSUPPORTED' })
    const hilink = usbDevice(0x12d1, 0x14db, '1-1')
    await expect(switchUsbMode(hilink, { source, catalog })).rejects.toMatchObject({ failure: 'not-needed' })
  })

  it('a device that is gone before the switch', async () => {
    const source = new FakeUsbSource()
    const stick = usbDevice(0x12d1, 0x1f01, '1-9', { interfaces: storageInterfaces() })
    await expect(switchUsbMode(stick, { source, catalog, timeoutMs: 100 })).rejects.toMatchObject({ failure: 'gone', code: 'DEVICE_GONE' })
  })

  it('a device with no bulk-OUT endpoint', async () => {
    const stick = usbDevice(0x12d1, 0x1f01, '1-2', { interfaces: storageInterfaces() })
    const source = new FakeUsbSource([stick])
    source.openables.set('1-2', new RecordingUsbDevice({ configurationValue: 1, interfaces: [{ interfaceNumber: 0, alternate: { interfaceClass: 8, endpoints: [] } }] }))
    await expect(switchUsbMode(stick, { source, catalog, timeoutMs: 100 })).rejects.toMatchObject({ failure: 'transfer-failed', code: 'PROTOCOL' })
  })

  it('honours an abort while waiting', async () => {
    const { before, source } = setup(0x12d1, 0x1f01)
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('user cancelled')), 30)
    await expect(switchUsbMode(before, { source, catalog, timeoutMs: 5000, signal: controller.signal })).rejects.toThrow('user cancelled')
    expect(source.watchers).toBe(0)
  })
})
