// The client end of a contract connection, whatever carries it: an in-memory link to a host in this
// process, or the WebSocket of a running serve host. Messages arrive as parsed values.
import type { RequestMessage } from '../contract/wire'

export interface ClientTransport {
  send(message: RequestMessage): void
  onMessage(handler: (message: unknown) => void): void
  /** Called once, with why the connection ended when that is known. */
  onClose(handler: (reason?: string) => void): void
  close(): void
}
