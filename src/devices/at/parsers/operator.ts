// +COPS? (current operator) and +COPS=? (network scan), 3GPP TS 27.007 §7.3; device-protocols.md §4.3.
// Scan replies vary a lot between firmware; the samples in the tests come from ModemManager's
// src/tests/test-modem-helpers.c (test_cops_response_*).
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { accessTechnology, type RadioTech } from './access-technology'
import { informationLines, isQuoted, prefixedBodies, splitFields, stripPrefix, toInt, unquote } from './fields'

export type CopsMode = 'automatic' | 'manual' | 'deregistered' | 'format-only' | 'manual-automatic'

const MODES: Readonly<Record<number, CopsMode>> = {
  0: 'automatic',
  1: 'manual',
  2: 'deregistered',
  3: 'format-only',
  4: 'manual-automatic'
}

export interface CurrentOperator {
  mode: number
  modeName?: CopsMode
  /** 0 long alphanumeric, 1 short alphanumeric, 2 numeric (MCC+MNC). */
  format?: number
  operator?: string
  /** MCC+MNC when the operator is given in numeric format. */
  plmn?: string
  act?: number
  actName?: string
  rat?: RadioTech
}

/** AT+COPS? → "+COPS: <mode>[,<format>,<oper>[,<AcT>]]". Registered to nothing: "+COPS: 0". */
export function parseCopsRead(input: ParseInput): ParseResult<CurrentOperator> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['+COPS:'])[0]
    if (body === undefined) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no +COPS line', input)
    if (body.startsWith('(')) return fail('malformed', 'this is a +COPS=? scan result, not +COPS?', input)
    const fields = splitFields(body)
    const mode = toInt(fields[0])
    if (mode === undefined) return fail('malformed', `"${body}" has no numeric <mode>`, input)
    const result: CurrentOperator = { mode }
    const modeName = MODES[mode]
    if (modeName) result.modeName = modeName
    const format = toInt(fields[1])
    if (format !== undefined) result.format = format
    const operator = unquote(fields[2]).trim()
    if (operator.length > 0) {
      result.operator = operator
      if (format === 2 && /^\d{5,6}$/.test(operator)) result.plmn = operator
    }
    const act = toInt(fields[3])
    if (act !== undefined) {
      result.act = act
      const tech = accessTechnology(act)
      if (tech) {
        result.actName = tech.name
        result.rat = tech.rat
      }
    }
    return ok(result)
  })
}

export type NetworkAvailability = 'unknown' | 'available' | 'current' | 'forbidden'

export interface ScannedNetwork {
  stat: number
  availability?: NetworkAvailability
  longName?: string
  shortName?: string
  /** The numeric field as sent (normally MCC+MNC). */
  numeric?: string
  /** MCC+MNC, when the numeric field is 5 or 6 digits. */
  plmn?: string
  act?: number
  actName?: string
  rat?: RadioTech
}

export interface NetworkScan {
  networks: ScannedNetwork[]
  /** The "(0-4)" list of supported <mode>s after the empty field, when present. */
  supportedModes?: number[]
  /** The "(0-2)" list of supported <format>s, when present. */
  supportedFormats?: number[]
}

const AVAILABILITY: Readonly<Record<number, NetworkAvailability>> = { 0: 'unknown', 1: 'available', 2: 'current', 3: 'forbidden' }

/**
 * AT+COPS=? → "+COPS: (<stat>,"long","short","numeric"[,<AcT>]),…,,(list of modes),(list of formats)".
 * Tolerates tuples split over several lines and malformed tuples (skipped).
 */
export function parseCopsTest(input: ParseInput): ParseResult<NetworkScan> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const parts: string[] = []
    let seen = false
    for (const line of lines.value) {
      const body = stripPrefix(line, '+COPS:')
      if (body !== undefined) {
        seen = true
        parts.push(body)
      } else if (seen && line.startsWith('(')) {
        parts.push(line) // a tuple list wrapped onto the next line (MM test_cops_response_gobi)
      }
    }
    if (!seen) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no +COPS line', input)
    // Rejoin wrapped lines without inventing an empty field, and split tuples some firmware forgets to
    // separate: '…,7)(0,1,2,3,4)' (MM test_cops_response_em9191).
    let joined = ''
    for (const part of parts) joined = joined.length === 0 || joined.endsWith(',') ? joined + part : `${joined},${part}`
    const tokens = splitFields(joined.replace(/\)\s*\(/g, '),('))
    const scan: NetworkScan = { networks: [] }
    let afterEmpty = false
    const lists: number[][] = []
    for (const token of tokens) {
      if (token.length === 0) {
        afterEmpty = true
        continue
      }
      if (!token.startsWith('(')) continue
      const inner = token.slice(1, token.endsWith(')') ? -1 : undefined)
      const fields = splitFields(inner)
      if (!afterEmpty && fields.length >= 4 && (isQuoted(fields[1]) || isQuoted(fields[3]))) {
        const network = tupleToNetwork(fields)
        if (network) scan.networks.push(network)
        continue
      }
      if (afterEmpty || fields.every((field) => /^\s*\d+\s*(-\s*\d+)?\s*$/.test(field) || field === '')) {
        const list = expandList(fields)
        if (list.length > 0) lists.push(list)
      }
    }
    if (lists[0]) scan.supportedModes = lists[0]
    if (lists[1]) scan.supportedFormats = lists[1]
    return ok(scan)
  })
}

function tupleToNetwork(fields: string[]): ScannedNetwork | undefined {
  const stat = toInt(fields[0])
  if (stat === undefined) return undefined
  const network: ScannedNetwork = { stat }
  const availability = AVAILABILITY[stat]
  if (availability) network.availability = availability
  const longName = unquote(fields[1]).trim()
  const shortName = unquote(fields[2]).trim()
  const numeric = unquote(fields[3]).trim()
  if (longName) network.longName = longName
  if (shortName) network.shortName = shortName
  if (numeric) network.numeric = numeric
  if (/^\d{5,6}$/.test(numeric)) network.plmn = numeric
  if (!longName && !shortName && !numeric) return undefined
  const act = toInt(fields[4])
  if (act !== undefined) {
    network.act = act
    const tech = accessTechnology(act)
    if (tech) {
      network.actName = tech.name
      network.rat = tech.rat
    }
  }
  return network
}

/** "0,1,2" / "0-4" / "0, 1, 3" → numbers. Caps ranges so hostile input cannot allocate a huge array. */
function expandList(fields: string[]): number[] {
  const values: number[] = []
  for (const field of fields) {
    const range = /^\s*(\d{1,4})\s*-\s*(\d{1,4})\s*$/.exec(field)
    if (range) {
      const from = Number(range[1])
      const to = Math.min(Number(range[2]), from + 64)
      for (let value = from; value <= to; value++) values.push(value)
      continue
    }
    const single = toInt(field)
    if (single !== undefined) values.push(single)
  }
  return values
}
