// Pure ZTE goform parsers and the reading assembler, on real answers. Sources per sample:
// [MF730]   a Python ZTE MF730 client's recorded status answer (indexed public copy, "MobileBroadband")
// [WAN]     "ZTE modem API docs" WAN object (indexed public copy; reference §2.1 cites wijayamin.github.io/zte-modem-api-docs)
// [OLAX]    a public Kotlin status-mapper test fixture with goform field names (indexed copy)
// [MF79U]   captured MF79U answers with and without the Referer (public test fixtures, indexed copy)
// [ENDC]    a public ZTE 5G status fixture (Polish README, indexed copy)
// [IT]      a Python ZTE client's recorded APN answer (indexed public copy)
// [MF79RU]  the public MF79RU integration guide (indexed copy): capacity probe, message records
// [DOCS]    "ZTE API Docs" sms_data_total sample; [SH] a shell ZTE adapter test (indexed copies)
// [STOCK]   anysoft/mifi-tools webs/mf761/web/js/com.js; reference §2.2–§2.8
import { describe, expect, it } from 'vitest'
import { AUTO_APN_ID, freeSlot, parseApnConfig, parseApnTable, saveApnForm, setDefaultApnForm } from '../../src/devices/families/zte-goform/apn'
import { isLocked, loginError, parseLoginCounters } from '../../src/devices/families/zte-goform/errors'
import { interpretProbe } from '../../src/devices/families/zte-goform/fingerprint'
import { fieldsOf, parseGoformJson, type GoformFields, type GoformObject } from '../../src/devices/families/zte-goform/json'
import { parseLoginProbe } from '../../src/devices/families/zte-goform/login'
import {
  parseBand,
  parseDataLimit,
  parseLevel,
  parseModemMainState,
  parseMsisdn,
  parseNetworkType,
  parsePppStatus,
  parseRsrq
} from '../../src/devices/families/zte-goform/parse'
import { buildReading, modelFromVersion } from '../../src/devices/families/zte-goform/reading'
import { parseSmsCapacity, parseSmsCommandStatus, parseSmsPage, receivedMessages } from '../../src/devices/families/zte-goform/sms'
import { parseUssdData, parseUssdWriteFlag } from '../../src/devices/families/zte-goform/ussd'

function object(text: string): GoformObject {
  const parsed = parseGoformJson(text)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.value
}
const fields = (text: string): GoformFields => fieldsOf(object(text))

const MF730 =
  '{"modem_main_state":"modem_init_complete","pin_status":"0","loginfo":"ok","new_version_state":"version_idle","current_upgrade_state":"fota_idle","is_mandatory":"","sms_received_flag":"","sts_received_flag":"","signalbar":"2","network_type":"DC-HSPA+","network_provider":"3","ppp_status":"ppp_connected","EX_SSID1":"","sta_ip_status":"","EX_wifi_profile":"","m_ssid_enable":"","sms_unread_num":"0","sms_dev_unread_num":"0","sms_sim_unread_num":"0","RadioOff":"1","simcard_roam":"Home","lan_ipaddr":"192.168.0.1","station_mac":"","battery_charging":"","battery_vol_percent":"","battery_pers":"","spn_display_flag":"0","plmn_display_flag":"1","spn_name_data":"0033","spn_b1_flag":"0","spn_b2_flag":"0","realtime_tx_bytes":"240692","realtime_rx_bytes":"1265438","realtime_time":"771","realtime_tx_thrpt":"69","realtime_rx_thrpt":"69","monthly_rx_bytes":"39886898","monthly_tx_bytes":"2365084","monthly_time":"14028","date_month":"201705","data_volume_limit_switch":"0","data_volume_limit_size":"","data_volume_alert_percent":"","data_volume_limit_unit":"","roam_setting_option":"off","upg_roam_switch":"0"}'

const OLAX =
  '{"network_type":"LTE","sub_network_type":"FDD_LTE","rssi":"-71","signalbar":"4","lte_rsrp":"-95","lte_rsrq":"-10","lte_snr":"12","lte_band":"3","cell_id":"123456","network_provider":"MTS","imei":"860000000000001","sim_imsi":"250010000000001","ziccid":"89701000000000000001","ppp_status":"ppp_connected","modem_main_state":"modem_init_complete","simcard_roam":"Home","wan_ipaddr":"10.20.30.40","cr_version":"F95_FAKE_FOR_TEST"}'

