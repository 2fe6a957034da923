// Generic AT family: the pure parsers of the family (PDP state, phonebook, listings, test ranges) and how
// replies become the normalized model (registration, signal, data session, SMS list). Samples name their
// source: §n = /work/shared/reference/device-protocols.md, 27.007/27.005 = the 3GPP text formats,
// MM = ModemManager src/tests/test-modem-helpers.c / test-sms-part-3gpp.c, SMSLIB = smslib +CMGL capture.
import { describe, expect, it } from 'vitest'
import { parseCopsRead, parseCsq, parseRegistration, type RegistrationInfo } from '../../src/devices/at'
import { dataFailureFrom, describeRejectCause } from '../../src/devices/families/generic-at/errors'
import {
  compressIpv6,
  extractPhoneNumber,
  parseCgact,
  parseCgatt,
  parseCgauth,
  parseCgpaddr,
  parseCmglPdu,
  parseCpbr,
  parseCpbs,
  parseCscs,
  parseFirstRange,
  testListAllows
} from '../../src/devices/families/generic-at/parse'
import { barsFor, buildDataSession, combineRegistration, combineSignal, registrationRat } from '../../src/devices/families/generic-at/reading'
import { messagesFromListing } from '../../src/devices/families/generic-at/sms'
import { AtCommandError, parseFinalResult } from '../../src/devices/at'

function reg(line: string): RegistrationInfo {
  const parsed = parseRegistration([line], { form: 'read' })
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.value
}

function cmeError(line: string): AtCommandError {
  const final = parseFinalResult(line, { callControl: false })
  if (!final || final.kind === 'ok' || final.kind === 'connect') throw new Error(`not an error: ${line}`)
  return new AtCommandError('AT+CGACT=1,1', final)
}

describe('PDP state parsers (27.007 §10.1)', () => {
  it('+CGACT? and +CGATT?', () => {
    expect(parseCgact(['+CGACT: 1,1', '+CGACT: 2,0', '+CGACT: 3,7'])).toEqual({ ok: true, value: new Map([[1, true], [2, false]]) })
    expect(parseCgact(['+CME ERROR: 11'])).toMatchObject({ ok: false, error: { kind: 'device-error' } })
    expect(parseCgatt(['+CGATT: 1'])).toEqual({ ok: true, value: true })
    expect(parseCgatt(['+CGATT: 2'])).toMatchObject({ ok: false })
  })

  it.each([
    // 27.007 default <PDP_addr> format: IPv6 as 16 dotted decimal bytes (+CGPIAF=0)
    [['+CGPADDR: 1,"100.87.12.9","32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1"'], { ipv4: '100.87.12.9', ipv6: '2001:db8::1' }],
    [['+CGPADDR: 1,"32.1.13.184.141.119.49.230.21.102.182.186.122.10.203.50"'], { ipv6: '2001:db8:8d77:31e6:1566:b6ba:7a0a:cb32' }],
    // Quectel prints IPv4 unquoted; some firmware put "v4 v6" into one field, +CGPIAF=1 prints colons
    [['+CGPADDR: 1,10.64.64.64'], { ipv4: '10.64.64.64' }],
    [['+CGPADDR: 1,"10.0.0.2 2001:DB8::2"'], { ipv4: '10.0.0.2', ipv6: '2001:db8::2' }],
    [['+CGPADDR: 1,"0.0.0.0","0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0"'], {}],
    [['+CGPADDR: 1'], {}],
    [['+CGPADDR: 2,"10.0.0.9"', '+CGPADDR: 1,"10.0.0.1"'], { ipv4: '10.0.0.1' }]
  ])('+CGPADDR %j', (lines, expected) => {
    expect(parseCgpaddr(lines, 1)).toEqual({ ok: true, value: expected })
  })

  it('compresses IPv6 per RFC 5952 (longest zero run, first on a tie, not a single group)', () => {
    expect(compressIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1])).toBe('2001:db8::1:0:0:1')
    expect(compressIpv6([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1])).toBe('2001:db8:0:1:1:1:1:1')
    expect(compressIpv6([0xfe80, 0, 0, 0, 0, 0, 0, 1])).toBe('fe80::1')
  })

  it('+CGAUTH? never shows the password (27.007 §10.1.31)', () => {
    expect(parseCgauth(['+CGAUTH: 1,0,""', '+CGAUTH: 3,1,"mio@iij"'])).toEqual({
      ok: true,
      value: new Map([
        [1, { protocol: 0 }],
        [3, { protocol: 1, username: 'mio@iij' }]
      ])
    })
  })

  it('test-form ranges: +CGDCONT=? (§4.3) and +CFUN=? reset support', () => {
    expect(parseFirstRange(['+CGDCONT: (1-16),"IP",,,(0-2),(0-4)', '+CGDCONT: (1-16),"IPV6",,,(0-2),(0-4)'], '+CGDCONT:')).toEqual({ ok: true, value: { min: 1, max: 16 } })
    expect(parseFirstRange(['+CGDCONT: (1,2,3,4,5),"IP",,,(0),(0)'], '+CGDCONT:')).toEqual({ ok: true, value: { min: 1, max: 5 } })
    expect(parseFirstRange(['+CPBR: (1-2),20,16'], '+CPBR:')).toEqual({ ok: true, value: { min: 1, max: 2 } })
    expect(testListAllows(['+CFUN: (0,1,4),(0-1)'], '+CFUN:', 1, 1)).toBe(true)
    expect(testListAllows(['+CFUN: (0,1,4)'], '+CFUN:', 1, 1)).toBe(false)
    expect(testListAllows(['+CMGF: (0,1)'], '+CMGF:', 0, 0)).toBe(true)
  })
})

