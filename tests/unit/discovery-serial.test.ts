// Modem serial ports: mapping listed ports to USB devices and interfaces, choosing the AT port from the
// catalog (never probing every port), and the gentle AT probe with busy/permission mapped to fixes. Ports come
// from serialport's MockBinding (SerialPortMock.binding — the instance serialport itself uses).
import { afterEach, describe, expect, it } from 'vitest'
import { SerialPortMock } from 'serialport'
import {
  assignPortRoles,
  chooseAtPort,
  interfaceNumberFromPnpId,
  listModemPorts,
  mapSerialPort,
  probeAtPort,
  serialPortOpener,
  type AtPortOpener,
  type ModemSerialPort,
  type SerialPortListing
} from '../../src/devices/discovery/serial-ports'
import { parseSysfsUsbPath } from '../../src/devices/discovery/sysfs-usb'
import { loadUsbCatalog } from '../../src/devices/discovery/usb-catalog'
import { createMockModemPort } from '../../src/simulators/pty'
import { huaweiModemInterfaces } from './discovery-fakes'

const catalog = loadUsbCatalog()
const MockBinding = SerialPortMock.binding

afterEach(() => {
  MockBinding.reset()
})

/** Mock ports for one modem; the lister adds what Linux udev would report (by-id pnpId, one serial number). */
function mockModem(vendorId: string, productId: string, interfaces: number[], options: { serial?: string; prefix?: string } = {}) {
  const paths = interfaces.map((_, index) => `/dev/${options.prefix ?? 'ttyUSB'}${index}`)
  for (const path of paths) MockBinding.createPort(path, { vendorId, productId, manufacturer: 'HUAWEI' })
  const pnp = new Map(paths.map((path, index) => [path, `usb-Vendor_Modem_${options.serial ?? 'X'}-if${(interfaces[index] as number).toString(16).padStart(2, '0')}-port0`]))
  const lister = async (): Promise<SerialPortListing[]> =>
    (await MockBinding.list()).map((info: SerialPortListing) => ({ ...info, serialNumber: options.serial, pnpId: pnp.get(info.path) }))
  return { paths, lister }
}

function ports(lister: () => Promise<SerialPortListing[]>) {
  return listModemPorts(lister, { platform: 'linux', position: () => undefined }).then((listing) => listing.ports)
}

describe('interface numbers from pnpId', () => {
  it.each([
    ['usb-HUAWEI_Technology_HUAWEI_Mobile-if02-port0', 2],
    ['usb-ZTE_Incorporated_ZTE_WCDMA_Technologies_MSM_P680A1ZTED000000-if03-port0', 3],
    ['usb-Quectel_EC25-if0a', 10],
    ['USB\\VID_12D1&PID_1506&MI_02\\6&2C6E1A1C&0&0002', 2],
    ['usb-FTDI_FT232R_USB_UART_A12345-if00-port0', 0],
    ['usb-1a86_USB_Serial', undefined],
    [undefined, undefined]
  ])('%s → %s', (pnpId, expected) => {
    expect(interfaceNumberFromPnpId(pnpId)).toBe(expected)
  })

  it('reads the USB port and interface from a sysfs path', () => {
    expect(parseSysfsUsbPath('/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.2/ttyUSB2/tty/ttyUSB2')).toEqual({ location: '1-2', configuration: 1, interfaceNumber: 2 })
    expect(parseSysfsUsbPath('/sys/devices/pci0000:00/0000:00:14.0/usb3/3-1/3-1.4/3-1.4:1.0/net/usb0')).toEqual({ location: '3-1.4', configuration: 1, interfaceNumber: 0 })
    expect(parseSysfsUsbPath('/sys/devices/platform/serial8250/tty/ttyS0')).toBeUndefined()
  })
})