describe('parseGoformJson (lenient in the ways real firmware need)', () => {
  it('reads a plain answer', () => {
    expect(fields('{"loginfo":"ok","LD":""}')).toEqual({ loginfo: 'ok', LD: '' })
  })

  it('reads answers with raw control characters inside strings (stock UI strips \\r; MF79RU guide §9.3)', () => {
    expect(fields('{"network_provider":"T-Mobile\r","cr_version":""}')).toEqual({ network_provider: 'T-Mobile\r', cr_version: '' })
    expect(object('{"messages":[{"id":"1","number":"+700\u0001","content":"0041"}]}').messages).toHaveLength(1)
  })

  it('turns numbers and null into strings, keeps lists for their own parsers', () => {
    const value = object('{"result":0,"n":null,"b":true,"messages":[]}')
    expect(fieldsOf(value)).toEqual({ result: '0', n: '', b: '1' })
    expect(value.messages).toEqual([])
  })

  it.each([
    ['', 'empty'],
    ['   \r\n', 'empty'],
    ['{"signalbar":"4","network_type":"LT', 'not-json'],
    ['<html><title>502 Bad Gateway</title></html>', 'not-json'],
    ['{"result":"success",}', 'not-json'],
    ['[1,2]', 'not-object'],
    ['"ok"', 'not-object'],
    ['null', 'not-object']
  ])('%j → %s error value', (text, kind) => {
    const parsed = parseGoformJson(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error.kind).toBe(kind)
  })

  it('is safe with prototype-looking keys', () => {
    const value = fieldsOf(object('{"__proto__":"x","constructor":"y","loginfo":"ok"}'))
    expect(value.loginfo).toBe('ok')
    expect(Object.getPrototypeOf(value)).toBeNull()
  })
})

describe('field parsers', () => {
  it.each([
    ['-95', -95],
    ['-95dBm', -95],
    ['-10.5 dB', -10.5],
    ['12', 12],
    ['33.0', 33], // [ENDC] Z5g_SINR
    [' -71 ', -71]
  ])('parseLevel %j → %d', (raw, value) => {
    expect(parseLevel(raw, 'lte_rsrp')).toEqual({ ok: true, value })
  })

  it.each([['x'], ['--5'], ['-95 dBm dBm'], ['1e3']])('parseLevel %j is an error value', (raw) => {
    expect(parseLevel(raw, 'lte_rsrp').ok).toBe(false)
  })

  it('parseRsrq: positive values are negated, 255 means not measured (reference §2.4)', () => {
    expect(parseRsrq('-10')).toEqual({ ok: true, value: -10 })
    expect(parseRsrq('11')).toEqual({ ok: true, value: -11 })
    expect(parseRsrq('255')).toEqual({ ok: true, value: undefined })
    expect(parseRsrq('')).toEqual({ ok: true, value: undefined })
  })

  it.each([
    ['LTE', 'lte', true],
    ['FDD_LTE', 'lte', true],
    ['DC-HSPA+', 'umts', true], // [MF730]
    ['HSPA+', 'umts', true],
    ['WCDMA', 'umts', true],
    ['EDGE', 'gsm', true],
    ['GSM', 'gsm', true],
    ['ENDC', 'nr', true], // [ENDC]
    ['NO_SERVICE', 'none', false],
    ['LIMITED_SERVICE', 'none', false],
    ['CDMA2000', 'unknown', true]
  ])('parseNetworkType %j → %s', (raw, rat, inService) => {
    const result = parseNetworkType(raw)
    expect(result.ok && result.value).toMatchObject({ rat, inService })
  })

  it.each([
    ['ppp_connected', 'connected'],
    ['ppp_connecting', 'connecting'],
    ['ppp_disconnected', 'disconnected'],
    ['ppp_disconnecting', 'disconnecting'],
    ['ipv6_connected', 'connected'],
    ['ppp_something_new', 'unknown']
  ])('parsePppStatus %j → %s', (raw, state) => {
    expect(parsePppStatus(raw)).toEqual({ ok: true, value: state })
  })

  it.each([
    ['modem_init_complete', 'ready'],
    ['modem_waitpin', 'pin-required'],
    ['modem_waitpuk', 'puk-required'],
    ['modem_sim_undetected', 'absent'],
    ['modem_sim_destroy', 'invalid'],
    ['modem_imsi_waitnck', 'invalid'],
    ['modem_undetected', 'unknown'],
    ['modem_whatever_next', 'unknown']
  ])('parseModemMainState %j → %s', (raw, state) => {
    expect(parseModemMainState(raw)).toEqual({ ok: true, value: state })
  })

  it.each([
    ['1', 'data', '10_1024', 10 * 1024 ** 3], // reference §2.4: 10_1024 = 10 GB
    ['1', 'data', '500_1', 500 * 1024 ** 2],
    ['1', '', '2_1024', 2 * 1024 ** 3], // older firmware without the unit field
    ['1', 'time', '20', undefined], // a limit in hours is not a byte limit
    ['0', 'data', '10_1024', undefined],
    ['0', '', '', undefined] // [MF730]
  ])('parseDataLimit(%j, %j, %j) → %s', (enabled, unit, size, bytes) => {
    expect(parseDataLimit(enabled, unit, size)).toEqual({ ok: true, value: bytes })
  })

  it.each([
    ['4', '4'],
    ['B4', '4'],
    ['LTE BAND 66', '66'],
    ['LTE B3', '3'],
    ['WCDMA 2100', 'WCDMA 2100'],
    ['', undefined]
  ])('parseBand %j → %j', (raw, band) => {
    expect(parseBand(raw)).toBe(band)
  })

  it.each([
    ['+12065550143', '+12065550143'],
    ['1 (206) 555-0143', '12065550143'],
    ['', undefined],
    ['0000000000', undefined],
    ['unknown', undefined]
  ])('parseMsisdn %j → %j', (raw, msisdn) => {
    expect(parseMsisdn(raw)).toBe(msisdn)
  })
})

