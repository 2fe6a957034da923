// The modem behind the AT port: runs command lines against its state and decides what the network does
// (registration, data sessions, USSD replies, incoming SMS). It knows nothing about bytes or ports; the
// simulator feeds it command-line bodies and writes what it returns, and it reports unsolicited events
// through a sink. Timers it starts die with it (power cycle, stop).
import { encodeDeliver, formatTextTimestamp, splitForConcat } from '../codecs/sms-pdu'
import { isGsm7Encodable } from '../codecs/gsm7'
import { Args } from '../protocol/args'
import { parseCommandLine, type ParsedCommand } from '../protocol/command-line'
import { AtError, cme, cms, syntaxError, type FinalResult } from '../protocol/results'
import type { DeviceProfile } from '../profiles/devices'
import type { VisibleNetwork } from '../profiles/networks'
import { resourceBlocks } from '../profiles/networks'
import type { SimCardSpec, UssdNode } from '../profiles/sims'
import { initialState, type ModemState, type PdpContext, type RegStat, type SmsMemory, type StoredSms } from '../state/modem-state'
import type { Random } from '../state/random'
import { csqRssi, hcsqValues, SignalModel, type Rat, type RadioSnapshot } from '../state/signal'
import type { CommandSpec, HandlerResult, InfoLines, PromptSpec, VendorHooks } from './types'

export interface Timings {
  /** Searching → registered after power-on, CFUN=1, PIN unlock or COPS=0. */
  registrationMs: number
  /** +COPS=? network scan (real modems: 30 s – 3 min; reference §4.3). */
  copsScanMs: number
  /** Network answer to a USSD request. */
  ussdReplyMs: number
  /** +CGACT / ^NDISDUP activation. */
  pdpActivationMs: number
  /** Signal random-walk step; 0 freezes the radio. */
  signalStepMs: number
}

export interface CoreSink {
  /** One unsolicited result (may be several lines that must stay together). */
  urc(text: string): void
  /** The firmware resets and the USB device re-enumerates (+CFUN=1,1). */
  reenumerate(): void
}

export type LineOutcome = { lines: InfoLines; final: FinalResult } | { lines: InfoLines; prompt: PromptSpec }

export interface CoreOptions {
  profile: DeviceProfile
  sim: SimCardSpec | undefined
  imei: string
  random: Random
  timings: Timings
  commands: ReadonlyMap<string, CommandSpec>
  basic: ReadonlyMap<string, (m: ModemCore, cmd: ParsedCommand) => HandlerResult>
  hooks: VendorHooks
  sink: CoreSink
  /** Fixed clock for SMS timestamps of messages that arrive during the run. */
  now: () => Date
}

interface UssdSession {
  /** Menu stack: the current menu is the last element. */
  stack: Extract<UssdNode, { kind: 'menu' }>[]
}

export class ModemCore {
  readonly profile: DeviceProfile
  readonly sim: SimCardSpec | undefined
  readonly imei: string
  readonly random: Random
  readonly timings: Timings
  readonly signal: SignalModel
  readonly hooks: VendorHooks
  state: ModemState
  /** Outcome knobs the fault API turns. */
  faults = { ussdTimeout: false }
  ussd: { session?: UssdSession; pending?: ReturnType<typeof setTimeout> } = {}
  private readonly commands: ReadonlyMap<string, CommandSpec>
  private readonly basic: CoreOptions['basic']
  private readonly sink: CoreSink
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private readonly pendingDelays = new Set<() => void>()
  private signalTimer: ReturnType<typeof setInterval> | undefined
  private lastReported = { csq: -1, hcsq: '' }
  private registrationEpoch = 0
  readonly now: () => Date

