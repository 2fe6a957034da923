// Redaction of the diagnostics bundle, value by value: every written form of a known identifier, shapes of
// unknown ones, secrets by name, SMS text, stable placeholders, and the opt-ins.
import { describe, expect, it } from 'vitest'
import { asciiDigits, isLuhnValid, Redactor, swapNibbles } from '../../src/diagnostics/redact'

const IMEI = '861234567890127' // Luhn-valid
const IMSI = '440103123456789'
const ICCID = '8981100012345678901'
const MSISDN = '+819012345678'
const WIFI_KEY = 'kx7Qp2mZ9wLr'
const SMS = 'Your verification code is 4417. Call 03-1234-5678 if this was not you.'

const known = { imei: [IMEI], imsi: [IMSI], iccid: [ICCID], msisdn: [MSISDN], wifiKey: [WIFI_KEY], smsText: [SMS] }
const strict = () => new Redactor({ identifiers: false, smsText: false }, known)

function fullWidth(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x30 + 0xff10)).replace(/-/g, '－')
}

describe('helpers', () => {
  it('swaps nibbles as SIM files store digits, padding odd lengths with F', () => {
    expect(swapNibbles('8981100012345678901')).toBe('98180100214365870919'.slice(0, 18) + 'F1')
    expect(swapNibbles('1234')).toBe('2143')
    expect(asciiDigits('０９０')).toBe('090')
    expect(isLuhnValid(IMEI)).toBe(true)
    expect(isLuhnValid('861234567890128')).toBe(false)
  })
})

describe('known identifiers in every form', () => {
  const cases: Array<[string, string, string]> = [
    ['IMEI', IMEI, '<IMEI-1>'],
    ['IMEI 14 digits (history key)', `imei:${IMEI.slice(0, 14)}`, 'imei:<IMEI-1>'],
    ['IMEISV', `${IMEI.slice(0, 14)}07`, '<IMEI-1>'],
    ['IMEI grouped', '86-123456-789012-8', '<IMEI-1>'],
    ['IMEI full-width', fullWidth(IMEI), '<IMEI-1>'],
    ['IMSI', `+CIMI: ${IMSI}`, '+CIMI: <IMSI-1>'],
    ['ICCID', ICCID, '<ICCID-1>'],
    ['ICCID with F pad', `${ICCID}F`, '<ICCID-1>'],
    ['ICCID swapped (EF_ICCID via +CRSM)', `+CRSM: 144,0,"${swapNibbles(ICCID)}"`, '+CRSM: 144,0,"<ICCID-1>"'],
    ['ICCID swapped lower case', swapNibbles(ICCID).toLowerCase(), '<ICCID-1>'],
    ['MSISDN E.164', MSISDN, '<MSISDN-1>'],
    ['MSISDN grouped international', '+81 90-1234-5678', '<MSISDN-1>'],
    ['MSISDN national', '090-1234-5678', '<MSISDN-1>'],
    ['MSISDN national plain', '09012345678', '<MSISDN-1>'],
    ['MSISDN full-width', '０９０－１２３４－５６７８', '<MSISDN-1>'],
    ['MSISDN full-width plus', `＋${fullWidth('81 90 1234 5678')}`, '<MSISDN-1>'],
    ['MSISDN in +CNUM', '+CNUM: "","+819012345678",145', '+CNUM: "","<MSISDN-1>",145'],
    ['MSISDN swapped (PDU semi-octets)', swapNibbles('819012345678'), '<MSISDN-1>']
  ]
  for (const [label, input, expected] of cases) {
    it(label, () => expect(strict().text(input)).toBe(expected))
  }

  it('gives one value one placeholder everywhere, and different values different numbers', () => {
    const redactor = new Redactor({ identifiers: false, smsText: false }, { imei: [IMEI, '356938035643809'] })
    expect(redactor.text(`${IMEI} 356938035643809 ${IMEI.slice(0, 14)}`)).toBe('<IMEI-1> <IMEI-2> <IMEI-1>')
    expect(redactor.redactionCounts().imei).toBe(3)
    expect(redactor.distinctCounts().imei).toBe(2)
  })

  it('replaces the serial number wherever it appears', () => {
    const redactor = new Redactor({ identifiers: false, smsText: false }, { serial: ['YU1G0R29J1FLQJF0'] })
    expect(redactor.text('SerialNumber=YU1G0R29J1FLQJF0; <SerialNumber>YU1G0R29J1FLQJF0</SerialNumber>')).toBe(
      'SerialNumber=<SERIAL-1>; <SerialNumber><SERIAL-1></SerialNumber>'
    )
  })

  it('keeps identifiers when the user opts in, but never the Wi-Fi key', () => {
    const redactor = new Redactor({ identifiers: true, smsText: false }, known)
    expect(redactor.text(`${IMEI} ${ICCID} ${MSISDN} key ${WIFI_KEY}`)).toBe(`${IMEI} ${ICCID} ${MSISDN} key <WIFI-KEY-1>`)
  })
})

