// Quality bands for radio readings: the typical LTE thresholds that router vendors publish for their
// users (e.g. Teltonika Networks wiki, "Mobile Signal Strength Recommendations"):
//   RSRP  ≥ -80 dBm excellent · -80…-90 good · -90…-100 fair (mid cell) · < -100 poor (cell edge)
//   RSRQ  ≥ -10 dB  excellent · -10…-15 good · -15…-20 fair            · < -20 poor
//   SINR  ≥ 20 dB   excellent · 13…20 good   · 0…13 fair               · < 0 poor
//   RSSI  ≥ -65 dBm excellent · -65…-75 good · -75…-85 fair            · < -85 poor
// A value on a boundary counts for the better band.
// They are rules of thumb for a user deciding whether to move the hotspot, not engineering limits.

export type Quality = 'excellent' | 'good' | 'fair' | 'poor'
export type SignalMetric = 'rssi' | 'rsrp' | 'rsrq' | 'sinr'

/** Lower bounds (inclusive) of excellent, good and fair; anything below the last is poor. */
const THRESHOLDS: Record<SignalMetric, readonly [number, number, number]> = {
  rsrp: [-80, -90, -100],
  rsrq: [-10, -15, -20],
  sinr: [20, 13, 0],
  rssi: [-65, -75, -85]
}

export function signalQuality(metric: SignalMetric, value: number): Quality {
  const [excellent, good, fair] = THRESHOLDS[metric]
  if (value >= excellent) return 'excellent'
  if (value >= good) return 'good'
  if (value >= fair) return 'fair'
  return 'poor'
}
