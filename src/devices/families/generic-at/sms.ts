// SmsOperations over 27.005 in PDU mode (+CMGF=0): +CMGL=4 lists every stored message with its PDU, decoded
// by decodeSmsPdu and joined by assembleConcatenated; +CMGD deletes, +CMGR reads (which marks a message read),
// +CPMS? gives the storage, +CMGS sends (device-protocols.md §4.3 "SMS" row). A long message is one entry
// whose id is its parts' storage indexes joined with "+" ("4+5+6"), so deleting it deletes every part.
//
// Listing with +CMGL=4 marks unread messages read on the modem (27.005 §3.4.2 — there is no portable
// "peek"); the read flags we report are the ones the modem had before the listing.
import { ContractError } from '../../../contract/errors'
import { AtCommandError, assembleConcatenated, decodeSmsPdu, encodeSmsSubmit, parseCpms, type SmsDeliver } from '../../at'
import type { SmsOperations } from '../../driver'
import type { SmsMessage, SmsStorage } from '../../model'
import { parseCmglPdu } from './parse'
import type { AtSession } from './session'

export interface SmsDeps {
  session: () => AtSession
  exclusive: <T>(body: () => Promise<T>) => Promise<T>
}

interface StoredPart extends SmsDeliver {
  index: number
  read: boolean
}

const MESSAGE_ID = /^\d{1,5}(\+\d{1,5}){0,254}$/

export function createSmsOperations(deps: SmsDeps): SmsOperations {
  // +CMGF is volatile (it resets with the modem); set it before every SMS sequence, it costs one command.
  const pduMode = async (session: AtSession, signal?: AbortSignal): Promise<void> => {
    await session.command('AT+CMGF=0', { signal })
  }

  const indexesOf = (id: string): number[] => {
    if (!MESSAGE_ID.test(id)) throw new ContractError('NOT_FOUND', `There is no message "${id}" on the modem.`, { messageId: id })
    return id.split('+').map(Number)
  }

  return {
    list: (signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        await pduMode(session, signal)
        const reply = await session.command('AT+CMGL=4', { signal })
        return messagesFromListing(reply.lines)
      }),

    remove: (id, signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        const indexes = indexesOf(id)
        let missing = 0
        for (const index of indexes) {
          try {
            await session.command(`AT+CMGD=${index}`, { signal })
          } catch (error) {
            // 321 "invalid memory index": that part is already gone.
            if (error instanceof AtCommandError && error.kind === 'cms' && error.atCode === 321) missing++
            else throw error
          }
        }
        if (missing === indexes.length) throw new ContractError('NOT_FOUND', `There is no message "${id}" on the modem.`, { messageId: id })
      }),

    markRead: (id, signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        await pduMode(session, signal)
        for (const index of indexesOf(id)) await session.command(`AT+CMGR=${index}`, { signal })
      }),

    storage: (signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        const cpms = parseCpms((await session.command('AT+CPMS?', { signal })).lines)
        const read = cpms.ok ? cpms.value.storages[0] : undefined
        if (!read) throw new ContractError('PROTOCOL', 'The modem did not say how full its message storage is (+CPMS?).')
        const storage: SmsStorage = { used: read.used, total: read.total }
        return storage
      }),

    send: (to, text, signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        const number = to.replace(/[\s().-]/g, '')
        if (!/^\+?\d{3,20}$/.test(number)) throw new ContractError('BAD_INPUT', `"${to}" is not a phone number the modem can send to.`, { path: 'to' })
        if (text.length === 0) throw new ContractError('BAD_INPUT', 'The message is empty.', { path: 'text' })
        const parts = encodeSmsSubmit({ to: number, text })
        if (!parts.ok) throw new ContractError('BAD_INPUT', `The message cannot be encoded: ${parts.error.message}.`, { path: 'text' })
        await pduMode(session, signal)
        for (const part of parts.value) {
          try {
            await session.command(`AT+CMGS=${part.tpduLength}`, { prompt: part.pdu, signal })
          } catch (error) {
            if (error instanceof AtCommandError && error.kind === 'cms' && (error.atCode === 331 || error.atCode === 332)) {
              throw new ContractError('PROTOCOL', `The message to ${number} was not sent: the modem has no network service. Wait until it is registered.`, {
                to: number,
                finalLine: error.finalLine
              })
            }
            throw error
          }
        }
      })
  }
}

/** The +CMGL=4 listing as messages, newest first. Outgoing (stored SMS-SUBMIT) entries are not received messages. */
export function messagesFromListing(lines: readonly string[]): SmsMessage[] {
  const listed = parseCmglPdu(lines)
  if (!listed.ok) return []
  const parts: StoredPart[] = []
  for (const entry of listed.value) {
    if (entry.stat > 1) continue
    const decoded = decodeSmsPdu(entry.pdu)
    if (!decoded.ok || decoded.value.type !== 'deliver') continue
    parts.push({ ...decoded.value, index: entry.index, read: entry.stat === 1 })
  }
  const assembled = assembleConcatenated(parts)
  const entries: { message: SmsMessage; at: number }[] = []
  const add = (group: readonly StoredPart[], sender: string, text: string, missing: number): void => {
    entries.push({ message: toMessage(group, sender, text, missing), at: group[0]?.timestamp.epochMs ?? 0 })
  }
  for (const message of assembled.messages) add(message.parts, message.sender, message.text, 0)
  for (const partial of assembled.incomplete) add(partial.parts, partial.sender, partial.parts.map((part) => part.text ?? '').join(''), partial.missing.length)
  // A repeated part is still a slot on the SIM; keep it deletable as its own entry.
  for (const duplicate of assembled.duplicates) add([duplicate], duplicate.originator.number, duplicate.text ?? '', 0)
  // Newest first, by the service-centre time stamp (offsets differ between messages, so not by its text).
  return entries.sort((a, b) => b.at - a.at).map((entry) => entry.message)
}

function toMessage(parts: readonly StoredPart[], sender: string, text: string, partsMissing: number): SmsMessage {
  const first = parts[0]
  const message: SmsMessage = {
    id: parts.map((part) => part.index).join('+'),
    from: sender,
    text,
    receivedAt: first?.timestamp.iso ?? '',
    read: parts.every((part) => part.read)
  }
  if (partsMissing > 0) message.partsMissing = partsMissing
  return message
}
