// +CPIN? (3GPP TS 27.007 §8.3) → which code the SIM or the device waits for, mapped to the model's SIM state.
// "+CME ERROR: 10" instead of a +CPIN line means no SIM (device-protocols.md §4.3); simStateForCmeError
// covers that path, since the engine reports it as an AtCommandError.
import type { Sim } from '../../model'
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { informationLines, stripPrefix, unquote } from './fields'

export type SimState = Sim['state']

/** 27.007 §8.3 <code>s, plus two vendor words some firmware uses in +CPIN URCs [U]. */
const CPIN_CODES: Readonly<Record<string, SimState>> = {
  READY: 'ready',
  'SIM PIN': 'pin-required',
  'SIM PUK': 'puk-required',
  // PIN2/PUK2 guard only FDN etc.; the SIM itself is usable.
  'SIM PIN2': 'ready',
  'SIM PUK2': 'ready',
  // PH-* codes: the device (not the SIM) is locked, e.g. PH-NET PIN = locked to another carrier.
  'PH-SIM PIN': 'pin-required',
  'PH-FSIM PIN': 'pin-required',
  'PH-FSIM PUK': 'puk-required',
  'PH-NET PIN': 'pin-required',
  'PH-NET PUK': 'puk-required',
  'PH-NETSUB PIN': 'pin-required',
  'PH-NETSUB PUK': 'puk-required',
  'PH-SP PIN': 'pin-required',
  'PH-SP PUK': 'puk-required',
  'PH-CORP PIN': 'pin-required',
  'PH-CORP PUK': 'puk-required',
  'NOT INSERTED': 'absent',
  'NOT READY': 'unknown'
}

export interface CpinInfo {
  /** The code as 27.007 spells it, e.g. "SIM PIN", "PH-NET PIN". */
  code: string
  simState: SimState
  /** True for the PH-* codes: the device is personalised (network/SIM locked), not just PIN-protected. */
  deviceLock: boolean
}

/** AT+CPIN? → "+CPIN: <code>" (also accepts a bare code line). */
export function parseCpin(input: ParseInput): ParseResult<CpinInfo> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    for (const line of lines.value) {
      const body = stripPrefix(line, '+CPIN:')
      if (body === undefined && /^[+^$%#][A-Za-z0-9]+:/.test(line)) continue
      const code = unquote(body ?? line).trim().toUpperCase().replace(/\s+/g, ' ')
      const simState = CPIN_CODES[code]
      if (simState === undefined) return fail('malformed', `"${code}" is not a +CPIN code`, input)
      return ok({ code, simState, deviceLock: code.startsWith('PH-') })
    }
    return fail('empty', 'no +CPIN line', input)
  })
}

/** The SIM state a +CME error on a SIM command implies (27.007 §9.2.1), or undefined when it says nothing. */
export function simStateForCmeError(code: number | undefined): SimState | undefined {
  switch (code) {
    case 10:
      return 'absent'
    case 11:
    case 5:
      return 'pin-required'
    case 12:
      return 'puk-required'
    case 13:
    case 15:
      return 'invalid'
    default:
      return undefined
  }
}
