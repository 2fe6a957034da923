// One carrier portal in its own window: a BaseWindow whose content view is a WebContentsView (the
// Electron-recommended embed; no <webview>, no iframe in our UI). The view runs sandboxed in the
// portal's own persisted partition with no preload, so the page has no path to our IPC, our
// MessagePort to the core host, or the app's cookies. The window title is ours: the page cannot
// change it, so the user always sees which carrier pack opened it.
import {
  BaseWindow,
  WebContentsView,
  type BaseWindowConstructorOptions,
  type Session,
  type WebContents,
  type WebPreferences
} from 'electron'

export function portalWindowTitle(title: string): string {
  return `${title} — Hotspot Desk`
}

export function portalWindowOptions(title: string): BaseWindowConstructorOptions {
  return {
    title: portalWindowTitle(title),
    width: 1100,
    height: 820,
    minWidth: 480,
    minHeight: 400,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff'
  }
}

/** Electron security checklist items 1–4 and 8, for third-party content. No `preload`, ever. */
export function portalWebPreferences(portalSession: Session): WebPreferences {
  return {
    session: portalSession,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    javascript: true,
    // A hostile page cannot trap the user in alert() loops.
    safeDialogs: true,
    devTools: false
  }
}

/** The parts of a portal view's WebContents the bridge, the guards and the probe use. */
export type PortalContents = Pick<
  WebContents,
  'on' | 'setWindowOpenHandler' | 'loadURL' | 'getURL' | 'isDestroyed' | 'executeJavaScriptInIsolatedWorld'
>

export interface PortalWindow {
  readonly contents: PortalContents
  setTitle(title: string): void
  /** Brings the window to the front (restoring it if minimized). */
  focus(): void
  close(): void
  /** Called once, after the window closed and its page was torn down. */
  onClosed(listener: () => void): void
}

export function openPortalWindow(title: string, portalSession: Session): PortalWindow {
  const window = new BaseWindow(portalWindowOptions(title))
  const view = new WebContentsView({ webPreferences: portalWebPreferences(portalSession) })
  // The content view fills the window and follows its size.
  window.setContentView(view)
  const contents = view.webContents
  const closedListeners: (() => void)[] = []
  window.once('closed', () => {
    // A WebContentsView's page outlives its window unless closed explicitly.
    if (!contents.isDestroyed()) contents.close()
    for (const listener of closedListeners.splice(0)) listener()
  })
  return {
    contents,
    setTitle: (next) => {
      if (!window.isDestroyed()) window.setTitle(portalWindowTitle(next))
    },
    focus: () => {
      if (window.isDestroyed()) return
      if (window.isMinimized()) window.restore()
      window.show()
      window.focus()
    },
    close: () => {
      if (!window.isDestroyed()) window.close()
    },
    onClosed: (listener) => {
      closedListeners.push(listener)
    }
  }
}
