// The portal window: a BaseWindow filled by one sandboxed WebContentsView in the portal's partition,
// with our title, and a page that is torn down when the window closes.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session } from 'electron'
import { FakeSession, fakeElectron } from './electron-portal-fakes'

vi.mock('electron', async () => (await import('./electron-portal-fakes')).electronModule())

const { openPortalWindow, portalWebPreferences, portalWindowOptions, portalWindowTitle } = await import(
  '../../electron/main/portal/portal-window'
)

beforeEach(() => {
  fakeElectron.reset()
})

const session = new FakeSession('persist:portal-tmobile-us-abc') as unknown as Session

describe('portalWebPreferences', () => {
  it('locks the page down and pins it to the portal session', () => {
    const prefs = portalWebPreferences(session)
    expect(prefs).toEqual({
      session,
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
      safeDialogs: true,
      devTools: false
    })
  })

  it('has no preload and no partition string that could point elsewhere', () => {
    const prefs = portalWebPreferences(session)
    expect(prefs).not.toHaveProperty('preload')
    expect(prefs).not.toHaveProperty('partition')
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
  })
})

describe('portalWindowOptions', () => {
  it('titles the window "<title> — Hotspot Desk"', () => {
    expect(portalWindowTitle('T-Mobile · Refill')).toBe('T-Mobile · Refill — Hotspot Desk')
    expect(portalWindowOptions('IIJmio').title).toBe('IIJmio — Hotspot Desk')
  })
})

describe('openPortalWindow', () => {
  it('fills a BaseWindow with one WebContentsView using the portal preferences', () => {
    const portal = openPortalWindow('IIJmio', session)
    const [window] = fakeElectron.windows
    const [view] = fakeElectron.views
    expect(fakeElectron.windows).toHaveLength(1)
    expect(window?.options).toEqual(portalWindowOptions('IIJmio'))
    expect(window?.contentView).toBe(view)
    expect(view?.options).toEqual({ webPreferences: portalWebPreferences(session) })
    expect(portal.contents).toBe(view?.webContents)
  })

  it('sets the title only in our format', () => {
    const portal = openPortalWindow('IIJmio', session)
    portal.setTitle('IIJmio · Data top-up')
    expect(fakeElectron.windows[0]?.title).toBe('IIJmio · Data top-up — Hotspot Desk')
  })

  it('focus restores a minimized window and brings it forward', () => {
    const portal = openPortalWindow('IIJmio', session)
    const window = fakeElectron.windows[0]!
    window.minimized = true
    portal.focus()
    expect(window.restore).toHaveBeenCalledTimes(1)
    expect(window.show).toHaveBeenCalledTimes(1)
    expect(window.focus).toHaveBeenCalledTimes(1)
  })

  it('closing the window closes its page, then tells the listeners once', () => {
    const portal = openPortalWindow('IIJmio', session)
    const window = fakeElectron.windows[0]!
    const closed = vi.fn(() => expect(window.view.webContents.isDestroyed()).toBe(true))
    portal.onClosed(closed)
    portal.close()
    portal.close()
    expect(closed).toHaveBeenCalledTimes(1)
    expect(window.view.webContents.destroyed).toBe(true)
  })

  it('a window closed by the user also tears the page down', () => {
    const portal = openPortalWindow('IIJmio', session)
    const closed = vi.fn()
    portal.onClosed(closed)
    fakeElectron.windows[0]!.close()
    expect(fakeElectron.views[0]!.webContents.destroyed).toBe(true)
    expect(closed).toHaveBeenCalledTimes(1)
  })

  it('does nothing on a destroyed window', () => {
    const portal = openPortalWindow('IIJmio', session)
    const window = fakeElectron.windows[0]!
    window.close()
    portal.focus()
    portal.setTitle('x')
    expect(window.focus).not.toHaveBeenCalled()
    expect(window.title).toBe('IIJmio — Hotspot Desk')
  })
})
