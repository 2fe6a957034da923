import { describe, expect, it } from 'vitest'
import { chooseTransport, isElectronRenderer } from '@renderer/api/choose-transport'
import {
  ElectronPortTransport,
  HOST_DOWN_CHANNEL,
  HOST_PORT_CHANNEL,
  type PortLike,
  type PortMessageTarget
} from '@renderer/api/electron-port-transport'
import type { ConnectionInfo, ConnectionState } from '@renderer/api/transport'
import { WebSocketTransport } from '@renderer/api/websocket-transport'

type Listener = (event: MessageEvent) => void

/** One end of a fake MessageChannel: messages posted on one end arrive at the other once started. */
class FakePort implements PortLike {
  other: FakePort | null = null
  started = false
  closed = false
  readonly listeners = new Map<string, Set<Listener>>()
  readonly posted: unknown[] = []

  postMessage(message: unknown): void {
    if (this.closed) return
    this.posted.push(message)
    this.other?.deliver('message', { data: structuredClone(message) } as MessageEvent)
  }
  addEventListener(type: 'message' | 'close', listener: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set())
    this.listeners.get(type)?.add(listener)
  }
  removeEventListener(type: 'message' | 'close', listener: Listener): void {
    this.listeners.get(type)?.delete(listener)
  }
  start(): void {
    this.started = true
  }
  close(): void {
    this.closed = true
    this.other?.deliver('close', {} as MessageEvent)
  }
  deliver(type: string, event: MessageEvent): void {
    if (type === 'message' && !this.started) return
    for (const listener of this.listeners.get(type) ?? []) listener(event)
  }
  listenerCount(): number {
    let count = 0
    for (const set of this.listeners.values()) count += set.size
    return count
  }
}

function fakeChannel(): { port1: FakePort; port2: FakePort } {
  const port1 = new FakePort()
  const port2 = new FakePort()
  port1.other = port2
  port2.other = port1
  // The host side listens from the start.
  port2.started = true
  return { port1, port2 }
}

class FakeWindow implements PortMessageTarget {
  readonly listeners = new Set<Listener>()
  addEventListener(_type: 'message', listener: Listener): void {
    this.listeners.add(listener)
  }
  removeEventListener(_type: 'message', listener: Listener): void {
    this.listeners.delete(listener)
  }
  /** window.postMessage from the preload (source = this window) or from somewhere else. */
  post(data: unknown, ports: FakePort[] = [], source: unknown = this): void {
    const event = { data, ports, source } as unknown as MessageEvent
    for (const listener of [...this.listeners]) listener(event)
  }
}

function setup() {
  const target = new FakeWindow()
  const transport = new ElectronPortTransport({ target })
  const states: Array<[ConnectionState, ConnectionInfo]> = []
  const received: unknown[] = []
  transport.onStateChange((state, info) => states.push([state, info]))
  transport.onMessage((message) => received.push(message))
  transport.start()
  return { target, transport, states, received }
}

describe('ElectronPortTransport', () => {
  it('waits for the preload to post the host port, then talks over it', () => {
    const { target, transport, states, received } = setup()
    expect(transport.state).toBe('connecting')
    expect(() => transport.send({ type: 'request', id: 1, method: 'devices.list', params: {} })).toThrow()

    const { port1, port2 } = fakeChannel()
    target.post({ channel: HOST_PORT_CHANNEL }, [port1])
    expect(port1.started).toBe(true)
    expect(states).toEqual([['open', {}]])

    transport.send({ type: 'request', id: 1, method: 'devices.list', params: {} })
    expect(port1.posted).toEqual([{ type: 'request', id: 1, method: 'devices.list', params: {} }])

    port2.postMessage({ type: 'response', id: 1, ok: true, result: { devices: [] } })
    port2.postMessage({ junk: true })
    expect(received).toEqual([{ type: 'response', id: 1, ok: true, result: { devices: [] } }])
  })

  it('ignores port messages that do not come from its own window', () => {
    const { target, transport } = setup()
    const { port1 } = fakeChannel()
    target.post({ channel: HOST_PORT_CHANNEL }, [port1], { someOtherFrame: true })
    target.post({ channel: 'something-else' }, [port1])
    expect(transport.state).toBe('connecting')
    expect(port1.started).toBe(false)
  })

  it('reports host-down as reconnecting, then swaps to the new port when the host is back', () => {
    const { target, transport, states, received } = setup()
    const first = fakeChannel()
    target.post({ channel: HOST_PORT_CHANNEL }, [first.port1])

    target.post({ channel: HOST_DOWN_CHANNEL, reason: 'host crashed', restartInMs: 1500 })
    expect(states.at(-1)).toEqual(['reconnecting', { reason: 'host crashed', retryInMs: 1500 }])
    expect(first.port1.closed).toBe(true)
    expect(first.port1.listenerCount()).toBe(0)

    const second = fakeChannel()
    target.post({ channel: HOST_PORT_CHANNEL }, [second.port1])
    expect(transport.state).toBe('open')
    transport.send({ type: 'request', id: 7, method: 'app.hello', params: {} })
    expect(second.port1.posted).toHaveLength(1)
    expect(first.port1.posted).toHaveLength(0)

    second.port2.postMessage({ type: 'event', event: 'device.changed', payload: {} })
    expect(received).toHaveLength(1)
  })

  it('swaps to a new port even without a host-down notice, dropping the old one', () => {
    const { target, transport, states } = setup()
    const first = fakeChannel()
    const second = fakeChannel()
    target.post({ channel: HOST_PORT_CHANNEL }, [first.port1])
    target.post({ channel: HOST_PORT_CHANNEL }, [second.port1])

    expect(states.map(([state]) => state)).toEqual(['open', 'open'])
    expect(first.port1.closed).toBe(true)
    // Closing our old end must not read as the host going away.
    expect(transport.state).toBe('open')
    transport.send({ type: 'request', id: 2, method: 'devices.list', params: {} })
    expect(second.port1.posted).toHaveLength(1)
  })

  it('reports reconnecting when the host end of the port closes unannounced', () => {
    const { target, transport } = setup()
    const channel = fakeChannel()
    target.post({ channel: HOST_PORT_CHANNEL }, [channel.port1])
    channel.port2.close()
    expect(transport.state).toBe('reconnecting')
  })

  it('closes for good: stops listening to the window and closes the port', () => {
    const { target, transport, states } = setup()
    const channel = fakeChannel()
    target.post({ channel: HOST_PORT_CHANNEL }, [channel.port1])
    transport.close()
    expect(states.at(-1)).toEqual(['closed', {}])
    expect(target.listeners.size).toBe(0)
    expect(channel.port1.closed).toBe(true)
  })
})

describe('chooseTransport', () => {
  const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36'

  it('recognises the Electron renderer by its app: origin or its user agent', () => {
    expect(isElectronRenderer({ location: { protocol: 'app:' }, navigator: { userAgent: browser } })).toBe(true)
    expect(
      isElectronRenderer({ location: { protocol: 'http:' }, navigator: { userAgent: `${browser} Electron/45.4.1` } })
    ).toBe(true)
    expect(isElectronRenderer({ location: { protocol: 'http:' }, navigator: { userAgent: browser } })).toBe(false)
  })

  it('builds the matching transport', () => {
    expect(chooseTransport({ location: { protocol: 'app:' }, navigator: { userAgent: browser } })).toBeInstanceOf(
      ElectronPortTransport
    )
    expect(chooseTransport({ location: { protocol: 'http:' }, navigator: { userAgent: browser } })).toBeInstanceOf(
      WebSocketTransport
    )
  })
})
