// Desktop: the preload asks Electron main for a MessagePort to the core host (a utilityProcess) and
// posts it to this window as { channel: 'hotspot-desk:host-port' } with the port attached. The
// renderer only listens. A later port means the host restarted: swap to it. Before a restart main
// says { channel: 'hotspot-desk:host-down', reason, restartInMs }. Messages on the port are plain
// structured-clone objects of the wire envelope (no JSON).
import type { RequestMessage } from '@contract/wire'
import {
  isHostMessage,
  TransportListeners,
  type ConnectionInfo,
  type ConnectionState,
  type MessageListener,
  type StateListener,
  type Transport
} from './transport'

export const HOST_PORT_CHANNEL = 'hotspot-desk:host-port'
export const HOST_DOWN_CHANNEL = 'hotspot-desk:host-down'

/** The part of a MessagePort this transport uses. */
export interface PortLike {
  postMessage(message: unknown): void
  addEventListener(type: 'message' | 'close', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message' | 'close', listener: (event: MessageEvent) => void): void
  start(): void
  close(): void
}

/** The window the preload posts to; `event.source === target` proves the message came from this frame. */
export interface PortMessageTarget {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void
}

export interface ElectronPortTransportOptions {
  target?: PortMessageTarget
}

export class ElectronPortTransport implements Transport {
  private readonly listeners = new TransportListeners()
  private readonly target: PortMessageTarget
  private port: PortLike | null = null
  private currentState: ConnectionState = 'connecting'
  private started = false

  private readonly onWindowMessage = (event: MessageEvent): void => {
    // Only this frame's own window.postMessage (the preload) may hand us a port; a message from any
    // other frame or window has a different source.
    if (event.source !== (this.target as unknown)) return
    const data = event.data as { channel?: unknown; reason?: unknown; restartInMs?: unknown } | null
    if (data?.channel === HOST_PORT_CHANNEL) {
      const port = event.ports?.[0] as PortLike | undefined
      if (port) this.usePort(port)
    } else if (data?.channel === HOST_DOWN_CHANNEL) {
      this.dropPort()
      const info: ConnectionInfo = {}
      if (typeof data.reason === 'string') info.reason = data.reason
      if (typeof data.restartInMs === 'number') info.retryInMs = data.restartInMs
      this.setState('reconnecting', info)
    }
  }

  private readonly onPortMessage = (event: MessageEvent): void => {
    if (isHostMessage(event.data)) this.listeners.emitMessage(event.data)
  }

  private readonly onPortClose = (): void => {
    // Chromium fires 'close' on a port whose other end went away (the host died without warning).
    this.dropPort()
    this.setState('reconnecting', { reason: 'the host closed its port' })
  }

  constructor(options: ElectronPortTransportOptions = {}) {
    this.target = options.target ?? window
  }

  get state(): ConnectionState {
    return this.currentState
  }

  start(): void {
    if (this.started || this.currentState === 'closed') return
    this.started = true
    this.target.addEventListener('message', this.onWindowMessage)
  }

  send(message: RequestMessage): void {
    if (!this.port || this.currentState !== 'open') throw new Error('No port to the host yet.')
    this.port.postMessage(message)
  }

  onMessage(listener: MessageListener): () => void {
    return this.listeners.onMessage(listener)
  }

  onStateChange(listener: StateListener): () => void {
    return this.listeners.onStateChange(listener)
  }

  close(): void {
    if (this.currentState === 'closed') return
    this.target.removeEventListener('message', this.onWindowMessage)
    this.dropPort()
    this.setState('closed', {})
  }

  private usePort(port: PortLike): void {
    if (port === this.port || this.currentState === 'closed') return
    this.dropPort()
    this.port = port
    port.addEventListener('message', this.onPortMessage)
    port.addEventListener('close', this.onPortClose)
    port.start()
    this.setState('open', {})
  }

  private dropPort(): void {
    const port = this.port
    if (!port) return
    this.port = null
    // Listeners off first, so closing our end does not read as the host going away.
    port.removeEventListener('message', this.onPortMessage)
    port.removeEventListener('close', this.onPortClose)
    port.close()
  }

  private setState(state: ConnectionState, info: ConnectionInfo): void {
    this.currentState = state
    this.listeners.emitState(state, info)
  }
}
