// SMS on goform firmware (reference §2.6, §2.7). Pure parsers and form builders.
// - List: cmd=sms_data_total&page&data_per_page&mem_store&tags&order_by → {"messages":[{id, number, content
//   (UCS2 hex), tag, date, received_all_concat_sms, concat_sms_total, concat_sms_received, …}]}.
//   A session the device no longer knows answers {"sms_data_total":""} (MF79RU integration guide §8.1).
// - tag: 0 read, 1 unread (received), 2 sent, 3 send failed, 4 draft (MF79RU guide §7.2; reference §2.7).
// - Firmware without SMS_DATABASE_SORT_SUPPORT may list one id more than once while a long message is being
//   joined; the stock UI keeps the longest content per id (com.js parseMessages) and so do we.
// - Capacity: sms_capacity_info; used = received + sent + drafts in device memory, as the stock UI adds it
//   (com.js getSmsCapacity); sms_nvused_total is stale on some firmware (MF79RU guide §7.3).
// - Command status: cmd=sms_cmd_status_info&sms_cmd=<4 send | 5 save | 6 delete> → sms_cmd_status_result
//   "3" done, "2" failed, anything else still running (stock service.js getSmsStatusInfo).
import type { SmsMessage, SmsStorage } from '../../model'
import { decodeUcs2Hex, parseZteDate } from './codec'
import { fieldsOf, replaceControls, textOf, type GoformObject } from './json'
import { bad, ok, type FieldParseError, type ParseResult } from './result'

export interface ZteSms {
  id: string
  number: string
  text: string
  /** ISO 8601 ('' when the device's date cannot be read). */
  receivedAt: string
  tag: number
  complete: boolean
  partsMissing?: number
}

export type SmsPage =
  | { kind: 'messages'; messages: ZteSms[]; issues: FieldParseError[] }
  | { kind: 'no-session' }
  | { kind: 'unreadable'; message: string }

export function parseSmsPage(answer: GoformObject): SmsPage {
  const list = answer.messages
  if (list === undefined) {
    if (Object.prototype.hasOwnProperty.call(answer, 'sms_data_total')) return { kind: 'no-session' }
    return { kind: 'unreadable', message: 'the answer has no "messages" list' }
  }
  // Some firmware send an empty string instead of an empty list.
  if (list === '' || list === null) return { kind: 'messages', messages: [], issues: [] }
  if (!Array.isArray(list)) return { kind: 'unreadable', message: '"messages" is not a list' }

  const issues: FieldParseError[] = []
  const byId = new Map<string, ZteSms>()
  for (const item of list.slice(0, 5000)) {
    const parsed = parseSmsItem(item)
    if (!parsed.ok) {
      issues.push(parsed.error)
      continue
    }
    const previous = byId.get(parsed.value.id)
    if (!previous || parsed.value.text.length > previous.text.length) byId.set(parsed.value.id, parsed.value)
  }
  return { kind: 'messages', messages: [...byId.values()], issues }
}

export function parseSmsItem(item: unknown): ParseResult<ZteSms> {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return bad('messages[]', JSON.stringify(item) ?? '', 'a message is not an object')
  const fields = fieldsOf(item as GoformObject)
  const id = textOf(fields, 'id')
  if (id === undefined || !/^\d{1,12}$/.test(id)) return bad('id', fields.id ?? '', 'a message has no usable id')
  const tag = Number(textOf(fields, 'tag') ?? '')
  if (!Number.isInteger(tag) || tag < 0 || tag > 9) return bad('tag', fields.tag ?? '', `message ${id} has no usable tag`)
  const content = fields.content ?? ''
  // Content is UCS2 hex; a firmware that sends plain text is shown as it is (MF79RU guide §9.1 fallback).
  const decoded = decodeUcs2Hex(content, 'content')
  const date = parseZteDate(fields.date, 'date')
  const sms: ZteSms = {
    id,
    number: replaceControls(fields.number ?? '').trim(),
    text: decoded.ok ? decoded.value : content,
    receivedAt: date.ok && date.value ? date.value.iso : '',
    tag,
    complete: textOf(fields, 'received_all_concat_sms') !== '0'
  }
  if (!sms.complete) {
    const total = Number(textOf(fields, 'concat_sms_total') ?? '')
    const received = Number(textOf(fields, 'concat_sms_received') ?? '')
    const missing = Number.isInteger(total) && Number.isInteger(received) && total > received ? total - received : 1
    sms.partsMissing = missing
  }
  return ok(sms)
}

/** Received messages (tags 0 and 1) as the contract's SmsMessage, newest first by id. */
export function receivedMessages(messages: readonly ZteSms[]): SmsMessage[] {
  return messages
    .filter((sms) => sms.tag === 0 || sms.tag === 1)
    .sort((a, b) => Number(b.id) - Number(a.id))
    .map((sms) => {
      const message: SmsMessage = { id: sms.id, from: sms.number, text: sms.text, receivedAt: sms.receivedAt, read: sms.tag === 0 }
      if (sms.partsMissing !== undefined) message.partsMissing = sms.partsMissing
      return message
    })
}

export function parseSmsCapacity(answer: GoformObject): ParseResult<SmsStorage> {
  const fields = fieldsOf(answer)
  const number = (name: string): number | undefined => {
    const value = textOf(fields, name)
    return value !== undefined && /^\d{1,7}$/.test(value) ? Number(value) : undefined
  }
  const total = number('sms_nv_total')
  if (total === undefined) return bad('sms_nv_total', fields.sms_nv_total ?? '', 'the device did not say how many messages it can store')
  const parts = ['sms_nv_rev_total', 'sms_nv_send_total', 'sms_nv_draftbox_total'].map(number)
  const used = parts.every((part) => part === undefined) ? number('sms_nvused_total') : parts.reduce<number>((sum, part) => sum + (part ?? 0), 0)
  if (used === undefined) return bad('sms_nv_rev_total', fields.sms_nv_rev_total ?? '', 'the device did not say how many messages it holds')
  return ok({ used, total })
}

export type SmsCommandStatus = 'done' | 'failed' | 'running'

export function parseSmsCommandStatus(answer: GoformObject): SmsCommandStatus {
  const result = textOf(fieldsOf(answer), 'sms_cmd_status_result')
  return result === '3' ? 'done' : result === '2' ? 'failed' : 'running'
}

export const SMS_COMMAND = { send: 4, save: 5, delete: 6 } as const

/** msg_id lists end in ";" even for one id (stock service.js deleteMessage; MF79RU guide §8.2). */
export function messageIdList(ids: readonly string[]): string {
  return ids.map((id) => `${id};`).join('')
}