describe('own number: phonebook and USSD replies', () => {
  it('+CPBS? and +CPBR entries (27.007 §8.11, §8.12)', () => {
    expect(parseCpbs(['+CPBS: "ON",1,2'])).toEqual({ ok: true, value: { storage: 'ON', used: 1, total: 2 } })
    expect(parseCpbs(['+CPBS: "SM"'])).toEqual({ ok: true, value: { storage: 'SM' } })
    expect(parseCpbr(['+CPBR: 1,"818000001234",145,"My number"'])).toEqual({
      ok: true,
      value: [{ index: 1, number: '+818000001234', type: 145, text: 'My number' }]
    })
    expect(parseCpbr(['+CPBR: 1,"09012345678",129,""', '+CPBR: (1-2),20,16'])).toEqual({ ok: true, value: [{ index: 1, number: '09012345678', type: 129 }] })
  })

  it.each([
    ['Your number is 2065550142.', '2065550142'], // T-Mobile US #686# (carriers.md §7), as the simulator phrases it
    ['Your mobile number is +44 7700 900123', '+447700900123'], // Vodafone UK *#100# style
    ['MSISDN: 080-0000-1234', '08000001234'],
    ['Balance: $12.34. Renews 12/05/26.', undefined],
    ['', undefined]
  ])('%s → %s', (text, number) => {
    expect(extractPhoneNumber(text)).toBe(number)
  })

  it('+CSCS? charset', () => {
    expect(parseCscs(['+CSCS: "IRA"'])).toEqual({ ok: true, value: 'IRA' })
    expect(parseCscs(['+CSCS: UCS2'])).toEqual({ ok: true, value: 'UCS2' })
  })
})

