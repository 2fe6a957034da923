// WifiOperations for ZTE goform devices (capability wifiSettings, declared when the unit shows an SSID1):
//   get               → one goform read of the SSID1 fields (wifi.ts)
//   set               → SET_WIFI_SSID1_SETTINGS with the whole form, the changed fields over the current ones,
//                       signed with AD like every setter (session.ts); then read back and compare
//   setAdminPassword  → CHANGE_PASSWORD oldPassword / newPassword, both base64 (the stock UI's changePassword()
//                       under PASSWORD_ENCODE, which is what LOGIN's base64 scheme assumes too; anysoft/mifi-tools
//                       webs/mf761, m23l and uz901 com.js all do the same). Whether SHA-256-login firmware want
//                       another encoding here is not known [U]; the same form is sent.
// The device answers a refused CHANGE_PASSWORD with a bare "failure" (stock UI: errorType "badPassword"); with the
// new password checked beforehand, that means the current one was wrong → AUTH_FAILED, never sent again.
import { ContractError } from '../../../contract/errors'
import type { WifiOperations } from '../../driver'
import type { WifiSettings } from '../../model'
import type { GoformFields } from './json'
import { encodeBase64Key, parseZteWifi, ssid1SettingsForm, WIFI_READ_FIELDS, ZTE_SETTABLE_SECURITY, type ZteWifiState } from './wifi'
import { adminPasswordViolation, checkWifiChange, securityLabel, unverifiedChange, wifiMismatches } from '../../wifi-rules'

/** Longest admin password sent [U: the stock page's own limit is not in the public copies]. */
export const ZTE_ADMIN_PASSWORD_MAX = 32

export interface ZteWifiContext {
  /** Run on an open session, with the driver's one re-login after a lost session. */
  withSession<T>(signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T>
  /** A goform read that throws the driver's session-lost error when a logged-in session is gone. */
  readFields(cmds: readonly string[], signal: AbortSignal | undefined): Promise<GoformFields>
  /** A signed setter; throws when the device does not answer success. */
  write(goformId: string, form: Readonly<Record<string, string>>, what: string, signal: AbortSignal | undefined): Promise<void>
  replacePassword(password: string): void
}

export function createZteWifiOperations(ctx: ZteWifiContext): Required<WifiOperations> {
  const readState = async (signal: AbortSignal | undefined): Promise<ZteWifiState> => {
    const parsed = parseZteWifi(await ctx.readFields(WIFI_READ_FIELDS, signal))
    if (!parsed.ok) throw new ContractError('PROTOCOL', `The device's Wi-Fi settings could not be read: ${parsed.error.field} — ${parsed.error.message}.`, { field: parsed.error.field })
    return parsed.value
  }

  return {
    get: (signal) =>
      ctx.withSession(signal, async () => {
        const state = await readState(signal)
        if (state.kind === 'unsupported-mode') throw unsupportedMode(state.deviceMode)
        return state.settings
      }),

    async set(change: Partial<WifiSettings>, signal?: AbortSignal): Promise<void> {
      const checked = checkWifiChange(change, ZTE_SETTABLE_SECURITY)
      if (checked.kind !== 'ok') {
        throw new ContractError(checked.kind === 'invalid' ? 'BAD_INPUT' : 'UNSUPPORTED', checked.violation.message, { path: checked.violation.path })
      }
      const wanted = await ctx.withSession(signal, async () => {
        const state = await readState(signal)
        const effective = effectiveChange(change, state)
        if (Object.keys(effective).length === 0) return effective
        const resulting = effective.security ?? (state.kind === 'settings' ? state.settings.security : undefined)
        const key = resulting === 'open' ? undefined : (effective.key ?? (state.kind === 'settings' ? state.settings.key : undefined))
        await ctx.write('SET_WIFI_SSID1_SETTINGS', ssid1SettingsForm(state.raw, effective, key), 'change its Wi-Fi settings', signal)
        return effective
      })
      if (Object.keys(wanted).length === 0) return

      const after = await ctx.withSession(signal, () => readState(signal)).catch((error: unknown) => {
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
      const violation = adminPasswordViolation(newPassword, ZTE_ADMIN_PASSWORD_MAX)
      if (violation) throw new ContractError('BAD_INPUT', violation.message, { path: 'newPassword' })
      await ctx.withSession(signal, async () => {
        try {
          await ctx.write('CHANGE_PASSWORD', { newPassword: encodeBase64Key(newPassword), oldPassword: encodeBase64Key(currentPassword) }, 'change the admin password', signal)
        } catch (error) {
          if (error instanceof ContractError && error.details?.goformId === 'CHANGE_PASSWORD') {
            throw new ContractError('AUTH_FAILED', 'The device refused the password change: the current admin password is wrong. Nothing was changed; Hotspot Desk will not try again by itself.', {
              ...error.details,
              reason: 'wrong-current-password'
            })
          }
          throw error
        }
      })
      ctx.replacePassword(newPassword)
    }
  }
}

/** A band other than the current one is not offered; a secured network needs a key it can resend or a new one. */
function effectiveChange(change: Partial<WifiSettings>, state: ZteWifiState): Partial<WifiSettings> {
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
  if (resulting === undefined) throw unsupportedMode(state.kind === 'unsupported-mode' ? state.deviceMode : 'unknown')
  if (resulting === 'open' && change.key !== undefined) {
    throw new ContractError('BAD_INPUT', 'The network is open (no password); choose WPA2 with the password, or leave the password out.', { path: 'key' })
  }
  const knownKey = state.kind === 'settings' && state.settings.security !== 'open' ? state.settings.key : undefined
  if (resulting !== 'open' && change.key === undefined && knownKey === undefined) {
    throw new ContractError('BAD_INPUT', `${securityLabel(resulting)} needs a Wi-Fi password; give one with the change.`, { path: 'key' })
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
