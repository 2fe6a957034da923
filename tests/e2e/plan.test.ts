// End to end in Chromium: Plan & refill against the demo hotspot (a T-Mobile US prepaid SIM) and the loopback
// T-Mobile portal simulator, with the host started in-process so its test-only portalOverrides point the
// "mobile-internet" portal at the simulator — nothing here reaches a real carrier (every request is checked).
//
// 1. Serve mode as shipped (tab gateway): the flow shows the line's number as 10 digits; "Open the portal"
//    opens a new tab on the simulator; the checklist offers the values to copy; an error the simulator shows
//    is pasted back and explained, with the step to return to highlighted. English and Japanese.
// 2. The desktop portal view's contract, with a stand-in for Electron main: a gateway that runs the view in a
//    Playwright page by the documented rules (stay within allowedDomains, fill prefill selectors, report the
//    step on screen, report selectors-missing when the first page matches no step). Steps tick as the user
//    goes, the number is prefilled in the portal itself, and the simulator's "changed" variant sends the flow
//    to the checklist. Screenshots land in test-results/.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalViewSpec } from '../../src/contract/carrier'
import { PORTAL_PARTITION_PATTERN } from '../../src/contract/carrier'
import { DEMO_DEVICE_ID } from '../../src/host/demo'
import { createHost, type Host } from '../../src/host/host'
import type { PortalGateway, PortalGatewayEvent } from '../../src/host/portal-gateway'
import { startServe, type ServeHandle } from '../../src/host/serve/serve-server'
import { TMOBILE_ACCOUNTS, TMOBILE_MESSAGES, TmobilePortalSimulator } from '../../src/simulators/portals'
import { CHROMIUM_ARGS, findChromium } from '../support/chromium'
import { BUILT } from '../support/serve-process'

const executablePath = findChromium()
const RESULTS = resolve(__dirname, '../../test-results')
const RENDERER = resolve(__dirname, '../../out/renderer')
const reason = !BUILT
  ? 'the app is not built (npm test builds it first)'
  : !executablePath
    ? 'no Chromium found (set CHROMIUM_PATH or apt-get install chromium)'
    : ''
if (reason && process.env.CI) throw new Error(`e2e cannot run: ${reason}`)
if (reason) console.info(`plan e2e skipped: ${reason}`)

const ACCOUNT = TMOBILE_ACCOUNTS[0]!
const LINE = '2065550143'

/** Every request any page makes, so the test can prove nothing left the machine. */
const requested: string[] = []
function watchRequests(context: BrowserContext): void {
  context.on('request', (request) => requested.push(request.url()))
}
const offLoopback = () => requested.filter((url) => !/^(https?|wss?):\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url) && !url.startsWith('data:'))

/**
 * A stand-in for Electron main's portal view, following the rules in src/contract/carrier.ts: one page per
 * view key in its own browser context (the partition), navigation only within allowedDomains (others are
 * blocked and reported), and after each load: fill the prefill selectors it finds (never submit), report the
 * first step selector that matches, and report selectors-missing when the first page matches none.
 */
class PlaywrightPortalView implements PortalGateway {
  readonly mode = 'view' as const
  readonly opened: PortalViewSpec[] = []
  readonly cleared: string[] = []
  readonly pages = new Map<string, Page>()
  private readonly listeners = new Set<(event: PortalGatewayEvent) => void>()

  constructor(private readonly context: BrowserContext) {}

