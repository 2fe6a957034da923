// USSD sessions per device: the codes sent, the network's replies and menu answers as a transcript,
// and whether the network is waiting for an answer. A request that is still out can be cancelled
// (ussd.cancel); whatever it answers afterwards is ignored, so a late reply never reopens a session
// the user ended.
import type { ContractErrorData } from '@contract/errors'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData } from './status'

/** What the contract accepts as a code (and as a typed keypad answer): digits, *, # and +. */
export const USSD_CODE_PATTERN = /^[0-9*#+]{1,40}$/
export const USSD_ANSWER_MAX = 160

/**
 * idle: no session, a code may be sent; sending: a code or answer is with the network (cancellable);
 * menu: the network asked a question and waits for an answer; cancelling: ussd.cancel is out.
 */
export type UssdStatus = 'idle' | 'sending' | 'menu' | 'cancelling'

/** A ready-made code from a carrier pack (balance, data left, own number). Packs supply these; the app has none built in. */
export interface UssdQuickCode {
  label: string
  code: string
}

export type UssdEntryKind = 'sent' | 'reply' | 'ended' | 'cancelled'

export interface UssdEntry {
  id: number
  kind: UssdEntryKind
  /** The code or answer (sent), the network's text (reply); empty for the end markers. */
  text: string
  at: number
}

export interface DeviceUssdState {
  status: UssdStatus
  transcript: UssdEntry[]
  error: ContractErrorData | null
}

/** Networks answer within about 30 s or drop the request; the host's own wait is shorter than this. */
export const USSD_TIMEOUT_MS = 60_000

const EMPTY: Readonly<DeviceUssdState> = Object.freeze({ status: 'idle', transcript: [], error: null })

export const useUssdStore = defineStore('ussd', () => {
  const client = useApiClient()
  const byDevice = ref<Record<string, DeviceUssdState>>({})
  /** Bumped by every send, answer and cancel: an answer to an older request is stale. */
  const requestSeq = new Map<string, number>()
  let nextEntryId = 1

  function stateOf(deviceId: string): Readonly<DeviceUssdState> {
    return byDevice.value[deviceId] ?? EMPTY
  }

  function ensure(deviceId: string): DeviceUssdState {
    if (!byDevice.value[deviceId]) byDevice.value[deviceId] = { status: 'idle', transcript: [], error: null }
    return byDevice.value[deviceId]
  }

  function bump(deviceId: string): number {
    const seq = (requestSeq.get(deviceId) ?? 0) + 1
    requestSeq.set(deviceId, seq)
    return seq
  }

  function append(state: DeviceUssdState, kind: UssdEntryKind, text = ''): void {
    state.transcript.push({ id: nextEntryId++, kind, text, at: Date.now() })
  }

  async function exchange(deviceId: string, text: string, ask: () => Promise<{ text: string; sessionOpen: boolean }>): Promise<void> {
    const state = ensure(deviceId)
    const seq = bump(deviceId)
    state.status = 'sending'
    state.error = null
    append(state, 'sent', text)
    try {
      const reply = await ask()
      if (requestSeq.get(deviceId) !== seq) return
      append(state, 'reply', reply.text)
      if (reply.sessionOpen) {
        state.status = 'menu'
      } else {
        state.status = 'idle'
        append(state, 'ended')
      }
    } catch (caught) {
      if (requestSeq.get(deviceId) !== seq) return
      state.error = toErrorData(caught)
      state.status = 'idle'
    }
  }

  /** Starts a session with a code such as *100#. Refused while a request is out or a menu waits. */
  function send(deviceId: string, code: string): Promise<void> {
    const trimmed = code.trim()
    if (stateOf(deviceId).status !== 'idle' || !USSD_CODE_PATTERN.test(trimmed)) return Promise.resolve()
    return exchange(deviceId, trimmed, () => client.request('ussd.send', { deviceId, code: trimmed }, { timeoutMs: USSD_TIMEOUT_MS }))
  }

  /** Answers the open menu. */
  function respond(deviceId: string, answer: string): Promise<void> {
    const trimmed = answer.trim()
    if (stateOf(deviceId).status !== 'menu' || trimmed === '' || trimmed.length > USSD_ANSWER_MAX) return Promise.resolve()
    return exchange(deviceId, trimmed, () => client.request('ussd.respond', { deviceId, answer: trimmed }, { timeoutMs: USSD_TIMEOUT_MS }))
  }

  /** Ends the session, or abandons the request that is out. */
  async function cancel(deviceId: string): Promise<void> {
    const state = ensure(deviceId)
    if (state.status !== 'sending' && state.status !== 'menu') return
    const seq = bump(deviceId)
    state.status = 'cancelling'
    state.error = null
    try {
      await client.request('ussd.cancel', { deviceId }, { timeoutMs: USSD_TIMEOUT_MS })
      if (requestSeq.get(deviceId) !== seq) return
      append(state, 'cancelled')
    } catch (caught) {
      if (requestSeq.get(deviceId) !== seq) return
      state.error = toErrorData(caught)
    } finally {
      if (requestSeq.get(deviceId) === seq) state.status = 'idle'
    }
  }

  function clear(deviceId: string): void {
    const state = byDevice.value[deviceId]
    if (!state || state.status !== 'idle') return
    state.transcript = []
    state.error = null
  }

  return { byDevice, stateOf, send, respond, cancel, clear }
})
