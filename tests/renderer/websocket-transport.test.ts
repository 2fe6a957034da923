import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConnectionInfo, ConnectionState } from '@renderer/api/transport'
import {
  serveSocketUrl,
  takeServeToken,
  TOKEN_STORAGE_KEY,
  WebSocketTransport,
  type WebSocketLike
} from '@renderer/api/websocket-transport'

class FakeWebSocket implements WebSocketLike {
  static instances: FakeWebSocket[] = []
  readyState = 0
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  readonly sent: string[] = []
  closedWith: { code?: number; reason?: string } | null = null

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this)
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('InvalidStateError')
    this.sent.push(data)
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason }
    this.readyState = 3
  }

  // Test side: what the server / network does.
  serverAccepts(): void {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }

  serverSends(data: unknown): void {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) } as MessageEvent)
  }

  drop(code = 1006, reason = ''): void {
    this.readyState = 3
    this.onerror?.(new Event('error'))
    this.onclose?.({ code, reason } as CloseEvent)
  }

  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1)
    if (!socket) throw new Error('no socket was created')
    return socket
  }
}

class MemoryStorage {
  readonly items = new Map<string, string>()
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value)
  }
}

function fakeHistory() {
  return { state: { page: 1 }, replaceState: vi.fn<(data: unknown, unused: string, url?: string | URL | null) => void>() }
}

function location(href: string) {
  const url = new URL(href)
  return { href, host: url.host, protocol: url.protocol }
}

function createTransport(href: string, storage = new MemoryStorage(), history = fakeHistory()) {
  const transport = new WebSocketTransport({ location: location(href), history, storage, WebSocket: FakeWebSocket })
  const states: Array<[ConnectionState, ConnectionInfo]> = []
  transport.onStateChange((state, info) => states.push([state, info]))
  return { transport, storage, history, states }
}

describe('serve token handling', () => {
  it('takes the token from the address, keeps it for the tab and strips it from the address bar', () => {
    const storage = new MemoryStorage()
    const history = fakeHistory()
    const token = takeServeToken(location('http://127.0.0.1:4321/devices?token=s3cr%2Bt&x=1#top'), history, storage)

    expect(token).toBe('s3cr+t')
    expect(storage.items.get(TOKEN_STORAGE_KEY)).toBe('s3cr+t')
    expect(history.replaceState).toHaveBeenCalledWith({ page: 1 }, '', '/devices?x=1#top')
  })

  it('falls back to the remembered token after a reload, without touching the address', () => {
    const storage = new MemoryStorage()
    storage.setItem(TOKEN_STORAGE_KEY, 'remembered')
    const history = fakeHistory()
    expect(takeServeToken(location('http://127.0.0.1:4321/'), history, storage)).toBe('remembered')
    expect(history.replaceState).not.toHaveBeenCalled()
  })

  it('returns null when there is no token anywhere (the cookie will have to do)', () => {
    expect(takeServeToken(location('http://127.0.0.1:4321/'), fakeHistory(), new MemoryStorage())).toBeNull()
    expect(takeServeToken(location('http://127.0.0.1:4321/?token=abc'), fakeHistory(), null)).toBe('abc')
  })

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('SecurityError')
      }
    }
    expect(takeServeToken(location('http://127.0.0.1:1/?token=t'), fakeHistory(), broken)).toBe('t')
    expect(takeServeToken(location('http://127.0.0.1:1/'), fakeHistory(), broken)).toBeNull()
  })

  it('builds the /api socket address on the page origin, ws or wss', () => {
    expect(serveSocketUrl({ host: '127.0.0.1:4321', protocol: 'http:' }, 'a b')).toBe('ws://127.0.0.1:4321/api?token=a%20b')
    expect(serveSocketUrl({ host: 'localhost:8443', protocol: 'https:' }, null)).toBe('wss://localhost:8443/api')
  })
})

