// Codecs: GSM 7-bit (23.038), UCS2, USSD packing, SMS PDU decode (23.040), SMS-SUBMIT encode, concatenation.
// PDUs are published ones; each row names its source:
//   MM      linux-mobile-broadband/ModemManager src/tests/test-sms-part-3gpp.c
//   PM      pmarti/python-messaging messaging/test/test_sms.py
//   SMSLIB  frontlinesms/smslib src/test/java/org/smslib/CServiceTest.java (a real +CMGL capture)
//   NSP     futomi/node-sms-pdu README.md
//   WARTHOG warthog618/sms encoding/tpdu/tpdu_test.go
import { describe, expect, it } from 'vitest'
import { assembleConcatenated } from '../../src/devices/at/codecs/concat'
import { decodeGsm7, encodeGsm7, isGsm7, packSeptets, unencodableGsm7, unpackSeptets } from '../../src/devices/at/codecs/gsm7'
import { bytesToHex, hexToBytes } from '../../src/devices/at/codecs/hex'
import { decodeSmsPdu, decodeTimestamp, type DecodedSms, type SmsDeliver } from '../../src/devices/at/codecs/sms-pdu'
import { encodeAddress, encodeRelativeValidity, encodeSmsSubmit } from '../../src/devices/at/codecs/sms-submit'
import { decodeUcs2Hex, encodeUcs2Hex } from '../../src/devices/at/codecs/ucs2'
import { decodeUssdPacked, encodeUssdPacked } from '../../src/devices/at/codecs/ussd'

