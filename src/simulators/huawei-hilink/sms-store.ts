// The device's local message store behind /api/sms/* (reference §1.13; Salamek/huawei-lte-api:huawei_lte_api/api/Sms.py
// and enums/sms.py; field names and order as Salamek's Message.to_dict):
// - sms-list pages a box (1 local inbox, 2 local sent, 3 drafts; SIM boxes are empty here), newest first by
//   default, Count = messages in the box (pablo/huawei-modem-python-api-client#13) — and 0 on a page past the
//   end, so a client that pages "until Count is 0" (Salamek Sms.get_messages) stops [U];
// - indexes start at 40000 on local storage (the Index values in public issue reports);
// - delete-sms and set-read take one <Index> (a list answers 100005, Salamek/huawei-lte-api#34);
// - a long message arrives already joined, SmsType 2; inbox, sent and drafts share LocalMax (113053 when full).
import type { NestedFields } from './xml-writer'

export interface StoredSms {
  index: number
  /** 1 inbox, 2 sent, 3 draft */
  box: 1 | 2 | 3
  /** Smstat: 0 unread, 1 read, 3 sent */
  smstat: 0 | 1 | 3
  phone: string
  content: string
  /** Device local time, "YYYY-MM-DD HH:MM:SS" (the simulator's clock is UTC). */
  date: string
  /** 1 single, 2 joined multipart */
  smsType: 1 | 2
}

export interface SmsListQuery {
  page: number
  readCount: number
  box: number
  sortType: number
  ascending: boolean
  unreadPreferred: boolean
}

export const FIRST_INDEX = 40000
const SIM_MAX = 30
const STORAGE_FULL = 113053
const NUMBER_TOO_LONG = 113054
const BAD_ARGUMENT = 113017
const DELETE_FAILED = 113036

/** The demo inbox: a carrier notice, a Japanese text, a joined multipart alert, a verification code. */
export function demoInbox(now: number): Array<Omit<StoredSms, 'index'>> {
  const ago = (hours: number): string => deviceDate(now - hours * 3_600_000)
  return [
    {
      box: 1,
      smstat: 1,
      phone: '456',
      content: "T-Mobile: Welcome to T-Mobile Prepaid! Your plan renews on the 14th of each month. Dial #932# to check your data.",
      date: ago(6 * 24),
      smsType: 1
    },
    { box: 1, smstat: 0, phone: '+818012345678', content: '明日の打ち合わせは10時からに変更になりました。よろしくお願いします。', date: ago(2 * 24), smsType: 1 },
    {
      box: 1,
      smstat: 1,
      phone: '456',
      content:
        'T-Mobile: You have used 80% of your 10GB of high-speed data. After 10GB, speeds are reduced until your plan renews on the 14th. ' +
        'To keep full speed, add a data pass: dial #999# or visit my.t-mobile.com. Reply STOP to end usage alerts.',
      date: ago(26),
      smsType: 2
    },
    { box: 1, smstat: 0, phone: '+12065550123', content: 'Your verification code is 482913. It expires in 10 minutes.', date: ago(3), smsType: 1 }
  ]
}

export class SmsStore {
  private messages: StoredSms[] = []
  private nextIndex = FIRST_INDEX
  private sending: { phones: string[]; doneAt: number; ok: boolean } | undefined

  constructor(
    private readonly now: () => number,
    /** LocalMax */
    readonly capacity: number,
    seed: ReadonlyArray<Omit<StoredSms, 'index'>>
  ) {
    for (const message of seed.slice(0, capacity)) this.messages.push({ ...message, index: this.nextIndex++ })
  }

  get full(): boolean {
    return this.messages.length >= this.capacity
  }

  get unread(): number {
    return this.messages.filter((message) => message.box === 1 && message.smstat === 0).length
  }

  /** A copy, for tests. */
  get all(): StoredSms[] {
    return this.messages.map((message) => ({ ...message }))
  }

