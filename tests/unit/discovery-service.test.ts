// DiscoveryService with everything injected (fake USB bus, listed ports, a scripted AT opener, families whose
// fingerprints answer from a table — no packet leaves the process): one record per physical unit across
// serial + network, statuses with reasons and fixes, hot-plug, mode switching and scan coalescing.
import { afterEach, describe, expect, it } from 'vitest'
import type { DriverFamily, Fingerprint, HotspotDriver } from '../../src/devices/driver'
import { DriverRegistry } from '../../src/devices/driver'
import type { Connection } from '../../src/devices/model'
import type { DiscoveredDevice } from '../../src/devices/discovery/discovered-device'
import { DiscoveryService, type DiscoveryServiceOptions } from '../../src/devices/discovery/discovery-service'
import type { LanTarget } from '../../src/devices/discovery/lan-targets'
import type { AtPortOpener, SerialPortListing } from '../../src/devices/discovery/serial-ports'
import type { UsbPosition } from '../../src/devices/discovery/sysfs-usb'
import { cdcEthernetInterfaces, FakeUsbSource, huaweiModemInterfaces, RecordingUsbDevice, storageInterfaces, usbDevice } from './discovery-fakes'

/** A family whose fingerprint answers from a table keyed by base URL; never touches the network. */
class TableFamily implements DriverFamily {
  readonly label: string
  probes: string[] = []
  constructor(
    readonly id: string,
    readonly connectionKinds: ReadonlyArray<Connection['kind']>,
    readonly answers = new Map<string, Fingerprint>()
  ) {
    this.label = `Test ${id}`
  }
  async fingerprint(connection: Connection): Promise<Fingerprint | null> {
    if (connection.kind !== 'http') return null
    this.probes.push(connection.baseUrl)
    return this.answers.get(connection.baseUrl) ?? null
  }
  create(): HotspotDriver {
    throw new Error('not used')
  }
}

function lan(baseUrl: string, extra: Partial<LanTarget> = {}): LanTarget {
  return { baseUrl, address: new URL(baseUrl).hostname, via: 'gateway', ...extra }
}

/** An AT opener that answers OK on the listed paths and fails with the given errors on others. */
function atOpener(answering: string[], failures: Record<string, Error> = {}) {
  const opened: string[] = []
  const open: AtPortOpener = async (path) => {
    if (failures[path]) throw failures[path]
    opened.push(path)
    let listener: ((chunk: Buffer) => void) | undefined
    return {
      write: async () => {
        if (answering.includes(path)) setTimeout(() => listener?.(Buffer.from('\r\nOK\r\n')), 1)
      },
      onData: (handler) => {
        listener = handler
      },
      close: async () => undefined
    }
  }
  return { open, opened }
}

function port(path: string, vid: string, pid: string, extra: Partial<SerialPortListing> = {}): SerialPortListing {
  return { path, vendorId: vid, productId: pid, manufacturer: undefined, serialNumber: undefined, pnpId: undefined, locationId: undefined, ...extra }
}

const services: DiscoveryService[] = []
afterEach(() => {
  for (const service of services.splice(0)) service.stop()
})

function makeService(options: Partial<DiscoveryServiceOptions> & { families?: DriverFamily[] } = {}) {
  const registry = new DriverRegistry()
  for (const family of options.families ?? []) registry.register(family)
  const service = new DiscoveryService({
    registry,
    usb: options.usb ?? new FakeUsbSource(),
    lanTargets: options.lanTargets ?? (() => []),
    serial: { list: async () => [], open: atOpener([]).open, position: () => undefined, ...options.serial },
    platform: 'linux',
    udevRulesDir: '/opt/hd/resources/udev',
    hotplug: { quietMs: 20, maxWaitMs: 200 },
    settleRescansMs: [],
    ...options
  })
  services.push(service)
  return service
}

