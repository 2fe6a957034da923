// Runs one batch job: a queue of units, at most `parallelism` of them at a time, each through
// UnitProvisioning, every step and outcome written to the job log as it happens. With watchNew it also takes
// units that appear while it runs (the device manager's change events) until told to finish. Cancelling aborts
// the running units (they roll back) and marks the queued ones cancelled. halt() is for the app closing: it
// stops at once and writes nothing more, leaving the job 'running' in the log, which the next start turns
// into 'interrupted' for batch.resume.
import type { DeviceStatus } from '../contract/model'
import type { GoldenProfile, UnitStepRecord } from '../contract/shop'
import type { DeviceManager } from '../host/device-manager'
import { unitKeyOf } from '../host/station-contracts'
import type { JobLog } from './job-log'
import type { UnitProvisioning, UnitResult } from './unit-provisioning'

export interface BatchJob {
  jobId: string
  profile: GoldenProfile
  parallelism: number
  watchNew: boolean
}

export interface PendingUnit {
  position: number
  deviceId: string
}

export interface BatchRunnerDeps {
  manager: DeviceManager
  provisioning: UnitProvisioning
  log: JobLog
  /** A unit moved (a step or its outcome); `position` absent for job-level changes. */
  notify: (jobId: string, position?: number) => void
  /** A unit ended done: the inventory records it (with its secrets). */
  onDone?: (jobId: string, deviceId: string, result: UnitResult) => void
  /** Errors of the bookkeeping itself (a store write failing), for the host log. */
  logLine?: (line: string) => void
}

export class BatchRunner {
  private readonly queue: PendingUnit[]
  private readonly abort = new AbortController()
  private readonly running = new Map<number, string>()
  /** Unit keys this job has (or had) — a unit is never taken twice. */
  private readonly known = new Set<string>()
  /** Devices attached at the start → the unit they held then (undefined until their first reading). */
  private readonly present = new Map<string, string | undefined>()
  private watching: boolean
  private halted = false
  private ended = false
  private cancelled = false
  private stopWatching: (() => void) | undefined
  private finished!: () => void
  readonly done: Promise<void>

  constructor(
    private readonly deps: BatchRunnerDeps,
    readonly job: BatchJob,
    pending: readonly PendingUnit[],
    /**
     * Devices attached when the job started, with the unit each held: watchNew does not take those units (they
     * were offered to the user), but does take another unit that later answers under one of those ids — in
     * one-at-a-time mode units are swapped behind the same gateway address.
     */
    present: ReadonlyArray<{ deviceId: string; unitKey?: string }> = []
  ) {
    this.queue = [...pending]
    this.watching = job.watchNew
    for (const device of present) this.present.set(device.deviceId, device.unitKey)
    for (const unit of deps.log.units(job.jobId)) this.known.add(unit.unitKey)
    this.done = new Promise((resolve) => {
      this.finished = resolve
    })
  }

  start(): Promise<void> {
    if (this.watching) this.stopWatching = this.deps.manager.onChange((change) => {
      if (change.kind !== 'removed' && change.status) this.offer(change.device.id, change.status)
    })
    // Devices that appeared between the request and now, already with a reading.
    if (this.watching) for (const device of this.deps.manager.list()) this.offer(device.id, this.deps.manager.get(device.id).status())
    this.pump()
    return this.done
  }

  /** Stop taking new units; the job ends when the running ones are done. */
  finish(): void {
    if (this.halted || this.ended) return
    this.watching = false
    this.stopWatching?.()
    this.deps.log.setWatchNew(this.job.jobId, false)
    this.pump()
  }

  cancel(): void {
    if (this.cancelled || this.halted || this.ended) return
    this.cancelled = true
    this.watching = false
    this.stopWatching?.()
    for (const unit of this.queue.splice(0)) {
      this.write(() => this.deps.log.updateUnit(this.job.jobId, unit.position, { outcome: 'cancelled' }))
      this.deps.notify(this.job.jobId, unit.position)
    }
    this.abort.abort()
    this.pump()
  }

  /** The app is closing: stop now, write nothing more (the job resumes on the next start). */
  halt(): void {
    if (this.halted || this.ended) return
    this.halted = true
    this.watching = false
    this.stopWatching?.()
    this.queue.splice(0)
    this.abort.abort()
    this.finished()
  }

  private offer(deviceId: string, status: DeviceStatus | undefined): void {
    if (!this.watching || !status) return
    const unitKey = unitKeyOf(status)
    if (this.present.has(deviceId)) {
      const atStart = this.present.get(deviceId)
      if (atStart === undefined) this.present.set(deviceId, unitKey)
      if (atStart === undefined || atStart === unitKey) return
    }
    // A unit already in this job (also when replugged under a new id), or a device busy with one of its units.
    if (this.known.has(unitKey) || this.queue.some((unit) => unit.deviceId === deviceId) || [...this.running.values()].includes(deviceId)) return
    this.known.add(unitKey)
    const position = this.deps.log.nextPosition(this.job.jobId)
    const model = status.identity.model
    this.write(() => this.deps.log.addUnit(this.job.jobId, { deviceId, unitKey, position, ...(model ? { model } : {}) }))
    this.queue.push({ position, deviceId })
    this.deps.notify(this.job.jobId, position)
    this.pump()
  }

  private pump(): void {
    if (this.halted || this.ended) return
    while (!this.cancelled && this.running.size < this.job.parallelism && this.queue.length > 0) {
      const unit = this.queue.shift() as PendingUnit
      this.running.set(unit.position, unit.deviceId)
      void this.runUnit(unit).finally(() => {
        this.running.delete(unit.position)
        this.pump()
      })
    }
    if (this.running.size === 0 && this.queue.length === 0 && !this.watching) this.complete()
  }

  private complete(): void {
    this.ended = true
    this.stopWatching?.()
    this.write(() => this.deps.log.setState(this.job.jobId, this.cancelled ? 'cancelled' : 'finished'))
    this.deps.notify(this.job.jobId)
    this.finished()
  }

  private async runUnit(unit: PendingUnit): Promise<void> {
    const { jobId } = this.job
    const { log } = this.deps
    this.write(() => {
      log.resetSteps(jobId, unit.position)
      log.updateUnit(jobId, unit.position, { outcome: 'running', error: null })
    })
    this.deps.notify(jobId, unit.position)
    const result = await this.deps.provisioning.provision({
      deviceId: unit.deviceId,
      position: unit.position,
      profile: this.job.profile,
      signal: this.abort.signal,
      halted: () => this.halted,
      onStep: (record: UnitStepRecord) => {
        this.write(() => log.step(jobId, unit.position, record))
        this.deps.notify(jobId, unit.position)
      },
      onIdentity: ({ unitKey, model }) => {
        this.known.add(unitKey)
        this.write(() => log.updateUnit(jobId, unit.position, { unitKey, ...(model ? { model } : {}) }))
      }
    })
    if (this.halted) return
    this.write(() =>
      log.updateUnit(jobId, unit.position, { outcome: result.outcome, applied: result.applied, error: result.error ?? null })
    )
    if (result.outcome === 'done') this.deps.onDone?.(jobId, unit.deviceId, result)
    this.deps.notify(jobId, unit.position)
  }

  /** Store writes never break the run; after halt() they are dropped (the store may be closed). */
  private write(work: () => void): void {
    if (this.halted) return
    try {
      work()
    } catch (error) {
      this.deps.logLine?.(`job ${this.job.jobId}: could not write the job log: ${(error as Error).message}`)
    }
  }
}
