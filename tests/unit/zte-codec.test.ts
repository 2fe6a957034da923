// ZTE goform text and time encodings, on real values.
// Sources per table:
// - "ZTE API Docs" sms_data_total sample (indexed public copy): content 0054…0069, date "22,09,17,18,33,25,+12"
// - a Python ZTE modem client (indexed public copy): "005A007A007A0073007A0073", date "20,09,24,17,58,37,+8"
// - the public MF79RU integration guide (indexed copy) §9: "041F04400438043204350442" = Привет, "D83DDE00" = 😀,
//   "0074006500730074" = test, dates "26,01,02,03,04,05,+12", "25,12,31,23,59,59,+5", "26,08,24,13,48,05,-8"
// - a shell ZTE adapter test (indexed public copy): content "4F60597D", date "26,08,01,09,30,00,+32" (China, UTC+8)
// - stock web UI: anysoft/mifi-tools webs/mf761/web/js/lib.js getCurrentTimeString, getEncodeType; reference §2.7
import { describe, expect, it } from 'vitest'
import { decodeUcs2Hex, encodeUcs2Hex, formatSmsTime, parseZteDate, smsEncodeType } from '../../src/devices/families/zte-goform/codec'

describe('decodeUcs2Hex', () => {
  it.each([
    ['00540065007300740069007600690065007300740069', 'Testiviesti'], // ZTE API Docs sample
    ['005A007A007A0073007A0073', 'Zzzszs'], // Python client sample
    ['041F04400438043204350442', 'Привет'], // MF79RU guide §9.1
    ['0074006500730074', 'test'], // MF79RU guide §11.1 browser capture
    ['D83DDE00', '😀'], // MF79RU guide §9.1: a surrogate pair is two units
    ['4F60597D', '你好'], // shell adapter test
    ['30533093306B3061306F', 'こんにちは'],
    ['00330000', '3'], // U+0000 is dropped, as the stock decodeMessage does
    ['0033', '3'], // spn_name_data of the MF730 sample ("3", the operator)
    ['', ''],
    ['  0041  ', 'A'] // surrounding blanks are not content
  ])('%j → %j', (hex, text) => {
    expect(decodeUcs2Hex(hex)).toEqual({ ok: true, value: text })
  })

  it('replaces a lone surrogate with U+FFFD instead of producing broken UTF-16', () => {
    expect(decodeUcs2Hex('D83D0041')).toEqual({ ok: true, value: '\ufffdA' })
    expect(decodeUcs2Hex('DE00')).toEqual({ ok: true, value: '\ufffd' })
  })

  it.each([['004'], ['00G1'], ['hello'], ['0041 0042'], ['1F600']])('%j is an error value, not a throw', (hex) => {
    const result = decodeUcs2Hex(hex, 'content')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatchObject({ kind: 'field-error', field: 'content', input: hex })
  })

  it('is an error for a missing value', () => {
    expect(decodeUcs2Hex(undefined).ok).toBe(false)
  })
})

describe('encodeUcs2Hex', () => {
  it.each([
    ['test', '0074006500730074'],
    ['Привет', '041F04400438043204350442'],
    ['😀', 'D83DDE00'],
    ['こんにちは', '30533093306B3061306F'],
    ['', '']
  ])('%j → %j and back', (text, hex) => {
    expect(encodeUcs2Hex(text)).toBe(hex)
    expect(decodeUcs2Hex(hex)).toEqual({ ok: true, value: text })
  })
})

describe('smsEncodeType (stock getEncodeType: GSM default alphabet or UNICODE)', () => {
  it.each([
    ['test', 'GSM7_default'],
    ['Hello @ £5, see you at 10:30!', 'GSM7_default'],
    ['{braces} [and] ~tilde~ €', 'GSM7_default'], // extension table characters
    ['Ünïcödé? Ä Ö Ñ Ü ß é', 'UNICODE'], // ï is not in the GSM alphabet
    ['Привет', 'UNICODE'],
    ['こんにちは', 'UNICODE'],
    ['on my way 🙂', 'UNICODE'],
    ['', 'GSM7_default']
  ])('%j → %s', (text, type) => {
    expect(smsEncodeType(text)).toBe(type)
  })
})

describe('parseZteDate: the zone counts quarter hours', () => {
  it.each([
    ['22,09,17,18,33,25,+12', '2022-09-17T18:33:25+03:00', 180], // Finland in September
    ['20,09,24,17,58,37,+8', '2020-09-24T17:58:37+02:00', 120], // Italy in September
    ['26,08,01,09,30,00,+32', '2026-08-01T09:30:00+08:00', 480], // China
    ['26,01,02,03,04,05,+12', '2026-01-02T03:04:05+03:00', 180],
    ['25,12,31,23,59,59,+5', '2025-12-31T23:59:59+01:15', 75],
    ['26,08,24,13,48,05,-8', '2026-08-24T13:48:05-02:00', -120],
    ['24,02,29,00,00,00,+0', '2024-02-29T00:00:00+00:00', 0], // leap day
    ['24;05;20;12;30;45;-28', '2024-05-20T12:30:45-07:00', -420] // ';' separators as in sms_time
  ])('%j → %s', (raw, iso, offsetMinutes) => {
    expect(parseZteDate(raw)).toEqual({ ok: true, value: { iso, offsetMinutes } })
  })

  it('keeps the local time without an offset when the firmware sends no zone', () => {
    expect(parseZteDate('22,09,17,18,33,25')).toEqual({ ok: true, value: { iso: '2022-09-17T18:33:25' } })
    expect(parseZteDate('22,09,17,18,33,25,')).toEqual({ ok: true, value: { iso: '2022-09-17T18:33:25' } })
  })

  it.each([[''], [undefined], ['   ']])('%j is absent', (raw) => {
    expect(parseZteDate(raw)).toEqual({ ok: true, value: undefined })
  })

  it.each([
    ['22,13,17,18,33,25,+12'], // month 13
    ['23,02,29,10,00,00,+0'], // not a leap year
    ['22,09,17,24,00,00,+0'],
    ['22,09,17,18,60,00,+0'],
    ['22,09,17,18,33,25,+99'], // not a zone
    ['22,09,17,18,33,25,+1.5'],
    ['2022-09-17 18:33:25'],
    ['22,09,17'],
    ['a,b,c,d,e,f,+1']
  ])('%j is an error value', (raw) => {
    expect(parseZteDate(raw).ok).toBe(false)
  })
})

describe('formatSmsTime (SEND_SMS sms_time, zone in hours like getCurrentTimeString)', () => {
  const at = Date.UTC(2026, 0, 2, 3, 4, 5)
  it.each([
    [0, '26;01;02;03;04;05;0'], // the stock UI writes a bare 0 for UTC
    [120, '26;01;02;05;04;05;+2'],
    [-300, '26;01;01;22;04;05;-5'], // the local date rolls back
    [330, '26;01;02;08;34;05;+5.5'], // India keeps its half hour
    [-570, '26;01;01;17;34;05;-9.5']
  ])('offset %i min → %s', (offset, text) => {
    expect(formatSmsTime(at, offset)).toBe(text)
  })
})
