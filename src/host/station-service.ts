// The shop station's core in the host: golden profiles (files in <dataDir>/profiles), batch jobs (station.db,
// run by BatchRunner through UnitProvisioning), manual adds and how each unit is addressed. It also is the
// UnitProvisioner the returns check-in re-applies profiles with, and tells the inventory (an InventorySink,
// optional) what each finished unit got. At start a job left 'running' by a closed or crashed app becomes
// 'interrupted'; batch.resume continues it without touching units that are done.
import { randomUUID } from 'node:crypto'
import { ContractError } from '../contract/errors'
import type { PayloadOf } from '../contract/events'
import type { ResultOf, ValidParamsOf as ParamsOf } from '../contract/methods'
import type { GoldenProfile, JobDetail, JobSummary, JobUnit, ProfileEntry, StationAddressing } from '../contract/shop'
import type { Credentials, DriverRegistry } from '../devices/driver'
import { probeLanTargets } from '../devices/discovery'
import { planAddressing } from '../shop/addressing'
import { BatchRunner, type PendingUnit } from '../shop/batch-runner'
import type { CredentialBook } from '../shop/credential-book'
import { JobLog } from '../shop/job-log'
import { ProfileStore } from '../shop/profile-store'
import { validateProfile } from '../shop/profile-validation'
import { UnitProvisioning, type ProvisioningTiming, type UnitResult } from '../shop/unit-provisioning'
import type { AddDeviceOptions, DeviceManager } from './device-manager'
import { credentialAccount } from './device-operations'
import type { SecretStore } from './secrets/secret-store'
import { unitKeyOf, type InventorySink, type UnitProvisioner } from './station-contracts'
import type { StationDatabase } from './station-database'

export interface StationServiceOptions {
  station: StationDatabase
  /** Where profiles/ lives; without it the station is off. */
  dataDir?: string
  manager: DeviceManager
  /** The registry drivers are created from, wrapped by `credentials` (host.ts). */
  registry: DriverRegistry
  credentials: CredentialBook
  /** Adds a device the way the host does (with its remembered password). */
  addDevice: (options: AddDeviceOptions) => Promise<void>
  secrets?: SecretStore
  inventory?: InventorySink
  publish: (progress: PayloadOf<'batch.progress'>) => void
  timing?: Partial<ProvisioningTiming>
  /** Whether requests can be bound to one network interface here (addressing.ts); false by default. */
  canBindInterface?: boolean
  log?: (line: string) => void
}

/** How long a manual add may wait for the address to answer like a known hotspot. */
const ADD_PROBE_TIMEOUT_MS = 4000

export class StationService implements UnitProvisioner {
  private readonly profiles: ProfileStore | undefined
  private readonly jobs: JobLog | undefined
  private readonly provisioning: UnitProvisioning
  private readonly runners = new Map<string, BatchRunner>()
  private inventory: InventorySink | undefined
  private closed = false

  constructor(private readonly options: StationServiceOptions) {
    this.profiles = options.dataDir === undefined ? undefined : new ProfileStore(options.dataDir)
    this.inventory = options.inventory
    if (options.station.db) {
      this.jobs = new JobLog(options.station.db)
      const interrupted = this.jobs.markInterrupted()
      if (interrupted.length > 0) options.log?.(`station: ${interrupted.length} job(s) were interrupted when the app last stopped; resume them from the station`)
    }
    this.provisioning = new UnitProvisioning(
      options.manager,
      {
        current: (deviceId) => options.credentials.get(options.manager.get(deviceId).summary().connection),
        changed: (deviceId, credentials) => this.adminPasswordChanged(deviceId, credentials)
      },
      options.timing
    )
  }

  /** The inventory service may be built after this one. */
  setInventorySink(sink: InventorySink | undefined): void {
    this.inventory = sink
  }

  // ---- profiles ----

  listProfiles(): ResultOf<'profile.list'> {
    return this.profileStore().list()
  }

  validateProfile(input: unknown): ResultOf<'profile.validate'> {
    const checked = validateProfile(input)
    return checked.ok ? { ok: true, issues: [], profile: checked.profile } : { ok: false, issues: checked.issues }
  }

