// The Wi-Fi settings of Huawei E5 "Mobile WiFi" routers, pure: reading the WLAN endpoints into WifiSettings and
// building the setter bodies. Two generations (reference §1 has no WLAN section; facts from the sources below):
//   'multi'  GET/POST /api/wlan/multi-basic-settings — <Ssids><Ssid>… per SSID: Index, ID
//            (InternetGatewayDevice.X_Config.Wifi.Radio.<r>.Ssid.<n>.), WifiEnable, WifiSsid, WifiBroadcast,
//            WifiAuthmode, WifiBasicencryptionmodes, WifiWpaencryptionmodes, WifiWpapsk, WifiWepKeyIndex,
//            wifiisguestnetwork, wifiguestofftime; POST with WifiRestart 1. Only the SSIDs posted are changed.
//            WifiBroadcast is inverted: 1 = hidden (AdvertisementEnabled 0). Newer firmware (E5785) blank every key
//            in the GET; an absent WifiWpapsk in a POST keeps the stored key.
//            Sources: Salamek/huawei-lte-api:huawei_lte_api/api/WLan.py (set_multi_basic_settings, the field list
//            of _to_multi_basic_settings_ssid_body); janglapuk/huawei-e5785lh-92a-fw:cpio_3/html/api/wlan/
//            multi-basic-settings.lua and multi-basic-settings.json.lua (the E5785 firmware's own handlers).
//   'single' GET/POST /api/wlan/basic-settings (WifiSsid, WifiHide 1 = hidden, WifiRestart) and
//            /api/wlan/security-settings (WifiAuthmode, WifiBasicencryptionmodes, WifiWpaencryptionmodes,
//            WifiWpapsk, WifiWepKey1…, WifiRestart) — older single-SSID E5 firmware (E587 era). The security GET
//            returns the key (routersploit's E5331 module reads it there).
//            Source: Salamek WLan.py set_basic_settings / set_security_settings.
// WifiAuthmode values: AUTO, OPEN, SHARE, WPA-PSK, WPA2-PSK, WPA/WPA2-PSK (Salamek enums/wlan.py AuthModeEnum);
// WifiWpaencryptionmodes AES, TKIP, MIX; WifiBasicencryptionmodes NONE, WEP (Salamek WpaEncryptModeEnum,
// WepEncryptModeEnum). OPEN + NONE is an open network; OPEN + WEP, SHARE and AUTO are WEP.
import type { WifiSettings } from '../../model'
import type { ParseResult } from './parse'
import type { WifiSecurityMode } from '../../wifi-rules'
import { asList, textOf, type XmlRecord, type XmlWritableRecord } from './xml'

export type HuaweiWlanApi = 'multi' | 'single'

/** What these firmware generations can be set to. WPA3 names are not known for E5 firmware, so none is sent. */
export const HUAWEI_SETTABLE_SECURITY: readonly WifiSecurityMode[] = ['open', 'wpa2-psk', 'wpa-wpa2-psk']

/** The raw primary SSID node ('multi') or the two raw records ('single'): what a setter resends unchanged. */
export type HuaweiWifiRaw = { kind: 'multi'; ssid: XmlRecord } | { kind: 'single'; basic: XmlRecord; security: XmlRecord }

/** The device's state as read. */
export type HuaweiWifiState =
  | {
      kind: 'settings'
      settings: WifiSettings
      /** The device showed the key (the single API and older multi firmware do; the E5785 blanks it). */
      keyReadable: boolean
      raw: HuaweiWifiRaw
    }
  | {
      /** A WEP or WPA1-only network: the contract has no value for it, but it can be changed. */
      kind: 'unsupported-mode'
      /** As the device names it, e.g. "SHARE", "WPA-PSK" or "OPEN+WEP". */
      deviceMode: string
      band?: WifiSettings['band']
      raw: HuaweiWifiRaw
    }

export type HuaweiWifiRead = ParseResult<HuaweiWifiState>

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value })
const bad = (field: string, input: string, message: string): ParseResult<never> => ({ ok: false, error: { kind: 'field-error', field, input, message } })

/** WifiAuthmode (+ WifiBasicencryptionmodes for OPEN) → contract mode; a string names what we cannot represent. */
export function huaweiSecurityOf(authMode: string | undefined, basicEncryption: string | undefined): WifiSecurityMode | string | undefined {
  const mode = authMode?.trim().toUpperCase()
  switch (mode) {
    case undefined:
    case '':
      return undefined
    case 'OPEN':
      return basicEncryption === undefined || basicEncryption.trim().toUpperCase() === 'NONE' ? 'open' : 'OPEN+WEP'
    case 'WPA2-PSK':
      return 'wpa2-psk'
    case 'WPA/WPA2-PSK':
      return 'wpa-wpa2-psk'
    // Names used by newer Huawei routers' web UIs [U for E5 firmware]: read, never written.
    case 'WPA3-SAE':
      return 'wpa3-sae'
    case 'WPA2-PSK/WPA3-SAE':
    case 'WPA2/WPA3':
      return 'wpa2-wpa3'
    default:
      return mode
  }
}

