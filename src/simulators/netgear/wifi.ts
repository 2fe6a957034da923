// The simulated Nighthawk's primary Wi-Fi network and admin password as /Forms/config changes them. Written from
// the reference (§3.1: a setting is changed by posting its model.json path with the new value) and the model.json
// field set (wifi.SSID, wifi.passPhrase, wifi.hiddenSSID, wifi.encryption, wifi.mode; webd.adminPassword), not
// from the driver. [U] for everything the public samples do not show:
// - wifi.encryption takes None, WPA2, WPAWPA2 (and on Wi-Fi 6 models WPA3, WPA2WPA3; the MR1100 has no WPA3);
//   wifi.mode reads "2.4GHz" and is not writable here;
// - a value the web UI would never send (an SSID over 32 bytes, a passphrase that is not 8–63 printable characters
//   or 64 hex digits, a secured mode without a passphrase) refuses the whole post with errdetail = that key;
// - an accepted Wi-Fi change restarts the radio: the clients are gone from clientCount / clientList for
//   `restartMs`, then come back;
// - webd.adminPassword replaces the admin password (1–32 printable characters without spaces); the session stays.
export type WifiOutcome = { ok: true } | { ok: false; errdetail: string }

export interface NetgearWifiOptions {
  now: () => number
  restartMs: number
  ssid: string
  passPhrase: string
  /** The encryption values this model takes. */
  encryptions: readonly string[]
}

const WIFI_KEYS = new Set(['wifi.SSID', 'wifi.passPhrase', 'wifi.hiddenSSID', 'wifi.encryption'])

export class NetgearWifi {
  ssid: string
  passPhrase: string
  hidden = false
  encryption = 'WPA2'
  readonly mode = '2.4GHz'
  restarts = 0
  private restartUntil = 0

  constructor(private readonly options: NetgearWifiOptions) {
    this.ssid = options.ssid
    this.passPhrase = options.passPhrase
  }

  static handles(key: string): boolean {
    return WIFI_KEYS.has(key)
  }

  get restarting(): boolean {
    return this.options.now() < this.restartUntil
  }

  /** Every wifi.* key of one post, checked together and applied together. */
  apply(fields: ReadonlyMap<string, string>): WifiOutcome {
    const next = { ssid: this.ssid, passPhrase: this.passPhrase, hidden: this.hidden, encryption: this.encryption }
    for (const [key, value] of fields) {
      switch (key) {
        case 'wifi.SSID':
          if (!validSsid(value)) return { ok: false, errdetail: key }
          next.ssid = value
          break
        case 'wifi.passPhrase':
          if (!validKey(value)) return { ok: false, errdetail: key }
          next.passPhrase = value
          break
        case 'wifi.hiddenSSID':
          if (value !== 'true' && value !== 'false') return { ok: false, errdetail: key }
          next.hidden = value === 'true'
          break
        case 'wifi.encryption':
          if (!this.options.encryptions.includes(value)) return { ok: false, errdetail: key }
          next.encryption = value
          break
        default:
          return { ok: false, errdetail: key }
      }
    }
    if (next.encryption !== 'None' && !validKey(next.passPhrase)) return { ok: false, errdetail: 'wifi.passPhrase' }
    Object.assign(this, next)
    this.restarts++
    this.restartUntil = this.options.now() + this.options.restartMs
    return { ok: true }
  }
}

export function validAdminPassword(value: string): boolean {
  return /^[\x21-\x7e]{1,32}$/.test(value)
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
