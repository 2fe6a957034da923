// Applies a golden profile to one unit, as a transaction over several settings: connect, snapshot everything
// the profile touches, apply each section in UNIT_STEPS order, read every field back, and on any failure put
// back the sections already changed, newest first. The APN goes through the APN transaction (switchApn), both
// forwards and when rolled back, so a unit is never left without mobile data by a half-applied profile. A unit
// whose rollback itself fails ends 'needs-attention' with what to fix by hand; secrets never leave here except
// in the result's `secrets` (for the inventory), never in steps, details or errors.
import { ContractError, type ContractErrorData } from '../contract/errors'
import type { ApnDraft, ApnProfile, DeviceStatus, WifiSettings } from '../contract/model'
import type { GoldenProfile, UnitOutcome, UnitStep, UnitStepRecord } from '../contract/shop'
import { switchApn } from '../devices/apn-transaction'
import type { Credentials, DevicePreferences, HotspotDriver } from '../devices/driver'
import type { DeviceManager } from '../host/device-manager'
import { unitKeyOf } from '../host/station-contracts'
import { resolveSecret } from './secret-generator'
import { expandSsid, parseSsidPattern } from './ssid-pattern'

export interface ProvisioningTiming {
  /** Longest any one step may take (the APN step gets the APN verify budget on top). */
  stepTimeoutMs: number
  /** How long mobile data may take to come back after an APN change. */
  apnVerifyTimeoutMs: number
  apnVerifyPollMs: number
  /** A rollback section is tried this often (a unit restarting its Wi-Fi or briefly unplugged comes back). */
  rollbackAttempts: number
  rollbackRetryMs: number
}

export const DEFAULT_PROVISIONING_TIMING: ProvisioningTiming = {
  stepTimeoutMs: 30_000,
  apnVerifyTimeoutMs: 45_000,
  apnVerifyPollMs: 1_500,
  rollbackAttempts: 3,
  rollbackRetryMs: 2_000
}

/** The admin credentials each unit's driver was created with (credential-book.ts), and where a change goes. */
export interface AdminCredentialAccess {
  current(deviceId: string): Credentials | undefined
  changed(deviceId: string, credentials: Credentials): void | Promise<void>
}

export interface UnitRun {
  deviceId: string
  /** 1-based position in the job: the SSID pattern's {n}. */
  position: number
  profile: GoldenProfile
  signal?: AbortSignal
  /** Each step as it starts and ends (the job log records it). */
  onStep: (record: UnitStepRecord) => void
  /** Once connected: who the unit is. */
  onIdentity?: (identity: { unitKey: string; model?: string }) => void
  /**
   * True when the app is closing: nothing is rolled back then (the store is closing and the next start would
   * race a late restore); the job log shows the unit unfinished and batch.resume runs it again from the start.
   */
  halted?: () => boolean
}

export interface UnitResult {
  outcome: Extract<UnitOutcome, 'done' | 'failed' | 'needs-attention' | 'cancelled'>
  unitKey?: string
  model?: string
  status?: DeviceStatus
  /** What was set, without secrets: the report and the job log show it. */
  applied: Record<string, string>
  /** For the inventory only. */
  secrets: { ssid?: string; wifiKey?: string; adminPassword?: string }
  error?: ContractErrorData
}

type SectionStep = Exclude<UnitStep, 'connect' | 'snapshot' | 'verify' | 'rollback'>

/** One applied section: how to put it back, and how to check it on read-back. */
interface Change {
  step: SectionStep
  rollback: (signal: AbortSignal) => Promise<void>
  /** Set when the section cannot be fully restored even if rollback succeeds (e.g. an unreadable old key). */
  incomplete?: string
}

interface Snapshot {
  apn?: { profiles: ApnProfile[]; previous?: ApnProfile }
  wifi?: WifiSettings
  admin?: Credentials
  settings?: DevicePreferences
}

interface Plan {
  apn?: ApnDraft
  wifi?: { ssid: string; key: string; security: WifiSettings['security'] }
  adminPassword?: string
  dataPlan?: { limitBytes: number; startDay: number }
  language?: string
  autoUpdate?: boolean
  resetCounters: boolean
}

