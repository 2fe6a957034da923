// Picks the transport at start-up: the desktop app loads the renderer from app://hotspot-desk/ (or,
// under `electron-vite dev`, from a dev server inside Electron); everything else is serve mode.
import { ElectronPortTransport } from './electron-port-transport'
import type { Transport } from './transport'
import { WebSocketTransport } from './websocket-transport'

export interface TransportEnvironment {
  location: Pick<Location, 'protocol'>
  navigator: Pick<Navigator, 'userAgent'>
}

export function isElectronRenderer(env: TransportEnvironment): boolean {
  return env.location.protocol === 'app:' || env.navigator.userAgent.includes('Electron')
}

export function chooseTransport(env: TransportEnvironment = { location: window.location, navigator: window.navigator }): Transport {
  return isElectronRenderer(env) ? new ElectronPortTransport() : new WebSocketTransport()
}
