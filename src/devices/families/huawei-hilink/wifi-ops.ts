// WifiOperations for Huawei E5 "Mobile WiFi" routers (capability wifiSettings):
//   get                → wlan/multi-basic-settings, or wlan/basic-settings + wlan/security-settings (wifi.ts)
//   set                → the matching POST with the changed fields over the current ones, encrypted when the
//                        firmware says encrypt_enabled (reference §1.5 names Wi-Fi keys among the encrypted setters);
//                        then read back and compare
//   setAdminPassword   → classic firmware: POST user/password <Username>, <CurrentPassword> (the login's password_type
//                        encoding, with this request's token for type 4), <NewPassword> base64 — what the E5785
//                        firmware's user/password.lua checks (janglapuk/huawei-e5785lh-92a-fw:cpio_3/html/api/user/
//                        password.lua). SCRAM firmware: POST user/password_scram <username>, <currentpassword>,
//                        <newpassword> in clear text inside the encrypted body (password_scram.lua; it logs every
//                        session out afterwards).
// Every value is checked before anything is sent (wifi-rules.ts). A wrong current password is AUTH_FAILED and is
// never tried again: the firmware logs the session out after three wrong tries in a row (password.lua webtimes).
import { ContractError } from '../../../contract/errors'
import type { WifiOperations } from '../../driver'
import type { WifiSettings } from '../../model'
import { huaweiCodeOf } from './errors'
import { DEFAULT_USERNAME, parseStateLogin } from './login'
import type { HuaweiOpsContext } from './ops-context'
import { base64Utf8, encodeClassicPassword } from './password'
import type { HuaweiSession } from './session'
import {
  basicSettingsRequest,
  HUAWEI_SETTABLE_SECURITY,
  multiBasicRequest,
  parseMultiBasicSettings,
  parseSingleSettings,
  securitySettingsRequest,
  type HuaweiWifiState
} from './wifi'
import { adminPasswordViolation, checkWifiChange, securityLabel, unverifiedChange, wifiMismatches } from '../../wifi-rules'
import { textOf } from './xml'

/** Longest admin password we send: SCRAM firmware refuse more than 32 characters (reference §1.4, mkorz README). */
export const HUAWEI_ADMIN_PASSWORD_MAX = 32
const WRONG_CURRENT = new Set([108001, 108002, 108006])

export function createWifiOperations(ctx: HuaweiOpsContext): Required<WifiOperations> {
  const readState = async (session: HuaweiSession, signal?: AbortSignal): Promise<HuaweiWifiState> => {
    const api = ctx.features.wlan
    if (api === 'none') throw new ContractError('UNSUPPORTED', 'This device has no Wi-Fi settings to manage.')
    const read =
      api === 'multi'
        ? parseMultiBasicSettings(await session.get('wlan/multi-basic-settings', signal))
        : parseSingleSettings(await session.get('wlan/basic-settings', signal), await session.get('wlan/security-settings', signal))
    if (!read.ok) throw new ContractError('PROTOCOL', `The device's Wi-Fi settings could not be read: ${read.error.field} — ${read.error.message}.`, { field: read.error.field })
    return read.value
  }

  const get = (signal?: AbortSignal): Promise<WifiSettings> =>
    ctx.run(async (session) => {
      const state = await readState(session, signal)
      if (state.kind === 'unsupported-mode') throw unsupportedMode(state.deviceMode)
      return state.settings
    }, signal)

  return {
    get,

    async set(change: Partial<WifiSettings>, signal?: AbortSignal): Promise<void> {
      const checked = checkWifiChange(change, HUAWEI_SETTABLE_SECURITY)
      if (checked.kind !== 'ok') {
        throw new ContractError(checked.kind === 'invalid' ? 'BAD_INPUT' : 'UNSUPPORTED', checked.violation.message, { path: checked.violation.path })
      }
      const wanted = await ctx.run(async (session) => {
        const state = await readState(session, signal)
        const effective = effectiveChange(change, state)
        if (Object.keys(effective).length === 0) return effective
        const encrypt = await ctx.encryption(session, signal)
        const options = encrypt ? { signal, encrypt } : { signal }
        try {
          if (state.raw.kind === 'multi') {
            await session.post('wlan/multi-basic-settings', multiBasicRequest(state.raw.ssid, effective), options)
          } else {
            const security = effective.security !== undefined || effective.key !== undefined
            if (effective.ssid !== undefined || effective.hidden !== undefined) {
              await session.post('wlan/basic-settings', basicSettingsRequest(state.raw.basic, effective, !security), options)
            }
            if (security) await session.post('wlan/security-settings', securitySettingsRequest(state.raw.security, effective), options)
          }
        } catch (error) {
          throw refusedSettings(error)
        }
        return effective
      }, signal)
      if (Object.keys(wanted).length === 0) return

      // Read back: the device must show what was asked (a firmware may ignore a field it does not know).
      const after = await ctx.run((session) => readState(session, signal), signal).catch((error: unknown) => {
        throw unverifiedChange(error)
      })
      if (after.kind === 'unsupported-mode') {
        throw new ContractError('PROTOCOL', `After the change the device reports the security mode "${after.deviceMode}" instead of what was set.`, { deviceMode: after.deviceMode })
      }
      const mismatches = wifiMismatches(wanted, after.settings, after.keyReadable)
      if (mismatches.length > 0) {
        throw new ContractError('PROTOCOL', `The device accepted the Wi-Fi change but shows something else for ${mismatches.map((m) => m.field).join(', ')}.`, { mismatches })
      }
    },

    async setAdminPassword(currentPassword: string, newPassword: string, signal?: AbortSignal): Promise<void> {
      if (currentPassword === '') throw new ContractError('BAD_INPUT', 'Enter the current admin password.', { path: 'currentPassword' })
      const violation = adminPasswordViolation(newPassword, HUAWEI_ADMIN_PASSWORD_MAX)
      if (violation) throw new ContractError('BAD_INPUT', violation.message, { path: 'newPassword' })

      const scram = await ctx.run(async (session) => {
        const stateRecord = await session.getOptional('user/state-login', signal)
        const state = stateRecord ? parseStateLogin(stateRecord) : undefined
        const username = textOf(stateRecord, 'Username') ?? (ctx.account.credentials()?.username?.trim() || DEFAULT_USERNAME)
        try {
          if (state?.scram) {
            // The stock UI never sends these in clear: without the device key we do not either.
            const encrypt = await ctx.keyEncryption(session, signal)
            if (!encrypt) throw new ContractError('UNSUPPORTED', 'This device wants its admin password changed over an encrypted request, but it offers no key. Change it in its web page.')
            await session.post('user/password_scram', { username, currentpassword: currentPassword, newpassword: newPassword }, { signal, encrypt })
            return true
          }
          const type = state?.passwordType ?? 0
          if (type !== 0 && type !== 3 && type !== 4) {
            throw new ContractError('UNSUPPORTED', `This device uses password type ${type}, which Hotspot Desk cannot change the password for.`, { passwordType: type })
          }
          await session.post(
            'user/password',
            (token) => ({ Username: username, CurrentPassword: encodeClassicPassword(type, username, currentPassword, token ?? ''), NewPassword: base64Utf8(newPassword) }),
            { signal }
          )
          return false
        } catch (error) {
          throw passwordChangeError(error)
        }
      }, signal)

      ctx.account.replacePassword(newPassword)
      // password_scram logs every session out (password_scram.lua web.logoutAllUser): log in again with the new one.
      if (scram) ctx.forgetSession()
    }
  }
}