/** Codes after which a setter is known not to have changed anything. */
const NOT_APPLIED = new Set(['BAD_INPUT', 'UNSUPPORTED', 'AUTH_FAILED', 'NOT_FOUND'])

export class UnitProvisioning {
  private readonly timing: ProvisioningTiming

  constructor(
    private readonly manager: DeviceManager,
    private readonly credentials: AdminCredentialAccess,
    timing: Partial<ProvisioningTiming> = {}
  ) {
    this.timing = { ...DEFAULT_PROVISIONING_TIMING, ...timing }
  }

  async provision(run: UnitRun): Promise<UnitResult> {
    const steps = new StepReporter(run.onStep)
    const result: UnitResult = { outcome: 'failed', applied: {}, secrets: {} }
    const changes: Change[] = []
    let failure: ContractErrorData | undefined
    try {
      // ---- connect ----
      const { driver, status } = await steps.run('connect', () => this.connect(run), (value) => describeUnit(value.status))
      result.status = status
      result.unitKey = unitKeyOf(status)
      if (status.identity.model) result.model = status.identity.model
      run.onIdentity?.({ unitKey: result.unitKey, ...(result.model ? { model: result.model } : {}) })

      // ---- snapshot: also decides what this unit can do, before anything changes ----
      const plan = resolvePlan(run.profile, status, run.position)
      const skipped = new Map<SectionStep, string>()
      const snapshot = await steps.run('snapshot', () => this.snapshot(driver, run, plan, skipped), () => snapshotDetail(plan, skipped))
      if (plan.wifi) result.secrets = { ssid: plan.wifi.ssid, wifiKey: plan.wifi.key }

      // ---- apply, section by section ----
      for (const step of SECTION_STEPS) {
        if (!planned(plan, step)) continue
        const why = skipped.get(step)
        if (why !== undefined) {
          steps.skip(step, why)
          continue
        }
        await steps.run(step, async () => {
          const change = await this.apply(step, driver, run, plan, snapshot)
          if (change) changes.push(change)
          recordApplied(result, step, plan)
        }, () => appliedDetail(step, plan))
      }

      // ---- verify: every field read back ----
      await steps.run('verify', () => this.verify(driver, run, plan, skipped), () => 'every field read back as set')
      result.outcome = 'done'
      if (plan.adminPassword !== undefined && !skipped.has('admin-password')) result.secrets.adminPassword = plan.adminPassword
      return result
    } catch (error) {
      if (error instanceof TouchedError) changes.push(error.change)
      failure = toErrorData(error, run.signal)
      result.error = failure
    }

    // ---- rollback ----
    if (run.halted?.()) {
      steps.skip('rollback', 'the app closed; resuming the job prepares this unit again from the start')
      result.outcome = 'cancelled'
      return result
    }
    if (changes.length === 0) {
      steps.skip('rollback', 'nothing was changed')
      result.outcome = failure.code === 'CANCELLED' ? 'cancelled' : 'failed'
      result.applied = {}
      result.secrets = {}
      return result
    }
    const problems = await steps.run(
      'rollback',
      async () => {
        const left = await this.rollback(changes)
        if (left.length > 0) throw new RollbackIncomplete(left)
        return left
      },
      () => `restored ${changes.map((change) => change.step).reverse().join(', ')}`
    ).catch((error: unknown) => (error instanceof RollbackIncomplete ? error.problems : [toErrorData(error).message]))
    if (problems.length > 0) {
      result.outcome = 'needs-attention'
      result.error = {
        code: failure.code,
        message: `${failure.message} Putting the unit back also failed: ${problems.join(' ')} Check this unit by hand before it goes out.`,
        ...(failure.details ? { details: failure.details } : {})
      }
      // Keep what the inventory must know: the unit may still carry the new values.
      return result
    }
    result.applied = {}
    result.secrets = {}
    result.outcome = failure.code === 'CANCELLED' ? 'cancelled' : 'failed'
    return result
  }

  // ---- steps ----

