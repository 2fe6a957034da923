// SmsOperations for Huawei (reference §1.13): the local inbox page by page, delete-sms / set-read with one
// <Index> each (a list of indexes fails with 100005 on the B525 and E3372, Salamek/huawei-lte-api#34),
// sms-count for storage, send-sms then send-status.
import { ContractError } from '../../../contract/errors'
import type { SmsOperations } from '../../driver'
import type { SmsMessage, SmsStorage } from '../../model'
import type { HuaweiOpsContext } from './ops-context'
import { normalizeSmsRecipient, parseSendStatus, parseSmsCount, parseSmsList, sendSmsRequest, smsListRequest, SMS_PAGE_SIZE } from './sms'

/** A safety stop for firmware whose Count never matches what the pages hold. */
const MAX_PAGES = 50

export function createSmsOperations(ctx: HuaweiOpsContext): SmsOperations {
  const checkId = (id: string): string => {
    if (!/^\d{1,9}$/.test(id)) throw new ContractError('NOT_FOUND', `There is no message "${id}" on the device.`, { messageId: id })
    return id
  }

  return {
    async list(signal?: AbortSignal): Promise<SmsMessage[]> {
      const seen = new Map<string, SmsMessage>()
      for (let page = 1; page <= MAX_PAGES; page++) {
        const record = await ctx.run((session) => session.post('sms/sms-list', smsListRequest(page), { signal }), signal)
        const parsed = parseSmsList(record.record)
        // A message arriving while we page shifts the pages by one: the same message may show up twice.
        for (const message of parsed.messages) seen.set(message.id, message)
        if (parsed.messages.length < SMS_PAGE_SIZE) break
        if (parsed.total !== undefined && seen.size >= parsed.total) break
      }
      return [...seen.values()].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0))
    },

    async remove(id: string, signal?: AbortSignal): Promise<void> {
      const index = checkId(id)
      await ctx.run((session) => session.post('sms/delete-sms', { Index: index }, { signal }), signal)
    },

    async markRead(id: string, signal?: AbortSignal): Promise<void> {
      const index = checkId(id)
      await ctx.run((session) => session.post('sms/set-read', { Index: index }, { signal }), signal)
    },

    async storage(signal?: AbortSignal): Promise<SmsStorage> {
      const record = await ctx.run((session) => session.get('sms/sms-count', signal), signal)
      const storage = parseSmsCount(record)
      if (!storage) throw new ContractError('PROTOCOL', 'The device sent no usable message count (LocalInbox / LocalMax).', { endpoint: 'sms/sms-count' })
      return storage
    },

    async send(to: string, text: string, signal?: AbortSignal): Promise<void> {
      const recipient = normalizeSmsRecipient(to)
      if (recipient === undefined) throw new ContractError('BAD_INPUT', `"${to}" is not a phone number the device can send to.`, { path: 'to' })
      if (text.length === 0) throw new ContractError('BAD_INPUT', 'The message is empty.', { path: 'text' })
      await ctx.run((session) => session.post('sms/send-sms', sendSmsRequest(recipient, text, new Date()), { signal }), signal)
      const deadline = Date.now() + ctx.timing.smsSendTimeoutMs
      for (;;) {
        const status = await ctx.run((session) => session.getOptional('sms/send-status', signal), signal)
        // Firmware without send-status: the device took the message; that is all we can know.
        if (status === undefined) return
        const state = parseSendStatus(status, recipient)
        if (state.kind === 'sent') return
        if (state.kind === 'failed') {
          throw new ContractError('PROTOCOL', `The network did not accept the message to ${recipient}. Check the number, the signal and the line's credit, then try again.`, { to: recipient })
        }
        if (Date.now() >= deadline) throw new ContractError('TIMEOUT', `The message to ${recipient} was still being sent after ${Math.round(ctx.timing.smsSendTimeoutMs / 1000)} s.`)
        await ctx.sleep(ctx.timing.pollIntervalMs, signal)
      }
    }
  }
}
