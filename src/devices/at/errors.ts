// The error a command ends with when the modem answers ERROR / +CME ERROR / +CMS ERROR (or a call-progress
// code). It is a ContractError so a driver may let it cross the contract as is; drivers that understand a
// particular code (e.g. +CME 10 "SIM not inserted" on AT+CPIN?) catch it and turn it into state instead.
import { ContractError, type ErrorCode } from '../../contract/errors'
import type { FinalResult } from './result-codes'

export type AtErrorKind = 'error' | 'cme' | 'cms'

export class AtCommandError extends ContractError {
  /** Which family of final result ended the command. */
  readonly kind: AtErrorKind
  /** The numeric +CME/+CMS code when the modem gave one (or a verbose text we could map back). */
  readonly atCode: number | undefined
  /** The 27.007 §9.2 / 27.005 §3.2.5 name, e.g. "SIM not inserted", or the modem's own verbose text. */
  readonly atName: string
  /** The command as sent (secrets masked). */
  readonly command: string
  /** The final result line exactly as received. */
  readonly finalLine: string

  constructor(command: string, final: Exclude<FinalResult, { kind: 'ok' } | { kind: 'connect' }>) {
    const contractCode = contractCodeFor(final.kind, final.code, final.line)
    super(contractCode, `The modem refused ${command}: ${final.name} (${final.line}).`, {
      command,
      kind: final.kind,
      ...(final.code === undefined ? {} : { atCode: final.code }),
      atName: final.name,
      finalLine: final.line
    })
    this.name = 'AtCommandError'
    this.kind = final.kind
    this.atCode = final.code
    this.atName = final.name
    this.command = command
    this.finalLine = final.line
  }
}

// Only codes whose meaning matches a contract code one-to-one are mapped; everything else is PROTOCOL
// (the closed contract set has no "the device refused" code, see the engine's report).
function contractCodeFor(kind: AtErrorKind, code: number | undefined, line: string): ErrorCode {
  if (kind === 'cme') {
    if (code === 3 || code === 4) return 'UNSUPPORTED'
    if (code === 14) return 'BUSY' // SIM busy: try again later
    if (code === 16) return 'AUTH_FAILED' // wrong PIN/password: never retried automatically (SIM counts attempts)
  }
  if (kind === 'cms') {
    if (code === 302 || code === 303) return 'UNSUPPORTED'
    if (code === 314) return 'BUSY'
  }
  if (kind === 'error' && line.trim().toUpperCase() === 'COMMAND NOT SUPPORT') return 'UNSUPPORTED'
  return 'PROTOCOL'
}
