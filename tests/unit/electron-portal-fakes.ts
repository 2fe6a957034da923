// Fakes for the carrier portal tests: just enough of BaseWindow, WebContentsView, WebContents and
// Session to drive electron/main/portal/* the way Electron would. Tests mock 'electron' with
// `electronModule()`; nothing here loads the real Electron.
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import type { PortalSession } from '../../electron/main/portal/portal-bridge'
import type { PortalContents } from '../../electron/main/portal/portal-window'

/** What the fake 'electron' module created, for tests to inspect. */
export const fakeElectron = {
  windows: [] as FakeBaseWindow[],
  views: [] as FakeWebContentsView[],
  /** Stands in for app.on('web-contents-created'): runs inside the WebContentsView constructor. */
  onContentsCreated: null as ((contents: FakeContents) => void) | null,
  openExternal: vi.fn(async (_url: string) => undefined),
  reset(): void {
    this.windows.length = 0
    this.views.length = 0
    this.onContentsCreated = null
    this.openExternal.mockClear()
  }
}

/** An Electron event object: the navigation events carry their details on it. */
export class FakeEvent {
  defaultPrevented = false
  constructor(fields: Record<string, unknown> = {}) {
    Object.assign(this, fields)
  }
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

type ProbeReply = (code: string) => unknown

export class FakeContents extends EventEmitter {
  private static nextId = 1
  readonly id = FakeContents.nextId++
  destroyed = false
  currentUrl = ''
  readonly loads: string[] = []
  readonly isolatedRuns: { worldId: number; code: string }[] = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  probeReply: ProbeReply = () => ({ fields: [], detected: [] })
  readonly loadURL = vi.fn(async (url: string) => {
    this.loads.push(url)
  })

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }

  getURL(): string {
    return this.currentUrl
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  close(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.emit('destroyed')
  }

  async executeJavaScriptInIsolatedWorld(worldId: number, scripts: { code: string }[]): Promise<unknown> {
    const code = scripts.map((script) => script.code).join('\n')
    this.isolatedRuns.push({ worldId, code })
    return this.probeReply(code)
  }

  /** Emits will-navigate / will-frame-navigate / will-redirect like Electron; true when prevented. */
  attempt(eventName: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string, isMainFrame = true): boolean {
    const event = new FakeEvent({ url, isMainFrame, isSameDocument: false, frame: null })
    this.emit(eventName, event)
    return event.defaultPrevented
  }

  /** A renderer-initiated main-frame navigation: will-frame-navigate, then will-navigate unless prevented. */
  clickLink(url: string): boolean {
    if (this.attempt('will-frame-navigate', url, true)) return true
    return this.attempt('will-navigate', url, true)
  }

  /** window.open from the page: the handler's answer. */
  windowOpen(url: string): { action: string } {
    if (this.windowOpenHandler === null) throw new Error('no window-open handler installed')
    return this.windowOpenHandler({ url })
  }

  /** A committed document load in the main frame. */
  commit(url: string): void {
    this.currentUrl = url
    this.emit('did-navigate', new FakeEvent(), url, 200, 'OK')
    this.emit('did-finish-load')
  }

  asPortalContents(): PortalContents {
    return this as unknown as PortalContents
  }
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null
  devicePermissionHandler: ((details: unknown) => boolean) | null = null
  displayMediaHandler: ((request: unknown, callback: (streams: unknown) => void) => void) | null = null
  readonly clearStorageData = vi.fn(async () => undefined)
  readonly clearCache = vi.fn(async () => undefined)
  readonly clearAuthCache = vi.fn(async () => undefined)

  constructor(readonly partition = 'persist:portal-test') {
    super()
  }

  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler
  }
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
    this.devicePermissionHandler = handler
  }
  setDisplayMediaRequestHandler(handler: (request: unknown, callback: (streams: unknown) => void) => void): void {
    this.displayMediaHandler = handler
  }

  /** What a page asking for `permission` gets. */
  requestPermission(permission: string, requestingUrl: string, contents: unknown = null): boolean {
    if (this.permissionRequestHandler === null) throw new Error('no permission request handler')
    let granted: boolean | undefined
    this.permissionRequestHandler(contents, permission, (answer: boolean) => (granted = answer), { requestingUrl })
    if (granted === undefined) throw new Error('the permission request was never answered')
    return granted
  }

  checkPermission(permission: string, origin: string): boolean {
    if (this.permissionCheckHandler === null) throw new Error('no permission check handler')
    return this.permissionCheckHandler(null, permission, origin, { requestingUrl: origin })
  }

  /** A download starting in `contents`; reports whether it was cancelled. */
  download(contents: unknown, url: string): boolean {
    const event = new FakeEvent()
    this.emit('will-download', event, { getURL: () => url }, contents, null)
    return event.defaultPrevented
  }

  asPortalSession(): PortalSession {
    return this as unknown as PortalSession
  }
}

export class FakeWebContentsView {
  readonly webContents = new FakeContents()
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    fakeElectron.views.push(this)
    fakeElectron.onContentsCreated?.(this.webContents)
  }
}

export class FakeBaseWindow extends EventEmitter {
  contentView: unknown = null
  title: string
  destroyed = false
  minimized = false
  readonly restore = vi.fn(() => {
    this.minimized = false
  })
  readonly show = vi.fn()
  readonly focus = vi.fn()

  constructor(readonly options: { title?: string }) {
    super()
    this.title = options.title ?? ''
    fakeElectron.windows.push(this)
  }

  setContentView(view: unknown): void {
    this.contentView = view
  }
  setTitle(title: string): void {
    this.title = title
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  isMinimized(): boolean {
    return this.minimized
  }
  /** Like Electron: 'closed' follows asynchronously in reality; synchronously here. */
  close(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.emit('close')
    this.emit('closed')
  }

  get view(): FakeWebContentsView {
    return this.contentView as FakeWebContentsView
  }
}

/** The 'electron' module as the portal code sees it. */
export function electronModule(): Record<string, unknown> {
  return {
    BaseWindow: FakeBaseWindow,
    WebContentsView: FakeWebContentsView,
    shell: { openExternal: fakeElectron.openExternal }
  }
}

/** setTimeout/clearTimeout under the test's control. */
export class ManualTimers {
  private queue: { handle: number; at: number; callback: () => void }[] = []
  private nextHandle = 1
  now = 0

  setTimeout = (callback: () => void, ms: number): unknown => {
    const handle = this.nextHandle++
    this.queue.push({ handle, at: this.now + ms, callback })
    return handle
  }

  clearTimeout = (handle: unknown): void => {
    this.queue = this.queue.filter((entry) => entry.handle !== handle)
  }

  get pending(): number {
    return this.queue.length
  }

  /** Runs every timer due within `ms`, in order, letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const until = this.now + ms
    for (;;) {
      const due = this.queue.filter((entry) => entry.at <= until).sort((a, b) => a.at - b.at)[0]
      if (due === undefined) break
      this.queue = this.queue.filter((entry) => entry !== due)
      this.now = due.at
      due.callback()
      await settle()
    }
    this.now = until
    await settle()
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

/** A defer() whose tasks run when the test says so (the end of an Electron event dispatch). */
export class ManualDefer {
  private tasks: (() => void)[] = []
  readonly defer = (task: () => void): void => {
    this.tasks.push(task)
  }
  flush(): void {
    for (const task of this.tasks.splice(0)) task()
  }
}
