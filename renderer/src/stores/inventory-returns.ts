// Rentals at the counter: check a unit out to a customer (the host notes its usage and SIM), check it in
// with the chosen options while each check arrives live on 'returns.progress', and the record of past
// returns. One check-in at a time: the counter handles one unit in hand.
import type { ContractErrorData } from '@contract/errors'
import type { PayloadOf } from '@contract/events'
import type { InventoryUnit, ReturnRecord } from '@contract/shop'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData, type LoadStatus } from './status'

/** A check-in may wipe SMS, reset counters and re-apply a whole profile: minutes on a slow unit. */
export const CHECK_IN_TIMEOUT_MS = 300_000
export const CHECK_OUT_TIMEOUT_MS = 60_000

export type ReturnCheck = PayloadOf<'returns.progress'>['check']

export interface CheckInOptions {
  wipeSms: boolean
  resetCounters: boolean
  reapplyProfile: boolean
  /** A profile other than the unit's last one. */
  profileId?: string
}

export interface CheckInState {
  deviceId: string | null
  status: 'idle' | 'running' | 'done' | 'error'
  /** Checks in the order they arrived; a later report of the same check replaces it. */
  checks: ReturnCheck[]
  record: ReturnRecord | null
  error: ContractErrorData | null
}

export const useReturnsStore = defineStore('inventoryReturns', () => {
  const client = useApiClient()
  const records = ref<ReturnRecord[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<ContractErrorData | null>(null)
  const checkOutStatus = ref<'idle' | 'busy' | 'done' | 'error'>('idle')
  const checkOutError = ref<ContractErrorData | null>(null)
  const checkedOut = ref<InventoryUnit | null>(null)
  const checkIn = ref<CheckInState>({ deviceId: null, status: 'idle', checks: [], record: null, error: null })
  let disposers: Array<() => void> = []
  let loadSeq = 0

  function start(): void {
    if (disposers.length > 0) return
    disposers = [client.on('returns.progress', applyProgress), client.onReady(() => void load())]
    if (client.hello) void load()
  }

  function stop(): void {
    for (const dispose of disposers) dispose()
    disposers = []
    loadSeq++
  }

  async function load(): Promise<void> {
    const seq = ++loadSeq
    if (status.value !== 'ready') status.value = 'loading'
    try {
      const result = await client.request('returns.list', {})
      if (seq !== loadSeq) return
      records.value = [...result.records].sort((a, b) => b.checkedInAt - a.checkedInAt)
      error.value = null
      status.value = 'ready'
    } catch (caught) {
      if (seq !== loadSeq) return
      error.value = toErrorData(caught)
      status.value = 'error'
    }
  }

  function applyProgress(payload: PayloadOf<'returns.progress'>): void {
    const state = checkIn.value
    if (state.status !== 'running' || state.deviceId !== payload.deviceId) return
    const index = state.checks.findIndex((check) => check.name === payload.check.name)
    if (index >= 0) state.checks[index] = payload.check
    else state.checks.push(payload.check)
  }

  async function checkOut(deviceId: string, note?: string): Promise<InventoryUnit | null> {
    if (checkOutStatus.value === 'busy') return null
    checkOutStatus.value = 'busy'
    checkOutError.value = null
    try {
      const unit = await client.request('returns.checkOut', { deviceId, ...(note ? { note } : {}) }, { timeoutMs: CHECK_OUT_TIMEOUT_MS })
      checkedOut.value = unit
      checkOutStatus.value = 'done'
      return unit
    } catch (caught) {
      checkOutError.value = toErrorData(caught)
      checkOutStatus.value = 'error'
      return null
    }
  }

  async function runCheckIn(deviceId: string, options: CheckInOptions): Promise<ReturnRecord | null> {
    if (checkIn.value.status === 'running') return null
    checkIn.value = { deviceId, status: 'running', checks: [], record: null, error: null }
    try {
      const record = await client.request(
        'returns.checkIn',
        {
          deviceId,
          wipeSms: options.wipeSms,
          resetCounters: options.resetCounters,
          reapplyProfile: options.reapplyProfile,
          ...(options.reapplyProfile && options.profileId ? { profileId: options.profileId } : {})
        },
        { timeoutMs: CHECK_IN_TIMEOUT_MS }
      )
      // The record's checks are the final word; the live ones were the way there.
      checkIn.value = { deviceId, status: 'done', checks: record.checks, record, error: null }
      records.value = [record, ...records.value.filter((known) => known.recordId !== record.recordId)]
      return record
    } catch (caught) {
      checkIn.value = { ...checkIn.value, status: 'error', error: toErrorData(caught) }
      return null
    }
  }

  function resetCheckIn(): void {
    if (checkIn.value.status === 'running') return
    checkIn.value = { deviceId: null, status: 'idle', checks: [], record: null, error: null }
  }

  return { records, status, error, checkOutStatus, checkOutError, checkedOut, checkIn, start, stop, load, applyProgress, checkOut, runCheckIn, resetCheckIn }
})
