// Turns the device manager's readings into stored history. A reading is only queued in memory on
// the polling path; a timer writes the queue in one transaction (every second, or at once when 200
// rows wait), so a poll never waits on the disk, and a failing disk is logged, never thrown at it.
//
// One sample per reading, at most one per second for a device on screen and one per background
// interval for the rest. DeviceManager keeps focus to itself, so unless the host passes
// `isFocused`, the recorder reads it off the cadence: the manager polls a device on screen every
// second and the others every ten, so readings closer together than `focusedPollGapMs` (halfway)
// mean someone is watching. A device whose reads take seconds may pass for a background one; it
// then keeps a sample per background interval, which is all that is lost.
import type { DeviceStatus, DeviceSummary, SmsMessage } from '../contract/model'
import type { DeviceSighting, HistoryStore, KeyedSample } from '../store/history-store'
import { deviceKeyOf, sampleFromStatus } from '../store/samples'
import type { DeviceChangeListener } from './device-manager'

export interface RecorderTiming {
  /** Least time between two stored samples of a device on screen. */
  focusedIntervalMs: number
  /** Least time between two stored samples of a device in the background. */
  backgroundIntervalMs: number
  /** Readings closer together than this mean the device is on screen (when `isFocused` is not given). */
  focusedPollGapMs: number
  /** How long a queued sample may wait before the queue is written. */
  flushIntervalMs: number
  /** Write at once when this many samples wait. */
  maxBatch: number
  /** While the disk fails, keep at most this many samples (the oldest go first). */
  maxPending: number
  /** How often expired samples are deleted; the first run comes one minute after start (or sooner). */
  pruneIntervalMs: number
  /** Rows deleted per step; the event loop gets a turn between steps. */
  pruneStepRows: number
}

export const DEFAULT_RECORDER_TIMING: RecorderTiming = {
  focusedIntervalMs: 1_000,
  backgroundIntervalMs: 10_000,
  focusedPollGapMs: 5_500,
  flushIntervalMs: 1_000,
  maxBatch: 200,
  maxPending: 20_000,
  pruneIntervalMs: 3_600_000,
  pruneStepRows: 5_000
}

/** Poll timers drift: a reading 950 ms after the last stored one still counts as the next 1 s sample. */
const INTERVAL_SLACK = 0.9
const MAX_RETRY_DELAY_MS = 60_000

export interface HistoryRecorderOptions {
  store: HistoryStore
  /** The device manager (anything with its onChange). */
  source: { onChange(listener: DeviceChangeListener): () => void }
  timing?: Partial<RecorderTiming>
  /** Whether some client has the device on screen; inferred from the reading cadence when absent. */
  isFocused?: (deviceId: string) => boolean
  now?: () => number
  log?: (line: string) => void
}

interface LiveDevice {
  key: string
  iccid: string | undefined
  lastReadingAt: number | undefined
  lastStoredAt: number | undefined
}

export class HistoryRecorder {
  private readonly timing: RecorderTiming
  private readonly live = new Map<string, LiveDevice>()
  private pending: KeyedSample[] = []
  private sightings = new Map<string, DeviceSighting>()
  private flushTimer: NodeJS.Timeout | undefined
  private flushSoon: NodeJS.Immediate | undefined
  private pruneTimer: NodeJS.Timeout | undefined
  private pruning: Promise<number> | undefined
  private unsubscribe: (() => void) | undefined
  private failures = 0
  private closed = false

  constructor(private readonly options: HistoryRecorderOptions) {
    this.timing = { ...DEFAULT_RECORDER_TIMING, ...options.timing }
  }

  /** Subscribes to readings and schedules pruning. */
  start(): void {
    if (this.unsubscribe || this.closed) return
    this.unsubscribe = this.options.source.onChange((change) => {
      try {
        if (change.kind === 'removed') this.live.delete(change.device.id)
        else if (change.status) this.record(change.device, change.status)
      } catch (error) {
        this.log(`history: could not queue a reading of ${change.device.id}: ${message(error)}`)
      }
    })
    this.schedulePrune(Math.min(60_000, this.timing.pruneIntervalMs))
  }