  private async connect(run: UnitRun): Promise<{ driver: HotspotDriver; status: DeviceStatus }> {
    return this.bounded('connecting to the unit', this.timing.stepTimeoutMs, run.signal, async () => {
      const device = this.manager.get(run.deviceId)
      const state = device.summary().state
      if (state === 'released') throw new ContractError('BUSY', 'This unit is released to its own web page; resume it in Hotspot Desk first.')
      const status = await this.manager.status(run.deviceId)
      const summary = device.summary()
      if (summary.state === 'auth-required' || summary.state === 'locked-out') {
        const error = summary.lastError
        throw error ? ContractError.fromData(error) : new ContractError('AUTH_FAILED', 'This unit wants its admin password; log in to it once, then run the job again.')
      }
      const capability = summary.capabilities[0]
      if (capability === undefined) throw new ContractError('UNSUPPORTED', 'This unit offers nothing Hotspot Desk can set.')
      return { driver: await device.driverFor(capability), status }
    })
  }

  private async snapshot(driver: HotspotDriver, run: UnitRun, plan: Plan, skipped: Map<SectionStep, string>): Promise<Snapshot> {
    const { profile } = run
    const unsupported = (step: SectionStep, message: string): void => {
      if (profile.unsupported === 'skip') skipped.set(step, `not supported by this unit: ${message}`)
      else throw new ContractError('UNSUPPORTED', `This unit cannot do what the profile asks (${message}). Nothing was changed. Set "unsupported": "skip" in the profile to prepare it without that setting.`, { step })
    }
    const caps = driver.capabilities
    if (plan.apn && (!driver.apn || !caps.has('apnWrite'))) unsupported('apn', 'changing the APN')
    if (plan.wifi && !driver.wifi) unsupported('wifi', 'Wi-Fi settings')
    if (plan.adminPassword !== undefined && !driver.wifi?.setAdminPassword) unsupported('admin-password', 'changing the admin password')
    const settings = driver.settings
    if (plan.dataPlan && !settings?.supports.has('dataPlan')) unsupported('data-plan', 'a data plan limit')
    if (plan.language !== undefined && !settings?.supports.has('language')) unsupported('language', 'the web page language')
    if (plan.autoUpdate !== undefined && !settings?.supports.has('autoUpdate')) unsupported('auto-update', 'firmware auto-update')
    if (plan.resetCounters && !(caps.has('usageReset') && driver.control?.resetUsage)) unsupported('reset-counters', 'resetting the data counters')

    const snapshot: Snapshot = {}
    await this.bounded('reading the unit\'s settings', this.timing.stepTimeoutMs, run.signal, async (signal) => {
      if (plan.apn && !skipped.has('apn') && driver.apn) {
        const profiles = await driver.apn.list(signal)
        const previous = profiles.find((candidate) => candidate.isDefault)
        snapshot.apn = previous ? { profiles, previous } : { profiles }
      }
      if (plan.wifi && !skipped.has('wifi') && driver.wifi) snapshot.wifi = await driver.wifi.get(signal)
      if (plan.adminPassword !== undefined && !skipped.has('admin-password')) {
        const current = this.credentials.current(run.deviceId)
        if (!current?.password) {
          throw new ContractError('AUTH_FAILED', 'Hotspot Desk does not know this unit\'s current admin password, which changing it needs. Log in to the unit once, then run the job again. Nothing was changed.')
        }
        snapshot.admin = current
      }
      const wantsSettings = (['data-plan', 'language', 'auto-update'] as const).some((step) => planned(plan, step) && !skipped.has(step))
      if (wantsSettings && settings) snapshot.settings = await settings.get(signal)
    })
    return snapshot
  }

