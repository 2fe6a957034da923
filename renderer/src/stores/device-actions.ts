// What the user asks one device to do from the dashboard: sign in, release it to its own web page
// and resume, reboot, reset the usage counters, switch mobile data, unlock the SIM. Every action has
// its own status per device, so a spinner never leaks to another device or another button.
// A password is sent exactly once per call: nothing here retries, because hotspots lock out after a
// few wrong tries (ARCHITECTURE.md, "Never retry a failed login automatically").
import type { ContractErrorData } from '@contract/errors'
import type { ParamsOf } from '@contract/methods'
import type { DeviceSummary } from '@contract/model'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import { useDevicesStore } from './devices'
import { toErrorData } from './status'

export type ControlAction = ParamsOf<'device.control'>['action']
export type DeviceAction = 'login' | 'release' | 'resume' | 'unlockSim' | ControlAction

/** idle: never run (or dismissed); running: the request is out; done / error: how the last run ended. */
export type ActionStatus = 'idle' | 'running' | 'done' | 'error'

export interface ActionState {
  status: ActionStatus
  error: ContractErrorData | null
}

export interface LoginInput {
  /** Empty means "the device has no user name": it is then not sent. */
  username: string
  password: string
  remember: boolean
}

export type SimUnlockInput = { pin: string } | { puk: string; newPin: string }

/**
 * A login closes the session, signs in and takes one full reading before it answers; a reboot or a SIM
 * unlock waits for the device to acknowledge. All of that can exceed the client's 15 s default.
 */
export const DEVICE_ACTION_TIMEOUT_MS = 60_000

const IDLE: ActionState = Object.freeze({ status: 'idle', error: null }) as ActionState

export const useDeviceActionsStore = defineStore('deviceActions', () => {
  const client = useApiClient()
  const devices = useDevicesStore()

  /** deviceId → action → its last run. */
  const actions = ref<Record<string, Partial<Record<DeviceAction, ActionState>>>>({})

  function stateOf(deviceId: string, action: DeviceAction): ActionState {
    return actions.value[deviceId]?.[action] ?? IDLE
  }

  function isRunning(deviceId: string, action: DeviceAction): boolean {
    return stateOf(deviceId, action).status === 'running'
  }

  /** Forget how the last run ended (a dialog was closed, a notice dismissed). Never touches a running action. */
  function dismiss(deviceId: string, action: DeviceAction): void {
    const entry = actions.value[deviceId]
    if (entry?.[action] && entry[action].status !== 'running') delete entry[action]
  }

  function set(deviceId: string, action: DeviceAction, state: ActionState): void {
    if (!actions.value[deviceId]) actions.value[deviceId] = {}
    actions.value[deviceId][action] = state
  }

  /** Runs one action once. Resolves true when the device did it; a second call while it runs is refused. */
  async function run(deviceId: string, action: DeviceAction, work: () => Promise<DeviceSummary | void>): Promise<boolean> {
    if (isRunning(deviceId, action)) return false
    set(deviceId, action, { status: 'running', error: null })
    try {
      const summary = await work()
      if (summary) devices.updateSummary(summary)
      set(deviceId, action, { status: 'done', error: null })
      return true
    } catch (caught) {
      set(deviceId, action, { status: 'error', error: toErrorData(caught) })
      return false
    }
  }

  function login(deviceId: string, input: LoginInput): Promise<boolean> {
    const username = input.username.trim()
    const params: ParamsOf<'device.login'> = {
      deviceId,
      password: input.password,
      remember: input.remember,
      ...(username === '' ? {} : { username })
    }
    return run(deviceId, 'login', async () => {
      const result = await client.request('device.login', params, { timeoutMs: DEVICE_ACTION_TIMEOUT_MS })
      return result.device
    })
  }

  function release(deviceId: string): Promise<boolean> {
    return run(deviceId, 'release', async () => (await client.request('device.release', { deviceId }, { timeoutMs: DEVICE_ACTION_TIMEOUT_MS })).device)
  }

  function resume(deviceId: string): Promise<boolean> {
    return run(deviceId, 'resume', async () => (await client.request('device.resume', { deviceId })).device)
  }

  function control(deviceId: string, action: ControlAction): Promise<boolean> {
    return run(deviceId, action, async () => {
      await client.request('device.control', { deviceId, action }, { timeoutMs: DEVICE_ACTION_TIMEOUT_MS })
    })
  }

  function unlockSim(deviceId: string, input: SimUnlockInput): Promise<boolean> {
    const params: ParamsOf<'sim.unlock'> = 'puk' in input ? { deviceId, puk: input.puk, newPin: input.newPin } : { deviceId, pin: input.pin }
    return run(deviceId, 'unlockSim', async () => {
      await client.request('sim.unlock', params, { timeoutMs: DEVICE_ACTION_TIMEOUT_MS })
    })
  }

  return { actions, stateOf, isRunning, dismiss, login, release, resume, control, unlockSim }
})
