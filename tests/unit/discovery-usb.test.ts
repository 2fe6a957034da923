// The USB source over node-usb (with an injected fake `usb` module, and the real one where this machine lets
// it load) and the debounced hot-plug watcher (fake timers).
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { describeUsbUnavailable, locationOf, NodeUsbSource, usbEnumerationKey, type NodeWebUsb, type UsbHotplugEvent } from '../../src/devices/discovery/usb-source'
import { UsbWatcher, type UsbChange } from '../../src/devices/discovery/usb-watcher'
import { FakeUsbSource, usbDevice } from './discovery-fakes'

/** A stand-in for node-usb's `usb` object (a WebUSB EventTarget). */
class FakeWebUsb extends EventTarget implements NodeWebUsb {
  devices: Array<Record<string, unknown>> = []
  failWith: Error | undefined
  added: string[] = []
  removed: string[] = []
  getDevices = vi.fn(async () => {
    if (this.failWith) throw this.failWith
    return this.devices as never
  })
  override addEventListener(type: 'connect' | 'disconnect', listener: (event: Event) => void): void {
    this.added.push(type)
    super.addEventListener(type, listener)
  }
  override removeEventListener(type: 'connect' | 'disconnect', listener: (event: Event) => void): void {
    this.removed.push(type)
    super.removeEventListener(type, listener)
  }
  fire(type: 'connect' | 'disconnect', device: Record<string, unknown>): void {
    this.dispatchEvent(Object.assign(new Event(type), { device }))
  }
}

function nodeUsbDevice(vendorId: number, productId: number, ports: number[], extra: Record<string, unknown> = {}) {
  return {
    vendorId,
    productId,
    bus: '1',
    address: 7,
    ports,
    serialNumber: 'SN123',
    manufacturerName: 'HUAWEI',
    productName: 'HUAWEI_MOBILE',
    configuration: {
      configurationValue: 1,
      interfaces: [
        {
          interfaceNumber: 0,
          alternate: {
            interfaceClass: 8,
            interfaceSubclass: 6,
            interfaceProtocol: 0x50,
            interfaceName: null,
            endpoints: [
              { endpointNumber: 1, direction: 'out', type: 'bulk', packetSize: 512 },
              { endpointNumber: 1, direction: 'in', type: 'bulk', packetSize: 512 }
            ]
          }
        }
      ]
    },
    ...extra
  }
}

