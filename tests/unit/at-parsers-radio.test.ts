// Radio parsers: +CSQ, +CESQ, +COPS? / +COPS=?, +CREG/+CGREG/+CEREG/+C5GREG. Samples are from
// ModemManager's src/tests/test-modem-helpers.c unless a row says otherwise.
import { describe, expect, it } from 'vitest'
import { parseCopsRead, parseCopsTest } from '../../src/devices/at/parsers/operator'
import { parseRegistration } from '../../src/devices/at/parsers/registration'
import { csqBars, csqToDbm, parseCesq, parseCsq } from '../../src/devices/at/parsers/signal'

describe('parseCsq', () => {
  it.each([
    // 27.007 §8.5 / device-protocols.md §4.3: dBm = −113 + 2n.
    ['+CSQ: 21,99', 21, null, -71, 5],
    ['+CSQ: 0,0', 0, 0, -113, 0],
    ['+CSQ: 1,7', 1, 7, -111, 0],
    ['+CSQ: 31,99', 31, null, -51, 5],
    ['+CSQ: 99,99', 99, null, null, 0],
    // smslib CServiceTest.java testGetSignalLevel samples
    ['+CSQ: 18,99', 18, null, -77, 5],
    ['+CSQ: 28,99', 28, null, -57, 5],
    ['+CSQ: 18,', 18, null, -77, 5],
    // Quectel EC25/EC21 AT manual §6.3: 100–191 TD-SCDMA extension (100 → −116 dBm).
    ['+CSQ: 100,99', 100, null, -116, 0],
    ['+CSQ:9,3', 9, 3, -95, 3]
  ])('%s', (line, rssi, ber, dbm, bars) => {
    expect(parseCsq([line])).toEqual({ ok: true, value: { rssi, ber, rssiDbm: dbm, bars } })
  })

  it.each([
    ['+CSQ: ,99', 'malformed'], // smslib "badly formed"
    ['+CSQ: sock,shoe', 'malformed'],
    ['+CSQ: 50,99', 'out-of-range'],
    ['+CREG: 1', 'missing'],
    ['', 'empty']
  ])('%j → %s', (line, kind) => {
    expect(parseCsq(line)).toMatchObject({ ok: false, error: { kind } })
  })

  it('bars grow with the signal and stay within 0–5', () => {
    const bars = Array.from({ length: 32 }, (_, rssi) => csqBars(rssi))
    expect(bars[0]).toBe(0)
    expect(bars[31]).toBe(5)
    for (let index = 1; index < bars.length; index++) expect(bars[index]).toBeGreaterThanOrEqual(bars[index - 1] ?? 0)
    expect(csqBars(99)).toBe(0)
    expect(csqToDbm(32)).toBeUndefined()
  })
})

describe('parseCesq', () => {
  it.each([
    // test_cesq_response / test_cesq_response_to_signal
    ['+CESQ: 99,99,255,255,20,80', { rssiDbm: null, ber: null, rscpDbm: null, ecnoDb: null, rsrqDb: -10, rsrpDbm: -61 }],
    ['+CESQ: 99,99,95,40,255,255', { rssiDbm: null, ber: null, rscpDbm: -26, ecnoDb: -4.5, rsrqDb: null, rsrpDbm: null }],
    ['+CESQ: 10,6,255,255,255,255', { rssiDbm: -101, ber: 6, rscpDbm: null, ecnoDb: null, rsrqDb: null, rsrpDbm: null }],
    ['+CESQ:10,6,255,255,255,255', { rssiDbm: -101, ber: 6 }]
  ])('%s', (line, expected) => {
    expect(parseCesq([line])).toMatchObject({ ok: true, value: expected })
  })

  it('keeps the raw values', () => {
    expect(parseCesq('+CESQ: 99,99,255,255,20,80')).toMatchObject({
      ok: true,
      value: { raw: { rxlev: 99, ber: 99, rscp: 255, ecno: 255, rsrq: 20, rsrp: 80 } }
    })
  })

  it('rejects short or non-numeric lines', () => {
    expect(parseCesq('+CESQ: 99,99,255').ok).toBe(false)
    expect(parseCesq('+CESQ: a,b,c,d,e,f').ok).toBe(false)
  })
})

