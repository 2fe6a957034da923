// A connection from one client (renderer, CLI, test) to the host. Transports adapt to this;
// the contract server does not care whether it is a MessagePort or a WebSocket.
import type { HostMessage } from '../../contract/wire'

export interface ClientChannel {
  readonly kind: 'port' | 'websocket' | 'memory'
  send(message: HostMessage): void
  /** Raw data as received: a string (WebSocket) or a structured-clone value (MessagePort). */
  onMessage(handler: (data: unknown) => void): void
  onClose(handler: () => void): void
  close(): void
}
