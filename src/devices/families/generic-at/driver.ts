// The HotspotDriver for USB modems on an AT port, any vendor: the core speaks 3GPP TS 27.007 / 27.005 and
// asks the dialect chosen from +CGMI / +CGMM (Huawei, ZTE, Quectel or plain 3GPP) for the vendor commands.
// open(): the engine opens the port (ATE0, +CMEE=1), then identity (+CGMI/+CGMM/+CGMR/+CGSN), dialect,
//   character set and registration report level, SIM state (+CPIN?; with a PIN/PUK pending nothing that needs
//   the SIM is sent), the dialect's own settings, +CIMI and the ICCID once the SIM is ready, and — once —
//   which capabilities the modem has.
// read(): SIM, registration, operator, signal and data session, one command at a time; usage stays empty
//   (modems do not count traffic, and we do not invent numbers).
// The driver owns its port (one owner per port) and one AtEngine on it; an unplug fails every waiting command
// with DEVICE_GONE, and the next open() tears the port down and opens it again.
import { ContractError } from '../../../contract/errors'
import {
  AtCommandError,
  AtEngine,
  decodeUcs2Hex,
  parseCopsRead,
  parseCsq,
  parseFirmware,
  parseImei,
  parseManufacturer,
  parseModel,
  parseRegistration,
  type AtEngineOptions,
  type AtUrc,
  type CsqInfo,
  type CurrentOperator,
  type IccidInfo,
  type TranscriptEntry
} from '../../at'
import type {
  ApnOperations,
  AtConsoleOperations,
  ControlOperations,
  DeviceTarget,
  HotspotDriver,
  SmsOperations,
  UssdOperations
} from '../../driver'
import type { Capability, DeviceReading, Identity, Sim } from '../../model'
import { SerialLineChannel, type LineChannel } from '../../transports/serial-line-channel'
import { ApnState, createApnOperations } from './apn'
import { probeCapabilities } from './capabilities'
import { createControlOperations } from './control'
import { DataLink, DEFAULT_DATA_TIMING } from './data'
import { selectDialect, type DialectId, type RegistrationExtras, type SignalPart } from './dialects'
import { GENERIC_AT_FAMILY_ID } from './fingerprint'
import { createNetworkModeOperations, type NetworkModeOperations } from './network-mode'
import { parseCscs } from './parse'
import { claimPort, releasePort, type PortOwner } from './ports'
import { buildDataSession, combineRegistration, combineSignal, registrationRat, type RegistrationReports } from './reading'
import { AtSession } from './session'
import {
  defaultOwnNumberParser,
  ownNumberFromCnum,
  ownNumberFromPhonebook,
  ownNumberFromUssd,
  readIccid,
  readImsi,
  readPinCounters,
  readSimStatus
} from './sim'
import { createSmsOperations } from './sms'
import { createUssdOperations, DEFAULT_USSD_TIMING, UssdChannel } from './ussd'

export interface GenericAtTiming {
  /** How long the network may take to answer a USSD request. */
  ussdReplyTimeoutMs: number
  /** How long a packet-domain (re)attach may take. */
  attachTimeoutMs: number
  /** Between polls while waiting for an attach. */
  pollIntervalMs: number
  /** How long the SIM may stay busy after a PIN/PUK before we stop waiting for READY. */
  simReadyTimeoutMs: number
  /** First back-off after an own-number USSD request that said nothing (no network yet, timeout). */
  ussdNumberRetryMs: number
}

export const DEFAULT_GENERIC_AT_TIMING: GenericAtTiming = {
  ussdReplyTimeoutMs: DEFAULT_USSD_TIMING.replyTimeoutMs,
  attachTimeoutMs: DEFAULT_DATA_TIMING.attachTimeoutMs,
  pollIntervalMs: DEFAULT_DATA_TIMING.pollIntervalMs,
  simReadyTimeoutMs: 10_000,
  ussdNumberRetryMs: 60_000
}

