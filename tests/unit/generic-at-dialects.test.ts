// Generic AT family: dialect selection and what each dialect makes of its vendor replies. Samples are real
// replies; each row names where it comes from:
//   §n      /work/shared/reference/device-protocols.md section n
//   MM      linux-mobile-broadband/ModemManager (plugin sources and src/plugins/*/tests)
//   CAP     public captures quoted in the AT simulator's profiles (src/simulators/at-modem/profiles/devices.ts)
import { describe, expect, it } from 'vitest'
import { base3gppDialect, huaweiDialect, quectelDialect, zteDialect } from '../../src/devices/families/generic-at/dialects'
import { CHARSET_USSD, parseCpinr } from '../../src/devices/families/generic-at/dialects/base-3gpp'
import { parseHuaweiCpin } from '../../src/devices/families/generic-at/dialects/huawei'
import { parseNwScanMode, parseQpinc, quectelSinrDb } from '../../src/devices/families/generic-at/dialects/quectel'
import type { AtDialect, SignalQuery } from '../../src/devices/families/generic-at/dialects/types'
import { parseZpinpuk } from '../../src/devices/families/generic-at/dialects/zte'
import { identityFromAti, selectDialect } from '../../src/devices/families/generic-at'

function query(dialect: AtDialect, command: string): SignalQuery {
  const found = dialect.signal.find((candidate) => candidate.command === command)
  if (!found) throw new Error(`${dialect.id} has no ${command}`)
  return found
}

describe('selectDialect (+CGMI / +CGMM)', () => {
  it.each([
    ['huawei', 'E3372', 'huawei'], // CAP: E3372 ATI "Manufacturer: huawei / Model: E3372"
    ['Huawei Technologies Co., Ltd.', 'ME909s-120', 'huawei'],
    ['ZTE INCORPORATED', 'MF833V', 'zte'], // CAP: ZTE ATI "Manufacturer: ZTE INCORPORATED"
    ['ZTE CORPORATION', 'MF626', 'zte'],
    ['Quectel', 'EC25', 'quectel'], // CAP: lukejenkins/cwd EG25-G capture "Quectel / EG25"
    ['', 'EM12', 'quectel'], // +CGMI failed: the model alone still names a Quectel module
    ['Sierra Wireless, Incorporated', 'EM7455', '3gpp'],
    ['Hotspot Desk', 'Simulated LTE Modem', '3gpp'],
    ['ZTEX Tools', 'X', '3gpp'] // "ZTE" must be a word, not a prefix of another maker
  ])('%s / %s → %s', (manufacturer, model, id) => {
    expect(selectDialect({ manufacturer, model }).id).toBe(id)
  })
})

describe('identityFromAti', () => {
  it.each([
    // CAP (E3372 ATI) and ordinary-developer/info_files dictionary/library/net/3g_config.md (ZTE MF100 ATI0)
    [['Manufacturer: huawei', 'Model: E3372', 'Revision: 21.180.01.00.00', 'IMEI: 867856037040745', '+GCAP: +CGSM,+DS,+ES'], 'huawei', 'E3372'],
    [['Manufacturer: ZTE INCORPORATED', 'Model: MF100', 'Revision: BD_BLNP671A1V1.0.0B02', 'IMEI: 12345678901234', '+GCAP: +CGSM,+FCLASS,+DS'], 'ZTE INCORPORATED', 'MF100'],
    // CAP: lukejenkins/cwd documentation/quectel_ec2x_and_eg2x/outputs.md — bare lines
    [['Quectel', 'EG25', 'Revision: EG25GGBR07A08M2G'], 'Quectel', 'EG25']
  ])('%j', (lines, manufacturer, model) => {
    expect(identityFromAti(lines)).toEqual({ manufacturer, model })
    expect(selectDialect(identityFromAti(lines)).id).not.toBe('3gpp')
  })
})