  /** The history key of a connected device, once it has sent a reading. */
  keyFor(deviceId: string): string | undefined {
    return this.live.get(deviceId)?.key
  }

  /** Samples waiting for the next write. */
  get pendingCount(): number {
    return this.pending.length
  }

  /**
   * Writes everything queued, now. Returns the samples written (0 on failure: they stay queued and
   * a retry is scheduled with a growing delay). Never throws.
   */
  flush(): number {
    this.clearFlushTimers()
    const samples = this.pending
    const sightings = [...this.sightings.values()]
    if (samples.length === 0 && sightings.length === 0) return 0
    this.pending = []
    this.sightings = new Map()
    try {
      this.options.store.write(sightings, samples)
      if (this.failures > 0) this.log(`history: writing works again after ${this.failures} failed attempt(s)`)
      this.failures = 0
      return samples.length
    } catch (error) {
      this.requeue(sightings, samples)
      this.failures++
      if (this.failures === 1) this.log(`history: could not write ${samples.length} sample(s), will retry: ${message(error)}`)
      if (!this.closed) {
        const delay = Math.min(MAX_RETRY_DELAY_MS, this.timing.flushIntervalMs * 2 ** Math.min(this.failures, 16))
        this.flushTimer = setTimeout(() => this.flush(), delay)
        this.flushTimer.unref?.()
      }
      return 0
    }
  }

  /**
   * Archives the messages just read from a connected device under its SIM's ICCID. Returns how many
   * were new; 0 when the SIM is unknown. Never throws: the inbox must show even if the disk fails.
   */
  archiveSms(deviceId: string, messages: readonly SmsMessage[]): number {
    const iccid = this.live.get(deviceId)?.iccid
    if (!iccid || messages.length === 0) return 0
    try {
      return this.options.store.archiveSms(iccid, messages, this.now())
    } catch (error) {
      this.log(`history: could not archive messages of ${deviceId}: ${message(error)}`)
      return 0
    }
  }

  /** Deletes expired samples in steps, yielding between them. Returns the rows deleted. */
  pruneNow(): Promise<number> {
    this.pruning ??= this.pruneInSteps().finally(() => {
      this.pruning = undefined
    })
    return this.pruning
  }

  /** Stops listening and writes what is queued. The store stays open (its owner closes it). */
  async close(): Promise<void> {
    this.closed = true
    this.unsubscribe?.()
    this.unsubscribe = undefined
    if (this.pruneTimer) clearTimeout(this.pruneTimer)
    await this.pruning?.catch(() => undefined)
    this.flush()
    this.clearFlushTimers()
  }

  private record(device: DeviceSummary, status: DeviceStatus): void {
    const key = deviceKeyOf(device.id, status.identity.imei)
    let live = this.live.get(device.id)
    if (!live || live.key !== key) {
      live = { key, iccid: undefined, lastReadingAt: undefined, lastStoredAt: undefined }
      this.live.set(device.id, live)
    }
    const ts = status.updatedAt
    if (live.lastReadingAt !== undefined) {
      if (ts === live.lastReadingAt) return // the same reading again
      // The clock went back (or a stale reading): start the cadence over.
      if (ts < live.lastReadingAt) live.lastReadingAt = live.lastStoredAt = undefined
    }
    const gap = live.lastReadingAt === undefined ? Number.POSITIVE_INFINITY : ts - live.lastReadingAt
    live.lastReadingAt = ts
    live.iccid = status.sim.iccid ?? live.iccid

    this.sight(key, device, status)
    const focused = this.options.isFocused?.(device.id) ?? gap < this.timing.focusedPollGapMs
    const interval = focused ? this.timing.focusedIntervalMs : this.timing.backgroundIntervalMs
    if (live.lastStoredAt === undefined || ts - live.lastStoredAt >= interval * INTERVAL_SLACK) {
      live.lastStoredAt = ts
      this.pending.push({ key, row: sampleFromStatus(status) })
    }
    this.scheduleFlush()
  }

