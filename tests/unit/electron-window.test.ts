// The main window's locked-down webPreferences, its URL choice, show-on-ready, the menu and paths.
import type { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => ({
  windows: [] as unknown[],
  setApplicationMenu: vi.fn(),
  buildFromTemplate: vi.fn((template: unknown) => ({ builtFrom: template }))
}))

vi.mock('electron', async () => {
  // The factory is hoisted above the imports, so it loads its own EventEmitter.
  const { EventEmitter: Emitter } = await import('node:events')
  class BrowserWindow extends Emitter {
    readonly show = vi.fn()
    readonly loadURL = vi.fn(async (_url: string) => undefined)
    constructor(readonly options: unknown) {
      super()
      electron.windows.push(this)
    }
  }
  return {
    BrowserWindow,
    Menu: { setApplicationMenu: electron.setApplicationMenu, buildFromTemplate: electron.buildFromTemplate }
  }
})

const { createMainWindow, mainWindowOptions, mainWindowUrl } = await import('../../electron/main/window')
const { applicationMenuTemplate, installApplicationMenu } = await import('../../electron/main/menu')
const { resolveAppPaths } = await import('../../electron/main/app-paths')

beforeEach(() => {
  electron.windows.length = 0
  electron.setApplicationMenu.mockReset()
})

describe('mainWindowOptions', () => {
  it('locks the renderer down', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.js').webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false
    })
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
  })

  it('starts hidden so ready-to-show can reveal a painted window', () => {
    expect(mainWindowOptions('/p.js').show).toBe(false)
  })
})

describe('mainWindowUrl', () => {
  it('loads the dev server when electron-vite provides one', () => {
    expect(mainWindowUrl('http://localhost:5173', 'app://hotspot-desk/index.html')).toBe('http://localhost:5173')
  })

  it('loads the app protocol otherwise', () => {
    expect(mainWindowUrl(undefined, 'app://hotspot-desk/index.html')).toBe('app://hotspot-desk/index.html')
    expect(mainWindowUrl('', 'app://hotspot-desk/index.html')).toBe('app://hotspot-desk/index.html')
  })
})

describe('createMainWindow', () => {
  it('loads the URL and shows the window only on ready-to-show', () => {
    const window = createMainWindow({ preloadPath: '/p.js', url: 'app://hotspot-desk/index.html' }) as unknown as EventEmitter & {
      show: ReturnType<typeof vi.fn>
      loadURL: ReturnType<typeof vi.fn>
      options: unknown
    }
    expect(window.loadURL).toHaveBeenCalledWith('app://hotspot-desk/index.html')
    expect(window.options).toEqual(mainWindowOptions('/p.js'))
    expect(window.show).not.toHaveBeenCalled()
    window.emit('ready-to-show')
    expect(window.show).toHaveBeenCalledTimes(1)
  })
})

describe('application menu', () => {
  it('has no menu bar on Windows and Linux in production', () => {
    expect(applicationMenuTemplate('win32', false)).toBeNull()
    expect(applicationMenuTemplate('linux', false)).toBeNull()
  })

  it('keeps the app, Edit and Window menus on macOS, with no View menu in production', () => {
    expect(applicationMenuTemplate('darwin', false)).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }])
  })

  it('adds the View menu (reload, devtools) only in development', () => {
    expect(applicationMenuTemplate('linux', true)).toEqual([{ role: 'editMenu' }, { role: 'viewMenu' }])
    expect(applicationMenuTemplate('darwin', true)).toContainEqual({ role: 'viewMenu' })
  })

  it('installs null or the built template', () => {
    installApplicationMenu('linux', false)
    expect(electron.setApplicationMenu).toHaveBeenLastCalledWith(null)
    installApplicationMenu('darwin', false)
    expect(electron.setApplicationMenu).toHaveBeenLastCalledWith({ builtFrom: applicationMenuTemplate('darwin', false) })
  })
})

describe('resolveAppPaths', () => {
  it('finds the preload, renderer and host next to out/main', () => {
    const main = join('/app', 'out', 'main')
    expect(resolveAppPaths(main)).toEqual({
      preloadScript: join('/app', 'out', 'preload', 'index.js'),
      rendererRoot: join('/app', 'out', 'renderer'),
      hostScript: join('/app', 'out', 'main', 'host.js')
    })
  })
})