  private async apply(step: SectionStep, driver: HotspotDriver, run: UnitRun, plan: Plan, snapshot: Snapshot): Promise<Change | undefined> {
    const budget = this.timing.stepTimeoutMs
    switch (step) {
      case 'apn':
        return this.applyApn(driver, run, plan.apn as ApnDraft, snapshot)
      case 'wifi': {
        const wifi = driver.wifi
        const wanted = plan.wifi
        const before = snapshot.wifi
        if (!wifi || !wanted || !before) return undefined
        const change: Change = {
          step,
          rollback: (signal) => wifi.set(restorableWifi(before), signal),
          ...(before.key === undefined && before.security !== 'open' ? { incomplete: 'the unit does not show its old Wi-Fi password, so the new one stays; put the old one back in its web page' } : {})
        }
        await this.touching(change, () => this.bounded('changing the Wi-Fi settings', budget, run.signal, (signal) => wifi.set({ ssid: wanted.ssid, key: wanted.key, security: wanted.security }, signal)))
        return change
      }
      case 'admin-password': {
        const wifi = driver.wifi
        const current = snapshot.admin
        const next = plan.adminPassword
        if (!wifi?.setAdminPassword || !current || next === undefined) return undefined
        const setAdmin = wifi.setAdminPassword.bind(wifi)
        const change: Change = {
          step,
          rollback: async (signal) => {
            try {
              await setAdmin(next, current.password, signal)
            } catch (error) {
              // The device says the password we set is not the current one: the change never took effect.
              if (!(error instanceof ContractError && error.code === 'AUTH_FAILED')) throw error
            }
            await this.credentials.changed(run.deviceId, current)
          }
        }
        await this.touching(change, () => this.bounded('changing the admin password', budget, run.signal, (signal) => setAdmin(current.password, next, signal)))
        await this.credentials.changed(run.deviceId, { ...current, password: next })
        return change
      }
      case 'data-plan':
      case 'language':
      case 'auto-update': {
        const settings = driver.settings
        const before = snapshot.settings
        if (!settings || !before) return undefined
        const wanted: DevicePreferences = {}
        const restore: DevicePreferences = {}
        if (step === 'data-plan' && plan.dataPlan) {
          wanted.dataPlan = plan.dataPlan
          if (before.dataPlan) restore.dataPlan = before.dataPlan
        } else if (step === 'language' && plan.language !== undefined) {
          wanted.language = plan.language
          if (before.language !== undefined) restore.language = before.language
        } else if (step === 'auto-update' && plan.autoUpdate !== undefined) {
          wanted.autoUpdate = plan.autoUpdate
          if (before.autoUpdate !== undefined) restore.autoUpdate = before.autoUpdate
        }
        const change: Change = {
          step,
          rollback: (signal) => (Object.keys(restore).length > 0 ? settings.set(restore, signal) : Promise.resolve()),
          ...(Object.keys(restore).length === 0 ? { incomplete: `the unit did not report its old ${step} setting` } : {})
        }
        await this.touching(change, () => this.bounded(`changing the ${step} setting`, budget, run.signal, (signal) => settings.set(wanted, signal)))
        return change
      }
      case 'reset-counters': {
        const reset = driver.control?.resetUsage?.bind(driver.control)
        if (!reset) return undefined
        await this.bounded('resetting the data counters', budget, run.signal, (signal) => reset(signal))
        // Counters cannot be put back; nothing to roll back (they only start again from zero).
        return undefined
      }
    }
  }

  /** Runs a setter; when it fails in a way that may have changed the unit, the section still gets rolled back. */
  private async touching(change: Change, work: () => Promise<void>): Promise<void> {
    try {
      await work()
    } catch (error) {
      const code = error instanceof ContractError ? error.code : 'INTERNAL'
      if (!NOT_APPLIED.has(code)) throw new TouchedError(error, change)
      throw error
    }
  }

  private async applyApn(driver: HotspotDriver, run: UnitRun, draft: ApnDraft, snapshot: Snapshot): Promise<Change | undefined> {
    const apn = driver.apn
    const before = snapshot.apn
    if (!apn || !before) return undefined
    const previous = before.previous
    if (previous && sameApn(previous, draft)) return undefined
    // A matching profile already on the unit is reused rather than stacking copies on every re-apply.
    const existing = before.profiles.find((candidate) => sameApn(candidate, draft))
    const result = await this.bounded('changing the APN', this.timing.stepTimeoutMs + this.timing.apnVerifyTimeoutMs, run.signal, (signal) =>
      switchApn(driver, existing ? { profileId: existing.id } : { draft }, {
        signal,
        verifyTimeoutMs: this.timing.apnVerifyTimeoutMs,
        verifyPollMs: this.timing.apnVerifyPollMs
      })
    )
    if (!result.ok) {
      const error = result.error ?? { code: 'PROTOCOL', message: 'The APN change failed.' }
      if (result.restored) throw ContractError.fromData(error)
      // The transaction could not restore the old APN: the unit may be offline; a person must look.
      throw new TouchedError(ContractError.fromData(error), {
        step: 'apn',
        rollback: () => Promise.reject(new ContractError('PROTOCOL', `the previous APN (${previous ? `${previous.name}, ${previous.apn}` : 'none'}) could not be restored`))
      })
    }
    const createdId = existing ? undefined : result.active?.id
    return {
      step: 'apn',
      rollback: async (signal) => {
        if (!previous) throw new ContractError('UNSUPPORTED', 'the unit had no default APN before, so there is none to go back to')
        const back = await switchApn(driver, { profileId: previous.id }, {
          signal,
          verifyTimeoutMs: this.timing.apnVerifyTimeoutMs,
          verifyPollMs: this.timing.apnVerifyPollMs
        })
        if (!back.ok) throw ContractError.fromData(back.error ?? { code: 'PROTOCOL', message: 'the previous APN did not come back' })
        if (createdId !== undefined && createdId !== previous.id) await apn.remove(createdId, signal)
      }
    }
  }

