// Huawei WLAN parsers and request builders (src/devices/families/huawei-hilink/wifi.ts). Field names and value sets:
// Salamek/huawei-lte-api (api/WLan.py, enums/wlan.py) and the E5785 firmware's own handlers
// (janglapuk/huawei-e5785lh-92a-fw: cpio_3/html/api/wlan/multi-basic-settings.json.lua, multi-basic-settings.lua).
// The fixtures are written in the shape those handlers emit; values are invented.
import { describe, expect, it } from 'vitest'
import { parseHuaweiDocument } from '../../src/devices/families/huawei-hilink/document'
import {
  authFieldsFor,
  bandOfSsidId,
  basicSettingsRequest,
  huaweiSecurityOf,
  multiBasicRequest,
  parseMultiBasicSettings,
  parseSingleSettings,
  primarySsid,
  securitySettingsRequest
} from '../../src/devices/families/huawei-hilink/wifi'
import { serializeRequest, type XmlRecord } from '../../src/devices/families/huawei-hilink/xml'

function record(xml: string): XmlRecord {
  const parsed = parseHuaweiDocument(xml)
  if (!parsed.ok || parsed.document.kind !== 'response') throw new Error('fixture is not a <response>')
  return parsed.document.record
}

const ssidXml = (fields: Record<string, string | number>): string =>
  `<Ssid>${Object.entries(fields)
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('')}</Ssid>`

const MAIN = {
  Index: 0,
  ID: 'InternetGatewayDevice.X_Config.Wifi.Radio.1.Ssid.1.',
  WifiEnable: 1,
  WifiSsid: 'HUAWEI-E5785-A1B2',
  WifiMac: '00:1E:10:AA:BB:01',
  WifiBroadcast: 0,
  WifiAuthmode: 'WPA2-PSK',
  WifiBasicencryptionmodes: 'NONE',
  WifiWpaencryptionmodes: 'AES',
  WifiWepKeyIndex: 1,
  WifiWpapsk: '',
  wifiguestofftime: 4,
  wifiisguestnetwork: 0
}
const GUEST = { ...MAIN, Index: 1, ID: 'InternetGatewayDevice.X_Config.Wifi.Radio.1.Ssid.2.', WifiEnable: 0, WifiSsid: 'Guest', wifiisguestnetwork: 1 }

/** E5785 shape: two SSIDs, keys blanked by wlan_get_pwd. */
const E5785_MULTI = `<?xml version="1.0" encoding="UTF-8"?><response><Ssids>${ssidXml(MAIN)}${ssidXml(GUEST)}</Ssids></response>`

describe('huaweiSecurityOf (WifiAuthmode + WifiBasicencryptionmodes, Salamek AuthModeEnum)', () => {
  it.each([
    ['OPEN', 'NONE', 'open'],
    ['OPEN', undefined, 'open'],
    ['OPEN', 'WEP', 'OPEN+WEP'],
    ['SHARE', 'WEP', 'SHARE'],
    ['AUTO', 'WEP', 'AUTO'],
    ['WPA-PSK', 'NONE', 'WPA-PSK'],
    ['WPA2-PSK', 'NONE', 'wpa2-psk'],
    ['wpa2-psk', undefined, 'wpa2-psk'],
    ['WPA/WPA2-PSK', 'NONE', 'wpa-wpa2-psk'],
    ['WPA3-SAE', undefined, 'wpa3-sae'],
    [undefined, undefined, undefined]
  ])('%s + %s → %s', (auth, basic, expected) => {
    expect(huaweiSecurityOf(auth, basic)).toBe(expected)
  })
})

describe('bandOfSsidId', () => {
  it.each([
    ['InternetGatewayDevice.X_Config.Wifi.Radio.1.Ssid.1.', '2.4GHz'],
    ['InternetGatewayDevice.X_Config.Wifi.Radio.2.Ssid.1.', '5GHz'],
    ['InternetGatewayDevice.X_Config.Wifi.Radio.3.Ssid.1.', undefined],
    [undefined, undefined]
  ])('%s → %s', (id, band) => {
    expect(bandOfSsidId(id)).toBe(band)
  })
})

