// A stateful AT modem on a serial line: the demo's USB modem and the integration tests' device. It owns the
// modem end of a byte stream (a socat PTY pair, serialport's MockBinding, or any Duplex) and behaves like
// firmware on a tty: echoes what it receives until ATE0, executes command lines on CR, answers with V.250
// framing (\r\n<info>\r\n … \r\nOK\r\n, or numeric codes with ATV0), prompts "> " for SMS text, and sends
// unsolicited result codes only at line boundaries. Faults (unplug, garbage, silence, URC storms, SIM lock,
// no data plan, registration changes) are methods, so tests and the demo can provoke them on cue.
// Written from the reference (device-protocols.md §4, toolchain.md §3), not from the app's AT engine.
import { EventEmitter } from 'node:events'
import type { Duplex } from 'node:stream'
import type { MockModemPort } from '../pty/mock-port'
import { withLuhn } from './codecs/luhn'
import { ModemCore, type Timings } from './core/modem-core'
import { BASIC_COMMANDS, buildCommandTable, vendorHooks } from './handlers'
import { mockLink, openPtyLink, streamLink, type ModemLink } from './io/links'
import { SerialLine } from './io/serial-line'
import { runUrcStorm, type UrcStorm, type UrcStormOptions } from './io/urc-storm'
import { DEVICE_PROFILES, type DeviceProfile, type DeviceProfileId } from './profiles/devices'
import { SIM_PROFILES, type SimCardSpec, type SimProfileId } from './profiles/sims'
import type { ModemState, Registration } from './state/modem-state'
import { createRandom, type Random } from './state/random'
import type { RadioLevels } from './state/signal'

export type { UrcStorm, UrcStormOptions }

export interface LatencyOptions {
  /** Fixed processing time per command line. */
  baseMs: number
  /** Uniform extra 0…jitterMs (seeded). */
  jitterMs?: number
  /** Extra time for lines containing a command, by name: { '+COPS': 200 }. */
  perCommand?: Record<string, number>
}

export interface SimOptions {
  /** Which carrier SIM (default 'tmobile-us-prepaid'). */
  card?: SimProfileId
  iccid?: string
  imsi?: string
  /** Number the network knows; null for a line without one. */
  msisdn?: string | null
  /** Whether EF_MSISDN holds the number (+CNUM / "ON" phonebook); default per card. */
  msisdnOnSim?: boolean
  pin?: string
  puk?: string
  /** SIM PIN lock enabled at power-on (the modem asks for the PIN). */
  pinEnabled?: boolean
  spn?: string
  gid1?: string
  wrongApnOutcome?: SimCardSpec['wrongApnOutcome']
}

export interface AtModemSimulatorOptions {
  profile?: DeviceProfileId | DeviceProfile
  /** SIM card; `null` powers up with no SIM inserted. */
  sim?: SimOptions | null
  /** Seeds identities (IMEI serial), the signal walk, jitter and addresses. */
  seed?: number
  latencyMs?: number | LatencyOptions
  timings?: Partial<Timings> & {
    /** Time the USB device is gone during +CFUN=1,1 before it re-enumerates. */
    reenumerateMs?: number
  }
  /** Clock for messages that arrive during the run (SMS timestamps). */
  now?: () => Date
}

export type RegistrationPreset = 'home' | 'roaming' | 'searching' | 'denied' | 'none'

export interface RegistrationUpdate extends Partial<Registration> {
  /** Serving network: any PLMN the SIM can see (+COPS=?), used for names and the cell. */
  plmn?: string
}

const DEFAULT_TIMINGS: Timings & { reenumerateMs: number } = {
  registrationMs: 1200,
  copsScanMs: 6000,
  ussdReplyMs: 1500,
  pdpActivationMs: 300,
  signalStepMs: 2000,
  reenumerateMs: 2500
}

export function resolveSim(options: SimOptions | null | undefined): SimCardSpec | undefined {
  if (options === null) return undefined
  const base = SIM_PROFILES[options?.card ?? 'tmobile-us-prepaid']
  const o = options ?? {}
  return {
    ...base,
    iccid: o.iccid ?? base.iccid,
    imsi: o.imsi ?? base.imsi,
    msisdn: o.msisdn === null ? undefined : (o.msisdn ?? base.msisdn),
    msisdnOnSim: o.msisdnOnSim ?? base.msisdnOnSim,
    pin: o.pin ?? base.pin,
    puk: o.puk ?? base.puk,
    pinEnabled: o.pinEnabled ?? base.pinEnabled,
    spn: o.spn ?? base.spn,
    gid1: o.gid1 ?? base.gid1,
    wrongApnOutcome: o.wrongApnOutcome ?? base.wrongApnOutcome
  }
}

export class AtModemSimulator extends EventEmitter {
  readonly profile: DeviceProfile
  readonly simCard: SimCardSpec | undefined
  readonly imei: string
  private readonly random: Random
  private readonly latency: LatencyOptions
  private readonly reenumerateMs: number
  private readonly core: ModemCore
  private readonly line: SerialLine
  private link: ModemLink | undefined
  /** The last link, kept after a drop so replug() can bring the same device back. */
  private retained: ModemLink | undefined
  private storm: UrcStorm | undefined
  private stopped = false

