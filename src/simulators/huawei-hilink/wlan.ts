// The simulated device's Wi-Fi: the SSIDs it broadcasts, their security, and the two WLAN APIs a client may find.
// Written from the firmware's own handlers and public clients, not from the driver:
// - 'multi' (janglapuk/huawei-e5785lh-92a-fw: cpio_3/html/api/wlan/multi-basic-settings.json.lua for the GET,
//   multi-basic-settings.lua for the POST; Salamek/huawei-lte-api WLan.py set_multi_basic_settings):
//   GET lists Ssids/Ssid with Index, ID (…Radio.<r>.Ssid.<n>.), WifiEnable, WifiSsid, WifiMac, WifiBroadcast
//   (1 = hidden), WifiAuthmode, WifiBasicencryptionmodes, WifiWpaencryptionmodes, WifiWepKeyIndex, the keys and
//   wifiguestofftime / wifiisguestnetwork. E5785-class firmware blank every key in the GET (wlan_get_pwd). The
//   POST changes only the SSIDs it names (by Index; an unknown one is 100005), keeps a key it is not sent, refuses
//   a main key equal to the guest key (100005) and applies everything on WifiRestart.
// - 'single' (older E5; Salamek set_basic_settings / set_security_settings): basic-settings WifiSsid / WifiHide,
//   security-settings WifiAuthmode, WifiBasicencryptionmodes, WifiWpaencryptionmodes, WifiWepKey1, WifiWpapsk;
//   the security GET shows the key to an admin.
// Values the stock pages would never send (an SSID over 32 bytes, a 7-character key, an unknown auth mode) are
// refused with 100006 (parameter error) [U: which code each firmware uses]. A restart drops every Wi-Fi client for
// `restartMs`; they come back afterwards (the demo's phones rejoin).
import type { OperationResult } from './operations'
import { childText, flatFields, okXml, responseXml, type NestedFields, type RequestNode } from './xml-writer'

export type WlanApi = 'multi' | 'single'

export interface WlanProfile {
  api: WlanApi
  /** The GET shows keys to an admin (false: E5785-class firmware blank them). */
  keyReadable: boolean
  /** A guest SSID (switched off) next to the main one, as E5785-class firmware list. */
  guestSsid: boolean
}

export interface WlanSsid {
  index: number
  radio: 1 | 2
  enabled: boolean
  ssid: string
  hidden: boolean
  /** WifiAuthmode as the firmware spells it. */
  authMode: string
  basicEncryption: string
  wpaEncryption: string
  wpaKey: string
  wepKey: string
  guest: boolean
  mac: string
}

const AUTH_MODES = new Set(['AUTO', 'OPEN', 'SHARE', 'WPA-PSK', 'WPA2-PSK', 'WPA/WPA2-PSK'])
const WPA_MODES = new Set(['WPA-PSK', 'WPA2-PSK', 'WPA/WPA2-PSK'])
const WPA_CIPHERS = new Set(['AES', 'TKIP', 'MIX'])
const BASIC_MODES = new Set(['NONE', 'WEP', 'WEP64', 'WEP128'])
const PARAMETER = 100006
const FORMAT = 100005

export interface WlanOptions {
  now: () => number
  restartMs: number
  /** Wi-Fi clients joined when nothing disturbs them. */
  clients: number
  ssid: string
  key: string
  macPrefix: string
}

export class WlanState {
  readonly ssids: WlanSsid[]
  restarts = 0
  /** Fault: the next accepted change answers OK but is not stored (a firmware that ignores a field). */
  ignoreNextChange = false
  private restartUntil = 0

  constructor(
    readonly profile: WlanProfile,
    private readonly options: WlanOptions
  ) {
    const main: WlanSsid = {
      index: 0,
      radio: 1,
      enabled: true,
      ssid: options.ssid,
      hidden: false,
      authMode: 'WPA2-PSK',
      basicEncryption: 'NONE',
      wpaEncryption: 'AES',
      wpaKey: options.key,
      wepKey: '',
      guest: false,
      mac: `${options.macPrefix}:01`
    }
    this.ssids = [main]
    if (profile.guestSsid) {
      this.ssids.push({ ...main, index: 1, enabled: false, ssid: `${options.ssid}-Guest`, wpaKey: `${options.key}-guest`, guest: true, mac: `${options.macPrefix}:02` })
    }
  }

  get main(): WlanSsid {
    return this.ssids[0] as WlanSsid
  }

  /** Clients joined right now: none while the radio restarts after a change. */
  connectedClients(): number {
    if (!this.main.enabled) return 0
    return this.options.now() < this.restartUntil ? 0 : this.options.clients
  }

