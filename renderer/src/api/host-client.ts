// What stores and components may ask of the host link. ApiClient implements it; tests pass a fake.
// Stores depend on this interface, never on a transport.
import type { ContractError } from '@contract/errors'
import type { EventName, PayloadOf } from '@contract/events'
import type { MethodName, ParamsOf, ResultOf } from '@contract/methods'
import type { ConnectionInfo, ConnectionState } from './transport'

export type HelloResult = ResultOf<'app.hello'>

export interface RequestOptions {
  /** Overrides the client's default per-request timeout. */
  timeoutMs?: number
}

export interface HostClient {
  /** The transport's link state. */
  readonly state: ConnectionState
  readonly info: ConnectionInfo
  /** The host's answer to app.hello on the current link; null until it arrives (and after a drop). */
  readonly hello: HelloResult | null

  request<M extends MethodName>(method: M, params: ParamsOf<M>, options?: RequestOptions): Promise<ResultOf<M>>
  on<E extends EventName>(event: E, handler: (payload: PayloadOf<E>) => void): () => void
  onStateChange(listener: (state: ConnectionState, info: ConnectionInfo) => void): () => void
  /** Fires after every successful app.hello: the first connection and every reconnection. Re-subscribe here. */
  onReady(listener: (hello: HelloResult) => void): () => void
  /** Fires when the host refuses app.hello (VERSION_MISMATCH) or does not answer it. */
  onHelloError(listener: (error: ContractError) => void): () => void
}
