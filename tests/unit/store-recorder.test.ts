// HistoryRecorder with fake timers: one sample per reading at most once per interval (focused vs
// background, told or inferred), batched writes, retries that never reach the polling path,
// inventory updates, SMS archiving by SIM, pruning, and a final write on close.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DeviceStatus, DeviceSummary } from '../../src/contract/model'
import type { DeviceChange, DeviceChangeListener } from '../../src/host/device-manager'
import { HistoryRecorder, mergeSightings, type RecorderTiming } from '../../src/host/history-recorder'
import { HistoryStore } from '../../src/store/history-store'
import { sampleReading } from '../support/fake-family'

const T0 = Date.UTC(2025, 3, 1, 8)
const IMEI = '356938035643809'
const KEY = 'imei:35693803564380'

class FakeManager {
  readonly listeners = new Set<DeviceChangeListener>()
  onChange(listener: DeviceChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  emit(change: DeviceChange): void {
    for (const listener of this.listeners) listener(change)
  }
}

function summary(id = 'dev-1'): DeviceSummary {
  return {
    id,
    name: `Unit ${id}`,
    family: 'scripted',
    familyLabel: 'Scripted',
    demo: false,
    connection: { kind: 'http', baseUrl: 'http://127.0.0.1:9' },
    state: 'ready',
    capabilities: []
  }
}

function status(updatedAt: number, patch: Partial<DeviceStatus> = {}, deviceId = 'dev-1'): DeviceStatus {
  const reading = sampleReading(updatedAt - T0)
  return { deviceId, updatedAt, ...reading, sim: { ...reading.sim, iccid: '8901260412055501434', imsi: '310260000000001' }, ...patch }
}

let manager: FakeManager
let store: HistoryStore
let logs: string[]
let clock: number

function recorder(timing: Partial<RecorderTiming> = {}, isFocused?: (id: string) => boolean): HistoryRecorder {
  const r = new HistoryRecorder({
    store,
    source: manager,
    timing,
    now: () => clock,
    log: (line) => logs.push(line),
    ...(isFocused ? { isFocused } : {})
  })
  r.start()
  return r
}

/** A reading of dev-1 at `at` ms after T0. */
function read(at: number, patch: Partial<DeviceStatus> = {}, id = 'dev-1'): void {
  manager.emit({ kind: 'updated', device: summary(id), status: status(T0 + at, patch, id) })
}

function storedTimes(key = KEY): number[] {
  const device = store.deviceIdOf(key)
  return store.db.rows('SELECT ts FROM samples WHERE device = ?1 ORDER BY ts', [device]).map((r) => Number(r[0]) - T0)
}

beforeEach(() => {
  vi.useFakeTimers()
  manager = new FakeManager()
  store = HistoryStore.open(':memory:')
  logs = []
  clock = T0
})

afterEach(() => {
  vi.useRealTimers()
  store.close()
})

describe('which readings become samples', () => {
  it('stores one sample per reading and skips the same reading delivered twice', async () => {
    const r = recorder()
    read(0)
    read(0)
    read(1_000)
    read(2_000)
    read(2_000)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(storedTimes()).toEqual([0, 1_000, 2_000])
    await r.close()
  })

  it('keeps at most one sample a second while readings come fast (device on screen)', async () => {
    const r = recorder()
    for (let at = 0; at <= 3_000; at += 250) read(at)
    // Poll timers drift: 960 ms after the last stored sample still counts as the next second.
    read(3_960)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(storedTimes()).toEqual([0, 1_000, 2_000, 3_000, 3_960])
    await r.close()
  })

  it('infers the background from slow readings and applies the background interval', async () => {
    const r = recorder({ backgroundIntervalMs: 30_000 })
    for (let at = 0; at <= 90_000; at += 10_000) read(at)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(storedTimes()).toEqual([0, 30_000, 60_000, 90_000])
    // Someone opens the device: readings every second, stored every second.
    for (let at = 91_000; at <= 94_000; at += 1_000) read(at)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(storedTimes()).toEqual([0, 30_000, 60_000, 90_000, 91_000, 92_000, 93_000, 94_000])
    await r.close()
  })

  it('uses the host’s focus when it is given', async () => {
    let focused = false
    const r = recorder({ backgroundIntervalMs: 10_000 }, () => focused)
    for (let at = 0; at < 5_000; at += 1_000) read(at)
    focused = true
    for (let at = 5_000; at < 8_000; at += 1_000) read(at)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(storedTimes()).toEqual([0, 5_000, 6_000, 7_000])
    await r.close()
  })

  it('files a device under its IMEI, or under the host id without one, and starts over when that changes', async () => {
    const r = recorder()
    read(0, { identity: { model: 'T1' } })
    read(1_000)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(r.keyFor('dev-1')).toBe(KEY)
    expect(storedTimes('host:dev-1')).toEqual([0])
    expect(storedTimes(KEY)).toEqual([1_000])
    expect(r.keyFor('nobody')).toBeUndefined()
    await r.close()
  })

  it('ignores changes without a reading, and forgets a removed device', async () => {
    const r = recorder()
    manager.emit({ kind: 'added', device: summary() })
    manager.emit({ kind: 'updated', device: { ...summary(), state: 'unreachable' } })
    await vi.advanceTimersByTimeAsync(5_000)
    expect(store.devices()).toEqual([])
    read(0)
    expect(r.keyFor('dev-1')).toBe(KEY)
    manager.emit({ kind: 'removed', device: summary() })
    expect(r.keyFor('dev-1')).toBeUndefined()
    await r.close()
    expect(storedTimes()).toEqual([0])
  })
})

describe('batching', () => {
  it('writes nothing on the polling path, then everything in one transaction per flush interval', async () => {
    const write = vi.spyOn(store, 'write')
    const r = recorder()
    for (let at = 0; at < 5_000; at += 1_000) read(at)
    read(0, {}, 'dev-2')
    expect(write).not.toHaveBeenCalled()
    expect(r.pendingCount).toBe(6)
    await vi.advanceTimersByTimeAsync(999)
    expect(write).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(write).toHaveBeenCalledTimes(1)
    expect(write.mock.calls[0]?.[1]).toHaveLength(6)
    expect(r.pendingCount).toBe(0)
    // Idle: no more writes.
    await vi.advanceTimersByTimeAsync(10_000)
    expect(write).toHaveBeenCalledTimes(1)
    await r.close()
  })

  it('writes at once (after the current poll) when a batch is full', async () => {
    const write = vi.spyOn(store, 'write')
    const r = recorder({ maxBatch: 5 })
    for (let i = 0; i < 5; i++) read(0, {}, `dev-${i}`)
    expect(write).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(0)
    expect(write).toHaveBeenCalledTimes(1)
    expect(write.mock.calls[0]?.[1]).toHaveLength(5)
    await r.close()
  })

  it('never throws at the poller when the disk fails: it keeps the samples and retries with a growing delay', async () => {
    const write = vi.spyOn(store, 'write')
    write.mockImplementation(() => {
      throw new Error('disk I/O error')
    })
    const r = recorder({ flushIntervalMs: 1_000 })
    expect(() => read(0)).not.toThrow()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(write).toHaveBeenCalledTimes(1)
    expect(r.pendingCount).toBe(1)
    read(1_000)
    await vi.advanceTimersByTimeAsync(1_999)
    expect(write).toHaveBeenCalledTimes(1) // the retry waits 2 s, not the 1 s flush interval
    await vi.advanceTimersByTimeAsync(1)
    expect(write).toHaveBeenCalledTimes(2)
    expect(logs.filter((line) => line.includes('disk I/O error'))).toHaveLength(1) // logged once, not per retry
    write.mockRestore()
    await vi.advanceTimersByTimeAsync(4_000)
    expect(storedTimes()).toEqual([0, 1_000])
    expect(logs.at(-1)).toMatch(/works again after 2 failed/)
    await r.close()
  })

  it('drops the oldest queued samples past maxPending while the disk keeps failing', async () => {
    vi.spyOn(store, 'write').mockImplementation(() => {
      throw new Error('database or disk is full')
    })
    const r = recorder({ maxPending: 3, maxBatch: 2 })
    read(0)
    read(1_000)
    await vi.advanceTimersByTimeAsync(0) // a full batch: written at once, and it fails
    expect(store.write).toHaveBeenCalledTimes(1)
    for (let at = 2_000; at < 5_000; at += 1_000) read(at)
    await vi.advanceTimersByTimeAsync(0)
    // Still a full queue, but only the retry timer writes while the disk fails.
    expect(store.write).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(store.write).toHaveBeenCalledTimes(2)
    expect(r.pendingCount).toBe(3)
    expect(logs.some((line) => line.includes('dropped the 2 oldest'))).toBe(true)
    vi.mocked(store.write).mockRestore()
    await vi.advanceTimersByTimeAsync(4_000)
    expect(storedTimes()).toEqual([2_000, 3_000, 4_000])
    await r.close()
  })

  it('writes what is queued on close, and stops listening', async () => {
    const r = recorder()
    read(0)
    read(1_000)
    await r.close()
    expect(storedTimes()).toEqual([0, 1_000])
    expect(manager.listeners.size).toBe(0)
  })
})

describe('inventory', () => {
  it('records first and last seen and the identity, and follows changes', async () => {
    const r = recorder()
    read(0, { identity: { imei: IMEI, model: 'T1', firmware: '1.0' } })
    read(1_000)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(store.devices()).toEqual([
      {
        key: KEY,
        hostDeviceId: 'dev-1',
        demo: false,
        firstSeen: T0,
        lastSeen: T0 + 1_000,
        name: 'Unit dev-1',
        family: 'scripted',
        model: 'T1',
        firmware: '1.0',
        imei: IMEI,
        iccid: '8901260412055501434',
        imsi: '310260000000001',
        msisdn: '+12065550143'
      }
    ])
    // Firmware update, then another SIM without a known number.
    read(60_000, { identity: { imei: IMEI, model: 'T1', firmware: '1.1' } })
    read(61_000, { sim: { state: 'ready', iccid: '8981100000000000001' } })
    await vi.advanceTimersByTimeAsync(1_000)
    const [device] = store.devices()
    expect(device).toMatchObject({ firmware: '1.1', iccid: '8981100000000000001', lastSeen: T0 + 61_000, firstSeen: T0 })
    expect(device?.msisdn).toBeUndefined()
    expect(device?.imsi).toBeUndefined()
    await r.close()
  })

  it('merges sightings: newer facts win, times span both, a SIM change drops the old SIM’s number', () => {
    const older = { key: 'k', hostId: 'a', demo: false, firstSeen: 1, lastSeen: 5, iccid: 'A', msisdn: '+1', model: 'M' }
    expect(mergeSightings(older, { key: 'k', hostId: 'b', demo: false, firstSeen: 6, lastSeen: 9 })).toMatchObject({
      hostId: 'b',
      firstSeen: 1,
      lastSeen: 9,
      iccid: 'A',
      msisdn: '+1',
      model: 'M'
    })
    const swapped = mergeSightings(older, { key: 'k', hostId: 'a', demo: false, firstSeen: 6, lastSeen: 9, iccid: 'B' })
    expect(swapped).toMatchObject({ iccid: 'B', model: 'M' })
    expect(swapped.msisdn).toBeUndefined()
  })
})

describe('SMS archive', () => {
  const messages = [{ id: '1', from: '+1555', text: 'hello', receivedAt: '2025-04-01T08:00:00Z', read: false }]

  it('files messages under the SIM the device reported, once', async () => {
    const r = recorder()
    expect(r.archiveSms('dev-1', messages)).toBe(0) // no reading yet: SIM unknown
    read(0)
    expect(r.archiveSms('dev-1', messages)).toBe(1)
    expect(r.archiveSms('dev-1', messages)).toBe(0)
    expect(store.archivedSms('8901260412055501434')).toHaveLength(1)
    await r.close()
  })

  it('logs instead of throwing when the archive cannot be written', async () => {
    const r = recorder()
    read(0)
    vi.spyOn(store, 'archiveSms').mockImplementation(() => {
      throw new Error('disk I/O error')
    })
    expect(r.archiveSms('dev-1', messages)).toBe(0)
    expect(logs.at(-1)).toMatch(/could not archive messages of dev-1: disk I\/O error/)
    await r.close()
  })
})

describe('pruning', () => {
  it('deletes expired samples a minute after start, then every interval, in steps', async () => {
    store.write(
      [{ key: KEY, hostId: 'dev-1', demo: false, firstSeen: T0, lastSeen: T0 }],
      Array.from({ length: 50 }, (_, i) => ({ key: KEY, row: { ...emptyRow(), ts: T0 - 40 * 86_400_000 + i } }))
    )
    const prune = vi.spyOn(store, 'prune')
    const r = recorder({ pruneIntervalMs: 3_600_000, pruneStepRows: 20 })
    await vi.advanceTimersByTimeAsync(59_999)
    expect(prune).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(10) // the steps give the event loop a turn in between
    expect(prune.mock.calls.map((call) => call[1])).toEqual([20, 20, 20])
    expect(store.db.value('SELECT count(*) FROM samples')).toBe(0)
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(prune).toHaveBeenCalledTimes(4)
    await r.close()
  })

  it('logs a failing prune and tries again next interval', async () => {
    const prune = vi.spyOn(store, 'prune').mockImplementationOnce(() => {
      throw new Error('database is locked')
    })
    const r = recorder({ pruneIntervalMs: 1_000 })
    await vi.advanceTimersByTimeAsync(1_000)
    expect(logs.at(-1)).toMatch(/could not delete expired samples: database is locked/)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(prune).toHaveBeenCalledTimes(2)
    await r.close()
  })
})

function emptyRow() {
  return {
    ts: 0,
    rsrp: null,
    rsrq: null,
    sinr: null,
    rssi: null,
    bars: null,
    rat: null,
    band: null,
    cell: null,
    registration: null,
    dataState: null,
    sessionUp: null,
    sessionDown: null,
    monthUp: null,
    monthDown: null,
    monthTotal: null,
    battery: null
  }
}