  constructor(options: AtModemSimulatorOptions = {}) {
    super()
    this.profile = typeof options.profile === 'object' ? options.profile : DEVICE_PROFILES[options.profile ?? 'generic-lte']
    this.simCard = resolveSim(options.sim)
    this.random = createRandom(options.seed ?? 1)
    this.imei = withLuhn(this.profile.imeiTac + this.random.digits(6))
    this.latency =
      typeof options.latencyMs === 'object' ? options.latencyMs : { baseMs: options.latencyMs ?? 20, jitterMs: options.latencyMs === 0 ? 0 : 10 }
    const timings = { ...DEFAULT_TIMINGS, ...options.timings }
    this.reenumerateMs = timings.reenumerateMs
    this.core = new ModemCore({
      profile: this.profile,
      sim: this.simCard,
      imei: this.imei,
      random: this.random,
      timings,
      commands: buildCommandTable(this.profile),
      basic: BASIC_COMMANDS,
      hooks: vendorHooks(this.profile),
      sink: { urc: (text) => this.line.urc(text), reenumerate: () => void this.reenumerate() },
      now: options.now ?? (() => new Date())
    })
    this.line = new SerialLine({
      settings: () => this.core.state.settings,
      execute: (body) => this.core.execute(body),
      latencyMs: (body) => this.lineLatency(body)
    })
    for (const event of ['rx', 'tx', 'command'] as const) this.line.on(event, (value: unknown) => this.emit(event, value))
  }

  // ---- transports -----------------------------------------------------------------------------------------

  /**
   * Opens a socat PTY pair, takes the modem end and powers the modem on. `hostPath` is what the app opens:
   * by default a stable symlink in a private temp dir that survives replug() like /dev/ttyUSB2 would.
   */
  async startOnPty(options: { stablePath?: boolean } = {}): Promise<{ hostPath: string; modemPath: string }> {
    const link = await openPtyLink({ stablePath: options.stablePath, deviceName: this.profile.vendor === 'quectel' ? 'ttyUSB2' : 'ttyUSB0' })
    this.connect(link)
    return { hostPath: link.hostPath as string, modemPath: link.modemPath }
  }

  /** Puts the modem behind serialport's MockBinding at `path` (the app opens it with SerialPortMock). */
  attachToMockPort(path: string): { hostPath: string; port: MockModemPort } {
    const link = mockLink(path)
    this.connect(link)
    return { hostPath: path, port: link.port }
  }

  /** Runs the modem over any duplex byte stream (its modem end). dropPort() destroys it; no replug. */
  attach(stream: Duplex): void {
    this.connect(streamLink(stream))
  }

  /** The path the app opens (after startOnPty/attachToMockPort). */
  get hostPath(): string | undefined {
    return (this.link ?? this.retained)?.hostPath
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.storm?.stop()
    this.core.stopTimers()
    const link = this.link ?? this.retained
    this.line.detach()
    this.link = undefined
    this.retained = undefined
    await link?.close()
  }

  private connect(link: ModemLink): void {
    this.link = link
    this.line.attach(link.stream)
    this.core.powerOn()
  }

  // ---- faults ---------------------------------------------------------------------------------------------

  /**
   * The modem end disappears — USB unplug, firmware crash. With `midReply`, the drop happens halfway
   * through the next reply's bytes. The modem loses power: timers stop; replug() powers it up again.
   */
  dropPort(options: { midReply?: boolean } = {}): Promise<void> {
    if (!options.midReply) return this.dropNow()
    return new Promise((resolve) => this.line.armDropMidReply(() => void this.dropNow().then(resolve)))
  }

  private async dropNow(): Promise<void> {
    const link = this.link
    if (!link) return
    this.retained = link
    this.link = undefined
    this.core.stopTimers()
    this.line.detach()
    this.emit('drop')
    await link.drop()
  }

  /** The device comes back in power-on state (an enabled PIN is asked again). Returns the path to open. */
  async replug(): Promise<{ hostPath: string | undefined }> {
    if (this.stopped) throw new Error('the simulator was stopped')
    const previous = this.link ?? this.retained
    if (!previous?.replug) throw new Error('replug() needs startOnPty() or attachToMockPort()')
    if (this.link) await this.dropNow()
    const { stream, hostPath } = await previous.replug()
    this.core.powerCycle()
    this.retained = undefined
    this.connect({ ...previous, stream, hostPath })
    this.emit('replug')
    return { hostPath }
  }

  /** +CFUN=1,1: the stick resets and re-enumerates (drop, pause, replug); in place without a replug. */
  private async reenumerate(): Promise<void> {
    const link = this.link
    if (!link) return
    if (!link.replug) {
      // A caller's stream cannot vanish and come back: reset in place.
      this.core.powerCycle()
      this.line.attach(link.stream)
      this.core.powerOn()
      return
    }
    await this.dropNow()
    await new Promise((resolve) => setTimeout(resolve, this.reenumerateMs))
    if (!this.stopped) await this.replug()
  }

