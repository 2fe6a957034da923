// AT+CNUM (3GPP TS 27.007 §7.1): zero or more "+CNUM: [<alpha>],<number>,<type>[,<speed>,<service>[,<itc>]]"
// lines. An empty reply (just OK) is normal: most data SIMs do not store their own number
// (device-protocols.md §4.3). Type 145 is an international number, so it gets a "+" (TS 24.008 §10.5.4.7).
import { guarded, ok, type ParseInput, type ParseResult } from '../result'
import { informationLines, prefixedBodies, splitFields, toInt, unquote } from './fields'

export interface OwnNumber {
  /** The phonebook label, when the SIM has one. */
  alpha?: string
  /** The number, with "+" when the type says international. */
  number: string
  /** Type of address octet: 145 international, 129 unknown/national, 161 national. */
  type?: number
  international: boolean
}

/** Every own number the SIM lists; an empty list when it lists none. */
export function parseCnum(input: ParseInput): ParseResult<OwnNumber[]> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const numbers: OwnNumber[] = []
    for (const body of prefixedBodies(lines.value, ['+CNUM:'])) {
      const fields = splitFields(body)
      if (fields.length < 2) continue
      const alpha = unquote(fields[0]).trim()
      let number = unquote(fields[1]).replace(/[\s-]/g, '')
      if (!/^\+?[0-9*#pPwW]+$/.test(number)) continue
      const type = toInt(fields[2])
      // TON bits 6..4 = 001: international (TS 24.008 §10.5.4.7), i.e. 145 (0x91) and friends.
      const international = number.startsWith('+') || (type !== undefined && (type & 0x70) === 0x10)
      if (international && !number.startsWith('+')) number = `+${number}`
      const entry: OwnNumber = { number, international }
      if (alpha.length > 0) entry.alpha = alpha
      if (type !== undefined) entry.type = type
      numbers.push(entry)
    }
    return ok(numbers)
  })
}