  async open(view: PortalViewSpec): Promise<void> {
    this.opened.push(view)
    const existing = this.pages.get(view.key)
    if (existing && !existing.isClosed()) {
      // Opened again: brought forward, and what is on screen is reported afresh.
      await existing.bringToFront()
      this.emit({ key: view.key, kind: 'opened', url: existing.url() })
      await this.inspect(view, existing, true)
      return
    }
    const page = await this.context.newPage()
    this.pages.set(view.key, page)
    let firstLoad = true
    await page.route('**/*', async (route) => {
      const host = new URL(route.request().url()).hostname
      if (view.allowedDomains.some((domain) => (domain.startsWith('*.') ? host.endsWith(domain.slice(1)) : host === domain))) return route.continue()
      this.emit({ key: view.key, kind: 'blocked', url: route.request().url() })
      return route.abort('blockedbyclient')
    })
    page.on('close', () => this.emit({ key: view.key, kind: 'closed' }))
    page.on('load', () => {
      const first = firstLoad
      firstLoad = false
      void this.inspect(view, page, first)
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

  private async inspect(view: PortalViewSpec, page: Page, firstLoad: boolean): Promise<void> {
    try {
      this.emit({ key: view.key, kind: 'navigated', url: page.url() })
      for (const { selector, value } of view.prefill ?? []) {
        const field = await page.$(selector)
        if (field) await field.fill(value)
      }
      for (const step of view.steps ?? []) {
        if (await page.$(step.selector)) {
          this.emit({ key: view.key, kind: 'step', stepId: step.stepId, url: page.url() })
          return
        }
      }
      if (firstLoad) this.emit({ key: view.key, kind: 'selectors-missing', url: page.url(), detail: 'none of the step selectors match the first page' })
    } catch {
      // The page went away while it was being looked at (closed or navigated again).
    }
  }

  private emit(event: PortalGatewayEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}

describe.skipIf(Boolean(reason))(`Plan & refill in serve mode${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const portal = new TmobilePortalSimulator()
  let browser: Browser
  let tabHost: Host
  let tabServe: ServeHandle
  let viewHost: Host
  let viewServe: ServeHandle
  let portalView: PlaywrightPortalView
  let appContext: BrowserContext
  let page: Page
  const consoleErrors: string[] = []

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true })
    await portal.start()
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
    appContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })
    watchRequests(appContext)
    // The desktop view's pages live apart from the app's, as a persist: partition would.
    const portalContext = await browser.newContext({ viewport: { width: 1000, height: 800 }, locale: 'en-US' })
    watchRequests(portalContext)
    portalView = new PlaywrightPortalView(portalContext)

    const overrides = { 'mobile-internet': portal.baseUrl }
    const demo = { latencyMs: 5, primaryOnly: true }
    tabHost = await createHost({ startDemo: true, demo, portalOverrides: overrides })
    tabServe = await startServe({ host: tabHost, rendererDir: RENDERER })
    viewHost = await createHost({ startDemo: true, demo, portalOverrides: overrides, portalGateway: portalView })
    viewServe = await startServe({ host: viewHost, rendererDir: RENDERER })

    page = await appContext.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))
  })

  afterAll(async () => {
    await browser?.close()
    await tabServe?.close()
    await viewServe?.close()
    await tabHost?.close()
    await viewHost?.close()
    await portal.stop()
  })

  async function setLanguage(target: Page, language: 'en' | 'ja'): Promise<void> {
    await target.getByTestId('open-settings').click()
    await target.getByTestId('language-select').selectOption(language)
    await expect.poll(async () => (await target.locator('html').getAttribute('lang')) ?? '').toBe(language)
    await target.keyboard.press('Escape')
    await expect.poll(() => target.getByTestId('settings-dialog').isVisible()).toBe(false)
  }

  async function openPlanTab(target: Page, url: string): Promise<void> {
    await target.goto(url)
    const dashboard = target.getByTestId('dashboard')
    await expect.poll(async () => (await dashboard.getAttribute('data-device-id')) ?? '', { timeout: 20_000 }).toBe(DEMO_DEVICE_ID)
    await target.getByTestId('tab-plan').waitFor({ timeout: 20_000 })
    await target.getByTestId('tab-plan').click()
    await target.locator('[data-testid="plan-flow"][data-flow-id="hotspot-portal"]').waitFor({ timeout: 20_000 })
  }

  /** The dashboard scrolls inside the page: bring the part that matters into view, then take the window. */
  async function shoot(target: Page, focus: Locator, file: string): Promise<void> {
    await focus.scrollIntoViewIfNeeded()
    await target.screenshot({ path: resolve(RESULTS, file) })
  }

  const checklistItem = (target: Page, stepId: string) => target.locator(`[data-testid="checklist-item"][data-step-id="${stepId}"]`)

  it('identifies the demo SIM and shows the hotspot flow with the number as T-Mobile wants it', async () => {
    await openPlanTab(page, tabServe.url)
    const card = page.getByTestId('carrier-identity')
    expect(await card.getAttribute('data-pack-id')).toBe('tmobile-us-prepaid')
    expect(await card.getByTestId('carrier-name').textContent()).toBe('T-Mobile prepaid')
    expect(await card.getByTestId('carrier-roaming').textContent()).toBe('Home network')
    // 310-260 is shared by several brands: the user confirms.
    await card.getByTestId('carrier-confirm').click()
    await page.getByTestId('carrier-chosen').waitFor()
    await page.locator('[data-testid="plan-flow"][data-flow-id="hotspot-portal"]').waitFor()

    const number = page.locator('[data-testid="flow-step"][data-step-id="number"] [data-testid="prefilled-value"]')
    expect(await number.textContent()).toBe(LINE)
    const prices = page.locator('[data-testid="flow-warning"][data-warning-id="prices-2013"]')
    expect(await prices.getByTestId('fact-dated').textContent()).toContain('2013')
    expect(await prices.getByTestId('fact-unverified').count()).toBe(1)
  })

  it('opens the portal in a new tab on the loopback simulator and shows the checklist', async () => {
    const popup = appContext.waitForEvent('page')
    await page.locator('[data-testid="open-portal"][data-portal-id="mobile-internet"]').click()
    const tab = await popup
    await tab.waitForLoadState()
    expect(tab.url()).toBe(`${portal.baseUrl}primary/openPage`)
    // noopener: the carrier's page has no handle on the app.
    expect(await tab.evaluate('window.opener === null')).toBe(true)

    const session = page.getByTestId('portal-session')
    await expect.poll(() => session.getAttribute('data-mode')).toBe('tab')
    expect(await page.getByTestId('portal-tab-opened').isVisible()).toBe(true)
    expect(await checklistItem(page, 'number').getByTestId('checklist-value').textContent()).toContain(LINE)
    expect(await checklistItem(page, 'line').getByTestId('checklist-copy').count()).toBe(1)
    await shoot(page, page.getByTestId('portal-session'), 'plan-tab-en.png')

    // Every sign-in and line error the simulator shows is explained with its next step.
    const explainInApp = async (expected: string) => {
      const text = ((await tab.locator('#portal-error').textContent()) ?? '').trim()
      await page.getByTestId('portal-error-text').fill(text)
      await page.getByTestId('explain-error').click()
      await expect.poll(() => page.getByTestId('explained-error').getAttribute('data-error-id'), { timeout: 10_000 }).toBe(expected)
    }
    await tab.fill('#email', 'nobody@example.com')
    await tab.fill('#emailPass', 'whatever')
    await tab.click('#sign-in')
    expect(await tab.locator('#portal-error').textContent()).toBe(TMOBILE_MESSAGES.unknownEmail)
    await explainInApp('unknown-email')
    await expect.poll(() => checklistItem(page, 'forgot-password').getAttribute('data-state')).toBe('highlight')
    await tab.fill('#email', ACCOUNT.email)
    await tab.fill('#emailPass', 'wrong-password')
    await tab.click('#sign-in')
    await explainInApp('wrong-password')
    await tab.fill('#emailPass', ACCOUNT.password)
    await tab.click('#sign-in')
    await tab.waitForURL(/\/primary\/line$/)
    for (const [typed, message, expected] of [
      ['(206) 555-0177', TMOBILE_MESSAGES.expired, 'expired-sim'],
      ['206-555-0188', TMOBILE_MESSAGES.otherAccount, 'number-email-mismatch']
    ] as const) {
      await tab.fill('#msisdnChoice', typed)
      await tab.click('#choose-line')
      expect(await tab.locator('#portal-error').textContent()).toBe(message)
      await explainInApp(expected)
    }
    await tab.goto(`${portal.baseUrl}primary/signOut`)
    await page.bringToFront()

    // The user signs in on the portal and types a number T-Mobile does not know.
    await tab.fill('#email', ACCOUNT.email)
    await tab.fill('#emailPass', ACCOUNT.password)
    await tab.click('#sign-in')
    await tab.waitForURL(/\/primary\/line$/)
    await tab.fill('#msisdnChoice', '2065550100')
    await tab.click('#choose-line')
    const shown = (await tab.locator('#portal-error').textContent()) ?? ''
    expect(shown).toBe(TMOBILE_MESSAGES.unknownNumber)

    // …pastes what the portal said into the app, which explains it and points at the number step.
    await page.bringToFront()
    await page.getByTestId('portal-error-text').fill(shown)
    await page.getByTestId('explain-error').click()
    const explained = page.getByTestId('explained-error')
    await explained.waitFor()
    expect(await explained.getAttribute('data-error-id')).toBe('wrong-number')
    expect(await explained.textContent()).toContain('T-Mobile does not recognise this number.')
    await expect.poll(() => checklistItem(page, 'number').getAttribute('data-state')).toBe('highlight')
    await shoot(page, explained, 'plan-explain-en.png')

    // The right number gets through.
    await tab.fill('#msisdnChoice', LINE)
    await tab.click('#choose-line')
    await tab.waitForURL(/\/primary\/home$/)
    await tab.close()
  })

  it('shows the same area in Japanese', async () => {
    await setLanguage(page, 'ja')
    await expect.poll(async () => (await page.getByTestId('tab-plan').textContent()) ?? '').toContain('プランとチャージ')
    const open = page.locator('[data-testid="open-portal"][data-portal-id="mobile-internet"]')
    await expect.poll(async () => (await open.textContent()) ?? '').toContain('新しいタブでポータルを開く')
    // The open portal's checklist follows the language too (the plan is fetched again in Japanese).
    await expect.poll(async () => (await checklistItem(page, 'number').textContent()) ?? '').toContain('回線の電話番号')
    expect(await checklistItem(page, 'number').getByTestId('checklist-value').textContent()).toContain(LINE)
    await expect.poll(async () => (await page.getByTestId('portal-tab-opened').textContent()) ?? '').toContain('新しいブラウザータブ')
    expect(await page.getByTestId('carrier-roaming').textContent()).toBe('ホームネットワーク')
    await expect.poll(async () => (await page.getByTestId('explained-error').textContent()) ?? '').toContain('T-Mobileがこの番号を認識しません。')
    await shoot(page, checklistItem(page, 'line'), 'plan-tab-ja.png')
    await setLanguage(page, 'en')
  })

  it('desktop view (stand-in for Electron main): prefills the number, ticks the steps, clears the data', async () => {
    const app = await appContext.newPage()
    app.on('pageerror', (error) => consoleErrors.push(error.message))
    await openPlanTab(app, viewServe.url)
    const before = portalView.opened.length
    await app.locator('[data-testid="open-portal"][data-portal-id="mobile-internet"]').click()
    await expect.poll(() => portalView.opened.length).toBe(before + 1)

    const view = portalView.opened.at(-1)!
    expect(view.url).toBe(`${portal.baseUrl}primary/openPage`)
    expect(view.allowedDomains).toEqual(['127.0.0.1'])
    expect(view.partition).toMatch(PORTAL_PARTITION_PATTERN)
    expect(view.prefill).toEqual([{ selector: '[name="msisdnChoice"], #msisdnChoice', value: LINE }])

    const session = app.getByTestId('portal-session')
    await expect.poll(() => session.getAttribute('data-mode')).toBe('view')
    await expect.poll(() => checklistItem(app, 'sign-in').getAttribute('data-state')).toBe('current')
    expect(await session.getAttribute('data-fallback')).toBe('false')

    const portalPage = portalView.pages.get(view.key)!
    await portalPage.fill('#email', ACCOUNT.email)
    await portalPage.fill('#emailPass', ACCOUNT.password)
    await portalPage.click('#sign-in')
    await portalPage.waitForURL(/\/primary\/line$/)
    // The view filled in the line's number on the portal itself.
    await expect.poll(() => portalPage.inputValue('#msisdnChoice')).toBe(LINE)
    await expect.poll(() => checklistItem(app, 'line').getAttribute('data-state')).toBe('current')
    expect(await checklistItem(app, 'sign-in').getAttribute('data-state')).toBe('done')
    const flowStep = app.locator('[data-testid="plan-flow"][data-flow-id="hotspot-portal"] [data-testid="flow-step"][data-step-id="sign-in"]')
    expect(await flowStep.getAttribute('data-state')).toBe('done')
    await shoot(app, session, 'plan-view-en.png')
    await portalPage.click('#choose-line')
    await portalPage.waitForURL(/\/primary\/home$/)

    // "Clear this portal's data": the view closes and its partition is cleared; the portal forgets the sign-in.
    await app.getByTestId('portal-clear').click()
    await app.getByTestId('portal-clear-confirm').getByTestId('confirm-accept').click()
    await app.getByTestId('portal-cleared').waitFor()
    expect(portalView.cleared).toEqual([view.partition])
    await expect.poll(() => session.getAttribute('data-status')).toBe('closed')
    await app.close()
  })

  it('desktop view: when the portal changed, the flow falls back to the checklist (English and Japanese)', async () => {
    portal.variant = 'changed'
    const app = await appContext.newPage()
    app.on('pageerror', (error) => consoleErrors.push(error.message))
    try {
      await openPlanTab(app, viewServe.url)
      await app.locator('[data-testid="open-portal"][data-portal-id="mobile-internet"]').click()
      const session = app.getByTestId('portal-session')
      await expect.poll(() => session.getAttribute('data-fallback'), { timeout: 20_000 }).toBe('true')
      // Signed out by the data clearing above: the changed sign-in page is what the view found.
      const portalPage = portalView.pages.get(portalView.opened.at(-1)!.key)!
      expect(portalPage.url()).toBe(`${portal.baseUrl}primary/openPage`)
      expect(await portalPage.locator('[name="email"]').count()).toBe(0)
      expect(await app.getByTestId('portal-fallback').textContent()).toContain('The portal page has changed')
      expect(await app.getByTestId('portal-checklist').getAttribute('data-guided')).toBe('false')
      expect(await checklistItem(app, 'line').getByTestId('checklist-copy').count()).toBe(1)
      await shoot(app, session, 'plan-fallback-en.png')
      await setLanguage(app, 'ja')
      await expect.poll(async () => (await app.getByTestId('portal-fallback').textContent()) ?? '').toContain('ポータルの画面が変わっています')
      await shoot(app, session, 'plan-fallback-ja.png')
      await setLanguage(app, 'en')
    } finally {
      portal.variant = 'standard'
      await app.close()
    }
  })

  it('never left the machine, and ran without console errors', () => {
    expect(offLoopback()).toEqual([])
    expect(requested.some((url) => url.startsWith(portal.baseUrl))).toBe(true)
    expect(consoleErrors.filter((text) => !/401|favicon/.test(text))).toEqual([])
  })
})