function deliver(hex: string): SmsDeliver {
  const result = decodeSmsPdu(hex)
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`)
  if (result.value.type !== 'deliver') throw new Error('not a deliver PDU')
  return result.value
}

describe('GSM 7-bit', () => {
  it('maps the default alphabet and the extension table (23.038 §6.2.1)', () => {
    expect(encodeGsm7('@£$¥')).toEqual([0x00, 0x01, 0x02, 0x03])
    expect(encodeGsm7('ΔΦΓΛΩΠΨΣΘΞ')).toEqual([0x10, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a])
    expect(encodeGsm7('[]{}€|^~\\')).toEqual([0x1b, 0x3c, 0x1b, 0x3e, 0x1b, 0x28, 0x1b, 0x29, 0x1b, 0x65, 0x1b, 0x40, 0x1b, 0x14, 0x1b, 0x3d, 0x1b, 0x2f])
    expect(decodeGsm7(encodeGsm7('Hello [World] €5 ¿äöñüà') ?? [])).toBe('Hello [World] €5 ¿äöñüà')
    expect(encodeGsm7('日本')).toBeNull()
    expect(isGsm7('é')).toBe(true)
    expect(unencodableGsm7('aé日b本日')).toEqual(['日', '本'])
  })

  it('shows the base character for an unknown escape, drops a trailing escape (23.038 §6.2.1.1)', () => {
    expect(decodeGsm7([0x1b, 0x41])).toBe('A')
    expect(decodeGsm7([0x41, 0x1b])).toBe('A')
  })

  it('packs and unpacks septets, also with fill bits', () => {
    // "hellohello" from MM test_pdu3: E8 32 9B FD 46 97 D9 EC 37.
    const septets = encodeGsm7('hellohello') ?? []
    expect(bytesToHex(packSeptets(septets))).toBe('E8329BFD4697D9EC37')
    expect(decodeGsm7(unpackSeptets(hexToBytes('E8329BFD4697D9EC37') ?? [], 10))).toBe('hellohello')
    for (let fill = 0; fill <= 6; fill++) {
      const packed = packSeptets(septets, fill)
      expect(unpackSeptets(packed, septets.length, fill)).toEqual(septets)
    }
    // 8 septets fill exactly 7 octets.
    expect(packSeptets(encodeGsm7('12345678') ?? [])).toHaveLength(7)
    expect(unpackSeptets([0xff], 10)).toHaveLength(1) // stops when the octets run out
  })
})

describe('UCS2 and hex', () => {
  it('round-trips Japanese and emoji', () => {
    expect(encodeUcs2Hex('こんにちわ')).toBe('30533093306B3061308F') // NSP quick start 2
    expect(decodeUcs2Hex('30533093306B3061308F')).toEqual({ ok: true, value: 'こんにちわ' })
    expect(decodeUcs2Hex(encodeUcs2Hex('ok 👍'))).toEqual({ ok: true, value: 'ok 👍' })
    expect(decodeUcs2Hex('D83D0041')).toEqual({ ok: true, value: '\ufffdA' })
    expect(decodeUcs2Hex('306')).toMatchObject({ ok: false })
    expect(hexToBytes('0G')).toBeNull()
    expect(hexToBytes('ABC')).toBeNull()
  })
})

describe('USSD packing (device-protocols.md §4.4)', () => {
  it('"*100#" ↔ AA180C3602', () => {
    expect(encodeUssdPacked('*100#')).toBe('AA180C3602')
    expect(decodeUssdPacked('AA180C3602')).toEqual({ ok: true, value: '*100#' })
  })

  it('pads 7-septet requests with CR and removes it again', () => {
    const hex = encodeUssdPacked('*101*1#') ?? ''
    expect(hexToBytes(hex)).toHaveLength(7)
    expect(unpackSeptets(hexToBytes(hex) ?? [], 8).at(-1)).toBe(0x0d)
    expect(decodeUssdPacked(hex)).toEqual({ ok: true, value: '*101*1#' })
    expect(encodeUssdPacked('日本')).toBeNull()
  })
})

describe('decodeSmsPdu: SMS-DELIVER', () => {
  it('the textbook GSM 7-bit example (PM test_decoding_7bit_pdu_data)', () => {
    const sms = deliver('07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07')
    expect(sms.text).toBe('How are you?')
    expect(sms.smsc).toEqual({ number: '+31624000000', type: 0x91, alphanumeric: false })
    expect(sms.originator).toEqual({ number: '+31641600986', type: 0x91, alphanumeric: false })
    expect([sms.pid, sms.dcs.alphabet]).toEqual([0, 'gsm7'])
    // SCTS 20 80 62 91 73 14 08: 2002-08-26 19:37:41; TZ octet 0x08 has the sign bit set and zero quarters.
    expect(sms.timestamp).toMatchObject({ year: 2002, month: 8, day: 26, hour: 19, minute: 37, second: 41, tzQuarterHours: -0 })
    expect(sms.timestamp.iso).toBe('2002-08-26T19:37:41+00:00')
  })

  it('the same header with UD C8329BFD065DDF72363904 is "Hello World!" (the PDU given as "hellohello")', () => {
    expect(deliver('07911326040000F0040B911346610089F60000208062917314080CC8329BFD065DDF72363904').text).toBe('Hello World!')
  })

  it('"hellohello" (MM test_pdu3): Z time zone, national number variant', () => {
    const hex = '07912143658709F1040B918100551512F20000111010214365000AE8329BFD4697D9EC37'
    const sms = deliver(hex)
    expect([sms.smsc?.number, sms.originator.number, sms.text, sms.timestamp.iso]).toEqual(['+12345678901', '+18005551212', 'hellohello', '2011-01-01T12:34:56+00:00'])
    // test_pdu3_natl: type 0x81 → no "+".
    expect(deliver(hex.replace('040B9181', '040B8181')).originator.number).toBe('18005551212')
  })

  it('extension characters and a negative time zone (MM test_pdu1)', () => {
    const hex =
      '07912104442961F4040B916171957291F800001120821105050A6AC8B2BC7C9A83C220F6DB7D2ECB41EDF27C1E3E97411BDE06754FD3D1A0F9BB5D0695F1F4B29B5C2683C6E8B03C3CA697E5F34D6AE303D1D1F2F7DD0D4ABB59A0797D8C0685E7A00028EC26832A960B28EC2683BE6050780EBA97D96C17'
    const sms = deliver(hex)
    expect(sms.text).toBe("Here's a longer message [{with some extended characters}] thrown in, such as £ and ΩΠΨ and §¿ as well.")
    expect(sms.timestamp.iso).toBe('2011-02-28T11:50:50-05:00')
    expect(sms.timestamp.epochMs).toBe(Date.UTC(2011, 1, 28, 16, 50, 50))
  })

  it('alphanumeric senders, odd and even length (PM test_decoding_number_alphanumeric)', () => {
    const fonic = deliver(
      '07919471060040340409D0C6A733390400009060920173018093CC74595C96838C4F6772085AD6DDE4320B444E9741D4B03C6D7EC3E9E9B71B9474D3CB727799DEA286CFE5B9991DA6CBC3F432E85E9793CBA0F09A9EB6A7CB72BA0B9474D3CB727799DE72D6E9FABAFB0CBAA7E56490BA4CD7D34170F91BE4ACD3F575F7794E0F9F4161F1B92C2F8FD1EE32DD054AA2E520E3D3991C82A8E5701B'
    )
    expect(fonic.originator).toEqual({ number: 'FONIC', type: 0xd0, alphanumeric: true })
    expect(fonic.text).toBe('Lieber FONIC Kunde, die Tarifoption Internet-Tagesflatrate wurde aktiviert. Internet-Nutzung wird jetzt pro Nutzungstag abgerechnet. Ihr FONIC Team')
    const tim = deliver('07919333852804000412D0F7FBDD454FB75D693A0000903002801153402BCD301E9F0605D9E971191483C140412A35690D52832063D2F9040599A058EE05A3BD6430580E')
    expect([tim.originator.number, tim.text, tim.smsc?.number]).toEqual(['www.tim.it', 'Maxxi Alice 100 ATTIVATA FINO AL 19/04/2009', '+393358824000'])
  })

  it('UCS2 from an alphanumeric sender (MM test_pdu2) and Chinese (PM test_decoding_ucs2_pdu)', () => {
    const russian = deliver('07919730071111F10414D04937BD2C7797E9D3E614000811309291024061080442043504410442')
    expect([russian.originator.number, russian.text, russian.dcs.alphabet, russian.timestamp.iso]).toEqual(['InternetSMS', 'тест', 'ucs2', '2011-03-29T19:20:04+04:00'])
    const chinese = deliver('07914306073011F0040B914316709807F2000880604290224080084E2D5174901A8BAF')
    expect([chinese.text, chinese.smsc?.number, chinese.originator.number]).toEqual(['中兴通讯', '+34607003110', '+34610789702'])
  })

  it('8-bit data keeps the bytes and has no text (MM test_pdu3_8bit, test_pdu_dcsf_8bit)', () => {
    const sms = deliver('07912143658709F1040B918100551512F20004111010214365000AE8329BFD4697D9EC37DE')
    expect(sms.text).toBeUndefined()
    expect(sms.data).toBe('E8329BFD4697D9EC37DE')
    const classF = deliver('07912143658709F1040B918100551512F200F4111010214365000AE8329BFD4697D9EC37DE')
    expect(classF.dcs).toEqual({ raw: 0xf4, alphabet: '8bit', messageClass: 0, compressed: false })
  })

  it('group-F class 1 GSM text and a national sender (MM test_pdu_dcsf1)', () => {
    const hex =
      '07913306091093F0040485810000F111604231805180A049B7F90D9A1AA5A01668F8769BD3E4B29B9E2EB359A03FC85D06A9C3ED707A0EA2CBC3EE79BB4CA7CBCBA05643617DA7C76990FD4D979741EE77DD5E0ED741ED371D442E83E0E1F9BC0CD281E677D9B84C06C1DF7539E85C9097E520FB9B2E2F83C6EF369C5E064D8D52D0BC2E07DDEF77D7DC2C7799E5A0771D040FCB41F402BB0047BFDD6550B80ECAD966'
    const sms = deliver(hex)
    expect(sms.originator.number).toBe('1800')
    expect(sms.dcs).toMatchObject({ alphabet: 'gsm7', messageClass: 1 })
    expect(sms.text).toBe(
      'Info SFR - Confidentiel, à ne jamais transmettre -\r\nVoici votre nouveau mot de passe : sw2ced pour gérer votre compte SFR sur www.sfr.fr ou par téléphone au 963'
    )
    expect(sms.timestamp.iso).toBe('2011-06-24T13:08:15+02:00')
  })

  it('8-bit concatenation header IE 0x00 (MM test_pdu_multipart, part 1)', () => {
    const sms = deliver(
      '07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB0C9297E1F2F2BCECA6CF41'
    )
    expect(sms.udh).toEqual([{ iei: 0, data: '4C0201' }])
    expect(sms.concat).toEqual({ reference: 0x4c, total: 2, sequence: 1, referenceBits: 8 })
    expect(sms.text).toBe(
      'This is a very long test designed to exercise multi part capability. It should show up as one message, not as two, as the underlying encoding represents '
    )
  })

  it('16-bit concatenation header IE 0x08 (SMSLIB +CMGL capture, index 11)', () => {
    const sms = deliver('0791449737709499440C914487732760570000807051117230401F06080400230202ED73FBDC3EB7CFED33FC0EBFC3EFF07BFC0EBFC301')
    expect(sms.concat).toEqual({ reference: 0x0023, total: 2, sequence: 2, referenceBits: 16 })
    expect(sms.originator.number).toBe('+447837720675')
    expect(sms.timestamp.iso).toBe('2008-07-15T11:27:03+01:00')
    expect(sms.text).toBe('mgmgmgmgmgpwpwpwpwqwpwp')
  })

  it('SMS-SUBMIT stored by us (MM test_pdu_stored_by_us) and Japanese UCS2 (NSP quick start 2)', () => {
    const stored = decodeSmsPdu('002100098136397339F70008224F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60')
    expect(stored).toMatchObject({ ok: true, value: { type: 'submit', destination: { number: '639337937' }, text: '你好你好你好你好你好你好你好你好你' } })
    const japanese = decodeSmsPdu('0001000B819010325476F800080A30533093306B3061308F')
    expect(japanese).toMatchObject({ ok: true, value: { type: 'submit', destination: { number: '09012345678', type: 0x81 }, text: 'こんにちわ' } })
  })

  it('SMS-STATUS-REPORT is reported as unsupported (MM test_pdu_not_stored)', () => {
    expect(decodeSmsPdu('07914356060013F1065A098136397339F7219011700463802190117004638030')).toMatchObject({ ok: false, error: { kind: 'unsupported' } })
  })

  it.each([
    // MM invalid-PDU cases (test_pdu_*), as bytes including the SMSC length octet
    ['07912143658709F1040B918100551512F20000111010214365000BE8329BFD4697D9EC37', 'UDL longer than UD (test_pdu_insufficient_data)'],
    ['000ABF00', 'no address (test_pdu_no_address)'],
    ['001C011C', 'wrong address size (test_pdu_wrong_address_size)'],
    ['004100010100014B00002E', 'wrong user data size (test_pdu_wrong_user_data_elements_size)'],
    ['00F101010C0000000000', 'wrong UDH (test_pdu_wrong_udh)'],
    // PM alphanumeric PDU cut after the timestamp / one hex digit short (test_decoding_odd_length_pdu_strict…)
    ['07919471060040340409D0C6A7333904000090609201730180', 'cut after the timestamp'],
    ['07919471060040340409D0C6A733390400009060920173018093CC7', 'odd length'],
    ['', 'empty']
  ])('%s is an error, not an exception (%s)', (hex) => {
    const result = decodeSmsPdu(hex)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.kind).not.toBe('internal')
  })

  it('decodes the time zone sign from bit 3 (23.040 §9.2.3.11)', () => {
    expect(decodeTimestamp([0x11, 0x60, 0x42, 0x31, 0x80, 0x51, 0x80]).tzQuarterHours).toBe(8)
    expect(decodeTimestamp([0x11, 0x20, 0x82, 0x11, 0x05, 0x05, 0x0a]).tzQuarterHours).toBe(-20)
    expect(decodeTimestamp([0x11, 0x20, 0x82, 0x11, 0x05, 0x05, 0x0a]).iso).toBe('2011-02-28T11:50:50-05:00')
    expect(decodeTimestamp([0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]).epochMs).toBeNull()
  })
})

describe('encodeSmsSubmit', () => {
  it.each([
    // MM PDU-Creator tests (validity 5 → TP-VP 0x00, first octet 0x11)
    [
      { to: '+15555551234', text: 'Hi there...Tue 17th Jan 2012 05:30.18 pm (GMT+1) ΔΔΔΔΔ', smsc: '+19037029920', validityMinutes: 5 },
      '07919130079229F011000B915155551532F400000036C834888E2ECBCB2E978B5A2F8362373A1AA40CBB4132584C0682D57433982B8603C1DB20D4B1495DC552200804028100',
      8
    ],
    [
      { to: '+15555551234', text: 'Hi there...Tue 17th Jan 2012 05:30.18 pm (GMT+1) ΔΔΔΔΔ', validityMinutes: 5 },
      '0011000B915155551532F400000036C834888E2ECBCB2E978B5A2F8362373A1AA40CBB4132584C0682D57433982B8603C1DB20D4B1495DC552200804028100',
      1
    ],
    [{ to: '+15556661234', text: 'This is really cool ΔΔΔΔΔ', validityMinutes: 5 }, '0011000B915155661632F40000001954747A0E4ACF41F27298CDCE83C6EF371B0481402010', 1],
    [{ to: '+15556661234', text: 'This is really cool ΔΔΔΔΔ' }, '0001000B915155661632F400001954747A0E4ACF41F27298CDCE83C6EF371B0481402010', 1],
    [
      { to: '+15555551234', text: 'Да здравствует король, детка!', smsc: '+19037029920', validityMinutes: 5 },
      '07919130079229F011000B915155551532F40008003A041404300020043704340440043004320441044204320443043504420020043A043E0440043E043B044C002C0020043404350442043A04300021',
      8
    ],
    // NSP quick starts 1 and 2
    [{ to: '09012345678', text: 'How are you doing?' }, '0001000B819010325476F8000012C8F71D14969741F9771D447EA7DDE71F', 1],
    [{ to: '09012345678', text: 'こんにちわ' }, '0001000B819010325476F800080A30533093306B3061308F', 1]
  ])('%j', (options, pdu, smscOctets) => {
    const result = encodeSmsSubmit(options)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toHaveLength(1)
    expect(result.value[0]?.pdu).toBe(pdu)
    expect(result.value[0]?.tpduLength).toBe(pdu.length / 2 - smscOctets)
  })

  it('splits long GSM text into 153-septet parts with an 8-bit reference (NSP quick start 3)', () => {
    const text =
      'SMS (short message service) is a text messaging service component of most telephone, Internet, and mobile device systems. It uses standardized communication protocols to enable mobile devices to exchange short text messages. An intermediary service can facilitate a text-to-voice conversion to be sent to landlines.'
    const result = encodeSmsSubmit({ to: '09012345678', text, concatReference: 0 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.map((part) => [part.tpduLength, part.sequence, part.total])).toEqual([
      [153, 1, 3],
      [153, 2, 3],
      [27, 3, 3]
    ]) // NSP's "length" (PDU minus the SMSC octet): 153, 153, 27
    // NSP prints only the start of parts 1 and 2, and part 3 whole.
    expect(result.value[0]?.pdu.startsWith('0041000B819010325476F80000A0050003000301A6CD29083547BFE57450BB')).toBe(true)
    expect(result.value[1]?.pdu.startsWith('0041000B819010325476F80000A0050003000302D26F37082E7FD3DFE3377B')).toBe(true)
    expect(result.value[2]?.pdu).toBe('0041000B819010325476F8000010050003000303C26E323BED2ECF5D')
    const decoded = result.value.map((part) => decodeSmsPdu(part.pdu))
    expect(decoded.map((item) => (item.ok ? item.value.text : '')).join('')).toBe(text)
  })

  it('uses 152-septet parts with a 16-bit reference (WARTHOG "three segment 7bit with16BitConcatRef")', () => {
    const text =
      'this is a very long message that does not fit in a single SMS message, at least it will if I keep adding more to it as 160 characters is more than you might think, but wait, then we also need a really really long message to trigger a three segment concatenation which requires even more characters than I care to count'
    const result = encodeSmsSubmit({ to: '+1234', text, concat16: true, concatReference: 0x507 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const parts = result.value.map((part) => {
      const decoded = decodeSmsPdu(part.pdu)
      if (!decoded.ok) throw new Error(decoded.error.message)
      return decoded.value
    })
    expect(parts.map((part) => part.text)).toEqual([
      'this is a very long message that does not fit in a single SMS message, at least it will if I keep adding more to it as 160 characters is more than you m',
      'ight think, but wait, then we also need a really really long message to trigger a three segment concatenation which requires even more characters than I',
      ' care to count'
    ])
    expect(parts.map((part) => part.concat)).toEqual([1, 2, 3].map((sequence) => ({ reference: 0x507, total: 3, sequence, referenceBits: 16 })))
    expect(parts[0]?.udh).toEqual([{ iei: 8, data: '05070301' }])
  })

  it('never splits an escape pair or a surrogate pair', () => {
    const gsm = encodeSmsSubmit({ to: '+1555', text: `${'a'.repeat(152)}€${'b'.repeat(20)}` })
    expect(gsm.ok).toBe(true)
    if (gsm.ok) {
      const texts = gsm.value.map((part) => {
        const decoded = decodeSmsPdu(part.pdu)
        return decoded.ok ? decoded.value.text : ''
      })
      expect(texts[0]).toBe('a'.repeat(152))
      expect(texts[1]?.startsWith('€')).toBe(true)
    }
    const emoji = encodeSmsSubmit({ to: '+1555', text: `${'あ'.repeat(66)}😀${'い'.repeat(10)}` })
    expect(emoji.ok).toBe(true)
    if (emoji.ok) {
      const texts = emoji.value.map((part) => {
        const decoded = decodeSmsPdu(part.pdu)
        return decoded.ok ? decoded.value.text : ''
      })
      expect(texts[0]).toBe('あ'.repeat(66))
      expect(texts[1]?.startsWith('😀')).toBe(true)
      expect(texts.join('')).toBe(`${'あ'.repeat(66)}😀${'い'.repeat(10)}`)
    }
  })

  it('part counts at the boundaries (PM TestSmsSubmit gsm/egsm/unicode cases)', () => {
    const count = (text: string) => {
      const result = encodeSmsSubmit({ to: '+1555', text })
      return result.ok ? result.value.length : -1
    }
    expect(count('a'.repeat(160))).toBe(1)
    expect(count('a'.repeat(161))).toBe(2)
    expect(count('€'.repeat(80))).toBe(1)
    expect(count('€'.repeat(153))).toBe(3) // 306 septets
    expect(count('日'.repeat(70))).toBe(1)
    expect(count(`${'日'.repeat(70)}a`)).toBe(2)
    expect(count('日'.repeat(67 * 2))).toBe(2)
    expect(count(`${'日'.repeat(67 * 3)}a`)).toBe(4)
  })

  it('address and validity encodings (MM Address-Encoder tests, 23.040 §9.2.3.12.1)', () => {
    expect(bytesToHex(encodeAddress('+19037029920', true) ?? [])).toBe('07919130079229F0')
    expect(bytesToHex(encodeAddress('9037029920', true) ?? [])).toBe('06810973209902')
    expect(bytesToHex(encodeAddress('+19037029920', false) ?? [])).toBe('0B919130079229F0')
    expect(bytesToHex(encodeAddress('9037029920', false) ?? [])).toBe('0A810973209902')
    expect(encodeAddress('12ab', false)).toBeNull()
    expect([5, 60, 720, 750, 1440, 2 * 1440, 30 * 1440, 5 * 7 * 1440].map(encodeRelativeValidity)).toEqual([0, 11, 143, 144, 167, 168, 196, 197])
    expect(encodeRelativeValidity(1)).toBeUndefined()
  })

  it('refuses what it cannot encode', () => {
    expect(encodeSmsSubmit({ to: 'not a number', text: 'x' })).toMatchObject({ ok: false, error: { kind: 'malformed' } })
    expect(encodeSmsSubmit({ to: '+1555', text: '日本', encoding: 'gsm7' })).toMatchObject({ ok: false, error: { kind: 'out-of-range' } })
    expect(encodeSmsSubmit({ to: '+1555', text: 'x'.repeat(153 * 256) })).toMatchObject({ ok: false, error: { kind: 'out-of-range' } })
    expect(encodeSmsSubmit({ to: '+1555', text: 'x', concatReference: 256 })).toMatchObject({ ok: false, error: { kind: 'out-of-range' } })
    expect(encodeSmsSubmit({ to: '+1555', text: 'hi', encoding: 'ucs2' })).toMatchObject({ ok: true, value: [{ encoding: 'ucs2' }] })
    // First octet 0x21 (SUBMIT + status report request), DCS 0x10 (class 0), "hi" packed = E8 34.
    expect(encodeSmsSubmit({ to: '+1555', text: 'hi', messageClass: 0, requestStatusReport: true })).toMatchObject({
      ok: true,
      value: [{ pdu: '00210004915155001002E834' }]
    })
  })
})

describe('assembleConcatenated', () => {
  const part1 = deliver(
    '07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB0C9297E1F2F2BCECA6CF41'
  )
  const part2 = deliver(
    '07912160130320F6440B916171056429F5000021405291651569320500034C0202E9E8301D44479741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10'
  )
  const single = deliver('07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07')

  it('joins a 2-part message in any order (MM test_pdu_multipart)', () => {
    const result = assembleConcatenated<DecodedSms>([part2, single, part1])
    expect(result.incomplete).toEqual([])
    expect(result.messages.map((message) => [message.sender, message.total, message.parts.length])).toEqual([
      ['+16175046925', 2, 2],
      ['+31641600986', 1, 1]
    ])
    expect(result.messages[0]?.text).toBe(
      'This is a very long test designed to exercise multi part capability. It should show up as one message, not as two, as the underlying encoding represents that the parts are related to one another. '
    )
  })

  it('reports missing parts and duplicates', () => {
    const lonely = deliver('0791449737709499440C914487732760570000807051117230401F06080400230202ED73FBDC3EB7CFED33FC0EBFC3EFF07BFC0EBFC301')
    const result = assembleConcatenated<DecodedSms>([part1, lonely, part1])
    expect(result.messages).toEqual([])
    expect(result.incomplete.map((item) => [item.sender, item.reference, item.total, item.received, item.missing])).toEqual([
      ['+16175046925', 0x4c, 2, [1], [2]],
      ['+447837720675', 0x23, 2, [2], [1]]
    ])
    expect(result.duplicates).toEqual([part1])
  })

  it('keeps parts from different senders with the same reference apart (PM German multipart)', () => {
    const german = [
      '07919471227210244405852122F039F101506271217180A005000319020198E9B2B82C0759DFE4B0F9ED2EB7967537B9CC02B5D37450122D2FCB41EE303DFD7687D96537881A96A7CD6F383DFD7683F46134BBEC064DD36550DA0D22A7CBF3721BE42CD3F5A0198B56036DCA20B8FC0D6A0A4170767D0EAAE540433A082E7F83A6E5F93CFD76BB40D7B2DB0D9AA6CB2072BA3C2F83926EF31BE44E8FD17450BB8C9683CA',
      '07919471227210244405852122F039F1015062712181804F050003190202E4E8309B5E7683DAFC319A5E76B340F73D9A5D7683A6E93268FD9ED3CB6EF67B0E5AD172B19B2C2693C9602E90355D6683A6F0B007946E8382F5393BEC26BB00'
    ].map(deliver)
    const result = assembleConcatenated<DecodedSms>([...german, part1])
    expect(result.messages).toHaveLength(1)
    expect(result.messages[0]?.text).toBe(
      'Lieber Vodafone-Kunde, mit Ihrer nationalen Tarifoption zahlen Sie in diesem Netz 3,45 € pro MB plus 59 Ct pro Session. Wenn Sie diese Info nicht mehr erhalten möchten, wählen Sie kostenlos +4917212220. Viel Spaß im Ausland.'
    )
    expect(result.incomplete).toHaveLength(1)
  })
})