  constructor(options: CoreOptions) {
    this.profile = options.profile
    this.sim = options.sim
    this.imei = options.imei
    this.random = options.random
    this.timings = options.timings
    this.commands = options.commands
    this.basic = options.basic
    this.hooks = options.hooks
    this.sink = options.sink
    this.now = options.now
    const cell = this.sim?.homeCell
    this.signal = new SignalModel(this.random, {
      base: cell?.levels ?? { rsrp: -95, rsrq: -10, sinr: 12 },
      resourceBlocks: resourceBlocks(cell?.bandwidthMHz ?? 20)
    })
    this.state = initialState(this.profile, this.sim, 100)
    this.seedInbox()
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------

  /** Power-on: boot URCs, then the SIM and the network come up as on a real unit. */
  powerOn(): void {
    this.hooks.onBoot?.(this)
    if (this.state.sim.lock === 'ready') this.hooks.onSimReady?.(this)
    this.startSignalWalk()
    this.searchNetwork()
  }

  /**
   * Power cycle (re-enumeration): volatile settings reset; the SIM is re-read, so an enabled PIN is asked
   * again; NV (PDP contexts, mode preference) and the SIM's SMS survive; the data session drops.
   */
  powerCycle(): void {
    this.stopTimers()
    const keep = this.state
    const fresh = initialState(this.profile, this.sim, keep.sms.ME.length)
    fresh.pdp = keep.pdp
    for (const ctx of fresh.pdp.values()) this.clearSession(ctx)
    fresh.sms = keep.sms
    fresh.ratPreference = keep.ratPreference
    fresh.noDataPlan = keep.noDataPlan
    fresh.sim = {
      ...keep.sim,
      lock: keep.sim.lock === 'absent' || keep.sim.lock === 'blocked' ? keep.sim.lock : keep.sim.lock === 'puk' ? 'puk' : keep.sim.pinEnabled ? 'pin' : 'ready'
    }
    fresh.smsMessageReference = keep.smsMessageReference
    fresh.smsc = keep.smsc
    fresh.sent = keep.sent
    this.state = fresh
    this.ussd = {}
  }

  stopTimers(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    for (const cancel of this.pendingDelays) cancel()
    this.pendingDelays.clear()
    if (this.signalTimer) clearInterval(this.signalTimer)
    this.signalTimer = undefined
    if (this.ussd.pending) clearTimeout(this.ussd.pending)
    this.ussd = {}
    this.registrationEpoch++
  }

  schedule(ms: number, fn: () => void): ReturnType<typeof setTimeout> {
    const t = setTimeout(() => {
      this.timers.delete(t)
      fn()
    }, ms)
    this.timers.add(t)
    return t
  }

  /** A wait inside a command (scan, activation). If the modem powers off meanwhile it never resolves. */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = () => clearTimeout(t)
      const t = setTimeout(() => {
        this.pendingDelays.delete(cancel)
        resolve()
      }, ms)
      this.pendingDelays.add(cancel)
    })
  }

  urc(text: string): void {
    this.sink.urc(text)
  }

  reenumerate(): void {
    this.sink.reenumerate()
  }

  // ---- command execution --------------------------------------------------------------------------------

  async execute(body: string): Promise<LineOutcome> {
    const parsed = parseCommandLine(body)
    if (!parsed.ok) return { lines: [], final: { kind: 'ERROR' } }
    const lines: InfoLines = []
    for (const cmd of parsed.commands) {
      try {
        const result = await this.run(cmd)
        if (Array.isArray(result)) lines.push(...result)
        else if (result) {
          lines.push(...(result.lines ?? []))
          return { lines, prompt: result.prompt }
        }
      } catch (error) {
        if (error instanceof AtError) return { lines, final: error.result }
        throw error
      }
    }
    return { lines, final: { kind: 'OK' } }
  }

  private async run(cmd: ParsedCommand): Promise<HandlerResult> {
    this.hooks.onCommand?.(this, cmd)
    const basic = this.basic.get(cmd.name)
    if (basic) return basic(this, cmd)
    const spec = this.commands.get(cmd.name)
    if (!spec) throw syntaxError()
    const handler = spec[cmd.form]
    if (!handler) throw syntaxError()
    if (spec.needsSim && cmd.form !== 'test') this.requireSim(spec.needsSim)
    const args = cmd.form === 'set' ? Args.parse(cmd.args) : Args.parse('')
    return handler(this, args, cmd)
  }

  /** 27.007 §9.2.1 / 27.005 §3.2.5 codes for "the SIM is not usable right now". */
  requireSim(family: 'cme' | 'cms'): void {
    const lock = this.simUsable()
    if (lock === 'ready') return
    const codes = { absent: [10, 310], pin: [11, 311], puk: [12, 316], blocked: [13, 313], off: [13, 313] } as const
    const [cmeCode, cmsCode] = codes[lock]
    throw family === 'cme' ? cme(cmeCode) : cms(cmsCode)
  }

  /** SIM state as commands see it: with +CFUN=0 the SIM is powered down [U: vendor-dependent]. */
  simUsable(): 'ready' | 'absent' | 'pin' | 'puk' | 'blocked' | 'off' {
    if (this.state.sim.lock === 'absent') return 'absent'
    if (this.state.fun === 0) return 'off'
    return this.state.sim.lock
  }

  // ---- SIM ------------------------------------------------------------------------------------------------

  /** Called when the SIM becomes ready (PIN/PUK accepted, lock cleared by the fault API). */
  simBecameReady(): void {
    this.state.sim.lock = 'ready'
    this.hooks.onSimReady?.(this)
    this.searchNetwork()
  }

  // ---- registration ---------------------------------------------------------------------------------------

  get registered(): boolean {
    return this.state.reg.stat === 1 || this.state.reg.stat === 5
  }

  /** Networks the modem can see (empty without a SIM profile: nothing to compare against). */
  get visibleNetworks(): readonly VisibleNetwork[] {
    return this.sim?.visible ?? []
  }

  /** Starts (or restarts) the search → register sequence if the radio, SIM and COPS mode allow it. */
  searchNetwork(): void {
    const epoch = ++this.registrationEpoch
    if (this.state.fun !== 1 || this.state.sim.lock !== 'ready' || this.state.copsMode === 2 || !this.sim) {
      this.setRegistration({ stat: 0, plmn: undefined, rejectCause: undefined })
      return
    }
    this.setRegistration({ stat: 2, plmn: undefined, rejectCause: undefined })
    this.schedule(this.timings.registrationMs, () => {
      if (epoch !== this.registrationEpoch) return
      const target =
        this.state.copsMode === 1 || this.state.copsMode === 4
          ? this.visibleNetworks.find((n) => n.operator.plmn === this.state.manualPlmn)
          : this.visibleNetworks.find((n) => n.access === 'home')
      if (target) this.camp(target)
      else this.setRegistration({ stat: 2 })
    })
  }

  /** Forgets a pending search so an externally imposed registration sticks (fault API). */
  cancelSearch(): void {
    this.registrationEpoch++
  }

  /** Registers on `network` (or records the rejection) and reports it. */
  camp(network: VisibleNetwork): void {
    const rat = this.effectiveRat()
    const base = { plmn: network.operator.plmn, rat, tac: network.cell.tac, cellId: network.cell.cellId }
    if (typeof network.access === 'object') {
      this.setRegistration({ ...base, stat: 3, rejectCause: network.access.rejectCause })
      return
    }
    this.signal.set(network.cell.levels, resourceBlocks(network.cell.bandwidthMHz))
    this.state.psAttached = true
    this.setRegistration({ ...base, stat: network.access === 'home' ? 1 : 5, rejectCause: undefined })
  }

  /** RAT the modem ends up on given the mode preference (all simulated networks offer LTE/WCDMA/GSM). */
  effectiveRat(): Rat {
    const pref = this.state.ratPreference
    return pref === 'auto' ? 'LTE' : pref
  }

  /** Applies a new network-mode preference; a registered modem re-camps on the RAT it now allows. */
  setRatPreference(pref: ModemState['ratPreference']): void {
    if (this.state.ratPreference === pref) return
    this.state.ratPreference = pref
    if (!this.registered) return
    const serving = this.visibleNetworks.find((n) => n.operator.plmn === this.state.reg.plmn)
    this.dropDataSessions()
    if (serving) this.camp(serving)
  }

  /** The single place registration changes: updates state, drops sessions, emits every enabled URC. */
  setRegistration(update: Partial<ModemState['reg']>): void {
    const before = this.state.reg
    const next = { ...before, ...update }
    if (next.stat !== 1 && next.stat !== 5) {
      this.state.psAttached = false
      this.dropDataSessions()
    }
    this.state.reg = next
    const changed =
      before.stat !== next.stat ||
      before.tac !== next.tac ||
      before.cellId !== next.cellId ||
      before.rat !== next.rat ||
      before.rejectCause !== next.rejectCause
    if (!changed) return
    const s = this.state.settings
    if (s.creg) this.urc(this.formatReg('CREG', s.creg, false))
    if (s.cgreg) this.urc(this.formatReg('CGREG', s.cgreg, false))
    if (s.cereg) this.urc(this.formatReg('CEREG', s.cereg, false))
    if (s.c5greg && this.profile.c5greg) this.urc(this.formatReg('C5GREG', s.c5greg, false))
    this.hooks.onRegistrationChange?.(this)
  }

  /** Per-domain <stat>: on LTE the CS/PS-GERAN domains follow the combined attach; 5GS is not used. */
  statFor(kind: 'CREG' | 'CGREG' | 'CEREG' | 'C5GREG'): RegStat {
    const { stat, rat } = this.state.reg
    if (kind === 'C5GREG') return 0
    if (kind === 'CEREG') return rat === 'LTE' ? stat : stat === 2 ? 2 : 0
    return stat
  }

  /** 27.007 AcT for the location fields (7 E-UTRAN, 6 UTRAN HSDPA+HSUPA, 3 EGPRS). */
  get act(): number {
    return { LTE: 7, WCDMA: 6, GSM: 3 }[this.state.reg.rat]
  }

  /**
   * +CREG/+CGREG/+CEREG/+C5GREG in solicited ("+CEREG: <n>,<stat>…") or unsolicited ("+CEREG: <stat>…")
   * form (27.007 §7.2, §10.1.20, §10.1.22, §10.1.68): location for n ≥ 2 when camped, reject cause for
   * n ≥ 3 when denied. lac/tac are 2-byte hex, ci 4-byte hex (reference §4.3).
   */
  formatReg(kind: 'CREG' | 'CGREG' | 'CEREG' | 'C5GREG', n: number, solicited: boolean): string {
    const stat = this.statFor(kind)
    const parts: string[] = solicited ? [String(n), String(stat)] : [String(stat)]
    const camped = stat === 1 || stat === 5 || (stat === 3 && this.state.reg.plmn !== undefined)
    if (n >= 2 && camped) {
      const tac = this.state.reg.tac.toString(16).toUpperCase().padStart(4, '0')
      const ci = this.state.reg.cellId.toString(16).toUpperCase().padStart(8, '0')
      parts.push(`"${tac}"`, `"${ci}"`, String(this.act))
      if (n >= 3 && stat === 3 && this.state.reg.rejectCause !== undefined && kind !== 'CREG') {
        parts.push('0', String(this.state.reg.rejectCause))
      }
    }
    return `+${kind}: ${parts.join(',')}`
  }

  // ---- radio ----------------------------------------------------------------------------------------------

  radio(): RadioSnapshot | undefined {
    if (this.state.fun !== 1 || !this.state.reg.plmn || this.state.reg.stat === 0) return undefined
    return this.signal.snapshot(this.state.reg.rat)
  }

  startSignalWalk(): void {
    if (this.signalTimer || this.timings.signalStepMs <= 0) return
    this.signalTimer = setInterval(() => this.stepSignal(), this.timings.signalStepMs)
    this.signalTimer.unref?.()
  }

  stepSignal(): void {
    this.signal.step()
    const radio = this.radio()
    const csq = radio ? csqRssi(radio.rssi) : 99
    const hcsq = radio ? hcsqValues(radio) : '"NOSERVICE"'
    const changed = { csq: csq !== this.lastReported.csq, hcsq: hcsq !== this.lastReported.hcsq }
    this.lastReported = { csq, hcsq }
    this.hooks.onSignalStep?.(this, changed)
  }

  // ---- data sessions --------------------------------------------------------------------------------------

  /**
   * Brings a PDP context up the way the network would answer the host's request. Failure codes: 30 no
   * service, 133 no data plan (reference §6.2), the SIM's wrong-APN outcome, 149 bad credentials,
   * the SIM's IPv4-only refusal.
   */
  async activate(ctx: PdpContext): Promise<void> {
    if (ctx.active) return
    if (this.state.fun !== 1 || !this.registered || !this.state.psAttached) throw cme(30)
    await this.delay(this.timings.pdpActivationMs)
    if (!this.registered) throw cme(30)
    const sim = this.sim as SimCardSpec
    if (this.state.noDataPlan) throw cme(133)
    const apnKnown = ctx.apn === '' || sim.apns.some((a) => a.apn.toLowerCase() === ctx.apn.toLowerCase())
    const entry = sim.apns.find((a) => a.apn.toLowerCase() === ctx.apn.toLowerCase())
    if (apnKnown && entry?.user && ctx.auth && ctx.auth.type !== 0 && ctx.auth.user !== '' &&
      (ctx.auth.user !== entry.user || ctx.auth.password !== entry.password)) throw cme(149)
    if (ctx.pdpType === 'IP' && sim.ipv4OnlyReject) throw cme(sim.ipv4OnlyReject)
    if (!apnKnown) {
      if (sim.wrongApnOutcome === 'reject-unknown-apn') throw cme(127)
      if (sim.wrongApnOutcome === 'reject-not-subscribed') throw cme(133)
      ctx.active = true
      ctx.bearerId = 5 + ctx.cid
      return
    }
    const wantV4 = ctx.pdpType !== 'IPV6' && sim.addressFamilies.includes('v4')
    const wantV6 = ctx.pdpType !== 'IP' && sim.addressFamilies.includes('v6')
    if (!wantV4 && !wantV6) throw cme(ctx.pdpType === 'IPV6' ? 192 : 193)
    ctx.active = true
    ctx.bearerId = 5 + ctx.cid
    const r = this.random
    if (wantV4) ctx.ipv4 = `100.${r.int(64, 127)}.${r.int(0, 255)}.${r.int(1, 254)}`
    if (wantV6) {
      const hex = () => r.int(0, 0xffff).toString(16)
      ctx.ipv6 = `2001:db8:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${r.int(1, 0xffff).toString(16)}`
    }
  }

  deactivate(ctx: PdpContext): void {
    this.clearSession(ctx)
  }

  private clearSession(ctx: PdpContext): void {
    ctx.active = false
    ctx.ipv4 = undefined
    ctx.ipv6 = undefined
    ctx.bearerId = undefined
  }

  dropDataSessions(): void {
    for (const ctx of this.state.pdp.values()) this.clearSession(ctx)
    if (this.state.ndis.connected) {
      this.state.ndis.connected = false
      // Huawei reports the NDIS session going down (ModemManager mm-broadband-bearer-huawei.c ^NDISSTAT).
      if (this.profile.vendor === 'huawei') this.urc('^NDISSTAT: 0,,,"IPV4"')
    }
  }

  // ---- SMS ------------------------------------------------------------------------------------------------

  /** Stores a received SMS (all its parts) and announces it per +CNMI; returns the storage indexes. */
  deliverSms(message: { from: string; text: string; sentAt?: Date }, announce = true): number[] {
    const sim = this.sim
    if (!sim) return []
    const encoding = isGsm7Encodable(message.text) ? 'gsm7' : 'ucs2'
    const parts = splitForConcat(message.text, encoding)
    const reference = this.random.int(1, 255)
    const sentAt = message.sentAt ?? this.now()
    const indexes: number[] = []
    const [mode, mt] = this.state.settings.cnmi
    const memory: SmsMemory = this.state.settings.cpms[2]
    parts.forEach((part, i) => {
      const pdu = encodeDeliver({
        smsc: sim.smsc,
        from: message.from,
        text: part,
        encoding,
        sentAt,
        tzQuarterHours: sim.tzQuarterHours,
        concat: parts.length > 1 ? { reference, total: parts.length, sequence: i + 1 } : undefined
      })
      const stored: StoredSms = {
        stat: 0,
        pdu: pdu.hex,
        tpduLength: pdu.tpduLength,
        text: { address: message.from, body: part, ucs2: encoding === 'ucs2', scts: formatTextTimestamp(sentAt, sim.tzQuarterHours) }
      }
      if (announce && mode !== 0 && mt === 2) {
        // +CMT: routed straight to the host, not stored (27.005 §3.4.1 <mt>=2).
        const header = this.state.settings.cmgf === 0 ? `+CMT: ,${pdu.tpduLength}` : `+CMT: "${message.from}",,"${stored.text.scts}"`
        this.urc(`${header}\r\n${this.state.settings.cmgf === 0 ? pdu.hex : this.smsBodyForText(stored)}`)
        return
      }
      const index = this.storeSms(memory, stored)
      if (index === undefined) return
      indexes.push(index)
      if (announce && mode !== 0 && mt === 1) this.urc(`+CMTI: "${memory}",${index}`)
    })
    return indexes
  }

  /** First free slot (1-based index), or undefined when the store is full. */
  storeSms(memory: SmsMemory, sms: StoredSms): number | undefined {
    const store = this.state.sms[memory]
    const slot = store.findIndex((s) => s === undefined)
    if (slot === -1) {
      if (this.profile.vendor === 'quectel' && this.state.settings.qind.smsfull) this.urc(`+QIND: "smsfull","${memory}"`)
      return undefined
    }
    store[slot] = sms
    return slot + 1
  }

  /** Text-mode body: GSM text as characters in the TE charset, UCS2 messages as hex (27.005 §3.1). */
  smsBodyForText(sms: StoredSms): string {
    if (sms.text.ucs2 || this.state.settings.charset === 'UCS2') {
      let hex = ''
      for (let i = 0; i < sms.text.body.length; i++) hex += sms.text.body.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')
      return hex
    }
    return sms.text.body
  }

  private seedInbox(): void {
    if (!this.sim) return
    const sim = this.sim
    for (const seed of sim.inbox) {
      const indexes = this.deliverSms({ from: seed.from, text: seed.text, sentAt: new Date(seed.sentAt) }, false)
      for (const index of indexes) {
        const stored = this.state.sms.SM[index - 1]
        if (stored && seed.read) stored.stat = 1
      }
    }
  }

  // ---- text helpers ---------------------------------------------------------------------------------------

  /** A string in the current +CSCS character set (UCS2 → hex, 27.007 §5.5). */
  encodeText(text: string): string {
    if (this.state.settings.charset !== 'UCS2') return text
    let hex = ''
    for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')
    return hex
  }
}

export type { UssdSession }
