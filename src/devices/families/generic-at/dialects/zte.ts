// ZTE MF-series sticks (MF823, MF833 …) in modem mode: +ZPAS? for the network type, +ZICCID? / +ZGETICCID
// for the ICCID, +ZSNT for the network mode, +ZPINPUK=? for PIN counters; the radio itself comes from the
// 27.007 reports (device-protocols.md §4.6; ModemManager src/plugins/zte/mm-broadband-modem-zte.c).
import { parseZpas, parseZsnt } from '../../../at'
import { informationLines, prefixedBodies, splitFields, toInt } from '../../../at/parsers/fields'
import { fail, ok, type ParseResult } from '../../../at/result'
import { ALL_AT_CAPABILITIES, CESQ_QUERY, CHARSET_USSD } from './base-3gpp'
import type { AtDialect, NetworkMode, PinCounters } from './types'

/** +ZSNT=<cm_mode>,<net_sel_mode>,<pref_acq>: cm_mode 0 auto, 1 GSM only, 2 WCDMA only, 6 LTE only (§4.6). */
const CM_MODE: Readonly<Record<NetworkMode, number>> = { auto: 0, 'gsm-only': 1, 'umts-only': 2, 'lte-only': 6 }

/** AT+ZPINPUK=? → "+ZPINPUK: <pin>,<puk>" (ModemManager mm-broadband-modem-zte.c, load_unlock_retries). */
export function parseZpinpuk(input: readonly string[] | string): ParseResult<PinCounters> {
  const lines = informationLines(input)
  if (!lines.ok) return lines
  const body = prefixedBodies(lines.value, ['+ZPINPUK:'])[0]
  if (body === undefined) return fail('missing', 'no +ZPINPUK line', input)
  const [pin, puk] = splitFields(body).map((field) => toInt(field))
  if (pin === undefined || puk === undefined) return fail('malformed', `"${body}" needs two counters`, input)
  return ok({ pin, puk })
}

export const zteDialect: AtDialect = {
  id: 'zte',
  label: 'ZTE (+ZPAS, +ZICCID, +ZSNT)',
  matches: ({ manufacturer }) => /^\s*zte\b/i.test(manufacturer),
  iccidCommands: ['AT+ZICCID?', 'AT+ZGETICCID'],
  signal: [CESQ_QUERY],
  registrationExtras: {
    command: 'AT+ZPAS?',
    parse(lines) {
      const zpas = parseZpas(lines)
      if (!zpas.ok) return zpas
      const { rat, networkType } = zpas.value
      // "No Service" / "Limited Service" are states, not network types.
      return ok(rat === 'none' ? { rat, noService: true } : { rat, networkType, noService: false })
    }
  },
  networkMode: {
    read: 'AT+ZSNT?',
    parse(lines) {
      const zsnt = parseZsnt(lines)
      if (!zsnt.ok) return zsnt
      const mode = ({ auto: 'auto', 'gsm-only': 'gsm-only', 'wcdma-only': 'umts-only', 'lte-only': 'lte-only' } as const)[zsnt.value.mode]
      return ok(mode)
    },
    set: (mode) => `AT+ZSNT=${CM_MODE[mode]},0,0`
  },
  pinCounters: [{ command: 'AT+ZPINPUK=?', parse: parseZpinpuk }],
  ussd: CHARSET_USSD,
  // Some MF firmware repeats "+ZUSIMR:2" until the host reads the SMS storage, and the flood can crash it;
  // ModemManager sends AT+CPMS? to stop it (§4.6, mm-broadband-modem-zte.c).
  openCommands: ['AT+CPMS?'],
  dataCid: 1,
  capabilities: ALL_AT_CAPABILITIES
}