  saveProfile(input: unknown): ProfileEntry {
    return this.profileStore().save(input)
  }

  removeProfile(id: string): boolean {
    return this.profileStore().remove(id)
  }

  // ---- jobs ----

  startBatch(params: ParamsOf<'batch.start'>): JobSummary {
    const jobs = this.jobLog()
    const profile = this.profileStore().get(params.profileId).profile
    const deviceIds = [...new Set(params.deviceIds)]
    if (deviceIds.length === 0 && !params.watchNew) {
      throw new ContractError('BAD_INPUT', 'Pick at least one unit, or let the job take every unit that appears.', { path: 'deviceIds' })
    }
    for (const id of deviceIds) this.options.manager.get(id)
    const chosen = planAddressing(
      deviceIds.map((id) => ({ deviceId: id, connection: this.options.manager.get(id).summary().connection })),
      { canBindInterface: this.options.canBindInterface ?? false }
    )
    if (chosen.oneAtATime) throw new ContractError('BAD_INPUT', chosen.advice ?? 'Some of these units cannot be told apart; prepare them one at a time.', { path: 'deviceIds' })
    const busy = deviceIds.find((id) => this.runningUnitJob(id))
    if (busy) throw new ContractError('BUSY', `${busy} is already in a running job; wait for it or cancel that job.`, { deviceId: busy })
    const jobId = randomUUID()
    const units = deviceIds.map((deviceId, index) => {
      const status = this.options.manager.get(deviceId).status()
      const model = status?.identity.model
      return { deviceId, position: index + 1, unitKey: status ? unitKeyOf(status) : `device:${deviceId}`, ...(model ? { model } : {}) }
    })
    jobs.createJob({ jobId, profile, parallelism: params.parallelism, watchNew: params.watchNew, createdAt: Date.now() }, units)
    this.launch({ jobId, profile, parallelism: params.parallelism, watchNew: params.watchNew }, units)
    return this.summary(jobId)
  }

  listJobs(): JobSummary[] {
    return this.jobLog().list()
  }

  getJob(jobId: string): JobDetail {
    const detail = this.jobLog().detail(jobId)
    if (!detail) throw notFound(jobId)
    return detail
  }

  cancel(jobId: string): JobSummary {
    const runner = this.runners.get(jobId)
    if (runner) runner.cancel()
    else {
      const summary = this.summary(jobId)
      if (summary.state === 'interrupted' || summary.state === 'paused') {
        const jobs = this.jobLog()
        for (const unit of jobs.units(jobId)) if (unit.outcome === 'queued') jobs.updateUnit(jobId, unit.position, { outcome: 'cancelled' })
        jobs.setState(jobId, 'cancelled')
        this.publishJob(jobId)
      }
    }
    return this.summary(jobId)
  }

  finish(jobId: string): JobSummary {
    const runner = this.runners.get(jobId)
    if (!runner) throw new ContractError('BAD_INPUT', 'This job is not running.', { jobId })
    runner.finish()
    return this.summary(jobId)
  }

  /** Continues an interrupted job: its queued units run, units already done are never touched again. */
  resume(jobId: string): JobSummary {
    const jobs = this.jobLog()
    const summary = this.summary(jobId)
    if (this.runners.has(jobId)) return summary
    if (summary.state !== 'interrupted' && summary.state !== 'paused') {
      throw new ContractError('BAD_INPUT', `Only an interrupted job can be resumed; this one is ${summary.state}.`, { state: summary.state })
    }
    const profile = jobs.profileOf(jobId)
    if (!profile) throw notFound(jobId)
    const pending: PendingUnit[] = []
    for (const unit of jobs.units(jobId)) {
      if (unit.outcome !== 'queued') continue
      const deviceId = this.locate(unit)
      if (deviceId === undefined) {
        jobs.updateUnit(jobId, unit.position, {
          outcome: 'failed',
          error: { code: 'NOT_FOUND', message: 'This unit is not attached any more. Plug it in and prepare it in a new job.' }
        })
        continue
      }
      if (deviceId !== unit.deviceId) jobs.updateUnit(jobId, unit.position, { deviceId })
      pending.push({ position: unit.position, deviceId })
    }
    jobs.setState(jobId, 'running')
    this.launch({ jobId, profile, parallelism: summary.parallelism, watchNew: summary.watchNew }, pending)
    return this.summary(jobId)
  }