describe('one device, two paths', () => {
  it('merges serial ports and a USB-network answer on the same USB port into one record (sysfs)', async () => {
    const huawei = new TableFamily('huawei-hilink', ['http'], new Map([['http://192.168.8.1', { family: 'huawei-hilink', model: 'E3372h-153', loginRequired: false }]]))
    const at = new TableFamily('generic-at', ['serial'])
    const usb = new FakeUsbSource([
      usbDevice(0x12d1, 0x1442, '1-2', { serialNumber: '0123456789ABCDEF', interfaces: [...cdcEthernetInterfaces(), ...huaweiModemInterfaces().map((iface) => ({ ...iface, interfaceNumber: iface.interfaceNumber + 2 }))] })
    ])
    const positions: Record<string, UsbPosition> = {
      '/dev/ttyUSB0': { location: '1-2', configuration: 1, interfaceNumber: 2 },
      '/dev/ttyUSB1': { location: '1-2', configuration: 1, interfaceNumber: 3 },
      '/dev/ttyUSB2': { location: '1-2', configuration: 1, interfaceNumber: 4 }
    }
    const { open, opened } = atOpener(['/dev/ttyUSB2'])
    const service = makeService({
      families: [huawei, at],
      usb,
      lanTargets: () => [lan('http://192.168.8.1', { interfaceName: 'usb0', usbLocation: '1-2', usbNetwork: true })],
      serial: {
        list: async () => Object.keys(positions).map((path) => port(path, '12d1', '1442', { serialNumber: '0123456789ABCDEF' })),
        open,
        position: (path) => positions[path]
      }
    })
    const devices = await service.scan()
    expect(devices).toHaveLength(1)
    const [device] = devices as [DiscoveredDevice]
    expect(device).toMatchObject({
      id: 'usb:0123456789ABCDEF',
      name: 'E3372h-153',
      familyId: 'huawei-hilink',
      familyLabel: 'Test huawei-hilink',
      status: 'ready',
      target: { connection: { kind: 'http', baseUrl: 'http://192.168.8.1' } },
      fingerprint: { model: 'E3372h-153' },
      usb: { usbId: '12d1:1442', location: '1-2', mode: 'hilink', serialNumber: '0123456789ABCDEF' }
    })
    expect(device.connections).toEqual([
      {
        role: 'primary',
        connection: { kind: 'http', baseUrl: 'http://192.168.8.1' },
        familyId: 'huawei-hilink',
        driverAvailable: true,
        via: { kind: 'network', address: '192.168.8.1', baseUrl: 'http://192.168.8.1', via: 'gateway', interfaceName: 'usb0' }
      },
      {
        role: 'secondary',
        connection: { kind: 'serial', path: '/dev/ttyUSB2' },
        familyId: 'generic-at',
        driverAvailable: true,
        via: { kind: 'serial', path: '/dev/ttyUSB2', interfaceNumber: 4, role: 'at', chosenBy: 'descriptor', probe: 'ok', dialect: 'huawei' }
      }
    ])
    // only the PCUI port was opened: never the modem (PPP) or diag port
    expect(opened).toEqual(['/dev/ttyUSB2'])
    expect(device.usb?.serialPorts.map((entry) => entry.role)).toEqual(['ppp', undefined, 'at'])
  })

  it('prefer: serial makes the AT port primary', async () => {
    const huawei = new TableFamily('huawei-hilink', ['http'], new Map([['http://192.168.8.1', { family: 'huawei-hilink' }]]))
    const service = makeService({
      families: [huawei, new TableFamily('generic-at', ['serial'])],
      usb: new FakeUsbSource([usbDevice(0x12d1, 0x1442, '1-2', { interfaces: huaweiModemInterfaces() })]),
      lanTargets: () => [lan('http://192.168.8.1', { usbLocation: '1-2' })],
      serial: { list: async () => [port('/dev/ttyUSB2', '12d1', '1442', { pnpId: 'usb-HUAWEI_Mobile-if02-port0' })], open: atOpener(['/dev/ttyUSB2']).open, position: () => undefined },
      prefer: 'serial'
    })
    const [device] = await service.scan()
    expect(device?.target).toEqual({ connection: { kind: 'serial', path: '/dev/ttyUSB2' } })
    expect(device?.connections.map((connection) => `${connection.role}:${connection.connection.kind}`)).toEqual(['primary:serial', 'secondary:http'])
  })

  it('without USB access: serial ports + the answer through a USB network interface still make one unit', async () => {
    const huawei = new TableFamily('huawei-hilink', ['http'], new Map([['http://192.168.8.1', { family: 'huawei-hilink' }]]))
    const usb = new FakeUsbSource()
    usb.availability = { available: false, reason: 'no /sys/bus/usb' }
    const service = makeService({
      families: [huawei, new TableFamily('generic-at', ['serial'])],
      usb,
      lanTargets: () => [lan('http://192.168.8.1', { interfaceName: 'enx0c5b8f279a64', usbNetwork: true })],
      serial: {
        list: async () => [0, 1, 2].map((n) => port(`/dev/ttyUSB${n}`, '12d1', '1442', { serialNumber: 'S1', pnpId: `usb-HUAWEI_Mobile_S1-if0${n}-port0` })),
        open: atOpener([]).open,
        position: () => undefined
      }
    })
    const devices = await service.scan()
    expect(devices).toHaveLength(1)
    expect(devices[0]).toMatchObject({ id: 'usb:S1', status: 'ready', familyId: 'huawei-hilink' })
    expect(service.status().usb).toEqual({ available: false, reason: 'no /sys/bus/usb' })
  })

  it('matches serial ports to the USB device by ids + USB serial number when sysfs is silent', async () => {
    const service = makeService({
      families: [new TableFamily('generic-at', ['serial'])],
      usb: new FakeUsbSource([usbDevice(0x2c7c, 0x0125, '3-1', { serialNumber: 'QX' }), usbDevice(0x2c7c, 0x0125, '3-2', { serialNumber: 'QY' })]),
      serial: {
        list: async () => [port('/dev/ttyUSB2', '2c7c', '0125', { serialNumber: 'QY', pnpId: 'usb-Quectel_EC25_QY-if02-port0' })],
        open: atOpener(['/dev/ttyUSB2']).open,
        position: () => undefined
      }
    })
    const devices = await service.scan()
    const qy = devices.find((device) => device.id === 'usb:QY')
    expect(qy).toMatchObject({ status: 'ready', usb: { location: '3-2' } })
    expect(devices.find((device) => device.id === 'usb:QX')).toMatchObject({ status: 'unsupported', reasonCode: 'no-serial-port' })
  })

  it('a pocket hotspot on Wi-Fi stays its own record next to a USB stick of the same family', async () => {
    const huawei = new TableFamily(
      'huawei-hilink',
      ['http'],
      new Map([
        ['http://192.168.8.1', { family: 'huawei-hilink', model: 'E3372' }],
        ['http://192.168.1.1', { family: 'huawei-hilink', model: 'E5577' }]
      ])
    )
    const service = makeService({
      families: [huawei],
      usb: new FakeUsbSource([usbDevice(0x12d1, 0x14db, '1-2', { serialNumber: 'STICK' })]),
      lanTargets: () => [lan('http://192.168.8.1', { interfaceName: 'usb0', usbLocation: '1-2', usbNetwork: true }), lan('http://192.168.1.1', { interfaceName: 'wlan0' })]
    })
    const devices = await service.scan()
    expect(devices.map((device) => `${device.id} ${device.name}`).sort()).toEqual(['http://192.168.1.1 E5577', 'usb:STICK E3372'])
  })

  it('two sticks reporting the same generic serial number get distinct ids', async () => {
    const service = makeService({
      usb: new FakeUsbSource([usbDevice(0x12d1, 0x1f01, '1-1', { serialNumber: '0123456789ABCDEF' }), usbDevice(0x12d1, 0x1f01, '1-2', { serialNumber: '0123456789ABCDEF' })])
    })
    const ids = (await service.scan()).map((device) => device.id).sort()
    expect(ids).toEqual(['usb:0123456789ABCDEF@1-1', 'usb:0123456789ABCDEF@1-2'])
  })
})

