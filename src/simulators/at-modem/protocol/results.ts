// Final result codes and the error tables a modem reports through them. Numbers are 3GPP TS 27.007 §9.2
// (+CME) and TS 27.005 §3.2.5 (+CMS) as listed in reference device-protocols.md §4.2; the verbose texts
// are the 27.007/27.005 wording, which is what ModemManager matches when +CMEE=2
// (linux-mobile-broadband/ModemManager src/mm-error-helpers.c normalises them to lowercase, no spaces).

export const CME_TEXT: Readonly<Record<number, string>> = {
  0: 'phone failure',
  3: 'operation not allowed',
  4: 'operation not supported',
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
  24: 'text string too long',
  25: 'invalid characters in text string',
  27: 'invalid characters in dial string',
  30: 'no network service',
  31: 'network timeout',
  32: 'network not allowed - emergency calls only',
  50: 'incorrect parameters',
  100: 'unknown',
  103: 'Illegal MS',
  106: 'Illegal ME',
  107: 'GPRS services not allowed',
  111: 'PLMN not allowed',
  112: 'Location area not allowed',
  113: 'Roaming not allowed in this location area',
  127: 'missing or unknown APN',
  129: 'user authentication failed',
  132: 'service option not supported',
  133: 'requested service option not subscribed',
  134: 'service option temporarily out of order',
  148: 'unspecified GPRS error',
  149: 'PDP authentication failure',
  193: 'IPv6 only allowed'
}

export const CMS_TEXT: Readonly<Record<number, string>> = {
  300: 'ME failure',
  301: 'SMS service of ME reserved',
  302: 'operation not allowed',
  303: 'operation not supported',
  304: 'invalid PDU mode parameter',
  305: 'invalid text mode parameter',
  310: 'SIM not inserted',
  311: 'SIM PIN required',
  313: 'SIM failure',
  314: 'SIM busy',
  316: 'SIM PUK required',
  320: 'memory failure',
  321: 'invalid memory index',
  322: 'memory full',
  330: 'SMSC address unknown',
  331: 'no network service',
  332: 'network timeout',
  500: 'unknown error'
}

export type FinalResult =
  | { kind: 'OK' }
  | { kind: 'ERROR' }
  | { kind: 'CME'; code: number }
  | { kind: 'CMS'; code: number }
  | { kind: 'NO CARRIER' }

/** Thrown by command handlers to end the command line with an error result. */
export class AtError extends Error {
  constructor(readonly result: Exclude<FinalResult, { kind: 'OK' }>) {
    super(result.kind === 'CME' || result.kind === 'CMS' ? `${result.kind} ${result.code}` : result.kind)
  }
}

/** Plain ERROR: syntax errors, unknown commands, bad parameters (V.250 §5.7.1). */
export const syntaxError = (): AtError => new AtError({ kind: 'ERROR' })
export const cme = (code: number): AtError => new AtError({ kind: 'CME', code })
export const cms = (code: number): AtError => new AtError({ kind: 'CMS', code })

/** V.250 §5.7.1 Table 1 numeric result codes used with ATV0. */
const NUMERIC: Record<string, number> = { OK: 0, 'NO CARRIER': 3, ERROR: 4 }

/**
 * Renders a final result the way the current settings ask for. +CMEE=0 turns +CME errors into plain
 * ERROR (27.007 §9.1); +CMS errors stay +CMS (27.005 §3.2.5) but follow +CMEE=2 for the verbose text.
 */
export function renderFinal(result: FinalResult, cmee: 0 | 1 | 2, verbose: boolean): string {
  if (result.kind === 'CME') {
    if (cmee === 0) return verbose ? 'ERROR' : String(NUMERIC.ERROR)
    return `+CME ERROR: ${cmee === 2 ? (CME_TEXT[result.code] ?? 'unknown') : result.code}`
  }
  if (result.kind === 'CMS') {
    return `+CMS ERROR: ${cmee === 2 ? (CMS_TEXT[result.code] ?? 'unknown error') : result.code}`
  }
  return verbose ? result.kind : String(NUMERIC[result.kind] ?? 4)
}
