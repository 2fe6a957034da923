// What the host found attached to this computer, usable or not: USB sticks still in their installer
// CD-ROM mode, modems whose port this user may not open or another program holds, units the app cannot
// drive. discovery.state gives the picture, discovery.changed keeps it current (hot-plug, background
// scans), discovery.scan is the Scan button and discovery.switchMode moves one stick into modem mode.
// Units the host can drive become devices (stores/devices.ts); this store keeps the rest, their fixes,
// and how every unit is connected.
import type { ContractErrorData } from '@contract/errors'
import type { DiscoveryItem, DiscoveryState } from '@contract/model'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { asContractError } from '@renderer/api/api-client'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData, type LoadStatus } from './status'

/** The Scan button's request: idle (never pressed), scanning (out), done, error (the request failed). */
export type ScanStatus = 'idle' | 'scanning' | 'done' | 'error'

/** One unit's mode switch: idle, running (the host is sending the message and waiting), done, error. */
export type SwitchStatus = 'idle' | 'running' | 'done' | 'error'

export interface SwitchState {
  status: SwitchStatus
  error: ContractErrorData | null
}

/**
 * A scan probes every modem port (about half a second each) and, in the desktop app, the gateways of
 * attached networks; with several units that exceeds the client's 15 s default.
 */
export const SCAN_TIMEOUT_MS = 60_000

/** The host waits up to 20 s for a switched stick to come back as a modem, then scans again. */
export const SWITCH_TIMEOUT_MS = 60_000

const IDLE_SWITCH: SwitchState = Object.freeze({ status: 'idle', error: null }) as SwitchState
const NO_PATHS: readonly string[] = Object.freeze([])

export const useDiscoveryStore = defineStore('discovery', () => {
  const client = useApiClient()

  /** discovery.state: loading until the first answer (and again after a reconnection until it comes). */
  const status = ref<LoadStatus>('idle')
  const error = ref<ContractErrorData | null>(null)
  /** The host's latest picture, from whichever came last: an answer or a discovery.changed event. */
  const state = ref<DiscoveryState | null>(null)
  const scanStatus = ref<ScanStatus>('idle')
  const scanError = ref<ContractErrorData | null>(null)
  /** Unit id → its last mode switch. */
  const switches = ref<Record<string, SwitchState>>({})
  /** The unit last switched successfully: it usually comes back under another id, so its own entry goes. */
  const lastSwitched = ref<{ name: string; at: number } | null>(null)

  let disposers: Array<() => void> = []
  /** Only the newest discovery.state answer may replace the picture. */
  let loadSeq = 0

  const items = computed<DiscoveryItem[]>(() => state.value?.items ?? [])
  /** Units the host does not drive and that cannot be used yet: each comes with what is wrong and the fix. */
  const needsAttention = computed(() => items.value.filter((item) => !item.managed && item.status !== 'ready'))
  /** A scan is under way: ours, or one the host started itself (start-up, hot-plug). */
  const scanning = computed(() => scanStatus.value === 'scanning' || state.value?.scanning === true)
  const usb = computed(() => state.value?.usb ?? null)
  const lanProbe = computed(() => state.value?.lanProbe ?? null)
  const lastScanAt = computed(() => state.value?.lastScanAt ?? null)

  function itemFor(id: string): DiscoveryItem | null {
    return items.value.find((item) => item.id === id) ?? null
  }

  /** How a unit (a managed device has the same id as its discovery item) is connected, one line per path. */
  function pathsOf(id: string): readonly string[] {
    return itemFor(id)?.paths ?? NO_PATHS
  }

  function switchStateOf(id: string): SwitchState {
    return switches.value[id] ?? IDLE_SWITCH
  }

  function apply(next: DiscoveryState): void {
    state.value = next
    // A unit that is gone cannot be switched; forget what is left of its switch (never one that runs).
    for (const id of Object.keys(switches.value)) {
      if (switches.value[id]?.status !== 'running' && !next.items.some((item) => item.id === id)) delete switches.value[id]
    }
  }

  /** Follows discovery.changed and reads the state now and after every (re)connection. */
  function start(): void {
    if (disposers.length > 0) return
    disposers = [
      client.on('discovery.changed', (next) => {
        apply(next)
        // An event is as good as an answer: the picture is current.
        if (status.value !== 'ready') {
          status.value = 'ready'
          error.value = null
        }
      }),
      client.onReady(() => void load())
    ]
    if (client.hello) void load()
    else status.value = 'loading'
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
      const next = await client.request('discovery.state', {})
      if (seq !== loadSeq) return
      apply(next)
      error.value = null
      status.value = 'ready'
    } catch (caught) {
      if (seq !== loadSeq) return
      const failure = asContractError(caught)
      // The link dropped: onReady reads the state again once it is back.
      if (failure.details?.['reason'] === 'host-link-lost') return
      error.value = failure.toData()
      status.value = 'error'
    }
  }

  /** The Scan button. A second press while any scan runs is refused. */
  async function scan(): Promise<boolean> {
    if (scanning.value) return false
    scanStatus.value = 'scanning'
    scanError.value = null
    lastSwitched.value = null
    try {
      const next = await client.request('discovery.scan', {}, { timeoutMs: SCAN_TIMEOUT_MS })
      // The answer is newer than any state read before it.
      loadSeq++
      apply(next)
      error.value = null
      status.value = 'ready'
      scanStatus.value = 'done'
      return true
    } catch (caught) {
      scanError.value = toErrorData(caught)
      scanStatus.value = 'error'
      return false
    }
  }

  /**
   * Sends the unit its documented mode-switch message (the caller has asked the user first). Only a unit
   * the host says it can switch; a second call while one runs for the same unit is refused.
   */
  async function switchMode(id: string): Promise<boolean> {
    const item = itemFor(id)
    if (!item?.canSwitch || switchStateOf(id).status === 'running') return false
    switches.value[id] = { status: 'running', error: null }
    try {
      const next = await client.request('discovery.switchMode', { id }, { timeoutMs: SWITCH_TIMEOUT_MS })
      loadSeq++
      switches.value[id] = { status: 'done', error: null }
      lastSwitched.value = { name: item.name, at: Date.now() }
      apply(next)
      return true
    } catch (caught) {
      switches.value[id] = { status: 'error', error: toErrorData(caught) }
      return false
    }
  }

  /** Forgets how a unit's last switch ended (its dialog was closed). Never touches a running switch. */
  function dismissSwitch(id: string): void {
    if (switches.value[id] && switches.value[id].status !== 'running') delete switches.value[id]
  }

  function dismissScanError(): void {
    if (scanStatus.value === 'error') {
      scanStatus.value = 'idle'
      scanError.value = null
    }
  }

  return {
    status,
    error,
    state,
    scanStatus,
    scanError,
    switches,
    lastSwitched,
    items,
    needsAttention,
    scanning,
    usb,
    lanProbe,
    lastScanAt,
    itemFor,
    pathsOf,
    switchStateOf,
    start,
    stop,
    load,
    scan,
    switchMode,
    dismissSwitch,
    dismissScanError
  }
})
