// The Wi-Fi join payload (ZXing "WIFI:" format), its escaping, the QR matrix and the ASCII folding of printed text.
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { toPrintableAscii } from '../../src/shop/labels/ascii-text'
import { escapeWifiField, qrMatrix, wifiQrPayload } from '../../src/shop/labels/wifi-qr'

describe('wifiQrPayload', () => {
  it.each([
    ['plain', 'Rental-01', 'abcd1234', 'WIFI:T:WPA;S:Rental-01;P:abcd1234;;'],
    ['semicolon', 'a;b', 'k;ey12345', 'WIFI:T:WPA;S:a\\;b;P:k\\;ey12345;;'],
    ['comma', 'a,b', 'k,ey12345', 'WIFI:T:WPA;S:a\\,b;P:k\\,ey12345;;'],
    ['colon', 'a:b', 'k:ey12345', 'WIFI:T:WPA;S:a\\:b;P:k\\:ey12345;;'],
    ['quote', 'a"b', '"key1234"', 'WIFI:T:WPA;S:a\\"b;P:\\"key1234\\";;'],
    ['backslash', 'a\\b', 'k\\ey12345', 'WIFI:T:WPA;S:a\\\\b;P:k\\\\ey12345;;'],
    ['all at once', '\\;,:"', 'x', 'WIFI:T:WPA;S:\\\\\\;\\,\\:\\";P:x;;'],
    ['unicode untouched', 'ホテルWiFi', 'パスワード', 'WIFI:T:WPA;S:ホテルWiFi;P:パスワード;;']
  ])('escapes %s', (_name, ssid, key, expected) => {
    expect(wifiQrPayload({ ssid, key })).toBe(expected)
  })

  it('leaves P out when the key is unknown, uses nopass for open networks and marks hidden ones', () => {
    expect(wifiQrPayload({ ssid: 'S' })).toBe('WIFI:T:WPA;S:S;;')
    expect(wifiQrPayload({ ssid: 'S', open: true, key: 'ignored1' })).toBe('WIFI:T:nopass;S:S;;')
    expect(wifiQrPayload({ ssid: 'S', key: 'k1234567', hidden: true })).toBe('WIFI:T:WPA;S:S;P:k1234567;H:true;;')
  })

  it('escapes only the five special characters', () => {
    expect(escapeWifiField('a-b_c.d e!')).toBe('a-b_c.d e!')
  })

  it('builds the same matrix as qrcode.create at error correction M', () => {
    const payload = wifiQrPayload({ ssid: 'Rental-01', key: 'abcd1234' })
    const matrix = qrMatrix(payload)
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' })
    expect(matrix.size).toBe(modules.size)
    for (let row = 0; row < modules.size; row++) {
      for (let column = 0; column < modules.size; column++) expect(matrix.dark(row, column)).toBe(Boolean(modules.get(row, column)))
    }
  })
})

describe('toPrintableAscii', () => {
  it.each([
    ['Rental-01', 'Rental-01', false],
    ['Ｗｉ－Ｆｉ１２', 'Wi-Fi12', false],
    ['Café Ñandú', 'Cafe Nandu', false],
    ['ホテル駅前WiFi', '?WiFi', true],
    ['Shop 東京 2', 'Shop ? 2', true],
    ['tab\there', 'tab?here', true]
  ])('%s → %s', (input, text, marked) => {
    expect(toPrintableAscii(input)).toEqual({ text, marked })
  })
})