describe('3GPP base', () => {
  it('+CESQ fills the radio it is on (27.007 §8.69, 255 = not applicable)', () => {
    // LTE: rsrq 20 → −10 dB, rsrp 47 → −94 dBm.
    expect(query(base3gppDialect, 'AT+CESQ').parse(['+CESQ: 99,99,255,255,20,47'], { manufacturer: '', model: '' })).toEqual({
      ok: true,
      value: { rat: 'lte', rsrpDbm: -94, rsrqDb: -10 }
    })
    // UMTS: rscp 51 → −70 dBm, ecno 35 → −7 dB.
    expect(query(base3gppDialect, 'AT+CESQ').parse(['+CESQ: 99,99,51,35,255,255'], { manufacturer: '', model: '' })).toEqual({
      ok: true,
      value: { rat: 'umts', rscpDbm: -70, ecioDb: -7 }
    })
    expect(query(base3gppDialect, 'AT+CESQ').parse(['+CESQ: 99,99,255,255,255,255'], { manufacturer: '', model: '' })).toEqual({ ok: true, value: {} })
  })

  it('+CPINR counters (27.007 §8.65: "+CPINR: <code>,<retries>,<default retries>")', () => {
    expect(parseCpinr(['+CPINR: SIM PIN,2,3', '+CPINR: SIM PUK,10,10', '+CPINR: SIM PIN2,3,3'])).toEqual({ ok: true, value: { pin: 2, puk: 10 } })
    expect(parseCpinr(['+CPINR: SIM PIN2,3,3'])).toMatchObject({ ok: false })
  })

  it('USSD goes as text in IRA/GSM and as UCS2 hex under +CSCS="UCS2" (§4.4)', () => {
    expect(CHARSET_USSD.encode('*100#', 'IRA')).toBe('*100#')
    expect(CHARSET_USSD.encode('*100#', 'UCS2')).toBe('002A0031003000300023')
    expect(CHARSET_USSD.encode('a"b', 'IRA')).toBeNull()
    expect(CHARSET_USSD.decodeOptions('IRA')).toEqual({ charset: 'IRA', packedGsm7: false })
  })
})

describe('Huawei dialect', () => {
  const id = { manufacturer: 'huawei', model: 'E3372' }

  it.each([
    // MM src/plugins/huawei/tests/test-modem-helpers-huawei.c (^HCSQ samples)
    ['^HCSQ:"LTE",30,19,66,0', { rat: 'lte', rssiDbm: -91, rsrpDbm: -122, sinrDb: -7, rsrqDb: -20 }],
    ['^HCSQ: "WCDMA",30,30,58', { rat: 'umts', rssiDbm: -91, rscpDbm: -91, ecioDb: -3.5 }],
    ['^HCSQ: "GSM",36,255', { rat: 'gsm', rssiDbm: -85 }],
    ['^HCSQ: "NOSERVICE"', { rat: 'none' }]
  ])('%s', (line, expected) => {
    expect(query(huaweiDialect, 'AT^HCSQ?').parse([line], id)).toEqual({ ok: true, value: expected })
  })

  it('^SYSINFOEX gives the network type (§4.5 example, MM test_sysinfoex)', () => {
    const extras = huaweiDialect.registrationExtras
    expect(extras?.command).toBe('AT^SYSINFOEX')
    expect(extras?.parse(['^SYSINFOEX: 2,3,0,1,,3,"WCDMA",41,"HSPA+"'])).toEqual({ ok: true, value: { rat: 'umts', noService: false, networkType: 'HSPA+' } })
    expect(extras?.parse(['^SYSINFOEX:2,4,5,1,,3,WCDMA,41,HSPA+'])).toMatchObject({ ok: true, value: { networkType: 'HSPA+' } }) // E303: unquoted names
    expect(extras?.parse(['^SYSINFOEX: 0,0,0,255,,0,"NO SERVICE",0,"NO SERVICE"'])).toEqual({ ok: true, value: { rat: 'none', noService: true } })
  })

  it('^SYSCFGEX: reads the mode and keeps the band masks when setting one (§4.5)', () => {
    const mode = huaweiDialect.networkMode
    if (!mode) throw new Error('no network mode')
    const current = ['^SYSCFGEX: "00",3FFFFFFF,1,2,7FFFFFFFFFFFFFFF'] // §4.5 query example
    expect(mode.parse(current)).toEqual({ ok: true, value: 'auto' })
    expect(mode.parse(['^SYSCFGEX: "03",3FFFFFFF,1,2,80800C5'])).toEqual({ ok: true, value: 'lte-only' })
    expect(mode.parse(['^SYSCFGEX: "030201",3FFFFFFF,1,2,7FFFFFFFFFFFFFFF'])).toEqual({ ok: true, value: 'auto' })
    expect(mode.parse(['^SYSCFGEX: "0302",3FFFFFFF,1,2,7FFFFFFFFFFFFFFF'])).toEqual({ ok: true, value: undefined })
    // A band lock (LTE 1/3/7/8/20/28 = 80800C5) survives; roam 2 and srvdomain 4 = no change.
    expect(mode.set('lte-only', ['^SYSCFGEX: "00",3FFFFFFF,1,2,80800C5'])).toBe('AT^SYSCFGEX="03",3FFFFFFF,2,4,80800C5,,')
    expect(mode.set('auto', [])).toBe('AT^SYSCFGEX="00",40000000,2,4,7FFFFFFFFFFFFFFF,,')
  })

  it('^CPIN counters in the layout ModemManager reads ("^CPIN: <code>,[<times>],<puk>,<pin>,<puk2>,<pin2>")', () => {
    expect(parseHuaweiCpin(['^CPIN: SIM PIN,3,10,3,10,3'])).toEqual({ ok: true, value: { pin: 3, puk: 10 } })
    expect(parseHuaweiCpin(['^CPIN: READY,,10,3,10,3'])).toEqual({ ok: true, value: { pin: 3, puk: 10 } })
    expect(parseHuaweiCpin(['^CPIN: SIM PUK,9'])).toMatchObject({ ok: false, error: { kind: 'malformed' } })
  })

  it('USSD is packed GSM 7-bit hex whatever +CSCS says (§4.4: *100# → AA180C3602)', () => {
    expect(huaweiDialect.ussd.encode('*100#', 'IRA')).toBe('AA180C3602')
    expect(huaweiDialect.ussd.encode('*100#', 'UCS2')).toBe('AA180C3602')
    expect(huaweiDialect.ussd.decodeOptions('IRA')).toEqual({ charset: 'IRA', packedGsm7: true })
    expect(huaweiDialect.iccidCommands).toEqual(['AT^ICCID?'])
  })
})