describe('parseMultiBasicSettings', () => {
  it('E5785: the main SSID, no key (blanked), band from the radio, guest ignored', () => {
    const read = parseMultiBasicSettings(record(E5785_MULTI))
    expect(read).toMatchObject({
      ok: true,
      value: { kind: 'settings', settings: { ssid: 'HUAWEI-E5785-A1B2', security: 'wpa2-psk', hidden: false, band: '2.4GHz' }, keyReadable: false }
    })
    expect(read.ok && read.value.kind === 'settings' && 'key' in read.value.settings).toBe(false)
  })

  it('a firmware that shows the key, a hidden SSID (WifiBroadcast 1), a single-element list', () => {
    const xml = `<response><Ssids>${ssidXml({ ...MAIN, WifiWpapsk: 'k3y-with-&amp;', WifiBroadcast: 1, WifiAuthmode: 'WPA/WPA2-PSK' })}</Ssids></response>`
    expect(parseMultiBasicSettings(record(xml))).toMatchObject({
      ok: true,
      value: { kind: 'settings', keyReadable: true, settings: { security: 'wpa-wpa2-psk', key: 'k3y-with-&', hidden: true } }
    })
  })

  it('keeps leading and trailing spaces of an SSID', () => {
    const xml = `<response><Ssids>${ssidXml({ ...MAIN, WifiSsid: ' spaced ' })}</Ssids></response>`
    expect(parseMultiBasicSettings(record(xml))).toMatchObject({ ok: true, value: { settings: { ssid: ' spaced ' } } })
  })

  it('WEP is reported as an unsupported mode, with what the setter needs', () => {
    const xml = `<response><Ssids>${ssidXml({ ...MAIN, WifiAuthmode: 'SHARE', WifiBasicencryptionmodes: 'WEP' })}</Ssids></response>`
    expect(parseMultiBasicSettings(record(xml))).toMatchObject({ ok: true, value: { kind: 'unsupported-mode', deviceMode: 'SHARE', band: '2.4GHz' } })
  })

  it.each([
    ['no Ssids', '<response><WifiRestart>1</WifiRestart></response>', 'Ssids'],
    ['no SSID name', `<response><Ssids>${ssidXml({ ...MAIN, WifiSsid: '' })}</Ssids></response>`, 'WifiSsid'],
    ['no auth mode', `<response><Ssids>${ssidXml({ ...MAIN, WifiAuthmode: '' })}</Ssids></response>`, 'WifiAuthmode'],
    ['a broadcast flag that is not 0/1', `<response><Ssids>${ssidXml({ ...MAIN, WifiBroadcast: 'yes' })}</Ssids></response>`, 'WifiBroadcast']
  ])('%s → a field error, never an exception', (_label, xml, field) => {
    expect(parseMultiBasicSettings(record(xml))).toMatchObject({ ok: false, error: { field } })
  })

  it('primarySsid prefers Index 0, else the first non-guest entry', () => {
    const xml = `<response><Ssids>${ssidXml(GUEST)}${ssidXml({ ...MAIN, Index: 5 })}</Ssids></response>`
    expect(primarySsid(record(xml))?.Index).toBe('5')
  })
})

describe('parseSingleSettings (basic-settings + security-settings, older E5)', () => {
  const basic = record('<response><WifiSsid>Sonic</WifiSsid><WifiHide>1</WifiHide><WifiEnable>1</WifiEnable></response>')
  it('reads the key from security-settings', () => {
    const security = record('<response><WifiAuthmode>WPA2-PSK</WifiAuthmode><WifiBasicencryptionmodes>NONE</WifiBasicencryptionmodes><WifiWpaencryptionmodes>AES</WifiWpaencryptionmodes><WifiWpapsk>sonic-key-1</WifiWpapsk></response>')
    expect(parseSingleSettings(basic, security)).toMatchObject({
      ok: true,
      value: { kind: 'settings', keyReadable: true, settings: { ssid: 'Sonic', security: 'wpa2-psk', key: 'sonic-key-1', hidden: true } }
    })
  })
  it('an open network has no key', () => {
    const security = record('<response><WifiAuthmode>OPEN</WifiAuthmode><WifiBasicencryptionmodes>NONE</WifiBasicencryptionmodes><WifiWpapsk>stale-key</WifiWpapsk></response>')
    const read = parseSingleSettings(basic, security)
    expect(read).toMatchObject({ ok: true, value: { settings: { security: 'open' } } })
    expect(read.ok && read.value.kind === 'settings' && read.value.settings.key).toBeFalsy()
  })
  it('a missing half is an error', () => {
    expect(parseSingleSettings(basic, undefined)).toMatchObject({ ok: false })
  })
})

