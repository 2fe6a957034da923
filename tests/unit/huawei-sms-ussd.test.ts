// SMS and USSD parsers and builders (reference/device-protocols.md §1.12, §1.13). Fixtures follow the shapes in
// Salamek/huawei-lte-api (Sms.py Message.to_dict field order) and the public issue reports it links
// (pablo/huawei-modem-python-api-client#13: Count is the box total; indexes from 40000).
import { describe, expect, it } from 'vitest'
import {
  formatSmsDate,
  isGsm7Text,
  normalizeSmsRecipient,
  parseSendStatus,
  parseSmsCount,
  parseSmsDate,
  parseSmsList,
  sendSmsRequest,
  smsListRequest
} from '../../src/devices/families/huawei-hilink/sms'
import { checkUssdAnswer, checkUssdCode, looksLikeMenu, parseUssdBusy, parseUssdReply, ussdSendRequest } from '../../src/devices/families/huawei-hilink/ussd'
import { elementToRecord, parseXml, serializeRequest, type XmlRecord } from '../../src/devices/families/huawei-hilink/xml'

function record(xml: string): XmlRecord {
  const parsed = parseXml(xml)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return elementToRecord(parsed.root)
}

const message = (index: number, stat: number, phone: string, content: string, date = '2025-05-20 09:15:02', type = 1) =>
  `<Message><Smstat>${stat}</Smstat><Index>${index}</Index><Phone>${phone}</Phone><Content>${content}</Content><Date>${date}</Date><Sca></Sca><SaveType>4</SaveType><Priority>0</Priority><SmsType>${type}</SmsType></Message>`

describe('sms-list', () => {
  it('sends the B525-safe element order', () => {
    expect(serializeRequest(smsListRequest(2))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><request><PageIndex>2</PageIndex><ReadCount>20</ReadCount><BoxType>1</BoxType><SortType>0</SortType><Ascending>0</Ascending><UnreadPreferred>0</UnreadPreferred></request>'
    )
  })

  it('normalizes a single message and keeps Count as the box total', () => {
    const parsed = parseSmsList(record(`<response><Count>2</Count><Messages>${message(40000, 1, '+34600123456', 'Test message')}</Messages></response>`))
    expect(parsed).toEqual({
      total: 2,
      messages: [{ id: '40000', from: '+34600123456', text: 'Test message', receivedAt: '2025-05-20T09:15:02', read: true }],
      issues: []
    })
  })

  it('reads several, incl. Japanese text, a joined multipart with line breaks, and unread flags', () => {
    const long = 'T-Mobile: You have used 80% of your data.\nReply STOP to end alerts. '.repeat(3).trim()
    const parsed = parseSmsList(
      record(`<response><Count>3</Count><Messages>${message(40003, 0, '+818012345678', '明日の打ち合わせは10時からです。')}${message(40002, 1, '456', long, '2025-05-19 08:00:00', 2)}${message(40001, 0, '456', ' spaced ')}</Messages></response>`)
    )
    expect(parsed.messages.map((m) => [m.id, m.read])).toEqual([
      ['40003', false],
      ['40002', true],
      ['40001', false]
    ])
    expect(parsed.messages[0]!.text).toBe('明日の打ち合わせは10時からです。')
    expect(parsed.messages[1]!.text).toBe(long)
    expect(parsed.messages[2]!.text).toBe(' spaced ') // the message's own whitespace is kept
  })

  it('skips delivery reports (SmsType 7/8) and reports unreadable entries', () => {
    const parsed = parseSmsList(
      record(
        `<response><Count>x</Count><Messages>${message(1, 1, '1', 'report', undefined, 7)}${message(2, 1, '1', 'bad date', '20/05/2025')}<Message><Content>no index</Content></Message>${message(3, 1, '1', 'ok')}</Messages></response>`
      )
    )
    expect(parsed.total).toBeUndefined()
    expect(parsed.messages.map((m) => m.id)).toEqual(['3'])
    expect(parsed.issues.map((issue) => issue.field)).toEqual(['Count', 'Date', 'Index'])
  })

  it.each([
    ['empty Messages', '<response><Count>0</Count><Messages></Messages></response>'],
    ['no Messages', '<response><Count>0</Count></response>'],
    ['nothing', '<response></response>']
  ])('%s → no messages', (_name, xml) => {
    expect(parseSmsList(record(xml)).messages).toEqual([])
  })

  it.each([
    ['2025-05-20 09:15:02', '2025-05-20T09:15:02'],
    ['2025-12-31T23:59:59', '2025-12-31T23:59:59'],
    [' 2025-01-02 03:04:05 ', '2025-01-02T03:04:05'],
    ['2025-13-01 00:00:00', undefined],
    ['2025-05-20', undefined],
    ['yesterday', undefined]
  ])('parseSmsDate(%j) = %j', (raw, iso) => {
    expect(parseSmsDate(raw)).toBe(iso)
  })
})

