// Antenna alignment per device: the last minute of RSRP, SINR, RSRQ and RSSI for the trend lines, the
// lowest and highest value of each since the last reset (min/max hold), and whether the tone is on. Fed
// with the readings the host pushes (device.changed) for the device on screen, which it polls every second.
// The tone itself lives in the component (WebAudio is a browser side effect); the store only says what pitch.
import type { Signal } from '@contract/model'
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const ALIGNMENT_METRICS = ['rsrp', 'sinr', 'rsrq', 'rssi'] as const
export type AlignmentMetric = (typeof ALIGNMENT_METRICS)[number]

/** How much history the trend lines show. */
export const TREND_WINDOW_MS = 60_000

/** The widest range each metric is drawn in (reported limits, TS 36.133 §9.1); the trend zooms within it. */
export const METRIC_RANGE: Record<AlignmentMetric, readonly [number, number]> = {
  rsrp: [-140, -44],
  sinr: [-20, 30],
  rsrq: [-20, -3],
  rssi: [-110, -25]
}

export interface AlignmentSample {
  at: number
  values: Partial<Record<AlignmentMetric, number>>
}

export interface Hold {
  min: number
  max: number
}

export interface DeviceAlignment {
  samples: AlignmentSample[]
  hold: Partial<Record<AlignmentMetric, Hold>>
  /** When the hold was last reset (or first filled). */
  holdSince: number | null
  lastAt: number | null
}

const FIELD: Record<AlignmentMetric, keyof Signal> = { rsrp: 'rsrpDbm', sinr: 'sinrDb', rsrq: 'rsrqDb', rssi: 'rssiDbm' }

export function valuesOf(signal: Signal): Partial<Record<AlignmentMetric, number>> {
  const values: Partial<Record<AlignmentMetric, number>> = {}
  for (const metric of ALIGNMENT_METRICS) {
    const value = signal[FIELD[metric]]
    if (typeof value === 'number' && Number.isFinite(value)) values[metric] = value
  }
  return values
}

/** The tone's pitch for an RSRP: -140 dBm → 220 Hz up to -44 dBm → 1320 Hz, linear (higher = better). */
export function tonePitch(rsrpDbm: number): number {
  const [low, high] = METRIC_RANGE.rsrp
  const share = Math.min(1, Math.max(0, (rsrpDbm - low) / (high - low)))
  return Math.round(220 + share * 1100)
}

const EMPTY: Readonly<DeviceAlignment> = Object.freeze({ samples: [], hold: {}, holdSince: null, lastAt: null })

export const useAlignmentStore = defineStore('alignment', () => {
  const byDevice = ref<Record<string, DeviceAlignment>>({})
  /** Off by default: a tone that starts by itself is a surprise in an office. */
  const toneEnabled = ref(false)

  function stateOf(deviceId: string): Readonly<DeviceAlignment> {
    return byDevice.value[deviceId] ?? EMPTY
  }

  function ensure(deviceId: string): DeviceAlignment {
    byDevice.value[deviceId] ??= { samples: [], hold: {}, holdSince: null, lastAt: null }
    return byDevice.value[deviceId]
  }

  /** One reading. The same reading twice (same time) counts once; the window drops what is older than a minute. */
  function record(deviceId: string, signal: Signal, at: number): void {
    const state = ensure(deviceId)
    if (state.lastAt !== null && at <= state.lastAt) return
    state.lastAt = at
    const values = valuesOf(signal)
    state.samples.push({ at, values })
    const cutoff = at - TREND_WINDOW_MS
    while ((state.samples[0]?.at ?? at) < cutoff) state.samples.shift()
    for (const metric of ALIGNMENT_METRICS) {
      const value = values[metric]
      if (value === undefined) continue
      const hold = state.hold[metric]
      state.hold[metric] = hold ? { min: Math.min(hold.min, value), max: Math.max(hold.max, value) } : { min: value, max: value }
    }
    state.holdSince ??= at
  }

  /** Starts the min/max hold again from the latest reading. */
  function resetHold(deviceId: string): void {
    const state = ensure(deviceId)
    const latest = state.samples.at(-1)
    state.hold = {}
    state.holdSince = latest?.at ?? null
    if (!latest) return
    for (const metric of ALIGNMENT_METRICS) {
      const value = latest.values[metric]
      if (value !== undefined) state.hold[metric] = { min: value, max: value }
    }
  }

  function latest(deviceId: string): AlignmentSample | null {
    return stateOf(deviceId).samples.at(-1) ?? null
  }

  function setTone(enabled: boolean): void {
    toneEnabled.value = enabled
  }

  function forget(deviceId: string): void {
    delete byDevice.value[deviceId]
  }

  return { byDevice, toneEnabled, stateOf, record, resetHold, latest, setTone, forget }
})
