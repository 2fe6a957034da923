// The preload hands the page its MessagePort to the core host and exposes nothing else: no
// contextBridge API, no ipcRenderer, no generic send. Everything the UI does goes over that port,
// speaking src/contract. Runs sandboxed (CJS, only 'electron' may be required).
//
// To the page (window 'message' events, event.source === window, event.origin === location.origin):
//   { channel: 'hotspot-desk:host-port' }                          + event.ports[0]: the host port
//   { channel: 'hotspot-desk:host-down', reason, restartInMs }     no port; a fresh host-port follows
// Messages are held until the window 'load' event so a listener the page registers while its entry
// module runs cannot miss them (Electron "MessagePorts" tutorial does the same).
import { ipcRenderer } from 'electron'
import { HOST_DOWN_CHANNEL, HOST_PORT_CHANNEL, REQUEST_HOST_PORT_CHANNEL } from './channels'

// The DOM surface this file touches. tsconfig.node.json has no DOM lib, and the preload needs
// only these three members.
interface PreloadWindow {
  readonly location: { readonly origin: string }
  postMessage(message: unknown, targetOrigin: string, transfer?: unknown[]): void
  addEventListener(type: 'load', listener: () => void, options?: { once?: boolean }): void
}
declare const window: PreloadWindow
declare const document: { readonly readyState: string }

type PageMessage =
  | { channel: typeof HOST_PORT_CHANNEL }
  | { channel: typeof HOST_DOWN_CHANNEL; reason: string; restartInMs: number }

const pending: { message: PageMessage; ports: unknown[] }[] = []
let pageLoaded = document.readyState === 'complete'

function forwardToPage(message: PageMessage, ports: unknown[] = []): void {
  if (!pageLoaded) {
    pending.push({ message, ports })
    return
  }
  window.postMessage(message, window.location.origin, ports)
}

if (!pageLoaded) {
  window.addEventListener(
    'load',
    () => {
      pageLoaded = true
      for (const { message, ports } of pending.splice(0)) window.postMessage(message, window.location.origin, ports)
    },
    { once: true }
  )
}

ipcRenderer.on(HOST_PORT_CHANNEL, (event) => {
  if (event.ports.length !== 1) return
  forwardToPage({ channel: HOST_PORT_CHANNEL }, [...event.ports])
})

ipcRenderer.on(HOST_DOWN_CHANNEL, (_event, notice: unknown) => {
  if (typeof notice !== 'object' || notice === null) return
  const { reason, restartInMs } = notice as { reason?: unknown; restartInMs?: unknown }
  if (typeof reason !== 'string' || typeof restartInMs !== 'number' || !Number.isFinite(restartInMs)) return
  forwardToPage({ channel: HOST_DOWN_CHANNEL, reason, restartInMs })
})

ipcRenderer.send(REQUEST_HOST_PORT_CHANNEL)
