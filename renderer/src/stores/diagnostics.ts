// The diagnostics bundle per device: what to include (both opt-ins off until the user ticks them; identifiers on
// when Settings › Privacy turned redaction off), the build's progress from diagnostics.progress events, cancel, and the finished ZIP.
import type { ContractErrorData } from '@contract/errors'
import type { DiagnosticsBundle, DiagnosticsProgress } from '@contract/diagnostics'
import { defineStore } from 'pinia'
import { useSettingsStore } from './settings'
import { ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData } from './status'

export type BundleStatus = 'idle' | 'building' | 'cancelling' | 'ready' | 'cancelled' | 'error'

export interface BundleInclude {
  identifiers: boolean
  smsText: boolean
}

export interface DeviceBundleState {
  status: BundleStatus
  include: BundleInclude
  progress: DiagnosticsProgress | null
  bundle: DiagnosticsBundle | null
  error: ContractErrorData | null
}

/** A bundle reads the whole device and a day of history; slow units over serial need more than the default 15 s. */
export const BUNDLE_TIMEOUT_MS = 180_000

const EMPTY: Readonly<DeviceBundleState> = Object.freeze({
  status: 'idle',
  include: Object.freeze({ identifiers: false, smsText: false }),
  progress: null,
  bundle: null,
  error: null
})

export const useDiagnosticsStore = defineStore('diagnostics', () => {
  const client = useApiClient()
  const settings = useSettingsStore()
  const byDevice = ref<Record<string, DeviceBundleState>>({})
  let stopProgress: (() => void) | undefined

  function ensure(deviceId: string): DeviceBundleState {
    byDevice.value[deviceId] ??= { status: 'idle', include: defaultInclude(), progress: null, bundle: null, error: null }
    return byDevice.value[deviceId]
  }

  /** Settings › Privacy can turn identifier redaction off for every bundle; message texts stay a per-bundle choice. */
  function defaultInclude(): BundleInclude {
    return { identifiers: settings.host?.privacy.redactDiagnostics === false, smsText: false }
  }

  function stateOf(deviceId: string): Readonly<DeviceBundleState> {
    return byDevice.value[deviceId] ?? { ...EMPTY, include: defaultInclude() }
  }

  function start(): void {
    stopProgress ??= client.on('diagnostics.progress', (progress) => {
      const state = byDevice.value[progress.deviceId]
      if (state && (state.status === 'building' || state.status === 'cancelling')) state.progress = progress
    })
  }

  function stop(): void {
    stopProgress?.()
    stopProgress = undefined
  }

  function setInclude(deviceId: string, include: Partial<BundleInclude>): void {
    const state = ensure(deviceId)
    state.include = { ...state.include, ...include }
  }

  async function build(deviceId: string): Promise<DiagnosticsBundle | null> {
    start()
    const state = ensure(deviceId)
    if (state.status === 'building' || state.status === 'cancelling') return null
    state.status = 'building'
    state.progress = null
    state.bundle = null
    state.error = null
    try {
      const bundle = await client.request('diagnostics.bundle', { deviceId, include: { ...state.include } }, { timeoutMs: BUNDLE_TIMEOUT_MS })
      state.bundle = bundle
      state.status = 'ready'
      return bundle
    } catch (caught) {
      const error = toErrorData(caught)
      state.error = error.code === 'CANCELLED' ? null : error
      state.status = error.code === 'CANCELLED' ? 'cancelled' : 'error'
      return null
    }
  }

  async function cancel(deviceId: string): Promise<void> {
    const state = ensure(deviceId)
    if (state.status !== 'building') return
    state.status = 'cancelling'
    try {
      await client.request('diagnostics.cancel', { deviceId })
    } catch (caught) {
      // The build may have finished meanwhile; its own answer settles the state.
      if (state.status === 'cancelling') state.status = 'building'
      state.error = toErrorData(caught)
    }
  }

  /** Drops the finished ZIP (it can be large) once it has been saved. */
  function clear(deviceId: string): void {
    const state = ensure(deviceId)
    if (state.status === 'building' || state.status === 'cancelling') return
    state.status = 'idle'
    state.bundle = null
    state.progress = null
    state.error = null
  }

  return { byDevice, stateOf, start, stop, setInclude, build, cancel, clear }
})
