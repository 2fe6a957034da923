// The AT console per device: commands sent this session (for ↑/↓ recall), the exchange shown as a log,
// and the one risky command waiting for the user's confirmation. The host decides what is risky
// (at.send fails with BAD_INPUT and details.needsConfirmation); the UI only asks and resends.
import type { ContractErrorData } from '@contract/errors'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData } from './status'

/** Generic 3GPP TS 27.007 reads: signal quality, operator, EPS registration, PDP contexts, identification. */
export const AT_QUICK_COMMANDS = ['AT+CSQ', 'AT+COPS?', 'AT+CEREG?', 'AT+CGDCONT?', 'ATI'] as const

export type AtConsoleStatus = 'idle' | 'sending' | 'confirming'

export interface AtLogEntry {
  id: number
  direction: 'out' | 'in' | 'note'
  text: string
  at: number
  /** On the final result line: ok or error, for highlighting. */
  final?: 'ok' | 'error'
  elapsedMs?: number
}

export interface PendingConfirmation {
  command: string
  reasons: string[]
}

export interface DeviceAtState {
  status: AtConsoleStatus
  log: AtLogEntry[]
  history: string[]
  pending: PendingConfirmation | null
  error: ContractErrorData | null
}

/** Final result codes that mean failure (V.250 ERROR, 27.007 +CME/+CMS ERROR). */
export function isErrorFinal(final: string): boolean {
  return /^(ERROR|\+CME ERROR|\+CMS ERROR|NO CARRIER|BUSY|NO ANSWER|NO DIALTONE)/i.test(final.trim())
}

/** The reasons a BAD_INPUT refusal gives when the command needs confirmation, or null when it is another refusal. */
export function confirmationReasons(error: ContractErrorData): string[] | null {
  if (error.code !== 'BAD_INPUT') return null
  const details = error.details as { needsConfirmation?: unknown; reasons?: unknown } | undefined
  if (details?.needsConfirmation !== true) return null
  return Array.isArray(details.reasons) ? details.reasons.filter((reason): reason is string => typeof reason === 'string') : []
}

const EMPTY: Readonly<DeviceAtState> = Object.freeze({ status: 'idle', log: [], history: [], pending: null, error: null })

export const useAtConsoleStore = defineStore('atConsole', () => {
  const client = useApiClient()
  const byDevice = ref<Record<string, DeviceAtState>>({})
  let nextId = 1

  function ensure(deviceId: string): DeviceAtState {
    if (!byDevice.value[deviceId]) byDevice.value[deviceId] = { status: 'idle', log: [], history: [], pending: null, error: null }
    return byDevice.value[deviceId]
  }

  function stateOf(deviceId: string): Readonly<DeviceAtState> {
    return byDevice.value[deviceId] ?? EMPTY
  }

  async function send(deviceId: string, command: string, confirmed = false): Promise<void> {
    const trimmed = command.trim()
    const state = ensure(deviceId)
    if (trimmed === '' || state.status === 'sending') return
    state.status = 'sending'
    state.error = null
    if (!confirmed) {
      if (state.history[state.history.length - 1] !== trimmed) state.history.push(trimmed)
    }
    try {
      const reply = await client.request('at.send', { deviceId, command: trimmed, confirmed })
      const now = Date.now()
      state.log.push({ id: nextId++, direction: 'out', text: trimmed, at: now })
      for (const line of reply.lines) state.log.push({ id: nextId++, direction: 'in', text: line, at: now })
      state.log.push({ id: nextId++, direction: 'in', text: reply.final, at: now, final: isErrorFinal(reply.final) ? 'error' : 'ok', elapsedMs: reply.elapsedMs })
      state.pending = null
      state.status = 'idle'
    } catch (caught) {
      const error = toErrorData(caught)
      const reasons = confirmed ? null : confirmationReasons(error)
      if (reasons) {
        state.pending = { command: trimmed, reasons }
        state.status = 'confirming'
      } else {
        state.error = error
        state.status = state.pending ? 'confirming' : 'idle'
      }
    }
  }

  function confirm(deviceId: string): Promise<void> {
    const state = ensure(deviceId)
    if (!state.pending) return Promise.resolve()
    return send(deviceId, state.pending.command, true)
  }

  function dismiss(deviceId: string): void {
    const state = ensure(deviceId)
    if (state.status === 'sending') return
    state.pending = null
    state.status = 'idle'
  }

  /** The host's transcript as plain text, one "time direction text" line each. */
  async function transcriptText(deviceId: string): Promise<string> {
    const { lines } = await client.request('at.transcript', { deviceId })
    return lines.map((line) => `${new Date(line.at).toISOString()} ${line.direction === 'out' ? '>' : line.direction === 'in' ? '<' : '#'} ${line.text}`).join('\n')
  }

  return { byDevice, stateOf, send, confirm, dismiss, transcriptText }
})
