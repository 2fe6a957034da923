// The plumbing every HTTP device simulator shares: listen on 127.0.0.1 only, keep track of the open
// sockets so "unplug" can cut them, and collect a request body with a size cap. What a device answers
// stays in each simulator.
import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** Listens on 127.0.0.1 (never any other address) and resolves with the port actually bound. */
export function listenOnLoopback(server: Server, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (error: Error): void => reject(error)
    server.once('error', onError)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** The sockets of one simulated device, so unplugging drops every connection at once. */
export class SocketSet {
  private readonly sockets = new Set<Socket>()

  /** Keeps the socket while the device is plugged in; a connection to an unplugged device is cut. */
  track(socket: Socket, plugged: boolean): void {
    if (!plugged) {
      socket.destroy()
      return
    }
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
  }
}

/** Collects the body as UTF-8; a body over `maxBytes` cuts the connection, as small embedded servers do. */
export function collectBody(req: IncomingMessage, maxBytes: number, onBody: (body: string) => void): void {
  const chunks: Buffer[] = []
  let size = 0
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > maxBytes) req.socket.destroy()
    else chunks.push(chunk)
  })
  req.on('error', () => undefined)
  req.on('end', () => onBody(Buffer.concat(chunks).toString('utf8')))
}
