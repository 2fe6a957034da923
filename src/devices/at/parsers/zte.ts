// ZTE extensions (device-protocols.md §4.6): +ZPAS? (network type and domain) and +ZSNT? (mode preference).
// Format and value ranges as ModemManager reads them (src/plugins/zte/mm-broadband-modem-zte.c).
import { fail, guarded, ok, type ParseInput, type ParseResult } from '../result'
import { radioTechFromName, type RadioTech } from './access-technology'
import { informationLines, prefixedBodies, splitFields, toInt, unquote } from './fields'

export interface Zpas {
  /** As sent: "LTE", "GPRS/EDGE", "HSPA+", "No Service", "Limited Service" … */
  networkType: string
  /** "CS_ONLY", "PS_ONLY", "CS_PS", … when sent. */
  domain?: string
  rat: RadioTech
}

/** AT+ZPAS? (or the +ZPAS/+ZPASR URC) → '+ZPAS: "<network type>","<domain>"'. */
export function parseZpas(input: ParseInput): ParseResult<Zpas> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['+ZPAS:', '+ZPASR:'])[0]
    if (body === undefined) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no +ZPAS line', input)
    const fields = splitFields(body)
    const networkType = unquote(fields[0]).trim()
    if (networkType.length === 0) return fail('malformed', `"${body}" has no network type`, input)
    const zpas: Zpas = { networkType, rat: radioTechFromName(networkType) }
    const domain = unquote(fields[1]).trim()
    if (domain) zpas.domain = domain
    return ok(zpas)
  })
}

export type ZteModePreference = 'auto' | 'gsm-only' | 'wcdma-only' | 'lte-only'

export interface Zsnt {
  /** 0 auto, 1 GSM only, 2 WCDMA only, 6 LTE only. */
  cmMode: number
  mode: ZteModePreference
  /** Network selection mode (0 = automatic). */
  netSelMode: number
  /** 0 auto, 1 GSM preferred, 2 WCDMA preferred. */
  prefAcq: number
  preference: 'auto' | 'gsm-preferred' | 'wcdma-preferred'
}

const CM_MODES: Readonly<Record<number, ZteModePreference>> = { 0: 'auto', 1: 'gsm-only', 2: 'wcdma-only', 6: 'lte-only' }
const PREFERENCES: Readonly<Record<number, Zsnt['preference']>> = { 0: 'auto', 1: 'gsm-preferred', 2: 'wcdma-preferred' }

/** AT+ZSNT? → "+ZSNT: <cm_mode>,<net_sel_mode>,<pref_acq>". */
export function parseZsnt(input: ParseInput): ParseResult<Zsnt> {
  return guarded(input, () => {
    const lines = informationLines(input)
    if (!lines.ok) return lines
    const body = prefixedBodies(lines.value, ['+ZSNT:'])[0]
    if (body === undefined) return fail(lines.value.length === 0 ? 'empty' : 'missing', 'no +ZSNT line', input)
    const [cm, sel, pref] = splitFields(body).map((field) => toInt(field))
    if (cm === undefined || sel === undefined || pref === undefined) return fail('malformed', `"${body}" needs three numbers`, input)
    const mode = CM_MODES[cm]
    const preference = PREFERENCES[pref]
    if (!mode || !preference) return fail('out-of-range', `cm_mode ${cm} / pref_acq ${pref} are not documented values`, input)
    return ok({ cmMode: cm, mode, netSelMode: sel, prefAcq: pref, preference })
  })
}
