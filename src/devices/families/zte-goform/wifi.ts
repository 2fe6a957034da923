// The main Wi-Fi network (SSID1) of ZTE goform devices, pure: the fields a read asks for, WifiSettings from the
// answer, and the SET_WIFI_SSID1_SETTINGS form. Facts from the stock ZXIC web UI (anysoft/mifi-tools:
// webs/mf761/web/js/com.js and web1/js/com.js, getWifiBasic / setWifiBasic / wifi.js):
// - read: SSID1, AuthMode, EncrypType, HideSSID, WPAPSK1_encode (base64 when the firmware sets PASSWORD_ENCODE) or
//   WPAPSK1 (plain) — a third form, WPAPSK1_enaes (AES with rnum_js + imei), is not read here —, MAX_Access_num,
//   NoForwarding, show_qrcode_flag, show_ssid_on_lcd, wifi_cur_state; wifi_band "a" = 5 GHz, "b" = 2.4 GHz.
// - AuthMode: OPEN (EncrypType NONE, or WEP), SHARED (WEP), WPAPSK, WPA2PSK, WPAPSKWPA2PSK, WPA3Personal, WPA2WPA3.
// - HideSSID "1" = hidden. The setter's broadcastSsidEnabled carries the HideSSID value unchanged (com.js passes
//   the read `broadcast: HideSSID` straight into `broadcastSsidEnabled`; wifi.js warns "SSID broadcast disabled"
//   when it is "1"), so "1" = hidden there too, whatever the name says.
// - SET_WIFI_SSID1_SETTINGS: ssid, broadcastSsidEnabled, MAX_Access_num, security_mode, cipher, NoForwarding,
//   show_qrcode_flag (+ show_ssid_on_lcd); for WPA modes security_shared_mode = cipher and passphrase
//   (base64 under PASSWORD_ENCODE); for OPEN security_shared_mode = "NONE". cipher: 0 TKIP, 1 AES, 2 TKIP+AES,
//   read from EncrypType (TKIP → 0, AES → 1, anything else → 2).
// Every field is sent on each write (the stock page posts the whole form); only the ones asked for change.
import type { WifiSettings } from '../../model'
import { bad, ok, type ParseResult } from './result'
import type { WifiSecurityMode } from '../../wifi-rules'

export const WIFI_READ_FIELDS = [
  'SSID1',
  'AuthMode',
  'EncrypType',
  'HideSSID',
  'WPAPSK1_encode',
  'WPAPSK1',
  'MAX_Access_num',
  'NoForwarding',
  'show_qrcode_flag',
  'show_ssid_on_lcd',
  'wifi_cur_state',
  'wifi_band',
  'loginfo'
] as const

/** ZTE's WPA3 values exist in the stock UI, but which units take them is unknown: none is sent. */
export const ZTE_SETTABLE_SECURITY: readonly WifiSecurityMode[] = ['open', 'wpa2-psk', 'wpa-wpa2-psk']

export type ZteWifiState =
  | { kind: 'settings'; settings: WifiSettings; keyReadable: boolean; raw: Readonly<Record<string, string>> }
  | { kind: 'unsupported-mode'; deviceMode: string; band?: WifiSettings['band']; raw: Readonly<Record<string, string>> }

/** AuthMode (+ EncrypType for OPEN) → contract mode; a string names what the contract cannot represent. */
export function zteSecurityOf(authMode: string | undefined, encrypType: string | undefined): WifiSecurityMode | string | undefined {
  const mode = authMode?.trim()
  switch (mode) {
    case undefined:
    case '':
      return undefined
    case 'OPEN':
      return encrypType === undefined || encrypType.trim() === '' || encrypType.trim().toUpperCase() === 'NONE' ? 'open' : 'OPEN+WEP'
    case 'WPA2PSK':
      return 'wpa2-psk'
    case 'WPAPSKWPA2PSK':
      return 'wpa-wpa2-psk'
    case 'WPA3Personal':
      return 'wpa3-sae'
    case 'WPA2WPA3':
      return 'wpa2-wpa3'
    default:
      return mode
  }
}

export function zteBandOf(wifiBand: string | undefined): WifiSettings['band'] | undefined {
  const value = wifiBand?.trim().toLowerCase()
  return value === 'a' ? '5GHz' : value === 'b' ? '2.4GHz' : undefined
}

