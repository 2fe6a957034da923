// The primary Wi-Fi network of Netgear AirCard / Nighthawk hotspots, pure: WifiSettings from model.json and the
// /Forms/config fields that change it.
// - model.json `wifi` group (admin view): SSID, passPhrase, hiddenSSID (boolean), encryption, mode, clientCount,
//   maxClientSupported … — the field set of a public Go client's full Nighthawk model struct (indexed copy, repo
//   not resolved) and of home-assistant/core:tests/components/netgear_lte/fixtures/model.json (an LM1200, which has
//   the group but no radio: SSID "" and maxClientSupported 0). The guest model hides passPhrase (eternalegypt keeps
//   wifi.passphrase out of its items because the admin model shows it).
// - Writes are the generic `<model path>=<value>` form of /Forms/config (reference §3.1): wifi.SSID,
//   wifi.passPhrase, wifi.hiddenSSID, wifi.encryption.
// [U] The values of `wifi.encryption` and `wifi.mode` are not in any public sample. The parser below accepts the
// usual spellings ("WPA2", "WPA2-PSK", "WPA/WPA2 Personal", "None" …); the writer sends the compact forms None,
// WPA2, WPAWPA2, WPA3, WPA2WPA3. `wifi.mode` is read as a band only when it names one ("2.4GHz", "5GHz", dual).
import type { WifiSettings } from '../../model'
import { asString, at, boolAt, isJsonObject, numberAt, stringAt, type JsonObject } from './json'
import type { ParseResult } from './parse'
import type { WifiSecurityMode } from '../../wifi-rules'

export type NetgearWifiState =
  | { kind: 'settings'; settings: WifiSettings; keyReadable: boolean; encryption: string }
  | { kind: 'unsupported-mode'; deviceMode: string; band?: WifiSettings['band'] }

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value })
const bad = (field: string, input: string, message: string): ParseResult<never> => ({ ok: false, error: { kind: 'field-error', field, input, message } })

/** The unit has a radio: a non-empty SSID and, where the model says so, room for at least one client. */
export function hasWifiRadio(model: JsonObject): boolean {
  const ssid = stringAt(model, 'wifi.SSID')
  const capacity = numberAt(model, 'wifi.maxClientSupported')
  return ssid !== undefined && ssid !== '' && (capacity === undefined || capacity > 0)
}

/** Models known to offer WPA3 (Nighthawk M5 / M6 generation, Wi-Fi 6) [U]; older ones get the WPA2 set. */
export function netgearSettableSecurity(model: string | undefined): readonly WifiSecurityMode[] {
  const wpa3 = model !== undefined && /^MR(5|6)\d{3}/i.test(model.trim())
  return wpa3 ? ['open', 'wpa2-psk', 'wpa-wpa2-psk', 'wpa3-sae', 'wpa2-wpa3'] : ['open', 'wpa2-psk', 'wpa-wpa2-psk']
}

/** wifi.encryption → contract mode; a string names what the contract cannot represent (WEP, WPA1). */
export function netgearSecurityOf(raw: string | undefined): WifiSecurityMode | string | undefined {
  if (raw === undefined) return undefined
  const compact = raw
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/PSK|PERSONAL|AES|CCMP|TKIP|SAE|MIXED|TRANSITION/g, '')
  switch (compact) {
    case '':
    case 'NONE':
    case 'OPEN':
    case 'DISABLED':
      return 'open'
    case 'WPA2':
      return 'wpa2-psk'
    case 'WPAWPA2':
    case 'WPA2WPA':
      return 'wpa-wpa2-psk'
    case 'WPA3':
      return 'wpa3-sae'
    case 'WPA2WPA3':
    case 'WPA3WPA2':
      return 'wpa2-wpa3'
    default:
      return raw.trim()
  }
}

/** What the writer sends for a mode [U, see the header]. */
export const NETGEAR_ENCRYPTION: Readonly<Record<WifiSecurityMode, string>> = {
  open: 'None',
  'wpa2-psk': 'WPA2',
  'wpa-wpa2-psk': 'WPAWPA2',
  'wpa3-sae': 'WPA3',
  'wpa2-wpa3': 'WPA2WPA3'
}

export function netgearBandOf(mode: string | undefined): WifiSettings['band'] | undefined {
  const compact = mode?.toUpperCase().replace(/[^A-Z0-9.]/g, '')
  if (compact === undefined || compact === '') return undefined
  const has24 = /2\.?4G/.test(compact)
  const has5 = /(^|[^0-9.])5G/.test(compact) || compact.startsWith('5G')
  if ((has24 && has5) || compact.includes('DUAL')) return 'dual'
  if (has24) return '2.4GHz'
  if (has5) return '5GHz'
  return undefined
}

export function parseNetgearWifi(model: JsonObject): ParseResult<NetgearWifiState> {
  const wifi = at(model, 'wifi')
  if (!isJsonObject(wifi)) return bad('wifi', '', 'the device shows no Wi-Fi settings')
  const ssid = asString(wifi.SSID)
  if (ssid === undefined || ssid === '') return bad('wifi.SSID', '', 'the device sent no network name')
  const rawEncryption = asString(wifi.encryption)
  const security = netgearSecurityOf(rawEncryption)
  if (security === undefined) return bad('wifi.encryption', '', 'the device sent no security mode')
  const band = netgearBandOf(asString(wifi.mode))
  if (!isContractMode(security)) return ok(band === undefined ? { kind: 'unsupported-mode', deviceMode: security } : { kind: 'unsupported-mode', deviceMode: security, band })
  const hidden = boolAt(model, 'wifi.hiddenSSID')
  const settings: WifiSettings = { ssid, security, hidden: hidden ?? false }
  const key = typeof wifi.passPhrase === 'string' ? wifi.passPhrase : undefined
  const keyReadable = key !== undefined && key !== '' && !/^\*+$/.test(key)
  if (security !== 'open' && keyReadable) settings.key = key
  if (band !== undefined) settings.band = band
  return ok({ kind: 'settings', settings, keyReadable: security === 'open' || keyReadable, encryption: rawEncryption ?? '' })
}

function isContractMode(mode: string): mode is WifiSecurityMode {
  return mode === 'open' || mode === 'wpa2-psk' || mode === 'wpa-wpa2-psk' || mode === 'wpa3-sae' || mode === 'wpa2-wpa3'
}

/** The /Forms/config fields for a change: only the settings that change. */
export function wifiConfigFields(change: Partial<WifiSettings>): Record<string, string> {
  const fields: Record<string, string> = {}
  if (change.ssid !== undefined) fields['wifi.SSID'] = change.ssid
  if (change.security !== undefined) fields['wifi.encryption'] = NETGEAR_ENCRYPTION[change.security]
  if (change.key !== undefined) fields['wifi.passPhrase'] = change.key
  if (change.hidden !== undefined) fields['wifi.hiddenSSID'] = change.hidden ? 'true' : 'false'
  return fields
}