describe('sms-count', () => {
  it('counts inbox, sent and drafts against LocalMax (home-assistant/core diagnostics snapshot values)', () => {
    const xml =
      '<response><LocalUnread>0</LocalUnread><LocalInbox>5</LocalInbox><LocalOutbox>2</LocalOutbox><LocalDraft>1</LocalDraft><LocalDeleted>0</LocalDeleted><SimUnread>0</SimUnread><SimInbox>0</SimInbox><SimOutbox>0</SimOutbox><SimDraft>0</SimDraft><LocalMax>500</LocalMax><SimMax>30</SimMax><SimUsed>0</SimUsed><NewMsg>0</NewMsg></response>'
    expect(parseSmsCount(record(xml))).toEqual({ used: 8, total: 500 })
  })

  it.each([
    ['no LocalMax', '<response><LocalInbox>5</LocalInbox></response>'],
    ['not numbers', '<response><LocalInbox>five</LocalInbox><LocalMax>500</LocalMax></response>'],
    ['empty', '<response></response>']
  ])('%s → undefined', (_name, xml) => {
    expect(parseSmsCount(record(xml))).toBeUndefined()
  })
})

describe('send-sms', () => {
  it.each([
    ['Running late, 10 min', true],
    ['Price: €5 [promo] {x}', true], // extension table
    ['明日', false],
    ['café', true], // é is in the GSM basic table …
    ['cafá', false], // … á is not
    ['emoji 🙂', false]
  ])('isGsm7Text(%j) = %s', (text, gsm) => {
    expect(isGsm7Text(text)).toBe(gsm)
  })

  it('builds the request in Salamek order, with Reserved by alphabet and Length in code points', () => {
    const date = new Date(2025, 4, 20, 9, 5, 7)
    expect(serializeRequest(sendSmsRequest('+12065550199', 'hi 🙂', date))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><request><Index>-1</Index><Phones><Phone>+12065550199</Phone></Phones><Sca></Sca><Content>hi 🙂</Content><Length>4</Length><Reserved>0</Reserved><Date>2025-05-20 09:05:07</Date></request>'
    )
    expect(serializeRequest(sendSmsRequest('456', 'STOP', date))).toContain('<Reserved>1</Reserved>')
    expect(formatSmsDate(date)).toBe('2025-05-20 09:05:07')
  })

  it.each([
    ['+1 (206) 555-0199', '+12065550199'],
    ['456', '456'],
    ['12', undefined],
    ['call me', undefined],
    ['+123456789012345678901', undefined]
  ])('normalizeSmsRecipient(%j) = %j', (raw, normalized) => {
    expect(normalizeSmsRecipient(raw)).toBe(normalized)
  })

  it.each([
    ['<response><Phone>+1206</Phone><SucPhone></SucPhone><FailPhone></FailPhone></response>', 'sending'],
    ['<response><Phone></Phone><SucPhone>+1206</SucPhone><FailPhone></FailPhone></response>', 'sent'],
    ['<response><Phone></Phone><SucPhone>+999;+1206</SucPhone><FailPhone></FailPhone></response>', 'sent'],
    ['<response><Phone></Phone><SucPhone></SucPhone><FailPhone>+1206</FailPhone></response>', 'failed'],
    ['<response></response>', 'sending']
  ])('send-status %s → %s', (xml, kind) => {
    expect(parseSendStatus(record(xml), '+1206').kind).toBe(kind)
  })
})

describe('USSD', () => {
  it('sends content, the literal CodeType and an empty timeout', () => {
    expect(serializeRequest(ussdSendRequest(' *100# '))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><request><content>*100#</content><codeType>CodeType</codeType><timeout></timeout></request>'
    )
  })

  it.each([
    ['*100#', undefined],
    ['#225#', undefined],
    ['*123*1*2#', undefined],
    ['', 'empty'],
    ['   ', 'empty'],
    ['balance', 'not-a-code'],
    ['*1'.repeat(100), 'too-long']
  ])('checkUssdCode(%j) → %j', (code, kind) => {
    expect(checkUssdCode(code)?.kind).toBe(kind)
  })

  it('menu answers may be text but not empty', () => {
    expect(checkUssdAnswer('1')).toBeUndefined()
    expect(checkUssdAnswer('YES')).toBeUndefined()
    expect(checkUssdAnswer(' ')?.kind).toBe('empty')
  })

  it.each([
    ['T-Mobile Prepaid\n1. Balance\n2. Data passes\n0. Exit', true],
    ['Choose:\n1) Balance\n2) Bundles', true],
    ['1- Yes\n2- No', true],
    ['Menu\n1.Balance\n2.Data', true],
    ['Your balance is $12.34.', false],
    ['Balance:\n12.34 USD\n15.00 bonus', false], // decimals are not options
    ['1. Only one option', false],
    ['', false]
  ])('looksLikeMenu(%j) = %s', (text, menu) => {
    expect(looksLikeMenu(text)).toBe(menu)
  })

  it('parses ussd/get content, normalizing line ends and trimming the ends only', () => {
    expect(parseUssdReply(record('<response><content>\r\nMenu\r\n1. A\r\n2. B\r\n</content></response>'))).toEqual({ text: 'Menu\n1. A\n2. B', sessionOpen: true })
    expect(parseUssdReply(record('<response><content>Your balance is $12.34.</content></response>'))).toEqual({ text: 'Your balance is $12.34.', sessionOpen: false })
    expect(parseUssdReply(record('<response><content></content></response>'))).toEqual({ text: '', sessionOpen: false })
    expect(parseUssdReply(record('<response></response>'))).toBeUndefined()
  })

  it.each([
    ['<response><result>0</result></response>', false],
    ['<response><result>1</result></response>', true],
    ['<response><result>2</result></response>', true],
    ['<response><result>x</result></response>', undefined],
    ['<response></response>', undefined]
  ])('ussd/status %s → busy %j', (xml, busy) => {
    expect(parseUssdBusy(record(xml))).toBe(busy)
  })
})