export interface GenericAtDriverOptions {
  /** The line channel for a path; default SerialLineChannel (serialport). Tests inject scripted channels. */
  channelFactory?: (path: string) => LineChannel
  /** The engine on a channel; default new AtEngine(channel, engineOptions). */
  engineFactory?: (channel: LineChannel) => AtEngine
  engineOptions?: AtEngineOptions
  /**
   * The carrier's own-number USSD code (e.g. "#686#" on T-Mobile US, carriers.md §7). Only when given does the
   * phone-number ladder send USSD; it never does so on its own.
   */
  ussdOwnNumberCode?: string
  /** Reads the number out of the carrier's reply; default: the first 7–15 digit run. */
  parseOwnNumberReply?: (text: string) => string | undefined
  timing?: Partial<GenericAtTiming>
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** What +CGMI/+CGMM/… said; read once per open. */
interface ModemIdentity {
  manufacturer: string
  model: string
  firmware?: string
  imei?: string
}

/** What the phone-number ladder learned about one SIM (by ICCID), so it runs once, not on every poll. */
interface NumberRecord {
  msisdn?: string
  source?: 'sim' | 'ussd'
  simChecked: boolean
  /** The USSD code that gave a definitive answer (a number or "none"); a different code is tried afresh. */
  ussdAnsweredFor?: string
  ussdAttempts: number
  nextUssdAt: number
}

const MAX_USSD_NUMBER_ATTEMPTS = 3
/** URCs after which what we read from the SIM may be stale (SIM swapped, re-initialised, unlocked). */
const SIM_EVENTS = new Set(['+CPIN', '^SIMST', '+QUSIM'])

export class GenericAtDriver implements HotspotDriver, PortOwner {
  readonly family = GENERIC_AT_FAMILY_ID
  /** Readings we could not take in the last read (left out of it); for diagnostics. */
  lastIssues: string[] = []
  /** The ICCID's Luhn check from the last reading (null when the ICCID has hex digits); the model has no field for it yet. */
  iccidLuhnValid: boolean | null | undefined

  // Every AT port can take raw commands; the console is there from the first open.
  private readonly caps = new Set<Capability>(['readIdentity', 'readSignal', 'atConsole'])
  private readonly timing: GenericAtTiming
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  private readonly apnState = new ApnState()
  private readonly dataLink: DataLink
  private readonly ussdChannel: UssdChannel
  private readonly numbers = new Map<string, NumberRecord>()
  private readonly ops: {
    apn: ApnOperations
    ussd: UssdOperations
    sms: SmsOperations
    control: Required<Pick<ControlOperations, 'setDataEnabled' | 'reboot' | 'unlockPin' | 'unlockPuk'>>
    networkMode: NetworkModeOperations
  }
  private engine: AtEngine | undefined
  private session: AtSession | undefined
  private identityInfo: ModemIdentity | undefined
  private simCache: { iccid?: IccidInfo; imsi?: string } = {}
  private opening: Promise<void> | undefined
  private probed = false
  private ownNumberCode: string | undefined
  private readonly openCommandsSent = new WeakSet<AtSession>()

  constructor(
    private readonly target: DeviceTarget,
    private readonly options: GenericAtDriverOptions = {}
  ) {
    this.timing = { ...DEFAULT_GENERIC_AT_TIMING, ...options.timing }
    this.sleep = options.sleep ?? abortableSleep
    this.ownNumberCode = options.ussdOwnNumberCode
    this.dataLink = new DataLink({ attachTimeoutMs: this.timing.attachTimeoutMs, pollIntervalMs: this.timing.pollIntervalMs }, this.sleep)
    this.ussdChannel = new UssdChannel(() => this.liveSession(), { replyTimeoutMs: this.timing.ussdReplyTimeoutMs })
    const session = () => this.liveSession()
    const exclusive = <T>(body: () => Promise<T>): Promise<T> => this.liveSession().exclusive(body)
    this.ops = {
      apn: createApnOperations({ session, exclusive, state: this.apnState, data: this.dataLink }),
      ussd: createUssdOperations(this.ussdChannel),
      sms: createSmsOperations({ session, exclusive }),
      control: createControlOperations({
        session,
        exclusive,
        data: this.dataLink,
        simChanged: () => this.forgetSim(),
        resetting: () => this.modemResetting(),
        sleep: this.sleep,
        simReadyTimeoutMs: this.timing.simReadyTimeoutMs
      }),
      networkMode: createNetworkModeOperations(session, exclusive)
    }
  }

  get capabilities(): ReadonlySet<Capability> {
    return this.caps
  }

  /** The dialect chosen at open, for diagnostics ("huawei", "zte", "quectel", "3gpp"). */
  get dialect(): DialectId | undefined {
    return this.session?.dialect.id
  }

  /** The AT transcript of this port (for "copy diagnostics" and the AT console). */
  get transcript(): TranscriptEntry[] {
    return this.engine?.transcript ?? []
  }