  private async verify(driver: HotspotDriver, run: UnitRun, plan: Plan, skipped: Map<SectionStep, string>): Promise<void> {
    await this.bounded('reading the settings back', this.timing.stepTimeoutMs, run.signal, async (signal) => {
      const wrong: string[] = []
      if (plan.apn && !skipped.has('apn') && driver.apn) {
        const active = (await driver.apn.list(signal)).find((profile) => profile.isDefault)
        if (!active || !sameApn(active, plan.apn)) wrong.push(`APN (the unit uses ${active ? `"${active.apn}"` : 'none'})`)
      }
      if (plan.wifi && !skipped.has('wifi') && driver.wifi) {
        const now = await driver.wifi.get(signal)
        if (now.ssid !== plan.wifi.ssid) wrong.push(`SSID (the unit shows "${now.ssid}")`)
        if (now.security !== plan.wifi.security) wrong.push(`Wi-Fi security (${now.security})`)
        if (now.key !== undefined && now.key !== plan.wifi.key) wrong.push('Wi-Fi password')
      }
      const settings = driver.settings
      const wantsSettings = (['data-plan', 'language', 'auto-update'] as const).some((step) => planned(plan, step) && !skipped.has(step))
      if (wantsSettings && settings) {
        const now = await settings.get(signal)
        if (plan.dataPlan && !skipped.has('data-plan') && (now.dataPlan?.limitBytes !== plan.dataPlan.limitBytes || now.dataPlan.startDay !== plan.dataPlan.startDay)) {
          wrong.push('data plan')
        }
        if (plan.language !== undefined && !skipped.has('language') && now.language !== plan.language) wrong.push(`language (${now.language ?? 'unknown'})`)
        if (plan.autoUpdate !== undefined && !skipped.has('auto-update') && now.autoUpdate !== plan.autoUpdate) wrong.push('firmware auto-update')
      }
      // The admin password cannot be read back; a full reading with the session it now uses shows it took.
      if (plan.adminPassword !== undefined && !skipped.has('admin-password')) await driver.read(signal)
      if (wrong.length > 0) {
        throw new ContractError('PROTOCOL', `The unit accepted the profile but shows something else for: ${wrong.join('; ')}.`, { fields: wrong })
      }
    })
  }

  /** Newest change first; each tried a few times. Returns what could not be put back. */
  private async rollback(changes: readonly Change[]): Promise<string[]> {
    const problems: string[] = []
    for (const change of [...changes].reverse()) {
      let last: ContractErrorData | undefined
      for (let attempt = 1; attempt <= this.timing.rollbackAttempts; attempt++) {
        try {
          const budget = this.timing.stepTimeoutMs + (change.step === 'apn' ? this.timing.apnVerifyTimeoutMs : 0)
          // Not the job's signal: a cancelled job must still put its units back.
          await this.bounded(`restoring ${change.step}`, budget, undefined, (signal) => change.rollback(signal))
          last = undefined
          break
        } catch (error) {
          last = toErrorData(error)
          if (attempt < this.timing.rollbackAttempts) await delay(this.timing.rollbackRetryMs)
        }
      }
      if (last) problems.push(`${change.step}: ${last.message}`)
      else if (change.incomplete) problems.push(`${change.step}: ${change.incomplete}.`)
    }
    return problems
  }