/** Radio.1 is the 2.4 GHz radio, Radio.2 the 5 GHz one on dual-band units [U: numbering read from the E5785 dump]. */
export function bandOfSsidId(id: string | undefined): WifiSettings['band'] | undefined {
  const match = id === undefined ? null : /\.Radio\.(\d+)\./.exec(id)
  if (!match) return undefined
  if (match[1] === '1') return '2.4GHz'
  if (match[1] === '2') return '5GHz'
  return undefined
}

/** The main SSID of multi-basic-settings: Index 0, else the first that is not a guest network. */
export function primarySsid(record: XmlRecord | undefined): XmlRecord | undefined {
  const container = record?.Ssids
  const list = container !== undefined && typeof container === 'object' && !Array.isArray(container) ? asList((container as XmlRecord).Ssid) : []
  const nodes = list.filter((entry): entry is XmlRecord => typeof entry !== 'string')
  return nodes.find((node) => textOf(node, 'Index') === '0') ?? nodes.find((node) => textOf(node, 'wifiisguestnetwork') !== '1')
}

/** Every SSID of multi-basic-settings (for the guest-key check the firmware makes). */
export function allSsids(record: XmlRecord | undefined): XmlRecord[] {
  const container = record?.Ssids
  const list = container !== undefined && typeof container === 'object' && !Array.isArray(container) ? asList((container as XmlRecord).Ssid) : []
  return list.filter((entry): entry is XmlRecord => typeof entry !== 'string')
}

export function parseMultiBasicSettings(record: XmlRecord | undefined): HuaweiWifiRead {
  const node = primarySsid(record)
  if (!node) return bad('Ssids', '', 'the device listed no Wi-Fi network')
  return settingsFrom(
    {
      ssid: textOf(node, 'WifiSsid'),
      authMode: textOf(node, 'WifiAuthmode'),
      basicEncryption: textOf(node, 'WifiBasicencryptionmodes'),
      key: textOf(node, 'WifiWpapsk'),
      hidden: textOf(node, 'WifiBroadcast'),
      band: bandOfSsidId(textOf(node, 'ID'))
    },
    'WifiBroadcast',
    { kind: 'multi', ssid: node }
  )
}

export function parseSingleSettings(basic: XmlRecord | undefined, security: XmlRecord | undefined): HuaweiWifiRead {
  if (!basic || !security) return bad(basic ? 'security-settings' : 'basic-settings', '', 'the device sent no Wi-Fi settings')
  return settingsFrom(
    {
      ssid: textOf(basic, 'WifiSsid'),
      authMode: textOf(security, 'WifiAuthmode'),
      basicEncryption: textOf(security, 'WifiBasicencryptionmodes'),
      key: textOf(security, 'WifiWpapsk'),
      hidden: textOf(basic, 'WifiHide'),
      band: undefined
    },
    'WifiHide',
    { kind: 'single', basic, security }
  )
}

interface RawFields {
  ssid: string | undefined
  authMode: string | undefined
  basicEncryption: string | undefined
  key: string | undefined
  /** '1' = hidden for both WifiBroadcast (sic) and WifiHide. */
  hidden: string | undefined
  band: WifiSettings['band'] | undefined
}

function settingsFrom(raw: RawFields, hiddenField: string, source: HuaweiWifiRaw): HuaweiWifiRead {
  // textOf trims; an SSID is taken as the device stores it, so read the untrimmed text where we can.
  const ssid = untrimmed(source, 'WifiSsid') ?? raw.ssid
  if (ssid === undefined || ssid === '') return bad('WifiSsid', '', 'the device sent no network name')
  const security = huaweiSecurityOf(raw.authMode, raw.basicEncryption)
  if (security === undefined) return bad('WifiAuthmode', '', 'the device sent no security mode')
  if (!isContractMode(security)) {
    return ok(raw.band === undefined ? { kind: 'unsupported-mode', deviceMode: security, raw: source } : { kind: 'unsupported-mode', deviceMode: security, band: raw.band, raw: source })
  }
  if (raw.hidden !== undefined && raw.hidden !== '0' && raw.hidden !== '1') return bad(hiddenField, raw.hidden, 'expected 0 or 1')
  const settings: WifiSettings = { ssid, security, hidden: raw.hidden === '1' }
  const key = untrimmed(source, 'WifiWpapsk') ?? raw.key
  const keyReadable = key !== undefined && key !== ''
  if (security !== 'open' && keyReadable) settings.key = key
  if (raw.band !== undefined) settings.band = raw.band
  return ok({ kind: 'settings', settings, keyReadable: security === 'open' || keyReadable, raw: source })
}