/** The stock decoder: base64 → UTF-8 (a passphrase is ASCII, so nothing else is expected). */
export function decodeBase64Key(encoded: string): string | undefined {
  const value = encoded.trim()
  if (value === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined
  const text = Buffer.from(value, 'base64').toString('utf8')
  return text.includes('\ufffd') ? undefined : text
}

export function encodeBase64Key(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64')
}

export function parseZteWifi(fields: Readonly<Record<string, string>>): ParseResult<ZteWifiState> {
  const ssid = fields.SSID1
  if (ssid === undefined || ssid === '') return bad('SSID1', '', 'the device sent no network name (is this session logged in?)')
  const security = zteSecurityOf(fields.AuthMode, fields.EncrypType)
  if (security === undefined) return bad('AuthMode', '', 'the device sent no security mode')
  const band = zteBandOf(fields.wifi_band)
  if (!isContractMode(security)) return ok(band === undefined ? { kind: 'unsupported-mode', deviceMode: security, raw: fields } : { kind: 'unsupported-mode', deviceMode: security, band, raw: fields })
  const hide = fields.HideSSID?.trim()
  if (hide !== undefined && hide !== '' && hide !== '0' && hide !== '1') return bad('HideSSID', hide, 'expected 0 or 1')
  const key = readKey(fields)
  if (!key.ok) return key
  const settings: WifiSettings = { ssid, security, hidden: hide === '1' }
  if (security !== 'open' && key.value !== undefined) settings.key = key.value
  if (band !== undefined) settings.band = band
  return ok({ kind: 'settings', settings, keyReadable: security === 'open' || key.value !== undefined, raw: fields })
}

function readKey(fields: Readonly<Record<string, string>>): ParseResult<string | undefined> {
  const encoded = fields.WPAPSK1_encode
  if (encoded !== undefined && encoded.trim() !== '') {
    const key = decodeBase64Key(encoded)
    return key === undefined ? bad('WPAPSK1_encode', encoded, 'not base64 text') : ok(key)
  }
  const plain = fields.WPAPSK1
  return ok(plain !== undefined && plain !== '' ? plain : undefined)
}

function isContractMode(mode: string): mode is WifiSecurityMode {
  return mode === 'open' || mode === 'wpa2-psk' || mode === 'wpa-wpa2-psk' || mode === 'wpa3-sae' || mode === 'wpa2-wpa3'
}

const AUTH_MODES: Readonly<Partial<Record<WifiSecurityMode, string>>> = { open: 'OPEN', 'wpa2-psk': 'WPA2PSK', 'wpa-wpa2-psk': 'WPAPSKWPA2PSK' }

/** The stock getter's cipher from EncrypType: TKIP → 0, AES → 1, anything else → 2. */
export function cipherOf(encrypType: string | undefined): '0' | '1' | '2' {
  const value = encrypType?.trim().toUpperCase()
  return value === 'TKIP' ? '0' : value === 'AES' ? '1' : '2'
}

/**
 * The SET_WIFI_SSID1_SETTINGS form: the current values with the change applied. `key` is the passphrase to send
 * for a WPA mode (the new one, or the current one the device showed).
 */
export function ssid1SettingsForm(current: Readonly<Record<string, string>>, change: Partial<WifiSettings>, key: string | undefined): Record<string, string> {
  const currentMode = zteSecurityOf(current.AuthMode, current.EncrypType)
  const mode = change.security ?? (typeof currentMode === 'string' && currentMode in AUTH_MODES ? (currentMode as WifiSecurityMode) : undefined)
  const securityMode = mode !== undefined ? AUTH_MODES[mode] : undefined
  if (securityMode === undefined) throw new RangeError(`no ZTE AuthMode for ${String(mode ?? currentMode)}`)
  const hidden = change.hidden ?? current.HideSSID?.trim() === '1'
  const form: Record<string, string> = {
    ssid: change.ssid ?? current.SSID1 ?? '',
    broadcastSsidEnabled: hidden ? '1' : '0',
    MAX_Access_num: current.MAX_Access_num?.trim() || '10',
    security_mode: securityMode,
    NoForwarding: current.NoForwarding?.trim() || '0',
    show_qrcode_flag: current.show_qrcode_flag?.trim() || '0'
  }
  // The getter turns "yes"/"no" into "1"/"0" for the page, which posts that back.
  const lcd = current.show_ssid_on_lcd?.trim()
  if (lcd !== undefined && lcd !== '') form.show_ssid_on_lcd = lcd === 'yes' || lcd === '1' ? '1' : '0'
  if (mode === 'open') {
    form.cipher = cipherOf(current.EncrypType)
    form.security_shared_mode = 'NONE'
    return form
  }
  // WPA2 with TKIP is deprecated: AES for WPA2, TKIP+AES for the mixed mode.
  const cipher = mode === 'wpa2-psk' ? '1' : '2'
  form.cipher = cipher
  form.security_shared_mode = cipher
  if (key === undefined) throw new RangeError('a WPA mode needs a passphrase')
  form.passphrase = encodeBase64Key(key)
  return form
}