describe('registration from the four reports', () => {
  it('a registered packet domain wins, with the operator from +COPS in both formats', () => {
    const cops = parseCopsRead(['+COPS: 0,0,"T-Mobile",7'])
    if (!cops.ok) throw new Error('cops')
    const registration = combineRegistration({ cereg: reg('+CEREG: 2,1,"7A1F","01A2B3C4",7'), creg: reg('+CREG: 2,1,"7A1F","01A2B3C4",7') }, cops.value, '310260')
    expect(registration).toEqual({ state: 'home', operatorName: 'T-Mobile', plmn: '310260' })
  })

  it('roaming on +CGREG while +CEREG is not registered (3G only)', () => {
    expect(combineRegistration({ cereg: reg('+CEREG: 3,0'), cgreg: reg('+CGREG: 2,5,"0502","0404736D"') }).state).toBe('roaming')
  })

  it('denied with the EMM reject cause from +CEREG <n>=3 (27.007 §10.1.22)', () => {
    expect(combineRegistration({ cereg: reg('+CEREG: 3,3,"","",,0,15'), creg: reg('+CREG: 2,3') })).toEqual({
      state: 'denied',
      rejectCause: 'EMM #15 no suitable cells in tracking area'
    })
    expect(describeRejectCause(0, 7)).toBe('EMM #7 EPS services not allowed')
    expect(describeRejectCause(1, 7)).toBe('manufacturer-specific cause 7')
  })

  it('searching, then not registered, then unknown', () => {
    expect(combineRegistration({ cereg: reg('+CEREG: 2,2'), creg: reg('+CREG: 2,0') }).state).toBe('searching')
    expect(combineRegistration({ creg: reg('+CREG: 2,0') }).state).toBe('not-registered')
    expect(combineRegistration({}).state).toBe('unknown')
  })

  it('the radio from the registration <AcT>, else +COPS <AcT>', () => {
    expect(registrationRat({ cereg: reg('+CEREG: 2,1,"7A1F","01A2B3C4",7') })).toEqual({ rat: 'lte', act: 7, cellId: '01A2B3C4' })
    const cops = parseCopsRead(['+COPS: 0,2,"44010",2'])
    expect(cops.ok && registrationRat({ creg: reg('+CREG: 1,1') }, cops.value)).toEqual({ rat: 'umts', act: 2 })
  })
})

describe('signal', () => {
  it('merges the queries (earlier wins) and takes the bars from RSRP', () => {
    const signal = combineSignal({
      parts: [{ rat: 'lte', rsrpDbm: -94, sinrDb: 13 }, { rat: 'lte', rsrpDbm: -120, rsrqDb: -10 }],
      registered: true,
      registration: { rat: 'lte', act: 7 }
    })
    expect(signal).toEqual({ bars: 3, rat: 'lte', networkType: 'LTE', rsrpDbm: -94, sinrDb: 13, rsrqDb: -10 })
  })

  it('the vendor network type beats the <AcT> label; no service means no bars', () => {
    expect(combineSignal({ parts: [{ rat: 'umts', rscpDbm: -70 }], registered: true, extras: { rat: 'umts', networkType: 'DC-HSPA+' } })).toMatchObject({
      rat: 'umts',
      networkType: 'DC-HSPA+',
      bars: 5
    })
    expect(combineSignal({ parts: [{ rat: 'lte', rsrpDbm: -80 }], registered: false })).toEqual({ bars: 0, rat: 'none' })
  })

  it('the cell id from the registration report when the signal report has none', () => {
    expect(combineSignal({ parts: [{ rsrpDbm: -94 }], registered: true, registration: { rat: 'lte', act: 7, cellId: '01A2B3C4' } })).toMatchObject({ cellId: '01A2B3C4' })
    expect(combineSignal({ parts: [{ rsrpDbm: -94, cellId: '7676A09' }], registered: true, registration: { rat: 'lte', cellId: '01A2B3C4' } })).toMatchObject({ cellId: '7676A09' })
  })

  it('+CSQ is the last resort (27.007 §8.5)', () => {
    const csq = parseCsq(['+CSQ: 14,99'])
    if (!csq.ok) throw new Error('csq')
    expect(combineSignal({ parts: [], csq: csq.value, registered: true, registration: { rat: 'gsm', act: 3 } })).toEqual({
      bars: 4,
      rat: 'gsm',
      networkType: 'EDGE',
      rssiDbm: -85
    })
  })

  it.each([
    [{ rsrpDbm: -75 }, 5],
    [{ rsrpDbm: -89 }, 4],
    [{ rsrpDbm: -100 }, 3],
    [{ rsrpDbm: -110 }, 2],
    [{ rsrpDbm: -119 }, 1],
    [{ rsrpDbm: -125 }, 0],
    [{ rscpDbm: -95 }, 3],
    [{ rssiDbm: -53 }, 5]
  ])('bars %j → %i', (part, bars) => {
    expect(barsFor(part)).toBe(bars)
  })
})

