// Signal history per device for the History section: the range on screen, the downsampled series
// (history.query) and the CSV export (history.export). Zoom and pan only change the range and ask again.
import type { ContractErrorData } from '@contract/errors'
import type { HistorySeries } from '@contract/model'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData, type LoadStatus } from './status'

export const HISTORY_RANGES = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const
export type HistoryRangeKey = keyof typeof HISTORY_RANGES
/** Charted metrics: the ones that say most about the radio link. */
export const CHART_METRICS = ['rsrp', 'sinr'] as const
/** Narrower than this and a chart has nothing left to show. */
export const MIN_SPAN_MS = 60_000
const CHART_BUCKETS = 400

export interface DeviceHistoryState {
  status: LoadStatus
  from: number
  to: number
  series: HistorySeries | null
  error: ContractErrorData | null
}

export interface SeriesPoint {
  t: number
  min: number
  max: number
  avg: number
}

/** One metric's points from a series (buckets with no value for it are left out). */
export function metricPoints(series: HistorySeries, metric: string): SeriesPoint[] {
  const col = (name: string) => series.columns.indexOf(name)
  const [ti, mi, xi, ai] = [col('t'), col(`${metric}.min`), col(`${metric}.max`), col(`${metric}.avg`)]
  if (ti < 0 || ai < 0) return []
  const points: SeriesPoint[] = []
  for (const row of series.rows) {
    const [t, min, max, avg] = [row[ti], row[mi], row[xi], row[ai]]
    if (typeof t !== 'number' || typeof avg !== 'number') continue
    points.push({ t, avg, min: typeof min === 'number' ? min : avg, max: typeof max === 'number' ? max : avg })
  }
  return points
}

export const useHistoryStore = defineStore('history', () => {
  const client = useApiClient()
  const byDevice = ref<Record<string, DeviceHistoryState>>({})
  const seq = new Map<string, number>()

  function stateOf(deviceId: string): Readonly<DeviceHistoryState> | null {
    return byDevice.value[deviceId] ?? null
  }

  async function load(deviceId: string, from: number, to: number): Promise<void> {
    const span = Math.max(MIN_SPAN_MS, Math.round(to - from))
    const mid = (from + to) / 2
    const range = { from: Math.max(0, Math.round(mid - span / 2)), to: Math.round(mid + span / 2) }
    if (!byDevice.value[deviceId]) byDevice.value[deviceId] = { status: 'idle', ...range, series: null, error: null }
    // Through the reactive map, so every change below reaches the screen.
    const state = byDevice.value[deviceId]
    const mine = (seq.get(deviceId) ?? 0) + 1
    seq.set(deviceId, mine)
    Object.assign(state, range, { status: 'loading', error: null })
    try {
      const series = await client.request('history.query', { deviceId, metrics: [...CHART_METRICS], ...range, buckets: CHART_BUCKETS })
      if (seq.get(deviceId) !== mine) return
      state.series = series
      state.status = 'ready'
    } catch (caught) {
      if (seq.get(deviceId) !== mine) return
      state.series = null
      state.error = toErrorData(caught)
      state.status = 'error'
    }
  }

  /** The last `span` ms up to now. */
  function showRecent(deviceId: string, span: number): Promise<void> {
    const now = Date.now()
    return load(deviceId, now - span, now)
  }

  /** factor < 1 zooms in around the middle, > 1 out. */
  function zoom(deviceId: string, factor: number): Promise<void> {
    const state = byDevice.value[deviceId]
    if (!state) return Promise.resolve()
    const mid = (state.from + state.to) / 2
    const half = ((state.to - state.from) * factor) / 2
    return load(deviceId, mid - half, mid + half)
  }

  /** Moves by a fraction of the span (negative: earlier). */
  function pan(deviceId: string, fraction: number): Promise<void> {
    const state = byDevice.value[deviceId]
    if (!state) return Promise.resolve()
    const shift = (state.to - state.from) * fraction
    return load(deviceId, state.from + shift, state.to + shift)
  }

  async function exportCsv(deviceId: string): Promise<{ filename: string; csv: string; rows: number }> {
    const state = byDevice.value[deviceId]
    if (!state) throw new Error('no range')
    return client.request('history.export', { deviceId, from: state.from, to: state.to })
  }

  return { byDevice, stateOf, load, showRecent, zoom, pan, exportCsv }
})