describe('NodeUsbSource over an injected usb module', () => {
  it('describes devices as plain data with a sysfs-style location', async () => {
    const webusb = new FakeWebUsb()
    webusb.devices = [nodeUsbDevice(0x12d1, 0x1f01, [2, 4])]
    const source = new NodeUsbSource({ load: async () => ({ usb: webusb }) })
    const listing = await source.list()
    expect(listing.availability).toEqual({ available: true })
    expect(listing.devices).toEqual([
      {
        vendorId: 0x12d1,
        productId: 0x1f01,
        location: '1-2.4',
        address: 7,
        serialNumber: 'SN123',
        manufacturer: 'HUAWEI',
        product: 'HUAWEI_MOBILE',
        configurationValue: 1,
        interfaces: [
          {
            interfaceNumber: 0,
            interfaceClass: 8,
            interfaceSubclass: 6,
            interfaceProtocol: 0x50,
            endpoints: [
              { endpointNumber: 1, direction: 'out', type: 'bulk' },
              { endpointNumber: 1, direction: 'in', type: 'bulk' }
            ]
          }
        ]
      }
    ])
  })

  it('tolerates descriptor getters that throw (device vanished mid-listing)', async () => {
    const webusb = new FakeWebUsb()
    const device = nodeUsbDevice(0x19d2, 0x2000, [3])
    Object.defineProperty(device, 'serialNumber', { get: () => { throw new Error('device disconnected') } })
    webusb.devices = [device]
    const listing = await new NodeUsbSource({ load: async () => ({ usb: webusb }) }).list()
    expect(listing.devices[0]).toMatchObject({ vendorId: 0x19d2, location: '1-3' })
    expect(listing.devices[0]?.serialNumber).toBeUndefined()
  })

  it('reports unavailability instead of rejecting, and never subscribes while unavailable', async () => {
    const webusb = new FakeWebUsb()
    webusb.failWith = new Error('getDevices error: /sys/bus/usb/devices/ not found (errno 2)')
    const source = new NodeUsbSource({ load: async () => ({ usb: webusb }) })
    const stop = source.watch(() => undefined)
    const listing = await source.list()
    expect(listing.devices).toEqual([])
    expect(listing.availability.available).toBe(false)
    if (!listing.availability.available) expect(listing.availability.reason).toMatch(/no \/sys\/bus\/usb/)
    expect(webusb.added).toEqual([])
    stop()
  })

  it('reports a module that fails to load as unavailable', async () => {
    const source = new NodeUsbSource({ load: async () => Promise.reject(new Error('Cannot find module @node-usb/usb-linux-x64-gnu')) })
    const listing = await source.list()
    expect(listing.availability).toMatchObject({ available: false, reason: expect.stringMatching(/failed to load/) })
  })

  it('forwards connect/disconnect as attach/detach once a listing succeeded, and unsubscribes', async () => {
    const webusb = new FakeWebUsb()
    const source = new NodeUsbSource({ load: async () => ({ usb: webusb }) })
    const events: UsbHotplugEvent[] = []
    const stop = source.watch((event) => events.push(event))
    await source.list()
    expect(webusb.added.sort()).toEqual(['connect', 'disconnect'])
    webusb.fire('connect', nodeUsbDevice(0x12d1, 0x14db, [2]))
    webusb.fire('disconnect', nodeUsbDevice(0x12d1, 0x1f01, [2]))
    expect(events.map((event) => `${event.type} ${usbEnumerationKey(event.device)}`)).toEqual(['attach 12d1:14db@1-2#7', 'detach 12d1:1f01@1-2#7'])
    stop()
    expect(webusb.removed.sort()).toEqual(['connect', 'disconnect'])
    webusb.fire('connect', nodeUsbDevice(0x12d1, 0x14db, [2]))
    expect(events).toHaveLength(2)
  })

  it('locationOf follows sysfs naming', () => {
    expect(locationOf('1', [2])).toBe('1-2')
    expect(locationOf('3', [1, 4])).toBe('3-1.4')
    expect(locationOf('2-1', [1])).toBe('2-1')
  })

  it.each([
    ['getDevices error: /sys/bus/usb/devices/ not found (errno 2)', /no \/sys\/bus\/usb/],
    ['/sys/bus/usb/devices/ permission denied', /may not list USB devices/],
    ['LIBUSB_ERROR_ACCESS', /may not list USB devices/]
  ])('describes %s', (message, expected) => {
    expect(describeUsbUnavailable(new Error(message)).reason).toMatch(expected)
  })
})

describe('NodeUsbSource with the real usb module', () => {
  it('lists or reports unavailability cleanly (no throw, no unhandled rejection from subscribing)', async () => {
    const source = new NodeUsbSource()
    const stop = source.watch(() => undefined)
    const listing = await source.list()
    if (!existsSync('/sys/bus/usb/devices') && process.platform === 'linux') {
      expect(listing.availability.available).toBe(false)
      if (!listing.availability.available) expect(listing.availability.reason).toMatch(/USB devices cannot be listed/)
      expect(listing.devices).toEqual([])
    } else {
      expect(Array.isArray(listing.devices)).toBe(true)
    }
    // give a stray promise from node-usb a chance to reject before the test ends
    await new Promise((resolve) => setTimeout(resolve, 50))
    stop()
  })
})

