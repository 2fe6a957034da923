// The station's inventory: every unit it has prepared or seen, searchable and filtered by rental status.
// A unit's Wi-Fi key is never in the list; it is fetched on request (inventory.revealKey) and forgotten
// again after KEY_VISIBLE_MS, so a key does not stay on a shop counter's screen. Exports and labels come
// back from the host as files (RenderedFile) for the screen to download.
import type { ContractErrorData } from '@contract/errors'
import type { InventoryUnit, RenderedFile, RentalStatus } from '@contract/shop'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData, type LoadStatus } from './status'

/** How long a revealed key stays on screen. */
export const KEY_VISIBLE_MS = 30_000
/** Label sheets for hundreds of units take the host a while to draw. */
export const RENDER_TIMEOUT_MS = 120_000

export interface RevealedKey {
  status: LoadStatus
  key: string | null
  /** When it hides again (epoch ms). */
  hidesAt: number
  error: ContractErrorData | null
}

export type FileAction = 'idle' | 'busy' | 'error'

export const useInventoryStore = defineStore('inventory', () => {
  const client = useApiClient()
  const status = ref<LoadStatus>('idle')
  const error = ref<ContractErrorData | null>(null)
  const units = ref<InventoryUnit[]>([])
  const search = ref('')
  const statusFilter = ref<RentalStatus | ''>('')
  const selected = ref<string[]>([])
  const revealed = ref<Record<string, RevealedKey>>({})
  /** Per unit: a status change in flight or its failure. */
  const statusChange = ref<Record<string, { status: LoadStatus; error: ContractErrorData | null }>>({})
  const fileAction = ref<FileAction>('idle')
  const fileError = ref<ContractErrorData | null>(null)
  const hideTimers = new Map<string, ReturnType<typeof setTimeout>>()
  let loadSeq = 0

  const selectedUnits = computed(() => units.value.filter((unit) => selected.value.includes(unit.unitKey)))

  async function load(): Promise<void> {
    const seq = ++loadSeq
    if (status.value !== 'ready') status.value = 'loading'
    const query = search.value.trim()
    try {
      const result = await client.request('inventory.list', {
        ...(query === '' ? {} : { search: query }),
        ...(statusFilter.value === '' ? {} : { status: statusFilter.value })
      })
      if (seq !== loadSeq) return
      units.value = result.units
      // Selection survives a new search only for units still listed.
      selected.value = selected.value.filter((key) => result.units.some((unit) => unit.unitKey === key))
      error.value = null
      status.value = 'ready'
    } catch (caught) {
      if (seq !== loadSeq) return
      error.value = toErrorData(caught)
      status.value = 'error'
    }
  }

  function setSearch(text: string): void {
    search.value = text
    void load()
  }

  function setStatusFilter(value: RentalStatus | ''): void {
    statusFilter.value = value
    void load()
  }

  function toggleSelected(unitKey: string, on: boolean): void {
    selected.value = on ? [...new Set([...selected.value, unitKey])] : selected.value.filter((key) => key !== unitKey)
  }

  function selectAll(on: boolean): void {
    selected.value = on ? units.value.map((unit) => unit.unitKey) : []
  }

  async function revealKey(unitKey: string): Promise<void> {
    hideKey(unitKey)
    revealed.value[unitKey] = { status: 'loading', key: null, hidesAt: 0, error: null }
    try {
      const { key } = await client.request('inventory.revealKey', { unitKey })
      if (revealed.value[unitKey]?.status !== 'loading') return // hidden meanwhile
      revealed.value[unitKey] = { status: 'ready', key, hidesAt: Date.now() + KEY_VISIBLE_MS, error: null }
      hideTimers.set(
        unitKey,
        setTimeout(() => hideKey(unitKey), KEY_VISIBLE_MS)
      )
    } catch (caught) {
      if (revealed.value[unitKey]?.status !== 'loading') return
      revealed.value[unitKey] = { status: 'error', key: null, hidesAt: 0, error: toErrorData(caught) }
    }
  }

  function hideKey(unitKey: string): void {
    clearTimeout(hideTimers.get(unitKey))
    hideTimers.delete(unitKey)
    delete revealed.value[unitKey]
  }

  async function setStatus(unitKey: string, next: RentalStatus, note?: string): Promise<boolean> {
    statusChange.value[unitKey] = { status: 'loading', error: null }
    try {
      const updated = await client.request('inventory.setStatus', { unitKey, status: next, ...(note ? { note } : {}) })
      const index = units.value.findIndex((unit) => unit.unitKey === unitKey)
      // Under a status filter, a unit that no longer matches leaves the list.
      if (statusFilter.value !== '' && updated.status !== statusFilter.value) units.value = units.value.filter((unit) => unit.unitKey !== unitKey)
      else if (index >= 0) units.value[index] = updated
      delete statusChange.value[unitKey]
      return true
    } catch (caught) {
      statusChange.value[unitKey] = { status: 'error', error: toErrorData(caught) }
      return false
    }
  }

  async function fileFrom(call: () => Promise<RenderedFile>): Promise<RenderedFile | null> {
    if (fileAction.value === 'busy') return null
    fileAction.value = 'busy'
    fileError.value = null
    try {
      const file = await call()
      fileAction.value = 'idle'
      return file
    } catch (caught) {
      fileError.value = toErrorData(caught)
      fileAction.value = 'error'
      return null
    }
  }

  function exportInventory(format: 'csv' | 'json', includeKeys = false): Promise<RenderedFile | null> {
    return fileFrom(() => client.request('inventory.export', { format, includeKeys }, { timeoutMs: RENDER_TIMEOUT_MS }))
  }

  function renderLabels(format: 'pdf' | 'png', layout: 'label' | 'card'): Promise<RenderedFile | null> {
    const unitKeys = [...selected.value]
    if (unitKeys.length === 0) return Promise.resolve(null)
    return fileFrom(() => client.request('labels.render', { unitKeys, format, layout }, { timeoutMs: RENDER_TIMEOUT_MS }))
  }

  /** Leaving the screen hides every key at once. */
  function stop(): void {
    for (const unitKey of [...hideTimers.keys()]) hideKey(unitKey)
    revealed.value = {}
    loadSeq++
  }

  return {
    status,
    error,
    units,
    search,
    statusFilter,
    selected,
    selectedUnits,
    revealed,
    statusChange,
    fileAction,
    fileError,
    load,
    setSearch,
    setStatusFilter,
    toggleSelected,
    selectAll,
    revealKey,
    hideKey,
    setStatus,
    exportInventory,
    renderLabels,
    stop
  }
})
