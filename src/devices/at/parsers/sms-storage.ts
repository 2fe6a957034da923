// AT+CPMS? / AT+CPMS=… (3GPP TS 27.005 §3.2.2): used and total slots per message storage. The read form
// names the storages ("+CPMS: "SM",3,30,"SM",3,30,"SM",3,30"); the set form only counts ("+CPMS: 3,30,3,30,3,30").
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { informationLines, isQuoted, prefixedBodies, splitFields, toInt, unquote } from './fields'

export interface StorageUsage {
  /** "SM", "ME", "MT", "BM", "SR", "TA" … when the reply names it. */
  memory?: string
  used: number
  total: number
}

export interface CpmsInfo {
  /** In 27.005 order: <mem1> read/delete, <mem2> write/send, <mem3> receive. Missing ones are absent. */
  storages: StorageUsage[]
}

export function parseCpms(input: ParseInput): ParseResult<CpmsInfo> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['+CPMS:'])[0]
    if (body === undefined) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no +CPMS line', input)
    if (body.startsWith('(')) return fail('unsupported', 'this is the +CPMS=? list of storages, not usage', input)
    const fields = splitFields(body)
    const storages: StorageUsage[] = []
    let index = 0
    while (index < fields.length && storages.length < 3) {
      let memory: string | undefined
      if (isQuoted(fields[index]) || /^[A-Za-z]{2}$/.test(fields[index] ?? '')) {
        memory = unquote(fields[index]).trim().toUpperCase()
        index++
      }
      const used = toInt(fields[index])
      const total = toInt(fields[index + 1])
      if (used === undefined || total === undefined) break
      storages.push(memory ? { memory, used, total } : { used, total })
      index += 2
    }
    if (storages.length === 0) return fail('malformed', `"${body}" has no <used>,<total> pair`, input)
    return ok({ storages })
  })
}