describe('buildReading', () => {
  it('[MF730] a 3G USB modem: DC-HSPA+, operator "3", no battery, no data limit', () => {
    const result = buildReading(fields(MF730))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const { reading, issues } = result
    expect(issues).toEqual([])
    expect(reading.sim).toEqual({ state: 'ready', spn: '3' }) // spn_name_data "0033"
    expect(reading.signal).toEqual({ bars: 2, rat: 'umts', networkType: 'DC-HSPA+' })
    expect(reading.registration).toEqual({ state: 'home', operatorName: '3' })
    expect(reading.data).toEqual({ state: 'connected' })
    expect(reading.usage).toEqual({
      sessionUploadBytes: 240692,
      sessionDownloadBytes: 1265438,
      sessionSeconds: 771,
      uploadRateBps: 69,
      downloadRateBps: 69,
      monthUploadBytes: 2365084,
      monthDownloadBytes: 39886898
    })
    expect(reading.battery).toBeUndefined()
    expect(reading.wifiClients).toBeUndefined()
    expect(reading.identity).toEqual({ manufacturer: 'ZTE' })
  })

  it('[OLAX] an LTE unit: signal values, band, cell, ziccid/sim_imsi, WAN address', () => {
    const result = buildReading(fields(OLAX))
    if (!result.ok) throw new Error('no reading')
    expect(result.reading.signal).toEqual({
      bars: 4,
      rat: 'lte',
      networkType: 'LTE',
      rsrpDbm: -95,
      rsrqDb: -10,
      sinrDb: 12,
      rssiDbm: -71,
      band: '3',
      cellId: '123456'
    })
    expect(result.reading.sim).toMatchObject({ state: 'ready', iccid: '89701000000000000001', imsi: '250010000000001' })
    expect(result.reading.sim.msisdn).toBeUndefined()
    expect(result.reading.identity).toEqual({ manufacturer: 'ZTE', imei: '860000000000001', firmware: 'F95_FAKE_FOR_TEST' })
    expect(result.reading.data).toEqual({ state: 'connected', ipv4: '10.20.30.40' })
    expect(result.reading.registration).toEqual({ state: 'home', operatorName: 'MTS' })
  })

  it('[WAN] counters from the API docs WAN object', () => {
    const result = buildReading(
      fields('{"ppp_status":"ppp_connected","realtime_rx_bytes":"1116739479","realtime_rx_thrpt":"1580","realtime_time":"63821","realtime_tx_bytes":"99545339","realtime_tx_thrpt":"3024","monthly_rx_bytes":"23120021145","monthly_time":"1062306","monthly_tx_bytes":"2332584668"}')
    )
    if (!result.ok) throw new Error('no reading')
    expect(result.reading.usage).toEqual({
      sessionUploadBytes: 99545339,
      sessionDownloadBytes: 1116739479,
      sessionSeconds: 63821,
      uploadRateBps: 3024,
      downloadRateBps: 1580,
      monthUploadBytes: 2332584668,
      monthDownloadBytes: 23120021145
    })
  })

  it('[ENDC] a 5G unit with battery_value', () => {
    const result = buildReading(
      fields('{"network_type":"ENDC","signalbar":"5","battery_value":"60","battery_charging":"0","battery_pers":"3","ppp_status":"ppp_connected","network_provider":"T-Mobile.pl","modem_main_state":"modem_init_complete"}')
    )
    if (!result.ok) throw new Error('no reading')
    expect(result.reading.signal).toMatchObject({ bars: 5, rat: 'nr', networkType: 'ENDC' })
    expect(result.reading.battery).toEqual({ percent: 60, charging: false })
    expect(result.reading.registration.operatorName).toBe('T-Mobile.pl')
  })

  it('[MF79U] with the Referer but no SIM: absent, not registered, disconnected', () => {
    const result = buildReading(fields('{"modem_main_state":"modem_sim_undetected","ppp_status":"ppp_disconnected","signalbar":"","apn_name":""}'))
    if (!result.ok) throw new Error('no reading')
    expect(result.reading.sim.state).toBe('absent')
    expect(result.reading.registration.state).toBe('not-registered')
    expect(result.reading.data.state).toBe('disconnected')
    expect(result.reading.signal).toEqual({ bars: 0, rat: 'unknown' })
  })

  it('[MF79U] without the Referer every field is blank: no reading, an error value', () => {
    const result = buildReading(fields('{"modem_main_state":"","ppp_status":"","signalbar":"","apn_name":""}'))
    expect(result).toEqual({ ok: false, error: { kind: 'no-data', message: expect.stringContaining('no values') } })
  })

  it('leaves unreadable values out and reports them, without inventing anything', () => {
    const result = buildReading(fields('{"modem_main_state":"modem_init_complete","network_type":"LTE","signalbar":"four","lte_rsrp":"strong","ppp_status":"ppp_connected","realtime_rx_bytes":"-5","imei":"12"}'))
    if (!result.ok) throw new Error('no reading')
    expect(result.reading.signal).toEqual({ bars: 0, rat: 'lte', networkType: 'LTE' })
    expect(result.reading.usage).toEqual({})
    expect(result.reading.identity.imei).toBeUndefined()
    expect(result.issues.map((issue) => issue.field).sort()).toEqual(['lte_rsrp', 'realtime_rx_bytes', 'signalbar'])
  })

  it('a used-up monthly limit set on the device explains a dropped connection', () => {
    const result = buildReading(
      fields('{"modem_main_state":"modem_init_complete","network_type":"LTE","ppp_status":"ppp_disconnected","data_volume_limit_switch":"1","data_volume_limit_unit":"data","data_volume_limit_size":"1_1024","monthly_tx_bytes":"73741824","monthly_rx_bytes":"1000000000"}')
    )
    if (!result.ok) throw new Error('no reading')
    expect(result.reading.data).toEqual({ state: 'disconnected', failureReason: 'the monthly data limit set on the device has been reached' })
    expect(result.reading.usage.monthLimitBytes).toBe(1024 ** 3)
  })

  it('no service: no bars, no operator, searching', () => {
    const result = buildReading(fields('{"modem_main_state":"modem_init_complete","network_type":"NO_SERVICE","signalbar":"3","network_provider":"","ppp_status":"ppp_disconnected"}'))
    if (!result.ok) throw new Error('no reading')
    expect(result.reading.signal).toEqual({ bars: 0, rat: 'none' })
    expect(result.reading.registration).toEqual({ state: 'searching' })
  })

  it.each([
    ['BD_MF79UV1.0.0B06', 'MF79U'],
    ['BD_XCBZHKMF79UV1.0.0B01', 'MF79U'],
    ['BD_MF79RUV1.0.0B02', 'MF79RU'],
    ['MC888A_ELISA_FI_B08', 'MC888A'],
    ['T-Mobile_MF61_V1.0.0B09', 'MF61'],
    ['ZTE_GENERIC_V1', undefined]
  ])('modelFromVersion %j → %j', (version, model) => {
    expect(modelFromVersion(version)).toBe(model)
  })
})

