// Main's side of the portal protocol (portal-messages.ts): the core host asks for a carrier portal to
// be opened, closed or forgotten; main answers every request with one 'portal.result' and tells the
// host what happens in the portal through 'portal.event's. One window per portal key; one session
// per partition (carrier + line), locked down the first time it is used.
//
// Electron is reached only through the injected window opener and session lookup (portal-window.ts
// and session.fromPartition in index.ts), so this is unit-tested with fakes.
import type { Session } from 'electron'
import { setNavigationRule } from '../web-contents-guards'
import { isPortalUrlAllowed } from './portal-domains'
import {
  blockedUrlForReport,
  installPortalContentsGuards,
  installPortalSessionGuards,
  pageUrlForReport,
  type PortalSessionGuardTarget
} from './portal-guards'
import {
  isPortalMessage,
  parsePortalRequest,
  portalResult,
  type PortalEvent,
  type PortalResult,
  type PortalViewSpec
} from './portal-messages'
import { PortalPageProbe, type ProbeTimers } from './portal-prefill'
import type { PortalWindow } from './portal-window'

export type PortalSession = PortalSessionGuardTarget & Pick<Session, 'clearStorageData' | 'clearCache' | 'clearAuthCache'>

export interface PortalBridgeOptions<S extends PortalSession> {
  sessionFromPartition(partition: string): S
  openWindow(title: string, portalSession: S): PortalWindow
  log?: Pick<Console, 'info' | 'warn'>
  /** Prefill / step-detection attempts after each load (portal-prefill.ts). */
  probeDelaysMs?: readonly number[]
  timers?: ProbeTimers
  /** Runs a task once the current Electron event has been dispatched; setImmediate by default. */
  defer?(task: () => void): void
  /** How long clearData waits for the partition's windows to close before clearing anyway. */
  closeWaitMs?: number
}

/** What host-process.ts needs: portal messages in, replies and events out. */
export interface PortalHostLink {
  /** Answers a `portal.*` message from the host through `reply`; false if it was not one. */
  handleHostMessage(message: unknown, reply: (result: PortalResult) => void): boolean
  /** Events go to `post` from now on; call the returned function when that host is gone. */
  attachHost(post: (event: PortalEvent) => void): () => void
}

export interface PortalBridge extends PortalHostLink {
  /** Closes every portal window (the main window went away). */
  closeAll(): void
  openKeys(): string[]
}

interface OpenPortal {
  spec: PortalViewSpec
  readonly window: PortalWindow
  readonly probe: PortalPageProbe
  readonly closed: Promise<void>
}

type EventFields = Omit<PortalEvent, 'type'>

const ERR_ABORTED = -3
const MAX_DETAIL_LENGTH = 500

