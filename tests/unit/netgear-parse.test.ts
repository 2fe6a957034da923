// Pure Netgear parsers and the reading assembler, on real values.
// Sources: LM1200 = home-assistant/core tests/components/netgear_lte/fixtures/model.json (a full model.json, values
// anonymised by HA); eternalegypt = amelchio/eternalegypt eternalegypt/eternalegypt.py (its SMS comment sample and
// the MR1100 month-first rule); reference = reference/device-protocols.md §3.2; MR1100 = the field set read by
// decrypted/netgear-mr1100-monitor and an indexed MR1100 test fixture (deviceName "Nighthawk M1", "LTE B3").
import { describe, expect, it } from 'vitest'
import { parseModelDocument } from '../../src/devices/families/netgear/document'
import type { JsonObject } from '../../src/devices/families/netgear/json'
import {
  authTypeToDevice,
  monthFirstModel,
  parseAuthType,
  parseBars,
  parseConnection,
  parsePdpType,
  parsePhoneNumber,
  parsePlmn,
  parsePowerLevel,
  parseProfileList,
  parseRadioTechnology,
  parseRatio,
  parseRegistration,
  parseRxTime,
  parseSimStatus
} from '../../src/devices/families/netgear/parse'
import { buildReading, parseSmsList } from '../../src/devices/families/netgear/reading'

/** The LM1200 sample, reduced to the groups a reading uses (values exactly as in the HA fixture). */
const LM1200: JsonObject = {
  sim: {
    pin: { mode: 'Disabled', retry: 3, end: '' },
    puk: { retry: 10 },
    mep: {},
    phoneNumber: '(555) 555-5555',
    iccid: '1234567890123456789',
    imsi: '123456789012345',
    SPN: '',
    status: 'Ready',
    end: ''
  },
  sms: {
    ready: true,
    unreadMsgs: 1,
    msgCount: 1,
    msgs: [{ id: '1', rxTime: '20/01/23 03:39:35 PM', text: 'text', sender: '889', read: false }, {}],
    sendMsg: [
      { clientId: 'eternalegypt.eternalegypt', enc: 'Gsm7Bit', errorCode: 0, msgId: 1, receiver: '+15555555555', status: 'Succeeded', text: 'test SMS from Home Assistant', txTime: '1367252824' },
      {}
    ],
    end: ''
  },
  session: { userRole: 'Admin', lang: 'en', secToken: 'secret' },
  general: {
    manufacturer: 'Netgear',
    model: 'LM1200',
    HWversion: '1.0',
    FWversion: 'EC25AFFDR07A09M4G',
    appVersion: 'NTG9X07C_20.06.09.00',
    IMEI: '123456789012345',
    FSN: 'FFFFFFFFFFFFF',
    currTime: 1367257216,
    timeZoneOffset: -14400,
    deviceName: 'LM1200',
    companyName: 'NETGEAR'
  },
  power: { PMState: 'Init', SmState: 'Online', deviceTempCritical: false, resetreason: 16, lpm: false, end: '' },
  wwan: {
    netScanStatus: 'NotStarted',
    inactivityCause: 307,
    currentNWserviceType: 'LteService',
    registerRejectCode: 0,
    IPv6: '1234:abcd::1234:abcd',
    roaming: false,
    IP: '10.0.0.5',
    registerNetworkDisplay: 'T-Mobile',
    RAT: 'Only4G',
    autoconnect: 'HomeNetwork',
    profileList: [
      { index: 1, id: 'T-Mobile 9', name: 'T Mobile', apn: 'fast.t-mobile.com', username: '', password: '', authtype: 'None', ipaddr: '0.0.0.0', type: 'IPV4V6', pdproamingtype: 'IPV4' },
      { index: 2, id: 'Mint', name: 'Mint', apn: 'wholesale', username: '', password: '', authtype: 'None', ipaddr: '0.0.0.0', type: 'IPV4V6', pdproamingtype: 'IPV4' },
      {}
    ],
    profile: { default: 'T-Mobile 9', defaultLTE: 'T-Mobile 9', full: false, promptForApnSelection: false, end: '' },
    dataUsage: {
      total: { lteBillingTx: 0, lteBillingRx: 0, cdmaBillingTx: 0, cdmaBillingRx: 0, gwBillingTx: 0, gwBillingRx: 0, lteLifeTx: 0, lteLifeRx: 0, end: '' },
      generic: {
        dataLimitValid: false,
        usageHighWarning: 80,
        billingDay: 1,
        nextBillingDate: '1369627200',
        billingCycleRemainder: 27,
        billingCycleLimit: 0,
        dataTransferred: 42484315,
        dataTransferredRoaming: 0,
        lastReset: '1366948800',
        end: ''
      }
    },
    connection: 'Connected',
    connectionType: 'IPv4AndIPv6',
    currentPSserviceType: 'LTE',
    connectionText: '4G',
    sessDuration: 4282,
    sessStartTime: 1367252934,
    dataTransferred: { totalb: '345036', rxb: '184700', txb: '160336' },
    signalStrength: { rssi: 0, rscp: 0, ecio: 0, rsrp: -113, rsrq: -20, bars: 2, sinr: 0, end: '' }
  },
  wwanadv: { curBand: 'LTE B4', radioQuality: 52, country: 'USA', RAC: 0, LAC: 12345, MCC: '123', MNC: '456', MNCFmt: 3, cellId: 12345678, chanId: 2300, primScode: -1, txLevel: 4, rxLevel: -113, end: '' },
  wifi: { enabled: true, SSID: '', clientCount: 0, end: '' },
  router: { clientList: { list: [{}], count: 0 }, end: '' }
}

