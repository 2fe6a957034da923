// The one seam between ApiClient and the wire. Two implementations: ElectronPortTransport (desktop,
// a MessagePort to the core host handed over by the preload) and WebSocketTransport (serve mode,
// loopback WebSocket behind a token). Both carry the same envelope from src/contract/wire.ts.
import type { HostMessage, RequestMessage } from '@contract/wire'

/**
 * - connecting: first attempt, nothing heard yet
 * - open: messages flow; each transition to 'open' is a fresh session (the host may have restarted)
 * - reconnecting: the link dropped; the transport is waiting to get a new one
 * - closed: close() was called; nothing more will happen
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface ConnectionInfo {
  /** Why the link is not open, in the transport's or host's words. */
  reason?: string
  /** When the next attempt (or the host restart) is expected, in ms from the report. */
  retryInMs?: number
}

export type MessageListener = (message: HostMessage) => void
export type StateListener = (state: ConnectionState, info: ConnectionInfo) => void

export interface Transport {
  readonly state: ConnectionState
  /** Begin connecting. Listeners registered before start() see every state change. */
  start(): void
  /** Send one request. Throws when the link is not open; ApiClient only sends while it is. */
  send(message: RequestMessage): void
  onMessage(listener: MessageListener): () => void
  onStateChange(listener: StateListener): () => void
  close(): void
}

/** A shallow check that a value received from the wire is a host message we know how to route. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (typeof value !== 'object' || value === null) return false
  const message = value as { type?: unknown; id?: unknown; ok?: unknown; event?: unknown }
  if (message.type === 'response') {
    return (typeof message.id === 'number' || message.id === null) && typeof message.ok === 'boolean'
  }
  if (message.type === 'event') return typeof message.event === 'string'
  return false
}

/** Listener bookkeeping shared by both transports. */
export class TransportListeners {
  private readonly messageListeners = new Set<MessageListener>()
  private readonly stateListeners = new Set<StateListener>()

  onMessage(listener: MessageListener): () => void {
    this.messageListeners.add(listener)
    return () => this.messageListeners.delete(listener)
  }

  onStateChange(listener: StateListener): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  emitMessage(message: HostMessage): void {
    for (const listener of [...this.messageListeners]) listener(message)
  }

  emitState(state: ConnectionState, info: ConnectionInfo): void {
    for (const listener of [...this.stateListeners]) listener(state, info)
  }
}
