// Pure parsers for the 27.007 / 27.005 replies the generic driver needs and src/devices/at/parsers does not
// cover yet: PDP state and addresses (+CGACT?, +CGPADDR, +CGATT?, +CGAUTH?), test-form ranges (+CGDCONT=?,
// +CFUN=?, +CMGF=?, +CPBR=?), the own-number phonebook (+CPBS?, +CPBR), the PDU listing (+CMGL), +CSCS? and
// a phone number inside a USSD reply. Each returns ParseResult and never throws (STYLE.md "Parsers are pure").
import { informationLines, prefixedBodies, splitFields, toInt, unquote } from '../../at/parsers/fields'
import { fail, guarded, ok, type ParseResult } from '../../at/result'

type Input = readonly string[] | string

/** AT+CGACT? → "+CGACT: <cid>,<state>" per defined context (27.007 §10.1.10). */
export function parseCgact(input: Input): ParseResult<Map<number, boolean>> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const states = new Map<number, boolean>()
    for (const body of prefixedBodies(lines.value, ['+CGACT:'])) {
      const [cid, state] = splitFields(body).map((field) => toInt(field))
      if (cid === undefined || (state !== 0 && state !== 1)) continue
      states.set(cid, state === 1)
    }
    return ok(states)
  })
}

/** AT+CGATT? → "+CGATT: <state>" (27.007 §10.1.9). */
export function parseCgatt(input: Input): ParseResult<boolean> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['+CGATT:'])[0]
    const state = toInt(body)
    if (state !== 0 && state !== 1) return fail(body === undefined ? 'missing' : 'malformed', 'no +CGATT state', input)
    return ok(state === 1)
  })
}

export interface PdpAddresses {
  ipv4?: string
  ipv6?: string
}

/**
 * AT+CGPADDR=<cid> → "+CGPADDR: <cid>[,<addr1>[,<addr2>]]" (27.007 §10.1.14). IPv6 comes as 16 dotted decimal
 * bytes unless +CGPIAF changed the format; some firmware puts "v4 v6" with a space in one field. "0.0.0.0"
 * and the all-zero IPv6 are "no address".
 */
export function parseCgpaddr(input: Input, cid: number): ParseResult<PdpAddresses> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    for (const body of prefixedBodies(lines.value, ['+CGPADDR:'])) {
      const fields = splitFields(body)
      if (toInt(fields[0]) !== cid) continue
      const addresses: PdpAddresses = {}
      for (const field of fields.slice(1)) {
        for (const token of unquote(field).trim().split(/\s+/)) {
          const v4 = ipv4(token)
          if (v4 && !addresses.ipv4) addresses.ipv4 = v4
          const v6 = ipv6(token)
          if (v6 && !addresses.ipv6) addresses.ipv6 = v6
        }
      }
      return ok(addresses)
    }
    return fail(lines.value.length === 0 ? 'empty' : 'missing', `no +CGPADDR line for context ${cid}`, input)
  })
}

function ipv4(token: string): string | undefined {
  const parts = token.split('.')
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined
  return token === '0.0.0.0' ? undefined : parts.map(Number).join('.')
}

