// Vendor parsers. Huawei samples: ModemManager src/plugins/huawei/tests/test-modem-helpers-huawei.c (MM-Huawei)
// and device-protocols.md §4.5. ZTE: ModemManager src/plugins/zte/mm-broadband-modem-zte.c and §4.6. Quectel:
// §4.7, Quectel's worked examples as quoted in public code, and rows built on the field layout read by
// Siriling/5G-Modem-Support luci-app-modem/root/usr/share/modem/quectel.sh (marked "layout").
import { describe, expect, it } from 'vitest'
import { bandsFromMask, parseHcsq, parseSyscfgEx, parseSysinfoEx } from '../../src/devices/at/parsers/huawei'
import { parseQcsq, parseQengServingCell } from '../../src/devices/at/parsers/quectel'
import { parseZpas, parseZsnt } from '../../src/devices/at/parsers/zte'

describe('parseSysinfoEx', () => {
  it.each([
    // MM-Huawei sysinfoex_tests[]
    ['^SYSINFOEX:2,4,5,1,,3,WCDMA,41,HSPA+', { serviceStatus: 2, serviceDomain: 4, roaming: false, simState: 1, sysMode: 3, sysModeName: 'WCDMA', subMode: 41, subModeName: 'HSPA+', rat: 'umts' }],
    ['^SYSINFOEX:2,4,5,1,,3,"WCDMA",41,"HSPA+"', { sysMode: 3, subMode: 41, subModeName: 'HSPA+' }],
    ['^SYSINFOEX: 2,4,5,1,0,3,"WCDMA",41,"HSPA+"', { serviceDomain: 4, sysMode: 3 }],
    // device-protocols.md §4.5 example
    ['^SYSINFOEX: 2,3,0,1,,3,"WCDMA",41,"HSPA+"', { serviceDomain: 3, roaming: false, rat: 'umts' }],
    ['^SYSINFOEX: 2,3,1,1,,6,"LTE",101,"LTE"', { roaming: true, sysMode: 6, rat: 'lte' }],
    ['^SYSINFOEX: 0,0,0,255,,0,"NO SERVICE",0,"NO SERVICE"', { serviceStatus: 0, simState: 255, rat: 'none' }]
  ])('%s', (line, expected) => {
    expect(parseSysinfoEx([line])).toMatchObject({ ok: true, value: expected })
  })

  it('needs the numeric fields', () => {
    expect(parseSysinfoEx('^SYSINFOEX: 2,3')).toMatchObject({ ok: false, error: { kind: 'malformed' } })
  })
})

describe('parseHcsq', () => {
  it.each([
    // MM-Huawei hcsq_tests[]; dBm via MM's get_rssi_dbm/get_rsrp_dbm/get_sinr_db/get_rsrq_db.
    ['^HCSQ:"LTE",30,19,66,0', { sysMode: 'LTE', rat: 'lte', values: [30, 19, 66, 0], rssiDbm: -91, rsrpDbm: -122, sinrDb: -7, rsrqDb: -20 }],
    ['^HCSQ: "WCDMA",30,30,58', { sysMode: 'WCDMA', rat: 'umts', rssiDbm: -91, rscpDbm: -91, ecioDb: -3.5 }],
    ['^HCSQ: "GSM",36,255', { sysMode: 'GSM', rat: 'gsm', rssiDbm: -85 }],
    ['^HCSQ: LTE,33,40,135,11', { rssiDbm: -88, rsrpDbm: -101, sinrDb: 6.8, rsrqDb: -14.5 }],
    ['^HCSQ: "NOSERVICE"', { sysMode: 'NOSERVICE', rat: 'none', values: [] }],
    ['^HCSQ: NOSERVICE', { sysMode: 'NOSERVICE', rat: 'none' }]
  ])('%s', (line, expected) => {
    expect(parseHcsq([line])).toMatchObject({ ok: true, value: expected })
  })

  it('255 means not available', () => {
    const result = parseHcsq('^HCSQ:"LTE",255,255,255,255')
    expect(result.ok && [result.value.rssiDbm, result.value.rsrpDbm, result.value.sinrDb, result.value.rsrqDb]).toEqual([undefined, undefined, undefined, undefined])
  })

  it('rejects junk values', () => {
    expect(parseHcsq('^HCSQ:"LTE",x,1')).toMatchObject({ ok: false, error: { kind: 'malformed' } })
  })
})

