// SMS over the HiLink XML API (reference/device-protocols.md §1.13; Salamek/huawei-lte-api:huawei_lte_api/api/Sms.py,
// enums/sms.py). Pure request builders and parsers; bad entries are reported, never thrown.
// - sms-list: the request's element order matters on the B525 (Salamek sends an OrderedDict, "at least the
//   B525s-23a is order sensitive"); Count is the number of messages in the box, not on the page
//   (pablo/huawei-modem-python-api-client#13: ReadCount 1 → one message, Count 2).
// - the device joins the parts of a long message itself (SmsType 2).
import type { SmsMessage, SmsStorage } from '../../model'
import type { FieldParseError } from './parse'
import { asList, textOf, type XmlRecord, type XmlWritableRecord } from './xml'

export const SMS_BOX_LOCAL_INBOX = 1
/** Messages per page: 50 is the largest page the stock web UI asks for [U]; 20 is Salamek's default. */
export const SMS_PAGE_SIZE = 20

/** POST sms/sms-list body, in the documented order: PageIndex, ReadCount, BoxType, SortType, Ascending, UnreadPreferred. */
export function smsListRequest(page: number, readCount = SMS_PAGE_SIZE, boxType = SMS_BOX_LOCAL_INBOX): XmlWritableRecord {
  return {
    PageIndex: page,
    ReadCount: readCount,
    BoxType: boxType,
    SortType: 0, // by date
    Ascending: 0, // newest first
    UnreadPreferred: 0
  }
}

export interface ParsedSmsList {
  /** Count: the messages in the box (all pages). */
  total: number | undefined
  messages: SmsMessage[]
  issues: FieldParseError[]
}

export function parseSmsList(record: XmlRecord | undefined): ParsedSmsList {
  const issues: FieldParseError[] = []
  const rawCount = textOf(record, 'Count')
  const total = rawCount !== undefined && /^\d{1,6}$/.test(rawCount) ? Number(rawCount) : undefined
  if (rawCount !== undefined && total === undefined) issues.push(issue('Count', rawCount, 'not a message count'))
  const container = record?.Messages
  const entries = container !== undefined && typeof container === 'object' && !Array.isArray(container) ? asList((container as XmlRecord).Message) : []
  const messages: SmsMessage[] = []
  for (const entry of entries) {
    if (typeof entry === 'string') {
      issues.push(issue('Message', entry, 'a message entry without fields'))
      continue
    }
    const parsed = parseMessage(entry)
    if ('error' in parsed) issues.push(parsed.error)
    else if (parsed.message) messages.push(parsed.message)
  }
  return { total, messages, issues }
}

/** Smstat: 0 unread, 1 read (inbox); SmsType 7/8 are delivery reports, which are not messages to show. */
function parseMessage(entry: XmlRecord): { message?: SmsMessage } | { error: FieldParseError } {
  const index = textOf(entry, 'Index')
  if (index === undefined || !/^\d{1,9}$/.test(index)) return { error: issue('Index', index ?? '', 'a message without a numeric Index') }
  const type = textOf(entry, 'SmsType')
  if (type === '7' || type === '8') return {}
  const rawDate = textOf(entry, 'Date')
  const receivedAt = parseSmsDate(rawDate)
  if (rawDate !== undefined && receivedAt === undefined) return { error: issue('Date', rawDate, 'not a date like "2025-05-20 12:00:00"') }
  // Content keeps its own whitespace (line breaks are part of the text); only the record lookup trims.
  const content = entry.Content
  return {
    message: {
      id: String(Number(index)),
      from: textOf(entry, 'Phone') ?? '',
      text: typeof content === 'string' ? content : '',
      receivedAt: receivedAt ?? '',
      read: textOf(entry, 'Smstat') !== '0'
    }
  }
}

/** "YYYY-MM-DD HH:MM:SS" in the device's local time (no offset given) → "YYYY-MM-DDTHH:MM:SS". */
export function parseSmsDate(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(raw.trim())
  if (!match) return undefined
  const [, , month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`
}

/**
 * sms-count → storage. LocalMax is the device's own message store; inbox, sent and drafts share it (the stock
 * web UI warns "storage full" on their sum [U]), so all three count as used.
 */
export function parseSmsCount(record: XmlRecord | undefined): SmsStorage | undefined {
  const count = (name: string): number | undefined => {
    const raw = textOf(record, name)
    return raw !== undefined && /^\d{1,6}$/.test(raw) ? Number(raw) : undefined
  }
  const total = count('LocalMax')
  const inbox = count('LocalInbox')
  if (total === undefined || inbox === undefined) return undefined
  const used = inbox + (count('LocalOutbox') ?? 0) + (count('LocalDraft') ?? 0)
  return { used, total }
}

// GSM 03.38 default alphabet and its extension table: text made only of these goes as 7-bit, the rest as UCS-2.
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const GSM7_EXTENSION = '^{}\\[~]|€\f'

export function isGsm7Text(text: string): boolean {
  for (const char of text) if (!GSM7_BASIC.includes(char) && !GSM7_EXTENSION.includes(char)) return false
  return true
}

/** POST sms/send-sms body (reference §1.13; Salamek Sms.send_sms order). Reserved: 1 = GSM 7-bit, 0 = UCS-2. */
export function sendSmsRequest(to: string, text: string, date: Date): XmlWritableRecord {
  return {
    Index: -1,
    Phones: { Phone: to },
    Sca: '',
    Content: text,
    Length: [...text].length,
    Reserved: isGsm7Text(text) ? 1 : 0,
    Date: formatSmsDate(date)
  }
}

export function formatSmsDate(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** A number the device will accept: digits with an optional leading "+", 3–20 of them (113054 beyond). */
export function normalizeSmsRecipient(raw: string): string | undefined {
  const compact = raw.replace(/[\s()-]/g, '')
  return /^\+?\d{3,20}$/.test(compact) ? compact : undefined
}

export type SendState = { kind: 'sending' } | { kind: 'sent' } | { kind: 'failed' }

/** sms/send-status: SucPhone / FailPhone list the numbers done so far (separated by ";" on multi-recipient sends). */
export function parseSendStatus(record: XmlRecord | undefined, to: string): SendState {
  const listed = (name: string): boolean => (textOf(record, name) ?? '').split(/[;,]/).some((phone) => phone.trim() === to)
  if (listed('FailPhone')) return { kind: 'failed' }
  if (listed('SucPhone')) return { kind: 'sent' }
  return { kind: 'sending' }
}

function issue(field: string, input: string, message: string): FieldParseError {
  return { kind: 'field-error', field, input, message }
}