function ipv6(token: string): string | undefined {
  if (token.includes(':')) {
    if (!/^[0-9A-Fa-f:]{2,39}$/.test(token) || /^[0:]+$/.test(token)) return undefined
    return token.toLowerCase()
  }
  const parts = token.split('.')
  if (parts.length !== 16 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined
  const groups: number[] = []
  for (let index = 0; index < 16; index += 2) groups.push(Number(parts[index]) * 256 + Number(parts[index + 1]))
  if (groups.every((group) => group === 0)) return undefined
  return compressIpv6(groups)
}

/** RFC 5952 text: lowercase hex, the longest run (≥ 2) of zero groups as "::". */
export function compressIpv6(groups: readonly number[]): string {
  let bestStart = -1
  let bestLength = 0
  for (let index = 0; index < groups.length; ) {
    if (groups[index] !== 0) {
      index++
      continue
    }
    let end = index
    while (end < groups.length && groups[end] === 0) end++
    if (end - index > bestLength) {
      bestStart = index
      bestLength = end - index
    }
    index = end
  }
  const hex = groups.map((group) => group.toString(16))
  if (bestLength < 2) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`
}

export interface ContextAuth {
  /** 27.007 §10.1.31 <auth_prot>: 0 none, 1 PAP, 2 CHAP (3: PAP or CHAP on several firmwares). */
  protocol: number
  username?: string
}

/** AT+CGAUTH? → "+CGAUTH: <cid>,<auth_prot>[,<userid>]" (the password is never shown). */
export function parseCgauth(input: Input): ParseResult<Map<number, ContextAuth>> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const auth = new Map<number, ContextAuth>()
    for (const body of prefixedBodies(lines.value, ['+CGAUTH:'])) {
      const fields = splitFields(body)
      const cid = toInt(fields[0])
      const protocol = toInt(fields[1])
      if (cid === undefined || protocol === undefined) continue
      const username = unquote(fields[2]).trim()
      auth.set(cid, username ? { protocol, username } : { protocol })
    }
    return ok(auth)
  })
}

/** The first "(a-b)" or "(a,b,…)" list of a test reply, e.g. +CGDCONT=? "(1-16),"IP",,,(0-2),(0-4)". */
export function parseFirstRange(input: Input, prefix: string): ParseResult<{ min: number; max: number }> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, [prefix])[0]
    const list = body === undefined ? undefined : /^\(([^)]*)\)/.exec(body.trim())?.[1]
    if (list === undefined) return fail(body === undefined ? 'missing' : 'malformed', `no range in the ${prefix} reply`, input)
    const values = expand(list)
    if (values.length === 0) return fail('malformed', `"${list}" is not a range`, input)
    return ok({ min: Math.min(...values), max: Math.max(...values) })
  })
}

/** Whether the <n>th parenthesised list of a test reply allows `value`: +CFUN=? "(0,1,4),(0-1)" → reset 1. */
export function testListAllows(input: Input, prefix: string, position: number, value: number): boolean {
  const lines = informationLines(input)
  if (!lines.ok) return false
  const body = prefixedBodies(lines.value, [prefix])[0]
  if (body === undefined) return false
  const lists = [...body.matchAll(/\(([^)]*)\)/g)].map((match) => match[1] ?? '')
  const list = lists[position]
  return list !== undefined && expand(list).includes(value)
}

function expand(list: string): number[] {
  const values: number[] = []
  for (const item of list.split(',')) {
    const range = /^\s*(\d{1,4})\s*-\s*(\d{1,4})\s*$/.exec(item)
    if (range) {
      const from = Number(range[1])
      const to = Math.min(Number(range[2]), from + 256)
      for (let value = from; value <= to; value++) values.push(value)
      continue
    }
    const single = toInt(item)
    if (single !== undefined) values.push(single)
  }
  return values
}

export interface PhonebookStorage {
  storage: string
  used?: number
  total?: number
}

/** AT+CPBS? → '+CPBS: "<storage>"[,<used>,<total>]' (27.007 §8.11). */
export function parseCpbs(input: Input): ParseResult<PhonebookStorage> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['+CPBS:'])[0]
    if (body === undefined) return fail('missing', 'no +CPBS line', input)
    const fields = splitFields(body)
    const storage = unquote(fields[0]).trim().toUpperCase()
    if (!/^[A-Z0-9]{2}$/.test(storage)) return fail('malformed', `"${body}" names no storage`, input)
    const result: PhonebookStorage = { storage }
    const used = toInt(fields[1])
    const total = toInt(fields[2])
    if (used !== undefined) result.used = used
    if (total !== undefined) result.total = total
    return ok(result)
  })
}

export interface PhonebookEntry {
  index: number
  number: string
  type?: number
  text?: string
}

/** AT+CPBR=<a>,<b> → '+CPBR: <index>,"<number>",<type>,"<text>"' per entry (27.007 §8.12). */
export function parseCpbr(input: Input): ParseResult<PhonebookEntry[]> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const entries: PhonebookEntry[] = []
    for (const body of prefixedBodies(lines.value, ['+CPBR:'])) {
      if (body.startsWith('(')) continue // the test form's range
      const fields = splitFields(body)
      const index = toInt(fields[0])
      let number = unquote(fields[1]).replace(/[\s-]/g, '')
      if (index === undefined || !/^\+?[0-9*#]{3,20}$/.test(number)) continue
      const type = toInt(fields[2])
      // TON "international" (145 and friends, TS 24.008 §10.5.4.7) → E.164 with "+".
      if (type !== undefined && (type & 0x70) === 0x10 && !number.startsWith('+')) number = `+${number}`
      const entry: PhonebookEntry = { index, number }
      if (type !== undefined) entry.type = type
      const text = unquote(fields[3]).trim()
      if (text) entry.text = text
      entries.push(entry)
    }
    return ok(entries)
  })
}

export interface ListedPdu {
  index: number
  /** 27.005 PDU-mode <stat>: 0 REC UNREAD, 1 REC READ, 2 STO UNSENT, 3 STO SENT. */
  stat: number
  pdu: string
}

/** AT+CMGL=4 in PDU mode: "+CMGL: <index>,<stat>,[<alpha>],<length>" followed by the PDU line (27.005 §4.1). */
export function parseCmglPdu(input: Input): ParseResult<ListedPdu[]> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const listed: ListedPdu[] = []
    let header: { index: number; stat: number } | undefined
    for (const line of lines.value) {
      if (/^\+CMGL:/i.test(line)) {
        const fields = splitFields(line.slice(line.indexOf(':') + 1))
        const index = toInt(fields[0])
        const stat = toInt(fields[1])
        header = index === undefined || stat === undefined ? undefined : { index, stat }
        continue
      }
      if (header && /^[0-9A-Fa-f]+$/.test(line)) listed.push({ ...header, pdu: line })
      header = undefined
    }
    return ok(listed)
  })
}

/** AT+CSCS? → '+CSCS: "<charset>"' (27.007 §5.5). */
export function parseCscs(input: Input): ParseResult<string> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['+CSCS:'])[0]
    const charset = unquote(body).trim().toUpperCase()
    if (!/^[A-Z0-9_-]{2,16}$/.test(charset)) return fail(body === undefined ? 'missing' : 'malformed', 'no +CSCS charset', input)
    return ok(charset)
  })
}

/**
 * The phone number in an own-number USSD reply: the first run of 7–15 digits, optionally with a leading "+",
 * spaces, dots or dashes inside ("Your number is 2065550142." — T-Mobile #686#, carriers.md §7).
 */
export function extractPhoneNumber(text: string): string | undefined {
  if (typeof text !== 'string') return undefined
  for (const match of text.matchAll(/\+?\d[\d\s().-]{5,22}\d/g)) {
    const raw = match[0]
    const digits = raw.replace(/\D/g, '')
    if (digits.length < 7 || digits.length > 15) continue
    return raw.trim().startsWith('+') ? `+${digits}` : digits
  }
  return undefined
}
