// Turns what a modem answers into errors a user can act on (STYLE.md "Errors users can act on"): why mobile
// data would not start (+CME codes of 27.007 §9.2.2, which carry the ESM/SM causes of 24.301/24.008;
// carriers.md §9.2 maps them to real-world reasons), why a PIN was refused, what a registration reject
// cause means. Pure functions over AtCommandError values.
import { ContractError } from '../../../contract/errors'
import { AtCommandError } from '../../at'

/** True when the modem does not know the command at all: plain ERROR, +CME ERROR: 4, Huawei "COMMAND NOT SUPPORT". */
export function isUnsupportedCommand(error: unknown): boolean {
  if (!(error instanceof AtCommandError)) return false
  if (error.kind === 'error') return true
  return error.kind === 'cme' && error.atCode === 4
}

export interface DataFailure {
  /** Stable key for the UI and tests: 'not-subscribed', 'unknown-apn', … */
  reason: string
  /** What to tell the user. */
  message: string
  /** The final result line the modem sent, e.g. "+CME ERROR: 133". */
  finalLine?: string
  atCode?: number
}

interface CauseText {
  reason: string
  message: string
}

const NOT_SUBSCRIBED: CauseText = {
  reason: 'not-subscribed',
  message:
    'The network refused mobile data: this line has no data service right now (“requested service option not subscribed”). The plan or data pass may have run out, or the carrier wants a different APN.'
}
const UNKNOWN_APN: CauseText = {
  reason: 'unknown-apn',
  message: 'The network does not know this APN (“missing or unknown APN”). Check the APN for this carrier and SIM.'
}
const APN_AUTH: CauseText = {
  reason: 'apn-auth-failed',
  message: 'The network rejected the APN user name or password. Check them, and try PAP or CHAP.'
}

// 27.007 §9.2.2 numbers the GPRS/EPS causes as 100 + the 24.008 cause; some firmware reports the bare cause
// (33 instead of 133), so both spellings are listed where the bare number is not a general +CME code.
const ACTIVATION_CAUSES: Readonly<Record<number, CauseText>> = {
  133: NOT_SUBSCRIBED,
  33: NOT_SUBSCRIBED,
  127: UNKNOWN_APN,
  129: APN_AUTH,
  149: APN_AUTH,
  29: APN_AUTH,
  30: { reason: 'no-service', message: 'The modem has no network service, so mobile data cannot start. Check the signal and that the SIM is registered.' },
  31: { reason: 'network-timeout', message: 'The network did not answer the data request in time. Try again in a moment.' },
  107: { reason: 'gprs-not-allowed', message: 'The network does not allow data for this SIM (“GPRS services not allowed”). The line may not be activated yet.' },
  111: { reason: 'plmn-not-allowed', message: 'This network does not accept the SIM here (“PLMN not allowed”). Enable roaming or choose another network.' },
  112: { reason: 'area-not-allowed', message: 'The network does not allow the SIM in this area.' },
  113: { reason: 'roaming-not-allowed', message: 'Roaming is not allowed for this SIM in this area. Check the line’s roaming option.' },
  114: { reason: 'gprs-not-allowed-here', message: 'The network does not allow data for this SIM on this network.' },
  132: { reason: 'service-not-supported', message: 'The network does not support the requested data service. Check the APN and PDP type.' },
  134: { reason: 'service-out-of-order', message: 'The carrier’s data service is temporarily out of order. Try again later.' },
  148: { reason: 'unspecified', message: 'The network refused mobile data without saying why. Check the APN, then try again.' },
  177: { reason: 'operator-barring', message: 'The carrier has barred data on this line. Contact the carrier.' },
  178: { reason: 'too-many-contexts', message: 'The modem has too many data connections open. Turn mobile data off and on again.' },
  // ESM #50/#51 as ModemManager's MobileEquipment errors number them (the AT simulator does the same) [U].
  192: { reason: 'ipv4-only', message: 'The network only allows IPv4 on this APN. Choose IPv4 or IPv4v6 as the PDP type.' },
  193: { reason: 'ipv6-only', message: 'The network only allows IPv6 on this APN (T-Mobile US is IPv6-first). Choose IPv6 or IPv4v6 as the PDP type.' }
}

/** What a failed +CGACT=1 / data activation means for the user. */
export function dataFailureFrom(error: unknown): DataFailure {
  if (error instanceof AtCommandError) {
    const known = error.kind === 'cme' && error.atCode !== undefined ? ACTIVATION_CAUSES[error.atCode] : undefined
    const failure: DataFailure = known
      ? { reason: known.reason, message: known.message }
      : { reason: 'refused', message: `The modem could not start mobile data (${error.atName}).` }
    failure.finalLine = error.finalLine
    if (error.atCode !== undefined) failure.atCode = error.atCode
    return failure
  }
  if (error instanceof ContractError) return { reason: error.code.toLowerCase(), message: error.message }
  return { reason: 'internal', message: error instanceof Error ? error.message : String(error) }
}

export const NO_ADDRESS_FAILURE: DataFailure = {
  reason: 'no-address',
  message: 'The data connection came up without an IP address, which usually means the network does not accept this APN. Check the APN for this carrier.'
}

/** The failure as a ContractError for an operation the user asked for. */
export function dataFailureError(failure: DataFailure, details: Record<string, unknown> = {}): ContractError {
  const extra: Record<string, unknown> = { ...details, reason: failure.reason }
  if (failure.finalLine !== undefined) extra.finalLine = failure.finalLine
  if (failure.atCode !== undefined) extra.atCode = failure.atCode
  return new ContractError('PROTOCOL', failure.message, extra)
}

// EMM causes (3GPP TS 24.301 Annex A / §9.9.3.9) a +CEREG with <n>=3 may carry; carriers.md §9.2 lists
// what they usually mean for a prepaid SIM.
const EMM_CAUSES: Readonly<Record<number, string>> = {
  2: 'IMSI unknown in HSS',
  3: 'illegal UE',
  5: 'IMEI not accepted',
  6: 'illegal ME',
  7: 'EPS services not allowed',
  8: 'EPS services and non-EPS services not allowed',
  9: 'UE identity cannot be derived by the network',
  10: 'implicitly detached',
  11: 'PLMN not allowed',
  12: 'tracking area not allowed',
  13: 'roaming not allowed in this tracking area',
  14: 'EPS services not allowed in this PLMN',
  15: 'no suitable cells in tracking area',
  17: 'network failure',
  22: 'congestion',
  25: 'not authorized for this CSG',
  35: 'requested service option not authorized in this PLMN'
}

/** "EMM #7 EPS services not allowed"; type 1 is manufacturer specific (27.007 §10.1.22 <cause_type>). */
export function describeRejectCause(causeType: number, cause: number): string {
  if (causeType === 1) return `manufacturer-specific cause ${cause}`
  const name = EMM_CAUSES[cause]
  return name ? `EMM #${cause} ${name}` : `EMM #${cause}`
}