describe('APN table', () => {
  // [IT] A real APN answer (APN_config0..19, Current_index 1, manual mode); ipv6 slots and the preset shortened.
  const IT = fields(
    JSON.stringify({
      apn_interface_version: '2',
      APN_config0: 'TIM($)ibox.tim.it($)manual($)*99#($)none($)($)($)IP($)auto($)($)auto($)($)',
      APN_config1: 'internet.it($)internet.it($)manual($)*99#($)none($)($)($)IP($)auto($)($)auto($)($)',
      APN_config2: '',
      ipv6_APN_config0: 'TIM($)($)($)($)($)($)($)($)($)($)($)($)',
      ipv6_APN_config1: 'internet.it($)($)($)($)($)($)($)($)($)($)($)($)',
      ipv6_APN_config2: '',
      m_profile_name: 'internet.it',
      profile_name: '',
      Current_index: '1',
      apn_auto_config: 'Wind IT($)internet.wind($)0($)*99#($)none($)($)($)IP($)1($)($)auto($)($)',
      ipv6_apn_auto_config: 'Wind IT($)internet.wind($)0($)*99#($)none($)($)($)IP($)1($)($)auto($)($)',
      apn_mode: 'manual',
      wan_apn: 'internet.it',
      pdp_type: 'IP',
      apn_num_preset: ''
    })
  )

  it('[IT] lists the manual slots and the automatic profile, with the manual default', () => {
    const table = parseApnTable(IT)
    expect(table.issues).toEqual([])
    expect(table.profiles).toEqual([
      { id: '0', name: 'TIM', apn: 'ibox.tim.it', auth: 'none', pdpType: 'ipv4', isDefault: false },
      { id: '1', name: 'internet.it', apn: 'internet.it', auth: 'none', pdpType: 'ipv4', isDefault: true },
      { id: AUTO_APN_ID, name: 'Wind IT', apn: 'internet.wind', auth: 'none', pdpType: 'ipv4', isDefault: false, readOnly: true }
    ])
    expect(freeSlot(table)).toBe(2)
  })

  it('marks operator presets read-only and the automatic profile default in auto mode', () => {
    const table = parseApnTable({ ...IT, apn_num_preset: '1', apn_mode: 'auto' })
    expect(table.profiles.find((profile) => profile.id === '0')?.readOnly).toBe(true)
    expect(table.profiles.filter((profile) => profile.isDefault).map((profile) => profile.id)).toEqual([AUTO_APN_ID])
  })

  it('reads ZXIC firmware that name the table APN_configtmp (MF761, [STOCK])', () => {
    const table = parseApnTable({
      APN_configtmp0: 'T-Mobile($)fast.t-mobile.com($)manual($)*99#($)chap($)user($)secret($)IPv4v6($)auto($)($)auto($)($)',
      apn_mode: 'manual',
      Current_index: '0'
    })
    expect(table.profiles).toEqual([
      { id: '0', name: 'T-Mobile', apn: 'fast.t-mobile.com', auth: 'chap', username: 'user', password: 'secret', pdpType: 'ipv4v6', isDefault: true }
    ])
  })

  it('takes the APN of an IPv6-only profile from the ipv6_ table', () => {
    const table = parseApnTable({
      APN_config0: 'V6($)($)manual($)*99#($)pap($)u($)p($)IPv6($)auto($)($)auto($)($)',
      ipv6_APN_config0: 'V6($)v6.example($)manual($)*99#($)pap($)u($)p($)IPv6($)auto($)($)auto($)($)',
      Current_index: '0'
    })
    expect(table.profiles[0]).toMatchObject({ apn: 'v6.example', pdpType: 'ipv6', auth: 'pap' })
  })

  it.each([['no separators'], ['($)']])('parseApnConfig %j is an error value or empty, never a throw', (raw) => {
    const result = parseApnConfig(raw)
    expect(result.ok ? result.value : 'error').not.toBeNull()
  })

  it('builds the stock UI save and set_default forms ([STOCK] com.js)', () => {
    expect(saveApnForm(2, { name: 'Legacy', apn: 'epc.tmobile.com', auth: 'pap-or-chap', pdpType: 'ipv4', username: 'u', password: 'p' })).toEqual({
      apn_action: 'save',
      apn_mode: 'manual',
      profile_name: 'Legacy',
      wan_dial: '*99#',
      pdp_type: 'IP',
      pdp_select: 'auto',
      index: '2',
      wan_apn: 'epc.tmobile.com',
      ppp_auth_mode: 'chap',
      ppp_username: 'u',
      ppp_passtmp: 'p',
      ppp_passwd: 'p',
      dns_mode: 'auto',
      prefer_dns_manual: '',
      standby_dns_manual: ''
    })
    expect(saveApnForm(3, { name: 'V6', apn: 'v6.example', auth: 'none', pdpType: 'ipv6' })).toMatchObject({ pdp_type: 'IPv6', ipv6_wan_apn: 'v6.example' })
    expect(saveApnForm(3, { name: 'V6', apn: 'v6.example', auth: 'none', pdpType: 'ipv6' })).not.toHaveProperty('wan_apn')
    expect(setDefaultApnForm(1, 'ipv4v6')).toEqual({ apn_action: 'set_default', set_default_flag: '1', apn_mode: 'manual', pdp_type: 'IPv4v6', index: '1' })
  })
})