  /** Runs work with a deadline and the caller's signal; whatever the driver does with them, this returns in time. */
  private async bounded<T>(what: string, ms: number, outer: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (outer?.aborted) throw new ContractError('CANCELLED', 'The job was cancelled.')
    const deadline = new AbortController()
    const signal = outer ? AbortSignal.any([outer, deadline.signal]) : deadline.signal
    let timer: NodeJS.Timeout | undefined
    const stopped = new Promise<never>((_resolve, reject) => {
      const onAbort = (): void => {
        reject(outer?.aborted ? new ContractError('CANCELLED', 'The job was cancelled.') : timeoutError(what, ms))
      }
      signal.addEventListener('abort', onAbort, { once: true })
      timer = setTimeout(() => deadline.abort(), ms)
    })
    try {
      return await Promise.race([work(signal), stopped])
    } catch (error) {
      if (outer?.aborted) throw error instanceof TouchedError ? error : new ContractError('CANCELLED', 'The job was cancelled.')
      if (deadline.signal.aborted && !(error instanceof TouchedError)) throw timeoutError(what, ms)
      throw error
    } finally {
      clearTimeout(timer)
      stopped.catch(() => undefined)
    }
  }
}

// ---- the plan for one unit ----

const SECTION_STEPS: readonly SectionStep[] = ['apn', 'wifi', 'admin-password', 'data-plan', 'language', 'auto-update', 'reset-counters']

function resolvePlan(profile: GoldenProfile, status: DeviceStatus, position: number): Plan {
  const plan: Plan = { resetCounters: profile.resetCounters }
  if (profile.apn) plan.apn = profile.apn
  if (profile.wifi) {
    const pattern = parseSsidPattern(profile.wifi.ssid)
    if (!pattern.ok) throw new ContractError('BAD_INPUT', pattern.message, { path: 'wifi.ssid' })
    const ssid = expandSsid(pattern.parts, {
      position,
      ...(status.identity.imei ? { imei: status.identity.imei } : {}),
      ...(status.identity.serialNumber ? { serialNumber: status.identity.serialNumber } : {}),
      ...(status.sim.iccid ? { iccid: status.sim.iccid } : {})
    })
    if (!ssid.ok) throw new ContractError('BAD_INPUT', `${ssid.message} Nothing was changed.`, { path: 'wifi.ssid' })
    plan.wifi = { ssid: ssid.ssid, key: resolveSecret(profile.wifi.key), security: profile.wifi.security }
  }
  if (profile.adminPassword) plan.adminPassword = resolveSecret(profile.adminPassword)
  if (profile.dataPlan) plan.dataPlan = profile.dataPlan
  if (profile.language !== undefined) plan.language = profile.language
  if (profile.autoUpdate !== undefined) plan.autoUpdate = profile.autoUpdate
  return plan
}

function planned(plan: Plan, step: SectionStep): boolean {
  switch (step) {
    case 'apn':
      return plan.apn !== undefined
    case 'wifi':
      return plan.wifi !== undefined
    case 'admin-password':
      return plan.adminPassword !== undefined
    case 'data-plan':
      return plan.dataPlan !== undefined
    case 'language':
      return plan.language !== undefined
    case 'auto-update':
      return plan.autoUpdate !== undefined
    case 'reset-counters':
      return plan.resetCounters
  }
}

function recordApplied(result: UnitResult, step: SectionStep, plan: Plan): void {
  const applied = result.applied
  if (step === 'apn' && plan.apn) applied.apn = plan.apn.apn
  if (step === 'wifi' && plan.wifi) {
    applied.ssid = plan.wifi.ssid
    applied.wifiKey = 'set'
  }
  if (step === 'admin-password') applied.adminPassword = 'set'
  if (step === 'data-plan' && plan.dataPlan) applied.dataPlan = `${plan.dataPlan.limitBytes} bytes from day ${plan.dataPlan.startDay}`
  if (step === 'language' && plan.language !== undefined) applied.language = plan.language
  if (step === 'auto-update' && plan.autoUpdate !== undefined) applied.autoUpdate = plan.autoUpdate ? 'on' : 'off'
  if (step === 'reset-counters') applied.counters = 'reset'
}

