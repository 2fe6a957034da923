// What a carrier portal page may do, and the hooks that enforce it. Portal pages are third-party
// web content, so everything is refused unless the pack allows it (model-codebases.md §3.2–3.3):
// - navigation, redirects and sub-frame navigation: https pages on the pack's allowedDomains only (a captive
//   view also its one plain-http origin);
// - window.open: an allowed URL loads in the same view, anything else is refused;
// - downloads, permissions, devices (USB, serial, HID, Bluetooth) and screen capture: refused;
// - TLS errors keep Chromium's default (the page fails); nothing here overrides certificates.
// A refused http(s) URL is reported to the host so the UI may offer "open in browser", which goes
// through openExternalSafely (external-links.ts) when the user asks; nothing opens by itself.
import type { Session, WebContents } from 'electron'
import { toSafeExternalUrl } from '../external-links'
import { allowedPortalUrl } from './portal-domains'

/** What was refused; sent to the host as the `detail` of a 'blocked' event. */
export type BlockedKind = 'navigation' | 'subframe' | 'redirect' | 'window-open' | 'download'

export type PortalNavigationDecision = { allow: true } | { allow: false; reportUrl: string }

export type PortalWindowOpenDecision = { action: 'load-in-view'; url: string } | { action: 'deny'; reportUrl: string }

const MAX_REPORTED_URL_LENGTH = 2048

/**
 * How a refused URL is reported: an http(s) URL the OS browser could open is reported whole (the
 * user may want it); anything else (file:, javascript:, data:, app:, credentials) by scheme only,
 * so a script payload or a password never reaches the host or its logs.
 */
export function blockedUrlForReport(url: string): string {
  const safe = toSafeExternalUrl(url)
  if (safe !== null) return safe.length <= MAX_REPORTED_URL_LENGTH ? safe : `${new URL(safe).origin}/`
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]
  return scheme === undefined ? 'unparsable URL' : `${scheme.toLowerCase().slice(0, 32)}:`
}

/** How an allowed page is reported: origin and path, without the query or fragment (tokens live there). */
export function pageUrlForReport(url: string): string {
  try {
    const parsed = new URL(url)
    const page = `${parsed.origin}${parsed.pathname}`
    return page.length <= MAX_REPORTED_URL_LENGTH ? page : `${parsed.origin}/`
  } catch {
    return 'unparsable URL'
  }
}

export function decidePortalNavigation(url: string, allowedDomains: readonly string[], captiveOrigin?: string): PortalNavigationDecision {
  return allowedPortalUrl(url, allowedDomains, captiveOrigin) !== null ? { allow: true } : { allow: false, reportUrl: blockedUrlForReport(url) }
}

/** Popups never get a window of their own: an allowed URL replaces the current page instead. */
export function decidePortalWindowOpen(url: string, allowedDomains: readonly string[], captiveOrigin?: string): PortalWindowOpenDecision {
  const allowed = allowedPortalUrl(url, allowedDomains, captiveOrigin)
  return allowed !== null ? { action: 'load-in-view', url: allowed } : { action: 'deny', reportUrl: blockedUrlForReport(url) }
}

export type PortalGuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

export interface PortalContentsGuardOptions {
  /** Read on every decision, so re-opening a portal with a new pack takes effect at once. */
  allowedDomains(): readonly string[]
  /** A captive view's one plain-http origin (portal-domains.ts); absent for carrier portals. */
  captiveOrigin?(): string | undefined
  onBlocked(reportUrl: string, kind: BlockedKind): void
  /** An allowed window.open: load `url` in this view (the caller defers it past the handler). */
  onOpenInView(url: string): void
  /** Runs `task` after the current event has been fully dispatched. */
  defer?(task: () => void): void
}

/**
 * Installs the portal's own navigation and popup hooks. They run alongside the app-wide guards
 * (web-contents-guards.ts), which must be told the same rule with `setNavigationRule`; this
 * window-open handler replaces the app-wide one, which would hand URLs to the OS browser.
 */
export function installPortalContentsGuards(contents: PortalGuardedContents, options: PortalContentsGuardOptions): void {
  const defer = options.defer ?? ((task: () => void) => void setImmediate(task))
  // Chromium emits will-frame-navigate and will-navigate for the same main-frame navigation;
  // report it once.
  let lastReported: string | null = null
  const report = (reportUrl: string, kind: BlockedKind): void => {
    const token = `${kind}\n${reportUrl}`
    if (token === lastReported) return
    lastReported = token
    defer(() => {
      if (lastReported === token) lastReported = null
    })
    options.onBlocked(reportUrl, kind)
  }
  const guard =
    (kindOf: (isMainFrame: boolean) => BlockedKind) =>
    (event: { url: string; isMainFrame: boolean; preventDefault(): void }): void => {
      const decision = decidePortalNavigation(event.url, options.allowedDomains(), options.captiveOrigin?.())
      if (decision.allow) return
      event.preventDefault()
      report(decision.reportUrl, kindOf(event.isMainFrame))
    }
  contents.on('will-frame-navigate', guard((isMainFrame) => (isMainFrame ? 'navigation' : 'subframe')))
  contents.on('will-navigate', guard(() => 'navigation'))
  contents.on('will-redirect', guard(() => 'redirect'))
  contents.on('will-attach-webview', (event) => event.preventDefault())
  // Without preventDefault Electron picks the first Bluetooth device on its own.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault()
    callback('')
  })
  contents.setWindowOpenHandler((details) => {
    const decision = decidePortalWindowOpen(details.url, options.allowedDomains(), options.captiveOrigin?.())
    if (decision.action === 'load-in-view') options.onOpenInView(decision.url)
    else report(decision.reportUrl, 'window-open')
    return { action: 'deny' }
  })
}

export type PortalSessionGuardTarget = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler' | 'on'
>

export interface PortalSessionGuardOptions {
  onDownloadBlocked(contents: WebContents, url: string): void
  log?: Pick<Console, 'warn'>
}

/**
 * Locks down a portal partition's session: every permission request and check is denied (unlike the
 * app's own session, nothing is granted to anyone), devices are never chosen, screen capture is
 * refused, and downloads are cancelled before they start.
 */
export function installPortalSessionGuards(session: PortalSessionGuardTarget, options: PortalSessionGuardOptions): void {
  const log = options.log ?? console
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`[main] portal: denied permission request '${permission}'`)
    callback(false)
  })
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null))
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
  })
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault()
    callback('')
  })
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
  })
  session.on('will-download', (event, item, contents) => {
    // Read before cancelling: the item is gone from the next tick on.
    let url = ''
    try {
      url = item.getURL()
    } catch {
      url = ''
    }
    event.preventDefault()
    options.onDownloadBlocked(contents, url)
  })
}
