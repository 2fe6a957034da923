// The contract over the WebSocket of a running `hotspot-desk serve` (127.0.0.1 only, token in the URL).
import WebSocket from 'ws'
import type { RequestMessage } from '../contract/wire'
import { EXIT } from './exit-codes'
import { CliFailure } from './failure'
import type { ClientTransport } from './transport'

const SERVE_HINT = 'Is "hotspot-desk serve" running? Give --connect the whole "Open:" address it printed.'

export function connectToServe(url: string, timeoutMs: number): Promise<ClientTransport> {
  return new Promise((resolve, reject) => {
    // No Origin header: serve refuses cross-origin browsers, and we are not one.
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs, maxPayload: 64 * 1024 * 1024 })
    const where = new URL(url).host
    socket.once('open', () => {
      socket.removeAllListeners('error')
      resolve(transportFor(socket))
    })
    socket.once('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0
      socket.terminate()
      reject(
        status === 401
          ? new CliFailure(EXIT.auth, `The serve host at ${where} refused the token.`, SERVE_HINT, 'UNAUTHORIZED')
          : new CliFailure(EXIT.failure, `The serve host at ${where} refused the connection (HTTP ${status}).`, SERVE_HINT)
      )
    })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new CliFailure(
          EXIT.failure,
          error.code === 'ECONNREFUSED' ? `Nothing is listening at ${where}.` : `Could not reach the serve host at ${where}: ${error.message}`,
          SERVE_HINT
        )
      )
    })
  })
}

function transportFor(socket: WebSocket): ClientTransport {
  const closeHandlers: Array<(reason?: string) => void> = []
  let closed = false
  const ended = (reason?: string) => {
    if (closed) return
    closed = true
    for (const handler of closeHandlers.splice(0)) handler(reason)
  }
  socket.on('close', (_code, reason) => ended(reason.toString() || 'The serve host closed the connection.'))
  socket.on('error', (error) => ended(error.message))
  return {
    send(message: RequestMessage) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message))
    },
    onMessage(handler) {
      socket.on('message', (data, isBinary) => {
        if (isBinary) return
        try {
          handler(JSON.parse(data.toString()))
        } catch {
          // Not JSON: not a contract message. The request it belonged to times out with a clear error.
        }
      })
    },
    onClose: (handler) => void closeHandlers.push(handler),
    close() {
      closed = true
      socket.close(1000, 'done')
    }
  }
}
