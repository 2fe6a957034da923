// The live radio, data session and traffic of a simulated Netgear hotspot. Time comes from an injectable clock;
// the state advances in one-second steps when someone looks, so readings change between polls and a test can
// fast-forward. Signal levels follow a bounded, mean-reverting random walk (seeded); traffic counters integrate
// walking rates while the data session is up. The data session is a small state machine driven by what the
// web UI can ask (wwan.connect, reboot) and by the network: it only comes up when the default profile's APN is one
// the network accepts and the plan has data left, which is what makes a wrong APN visible (connection stays down).
import { clamp, cycleStart, gaussian, type Random } from './support'

export type WwanConnection = 'Connected' | 'Connecting' | 'Disconnected' | 'Disconnecting'

export interface NetgearLiveOptions {
  random: Random
  now: () => number
  billingDay: number
  planLimitBytes: number
  /** How long "Connecting" lasts before the session is up (or fails). */
  connectDelayMs: number
  /** After a failed attempt, the device tries again this much later while data is wanted. */
  retryMs: number
  /** Whether the network accepts the APN of the current default profile. */
  apnAccepted: () => boolean
}

/** One-second steps simulated individually after a gap; longer gaps fast-forward counters at current rates. */
const MAX_WALK_STEPS = 900
/** T-Mobile US LTE bands an MR1100 supports (B2, B4, B12, B66, B71 — a plausible pick, [U] for the SKU). */
const BANDS = ['LTE B2', 'LTE B4', 'LTE B12', 'LTE B66']

export class NetgearLiveState {
  rsrp: number
  rsrq: number
  sinr: number
  rssi = -65
  readonly cellId: number
  readonly pci: number
  readonly tac: number
  readonly band: string
  readonly earfcn: number

  downRate = 0
  upRate = 0
  sessionRx = 0
  sessionTx = 0
  billingRx: number
  billingTx: number
  lifeRx: number
  lifeTx: number
  connection: WwanConnection = 'Connected'
  sessionStartedAt: number
  /** When the current billing cycle began (ms), for lastReset / nextBillingDate. */
  cycleStartedAt: number
  bootedAt: number
  ipv4 = '0.0.0.0'
  ipv6 = ''
  /** Attempts that failed since data was last asked for (the web UI shows "Disconnected"). */
  failedAttempts = 0

  private dataWanted = true
  private signalLost = false
  private planExhausted = false
  private connectAt: number | undefined
  private retryAt: number | undefined
  private lastTick: number
  private cycleKey: string
  private readonly random: Random
  private readonly now: () => number
  private readonly baseline: { rsrp: number; rsrq: number; sinr: number; down: number; up: number }

  constructor(private readonly options: NetgearLiveOptions) {
    this.random = options.random
    this.now = options.now
    const r = this.random
    this.baseline = {
      rsrp: -102 + r() * 18,
      rsrq: -13 + r() * 5,
      sinr: 4 + r() * 14,
      down: 200_000 + r() * 1_200_000,
      up: 40_000 + r() * 200_000
    }
    this.rsrp = this.baseline.rsrp
    this.rsrq = this.baseline.rsrq
    this.sinr = this.baseline.sinr
    this.updateRssi()
    this.downRate = this.baseline.down
    this.upRate = this.baseline.up
    const eNodeB = 100_000 + Math.floor(r() * 900_000)
    this.cellId = eNodeB * 256 + 1 + Math.floor(r() * 3)
    this.pci = Math.floor(r() * 504)
    this.tac = 10_000 + Math.floor(r() * 50_000)
    this.band = BANDS[Math.floor(r() * BANDS.length)] ?? 'LTE B2'
    this.earfcn = this.band === 'LTE B66' ? 66_486 : this.band === 'LTE B12' ? 5_110 : this.band === 'LTE B4' ? 2_175 : 900

    const at = this.now()
    this.lastTick = Math.floor(at / 1000)
    this.cycleKey = cycleStart(at, options.billingDay)
    this.cycleStartedAt = Date.parse(this.cycleKey)
    this.bootedAt = at - (3_600_000 + Math.floor(r() * 20 * 3_600_000))
    // Part-way into the cycle: a used-looking month, and lifetime totals above it.
    const cycleFraction = clamp((at - this.cycleStartedAt) / (30 * 86_400_000), 0.05, 1)
    const monthTotal = Math.round(options.planLimitBytes * (0.15 + 0.3 * r()) * cycleFraction)
    this.billingRx = Math.round(monthTotal * 0.9)
    this.billingTx = monthTotal - this.billingRx
    this.lifeRx = this.billingRx * 5 + Math.floor(r() * 2e9)
    this.lifeTx = this.billingTx * 5 + Math.floor(r() * 3e8)
    // The data session has been up for a while when the device is first looked at.
    this.sessionStartedAt = at - (900_000 + Math.floor(r() * 3_600_000))
    const upSeconds = (at - this.sessionStartedAt) / 1000
    this.sessionRx = Math.min(Math.round(this.billingRx * 0.4), Math.round(upSeconds * this.baseline.down * 0.25))
    this.sessionTx = Math.min(Math.round(this.billingTx * 0.4), Math.round(upSeconds * this.baseline.up * 0.25))
    this.assignAddresses()
  }

