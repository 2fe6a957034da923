// The simulators' Wi-Fi and admin-password endpoints on their own, driven by small naive clients written here the
// way the public clients and stock pages send them — not by our drivers: Salamek/huawei-lte-api (WLan.py,
// Tools.rsa_encrypt), the ZTE stock UI's form posts (anysoft/mifi-tools com.js), eternalegypt-style /Forms/config.
// They check what a device does with values a driver should never send, and the device-side rules.
import { constants, createHash, createPublicKey, publicEncrypt } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { HuaweiHilinkSimulator, type HuaweiHilinkSimulatorOptions } from '../../src/simulators/huawei-hilink'
import { NetgearSimulator } from '../../src/simulators/netgear'
import { ZteGoformSimulator } from '../../src/simulators/zte-goform'

const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()))
})

const sha256hex = (text: string) => createHash('sha256').update(text).digest('hex')
const field = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]
const errorCode = (xml: string) => Number(field(xml, 'code') ?? NaN)
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

// ---- Huawei ----------------------------------------------------------------------------------------------

class HuaweiClient {
  cookie: string | undefined
  tokens: string[] = []
  constructor(readonly baseUrl: string) {}

  async raw(method: 'GET' | 'POST', path: string, body?: string, headers: Record<string, string> = {}) {
    const all: Record<string, string> = { ...headers }
    if (this.cookie) all.Cookie = this.cookie
    const response = await fetch(this.baseUrl + path, { method, headers: all, body, redirect: 'manual' })
    const setCookie = response.headers.getSetCookie()[0]
    if (setCookie) this.cookie = setCookie.split(';')[0]
    const one = response.headers.get('__RequestVerificationTokenone')
    if (one) this.tokens = [one, response.headers.get('__RequestVerificationTokentwo')!]
    else if (response.headers.get('__RequestVerificationToken')) this.tokens.push(response.headers.get('__RequestVerificationToken')!)
    return response.text()
  }

  async home() {
    const page = await this.raw('GET', '/')
    this.tokens = [...page.matchAll(/name="csrf_token"\s+content="(\S+)"/g)].map((m) => m[1]!)
  }

  get(endpoint: string) {
    return this.raw('GET', `/api/${endpoint}`)
  }

  async post(endpoint: string, inner: string | ((token: string) => string), encrypted = false) {
    const token = this.tokens.length > 1 ? this.tokens.shift()! : (this.tokens[0] ?? '')
    let body = `<?xml version="1.0" encoding="UTF-8"?><request>${typeof inner === 'function' ? inner(token) : inner}</request>`
    const headers: Record<string, string> = { __RequestVerificationToken: token, 'Content-Type': 'application/xml' }
    if (encrypted) {
      const padding = Number(field(await this.get('user/state-login'), 'rsapadingtype') ?? 0)
      const key = await this.get('webserver/publickey')
      body = rsaEncrypt(body, field(key, 'encpubkeyn')!, field(key, 'encpubkeye')!, padding)
      headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=UTF-8;enc'
      headers.encrypt_transmit = 'encrypt_transmit'
    }
    return this.raw('POST', `/api/${endpoint}`, body, headers)
  }

  /** password_type 4 (Salamek User._login). */
  loginType4(username: string, password: string) {
    return this.post('user/login', (token) => `<Username>${username}</Username><Password>${type4(username, password, token)}</Password><password_type>4</password_type>`)
  }
}

function type4(username: string, password: string, token: string): string {
  return b64(sha256hex(username + b64(sha256hex(password)) + token))
}