  /** Resolves when the job's runner has ended (tests, the CLI). */
  async whenDone(jobId: string): Promise<JobSummary> {
    await this.runners.get(jobId)?.done
    return this.summary(jobId)
  }

  async provisionOne(deviceId: string, profileId: string, signal?: AbortSignal): Promise<JobUnit> {
    const summary = this.startBatch({ profileId, deviceIds: [deviceId], watchNew: false, parallelism: 1 })
    const stop = () => this.runners.get(summary.jobId)?.cancel()
    signal?.addEventListener('abort', stop, { once: true })
    try {
      await this.whenDone(summary.jobId)
    } finally {
      signal?.removeEventListener('abort', stop)
    }
    const unit = this.jobLog().unit(summary.jobId, 1)
    if (!unit) throw new ContractError('INTERNAL', 'The one-unit job left no record.')
    return unit
  }

  // ---- units ----

  addressing(): StationAddressing {
    const units = this.options.manager.list().map((device) => ({ deviceId: device.id, connection: device.connection }))
    return planAddressing(units, { canBindInterface: this.options.canBindInterface ?? false })
  }

  async addDevice(params: ParamsOf<'devices.add'>): Promise<ResultOf<'devices.add'>> {
    const { connection } = params
    const { registry, manager } = this.options
    if (connection.kind === 'serial') {
      const familyId = params.family ?? 'generic-at'
      const family = registry.get(familyId)
      if (!family || !family.connectionKinds.includes('serial')) {
        throw new ContractError('UNSUPPORTED', `"${familyId}" is not a device family that talks over a serial port.`, { path: 'family' })
      }
      const id = connection.path
      if (!manager.has(id)) await this.options.addDevice({ id, name: params.name ?? `${family.label} on ${connection.path}`, familyId, target: { connection } })
      return { deviceId: id }
    }
    let origin: string
    try {
      const url = new URL(connection.baseUrl)
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http')
      origin = url.origin
    } catch {
      throw new ContractError('BAD_INPUT', `"${connection.baseUrl}" is not a hotspot's web address (e.g. http://192.168.8.1).`, { path: 'connection.baseUrl' })
    }
    if (manager.has(origin)) return { deviceId: origin }
    const families = registry.all().filter((family) => params.family === undefined || family.id === params.family)
    const { hits } = await probeLanTargets([{ baseUrl: origin, address: new URL(origin).hostname, via: 'manual' }], families, { timeoutMs: ADD_PROBE_TIMEOUT_MS })
    const hit = hits[0]
    if (!hit) {
      throw new ContractError(
        'NOT_FOUND',
        `Nothing at ${origin} answered like a hotspot Hotspot Desk knows. Check the address (the page you open to manage the hotspot) and that this computer is on the hotspot's Wi-Fi or USB network.`,
        { baseUrl: origin }
      )
    }
    const name = params.name ?? hit.fingerprint.model ?? registry.get(hit.familyId)?.label ?? origin
    await this.options.addDevice({ id: origin, name, familyId: hit.familyId, target: { connection: hit.connection } })
    return { deviceId: origin }
  }

  close(): void {
    this.closed = true
    for (const runner of this.runners.values()) runner.halt()
    this.runners.clear()
  }

  // ---- internals ----

  private launch(job: { jobId: string; profile: GoldenProfile; parallelism: number; watchNew: boolean }, pending: readonly PendingUnit[]): void {
    const jobs = this.jobLog()
    const { manager } = this.options
    const present = manager.list().map((device) => {
      const status = manager.get(device.id).status()
      return status ? { deviceId: device.id, unitKey: unitKeyOf(status) } : { deviceId: device.id }
    })
    const runner = new BatchRunner(
      {
        manager: this.options.manager,
        provisioning: this.provisioning,
        log: jobs,
        notify: (jobId, position) => (position === undefined ? this.publishJob(jobId) : this.publishUnit(jobId, position)),
        onDone: (jobId, deviceId, result) => this.recordProvisioned(job.profile, deviceId, result),
        ...(this.options.log ? { logLine: this.options.log } : {})
      },
      job,
      pending,
      present
    )
    this.runners.set(job.jobId, runner)
    void runner.start().then(() => {
      if (this.runners.get(job.jobId) === runner) this.runners.delete(job.jobId)
    })
  }