  /** A message arrives from the network. False when storage is full (the network keeps retrying it). */
  receive(phone: string, content: string, at: number = this.now()): boolean {
    if (this.full) return false
    this.messages.push({ index: this.nextIndex++, box: 1, smstat: 0, phone, content, date: deviceDate(at), smsType: [...content].length > 70 ? 2 : 1 })
    return true
  }

  list(query: SmsListQuery): NestedFields {
    const inBox = this.messages.filter((message) => message.box === query.box)
    const sorted = [...inBox].sort((a, b) => {
      if (query.unreadPreferred && a.smstat !== b.smstat) return a.smstat === 0 ? -1 : b.smstat === 0 ? 1 : 0
      const key = query.sortType === 1 ? compare(a.phone, b.phone) : query.sortType === 2 ? a.index - b.index : compare(a.date, b.date) || a.index - b.index
      return query.ascending ? key : -key
    })
    const page = sorted.slice((query.page - 1) * query.readCount, query.page * query.readCount)
    return [
      ['Count', page.length === 0 ? 0 : inBox.length],
      ['Messages', page.map((message): readonly [string, NestedFields] => ['Message', messageFields(message)])]
    ]
  }

  count(): NestedFields {
    const inBox = (box: number): number => this.messages.filter((message) => message.box === box).length
    return [
      ['LocalUnread', this.unread],
      ['LocalInbox', inBox(1)],
      ['LocalOutbox', inBox(2)],
      ['LocalDraft', inBox(3)],
      ['LocalDeleted', 0],
      ['SimUnread', 0],
      ['SimInbox', 0],
      ['SimOutbox', 0],
      ['SimDraft', 0],
      ['LocalMax', this.capacity],
      ['SimMax', SIM_MAX],
      ['SimUsed', 0],
      ['NewMsg', 0]
    ]
  }

  delete(index: number): number | null {
    const before = this.messages.length
    this.messages = this.messages.filter((message) => message.index !== index)
    return this.messages.length === before ? DELETE_FAILED : null
  }

  setRead(index: number): number | null {
    const message = this.messages.find((candidate) => candidate.index === index)
    if (!message) return BAD_ARGUMENT
    if (message.smstat === 0) message.smstat = 1
    return null
  }

  /** POST send-sms: stored in the sent box, delivered after sendMs when the device has service. */
  send(phones: string[], content: string, sendMs: number, inService: boolean): number | null {
    if (phones.length === 0 || content === '') return BAD_ARGUMENT
    if (phones.some((phone) => !/^\+?\d{1,20}$/.test(phone))) return phones.some((phone) => phone.replace(/^\+/, '').length > 20) ? NUMBER_TOO_LONG : BAD_ARGUMENT
    if (this.full) return STORAGE_FULL
    const at = this.now()
    for (const phone of phones) {
      this.messages.push({ index: this.nextIndex++, box: 2, smstat: 3, phone, content, date: deviceDate(at), smsType: [...content].length > 160 ? 2 : 1 })
    }
    this.sending = { phones, doneAt: at + sendMs, ok: inService }
    return null
  }

  /** GET send-status: Phone while sending, then SucPhone or FailPhone. */
  sendStatus(): NestedFields {
    const sending = this.sending
    if (!sending) return [['Phone', ''], ['SucPhone', ''], ['FailPhone', ''], ['TotalCount', 0], ['CurIndex', 0]]
    const done = this.now() >= sending.doneAt
    const list = sending.phones.join(';')
    return [
      ['Phone', done ? '' : list],
      ['SucPhone', done && sending.ok ? list : ''],
      ['FailPhone', done && !sending.ok ? list : ''],
      ['TotalCount', sending.phones.length],
      ['CurIndex', done ? sending.phones.length : 0]
    ]
  }
}

/** Salamek's Message.to_dict order; Sca empty, SaveType 4 and Priority 0 as in the public issue reports. */
function messageFields(message: StoredSms): NestedFields {
  return [
    ['Smstat', message.smstat],
    ['Index', message.index],
    ['Phone', message.phone],
    ['Content', message.content],
    ['Date', message.date],
    ['Sca', ''],
    ['SaveType', 4],
    ['Priority', 0],
    ['SmsType', message.smsType]
  ]
}

export function deviceDate(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ')
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