function rsaEncrypt(xml: string, nHex: string, eHex: string, padding: number): string {
  const key = createPublicKey({ key: { kty: 'RSA', n: Buffer.from(nHex, 'hex').toString('base64url'), e: Buffer.from(eHex, 'hex').toString('base64url') }, format: 'jwk' })
  const text = b64(xml)
  const size = padding === 1 ? 214 : 245
  const chunks: Buffer[] = []
  for (let i = 0; i < text.length; i += size) {
    chunks.push(publicEncrypt({ key, padding: padding === 1 ? constants.RSA_PKCS1_OAEP_PADDING : constants.RSA_PKCS1_PADDING }, Buffer.from(text.slice(i, i + size))))
  }
  return Buffer.concat(chunks).toString('hex')
}

async function huawei(options: HuaweiHilinkSimulatorOptions) {
  const sim = new HuaweiHilinkSimulator({ wifiSsid: 'Shop', wifiKey: 'shop-key-123', wifiRestartMs: 5000, ...options })
  stops.push(() => sim.stop())
  const { baseUrl } = await sim.start()
  const client = new HuaweiClient(baseUrl)
  await client.home()
  expect(await client.loginType4('admin', options.password ?? 'admin')).toContain('OK')
  return { sim, client }
}

const mainSsid = (fields: string) => `<Ssids><Ssid><Index>0</Index>${fields}</Ssid></Ssids><WifiRestart>1</WifiRestart>`