describe('request builders', () => {
  const current = record(E5785_MULTI).Ssids as XmlRecord
  const main = primarySsid({ Ssids: current }) as XmlRecord

  it('multiBasicRequest: the main SSID with its kept fields, the changes, the key only when it changes, WifiRestart 1', () => {
    const body = multiBasicRequest(main, { ssid: 'New & <Name>', key: 'brand-new-key' })
    expect(body).toEqual({
      Ssids: {
        Ssid: [
          {
            Index: '0',
            ID: 'InternetGatewayDevice.X_Config.Wifi.Radio.1.Ssid.1.',
            WifiEnable: '1',
            WifiSsid: 'New & <Name>',
            WifiBroadcast: '0',
            WifiAuthmode: 'WPA2-PSK',
            WifiBasicencryptionmodes: 'NONE',
            WifiWpaencryptionmodes: 'AES',
            WifiWepKeyIndex: '1',
            wifiisguestnetwork: '0',
            wifiguestofftime: '4',
            WifiWpapsk: 'brand-new-key'
          }
        ]
      },
      WifiRestart: 1
    })
    // Serialized the way the firmware reads it (escaped, nested).
    expect(serializeRequest(body)).toContain('<Ssids><Ssid><Index>0</Index>')
    expect(serializeRequest(body)).toContain('<WifiSsid>New &amp; &lt;Name&gt;</WifiSsid>')
    expect(multiBasicRequest(main, { hidden: true }).Ssids).toMatchObject({ Ssid: [{ WifiBroadcast: '1' }] })
    expect(JSON.stringify(multiBasicRequest(main, { hidden: true }))).not.toContain('WifiWpapsk')
  })

  it.each([
    ['open', { WifiAuthmode: 'OPEN', WifiBasicencryptionmodes: 'NONE' }],
    ['wpa2-psk', { WifiAuthmode: 'WPA2-PSK', WifiWpaencryptionmodes: 'AES' }],
    ['wpa-wpa2-psk', { WifiAuthmode: 'WPA/WPA2-PSK', WifiWpaencryptionmodes: 'MIX' }]
  ] as const)('authFieldsFor %s', (mode, fields) => {
    expect(authFieldsFor(mode, { basicEncryption: 'NONE', wpaEncryption: 'TKIP' })).toMatchObject(fields)
  })

  it('authFieldsFor refuses what it cannot name', () => {
    expect(() => authFieldsFor('wpa3-sae', {})).toThrow(RangeError)
  })

  it('basicSettingsRequest / securitySettingsRequest (Salamek set_basic_settings / set_security_settings)', () => {
    const basic = record('<response><WifiSsid>Sonic</WifiSsid><WifiHide>0</WifiHide></response>')
    const security = record(
      '<response><WifiAuthmode>WPA2-PSK</WifiAuthmode><WifiBasicencryptionmodes>NONE</WifiBasicencryptionmodes><WifiWpaencryptionmodes>AES</WifiWpaencryptionmodes><WifiWepKey1>12345</WifiWepKey1><WifiWpapsk>old-key-12</WifiWpapsk></response>'
    )
    expect(basicSettingsRequest(basic, { hidden: true }, false)).toEqual({ WifiSsid: 'Sonic', WifiHide: 1, WifiRestart: 0 })
    expect(basicSettingsRequest(basic, { ssid: 'New' }, true)).toEqual({ WifiSsid: 'New', WifiHide: 0, WifiRestart: 1 })
    expect(securitySettingsRequest(security, { key: 'new-key-34' })).toEqual({
      WifiAuthmode: 'WPA2-PSK',
      WifiWepKey1: '12345',
      WifiWpaencryptionmodes: 'AES',
      WifiBasicencryptionmodes: 'NONE',
      WifiWpapsk: 'new-key-34',
      WifiRestart: 1
    })
    expect(securitySettingsRequest(security, { security: 'open' })).toMatchObject({ WifiAuthmode: 'OPEN', WifiBasicencryptionmodes: 'NONE', WifiWpapsk: 'old-key-12' })
  })
})