describe('WebSocketTransport', () => {
  beforeEach(() => {
    FakeWebSocket.instances = []
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('connects to /api with the token from the address and strips it at construction', () => {
    const { transport, history, storage } = createTransport('http://127.0.0.1:4321/?token=tok123')
    expect(history.replaceState).toHaveBeenCalledWith({ page: 1 }, '', '/')
    expect(storage.items.get(TOKEN_STORAGE_KEY)).toBe('tok123')
    expect(FakeWebSocket.instances).toHaveLength(0)

    transport.start()
    expect(FakeWebSocket.latest().url).toBe('ws://127.0.0.1:4321/api?token=tok123')
  })

  it('connects without a token when none is known', () => {
    const { transport } = createTransport('http://127.0.0.1:4321/')
    transport.start()
    expect(FakeWebSocket.latest().url).toBe('ws://127.0.0.1:4321/api')
  })

  it('reports open, sends JSON and delivers parsed host messages; ignores garbage', () => {
    const { transport, states } = createTransport('http://127.0.0.1:4321/?token=t')
    const received: unknown[] = []
    transport.onMessage((message) => received.push(message))
    transport.start()
    expect(() => transport.send({ type: 'request', id: 1, method: 'devices.list', params: {} })).toThrow()

    const socket = FakeWebSocket.latest()
    socket.serverAccepts()
    expect(transport.state).toBe('open')
    expect(states).toEqual([['open', {}]])

    transport.send({ type: 'request', id: 1, method: 'devices.list', params: {} })
    expect(JSON.parse(socket.sent[0] ?? 'null')).toEqual({ type: 'request', id: 1, method: 'devices.list', params: {} })

    socket.serverSends({ type: 'response', id: 1, ok: true, result: { devices: [] } })
    socket.serverSends('not json')
    socket.serverSends({ hello: 'world' })
    socket.serverSends({ type: 'event', event: 'device.changed', payload: { kind: 'removed' } })
    expect(received).toEqual([
      { type: 'response', id: 1, ok: true, result: { devices: [] } },
      { type: 'event', event: 'device.changed', payload: { kind: 'removed' } }
    ])
  })

  it('reconnects with backoff from 0.5 s doubling to a 5 s cap, reusing the token, and resets after a success', () => {
    const { transport, states } = createTransport('http://127.0.0.1:4321/?token=t')
    transport.start()
    FakeWebSocket.latest().serverAccepts()

    const delays: number[] = []
    for (let attempt = 0; attempt < 6; attempt++) {
      const before = FakeWebSocket.instances.length
      FakeWebSocket.latest().drop()
      const [state, info] = states.at(-1) ?? []
      expect(state).toBe('reconnecting')
      delays.push(info?.retryInMs ?? -1)
      vi.advanceTimersByTime((info?.retryInMs ?? 0) - 1)
      expect(FakeWebSocket.instances).toHaveLength(before)
      vi.advanceTimersByTime(1)
      expect(FakeWebSocket.instances).toHaveLength(before + 1)
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000])
    expect(FakeWebSocket.instances.every((socket) => socket.url === 'ws://127.0.0.1:4321/api?token=t')).toBe(true)

    FakeWebSocket.latest().serverAccepts()
    expect(transport.state).toBe('open')
    FakeWebSocket.latest().drop(1001, 'host shutting down')
    expect(states.at(-1)).toEqual(['reconnecting', { reason: 'host shutting down', retryInMs: 500 }])
  })

  it('stops for good on close(): no reconnect, state closed', () => {
    const { transport, states } = createTransport('http://127.0.0.1:4321/')
    transport.start()
    const socket = FakeWebSocket.latest()
    socket.serverAccepts()
    transport.close()
    expect(socket.closedWith).toEqual({ code: 1000, reason: 'window closing' })
    expect(states.at(-1)).toEqual(['closed', {}])
    vi.advanceTimersByTime(60_000)
    expect(FakeWebSocket.instances).toHaveLength(1)
  })
})
