// A minimal contract client over a real WebSocket, for integration tests and the bench.
import WebSocket from 'ws'
import type { ContractErrorData } from '../../src/contract/errors'
import type { EventMessage, HostMessage } from '../../src/contract/wire'

export class ContractTestClient {
  private nextId = 1
  private readonly pending = new Map<number, (message: HostMessage) => void>()
  private readonly orphanErrors: HostMessage[] = []
  readonly events: EventMessage[] = []
  private eventWaiters: Array<{ match: (e: EventMessage) => boolean; resolve: (e: EventMessage) => void }> = []

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as HostMessage
      if (message.type === 'event') {
        this.events.push(message)
        this.eventWaiters = this.eventWaiters.filter((waiter) => {
          if (!waiter.match(message)) return true
          waiter.resolve(message)
          return false
        })
        return
      }
      const waiter = message.id === null ? undefined : this.pending.get(message.id)
      if (waiter && message.id !== null) {
        this.pending.delete(message.id)
        waiter(message)
      } else this.orphanErrors.push(message)
    })
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<ContractTestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers })
      socket.once('open', () => resolve(new ContractTestClient(socket)))
      socket.once('error', reject)
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    })
  }

  /** Sends a request and resolves with the whole response message (ok or not). */
  call(method: string, params?: unknown): Promise<HostMessage> {
    const id = this.nextId++
    return this.sendRaw({ type: 'request', id, method, params }, id)
  }

  sendRaw(message: unknown, expectId?: number): Promise<HostMessage> {
    const text = typeof message === 'string' ? message : JSON.stringify(message)
    return new Promise((resolve) => {
      if (expectId !== undefined) this.pending.set(expectId, resolve)
      else this.waitOrphan().then(resolve)
      this.socket.send(text)
    })
  }

  async result<T = unknown>(method: string, params?: unknown): Promise<T> {
    const response = await this.call(method, params)
    if (response.type !== 'response' || !response.ok) {
      throw new Error(`${method} failed: ${JSON.stringify(response)}`)
    }
    return response.result as T
  }

  async error(method: string, params?: unknown): Promise<ContractErrorData> {
    const response = await this.call(method, params)
    if (response.type !== 'response' || response.ok) throw new Error(`${method} unexpectedly succeeded`)
    return response.error
  }

  nextEvent(match: (event: EventMessage) => boolean, timeoutMs = 10_000): Promise<EventMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching event in time')), timeoutMs)
      this.eventWaiters.push({
        match,
        resolve: (event) => {
          clearTimeout(timer)
          resolve(event)
        }
      })
    })
  }

  close(): void {
    this.socket.close()
  }

  private async waitOrphan(): Promise<HostMessage> {
    for (let i = 0; i < 500; i++) {
      const message = this.orphanErrors.shift()
      if (message) return message
      await new Promise((r) => setTimeout(r, 10))
    }
    throw new Error('no reply to a message without id')
  }
}