function appliedDetail(step: SectionStep, plan: Plan): string {
  switch (step) {
    case 'apn':
      return plan.apn ? `APN ${plan.apn.apn || '(blank)'} in use` : ''
    case 'wifi':
      return plan.wifi ? `SSID ${plan.wifi.ssid}, new Wi-Fi password` : ''
    case 'admin-password':
      return 'admin password changed'
    case 'data-plan':
      return plan.dataPlan ? `limit ${plan.dataPlan.limitBytes} bytes, starts on day ${plan.dataPlan.startDay}` : ''
    case 'language':
      return `web page language ${plan.language ?? ''}`
    case 'auto-update':
      return `firmware auto-update ${plan.autoUpdate ? 'on' : 'off'}`
    case 'reset-counters':
      return 'data counters reset'
  }
}

function snapshotDetail(plan: Plan, skipped: ReadonlyMap<SectionStep, string>): string {
  const parts = SECTION_STEPS.filter((step) => planned(plan, step) && !skipped.has(step))
  const skip = [...skipped.keys()]
  return `kept the current ${parts.join(', ') || 'nothing'}${skip.length > 0 ? `; skipping ${skip.join(', ')}` : ''}`
}

function describeUnit(status: DeviceStatus): string {
  const { identity } = status
  return [identity.model, identity.imei ? `IMEI ${identity.imei}` : identity.serialNumber ? `serial ${identity.serialNumber}` : undefined].filter(Boolean).join(', ') || 'connected'
}

function restorableWifi(before: WifiSettings): Partial<WifiSettings> {
  const restore: Partial<WifiSettings> = { ssid: before.ssid, security: before.security }
  if (before.hidden !== undefined) restore.hidden = before.hidden
  if (before.key !== undefined && before.security !== 'open') restore.key = before.key
  return restore
}

function sameApn(profile: ApnDraft | ApnProfile, draft: ApnDraft): boolean {
  return (
    profile.apn === draft.apn &&
    profile.name === draft.name &&
    (profile.username ?? '') === (draft.username ?? '') &&
    profile.auth === draft.auth &&
    profile.pdpType === draft.pdpType
  )
}

// ---- step bookkeeping and errors ----

class StepReporter {
  constructor(private readonly emit: (record: UnitStepRecord) => void) {}

  async run<T>(step: UnitStep, work: () => Promise<T>, detail: (value: T) => string): Promise<T> {
    const startedAt = Date.now()
    this.emit({ step, status: 'running', startedAt })
    try {
      const value = await work()
      const text = detail(value)
      this.emit({ step, status: 'ok', startedAt, endedAt: Date.now(), ...(text ? { detail: text } : {}) })
      return value
    } catch (error) {
      const message = error instanceof RollbackIncomplete ? error.problems.join(' ') : toErrorData(error).message
      this.emit({ step, status: 'failed', startedAt, endedAt: Date.now(), detail: message })
      throw error
    }
  }

  skip(step: UnitStep, detail: string): void {
    const at = Date.now()
    this.emit({ step, status: 'skipped', startedAt: at, endedAt: at, detail })
  }
}

/** A setter failed after it may have changed the unit: the section is rolled back with the others. */
class TouchedError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly change: Change
  ) {
    super(cause instanceof Error ? cause.message : String(cause))
  }
}

class RollbackIncomplete extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '))
  }
}

function timeoutError(what: string, ms: number): ContractError {
  return new ContractError('TIMEOUT', `The unit did not finish ${what} within ${Math.round(ms / 1000)} s.`, { timeoutMs: ms })
}

function toErrorData(error: unknown, signal?: AbortSignal): ContractErrorData {
  const inner = error instanceof TouchedError ? error.cause : error
  if (signal?.aborted && !(inner instanceof ContractError && inner.code !== 'CANCELLED')) return { code: 'CANCELLED', message: 'The job was cancelled.' }
  if (inner instanceof ContractError) return inner.toData()
  return { code: 'INTERNAL', message: inner instanceof Error ? inner.message : String(inner) }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