describe('parseSyscfgEx', () => {
  it.each([
    // MM-Huawei syscfgex response tests; device-protocols.md §4.5
    ['^SYSCFGEX: "00",3FFFFFFF,1,2,7FFFFFFFFFFFFFFF', { acqOrder: '00', modes: ['auto'], band: '3FFFFFFF', roam: 1, srvDomain: 2, lteBand: '7FFFFFFFFFFFFFFF' }],
    ['^SYSCFGEX: "03",3FFFFFFF,1,2,7FFFFFFFFFFFFFFF', { modes: ['lte'] }],
    ['^SYSCFGEX: "0201",3fffffff,1,2,', { acqOrder: '0201', modes: ['wcdma', 'gsm'], band: '3FFFFFFF' }],
    ['^SYSCFGEX: "030201",3FFFFFFF,2,4,80800C5', { modes: ['lte', 'wcdma', 'gsm'], lteBands: [1, 3, 7, 8, 20, 28] }]
  ])('%s', (line, expected) => {
    expect(parseSyscfgEx([line])).toMatchObject({ ok: true, value: expected })
  })

  it('all LTE bands, and no lteBand on 3G firmware', () => {
    const all = parseSyscfgEx('^SYSCFGEX: "00",3FFFFFFF,1,2,7FFFFFFFFFFFFFFF')
    expect(all.ok && all.value.lteBands).toHaveLength(63)
    const threeG = parseSyscfgEx('^SYSCFGEX: "00",3fffffff,1,2,')
    expect(threeG.ok && threeG.value.lteBand).toBeUndefined()
    expect(bandsFromMask('zz')).toEqual([])
  })

  it('the =? option list is not a setting', () => {
    expect(parseSyscfgEx('^SYSCFGEX: ("00","03","02","01","99"),((2000004e80380,"GSM850/GSM900")),(0-3),(0-4),((1a,"LTE_B1/LTE_B2")),,')).toMatchObject({
      ok: false,
      error: { kind: 'unsupported' }
    })
  })
})

describe('ZTE', () => {
  it.each([
    // mm-broadband-modem-zte.c: 'Sample response from an MF626: +ZPAS: "GPRS/EDGE","CS_ONLY"'
    ['+ZPAS: "GPRS/EDGE","CS_ONLY"', { networkType: 'GPRS/EDGE', domain: 'CS_ONLY', rat: 'gsm' }],
    // device-protocols.md §4.6 examples
    ['+ZPAS: "LTE","PS_ONLY"', { networkType: 'LTE', domain: 'PS_ONLY', rat: 'lte' }],
    ['+ZPAS: "No Service"', { networkType: 'No Service', rat: 'none' }],
    ['+ZPAS: "HSPA+","CS_PS"', { rat: 'umts' }]
  ])('%s', (line, expected) => {
    expect(parseZpas([line])).toMatchObject({ ok: true, value: expected })
  })

  it.each([
    // Values per mm-broadband-modem-zte.c (cm_mode 0/1/2/6, pref_acq 0–2) and §4.6.
    ['+ZSNT: 0,0,0', { cmMode: 0, mode: 'auto', netSelMode: 0, prefAcq: 0, preference: 'auto' }],
    ['+ZSNT: 6,0,0', { mode: 'lte-only' }],
    ['+ZSNT: 0,0,2', { preference: 'wcdma-preferred' }]
  ])('%s', (line, expected) => {
    expect(parseZsnt([line])).toMatchObject({ ok: true, value: expected })
  })

  it('undocumented ZSNT values are out of range', () => {
    expect(parseZsnt('+ZSNT: 4,0,0')).toMatchObject({ ok: false, error: { kind: 'out-of-range' } })
    expect(parseZsnt('+ZSNT: 1,0')).toMatchObject({ ok: false, error: { kind: 'malformed' } })
  })
})

