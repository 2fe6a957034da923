// Origin policy and the guards installed on every webContents: what a page may navigate to, what
// window.open does, and that <webview> never attaches.
import { describe, expect, it, vi } from 'vitest'
import type { WebContents } from 'electron'
import { APP_ENTRY_URL, APP_ORIGIN, createOriginPolicy, originOf } from '../../electron/main/app-origin'
import {
  handleWindowOpen,
  installWebContentsGuards,
  isNavigationAllowed,
  setNavigationRule
} from '../../electron/main/web-contents-guards'

const prod = createOriginPolicy()
const dev = createOriginPolicy({ devServerUrl: 'http://localhost:5173/' })

describe('originOf', () => {
  it.each([
    ['app://hotspot-desk/index.html', 'app://hotspot-desk'],
    ['app://hotspot-desk', 'app://hotspot-desk'],
    ['https://example.com:8443/a?b', 'https://example.com:8443'],
    ['http://localhost:5173/#/x', 'http://localhost:5173'],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['data:text/html,<b>x</b>', null],
    ['about:blank', null],
    ['not a url', null]
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin)
  })
})

describe('createOriginPolicy', () => {
  it('trusts only the app origin in production', () => {
    expect(prod.trustedOrigins).toEqual([APP_ORIGIN])
  })

  it('adds the dev server origin in development', () => {
    expect(dev.trustedOrigins).toEqual([APP_ORIGIN, 'http://localhost:5173'])
  })

  it('refuses a dev server URL that is not http(s)', () => {
    expect(() => createOriginPolicy({ devServerUrl: 'file:///tmp/index.html' })).toThrow(/not an http/)
  })
})

describe('isNavigationAllowed', () => {
  it.each([APP_ENTRY_URL, 'app://hotspot-desk/', 'app://hotspot-desk/index.html#/devices/1'])(
    'allows the app origin: %s',
    (url) => {
      expect(isNavigationAllowed(url, prod)).toBe(true)
    }
  )

  it.each([
    'https://evil.example/',
    'http://evil.example/app://hotspot-desk/',
    'file:///etc/passwd',
    'javascript:alert(document.domain)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'app://other-host/index.html',
    'app://hotspot-desk.evil.example/index.html',
    'app://hotspot-desk:8080/index.html',
    'blob:app://hotspot-desk/0b1c',
    'about:blank',
    'http://localhost:5173/',
    ''
  ])('refuses %s in production', (url) => {
    expect(isNavigationAllowed(url, prod)).toBe(false)
  })

  it('allows the dev server origin only in development, and only that exact origin', () => {
    expect(isNavigationAllowed('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isNavigationAllowed('http://localhost:5174/', dev)).toBe(false)
    expect(isNavigationAllowed('http://localhost:5173.evil.example/', dev)).toBe(false)
    expect(isNavigationAllowed('https://localhost:5173/', dev)).toBe(false)
    expect(isNavigationAllowed('http://127.0.0.1:5173/', dev)).toBe(false)
  })

  it('lets a per-contents rule replace the app-origin rule', () => {
    const portalRule = (url: string): boolean => new URL(url).hostname === 'my.carrier.example'
    expect(isNavigationAllowed('https://my.carrier.example/login', prod, portalRule)).toBe(true)
    expect(isNavigationAllowed(APP_ENTRY_URL, prod, portalRule)).toBe(false)
  })
})

describe('handleWindowOpen', () => {
  it('always denies', () => {
    const open = vi.fn()
    for (const url of ['https://example.com/', 'file:///etc/passwd', APP_ENTRY_URL, 'about:blank']) {
      expect(handleWindowOpen({ url }, open)).toEqual({ action: 'deny' })
    }
  })

  it('passes only http(s) URLs on to the external opener', () => {
    const open = vi.fn()
    handleWindowOpen({ url: 'https://example.com/help' }, open)
    handleWindowOpen({ url: 'HTTP://example.com/' }, open)
    handleWindowOpen({ url: 'file:///etc/passwd' }, open)
    handleWindowOpen({ url: 'javascript:alert(1)' }, open)
    handleWindowOpen({ url: 'smb://attacker/share' }, open)
    handleWindowOpen({ url: 'app://hotspot-desk/index.html' }, open)
    expect(open.mock.calls).toEqual([['https://example.com/help'], ['HTTP://example.com/']])
  })
})

type Listener = (event: { url?: string; preventDefault: () => void }) => void

class FakeContents {
  readonly listeners = new Map<string, Listener[]>()
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null

  on(eventName: string, listener: Listener): this {
    this.listeners.set(eventName, [...(this.listeners.get(eventName) ?? []), listener])
    return this
  }

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler
  }

  /** Emits `eventName` like Electron does and reports whether any listener prevented it. */
  emit(eventName: string, url?: string): boolean {
    const listeners = this.listeners.get(eventName) ?? []
    expect(listeners.length).toBeGreaterThan(0)
    let prevented = false
    for (const listener of listeners) listener({ url, preventDefault: () => (prevented = true) })
    return prevented
  }

  asWebContents(): Pick<WebContents, 'on' | 'setWindowOpenHandler'> {
    return this as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>
  }
}

describe('installWebContentsGuards', () => {
  function guarded(policy = prod): { contents: FakeContents; open: ReturnType<typeof vi.fn> } {
    const contents = new FakeContents()
    const open = vi.fn()
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    installWebContentsGuards(contents.asWebContents(), policy, open)
    return { contents, open }
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: refuses other origins, lets the app through', (eventName) => {
    const { contents } = guarded()
    expect(contents.emit(eventName, 'https://evil.example/')).toBe(true)
    expect(contents.emit(eventName, 'file:///etc/passwd')).toBe(true)
    expect(contents.emit(eventName, 'javascript:alert(1)')).toBe(true)
    expect(contents.emit(eventName, 'data:text/html,hi')).toBe(true)
    expect(contents.emit(eventName, 'app://other-host/')).toBe(true)
    expect(contents.emit(eventName, 'app://hotspot-desk/index.html#/settings')).toBe(false)
  })

  it('allows the dev server origin when the policy trusts it', () => {
    const { contents } = guarded(dev)
    expect(contents.emit('will-navigate', 'http://localhost:5173/')).toBe(false)
    expect(contents.emit('will-navigate', 'http://localhost:8080/')).toBe(true)
  })

  it('prevents every <webview> from attaching', () => {
    const { contents } = guarded()
    expect(contents.emit('will-attach-webview')).toBe(true)
  })

  it('installs a window-open handler that denies and forwards http(s) to the opener', () => {
    const { contents, open } = guarded()
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(open.mock.calls).toEqual([['https://example.com/']])
  })

  it('uses a navigation rule registered for that contents, and only for it', () => {
    const portal = guarded()
    const other = guarded()
    setNavigationRule(portal.contents, (url) => url.startsWith('https://my.carrier.example/'))
    expect(portal.contents.emit('will-redirect', 'https://my.carrier.example/plan')).toBe(false)
    expect(portal.contents.emit('will-redirect', 'https://evil.example/')).toBe(true)
    expect(other.contents.emit('will-redirect', 'https://my.carrier.example/plan')).toBe(true)
  })
})