describe('statuses, reasons and fixes', () => {
  it('installer CD-ROM → needs-switching, switchable', async () => {
    const service = makeService({ usb: new FakeUsbSource([usbDevice(0x12d1, 0x1f01, '1-2', { interfaces: storageInterfaces() })]) })
    const [device] = await service.scan()
    expect(device).toMatchObject({ status: 'needs-switching', reasonCode: 'installer-cdrom', canSwitch: true, id: 'usb:12d1:1f01:1-2' })
    expect(device?.target).toBeUndefined()
    expect(device?.reason).toMatch(/installer CD-ROM/)
  })

  it('an unknown Huawei id showing a CD-ROM → unsupported with the usb-modeswitch advice; a phone is ignored', async () => {
    const service = makeService({
      usb: new FakeUsbSource([
        usbDevice(0x12d1, 0xbeef, '1-2', { interfaces: storageInterfaces() }),
        usbDevice(0x12d1, 0x107e, '1-3', { interfaces: [{ interfaceNumber: 0, interfaceClass: 0x06, interfaceSubclass: 1, interfaceProtocol: 1, endpoints: [] }] }),
        usbDevice(0x046d, 0xc52b, '1-4', { interfaces: storageInterfaces() })
      ])
    })
    const devices = await service.scan()
    expect(devices).toHaveLength(1)
    expect(devices[0]).toMatchObject({ status: 'unsupported', reasonCode: 'no-switch-method', canSwitch: false, name: 'Huawei device 12d1:beef' })
    expect(devices[0]?.fix?.summary).toMatch(/usb-modeswitch/)
  })

  it('busy AT port → busy with the ModemManager fix; the error crosses as data', async () => {
    const busy = new Error('Error: Resource busy, cannot open /dev/ttyUSB3')
    const service = makeService({
      families: [new TableFamily('generic-at', ['serial'])],
      serial: {
        list: async () => [0, 1, 2, 3].map((n) => port(`/dev/ttyUSB${n}`, '19d2', '0031', { serialNumber: 'Z', pnpId: `usb-ZTE_Z-if0${n}-port0` })),
        open: atOpener([], { '/dev/ttyUSB3': busy }).open,
        position: () => undefined
      }
    })
    const [device] = await service.scan()
    expect(device).toMatchObject({ status: 'busy', reasonCode: 'port-busy', error: { code: 'BUSY', details: { path: '/dev/ttyUSB3', reason: 'port-busy' } } })
    expect(device?.fix?.commands).toContain('sudo systemctl stop ModemManager')
    expect(device?.fix?.commands).toContain('sudo install -m 0644 /opt/hd/resources/udev/70-hotspot-desk-mm-ignore.rules /etc/udev/rules.d/')
  })

  it('EACCES → no-permission with the dialout fix', async () => {
    const service = makeService({
      families: [new TableFamily('generic-at', ['serial'])],
      serial: {
        list: async () => [port('/dev/ttyUSB2', '2c7c', '0125', { pnpId: 'usb-Quectel-if02-port0' })],
        open: atOpener([], { '/dev/ttyUSB2': Object.assign(new Error('Error: Permission denied, cannot open /dev/ttyUSB2'), { code: 'EACCES' }) }).open,
        position: () => undefined
      }
    })
    const [device] = await service.scan()
    expect(device).toMatchObject({ status: 'no-permission', reasonCode: 'permission-denied' })
    expect(device?.fix?.commands?.[0]).toBe('sudo usermod -aG dialout "$USER"')
  })

  it('answering AT port but no generic-at driver in this build → unsupported no-driver (the port is still listed)', async () => {
    const service = makeService({
      serial: { list: async () => [port('/dev/ttyUSB2', '2c7c', '0125', { pnpId: 'usb-Quectel-if02-port0' })], open: atOpener(['/dev/ttyUSB2']).open, position: () => undefined }
    })
    const [device] = await service.scan()
    expect(device).toMatchObject({ status: 'unsupported', reasonCode: 'no-driver', target: { connection: { kind: 'serial', path: '/dev/ttyUSB2' } } })
    expect(device?.connections[0]).toMatchObject({ driverAvailable: false, familyId: 'generic-at' })
  })

  it('ports the host already owns are not probed and count as reachable', async () => {
    const { open, opened } = atOpener([])
    const service = makeService({
      families: [new TableFamily('generic-at', ['serial'])],
      serial: { list: async () => [port('/dev/ttyUSB2', '2c7c', '0125', { pnpId: 'usb-Quectel-if02-port0' })], open, position: () => undefined },
      ownedPorts: () => ['/dev/ttyUSB2']
    })
    const [device] = await service.scan()
    expect(opened).toEqual([])
    expect(device).toMatchObject({ status: 'ready', connections: [{ via: { probe: 'owned' } }] })
  })

  it('HiLink stick with no web answer → waiting-for-network, worded for LAN probing off', async () => {
    const service = makeService({
      families: [new TableFamily('huawei-hilink', ['http'])],
      usb: new FakeUsbSource([usbDevice(0x12d1, 0x14db, '1-2')]),
      lanProbeEnabled: () => false
    })
    const [device] = await service.scan()
    expect(device).toMatchObject({ status: 'unsupported', reasonCode: 'waiting-for-network' })
    expect(device?.reason).toMatch(/turned off/)
  })

  it('never lists or probes serial devices of other vendors (an FTDI adapter, an Arduino)', async () => {
    const { open, opened } = atOpener(['/dev/ttyUSB0', '/dev/ttyACM0'])
    const service = makeService({
      serial: {
        list: async () => [port('/dev/ttyUSB0', '0403', '6001', { pnpId: 'usb-FTDI-if00-port0' }), port('/dev/ttyACM0', '2341', '0043'), { path: '/dev/ttyS0' } as SerialPortListing],
        open,
        position: () => undefined
      }
    })
    expect(await service.scan()).toEqual([])
    expect(opened).toEqual([])
  })
})