  /** Raw commands for the AT console: through the engine's queue, modem errors returned as replies. */
  get atConsole(): AtConsoleOperations | undefined {
    const engine = this.engine
    if (!engine || !this.caps.has('atConsole')) return undefined
    return {
      send: async (command, signal) => {
        const started = Date.now()
        try {
          const response = await engine.command(command, { expect: 'any', ...(signal ? { signal } : {}) })
          return { lines: response.lines, final: response.final, elapsedMs: response.elapsedMs }
        } catch (error) {
          // ERROR / +CME ERROR are answers a technician wants to see, not failures of the console.
          if (error instanceof AtCommandError) return { lines: [], final: error.finalLine, elapsedMs: Date.now() - started }
          throw error
        }
      },
      transcript: () => engine.transcript.map((entry) => ({ ...entry }))
    }
  }

  get apn(): ApnOperations | undefined {
    return this.caps.has('apnRead') ? this.ops.apn : undefined
  }

  get ussd(): UssdOperations | undefined {
    return this.caps.has('ussd') ? this.ops.ussd : undefined
  }

  get sms(): SmsOperations | undefined {
    return this.caps.has('sms') ? this.ops.sms : undefined
  }

  /** Only the methods whose capability this modem declared. */
  get control(): ControlOperations | undefined {
    const { control } = this.ops
    const offered: ControlOperations = {}
    if (this.caps.has('dataSwitch')) offered.setDataEnabled = control.setDataEnabled
    if (this.caps.has('reboot')) offered.reboot = control.reboot
    if (this.caps.has('pinUnlock')) {
      offered.unlockPin = control.unlockPin
      offered.unlockPuk = control.unlockPuk
    }
    return Object.keys(offered).length > 0 ? offered : undefined
  }

  /** Network mode through the dialect's vendor command; undefined for the plain 3GPP dialect (no contract for it yet). */
  get networkMode(): NetworkModeOperations | undefined {
    return this.session?.dialect.networkMode ? this.ops.networkMode : undefined
  }

  /** Enable (a code) or disable (undefined) the own-number USSD rung of the phone-number ladder. */
  setOwnNumberUssd(code: string | undefined): void {
    this.ownNumberCode = code?.trim() || undefined
  }

  describe(): { manufacturer?: string; model?: string; dialect?: string } | undefined {
    const identity = this.identityInfo
    if (!identity) return undefined
    return { manufacturer: identity.manufacturer, model: identity.model, ...(this.dialect ? { dialect: this.dialect } : {}) }
  }

  open(signal?: AbortSignal): Promise<void> {
    this.opening ??= this.doOpen(signal).finally(() => {
      this.opening = undefined
    })
    return this.opening
  }

  async read(signal?: AbortSignal): Promise<DeviceReading> {
    if (!this.session || this.engine?.state !== 'open') await this.open(signal)
    const session = this.liveSession()
    return session.exclusive(() => this.readOnce(session, signal))
  }

  async close(): Promise<void> {
    const engine = this.engine
    if (this.ussdChannel.sessionOpen && engine?.state === 'open') await this.ussdChannel.cancel().catch(() => undefined)
    this.session = undefined
    this.ussdChannel.reset()
    if (engine) await engine.close()
    if (this.target.connection.kind === 'serial') releasePort(this.target.connection.path, this)
  }

  // ---------------------------------------------------------------------------------------------------------
  // Open

  private async doOpen(signal: AbortSignal | undefined): Promise<void> {
    const connection = this.target.connection
    if (connection.kind !== 'serial') {
      throw new ContractError('BAD_INPUT', 'USB modems are reached over a serial port (e.g. /dev/ttyUSB2 or COM5).', { connection: connection.kind })
    }
    claimPort(connection.path, this)
    const engine = this.engine ?? this.createEngine(connection.path)
    if (engine.state === 'gone') await engine.reopen()
    else if (engine.state !== 'open') await engine.open()
    this.ussdChannel.reset()

    const identity = await readIdentity(engine, signal)
    this.identityInfo = identity
    const dialect = selectDialect(identity)
    const session = new AtSession(engine, dialect, { manufacturer: identity.manufacturer, model: identity.model })
    await configure(session, signal)
    this.session = session

    const sim = await readSimStatus(session, signal)
    if (sim.state === 'ready') await this.simReady(session, signal)
    else this.forgetSim()
    if (!this.probed) {
      const granted = await probeCapabilities(session, sim.state === 'ready', signal)
      this.caps.clear()
      for (const capability of granted) this.caps.add(capability)
      this.caps.add('atConsole')
      this.probed = true
    }
  }

