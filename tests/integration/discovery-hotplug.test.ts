// Hot-plug end to end, simulated: a Huawei stick is plugged in showing its installer CD-ROM, the user
// switches it, the bus shows the detach/attach burst of a re-enumeration, the stick's USB network interface
// comes up and its web UI (the loopback HiLink simulator) answers. Discovery reports one device through all
// of it: found (needs switching) → changed (ready, HiLink) → lost when unplugged.
import { afterEach, describe, expect, it } from 'vitest'
import type { DiscoveredDevice } from '../../src/devices/discovery/discovered-device'
import { DiscoveryService } from '../../src/devices/discovery/discovery-service'
import type { LanTarget } from '../../src/devices/discovery/lan-targets'
import { createDefaultRegistry } from '../../src/devices/registry'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'
import { cdcEthernetInterfaces, FakeUsbSource, RecordingUsbDevice, storageInterfaces, usbDevice } from '../unit/discovery-fakes'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function waitFor<T>(subscribe: (resolve: (value: T) => void) => () => void, timeoutMs = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error('timed out waiting for a discovery event'))
    }, timeoutMs)
    const stop = subscribe((value) => {
      clearTimeout(timer)
      stop()
      resolve(value)
    })
  })
}

describe('hot-plug and mode switch (simulated bus, loopback HiLink)', () => {
  it('found → switched → ready over the USB network interface → lost', async () => {
    const sim = new HuaweiHilinkSimulator({ variant: 'E3372h' })
    const { baseUrl } = await sim.start()
    cleanups.push(() => sim.stop())

    const usb = new FakeUsbSource()
    // The USB network interface (and so the LAN target) exists only while the stick is in HiLink mode.
    const lanTargets = (): LanTarget[] =>
      usb.devices.some((device) => device.productId === 0x14db)
        ? [{ baseUrl, address: '127.0.0.1', via: 'gateway', interfaceName: 'usb0', usbLocation: '1-2', usbNetwork: true }]
        : []
    const service = new DiscoveryService({
      registry: createDefaultRegistry(),
      usb,
      lanTargets,
      lanProbe: { timeoutMs: 1000 },
      serial: { list: async () => [], position: () => undefined },
      hotplug: { quietMs: 150, maxWaitMs: 1000 },
      settleRescansMs: [],
      platform: 'linux',
      switchTimeoutMs: 3000
    })
    cleanups.push(() => service.stop())
    const log: string[] = []
    service.on('found', ({ device }) => log.push(`found ${device.id} ${device.status}`))
    service.on('changed', ({ device }) => log.push(`changed ${device.id} ${device.status}`))
    service.on('lost', ({ device }) => log.push(`lost ${device.id}`))
    expect(await service.start()).toEqual([])

    // Plug in: the stick shows its CD-ROM.
    const found = waitFor<DiscoveredDevice>((resolve) => service.on('found', ({ device }) => resolve(device)))
    usb.attach(usbDevice(0x12d1, 0x1f01, '1-2', { serialNumber: 'FFFFFFFFFFFFFFFF', address: 7, interfaces: storageInterfaces() }))
    const stick = await found
    expect(stick).toMatchObject({ id: 'usb:FFFFFFFFFFFFFFFF', status: 'needs-switching', canSwitch: true, usb: { usbId: '12d1:1f01', mode: 'storage' } })

    // Switch: the device takes the HuaweiNewMode message and re-enumerates in a burst.
    const handle = RecordingUsbDevice.storage()
    usb.openables.set('1-2', handle)
    handle.onTransferOut = () => {
      setTimeout(() => usb.detach('1-2'), 30)
      setTimeout(() => usb.attach(usbDevice(0x12d1, 0x1f01, '1-2', { serialNumber: 'FFFFFFFFFFFFFFFF', address: 8, interfaces: storageInterfaces() })), 60)
      setTimeout(() => usb.detach('1-2'), 90)
      setTimeout(() => usb.attach(usbDevice(0x12d1, 0x14db, '1-2', { serialNumber: 'FFFFFFFFFFFFFFFF', address: 9, interfaces: cdcEthernetInterfaces() })), 120)
    }
    const started = performance.now()
    const ready = await service.switchMode(stick.id)
    console.info(`switch + rescan: ${Math.round(performance.now() - started)} ms`)
    expect(handle.calls.filter((call) => call.op === 'transferOut')).toEqual([
      { op: 'transferOut', endpoint: 1, hex: '55534243123456780000000000000011062000000101000100000000000000' }
    ])
    expect(ready).toMatchObject({
      id: 'usb:FFFFFFFFFFFFFFFF',
      status: 'ready',
      name: 'E3372h-153',
      familyId: 'huawei-hilink',
      target: { connection: { kind: 'http', baseUrl } },
      usb: { usbId: '12d1:14db', mode: 'hilink', location: '1-2' },
      fingerprint: { loginRequired: false }
    })

    // Let the debounced hot-plug scan of the burst run too; it must not split or duplicate the device.
    await new Promise((resolve) => setTimeout(resolve, 400))
    await service.scan()
    expect(service.devices().map((device) => `${device.id} ${device.status}`)).toEqual(['usb:FFFFFFFFFFFFFFFF ready'])

    // Unplug.
    const lost = waitFor<DiscoveredDevice>((resolve) => service.on('lost', ({ device }) => resolve(device)))
    usb.detach('1-2')
    expect((await lost).id).toBe('usb:FFFFFFFFFFFFFFFF')
    expect(log[0]).toBe('found usb:FFFFFFFFFFFFFFFF needs-switching')
    expect(log).toContain('changed usb:FFFFFFFFFFFFFFFF ready')
    expect(log.at(-1)).toBe('lost usb:FFFFFFFFFFFFFFFF')
    expect(log.filter((entry) => entry.startsWith('found'))).toHaveLength(1)
  })
})
