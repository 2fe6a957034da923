// The SMS inbox a device keeps, per device: the messages (newest first), the storage gauge, marking
// a message read when it is opened, and deleting one — only ever on the user's explicit request.
import type { ContractErrorData } from '@contract/errors'
import type { SmsMessage, SmsStorage } from '@contract/model'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData, type LoadStatus } from './status'

export type SmsActionKind = 'markRead' | 'delete'

export interface DeviceSmsState {
  status: LoadStatus
  error: ContractErrorData | null
  messages: SmsMessage[]
  storage: SmsStorage | null
  /** The message being deleted, so only its button shows progress. */
  deleting: string | null
  /** The last failed markRead / delete, for a notice next to the list. */
  actionError: { kind: SmsActionKind; error: ContractErrorData } | null
  /** The device answered UNSUPPORTED to sms.markRead once: opening a message then changes nothing there. */
  markReadUnsupported: boolean
}

function emptyState(): DeviceSmsState {
  return { status: 'idle', error: null, messages: [], storage: null, deleting: null, actionError: null, markReadUnsupported: false }
}

const EMPTY: Readonly<DeviceSmsState> = Object.freeze(emptyState())

function newestFirst(a: SmsMessage, b: SmsMessage): number {
  const left = Date.parse(a.receivedAt)
  const right = Date.parse(b.receivedAt)
  if (Number.isNaN(left) || Number.isNaN(right)) return 0
  return right - left
}

export const useSmsStore = defineStore('sms', () => {
  const client = useApiClient()
  const byDevice = ref<Record<string, DeviceSmsState>>({})
  const listSeq = new Map<string, number>()

  function stateOf(deviceId: string): Readonly<DeviceSmsState> {
    return byDevice.value[deviceId] ?? EMPTY
  }

  function ensure(deviceId: string): DeviceSmsState {
    if (!byDevice.value[deviceId]) byDevice.value[deviceId] = emptyState()
    return byDevice.value[deviceId]
  }

  function unreadCount(deviceId: string): number {
    return stateOf(deviceId).messages.filter((message) => !message.read).length
  }

  /** Reads the inbox. The list on screen stays while it loads. */
  async function load(deviceId: string): Promise<void> {
    const state = ensure(deviceId)
    const seq = (listSeq.get(deviceId) ?? 0) + 1
    listSeq.set(deviceId, seq)
    state.status = 'loading'
    try {
      const result = await client.request('sms.list', { deviceId })
      if (listSeq.get(deviceId) !== seq) return
      state.messages = [...result.messages].sort(newestFirst)
      state.storage = result.storage ?? null
      state.error = null
      state.status = 'ready'
    } catch (caught) {
      if (listSeq.get(deviceId) !== seq) return
      state.error = toErrorData(caught)
      state.status = 'error'
    }
  }

  /** Opening an unread message marks it read on the device, where the device can. */
  async function markRead(deviceId: string, messageId: string): Promise<void> {
    const state = ensure(deviceId)
    const message = state.messages.find((candidate) => candidate.id === messageId)
    if (!message || message.read || state.markReadUnsupported) return
    try {
      await client.request('sms.markRead', { deviceId, messageId })
      const current = state.messages.find((candidate) => candidate.id === messageId)
      if (current) current.read = true
      if (state.actionError?.kind === 'markRead') state.actionError = null
    } catch (caught) {
      const error = toErrorData(caught)
      // Not every device keeps a read flag: say nothing, and do not ask again.
      if (error.code === 'UNSUPPORTED') state.markReadUnsupported = true
      else state.actionError = { kind: 'markRead', error }
    }
  }

  /** Deletes one message. Callers confirm with the user first; nothing here deletes on its own. */
  async function remove(deviceId: string, messageId: string): Promise<boolean> {
    const state = ensure(deviceId)
    if (state.deleting !== null) return false
    state.deleting = messageId
    state.actionError = null
    try {
      await client.request('sms.delete', { deviceId, messageId })
      state.messages = state.messages.filter((message) => message.id !== messageId)
      // A long message may have used several slots: the device's own count is the one to show.
      void load(deviceId)
      return true
    } catch (caught) {
      state.actionError = { kind: 'delete', error: toErrorData(caught) }
      return false
    } finally {
      state.deleting = null
    }
  }

  function dismissActionError(deviceId: string): void {
    const state = byDevice.value[deviceId]
    if (state) state.actionError = null
  }

  return { byDevice, stateOf, unreadCount, load, markRead, remove, dismissActionError }
})