  private createEngine(path: string): AtEngine {
    const channel = this.options.channelFactory?.(path) ?? new SerialLineChannel({ path })
    const engine = this.options.engineFactory?.(channel) ?? new AtEngine(channel, this.options.engineOptions)
    engine.onUrc((urc) => this.handleUrc(urc))
    engine.onTranscript((entry) => this.ussdChannel.handleTranscript(entry))
    engine.onClose(() => {
      this.ussdChannel.reset()
    })
    this.engine = engine
    return engine
  }

  private handleUrc(urc: AtUrc): void {
    this.ussdChannel.handleUrc(urc)
    if (SIM_EVENTS.has(urc.name)) this.forgetSim()
  }

  private liveSession(): AtSession {
    const session = this.session
    if (!session || this.engine?.state !== 'open') {
      throw new ContractError('DEVICE_GONE', `The modem on ${this.target.connection.kind === 'serial' ? this.target.connection.path : 'this port'} is not open.`)
    }
    return session
  }

  private forgetSim(): void {
    this.simCache = {}
  }

  private modemResetting(): void {
    this.forgetSim()
    this.ussdChannel.reset()
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reading

  private async readOnce(session: AtSession, signal: AbortSignal | undefined): Promise<DeviceReading> {
    const issues: string[] = []
    const attempt = async <T>(what: string, body: () => Promise<T | undefined>): Promise<T | undefined> => {
      try {
        return await body()
      } catch (error) {
        if (!(error instanceof AtCommandError)) throw error
        issues.push(`${what}: ${error.message}`)
        return undefined
      }
    }

    const status = await readSimStatus(session, signal)
    const sim: Sim = { state: status.state }
    const reports = await this.readRegistration(session, signal, attempt)
    const extras = await attempt('registration extras', () => this.registrationExtras(session, signal))
    const registered = [reports.c5greg, reports.cereg, reports.cgreg, reports.creg].some((report) => report?.state === 'home' || report?.state === 'roaming')

    if (status.state === 'ready') {
      await this.simReady(session, signal)
      const { iccid, imsi } = this.simCache
      if (iccid) sim.iccid = iccid.iccid
      if (imsi) sim.imsi = imsi
      this.iccidLuhnValid = iccid?.luhnValid
      const number = await this.ownNumber(session, registered, signal)
      if (number?.msisdn && number.source) {
        sim.msisdn = number.msisdn
        sim.msisdnSource = number.source
      }
    } else {
      this.forgetSim()
      this.iccidLuhnValid = undefined
      if (status.state === 'pin-required' || status.state === 'puk-required') {
        const counters = await attempt('PIN counters', () => readPinCounters(session, signal))
        if (counters?.pin !== undefined) sim.pinAttemptsLeft = counters.pin
        if (counters?.puk !== undefined) sim.pukAttemptsLeft = counters.puk
      }
    }

    const operator = registered ? await attempt('operator', () => this.readOperator(session, signal)) : undefined
    const registration = combineRegistration(reports, operator?.named, operator?.plmn)

    const parts = await this.signalParts(session, signal, issues)
    const haveLevel = parts.some((part) => part.rsrpDbm !== undefined || part.rscpDbm !== undefined || part.rssiDbm !== undefined)
    const csq = haveLevel ? undefined : await attempt('signal (+CSQ)', () => this.readCsq(session, signal))
    const radio = registrationRat(reports, operator?.named)
    const signalReading = combineSignal({ parts, registered, ...(csq ? { csq } : {}), ...(extras ? { extras } : {}), ...(radio ? { registration: radio } : {}) })

    const simReady = status.state === 'ready'
    const link = simReady ? await attempt('data session', () => this.dataLink.state(session, signal)) : undefined
    const data = buildDataSession({ simReady, ...link, ...(this.dataLink.lastFailure ? { lastFailure: this.dataLink.lastFailure } : {}) })

    this.lastIssues = issues
    return { identity: this.identity(), sim, signal: signalReading, registration, data, usage: {} }
  }

  private identity(): Identity {
    const info = this.identityInfo
    const identity: Identity = {}
    if (info?.manufacturer) identity.manufacturer = info.manufacturer
    if (info?.model) identity.model = info.model
    if (info?.firmware) identity.firmware = info.firmware
    if (info?.imei) identity.imei = info.imei
    return identity
  }

  /** With the SIM ready: the dialect's open commands once per session, then ICCID and IMSI (cached). */
  private async simReady(session: AtSession, signal: AbortSignal | undefined): Promise<void> {
    if (!this.openCommandsSent.has(session)) {
      this.openCommandsSent.add(session)
      await runOpenCommands(session, signal)
    }
    this.simCache.iccid ??= await readIccid(session, signal)
    this.simCache.imsi ??= await readImsi(session, signal)
  }

  private async readRegistration(
    session: AtSession,
    signal: AbortSignal | undefined,
    attempt: <T>(what: string, body: () => Promise<T | undefined>) => Promise<T | undefined>
  ): Promise<RegistrationReports> {
    const reports: RegistrationReports = {}
    const queries = [
      ['cereg', 'AT+CEREG?'],
      ['cgreg', 'AT+CGREG?'],
      ['creg', 'AT+CREG?'],
      ['c5greg', 'AT+C5GREG?']
    ] as const
    for (const [key, command] of queries) {
      const reply = await attempt(command, () => session.optional(command, { signal }))
      if (!reply) continue
      // With reports enabled, a URC of the same name can land among the reply's lines; the solicited one is
      // the line that parses in the read form (<n>,<stat>,…).
      for (const line of reply.lines) {
        const parsed = parseRegistration([line], { form: 'read' })
        if (parsed.ok) {
          reports[key] = parsed.value
          break
        }
      }
    }
    return reports
  }

  private async registrationExtras(session: AtSession, signal: AbortSignal | undefined): Promise<RegistrationExtras | undefined> {
    const query = session.dialect.registrationExtras
    if (!query) return undefined
    const reply = await session.optional(query.command, { signal })
    if (!reply) return undefined
    const parsed = query.parse(reply.lines)
    return parsed.ok ? parsed.value : undefined
  }

  /**
   * +COPS? in numeric format for the PLMN, then in long alphanumeric format for the name (27.007 §7.3:
   * AT+COPS=3,<format> only sets the format). The modem is left in the long format, what most tools expect.
   */
  private async readOperator(session: AtSession, signal: AbortSignal | undefined): Promise<{ named?: CurrentOperator; plmn?: string }> {
    const read = async (): Promise<CurrentOperator | undefined> => {
      const parsed = parseCopsRead((await session.command('AT+COPS?', { signal })).lines)
      if (!parsed.ok) return undefined
      const value = parsed.value
      // With +CSCS="UCS2" the name comes hex-encoded (27.007 §5.5).
      if (value.operator && value.format !== 2 && session.charset === 'UCS2' && /^([0-9A-Fa-f]{4})+$/.test(value.operator)) {
        const decoded = decodeUcs2Hex(value.operator)
        if (decoded.ok) value.operator = decoded.value
      }
      return value
    }
    const result: { named?: CurrentOperator; plmn?: string } = {}
    const numericFormat = await session.optional('AT+COPS=3,2', { signal, timeoutMs: 3_000 })
    const first = await read()
    if (first?.plmn) result.plmn = first.plmn
    if (first && first.format !== 2) result.named = first
    if (numericFormat && (await session.optional('AT+COPS=3,0', { signal, timeoutMs: 3_000 }))) {
      const named = await read()
      if (named) result.named = named
    }
    return result
  }

  private async signalParts(session: AtSession, signal: AbortSignal | undefined, issues: string[]): Promise<SignalPart[]> {
    const parts: SignalPart[] = []
    const identity = session.identity
    for (const query of session.dialect.signal) {
      if (query.onlyIfMissing && parts.some((part) => part.rsrpDbm !== undefined || part.rssiDbm !== undefined || part.rscpDbm !== undefined)) continue
      try {
        const reply = await session.optional(query.command, { signal })
        if (!reply) continue
        const parsed = query.parse(reply.lines, identity)
        if (parsed.ok) parts.push(parsed.value)
        else issues.push(`${query.command}: ${parsed.error.message}`)
      } catch (error) {
        if (!(error instanceof AtCommandError)) throw error
        issues.push(`${query.command}: ${error.message}`)
      }
    }
    return parts
  }

  private async readCsq(session: AtSession, signal: AbortSignal | undefined): Promise<CsqInfo | undefined> {
    const parsed = parseCsq((await session.command('AT+CSQ', { signal })).lines)
    return parsed.ok ? parsed.value : undefined
  }

  /**
   * The phone-number ladder for the SIM in the modem, remembered per ICCID: +CNUM and the own-number
   * phonebook once; the carrier's own-number USSD code only when the caller enabled one, once it has a
   * definitive answer, and with back-off while the network cannot answer yet.
   */
  private async ownNumber(session: AtSession, registered: boolean, signal: AbortSignal | undefined): Promise<NumberRecord | undefined> {
    const key = this.simCache.iccid?.iccid ?? this.simCache.imsi
    if (!key) return undefined
    let record = this.numbers.get(key)
    if (!record) {
      record = { simChecked: false, ussdAttempts: 0, nextUssdAt: 0 }
      this.numbers.set(key, record)
    }
    if (record.msisdn) return record
    if (!record.simChecked) {
      const fromSim = (await ownNumberFromCnum(session, signal)) ?? (await ownNumberFromPhonebook(session, signal))
      record.simChecked = true
      if (fromSim) {
        record.msisdn = fromSim
        record.source = 'sim'
        return record
      }
    }
    const code = this.ownNumberCode
    if (!code || !registered || !this.caps.has('ussd') || record.ussdAnsweredFor === code || Date.now() < record.nextUssdAt) return record
    const parse = this.options.parseOwnNumberReply ?? defaultOwnNumberParser
    const outcome = await ownNumberFromUssd(this.ussdChannel, code, parse, signal)
    if (outcome.number) {
      record.msisdn = outcome.number
      record.source = 'ussd'
    }
    if (outcome.definitive) {
      record.ussdAnsweredFor = code
      record.ussdAttempts = 0
    } else {
      record.ussdAttempts++
      record.nextUssdAt = Date.now() + this.timing.ussdNumberRetryMs * record.ussdAttempts
      // Three silent networks in a row: leave the number to the user rather than probing forever.
      if (record.ussdAttempts >= MAX_USSD_NUMBER_ATTEMPTS) record.ussdAnsweredFor = code
    }
    return record
  }
}

async function readIdentity(engine: AtEngine, signal: AbortSignal | undefined): Promise<ModemIdentity> {
  const text = async <T>(command: string, parse: (lines: string[]) => { ok: true; value: T } | { ok: false }): Promise<T | undefined> => {
    try {
      const parsed = parse((await engine.command(command, { signal })).lines)
      return parsed.ok ? parsed.value : undefined
    } catch (error) {
      if (error instanceof AtCommandError) return undefined
      throw error
    }
  }
  const identity: ModemIdentity = {
    manufacturer: (await text('AT+CGMI', parseManufacturer)) ?? '',
    model: (await text('AT+CGMM', parseModel)) ?? ''
  }
  const firmware = await text('AT+CGMR', parseFirmware)
  if (firmware) identity.firmware = firmware
  const imei = await text('AT+CGSN', parseImei)
  if (imei) identity.imei = imei.imei
  return identity
}

/**
 * Settings the reading relies on: a text character set for names and USSD (+CSCS="IRA", else "GSM"), and
 * registration reports with location and reject cause (<n>=3 for +CEREG, 2 for the others; 27.007 §7.2,
 * §10.1.22). The modem's own quirks come from the dialect.
 */
async function configure(session: AtSession, signal: AbortSignal | undefined): Promise<void> {
  const quiet = async (command: string): Promise<boolean> => {
    try {
      return (await session.optional(command, { signal, timeoutMs: 3_000 })) !== undefined
    } catch (error) {
      if (error instanceof AtCommandError) return false
      throw error
    }
  }
  if (!(await quiet('AT+CSCS="IRA"'))) await quiet('AT+CSCS="GSM"')
  try {
    const charset = parseCscs((await session.command('AT+CSCS?', { signal, timeoutMs: 3_000 })).lines)
    if (charset.ok) session.charset = charset.value
  } catch (error) {
    if (!(error instanceof AtCommandError)) throw error
  }
  if (!(await quiet('AT+CEREG=3'))) await quiet('AT+CEREG=2')
  await quiet('AT+CGREG=2')
  await quiet('AT+CREG=2')
  await quiet('AT+C5GREG=2')
}

/** The dialect's own settings; they may touch the SIM (ZTE's +CPMS?), so they wait until it is ready. */
async function runOpenCommands(session: AtSession, signal: AbortSignal | undefined): Promise<void> {
  for (const command of session.dialect.openCommands ?? []) {
    try {
      await session.optional(command, { signal, timeoutMs: 3_000 })
    } catch (error) {
      if (!(error instanceof AtCommandError)) throw error
    }
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ContractError('CANCELLED', 'Cancelled.'))
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new ContractError('CANCELLED', 'Cancelled.'))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