  /** Writes bytes that are not AT traffic (baud mismatch, USB reset noise) at a line boundary. */
  injectGarbage(bytes?: Buffer | string): void {
    const data =
      bytes === undefined
        ? Buffer.from(Array.from({ length: 12 }, (_, i) => (i % 5 === 0 ? 0x00 : this.random.int(0x80, 0xff))))
        : Buffer.isBuffer(bytes)
          ? bytes
          : Buffer.from(bytes, 'latin1')
    this.line.raw(data.toString('latin1'))
  }

  /** A wedged firmware: input is swallowed, nothing is echoed or answered, no URCs. */
  setNeverAnswer(on: boolean): void {
    this.line.setSilent(on)
  }

  /**
   * Bursts of URCs from this firmware's vocabulary at `ratePerSecond`, between replies and between the
   * lines of a reply — never inside a line.
   */
  startUrcStorm(options: UrcStormOptions): UrcStorm {
    this.storm?.stop()
    this.line.interleave = true
    const storm = runUrcStorm(options, {
      emit: (text) => this.line.urc(text),
      vocabulary: () => this.core.hooks.stormUrcs(this.core),
      random: this.random,
      onEnd: () => {
        if (this.storm === storm) this.storm = undefined
        this.line.interleave = false
        this.line.flushUrcs()
      }
    })
    this.storm = storm
    return storm
  }

  /** Locks the SIM ('pin': PIN required, 'puk': PIN attempts used up) or unlocks it (null). */
  setSimLocked(lock: 'pin' | 'puk' | null): void {
    const sim = this.core.state.sim
    if (sim.lock === 'absent') throw new Error('no SIM inserted')
    if (lock === null) {
      sim.pinAttempts = 3
      this.core.simBecameReady()
      return
    }
    sim.pinEnabled = true
    sim.lock = lock
    if (lock === 'puk') sim.pinAttempts = 0
    this.core.setRegistration({ stat: 0, plmn: undefined })
  }

  /** The line has no active data plan: +CGACT / ^NDISDUP fail with ESM #33 (+CME ERROR: 133). */
  setNoDataPlan(on: boolean): void {
    this.core.state.noDataPlan = on
    if (on) this.core.dropDataSessions()
  }

  /** USSD requests time out at the network (+CUSD: 5). */
  setUssdTimeout(on: boolean): void {
    this.core.faults.ussdTimeout = on
  }

  /**
   * Moves the registration: a preset ('home', 'roaming', 'searching', 'denied', 'none') or explicit fields.
   * Every enabled +CREG/+CGREG/+CEREG URC (and the vendor ones) follows, like a real network change.
   */
  setRegistration(update: RegistrationPreset | RegistrationUpdate): void {
    const core = this.core
    const sim = this.simCard
    core.cancelSearch()
    if (typeof update === 'string') {
      if (update === 'none') return core.setRegistration({ stat: 0, plmn: undefined, rejectCause: undefined })
      if (update === 'searching') return core.setRegistration({ stat: 2, plmn: undefined, rejectCause: undefined })
      const visible = core.visibleNetworks
      const target =
        update === 'home'
          ? visible.find((n) => n.access === 'home')
          : update === 'roaming'
            ? (visible.find((n) => n.access === 'roaming') ?? visible.find((n) => n.access !== 'home'))
            : visible.find((n) => n.access === 'home')
      if (!target || !sim) throw new Error(`no network for '${update}' with this SIM`)
      const base = { plmn: target.operator.plmn, tac: target.cell.tac, cellId: target.cell.cellId, rat: core.effectiveRat() }
      if (update === 'denied') return core.setRegistration({ ...base, stat: 3, rejectCause: 7 })
      core.state.psAttached = true
      return core.setRegistration({ ...base, stat: update === 'home' ? 1 : 5, rejectCause: undefined })
    }
    if (update.stat === 1 || update.stat === 5) core.state.psAttached = true
    core.setRegistration(update)
  }

  /** Moves the radio (the walk continues around the new levels). */
  setSignal(levels: Partial<RadioLevels>): void {
    this.core.signal.set(levels)
  }

  /** One step of the signal walk now (tests that want movement without waiting). */
  stepSignal(): void {
    this.core.stepSignal()
  }

  /** An SMS arrives from the network: stored (all parts) and announced per +CNMI. */
  receiveSms(message: { from: string; text: string; sentAt?: Date }): number[] {
    return this.core.deliverSms(message)
  }

  /** What the host sent with +CMGS, decoded. */
  get sentSms(): ReadonlyArray<{ to: string; text: string | undefined; messageReference: number }> {
    return this.core.state.sent
  }

  /** Live state, for assertions and the demo's status panel. Treat as read-only. */
  get state(): Readonly<ModemState> {
    return this.core.state
  }

  private lineLatency(body: string): number {
    const { baseMs, jitterMs = 0, perCommand = {} } = this.latency
    let ms = baseMs + (jitterMs > 0 ? this.random.next() * jitterMs : 0)
    const upper = body.toUpperCase()
    for (const [name, extra] of Object.entries(perCommand)) if (upper.includes(name.toUpperCase())) ms += extra
    return ms
  }
}
