// The batch job log in station.db: jobs, their units and every step of every unit. The runner writes a
// step when it starts and when it ends; reading a job back gives the contract's JobDetail, so a UI that
// reconnects, a CLI that asks later, and a resumed job all see the same record.
import type { ContractErrorData } from '../contract/errors'
import { UNIT_STEPS, type GoldenProfile, type JobDetail, type JobSummary, type JobUnit, type UnitOutcome, type UnitStep, type UnitStepRecord } from '../contract/shop'
import type { StoreDatabase } from '../store/database'

type JobState = JobSummary['state']

interface JobRow {
  job_id: string
  profile_id: string
  profile_name: string
  profile_json: string
  state: string
  created_at: number
  finished_at: number | null
  parallelism: number
  watch_new: number
}

interface UnitRow {
  position: number
  device_id: string
  unit_key: string
  model: string | null
  outcome: string
  applied_json: string | null
  error_json: string | null
}

interface StepRow {
  position: number
  step: string
  status: string
  detail: string | null
  started_at: number | null
  ended_at: number | null
}

export interface NewJob {
  jobId: string
  profile: GoldenProfile
  parallelism: number
  watchNew: boolean
  createdAt: number
}

export interface NewUnit {
  deviceId: string
  unitKey: string
  position: number
  model?: string
}

export interface UnitPatch {
  deviceId?: string
  unitKey?: string
  model?: string
  outcome?: UnitOutcome
  applied?: Record<string, string>
  error?: ContractErrorData | null
}

export class JobLog {
  constructor(
    private readonly db: StoreDatabase,
    private readonly now: () => number = Date.now
  ) {}

  createJob(job: NewJob, units: readonly NewUnit[]): void {
    this.db.transaction(() => {
      this.db.run(
        'INSERT INTO jobs (job_id, profile_id, profile_name, profile_json, state, created_at, parallelism, watch_new) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [job.jobId, job.profile.id, job.profile.name, JSON.stringify(job.profile), 'running', job.createdAt, job.parallelism, job.watchNew ? 1 : 0]
      )
      for (const unit of units) this.insertUnit(job.jobId, unit)
    })
  }

  addUnit(jobId: string, unit: NewUnit): void {
    this.db.transaction(() => this.insertUnit(jobId, unit))
  }

  /** The next free position (1-based). */
  nextPosition(jobId: string): number {
    return Number(this.db.value('SELECT COALESCE(MAX(position), 0) FROM job_units WHERE job_id = ?', [jobId]) ?? 0) + 1
  }

  setState(jobId: string, state: JobState): void {
    const finished = state === 'finished' || state === 'cancelled' ? this.now() : null
    this.db.run('UPDATE jobs SET state = ?, finished_at = ? WHERE job_id = ?', [state, finished, jobId])
  }

  setWatchNew(jobId: string, watchNew: boolean): void {
    this.db.run('UPDATE jobs SET watch_new = ? WHERE job_id = ?', [watchNew ? 1 : 0, jobId])
  }

  /**
   * At start-up: a job still 'running' belongs to an app that crashed or was closed. It becomes 'interrupted',
   * and its units caught mid-way go back to 'queued' (their steps stay in the log until they run again).
   */
  markInterrupted(): string[] {
    const ids = this.db.all<{ job_id: string }>("SELECT job_id FROM jobs WHERE state = 'running'").map((row) => row.job_id)
    if (ids.length === 0) return ids
    this.db.transaction(() => {
      for (const id of ids) {
        this.db.run("UPDATE jobs SET state = 'interrupted' WHERE job_id = ?", [id])
        this.db.run("UPDATE job_units SET outcome = 'queued', updated_at = ? WHERE job_id = ? AND outcome = 'running'", [this.now(), id])
      }
    })
    return ids
  }

  updateUnit(jobId: string, position: number, patch: UnitPatch): void {
    const columns: Array<[string, unknown]> = [['updated_at', this.now()]]
    if (patch.deviceId !== undefined) columns.push(['device_id', patch.deviceId])
    if (patch.unitKey !== undefined) columns.push(['unit_key', patch.unitKey])
    if (patch.model !== undefined) columns.push(['model', patch.model])
    if (patch.outcome !== undefined) columns.push(['outcome', patch.outcome])
    if (patch.applied !== undefined) columns.push(['applied_json', JSON.stringify(patch.applied)])
    if (patch.error !== undefined) columns.push(['error_json', patch.error === null ? null : JSON.stringify(patch.error)])
    const sets = columns.map(([column]) => `${column} = ?`)
    const params = columns.map(([, value]) => value)
    this.db.run(`UPDATE job_units SET ${sets.join(', ')} WHERE job_id = ? AND position = ?`, [...params, jobId, position])
  }

  /** Forgets a unit's steps before it runs again (a resumed unit starts over from connect). */
  resetSteps(jobId: string, position: number): void {
    this.db.run('DELETE FROM job_steps WHERE job_id = ? AND position = ?', [jobId, position])
  }