function untrimmed(source: HuaweiWifiRaw, name: string): string | undefined {
  const record = source.kind === 'multi' ? source.ssid : name === 'WifiSsid' ? source.basic : source.security
  const value = record[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

function isContractMode(mode: string): mode is WifiSecurityMode {
  return mode === 'open' || mode === 'wpa2-psk' || mode === 'wpa-wpa2-psk' || mode === 'wpa3-sae' || mode === 'wpa2-wpa3'
}

/** The three auth fields for a mode; keeps the current WPA cipher when it suits the mode. */
export function authFieldsFor(mode: WifiSecurityMode, current: { basicEncryption?: string; wpaEncryption?: string }): Record<string, string> {
  switch (mode) {
    case 'open':
      return { WifiAuthmode: 'OPEN', WifiBasicencryptionmodes: 'NONE', WifiWpaencryptionmodes: current.wpaEncryption ?? 'AES' }
    case 'wpa2-psk':
      // WPA2 with TKIP is deprecated (and not Wi-Fi certified since 2014): AES unless the device already says so.
      return { WifiAuthmode: 'WPA2-PSK', WifiBasicencryptionmodes: current.basicEncryption ?? 'NONE', WifiWpaencryptionmodes: 'AES' }
    case 'wpa-wpa2-psk':
      return { WifiAuthmode: 'WPA/WPA2-PSK', WifiBasicencryptionmodes: current.basicEncryption ?? 'NONE', WifiWpaencryptionmodes: 'MIX' }
    default:
      throw new RangeError(`no Huawei auth mode for ${mode}`)
  }
}

/** Fields of a multi-basic-settings SSID that are sent back as they are (Salamek's list). */
const MULTI_KEPT = ['Index', 'ID', 'WifiEnable', 'WifiSsid', 'WifiBroadcast', 'WifiAuthmode', 'WifiBasicencryptionmodes', 'WifiWpaencryptionmodes', 'WifiWepKeyIndex', 'wifiisguestnetwork', 'wifiguestofftime'] as const

/**
 * POST wlan/multi-basic-settings for the main SSID: its current fields, then the changes. The key goes only when it
 * changes (the firmware keeps the stored one otherwise). Other SSIDs (guest) are not posted, so they stay.
 */
export function multiBasicRequest(current: XmlRecord, change: Partial<WifiSettings>): XmlWritableRecord {
  const ssid: Record<string, string> = {}
  for (const name of MULTI_KEPT) {
    const value = current[name]
    if (typeof value === 'string') ssid[name] = name === 'WifiSsid' ? value : value.trim()
  }
  if (change.ssid !== undefined) ssid.WifiSsid = change.ssid
  if (change.hidden !== undefined) ssid.WifiBroadcast = change.hidden ? '1' : '0'
  if (change.security !== undefined) {
    Object.assign(ssid, authFieldsFor(change.security, { basicEncryption: ssid.WifiBasicencryptionmodes, wpaEncryption: ssid.WifiWpaencryptionmodes }))
  }
  if (change.key !== undefined) ssid.WifiWpapsk = change.key
  return { Ssids: { Ssid: [ssid] }, WifiRestart: 1 }
}

/** POST wlan/basic-settings (Salamek set_basic_settings): SSID, hidden flag, restart now or with the next post. */
export function basicSettingsRequest(current: XmlRecord, change: Partial<WifiSettings>, restart: boolean): XmlWritableRecord {
  const ssid = change.ssid ?? (typeof current.WifiSsid === 'string' ? current.WifiSsid : '')
  const hidden = change.hidden ?? textOf(current, 'WifiHide') === '1'
  return { WifiSsid: ssid, WifiHide: hidden ? 1 : 0, WifiRestart: restart ? 1 : 0 }
}

/**
 * POST wlan/security-settings (Salamek set_security_settings): the whole form, with the stored key and WEP key
 * resent when they do not change (the single API shows both to an admin).
 */
export function securitySettingsRequest(current: XmlRecord, change: Partial<WifiSettings>): XmlWritableRecord {
  const mode = change.security
  const auth =
    mode !== undefined
      ? authFieldsFor(mode, { basicEncryption: textOf(current, 'WifiBasicencryptionmodes'), wpaEncryption: textOf(current, 'WifiWpaencryptionmodes') })
      : {
          WifiAuthmode: textOf(current, 'WifiAuthmode') ?? 'WPA2-PSK',
          WifiBasicencryptionmodes: textOf(current, 'WifiBasicencryptionmodes') ?? 'NONE',
          WifiWpaencryptionmodes: textOf(current, 'WifiWpaencryptionmodes') ?? 'AES'
        }
  const storedKey = typeof current.WifiWpapsk === 'string' ? current.WifiWpapsk : ''
  const wepKey = typeof current.WifiWepKey1 === 'string' ? current.WifiWepKey1 : ''
  return {
    WifiAuthmode: auth.WifiAuthmode,
    WifiWepKey1: wepKey,
    WifiWpaencryptionmodes: auth.WifiWpaencryptionmodes,
    WifiBasicencryptionmodes: auth.WifiBasicencryptionmodes,
    WifiWpapsk: change.key ?? storedKey,
    WifiRestart: 1
  }
}
