// Who shows a carrier portal. The host decides what may be opened (the pack's URLs and domains, the
// partition, what to prefill) and a gateway shows it: in the desktop app Electron main runs a sandboxed
// WebContentsView per carrier and line, driven over the utility process's parent port; in serve mode (and in
// tests) the renderer opens the address in a new browser tab itself, so the tab gateway opens nothing.
// Protocol and the view's rules: src/contract/carrier.ts ("Host ⇄ Electron main").
import {
  PortalEventMessage,
  PortalResultMessage,
  type HostToMainPortalMessage,
  type PortalEventKind,
  type PortalMode,
  type PortalViewSpec
} from '../contract/carrier'
import { ContractError } from '../contract/errors'

export interface PortalGatewayEvent {
  key: string
  kind: PortalEventKind
  url?: string
  stepId?: string
  detail?: string
}

export interface PortalGateway {
  readonly mode: PortalMode
  /** Show the view (or bring it forward when `view.key` is open). Tab mode: nothing to do. */
  open(view: PortalViewSpec): Promise<void>
  /** True when a view was open and is now closed. */
  close(key: string): Promise<boolean>
  /** Clear cookies and storage of a partition. */
  clearData(partition: string): Promise<void>
  onEvent(listener: (event: PortalGatewayEvent) => void): () => void
}

/**
 * Serve mode and tests: portal.open answers with the address and the renderer opens a new browser tab
 * (window.open with noopener). The host has no handle on that tab, so it never reports events, and the
 * tab's cookies belong to the user's browser, which only the user can clear.
 */
export class TabPortalGateway implements PortalGateway {
  readonly mode = 'tab' as const

  async open(): Promise<void> {}

  async close(): Promise<boolean> {
    return false
  }

  async clearData(): Promise<void> {
    throw new ContractError(
      'UNSUPPORTED',
      'In the browser the portal keeps its sign-in in your browser’s own storage: clear the site’s data there (site settings → clear data), or use a private window.',
      { mode: 'tab' }
    )
  }

  onEvent(): () => void {
    return () => undefined
  }
}

const REPLY_TIMEOUT_MS = 15_000

/**
 * The desktop app: Electron main owns the WebContentsView. Requests go out as { type: 'portal.open' |
 * 'portal.close' | 'portal.clearData', id, … } and main answers each with { type: 'portal.result', id, ok,
 * error? }; the view's events arrive as { type: 'portal.event', key, kind, … }. Feed every parent-port
 * message to handleMessage.
 */
export class ParentPortPortalGateway implements PortalGateway {
  readonly mode = 'view' as const
  private nextId = 1
  private readonly pending = new Map<number, (reply: PortalResultMessage) => void>()
  private readonly listeners = new Set<(event: PortalGatewayEvent) => void>()

  constructor(
    private readonly post: (message: HostToMainPortalMessage) => void,
    private readonly options: { timeoutMs?: number; log?: (line: string) => void } = {}
  ) {}

  async open(view: PortalViewSpec): Promise<void> {
    await this.ask({ type: 'portal.open', id: this.nextId++, view }, 'open the portal')
  }

  async close(key: string): Promise<boolean> {
    await this.ask({ type: 'portal.close', id: this.nextId++, key }, 'close the portal')
    return true
  }

  async clearData(partition: string): Promise<void> {
    await this.ask({ type: 'portal.clearData', id: this.nextId++, partition }, 'clear the portal’s data')
  }

  onEvent(listener: (event: PortalGatewayEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Every parent-port message goes through here; true when it was a portal message (handled or refused). */
  handleMessage(data: unknown): boolean {
    const type = (data as { type?: unknown } | null)?.type
    if (type === 'portal.result') {
      const reply = PortalResultMessage.safeParse(data)
      if (!reply.success) {
        this.options.log?.('portal: ignored a malformed portal.result from main')
        return true
      }
      const resolve = this.pending.get(reply.data.id)
      this.pending.delete(reply.data.id)
      resolve?.(reply.data)
      return true
    }
    if (type === 'portal.event') {
      const event = PortalEventMessage.safeParse(data)
      if (!event.success) {
        this.options.log?.('portal: ignored a malformed portal.event from main')
        return true
      }
      const { key, kind, url, stepId, detail } = event.data
      const payload: PortalGatewayEvent = { key, kind }
      if (url !== undefined) payload.url = url
      if (stepId !== undefined) payload.stepId = stepId
      if (detail !== undefined) payload.detail = detail
      for (const listener of [...this.listeners]) listener(payload)
      return true
    }
    return false
  }

  private ask(message: HostToMainPortalMessage, what: string): Promise<void> {
    const timeoutMs = this.options.timeoutMs ?? REPLY_TIMEOUT_MS
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(message.id)
        reject(new ContractError('TIMEOUT', `The app window did not ${what} in time.`, { timeoutMs }))
      }, timeoutMs)
      this.pending.set(message.id, (reply) => {
        clearTimeout(timer)
        if (reply.ok) resolve()
        else reject(new ContractError('UNSUPPORTED', `The app could not ${what}: ${reply.error ?? 'no reason given'}.`, { reason: reply.error }))
      })
      try {
        this.post(message)
      } catch (error) {
        clearTimeout(timer)
        this.pending.delete(message.id)
        reject(new ContractError('INTERNAL', `Could not reach the app window: ${error instanceof Error ? error.message : String(error)}`))
      }
    })
  }
}