describe('parseModelDocument (reference §3.1)', () => {
  it('reads token, role and model from the LM1200 sample', () => {
    const result = parseModelDocument(JSON.stringify(LM1200))
    expect(result.ok).toBe(true)
    if (result.ok && result.document.kind === 'model') {
      expect(result.document).toMatchObject({ token: 'secret', role: 'admin', modelName: 'LM1200' })
    }
  })

  it.each([
    ['guest', '{"session": {"userRole": "Guest", "secToken": "abc"}, "general": {"model": "MR1100"}}', { kind: 'model', role: 'guest', token: 'abc', modelName: 'MR1100' }],
    ['no role', '{"general": {"model": "AC800S"}}', { kind: 'model', role: 'unknown', modelName: 'AC800S' }],
    ['login page (decrypted/netgear-mr1100-monitor)', '<!DOCTYPE html><html><body>login</body></html>', { kind: 'login-page' }],
    ['BOM + JSON', '\ufeff{"session": {"secToken": "x"}}', { kind: 'model', token: 'x' }]
  ])('%s', (_name, body, expected) => {
    const result = parseModelDocument(body)
    expect(result).toMatchObject({ ok: true, document: expected })
  })

  it.each([
    ['', 'empty'],
    ['{"session": {"secToken": "abc"', 'json-error'],
    ['[1,2]', 'not-object'],
    ['{"statusData": {}}', 'not-netgear'],
    ['null', 'not-object']
  ])('%j is an error value (%s)', (body, kind) => {
    expect(parseModelDocument(body)).toMatchObject({ ok: false, error: { kind } })
  })
})

