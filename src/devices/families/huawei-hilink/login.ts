// Logging in to a Huawei HiLink / E5 device. One attempt per call, never a retry after the device has judged
// a password: devices count failures and lock logins (reference §1.14 108007). The only resend is the session's
// single token-error retry, which happens before the device looks at the password.
//   - GET user/hilink_login: "0" = this HiLink stick wants no login at all (reference §1.3)
//   - GET user/state-login: State (0 logged in, -1 logged out), password_type, extern_password_type (1 = SCRAM),
//     lockstatus / remainwaittime (minutes)
//   - classic POST user/login (password_type 0/3/4) or SCRAM challenge_login + authentication_login (§1.4)
import { ContractError } from '../../../contract/errors'
import type { Credentials } from '../../driver'
import { huaweiCodeOf, lockedOutMessage, waitSecondsFrom } from './errors'
import { computeScramProof, createClientNonce, encodeClassicPassword, expectedRsaKeySignature, hexEquals, type ClassicPasswordType } from './password'
import type { HuaweiSession } from './session'
import { textOf, type XmlRecord } from './xml'

export const DEFAULT_USERNAME = 'admin'

export interface LoginState {
  /** From user/hilink_login; undefined when the firmware has no such endpoint. */
  loginRequired: boolean | undefined
  loggedIn: boolean
  passwordType: number
  scram: boolean
  locked: boolean
  waitSeconds?: number
}

export type LoginOutcome =
  | { kind: 'not-required' }
  | { kind: 'already-logged-in' }
  | { kind: 'logged-in'; method: 'classic' | 'scram'; passwordType?: ClassicPasswordType }

/** undefined when the firmware has no login API at all (Salamek treats that as "no login needed"). */
export async function readLoginState(session: HuaweiSession, signal?: AbortSignal): Promise<LoginState | undefined> {
  const hilink = await session.getOptional('user/hilink_login', signal)
  const hilinkValue = textOf(hilink, 'hilink_login')
  const state = await session.getOptional('user/state-login', signal)
  if (state === undefined) {
    if (hilinkValue === undefined) return undefined
    return { loginRequired: hilinkValue !== '0', loggedIn: false, passwordType: 0, scram: false, locked: false }
  }
  return {
    loginRequired: hilinkValue === undefined ? undefined : hilinkValue !== '0',
    ...parseStateLogin(state)
  }
}

/** The user/state-login record. password_type is missing on some firmware (Salamek/huawei-lte-api#129): 0. */
export function parseStateLogin(record: XmlRecord): Omit<LoginState, 'loginRequired'> {
  const passwordType = Number(textOf(record, 'password_type') ?? '0')
  const waitSeconds = waitSecondsFrom(record)
  const state: Omit<LoginState, 'loginRequired'> = {
    loggedIn: textOf(record, 'State') === '0',
    passwordType: Number.isInteger(passwordType) ? passwordType : -1,
    scram: textOf(record, 'extern_password_type') === '1',
    locked: textOf(record, 'lockstatus') === '1' || waitSeconds !== undefined
  }
  if (waitSeconds !== undefined) state.waitSeconds = waitSeconds
  return state
}

/** Log in when the device wants it. Throws AUTH_FAILED / LOCKED_OUT / … as ContractError. */
export async function login(session: HuaweiSession, credentials: Credentials | undefined, signal?: AbortSignal): Promise<LoginOutcome> {
  const state = await readLoginState(session, signal)
  if (state === undefined || state.loginRequired === false) return { kind: 'not-required' }
  if (state.loggedIn) return { kind: 'already-logged-in' }
  if (state.locked) {
    throw new ContractError('LOCKED_OUT', lockedOutMessage(state.waitSeconds), state.waitSeconds !== undefined ? { waitSeconds: state.waitSeconds } : undefined)
  }
  if (credentials === undefined || credentials.password === '') {
    throw new ContractError('AUTH_FAILED', 'This device needs its admin password before it shows its status. Enter the password (often on the label under the battery cover).', {
      reason: 'password-required'
    })
  }
  const username = credentials.username?.trim() || DEFAULT_USERNAME
  try {
    if (state.scram) {
      await scramLogin(session, username, credentials.password, signal)
      return { kind: 'logged-in', method: 'scram' }
    }
    const type = state.passwordType
    if (type !== 0 && type !== 3 && type !== 4) {
      throw new ContractError('UNSUPPORTED', `This device uses login password type ${type}, which Hotspot Desk does not know yet.`, { passwordType: type })
    }
    await classicLogin(session, username, credentials.password, type, signal)
    return { kind: 'logged-in', method: 'classic', passwordType: type }
  } catch (error) {
    throw await withLockoutWait(session, error, signal)
  }
}