export function createPortalBridge<S extends PortalSession>(options: PortalBridgeOptions<S>): PortalBridge {
  const log = options.log ?? console
  const defer = options.defer ?? ((task: () => void) => void setImmediate(task))
  const timers: ProbeTimers = options.timers ?? {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
  }
  const closeWaitMs = options.closeWaitMs ?? 3_000
  const portals = new Map<string, OpenPortal>()
  const portalsByContents = new WeakMap<object, OpenPortal>()
  const lockedSessions = new WeakSet<object>()
  let postToHost: ((event: PortalEvent) => void) | null = null

  function emit(fields: EventFields): void {
    const post = postToHost
    if (post === null) return
    const event: PortalEvent = { type: 'portal.event', key: fields.key, kind: fields.kind }
    if (fields.url !== undefined) event.url = fields.url
    if (fields.stepId !== undefined) event.stepId = fields.stepId
    if (fields.detail !== undefined) event.detail = fields.detail.slice(0, MAX_DETAIL_LENGTH)
    try {
      post(event)
    } catch (error) {
      log.warn(`[main] portal: could not tell the core host about '${fields.kind}': ${describe(error)}`)
    }
  }

  function portalSession(partition: string): S {
    const found = options.sessionFromPartition(partition)
    if (!lockedSessions.has(found)) {
      installPortalSessionGuards(found, {
        onDownloadBlocked: (contents, url) => {
          const portal = portalsByContents.get(contents)
          if (portal) emit({ key: portal.spec.key, kind: 'blocked', url: blockedUrlForReport(url), detail: 'download' })
        },
        log
      })
      lockedSessions.add(found)
    }
    return found
  }

  function reportableUrl(portal: OpenPortal, url: string): string {
    return isPortalUrlAllowed(url, portal.spec.allowedDomains, portal.spec.captiveOrigin) ? pageUrlForReport(url) : blockedUrlForReport(url)
  }

  function load(portal: OpenPortal, url: string): void {
    const { contents } = portal.window
    if (contents.isDestroyed()) return
    try {
      // A failure arrives as 'did-fail-load' (reported there); a refused redirect as 'blocked'.
      contents.loadURL(url).catch(() => undefined)
    } catch (error) {
      emit({ key: portal.spec.key, kind: 'load-failed', url: pageUrlForReport(url), detail: describe(error) })
    }
  }

  function wirePageEvents(portal: OpenPortal): void {
    const { contents } = portal.window
    const key = (): string => portal.spec.key
    contents.on('did-navigate', (_event, url) => emit({ key: key(), kind: 'navigated', url: reportableUrl(portal, url) }))
    contents.on('did-navigate-in-page', (_event, url, isMainFrame) => {
      if (!isMainFrame) return
      emit({ key: key(), kind: 'navigated', url: reportableUrl(portal, url) })
      portal.probe.inPageNavigated()
    })
    contents.on('did-finish-load', () => portal.probe.documentLoaded())
    contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedUrl, isMainFrame) => {
      // ERR_ABORTED: a navigation we (or the user) stopped, already reported as 'blocked' if refused.
      if (!isMainFrame || errorCode === ERR_ABORTED) return
      emit({ key: key(), kind: 'load-failed', url: reportableUrl(portal, validatedUrl), detail: `${errorDescription} (${errorCode})` })
    })
    contents.on('render-process-gone', (_event, details) => {
      emit({ key: key(), kind: 'load-failed', detail: `the page stopped (${details.reason})` })
    })
  }

  function openNew(spec: PortalViewSpec): string | undefined {
    let window: PortalWindow
    try {
      window = options.openWindow(spec.title, portalSession(spec.partition))
    } catch (error) {
      return `the portal window could not be opened: ${describe(error)}`
    }
    let resolveClosed: () => void = () => undefined
    const closed = new Promise<void>((resolve) => (resolveClosed = resolve))
    const portal: OpenPortal = {
      spec,
      window,
      closed,
      probe: new PortalPageProbe({
        target: window.contents,
        selectors: () => ({ prefill: portal.spec.prefill, steps: portal.spec.steps }),
        // A captive page is not the carrier's: its steps and prefill are never looked for there.
        isPortalPage: (url) => portal.spec.captiveOrigin === undefined && isPortalUrlAllowed(url, portal.spec.allowedDomains),
        report: (report) => emit({ key: portal.spec.key, kind: report.kind, url: pageUrlForReport(report.url), ...(report.kind === 'step' ? { stepId: report.stepId } : {}) }),
        delaysMs: options.probeDelaysMs,
        timers,
        log
      })
    }
    portals.set(spec.key, portal)
    portalsByContents.set(window.contents, portal)

    // The app-wide guards (web-contents-guards.ts) ask this rule instead of "app origin only".
    setNavigationRule(window.contents, (url) => isPortalUrlAllowed(url, portal.spec.allowedDomains, portal.spec.captiveOrigin))
    installPortalContentsGuards(window.contents, {
      allowedDomains: () => portal.spec.allowedDomains,
      captiveOrigin: () => portal.spec.captiveOrigin,
      onBlocked: (url, kind) => emit({ key: portal.spec.key, kind: 'blocked', url, detail: kind }),
      onOpenInView: (url) => defer(() => load(portal, url)),
      defer
    })
    wirePageEvents(portal)
    window.onClosed(() => {
      portal.probe.stop()
      if (portals.get(portal.spec.key) === portal) portals.delete(portal.spec.key)
      emit({ key: portal.spec.key, kind: 'closed' })
      resolveClosed()
    })
    load(portal, spec.url)
    return undefined
  }

  function open(spec: PortalViewSpec): string | undefined {
    const existing = portals.get(spec.key)
    if (existing === undefined) {
      const error = openNew(spec)
      if (error === undefined) emit({ key: spec.key, kind: 'opened', url: pageUrlForReport(spec.url) })
      return error
    }
    // A page's session is fixed at creation; another partition would mean another login.
    if (existing.spec.partition !== spec.partition) {
      return `portal "${spec.key}" is already open with another partition; close it first`
    }
    existing.spec = spec
    existing.window.setTitle(spec.title)
    existing.window.focus()
    load(existing, spec.url)
    emit({ key: spec.key, kind: 'opened', url: pageUrlForReport(spec.url) })
    return undefined
  }

  async function clearData(partition: string): Promise<string | undefined> {
    // Forgetting a login while its page is open would leave the page signed in: close it first.
    const open = [...portals.values()].filter((portal) => portal.spec.partition === partition)
    for (const portal of open) portal.window.close()
    if (open.length > 0) await withTimeout(Promise.all(open.map((portal) => portal.closed)), closeWaitMs, timers)
    try {
      const target = portalSession(partition)
      await Promise.all([target.clearStorageData(), target.clearCache(), target.clearAuthCache()])
      return undefined
    } catch (error) {
      return `the portal's data could not be cleared: ${describe(error)}`
    }
  }

  function send(reply: (result: PortalResult) => void, result: PortalResult): void {
    try {
      reply(result)
    } catch (error) {
      log.warn(`[main] portal: could not answer the core host: ${describe(error)}`)
    }
  }

  return {
    handleHostMessage(message, reply) {
      if (!isPortalMessage(message)) return false
      const parsed = parsePortalRequest(message)
      if (!parsed.ok) {
        log.warn(`[main] portal: refused a host message: ${parsed.error}`)
        send(reply, portalResult(parsed.id, parsed.error))
        return true
      }
      const request = parsed.request
      switch (request.type) {
        case 'portal.open':
          send(reply, portalResult(request.id, open(request.view)))
          break
        case 'portal.close':
          // Closing a portal that is not open is not an error: the result is the same.
          portals.get(request.key)?.window.close()
          send(reply, portalResult(request.id))
          break
        case 'portal.clearData':
          void clearData(request.partition).then((error) => send(reply, portalResult(request.id, error)))
          break
      }
      return true
    },
    attachHost(post) {
      postToHost = post
      return () => {
        if (postToHost === post) postToHost = null
      }
    },
    closeAll() {
      for (const portal of [...portals.values()]) portal.window.close()
    },
    openKeys() {
      return [...portals.keys()]
    }
  }
}

function withTimeout(promise: Promise<unknown>, ms: number, timers: ProbeTimers): Promise<void> {
  return new Promise<void>((resolve) => {
    const handle = timers.setTimeout(resolve, ms)
    void promise.then(() => {
      timers.clearTimeout(handle)
      resolve()
    })
  })
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