describe('SMS', () => {
  it('[DOCS] [SH] [IT] [MF79RU] message records → received messages, newest first', () => {
    const page = parseSmsPage(
      object(
        JSON.stringify({
          messages: [
            { id: '164', number: '+358124534', content: '00540065007300740069007600690065007300740069', tag: '0', date: '22,09,17,18,33,25,+12', draft_group_id: '', received_all_concat_sms: '1', concat_sms_total: '0', concat_sms_received: '0', sms_class: '4', sms_mem: 'nv', sms_submit_msg_ref: '' },
            { id: '7', number: '+8600000000000', content: '4F60597D', date: '26,08,01,09,30,00,+32', tag: '1', draft_group_id: '0', received_all_concat_sms: '1' },
            { id: '1', number: '+393282766003', content: '005A007A007A0073007A0073', tag: '1', date: '20,09,24,17,58,37,+8', draft_group_id: '', received_all_concat_sms: '1', concat_sms_total: '0', concat_sms_received: '0', sms_class: '4' },
            { id: '105', number: '+70001234567', content: '041F04400438043204350442', tag: '1', date: '26,01,02,03,04,05,+12', received_all_concat_sms: '0', concat_sms_total: '5', concat_sms_received: '1', sms_class: '1', draft_group_id: '' },
            { id: '200', number: '+12065550199', content: '004F006B', tag: '2', date: '26,01,02,03,04,05,-28' }
          ]
        })
      )
    )
    if (page.kind !== 'messages') throw new Error(page.kind)
    expect(page.issues).toEqual([])
    expect(receivedMessages(page.messages)).toEqual([
      { id: '164', from: '+358124534', text: 'Testiviesti', receivedAt: '2022-09-17T18:33:25+03:00', read: true },
      { id: '105', from: '+70001234567', text: 'Привет', receivedAt: '2026-01-02T03:04:05+03:00', read: false, partsMissing: 4 },
      { id: '7', from: '+8600000000000', text: '你好', receivedAt: '2026-08-01T09:30:00+08:00', read: false },
      { id: '1', from: '+393282766003', text: 'Zzzszs', receivedAt: '2020-09-24T17:58:37+02:00', read: false }
    ])
  })

  it('keeps the longest row when the firmware lists a long message once per part ([STOCK] parseMessages)', () => {
    const page = parseSmsPage(
      object('{"messages":[{"id":"9","number":"1","content":"0041","tag":"1","date":""},{"id":"9","number":"1","content":"004100420043","tag":"1","date":""}]}')
    )
    if (page.kind !== 'messages') throw new Error(page.kind)
    expect(page.messages).toHaveLength(1)
    expect(page.messages[0]).toMatchObject({ text: 'ABC', receivedAt: '' })
  })

  it('shows non-hex content as it came, strips control characters from the sender (MF79RU guide §9)', () => {
    const page = parseSmsPage(object('{"messages":[{"id":"3","number":"+7999\u0001","content":"plain text","tag":"0","date":"bad"}]}'))
    if (page.kind !== 'messages') throw new Error(page.kind)
    expect(page.messages[0]).toMatchObject({ number: '+7999', text: 'plain text', receivedAt: '' })
  })

  it('tells a dropped session ({"sms_data_total":""}, MF79RU guide §8.1) from an unreadable answer', () => {
    expect(parseSmsPage(object('{"sms_data_total":""}'))).toEqual({ kind: 'no-session' })
    expect(parseSmsPage(object('{"messages":""}'))).toEqual({ kind: 'messages', messages: [], issues: [] })
    expect(parseSmsPage(object('{"messages":{}}')).kind).toBe('unreadable')
    expect(parseSmsPage(object('{"other":1}')).kind).toBe('unreadable')
  })

  it('skips malformed records with an issue each', () => {
    const page = parseSmsPage(object('{"messages":[1,null,{"id":"x","tag":"0"},{"id":"4","tag":"nine"},{"id":"5","tag":"0","content":"0041"}]}'))
    if (page.kind !== 'messages') throw new Error(page.kind)
    expect(page.messages.map((sms) => sms.id)).toEqual(['5'])
    expect(page.issues).toHaveLength(4)
  })

  it('[MF79RU] capacity: used = received + sent + drafts (sms_nvused_total is stale on B02)', () => {
    const capacity = parseSmsCapacity(
      object('{"sms_nv_total":"100","sms_sim_total":"15","sms_nvused_total":"100","sms_nv_rev_total":"95","sms_nv_send_total":"0","sms_nv_draftbox_total":"0","sms_sim_rev_total":"0","sms_sim_send_total":"0","sms_sim_draftbox_total":"0"}')
    )
    expect(capacity).toEqual({ ok: true, value: { used: 95, total: 100 } })
    expect(parseSmsCapacity(object('{"sms_capacity_info":""}')).ok).toBe(false)
  })

  it.each([
    ['{"sms_cmd":"4","sms_cmd_status_result":"3"}', 'done'],
    ['{"sms_cmd":"4","sms_cmd_status_result":"2"}', 'failed'],
    ['{"sms_cmd":"4","sms_cmd_status_result":"1"}', 'running'],
    ['{}', 'running']
  ])('sms_cmd_status_info %s → %s ([STOCK] getSmsStatusInfo; MF79RU guide §11.2)', (text, status) => {
    expect(parseSmsCommandStatus(object(text))).toBe(status)
  })
})

