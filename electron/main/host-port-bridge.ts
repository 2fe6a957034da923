// Main's side of the host-port hand-off with the renderer (electron/preload/index.ts):
//   preload  → main   ipcRenderer.send('hotspot-desk:request-host-port')
//   main     → page   webContents.postMessage('hotspot-desk:host-port', null, [port])
//   main     → page   webContents.postMessage('hotspot-desk:host-down', { reason, restartInMs })
// A request counts only from the top frame of our main window showing our app; the port itself
// goes to that window's webContents, and only while it still shows our app.
import type { IpcMain, IpcMainEvent } from 'electron'
import { HOST_DOWN_CHANNEL, HOST_PORT_CHANNEL, REQUEST_HOST_PORT_CHANNEL } from '../preload/channels'
import type { OriginPolicy } from './app-origin'
import type { ClosablePort, HostDownNotice } from './host-supervisor'
import { isTrustedHostPortRequest, type ContentsLike, type IpcRequestLike } from './sender-validation'

/** The parts of the main window's WebContents the bridge uses. */
export interface BridgeContents<TPort> extends ContentsLike {
  getURL(): string
  postMessage(channel: string, message: unknown, transfer?: TPort[]): void
}

export interface HostPortBridgeOptions<TPort> {
  getMainContents(): BridgeContents<TPort> | null
  policy: OriginPolicy
  log?: Pick<Console, 'warn'>
}

export interface HostPortBridge<TPort> {
  /** Entry point for REQUEST_HOST_PORT_CHANNEL; returns whether the request was accepted. */
  handleRequest(event: IpcRequestLike, onTrustedRequest: () => void): boolean
  deliverPort(port: TPort): void
  notifyHostDown(notice: HostDownNotice): void
}

export function createHostPortBridge<TPort extends ClosablePort>(options: HostPortBridgeOptions<TPort>): HostPortBridge<TPort> {
  const log = options.log ?? console

  function trustedMainContents(): BridgeContents<TPort> | null {
    const contents = options.getMainContents()
    if (contents === null || contents.isDestroyed()) return null
    return options.policy.isTrustedUrl(contents.getURL()) ? contents : null
  }

  return {
    handleRequest(event, onTrustedRequest) {
      if (!isTrustedHostPortRequest(event, options.getMainContents(), options.policy)) {
        log.warn('[main] refused a host-port request from an untrusted sender')
        return false
      }
      onTrustedRequest()
      return true
    },
    deliverPort(port) {
      const contents = trustedMainContents()
      if (contents === null) {
        port.close()
        return
      }
      contents.postMessage(HOST_PORT_CHANNEL, null, [port])
    },
    notifyHostDown(notice) {
      trustedMainContents()?.postMessage(HOST_DOWN_CHANNEL, { reason: notice.reason, restartInMs: notice.restartInMs })
    }
  }
}

/** Registers the one raw IPC listener main has. */
export function listenForHostPortRequests(
  ipcMain: Pick<IpcMain, 'on'>,
  bridge: Pick<HostPortBridge<unknown>, 'handleRequest'>,
  onTrustedRequest: () => void
): void {
  ipcMain.on(REQUEST_HOST_PORT_CHANNEL, (event: IpcMainEvent) => {
    bridge.handleRequest(event, onTrustedRequest)
  })
}
