// Batch provisioning at the station: how the laptop can reach each attached unit (station.addressing),
// the jobs the host knows (batch.list), the job on screen with every unit's steps (batch.get), and live
// updates from 'batch.progress' — a job-level change updates the summary, a unit change replaces that
// unit's row. Start, cancel, "finish watching" and resume go to the host; the host is the record.
import type { ContractErrorData } from '@contract/errors'
import type { PayloadOf } from '@contract/events'
import type { JobDetail, JobSummary, JobUnit, StationAddressing } from '@contract/shop'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { asContractError } from '@renderer/api/api-client'
import { useApiClient } from '@renderer/api/client-context'
import { settledCount } from '@renderer/format/station'
import { toErrorData, type LoadStatus } from './status'

export type JobAction = 'start' | 'cancel' | 'finish' | 'resume'

export interface StartJobRequest {
  profileId: string
  deviceIds: string[]
  watchNew: boolean
  parallelism: number
}

/** Same unit: the stable key, and the position when a job lists one unit twice (it should not). */
function sameUnit(a: JobUnit, b: JobUnit): boolean {
  return a.unitKey === b.unitKey && a.position === b.position
}

export const useStationBatchStore = defineStore('stationBatch', () => {
  const client = useApiClient()

  const addressing = ref<StationAddressing | null>(null)
  const addressingStatus = ref<LoadStatus>('idle')
  const addressingError = ref<ContractErrorData | null>(null)

  const jobs = ref<JobSummary[]>([])
  const jobsStatus = ref<LoadStatus>('idle')
  const jobsError = ref<ContractErrorData | null>(null)

  /** The job on screen (just started, resumed, or picked from the list). */
  const current = ref<JobDetail | null>(null)
  const currentStatus = ref<LoadStatus>('idle')
  const currentError = ref<ContractErrorData | null>(null)

  /** The one action in flight and the last action's failure, so its button can say so. */
  const action = ref<JobAction | null>(null)
  const actionError = ref<{ action: JobAction; error: ContractErrorData } | null>(null)

  let disposers: Array<() => void> = []
  let watchSeq = 0
  let jobsSeq = 0
  let addressingSeq = 0

  const interruptedJobs = computed(() => jobs.value.filter((job) => job.state === 'interrupted'))
  /** 0…1 for the overall bar; 0 while the job has no units yet. */
  const overall = computed(() => {
    const job = current.value
    if (!job || job.counts.total === 0) return 0
    return Math.min(1, settledCount(job.counts) / job.counts.total)
  })

  function start(): void {
    if (disposers.length > 0) return
    disposers = [client.on('batch.progress', applyProgress), client.onReady(() => void refresh())]
    if (client.hello) void refresh()
  }

  function stop(): void {
    for (const dispose of disposers) dispose()
    disposers = []
    watchSeq++
    jobsSeq++
    addressingSeq++
  }

  /** Everything again (on start and after a reconnection: the host may have moved on without us). */
  async function refresh(): Promise<void> {
    const jobId = current.value?.jobId
    await Promise.all([loadJobs(), loadAddressing(), jobId ? watch(jobId) : Promise.resolve()])
  }

  async function loadJobs(): Promise<void> {
    const seq = ++jobsSeq
    if (jobsStatus.value !== 'ready') jobsStatus.value = 'loading'
    try {
      const result = await client.request('batch.list', {})
      if (seq !== jobsSeq) return
      jobs.value = [...result.jobs].sort((a, b) => b.createdAt - a.createdAt)
      jobsError.value = null
      jobsStatus.value = 'ready'
      // A job that is still running (started in another window, or before this one opened) is shown.
      if (!current.value) {
        const running = jobs.value.find((job) => job.state === 'running')
        if (running) void watch(running.jobId)
      }
    } catch (caught) {
      if (seq !== jobsSeq) return
      jobsError.value = toErrorData(caught)
      jobsStatus.value = 'error'
    }
  }

  async function loadAddressing(): Promise<void> {
    const seq = ++addressingSeq
    addressingStatus.value = 'loading'
    try {
      const result = await client.request('station.addressing', {})
      if (seq !== addressingSeq) return
      addressing.value = result
      addressingError.value = null
      addressingStatus.value = 'ready'
    } catch (caught) {
      if (seq !== addressingSeq) return
      addressingError.value = toErrorData(caught)
      addressingStatus.value = 'error'
    }
  }

  /** Shows a job with all its units. */
  async function watch(jobId: string): Promise<void> {
    const seq = ++watchSeq
    if (current.value?.jobId !== jobId) {
      const summary = jobs.value.find((job) => job.jobId === jobId)
      current.value = summary ? { ...summary, units: [] } : null
    }
    currentStatus.value = 'loading'
    try {
      const detail = await client.request('batch.get', { jobId })
      if (seq !== watchSeq) return
      current.value = detail
      upsertSummary(detail)
      currentError.value = null
      currentStatus.value = 'ready'
    } catch (caught) {
      if (seq !== watchSeq) return
      currentError.value = toErrorData(caught)
      currentStatus.value = 'error'
    }
  }

  function closeJob(): void {
    watchSeq++
    current.value = null
    currentStatus.value = 'idle'
    currentError.value = null
    actionError.value = null
  }

  function upsertSummary(summary: JobSummary): void {
    const plain: JobSummary = {
      jobId: summary.jobId,
      profileId: summary.profileId,
      profileName: summary.profileName,
      state: summary.state,
      createdAt: summary.createdAt,
      parallelism: summary.parallelism,
      watchNew: summary.watchNew,
      counts: summary.counts,
      ...(summary.finishedAt === undefined ? {} : { finishedAt: summary.finishedAt })
    }
    const index = jobs.value.findIndex((job) => job.jobId === summary.jobId)
    if (index >= 0) jobs.value[index] = plain
    else jobs.value = [plain, ...jobs.value]
  }

  function applyProgress(payload: PayloadOf<'batch.progress'>): void {
    const { job, unit } = payload
    upsertSummary(job)
    const shown = current.value
    if (!shown) {
      // Nothing on screen: a job someone just started (CLI, another window) is worth showing.
      if (job.state === 'running') void watch(job.jobId)
      return
    }
    if (shown.jobId !== job.jobId) return
    const units = shown.units
    if (unit) {
      const index = units.findIndex((known) => sameUnit(known, unit))
      if (index >= 0) units[index] = unit
      else units.push(unit)
    }
    current.value = { ...job, units }
  }

  async function run(kind: JobAction, call: () => Promise<JobSummary>): Promise<JobSummary | null> {
    if (action.value) return null
    action.value = kind
    actionError.value = null
    try {
      const summary = await call()
      upsertSummary(summary)
      return summary
    } catch (caught) {
      actionError.value = { action: kind, error: asContractError(caught).toData() }
      return null
    } finally {
      action.value = null
    }
  }

  async function startJob(request: StartJobRequest): Promise<JobSummary | null> {
    const summary = await run('start', () => client.request('batch.start', request))
    if (summary) {
      current.value = { ...summary, units: [] }
      void watch(summary.jobId)
    }
    return summary
  }

  async function cancel(jobId: string): Promise<void> {
    const summary = await run('cancel', () => client.request('batch.cancel', { jobId }))
    if (summary && current.value?.jobId === jobId) current.value = { ...summary, units: current.value.units }
  }

  async function finish(jobId: string): Promise<void> {
    const summary = await run('finish', () => client.request('batch.finish', { jobId }))
    if (summary && current.value?.jobId === jobId) current.value = { ...summary, units: current.value.units }
  }

  async function resume(jobId: string): Promise<void> {
    const summary = await run('resume', () => client.request('batch.resume', { jobId }))
    if (summary) void watch(summary.jobId)
  }

  return {
    addressing,
    addressingStatus,
    addressingError,
    jobs,
    jobsStatus,
    jobsError,
    current,
    currentStatus,
    currentError,
    action,
    actionError,
    interruptedJobs,
    overall,
    start,
    stop,
    refresh,
    loadJobs,
    loadAddressing,
    watch,
    closeJob,
    applyProgress,
    startJob,
    cancel,
    finish,
    resume
  }
})