  /** Folds this reading's identity into the inventory update of the next write. */
  private sight(key: string, device: DeviceSummary, status: DeviceStatus): void {
    const ts = status.updatedAt
    const { identity, sim } = status
    const fresh: DeviceSighting = {
      key,
      hostId: device.id,
      demo: device.demo,
      firstSeen: ts,
      lastSeen: ts,
      name: device.name,
      family: device.family,
      model: identity.model,
      firmware: identity.firmware,
      imei: identity.imei,
      iccid: sim.iccid,
      imsi: sim.imsi,
      msisdn: sim.msisdn
    }
    const before = this.sightings.get(key)
    this.sightings.set(key, before ? mergeSightings(before, fresh) : fresh)
  }

  private requeue(sightings: readonly DeviceSighting[], samples: readonly KeyedSample[]): void {
    // Readings queued since are newer.
    for (const older of sightings) {
      const newer = this.sightings.get(older.key)
      this.sightings.set(older.key, newer ? mergeSightings(older, newer) : older)
    }
    const all = [...samples, ...this.pending]
    const dropped = all.length - this.timing.maxPending
    if (dropped > 0) this.log(`history: the disk keeps failing; dropped the ${dropped} oldest queued sample(s)`)
    this.pending = dropped > 0 ? all.slice(dropped) : all
  }

  private scheduleFlush(): void {
    if (this.closed) return
    // While the disk fails, only the retry timer writes: a full queue must not retry on every poll.
    if (this.pending.length >= this.timing.maxBatch && this.failures === 0) {
      // Not inline: the poll that delivered this reading goes on first.
      this.flushSoon ??= setImmediate(() => {
        this.flushSoon = undefined
        this.flush()
      })
      return
    }
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined
        this.flush()
      }, this.timing.flushIntervalMs)
      this.flushTimer.unref?.()
    }
  }

  private clearFlushTimers(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    if (this.flushSoon) clearImmediate(this.flushSoon)
    this.flushSoon = undefined
  }

  private schedulePrune(delayMs: number): void {
    if (this.closed) return
    if (this.pruneTimer) clearTimeout(this.pruneTimer)
    this.pruneTimer = setTimeout(() => {
      void this.pruneNow().finally(() => this.schedulePrune(this.timing.pruneIntervalMs))
    }, delayMs)
    this.pruneTimer.unref?.()
  }

  private async pruneInSteps(): Promise<number> {
    let total = 0
    try {
      for (;;) {
        const { deleted, done } = this.options.store.prune(this.now(), this.timing.pruneStepRows)
        total += deleted
        if (done || this.closed) break
        await new Promise((resolve) => setImmediate(resolve))
      }
    } catch (error) {
      this.log(`history: could not delete expired samples: ${message(error)}`)
    }
    return total
  }

  private now(): number {
    return this.options.now?.() ?? Date.now()
  }

  private log(line: string): void {
    this.options.log?.(line)
  }
}

/** What two sightings of one device say together: the newer wins where it knows, the times span both. */
export function mergeSightings(older: DeviceSighting, newer: DeviceSighting): DeviceSighting {
  // Another SIM went in between: the old SIM's IMSI and number do not carry over.
  const simChanged = newer.iccid !== undefined && older.iccid !== undefined && newer.iccid !== older.iccid
  return {
    ...older,
    ...definedOnly(newer),
    imsi: simChanged ? newer.imsi : (newer.imsi ?? older.imsi),
    msisdn: simChanged ? newer.msisdn : (newer.msisdn ?? older.msisdn),
    firstSeen: Math.min(older.firstSeen, newer.firstSeen),
    lastSeen: Math.max(older.lastSeen, newer.lastSeen)
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
