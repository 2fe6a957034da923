// WifiOperations for Netgear hotspots (capability wifiSettings, declared when model.json shows a radio):
//   get               → the `wifi` group of the admin model.json (wifi.ts)
//   set               → POST /Forms/config with the changed wifi.* keys (reference §3.1 generic setting change), then
//                       a fresh model.json, compared with what was asked
//   setAdminPassword  → POST /Forms/config webd.adminPassword=<new> [U: the key is the one model.json shows masked;
//                       no public client changes it]. The form takes no current password, so the current one is
//                       checked against the password this driver logged in with: a mismatch is AUTH_FAILED and
//                       nothing is sent. The key is never posted on a guest session (it would be refused anyway).
import { ContractError } from '../../../contract/errors'
import type { WifiOperations } from '../../driver'
import type { WifiSettings } from '../../model'
import type { JsonObject } from './json'
import { stringAt } from './json'
import { netgearSettableSecurity, parseNetgearWifi, wifiConfigFields, type NetgearWifiState } from './wifi'
import { adminPasswordViolation, checkWifiChange, securityLabel, unverifiedChange, wifiMismatches } from '../../wifi-rules'

/** Longest admin password sent [U]. */
export const NETGEAR_ADMIN_PASSWORD_MAX = 32

export interface NetgearWifiContext {
  /** A fresh admin model (logging in again once after an expiry, as read() does). */
  adminModel(signal: AbortSignal | undefined): Promise<JsonObject>
  /** One /Forms/config write with the driver's single resend after a lost session. */
  writeConfig(fields: Readonly<Record<string, string>>, action: string, signal: AbortSignal | undefined): Promise<void>
  currentPassword(): string | undefined
  replacePassword(password: string): void
}

export function createNetgearWifiOperations(ctx: NetgearWifiContext): Required<WifiOperations> {
  const readState = async (signal: AbortSignal | undefined): Promise<{ state: NetgearWifiState; model: JsonObject }> => {
    const model = await ctx.adminModel(signal)
    const parsed = parseNetgearWifi(model)
    if (!parsed.ok) throw new ContractError('PROTOCOL', `The device's Wi-Fi settings could not be read: ${parsed.error.field} — ${parsed.error.message}.`, { field: parsed.error.field })
    return { state: parsed.value, model }
  }

  return {
    async get(signal?: AbortSignal): Promise<WifiSettings> {
      const { state } = await readState(signal)
      if (state.kind === 'unsupported-mode') throw unsupportedMode(state.deviceMode)
      return state.settings
    },

    async set(change: Partial<WifiSettings>, signal?: AbortSignal): Promise<void> {
      // The full list of modes any Netgear may take; the model's own list is checked once it is known.
      const early = checkWifiChange(change, ['open', 'wpa2-psk', 'wpa-wpa2-psk', 'wpa3-sae', 'wpa2-wpa3'])
      if (early.kind === 'invalid') throw new ContractError('BAD_INPUT', early.violation.message, { path: early.violation.path })
      const { state, model } = await readState(signal)
      const checked = checkWifiChange(change, netgearSettableSecurity(stringAt(model, 'general.model')))
      if (checked.kind !== 'ok') {
        throw new ContractError(checked.kind === 'invalid' ? 'BAD_INPUT' : 'UNSUPPORTED', checked.violation.message, { path: checked.violation.path })
      }
      const wanted = effectiveChange(change, state)
      const fields = wifiConfigFields(wanted)
      if (Object.keys(fields).length === 0) return
      await ctx.writeConfig(fields, 'change its Wi-Fi settings', signal)

      const after = await readState(signal).catch((error: unknown) => {
        throw unverifiedChange(error)
      })
      if (after.state.kind === 'unsupported-mode') {
        throw new ContractError('PROTOCOL', `After the change the device reports the security mode "${after.state.deviceMode}" instead of what was set.`, {
          deviceMode: after.state.deviceMode
        })
      }
      const mismatches = wifiMismatches(wanted, after.state.settings, after.state.keyReadable)
      if (mismatches.length > 0) {
        throw new ContractError('PROTOCOL', `The device accepted the Wi-Fi change but shows something else for ${mismatches.map((m) => m.field).join(', ')}.`, { mismatches })
      }
    },

    async setAdminPassword(currentPassword: string, newPassword: string, signal?: AbortSignal): Promise<void> {
      if (currentPassword === '') throw new ContractError('BAD_INPUT', 'Enter the current admin password.', { path: 'currentPassword' })
      const violation = adminPasswordViolation(newPassword, NETGEAR_ADMIN_PASSWORD_MAX)
      if (violation) throw new ContractError('BAD_INPUT', violation.message, { path: 'newPassword' })
      if (currentPassword !== ctx.currentPassword()) {
        throw new ContractError(
          'AUTH_FAILED',
          'That is not the admin password Hotspot Desk is logged in with. Nothing was changed; check the current password (it is the one of the device web page).',
          { reason: 'wrong-current-password' }
        )
      }
      await ctx.adminModel(signal) // an admin session (logs in again once if it expired) before the write
      await ctx.writeConfig({ 'webd.adminPassword': newPassword }, 'change the admin password', signal)
      ctx.replacePassword(newPassword)
    }
  }
}

function effectiveChange(change: Partial<WifiSettings>, state: NetgearWifiState): Partial<WifiSettings> {
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
  if (resulting === undefined && Object.keys(effective).length > 0) throw unsupportedMode(state.kind === 'unsupported-mode' ? state.deviceMode : 'unknown')
  if (resulting === 'open' && change.key !== undefined) {
    throw new ContractError('BAD_INPUT', 'The network is open (no password); choose WPA2 with the password, or leave the password out.', { path: 'key' })
  }
  const hadKey = state.kind === 'settings' && state.settings.security !== 'open'
  if (resulting !== undefined && resulting !== 'open' && change.key === undefined && !hadKey) {
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