export async function classicLogin(
  session: HuaweiSession,
  username: string,
  password: string,
  type: ClassicPasswordType,
  signal?: AbortSignal
): Promise<void> {
  const answer = await session.post(
    'user/login',
    // The type-4 hash includes the very token sent in this request's header (reference §1.3).
    (token) => ({ Username: username, Password: encodeClassicPassword(type, username, password, token ?? ''), password_type: type }),
    { signal, resetTokens: true }
  )
  if (answer.text.toUpperCase() !== 'OK') {
    throw new ContractError('PROTOCOL', `The device answered the login with "${answer.text}" instead of OK.`)
  }
}

export async function scramLogin(session: HuaweiSession, username: string, password: string, signal?: AbortSignal): Promise<void> {
  const clientNonce = createClientNonce()
  const challenge = await session.post(
    'user/challenge_login',
    { username, firstnonce: clientNonce, mode: 1 },
    // SCRAM clients send the last 32 characters of /api/webserver/token (mkorz/b618reboot, reference §1.2).
    { signal, tokenForHeader: (token) => (token.length > 32 ? token.slice(-32) : token) }
  )
  const salt = textOf(challenge.record, 'salt')
  const serverNonce = textOf(challenge.record, 'servernonce')
  const iterations = Number(textOf(challenge.record, 'iterations'))
  if (salt === undefined || serverNonce === undefined) {
    throw new ContractError('PROTOCOL', 'The device started a SCRAM login without a salt or server nonce.')
  }
  const proof = computeScramProof({ password, clientNonce, serverNonce, saltHex: salt, iterations })
  if (!proof.ok) throw new ContractError('PROTOCOL', `The device's SCRAM challenge is unusable: ${proof.error.message}.`)

  const answer = await session.post('user/authentication_login', { clientproof: proof.value.clientProof, finalnonce: serverNonce }, { signal, resetTokens: true })

  // Mutual authentication (reference §1.4 step 5): a device that does not know our password cannot sign.
  const serverSignature = textOf(answer.record, 'serversignature')
  if (serverSignature !== undefined && !hexEquals(serverSignature, proof.value.expectedServerSignature)) {
    throw new ContractError('PROTOCOL', 'The device accepted the login but its SCRAM server signature is wrong; refusing to trust this session.')
  }
  const rsan = textOf(answer.record, 'rsan')
  const rsaSignature = textOf(answer.record, 'rsapubkeysignature')
  if (rsan !== undefined && rsaSignature !== undefined) {
    const expected = expectedRsaKeySignature(proof.value.serverKey, rsan)
    if (expected === undefined || !hexEquals(expected, rsaSignature)) {
      throw new ContractError('PROTOCOL', "The device's RSA key signature does not match its SCRAM keys; refusing to trust this session.")
    }
  }
}

export async function logout(session: HuaweiSession, signal?: AbortSignal): Promise<void> {
  await session.post('user/logout', { Logout: 1 }, { signal })
}

/** A 108007 without a wait time in its body: ask state-login how long (a read, not another attempt). */
async function withLockoutWait(session: HuaweiSession, error: unknown, signal?: AbortSignal): Promise<unknown> {
  if (huaweiCodeOf(error) !== 108007 || !(error instanceof ContractError) || error.details?.waitSeconds !== undefined) return error
  try {
    const state = await session.getOptional('user/state-login', signal)
    const waitSeconds = waitSecondsFrom(state)
    if (waitSeconds === undefined) return error
    return new ContractError('LOCKED_OUT', lockedOutMessage(waitSeconds), { ...error.details, waitSeconds })
  } catch {
    return error
  }
}
