// The SMS store of a simulated ZTE device (reference §2.6, §2.7). Messages live in device memory
// (mem_store=1) with a database id, a tag (0 read, 1 unread, 2 sent, 3 send failed, 4 draft — public MF79RU
// integration guide §7.2), content as UCS2 hex and the service-centre time stamp with its zone in quarter hours.
// sms_data_total pages and orders them; DELETE_SMS / SET_MSG_READ take "id;id;" lists; each command reports
// its outcome through sms_cmd_status_info (sms_cmd 4 send, 5 save, 6 delete: "3" done, "2" failed; stock
// service.js getSmsStatusInfo) once its processing time has passed.
import { smsDate, toUcs2Hex } from './codec'

export interface StoredSms {
  id: number
  number: string
  text: string
  tag: 0 | 1 | 2 | 3 | 4
  /** "yy,MM,dd,HH,mm,ss,±q". */
  date: string
  /** A long message of which only some parts arrived. */
  concat?: { total: number; received: number }
}

export interface SeedMessage {
  from: string
  text: string
  /** Minutes before the simulator starts. */
  minutesAgo: number
  /** The sender network's zone, minutes east of UTC. */
  zoneMinutes: number
  read: boolean
  concat?: { total: number; received: number }
  sent?: boolean
}

/** The demo inbox: a carrier notice, Japanese and emoji text, a long message still missing a part, one sent. */
export const DEMO_MESSAGES: readonly SeedMessage[] = [
  { from: '456', text: 'T-Mobile: Your plan renews on the 14th. Dial #225# for your balance.', minutesAgo: 4320, zoneMinutes: -420, read: true },
  { from: '+818012345678', text: 'こんにちは！来週の打ち合わせは東京で行います。よろしくお願いします。', minutesAgo: 1500, zoneMinutes: 540, read: false },
  { from: '+12065550199', text: 'Running late, be there in 10 🙂', minutesAgo: 95, zoneMinutes: -420, read: false },
  {
    from: '+12065550123',
    text: 'Reminder: the hotspot data pass you bought covers 1 GB at full speed. After that, speeds are reduced until',
    minutesAgo: 30,
    zoneMinutes: -420,
    read: false,
    concat: { total: 3, received: 2 }
  },
  { from: '+12065550199', text: 'On my way', minutesAgo: 90, zoneMinutes: -420, read: true, sent: true }
]

export interface ListQuery {
  page: number
  perPage: number
  /** 10 = all tags, else one tag. */
  tags: number
  descending: boolean
}

interface CommandState {
  result: '2' | '3'
  readyAt: number
}

export class SmsStore {
  private readonly messages: StoredSms[] = []
  private nextId = 1
  private readonly commands = new Map<number, CommandState>()

  constructor(
    readonly capacity: number,
    private readonly now: () => number,
    private readonly commandDelayMs: number,
    seed: readonly SeedMessage[],
    /** Firmware that list one row per stored part of a long message (see profiles.ts). */
    private readonly repeatConcatRows: boolean
  ) {
    const start = now()
    for (const message of [...seed].sort((a, b) => b.minutesAgo - a.minutesAgo)) {
      const stored: StoredSms = {
        id: this.nextId++,
        number: message.from,
        text: message.text,
        tag: message.sent ? 2 : message.read ? 0 : 1,
        date: smsDate(start - message.minutesAgo * 60_000, message.zoneMinutes)
      }
      if (message.concat) stored.concat = { ...message.concat }
      this.messages.push(stored)
    }
  }

  get all(): readonly StoredSms[] {
    return this.messages
  }

  get unread(): number {
    return this.messages.filter((message) => message.tag === 1).length
  }

  /** A message arrives (demo and tests). */
  receive(from: string, text: string, zoneMinutes = 0): StoredSms | undefined {
    if (this.messages.length >= this.capacity) return undefined
    const stored: StoredSms = { id: this.nextId++, number: from, text, tag: 1, date: smsDate(this.now(), zoneMinutes) }
    this.messages.push(stored)
    return stored
  }