/**
 * The fields that really change. A band other than the current one is not offered (the band lives in other
 * endpoints per model); a secured network needs a key when it had none (open or WEP before).
 */
function effectiveChange(change: Partial<WifiSettings>, state: HuaweiWifiState): Partial<WifiSettings> {
  const currentBand = state.kind === 'settings' ? state.settings.band : state.band
  if (change.band !== undefined && change.band !== currentBand) {
    throw new ContractError('UNSUPPORTED', `Hotspot Desk cannot move this device's Wi-Fi to ${change.band}; change the band in its web page.`, { path: 'band' })
  }
  const effective: Partial<WifiSettings> = {}
  if (change.ssid !== undefined) effective.ssid = change.ssid
  if (change.hidden !== undefined) effective.hidden = change.hidden
  if (change.security !== undefined) effective.security = change.security
  if (change.key !== undefined) effective.key = change.key
  const resulting = change.security ?? (state.kind === 'settings' ? state.settings.security : undefined)
  const hadWpaKey = state.kind === 'settings' && state.settings.security !== 'open'
  if (resulting !== undefined && resulting !== 'open' && change.key === undefined && !hadWpaKey) {
    throw new ContractError('BAD_INPUT', `${securityLabel(resulting)} needs a Wi-Fi password; give one with the change.`, { path: 'key' })
  }
  if (resulting === 'open' && change.key !== undefined) {
    throw new ContractError('BAD_INPUT', 'The network is open (no password); choose WPA2 with the password, or leave the password out.', { path: 'key' })
  }
  if (resulting === undefined && change.key === undefined && state.kind === 'unsupported-mode') {
    throw unsupportedMode(state.deviceMode)
  }
  return effective
}

function unsupportedMode(deviceMode: string): ContractError {
  return new ContractError(
    'UNSUPPORTED',
    `The device's Wi-Fi uses "${deviceMode}" (WEP or WPA1), which Hotspot Desk does not manage. Set WPA2 here (with a new password) or in its web page.`,
    { deviceMode }
  )
}

/** A refused Wi-Fi setter: 100005 is also what the E5785 answers when the key equals the guest network's. */
function refusedSettings(error: unknown): unknown {
  const code = huaweiCodeOf(error)
  if (code !== 100005 || !(error instanceof ContractError)) return error
  return new ContractError(
    'BAD_INPUT',
    'The device refused the Wi-Fi settings (error 100005). Some firmware refuse a password that equals the guest network\'s; choose another, or check the values in its web page.',
    error.details
  )
}

function passwordChangeError(error: unknown): unknown {
  const code = huaweiCodeOf(error)
  if (code === undefined || !(error instanceof ContractError)) return error
  if (WRONG_CURRENT.has(code)) {
    return new ContractError('AUTH_FAILED', `The device says the current admin password is wrong (error ${code}). Nothing was changed; Hotspot Desk will not try again by itself.`, {
      ...error.details,
      reason: 'wrong-current-password'
    })
  }
  if (code === 108004) {
    return new ContractError('BAD_INPUT', 'The device refused the new admin password (error 108004). It may be too simple or too long for this firmware; try another.', error.details)
  }
  return error
}
