// AT+CGDCONT? (3GPP TS 27.007 §10.1.1): one "+CGDCONT: <cid>,<PDP_type>,<APN>,<PDP_addr>,<d_comp>,<h_comp>[,…]"
// line per defined context; device-protocols.md §4.3.
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { informationLines, prefixedBodies, splitFields, toInt, unquote } from './fields'

export interface PdpContext {
  cid: number
  /** "IP", "IPV6", "IPV4V6", "PPP", "Non-IP" … as the modem spells it. */
  pdpType: string
  /** Empty string when no APN is set (the network picks its default). */
  apn: string
  /** The address the modem shows for the context, when it shows one. */
  address?: string
  dataCompression?: number
  headerCompression?: number
}

export function parseCgdcont(input: ParseInput): ParseResult<PdpContext[]> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const contexts: PdpContext[] = []
    for (const body of prefixedBodies(lines.value, ['+CGDCONT:'])) {
      const fields = splitFields(body)
      const cid = toInt(fields[0])
      // The test form "+CGDCONT: (1-16),"IP",,,(0-2),(0-4)" is not a context.
      if (cid === undefined) continue
      const context: PdpContext = { cid, pdpType: unquote(fields[1]).trim(), apn: unquote(fields[2]).trim() }
      const address = unquote(fields[3]).trim()
      if (address.length > 0 && address !== '0.0.0.0') context.address = address
      const dataCompression = toInt(fields[4])
      if (dataCompression !== undefined) context.dataCompression = dataCompression
      const headerCompression = toInt(fields[5])
      if (headerCompression !== undefined) context.headerCompression = headerCompression
      contexts.push(context)
    }
    if (contexts.length === 0 && lines.value.length > 0 && prefixedBodies(lines.value, ['+CGDCONT:']).length > 0) {
      return fail('malformed', 'no +CGDCONT line has a numeric <cid>', input)
    }
    return ok(contexts)
  })
}
