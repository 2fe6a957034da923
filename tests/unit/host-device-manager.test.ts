import { afterEach, describe, expect, it, vi } from 'vitest'
import { DriverRegistry } from '../../src/devices/driver'
import { DeviceManager, type DeviceChange } from '../../src/host/device-manager'
import { nextPollDelay, DEFAULT_POLLING_RATES } from '../../src/host/polling-policy'
import { ScriptedFamily } from '../support/fake-family'

function setup(family: ScriptedFamily) {
  const manager = new DeviceManager(new DriverRegistry().register(family), {
    rates: { focusedMs: 1_000, backgroundMs: 10_000, maxBackoffMs: 30_000 }
  })
  const changes: DeviceChange[] = []
  manager.onChange((change) => changes.push(change))
  manager.add({ id: 'd1', name: 'Unit', familyId: family.id, target: { connection: { kind: 'http', baseUrl: 'http://127.0.0.1:9' } } })
  return { manager, changes }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('polling policy', () => {
  it.each([
    [true, 0, 1_000],
    [false, 0, 10_000],
    [true, 1, 2_000],
    [true, 3, 8_000],
    [false, 1, 10_000],
    [true, 40, 30_000],
    [false, 40, 30_000]
  ])('focused=%s failures=%i → %i ms', (focused, failures, expected) => {
    expect(nextPollDelay(DEFAULT_POLLING_RATES, focused, failures)).toBe(expected)
  })
})

describe('DeviceManager', () => {
  it('announces an added device, then its readings, and polls faster when focused', async () => {
    vi.useFakeTimers()
    const family = new ScriptedFamily()
    const { manager, changes } = setup(family)
    expect(changes[0]).toMatchObject({ kind: 'added', device: { id: 'd1', state: 'connecting' } })
    await vi.advanceTimersByTimeAsync(0)
    expect(changes.at(-1)).toMatchObject({ kind: 'updated', device: { state: 'ready' }, status: { deviceId: 'd1' } })
    expect(family.reads).toBe(1)
    await vi.advanceTimersByTimeAsync(9_999)
    expect(family.reads).toBe(1) // background: every 10 s
    manager.setFocus('client-a', 'd1')
    await vi.advanceTimersByTimeAsync(0)
    expect(family.reads).toBe(2) // focusing polls at once
    await vi.advanceTimersByTimeAsync(3_000)
    expect(family.reads).toBe(5) // then every second
    manager.clearClient('client-a')
    await vi.advanceTimersByTimeAsync(5_000)
    expect(family.reads).toBe(6) // back to the slow pace after the pending fast tick
    await manager.close()
  })

  it('never retries a rejected login on its own', async () => {
    vi.useFakeTimers()
    const family = new ScriptedFamily(['AUTH_FAILED'])
    const { manager, changes } = setup(family)
    await vi.advanceTimersByTimeAsync(120_000)
    expect(family.opens).toBe(1)
    expect(manager.list()[0]).toMatchObject({ state: 'auth-required', lastError: { code: 'AUTH_FAILED' } })
    manager.setFocus('c', 'd1')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(family.opens).toBe(1)
    expect(changes.filter((c) => c.kind === 'updated')).toHaveLength(1)
    await manager.close()
  })

  it('treats a locked-out device the same way', async () => {
    vi.useFakeTimers()
    const family = new ScriptedFamily(['LOCKED_OUT'])
    const { manager } = setup(family)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(family.opens).toBe(1)
    expect(manager.list()[0]?.state).toBe('locked-out')
    await manager.close()
  })

  it('backs off while a device is unreachable and reopens the session when it answers again', async () => {
    vi.useFakeTimers()
    const family = new ScriptedFamily([], ['ok', 'DEVICE_GONE', 'TIMEOUT', 'ok'])
    const { manager } = setup(family)
    manager.setFocus('c', 'd1')
    await vi.advanceTimersByTimeAsync(0)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(manager.list()[0]?.state).toBe('unreachable')
    expect(family.reads).toBe(2)
    await vi.advanceTimersByTimeAsync(1_999)
    expect(family.reads).toBe(2) // 2 s back-off after one failure
    await vi.advanceTimersByTimeAsync(1)
    expect(family.reads).toBe(3)
    await vi.advanceTimersByTimeAsync(4_000)
    expect(family.reads).toBe(4)
    expect(manager.list()[0]?.state).toBe('ready')
    expect(family.opens).toBe(3) // the first, and one after each failure
    await manager.close()
  })

  it('waits for a first reading in status(), reports NOT_FOUND for unknown ids, and closes drivers', async () => {
    const family = new ScriptedFamily()
    const { manager, changes } = setup(family)
    const status = await manager.status('d1')
    expect(status.sim.msisdn).toBe('+12065550143')
    await expect(manager.status('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await manager.remove('d1')).toBe(true)
    expect(changes.at(-1)?.kind).toBe('removed')
    expect(family.closes).toBe(1)
    expect(await manager.remove('d1')).toBe(false)
  })

  it('refuses a family it does not know', () => {
    const manager = new DeviceManager(new DriverRegistry())
    expect(() =>
      manager.add({ id: 'x', name: 'x', familyId: 'nope', target: { connection: { kind: 'serial', path: '/dev/null' } } })
    ).toThrow(/No driver/)
  })
})

describe('after a rejected login', () => {
  it('status() and operations never log in again on their own', async () => {
    const family = new ScriptedFamily(['AUTH_FAILED', 'ok'])
    const manager = new DeviceManager(new DriverRegistry().register(family))
    manager.add({ id: 'd1', name: 'Unit', familyId: family.id, target: { connection: { kind: 'http', baseUrl: 'http://127.0.0.1:9' } } })
    await expect(manager.status('d1')).rejects.toMatchObject({ code: 'AUTH_FAILED' })
    await expect(manager.status('d1')).rejects.toMatchObject({ code: 'AUTH_FAILED' })
    await expect(manager.get('d1').driverFor('readSignal')).rejects.toMatchObject({ code: 'AUTH_FAILED' })
    expect(family.opens).toBe(1)
    await manager.close()
  })
})