  private recordProvisioned(profile: GoldenProfile, deviceId: string, result: UnitResult): void {
    const sink = this.inventory
    if (!sink || !result.status || !result.unitKey) return
    try {
      sink.recordProvisioned({
        unitKey: result.unitKey,
        deviceId,
        status: result.status,
        profileId: profile.id,
        at: Date.now(),
        ...(result.secrets.ssid !== undefined ? { ssid: result.secrets.ssid } : {}),
        ...(result.secrets.wifiKey !== undefined ? { wifiKey: result.secrets.wifiKey } : {}),
        ...(result.secrets.adminPassword !== undefined ? { adminPassword: result.secrets.adminPassword } : {})
      })
    } catch (error) {
      this.options.log?.(`station: the inventory could not record ${result.unitKey}: ${(error as Error).message}`)
    }
  }

  private async adminPasswordChanged(deviceId: string, credentials: Credentials): Promise<void> {
    const { manager, secrets } = this.options
    if (manager.has(deviceId)) this.options.credentials.set(manager.get(deviceId).summary().connection, credentials)
    // A remembered password must follow, or the next start logs in with the old one (and devices lock out).
    const account = credentialAccount(deviceId)
    const remembered = await secrets?.getCredentials(account).catch(() => undefined)
    if (remembered) await secrets?.setCredentials(account, credentials).catch((error: unknown) => this.options.log?.(`station: could not update the remembered password of ${deviceId}: ${(error as Error).message}`))
  }

  /** The attached device a queued unit is now: the same id, else a device with the same IMEI/serial. */
  private locate(unit: JobUnit): string | undefined {
    const { manager } = this.options
    if (manager.has(unit.deviceId)) return unit.deviceId
    if (unit.unitKey.startsWith('device:')) return undefined
    for (const device of manager.list()) {
      const status = manager.get(device.id).status()
      if (status && unitKeyOf(status) === unit.unitKey) return device.id
    }
    return undefined
  }

  private runningUnitJob(deviceId: string): boolean {
    for (const runner of this.runners.values()) {
      const units = this.jobLog().units(runner.job.jobId)
      if (units.some((unit) => unit.deviceId === deviceId && (unit.outcome === 'queued' || unit.outcome === 'running'))) return true
    }
    return false
  }

  private publishUnit(jobId: string, position: number): void {
    if (this.closed) return
    try {
      const jobs = this.jobLog()
      const job = jobs.summary(jobId)
      const unit = jobs.unit(jobId, position)
      if (job) this.options.publish(unit ? { job, unit } : { job })
    } catch (error) {
      this.options.log?.(`station: progress of job ${jobId} not sent: ${(error as Error).message}`)
    }
  }

  private publishJob(jobId: string): void {
    if (this.closed) return
    const job = this.jobs?.summary(jobId)
    if (job) this.options.publish({ job })
  }

  private summary(jobId: string): JobSummary {
    const summary = this.jobLog().summary(jobId)
    if (!summary) throw notFound(jobId)
    return summary
  }

  private profileStore(): ProfileStore {
    if (!this.profiles) throw new ContractError('UNSUPPORTED', 'Profiles need the app\'s data folder, and this host has none.')
    return this.profiles
  }

  private jobLog(): JobLog {
    if (!this.jobs) {
      const reason = this.options.station.db ? 'unknown' : this.options.station.reason
      throw new ContractError('UNSUPPORTED', `Batch jobs are unavailable: ${reason}`)
    }
    return this.jobs
  }
}

function notFound(jobId: string): ContractError {
  return new ContractError('NOT_FOUND', `There is no job "${jobId}". "batch.list" shows the jobs this station has run.`, { jobId })
}