describe('Huawei simulator', () => {
  it('multi-basic-settings: an admin sees the E5577 key; the E5785 blanks it; both want the login (100003)', async () => {
    const { client } = await huawei({ variant: 'E5577' })
    const xml = await client.get('wlan/multi-basic-settings')
    expect(field(xml, 'WifiSsid')).toBe('Shop')
    expect(field(xml, 'WifiWpapsk')).toBe('shop-key-123')
    expect(field(xml, 'WifiBroadcast')).toBe('0')
    expect(await new HuaweiClient(client.baseUrl).get('wlan/multi-basic-settings')).toContain('<code>100003</code>')

    const pro = await huawei({ variant: 'E5785' })
    const proXml = await pro.client.get('wlan/multi-basic-settings')
    expect(field(proXml, 'WifiWpapsk')).toBe('')
    expect([...proXml.matchAll(/<wifiisguestnetwork>(\d)</g)].map((m) => m[1])).toEqual(['0', '1'])
  })

  it.each([
    ['a 7-character key', '<WifiWpapsk>1234567</WifiWpapsk>', 100006],
    ['an SSID of 33 bytes', `<WifiSsid>${'s'.repeat(33)}</WifiSsid>`, 100006],
    ['an unknown auth mode', '<WifiAuthmode>WPA3-SAE</WifiAuthmode>', 100006],
    ['WifiBroadcast 2', '<WifiBroadcast>2</WifiBroadcast>', 100006]
  ])('E5577 refuses %s with %i and keeps its settings', async (_label, fields, code) => {
    const { sim, client } = await huawei({ variant: 'E5577' })
    expect(errorCode(await client.post('wlan/multi-basic-settings', mainSsid(fields)))).toBe(code)
    expect(sim.wifi).toMatchObject({ ssid: 'Shop', wpaKey: 'shop-key-123', authMode: 'WPA2-PSK' })
    expect(sim.wifiRestarts).toBe(0)
  })

  it('an SSID index the device does not have is 100005 (multi-basic-settings.lua "ID error")', async () => {
    const { client } = await huawei({ variant: 'E5577' })
    expect(errorCode(await client.post('wlan/multi-basic-settings', '<Ssids><Ssid><Index>7</Index><WifiSsid>x</WifiSsid></Ssid></Ssids>'))).toBe(100005)
  })

  it('E5785: plaintext Wi-Fi setters are refused (100001); the encrypted one applies', async () => {
    const { sim, client } = await huawei({ variant: 'E5785' })
    expect(errorCode(await client.post('wlan/multi-basic-settings', mainSsid('<WifiSsid>Plain</WifiSsid>')))).toBe(100001)
    expect(await client.post('wlan/multi-basic-settings', mainSsid('<WifiSsid>Sealed</WifiSsid>'), true)).toContain('OK')
    expect(sim.wifi?.ssid).toBe('Sealed')
  })

  it('user/password: three wrong current passwords in a row log the session out (password.lua webtimes)', async () => {
    const { sim, client } = await huawei({ variant: 'E5577', password: 'Secret-1' })
    const attempt = (current: string) =>
      client.post('user/password', (token) => `<Username>admin</Username><CurrentPassword>${type4('admin', current, token)}</CurrentPassword><NewPassword>${b64('Next-2')}</NewPassword>`)
    expect(errorCode(await attempt('nope-1'))).toBe(108002)
    expect(errorCode(await attempt('nope-2'))).toBe(108002)
    expect(await client.get('device/information')).not.toContain('<error>')
    expect(errorCode(await attempt('nope-3'))).toBe(108002)
    expect(errorCode(await client.get('device/information'))).toBe(100003)
    expect(sim.stats).toMatchObject({ passwordChangeFailures: 3, passwordChanges: 0 })
    expect(sim.credentials.password).toBe('Secret-1')
  })

  it('user/password: a too long new password is 108004; the right one changes it and the session stays', async () => {
    const { sim, client } = await huawei({ variant: 'E5577', password: 'Secret-1' })
    const change = (next: string) =>
      client.post('user/password', (token) => `<Username>admin</Username><CurrentPassword>${type4('admin', 'Secret-1', token)}</CurrentPassword><NewPassword>${b64(next)}</NewPassword>`)
    expect(errorCode(await change('x'.repeat(33)))).toBe(108004)
    expect(await change('Next-2')).toContain('OK')
    expect(sim.credentials.password).toBe('Next-2')
    expect(await client.get('device/information')).not.toContain('<error>')
  })

  it('user/password_scram: only on SCRAM firmware, only encrypted, and it logs everyone out', async () => {
    const classic = await huawei({ variant: 'E5577' })
    expect(errorCode(await classic.client.post('user/password_scram', '<username>admin</username><currentpassword>admin</currentpassword><newpassword>x-1</newpassword>'))).toBe(100002)

    const sim = new HuaweiHilinkSimulator({ variant: 'E5785', password: 'Pro-Pass1' })
    stops.push(() => sim.stop())
    const { baseUrl } = await sim.start()
    const client = new HuaweiClient(baseUrl)
    await client.home()
    // SCRAM firmware still take the classic type-4 login (reference §1.3).
    expect(await client.loginType4('admin', 'Pro-Pass1')).toContain('OK')
    const body = '<username>admin</username><currentpassword>Pro-Pass1</currentpassword><newpassword>Pro-Pass2</newpassword>'
    expect(errorCode(await client.post('user/password_scram', body))).toBe(100001)
    expect(await client.post('user/password_scram', body, true)).toContain('OK')
    expect(sim.credentials.password).toBe('Pro-Pass2')
    expect(errorCode(await client.get('device/information'))).toBe(100003)
  })
})

// ---- ZTE -------------------------------------------------------------------------------------------------

class ZteClient {
  cookie: string | undefined
  constructor(readonly baseUrl: string) {}

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { Referer: `${this.baseUrl}/index.html`, 'X-Requested-With': 'XMLHttpRequest' }
    if (this.cookie) headers.Cookie = this.cookie
    return headers
  }

  async fields(names: string[]): Promise<Record<string, string>> {
    const response = await fetch(`${this.baseUrl}/goform/goform_get_cmd_process?isTest=false&cmd=${names.join(',')}&multi_data=1`, { headers: this.headers() })
    return (await response.json()) as Record<string, string>
  }

  async set(form: Record<string, string>): Promise<string> {
    const response = await fetch(`${this.baseUrl}/goform/goform_set_cmd_process`, {
      method: 'POST',
      headers: { ...this.headers(), 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: new URLSearchParams({ isTest: 'false', ...form }).toString()
    })
    const cookie = response.headers.getSetCookie()[0]
    if (cookie) this.cookie = cookie.split(';')[0]
    return ((await response.json()) as { result: string }).result
  }
}

