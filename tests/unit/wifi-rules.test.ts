// The Wi-Fi request rules every family checks before it sends anything (src/devices/wifi-rules.ts, shared by
// the Huawei, ZTE and Netgear drivers). Limits: IEEE 802.11 SSID 0–32 octets
// (the empty one refused here), WPA passphrase 8–63 printable ASCII or 64 hex digits (IEEE 802.11i Annex H.4).
import { describe, expect, it } from 'vitest'
import * as rules from '../../src/devices/wifi-rules'

describe('wifi-rules', () => {
  it.each([
    ['plain ASCII', 'Shop-Unit-7', true],
    ['exactly 32 bytes', 'x'.repeat(32), true],
    ['33 bytes', 'x'.repeat(33), false],
    ['10 Japanese characters = 30 bytes', '日本語のネットワーク', true],
    ['11 Japanese characters = 33 bytes', '日本語のネットワーク名', false],
    ['an emoji (4 bytes) fits', 'Café ☕ 🍰', true],
    ['empty', '', false],
    ['a newline', 'a\nb', false],
    ['DEL', 'a\u007fb', false],
    ['a lone surrogate', 'bad\ud800', false],
    ['spaces are fine', '  spaced  ', true]
  ])('SSID: %s', (_label, ssid, valid) => {
    expect(rules.ssidViolation(ssid) === undefined).toBe(valid)
  })

  it.each([
    ['8 characters', '12345678', true],
    ['7 characters', '1234567', false],
    ['63 characters', 'k'.repeat(63), true],
    ['64 hex digits (a raw PSK)', 'aB'.repeat(32), true],
    ['64 characters, not hex', 'g'.repeat(64), false],
    ['65 characters', 'a'.repeat(65), false],
    ['spaces and punctuation', 'a b!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', true],
    ['a non-ASCII letter', 'pässwort1', false],
    ['a tab', 'tab\tinside', false]
  ])('key: %s', (_label, key, valid) => {
    expect(rules.keyViolation(key) === undefined).toBe(valid)
  })

  it('never repeats the key in its message', () => {
    expect(rules.keyViolation('secret7')?.message).not.toContain('secret7')
  })

  it.each([
    ['admin', 32, true],
    ['', 32, false],
    ['two words', 32, false],
    ['x'.repeat(32), 32, true],
    ['x'.repeat(33), 32, false],
    ['pässword', 32, false]
  ])('admin password %j (max %i)', (password, max, valid) => {
    expect(rules.adminPasswordViolation(password, max) === undefined).toBe(valid)
  })

  it('checkWifiChange: invalid before unsupported, and a key on an open network is invalid', () => {
    const settable = ['open', 'wpa2-psk'] as const
    expect(rules.checkWifiChange({ ssid: 'ok', key: 'short' }, settable)).toMatchObject({ kind: 'invalid', violation: { path: 'key' } })
    expect(rules.checkWifiChange({ security: 'wpa3-sae', key: 'long enough' }, settable)).toMatchObject({ kind: 'unsupported', violation: { path: 'security' } })
    expect(rules.checkWifiChange({ security: 'open', key: 'long enough' }, settable)).toMatchObject({ kind: 'invalid', violation: { path: 'key' } })
    expect(rules.checkWifiChange({ ssid: 'ok', hidden: true }, settable)).toEqual({ kind: 'ok' })
    expect(rules.checkWifiChange({}, settable)).toEqual({ kind: 'ok' })
  })

  it('wifiMismatches: compares what was asked; the key only when readable, and never with its value', () => {
    const actual = { ssid: 'A', security: 'wpa2-psk' as const, key: 'old-key-1', hidden: false, band: '2.4GHz' as const }
    expect(rules.wifiMismatches({ ssid: 'A', hidden: false }, actual, true)).toEqual([])
    expect(rules.wifiMismatches({ ssid: 'B' }, actual, true)).toEqual([{ field: 'ssid', expected: 'B', actual: 'A' }])
    expect(rules.wifiMismatches({ key: 'new-key-1' }, actual, true)).toEqual([{ field: 'key' }])
    expect(rules.wifiMismatches({ key: 'new-key-1' }, { ...actual, key: undefined }, false)).toEqual([])
    expect(rules.wifiMismatches({ hidden: true }, { ...actual, hidden: undefined }, true)).toEqual([{ field: 'hidden', expected: true, actual: false }])
    expect(rules.wifiMismatches({ security: 'open' }, actual, true)).toEqual([{ field: 'security', expected: 'open', actual: 'wpa2-psk' }])
  })
})