describe('parseCopsRead', () => {
  it.each([
    // cops_query_data
    ['+COPS: 1,0,"CHINA MOBILE"', { mode: 1, modeName: 'manual', format: 0, operator: 'CHINA MOBILE' }],
    ['+COPS: 1,0,"CHINA MOBILE",7', { mode: 1, format: 0, operator: 'CHINA MOBILE', act: 7, actName: 'E-UTRAN', rat: 'lte' }],
    ['+COPS: 1,2,"46000"', { mode: 1, format: 2, operator: '46000', plmn: '46000' }],
    ['+COPS: 1,2,"46000",7', { mode: 1, format: 2, plmn: '46000', act: 7, rat: 'lte' }],
    // device-protocols.md §4.3: mode only when not registered; AcT 13 = EN-DC.
    ['+COPS: 0', { mode: 0, modeName: 'automatic' }],
    ['+COPS: 0,2,"310260",13', { plmn: '310260', act: 13, rat: 'nr' }],
    ['+COPS: 0,0,"T-Mobile Wholesale",7', { operator: 'T-Mobile Wholesale', rat: 'lte' }]
  ])('%s', (line, expected) => {
    expect(parseCopsRead([line])).toMatchObject({ ok: true, value: expected })
  })

  it('refuses a scan result and a missing mode', () => {
    expect(parseCopsRead('+COPS: (2,"T-Mobile","TMO","31026",0)')).toMatchObject({ ok: false, error: { kind: 'malformed' } })
    expect(parseCopsRead('+COPS: ,0,"x"')).toMatchObject({ ok: false, error: { kind: 'malformed' } })
  })
})

describe('parseCopsTest', () => {
  it('parses networks and the trailing ,,(0-4),(0-2) lists (test_cops_response_e1550)', () => {
    const reply = '+COPS: (2,"T-Mobile","TMO","31026",0),(1,"AT&T","AT&T","310410",0),,(0,1,2,3,4),(0,1,2)'
    expect(parseCopsTest([reply])).toEqual({
      ok: true,
      value: {
        networks: [
          { stat: 2, availability: 'current', longName: 'T-Mobile', shortName: 'TMO', numeric: '31026', plmn: '31026', act: 0, actName: 'GSM', rat: 'gsm' },
          { stat: 1, availability: 'available', longName: 'AT&T', shortName: 'AT&T', numeric: '310410', plmn: '310410', act: 0, actName: 'GSM', rat: 'gsm' }
        ],
        supportedModes: [0, 1, 2, 3, 4],
        supportedFormats: [0, 1, 2]
      }
    })
  })

  it('expands ranges (0-4),(0-2) and keeps an odd numeric id as sent (test_cops_response_quicksilver)', () => {
    const result = parseCopsTest('+COPS: (2,"AT&T","","310410",0),(2,"","","3104100",2),(1,"AT&T","","310260",0),,(0-4),(0-2)')
    expect(result).toMatchObject({ ok: true, value: { supportedModes: [0, 1, 2, 3, 4], supportedFormats: [0, 1, 2] } })
    expect(result.ok && result.value.networks.map((network) => [network.numeric, network.plmn, network.rat])).toEqual([
      ['310410', '310410', 'gsm'],
      ['3104100', undefined, 'umts'],
      ['310260', '310260', 'gsm']
    ])
  })

  it('reads 5G entries (test_cops_response_em9191)', () => {
    const reply =
      '+COPS: (1,"Telekom.de","TDG","26201",12),(1,"Telekom.de","Telekom.","26201",7),(1,"o2 - de","o2 - de","26203",7),(1,"vodafone.de","Vodafone","26202",7)(0,1,2,3,4),(0,1,2)'
    const result = parseCopsTest(reply)
    expect(result.ok && result.value.networks.map((network) => [network.plmn, network.rat])).toEqual([
      ['26201', 'nr'],
      ['26201', 'lte'],
      ['26203', 'lte'],
      ['26202', 'lte']
    ])
  })

  it('joins tuples spread over several lines (test_cops_response_gobi / _mercury style)', () => {
    const lines = ['+COPS: (2,"T - Mobile",,"31026",0),', '(1,"AT&T",,"310410",0),,(0,1,3),(0,2)']
    const result = parseCopsTest(lines)
    expect(result).toMatchObject({ ok: true, value: { supportedModes: [0, 1, 3], supportedFormats: [0, 2] } })
    expect(result.ok && result.value.networks.map((network) => network.longName)).toEqual(['T - Mobile', 'AT&T'])
    const multi = parseCopsTest([
      '+COPS: (0,"AT&T MicroCell","AT&T MicroCell","310410",2)',
      '+COPS: (1,"AT&T MicroCell","AT&T MicroCell","310410",0)',
      '+COPS: (1,"T-Mobile","TMO","31026",0)'
    ])
    expect(multi.ok && multi.value.networks).toHaveLength(3)
  })

  it('skips malformed tuples instead of failing (test_cops_response_gt3gplus)', () => {
    const reply = '+COPS: (1,"T-Mobile US","TMO US","31026",0),(1,"Cingular","Cingular","310410",0),,(0, 1, 3),(0-2)'
    expect(parseCopsTest(reply)).toMatchObject({ ok: true, value: { supportedModes: [0, 1, 3], supportedFormats: [0, 1, 2] } })
    const broken = parseCopsTest('+COPS: (2,"","T-Mobile","31026",0),(2,"T - Mobile","T - Mobile","310260"),2),(1,"AT&T","AT&T","310410"),0)')
    expect(broken.ok && broken.value.networks.map((network) => network.plmn)).toEqual(['31026', '310260', '310410'])
  })

  it('an empty scan is ok with no networks', () => {
    expect(parseCopsTest('+COPS: ,,(0-4),(0-2)')).toMatchObject({ ok: true, value: { networks: [] } })
  })
})

