// A small contract client for the command line: numbered requests, responses matched by id, answers
// checked against the contract's result schemas, events handed to listeners. Errors come back as
// ContractError with the host's code, so the CLI maps them to exit codes in one place.
import { ContractError, isErrorCode } from '../contract/errors'
import { events, type EventName, type PayloadOf } from '../contract/events'
import { methods, type MethodName, type ParamsOf, type ResultOf } from '../contract/methods'
import { EXIT } from './exit-codes'
import { CliFailure } from './failure'
import type { ClientTransport } from './transport'

/** A safety net for a connection that stopped answering; devices and drivers have their own, shorter deadlines. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000

interface Pending {
  method: MethodName
  resolve: (result: unknown) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

type EventListener = (event: EventName, payload: unknown) => void

export class CliContractClient {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Set<EventListener>()
  private closedReason: string | undefined

  constructor(private readonly transport: ClientTransport) {
    transport.onMessage((message) => this.receive(message))
    transport.onClose((reason) => this.closed(reason ?? 'The connection to the host closed.'))
  }

  call<M extends MethodName>(method: M, params: ParamsOf<M>, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): Promise<ResultOf<M>> {
    if (this.closedReason !== undefined) return Promise.reject(connectionLost(this.closedReason))
    const id = this.nextId++
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new ContractError('TIMEOUT', `The host did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.`))
      }, timeoutMs)
      this.pending.set(id, { method, resolve: (result) => resolve(result as ResultOf<M>), reject, timer })
      this.transport.send({ type: 'request', id, method, params })
    })
  }

  /** Every event, validated against the contract; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** One event kind, typed. */
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void {
    return this.onEvent((event, payload) => {
      if (event === name) listener(payload as PayloadOf<E>)
    })
  }

  /** Resolves at the next event of one of these kinds, or after timeoutMs, whichever comes first. */
  nextEvent(names: readonly EventName[], timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        off()
        resolve()
      }
      const timer = setTimeout(done, Math.max(0, timeoutMs))
      const off = this.onEvent((event) => {
        if (names.includes(event)) done()
      })
    })
  }

  close(): void {
    this.closed('The command closed the connection.')
    this.transport.close()
  }

  private receive(message: unknown): void {
    const value = message as { type?: unknown; id?: unknown; ok?: unknown; result?: unknown; error?: unknown; event?: unknown; payload?: unknown }
    if (typeof value !== 'object' || value === null) return
    if (value.type === 'event' && typeof value.event === 'string' && Object.prototype.hasOwnProperty.call(events, value.event)) {
      const name = value.event as EventName
      const parsed = events[name].safeParse(value.payload)
      if (!parsed.success) return
      for (const listener of [...this.listeners]) listener(name, parsed.data)
      return
    }
    if (value.type !== 'response' || typeof value.id !== 'number') return
    const pending = this.pending.get(value.id)
    if (!pending) return
    this.pending.delete(value.id)
    clearTimeout(pending.timer)
    if (value.ok === true) {
      const parsed = methods[pending.method].result.safeParse(value.result)
      if (parsed.success) pending.resolve(parsed.data)
      else {
        const issue = parsed.error.issues[0]
        pending.reject(
          new ContractError('PROTOCOL', `The host's answer to ${pending.method} does not match this version of the contract (${issue?.path.join('.') || 'result'}: ${issue?.message ?? 'invalid'}).`)
        )
      }
      return
    }
    const error = value.error as { code?: unknown; message?: unknown; details?: unknown } | undefined
    const details = typeof error?.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : undefined
    pending.reject(
      isErrorCode(error?.code) && typeof error.message === 'string'
        ? new ContractError(error.code, error.message, details)
        : new ContractError('PROTOCOL', `The host answered ${pending.method} with an error this version does not understand.`)
    )
  }

  private closed(reason: string): void {
    if (this.closedReason !== undefined) return
    this.closedReason = reason
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer)
      this.pending.delete(id)
      pending.reject(connectionLost(reason))
    }
  }
}

function connectionLost(reason: string): CliFailure {
  return new CliFailure(EXIT.failure, `The connection to the host ended: ${reason}`, 'If you used --connect, check that "hotspot-desk serve" is still running.')
}