describe('ZTE dialect', () => {
  it.each([
    // MM mm-broadband-modem-zte.c: 'Sample response from an MF626: +ZPAS: "GPRS/EDGE","CS_ONLY"'; §4.6
    ['+ZPAS: "GPRS/EDGE","CS_ONLY"', { rat: 'gsm', networkType: 'GPRS/EDGE', noService: false }],
    ['+ZPAS: "LTE","PS_ONLY"', { rat: 'lte', networkType: 'LTE', noService: false }],
    ['+ZPAS: "No Service"', { rat: 'none', noService: true }]
  ])('%s', (line, expected) => {
    expect(zteDialect.registrationExtras?.parse([line])).toEqual({ ok: true, value: expected })
  })

  it('+ZSNT reads and sets the mode (§4.6: cm_mode 0 auto, 1 GSM, 2 WCDMA, 6 LTE)', () => {
    const mode = zteDialect.networkMode
    if (!mode) throw new Error('no network mode')
    expect(mode.parse(['+ZSNT: 6,0,0'])).toEqual({ ok: true, value: 'lte-only' })
    expect(mode.parse(['+ZSNT: 0,0,0'])).toEqual({ ok: true, value: 'auto' })
    expect(mode.set('umts-only', [])).toBe('AT+ZSNT=2,0,0')
    expect(mode.set('auto', [])).toBe('AT+ZSNT=0,0,0')
  })

  it('+ZPINPUK=? counters (§4.6: "+ZPINPUK: <pin>,<puk>")', () => {
    expect(parseZpinpuk(['+ZPINPUK: 3,10'])).toEqual({ ok: true, value: { pin: 3, puk: 10 } })
    expect(parseZpinpuk(['+ZPINPUK: 3'])).toMatchObject({ ok: false })
  })

  it('ICCID via +ZICCID? then +ZGETICCID, and reads +CPMS? at open to stop the +ZUSIMR flood (§4.6)', () => {
    expect(zteDialect.iccidCommands).toEqual(['AT+ZICCID?', 'AT+ZGETICCID'])
    expect(zteDialect.openCommands).toEqual(['AT+CPMS?'])
  })
})