  get sessionSeconds(): number {
    return this.connection === 'Connected' ? Math.max(0, Math.floor((this.now() - this.sessionStartedAt) / 1000)) : 0
  }

  get hasService(): boolean {
    return !this.signalLost
  }

  get isPlanExhausted(): boolean {
    return this.planExhausted
  }

  get wantsData(): boolean {
    return this.dataWanted
  }

  /** wwan.connect=DefaultProfile: bring the session up on the default profile. */
  requestConnect(): void {
    this.advance()
    this.dataWanted = true
    this.failedAttempts = 0
    if (this.connection === 'Connected' || this.connection === 'Connecting') return
    this.startConnecting(this.now())
  }

  /** wwan.connect=Disconnect: drop the session and stay down until asked again. */
  requestDisconnect(): void {
    this.advance()
    this.dataWanted = false
    this.retryAt = undefined
    this.connectAt = undefined
    this.endSession()
  }

  setSignalLost(lost: boolean): void {
    this.advance()
    if (this.signalLost === lost) return
    this.signalLost = lost
    if (lost) {
      this.endSession()
      this.connectAt = undefined
    } else if (this.dataWanted) {
      this.startConnecting(this.now())
    }
  }

  /** The plan's data is used up: billing counters are raised to the limit and the network refuses data. */
  exhaustPlan(limitBytes: number = this.options.planLimitBytes): void {
    this.advance()
    this.planExhausted = true
    const used = this.billingRx + this.billingTx
    if (used < limitBytes) this.billingRx += limitBytes - used
    this.endSession()
    if (this.dataWanted) this.retryAt = this.now() + this.options.retryMs
  }

  restorePlan(): void {
    this.advance()
    this.planExhausted = false
    if (this.dataWanted && this.connection !== 'Connected') this.startConnecting(this.now())
  }

  /** A reboot: everything session-shaped starts over; autoconnect brings data back. */
  reboot(autoconnect: boolean): void {
    this.advance()
    this.endSession()
    this.bootedAt = this.now()
    this.dataWanted = autoconnect
    this.failedAttempts = 0
    if (autoconnect && !this.signalLost) this.startConnecting(this.now())
  }

  /** Bring the state up to the clock. Cheap when called often. */
  advance(): void {
    const at = this.now()
    this.settle(at)
    const second = Math.floor(at / 1000)
    const steps = second - this.lastTick
    if (steps <= 0) return
    this.lastTick = second
    const walked = Math.min(steps, MAX_WALK_STEPS)
    for (let i = 0; i < walked; i++) this.step()
    const skipped = steps - walked
    if (skipped > 0 && this.connection === 'Connected') this.carry(skipped, this.downRate, this.upRate)
    this.rollOver(at)
  }

  /** wwan.signalStrength.bars 0–5 by RSRP; thresholds are typical UI buckets [U]. */
  bars(): number {
    if (this.signalLost) return 0
    const steps = [-85, -95, -105, -115, -120]
    const index = steps.findIndex((threshold) => this.rsrp >= threshold)
    return index < 0 ? 0 : 5 - index
  }

