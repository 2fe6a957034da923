import { ContractError } from '@contract/errors'
import { beforeEach, describe, expect, it } from 'vitest'
import { useDevicesStore } from '@renderer/stores/devices'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { createTestPinia, flush } from './support/mount-app'

describe('devices store', () => {
  let client: FakeHostClient
  let hostDevices = [makeDevice({ id: 'a', name: 'Alpha' }), makeDevice({ id: 'b', name: 'Bravo' })]

  beforeEach(() => {
    hostDevices = [makeDevice({ id: 'a', name: 'Alpha' }), makeDevice({ id: 'b', name: 'Bravo' })]
    client = new FakeHostClient()
      .handle('devices.subscribe', ({ focusDeviceId }) => {
        if (focusDeviceId && !hostDevices.some((device) => device.id === focusDeviceId)) {
          throw new ContractError('NOT_FOUND', `No device with id "${focusDeviceId}".`)
        }
        return { devices: hostDevices }
      })
      .handle('devices.unsubscribe', () => ({ unsubscribed: true }))
      .handle('device.status', ({ deviceId }) => makeStatus({ deviceId }))
    createTestPinia(client)
  })

  it('subscribes on start, selects the first device and focuses it', async () => {
    const store = useDevicesStore()
    expect(store.status).toBe('idle')
    store.start()
    expect(store.status).toBe('loading')
    await flush()

    expect(store.status).toBe('ready')
    expect(store.devices.map((device) => device.id)).toEqual(['a', 'b'])
    expect(store.selectedId).toBe('a')
    expect(client.callsTo('devices.subscribe')).toEqual([{ focusDeviceId: null }, { focusDeviceId: 'a' }])
    // No reading came with an event yet, so the store asked for one.
    expect(client.callsTo('device.status')).toEqual([{ deviceId: 'a' }])
    expect(store.selectedStatus?.deviceId).toBe('a')
  })

  it('waits for the host to be ready before subscribing, and subscribes again after every reconnection', async () => {
    client.hello = null
    client.state = 'connecting'
    const store = useDevicesStore()
    store.start()
    await flush()
    expect(client.callsTo('devices.subscribe')).toEqual([])
    expect(store.status).toBe('loading')

    client.setState('open')
    client.becomeReady()
    await flush()
    expect(store.status).toBe('ready')
    const afterFirst = client.callsTo('devices.subscribe').length

    client.setState('reconnecting')
    client.setState('open')
    client.becomeReady()
    await flush()
    expect(client.callsTo('devices.subscribe').length).toBe(afterFirst + 1)
    expect(client.callsTo('devices.subscribe').at(-1)).toEqual({ focusDeviceId: 'a' })
  })

  it('changing the selection calls devices.subscribe with the new focusDeviceId', async () => {
    const store = useDevicesStore()
    store.start()
    await flush()
    client.calls.length = 0

    store.select('b')
    await flush()
    expect(store.selectedId).toBe('b')
    expect(client.callsTo('devices.subscribe')).toEqual([{ focusDeviceId: 'b' }])
    expect(client.callsTo('device.status')).toEqual([{ deviceId: 'b' }])

    store.select('b')
    await flush()
    expect(client.callsTo('devices.subscribe')).toHaveLength(1)
  })

  it('applies device.changed: added, updated (with a fresh reading) and removed', async () => {
    const store = useDevicesStore()
    store.start()
    await flush()

    client.emit('device.changed', { kind: 'added', device: makeDevice({ id: 'c', name: 'Charlie', state: 'connecting' }) })
    expect(store.devices.map((device) => device.id)).toEqual(['a', 'b', 'c'])
    expect(store.selectedId).toBe('a')

    const reading = makeStatus({ deviceId: 'c', signal: { bars: 2, rat: 'lte' } })
    client.emit('device.changed', { kind: 'updated', device: makeDevice({ id: 'c', name: 'Charlie', state: 'ready' }), status: reading })
    expect(store.devices.find((device) => device.id === 'c')?.state).toBe('ready')
    expect(store.statuses['c']?.signal.bars).toBe(2)

    client.emit('device.changed', { kind: 'updated', device: makeDevice({ id: 'c', name: 'Charlie', state: 'unreachable' }) })
    expect(store.devices.find((device) => device.id === 'c')?.state).toBe('unreachable')
    // An update without a reading keeps the last one.
    expect(store.statuses['c']?.signal.bars).toBe(2)

    client.emit('device.changed', { kind: 'removed', device: makeDevice({ id: 'c' }) })
    expect(store.devices.map((device) => device.id)).toEqual(['a', 'b'])
    expect(store.statuses['c']).toBeUndefined()
  })

  it('moves the selection when the selected device is removed, and clears it when none is left', async () => {
    const store = useDevicesStore()
    store.start()
    await flush()
    client.calls.length = 0

    hostDevices = [makeDevice({ id: 'b', name: 'Bravo' })]
    client.emit('device.changed', { kind: 'removed', device: makeDevice({ id: 'a' }) })
    await flush()
    expect(store.selectedId).toBe('b')
    expect(client.callsTo('devices.subscribe')).toEqual([{ focusDeviceId: 'b' }])

    hostDevices = []
    client.emit('device.changed', { kind: 'removed', device: makeDevice({ id: 'b' }) })
    await flush()
    expect(store.selectedId).toBeNull()
    expect(store.devices).toEqual([])
    expect(client.callsTo('devices.subscribe').at(-1)).toEqual({ focusDeviceId: null })
  })

  it('starts the demo and shows it', async () => {
    hostDevices = []
    const demo = makeDevice({ id: 'demo-hotspot', name: 'Demo hotspot (E5577)', demo: true })
    client.handle('demo.start', () => {
      // The host announces the device before it answers, as DeviceManager.add does.
      hostDevices = [demo]
      client.emit('device.changed', { kind: 'added', device: demo })
      return { deviceId: 'demo-hotspot', alreadyRunning: false }
    })
    const store = useDevicesStore()
    store.start()
    await flush()
    expect(store.devices).toEqual([])

    const starting = store.startDemo()
    expect(store.demoAction).toBe('starting')
    await starting
    await flush()

    expect(client.callsTo('demo.start')).toEqual([{}])
    expect(store.demoAction).toBe('idle')
    expect(store.selectedId).toBe('demo-hotspot')
    expect(store.demoDevice?.id).toBe('demo-hotspot')
    expect(client.callsTo('devices.subscribe').at(-1)).toEqual({ focusDeviceId: 'demo-hotspot' })
  })

  it('keeps a failed demo start as an error the UI can show', async () => {
    client.handle('demo.start', () => {
      throw new ContractError('BUSY', 'The demo is stopping.')
    })
    const store = useDevicesStore()
    store.start()
    await flush()
    await store.startDemo()
    expect(store.demoAction).toBe('idle')
    expect(store.demoError).toEqual({ code: 'BUSY', message: 'The demo is stopping.' })
  })

  it('stops the demo through demo.stop', async () => {
    client.handle('demo.stop', () => {
      hostDevices = hostDevices.filter((device) => device.id !== 'a')
      client.emit('device.changed', { kind: 'removed', device: makeDevice({ id: 'a' }) })
      return { stopped: true }
    })
    const store = useDevicesStore()
    store.start()
    await flush()
    await store.stopDemo()
    expect(client.callsTo('demo.stop')).toEqual([{}])
    expect(store.devices.map((device) => device.id)).toEqual(['b'])
  })

  it('goes to error when the list cannot be fetched, and recovers on retry', async () => {
    let fail = true
    client.handle('devices.subscribe', () => {
      if (fail) throw new ContractError('TIMEOUT', 'The host did not answer "devices.subscribe" within 15 s.')
      return { devices: hostDevices }
    })
    const store = useDevicesStore()
    store.start()
    await flush()
    expect(store.status).toBe('error')
    expect(store.error?.code).toBe('TIMEOUT')

    fail = false
    await store.subscribe()
    await flush()
    expect(store.status).toBe('ready')
    expect(store.error).toBeNull()
  })

  it('treats a subscribe cut short by a lost link as still loading, not as an error', async () => {
    client.handle('devices.subscribe', () => {
      throw new ContractError('INTERNAL', 'The connection to the host was lost.', { reason: 'host-link-lost' })
    })
    const store = useDevicesStore()
    store.start()
    await flush()
    expect(store.status).toBe('loading')
    expect(store.error).toBeNull()
  })

  it('records a failed device.status per device', async () => {
    client.handle('device.status', () => {
      throw new ContractError('AUTH_FAILED', 'Wrong password.')
    })
    const store = useDevicesStore()
    store.start()
    await flush()
    expect(store.readingStatus['a']).toBe('error')
    expect(store.readingErrors['a']?.code).toBe('AUTH_FAILED')
  })

  it('stop() removes its event handlers and unsubscribes', async () => {
    const store = useDevicesStore()
    store.start()
    await flush()
    expect(client.listenerCount('device.changed')).toBe(1)
    store.stop()
    expect(client.listenerCount('device.changed')).toBe(0)
    expect(client.callsTo('devices.unsubscribe')).toEqual([{}])
  })
})
