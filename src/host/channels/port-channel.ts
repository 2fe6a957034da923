// Adapts a message port to ClientChannel. Electron's MessagePortMain (utilityProcess) emits
// { data, ports } events; Node's worker_threads MessagePort emits the value itself.
import type { HostMessage } from '../../contract/wire'
import type { ClientChannel } from './channel'

export interface MessagePortLike {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: unknown) => void): unknown
  on(event: 'close', listener: () => void): unknown
  start?(): void
  close(): void
}

export function portChannel(port: MessagePortLike, shape: 'electron' | 'node'): ClientChannel {
  let closed = false
  return {
    kind: 'port',
    send(message: HostMessage) {
      if (!closed) port.postMessage(message)
    },
    onMessage(handler) {
      port.on('message', (event) => handler(shape === 'electron' ? (event as { data: unknown }).data : event))
      port.start?.()
    },
    onClose(handler) {
      port.on('close', () => {
        closed = true
        handler()
      })
    },
    close() {
      closed = true
      port.close()
    }
  }
}
