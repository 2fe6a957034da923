import { describe, expect, it } from 'vitest'
import type { DiscoveryState } from '../../src/contract/model'
import type { DiscoveredDevice, DiscoveryHealth } from '../../src/devices/discovery'
import { DriverRegistry } from '../../src/devices/driver'
import { DeviceManager } from '../../src/host/device-manager'
import { DiscoveryBridge, type DiscoverySource } from '../../src/host/discovery-bridge'
import { ScriptedFamily } from '../support/fake-family'

type Listener = (payload: { device: DiscoveredDevice } & { devices: DiscoveredDevice[] }) => void

class FakeDiscovery implements DiscoverySource {
  list: DiscoveredDevice[] = []
  listeners = new Map<string, Set<Listener>>()
  switched: string[] = []
  async start() {
    return this.list
  }
  stop() {}
  async scan() {
    this.emit('scanned', { devices: this.list })
    return this.list
  }
  devices() {
    return this.list
  }
  status(): DiscoveryHealth {
    return { usb: { available: false, reason: 'no /sys/bus/usb' }, serial: { available: true }, lan: { targets: 0, hits: 0, elapsedMs: 0 } }
  }
  async switchMode(id: string) {
    this.switched.push(id)
    return this.list.find((d) => d.id === id)
  }
  on(event: string, listener: Listener) {
    const set = this.listeners.get(event) ?? new Set()
    set.add(listener)
    this.listeners.set(event, set)
    return () => set.delete(listener)
  }
  emit(event: string, payload: object) {
    for (const listener of this.listeners.get(event) ?? []) listener(payload as never)
  }
}

const ready: DiscoveredDevice = {
  id: 'http://127.0.0.1:8080',
  name: 'Scripted unit',
  familyId: 'scripted',
  status: 'ready',
  canSwitch: false,
  target: { connection: { kind: 'http', baseUrl: 'http://127.0.0.1:8080' } },
  connections: [
    { role: 'primary', connection: { kind: 'http', baseUrl: 'http://127.0.0.1:8080' }, familyId: 'scripted', driverAvailable: true,
      via: { kind: 'network', address: '127.0.0.1', baseUrl: 'http://127.0.0.1:8080', via: 'manual' } }
  ]
}
const stuck: DiscoveredDevice = {
  id: 'usb:ABC123',
  name: 'Huawei E3372 (installer CD-ROM)',
  status: 'needs-switching',
  reason: 'It shows its installer CD-ROM.',
  fix: { summary: 'Press Switch mode.' },
  canSwitch: true,
  connections: [],
  usb: { vendorId: 0x12d1, productId: 0x1f01, usbId: '12d1:1f01', mode: 'storage', serialPorts: [] }
}

function setup() {
  const source = new FakeDiscovery()
  const manager = new DeviceManager(new DriverRegistry().register(new ScriptedFamily()))
  const published: DiscoveryState[] = []
  const bridge = new DiscoveryBridge({
    source,
    manager,
    addDevice: async (options) => void manager.add(options),
    lanProbe: false,
    publish: (state) => published.push(state)
  })
  return { source, manager, published, bridge }
}

describe('DiscoveryBridge', () => {
  it('adds a ready unit as a managed device and removes it when it is lost', async () => {
    const { source, manager, bridge } = setup()
    await bridge.start()
    source.list = [ready]
    source.emit('found', { device: ready })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(manager.list().map((d) => d.id)).toEqual([ready.id])
    expect(bridge.state().items[0]).toMatchObject({ id: ready.id, status: 'ready', managed: true, paths: ['Network http://127.0.0.1:8080'] })
    source.list = []
    source.emit('lost', { device: ready })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(manager.list()).toEqual([])
    await manager.close()
  })

  it('lists units it cannot drive yet with their fix, without adding them', async () => {
    const { source, manager, bridge, published } = setup()
    source.list = [stuck]
    await bridge.start()
    source.emit('found', { device: stuck })
    expect(manager.list()).toEqual([])
    const state = await bridge.scan()
    expect(state).toMatchObject({
      usb: { available: false, reason: 'no /sys/bus/usb' },
      lanProbe: false,
      scanning: false,
      items: [{ id: 'usb:ABC123', status: 'needs-switching', canSwitch: true, managed: false, fix: { summary: 'Press Switch mode.' }, paths: ['USB 12d1:1f01 (storage)'] }]
    })
    expect(published.some((s) => s.scanning)).toBe(true)
    await bridge.switchMode('usb:ABC123')
    expect(source.switched).toEqual(['usb:ABC123'])
    await expect(bridge.switchMode('usb:gone')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