describe('parseRegistration', () => {
  it.each([
    // [reply, form hint, expected]
    ['+CREG: 1,3', 'read', { command: '+CREG', form: 'read', n: 1, stat: 3, state: 'denied' }],
    ['+CREG: 3', 'urc', { form: 'urc', stat: 3, state: 'denied' }],
    ['+CREG: 11', 'urc', { stat: 11, statName: 'attached for access to RLOS', state: 'not-registered' }],
    ['+CREG: 2,1,"CE00","01CEAD8F"', 'read', { n: 2, stat: 1, state: 'home', areaCode: 'CE00', cellId: '01CEAD8F' }],
    ['+CREG: 1,"CE00","00005449"', 'urc', { stat: 1, areaCode: 'CE00', cellId: '00005449' }],
    ['+CREG: 2,1,8BE3,2BAF', 'read', { n: 2, stat: 1, areaCode: '8BE3', cellId: '2BAF' }],
    ['+CREG: 1,8BE3,2BAF', 'urc', { stat: 1, areaCode: '8BE3', cellId: '2BAF' }],
    ['+CREG:002,001,"18d8","ffff"', 'read', { n: 2, stat: 1, areaCode: '18D8', cellId: 'FFFF' }],
    ['+CREG: 001,"0001","0010",000', 'urc', { stat: 1, act: 0, rat: 'gsm' }],
    ['+CREG: 2,,', 'urc', { stat: 2, state: 'searching' }],
    ['+CREG: 2,6,"8B37","0A265185",7', 'read', { n: 2, stat: 6, state: 'home', act: 7, rat: 'lte' }],
    ['+CREG: 2,5,"0502","0404736D"', 'read', { stat: 5, state: 'roaming' }],
    ['+CGREG: 2,1,"8BE3","00002B5D",3', 'read', { command: '+CGREG', stat: 1, act: 3, actName: 'GSM w/EGPRS' }],
    ['+CGREG: 1,"1422","00000142",3,"00"', 'urc', { command: '+CGREG', stat: 1, act: 3, routingArea: '00' }],
    ['+CGREG:2,10,ebbd,f025', 'read', { stat: 10, state: 'roaming', areaCode: 'EBBD', cellId: 'F025' }],
    ['+CGREG: 2, 1, "0426", "F00F"', 'read', { n: 2, stat: 1, areaCode: '0426', cellId: 'F00F' }],
    ['+CEREG: 1,3', 'read', { command: '+CEREG', n: 1, stat: 3 }],
    ['+CEREG: 2,1, 1F00, 79D903 ,7', 'read', { n: 2, stat: 1, areaCode: '1F00', cellId: '79D903', act: 7 }],
    ['+CEREG: 1, 1F00, 79D903 ,7', 'urc', { stat: 1, areaCode: '1F00', cellId: '79D903', act: 7 }],
    ['+CEREG: 2,10,"8d83","671f98a",7', 'read', { stat: 10, areaCode: '8D83', cellId: '671F98A' }],
    ['+C5GREG: 1,3', 'read', { command: '+C5GREG', n: 1, stat: 3 }],
    ['+C5GREG: 2,1,1F00,79D903,11,6,ABCDEF', 'read', { stat: 1, areaCode: '1F00', cellId: '79D903', act: 11, rat: 'nr' }],
    ['+C5GREG: 1,1F00,79D903,11,6,ABCDEF', 'urc', { stat: 1, act: 11 }],
    // 27.007 §10.1.22 with <n>=3: reject cause type 0 (EMM), cause 15 "no suitable cells in tracking area".
    ['+CEREG: 3,3,"","",,0,15', 'read', { stat: 3, state: 'denied', rejectCauseType: 0, rejectCause: 15 }]
  ] as const)('%s (%s)', (line, form, expected) => {
    expect(parseRegistration([line], { form })).toMatchObject({ ok: true, value: expected })
    // The shape-based guess agrees with the known form for every sample.
    expect(parseRegistration([line])).toMatchObject({ ok: true, value: { form } })
  })

  it('finds the first registration line among others', () => {
    // test_creg_cgreg_multi_unsolicited
    expect(parseRegistration('\r\n+CREG: 5\r\n\r\n+CGREG: 0\r\n')).toMatchObject({ ok: true, value: { command: '+CREG', stat: 5, state: 'roaming' } })
  })

  it.each([
    ['+CREG: 1,12', 'out-of-range'],
    ['+CREG: x', 'malformed'],
    ['+CSQ: 1,2', 'missing']
  ])('%s → %s', (line, kind) => {
    expect(parseRegistration(line, { form: line.includes(',') ? 'read' : 'urc' })).toMatchObject({ ok: false, error: { kind } })
  })
})
