// +CGDCONT?, +CPIN?, +CPMS, +CUSD. Samples: ModemManager src/tests/test-modem-helpers.c (MM), frontlinesms/smslib
// src/test/java/org/smslib/CServiceTest.java (smslib), device-protocols.md §4.3/§4.4, others as noted per row.
import { describe, expect, it } from 'vitest'
import { encodeUssdPacked } from '../../src/devices/at/codecs/ussd'
import { parseCgdcont } from '../../src/devices/at/parsers/pdp'
import { parseCpin, simStateForCmeError } from '../../src/devices/at/parsers/sim'
import { parseCpms } from '../../src/devices/at/parsers/sms-storage'
import { cbsAlphabet, parseCusd } from '../../src/devices/at/parsers/ussd'

describe('parseCgdcont', () => {
  it('reads several contexts (MM test_cgdcont_read_response_samsung)', () => {
    const reply =
      '+CGDCONT: 1,"IP","nate.sktelecom.com","",0,0\r\n+CGDCONT: 2,"IP","epc.tmobile.com","",0,0\r\n+CGDCONT: 3,"IP","MAXROAM.com","",0,0\r\n'
    expect(parseCgdcont(reply)).toEqual({
      ok: true,
      value: [
        { cid: 1, pdpType: 'IP', apn: 'nate.sktelecom.com', dataCompression: 0, headerCompression: 0 },
        { cid: 2, pdpType: 'IP', apn: 'epc.tmobile.com', dataCompression: 0, headerCompression: 0 },
        { cid: 3, pdpType: 'IP', apn: 'MAXROAM.com', dataCompression: 0, headerCompression: 0 }
      ]
    })
  })

  it('accepts an empty APN (MM test_cgdcont_read_response_nokia) and an address', () => {
    expect(parseCgdcont('+CGDCONT: 1,"IP",,,0,0')).toEqual({ ok: true, value: [{ cid: 1, pdpType: 'IP', apn: '', dataCompression: 0, headerCompression: 0 }] })
    // device-protocols.md §4.3 shape with an IPv4V6 context and an address.
    expect(parseCgdcont('+CGDCONT: 1,"IPV4V6","fast.t-mobile.com","10.23.4.5",0,0,0,0')).toMatchObject({
      ok: true,
      value: [{ cid: 1, pdpType: 'IPV4V6', apn: 'fast.t-mobile.com', address: '10.23.4.5' }]
    })
  })

  it('no contexts is an empty list; the test form is not a context', () => {
    expect(parseCgdcont('OK')).toEqual({ ok: true, value: [] })
    expect(parseCgdcont('+CGDCONT: (1-16),"IP",,,(0-2),(0-4)')).toMatchObject({ ok: false, error: { kind: 'malformed' } })
  })
})

describe('parseCpin', () => {
  it.each([
    // MM test_cpin_response (test_cpin_responses[])
    ['+CPIN: SIM PIN', 'SIM PIN', 'pin-required', false],
    ['+CPIN: SIM PUK2', 'SIM PUK2', 'ready', false],
    ['   SIM PUK', 'SIM PUK', 'puk-required', false],
    ['+CPIN: "SIM PIN"', 'SIM PIN', 'pin-required', false],
    ['+CPIN: PH-NET PIN', 'PH-NET PIN', 'pin-required', true],
    // smslib CServiceTest testIsError "not errors"
    ['\nAT+CPIN?\r\r\n+CPIN: READY\r', 'READY', 'ready', false]
  ])('%j → %s', (input, code, simState, deviceLock) => {
    expect(parseCpin(input)).toEqual({ ok: true, value: { code, simState, deviceLock } })
  })

  it('+CME ERROR: 10 is a device error; simStateForCmeError says what it means', () => {
    expect(parseCpin('+CME ERROR: 10')).toMatchObject({ ok: false, error: { kind: 'device-error' } })
    expect(simStateForCmeError(10)).toBe('absent')
    expect(simStateForCmeError(11)).toBe('pin-required')
    expect(simStateForCmeError(12)).toBe('puk-required')
    expect(simStateForCmeError(100)).toBeUndefined()
    expect(parseCpin('+CPIN: BANANA')).toMatchObject({ ok: false, error: { kind: 'malformed' } })
  })
})

describe('parseCpms', () => {
  it.each([
    // MM cpms_query_test[]
    ['+CPMS: "ME",1,100,"MT",5,100,"TA",1,100', [{ memory: 'ME', used: 1, total: 100 }, { memory: 'MT', used: 5, total: 100 }, { memory: 'TA', used: 1, total: 100 }]],
    ['+CPMS: "MT", 0, 100, "MT", 0, 100, "MT", 0, 100', [{ memory: 'MT', used: 0, total: 100 }, { memory: 'MT', used: 0, total: 100 }, { memory: 'MT', used: 0, total: 100 }]],
    // smslib CServiceTest: the set-form answer without storage names
    ['+CPMS: 2,28,2,28,2,28', [{ used: 2, total: 28 }, { used: 2, total: 28 }, { used: 2, total: 28 }]],
    ['+CPMS: "SM",3,30', [{ memory: 'SM', used: 3, total: 30 }]]
  ])('%s', (line, storages) => {
    expect(parseCpms([line])).toEqual({ ok: true, value: { storages } })
  })

  it('the test form and junk are errors', () => {
    expect(parseCpms('+CPMS: ("ME","MT","SM"),("ME","MT","SM"),("ME","MT","SM")')).toMatchObject({ ok: false, error: { kind: 'unsupported' } })
    expect(parseCpms('+CPMS: "SM",x,y')).toMatchObject({ ok: false, error: { kind: 'malformed' } })
  })
})