describe('USSD ([STOCK] getUSSDResponse; reference §2.8)', () => {
  it.each([
    ['15', 'waiting'],
    ['16', 'ready'],
    ['13', 'cancelled'],
    ['', 'idle'],
    ['0', 'idle']
  ])('ussd_write_flag %j → %s', (flag, kind) => {
    expect(parseUssdWriteFlag({ ussd_write_flag: flag }).kind).toBe(kind)
  })

  it.each([
    ['1', 'BUSY'],
    ['2', 'PROTOCOL'],
    ['3', 'TIMEOUT'],
    ['4', 'TIMEOUT'],
    ['unknown', 'TIMEOUT'],
    ['10', 'BUSY'],
    ['41', 'UNSUPPORTED'],
    ['99', 'UNSUPPORTED'],
    ['77', 'PROTOCOL']
  ])('ussd_write_flag %j → %s', (flag, code) => {
    expect(parseUssdWriteFlag({ ussd_write_flag: flag })).toMatchObject({ kind: 'failed', code, flag })
  })

  it('decodes ussd_data and reads ussd_action as +CUSD <m>', () => {
    const data = (action: string) => parseUssdData({ ussd_data: '0031002000420061006C0061006E00630065', ussd_action: action, ussd_dcs: '72' })
    expect(data('1')).toEqual({ ok: true, value: { text: '1 Balance', sessionOpen: true } })
    expect(data('0')).toEqual({ ok: true, value: { text: '1 Balance', sessionOpen: false } })
    expect(data('2')).toEqual({ ok: true, value: { text: '1 Balance', sessionOpen: false } })
    expect(parseUssdData({ ussd_action: '1' }).ok).toBe(false)
  })
})

