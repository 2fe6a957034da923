// The alignment store: the one-minute window, min/max hold and its reset, duplicate readings, and the tone pitch.
import type { Signal } from '@contract/model'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { tonePitch, TREND_WINDOW_MS, useAlignmentStore, valuesOf } from '@renderer/stores/alignment'

const T0 = Date.UTC(2026, 10, 22, 19, 0, 0)
const signal = (rsrp: number, sinr?: number, extra: Partial<Signal> = {}): Signal => ({
  bars: 3,
  rat: 'lte',
  rsrpDbm: rsrp,
  ...(sinr === undefined ? {} : { sinrDb: sinr }),
  ...extra
})

describe('alignment store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('holds the lowest and highest value of each metric', () => {
    const store = useAlignmentStore()
    store.record('d', signal(-95, 8, { rsrqDb: -11, rssiDbm: -70 }), T0)
    store.record('d', signal(-88, 12), T0 + 1000)
    store.record('d', signal(-103, 3), T0 + 2000)
    store.record('d', signal(-91, 10), T0 + 3000)
    const { hold } = store.stateOf('d')
    expect(hold.rsrp).toEqual({ min: -103, max: -88 })
    expect(hold.sinr).toEqual({ min: 3, max: 12 })
    // Metrics reported once keep their hold from that reading.
    expect(hold.rsrq).toEqual({ min: -11, max: -11 })
    expect(hold.rssi).toEqual({ min: -70, max: -70 })
  })

  it('reset starts the hold again from the latest reading, and new readings widen it from there', () => {
    const store = useAlignmentStore()
    store.record('d', signal(-80, 20), T0)
    store.record('d', signal(-110, -2), T0 + 1000)
    store.record('d', signal(-96, 9), T0 + 2000)
    store.resetHold('d')
    expect(store.stateOf('d').hold).toEqual({ rsrp: { min: -96, max: -96 }, sinr: { min: 9, max: 9 } })
    expect(store.stateOf('d').holdSince).toBe(T0 + 2000)
    store.record('d', signal(-93, 11), T0 + 3000)
    expect(store.stateOf('d').hold.rsrp).toEqual({ min: -96, max: -93 })
    // The trend keeps its samples; only the hold starts again.
    expect(store.stateOf('d').samples).toHaveLength(4)
  })

  it('keeps one minute of samples and counts a repeated reading once', () => {
    const store = useAlignmentStore()
    for (let s = 0; s <= 90; s++) store.record('d', signal(-90 - (s % 7)), T0 + s * 1000)
    store.record('d', signal(-50), T0 + 90_000) // same time again: ignored
    const { samples } = store.stateOf('d')
    expect(samples[0]?.at).toBe(T0 + 90_000 - TREND_WINDOW_MS)
    expect(samples.at(-1)?.values.rsrp).toBe(-90 - (90 % 7))
    expect(store.stateOf('d').hold.rsrp?.max).toBe(-90)
  })

  it('keeps devices apart and forgets one on request', () => {
    const store = useAlignmentStore()
    store.record('a', signal(-90), T0)
    store.record('b', signal(-100), T0)
    expect(store.stateOf('a').hold.rsrp?.min).toBe(-90)
    store.forget('a')
    expect(store.stateOf('a').samples).toEqual([])
    expect(store.stateOf('b').hold.rsrp?.min).toBe(-100)
  })

  it('ignores metrics the device does not report', () => {
    expect(valuesOf(signal(-90))).toEqual({ rsrp: -90 })
    expect(valuesOf({ bars: 0, rat: 'none' })).toEqual({})
  })

  it('raises the tone with RSRP and keeps it within the audible band it promises', () => {
    expect(tonePitch(-140)).toBe(220)
    expect(tonePitch(-44)).toBe(1320)
    expect(tonePitch(-200)).toBe(220)
    expect(tonePitch(-92)).toBeGreaterThan(tonePitch(-100))
  })

  it('has the tone off until asked', () => {
    const store = useAlignmentStore()
    expect(store.toneEnabled).toBe(false)
    store.setTone(true)
    expect(store.toneEnabled).toBe(true)
  })
})
