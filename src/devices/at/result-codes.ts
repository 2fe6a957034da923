// Final result codes (what ends a command) and the +CME / +CMS error tables.
// Sources: device-protocols.md §4.1 (final codes, incl. Huawei "COMMAND NOT SUPPORT" and Motorola
// "MODEM ERROR: n"), §4.2 (key codes); names follow 3GPP TS 27.007 §9.2 and TS 27.005 §3.2.5 as spelled in
// linux-mobile-broadband/ModemManager:src/mm-error-helpers.c and include/ModemManager-errors.h.

/** 27.007 §9.2.1/§9.2.2 +CME ERROR codes (general, GPRS/EPS). */
export const CME_ERRORS: Readonly<Record<number, string>> = {
  0: 'phone failure',
  1: 'no connection to phone',
  2: 'phone-adaptor link reserved',
  3: 'operation not allowed',
  4: 'operation not supported',
  5: 'PH-SIM PIN required',
  6: 'PH-FSIM PIN required',
  7: 'PH-FSIM PUK required',
  10: 'SIM not inserted',
  11: 'SIM PIN required',
  12: 'SIM PUK required',
  13: 'SIM failure',
  14: 'SIM busy',
  15: 'SIM wrong',
  16: 'incorrect password',
  17: 'SIM PIN2 required',
  18: 'SIM PUK2 required',
  20: 'memory full',
  21: 'invalid index',
  22: 'not found',
  23: 'memory failure',
  24: 'text string too long',
  25: 'invalid characters in text string',
  26: 'dial string too long',
  27: 'invalid characters in dial string',
  30: 'no network service',
  31: 'network timeout',
  32: 'network not allowed - emergency calls only',
  40: 'network personalization PIN required',
  41: 'network personalization PUK required',
  42: 'network subset personalization PIN required',
  43: 'network subset personalization PUK required',
  44: 'service provider personalization PIN required',
  45: 'service provider personalization PUK required',
  46: 'corporate personalization PIN required',
  47: 'corporate personalization PUK required',
  48: 'hidden key required',
  49: 'EAP method not supported',
  50: 'incorrect parameters',
  51: 'command implemented but currently disabled',
  52: 'command aborted by user',
  100: 'unknown',
  103: 'illegal MS',
  106: 'illegal ME',
  107: 'GPRS services not allowed',
  108: 'GPRS services and non-GPRS services not allowed',
  111: 'PLMN not allowed',
  112: 'location area not allowed',
  113: 'roaming not allowed in this location area',
  114: 'GPRS services not allowed in this PLMN',
  115: 'no suitable cells in location area',
  122: 'congestion',
  126: 'insufficient resources',
  127: 'missing or unknown APN',
  128: 'unknown PDP address or PDP type',
  129: 'user authentication failed',
  130: 'activation rejected by GGSN, Serving GW or PDN GW',
  131: 'activation rejected, unspecified',
  132: 'service option not supported',
  133: 'requested service option not subscribed',
  134: 'service option temporarily out of order',
  148: 'unspecified GPRS error',
  149: 'PDP authentication failure',
  150: 'invalid mobile class',
  171: 'last PDN disconnection not allowed',
  177: 'operator determined barring',
  178: 'maximum number of PDP contexts reached',
  179: 'requested APN not supported in current RAT and PLMN combination'
}

/** 27.005 §3.2.5 +CMS ERROR codes (values 0…127 are network causes from 24.011/23.040 and are not named here). */
export const CMS_ERRORS: Readonly<Record<number, string>> = {
  300: 'ME failure',
  301: 'SMS service of ME reserved',
  302: 'operation not allowed',
  303: 'operation not supported',
  304: 'invalid PDU mode parameter',
  305: 'invalid text mode parameter',
  310: 'SIM not inserted',
  311: 'SIM PIN required',
  312: 'PH-SIM PIN required',
  313: 'SIM failure',
  314: 'SIM busy',
  315: 'SIM wrong',
  316: 'SIM PUK required',
  317: 'SIM PIN2 required',
  318: 'SIM PUK2 required',
  320: 'memory failure',
  321: 'invalid memory index',
  322: 'memory full',
  330: 'SMSC address unknown',
  331: 'no network service',
  332: 'network timeout',
  340: 'no +CNMA acknowledgement expected',
  500: 'unknown error'
}

