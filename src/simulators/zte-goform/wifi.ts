// The simulated ZTE device's main Wi-Fi network (SSID1): what the goform read names answer and what
// SET_WIFI_SSID1_SETTINGS does. Written from the stock ZXIC web UI (anysoft/mifi-tools: webs/mf761/web/js/com.js
// getWifiBasic / setWifiBasic, web1/js/wifi.js), not from the driver:
// - reads: SSID1, AuthMode, EncrypType (NONE / WEP / TKIP / AES / TKIPCCMP), HideSSID ("1" = hidden),
//   WPAPSK1_encode (base64: these units run with PASSWORD_ENCODE, see config.js), MAX_Access_num, MAX_Station_num,
//   NoForwarding, show_qrcode_flag, show_ssid_on_lcd ("yes"/"no"), wifi_cur_state, wifi_band ("b" = 2.4 GHz),
//   WirelessMode, m_ssid_enable (the guest SSID is off);
// - the setter takes the whole form: ssid, broadcastSsidEnabled (the HideSSID value: "1" hides), MAX_Access_num,
//   security_mode, cipher / security_shared_mode (0 TKIP, 1 AES, 2 TKIP+AES; NONE for OPEN), passphrase (base64),
//   NoForwarding, show_qrcode_flag. Anything the stock page would not send is {"result":"failure"}: an SSID over
//   32 bytes, a passphrase that is not 8–63 printable characters or 64 hex digits, WPA3 modes (these 802.11n units
//   have none [U]), more clients than the radio takes.
// - applying it restarts the radio: every client drops for `restartMs`, then rejoins (sta_count).
export interface ZteWifiOptions {
  now: () => number
  restartMs: number
  /** Clients joined when nothing disturbs them. */
  clients: number
  maxClients: number
  ssid: string
  key: string
}

const AUTH_MODES = new Set(['OPEN', 'SHARED', 'WPAPSK', 'WPA2PSK', 'WPAPSKWPA2PSK'])
const WPA_MODES = new Set(['WPAPSK', 'WPA2PSK', 'WPAPSKWPA2PSK'])
const CIPHERS: Readonly<Record<string, string>> = { '0': 'TKIP', '1': 'AES', '2': 'TKIPCCMP' }

export class ZteWifi {
  ssid: string
  authMode = 'WPA2PSK'
  encrypType = 'AES'
  hidden = false
  passphrase: string
  maxAccess: number
  noForwarding = '0'
  showQrcode = '1'
  restarts = 0
  private restartUntil = 0

  constructor(private readonly options: ZteWifiOptions) {
    this.ssid = options.ssid
    this.passphrase = options.key
    this.maxAccess = Math.min(options.maxClients, 10)
  }

  /** sta_count: nobody while the radio restarts. */
  connectedClients(): number {
    if (this.options.now() < this.restartUntil) return 0
    return Math.min(this.options.clients, this.maxAccess)
  }

  /** A login-protected read name; undefined = not a Wi-Fi name. */
  field(name: string): string | undefined {
    switch (name) {
      case 'SSID1':
        return this.ssid
      case 'AuthMode':
        return this.authMode
      case 'EncrypType':
        return this.encrypType
      case 'HideSSID':
        return this.hidden ? '1' : '0'
      case 'WPAPSK1_encode':
        return Buffer.from(this.passphrase, 'utf8').toString('base64')
      case 'MAX_Access_num':
        return String(this.maxAccess)
      case 'MAX_Station_num':
        return String(this.options.maxClients)
      case 'NoForwarding':
        return this.noForwarding
      case 'show_qrcode_flag':
        return this.showQrcode
      case 'show_ssid_on_lcd':
        return 'yes'
      case 'wifi_cur_state':
        return '1'
      case 'wifi_band':
        return 'b'
      case 'WirelessMode':
        return '4' // b/g/n [U]
      case 'm_ssid_enable':
        return '0'
      default:
        return undefined
    }
  }

  /** SET_WIFI_SSID1_SETTINGS; false = {"result":"failure"} and nothing changes. */
  apply(params: ReadonlyMap<string, string>): boolean {
    const ssid = params.get('ssid')
    const hide = params.get('broadcastSsidEnabled')
    const mode = params.get('security_mode')
    const maxAccess = Number(params.get('MAX_Access_num') ?? this.maxAccess)
    if (ssid === undefined || !validSsid(ssid)) return false
    if (hide !== undefined && hide !== '0' && hide !== '1') return false
    if (mode === undefined || !AUTH_MODES.has(mode)) return false
    if (!Number.isInteger(maxAccess) || maxAccess < 1 || maxAccess > this.options.maxClients) return false
    let encrypType = 'NONE'
    let passphrase = this.passphrase
    if (WPA_MODES.has(mode)) {
      const cipher = CIPHERS[params.get('cipher') ?? '']
      const key = decodeBase64(params.get('passphrase') ?? '')
      if (cipher === undefined || key === undefined || !validKey(key)) return false
      encrypType = cipher
      passphrase = key
    } else if (mode === 'SHARED' || params.get('security_shared_mode') === 'WEP') {
      encrypType = 'WEP'
    } else if (params.get('security_shared_mode') !== 'NONE') {
      return false
    }
    this.ssid = ssid
    this.hidden = hide === '1'
    this.authMode = mode
    this.encrypType = encrypType
    this.passphrase = passphrase
    this.maxAccess = maxAccess
    this.noForwarding = params.get('NoForwarding') === '1' ? '1' : '0'
    this.showQrcode = params.get('show_qrcode_flag') === '0' ? '0' : '1'
    this.restarts++
    this.restartUntil = this.options.now() + this.options.restartMs
    return true
  }
}

function validSsid(ssid: string): boolean {
  const bytes = Buffer.byteLength(ssid, 'utf8')
  if (bytes < 1 || bytes > 32) return false
  for (const char of ssid) {
    const code = char.codePointAt(0) ?? 0
    if (code < 0x20 || code === 0x7f) return false
  }
  return true
}

function validKey(key: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(key) || (key.length >= 8 && key.length <= 63 && /^[\x20-\x7e]+$/.test(key))
}

function decodeBase64(value: string): string | undefined {
  if (value === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined
  return Buffer.from(value, 'base64').toString('utf8')
}
