// An in-process link between the command line and a host it started: the host gets a ClientChannel
// (kind 'memory') like any renderer or WebSocket client, the CLI gets a ClientTransport. Messages are
// cloned and delivered on a later tick, so neither side can share objects with the other or re-enter
// it: the CLI speaks the contract exactly as it would across a process boundary.
import type { HostMessage, RequestMessage } from '../contract/wire'
import type { ClientChannel } from '../host/channels/channel'
import type { ClientTransport } from './transport'

class Inbox<T> {
  private handler: ((message: T) => void) | undefined
  private readonly early: T[] = []

  setHandler(handler: (message: T) => void): void {
    this.handler = handler
    for (const message of this.early.splice(0)) handler(message)
  }

  deliver(message: T): void {
    const copy = structuredClone(message)
    setImmediate(() => {
      if (this.handler) this.handler(copy)
      else this.early.push(copy)
    })
  }
}

export function createMemoryLink(): { channel: ClientChannel; transport: ClientTransport } {
  const toHost = new Inbox<unknown>()
  const toClient = new Inbox<unknown>()
  const closeHandlers: Array<(reason?: string) => void> = []
  let open = true

  const close = (reason?: string) => {
    if (!open) return
    open = false
    // After messages already in flight: a response sent just before closing still arrives.
    setImmediate(() => {
      for (const handler of closeHandlers.splice(0)) handler(reason)
    })
  }

  const channel: ClientChannel = {
    kind: 'memory',
    send(message: HostMessage) {
      if (open) toClient.deliver(message)
    },
    onMessage: (handler) => toHost.setHandler(handler),
    onClose: (handler) => void closeHandlers.push(() => handler()),
    close: () => close('The host closed the connection.')
  }
  const transport: ClientTransport = {
    send(message: RequestMessage) {
      if (open) toHost.deliver(message)
    },
    onMessage: (handler) => toClient.setHandler(handler),
    onClose: (handler) => void closeHandlers.push(handler),
    close: () => close()
  }
  return { channel, transport }
}