describe('UsbWatcher debounce', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('collapses a detach/attach burst of a mode switch into one change', async () => {
    vi.useFakeTimers()
    const stick = usbDevice(0x12d1, 0x1f01, '1-2', { address: 5 })
    const source = new FakeUsbSource([stick])
    const watcher = new UsbWatcher(source, { quietMs: 1000, maxWaitMs: 5000 })
    const changes: UsbChange[] = []
    watcher.onChange((change) => changes.push(change))
    await watcher.start()
    const listsAfterStart = source.listCalls

    source.detach('1-2')
    await vi.advanceTimersByTimeAsync(300)
    source.attach(usbDevice(0x12d1, 0x1f01, '1-2', { address: 6 })) // transient re-enumeration
    await vi.advanceTimersByTimeAsync(300)
    source.detach('1-2')
    await vi.advanceTimersByTimeAsync(300)
    source.attach(usbDevice(0x12d1, 0x14db, '1-2', { address: 7 }))
    await vi.advanceTimersByTimeAsync(999)
    expect(changes).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    await watcher.settled()

    expect(changes).toHaveLength(1)
    expect(changes[0]?.events).toBe(4)
    expect(changes[0]?.removed.map(usbEnumerationKey)).toEqual(['12d1:1f01@1-2#5'])
    expect(changes[0]?.added.map(usbEnumerationKey)).toEqual(['12d1:14db@1-2#7'])
    expect(source.listCalls - listsAfterStart).toBe(1)
    watcher.stop()
  })

  it('reports no change for noise that leaves the bus as it was', async () => {
    vi.useFakeTimers()
    const source = new FakeUsbSource([usbDevice(0x12d1, 0x14db, '1-2', { address: 3 })])
    const watcher = new UsbWatcher(source, { quietMs: 200 })
    const changes: UsbChange[] = []
    watcher.onChange((change) => changes.push(change))
    await watcher.start()
    source.emit({ type: 'attach', device: usbDevice(0x12d1, 0x14db, '1-2', { address: 3 }) })
    await vi.advanceTimersByTimeAsync(500)
    await watcher.settled()
    expect(changes).toEqual([])
    watcher.stop()
  })

  it('does not wait forever when events keep coming: maxWaitMs forces a report', async () => {
    vi.useFakeTimers()
    const source = new FakeUsbSource()
    const watcher = new UsbWatcher(source, { quietMs: 1000, maxWaitMs: 3000 })
    const changes: UsbChange[] = []
    watcher.onChange((change) => changes.push(change))
    await watcher.start()
    source.attach(usbDevice(0x19d2, 0x1405, '2-1', { address: 1 }))
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(700)
      source.emit({ type: 'attach', device: usbDevice(0x19d2, 0x1405, '2-1', { address: 1 }) })
    }
    await watcher.settled()
    expect(changes).toHaveLength(1)
    expect(changes[0]?.added.map((device) => device.location)).toEqual(['2-1'])
    watcher.stop()
  })

  it('folds events into the snapshot when the bus cannot be listed', async () => {
    vi.useFakeTimers()
    const source = new FakeUsbSource()
    const watcher = new UsbWatcher(source, { quietMs: 100 })
    const changes: UsbChange[] = []
    watcher.onChange((change) => changes.push(change))
    await watcher.start()
    source.availability = { available: false, reason: 'gone' }
    source.attach(usbDevice(0x2c7c, 0x0125, '1-1', { address: 2 }))
    await vi.advanceTimersByTimeAsync(150)
    await watcher.settled()
    expect(changes[0]?.added.map(usbEnumerationKey)).toEqual(['2c7c:0125@1-1#2'])
    expect(watcher.availability.available).toBe(false)
    watcher.stop()
  })

  it('stop() unsubscribes and drops pending bursts', async () => {
    vi.useFakeTimers()
    const source = new FakeUsbSource()
    const watcher = new UsbWatcher(source, { quietMs: 100 })
    const changes: UsbChange[] = []
    watcher.onChange((change) => changes.push(change))
    await watcher.start()
    expect(source.watchers).toBe(1)
    source.attach(usbDevice(0x2c7c, 0x0125, '1-1'))
    watcher.stop()
    await vi.advanceTimersByTimeAsync(500)
    expect(changes).toEqual([])
    expect(source.watchers).toBe(0)
  })
})
