// Identity parsers: +CGMI/+CGMM/+CGMR/+CGSN/+CIMI, Luhn, ICCID (vendor commands and +CRSM), +CNUM.
// Sources of the samples are given per table row.
import { describe, expect, it } from 'vitest'
import { parseCnum } from '../../src/devices/at/parsers/cnum'
import { parseIccid, swapNibbles } from '../../src/devices/at/parsers/iccid'
import { parseFirmware, parseImei, parseImsi, parseManufacturer, parseModel } from '../../src/devices/at/parsers/identity'
import { luhnCheckDigit, luhnValid } from '../../src/devices/at/parsers/luhn'

describe('parseManufacturer / parseModel / parseFirmware', () => {
  it.each([
    // device-protocols.md §4.3: bare line on most modems, some prefix "+CGMI:".
    [['huawei'], 'huawei'],
    [['+CGMI: "Quectel"'], 'Quectel'],
    [['+GMI: ZTE CORPORATION'], 'ZTE CORPORATION'],
    // frontlinesms/smslib src/test/java/org/smslib/CServiceTest.java testGetManufacturer
    ['SonyEricsson\r\rOK\r', 'SonyEricsson'],
    // An echo and a trailing OK in raw text are ignored.
    ['AT+CGMI\r\r\nQuectel\r\n\r\nOK\r\n', 'Quectel'],
    ['Manufacturer: Sierra Wireless, Incorporated', 'Sierra Wireless, Incorporated']
  ])('manufacturer %j → %s', (input, expected) => {
    expect(parseManufacturer(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    // frontlinesms/smslib CServiceTest.java testModel
    ['+CGMM: "GSM900","GSM1800","GSM1900","GSM850","MODEL=V635"', 'V635'],
    ['+CGMM: "L Series"', 'L Series'],
    ['DWM-156\r\nOK', 'DWM-156'],
    ['+CGMM: MTK2', 'MTK2'],
    [['E3372'], 'E3372']
  ])('model %j → %s', (input, expected) => {
    expect(parseModel(input)).toEqual({ ok: true, value: expected })
  })

  it('firmware keeps the whole revision string and drops a "Revision:" label', () => {
    expect(parseFirmware(['Revision: EC25EFAR06A06M4G'])).toEqual({ ok: true, value: 'EC25EFAR06A06M4G' })
    expect(parseFirmware(['21.180.01.00.00'])).toEqual({ ok: true, value: '21.180.01.00.00' })
  })

  it.each([[[]], ['OK'], ['\r\n\r\n']])('empty reply %j → empty', (input) => {
    const result = parseManufacturer(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.kind).toBe('empty')
  })

  it('an error reply is a device-error, not a manufacturer called "ERROR"', () => {
    const result = parseModel('\r\n+CME ERROR: 10\r\n')
    expect(result).toMatchObject({ ok: false, error: { kind: 'device-error' } })
  })
})

describe('parseImei', () => {
  it.each([
    // Wikipedia "International Mobile Equipment Identity", check digit example: 49015420323751 + 8.
    [['490154203237518'], '490154203237518', true],
    [['+CGSN: "490154203237518"'], '490154203237518', true],
    // Same digits with a wrong check digit: reported, flagged (never rejected).
    [['490154203237519'], '490154203237519', false],
    [['IMEI: 356938035643809'], '356938035643809', true]
  ])('%j → %s (Luhn %s)', (input, imei, valid) => {
    expect(parseImei(input)).toEqual({ ok: true, value: { imei, luhnValid: valid } })
  })

  it.each([[['12345']], [['35693803564380A']], [['+CGSN: ']]])('%j is not an IMEI', (input) => {
    expect(parseImei(input).ok).toBe(false)
  })
})

describe('parseImsi', () => {
  it('accepts the bare and the tagged form (device-protocols.md §4.3)', () => {
    expect(parseImsi(['310260123456789'])).toEqual({ ok: true, value: '310260123456789' })
    expect(parseImsi(['+CIMI: 440101234567890'])).toEqual({ ok: true, value: '440101234567890' })
    expect(parseImsi(['blah blah blah']).ok).toBe(false) // smslib CServiceTest testGetImsi
  })
})

describe('Luhn', () => {
  it('validates and computes check digits', () => {
    expect(luhnValid('490154203237518')).toBe(true)
    expect(luhnValid('490154203237517')).toBe(false)
    expect(luhnCheckDigit('49015420323751')).toBe(8)
    expect(luhnValid('')).toBe(false)
    expect(luhnValid('12a4')).toBe(false)
    expect(luhnCheckDigit('x')).toBeUndefined()
  })
})

describe('parseIccid', () => {
  it.each([
    // ModemManager src/tests/test-modem-helpers.c test_iccid_parse_* (raw values; we add the vendor prefixes).
    [['^ICCID: 8944200053671052499F'], '8944200053671052499'],
    [['+CCID: "89324102234690160476"'], '89324102234690160476'],
    [['+ICCID: 8944200053671052499'], '8944200053671052499'],
    [['+ZGETICCID: 98231420326409614067'], '89324102234690160476'], // swapped pass-through (unquoted_swap_20_digit)
    [['"984402003576012594F9"'], '8944200053671052499'], // quoted_swap_19_digit
    [['+QCCID: 898602F9091830030220'], '898602F9091830030220'], // China Mobile hex account digits
    [['+ZICCID: 898602C0123456789012'], '898602C0123456789012']
  ])('%j → %s', (input, iccid) => {
    const result = parseIccid(input)
    expect(result).toMatchObject({ ok: true, value: { iccid, source: 'direct' } })
  })

  it('decodes EF_ICCID from +CRSM (nibble-swapped, F padding) and flags Luhn', () => {
    // device-protocols.md §4.3: AT+CRSM=176,12258,0,0,10 → +CRSM: 144,0,"98…"; data from MM's 19-digit sample.
    const result = parseIccid(['+CRSM: 144,0,"984402003576012594F9"'])
    expect(result).toEqual({ ok: true, value: { iccid: '8944200053671052499', luhnValid: false, source: 'sim-file' } })
    const valid = `894420005367105249${luhnCheckDigit('894420005367105249')}`
    const swapped = swapNibbles(`${valid}F`)
    expect(parseIccid([`+CRSM: 144, 0, ${swapped}`])).toEqual({ ok: true, value: { iccid: valid, luhnValid: true, source: 'sim-file' } })
    expect(parseIccid(['+CRSM: 145,12,"98441000000000000000"'])).toMatchObject({ ok: true })
  })

  it('hex digits turn the Luhn flag off instead of failing', () => {
    expect(parseIccid(['+QCCID: 898602F9091830030220'])).toMatchObject({ ok: true, value: { luhnValid: null } })
  })

  it.each([
    [['982314203264096'], 'malformed'], // MM test_iccid_parse_short
    [['98231420326pl9614067'], 'malformed'], // MM test_iccid_parse_invalid_chars
    [['"0044200053671052499"'], 'malformed'], // MM test_iccid_parse_quoted_invalid_mii
    [['+CRSM: 148,4'], 'device-error'], // SIM status "not found"
    [['+CRSM: 144,0,"zz"'], 'malformed'],
    [['+CME ERROR: 10'], 'device-error'],
    [[], 'empty']
  ])('%j → %s', (input, kind) => {
    expect(parseIccid(input)).toMatchObject({ ok: false, error: { kind } })
  })
})

describe('parseCnum', () => {
  it('an empty reply is no number, not an error (device-protocols.md §4.3)', () => {
    expect(parseCnum(['OK'])).toEqual({ ok: true, value: [] })
    expect(parseCnum([])).toEqual({ ok: true, value: [] })
  })

  it.each([
    // ModemManager src/tests/test-modem-helpers.c test_cnum_response_*
    ['+CNUM: "something","1234567890",161', [{ alpha: 'something', number: '1234567890', type: 161, international: false }]],
    ['+CNUM: ,"1234567890",161', [{ number: '1234567890', type: 161, international: false }]],
    ['+CNUM: something,"+34600000001",145', [{ alpha: 'something', number: '+34600000001', type: 145, international: true }]],
    // Type 145 without the "+" in the digits gets one (TS 24.008 §10.5.4.7).
    ['+CNUM: "","12065550143",145', [{ number: '+12065550143', type: 145, international: true }]],
    // frontlinesms/smslib CServiceTest.java testGetMsisdn (unquoted fields)
    ['\n+CNUM: Owner Name,15555555555,129\r\n', [{ alpha: 'Owner Name', number: '15555555555', type: 129, international: false }]],
    ['+CNUM: "Voice","8885551212",129\r\nOK\n', [{ alpha: 'Voice', number: '8885551212', type: 129, international: false }]],
    ['\n+CNUM\r\n', []]
  ])('%j', (input, expected) => {
    expect(parseCnum(input)).toEqual({ ok: true, value: expected })
  })

  it('lists several numbers in order (MM test_cnum_response_generic_multiple_numbers)', () => {
    const reply = '+CNUM: something,"+34600000001",145\r\n+CNUM: ,"+34600000002",145\r\n+CNUM: "another","1234567890",161'
    const result = parseCnum(reply)
    expect(result.ok && result.value.map((entry) => entry.number)).toEqual(['+34600000001', '+34600000002', '1234567890'])
  })
})
