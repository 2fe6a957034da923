// Electron main: wiring only. Lifecycle, the main window, the security guards and the core host
// supervisor each live in their own module; device code lives in the core host (src/host), never here.
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, type MessagePortMain } from 'electron'
import { APP_ENTRY_URL, createOriginPolicy } from './app-origin'
import { resolveAppPaths } from './app-paths'
import { registerAppSchemeAsPrivileged, serveAppProtocol } from './app-protocol'
import { openExternalSafely } from './external-links'
import { createHostPortBridge, listenForHostPortRequests } from './host-port-bridge'
import { createHostChannel, forkHost, hostArgs } from './host-process'
import { HostSupervisor } from './host-supervisor'
import { installApplicationMenu } from './menu'
import { installPermissionHandlers } from './permissions'
import { createPortalBridge } from './portal/portal-bridge'
import { openPortalWindow } from './portal/portal-window'
import { createDesktopShell } from './tray-electron'
import { installWebContentsGuards } from './web-contents-guards'
import { createMainWindow, mainWindowUrl } from './window'

const APP_USER_MODEL_ID = 'io.github.hotspotdesk.app'

// Before `ready`, as Electron requires.
registerAppSchemeAsPrivileged(protocol)
app.enableSandbox()
app.setAppUserModelId(APP_USER_MODEL_ID)

if (app.requestSingleInstanceLock()) {
  runApp()
} else {
  app.quit()
}

function runApp(): void {
  const isDev = !app.isPackaged
  // A packaged app never trusts a renderer URL from the environment.
  const devServerUrl = isDev ? process.env.ELECTRON_RENDERER_URL : undefined
  const policy = createOriginPolicy({ devServerUrl })
  const paths = resolveAppPaths(__dirname)
  let mainWindow: BrowserWindow | null = null

  app.on('web-contents-created', (_event, contents) => installWebContentsGuards(contents, policy, openExternalSafely))
  app.on('session-created', (created) => installPermissionHandlers(created, policy))

  const bridge = createHostPortBridge<MessagePortMain>({
    getMainContents: () => (mainWindow === null || mainWindow.isDestroyed() ? null : mainWindow.webContents),
    policy
  })
  // Carrier portal windows, opened on the core host's request.
  const portals = createPortalBridge({
    sessionFromPartition: (partition) => session.fromPartition(partition),
    openWindow: openPortalWindow
  })
  // Tray icon and OS notifications, fed by the host's desk messages (src/host/notifications.ts).
  const shell = createDesktopShell({
    isWindowFocused: () => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.isFocused(),
    showWindow: () => showMainWindow(),
    quit: () => app.quit()
  })
  const supervisor = new HostSupervisor<MessagePortMain>({
    spawnHost: (lifecycle) =>
      forkHost(paths.hostScript, hostArgs(process.env, app.getPath('userData')), lifecycle, console, safeStorage, shell.hostLink(portals)),
    createChannel: createHostChannel,
    deliverPort: (port) => bridge.deliverPort(port),
    notifyHostDown: (notice) => bridge.notifyHostDown(notice)
  })
  listenForHostPortRequests(ipcMain, bridge, () => supervisor.requestPort())

  function openMainWindow(): void {
    const window = createMainWindow({ preloadPath: paths.preloadScript, url: mainWindowUrl(devServerUrl, APP_ENTRY_URL) })
    window.on('closed', () => {
      if (mainWindow === window) {
        mainWindow = null
        supervisor.rendererDetached()
        // A portal belongs to a flow shown in the main window; without it, nobody is guiding the user.
        portals.closeAll()
      }
    })
    // A crashed page gets no more ports; a reloaded page asks for its own through the preload.
    window.webContents.on('render-process-gone', () => supervisor.rendererDetached())
    mainWindow = window
  }

  function showMainWindow(): void {
    if (mainWindow === null) {
      if (app.isReady()) openMainWindow()
      return
    }
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  }

  app.on('second-instance', () => {
    if (mainWindow === null) {
      if (app.isReady()) openMainWindow()
      return
    }
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow()
  })

  let hostStopped = false
  app.on('will-quit', (event) => {
    if (hostStopped) return
    event.preventDefault()
    void supervisor.stop().finally(() => {
      hostStopped = true
      app.quit()
    })
  })

  app
    .whenReady()
    .then(() => {
      installPermissionHandlers(session.defaultSession, policy)
      serveAppProtocol(protocol, paths.rendererRoot)
      installApplicationMenu(process.platform, isDev)
      shell.startTray()
      supervisor.start()
      openMainWindow()
    })
    .catch((error: unknown) => {
      console.error('[main] startup failed:', error)
      app.exit(1)
    })
}
