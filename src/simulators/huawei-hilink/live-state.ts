// The live radio and traffic of a simulated device. Time comes from an injectable clock; state advances in
// one-second steps when someone looks, so readings change between polls and a test can fast-forward. Signal
// levels follow a bounded, mean-reverting random walk; traffic counters integrate walking rates while the data
// session is up. Bounds are typical field values, not vendor limits.
import { clamp, gaussian, type Random } from './prng'

export type RadioKind = 'lte' | 'umts'

/** One-second steps simulated individually after a gap; longer gaps fast-forward counters at current rates. */
const MAX_WALK_STEPS = 900

export interface LiveStateOptions {
  random: Random
  now: () => number
  radio: RadioKind
  /** Monthly plan limit in bytes (for exhaustDataPlan) and the billing cycle's first day. */
  planLimitBytes: number
  billingDay: number
}

/** 'data-down': radio fine, but the modem's data session is not up (switched off, connecting, failed). */
export type LinkState = 'connected' | 'no-signal' | 'plan-exhausted' | 'data-down'

export class LiveState {
  // radio
  rsrp = -92
  rsrq = -10
  sinr = 12
  rscp = -84
  ecio = -7
  rssi = -67
  readonly cellId: string
  readonly pci: number
  readonly scramblingCode: number

  // traffic, bytes and seconds
  downRate = 0
  upRate = 0
  sessionUp = 0
  sessionDown = 0
  sessionSeconds = 0
  totalUp: number
  totalDown: number
  totalSeconds: number
  monthUp: number
  monthDown: number
  monthSeconds: number
  dayUsed: number
  daySeconds: number
  monthLastClear: string

  private signalLost = false
  private planExhausted = false
  private dataDown = false
  private lastTick: number
  private cycleKey: string
  private dayKey: string
  private readonly random: Random
  private readonly now: () => number
  private readonly baseline: { rsrp: number; rsrq: number; sinr: number; rscp: number; ecio: number; down: number; up: number }

  constructor(private readonly options: LiveStateOptions) {
    this.random = options.random
    this.now = options.now
    const r = this.random
    this.baseline = {
      rsrp: -100 + r() * 16,
      rsrq: -12 + r() * 4,
      sinr: 6 + r() * 12,
      rscp: -92 + r() * 14,
      ecio: -9 + r() * 4,
      down: 150_000 + r() * 900_000,
      up: 30_000 + r() * 150_000
    }
    this.rsrp = this.baseline.rsrp
    this.rsrq = this.baseline.rsrq
    this.sinr = this.baseline.sinr
    this.rscp = this.baseline.rscp
    this.ecio = this.baseline.ecio
    this.updateRssi()
    this.downRate = this.baseline.down
    this.upRate = this.baseline.up
    const eNodeB = 100_000 + Math.floor(r() * 900_000)
    this.cellId = String(eNodeB * 256 + 1 + Math.floor(r() * 3))
    this.pci = Math.floor(r() * 504)
    this.scramblingCode = Math.floor(r() * 512)

    const at = this.now()
    this.lastTick = Math.floor(at / 1000)
    this.cycleKey = cycleStart(at, options.billingDay)
    this.dayKey = dayOf(at)
    this.monthLastClear = this.cycleKey
    // Part-way into the cycle: a used-looking month, and device lifetime totals above it.
    const cycleFraction = clamp((at - Date.parse(this.cycleKey)) / (30 * 86_400_000), 0.05, 1)
    const monthTotal = Math.round(options.planLimitBytes * (0.15 + 0.35 * r()) * cycleFraction)
    this.monthDown = Math.round(monthTotal * 0.88)
    this.monthUp = monthTotal - this.monthDown
    this.monthSeconds = Math.round(cycleFraction * 30 * 86_400 * 0.6)
    this.dayUsed = Math.round(monthTotal / 20)
    this.daySeconds = 3_600 + Math.floor(r() * 7_200)
    // The data session has been up for a while when the device is first looked at.
    this.sessionSeconds = 1_200 + Math.floor(r() * 4_200)
    this.sessionDown = Math.min(this.monthDown, Math.round(this.sessionSeconds * this.baseline.down * 0.3))
    this.sessionUp = Math.min(this.monthUp, Math.round(this.sessionSeconds * this.baseline.up * 0.3))
    this.totalDown = this.monthDown * 6 + Math.floor(r() * 1e9)
    this.totalUp = this.monthUp * 6 + Math.floor(r() * 2e8)
    this.totalSeconds = this.monthSeconds * 5
  }

  get link(): LinkState {
    if (this.signalLost) return 'no-signal'
    if (this.planExhausted) return 'plan-exhausted'
    if (this.dataDown) return 'data-down'
    return 'connected'
  }

  get signalIsLost(): boolean {
    return this.signalLost
  }

  get planIsExhausted(): boolean {
    return this.planExhausted
  }

  /** The data connection (data-connection.ts) says whether its session is up; a session that ends resets Current*. */
  setDataUp(up: boolean): void {
    if (this.dataDown === !up) return
    this.advance()
    this.dataDown = !up
    if (!up) this.endDataSession()
  }

  /**
   * monitoring/clear-traffic: the statistics page's counters start over — lifetime totals and this month's
   * usage (MonthLastClearTime becomes today). The live session's Current* counters are the connection's own
   * and keep running [U: which counters real firmware clears is not documented].
   */
  clearStatistics(): void {
    this.advance()
    this.totalUp = 0
    this.totalDown = 0
    this.totalSeconds = 0
    this.monthUp = 0
    this.monthDown = 0
    this.monthSeconds = 0
    this.dayUsed = 0
    this.daySeconds = 0
    this.monthLastClear = dayOf(this.now())
  }

