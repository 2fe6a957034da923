// The renderer's only way to talk to the core host: typed requests matched to responses by id, a
// timeout per request, host events fanned out to handlers, and app.hello on every (re)connection so
// stores know when to subscribe again. Transport-agnostic (MessagePort in Electron, WebSocket in
// serve mode). Imports only types and the zod-free modules of the contract, so zod stays out of the
// renderer bundle.
import { ContractError, isErrorCode, type ContractErrorData } from '@contract/errors'
import type { EventName, PayloadOf } from '@contract/events'
import type { MethodName, ParamsOf, ResultOf } from '@contract/methods'
import { CONTRACT_VERSION } from '@contract/version'
import type { HostMessage, RequestMessage } from '@contract/wire'
import type { HelloResult, HostClient, RequestOptions } from './host-client'
import type { ConnectionInfo, ConnectionState, Transport } from './transport'

/** device.status may wait for one full poll of a slow device; 15 s covers that with room to spare. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000

export interface ApiClientOptions {
  timeoutMs?: number
  /** Sent in app.hello so the host's logs say who is talking. */
  clientName?: string
}

interface PendingRequest {
  readonly method: string
  readonly message: RequestMessage
  readonly resolve: (result: unknown) => void
  readonly reject: (error: ContractError) => void
  readonly timer: ReturnType<typeof setTimeout>
  /** False while it waits in the outbox for the link to open. */
  sent: boolean
}

type Listener<T extends unknown[]> = (...args: T) => void

export class ApiClient implements HostClient {
  private nextId = 1
  private readonly pending = new Map<number, PendingRequest>()
  private readonly eventHandlers = new Map<string, Set<(payload: unknown) => void>>()
  private readonly stateListeners = new Set<Listener<[ConnectionState, ConnectionInfo]>>()
  private readonly readyListeners = new Set<Listener<[HelloResult]>>()
  private readonly helloErrorListeners = new Set<Listener<[ContractError]>>()
  private readonly detachTransport: Array<() => void>
  private readonly timeoutMs: number
  private readonly clientName: string
  private currentState: ConnectionState
  private currentInfo: ConnectionInfo = {}
  private helloResult: HelloResult | null = null
  /** Bumped on every link change, so answers from an earlier link cannot pass for the current one. */
  private linkGeneration = 0

  constructor(
    private readonly transport: Transport,
    options: ApiClientOptions = {}
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    this.clientName = options.clientName ?? 'renderer'
    this.currentState = transport.state
    this.detachTransport = [
      transport.onMessage((message) => this.handleMessage(message)),
      transport.onStateChange((state, info) => this.handleState(state, info))
    ]
  }

  get state(): ConnectionState {
    return this.currentState
  }

  get info(): ConnectionInfo {
    return this.currentInfo
  }

  get hello(): HelloResult | null {
    return this.helloResult
  }

  /** Starts the transport. The first 'open' triggers app.hello. */
  connect(): void {
    this.transport.start()
  }

  close(): void {
    this.transport.close()
    // A transport reports 'closed' itself; make sure nothing is left waiting either way.
    if (this.currentState !== 'closed') this.handleState('closed', {})
    for (const detach of this.detachTransport) detach()
  }

