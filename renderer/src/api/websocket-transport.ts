// Serve mode: the page is opened as http://127.0.0.1:PORT/?token=TOKEN and speaks the contract over
// a WebSocket at /api on the same origin. The token is taken out of the address bar at once (so it
// does not end up in history, bookmarks or screenshots) and kept in sessionStorage for reconnects and
// reloads of this tab. The server also set an HttpOnly cookie on the first page load, so a missing
// token is not fatal: the upgrade request carries the cookie.
import type { HostMessage, RequestMessage } from '@contract/wire'
import {
  isHostMessage,
  TransportListeners,
  type ConnectionInfo,
  type ConnectionState,
  type MessageListener,
  type StateListener,
  type Transport
} from './transport'

export const TOKEN_STORAGE_KEY = 'hotspot-desk.serve-token'

/** The part of the browser WebSocket this transport uses (so tests can pass a fake class). */
export interface WebSocketLike {
  readonly readyState: number
  onopen: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
  onclose: ((event: CloseEvent) => void) | null
  onerror: ((event: Event) => void) | null
  send(data: string): void
  close(code?: number, reason?: string): void
}

export type WebSocketConstructor = new (url: string) => WebSocketLike

export interface WebSocketTransportOptions {
  location?: Pick<Location, 'href' | 'host' | 'protocol'>
  history?: Pick<History, 'replaceState' | 'state'>
  /** sessionStorage by default; null to keep the token in memory only. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null
  WebSocket?: WebSocketConstructor
  /** Reconnect delays: initialMs, doubling up to maxMs. */
  backoff?: { initialMs: number; maxMs: number }
}

/** WebSocket.OPEN; a constant so fakes need not define the static. */
const OPEN = 1
const DEFAULT_BACKOFF = { initialMs: 500, maxMs: 5_000 }

/**
 * Reads ?token= from the address, remembers it for this tab and removes it from the address bar.
 * Returns the token to use: the fresh one, else the remembered one, else null (rely on the cookie).
 */
export function takeServeToken(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'> | null,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null
): string | null {
  const url = new URL(location.href)
  const fromAddress = url.searchParams.get('token')
  if (fromAddress) {
    safely(() => storage?.setItem(TOKEN_STORAGE_KEY, fromAddress))
    url.searchParams.delete('token')
    history?.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`)
    return fromAddress
  }
  return safely(() => storage?.getItem(TOKEN_STORAGE_KEY) ?? null) ?? null
}

/** ws(s)://<host>/api[?token=…] on the page's own origin. */
export function serveSocketUrl(location: Pick<Location, 'host' | 'protocol'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const query = token ? `?token=${encodeURIComponent(token)}` : ''
  return `${scheme}://${location.host}/api${query}`
}

export class WebSocketTransport implements Transport {
  private readonly listeners = new TransportListeners()
  private readonly url: string
  private readonly WebSocketImpl: WebSocketConstructor
  private readonly backoff: { initialMs: number; maxMs: number }
  private socket: WebSocketLike | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private failedAttempts = 0
  private currentState: ConnectionState = 'connecting'
  private started = false

  constructor(options: WebSocketTransportOptions = {}) {
    const location = options.location ?? window.location
    const history = options.history ?? window.history
    const storage = options.storage === undefined ? defaultSessionStorage() : options.storage
    // Done in the constructor, before anything else runs, so the token leaves the address bar early.
    const token = takeServeToken(location, history, storage)
    this.url = serveSocketUrl(location, token)
    this.WebSocketImpl = options.WebSocket ?? (WebSocket as unknown as WebSocketConstructor)
    this.backoff = options.backoff ?? DEFAULT_BACKOFF
  }

  get state(): ConnectionState {
    return this.currentState
  }

  start(): void {
    if (this.started || this.currentState === 'closed') return
    this.started = true
    this.open()
  }

  send(message: RequestMessage): void {
    if (!this.socket || this.socket.readyState !== OPEN || this.currentState !== 'open') {
      throw new Error('The WebSocket to the host is not open.')
    }
    this.socket.send(JSON.stringify(message))
  }

  onMessage(listener: MessageListener): () => void {
    return this.listeners.onMessage(listener)
  }

  onStateChange(listener: StateListener): () => void {
    return this.listeners.onStateChange(listener)
  }

  close(): void {
    if (this.currentState === 'closed') return
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    this.retryTimer = null
    const socket = this.socket
    this.socket = null
    if (socket) {
      detach(socket)
      socket.close(1000, 'window closing')
    }
    this.setState('closed', {})
  }

  private open(): void {
    this.retryTimer = null
    let socket: WebSocketLike
    try {
      socket = new this.WebSocketImpl(this.url)
    } catch (error) {
      this.scheduleReconnect(error instanceof Error ? error.message : String(error))
      return
    }
    this.socket = socket
    socket.onopen = () => {
      this.failedAttempts = 0
      this.setState('open', {})
    }
    socket.onmessage = (event) => {
      const message = parse(event.data)
      if (message) this.listeners.emitMessage(message)
    }
    socket.onerror = () => {
      // Always followed by a close event; the reconnect is scheduled there.
    }
    socket.onclose = (event) => {
      if (this.socket !== socket) return
      detach(socket)
      this.socket = null
      // A refused upgrade (wrong token, server gone) surfaces as 1006 with no reason; say something useful.
      this.scheduleReconnect(event.reason || `connection closed (code ${event.code})`)
    }
  }

  private scheduleReconnect(reason: string): void {
    if (this.currentState === 'closed') return
    const delay = Math.min(this.backoff.initialMs * 2 ** this.failedAttempts, this.backoff.maxMs)
    this.failedAttempts++
    this.setState('reconnecting', { reason, retryInMs: delay })
    this.retryTimer = setTimeout(() => this.open(), delay)
  }

  private setState(state: ConnectionState, info: ConnectionInfo): void {
    this.currentState = state
    this.listeners.emitState(state, info)
  }
}

function parse(data: unknown): HostMessage | null {
  if (typeof data !== 'string') return null
  try {
    const value: unknown = JSON.parse(data)
    return isHostMessage(value) ? value : null
  } catch {
    return null
  }
}

function detach(socket: WebSocketLike): void {
  socket.onopen = null
  socket.onmessage = null
  socket.onclose = null
  socket.onerror = null
}

function defaultSessionStorage(): Storage | null {
  // Reading window.sessionStorage throws when storage is disabled for the site.
  return safely(() => window.sessionStorage) ?? null
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read()
  } catch {
    return undefined
  }
}
