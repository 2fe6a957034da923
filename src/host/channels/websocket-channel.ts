// Adapts a ws WebSocket (serve mode) to ClientChannel. Messages are JSON text.
import type { WebSocket } from 'ws'
import type { HostMessage } from '../../contract/wire'
import type { ClientChannel } from './channel'

export function websocketChannel(socket: WebSocket): ClientChannel {
  return {
    kind: 'websocket',
    send(message: HostMessage) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
    },
    onMessage(handler) {
      socket.on('message', (data, isBinary) => {
        handler(isBinary ? undefined : data.toString())
      })
    },
    onClose(handler) {
      socket.on('close', handler)
    },
    close() {
      socket.close(1001, 'host shutting down')
    }
  }
}
