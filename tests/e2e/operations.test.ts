// End to end in a real browser: the operation screens (APN, USSD, Messages) against the demo hotspot in
// serve mode. Each screen is checked only when the demo device declares the capability at run time —
// the UI shows what capabilities allow, so the test asks the page which ones it got (the dashboard's
// data-capabilities) instead of assuming a simulator's feature set. Screenshots land in test-results/.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, findChromium } from '../support/chromium'
import { BUILT, startServeProcess, type ServeProcess } from '../support/serve-process'

const executablePath = findChromium()
const RESULTS = resolve(__dirname, '../../test-results')
const reason = !BUILT
  ? 'the app is not built (npm test builds it first)'
  : !executablePath
    ? 'no Chromium found (set CHROMIUM_PATH or apt-get install chromium)'
    : ''
// In CI a missing browser or build is a broken setup, not a reason to skip.
if (reason && process.env.CI) throw new Error(`e2e cannot run: ${reason}`)
if (reason) console.info(`operations e2e skipped: ${reason}`)

describe.skipIf(Boolean(reason))(`operations in serve mode${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let serve: ServeProcess
  let browser: Browser
  let page: Page
  let capabilities = new Set<string>()
  const consoleErrors: string[] = []

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true })
    serve = await startServeProcess(['--demo'])
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-US' })
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))
  })

  afterAll(async () => {
    await browser?.close()
    await serve?.stop()
  })

  /** Skips a step the demo device cannot do today, saying so in the run's output. */
  function requireCapability(capability: string, step: string, skip: (note: string) => never): void {
    if (capabilities.has(capability)) return
    const note = `the demo device does not declare "${capability}" (it has: ${[...capabilities].join(', ') || 'none'}); skipping: ${step}`
    console.info(`operations e2e: ${note}`)
    skip(note)
  }

  async function setLanguage(language: 'en' | 'ja'): Promise<void> {
    await page.getByTestId('open-settings').click()
    await page.getByTestId('language-select').selectOption(language)
    await expect.poll(async () => (await page.locator('html').getAttribute('lang')) ?? '').toBe(language)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('settings-dialog').isVisible()).toBe(false)
  }

  it('shows the demo device, ready, and its capabilities', async () => {
    await page.goto(serve.url)
    await page.getByTestId('msisdn').waitFor({ timeout: 20_000 })
    const dashboard = page.getByTestId('dashboard')
    await expect.poll(async () => (await dashboard.getAttribute('data-device-state')) ?? '', { timeout: 20_000 }).toBe('ready')
    const declared = ((await dashboard.getAttribute('data-capabilities')) ?? '').split(' ').filter(Boolean)
    capabilities = new Set(declared)
    console.info(`operations e2e: the demo device declares ${declared.join(', ') || 'no capabilities'}`)
    expect(declared.length).toBeGreaterThan(0)
    // The tab list offers exactly the areas those capabilities allow.
    const expectedTabs = [
      'overview',
      ...(capabilities.has('apnRead') ? ['apn'] : []),
      ...(capabilities.has('ussd') ? ['ussd'] : []),
      ...(capabilities.has('sms') ? ['messages'] : []),
      ...(capabilities.has('atConsole') ? ['console'] : []),
      'history',
      'tools'
    ]
    const tabs = await page.locator('[role="tab"]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-tab')))
    // Plan & refill follows the SIM, not the capabilities (and appears once the carrier is identified): tests/e2e/plan.test.ts.
    expect(tabs.filter((tab) => tab !== 'plan')).toEqual(expectedTabs)
  })

  it('opens the APN tab and lists the profiles (English and Japanese)', async (ctx) => {
    requireCapability('apnRead', 'APN profiles', (note) => ctx.skip(note))
    await page.getByTestId('tab-apn').click()
    await expect.poll(() => page.getByTestId('tab-apn').getAttribute('aria-selected')).toBe('true')
    const profiles = page.getByTestId('apn-profile')
    await profiles.first().waitFor({ timeout: 20_000 })
    expect(await profiles.count()).toBeGreaterThan(0)
    expect(await page.locator('[data-testid="apn-profile"][data-default="true"]').count()).toBe(1)
    expect(((await profiles.first().textContent()) ?? '').trim()).not.toBe('')
    await page.screenshot({ path: resolve(RESULTS, 'operations-apn.png'), fullPage: true })

    await setLanguage('ja')
    await expect.poll(async () => (await page.getByTestId('apn-panel').textContent()) ?? '').toContain('APN プロファイル')
    await expect.poll(async () => (await page.getByTestId('tab-apn').textContent()) ?? '').toContain('APN 設定')
    await page.screenshot({ path: resolve(RESULTS, 'operations-apn-ja.png'), fullPage: true })
    await setLanguage('en')
  })

  it('sends a USSD code and sees the network’s reply', async (ctx) => {
    requireCapability('ussd', 'USSD', (note) => ctx.skip(note))
    await page.getByTestId('tab-ussd').click()
    // The demo plays a US prepaid network; #225# asks it for the balance.
    await page.getByTestId('ussd-code').fill('#225#')
    await page.getByTestId('ussd-send').click()
    const reply = page.locator('[data-testid="ussd-bubble"][data-kind="reply"]')
    await reply.first().waitFor({ timeout: 45_000 })
    expect(((await reply.first().textContent()) ?? '').trim().length).toBeGreaterThan(0)
    expect(await page.locator('[data-testid="ussd-bubble"][data-kind="sent"]').first().textContent()).toContain('#225#')
    if ((await page.getByTestId('ussd-menu').count()) > 0) {
      // The network asked a question: end the session rather than leave it open.
      await page.getByTestId('ussd-end').click()
      await page.locator('[data-testid="ussd-bubble"][data-kind="cancelled"]').waitFor({ timeout: 20_000 })
    }
    await page.screenshot({ path: resolve(RESULTS, 'operations-ussd.png'), fullPage: true })
  })

  it('opens Messages and sees the messages', async (ctx) => {
    requireCapability('sms', 'Messages', (note) => ctx.skip(note))
    await page.getByTestId('tab-messages').click()
    const messages = page.getByTestId('sms-message')
    await messages.first().waitFor({ timeout: 20_000 })
    expect(await messages.count()).toBeGreaterThan(0)
    expect(((await messages.first().getByTestId('sms-from').textContent()) ?? '').trim()).not.toBe('')
    // Open an unread one when there is one: opening marks it read on the device.
    const unread = page.locator('[data-testid="sms-message"][data-read="false"]')
    const target = (await unread.count()) > 0 ? page.locator(`[data-testid="sms-message"][data-message-id="${await unread.first().getAttribute('data-message-id')}"]`) : messages.first()
    const wasUnread = (await target.getAttribute('data-read')) === 'false'
    await target.getByTestId('sms-open').click()
    await expect.poll(async () => ((await target.getByTestId('sms-text').textContent()) ?? '').trim().length).toBeGreaterThan(0)
    if (wasUnread) await expect.poll(() => target.getAttribute('data-read'), { timeout: 20_000 }).toBe('true')
    await page.screenshot({ path: resolve(RESULTS, 'operations-sms.png'), fullPage: true })
  })

  it('ran without console errors or CSP violations', () => {
    expect(consoleErrors.filter((text) => !/401|favicon/.test(text))).toEqual([])
  })
})
