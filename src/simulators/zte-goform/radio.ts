// The live radio, data session and traffic of a simulated ZTE device. Time comes from an injectable clock;
// state advances in one-second steps when someone looks, so readings change between polls and a test can
// fast-forward. Signal levels follow bounded, mean-reverting random walks; traffic counters integrate walking
// rates while the data session is up.
// The data session follows ppp_status as the stock UI watches it (com.js connect/disconnect: ppp_connecting →
// ppp_connected, ppp_disconnecting → ppp_disconnected): CONNECT_NETWORK starts an attempt that ends connected
// only when the network would accept it (signal, SIM, plan, a valid APN); DISCONNECT_NETWORK drops it.
// With auto-dial on (the default dial mode [U]) the device reconnects by itself when it can again.
import { clamp, gaussian, type Random } from './prng'

export type PppStatus = 'ppp_connected' | 'ppp_connecting' | 'ppp_disconnected' | 'ppp_disconnecting'

/** One-second steps simulated individually after a gap; longer gaps fast-forward counters at current rates. */
const MAX_WALK_STEPS = 900

export interface RadioOptions {
  random: Random
  now: () => number
  radio: 'lte' | 'umts'
  connectDelayMs: number
  disconnectDelayMs: number
  /** Monthly limit set on the device, bytes (for exhaustPlan and the initial month usage). */
  planLimitBytes: number
  /** Whether the network would accept a data session right now (SIM ready, valid APN …); asked at each attempt. */
  networkAccepts: () => boolean
}

export class LiveRadio {
  rsrp = -92
  rsrq = -10
  sinr = 12
  rssi = -67
  rscp = -84
  ecio = -7
  readonly cellId: string
  readonly pci: number

  txRate = 0
  rxRate = 0
  realtimeTx = 0
  realtimeRx = 0
  realtimeSeconds = 0
  monthTx: number
  monthRx: number
  monthSeconds: number
  totalTx: number
  totalRx: number
  totalSeconds: number
  /** The device's own data: battery level in percent (pocket routers only). */
  battery = 0

  ppp: PppStatus = 'ppp_connected'
  /** auto_dial: the device keeps trying to be connected; false after DISCONNECT_NETWORK. */
  wantConnected = true
  /** How many connection attempts failed since the last success (for the demo and tests). */
  failedAttempts = 0

  private transition: { to: 'connected' | 'disconnected'; at: number } | undefined
  private signalLost = false
  private planExhausted = false
  private lastTick: number
  private readonly random: Random
  private readonly now: () => number
  private readonly baseline: { rsrp: number; rsrq: number; sinr: number; rscp: number; ecio: number; down: number; up: number }

  constructor(private readonly options: RadioOptions) {
    this.random = options.random
    this.now = options.now
    const r = this.random
    this.baseline = {
      rsrp: -102 + r() * 16,
      rsrq: -12 + r() * 4,
      sinr: 4 + r() * 14,
      rscp: -92 + r() * 14,
      ecio: -9 + r() * 4,
      down: 120_000 + r() * 900_000,
      up: 25_000 + r() * 150_000
    }
    this.rsrp = this.baseline.rsrp
    this.rsrq = this.baseline.rsrq
    this.sinr = this.baseline.sinr
    this.rscp = this.baseline.rscp
    this.ecio = this.baseline.ecio
    this.updateRssi()
    this.rxRate = this.baseline.down
    this.txRate = this.baseline.up
    const eNodeB = 100_000 + Math.floor(r() * 900_000)
    this.cellId = (eNodeB * 256 + 1 + Math.floor(r() * 3)).toString(16).toUpperCase()
    this.pci = Math.floor(r() * 504)
    this.battery = 55 + Math.floor(r() * 40)

    this.lastTick = Math.floor(this.now() / 1000)
    // Part-way into the month: a used-looking month, and lifetime totals above it.
    const month = Math.round(options.planLimitBytes * (0.1 + 0.3 * r()))
    this.monthRx = Math.round(month * 0.88)
    this.monthTx = month - this.monthRx
    this.monthSeconds = 200_000 + Math.floor(r() * 400_000)
    this.totalRx = this.monthRx * 7 + Math.floor(r() * 1e9)
    this.totalTx = this.monthTx * 7 + Math.floor(r() * 2e8)
    this.totalSeconds = this.monthSeconds * 6
    // The data session has been up for a while when the device is first looked at.
    this.realtimeSeconds = 900 + Math.floor(r() * 3600)
    this.realtimeRx = Math.min(this.monthRx, Math.round(this.realtimeSeconds * this.baseline.down * 0.25))
    this.realtimeTx = Math.min(this.monthTx, Math.round(this.realtimeSeconds * this.baseline.up * 0.25))
  }

  get isSignalLost(): boolean {
    return this.signalLost
  }

  get isPlanExhausted(): boolean {
    return this.planExhausted
  }

  /** CONNECT_NETWORK. An attempt already running or a live session is left alone. */
  connect(): void {
    this.advance()
    this.wantConnected = true
    if (this.ppp === 'ppp_connected' || this.ppp === 'ppp_connecting') return
    this.ppp = 'ppp_connecting'
    this.transition = { to: 'connected', at: this.now() + this.options.connectDelayMs }
    this.settle()
  }

