// End to end in a real browser: the built CLI's serve mode with the demo hotspot, Debian's Chromium
// driven by Playwright. Screenshots land in test-results/.
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
if (reason) console.info(`serve-mode e2e skipped: ${reason}`)

describe.skipIf(Boolean(reason))(`serve mode in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let serve: ServeProcess
  let browser: Browser
  let page: Page
  const consoleErrors: string[] = []

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true })
    serve = await startServeProcess(['--demo'])
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))
  })

  afterAll(async () => {
    await browser?.close()
    await serve?.stop()
  })

  it('refuses a visit without the token', async () => {
    const response = await page.goto(serve.origin + '/')
    expect(response?.status()).toBe(401)
  })

  it('loads and shows the demo device with its number and signal', async () => {
    await page.goto(serve.url)
    await expect.poll(() => new URL(page.url()).searchParams.has('token'), { timeout: 10_000 }).toBe(false)
    const msisdn = page.getByTestId('msisdn')
    await msisdn.waitFor({ timeout: 20_000 })
    await expect.poll(async () => (await msisdn.textContent()) ?? '', { timeout: 20_000 }).toMatch(/\d{3}.*\d{4}/)
    const bars = page.getByTestId('signal-bars')
    await expect.poll(async () => (await bars.getAttribute('aria-label')) ?? '', { timeout: 10_000 }).toMatch(/[0-5]/)
    await expect.poll(async () => (await page.getByTestId('rsrp').textContent()) ?? '', { timeout: 10_000 }).toMatch(/-\d+/)
    await expect.poll(async () => (await page.getByTestId('host-status').textContent()) ?? '').not.toBe('')
    await page.screenshot({ path: resolve(RESULTS, 'serve-demo-en.png'), fullPage: true })
  })

  it('scans on request and says what this host cannot see', async () => {
    const scan = page.getByTestId('scan-devices')
    await expect.poll(() => scan.isEnabled(), { timeout: 20_000 }).toBe(true)
    await scan.click()
    // Enabled again means the scan answered; the host's start-up scan may also still be running.
    await expect.poll(async () => (await scan.isEnabled()) && (await scan.textContent())?.trim(), { timeout: 30_000 }).toBe('Scan')
    await expect.poll(async () => (await page.getByTestId('scan-progress').textContent()) ?? '', { timeout: 10_000 }).toMatch(/^Last scan /)
    expect(await page.getByTestId('scan-error').count()).toBe(0)
    // Serve mode never probes networks.
    expect(await page.getByTestId('lan-probe-off').textContent()).toContain('Network scanning is off')
    // Where USB cannot be read (containers, no permission) the reason is given quietly, not as an error.
    const usb = page.getByTestId('usb-unavailable')
    if ((await usb.count()) > 0) expect(await usb.textContent()).toMatch(/^USB not available: \S/)
    await page.screenshot({ path: resolve(RESULTS, 'serve-scan-en.png'), fullPage: true })
  })

  it('identifies the demo SIM from the built carrier packs (Plan & refill tab)', async () => {
    // The built CLI must find resources/carriers from its bundle; without packs there is no plan tab.
    await page.getByTestId('tab-plan').waitFor({ timeout: 20_000 })
  })

  it('switches to Japanese', async () => {
    await page.getByTestId('open-settings').click()
    await page.getByTestId('language-select').selectOption('ja')
    await expect.poll(async () => (await page.locator('html').getAttribute('lang')) ?? '').toBe('ja')
    await expect.poll(async () => (await page.textContent('body')) ?? '', { timeout: 10_000 }).toContain('電話番号')
    await page.keyboard.press('Escape')
    await page.screenshot({ path: resolve(RESULTS, 'serve-demo-ja.png'), fullPage: true })
  })

  it('ran without console errors or CSP violations', () => {
    expect(consoleErrors.filter((text) => !/401|favicon/.test(text))).toEqual([])
  })
})