describe('parseQengServingCell', () => {
  it('LTE (device-protocols.md §4.7 example, also in openqti cell.h)', () => {
    const line = '+QENG: "servingcell","NOCONN","LTE","FDD",214,01,7676A09,188,6300,20,3,3,603,-104,-9,-78,11,23'
    expect(parseQengServingCell([line])).toEqual({
      ok: true,
      value: {
        state: 'NOCONN',
        mode: 'LTE',
        rat: 'lte',
        lte: {
          duplex: 'FDD',
          mcc: 214,
          mnc: '01',
          cellId: '7676A09',
          pci: 188,
          earfcn: 6300,
          band: 20,
          ulBandwidth: 3,
          dlBandwidth: 3,
          tac: '603',
          rsrpDbm: -104,
          rsrqDb: -9,
          rssiDbm: -78,
          sinrRaw: 11,
          cqi: 23
        }
      }
    })
  })

  it('EN-DC: "servingcell" state line, an LTE line and an NR5G-NSA line', () => {
    // LTE + NSA rows as quoted from a public RM5xx monitoring script; the NSA row format and the worked
    // example "+QENG:"NR5G-NSA",460,01,747,-71,13,-11,627264,78,12,1" are from Quectel's 5G Network
    // Searching Scheme Introduction (as quoted in public code).
    const reply = [
      '+QENG: "servingcell","NOCONN"',
      '+QENG: "LTE","FDD",216,30,30603,256,1500,3,5,5,4BB,-82,-9,-52,19,15,-190,-',
      '+QENG: "NR5G-NSA",216,30,954,-91,14,-10,638784,78,12,1',
      'OK'
    ]
    expect(parseQengServingCell(reply)).toEqual({
      ok: true,
      value: {
        state: 'NOCONN',
        mode: 'NR5G-NSA',
        rat: 'nr',
        lte: { duplex: 'FDD', mcc: 216, mnc: '30', cellId: '30603', pci: 256, earfcn: 1500, band: 3, ulBandwidth: 5, dlBandwidth: 5, tac: '4BB', rsrpDbm: -82, rsrqDb: -9, rssiDbm: -52, sinrRaw: 19, cqi: 15, txPower: -190 },
        nr: { mcc: 216, mnc: '30', pci: 954, rsrpDbm: -91, sinrRaw: 14, rsrqDb: -10, arfcn: 638784, band: 78, dlBandwidth: 12 }
      }
    })
    expect(parseQengServingCell('+QENG:"servingcell","CONNECT"\r\n+QENG:"NR5G-NSA",460,01,747,-71,13,-11,627264,78,12,1')).toMatchObject({
      ok: true,
      value: { state: 'CONNECT', mode: 'NR5G-NSA', nr: { mcc: 460, mnc: '01', pci: 747, rsrpDbm: -71, sinrRaw: 13, rsrqDb: -11, arfcn: 627264, band: 78 } }
    })
  })

  it('NR5G-SA (layout)', () => {
    const line = '+QENG: "servingcell","NOCONN","NR5G-SA","TDD",310,260,1E6A5B00D,371,29E00,520110,41,12,-86,-11,16,1,-'
    expect(parseQengServingCell(line)).toEqual({
      ok: true,
      value: {
        state: 'NOCONN',
        mode: 'NR5G-SA',
        rat: 'nr',
        nr: { duplex: 'TDD', mcc: 310, mnc: '260', cellId: '1E6A5B00D', pci: 371, tac: '29E00', arfcn: 520110, band: 41, dlBandwidth: 12, rsrpDbm: -86, rsrqDb: -11, sinrRaw: 16, scs: 1 }
      }
    })
  })

  it('WCDMA (layout)', () => {
    const line = '+QENG: "servingcell","NOCONN","WCDMA",460,01,A809,88CF012,10713,23,2,-75,-5,-,-,-,-,-'
    expect(parseQengServingCell(line)).toEqual({
      ok: true,
      value: { state: 'NOCONN', mode: 'WCDMA', rat: 'umts', wcdma: { mcc: 460, mnc: '01', lac: 'A809', cellId: '88CF012', uarfcn: 10713, psc: 23, rac: 2, rscpDbm: -75, ecioDb: -5 } }
    })
  })

  it('searching, and no servingcell line at all', () => {
    expect(parseQengServingCell('+QENG: "servingcell","SEARCH"')).toMatchObject({ ok: true, value: { state: 'SEARCH', rat: 'none' } })
    expect(parseQengServingCell('+QENG: "neighbourcell intra","LTE",6300,188,-12,-105,-75,-20,23,4,12,10,62')).toMatchObject({
      ok: false,
      error: { kind: 'missing' }
    })
  })
})

describe('parseQcsq', () => {
  it.each([
    // device-protocols.md §4.7 field order; values from public test code (LTE sinr 150 = 10 dB in 1/5 dB steps).
    ['+QCSQ: "LTE",-69,-102,150,-12', { sysMode: 'LTE', rat: 'lte', rssiDbm: -69, rsrpDbm: -102, sinrRaw: 150, rsrqDb: -12 }],
    ['+QCSQ: "LTE",-65,-95,150,-12', { rssiDbm: -65, rsrpDbm: -95, sinrRaw: 150, rsrqDb: -12 }],
    ['+QCSQ: "WCDMA",-79,-83,-4', { rat: 'umts', rssiDbm: -79, rscpDbm: -83, ecioDb: -4 }],
    ['+QCSQ: "GSM",-71', { rat: 'gsm', rssiDbm: -71 }],
    ['+QCSQ: "NOSERVICE"', { sysMode: 'NOSERVICE', rat: 'none', values: [] }]
  ])('%s', (line, expected) => {
    expect(parseQcsq([line])).toMatchObject({ ok: true, value: expected })
  })

  it('rejects junk', () => {
    expect(parseQcsq('+QCSQ: "LTE",-69,x')).toMatchObject({ ok: false, error: { kind: 'malformed' } })
    expect(parseQcsq('+QCSQ: ')).toMatchObject({ ok: false, error: { kind: 'malformed' } })
  })
})