  get(endpoint: string): OperationResult | undefined {
    const { api } = this.profile
    if (endpoint === 'wlan/multi-basic-settings') return api === 'multi' ? { xml: responseXml([['Ssids', this.ssids.map((ssid) => ['Ssid', this.multiFields(ssid)] as const)]]) } : { error: 100002 }
    if (endpoint === 'wlan/basic-settings') return api === 'single' ? { xml: responseXml(this.basicFields()) } : { error: 100002 }
    if (endpoint === 'wlan/security-settings') return api === 'single' ? { xml: responseXml(this.securityFields()) } : { error: 100002 }
    return undefined
  }

  post(endpoint: string, request: RequestNode): OperationResult | undefined {
    const { api } = this.profile
    switch (endpoint) {
      case 'wlan/multi-basic-settings':
        return api === 'multi' ? this.postMulti(request) : { error: 100002 }
      case 'wlan/basic-settings':
        return api === 'single' ? this.postBasic(flatFields(request)) : { error: 100002 }
      case 'wlan/security-settings':
        return api === 'single' ? this.postSecurity(flatFields(request)) : { error: 100002 }
      default:
        return undefined
    }
  }

  private multiFields(ssid: WlanSsid): NestedFields {
    const key = (value: string): string => (this.profile.keyReadable ? value : '')
    return [
      ['Index', ssid.index],
      ['ID', `InternetGatewayDevice.X_Config.Wifi.Radio.${ssid.radio}.Ssid.${ssid.index + 1}.`],
      ['WifiEnable', ssid.enabled ? 1 : 0],
      ['WifiSsid', ssid.ssid],
      ['WifiMac', ssid.mac],
      ['WifiBroadcast', ssid.hidden ? 1 : 0],
      ['WifiAuthmode', ssid.authMode],
      ['WifiBasicencryptionmodes', ssid.basicEncryption],
      ['WifiWpaencryptionmodes', ssid.wpaEncryption],
      ['WifiWepKeyIndex', 1],
      ['WifiWepKey1', key(ssid.wepKey)],
      ['WifiWepKey2', ''],
      ['WifiWepKey3', ''],
      ['WifiWepKey4', ''],
      ['WifiWpapsk', key(ssid.wpaKey)],
      ['MixWifiWpapsk', key(ssid.wpaKey)],
      ['WifiRadiusKey', ''],
      ['wifiguestofftime', 0],
      ['wifiisguestnetwork', ssid.guest ? 1 : 0]
    ]
  }

  private basicFields(): NestedFields {
    const main = this.main
    return [
      ['WifiSsid', main.ssid],
      ['WifiChannel', 0],
      ['WifiHide', main.hidden ? 1 : 0],
      ['WifiCountry', 'US'],
      ['WifiMode', 'b/g/n'],
      ['WifiRate', 0],
      ['WifiTxPwrPcnt', 100],
      ['WifiMaxAssoc', 5],
      ['WifiEnable', main.enabled ? 1 : 0],
      ['WifiFrgThrshld', 2346],
      ['WifiRtsThrshld', 2347],
      ['WifiDtmIntvl', 1],
      ['WifiBcnIntvl', 100],
      ['WifiWme', 1],
      ['WifiPamode', 0],
      ['WifiIsolate', 0],
      ['WifiProtectionmode', 1],
      ['Wifioffenable', 1],
      ['Wifiofftime', 600]
    ]
  }

  private securityFields(): NestedFields {
    const main = this.main
    return [
      ['WifiAuthmode', main.authMode],
      ['WifiBasicencryptionmodes', main.basicEncryption],
      ['WifiWpaencryptionmodes', main.wpaEncryption],
      ['WifiWepKey1', main.wepKey],
      ['WifiWepKey2', ''],
      ['WifiWepKey3', ''],
      ['WifiWepKey4', ''],
      ['WifiWepKeyIndex', 1],
      ['WifiWpapsk', main.wpaKey],
      ['WifiWpsenbl', 0],
      ['WifiWpscfg', 0],
      ['WifiRestart', 1]
    ]
  }

