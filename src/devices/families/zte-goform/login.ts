// Logging in to a ZTE goform device: one attempt per call, never a retry after the device has judged a
// password (5 wrong passwords lock logins for 300 s, reference §2.2 and §7).
//   1. one unauthenticated read: loginfo ("ok" when this session is logged in), LD (the login salt; empty on
//      base64 firmware), psw_fail_num_str / login_lock_time (attempts left / lock seconds), the versions
//      (for the AD hint) and imei (readable without login on firmware that have no login at all);
//   2. refuse early when logins are locked; otherwise LOGIN with base64 or SHA-256+LD (password.ts);
//   3. on a refusal, one more READ of the counters so the error can say how many attempts are left.
// The LD read and the LOGIN run under the session's lock, so nothing else fetches a new salt in between.
import type { Credentials } from '../../driver'
import { isLocked, isLoginSuccess, lockedOutError, loginError, loginResultOf, parseLoginCounters, passwordRequiredError, type LoginCounters } from './errors'
import { textOf, type GoformFields } from './json'
import { adSchemeHint, loginPassword, loginSchemeFor, type LoginScheme } from './password'
import type { ZteSession } from './session'

export const LOGIN_PROBE_FIELDS = ['loginfo', 'LD', 'psw_fail_num_str', 'login_lock_time', 'wa_inner_version', 'cr_version', 'imei'] as const

export interface LoginProbe {
  loggedIn: boolean
  ld?: string
  scheme: LoginScheme
  counters: LoginCounters
  waInnerVersion?: string
  /** Protected data (the IMEI) is readable without a login: a firmware with HAS_LOGIN off. */
  anonymousData: boolean
}

export function parseLoginProbe(fields: GoformFields): LoginProbe {
  const ld = textOf(fields, 'LD')
  const probe: LoginProbe = {
    loggedIn: textOf(fields, 'loginfo')?.toLowerCase() === 'ok',
    scheme: loginSchemeFor(ld),
    counters: parseLoginCounters(fields),
    anonymousData: /^\d{14,16}$/.test(textOf(fields, 'imei') ?? '')
  }
  if (ld !== undefined) probe.ld = ld
  const version = textOf(fields, 'wa_inner_version')
  if (version !== undefined) probe.waInnerVersion = version
  return probe
}

export type LoginOutcome = { kind: 'already-logged-in' } | { kind: 'not-required' } | { kind: 'logged-in'; scheme: LoginScheme }

export function login(session: ZteSession, credentials: Credentials | undefined, signal?: AbortSignal): Promise<LoginOutcome> {
  return session.exclusive(async () => {
    const probe = parseLoginProbe(await session.getFields(LOGIN_PROBE_FIELDS, signal))
    session.adHint = adSchemeHint(probe.waInnerVersion)
    if (probe.loggedIn) return { kind: 'already-logged-in' }
    if (credentials === undefined || credentials.password === '') {
      if (probe.anonymousData) return { kind: 'not-required' }
      throw passwordRequiredError()
    }
    if (isLocked(probe.counters)) throw lockedOutError(probe.counters)

    const password = loginPassword(probe.scheme, credentials.password, probe.ld ?? '')
    const answer = await session.post({ goformId: 'LOGIN', password }, signal)
    const result = loginResultOf(answer)
    if (isLoginSuccess(result)) return { kind: 'logged-in', scheme: probe.scheme }

    let counters = probe.counters
    try {
      counters = parseLoginCounters(await session.getFields(['psw_fail_num_str', 'login_lock_time'], signal))
    } catch {
      // The refusal stands on its own; the counters only make the message more useful.
    }
    throw loginError(result, counters)
  })
}

/** LOGOUT is a setter like any other: signed with AD on firmware that have RD. */
export async function logout(session: ZteSession, signal?: AbortSignal): Promise<void> {
  await session.write('LOGOUT', {}, { signal, what: 'log out', requireLogin: false })
}
