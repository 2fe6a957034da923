// The SMS inbox and outbox of a simulated Netgear device, as model.json shows them (reference §3.2 and the LM1200
// sample): sms.msgs[] `{id, rxTime, text, sender, read}` padded with an empty trailing object, unreadMsgs,
// msgCount, and sms.sendMsg[] `{clientId, enc, errorCode, msgId, receiver, status, text, txTime}`. rxTime is
// printed in the device's local time, "MM/DD/YY hh:mm:ss AM" on the MR1100 (eternalegypt reads it month-first for
// that model) and day-first on the others.

export interface InboxMessage {
  id: number
  receivedAt: number
  sender: string
  text: string
  read: boolean
}

export interface SentMessage {
  clientId: string
  msgId: number
  receiver: string
  text: string
  sentAt: number
  status: 'Succeeded' | 'Failed'
}

/** sms.msgCount never exceeds this; the oldest message goes when a new one arrives [U]. */
const INBOX_LIMIT = 50
const OUTBOX_LIMIT = 10

export class SmsStore {
  inbox: InboxMessage[] = []
  outbox: SentMessage[] = []
  private nextId = 1
  private nextMsgId = 1

  deliver(sender: string, text: string, at: number, read = false): InboxMessage {
    const message: InboxMessage = { id: this.nextId++, receivedAt: at, sender, text, read }
    this.inbox.push(message)
    if (this.inbox.length > INBOX_LIMIT) this.inbox.splice(0, this.inbox.length - INBOX_LIMIT)
    return message
  }

  remove(id: string): boolean {
    const before = this.inbox.length
    this.inbox = this.inbox.filter((message) => String(message.id) !== id)
    return this.inbox.length !== before
  }

  clear(): void {
    this.inbox = []
  }

  markRead(id: string): boolean {
    const message = this.inbox.find((candidate) => String(candidate.id) === id)
    if (!message) return false
    message.read = true
    return true
  }

  send(clientId: string, receiver: string, text: string, at: number, delivered: boolean): SentMessage {
    const sent: SentMessage = { clientId, msgId: this.nextMsgId++, receiver, text, sentAt: at, status: delivered ? 'Succeeded' : 'Failed' }
    this.outbox.push(sent)
    if (this.outbox.length > OUTBOX_LIMIT) this.outbox.splice(0, this.outbox.length - OUTBOX_LIMIT)
    return sent
  }

  get unread(): number {
    return this.inbox.filter((message) => !message.read).length
  }
}

/** "05/20/25 11:59:02 AM" (month first) or "20/05/25 11:59:02 AM", in the device's local time. */
export function formatRxTime(at: number, timeZoneOffsetSeconds: number, monthFirst: boolean): string {
  const local = new Date(at + timeZoneOffsetSeconds * 1000)
  const two = (value: number): string => String(value).padStart(2, '0')
  const month = two(local.getUTCMonth() + 1)
  const day = two(local.getUTCDate())
  const year = two(local.getUTCFullYear() % 100)
  const hour24 = local.getUTCHours()
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12
  const date = monthFirst ? `${month}/${day}/${year}` : `${day}/${month}/${year}`
  return `${date} ${two(hour12)}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ${hour24 < 12 ? 'AM' : 'PM'}`
}