describe('login results and lockout ([STOCK] login page; reference §2.2)', () => {
  it('reads the counters; locked means no attempts left', () => {
    expect(parseLoginCounters({ psw_fail_num_str: '3', login_lock_time: '0' })).toEqual({ attemptsLeft: 3, lockSeconds: 0 })
    expect(isLocked(parseLoginCounters({ psw_fail_num_str: '0', login_lock_time: '287' }))).toBe(true)
    // Some firmware report the lock length while unlocked: that alone is not a lock.
    expect(isLocked(parseLoginCounters({ psw_fail_num_str: '5', login_lock_time: '300' }))).toBe(false)
    expect(parseLoginCounters({ psw_fail_num_str: '', login_lock_time: '' })).toEqual({})
  })

  it.each([
    ['3', { attemptsLeft: 2 }, 'AUTH_FAILED', { attemptsLeft: 2, reason: 'wrong-password' }],
    ['3', { attemptsLeft: 0, lockSeconds: 300 }, 'LOCKED_OUT', { attemptsLeft: 0, waitSeconds: 300, reason: 'wrong-password' }],
    ['failure', { attemptsLeft: 4 }, 'AUTH_FAILED', { attemptsLeft: 4 }],
    ['2', {}, 'BUSY', { reason: 'session-taken' }],
    ['1', { attemptsLeft: 0, lockSeconds: 120 }, 'LOCKED_OUT', { waitSeconds: 120 }],
    ['1', { attemptsLeft: 5 }, 'BUSY', { reason: 'try-later' }],
    ['5', {}, 'BUSY', { reason: 'timed-out' }],
    ['weird', {}, 'PROTOCOL', { zteResult: 'weird' }],
    [undefined, {}, 'PROTOCOL', { zteResult: null }]
  ])('result %j with %j → %s', (result, counters, code, details) => {
    const error = loginError(result, counters)
    expect(error.code).toBe(code)
    expect(error.details).toMatchObject(details)
    expect(error.message.length).toBeGreaterThan(20)
  })

  it('says how long the lock lasts, in minutes', () => {
    expect(loginError('3', { attemptsLeft: 0, lockSeconds: 300 }).message).toMatch(/Wait 5 minutes/)
    expect(loginError('3', { attemptsLeft: 1 }).message).toMatch(/1 attempt left/)
  })

  it('probes the login scheme from LD and sees firmware without a login at all', () => {
    expect(parseLoginProbe({ loginfo: '', LD: 'ABCDEF', psw_fail_num_str: '5', login_lock_time: '0', wa_inner_version: 'BD_MF79UV1.0.0B06', imei: '' })).toEqual({
      loggedIn: false,
      ld: 'ABCDEF',
      scheme: 'sha256',
      counters: { attemptsLeft: 5, lockSeconds: 0 },
      waInnerVersion: 'BD_MF79UV1.0.0B06',
      anonymousData: false
    })
    expect(parseLoginProbe({ loginfo: 'ok', LD: '', imei: '860000000000001' })).toMatchObject({ loggedIn: true, scheme: 'base64', anonymousData: true })
  })
})

