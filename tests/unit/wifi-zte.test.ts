// ZTE SSID1 parser and SET_WIFI_SSID1_SETTINGS builder (src/devices/families/zte-goform/wifi.ts). Field names,
// AuthMode values, the HideSSID → broadcastSsidEnabled pass-through and the cipher mapping are the stock ZXIC web
// UI's (anysoft/mifi-tools: webs/mf761/web/js/com.js getWifiBasic / setWifiBasic, web1/js/wifi.js). The answers
// below are in the goform shape (every value a string); values invented.
import { describe, expect, it } from 'vitest'
import { cipherOf, decodeBase64Key, encodeBase64Key, parseZteWifi, ssid1SettingsForm, zteBandOf, zteSecurityOf } from '../../src/devices/families/zte-goform/wifi'

const ANSWER = {
  SSID1: 'ZTE_4G_A1B2',
  AuthMode: 'WPA2PSK',
  EncrypType: 'AES',
  HideSSID: '0',
  WPAPSK1_encode: Buffer.from('a1b2c3d4e5', 'utf8').toString('base64'),
  WPAPSK1: '',
  MAX_Access_num: '8',
  NoForwarding: '0',
  show_qrcode_flag: '1',
  show_ssid_on_lcd: 'yes',
  wifi_cur_state: '1',
  wifi_band: 'b',
  loginfo: 'ok'
}

describe('zteSecurityOf (AuthMode + EncrypType)', () => {
  it.each([
    ['OPEN', 'NONE', 'open'],
    ['OPEN', '', 'open'],
    ['OPEN', 'WEP', 'OPEN+WEP'],
    ['SHARED', 'WEP', 'SHARED'],
    ['WPAPSK', 'TKIP', 'WPAPSK'],
    ['WPA2PSK', 'AES', 'wpa2-psk'],
    ['WPAPSKWPA2PSK', 'TKIPCCMP', 'wpa-wpa2-psk'],
    ['WPA3Personal', 'AES', 'wpa3-sae'],
    ['WPA2WPA3', 'AES', 'wpa2-wpa3'],
    ['', '', undefined]
  ])('%s / %s → %s', (auth, encryption, expected) => {
    expect(zteSecurityOf(auth, encryption)).toBe(expected)
  })
})

it.each([
  ['a', '5GHz'],
  ['b', '2.4GHz'],
  ['', undefined],
  [undefined, undefined]
])('zteBandOf(%s) = %s (wifi_band, com.js getWifiAdvance)', (raw, band) => {
  expect(zteBandOf(raw)).toBe(band)
})

it.each([
  ['TKIP', '0'],
  ['AES', '1'],
  ['TKIPCCMP', '2'],
  ['', '2']
])('cipherOf(%s) = %s (com.js: TKIP 0, AES 1, else 2)', (encryption, cipher) => {
  expect(cipherOf(encryption)).toBe(cipher)
})

describe('base64 passphrase (PASSWORD_ENCODE)', () => {
  it('round-trips printable ASCII', () => {
    expect(decodeBase64Key(encodeBase64Key('a b&c=d+e/f'))).toBe('a b&c=d+e/f')
  })
  it.each(['', 'not base64!', 'YWJj=', '/w=='])('refuses %j', (encoded) => {
    expect(decodeBase64Key(encoded)).toBeUndefined()
  })
})

describe('parseZteWifi', () => {
  it('the stock answer → settings with the decoded key and the band', () => {
    expect(parseZteWifi(ANSWER)).toEqual({
      ok: true,
      value: { kind: 'settings', keyReadable: true, settings: { ssid: 'ZTE_4G_A1B2', security: 'wpa2-psk', key: 'a1b2c3d4e5', hidden: false, band: '2.4GHz' }, raw: ANSWER }
    })
  })

  it('firmware without PASSWORD_ENCODE: the plain WPAPSK1', () => {
    const fields = { ...ANSWER, WPAPSK1_encode: '', WPAPSK1: 'plain-key-9', HideSSID: '1' }
    expect(parseZteWifi(fields)).toMatchObject({ ok: true, value: { settings: { key: 'plain-key-9', hidden: true } } })
  })

  it('no readable key (AES-wrapped WPAPSK1_enaes firmware) → keyReadable false', () => {
    expect(parseZteWifi({ ...ANSWER, WPAPSK1_encode: '' })).toMatchObject({ ok: true, value: { keyReadable: false } })
  })

  it('WEP → unsupported mode', () => {
    expect(parseZteWifi({ ...ANSWER, AuthMode: 'SHARED', EncrypType: 'WEP' })).toMatchObject({ ok: true, value: { kind: 'unsupported-mode', deviceMode: 'SHARED', band: '2.4GHz' } })
  })

  it.each([
    ['a logged-out answer ("" everywhere)', { ...ANSWER, SSID1: '', AuthMode: '' }, 'SSID1'],
    ['a broken base64 key', { ...ANSWER, WPAPSK1_encode: '%%%' }, 'WPAPSK1_encode'],
    ['a HideSSID that is not 0/1', { ...ANSWER, HideSSID: 'on' }, 'HideSSID']
  ])('%s → a field error', (_label, fields, field) => {
    expect(parseZteWifi(fields)).toMatchObject({ ok: false, error: { field } })
  })
})

describe('ssid1SettingsForm', () => {
  it('new SSID and key: the whole form, current values kept, passphrase base64, HideSSID semantics', () => {
    expect(ssid1SettingsForm(ANSWER, { ssid: 'Tienda', key: 'nueva-clave' }, 'nueva-clave')).toEqual({
      ssid: 'Tienda',
      broadcastSsidEnabled: '0',
      MAX_Access_num: '8',
      security_mode: 'WPA2PSK',
      NoForwarding: '0',
      show_qrcode_flag: '1',
      show_ssid_on_lcd: '1',
      cipher: '1',
      security_shared_mode: '1',
      passphrase: Buffer.from('nueva-clave').toString('base64')
    })
  })

  it('hidden → broadcastSsidEnabled "1"; WPA/WPA2 → TKIP+AES (2)', () => {
    expect(ssid1SettingsForm(ANSWER, { hidden: true, security: 'wpa-wpa2-psk' }, 'a1b2c3d4e5')).toMatchObject({
      broadcastSsidEnabled: '1',
      security_mode: 'WPAPSKWPA2PSK',
      cipher: '2',
      security_shared_mode: '2'
    })
  })

  it('open: security_shared_mode NONE and no passphrase', () => {
    const form = ssid1SettingsForm(ANSWER, { security: 'open' }, undefined)
    expect(form).toMatchObject({ security_mode: 'OPEN', security_shared_mode: 'NONE' })
    expect(form).not.toHaveProperty('passphrase')
  })

  it('refuses to build a WPA form without a passphrase, or a mode ZTE cannot be given', () => {
    expect(() => ssid1SettingsForm(ANSWER, { ssid: 'x' }, undefined)).toThrow(RangeError)
    expect(() => ssid1SettingsForm(ANSWER, { security: 'wpa3-sae' }, 'long-enough')).toThrow(RangeError)
  })
})
