// +CREG / +CGREG / +CEREG / +C5GREG, read and unsolicited forms (3GPP TS 27.007 §7.2, §10.1.20, §10.1.22,
// §10.1.52). The read form starts with <n>; the URC does not (device-protocols.md §4.3, §7: parse them
// separately). The engine knows which one it has, so callers pass `form`; 'auto' guesses from the shape the
// way ModemManager's CREG regexes do (src/mm-modem-helpers.c), which is right for every sample in its tests.
import type { Registration } from '../../model'
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { accessTechnology, type RadioTech } from './access-technology'
import { informationLines, isQuoted, splitFields, stripPrefix, toHex, toInt, unquote } from './fields'

export type RegistrationCommand = '+CREG' | '+CGREG' | '+CEREG' | '+C5GREG'

export type RegistrationState = Registration['state']

/** 27.007 §7.2 <stat>. */
export const REGISTRATION_STATUS: Readonly<Record<number, { name: string; state: RegistrationState }>> = {
  0: { name: 'not registered, not searching', state: 'not-registered' },
  1: { name: 'registered, home network', state: 'home' },
  2: { name: 'not registered, searching', state: 'searching' },
  3: { name: 'registration denied', state: 'denied' },
  4: { name: 'unknown', state: 'unknown' },
  5: { name: 'registered, roaming', state: 'roaming' },
  6: { name: 'registered for "SMS only", home network', state: 'home' },
  7: { name: 'registered for "SMS only", roaming', state: 'roaming' },
  8: { name: 'attached for emergency bearer services only', state: 'not-registered' },
  9: { name: 'registered for "CSFB not preferred", home network', state: 'home' },
  10: { name: 'registered for "CSFB not preferred", roaming', state: 'roaming' },
  11: { name: 'attached for access to RLOS', state: 'not-registered' }
}

export interface RegistrationInfo {
  command: RegistrationCommand
  form: 'read' | 'urc'
  /** The URC setting, only in the read form. */
  n?: number
  stat: number
  statName: string
  state: RegistrationState
  /** Location area code (CREG/CGREG) or tracking area code (CEREG/C5GREG), uppercase hex. */
  areaCode?: string
  /** Cell id, uppercase hex. */
  cellId?: string
  act?: number
  actName?: string
  rat?: RadioTech
  /** Routing area code (CGREG only), hex. */
  routingArea?: string
  /** 0 = EMM cause (24.301 Annex A), 1 = manufacturer specific. */
  rejectCauseType?: number
  rejectCause?: number
}

export interface RegistrationOptions {
  /** 'read' for the reply to AT+CxREG?, 'urc' for an unsolicited line, 'auto' to guess. Default 'auto'. */
  form?: 'read' | 'urc' | 'auto'
}

const COMMANDS: readonly RegistrationCommand[] = ['+C5GREG', '+CEREG', '+CGREG', '+CREG']

/** The first registration line in the input. */
export function parseRegistration(input: ParseInput, options: RegistrationOptions = {}): ParseResult<RegistrationInfo> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    for (const line of lines.value) {
      for (const command of COMMANDS) {
        const body = stripPrefix(line, `${command}:`)
        if (body !== undefined) return parseBody(command, body, options.form ?? 'auto', input)
      }
    }
    return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no +CREG/+CGREG/+CEREG/+C5GREG line', input)
  })
}

function parseBody(command: RegistrationCommand, body: string, wanted: 'read' | 'urc' | 'auto', input: unknown): ParseResult<RegistrationInfo> {
  const fields = splitFields(body)
  const form = wanted === 'auto' ? guessForm(fields) : wanted
  let n: number | undefined
  let rest = fields
  if (form === 'read') {
    n = toInt(fields[0])
    if (n === undefined) return fail('malformed', `"${body}" has no numeric <n>`, input)
    rest = fields.slice(1)
  }
  const stat = toInt(rest[0])
  if (stat === undefined) return fail('malformed', `"${body}" has no numeric <stat>`, input)
  const status = REGISTRATION_STATUS[stat]
  if (!status) return fail('out-of-range', `<stat> ${stat} is not defined in 27.007`, input)

  const info: RegistrationInfo = { command, form, stat, statName: status.name, state: status.state }
  if (n !== undefined) info.n = n
  const area = toHex(rest[1])
  if (area) info.areaCode = area.text
  const cell = toHex(rest[2])
  if (cell) info.cellId = cell.text
  const act = toInt(rest[3])
  if (act !== undefined) {
    info.act = act
    const tech = accessTechnology(act)
    if (tech) {
      info.actName = tech.name
      info.rat = tech.rat
    }
  }
  // Field positions after <AcT> differ per command (27.007 §7.2, §10.1.20, §10.1.22, §10.1.52).
  let causeAt: number
  if (command === '+CGREG') {
    const rac = toHex(rest[4])
    if (rac) info.routingArea = rac.text
    causeAt = 5
  } else if (command === '+C5GREG') {
    causeAt = 6 // after <Allowed_NSSAI_length>,<Allowed_NSSAI>
  } else {
    causeAt = 4
  }
  const causeType = toInt(rest[causeAt])
  const cause = toInt(rest[causeAt + 1])
  if (causeType !== undefined && cause !== undefined) {
    info.rejectCauseType = causeType
    info.rejectCause = cause
  }
  return ok(info)
}

// Read form: <n>,<stat>,… — the second field is a small number. URC: <stat>,<lac>,… — the second field is a
// quoted or 4+ digit hex area code, or empty; a single field is always a URC.
function guessForm(fields: string[]): 'read' | 'urc' {
  if (fields.length <= 1) return 'urc'
  const second = fields[1] ?? ''
  if (isQuoted(second) || second.length === 0) return 'urc'
  const text = unquote(second).trim()
  if (/[A-Fa-f]/.test(text) || text.length >= 4) return 'urc'
  return 'read'
}