describe('signal values', () => {
  it.each([
    [-113, -113], // LM1200 rsrp
    ['-95', -95],
    [0, undefined], // LM1200 rssi/rscp while on LTE: not measured
    [-32768, undefined], // sentinel on newer firmware [R]
    [5, undefined],
    [undefined, undefined],
    ['', undefined]
  ])('parsePowerLevel(%j) = %j', (input, expected) => {
    expect(parsePowerLevel(input, 'rsrp')).toEqual({ ok: true, value: expected })
  })

  it.each([
    [-20, -20], // LM1200 rsrq
    [0, 0], // LM1200 sinr: 0 dB is a real SINR
    [13.5, 13.5],
    ['-11', -11],
    [-32768, undefined]
  ])('parseRatio(%j) = %j', (input, expected) => {
    expect(parseRatio(input, 'sinr')).toEqual({ ok: true, value: expected })
  })

  it.each([['abc'], [true], [{}]])('%j is an error value, not an exception', (input) => {
    expect(parsePowerLevel(input as never, 'rsrp')).toMatchObject({ ok: false, error: { kind: 'field-error', field: 'rsrp' } })
  })

  it.each([
    [2, 2],
    ['4', 4],
    [7, 5]
  ])('parseBars(%j) = %j', (input, expected) => {
    expect(parseBars(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['LteService', 'LTE', { rat: 'lte', label: 'LTE' }], // LM1200
    ['Nr5gService', '5GSUB6', { rat: 'nr', label: '5GSUB6' }], // reference §3.2
    ['NoService', 'NoService', { rat: 'none' }],
    [undefined, 'LTE', { rat: 'lte', label: 'LTE' }],
    ['SomethingNew', undefined, { rat: 'unknown' }]
  ])('parseRadioTechnology(%j, %j)', (nw, ps, expected) => {
    expect(parseRadioTechnology(nw, ps)).toEqual({ ok: true, value: expected })
  })
})

describe('states', () => {
  it.each([
    ['Connected', 'connected'], // LM1200, eternalegypt
    ['Disconnected', 'disconnected'],
    ['Connecting', 'connecting'],
    ['Disconnecting', 'disconnecting'],
    ['Weird', 'unknown']
  ])('parseConnection(%j) = %j', (input, expected) => {
    expect(parseConnection(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['Ready', 'ready'], // LM1200
    ['Locked', 'pin-required'], // reference §3.2
    ['Blocked', 'puk-required'], // [R]
    ['NoSIM', 'absent'],
    ['Not Inserted', 'absent'],
    ['Busy', 'unknown']
  ])('parseSimStatus(%j) = %j', (input, expected) => {
    expect(parseSimStatus(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['(555) 555-5555', '(555) 555-5555'], // LM1200
    ['+12065550143', '+12065550143'],
    ['', undefined],
    ['Unknown', undefined],
    ['000-000-0000', undefined],
    ['call me', undefined]
  ])('parsePhoneNumber(%j) = %j', (input, expected) => {
    expect(parsePhoneNumber(input)).toBe(expected)
  })

  it.each([
    ['123', '456', 3, '123456'], // LM1200
    ['310', '260', 3, '310260'],
    ['262', '1', 2, '26201'],
    ['440', '10', undefined, '44010'],
    ['', '', 3, undefined]
  ])('parsePlmn(%j, %j, %j) = %j', (mcc, mnc, format, expected) => {
    expect(parsePlmn(mcc, mnc, format)).toEqual({ ok: true, value: expected })
  })

  it('parsePlmn rejects non-digits', () => {
    expect(parsePlmn('3a0', '260', 3).ok).toBe(false)
  })

  it.each([
    [{ serviceType: 'LteService', network: 'T-Mobile', roaming: false, rejectCode: 0 }, { state: 'home' }],
    [{ serviceType: 'LteService', network: 'Vodafone', roaming: true, rejectCode: 0 }, { state: 'roaming' }],
    [{ serviceType: 'NoService', network: '', roaming: false, rejectCode: 0 }, { state: 'searching' }],
    [{ serviceType: 'NoService', network: '', roaming: false, rejectCode: 15 }, { state: 'denied', rejectCause: 'reject cause 15' }]
  ])('parseRegistration %#', (input, expected) => {
    expect(parseRegistration(input)).toEqual({ ok: true, value: expected })
  })
})

describe('parseRxTime (reference §3.2, eternalegypt)', () => {
  it.each([
    // eternalegypt's comment sample, day-first model: 11 March 2018.
    ['11/03/18 08:18:11 PM', { monthFirst: false }, '2018-03-11T20:18:11'],
    // LM1200 sample with its general.timeZoneOffset (-14400 s).
    ['20/01/23 03:39:35 PM', { monthFirst: false, timeZoneOffsetSeconds: -14400 }, '2023-01-20T15:39:35-04:00'],
    // MR1100: month first.
    ['05/20/25 11:59:02 AM', { monthFirst: true, timeZoneOffsetSeconds: -25200 }, '2025-05-20T11:59:02-07:00'],
    ['05/20/25 12:00:00 AM', { monthFirst: true }, '2025-05-20T00:00:00'],
    ['05/20/25 12:30:00 PM', { monthFirst: true }, '2025-05-20T12:30:00'],
    // A date that only makes sense the other way round is read that way.
    ['25/12/24 09:00:00 AM', { monthFirst: true }, '2024-12-25T09:00:00'],
    // Epoch seconds on some models.
    [1367252824, { monthFirst: false }, '2013-04-29T16:27:04Z'],
    ['1367252824', { monthFirst: false }, '2013-04-29T16:27:04Z'],
    ['', { monthFirst: false }, undefined]
  ])('%j', (input, context, expected) => {
    expect(parseRxTime(input, context)).toEqual({ ok: true, value: expected })
  })

  it.each([['13/13/24 01:00:00 PM'], ['yesterday'], ['02/30/24 10:00:00 AM'], ['01/02/24 13:00:00 PM']])('%j is an error value', (input) => {
    expect(parseRxTime(input, { monthFirst: true }).ok).toBe(false)
  })

  it('MR1100 is month-first, the rest day-first (eternalegypt mdy_models)', () => {
    expect(monthFirstModel('MR1100')).toBe(true)
    expect(monthFirstModel('LM1200')).toBe(false)
    expect(monthFirstModel(undefined)).toBe(false)
  })
})

describe('APN profiles (LM1200 sample, reference §3.1)', () => {
  it('lists the profiles and marks wwan.profile.default', () => {
    const result = parseProfileList(LM1200)
    expect(result.ok).toBe(true)
    if (!result.ok || !result.value) return
    expect(result.value.issues).toEqual([])
    expect(result.value.profiles).toEqual([
      { id: 'T-Mobile 9', name: 'T Mobile', apn: 'fast.t-mobile.com', auth: 'none', pdpType: 'ipv4v6', isDefault: true, index: 1, roamingType: 'IPV4' },
      { id: 'Mint', name: 'Mint', apn: 'wholesale', auth: 'none', pdpType: 'ipv4v6', isDefault: false, index: 2, roamingType: 'IPV4' }
    ])
  })

  it('is absent (not an error) on firmware without profileList', () => {
    expect(parseProfileList({ wwan: { connection: 'Connected' } })).toEqual({ ok: true, value: undefined })
  })

  it('reports an unreadable entry and keeps the others', () => {
    const model: JsonObject = { wwan: { profileList: [{ index: 1, id: 'A', name: 'A', apn: 'a', authtype: 'Kerberos' }, { index: 2, id: 'B', name: 'B', apn: 'b' }, 'junk', {}] } }
    const result = parseProfileList(model)
    if (!result.ok || !result.value) throw new Error('expected a list')
    expect(result.value.profiles.map((profile) => profile.id)).toEqual(['B'])
    expect(result.value.issues).toHaveLength(2)
  })

  it.each([
    ['None', 'none'],
    ['PAP', 'pap'],
    ['CHAP', 'chap'],
    ['PAPCHAP', 'pap-or-chap'],
    ['PAP or CHAP', 'pap-or-chap'],
    ['', 'none']
  ])('parseAuthType(%j) = %j', (input, expected) => {
    expect(parseAuthType(input)).toEqual({ ok: true, value: expected })
  })

  it('authtype round-trips', () => {
    for (const auth of ['none', 'pap', 'chap', 'pap-or-chap'] as const) expect(parseAuthType(authTypeToDevice(auth))).toEqual({ ok: true, value: auth })
  })

  it.each([
    ['IPV4V6', 'ipv4v6'],
    ['IPV4', 'ipv4'],
    ['IPV6', 'ipv6'],
    ['IPv4v6', 'ipv4v6']
  ])('parsePdpType(%j) = %j', (input, expected) => {
    expect(parsePdpType(input)).toEqual({ ok: true, value: expected })
  })
})

describe('buildReading', () => {
  it('fills the normalized model from the LM1200 sample', () => {
    const result = buildReading(LM1200)
    if (!result.ok) throw new Error(result.error.message)
    expect(result.issues).toEqual([])
    expect(result.reading).toEqual({
      identity: { manufacturer: 'Netgear', model: 'LM1200', firmware: 'EC25AFFDR07A09M4G', hardware: '1.0', imei: '123456789012345', serialNumber: 'FFFFFFFFFFFFF' },
      sim: {
        state: 'ready',
        iccid: '1234567890123456789',
        imsi: '123456789012345',
        msisdn: '(555) 555-5555',
        msisdnSource: 'device',
        pinAttemptsLeft: 3,
        pukAttemptsLeft: 10
      },
      // rssi 0 = not measured; sinr 0 dB kept; primScode -1 = no PCI.
      signal: { bars: 2, rat: 'lte', networkType: '4G', rsrpDbm: -113, sinrDb: 0, rsrqDb: -20, band: 'LTE B4', cellId: '12345678' },
      registration: { state: 'home', operatorName: 'T-Mobile', plmn: '123456' },
      data: { state: 'connected', ipv4: '10.0.0.5', ipv6: '1234:abcd::1234:abcd' },
      // dataLimitValid false: no limit. Session counters from wwan.dataTransferred {rxb, txb}.
      usage: { sessionDownloadBytes: 184700, sessionUploadBytes: 160336, sessionSeconds: 4282, monthDownloadBytes: 0, monthUploadBytes: 0, billingDay: 1 },
      wifiClients: 0
    })
  })

  it('reads the MR1100 fields (dataTransferredRx/Tx strings, battery, pci)', () => {
    const model: JsonObject = {
      general: { companyName: 'NETGEAR', deviceName: 'Nighthawk M1', model: 'MR1100', FWversion: 'NTG9X50C_12.06.12.00', upTime: 43201 },
      wwan: {
        connection: 'Connected',
        currentNWserviceType: 'LteService',
        registerNetworkDisplay: 'MTN-NG',
        signalStrength: { rssi: -72, rscp: 0, ecio: 0, rsrp: -108, rsrq: -17, bars: 3, sinr: -6 },
        dataTransferredRx: '1234567',
        dataTransferredTx: '234567',
        sessDuration: 600
      },
      wwanadv: { curBand: 'LTE B3', pci: 358, cellId: 20915457, radioQuality: 48 },
      power: { battChargeLevel: 64, battChargeSource: 'USB', batteryState: 'Normal' }
    }
    const result = buildReading(model)
    if (!result.ok) throw new Error(result.error.message)
    expect(result.reading.identity).toEqual({ manufacturer: 'NETGEAR', model: 'MR1100', firmware: 'NTG9X50C_12.06.12.00' })
    expect(result.reading.signal).toEqual({ bars: 3, rat: 'lte', rssiDbm: -72, rsrpDbm: -108, sinrDb: -6, rsrqDb: -17, band: 'LTE B3', cellId: '20915457', pci: 358 })
    expect(result.reading.usage).toEqual({ sessionDownloadBytes: 1234567, sessionUploadBytes: 234567, sessionSeconds: 600 })
    expect(result.reading.battery).toEqual({ percent: 64, charging: true, low: false })
    expect(result.reading.sim).toEqual({ state: 'unknown' })
  })

  it('leaves the battery out on LB/LM units (batteryState NoBattery, reference §3.2)', () => {
    const result = buildReading({ general: { model: 'LB2120' }, power: { batteryState: 'NoBattery', battChargeLevel: 0 } })
    expect(result.ok && result.reading.battery).toBeUndefined()
  })

  it('says why data is down when the device meter hit its limit', () => {
    const model: JsonObject = {
      wwan: {
        connection: 'Disconnected',
        dataUsage: { generic: { dataLimitValid: true, billingCycleLimit: 1000, dataTransferred: 1500, billingDay: 3 } }
      }
    }
    const result = buildReading(model)
    if (!result.ok) throw new Error('no reading')
    expect(result.reading.data).toEqual({ state: 'disconnected', failureReason: 'the monthly data limit set on the device has been used up' })
    expect(result.reading.usage).toEqual({ monthLimitBytes: 1000, billingDay: 3 })
  })

  it('no service: no bars, searching', () => {
    const model: JsonObject = {
      sim: { status: 'Ready' },
      wwan: { currentNWserviceType: 'NoService', registerNetworkDisplay: '', connection: 'Disconnected', signalStrength: { rsrp: 0, bars: 0 } }
    }
    const result = buildReading(model)
    if (!result.ok) throw new Error('no reading')
    expect(result.reading.signal).toEqual({ bars: 0, rat: 'none' })
    expect(result.reading.registration).toEqual({ state: 'searching' })
  })

  it('a locked SIM is not registered', () => {
    const result = buildReading({ sim: { status: 'Locked', iccid: '' }, wwan: { currentNWserviceType: 'NoService' } })
    expect(result.ok && result.reading.registration).toEqual({ state: 'not-registered' })
    expect(result.ok && result.reading.sim).toEqual({ state: 'pin-required' })
  })

  it('reports an odd value and keeps the rest', () => {
    const result = buildReading({ ...LM1200, wwan: { ...(LM1200.wwan as JsonObject), sessDuration: 'soon' } })
    if (!result.ok) throw new Error('no reading')
    expect(result.issues.map((issue) => issue.field)).toEqual(['wwan.sessDuration'])
    expect(result.reading.usage.sessionSeconds).toBeUndefined()
    expect(result.reading.usage.sessionDownloadBytes).toBe(184700)
  })

  it('a model without general, sim or wwan is no reading', () => {
    expect(buildReading({ session: { secToken: 'x' } })).toMatchObject({ ok: false, error: { kind: 'no-data' } })
  })
})

describe('parseSmsList', () => {
  it('reads the LM1200 inbox (padding object skipped, local time with the device offset)', () => {
    expect(parseSmsList(LM1200)).toEqual({
      messages: [{ id: '1', from: '889', text: 'text', receivedAt: '2023-01-20T15:39:35-04:00', read: false }],
      issues: []
    })
  })

  it('sorts by id and reports a bad time without dropping the message', () => {
    const model: JsonObject = {
      general: { model: 'MR1100' },
      sms: {
        msgs: [
          { id: '10', rxTime: '03/11/18 08:18:11 PM', text: 'b', sender: '555-987-654', read: true },
          { id: '6', rxTime: 'garbage', text: 'a', sender: '555-987-654', read: false },
          { rxTime: '03/11/18 08:18:11 PM', text: 'no id' },
          {}
        ]
      }
    }
    const result = parseSmsList(model)
    expect(result?.messages.map((message) => [message.id, message.receivedAt])).toEqual([
      ['6', ''],
      ['10', '2018-03-11T20:18:11']
    ])
    expect(result?.issues.map((issue) => issue.field)).toEqual(['rxTime', 'sms.msgs[].id'])
  })

  it('is undefined on firmware without sms.msgs', () => {
    expect(parseSmsList({ sms: { ready: true } })).toBeUndefined()
  })
})
