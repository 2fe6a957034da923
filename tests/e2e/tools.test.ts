// End to end in a real browser against the built serve mode with the demo: the Field tools tab opens antenna
// alignment (live values, full window, Esc), and the diagnostics bundle downloads as a ZIP with the demo
// SIM's identifiers replaced — in English and Japanese. Screenshots land in test-results/.
import { mkdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TMOBILE_US_PREPAID } from '../../src/simulators/huawei-hilink/sim-profile'
import { CHROMIUM_ARGS, findChromium } from '../support/chromium'
import { BUILT, startServeProcess, type ServeProcess } from '../support/serve-process'
import { readZip } from '../unit/diagnostics-zip-reader'

const executablePath = findChromium()
const RESULTS = resolve(__dirname, '../../test-results')
const reason = !BUILT
  ? 'the app is not built (npm test builds it first)'
  : !executablePath
    ? 'no Chromium found (set CHROMIUM_PATH or apt-get install chromium)'
    : ''
if (reason && process.env.CI) throw new Error(`e2e cannot run: ${reason}`)
if (reason) console.info(`tools e2e skipped: ${reason}`)

describe.skipIf(Boolean(reason))(`field tools in serve mode${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let serve: ServeProcess
  let browser: Browser
  const consoleErrors: string[] = []

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true })
    serve = await startServeProcess(['--demo'])
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    await serve?.stop()
    expect(consoleErrors).toEqual([])
  })

  async function openTools(lang: 'en' | 'ja'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === 'ja' ? 'ja-JP' : 'en-US', acceptDownloads: true })
    const page = await context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`[${lang}] ${message.text()}`)
    })
    page.on('pageerror', (error) => consoleErrors.push(`[${lang}] ${error.message}`))
    await page.goto(serve.url)
    await expect.poll(async () => (await page.locator('html').getAttribute('lang')) ?? '', { timeout: 20_000 }).toBe(lang)
    const dashboard = page.getByTestId('dashboard')
    await expect.poll(async () => (await dashboard.getAttribute('data-device-state')) ?? '', { timeout: 30_000 }).toBe('ready')
    await page.getByTestId('tab-tools').click()
    await expect.poll(() => page.getByTestId('tab-tools').getAttribute('aria-selected')).toBe('true')
    return page
  }

  for (const lang of ['en', 'ja'] as const) {
    it(`opens antenna alignment with live values and a full-window mode (${lang})`, async () => {
      const page = await openTools(lang)
      const alignment = page.getByTestId('alignment')
      await alignment.waitFor({ timeout: 10_000 })
      const rsrp = page.getByTestId('alignment-rsrp-value')
      await expect.poll(async () => (await rsrp.textContent())?.trim() ?? '', { timeout: 20_000 }).toMatch(/^-\d+/)
      // Readings keep coming (the device is polled every second while on screen): the trend fills up.
      await expect.poll(async () => ((await page.locator('path.trend__line').first().getAttribute('d')) ?? '').split('L').length, { timeout: 20_000 }).toBeGreaterThan(2)
      expect(await page.getByTestId('alignment-rsrp-min').textContent()).toMatch(/^-\d+/)
      await page.screenshot({ path: resolve(RESULTS, `tools-alignment-${lang}.png`), fullPage: true })

      await page.getByTestId('alignment-full').click()
      await expect.poll(() => alignment.getAttribute('data-full')).toBe('true')
      await page.screenshot({ path: resolve(RESULTS, `tools-alignment-full-${lang}.png`) })
      await page.keyboard.press('Escape')
      await expect.poll(() => alignment.getAttribute('data-full')).toBe('false')
      expect(await page.getByTestId('alignment-tone').getAttribute('aria-pressed')).toBe('false')
      await page.context().close()
    }, 90_000)

    it(`builds and downloads a diagnostics bundle with the SIM's identifiers replaced (${lang})`, async () => {
      const page = await openTools(lang)
      const card = page.getByTestId('diagnostics')
      await card.scrollIntoViewIfNeeded()
      // Ticking an opt-in warns; unticked again, the bundle is made with both off.
      await page.getByTestId('diagnostics-identifiers').check()
      await page.getByTestId('diagnostics-warning').waitFor()
      await page.getByTestId('diagnostics-identifiers').uncheck()
      await expect.poll(() => page.getByTestId('diagnostics-warning').count()).toBe(0)

      await page.getByTestId('diagnostics-build').click()
      await page.getByTestId('diagnostics-ready').waitFor({ timeout: 60_000 })
      await card.screenshot({ path: resolve(RESULTS, `tools-diagnostics-${lang}.png`) })
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('diagnostics-download').click()])
      expect(download.suggestedFilename()).toMatch(/^hotspot-diagnostics-demo-hotspot-\d{8}T\d{4}Z\.zip$/)
      const target = resolve(RESULTS, `tools-diagnostics-${lang}.zip`)
      await download.saveAs(target)
      const files = new Map(readZip(readFileSync(target)).map((entry) => [entry.name, entry.data.toString('utf8')]))
      expect([...files.keys()]).toEqual(expect.arrayContaining(['manifest.json', 'device/summary.json', 'device/status.json', 'logs/host.log']))
      const manifest = JSON.parse(files.get('manifest.json') ?? '{}') as { include: unknown; device: { id: string } }
      expect(manifest.include).toEqual({ identifiers: false, smsText: false })
      expect(manifest.device.id).toBe('demo-hotspot')
      const all = [...files.values()].join('\n')
      for (const planted of [TMOBILE_US_PREPAID.iccid, TMOBILE_US_PREPAID.imsi, TMOBILE_US_PREPAID.msisdn, TMOBILE_US_PREPAID.msisdn.slice(-10)]) {
        expect(all).not.toContain(planted)
      }
      expect(files.get('device/status.json')).toContain('<ICCID-1>')
      await page.context().close()
    }, 120_000)
  }
})
