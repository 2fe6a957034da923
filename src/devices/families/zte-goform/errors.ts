// ZTE goform answers → contract errors with a message a user can act on.
// LOGIN result codes (stock service.js login(); tpoechtrager/ZTE-CLI-Tool: DTO/LoginResult.cs; reference §2.2):
//   "0" / "4" success · "1" login failed, try again later · "2" duplicate user (another admin session is
//   logged in) · "3" wrong password · "5" not logged in / timed out · "failure" generic.
// Lockout (stock login page, com.js checkLoginData / startLoginLockInterval): psw_fail_num_str = attempts left
// (the UI treats "" as MAX_LOGIN_COUNT = 5), login_lock_time = seconds left of the lock ("" → "300"); logins are
// locked while no attempts are left. ZTE MF79U-class firmware lock for 300 s after 5 failures.
import { ContractError, type ErrorCode } from '../../../contract/errors'
import { fieldsOf, textOf, type GoformFields, type GoformObject } from './json'

export const DEFAULT_LOCK_SECONDS = 300

export interface LoginCounters {
  /** psw_fail_num_str: wrong passwords the device still accepts before it locks logins. */
  attemptsLeft?: number
  /** login_lock_time: seconds left while locked (some firmware report the lock length while unlocked). */
  lockSeconds?: number
}

export function parseLoginCounters(fields: GoformFields): LoginCounters {
  const counters: LoginCounters = {}
  const attempts = textOf(fields, 'psw_fail_num_str')
  if (attempts !== undefined && /^\d{1,3}$/.test(attempts)) counters.attemptsLeft = Number(attempts)
  const lock = textOf(fields, 'login_lock_time')
  if (lock !== undefined && /^-?\d{1,6}$/.test(lock)) counters.lockSeconds = Math.max(0, Number(lock))
  return counters
}

/** Locked while no attempts are left (login_lock_time alone is ambiguous, see above). */
export function isLocked(counters: LoginCounters): boolean {
  return counters.attemptsLeft === 0
}

/** The LOGIN answer's result as a string ({"result":"3"}, {"result":3}); undefined when there is none. */
export function loginResultOf(answer: GoformObject): string | undefined {
  return textOf(fieldsOf(answer), 'result')
}

export function isLoginSuccess(result: string | undefined): boolean {
  return result === '0' || result === '4'
}

export function lockedOutError(counters: LoginCounters, wrongPasswordJustNow = false): ContractError {
  const waitSeconds = counters.lockSeconds !== undefined && counters.lockSeconds > 0 ? counters.lockSeconds : undefined
  const minutes = waitSeconds === undefined ? undefined : Math.max(1, Math.ceil(waitSeconds / 60))
  const wait = minutes === undefined ? 'Wait a few minutes' : `Wait ${minutes} minute${minutes === 1 ? '' : 's'}`
  const lead = wrongPasswordJustNow ? 'The device rejected the password and now locks logins after too many wrong passwords.' : 'The device locked logins after too many wrong passwords.'
  const details: Record<string, unknown> = { attemptsLeft: 0 }
  if (waitSeconds !== undefined) details.waitSeconds = waitSeconds
  if (wrongPasswordJustNow) details.reason = 'wrong-password'
  return new ContractError('LOCKED_OUT', `${lead} ${wait} before trying again, with the right password.`, details)
}

/** A LOGIN the device refused. `counters` are read after the attempt (a read, not another attempt). */
export function loginError(result: string | undefined, counters: LoginCounters): ContractError {
  const shown = result === undefined ? 'no result' : `result ${JSON.stringify(result.slice(0, 16))}`
  const left = counters.attemptsLeft
  const details: Record<string, unknown> = { zteResult: result ?? null }
  if (left !== undefined) details.attemptsLeft = left
  const remaining = left !== undefined && left > 0 ? ` ${left} attempt${left === 1 ? '' : 's'} left before the device locks logins.` : ''
  switch (result) {
    case '3':
    case 'failure':
      if (isLocked(counters)) return lockedOutError(counters, true)
      return new ContractError(
        'AUTH_FAILED',
        `The device rejected the admin password (${shown}).${remaining} Check the password (often on the label under the battery cover); Hotspot Desk will not try again by itself.`,
        { ...details, reason: 'wrong-password' }
      )
    case '2':
      return new ContractError(
        'BUSY',
        'Another session is logged in to the device (its web page or app, on this or another computer). These devices allow one admin session: log out there, or wait a few minutes for it to time out, then try again.',
        { ...details, reason: 'session-taken' }
      )
    case '1':
      if (isLocked(counters)) return lockedOutError(counters)
      return new ContractError('BUSY', 'The device refused the login for now (result "1", try again later). Wait a moment, then try again.', {
        ...details,
        reason: 'try-later'
      })
    case '5':
      return new ContractError('BUSY', 'The device dropped the login as it was made (result "5"). Try again in a moment.', { ...details, reason: 'timed-out' })
    default:
      if (isLocked(counters)) return lockedOutError(counters)
      return new ContractError('PROTOCOL', `The device answered the login with ${shown}, which Hotspot Desk does not know.`, details)
  }
}

export function passwordRequiredError(): ContractError {
  return new ContractError(
    'AUTH_FAILED',
    "This device needs its admin password before it shows its status. Enter the password (often on the label under the battery cover; ZTE's default is \"admin\").",
    { reason: 'password-required' }
  )
}

/** A setter answered with something other than success. */
export function writeRefusedError(what: string, goformId: string, result: string | undefined, code: ErrorCode = 'PROTOCOL'): ContractError {
  const shown = result === undefined ? 'no result' : JSON.stringify(result.slice(0, 24))
  return new ContractError(code, `The device refused to ${what} (${goformId} answered ${shown}).`, { goformId, zteResult: result ?? null })
}

/** HTTP-level answers from the GoAhead web server that are not a goform answer. */
export function httpStatusError(status: number, what: string): ContractError {
  if (status === 404) {
    return new ContractError('UNSUPPORTED', `The device has no goform API (${what} answered HTTP 404). It may not be a ZTE goform device.`, { httpStatus: status })
  }
  if (status >= 500) {
    return new ContractError('PROTOCOL', `The device's web server failed (${what} answered HTTP ${status}). It will be asked again on the next update.`, {
      httpStatus: status
    })
  }
  return new ContractError('PROTOCOL', `The device answered ${what} with HTTP ${status}.`, { httpStatus: status })
}

/** The session the driver logged in with is gone (idle timeout, reboot, or a login elsewhere). Internal. */
export function sessionLostError(): ContractError {
  return new ContractError('AUTH_FAILED', 'The device ended our admin session.', { reason: 'session-lost' })
}

export function isSessionLost(error: unknown): boolean {
  return error instanceof ContractError && error.details?.reason === 'session-lost'
}