describe('mapping listed ports', () => {
  it('ignores ports that are not USB devices and normalises ids', () => {
    expect(mapSerialPort({ path: '/dev/ttyS0' } as SerialPortListing, { platform: 'linux', position: () => undefined })).toBeUndefined()
    const mapped = mapSerialPort({ path: 'COM7', vendorId: '12D1', productId: '1506', pnpId: 'USB\\VID_12D1&PID_1506&MI_02\\6&2C6E1A1C&0&0002' } as SerialPortListing, {
      platform: 'win32'
    })
    expect(mapped).toMatchObject({ path: 'COM7', vendorId: 0x12d1, productId: 0x1506, interfaceNumber: 2 })
  })

  it('takes the USB port from sysfs on Linux and groups by it', () => {
    const position = (path: string) => (path === '/dev/ttyUSB2' ? { location: '1-2', configuration: 1, interfaceNumber: 2 } : undefined)
    const mapped = mapSerialPort({ path: '/dev/ttyUSB2', vendorId: '12d1', productId: '1506' } as SerialPortListing, { platform: 'linux', position })
    expect(mapped).toMatchObject({ usbLocation: '1-2', interfaceNumber: 2, groupKey: '12d1:1506@1-2' })
  })

  it('groups the interfaces of one modem by their shared by-id prefix when no serial number is reported', async () => {
    const { lister } = mockModem('19d2', '0031', [0, 1, 2, 3])
    const withoutSerial = async () => (await lister()).map((info) => ({ ...info, serialNumber: undefined }))
    const mapped = await ports(withoutSerial)
    expect(new Set(mapped.map((port) => port.groupKey)).size).toBe(1)
  })

  it('reports a lister failure as unavailable instead of throwing', async () => {
    const listing = await listModemPorts(async () => Promise.reject(new Error('spawn udevadm ENOENT')), { platform: 'linux' })
    expect(listing).toMatchObject({ available: false, ports: [] })
    if (!listing.available) expect(listing.reason).toMatch(/udev is missing/)
  })
})

describe('choosing the AT port (MockBinding ports)', () => {
  it('ZTE 19d2:0031: if03 from the interface table, never the diag port if00', async () => {
    const { lister } = mockModem('19d2', '0031', [0, 1, 2, 3], { serial: 'ZTE1' })
    const modem = await ports(lister)
    const roles = assignPortRoles(modem, catalog.match({ vendorId: 0x19d2, productId: 0x0031 }))
    expect(roles.map((entry) => [entry.port.interfaceNumber, entry.role])).toEqual([
      [0, 'diag'],
      [1, 'at-secondary'],
      [2, undefined],
      [3, 'at']
    ])
    const choice = chooseAtPort(roles)
    expect(choice).toMatchObject({ ok: true, role: 'at', basis: 'interface-table', port: { path: '/dev/ttyUSB3' } })
  })

  it('Quectel: falls back to the secondary AT port when the primary is missing', async () => {
    const { lister } = mockModem('2c7c', '0125', [0, 1, 3], { serial: 'Q1' })
    const choice = chooseAtPort(assignPortRoles(await ports(lister), catalog.match({ vendorId: 0x2c7c, productId: 0x0125 })))
    expect(choice).toMatchObject({ ok: true, role: 'at-secondary', port: { interfaceNumber: 3 } })
  })

  it('Huawei 12d1:1506: the PCUI descriptor rule wins when USB descriptors are known', async () => {
    const { lister } = mockModem('12d1', '1506', [0, 1, 2], { serial: 'H1' })
    const roles = assignPortRoles(await ports(lister), catalog.match({ vendorId: 0x12d1, productId: 0x1506 }), huaweiModemInterfaces())
    expect(roles.map((entry) => entry.role)).toEqual(['ppp', undefined, 'at'])
    expect(chooseAtPort(roles)).toMatchObject({ ok: true, basis: 'descriptor', port: { path: '/dev/ttyUSB2' } })
  })

  it('Huawei 12d1:1506 without descriptors or interface numbers: the documented tty order, only when the count matches', () => {
    const bare = (path: string): ModemSerialPort => ({ path, vendorId: 0x12d1, productId: 0x1506, groupKey: 'g' })
    const match = catalog.match({ vendorId: 0x12d1, productId: 0x1506 })
    const three = chooseAtPort(assignPortRoles([bare('/dev/ttyUSB10'), bare('/dev/ttyUSB8'), bare('/dev/ttyUSB9')], match))
    expect(three).toMatchObject({ ok: true, basis: 'tty-order', port: { path: '/dev/ttyUSB10' } })
    const four = chooseAtPort(assignPortRoles([bare('/dev/ttyUSB0'), bare('/dev/ttyUSB1'), bare('/dev/ttyUSB2'), bare('/dev/ttyUSB3')], match))
    expect(four.ok).toBe(false)
  })

  it('macOS port names: /dev/cu.HUAWEIMobile-Pcui is the AT port', () => {
    const port = (path: string): ModemSerialPort => ({ path, vendorId: 0x12d1, productId: 0x9999, groupKey: 'g' })
    const roles = assignPortRoles([port('/dev/cu.HUAWEIMobile-Modem'), port('/dev/cu.HUAWEIMobile-Pcui'), port('/dev/cu.HUAWEIMobile-Diag')], undefined)
    expect(roles.map((entry) => entry.role)).toEqual(['diag', 'ppp', 'at'])
    expect(chooseAtPort(roles)).toMatchObject({ ok: true, port: { path: '/dev/cu.HUAWEIMobile-Pcui' }, basis: 'port-name' })
  })

  it('an unknown layout is not guessed', async () => {
    const { lister } = mockModem('19d2', '0024', [0, 1, 2, 3], { serial: 'Z' })
    const choice = chooseAtPort(assignPortRoles(await ports(lister), catalog.match({ vendorId: 0x19d2, productId: 0x0024 })))
    expect(choice.ok).toBe(false)
    if (!choice.ok) expect(choice.reason).toMatch(/Choose the port yourself/)
  })
})

