// Guards installed on EVERY webContents the app creates (app.on('web-contents-created')): the main
// window, devtools, and the portal views other modules add later. Electron security checklist items
// 13 and 14: limit navigation, limit new windows; plus no <webview>, ever.
//
// A module that owns a webContents with a wider allowlist (a carrier portal view) registers its own
// rule with `setNavigationRule`; everything else may only navigate within the app's origin.
import type { Event, HandlerDetails, WebContents, WindowOpenHandlerResponse } from 'electron'
import type { OriginPolicy } from './app-origin'

export type NavigationRule = (url: string) => boolean

const rulesByContents = new WeakMap<object, NavigationRule>()

/** Lets `contents` navigate wherever `rule` allows instead of the app origin only. */
export function setNavigationRule(contents: object, rule: NavigationRule): void {
  rulesByContents.set(contents, rule)
}

/** The decision behind will-navigate, will-frame-navigate and will-redirect. */
export function isNavigationAllowed(url: string, policy: OriginPolicy, rule?: NavigationRule): boolean {
  return rule ? rule(url) : policy.isTrustedUrl(url)
}

/** The window-open decision: always deny; hand http(s) URLs to the OS browser. */
export function handleWindowOpen(
  details: Pick<HandlerDetails, 'url'>,
  openInBrowser: (url: string) => unknown
): WindowOpenHandlerResponse {
  const protocol = /^([a-z][a-z0-9+.-]*):/i.exec(details.url)?.[1]?.toLowerCase()
  if (protocol === 'http' || protocol === 'https') void openInBrowser(details.url)
  return { action: 'deny' }
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

export function installWebContentsGuards(
  contents: GuardedContents,
  policy: OriginPolicy,
  openInBrowser: (url: string) => unknown
): void {
  const refuseUnlessAllowed = (kind: string) => (event: Event<{ url: string }>) => {
    if (isNavigationAllowed(event.url, policy, rulesByContents.get(contents))) return
    event.preventDefault()
    console.warn(`[main] blocked ${kind} to ${safeForLog(event.url)}`)
  }
  contents.on('will-navigate', refuseUnlessAllowed('navigation'))
  contents.on('will-frame-navigate', refuseUnlessAllowed('frame navigation'))
  contents.on('will-redirect', refuseUnlessAllowed('redirect'))
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    console.warn('[main] blocked a <webview>')
  })
  contents.setWindowOpenHandler((details) => handleWindowOpen(details, openInBrowser))
}

// Origin only: blocked URLs are attacker-controlled and may carry tokens in the path or query.
function safeForLog(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.host !== '' ? `${parsed.protocol}//${parsed.host}` : `${parsed.protocol} URL`
  } catch {
    return 'an unparsable URL'
  }
}
