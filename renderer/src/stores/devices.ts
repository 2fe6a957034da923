// Every hotspot the host knows, live. devices.subscribe gives the list and turns on device.changed
// events (added / updated / removed, with a fresh DeviceStatus when the change came from a poll).
// The selected device is sent as focusDeviceId so the host polls it fast and the rest slowly.
// Re-subscribes after every (re)connection, because a restarted host knows nothing of us.
import type { ContractErrorData } from '@contract/errors'
import type { PayloadOf } from '@contract/events'
import type { DeviceStatus, DeviceSummary } from '@contract/model'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { asContractError } from '@renderer/api/api-client'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData, type LoadStatus } from './status'

export type DemoAction = 'idle' | 'starting' | 'stopping'

export const useDevicesStore = defineStore('devices', () => {
  const client = useApiClient()

  /** The device list: loading until the first devices.subscribe answers. */
  const status = ref<LoadStatus>('idle')
  const error = ref<ContractErrorData | null>(null)
  const devices = ref<DeviceSummary[]>([])
  const selectedId = ref<string | null>(null)
  /** Latest reading per device id, from device.changed payloads or device.status. */
  const statuses = ref<Record<string, DeviceStatus>>({})
  /** The device.status fallback per device id (only set for devices it was asked for). */
  const readingStatus = ref<Record<string, LoadStatus>>({})
  const readingErrors = ref<Record<string, ContractErrorData>>({})
  const demoAction = ref<DemoAction>('idle')
  const demoError = ref<ContractErrorData | null>(null)

  let disposers: Array<() => void> = []
  /** Only the newest devices.subscribe answer may replace the list. */
  let subscribeSeq = 0

  const selectedDevice = computed(() => devices.value.find((device) => device.id === selectedId.value) ?? null)
  const selectedStatus = computed(() => (selectedId.value ? (statuses.value[selectedId.value] ?? null) : null))
  const demoDevice = computed(() => devices.value.find((device) => device.demo) ?? null)

  function start(): void {
    if (disposers.length > 0) return
    disposers = [client.on('device.changed', applyChange), client.onReady(() => void subscribe())]
    if (client.hello) void subscribe()
    else status.value = 'loading' // waiting for the host; onReady subscribes
  }

  function stop(): void {
    for (const dispose of disposers) dispose()
    disposers = []
    subscribeSeq++
    if (client.state === 'open') {
      // Best effort: when this fails the link is going away, and the host drops a closed client's
      // subscription and focus by itself.
      client.request('devices.unsubscribe', {}).catch(() => undefined)
    }
  }

  function reset(): void {
    stop()
    status.value = 'idle'
    error.value = null
    devices.value = []
    selectedId.value = null
    statuses.value = {}
    readingStatus.value = {}
    readingErrors.value = {}
    demoAction.value = 'idle'
    demoError.value = null
  }

  /** (Re)subscribes, telling the host which device is on screen. */
  async function subscribe(): Promise<void> {
    const seq = ++subscribeSeq
    const focus = selectedId.value
    if (status.value !== 'ready') status.value = 'loading'
    try {
      const result = await client.request('devices.subscribe', { focusDeviceId: focus })
      if (seq !== subscribeSeq) return
      devices.value = result.devices
      error.value = null
      status.value = 'ready'
      for (const id of Object.keys(statuses.value)) {
        if (!result.devices.some((device) => device.id === id)) forget(id)
      }
      reconcileSelection()
    } catch (caught) {
      if (seq !== subscribeSeq) return
      const failure = asContractError(caught)
      if (failure.details?.['reason'] === 'host-link-lost') {
        // Not a failure of the list: the link dropped, and onReady subscribes again once it is back.
        if (status.value !== 'ready') status.value = 'loading'
        return
      }
      if (failure.code === 'NOT_FOUND' && focus !== null) {
        // The focused device went away between our selection and the host's answer.
        selectedId.value = null
        void subscribe()
        return
      }
      error.value = failure.toData()
      status.value = 'error'
    }
  }

  /** Keeps a valid selection: the first device when nothing (or a vanished device) is selected. */
  function reconcileSelection(): void {
    const current = selectedId.value
    if (current !== null && devices.value.some((device) => device.id === current)) return
    const next = devices.value[0]?.id ?? null
    if (next === current) return
    selectedId.value = next
    // Tell the host about the new focus (or that nothing is on screen any more).
    void subscribe()
    if (next !== null) ensureReading(next)
  }

  /** Shows a device: the host polls it fast from now on. */
  function select(id: string | null): void {
    if (id === selectedId.value) return
    selectedId.value = id
    void subscribe()
    if (id !== null) ensureReading(id)
  }

  /** The device.status fallback when no event has brought a reading yet. */
  function ensureReading(id: string): void {
    if (statuses.value[id] || readingStatus.value[id] === 'loading') return
    void refreshStatus(id)
  }

  async function refreshStatus(id: string): Promise<void> {
    readingStatus.value[id] = 'loading'
    try {
      const reading = await client.request('device.status', { deviceId: id })
      if (!devices.value.some((device) => device.id === id)) return
      statuses.value[id] = reading
      readingStatus.value[id] = 'ready'
      delete readingErrors.value[id]
    } catch (caught) {
      if (!devices.value.some((device) => device.id === id)) return
      readingErrors.value[id] = toErrorData(caught)
      readingStatus.value[id] = 'error'
    }
  }

  function applyChange(change: PayloadOf<'device.changed'>): void {
    const { device } = change
    if (change.kind === 'removed') {
      devices.value = devices.value.filter((known) => known.id !== device.id)
      forget(device.id)
      reconcileSelection()
      return
    }
    const index = devices.value.findIndex((known) => known.id === device.id)
    if (index >= 0) devices.value[index] = device
    else devices.value.push(device)
    if (change.status) {
      statuses.value[device.id] = change.status
      readingStatus.value[device.id] = 'ready'
      delete readingErrors.value[device.id]
    }
    // A device added while the list is empty (first plug-in, or the demo) is shown straight away.
    if (change.kind === 'added') reconcileSelection()
  }

  /** A summary an operation answered with (login, release, resume): newer than the last event. */
  function updateSummary(device: DeviceSummary): void {
    const index = devices.value.findIndex((known) => known.id === device.id)
    if (index >= 0) devices.value[index] = device
  }

  function forget(id: string): void {
    delete statuses.value[id]
    delete readingStatus.value[id]
    delete readingErrors.value[id]
  }

  async function startDemo(): Promise<void> {
    if (demoAction.value !== 'idle') return
    demoAction.value = 'starting'
    demoError.value = null
    try {
      const { deviceId } = await client.request('demo.start', {})
      // The host has already announced the device (device.changed 'added'); show it and focus it.
      select(deviceId)
    } catch (caught) {
      demoError.value = toErrorData(caught)
    } finally {
      demoAction.value = 'idle'
    }
  }

  async function stopDemo(): Promise<void> {
    if (demoAction.value !== 'idle') return
    demoAction.value = 'stopping'
    demoError.value = null
    try {
      await client.request('demo.stop', {})
    } catch (caught) {
      demoError.value = toErrorData(caught)
    } finally {
      demoAction.value = 'idle'
    }
  }

  return {
    status,
    error,
    devices,
    selectedId,
    statuses,
    readingStatus,
    readingErrors,
    demoAction,
    demoError,
    selectedDevice,
    selectedStatus,
    demoDevice,
    start,
    stop,
    reset,
    subscribe,
    select,
    refreshStatus,
    updateSummary,
    startDemo,
    stopDemo
  }
})