  /** The `messages` list of sms_data_total. */
  list(query: ListQuery): Array<Record<string, string>> {
    const selected = this.messages
      .filter((message) => query.tags === 10 || message.tag === query.tags)
      .sort((a, b) => (query.descending ? b.id - a.id : a.id - b.id))
    const perPage = Math.max(1, Math.min(query.perPage, 500))
    const page = selected.slice(query.page * perPage, query.page * perPage + perPage)
    const rows: Array<Record<string, string>> = []
    for (const message of page) {
      if (this.repeatConcatRows && message.concat && message.concat.received > 1) {
        // One row per stored part, the shorter one first (the stock UI keeps the longest).
        rows.push(row(message, message.text.slice(0, Math.ceil(message.text.length / message.concat.received))))
      }
      rows.push(row(message, message.text))
    }
    return rows
  }

  /** DELETE_SMS msg_id="1;2;" — every id must exist. */
  delete(idList: string): boolean {
    const ids = parseIdList(idList)
    if (!ids || ids.some((id) => !this.messages.some((message) => message.id === id))) {
      this.finish(6, '2')
      return false
    }
    for (const id of ids) this.messages.splice(this.messages.findIndex((message) => message.id === id), 1)
    this.finish(6, '3')
    return true
  }

  /** SET_MSG_READ msg_id="1;" tag=0. */
  markRead(idList: string): boolean {
    const ids = parseIdList(idList)
    if (!ids) return false
    for (const message of this.messages) if (ids.includes(message.id) && message.tag === 1) message.tag = 0
    return true
  }

  /** SEND_SMS: stored as sent (tag 2) or failed (tag 3) once the attempt is over. */
  send(number: string, text: string, date: string, delivered: boolean): boolean {
    if (this.messages.length >= this.capacity) {
      this.finish(4, '2')
      return false
    }
    this.messages.push({ id: this.nextId++, number, text, tag: delivered ? 2 : 3, date })
    this.finish(4, delivered ? '3' : '2')
    return true
  }

  /** sms_cmd_status_info: "1" while a command is being processed, then its result. */
  commandStatus(command: number): string {
    const state = this.commands.get(command)
    if (!state) return ''
    return this.now() >= state.readyAt ? state.result : '1'
  }

  /** sms_capacity_info, as MF79RU firmware B02 reports it (guide §7.3). */
  capacityFields(): Record<string, string> {
    const count = (tags: number[]): number => this.messages.filter((message) => tags.includes(message.tag)).length
    return {
      sms_nv_total: String(this.capacity),
      sms_sim_total: '15',
      sms_nvused_total: String(this.messages.length),
      sms_nv_rev_total: String(count([0, 1])),
      sms_nv_send_total: String(count([2, 3])),
      sms_nv_draftbox_total: String(count([4])),
      sms_sim_rev_total: '0',
      sms_sim_send_total: '0',
      sms_sim_draftbox_total: '0'
    }
  }

  private finish(command: number, result: '2' | '3'): void {
    this.commands.set(command, { result, readyAt: this.now() + this.commandDelayMs })
  }
}

function row(message: StoredSms, text: string): Record<string, string> {
  return {
    id: String(message.id),
    number: message.number,
    content: toUcs2Hex(text),
    tag: String(message.tag),
    date: message.date,
    draft_group_id: '',
    received_all_concat_sms: message.concat && message.concat.received < message.concat.total ? '0' : '1',
    concat_sms_total: message.concat ? String(message.concat.total) : '0',
    concat_sms_received: message.concat ? String(message.concat.received) : '0',
    sms_class: '4'
  }
}

function parseIdList(raw: string): number[] | undefined {
  const parts = raw.split(';').filter((part) => part.trim() !== '')
  if (parts.length === 0 || parts.some((part) => !/^\d{1,9}$/.test(part.trim()))) return undefined
  return parts.map((part) => Number(part.trim()))
}
