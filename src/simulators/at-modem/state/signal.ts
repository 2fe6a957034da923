// The radio the simulated modem "sees": one set of physical values (RSRP, RSRQ, SINR and the bandwidth
// they imply) from which every report is derived, so +CSQ, +CESQ, ^HCSQ, +QCSQ and +QENG always agree
// with each other. Values follow a seeded, bounded, mean-reverting random walk so readings move like a
// modem on a desk. Scales are the ones each report documents (sources at each function).
import { clamp, type Random } from './random'

export type Rat = 'LTE' | 'WCDMA' | 'GSM'

export interface RadioLevels {
  /** LTE reference signal received power, dBm. */
  rsrp: number
  /** LTE reference signal received quality, dB. */
  rsrq: number
  /** Signal to interference-plus-noise ratio, dB. */
  sinr: number
}

export interface RadioSnapshot extends RadioLevels {
  rat: Rat
  /** Wideband received power, dBm: LTE carrier RSSI, WCDMA RSSI, or GSM RxLev power. */
  rssi: number
  /** WCDMA only: received signal code power (dBm) and Ec/Io (dB). */
  rscp: number
  ecio: number
}

export interface SignalModelOptions {
  base: RadioLevels
  /** Resource blocks of the serving LTE carrier (100 for 20 MHz, 75 for 15 MHz, 50 for 10 MHz). */
  resourceBlocks: number
}

const BOUNDS = { rsrp: [-125, -70], rsrq: [-19, -4], sinr: [-8, 28] } as const

export class SignalModel {
  private levels: RadioLevels
  private base: RadioLevels
  private resourceBlocks: number

  constructor(
    private readonly random: Random,
    options: SignalModelOptions
  ) {
    this.base = { ...options.base }
    this.levels = { ...options.base }
    this.resourceBlocks = options.resourceBlocks
  }

  /** One step of the walk: a small random move pulled back toward the base level. */
  step(): void {
    const move = (key: keyof RadioLevels, spread: number) => {
      const pull = (this.base[key] - this.levels[key]) * 0.15
      const jitter = (this.random.next() * 2 - 1) * spread
      const [min, max] = BOUNDS[key]
      this.levels[key] = clamp(Math.round(this.levels[key] + pull + jitter), min, max)
    }
    move('rsrp', 2.4)
    move('rsrq', 1.2)
    move('sinr', 2.4)
  }

  /** Moves the base (and the current value) — e.g. a test that wants a weak signal. */
  set(levels: Partial<RadioLevels>, resourceBlocks?: number): void {
    this.base = { ...this.base, ...levels }
    this.levels = { ...this.levels, ...levels }
    if (resourceBlocks) this.resourceBlocks = resourceBlocks
  }

  snapshot(rat: Rat): RadioSnapshot {
    const { rsrp, rsrq, sinr } = this.levels
    // RSRQ = N·RSRP/RSSI (3GPP TS 36.214 §5.1.3) → RSSI = RSRP − RSRQ + 10·log10(N).
    const lteRssi = Math.round(rsrp - rsrq + 10 * Math.log10(this.resourceBlocks))
    if (rat === 'LTE') return { rat, rsrp, rsrq, sinr, rssi: lteRssi, rscp: 0, ecio: 0 }
    // 2G/3G after a RAT change: derive plausible levels from the same walk so they still move together.
    const rssi = clamp(rsrp + 26, -110, -45)
    const ecio = clamp(Math.round(rsrq * 0.8), -20, -2)
    return { rat, rsrp, rsrq, sinr, rssi, rscp: rssi + ecio, ecio }
  }
}

// ---- report scales -------------------------------------------------------------------------------------

/** +CSQ <rssi>: 0 ≤ −113 dBm, 2…30 = −109…−53 in 2 dB steps, 31 ≥ −51 (27.007 §8.5). */
export function csqRssi(rssiDbm: number): number {
  return clamp(Math.floor((rssiDbm + 113) / 2), 0, 31)
}

/**
 * +CESQ fields (27.007 §8.69): rxlev 0–63 (−110 dBm + n), rscp 0–96 (−120 + n), ecno 0–49 (−24 + n/2),
 * rsrq 0–34 (−19.5 + n/2), rsrp 0–97 (−140 + n); 99/255 = not known or not applicable.
 */
export function cesqFields(s: RadioSnapshot): [number, number, number, number, number, number] {
  if (s.rat === 'LTE') {
    return [99, 99, 255, 255, clamp(Math.floor((s.rsrq + 20) * 2), 0, 34), clamp(Math.floor(s.rsrp + 141), 0, 97)]
  }
  if (s.rat === 'WCDMA') {
    return [99, 99, clamp(Math.floor(s.rscp + 121), 0, 96), clamp(Math.floor((s.ecio + 24.5) * 2), 0, 49), 255, 255]
  }
  return [clamp(Math.floor(s.rssi + 111), 0, 63), 99, 255, 255, 255, 255]
}

/**
 * Huawei ^HCSQ values (reference device-protocols.md §4.5; ModemManager
 * src/plugins/huawei/mm-modem-helpers-huawei.c): rssi −121+v, rsrp −141+v, sinr −20.2+v/5, rsrq −20+v/2,
 * rscp −121+v, ecio −32.5+v/2.
 */
export function hcsqValues(s: RadioSnapshot): string {
  if (s.rat === 'LTE') {
    const rssi = clamp(s.rssi + 121, 0, 96)
    const rsrp = clamp(s.rsrp + 141, 0, 97)
    const sinr = clamp(Math.round((s.sinr + 20.2) * 5), 0, 251)
    const rsrq = clamp(Math.round((s.rsrq + 20) * 2), 0, 34)
    return `"LTE",${rssi},${rsrp},${sinr},${rsrq}`
  }
  if (s.rat === 'WCDMA') {
    return `"WCDMA",${clamp(s.rssi + 121, 0, 96)},${clamp(s.rscp + 121, 0, 96)},${clamp(Math.round((s.ecio + 32.5) * 2), 0, 65)}`
  }
  return `"GSM",${clamp(s.rssi + 121, 0, 96)}`
}

/** Quectel SINR in the 0–250 scale (1/5 dB steps from −20 dB) used by +QCSQ and EC2x +QENG. */
export function quectelSinrScaled(sinrDb: number): number {
  return clamp(Math.round((sinrDb + 20) * 5), 0, 250)
}