/** What the stock page posts for SSID1 (com.js setWifiBasic), over the device's current values. */
const ssid1Form = (overrides: Record<string, string>) => ({
  goformId: 'SET_WIFI_SSID1_SETTINGS',
  ssid: 'Shop',
  broadcastSsidEnabled: '0',
  MAX_Access_num: '5',
  security_mode: 'WPA2PSK',
  cipher: '1',
  security_shared_mode: '1',
  passphrase: b64('shop-key-123'),
  NoForwarding: '0',
  show_qrcode_flag: '1',
  ...overrides
})

describe('ZTE simulator (MF61: base64 login, no AD)', () => {
  async function zte() {
    const sim = new ZteGoformSimulator({ profile: 'MF61', wifiSsid: 'Shop', wifiKey: 'shop-key-123', wifiRestartMs: 5000 })
    stops.push(() => sim.stop())
    const { baseUrl } = await sim.start()
    const client = new ZteClient(baseUrl)
    return { sim, client }
  }

  it('SSID1 is login-protected; logged in, WPAPSK1_encode is the base64 passphrase', async () => {
    const { client } = await zte()
    expect(await client.fields(['SSID1', 'WPAPSK1_encode'])).toEqual({ SSID1: '', WPAPSK1_encode: '' })
    expect(await client.set({ goformId: 'LOGIN', password: b64('admin') })).toBe('0')
    expect(await client.fields(['SSID1', 'AuthMode', 'HideSSID', 'WPAPSK1_encode', 'sta_count'])).toEqual({
      SSID1: 'Shop',
      AuthMode: 'WPA2PSK',
      HideSSID: '0',
      WPAPSK1_encode: b64('shop-key-123'),
      sta_count: '2'
    })
  })

  it.each([
    ['WPA3Personal (no WPA3 on this 802.11n unit)', { security_mode: 'WPA3Personal' }],
    ['a plain (not base64) passphrase', { passphrase: 'shop-key-123!' }],
    ['a 7-character passphrase', { passphrase: b64('1234567') }],
    ['more clients than the radio takes', { MAX_Access_num: '99' }],
    ['an unknown cipher', { cipher: '7' }]
  ])('refuses %s and keeps SSID1', async (_label, overrides) => {
    const { sim, client } = await zte()
    await client.set({ goformId: 'LOGIN', password: b64('admin') })
    expect(await client.set(ssid1Form({ ssid: 'Changed', ...overrides }))).toBe('failure')
    expect(sim.wifi).toMatchObject({ ssid: 'Shop', restarts: 0 })
  })

  it('the stock form applies: broadcastSsidEnabled "1" hides, the radio restarts and sta_count drops to 0', async () => {
    const { sim, client } = await zte()
    await client.set({ goformId: 'LOGIN', password: b64('admin') })
    expect(await client.set(ssid1Form({ ssid: 'Hidden', broadcastSsidEnabled: '1' }))).toBe('success')
    expect(await client.fields(['SSID1', 'HideSSID', 'sta_count'])).toEqual({ SSID1: 'Hidden', HideSSID: '1', sta_count: '0' })
    expect(sim.wifi.hidden).toBe(true)
  })

  it('CHANGE_PASSWORD: base64 old/new; a wrong old one fails, the right one changes the next LOGIN', async () => {
    const { sim, client } = await zte()
    await client.set({ goformId: 'LOGIN', password: b64('admin') })
    expect(await client.set({ goformId: 'CHANGE_PASSWORD', oldPassword: b64('wrong'), newPassword: b64('Next-1') })).toBe('failure')
    expect(await client.set({ goformId: 'CHANGE_PASSWORD', oldPassword: b64('admin'), newPassword: b64('Next-1') })).toBe('success')
    expect(sim.stats).toMatchObject({ passwordChanges: 1, passwordChangeFailures: 1 })
    await client.set({ goformId: 'LOGOUT' })
    const next = new ZteClient(client.baseUrl)
    expect(await next.set({ goformId: 'LOGIN', password: b64('admin') })).toBe('3')
    expect(await next.set({ goformId: 'LOGIN', password: b64('Next-1') })).toBe('0')
  })
})

