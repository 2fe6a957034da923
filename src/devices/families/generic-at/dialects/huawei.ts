// Huawei sticks in serial mode (E3372h, E3276 …) on their PCUI port: ^HCSQ? for the radio, ^SYSINFOEX for
// the network type, ^ICCID? for the ICCID, ^SYSCFGEX for the network mode, ^CPIN? for PIN counters, and USSD
// as packed GSM 7-bit hex whatever +CSCS says (device-protocols.md §4.4, §4.5; ModemManager
// src/plugins/huawei/mm-broadband-modem-huawei.c).
import { encodeUssdPacked, parseHcsq, parseSyscfgEx, parseSysinfoEx } from '../../../at'
import { informationLines, prefixedBodies, splitFields, toInt } from '../../../at/parsers/fields'
import { fail, ok, type ParseResult } from '../../../at/result'
import { ALL_AT_CAPABILITIES, CESQ_QUERY, pickDefined } from './base-3gpp'
import type { AtDialect, NetworkMode, PinCounters, SignalPart } from './types'

const ACQ_ORDER: Readonly<Record<NetworkMode, string>> = { auto: '00', 'lte-only': '03', 'umts-only': '02', 'gsm-only': '01' }

/**
 * ^CPIN: <code>,[<times>],<puk_times>,<pin_times>,<puk2_times>,<pin2_times> — the regex ModemManager uses is
 * "\^CPIN:\s*([^,]+),[^,]*,(\d+),(\d+),(\d+),(\d+)" (mm-broadband-modem-huawei.c, load_unlock_retries).
 */
export function parseHuaweiCpin(input: readonly string[] | string): ParseResult<PinCounters> {
  const lines = informationLines(input)
  if (!lines.ok) return lines
  const body = prefixedBodies(lines.value, ['^CPIN:'])[0]
  if (body === undefined) return fail('missing', 'no ^CPIN line', input)
  const fields = splitFields(body)
  const puk = toInt(fields[2])
  const pin = toInt(fields[3])
  if (puk === undefined || pin === undefined) return fail('malformed', `"${body}" has no PIN/PUK counters`, input)
  return ok({ pin, puk })
}

export const huaweiDialect: AtDialect = {
  id: 'huawei',
  label: 'Huawei (^HCSQ, ^SYSINFOEX, ^ICCID, ^SYSCFGEX)',
  matches: ({ manufacturer }) => /huawei/i.test(manufacturer),
  iccidCommands: ['AT^ICCID?'],
  signal: [
    {
      command: 'AT^HCSQ?',
      parse(lines) {
        const hcsq = parseHcsq(lines)
        if (!hcsq.ok) return hcsq
        const { rat, rssiDbm, rsrpDbm, rsrqDb, sinrDb, rscpDbm, ecioDb } = hcsq.value
        const part: SignalPart = { rat }
        Object.assign(part, pickDefined({ rssiDbm, rsrpDbm, rsrqDb, sinrDb, rscpDbm, ecioDb }))
        return ok(part)
      }
    },
    // Firmware without ^HCSQ (older 3G sticks) still has the 27.007 report.
    { ...CESQ_QUERY, onlyIfMissing: true }
  ],
  registrationExtras: {
    command: 'AT^SYSINFOEX',
    parse(lines) {
      const info = parseSysinfoEx(lines)
      if (!info.ok) return info
      const { rat, subModeName, sysModeName, serviceStatus } = info.value
      const networkType = subModeName ?? sysModeName
      return ok({
        rat,
        noService: serviceStatus === 0,
        ...(networkType && rat !== 'none' ? { networkType } : {})
      })
    }
  },
  networkMode: {
    read: 'AT^SYSCFGEX?',
    parse(lines) {
      const cfg = parseSyscfgEx(lines)
      if (!cfg.ok) return cfg
      const order = cfg.value.acqOrder
      if (order === '00') return ok('auto')
      if (order.length === 2) return ok(({ '03': 'lte-only', '02': 'umts-only', '01': 'gsm-only' } as const)[order as '03' | '02' | '01'])
      // A priority list naming every radio ("030201") still allows all of them.
      const modes = new Set(cfg.value.modes)
      return ok(modes.has('lte') && modes.has('wcdma') && modes.has('gsm') ? 'auto' : undefined)
    },
    set(mode, current) {
      // Keep the band masks the modem has (a user's band lock survives a mode change); "40000000" is
      // Huawei's "no change" for the 2G/3G mask; roam 2 and srvdomain 4 mean "no change" (§4.5, as
      // ModemManager sends them).
      const cfg = parseSyscfgEx(current)
      const band = cfg.ok ? cfg.value.band : '40000000'
      const lteBand = cfg.ok && cfg.value.lteBand ? cfg.value.lteBand : '7FFFFFFFFFFFFFFF'
      return `AT^SYSCFGEX="${ACQ_ORDER[mode]}",${band},2,4,${lteBand},,`
    }
  },
  pinCounters: [{ command: 'AT^CPIN?', parse: parseHuaweiCpin }],
  ussd: {
    encode: (text) => encodeUssdPacked(text),
    decodeOptions: (charset) => ({ charset, packedGsm7: true })
  },
  dataCid: 1,
  capabilities: ALL_AT_CAPABILITIES
}