describe('data session', () => {
  it('connected only with an address', () => {
    expect(buildDataSession({ simReady: true, active: true, addresses: { ipv4: '100.87.12.9' } })).toEqual({ state: 'connected', ipv4: '100.87.12.9' })
    expect(buildDataSession({ simReady: true, active: true, addresses: {} })).toMatchObject({ state: 'failed', failureReason: expect.stringContaining('no IP address') })
    expect(buildDataSession({ simReady: true, active: false })).toEqual({ state: 'disconnected' })
    expect(buildDataSession({ simReady: true })).toEqual({ state: 'unknown' })
    expect(buildDataSession({ simReady: false, active: true })).toEqual({ state: 'disconnected' })
  })

  it.each([
    // §4.2 / carriers.md §9.2: 133 is the typical "no data plan"; 127 wrong APN; 149 bad credentials
    ['+CME ERROR: 133', 'not-subscribed'],
    ['+CME ERROR: 33', 'not-subscribed'],
    ['+CME ERROR: 127', 'unknown-apn'],
    ['+CME ERROR: 149', 'apn-auth-failed'],
    ['+CME ERROR: 30', 'no-service'],
    ['+CME ERROR: requested service option not subscribed', 'not-subscribed'], // +CMEE=2 verbose
    ['ERROR', 'refused']
  ])('activation failure %s → %s, shown as the failure reason', (line, reason) => {
    const failure = dataFailureFrom(cmeError(line))
    expect(failure.reason).toBe(reason)
    expect(buildDataSession({ simReady: true, active: false, lastFailure: failure })).toEqual({ state: 'failed', failureReason: failure.message })
  })
})

describe('SMS listing (+CMGL=4, PDU mode)', () => {
  // MM test_pdu_multipart parts 1 and 2, a single GSM 7-bit PDU (PM test_decoding_7bit_pdu_data) and a lone
  // part 2 of a 16-bit-reference message (SMSLIB +CMGL capture, index 11).
  const part1 =
    '07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB0C9297E1F2F2BCECA6CF41'
  const part2 = '07912160130320F6440B916171056429F5000021405291651569320500034C0202E9E8301D44479741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10'
  const single = '07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07'
  const lonely = '0791449737709499440C914487732760570000807051117230401F06080400230202ED73FBDC3EB7CFED33FC0EBFC3EFF07BFC0EBFC301'

  it('parses header + PDU pairs and skips headers without a PDU', () => {
    expect(parseCmglPdu(['+CMGL: 3,1,,26', single, '+CMGL: 4,0,,160', '+CMGL: 5,0,,26', single])).toEqual({
      ok: true,
      value: [
        { index: 3, stat: 1, pdu: single },
        { index: 5, stat: 0, pdu: single }
      ]
    })
  })

  it('joins the parts of a long message into one entry whose id names every slot, newest first', () => {
    const messages = messagesFromListing([
      '+CMGL: 7,1,,153',
      part2,
      '+CMGL: 2,1,,26',
      single,
      '+CMGL: 6,0,,160',
      part1,
      '+CMGL: 9,0,,39',
      lonely
    ])
    expect(messages.map((message) => [message.id, message.from, message.read, message.partsMissing])).toEqual([
      ['6+7', '+16175046925', false, undefined], // 2012
      ['9', '+447837720675', false, 1], // 2008, part 1 of 2 never arrived
      ['2', '+31641600986', true, undefined] // 2002
    ])
    expect(messages[0]?.text).toMatch(/^This is a very long test designed to exercise multi part capability\. .* related to one another\. $/)
    expect(messages[0]?.receivedAt).toBe('2012-04-25T19:56:50-04:00')
  })

  it('leaves out stored outgoing messages (stat 2/3) and undecodable PDUs', () => {
    expect(messagesFromListing(['+CMGL: 1,3,,26', single, '+CMGL: 2,1,,5', '00F101010C0000000000'])).toEqual([])
  })
})
