// APN profiles per device and the one risky write: switching the active profile. The host runs the
// switch as a transaction (snapshot → apply → reattach → verify, and restore on failure) and reports
// each step as an apn.progress event; this store turns those into a step list and keeps the outcome,
// so leaving the tab (or the device) and coming back still shows where the switch stands.
import type { ContractErrorData } from '@contract/errors'
import type { PayloadOf } from '@contract/events'
import type { ParamsOf, ResultOf } from '@contract/methods'
import type { ApnDraft, ApnProfile } from '@contract/model'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData, type LoadStatus } from './status'

export type ApnStep = PayloadOf<'apn.progress'>['step']
export type ApnStepStatus = 'pending' | PayloadOf<'apn.progress'>['status']
export type ApnTarget = ParamsOf<'apn.switch'>['target']
export type ApnSwitchResult = ResultOf<'apn.switch'>

/** The transaction's steps in the order the host runs them; restore only runs after a failure. */
export const APN_STEPS: readonly ApnStep[] = ['snapshot', 'apply', 'reattach', 'verify', 'restore']

/**
 * idle: nothing to show; running: the transaction is under way; done: the host answered with a result
 * (which may itself say the switch failed and was restored); error: the request itself failed.
 */
export type ApnSwitchStatus = 'idle' | 'running' | 'done' | 'error'

export interface ApnStepState {
  status: ApnStepStatus
  detail?: string
}

export interface DeviceApnState {
  listStatus: LoadStatus
  listError: ContractErrorData | null
  profiles: ApnProfile[]
  switchStatus: ApnSwitchStatus
  /** What the switch is going to, as the user chose it. */
  target: { name: string; apn: string } | null
  /** The default profile before the switch, as the list last showed it. */
  previous: ApnProfile | null
  steps: Record<ApnStep, ApnStepState>
  result: ApnSwitchResult | null
  switchError: ContractErrorData | null
}

/**
 * The host's verify step alone may wait 45 s for data to come back, and a restore reattaches again;
 * a switch must not be reported as timed out while the device is still working on it.
 */
export const APN_SWITCH_TIMEOUT_MS = 180_000

function pendingSteps(): Record<ApnStep, ApnStepState> {
  return { snapshot: { status: 'pending' }, apply: { status: 'pending' }, reattach: { status: 'pending' }, verify: { status: 'pending' }, restore: { status: 'pending' } }
}

function emptyState(): DeviceApnState {
  return {
    listStatus: 'idle',
    listError: null,
    profiles: [],
    switchStatus: 'idle',
    target: null,
    previous: null,
    steps: pendingSteps(),
    result: null,
    switchError: null
  }
}

const EMPTY: Readonly<DeviceApnState> = Object.freeze(emptyState())

export const useApnStore = defineStore('apn', () => {
  const client = useApiClient()
  const byDevice = ref<Record<string, DeviceApnState>>({})
  /** Only the newest apn.list answer per device may replace the list. */
  const listSeq = new Map<string, number>()

  function stateOf(deviceId: string): Readonly<DeviceApnState> {
    return byDevice.value[deviceId] ?? EMPTY
  }

  /** The device's state as the reactive proxy (an assignment expression would hand back the raw object). */
  function ensure(deviceId: string): DeviceApnState {
    if (!byDevice.value[deviceId]) byDevice.value[deviceId] = emptyState()
    return byDevice.value[deviceId]
  }

  /** Reads the profiles. The previous list stays on screen meanwhile, so nothing jumps. */
  async function load(deviceId: string): Promise<void> {
    const state = ensure(deviceId)
    const seq = (listSeq.get(deviceId) ?? 0) + 1
    listSeq.set(deviceId, seq)
    state.listStatus = 'loading'
    try {
      const { profiles } = await client.request('apn.list', { deviceId })
      if (listSeq.get(deviceId) !== seq) return
      state.profiles = profiles
      state.listError = null
      state.listStatus = 'ready'
    } catch (caught) {
      if (listSeq.get(deviceId) !== seq) return
      state.listError = toErrorData(caught)
      state.listStatus = 'error'
    }
  }

  /** Runs the switch transaction once; a second call while one runs on this device is refused. */
  async function switchTo(deviceId: string, target: ApnTarget): Promise<void> {
    const state = ensure(deviceId)
    if (state.switchStatus === 'running') return
    const chosen = 'profileId' in target ? state.profiles.find((profile) => profile.id === target.profileId) : target.draft
    state.switchStatus = 'running'
    state.target = chosen ? { name: chosen.name, apn: chosen.apn } : null
    state.previous = state.profiles.find((profile) => profile.isDefault) ?? null
    state.steps = pendingSteps()
    state.result = null
    state.switchError = null

    // Only this device's events, and only while our switch runs. Over one link the host's progress
    // events arrive before its answer, so the step list is complete when the result lands.
    const stopListening = client.on('apn.progress', (progress) => {
      if (progress.deviceId !== deviceId) return
      state.steps[progress.step] = progress.detail === undefined ? { status: progress.status } : { status: progress.status, detail: progress.detail }
    })
    try {
      state.result = await client.request('apn.switch', { deviceId, target }, { timeoutMs: APN_SWITCH_TIMEOUT_MS })
      state.switchStatus = 'done'
    } catch (caught) {
      state.switchError = toErrorData(caught)
      state.switchStatus = 'error'
    } finally {
      stopListening()
    }
    // Whatever happened, the device's profiles may have changed (a new one added, another default).
    void load(deviceId)
  }

  function switchToProfile(deviceId: string, profileId: string): Promise<void> {
    return switchTo(deviceId, { profileId })
  }

  function addAndSwitch(deviceId: string, draft: ApnDraft): Promise<void> {
    return switchTo(deviceId, { draft })
  }

  /** Clears a finished switch's outcome. */
  function dismissResult(deviceId: string): void {
    const state = byDevice.value[deviceId]
    if (!state || state.switchStatus === 'running') return
    state.switchStatus = 'idle'
    state.target = null
    state.previous = null
    state.steps = pendingSteps()
    state.result = null
    state.switchError = null
  }

  return { byDevice, stateOf, load, switchToProfile, addAndSwitch, dismissResult }
})
