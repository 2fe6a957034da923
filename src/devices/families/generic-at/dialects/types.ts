// What a vendor dialect contributes on top of 3GPP TS 27.007: the commands (and their pure parsers) for
// signal, ICCID, registration extras, network mode, PIN counters and USSD encoding. The driver core is
// generic and only ever asks the dialect object — never "is this a Huawei?" (STYLE.md "Drivers are
// plugins, capabilities drive the UI").
import type { ParseResult, UssdParseOptions } from '../../../at'
import type { Capability, Signal } from '../../../model'

export type DialectId = 'huawei' | 'zte' | 'quectel' | '3gpp'

/** Radio facts one query gives; the driver merges the queries (earlier ones win) and derives the bars. */
export type SignalPart = Omit<Partial<Signal>, 'bars'>

export interface SignalQuery {
  /** The full command line, e.g. 'AT^HCSQ?'. */
  command: string
  /** Only sent when the queries before it left both RSRP and RSSI unknown (a fallback for old firmware). */
  onlyIfMissing?: boolean
  parse(lines: readonly string[], identity: DialectIdentity): ParseResult<SignalPart>
}

/** What a vendor's system-info command adds to 27.007 registration: the radio and the network type. */
export interface RegistrationExtras {
  rat?: Signal['rat']
  /** As the modem names it: "LTE", "DC-HSPA+", "GPRS/EDGE". */
  networkType?: string
  /** The vendor's own "no service" flag (the +CxREG states stay authoritative). */
  noService?: boolean
}

export interface RegistrationQuery {
  command: string
  parse(lines: readonly string[]): ParseResult<RegistrationExtras>
}

/** The radio access the modem may use. Vendors spell it differently (^SYSCFGEX, +ZSNT, +QCFG="nwscanmode"). */
export type NetworkMode = 'auto' | 'lte-only' | 'umts-only' | 'gsm-only'

export const NETWORK_MODES: readonly NetworkMode[] = ['auto', 'lte-only', 'umts-only', 'gsm-only']

export interface NetworkModeCommands {
  read: string
  /** undefined when the modem reports a combination we have no name for (e.g. a custom acquisition order). */
  parse(lines: readonly string[]): ParseResult<NetworkMode | undefined>
  /** The command that selects `mode`; `current` is the reply to `read`, so settings beside the mode are kept. */
  set(mode: NetworkMode, current: readonly string[]): string
}

export interface PinCounters {
  pin?: number
  puk?: number
}

export interface PinCounterQuery {
  command: string
  parse(lines: readonly string[]): ParseResult<PinCounters>
}

export interface UssdCodec {
  /** The <str> of AT+CUSD=1,"<str>",15 for `text` under the modem's +CSCS, or null when it cannot be encoded. */
  encode(text: string, charset: string): string | null
  /** How parseCusd should read replies from this firmware. */
  decodeOptions(charset: string): UssdParseOptions
}

export interface DialectIdentity {
  manufacturer: string
  model: string
}

export interface AtDialect {
  readonly id: DialectId
  /** Shown in diagnostics, e.g. "Huawei (^HCSQ, ^SYSINFOEX)". */
  readonly label: string
  /** Chosen from +CGMI / +CGMM (and ATI text when fingerprinting). */
  matches(identity: DialectIdentity): boolean
  /** ICCID commands in the order to try; the 3GPP fallbacks (+CCID, +CRSM READ BINARY) follow. */
  readonly iccidCommands: readonly string[]
  /** Signal queries in order; +CSQ always follows as the last resort for the bars. */
  readonly signal: readonly SignalQuery[]
  readonly registrationExtras?: RegistrationQuery
  readonly networkMode?: NetworkModeCommands
  /** PIN/PUK retry counters, in the order to try. */
  readonly pinCounters: readonly PinCounterQuery[]
  readonly ussd: UssdCodec
  /** The PDP context the modem uses for data (27.007 <cid>). */
  readonly dataCid: number
  /** Sent once after every open (after ATE0, +CMEE=1); failures are ignored. */
  readonly openCommands?: readonly string[]
  /** What this dialect's command set can do at all; the open-time probe narrows it to what the modem answers. */
  readonly capabilities: readonly Capability[]
}
