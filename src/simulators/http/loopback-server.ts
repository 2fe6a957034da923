// The plumbing every HTTP device simulator shares: listen on 127.0.0.1 only, keep track of the open
// sockets so "unplug" can cut them, and collect a request body with a size cap. What a device answers
// stays in each simulator.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
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

export interface LoopbackHttpEndpointOptions {
  /** 0 picks a free port; replug() comes back on the same one. */
  port?: number
  maxBodyBytes: number
  /** Called with the whole body, only while the device is plugged in. */
  onRequest: (req: IncomingMessage, res: ServerResponse, body: string) => void
}

/**
 * A simulated device's web server: on 127.0.0.1 only, and pluggable. unplug() cuts every connection and
 * refuses new ones; replug() brings the device back on the same port with its state intact, like a
 * cable pulled and pushed back in.
 */
export class LoopbackHttpEndpoint {
  private server: Server | undefined
  private port: number
  private readonly sockets = new SocketSet()
  private isPlugged = true

  constructor(private readonly options: LoopbackHttpEndpointOptions) {
    this.port = options.port ?? 0
  }

  get plugged(): boolean {
    return this.isPlugged
  }

  get started(): boolean {
    return this.server !== undefined
  }

  get baseUrl(): string | undefined {
    return this.server && this.port !== 0 ? `http://127.0.0.1:${this.port}` : undefined
  }

  async start(): Promise<string> {
    if (!this.server) {
      const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => this.handle(req, res))
      server.on('connection', (socket) => this.sockets.track(socket, this.isPlugged))
      server.on('clientError', (_error, socket) => socket.destroy())
      this.server = server
      this.port = await listenOnLoopback(server, this.port)
      this.isPlugged = true
    }
    return `http://127.0.0.1:${this.port}`
  }

  /** Close the listener and every socket. Safe to call twice. */
  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    await this.cut(server)
  }

  async unplug(): Promise<void> {
    await this.cut(this.server)
  }

  async replug(): Promise<void> {
    const server = this.server
    if (!server) throw new Error('the simulator is not started')
    if (!server.listening) this.port = await listenOnLoopback(server, this.port)
    this.isPlugged = true
  }

  private async cut(server: Server | undefined): Promise<void> {
    this.isPlugged = false
    this.sockets.destroyAll()
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (!this.isPlugged) {
      req.socket.destroy()
      return
    }
    collectBody(req, this.options.maxBodyBytes, (body) => this.options.onRequest(req, res, body))
  }
}
