// The main window: locked-down webPreferences (Electron security checklist items 1–4, 8), shown
// only once painted so the user never sees a white flash.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Hotspot Desk',
    width: 1200,
    height: 800,
    minWidth: 880,
    minHeight: 560,
    show: false,
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false
    }
  }
}

/** The URL the window loads: the electron-vite dev server in development, the app protocol otherwise. */
export function mainWindowUrl(devServerUrl: string | undefined, appEntryUrl: string): string {
  return devServerUrl !== undefined && devServerUrl !== '' ? devServerUrl : appEntryUrl
}

export function createMainWindow(options: { preloadPath: string; url: string }): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath))
  window.once('ready-to-show', () => window.show())
  window.loadURL(options.url).catch((error: unknown) => {
    console.error(`[main] could not load ${options.url}: ${error instanceof Error ? error.message : String(error)}`)
  })
  return window
}