// ---- Netgear ----------------------------------------------------------------------------------------------

describe('Netgear simulator (MR1100)', () => {
  async function netgear() {
    const sim = new NetgearSimulator({ connectDelayMs: 0, wifiSsid: 'Shop', wifiPassphrase: 'shop-key-123', wifiRestartMs: 5000 })
    stops.push(() => sim.stop())
    const { baseUrl } = await sim.start()
    let cookie = ''
    const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
      const response = await fetch(baseUrl + path, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), Cookie: cookie } })
      const set = response.headers.getSetCookie()[0]
      if (set) cookie = set.split(';')[0]!
      return response
    }
    const model = async (): Promise<Record<string, Record<string, unknown>>> => {
      let response = await request('/api/model.json')
      while (response.status === 302) response = await request(response.headers.get('location')!)
      return (await response.json()) as Record<string, Record<string, unknown>>
    }
    const post = async (fields: Record<string, string>): Promise<string | null> => {
      const token = String((await model()).session!.secToken)
      const response = await request('/Forms/config', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, token, ok_redirect: '/success.json', err_redirect: '/error.json' }).toString()
      })
      return response.headers.get('location')
    }
    const errorDetail = async () => (await (await request('/error.json')).json()) as { errno: number; errdetail: string }
    return { sim, model, post, errorDetail }
  }

  it('a guest sees the SSID but no passphrase and cannot write', async () => {
    const { model, post, errorDetail } = await netgear()
    const wifi = (await model()).wifi!
    expect(wifi.SSID).toBe('Shop')
    expect(wifi.passPhrase).toBeUndefined()
    expect(await post({ 'wifi.SSID': 'Guest-Change' })).toBe('/error.json')
    expect(await errorDetail()).toEqual({ errno: 1, errdetail: 'wifi.SSID' })
  })

  it('an admin sees encryption and passphrase; wifi.* keys apply together and a bad one refuses the post', async () => {
    const { sim, model, post, errorDetail } = await netgear()
    expect(await post({ 'session.password': 'password' })).toBe('/success.json')
    expect((await model()).wifi).toMatchObject({ SSID: 'Shop', passPhrase: 'shop-key-123', encryption: 'WPA2', hiddenSSID: false, clientCount: 2 })
    expect(await post({ 'wifi.SSID': 'Both', 'wifi.passPhrase': 'short' })).toBe('/error.json')
    expect(await errorDetail()).toEqual({ errno: 1, errdetail: 'wifi.passPhrase' })
    expect(sim.wifi).toMatchObject({ ssid: 'Shop', restarts: 0 })
    expect(await post({ 'wifi.encryption': 'WPA3' })).toBe('/error.json')
    expect(await post({ 'wifi.SSID': 'Both', 'wifi.hiddenSSID': 'true' })).toBe('/success.json')
    expect((await model()).wifi).toMatchObject({ SSID: 'Both', hiddenSSID: true, clientCount: 0 })
  })

  it('webd.adminPassword: refused when it has a space, applied otherwise; the next login wants it', async () => {
    const { sim, post } = await netgear()
    expect(await post({ 'session.password': 'password' })).toBe('/success.json')
    expect(await post({ 'webd.adminPassword': 'has space' })).toBe('/error.json')
    expect(await post({ 'webd.adminPassword': 'Fresh-Pass1' })).toBe('/success.json')
    expect(sim.credentials.password).toBe('Fresh-Pass1')
    expect(sim.stats.passwordChanges).toBe(1)
  })
})