  /** wwanadv.radioQuality, a 0–100 figure the web UI shows; derived from RSRQ here [U]. */
  radioQuality(): number {
    if (this.signalLost) return 0
    return Math.round(clamp(((this.rsrq + 20) / 17) * 100, 0, 100))
  }

  private settle(at: number): void {
    if (this.signalLost) return
    if (this.connection === 'Connecting' && this.connectAt !== undefined && at >= this.connectAt) {
      const upAt = this.connectAt
      this.connectAt = undefined
      if (this.options.apnAccepted() && !this.planExhausted) {
        this.connection = 'Connected'
        this.sessionStartedAt = upAt
        this.sessionRx = 0
        this.sessionTx = 0
        this.failedAttempts = 0
        this.assignAddresses()
      } else {
        // The network rejected the PDN (wrong APN, no plan): the device shows Disconnected and tries again later.
        this.connection = 'Disconnected'
        this.failedAttempts++
        this.retryAt = at + this.options.retryMs
      }
      return
    }
    if (this.connection === 'Disconnected' && this.dataWanted && this.retryAt !== undefined && at >= this.retryAt) {
      this.startConnecting(at)
      this.settle(at)
    }
  }

  private startConnecting(at: number): void {
    if (this.signalLost) return
    this.retryAt = undefined
    this.connection = 'Connecting'
    this.connectAt = at + this.options.connectDelayMs
    if (this.options.connectDelayMs <= 0) this.settle(at)
  }

  private step(): void {
    const r = this.random
    const b = this.baseline
    if (!this.signalLost) {
      this.rsrp = clamp(this.rsrp + 0.9 * gaussian(r) + 0.04 * (b.rsrp - this.rsrp), -124, -72)
      this.rsrq = clamp(this.rsrq + 0.35 * gaussian(r) + 0.06 * (b.rsrq - this.rsrq), -19.5, -3)
      this.sinr = clamp(this.sinr + 0.7 * gaussian(r) + 0.05 * (b.sinr - this.sinr), -5, 30)
      this.updateRssi()
    }
    if (this.connection !== 'Connected') {
      this.downRate = 0
      this.upRate = 0
      return
    }
    const quality = clamp((this.sinr + 5) / 25, 0.1, 1.4)
    this.downRate = walkRate(this.downRate || b.down, b.down * quality, 500, 8_000_000, r)
    this.upRate = walkRate(this.upRate || b.up, b.up * quality, 200, 2_000_000, r)
    this.carry(1, this.downRate, this.upRate)
  }

  private carry(seconds: number, down: number, up: number): void {
    const d = Math.round(down * seconds)
    const u = Math.round(up * seconds)
    this.sessionRx += d
    this.sessionTx += u
    this.billingRx += d
    this.billingTx += u
    this.lifeRx += d
    this.lifeTx += u
  }

  private updateRssi(): void {
    // RSSI sits ~25–30 dB above RSRP on a 10–20 MHz LTE carrier.
    this.rssi = Math.round(clamp(this.rsrp + 27, -113, -45))
  }

  private endSession(): void {
    this.connection = 'Disconnected'
    this.downRate = 0
    this.upRate = 0
    this.sessionRx = 0
    this.sessionTx = 0
    this.ipv4 = '0.0.0.0'
    this.ipv6 = ''
  }

  private assignAddresses(): void {
    const r = this.random
    // T-Mobile US hands out CGNAT IPv4 (via 464XLAT) and a 2607:fb90::/32 IPv6 prefix.
    this.ipv4 = `100.${64 + Math.floor(r() * 64)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`
    const hex = (): string => Math.floor(r() * 0x10000).toString(16)
    this.ipv6 = `2607:fb90:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`
  }

  private rollOver(at: number): void {
    const cycle = cycleStart(at, this.options.billingDay)
    if (cycle !== this.cycleKey) {
      this.cycleKey = cycle
      this.cycleStartedAt = Date.parse(cycle)
      this.billingRx = 0
      this.billingTx = 0
      this.planExhausted = false
    }
  }
}

function walkRate(current: number, target: number, min: number, max: number, random: Random): number {
  const logged = Math.log(current) + 0.25 * gaussian(random) + 0.05 * (Math.log(Math.max(target, min)) - Math.log(current))
  return clamp(Math.exp(logged), min, max)
}