describe('fingerprint answer', () => {
  it.each([
    [{ wa_inner_version: 'BD_MF79RUV1.0.0B02', cr_version: '', loginfo: '', modem_main_state: 'modem_init_complete', LD: '', RD: 'AB12CD34' }, { login: 'base64', writeToken: 'required', model: 'MF79RU', loginRequired: true }],
    [{ wa_inner_version: 'T-Mobile_MF61_V1.0.0B09', cr_version: '', loginfo: '', modem_main_state: 'modem_init_complete', LD: '', RD: '' }, { login: 'base64', writeToken: 'none', variant: 'base64' }],
    [{ wa_inner_version: 'MC888A_ELISA_FI_B08', cr_version: '', loginfo: '', modem_main_state: 'modem_init_complete', LD: 'AA', RD: 'BB' }, { login: 'sha256', writeToken: 'required', adScheme: 'sha256', variant: 'sha256-sha256ad' }],
    [{ wa_inner_version: 'BD_MF79UV1.0.0B06', cr_version: '', loginfo: 'ok', modem_main_state: 'modem_init_complete', LD: 'AA', RD: 'BB' }, { login: 'sha256', writeToken: 'required', loginRequired: false }]
  ])('%j → %j', (answer, expected) => {
    expect(interpretProbe('zte-goform', answer)).toMatchObject({ family: 'zte-goform', ...expected })
  })

  it.each([
    [{}],
    [{ status: 'ok' }],
    [{ wa_inner_version: 'x' }], // too few of the names asked for
    [{ wa_inner_version: '', cr_version: '', loginfo: '', modem_main_state: '', LD: '', RD: '' }], // no identifying value
    [{ wa_inner_version: 'x', cr_version: '', loginfo: '', modem_main_state: 'online', LD: '', RD: '' }] // not a modem state
  ])('%j is not a goform device', (answer) => {
    expect(interpretProbe('zte-goform', answer)).toBeNull()
  })
})