  /** DISCONNECT_NETWORK. */
  disconnect(): void {
    this.advance()
    this.wantConnected = false
    if (this.ppp === 'ppp_disconnected' || this.ppp === 'ppp_disconnecting') return
    this.ppp = 'ppp_disconnecting'
    this.transition = { to: 'disconnected', at: this.now() + this.options.disconnectDelayMs }
    this.settle()
  }

  setSignalLost(lost: boolean): void {
    this.advance()
    this.signalLost = lost
    if (lost) this.dropSession()
    this.settle()
  }

  /** The plan's data is used up: the month is raised to the limit and the network refuses data sessions. */
  exhaustPlan(limitBytes: number = this.options.planLimitBytes): void {
    this.advance()
    this.planExhausted = true
    const used = this.monthTx + this.monthRx
    if (used < limitBytes) this.monthRx += limitBytes - used
    this.dropSession()
  }

  restorePlan(): void {
    this.advance()
    this.planExhausted = false
    this.settle()
  }

  /** RESET_DATA_COUNTER: the monthly statistics start again (the session's own counters are the connection's) [U]. */
  resetMonthly(): void {
    this.advance()
    this.monthTx = 0
    this.monthRx = 0
    this.monthSeconds = 0
  }

  /** A reboot: the session ends; the device dials again as it comes up. */
  restart(): void {
    this.advance()
    this.dropSession()
    this.wantConnected = true
  }

  /** Whether a data session could come up now. */
  canConnect(): boolean {
    return !this.signalLost && !this.planExhausted && this.options.networkAccepts()
  }

  /** Bring the state up to the clock. Cheap when called often. */
  advance(): void {
    this.settle()
    const second = Math.floor(this.now() / 1000)
    const steps = second - this.lastTick
    if (steps <= 0) return
    this.lastTick = second
    const walked = Math.min(steps, MAX_WALK_STEPS)
    for (let i = 0; i < walked; i++) this.step()
    const skipped = steps - walked
    if (skipped > 0 && this.ppp === 'ppp_connected') this.carry(skipped, this.rxRate, this.txRate)
    this.settle()
  }

  /** signalbar 0–5: LTE by RSRP, UMTS by RSCP; thresholds are typical UI buckets [U]. */
  signalBars(): number {
    if (this.signalLost) return 0
    const level = this.options.radio === 'lte' ? this.rsrp : this.rscp
    const steps = this.options.radio === 'lte' ? [-85, -95, -105, -115, -120] : [-75, -85, -95, -105, -112]
    const index = steps.findIndex((threshold) => level >= threshold)
    return index < 0 ? 0 : 5 - index
  }

  /** Finish a pending transition whose time has come; start an auto-dial attempt when one would work. */
  private settle(): void {
    const at = this.now()
    if (this.transition && at >= this.transition.at) {
      const { to } = this.transition
      this.transition = undefined
      if (to === 'disconnected') {
        this.dropSession()
      } else if (this.canConnect()) {
        this.ppp = 'ppp_connected'
        this.failedAttempts = 0
        this.realtimeTx = 0
        this.realtimeRx = 0
        this.realtimeSeconds = 0
      } else {
        this.ppp = 'ppp_disconnected'
        this.failedAttempts++
      }
    }
    // auto_dial: reconnect when the obstacle is gone (signal back, plan topped up, APN fixed).
    if (this.wantConnected && this.ppp === 'ppp_disconnected' && !this.transition && this.failedAttempts === 0 && this.canConnect()) {
      this.ppp = 'ppp_connecting'
      this.transition = { to: 'connected', at: at + this.options.connectDelayMs }
    }
  }

  private dropSession(): void {
    this.ppp = 'ppp_disconnected'
    this.transition = undefined
    this.txRate = 0
    this.rxRate = 0
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
    if (this.ppp !== 'ppp_connected') {
      this.txRate = 0
      this.rxRate = 0
      return
    }
    const quality = this.options.radio === 'lte' ? clamp((this.sinr + 5) / 25, 0.1, 1.4) : clamp((this.ecio + 20) / 14, 0.1, 1.2)
    this.rxRate = walkRate(this.rxRate || b.down, b.down * quality, 500, 6_000_000, r)
    this.txRate = walkRate(this.txRate || b.up, b.up * quality, 200, 1_500_000, r)
    this.carry(1, this.rxRate, this.txRate)
    // A pocket router on battery loses about a percent every ten minutes under load [U].
    if (r() < 1 / 600) this.battery = Math.max(5, this.battery - 1)
  }

  private carry(seconds: number, down: number, up: number): void {
    const d = Math.round(down * seconds)
    const u = Math.round(up * seconds)
    this.realtimeRx += d
    this.realtimeTx += u
    this.realtimeSeconds += seconds
    this.monthRx += d
    this.monthTx += u
    this.monthSeconds += seconds
    this.totalRx += d
    this.totalTx += u
    this.totalSeconds += seconds
  }

  private updateRssi(): void {
    // RSSI sits ~25–30 dB above RSRP on a 10–20 MHz LTE carrier; on UMTS RSSI = RSCP − Ec/Io.
    const raw = this.options.radio === 'lte' ? this.rsrp + 27 : this.rscp - this.ecio
    this.rssi = clamp(raw, -113, -45)
  }
}

function walkRate(current: number, target: number, min: number, max: number, random: Random): number {
  const logged = Math.log(current) + 0.25 * gaussian(random) + 0.05 * (Math.log(Math.max(target, min)) - Math.log(current))
  return clamp(Math.exp(logged), min, max)
}
