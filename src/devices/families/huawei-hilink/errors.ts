// Huawei API error codes → contract errors with a message that says what to do.
// Codes and names: reference/device-protocols.md §1.14 (Salamek/huawei-lte-api:huawei_lte_api/enums/client.py,
// enums/user.py; the stock web UI's ERROR_* constants).
import { ContractError, type ErrorCode } from '../../../contract/errors'
import { textOf, type XmlRecord } from './xml'

export const HUAWEI_ERROR_NAMES: Readonly<Record<number, string>> = {
  100001: 'unknown error',
  100002: 'not supported',
  100003: 'login required',
  100004: 'system busy',
  100005: 'request format error',
  100006: 'parameter error',
  100007: 'save config file error',
  100008: 'read config file error',
  101001: 'no SIM or invalid SIM',
  101002: 'SIM PIN locked',
  101003: 'SIM PUK locked',
  101004: 'SIM unusable',
  103002: 'PIN validate failed',
  103003: 'PIN modify failed',
  103004: 'PUK modify failed',
  103011: 'PUK dead-locked',
  107720: 'dial-up: read connection file error',
  107721: 'dial-up: write connection file error',
  107722: 'dial-up: profile management parse error',
  107724: 'dial-up: add profile error',
  107725: 'dial-up: modify profile error',
  107726: 'dial-up: set default profile error',
  107727: 'dial-up: read profile list error',
  108001: 'user name wrong',
  108002: 'password wrong',
  108003: 'already logged in',
  108004: 'modify password failed',
  108005: 'too many users logged in',
  108006: 'user name or password wrong',
  108007: 'too many failed login attempts',
  108009: 'logged in on another device',
  108010: 'logging in too frequently',
  111001: 'USSD error',
  111012: 'USSD function returned an error',
  111013: 'already in a USSD session',
  111014: 'USSD content too long',
  111016: 'empty USSD command',
  111017: 'USSD coding error',
  111018: 'USSD AT send failed',
  111019: 'USSD: waiting for the network',
  111020: 'USSD network timeout',
  111021: 'USSD special character error',
  111022: 'network does not support USSD',
  113017: 'SMS: bad argument',
  113018: 'SMS system busy',
  113020: 'SMS index list error',
  113031: 'set SMS centre failed',
  113036: 'SMS delete failed',
  113053: 'SMS storage full',
  113054: 'SMS number too long',
  115002: 'password must be changed',
  120001: 'voice busy',
  125001: 'wrong token',
  125002: 'wrong session',
  125003: 'wrong session token'
}

export const HUAWEI_LOGIN_REQUIRED = 100003
export const HUAWEI_NOT_SUPPORTED = 100002

/** Token/session errors: the cure is a fresh cookie + token and one more try (reference §1.2). */
export function isTokenError(code: number): boolean {
  return code === 125001 || code === 125002 || code === 125003
}

/** The Huawei code a ContractError came from, if it came from one. */
export function huaweiCodeOf(error: unknown): number | undefined {
  if (!(error instanceof ContractError)) return undefined
  const code = error.details?.huaweiCode
  return typeof code === 'number' ? code : undefined
}

export interface HuaweiErrorContext {
  /** e.g. "device/information" */
  endpoint: string
  /** The children of the <error> element (waittime, remaincount on SCRAM firmware). */
  fields?: XmlRecord
}