export type FinalResult =
  | { kind: 'ok'; line: string }
  /** CONNECT [<rate>]: the port has switched to data mode (only for call-control commands). */
  | { kind: 'connect'; line: string; rate?: string }
  /** ERROR and its vendor/legacy relatives, plus call-progress codes (NO CARRIER, BUSY, …). */
  | { kind: 'error'; line: string; code?: number; name: string }
  | { kind: 'cme'; line: string; code?: number; name: string }
  | { kind: 'cms'; line: string; code?: number; name: string }

const CALL_PROGRESS = new Set(['NO CARRIER', 'BUSY', 'NO ANSWER', 'NO DIALTONE', 'NO DIAL TONE'])

export interface FinalResultContext {
  /**
   * True while a call-control command (ATD, ATA, ATO, +CGDATA) is outstanding. Only then are CONNECT and the
   * call-progress codes final; otherwise "NO CARRIER" is the unsolicited end of some other call.
   */
  callControl: boolean
}

/** Classify a line as a final result code, or null when it is anything else. Never throws. */
export function parseFinalResult(line: string, context: FinalResultContext): FinalResult | null {
  const text = line.trim()
  const upper = text.toUpperCase()
  if (upper === 'OK') return { kind: 'ok', line: text }
  if (upper === 'ERROR') return { kind: 'error', line: text, name: 'error' }
  // device-protocols.md §4.1: legacy Huawei firmware ends unknown commands with "COMMAND NOT SUPPORT".
  if (upper === 'COMMAND NOT SUPPORT') return { kind: 'error', line: text, name: 'command not supported' }
  if (upper.startsWith('+CME ERROR')) return withCode('cme', text, CME_ERRORS)
  if (upper.startsWith('+CMS ERROR')) return withCode('cms', text, CMS_ERRORS)
  // device-protocols.md §4.1: Motorola "MODEM ERROR: n".
  if (upper.startsWith('MODEM ERROR')) {
    const code = numericCode(text)
    return { kind: 'error', line: text, name: 'modem error', ...(code === undefined ? {} : { code }) }
  }
  if (context.callControl) {
    if (CALL_PROGRESS.has(upper)) return { kind: 'error', line: text, name: text.toLowerCase() }
    if (upper === 'CONNECT' || upper.startsWith('CONNECT ')) {
      const rate = text.slice('CONNECT'.length).trim()
      return rate.length > 0 ? { kind: 'connect', line: text, rate } : { kind: 'connect', line: text }
    }
  }
  return null
}

function withCode(kind: 'cme' | 'cms', text: string, table: Readonly<Record<number, string>>): FinalResult {
  const colon = text.indexOf(':')
  const rest = colon >= 0 ? text.slice(colon + 1).trim() : ''
  // 27.007 §9.1: +CMEE=1 gives "+CME ERROR: <n>", +CMEE=2 gives the verbose text; accept both.
  if (/^\d{1,5}$/.test(rest)) {
    const code = Number.parseInt(rest, 10)
    return { kind, line: text, code, name: table[code] ?? `unknown error ${code}` }
  }
  if (rest.length === 0) return { kind, line: text, name: 'unknown error' }
  const code = codeForName(rest, table)
  return code === undefined ? { kind, line: text, name: rest } : { kind, line: text, code, name: table[code] ?? rest }
}

function numericCode(text: string): number | undefined {
  const match = /:\s*(\d{1,5})\s*$/.exec(text)
  return match ? Number.parseInt(match[1] ?? '', 10) : undefined
}

// Verbose texts differ in case and punctuation between vendors ("SIM not inserted", "SIM NOT INSERTED",
// "Incorrect password"); compare on letters and digits only.
function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}

const reverseTables = new Map<Readonly<Record<number, string>>, Map<string, number>>()

function codeForName(name: string, table: Readonly<Record<number, string>>): number | undefined {
  let reverse = reverseTables.get(table)
  if (!reverse) {
    reverse = new Map()
    for (const [code, text] of Object.entries(table)) reverse.set(normalizeName(text), Number(code))
    reverseTables.set(table, reverse)
  }
  return reverse.get(normalizeName(name))
}