  /** A reboot: the data session and its Current* counters end; totals and month statistics are kept in flash. */
  restartSession(): void {
    this.advance()
    this.endDataSession()
  }

  get radio(): RadioKind {
    return this.options.radio
  }

  setSignalLost(lost: boolean): void {
    this.advance()
    if (this.signalLost === lost) return
    this.signalLost = lost
    if (lost) this.endDataSession()
  }

  /** The plan's data is used up; month counters are raised to the limit (the current one, if it was changed). */
  exhaustPlan(limitBytes: number = this.options.planLimitBytes): void {
    this.advance()
    this.planExhausted = true
    const used = this.monthUp + this.monthDown
    if (used < limitBytes) this.monthDown += limitBytes - used
    this.endDataSession()
  }

  restorePlan(): void {
    this.advance()
    this.planExhausted = false
  }

  /** Bring the state up to the clock. Cheap when called often. */
  advance(): void {
    const at = this.now()
    const second = Math.floor(at / 1000)
    const steps = second - this.lastTick
    if (steps <= 0) return
    this.lastTick = second
    const walked = Math.min(steps, MAX_WALK_STEPS)
    for (let i = 0; i < walked; i++) this.step()
    const skipped = steps - walked
    if (skipped > 0 && this.link === 'connected') this.carry(skipped, this.downRate, this.upRate)
    this.rollOver(at)
  }

  /** SignalIcon 0–5. LTE by RSRP, UMTS by RSCP; thresholds are typical UI buckets [U]. */
  signalIcon(): number {
    if (this.signalLost) return 0
    const level = this.options.radio === 'lte' ? this.rsrp : this.rscp
    const steps = this.options.radio === 'lte' ? [-85, -95, -105, -115, -120] : [-75, -85, -95, -105, -112]
    const index = steps.findIndex((threshold) => level >= threshold)
    return index < 0 ? 0 : 5 - index
  }

  private step(): void {
    const r = this.random
    const b = this.baseline
    if (!this.signalLost) {
      this.rsrp = clamp(this.rsrp + 0.9 * gaussian(r) + 0.04 * (b.rsrp - this.rsrp), -124, -72)
      this.rsrq = clamp(this.rsrq + 0.35 * gaussian(r) + 0.06 * (b.rsrq - this.rsrq), -19.5, -3)
      this.sinr = clamp(this.sinr + 0.7 * gaussian(r) + 0.05 * (b.sinr - this.sinr), -5, 30)
      this.rscp = clamp(this.rscp + 0.9 * gaussian(r) + 0.04 * (b.rscp - this.rscp), -115, -55)
      this.ecio = clamp(this.ecio + 0.3 * gaussian(r) + 0.06 * (b.ecio - this.ecio), -20, -2)
      this.updateRssi()
    }
    if (this.link !== 'connected') {
      this.downRate = 0
      this.upRate = 0
      return
    }
    // Rates walk in log space around a baseline scaled by radio quality.
    const quality = this.options.radio === 'lte' ? clamp((this.sinr + 5) / 25, 0.1, 1.4) : clamp((this.ecio + 20) / 14, 0.1, 1.2)
    this.downRate = walkRate(this.downRate || b.down, b.down * quality, 500, 6_000_000, r)
    this.upRate = walkRate(this.upRate || b.up, b.up * quality, 200, 1_500_000, r)
    this.carry(1, this.downRate, this.upRate)
  }

  private carry(seconds: number, down: number, up: number): void {
    const d = Math.round(down * seconds)
    const u = Math.round(up * seconds)
    this.sessionDown += d
    this.sessionUp += u
    this.sessionSeconds += seconds
    this.totalDown += d
    this.totalUp += u
    this.totalSeconds += seconds
    this.monthDown += d
    this.monthUp += u
    this.monthSeconds += seconds
    this.dayUsed += d + u
    this.daySeconds += seconds
  }

  private updateRssi(): void {
    // RSSI sits ~25–30 dB above RSRP on a 10–20 MHz LTE carrier; on UMTS RSSI = RSCP − Ec/Io.
    const raw = this.options.radio === 'lte' ? this.rsrp + 27 : this.rscp - this.ecio
    this.rssi = clamp(raw, -113, -45)
  }

  private endDataSession(): void {
    this.downRate = 0
    this.upRate = 0
    // The next session starts its own counters (traffic-statistics Current* belong to one connection).
    this.sessionDown = 0
    this.sessionUp = 0
    this.sessionSeconds = 0
  }

  private rollOver(at: number): void {
    const cycle = cycleStart(at, this.options.billingDay)
    if (cycle !== this.cycleKey) {
      this.cycleKey = cycle
      this.monthLastClear = cycle
      this.monthDown = 0
      this.monthUp = 0
      this.monthSeconds = 0
      this.planExhausted = false
    }
    const day = dayOf(at)
    if (day !== this.dayKey) {
      this.dayKey = day
      this.dayUsed = 0
      this.daySeconds = 0
    }
  }
}

function walkRate(current: number, target: number, min: number, max: number, random: Random): number {
  const logged = Math.log(current) + 0.25 * gaussian(random) + 0.05 * (Math.log(Math.max(target, min)) - Math.log(current))
  return clamp(Math.exp(logged), min, max)
}

/** The current billing cycle's first day as YYYY-MM-DD (UTC), clamping day 29–31 to short months. */
export function cycleStart(at: number, billingDay: number): string {
  const date = new Date(at)
  let year = date.getUTCFullYear()
  let month = date.getUTCMonth()
  const dayThisMonth = Math.min(billingDay, daysIn(year, month))
  if (date.getUTCDate() < dayThisMonth) {
    month -= 1
    if (month < 0) {
      month = 11
      year -= 1
    }
  }
  const day = Math.min(billingDay, daysIn(year, month))
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
}

function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10)
}