export function contractErrorFromHuawei(code: number, context: HuaweiErrorContext): ContractError {
  const name = HUAWEI_ERROR_NAMES[code] ?? 'unknown error code'
  const details: Record<string, unknown> = { huaweiCode: code, huaweiError: name, endpoint: context.endpoint }
  const make = (contractCode: ErrorCode, message: string): ContractError => new ContractError(contractCode, message, details)
  const where = context.endpoint

  switch (code) {
    case 100002:
      return make('UNSUPPORTED', `This device does not offer ${where} (error 100002).`)
    case 100005:
      return make('UNSUPPORTED', `The device did not accept our request for ${where} (error 100005, request format); this firmware probably does not support it.`)
    case 100003:
      return make('AUTH_FAILED', `The device wants an admin login before it answers ${where} (error 100003). Enter the device's admin password.`)
    case 100004:
      return make('BUSY', `The device is busy (error 100004). It will be asked again on the next update.`)
    case 100006:
      return make('BAD_INPUT', `The device refused a value sent to ${where} (error 100006, parameter error).`)
    case 108001:
    case 108002:
    case 108006: {
      const remaining = intField(context.fields, 'remaincount')
      if (remaining !== undefined) details.remainingAttempts = remaining
      const left = remaining !== undefined ? ` ${remaining} attempt${remaining === 1 ? '' : 's'} left before the device locks logins.` : ''
      return make(
        'AUTH_FAILED',
        `The device rejected the user name or password (error ${code}).${left} Check the admin password (often on the label under the battery cover); Hotspot Desk will not try again by itself.`
      )
    }
    case 108007: {
      const waitSeconds = waitSecondsFrom(context.fields)
      if (waitSeconds !== undefined) details.waitSeconds = waitSeconds
      return make('LOCKED_OUT', lockedOutMessage(waitSeconds))
    }
    case 108010:
      return make('LOCKED_OUT', 'The device refuses logins for a moment because there were too many in a short time (error 108010). Wait a minute, then try again.')
    case 108003:
    case 108005:
    case 108009:
      return make(
        'BUSY',
        `Another session is logged in to the device (error ${code}). These devices allow one admin session: log out of its web page or app, or wait a few minutes, then try again.`
      )
    case 101001:
    case 101004:
      return make('UNSUPPORTED', `The device has no usable SIM card (error ${code}). Insert a working SIM, then try again.`)
    case 101002:
      return make('AUTH_FAILED', 'The SIM is locked with its PIN (error 101002). Enter the SIM PIN first.')
    case 101003:
      return make('LOCKED_OUT', 'The SIM is blocked after too many wrong PINs (error 101003). Enter the PUK from the SIM card holder to unblock it.')
    case 103002:
      return make('AUTH_FAILED', 'The SIM rejected the PIN (error 103002).')
    case 103004:
      return make('AUTH_FAILED', 'The SIM rejected the PUK (error 103004).')
    case 103011:
      return make('LOCKED_OUT', 'The SIM is permanently blocked after too many wrong PUKs (error 103011). Ask the carrier for a new SIM.')
    case 107724:
    case 107725:
    case 107726:
    case 107721:
    case 107722:
      return make('BAD_INPUT', `The device refused the APN profile change (error ${code}, ${name}). Operator presets cannot be changed or deleted, and the list may be full.`)
    case 111013:
      return make('BUSY', 'A USSD session is already open on the device (error 111013). Wait for it to finish or cancel it, then try again.')
    case 111001:
    case 111012:
    case 111018:
      return make(
        'BUSY',
        `The device could not run the USSD request (error ${code}, ${name}). Some devices only run USSD when no other session is open or while mobile data is off; try again in a moment.`
      )
    case 111014:
    case 111016:
    case 111017:
    case 111021:
      return make('BAD_INPUT', `The device refused the USSD text (error ${code}, ${name}). Check the code and try again.`)
    case 111020:
      return make('TIMEOUT', 'The network did not answer the USSD request (error 111020). Check the code, the signal and that the line is active, then try again.')
    case 111022:
      return make('UNSUPPORTED', 'The network this device is on does not support USSD (error 111022). Use the carrier app or web page instead.')
    case 113018:
      return make('BUSY', 'The device is busy with another message (error 113018). Try again in a moment.')
    case 113053:
      return make('BUSY', 'The message storage on the device is full (error 113053). Delete some messages, then try again.')
    case 113054:
      return make('BAD_INPUT', 'The device refused the phone number as too long (error 113054).')
    case 113017:
    case 113020:
    case 113036:
      return make('BAD_INPUT', `The device could not find or change that message (error ${code}, ${name}). Refresh the list and try again.`)
    case 115002:
      return make('AUTH_FAILED', 'The device wants its default admin password changed before anyone logs in (error 115002). Open its web page once, set a new password, then enter it here.')
    case 125001:
    case 125002:
    case 125003:
      return make(
        'BUSY',
        `The device rejected our session token even after a fresh one (error ${code}). Another client (its web page or app) may hold the session; close it and try again.`
      )
    default:
      return make('PROTOCOL', `The device answered ${where} with error ${code} (${name}).`)
  }
}

export function lockedOutMessage(waitSeconds: number | undefined): string {
  if (waitSeconds === undefined) {
    return 'The device locked logins after too many wrong passwords. Wait a few minutes before trying again, with the right password.'
  }
  const minutes = Math.max(1, Math.ceil(waitSeconds / 60))
  return `The device locked logins after too many wrong passwords. Wait ${minutes} minute${minutes === 1 ? '' : 's'} before trying again, with the right password.`
}

/**
 * Huawei reports lockout waits in minutes: `waittime` in the 108007 error body and `remainwaittime` in
 * user/state-login. The stock EMUI web UI (login page script, indexed public copy) formats both with its
 * "index_minute_%d" strings.
 */
export function waitSecondsFrom(fields: XmlRecord | undefined): number | undefined {
  const minutes = intField(fields, 'waittime') ?? intField(fields, 'remainwaittime')
  return minutes !== undefined && minutes > 0 ? minutes * 60 : undefined
}

function intField(fields: XmlRecord | undefined, name: string): number | undefined {
  const raw = textOf(fields, name)
  if (raw === undefined || !/^-?\d{1,9}$/.test(raw)) return undefined
  return Number(raw)
}