describe('unknown identifiers by shape', () => {
  const redactor = () => new Redactor({ identifiers: false, smsText: false })
  it('finds ICCIDs, IMEIs and IMSIs nobody told it about', () => {
    expect(redactor().text('iccid 89012604120555014349')).toBe('iccid <ICCID-1>')
    expect(redactor().text('imei 356938035643809')).toBe('imei <IMEI-1>')
    expect(redactor().text('imsi 310260412055501')).toBe('imsi <IMSI-1>')
  })

  it('finds international and grouped national phone numbers', () => {
    expect(redactor().text('call +1 206 555 0143 now')).toBe('call <PHONE-1> now')
    expect(redactor().text('call (206) 555-0143 now')).toBe('call (<PHONE-1> now'.replace('(<', '<'))
    expect(redactor().text('call 03-1234-5678')).toBe('call <PHONE-1>')
  })

  it('leaves ordinary numbers alone: times, readings, counters, addresses, versions', () => {
    const text =
      '2026-11-22T18:30:00.000Z,1763836200000,-95,-11,12.5,-67,4,lte,3,0x1A2B3C,home,connected,123456789,987654321\n' +
      'ipv4 10.20.30.40 firmware 21.110.99.03.00 rsrp -101 dBm 0.1234567891'
    expect(redactor().text(text)).toBe(text)
  })
})

describe('secrets', () => {
  it('redacts passwords, tokens, cookies and keys by name in JSON, XML, headers and key=value text', () => {
    const redactor = strict()
    expect(redactor.text('{"password":"hunter22","username":"admin"}')).toBe('{"password":"<SECRET-1>","username":"admin"}')
    expect(redactor.text('<WifiWpapsk>abc12345</WifiWpapsk>')).toBe('<WifiWpapsk><WIFI-KEY-1></WifiWpapsk>')
    expect(redactor.text('Cookie: SessionID=abcdef0123')).toBe('Cookie: <SECRET-2>')
    expect(redactor.text('__RequestVerificationToken: Zm9vYmFy')).toBe('__RequestVerificationToken: <SECRET-3>')
    expect(redactor.text('GET /goform/goform_get_cmd_process?AD=8f3a2b&isTest=false')).toBe('GET /goform/goform_get_cmd_process?AD=<SECRET-4>&isTest=false')
    expect(redactor.text(`joined with ${WIFI_KEY}`)).toBe('joined with <WIFI-KEY-2>')
    expect(redactor.text('+CGAUTH: 1,1,"mio@iij","iij-pass"')).toBe('+CGAUTH: 1,1,"mio@iij","<SECRET-5>"')
    expect(redactor.text('+CGAUTH: 2,0,""')).toBe('+CGAUTH: 2,0,""')
    expect(redactor.text('^AUTHDATA: 1,2,"","s3cret","user"')).toBe('^AUTHDATA: 1,2,"","<SECRET-6>","user"')
  })

  it('redacts secret-named properties whatever their type when walking JSON', () => {
    const out = strict().json({ apn: { name: 'iij', password: 'iij', username: 'mio@iij' }, pin: 1234, imei: IMEI, nested: [{ token: 't0k3n' }] })
    expect(out).toEqual({ apn: { name: 'iij', password: '<SECRET-1>', username: 'mio@iij' }, pin: '<SECRET-2>', imei: '<IMEI-1>', nested: [{ token: '<SECRET-3>' }] })
  })

  it('redacts an identifier sent as a JSON number', () => {
    expect(strict().json({ imei: Number(IMEI) })).toEqual({ imei: '<IMEI-1>' })
  })
})

describe('SMS text', () => {
  it('replaces message text with a placeholder, here and wherever it appears (also as UCS-2 hex)', () => {
    const redactor = strict()
    expect(redactor.smsText(SMS)).toBe('<SMS-TEXT-1>')
    expect(redactor.text(`log: got "${SMS}"`)).toBe('log: got "<SMS-TEXT-1>"')
    const ucs2 = Buffer.from(SMS, 'utf16le').swap16().toString('hex')
    expect(redactor.text(`content=${ucs2}`)).toBe('content=<SMS-TEXT-1>')
  })

  it('keeps text when opted in, still without the phone number inside it', () => {
    const redactor = new Redactor({ identifiers: false, smsText: true }, known)
    expect(redactor.smsText(SMS)).toBe('Your verification code is 4417. Call <PHONE-1> if this was not you.')
  })

  it('keeps a PDU only when both text and identifiers are kept', () => {
    const pdu = '07918190000000F0040B918190214365F8000862112291000000'
    expect(new Redactor({ identifiers: false, smsText: true }).smsPdu(pdu)).toBe('<SMS-TEXT-1>')
    expect(new Redactor({ identifiers: true, smsText: false }).smsPdu(pdu)).toBe('<SMS-TEXT-1>')
    expect(new Redactor({ identifiers: true, smsText: true }).smsPdu(pdu)).toBe(pdu)
  })
})

describe('large text', () => {
  it('redacts in chunks with the same result and placeholders as in one go, yielding between chunks', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? `row ${i} imei ${IMEI} key ${WIFI_KEY}` : `row ${i},-95,12.5,1763836200000`))
    const text = lines.join('\n')
    let turns = 0
    const chunked = await strict().textInChunks(text, async () => void turns++, 8)
    expect(chunked).toBe(strict().text(text))
    expect(turns).toBe(6)
    expect(chunked).not.toContain(IMEI)
  })
})