/** An opener whose port answers (or not) like a modem, recording what was written. */
function scriptedOpener(answer: ((written: string) => string | undefined) | Error) {
  const log = { written: [] as string[], closed: 0, opened: 0 }
  const open: AtPortOpener = async () => {
    if (answer instanceof Error) throw answer
    log.opened++
    let listener: ((chunk: Buffer) => void) | undefined
    return {
      write: async (data) => {
        log.written.push(data)
        const reply = answer(data)
        if (reply !== undefined) setTimeout(() => listener?.(Buffer.from(reply, 'latin1')), 5)
      },
      onData: (handler) => {
        listener = handler
      },
      close: async () => {
        log.closed++
      }
    }
  }
  return { open, log }
}

describe('probeAtPort', () => {
  it('sends exactly AT\\r, accepts OK after an echo, and closes the port', async () => {
    const { open, log } = scriptedOpener((written) => `${written}\r\nOK\r\n`)
    const result = await probeAtPort('/dev/ttyUSB2', { open, platform: 'linux' })
    expect(result.ok).toBe(true)
    expect(log.written).toEqual(['AT\r'])
    expect(log.closed).toBe(1)
  })

  it('gives up after the timeout when nothing answers, and still closes', async () => {
    const { open, log } = scriptedOpener(() => undefined)
    const started = Date.now()
    const result = await probeAtPort('/dev/ttyUSB2', { open, platform: 'linux', timeoutMs: 120 })
    expect(result).toMatchObject({ ok: false, problem: 'no-answer' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)
    expect(log.closed).toBe(1)
  })

  it('an ERROR answer means this is not the AT port', async () => {
    const { open } = scriptedOpener(() => '\r\nERROR\r\n')
    expect(await probeAtPort('/dev/ttyUSB1', { open, platform: 'linux' })).toMatchObject({ ok: false, problem: 'unexpected-answer' })
  })

  it.each([
    ['Error: Resource busy, cannot open /dev/ttyUSB2', 'linux'],
    ['Error Resource temporarily unavailable Cannot lock port', 'linux'],
    ['Opening COM3: Access denied', 'win32']
  ] as const)('busy: "%s" (%s) → BUSY with how to stop ModemManager / close the other program', async (message, platform) => {
    const { open } = scriptedOpener(new Error(message))
    const result = await probeAtPort('/dev/ttyUSB2', { open, platform, udevRulesDir: '/usr/lib/hotspot-desk/resources/udev' })
    expect(result).toMatchObject({ ok: false, problem: 'busy' })
    if (result.ok) return
    expect(result.error?.code).toBe('BUSY')
    expect(result.error?.details).toMatchObject({ path: '/dev/ttyUSB2', reason: 'port-busy', cause: message })
    if (platform === 'linux') {
      expect(result.fix?.commands).toEqual([
        'sudo systemctl stop ModemManager',
        'sudo install -m 0644 /usr/lib/hotspot-desk/resources/udev/70-hotspot-desk-mm-ignore.rules /etc/udev/rules.d/',
        'sudo udevadm control --reload-rules',
        'sudo udevadm trigger'
      ])
    } else {
      expect(result.fix?.summary).toMatch(/COM port/)
    }
  })

  it('EACCES → permission with the dialout group and the udev rule', async () => {
    const { open } = scriptedOpener(Object.assign(new Error('Error: Permission denied, cannot open /dev/ttyUSB2'), { code: 'EACCES' }))
    const result = await probeAtPort('/dev/ttyUSB2', { open, platform: 'linux', udevRulesDir: '/opt/hd/udev' })
    expect(result).toMatchObject({ ok: false, problem: 'no-permission' })
    if (result.ok) return
    expect(result.error?.details).toMatchObject({ reason: 'permission-denied' })
    expect(result.fix?.commands?.[0]).toBe('sudo usermod -aG dialout "$USER"')
    expect(result.fix?.commands).toContain('sudo install -m 0644 /opt/hd/udev/70-hotspot-desk.rules /etc/udev/rules.d/')
  })

  it('a vanished port is DEVICE_GONE', async () => {
    const { open } = scriptedOpener(Object.assign(new Error('Error: No such file or directory, cannot open /dev/ttyUSB2'), { code: 'ENOENT' }))
    const result = await probeAtPort('/dev/ttyUSB2', { open, platform: 'linux' })
    expect(result).toMatchObject({ ok: false, problem: 'gone', error: { code: 'DEVICE_GONE' } })
  })
})

describe('probeAtPort through serialport (SerialPortMock)', () => {
  it('talks to a simulated modem behind MockBinding', async () => {
    const modem = createMockModemPort('/dev/ttyMODEM0')
    let received = ''
    modem.stream.on('data', (chunk: Buffer) => {
      received += chunk.toString()
      if (received.includes('AT\r')) modem.stream.write('\r\nOK\r\n')
    })
    const result = await probeAtPort('/dev/ttyMODEM0', { open: serialPortOpener(SerialPortMock), platform: 'linux' })
    expect(result.ok).toBe(true)
    expect(received).toBe('AT\r')
    modem.close()
  })

  it('reports a port another program has open (and locked) as busy', async () => {
    MockBinding.createPort('/dev/ttyUSB2', { vendorId: '12d1', productId: '1506' })
    const holder = new SerialPortMock({ path: '/dev/ttyUSB2', baudRate: 115200 })
    await new Promise<void>((resolve, reject) => holder.on('open', resolve).on('error', reject))
    const result = await probeAtPort('/dev/ttyUSB2', { open: serialPortOpener(SerialPortMock), platform: 'linux' })
    expect(result).toMatchObject({ ok: false, problem: 'busy', error: { code: 'BUSY' } })
    await new Promise<void>((resolve) => holder.close(() => resolve()))
  })
})