describe('parseCusd', () => {
  it('plain text with dcs 15 stays as it is', () => {
    // Public firmware source comment: '+CUSD: 0,"Your account balance is 49.10 USD and will expire on 04/03/16.",64'
    expect(parseCusd('+CUSD: 0,"Your account balance is 49.10 USD and will expire on 04/03/16.",64')).toEqual({
      ok: true,
      value: {
        status: 0,
        statusName: 'no further user action required',
        sessionOpen: false,
        text: 'Your account balance is 49.10 USD and will expire on 04/03/16.',
        raw: 'Your account balance is 49.10 USD and will expire on 04/03/16.',
        dcs: 64,
        encoding: 'text'
      }
    })
  })

  it('status only ("+CUSD: 4", an operator that does not support the code)', () => {
    expect(parseCusd('+CUSD: 4')).toEqual({ ok: true, value: { status: 4, statusName: 'operation not supported', sessionOpen: false } })
  })

  it('decodes packed GSM 7-bit hex (Huawei style)', () => {
    // MikroTik RouterOS manual, SMS/USSD example: +CUSD: 0,"EBB79B1E0685E9ECF4BADE9E03", 0 → "konta atlikums".
    expect(parseCusd('+CUSD: 0,"EBB79B1E0685E9ECF4BADE9E03", 0')).toMatchObject({
      ok: true,
      value: { text: 'konta atlikums', encoding: 'gsm7-packed', dcs: 0 }
    })
    // device-protocols.md §4.4: "*100#" ↔ AA180C3602, decoded with the Huawei hint.
    expect(parseCusd('+CUSD: 1,"AA180C3602",15', { packedGsm7: true })).toMatchObject({ ok: true, value: { text: '*100#', sessionOpen: true } })
  })

  it('drops the CR pad when the byte length is a multiple of 7 (§4.4)', () => {
    const hex = encodeUssdPacked('Balance') // 7 septets → CR appended → 7 bytes
    expect(hex).toHaveLength(14)
    expect(parseCusd(`+CUSD: 0,"${hex}",15`, { packedGsm7: true })).toMatchObject({ ok: true, value: { text: 'Balance' } })
  })

  it('decodes UCS2 hex for dcs 72 and for +CSCS="UCS2"', () => {
    // stackoverflow.com/questions/23102775 (quoted in a public UssdTest.java): Russian reply, first word.
    expect(parseCusd('+CUSD: 0,"0421043F0430044104380431043E",72')).toMatchObject({ ok: true, value: { text: 'Спасибо', encoding: 'ucs2', dcs: 72 } })
    expect(parseCusd('+CUSD: 0,"004F004B",15', { charset: 'UCS2' })).toMatchObject({ ok: true, value: { text: 'OK', encoding: 'ucs2' } })
    // Without a hint, ASCII-in-UCS2 is recognised by its 00xx units.
    expect(parseCusd('+CUSD: 0,"00420061006C0061006E00630065003A0020003500200055005300440020",15')).toMatchObject({
      ok: true,
      value: { text: 'Balance: 5 USD ', encoding: 'ucs2' }
    })
  })

  it('8-bit data and unpacked GSM for +CSCS="HEX"', () => {
    expect(parseCusd('+CUSD: 0,"48656C6C6F",68')).toMatchObject({ ok: true, value: { text: 'Hello', encoding: '8bit' } })
    expect(parseCusd('+CUSD: 0,"48656C6C6F",15', { charset: 'HEX' })).toMatchObject({ ok: true, value: { text: 'Hello', encoding: 'gsm7-unpacked' } })
  })

  it('CBS data coding (23.038 §5)', () => {
    expect([0x0f, 0x00, 0x48, 0x44, 0x11, 0xf4, 0xf0, 0x40].map(cbsAlphabet)).toEqual(['gsm7', 'gsm7', 'ucs2', '8bit', 'ucs2', '8bit', 'gsm7', 'gsm7'])
  })

  it('errors', () => {
    expect(parseCusd('+CUSD: ,"x",15')).toMatchObject({ ok: false, error: { kind: 'malformed' } })
    expect(parseCusd('OK')).toMatchObject({ ok: false, error: { kind: 'empty' } })
    expect(parseCusd('+CME ERROR: 30')).toMatchObject({ ok: false, error: { kind: 'device-error' } })
  })
})
