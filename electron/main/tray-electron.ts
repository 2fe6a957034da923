// Electron's side of the tray and OS notifications: hands the real Tray, Menu, nativeImage and
// Notification to the Electron-free modules (tray.ts, notifications.ts). index.ts only calls this.
import { Menu, nativeImage, Notification, Tray } from 'electron'
import type { PortalHostLink } from './portal/portal-bridge'
import { createDeskMessageHandler, createDesktopNotifier, withDeskMessages } from './notifications'
import { createTrayController, type TrayController, type TrayState } from './tray'

export interface DesktopShellOptions {
  isWindowFocused(): boolean
  showWindow(): void
  quit(): void
}

export interface DesktopShell {
  /** The link to give forkHost: desk messages are taken here, the rest go on to the portal bridge. */
  hostLink(portals: PortalHostLink): PortalHostLink
  /** After app 'ready' (Electron creates trays only then). */
  startTray(): void
  stop(): void
}

export function createDesktopShell(options: DesktopShellOptions): DesktopShell {
  let tray: TrayController | undefined
  // The host may report before the tray exists; the latest report is applied when it does.
  let early: TrayState | undefined
  const beforeTray: TrayController = { update: (state) => void (early = state), selectedId: undefined, destroy: () => undefined }
  const handleDesk = createDeskMessageHandler({
    tray: () => tray ?? beforeTray,
    notifier: createDesktopNotifier({
      isSupported: () => Notification.isSupported(),
      create: (init) => new Notification(init),
      isWindowFocused: options.isWindowFocused,
      showWindow: options.showWindow
    }),
    log: console
  })
  return {
    hostLink: (portals) => withDeskMessages(portals, handleDesk),
    startTray() {
      if (tray) return
      try {
        tray = createTrayController({
          apis: {
            imageFromPng: (png, scaleFactor) => nativeImage.createFromBuffer(png, { scaleFactor }),
            createTray: (image) => new Tray(image),
            buildMenu: (items) => Menu.buildFromTemplate(items)
          },
          platform: process.platform,
          showWindow: options.showWindow,
          quit: options.quit
        })
        if (early) tray.update(early)
      } catch (error) {
        // Some Linux desktops have no tray at all; the app works without one.
        console.warn(`[main] no tray icon: ${error instanceof Error ? error.message : String(error)}`)
      }
    },
    stop() {
      tray?.destroy()
      tray = undefined
    }
  }
}
