// Netgear model.json Wi-Fi parser and /Forms/config fields (src/devices/families/netgear/wifi.ts). The wifi group's
// field set is a public Go client's Nighthawk model struct (indexed copy) and the LM1200 fixture of
// home-assistant/core (tests/components/netgear_lte/fixtures/model.json: an LTE modem whose wifi group has an empty
// SSID and maxClientSupported 0). The encryption spellings are [U]: the parser is tested on the usual forms.
import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../src/devices/families/netgear/json'
import { hasWifiRadio, netgearBandOf, netgearSecurityOf, netgearSettableSecurity, parseNetgearWifi, wifiConfigFields } from '../../src/devices/families/netgear/wifi'

const LM1200_WIFI = {
  enabled: true,
  maxClientSupported: 0,
  maxClientLimit: 0,
  maxClientCnt: 0,
  channel: 0,
  hiddenSSID: true,
  passPhrase: '',
  RTSthreshold: 0,
  fragThreshold: 0,
  SSID: '',
  clientCount: 0,
  country: '',
  end: ''
}

const m1 = (wifi: Record<string, unknown>): JsonObject =>
  ({ general: { model: 'MR1100' }, wifi: { enabled: true, maxClientSupported: 20, SSID: 'NETGEAR63', passPhrase: 'demo-key-123', hiddenSSID: false, encryption: 'WPA2', mode: '2.4GHz', clientCount: 2, ...wifi } }) as JsonObject

describe('hasWifiRadio', () => {
  it('an LM1200 (the HA fixture): no', () => {
    expect(hasWifiRadio({ wifi: LM1200_WIFI } as JsonObject)).toBe(false)
  })
  it('an MR1100: yes', () => {
    expect(hasWifiRadio(m1({}))).toBe(true)
  })
  it('no wifi group at all: no', () => {
    expect(hasWifiRadio({ general: {} } as JsonObject)).toBe(false)
  })
})

describe('netgearSecurityOf', () => {
  it.each([
    ['None', 'open'],
    ['OPEN', 'open'],
    ['Disabled', 'open'],
    ['WPA2', 'wpa2-psk'],
    ['WPA2-PSK', 'wpa2-psk'],
    ['WPA2 Personal AES', 'wpa2-psk'],
    ['WPA/WPA2', 'wpa-wpa2-psk'],
    ['WPAWPA2', 'wpa-wpa2-psk'],
    ['WPA/WPA2-PSK Mixed', 'wpa-wpa2-psk'],
    ['WPA3-SAE', 'wpa3-sae'],
    ['WPA2/WPA3 Transition', 'wpa2-wpa3'],
    ['WEP64', 'WEP64'],
    ['WPA-PSK', 'WPA-PSK'],
    [undefined, undefined]
  ])('%s → %s', (raw, expected) => {
    expect(netgearSecurityOf(raw)).toBe(expected)
  })
})

describe('netgearBandOf (wifi.mode, read only when it names a band)', () => {
  it.each([
    ['2.4GHz', '2.4GHz'],
    ['5GHz', '5GHz'],
    ['2.4GHz+5GHz', 'dual'],
    ['Dual band', 'dual'],
    ['802.11bgn', undefined],
    ['', undefined],
    [undefined, undefined]
  ])('%s → %s', (mode, band) => {
    expect(netgearBandOf(mode)).toBe(band)
  })
})

describe('netgearSettableSecurity', () => {
  it.each([
    ['MR1100', false],
    ['MR2100', false],
    ['AC800S', false],
    ['MR5100', true],
    ['MR6150', true],
    [undefined, false]
  ])('%s offers WPA3: %s', (model, wpa3) => {
    expect(netgearSettableSecurity(model).includes('wpa3-sae')).toBe(wpa3)
  })
})

describe('parseNetgearWifi', () => {
  it('the admin model', () => {
    expect(parseNetgearWifi(m1({}))).toEqual({
      ok: true,
      value: { kind: 'settings', encryption: 'WPA2', keyReadable: true, settings: { ssid: 'NETGEAR63', security: 'wpa2-psk', key: 'demo-key-123', hidden: false, band: '2.4GHz' } }
    })
  })
  it('a masked or missing passphrase is not a key', () => {
    expect(parseNetgearWifi(m1({ passPhrase: '********' }))).toMatchObject({ ok: true, value: { keyReadable: false } })
    expect(parseNetgearWifi(m1({ passPhrase: undefined }))).toMatchObject({ ok: true, value: { keyReadable: false } })
  })
  it('open network and a hidden SSID', () => {
    const read = parseNetgearWifi(m1({ encryption: 'None', hiddenSSID: true }))
    expect(read).toMatchObject({ ok: true, value: { settings: { security: 'open', hidden: true } } })
    expect(read.ok && read.value.kind === 'settings' && read.value.settings.key).toBeFalsy()
  })
  it('WEP → unsupported mode', () => {
    expect(parseNetgearWifi(m1({ encryption: 'WEP128' }))).toMatchObject({ ok: true, value: { kind: 'unsupported-mode', deviceMode: 'WEP128' } })
  })
  it.each([
    ['no wifi group', { general: {} }, 'wifi'],
    ['the LM1200 group (no SSID)', { wifi: LM1200_WIFI }, 'wifi.SSID'],
    ['no encryption field', m1({ encryption: undefined }), 'wifi.encryption']
  ])('%s → a field error', (_label, model, field) => {
    expect(parseNetgearWifi(model as JsonObject)).toMatchObject({ ok: false, error: { field } })
  })
})

describe('wifiConfigFields (/Forms/config model paths, reference §3.1)', () => {
  it('only what changes', () => {
    expect(wifiConfigFields({ ssid: 'Shop', key: 'new-key-1' })).toEqual({ 'wifi.SSID': 'Shop', 'wifi.passPhrase': 'new-key-1' })
    expect(wifiConfigFields({ hidden: true, security: 'wpa-wpa2-psk' })).toEqual({ 'wifi.hiddenSSID': 'true', 'wifi.encryption': 'WPAWPA2' })
    expect(wifiConfigFields({ security: 'open' })).toEqual({ 'wifi.encryption': 'None' })
    expect(wifiConfigFields({})).toEqual({})
  })
})
