// End to end in a real browser against serve mode with the demo fleet: the Settings dialog in English and
// Japanese (theme and language applied live and kept), polling rates saved in the host, a remembered
// password forgotten after a confirmation, and an in-app toast when the demo hotspot goes away. The demo
// hotspot is taken away with the device's own reboot (device.control): its simulator unplugs itself for the
// reboot time, exactly as a unit pulled from the USB port stops answering. Screenshots land in test-results/.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, findChromium } from '../support/chromium'
import { ContractTestClient } from '../support/contract-client'
import { BUILT, startServeProcess, type ServeProcess } from '../support/serve-process'

const executablePath = findChromium()
const RESULTS = resolve(__dirname, '../../test-results')
const DEMO = 'demo-hotspot'
/** Evaluated in the page (a string: this file is type-checked without the DOM library). */
const ACTIVE_ELEMENT = 'document.activeElement ? document.activeElement.tagName : ""'
const reason = !BUILT
  ? 'the app is not built (npm test builds it first)'
  : !executablePath
    ? 'no Chromium found (set CHROMIUM_PATH or apt-get install chromium)'
    : ''
if (reason && process.env.CI) throw new Error(`e2e cannot run: ${reason}`)
if (reason) console.info(`settings e2e skipped: ${reason}`)

describe.skipIf(Boolean(reason))(`settings and notifications in serve mode${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let serve: ServeProcess
  let browser: Browser
  let page: Page
  let api: ContractTestClient
  const consoleErrors: string[] = []

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true })
    serve = await startServeProcess(['--demo'])
    const url = new URL(serve.url)
    api = await ContractTestClient.connect(`ws://${url.host}/api?token=${url.searchParams.get('token') ?? ''}`)
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))
  })

  afterAll(async () => {
    api?.close()
    await browser?.close()
    await serve?.stop()
  })

  const dialog = () => page.getByTestId('settings-dialog')
  const htmlAttribute = async (name: string) => (await page.locator('html').getAttribute(name)) ?? ''

  async function openSettings(): Promise<void> {
    await page.getByTestId('open-settings').click()
    await expect.poll(() => dialog().isVisible()).toBe(true)
    await dialog().getByTestId('settings-polling').waitFor({ timeout: 10_000 })
  }

  async function closeSettings(): Promise<void> {
    await dialog().getByTestId('close-settings').click()
    await expect.poll(() => dialog().isVisible()).toBe(false)
  }

  it('shows the demo hotspot, ready', async () => {
    await page.goto(serve.url)
    const dashboard = page.getByTestId('dashboard')
    await dashboard.waitFor({ timeout: 20_000 })
    await expect.poll(async () => (await dashboard.getAttribute('data-device-state')) ?? '', { timeout: 20_000 }).toBe('ready')
  })

  it('changes theme and language live, in English then Japanese', async () => {
    await openSettings()
    expect(await dialog().textContent()).toContain('Polling')
    expect(await dialog().getByTestId('redact-diagnostics').isChecked()).toBe(true)
    await page.screenshot({ path: resolve(RESULTS, 'settings-en.png') })

    await dialog().getByTestId('theme-select').selectOption('dark')
    await expect.poll(() => htmlAttribute('data-theme')).toBe('dark')
    await dialog().getByTestId('language-select').selectOption('ja')
    await expect.poll(() => htmlAttribute('lang')).toBe('ja')
    await expect.poll(async () => (await dialog().textContent()) ?? '').toContain('更新間隔')
    await page.screenshot({ path: resolve(RESULTS, 'settings-ja-dark.png') })
    // The language is a host setting too (tray and OS notifications speak it).
    await expect.poll(async () => JSON.stringify(await api.call('settings.get', {}))).toContain('"language":"ja"')
    await closeSettings()
  })

  it('saves polling rates in the host; they survive a reload', async () => {
    await openSettings()
    await dialog().getByTestId('poll-foreground').fill('2')
    await dialog().getByTestId('poll-background').fill('20')
    await dialog().getByTestId('poll-apply').click()
    await expect
      .poll(async () => JSON.stringify(await api.call('settings.get', {})))
      .toContain('"polling":{"foregroundSeconds":2,"backgroundSeconds":20}')
    // An on-screen interval longer than the background one is refused in the dialog.
    await dialog().getByTestId('poll-foreground').fill('30')
    await dialog().getByTestId('poll-apply').click()
    await expect.poll(() => dialog().getByTestId('poll-foreground').getAttribute('aria-invalid')).toBe('true')
    await closeSettings()

    await page.reload()
    await page.getByTestId('dashboard').waitFor({ timeout: 20_000 })
    expect(await htmlAttribute('lang')).toBe('ja')
    expect(await htmlAttribute('data-theme')).toBe('dark')
    await openSettings()
    await expect.poll(() => dialog().getByTestId('poll-foreground').inputValue()).toBe('2')
    expect(await dialog().getByTestId('poll-background').inputValue()).toBe('20')
    await closeSettings()
  })

  it('forgets a remembered password after a confirmation', async () => {
    // Remember the demo hotspot's admin password, as "Remember" in the login dialog would.
    const login = await api.call('device.login', { deviceId: DEMO, username: 'admin', password: 'admin', remember: true })
    expect(login).toMatchObject({ ok: true })
    await openSettings()
    const item = dialog().locator(`[data-testid="credential"][data-account="device:${DEMO}"]`)
    await item.waitFor({ timeout: 10_000 })
    expect(await dialog().textContent()).not.toContain('admin')
    await item.getByTestId('credential-forget').click()
    const confirm = page.getByTestId('credential-forget-confirm')
    await expect.poll(() => confirm.isVisible()).toBe(true)
    await page.screenshot({ path: resolve(RESULTS, 'settings-forget-ja.png') })
    await confirm.getByTestId('confirm-accept').click()
    await expect.poll(() => item.count()).toBe(0)
    expect(await api.call('credentials.list', {})).toMatchObject({ ok: true, result: { credentials: [] } })
    await closeSettings()
  })

  it('shows a dismissable toast when the demo hotspot goes away, in Japanese and English', async () => {
    const focusedBefore = await page.evaluate<string>(ACTIVE_ELEMENT)
    expect(await api.call('device.control', { deviceId: DEMO, action: 'reboot' })).toMatchObject({ ok: true })
    const toast = page.locator(`[data-testid="toast"][data-kind="disconnected"][data-device-id="${DEMO}"]`)
    await toast.waitFor({ timeout: 30_000 })
    expect(await toast.textContent()).toContain('端末との接続が切れました')
    expect(await page.locator('[aria-live="polite"]').filter({ has: toast }).count()).toBe(1)
    // A toast never takes focus.
    expect(await page.evaluate<string>(ACTIVE_ELEMENT)).toBe(focusedBefore)
    await page.screenshot({ path: resolve(RESULTS, 'settings-toast-ja.png') })

    await openSettings()
    await dialog().getByTestId('language-select').selectOption('en')
    await dialog().getByTestId('theme-select').selectOption('light')
    await closeSettings()
    await expect.poll(async () => (await toast.textContent()) ?? '').toContain('Device disconnected')
    await page.screenshot({ path: resolve(RESULTS, 'settings-toast-en.png') })
    await toast.getByTestId('toast-dismiss').click()
    await expect.poll(() => toast.count()).toBe(0)
  })

  it('ran without console errors or CSP violations', () => {
    expect(consoleErrors.filter((text) => !/401|favicon/.test(text))).toEqual([])
  })
})
