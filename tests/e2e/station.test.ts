// End to end in Chromium: the rental-shop Station in the built CLI's serve mode with the demo hotspot.
// Creates a golden profile, prepares the demo unit with it and watches the job finish, finds the unit in
// the inventory (key revealed, CSV export and a label PDF downloaded), checks it out and in again, and
// shows the Station in Japanese. Screenshots land in test-results/.
import { mkdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Browser, type Download, type Page } from 'playwright-core'
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
if (reason && process.env.CI) throw new Error(`e2e cannot run: ${reason}`)
if (reason) console.info(`station e2e skipped: ${reason}`)

/** A whole job on the demo unit: connect, snapshot, writes, verify. The simulator answers quickly. */
const JOB_TIMEOUT_MS = 90_000

describe.skipIf(Boolean(reason))(`rental station in serve mode${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let serve: ServeProcess
  let browser: Browser
  let page: Page
  const consoleErrors: string[] = []
  const requested: string[] = []

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true })
    serve = await startServeProcess(['--demo'])
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', acceptDownloads: true })
    context.on('request', (request) => requested.push(request.url()))
    page = await context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))
  })

  afterAll(async () => {
    await browser?.close()
    await serve?.stop()
  })

  async function saved(download: Download): Promise<string> {
    const path = resolve(RESULTS, `station-${download.suggestedFilename()}`)
    await download.saveAs(path)
    return path
  }

  it('opens the Station from the header, and remembers it after a reload', async () => {
    await page.goto(serve.url)
    await page.getByTestId('dashboard').waitFor({ timeout: 30_000 })
    await page.getByTestId('area-station').click()
    await page.getByTestId('station').waitFor()
    expect(await page.getByTestId('area-station').getAttribute('aria-pressed')).toBe('true')
    await page.reload()
    await page.getByTestId('station').waitFor({ timeout: 20_000 })
    await page.getByTestId('profiles-empty').waitFor({ timeout: 20_000 })
  })

  it('creates a profile, with the host’s check shown next to the field', async () => {
    await page.getByTestId('profile-new').click()
    await page.getByTestId('profile-name').fill('Shop JP demo')
    await page.getByTestId('profile-id').fill('Shop JP')
    // The host names the id field; the message appears under it.
    await expect.poll(async () => (await page.getByTestId('issues-id').textContent())?.trim() ?? '', { timeout: 10_000 }).not.toBe('')
    await page.getByTestId('profile-id').fill('shop-jp-demo')
    await page.getByTestId('profile-ssid').fill('RENTAL-')
    await page.getByTestId('ssid-token-imei4').click()
    await expect.poll(async () => (await page.getByTestId('ssid-preview').textContent()) ?? '').toMatch(/^RENTAL-\d{4}$/)
    await page.getByTestId('profile-plan-on').check()
    await page.getByTestId('profile-limit').fill('30')
    await page.screenshot({ path: resolve(RESULTS, 'station-profile-en.png'), fullPage: true })
    await page.getByTestId('profile-save').click()
    await page.getByTestId('profile-saved').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('profile-item').getAttribute('data-profile-id')).toBe('shop-jp-demo')
  })

  it('prepares the demo unit and shows the finished report', async () => {
    await page.getByTestId('station-tab-prepare').click()
    await page.getByTestId('prepare-unit').first().check()
    await page.getByTestId('prepare-start').click()
    const progress = page.getByTestId('job-progress')
    await progress.waitFor({ timeout: 15_000 })
    await expect.poll(() => progress.getAttribute('data-job-state'), { timeout: JOB_TIMEOUT_MS, interval: 500 }).toBe('finished')
    expect(await page.getByTestId('job-unit').first().getAttribute('data-outcome')).toBe('done')
    expect(await page.getByTestId('job-bar').getAttribute('aria-valuenow')).toBe(await page.getByTestId('job-bar').getAttribute('aria-valuemax'))
    await page.getByTestId('job-report').waitFor()
    await page.screenshot({ path: resolve(RESULTS, 'station-job-en.png'), fullPage: true })
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('job-export-csv').click()])
    expect(readFileSync(await saved(download), 'utf8')).toMatch(/^position,unitKey,/)
  })

  it('prepares every demo unit at once, each row ending with its own outcome', async () => {
    await page.getByTestId('job-close').click()
    await page.getByTestId('prepare-all').check()
    const units = await page.getByTestId('prepare-unit').count()
    expect(units).toBeGreaterThan(1)
    await page.getByTestId('prepare-start').click()
    const progress = page.getByTestId('job-progress')
    await progress.waitFor({ timeout: 15_000 })
    await expect.poll(() => progress.getAttribute('data-job-state'), { timeout: JOB_TIMEOUT_MS, interval: 500 }).toBe('finished')
    const outcomes = await page.getByTestId('job-unit').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-outcome')))
    expect(outcomes).toHaveLength(units)
    expect(outcomes.every((outcome) => outcome === 'done' || outcome === 'failed' || outcome === 'needs-attention')).toBe(true)
    // A unit that did not finish says why, in words the user can act on.
    const failedRows = outcomes.filter((outcome) => outcome !== 'done').length
    expect(await progress.locator('[role="alert"]').count()).toBe(failedRows)
    await page.screenshot({ path: resolve(RESULTS, 'station-job-all-en.png'), fullPage: true })
  })

  it('lists the unit in the inventory: key on request, CSV export, a label PDF', async () => {
    await page.getByTestId('station-tab-inventory').click()
    const row = page.getByTestId('inventory-row').first()
    await row.waitFor({ timeout: 15_000 })
    expect(await row.textContent()).toMatch(/RENTAL-\d{4}/)
    await row.getByTestId('inventory-reveal').click()
    await expect.poll(async () => (await row.getByTestId('inventory-key').textContent())?.length ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(8)
    await row.getByTestId('inventory-hide-key').click()
    expect(await row.getByTestId('inventory-key').count()).toBe(0)

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
    expect(readFileSync(await saved(csv), 'utf8')).toMatch(/RENTAL-\d{4}/)

    await row.getByTestId('inventory-select').check()
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('labels-render').click()])
    expect(readFileSync(await saved(pdf)).subarray(0, 5).toString()).toBe('%PDF-')
    await page.screenshot({ path: resolve(RESULTS, 'station-inventory-en.png'), fullPage: true })
  })

  it('checks the unit out and in again, each check shown', async () => {
    await page.getByTestId('station-tab-returns').click()
    await page.getByTestId('returns-check-out').click()
    await page.getByTestId('returns-checked-out').waitFor({ timeout: 30_000 })
    await page.getByTestId('returns-check-in').click()
    await page.getByTestId('returns-result').waitFor({ timeout: JOB_TIMEOUT_MS })
    expect(await page.getByTestId('returns-check').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('returns-record').count()).toBeGreaterThan(0)
    await page.screenshot({ path: resolve(RESULTS, 'station-returns-en.png'), fullPage: true })
  })

  it('shows the Station in Japanese', async () => {
    await page.getByTestId('open-settings').click()
    await page.getByTestId('language-select').selectOption('ja')
    await page.keyboard.press('Escape')
    await expect.poll(async () => (await page.getByTestId('area-station').textContent())?.trim()).toBe('ステーション')
    await page.getByTestId('station-tab-inventory').click()
    await expect.poll(async () => (await page.getByTestId('station').textContent()) ?? '').toContain('在庫を書き出す')
    await page.screenshot({ path: resolve(RESULTS, 'station-inventory-ja.png'), fullPage: true })
    await page.getByTestId('station-tab-prepare').click()
    await page.getByTestId('job-close').click()
    await page.getByTestId('prepare-start').waitFor()
    await page.screenshot({ path: resolve(RESULTS, 'station-prepare-ja.png'), fullPage: true })
    await page.getByTestId('station-tab-returns').click()
    await page.screenshot({ path: resolve(RESULTS, 'station-returns-ja.png'), fullPage: true })
  })

  it('stayed on this machine and ran without console errors', () => {
    expect(requested.filter((url) => !/^(https?|wss?):\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([])
    expect(consoleErrors.filter((text) => !/401|favicon/.test(text))).toEqual([])
  })
})
