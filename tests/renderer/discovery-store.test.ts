import { ContractError } from '@contract/errors'
import type { DiscoveryState } from '@contract/model'
import { beforeEach, describe, expect, it } from 'vitest'
import { SCAN_TIMEOUT_MS, SWITCH_TIMEOUT_MS, useDiscoveryStore } from '@renderer/stores/discovery'
import { deferred } from './support/deferred'
import { BUSY_MODEM, makeDiscovery, MANAGED_HOTSPOT, NO_PERMISSION_STICK, SWITCHABLE_STICK } from './support/discovery-fixtures'
import { FakeHostClient } from './support/fake-client'
import { createTestPinia, flush } from './support/mount-app'

describe('discovery store', () => {
  let client: FakeHostClient
  let hostState: DiscoveryState

  beforeEach(() => {
    hostState = makeDiscovery()
    client = new FakeHostClient()
      .handle('discovery.state', () => hostState)
      .handle('discovery.scan', () => hostState)
      .handle('discovery.switchMode', () => hostState)
    createTestPinia(client)
  })

  it('reads discovery.state on start and lists the units that need attention', async () => {
    const store = useDiscoveryStore()
    expect(store.status).toBe('idle')
    store.start()
    expect(store.status).toBe('loading')
    await flush()

    expect(store.status).toBe('ready')
    expect(client.callsTo('discovery.state')).toEqual([{}])
    // Managed units are in the device list, and a ready one has nothing to fix.
    expect(store.needsAttention.map((item) => item.id)).toEqual([SWITCHABLE_STICK.id, NO_PERMISSION_STICK.id, BUSY_MODEM.id])
    expect(store.pathsOf(MANAGED_HOTSPOT.id)).toEqual(MANAGED_HOTSPOT.paths)
    expect(store.pathsOf('no-such-unit')).toEqual([])
    expect(store.usb).toEqual({ available: true })
    expect(store.lanProbe).toBe(true)
  })

  it('waits for the host, and reads the state again after every reconnection', async () => {
    client.hello = null
    client.state = 'connecting'
    const store = useDiscoveryStore()
    store.start()
    await flush()
    expect(client.callsTo('discovery.state')).toEqual([])
    expect(store.status).toBe('loading')

    client.setState('open')
    client.becomeReady()
    await flush()
    expect(store.status).toBe('ready')

    hostState = makeDiscovery({ items: [BUSY_MODEM] })
    client.setState('reconnecting')
    client.setState('open')
    client.becomeReady()
    await flush()
    expect(client.callsTo('discovery.state')).toHaveLength(2)
    expect(store.items.map((item) => item.id)).toEqual([BUSY_MODEM.id])
  })

  it('follows discovery.changed: hot-plugged units, a scan the host started, and unplugged units', async () => {
    const store = useDiscoveryStore()
    store.start()
    await flush()

    client.emit('discovery.changed', makeDiscovery({ items: [MANAGED_HOTSPOT], scanning: true }))
    expect(store.needsAttention).toEqual([])
    // The host's own scan (start-up, hot-plug) also keeps the Scan button from starting another.
    expect(store.scanning).toBe(true)
    expect(await store.scan()).toBe(false)
    expect(client.callsTo('discovery.scan')).toEqual([])

    client.emit('discovery.changed', makeDiscovery({ items: [MANAGED_HOTSPOT, NO_PERMISSION_STICK], scanning: false, usb: { available: false, reason: 'no USB' }, lanProbe: false }))
    expect(store.scanning).toBe(false)
    expect(store.needsAttention.map((item) => item.id)).toEqual([NO_PERMISSION_STICK.id])
    expect(store.usb).toEqual({ available: false, reason: 'no USB' })
    expect(store.lanProbe).toBe(false)

    store.stop()
    expect(client.listenerCount('discovery.changed')).toBe(0)
  })

  it('an event settles a failed first read', async () => {
    client.handle('discovery.state', () => {
      throw new ContractError('UNKNOWN_METHOD', 'no discovery here')
    })
    const store = useDiscoveryStore()
    store.start()
    await flush()
    expect(store.status).toBe('error')
    expect(store.error?.code).toBe('UNKNOWN_METHOD')

    client.emit('discovery.changed', makeDiscovery())
    expect(store.status).toBe('ready')
    expect(store.error).toBeNull()
  })

  it('keeps loading when the link drops under the first read (onReady reads again)', async () => {
    client.handle('discovery.state', () => {
      throw new ContractError('INTERNAL', 'lost', { reason: 'host-link-lost' })
    })
    const store = useDiscoveryStore()
    store.start()
    await flush()
    expect(store.status).toBe('loading')
    expect(store.error).toBeNull()
  })

  it('scans once at a time with a long timeout, and shows the new picture', async () => {
    const answer = deferred<DiscoveryState>()
    client.handle('discovery.scan', () => answer.promise)
    const store = useDiscoveryStore()
    store.start()
    await flush()

    const first = store.scan()
    expect(store.scanStatus).toBe('scanning')
    expect(store.scanning).toBe(true)
    expect(await store.scan()).toBe(false)
    expect(client.callsTo('discovery.scan')).toHaveLength(1)
    expect(client.optionsTo('discovery.scan')).toEqual([{ timeoutMs: SCAN_TIMEOUT_MS }])

    answer.resolve(makeDiscovery({ items: [MANAGED_HOTSPOT, BUSY_MODEM], lastScanAt: 1_800_000_000_000 }))
    expect(await first).toBe(true)
    expect(store.scanStatus).toBe('done')
    expect(store.scanning).toBe(false)
    expect(store.needsAttention.map((item) => item.id)).toEqual([BUSY_MODEM.id])
    expect(store.lastScanAt).toBe(1_800_000_000_000)
  })

  it('keeps a failed scan’s error until the next scan succeeds', async () => {
    client.handle('discovery.scan', () => {
      throw new ContractError('TIMEOUT', 'The host did not answer "discovery.scan" within 60 s.')
    })
    const store = useDiscoveryStore()
    store.start()
    await flush()

    expect(await store.scan()).toBe(false)
    expect(store.scanStatus).toBe('error')
    expect(store.scanError?.code).toBe('TIMEOUT')
    expect(store.scanning).toBe(false)
    // The picture from before the failed scan stays.
    expect(store.needsAttention).toHaveLength(3)

    client.handle('discovery.scan', () => hostState)
    expect(await store.scan()).toBe(true)
    expect(store.scanError).toBeNull()
  })

  it('switches a unit once, tracking it per unit, and takes the new picture', async () => {
    const answer = deferred<DiscoveryState>()
    client.handle('discovery.switchMode', () => answer.promise)
    const store = useDiscoveryStore()
    store.start()
    await flush()

    const switching = store.switchMode(SWITCHABLE_STICK.id)
    expect(store.switchStateOf(SWITCHABLE_STICK.id).status).toBe('running')
    expect(store.switchStateOf(NO_PERMISSION_STICK.id).status).toBe('idle')
    expect(await store.switchMode(SWITCHABLE_STICK.id)).toBe(false)
    expect(client.callsTo('discovery.switchMode')).toEqual([{ id: SWITCHABLE_STICK.id }])
    expect(client.optionsTo('discovery.switchMode')).toEqual([{ timeoutMs: SWITCH_TIMEOUT_MS }])

    // The stick came back as a modem the host now drives, under its new USB identity.
    const modem = { ...MANAGED_HOTSPOT, id: 'usb-1-2-modem', name: 'Huawei E3372' }
    answer.resolve(makeDiscovery({ items: [MANAGED_HOTSPOT, modem] }))
    expect(await switching).toBe(true)
    expect(store.needsAttention).toEqual([])
    expect(store.lastSwitched?.name).toBe(SWITCHABLE_STICK.name)
    // The switched unit is gone, so is its entry.
    expect(store.switches).toEqual({})
  })

  it('refuses to switch a unit the host cannot switch', async () => {
    const store = useDiscoveryStore()
    store.start()
    await flush()
    expect(await store.switchMode(NO_PERMISSION_STICK.id)).toBe(false)
    expect(await store.switchMode('unknown')).toBe(false)
    expect(client.callsTo('discovery.switchMode')).toEqual([])
  })

  it('keeps a failed switch’s error on that unit until dismissed', async () => {
    client.handle('discovery.switchMode', () => {
      throw new ContractError('PERMISSION', 'The system refused access to this USB device.', { id: SWITCHABLE_STICK.id })
    })
    const store = useDiscoveryStore()
    store.start()
    await flush()

    expect(await store.switchMode(SWITCHABLE_STICK.id)).toBe(false)
    const state = store.switchStateOf(SWITCHABLE_STICK.id)
    expect(state.status).toBe('error')
    expect(state.error?.code).toBe('PERMISSION')
    expect(store.lastSwitched).toBeNull()
    // An event that still lists the unit keeps the error visible.
    client.emit('discovery.changed', makeDiscovery())
    expect(store.switchStateOf(SWITCHABLE_STICK.id).status).toBe('error')

    store.dismissSwitch(SWITCHABLE_STICK.id)
    expect(store.switchStateOf(SWITCHABLE_STICK.id)).toEqual({ status: 'idle', error: null })
  })
})
