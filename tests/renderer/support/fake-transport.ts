// An in-memory Transport: records what ApiClient sends and lets a test play the host.
import type { ContractErrorData } from '@contract/errors'
import type { EventMessage, HostMessage, RequestMessage } from '@contract/wire'
import {
  TransportListeners,
  type ConnectionInfo,
  type ConnectionState,
  type MessageListener,
  type StateListener,
  type Transport
} from '@renderer/api/transport'

export class FakeTransport implements Transport {
  state: ConnectionState = 'connecting'
  started = false
  readonly sent: RequestMessage[] = []
  private readonly listeners = new TransportListeners()

  start(): void {
    this.started = true
  }

  send(message: RequestMessage): void {
    if (this.state !== 'open') throw new Error('not open')
    // Copy, as a real wire would: later mutation by the sender must not show here.
    this.sent.push(structuredClone(message))
  }

  onMessage(listener: MessageListener): () => void {
    return this.listeners.onMessage(listener)
  }

  onStateChange(listener: StateListener): () => void {
    return this.listeners.onStateChange(listener)
  }

  close(): void {
    this.setState('closed')
  }

  setState(state: ConnectionState, info: ConnectionInfo = {}): void {
    this.state = state
    this.listeners.emitState(state, info)
  }

  receive(message: HostMessage): void {
    this.listeners.emitMessage(message)
  }

  /** The last request sent for `method` (throws when there is none, so a test cannot pass vacuously). */
  lastRequest(method: string): RequestMessage {
    const found = [...this.sent].reverse().find((message) => message.method === method)
    if (!found) throw new Error(`no "${method}" request was sent; sent: ${this.sent.map((m) => m.method).join(', ')}`)
    return found
  }

  requests(method: string): RequestMessage[] {
    return this.sent.filter((message) => message.method === method)
  }

  respond(id: number, result: unknown): void {
    this.receive({ type: 'response', id, ok: true, result })
  }

  fail(id: number, error: ContractErrorData): void {
    this.receive({ type: 'response', id, ok: false, error })
  }

  event(event: string, payload: unknown): void {
    const message: EventMessage = { type: 'event', event, payload }
    this.receive(message)
  }
}