  step(jobId: string, position: number, record: UnitStepRecord): void {
    this.db.run(
      `INSERT INTO job_steps (job_id, position, step, status, detail, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (job_id, position, step) DO UPDATE SET status = excluded.status, detail = excluded.detail,
         started_at = COALESCE(excluded.started_at, job_steps.started_at), ended_at = excluded.ended_at`,
      [jobId, position, record.step, record.status, record.detail ?? null, record.startedAt ?? null, record.endedAt ?? null]
    )
  }

  profileOf(jobId: string): GoldenProfile | undefined {
    const json = this.db.value('SELECT profile_json FROM jobs WHERE job_id = ?', [jobId])
    return typeof json === 'string' ? (JSON.parse(json) as GoldenProfile) : undefined
  }

  has(jobId: string): boolean {
    return this.db.value('SELECT 1 FROM jobs WHERE job_id = ?', [jobId]) !== undefined
  }

  list(): JobSummary[] {
    const rows = this.db.all<JobRow>('SELECT * FROM jobs ORDER BY created_at DESC, job_id')
    return rows.map((row) => this.summaryOf(row, this.unitRows(row.job_id)))
  }

  summary(jobId: string): JobSummary | undefined {
    const row = this.db.get<JobRow>('SELECT * FROM jobs WHERE job_id = ?', [jobId])
    return row ? this.summaryOf(row, this.unitRows(jobId)) : undefined
  }

  detail(jobId: string): JobDetail | undefined {
    const row = this.db.get<JobRow>('SELECT * FROM jobs WHERE job_id = ?', [jobId])
    if (!row) return undefined
    const units = this.unitRows(jobId)
    const steps = this.db.all<StepRow>('SELECT position, step, status, detail, started_at, ended_at FROM job_steps WHERE job_id = ?', [jobId])
    const byPosition = new Map<number, StepRow[]>()
    for (const step of steps) byPosition.set(step.position, [...(byPosition.get(step.position) ?? []), step])
    return { ...this.summaryOf(row, units), units: units.map((unit) => toJobUnit(unit, byPosition.get(unit.position) ?? [])) }
  }

  unit(jobId: string, position: number): JobUnit | undefined {
    const unit = this.db.get<UnitRow>('SELECT position, device_id, unit_key, model, outcome, applied_json, error_json FROM job_units WHERE job_id = ? AND position = ?', [jobId, position])
    if (!unit) return undefined
    const steps = this.db.all<StepRow>('SELECT position, step, status, detail, started_at, ended_at FROM job_steps WHERE job_id = ? AND position = ?', [jobId, position])
    return toJobUnit(unit, steps)
  }

  units(jobId: string): JobUnit[] {
    return this.detail(jobId)?.units ?? []
  }

  private insertUnit(jobId: string, unit: NewUnit): void {
    this.db.run('INSERT INTO job_units (job_id, position, device_id, unit_key, model, outcome, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      jobId,
      unit.position,
      unit.deviceId,
      unit.unitKey,
      unit.model ?? null,
      'queued',
      this.now()
    ])
  }

  private unitRows(jobId: string): UnitRow[] {
    return this.db.all<UnitRow>('SELECT position, device_id, unit_key, model, outcome, applied_json, error_json FROM job_units WHERE job_id = ? ORDER BY position', [jobId])
  }

  private summaryOf(row: JobRow, units: readonly UnitRow[]): JobSummary {
    const count = (outcome: UnitOutcome) => units.filter((unit) => unit.outcome === outcome).length
    const summary: JobSummary = {
      jobId: row.job_id,
      profileId: row.profile_id,
      profileName: row.profile_name,
      state: row.state as JobState,
      createdAt: row.created_at,
      parallelism: row.parallelism,
      watchNew: row.watch_new === 1,
      counts: {
        total: units.length,
        queued: count('queued'),
        running: count('running'),
        done: count('done'),
        failed: count('failed'),
        needsAttention: count('needs-attention'),
        cancelled: count('cancelled')
      }
    }
    if (row.finished_at !== null) summary.finishedAt = row.finished_at
    return summary
  }
}

const STEP_ORDER = new Map<string, number>(UNIT_STEPS.map((step, index) => [step, index]))

function toJobUnit(row: UnitRow, steps: readonly StepRow[]): JobUnit {
  const unit: JobUnit = {
    deviceId: row.device_id,
    unitKey: row.unit_key,
    position: row.position,
    outcome: row.outcome as UnitOutcome,
    steps: [...steps]
      .sort((a, b) => (STEP_ORDER.get(a.step) ?? 0) - (STEP_ORDER.get(b.step) ?? 0))
      .map((step) => {
        const record: UnitStepRecord = { step: step.step as UnitStep, status: step.status as UnitStepRecord['status'] }
        if (step.detail !== null) record.detail = step.detail
        if (step.started_at !== null) record.startedAt = step.started_at
        if (step.ended_at !== null) record.endedAt = step.ended_at
        return record
      })
  }
  if (row.model !== null) unit.model = row.model
  if (row.applied_json !== null) unit.applied = JSON.parse(row.applied_json) as Record<string, string>
  if (row.error_json !== null) unit.error = JSON.parse(row.error_json) as JobUnit['error'] & object
  return unit
}
