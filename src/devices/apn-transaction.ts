// Switching a device's APN is risky: a wrong APN leaves a hotspot with no data, and the user may be
// abroad with no other way online. So it is a transaction: snapshot the profiles, apply, reattach,
// verify that data actually comes back, and restore the previous default if anything fails.
// Families only provide primitives (ApnOperations); this sequence lives here once.
import { ContractError, type ContractErrorData } from '../contract/errors'
import type { ApnOperations, HotspotDriver } from './driver'
import type { ApnDraft, ApnProfile, DataSession } from './model'

export type ApnStep = 'snapshot' | 'apply' | 'reattach' | 'verify' | 'restore'

export interface ApnProgress {
  step: ApnStep
  status: 'started' | 'ok' | 'failed'
  detail?: string
}

export type ApnTarget = { profileId: string } | { draft: ApnDraft }

export interface ApnSwitchOptions {
  /** How long data may take to come back after the reattach. */
  verifyTimeoutMs?: number
  /** How often the data session is read while verifying. */
  verifyPollMs?: number
  onProgress?: (progress: ApnProgress) => void
  signal?: AbortSignal
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

export interface ApnSwitchResult {
  ok: boolean
  /** The default profile when the transaction ended. */
  active?: ApnProfile
  /** True when a failure was rolled back to the previous default. */
  restored: boolean
  error?: ContractErrorData
}

const DEFAULTS = { verifyTimeoutMs: 45_000, verifyPollMs: 1_500 }

export async function switchApn(driver: HotspotDriver, target: ApnTarget, options: ApnSwitchOptions = {}): Promise<ApnSwitchResult> {
  const apn = driver.apn
  if (!apn || !driver.capabilities.has('apnWrite')) {
    throw new ContractError('UNSUPPORTED', 'This device does not let us change its APN.')
  }
  const { signal } = options
  const sleep = options.sleep ?? abortableSleep
  const report = (step: ApnStep, status: ApnProgress['status'], detail?: string) =>
    options.onProgress?.(detail === undefined ? { step, status } : { step, status, detail })

  report('snapshot', 'started')
  const before = await apn.list(signal)
  const previous = before.find((profile) => profile.isDefault)
  report('snapshot', 'ok', previous ? `current: ${previous.name} (${previous.apn})` : 'no default profile')

  let createdId: string | undefined
  let failure: ContractErrorData
  let step: ApnStep = 'apply'
  try {
    report('apply', 'started')
    const targetId = 'profileId' in target ? target.profileId : (createdId = await apn.create(target.draft, signal))
    if ('profileId' in target && !before.some((profile) => profile.id === target.profileId)) {
      throw new ContractError('NOT_FOUND', `The device has no APN profile "${target.profileId}".`)
    }
    await apn.setDefault(targetId, signal)
    report('apply', 'ok')

    step = 'reattach'
    report('reattach', 'started')
    await apn.reattach(signal)
    report('reattach', 'ok')

    step = 'verify'
    report('verify', 'started')
    const active = await verify(driver, apn, targetId, { ...DEFAULTS, ...options, sleep })
    report('verify', 'ok', active.apn)
    return { ok: true, active, restored: false }
  } catch (error) {
    failure = toErrorData(error)
    report(step, 'failed', failure.message)
    if (signal?.aborted) failure = { code: 'CANCELLED', message: 'The APN change was cancelled; restoring the previous APN.' }
  }

  return restore(apn, previous, createdId, failure, report)
}

async function verify(
  driver: HotspotDriver,
  apn: ApnOperations,
  targetId: string,
  options: Required<Pick<ApnSwitchOptions, 'verifyTimeoutMs' | 'verifyPollMs' | 'sleep'>> & ApnSwitchOptions
): Promise<ApnProfile> {
  const profiles = await apn.list(options.signal)
  const active = profiles.find((profile) => profile.isDefault)
  if (!active || active.id !== targetId) {
    throw new ContractError('PROTOCOL', 'The device did not keep the new APN as its default profile.')
  }
  const deadline = Date.now() + options.verifyTimeoutMs
  let last: DataSession | undefined
  let failedReads = 0
  for (;;) {
    last = (await driver.read(options.signal)).data
    if (last.state === 'connected') return active
    // A device that reports a definite failure twice in a row (e.g. Huawei 27 "profile invalid") will
    // not recover by waiting; restore now instead of keeping the user offline for the whole timeout.
    failedReads = last.state === 'failed' ? failedReads + 1 : 0
    if (failedReads >= 2 || Date.now() >= deadline) break
    await options.sleep(options.verifyPollMs, options.signal)
  }
  const why = last.failureReason ? `: ${last.failureReason}` : ''
  if (last.state === 'failed') {
    throw new ContractError('PROTOCOL', `The network refused the new APN${why}.`, { dataState: last.state })
  }
  throw new ContractError('TIMEOUT', `Mobile data did not come back with the new APN${why}.`, { dataState: last.state })
}

async function restore(
  apn: ApnOperations,
  previous: ApnProfile | undefined,
  createdId: string | undefined,
  failure: ContractErrorData,
  report: (step: ApnStep, status: ApnProgress['status'], detail?: string) => void
): Promise<ApnSwitchResult> {
  report('restore', 'started')
  // Restoring must not be cancelled by the signal that may have aborted the switch.
  try {
    if (previous) await apn.setDefault(previous.id)
    if (createdId !== undefined && createdId !== previous?.id) await apn.remove(createdId)
    await apn.reattach()
    const after = await apn.list()
    const active = after.find((profile) => profile.isDefault)
    report('restore', 'ok', active ? `back on ${active.name} (${active.apn})` : undefined)
    return { ok: false, restored: true, error: failure, ...(active ? { active } : {}) }
  } catch (error) {
    const restoreError = toErrorData(error)
    report('restore', 'failed', restoreError.message)
    const was = previous ? `${previous.name} (${previous.apn})` : 'none'
    return {
      ok: false,
      restored: false,
      error: {
        code: failure.code,
        message: `${failure.message} Restoring the previous APN also failed: ${restoreError.message} Set it back by hand: ${was}.`,
        details: { restoreError, previous }
      }
    }
  }
}

function toErrorData(error: unknown): ContractErrorData {
  if (error instanceof ContractError) return error.toData()
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ContractError('CANCELLED', 'Cancelled.'))
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new ContractError('CANCELLED', 'Cancelled.'))
    }, { once: true })
  })
}