  request<M extends MethodName>(method: M, params: ParamsOf<M>, options: RequestOptions = {}): Promise<ResultOf<M>> {
    if (this.currentState === 'closed') {
      return Promise.reject(new ContractError('INTERNAL', `The connection to the host is closed; "${method}" was not sent.`, { method, reason: 'client-closed' }))
    }
    const id = this.nextId++
    const timeoutMs = options.timeoutMs ?? this.timeoutMs
    const message: RequestMessage = { type: 'request', id, method, params: toWireParams(params) }
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const entry: PendingRequest = {
        method,
        message,
        resolve: resolve as (result: unknown) => void,
        reject,
        timer: setTimeout(() => this.expire(id, timeoutMs), timeoutMs),
        sent: false
      }
      this.pending.set(id, entry)
      // While the link is down the request waits in the outbox; its timeout keeps running.
      if (this.currentState === 'open') this.transmit(entry)
    })
  }

  on<E extends EventName>(event: E, handler: (payload: PayloadOf<E>) => void): () => void {
    let handlers = this.eventHandlers.get(event)
    if (!handlers) {
      handlers = new Set()
      this.eventHandlers.set(event, handlers)
    }
    const untyped = handler as (payload: unknown) => void
    handlers.add(untyped)
    return () => {
      handlers.delete(untyped)
    }
  }

  onStateChange(listener: (state: ConnectionState, info: ConnectionInfo) => void): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  onReady(listener: (hello: HelloResult) => void): () => void {
    this.readyListeners.add(listener)
    return () => this.readyListeners.delete(listener)
  }

  onHelloError(listener: (error: ContractError) => void): () => void {
    this.helloErrorListeners.add(listener)
    return () => this.helloErrorListeners.delete(listener)
  }

  private handleState(state: ConnectionState, info: ConnectionInfo): void {
    this.currentState = state
    this.currentInfo = info
    this.linkGeneration++
    this.helloResult = null
    // Every state report means the previous link is over (a second 'open' is a new port after a
    // host restart). Requests already sent on it will never be answered.
    this.failPending((entry) => entry.sent || state === 'closed', state)
    emit(this.stateListeners, state, info)
    if (state === 'open') {
      this.sayHello()
      for (const entry of this.pending.values()) if (!entry.sent) this.transmit(entry)
    }
  }

  private sayHello(): void {
    const generation = this.linkGeneration
    this.request('app.hello', { contractVersion: CONTRACT_VERSION, client: this.clientName }).then(
      (hello) => {
        if (generation !== this.linkGeneration) return
        this.helloResult = hello
        emit(this.readyListeners, hello)
      },
      (error: unknown) => {
        if (generation !== this.linkGeneration) return
        emit(this.helloErrorListeners, asContractError(error))
      }
    )
  }

  private transmit(entry: PendingRequest): void {
    try {
      this.transport.send(entry.message)
      entry.sent = true
    } catch {
      // The link went away between the state report and now; the entry stays in the outbox and
      // goes out on the next 'open' (or times out).
    }
  }

  private handleMessage(message: HostMessage): void {
    if (message.type === 'event') {
      const handlers = this.eventHandlers.get(message.event)
      if (!handlers) return
      for (const handler of [...handlers]) {
        try {
          handler(message.payload)
        } catch (error) {
          // One faulty handler must not starve the others of the same event.
          console.error(`[api] handler for "${message.event}" failed`, error)
        }
      }
      return
    }
    if (message.id === null) {
      // The host could not even read which request this was; it cannot be matched to a caller.
      console.warn('[api] the host rejected a message it could not parse', message.ok ? undefined : message.error)
      return
    }
    const entry = this.pending.get(message.id)
    if (!entry) return // answered after its timeout, or from a link we already gave up on
    this.pending.delete(message.id)
    clearTimeout(entry.timer)
    if (message.ok) entry.resolve(message.result)
    else entry.reject(fromWireError(message.error))
  }

  private expire(id: number, timeoutMs: number): void {
    const entry = this.pending.get(id)
    if (!entry) return
    this.pending.delete(id)
    const seconds = Math.round(timeoutMs / 100) / 10
    entry.reject(
      new ContractError('TIMEOUT', `The host did not answer "${entry.method}" within ${seconds} s.`, {
        method: entry.method,
        timeoutMs,
        sent: entry.sent
      })
    )
  }

  private failPending(which: (entry: PendingRequest) => boolean, state: ConnectionState): void {
    for (const [id, entry] of [...this.pending]) {
      if (!which(entry)) continue
      this.pending.delete(id)
      clearTimeout(entry.timer)
      // Which code? The closed set has no "link lost". DEVICE_GONE and TIMEOUT speak about the
      // device and would send the user to check a cable that is fine; BUSY promises that retrying
      // is safe, and it is not: the host may have applied a write (an APN change) before it went
      // away. INTERNAL ("a problem on our side") is what happened: our own host process stopped or
      // restarted, or this window closed its link. details.reason tells the cases apart.
      const reason = state === 'closed' ? 'client-closed' : 'host-link-lost'
      entry.reject(
        new ContractError(
          'INTERNAL',
          state === 'closed'
            ? `The connection to the host was closed before it answered "${entry.method}".`
            : `The connection to the host was lost before it answered "${entry.method}"; it may or may not have been carried out.`,
          { method: entry.method, reason }
        )
      )
    }
  }
}

function emit<T extends unknown[]>(listeners: Set<Listener<T>>, ...args: T): void {
  for (const listener of [...listeners]) {
    try {
      listener(...args)
    } catch (error) {
      console.error('[api] listener failed', error)
    }
  }
}

/**
 * Params cross as plain JSON data. A round trip strips Vue reactive proxies (which a MessagePort
 * cannot structured-clone) and undefined fields, so both transports send exactly the same thing.
 */
function toWireParams(params: unknown): unknown {
  if (params === undefined) return {}
  return JSON.parse(JSON.stringify(params)) as unknown
}

function fromWireError(error: ContractErrorData | undefined): ContractError {
  if (error && isErrorCode(error.code) && typeof error.message === 'string') return ContractError.fromData(error)
  // A newer host may send a code this build does not know; keep its words, not its code.
  const raw = error as { code?: unknown; message?: unknown } | undefined
  return new ContractError('INTERNAL', typeof raw?.message === 'string' ? raw.message : 'The host sent an error this app cannot read.', {
    originalCode: raw?.code
  })
}

/** Anything caught from a request, as a ContractError. */
export function asContractError(error: unknown): ContractError {
  if (error instanceof ContractError) return error
  return new ContractError('INTERNAL', error instanceof Error ? error.message : String(error))
}