describe('events, hot-plug and switching', () => {
  function nextEvent<K extends 'found' | 'lost' | 'changed'>(service: DiscoveryService, event: K) {
    return new Promise<DiscoveredDevice>((resolve) => {
      const stop = service.on(event, (payload) => {
        stop()
        resolve(payload.device)
      })
    })
  }

  it('hot-plug: found after the burst settles, lost on unplug', async () => {
    const usb = new FakeUsbSource()
    const service = makeService({ usb })
    expect(await service.start()).toEqual([])
    const found = nextEvent(service, 'found')
    usb.attach(usbDevice(0x19d2, 0x1225, '2-1', { address: 3, interfaces: storageInterfaces() }))
    expect(await found).toMatchObject({ status: 'needs-switching', usb: { usbId: '19d2:1225' } })
    const lost = nextEvent(service, 'lost')
    usb.detach('2-1')
    expect(await lost).toMatchObject({ id: 'usb:19d2:1225:2-1' })
    expect(service.devices()).toEqual([])
  })

  it('ignores hot-plug of devices from other vendors (no scan)', async () => {
    const usb = new FakeUsbSource()
    const service = makeService({ usb })
    await service.start()
    const before = usb.listCalls
    usb.attach(usbDevice(0x046d, 0xc52b, '1-7', { address: 2 }))
    await new Promise((resolve) => setTimeout(resolve, 80))
    // the watcher lists once to see the change; the service does not scan
    expect(usb.listCalls - before).toBe(1)
  })

  it('switchMode: the stick comes back as HiLink on the same port and the record turns ready', async () => {
    const huawei = new TableFamily('huawei-hilink', ['http'])
    const usb = new FakeUsbSource([usbDevice(0x12d1, 0x1f01, '1-2', { serialNumber: 'E3372', address: 4, interfaces: storageInterfaces() })])
    const handle = RecordingUsbDevice.storage()
    usb.openables.set('1-2', handle)
    handle.onTransferOut = () => {
      setTimeout(() => {
        usb.detach('1-2')
        usb.attach(usbDevice(0x12d1, 0x14db, '1-2', { serialNumber: 'E3372', address: 5, interfaces: cdcEthernetInterfaces() }))
        huawei.answers.set('http://192.168.8.1', { family: 'huawei-hilink', model: 'E3372h-153' })
      }, 10)
    }
    const service = makeService({ families: [huawei], usb, lanTargets: () => [lan('http://192.168.8.1', { usbLocation: '1-2', usbNetwork: true })] })
    const [before] = await service.start()
    expect(before).toMatchObject({ id: 'usb:E3372', status: 'needs-switching' })
    const changed = new Promise<{ device: DiscoveredDevice; previous: DiscoveredDevice }>((resolve) => service.on('changed', resolve))
    const after = await service.switchMode('usb:E3372')
    expect(after).toMatchObject({ id: 'usb:E3372', status: 'ready', usb: { usbId: '12d1:14db', mode: 'hilink' }, name: 'E3372h-153' })
    const event = await changed
    expect(event.previous.status).toBe('needs-switching')
    expect(handle.calls.filter((call) => call.op === 'transferOut')).toHaveLength(1)
  })

  it('a failed switch (permission) turns the record into no-permission with the udev fix', async () => {
    const usb = new FakeUsbSource([usbDevice(0x12d1, 0x1f01, '1-2', { interfaces: storageInterfaces() })])
    const handle = RecordingUsbDevice.storage()
    handle.fail.open = new Error('open error: permission denied')
    usb.openables.set('1-2', handle)
    const service = makeService({ usb })
    await service.scan()
    await expect(service.switchMode('usb:12d1:1f01:1-2')).rejects.toMatchObject({ failure: 'permission' })
    expect(service.get('usb:12d1:1f01:1-2')).toMatchObject({
      status: 'no-permission',
      reasonCode: 'usb-permission-denied',
      error: { code: 'PERMISSION', details: { reason: 'permission' } },
      fix: { commands: ['sudo install -m 0644 /opt/hd/resources/udev/70-hotspot-desk.rules /etc/udev/rules.d/', 'sudo udevadm control --reload-rules', 'sudo udevadm trigger'] }
    })
    await expect(service.switchMode('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('coalesces scan requests: a burst costs at most two scans', async () => {
    const usb = new FakeUsbSource()
    const service = makeService({ usb })
    await Promise.all([service.scan(), service.scan(), service.scan(), service.scan()])
    expect(usb.listCalls).toBe(2)
  })

  it('a listener that throws does not break the scan', async () => {
    const service = makeService({ usb: new FakeUsbSource([usbDevice(0x12d1, 0x1f01, '1-2', { interfaces: storageInterfaces() })]) })
    const errors: unknown[] = []
    service.on('found', () => {
      throw new Error('ui bug')
    })
    service.on('error', ({ error }) => errors.push(error))
    expect(await service.scan()).toHaveLength(1)
    expect(errors).toHaveLength(1)
  })
})