describe('Quectel dialect', () => {
  const ec25 = { manufacturer: 'Quectel', model: 'EC25' }
  const em12 = { manufacturer: 'Quectel', model: 'EM12' }
  // §4.7 example (openqti cell.h sample)
  const servingCell = '+QENG: "servingcell","NOCONN","LTE","FDD",214,01,7676A09,188,6300,20,3,3,603,-104,-9,-78,11,23'

  it('+QENG="servingcell" LTE: levels, band, cell (§4.7)', () => {
    expect(query(quectelDialect, 'AT+QENG="servingcell"').parse([servingCell], em12)).toEqual({
      ok: true,
      value: { rat: 'lte', networkType: 'LTE', rsrpDbm: -104, rsrqDb: -9, rssiDbm: -78, sinrDb: 11, band: 'B20', cellId: '7676A09', pci: 188 }
    })
  })

  it('SINR is in 1/5 dB from −20 on EC2x +QENG and on every +QCSQ, in dB on EM/RM modules', () => {
    expect(query(quectelDialect, 'AT+QENG="servingcell"').parse([servingCell], ec25)).toMatchObject({ ok: true, value: { sinrDb: -17.8 } })
    expect(quectelSinrDb(150, 'qcsq', 'EM12')).toBe(10) // CAP "+QCSQ: "LTE",-69,-102,150,-12" → 10 dB
    expect(quectelSinrDb(15, 'qeng', 'RM520N-GL')).toBe(15)
  })

  it('+QENG EN-DC (NSA): the LTE anchor carries the cell, the NR leg adds its band (Quectel 5G manual sample)', () => {
    const lines = [
      '+QENG: "servingcell","NOCONN"',
      '+QENG: "LTE","FDD",216,30,30603,256,1500,3,5,5,4BB,-82,-9,-52,19,15,-190,-',
      '+QENG: "NR5G-NSA",216,30,954,-91,14,-10,638784,78,12,1'
    ]
    expect(query(quectelDialect, 'AT+QENG="servingcell"').parse(lines, { manufacturer: 'Quectel', model: 'RM500Q-GL' })).toEqual({
      ok: true,
      value: { rat: 'nr', networkType: '5G NSA', rsrpDbm: -82, rsrqDb: -9, rssiDbm: -52, sinrDb: 19, band: 'B3 + n78', cellId: '30603', pci: 256 }
    })
  })

  it('+QCSQ is the fallback when +QENG gives no levels', () => {
    const qcsq = query(quectelDialect, 'AT+QCSQ')
    expect(qcsq.onlyIfMissing).toBe(true)
    expect(qcsq.parse(['+QCSQ: "LTE",-69,-102,150,-12'], ec25)).toEqual({ ok: true, value: { rat: 'lte', rssiDbm: -69, rsrpDbm: -102, rsrqDb: -12, sinrDb: 10 } })
    expect(qcsq.parse(['+QCSQ: "WCDMA",-79,-83,-4'], ec25)).toEqual({ ok: true, value: { rat: 'umts', rssiDbm: -79, rscpDbm: -83, ecioDb: -4 } })
  })

  it('+QPINC "SC" counters and +QCFG="nwscanmode" (CAP "+QPINC: "SC",<pin>,<puk>")', () => {
    expect(parseQpinc(['+QPINC: "SC",3,10', '+QPINC: "P2",3,10'])).toEqual({ ok: true, value: { pin: 3, puk: 10 } })
    expect(parseQpinc(['+QPINC: "P2",3,10'])).toMatchObject({ ok: false, error: { kind: 'missing' } })
    expect(parseNwScanMode(['+QCFG: "nwscanmode",3'])).toEqual({ ok: true, value: 'lte-only' })
    expect(parseNwScanMode(['+QCFG: "nwscanmode",9'])).toEqual({ ok: true, value: undefined })
    expect(quectelDialect.networkMode?.set('auto', [])).toBe('AT+QCFG="nwscanmode",0,1')
  })
})

describe('every dialect', () => {
  it.each([base3gppDialect, huaweiDialect, zteDialect, quectelDialect])('$id uses context 1 for data and offers the full set', (dialect) => {
    expect(dialect.dataCid).toBe(1)
    expect(dialect.capabilities).toEqual(expect.arrayContaining(['apnRead', 'apnWrite', 'ussd', 'sms', 'pinUnlock', 'dataSwitch']))
  })
})
