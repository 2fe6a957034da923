// Shapes shared by the modem core and the per-area command handlers.
import type { Args } from '../protocol/args'
import type { ParsedCommand } from '../protocol/command-line'
import type { ModemCore } from './modem-core'

/**
 * Information text a command produces. A string containing "\r\n" is one unit that is never split by
 * interleaved URCs (a +CMGL header and its PDU line belong together).
 */
export type InfoLines = string[]

/** The SMS input prompt ("> "): the host sends text or a PDU and ends it with Ctrl-Z, or ESC to cancel. */
export interface PromptSpec {
  submit(text: string): Promise<InfoLines> | InfoLines
}

export type HandlerResult = void | InfoLines | { lines?: InfoLines; prompt: PromptSpec }

export type Handler = (m: ModemCore, args: Args, cmd: ParsedCommand) => HandlerResult | Promise<HandlerResult>

export interface CommandSpec {
  /** Upper-case command name with its prefix: "+CSQ", "^HCSQ". */
  name: string
  /**
   * Refuse the command unless the SIM is ready, with +CME (27.007 §9.2.1: 10/11/12/13) or +CMS
   * (27.005: 310/311/316/313) codes. Test forms (=?) always work.
   */
  needsSim?: 'cme' | 'cms'
  exec?: Handler
  read?: Handler
  test?: Handler
  set?: Handler
}

/** Vendor behaviour that is not a command: URCs on events, periodic reports, storm vocabulary. */
export interface VendorHooks {
  /** Sees every command before it runs (ZTE stops its +ZUSIMR flood once the host reads +CPMS?). */
  onCommand?(m: ModemCore, cmd: ParsedCommand): void
  /** After power-on / re-enumeration (Quectel "RDY", …). */
  onBoot?(m: ModemCore): void
  onSimReady?(m: ModemCore): void
  onRegistrationChange?(m: ModemCore): void
  /** Called on every signal-walk step. */
  onSignalStep?(m: ModemCore, changed: { csq: boolean; hcsq: boolean }): void
  /** Unsolicited lines this firmware sends on its own; a URC storm draws from them. */
  stormUrcs(m: ModemCore): string[]
}
