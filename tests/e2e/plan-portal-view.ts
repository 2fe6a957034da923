// A stand-in for Electron main's portal view in Playwright, following the rules in src/contract/carrier.ts: one
// page per view key in its own browser context (the partition), navigation only within allowedDomains (others
// are blocked and reported), and after each load: fill the prefill selectors it finds (never submit), report
// the first step selector that matches, and report selectors-missing when the first page matches none. Opening
// a key again (another flow on the same portal) brings the page forward and follows the new flow's selectors.
import type { BrowserContext, Page } from 'playwright-core'
import type { PortalViewSpec } from '../../src/contract/carrier'
import type { PortalGateway, PortalGatewayEvent } from '../../src/host/portal-gateway'

export class PlaywrightPortalView implements PortalGateway {
  readonly mode = 'view' as const
  readonly opened: PortalViewSpec[] = []
  readonly cleared: string[] = []
  readonly pages = new Map<string, Page>()
  private readonly specs = new Map<string, PortalViewSpec>()
  private readonly listeners = new Set<(event: PortalGatewayEvent) => void>()

  constructor(private readonly context: BrowserContext) {}

  async open(view: PortalViewSpec): Promise<void> {
    this.specs.set(view.key, view)
    const existing = this.pages.get(view.key)
    if (existing && !existing.isClosed()) {
      this.opened.push(view)
      await existing.bringToFront()
      this.emit({ key: view.key, kind: 'opened', url: existing.url() })
      await existing.goto(view.url)
      return
    }
    const page = await this.context.newPage()
    this.pages.set(view.key, page)
    this.opened.push(view)
    let firstLoad = true
    await page.route('**/*', async (route) => {
      const host = new URL(route.request().url()).hostname
      const allowed = this.specs.get(view.key)?.allowedDomains ?? []
      if (allowed.some((domain) => (domain.startsWith('*.') ? host.endsWith(domain.slice(1)) : host === domain))) return route.continue()
      this.emit({ key: view.key, kind: 'blocked', url: route.request().url() })
      return route.abort('blockedbyclient')
    })
    page.on('close', () => this.emit({ key: view.key, kind: 'closed' }))
    page.on('load', () => {
      const first = firstLoad
      firstLoad = false
      void this.inspect(view.key, page, first)
    })
    await page.goto(view.url)
    this.emit({ key: view.key, kind: 'opened', url: page.url() })
  }

  async close(key: string): Promise<boolean> {
    const page = this.pages.get(key)
    this.pages.delete(key)
    if (!page || page.isClosed()) return false
    await page.close()
    return true
  }

  async clearData(partition: string): Promise<void> {
    this.cleared.push(partition)
    await this.context.clearCookies()
  }

  onEvent(listener: (event: PortalGatewayEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The page of the last view opened. */
  get lastPage(): Page {
    const key = this.opened.at(-1)?.key
    const page = key ? this.pages.get(key) : undefined
    if (!page) throw new Error('no portal view is open')
    return page
  }

  private async inspect(key: string, page: Page, firstLoad: boolean): Promise<void> {
    const view = this.specs.get(key)
    if (!view) return
    try {
      this.emit({ key, kind: 'navigated', url: page.url() })
      for (const { selector, value } of view.prefill ?? []) {
        const field = await page.$(selector)
        if (field) await field.fill(value)
      }
      for (const step of view.steps ?? []) {
        if (await page.$(step.selector)) {
          this.emit({ key, kind: 'step', stepId: step.stepId, url: page.url() })
          return
        }
      }
      if (firstLoad) this.emit({ key, kind: 'selectors-missing', url: page.url(), detail: 'none of the step selectors match the first page' })
    } catch {
      // The page went away while it was being looked at (closed or navigated again).
    }
  }

  private emit(event: PortalGatewayEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