  /** Every SSID node posted is checked first; nothing changes unless all of them are acceptable. */
  private postMulti(request: RequestNode): OperationResult {
    const container = request.children.find((child) => child.name === 'Ssids')
    const nodes = (container?.children ?? []).filter((child) => child.name === 'Ssid')
    if (nodes.length === 0) return { error: FORMAT }
    const updates: Array<{ target: WlanSsid; next: WlanSsid }> = []
    for (const node of nodes) {
      const index = Number(childText(node, 'Index'))
      const target = this.ssids.find((ssid) => ssid.index === index)
      if (!Number.isInteger(index) || !target) return { error: FORMAT }
      const fields = flatFields(node)
      const next = applyCommon(target, {
        ssid: fields.get('WifiSsid'),
        hidden: fields.get('WifiBroadcast'),
        enabled: fields.get('WifiEnable'),
        authMode: fields.get('WifiAuthmode'),
        basicEncryption: fields.get('WifiBasicencryptionmodes'),
        wpaEncryption: fields.get('WifiWpaencryptionmodes'),
        wpaKey: fields.get('WifiWpapsk')
      })
      if (typeof next === 'number') return { error: next }
      updates.push({ target, next })
    }
    const after = this.ssids.map((ssid) => updates.find((update) => update.target === ssid)?.next ?? ssid)
    // multi-basic-settings.lua check_guest_ssid_key: main and guest keys must differ.
    const mainKeys = after.filter((ssid) => !ssid.guest && WPA_MODES.has(ssid.authMode)).map((ssid) => ssid.wpaKey)
    if (after.some((ssid) => ssid.guest && ssid.enabled && WPA_MODES.has(ssid.authMode) && mainKeys.includes(ssid.wpaKey))) return { error: FORMAT }
    if (!after.some((ssid) => ssid.enabled)) return { error: 9003 } // wifi_switch_status: every SSID off
    if (!this.consumeIgnore()) for (const { target, next } of updates) Object.assign(target, next)
    if (childText(request, 'WifiRestart') === '1') this.restart()
    return { xml: okXml() }
  }

  private postBasic(fields: Map<string, string>): OperationResult {
    const next = applyCommon(this.main, { ssid: fields.get('WifiSsid'), hidden: fields.get('WifiHide') })
    if (typeof next === 'number') return { error: next }
    if (!this.consumeIgnore()) Object.assign(this.main, next)
    if (fields.get('WifiRestart') === '1') this.restart()
    return { xml: okXml() }
  }

  private postSecurity(fields: Map<string, string>): OperationResult {
    const next = applyCommon(this.main, {
      authMode: fields.get('WifiAuthmode'),
      basicEncryption: fields.get('WifiBasicencryptionmodes'),
      wpaEncryption: fields.get('WifiWpaencryptionmodes'),
      wpaKey: fields.get('WifiWpapsk'),
      wepKey: fields.get('WifiWepKey1')
    })
    if (typeof next === 'number') return { error: next }
    if (!this.consumeIgnore()) Object.assign(this.main, next)
    if (fields.get('WifiRestart') === '1') this.restart()
    return { xml: okXml() }
  }

  private consumeIgnore(): boolean {
    const ignore = this.ignoreNextChange
    this.ignoreNextChange = false
    return ignore
  }

  private restart(): void {
    this.restarts++
    this.restartUntil = this.options.now() + this.options.restartMs
  }
}

interface PostedFields {
  ssid?: string
  hidden?: string
  enabled?: string
  authMode?: string
  basicEncryption?: string
  wpaEncryption?: string
  wpaKey?: string
  wepKey?: string
}

/** The SSID as it would be after the posted fields; a number is the error code that refuses them. */
function applyCommon(current: WlanSsid, posted: PostedFields): WlanSsid | number {
  const next: WlanSsid = { ...current }
  if (posted.ssid !== undefined) {
    const bytes = Buffer.byteLength(posted.ssid, 'utf8')
    if (bytes < 1 || bytes > 32 || hasControlCharacter(posted.ssid)) return PARAMETER
    next.ssid = posted.ssid
  }
  if (posted.hidden !== undefined) {
    if (posted.hidden !== '0' && posted.hidden !== '1') return PARAMETER
    next.hidden = posted.hidden === '1'
  }
  if (posted.enabled !== undefined) {
    if (posted.enabled !== '0' && posted.enabled !== '1') return PARAMETER
    next.enabled = posted.enabled === '1'
  }
  if (posted.authMode !== undefined) {
    if (!AUTH_MODES.has(posted.authMode)) return PARAMETER
    next.authMode = posted.authMode
  }
  if (posted.basicEncryption !== undefined) {
    if (!BASIC_MODES.has(posted.basicEncryption)) return PARAMETER
    next.basicEncryption = posted.basicEncryption
  }
  if (posted.wpaEncryption !== undefined) {
    if (!WPA_CIPHERS.has(posted.wpaEncryption)) return PARAMETER
    next.wpaEncryption = posted.wpaEncryption
  }
  // An empty key is "keep the stored one" (what the stock page posts when the field is untouched).
  if (posted.wpaKey !== undefined && posted.wpaKey !== '') {
    if (!isWpaKey(posted.wpaKey)) return PARAMETER
    next.wpaKey = posted.wpaKey
  }
  if (posted.wepKey !== undefined) next.wepKey = posted.wepKey
  if (WPA_MODES.has(next.authMode) && !isWpaKey(next.wpaKey)) return PARAMETER
  return next
}

function isWpaKey(key: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(key) || (key.length >= 8 && key.length <= 63 && /^[\x20-\x7e]+$/.test(key))
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}
