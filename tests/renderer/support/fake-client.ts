// A HostClient for store and component tests: scripted answers per method, and the test decides
// when events, readiness and link changes happen.
import { ContractError } from '@contract/errors'
import type { EventName, PayloadOf } from '@contract/events'
import type { MethodName, ParamsOf, ResultOf } from '@contract/methods'
import type { HelloResult, HostClient, RequestOptions } from '@renderer/api/host-client'
import type { ConnectionInfo, ConnectionState } from '@renderer/api/transport'

type Handler<M extends MethodName> = (params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>

export const HELLO: HelloResult = {
  contractVersion: 1,
  appVersion: '0.1.0',
  hostId: 'host-1',
  platform: 'linux',
  demoRunning: false
}

export class FakeHostClient implements HostClient {
  state: ConnectionState = 'open'
  info: ConnectionInfo = {}
  hello: HelloResult | null = HELLO
  readonly calls: Array<{ method: MethodName; params: unknown; options?: RequestOptions }> = []
  private readonly handlers = new Map<MethodName, Handler<never>>()
  private readonly eventHandlers = new Map<string, Set<(payload: unknown) => void>>()
  private readonly stateListeners = new Set<(state: ConnectionState, info: ConnectionInfo) => void>()
  private readonly readyListeners = new Set<(hello: HelloResult) => void>()
  private readonly helloErrorListeners = new Set<(error: ContractError) => void>()

  handle<M extends MethodName>(method: M, handler: Handler<M>): this {
    this.handlers.set(method, handler as unknown as Handler<never>)
    return this
  }

  request<M extends MethodName>(method: M, params: ParamsOf<M>, options?: RequestOptions): Promise<ResultOf<M>> {
    this.calls.push(options ? { method, params: structuredClone(params), options: { ...options } } : { method, params: structuredClone(params) })
    const handler = this.handlers.get(method) as Handler<M> | undefined
    if (!handler) return Promise.reject(new ContractError('UNKNOWN_METHOD', `fake: no handler for ${method}`))
    try {
      return Promise.resolve(handler(params))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  callsTo(method: MethodName): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.params)
  }

  /** The per-request options (timeouts) each call to `method` was made with. */
  optionsTo(method: MethodName): Array<RequestOptions | undefined> {
    return this.calls.filter((call) => call.method === method).map((call) => call.options)
  }

  on<E extends EventName>(event: E, handler: (payload: PayloadOf<E>) => void): () => void {
    let set = this.eventHandlers.get(event)
    if (!set) this.eventHandlers.set(event, (set = new Set()))
    const untyped = handler as (payload: unknown) => void
    set.add(untyped)
    return () => set.delete(untyped)
  }

  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const handler of this.eventHandlers.get(event) ?? []) handler(payload)
  }

  listenerCount(event: EventName): number {
    return this.eventHandlers.get(event)?.size ?? 0
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

  setState(state: ConnectionState, info: ConnectionInfo = {}): void {
    this.state = state
    this.info = info
    if (state !== 'open') this.hello = null
    for (const listener of this.stateListeners) listener(state, info)
  }

  becomeReady(hello: HelloResult = HELLO): void {
    this.hello = hello
    for (const listener of this.readyListeners) listener(hello)
  }

  refuseHello(error: ContractError): void {
    for (const listener of this.helloErrorListeners) listener(error)
  }
}
