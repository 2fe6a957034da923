// End to end in Chromium, every screen a new user with the demo reaches, in English and in Japanese:
// Overview, APN (add, edit a copy, switch with step-by-step progress and the transaction's result), USSD
// (the demo network's multi-step prepaid menu), Messages (read, delete after a confirmation), History
// (zoom, pan, CSV export of the range on screen) and the AT console of the demo USB modem (a real PTY).
// Plus one keyboard-only walk through the dashboard's tabs.
//
// Serve mode is built the way `hotspot-desk serve --demo` builds it (src/cli/run.ts), but in-process, so the
// test can read what the simulators report (host.manager.status) and check the page shows those values —
// and seed the history file with known samples, so zoom, pan and export have a known answer. The language
// comes from the browser (navigator.languages; the settings default is "system"). Screenshots land in
// test-results/screens-<screen>-<lang>.png.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApnProfile, DeviceStatus } from '../../src/contract/model'
import { DEMO_DEVICE_ID } from '../../src/host/demo'
import { createHost, type Host } from '../../src/host/host'
import { startServe, type ServeHandle } from '../../src/host/serve/serve-server'
import { demoInbox } from '../../src/simulators/huawei-hilink/sms-store'
import { deviceKeyOf, type SampleRow } from '../../src/store/samples'
import { CHROMIUM_ARGS, findChromium } from '../support/chromium'
import { ContractTestClient } from '../support/contract-client'
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
if (reason) console.info(`screens e2e skipped: ${reason}`)

const MODEM_ID = 'demo-modem'
/** Seeded history: one sample every 10 s from 3 h ago to 1 h ago, RSRP and SINR on a 10-minute sawtooth. */
const SEED_STEP_MS = 10_000
const SEED_PERIOD = 60 // samples per sawtooth period (10 min)
const seedRsrp = (i: number) => -115 + ((i % SEED_PERIOD) * 30) / (SEED_PERIOD - 1)
const seedSinr = (i: number) => -2 + ((i % SEED_PERIOD) * 24) / (SEED_PERIOD - 1)

type Lang = 'en' | 'ja'
/** What the page says in each language, where a test checks words rather than values. */
const WORDS = {
  en: { overview: 'Overview', apnTitle: 'APN profiles', network: 'Network', inUse: 'In use', nowUsing: 'Now using', editTitle: 'Edit a copy of', restored: 'The new APN did not work', rows: 'rows saved as', messages: 'Messages' },
  ja: { overview: '概要', apnTitle: 'APN プロファイル', network: 'ネットワーク', inUse: '使用中', nowUsing: '', editTitle: 'のコピーを編集', restored: '', rows: '', messages: 'SMS' }
} as const

describe.skipIf(Boolean(reason))(`every screen in serve mode, English and Japanese${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let host: Host
  let serve: ServeHandle
  let browser: Browser
  let dataDir: string
  /** The test's own look at the host, over the same WebSocket contract the page uses. */
  let client: ContractTestClient
  const consoleErrors: string[] = []

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true })
    dataDir = mkdtempSync(join(tmpdir(), 'hd-screens-'))
    // As `serve --demo` does, minus discovery (this machine's USB is not under test).
    host = await createHost({ startDemo: true, history: { path: join(dataDir, 'history.db') }, dataDir })
    serve = await startServe({ host, rendererDir: RENDERER })
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
    client = await ContractTestClient.connect(`ws://127.0.0.1:${serve.port}/api?token=${serve.token}`)
    await seedHistory()
  })

  afterAll(async () => {
    client?.close()
    await browser?.close()
    await serve?.close()
    await host?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  /** Two hours of known samples before the last hour, filed under the demo hotspot's key (its IMEI). */
  async function seedHistory(): Promise<void> {
    const status = await host.manager.status(DEMO_DEVICE_ID)
    const store = host.history?.store
    if (!store) throw new Error('history is off in this host')
    const key = deviceKeyOf(DEMO_DEVICE_ID, status.identity.imei)
    const start = Date.now() - 3 * 3_600_000
    const rows: SampleRow[] = []
    for (let i = 0; i < 720; i++) {
      rows.push({
        ts: start + i * SEED_STEP_MS,
        rsrp: seedRsrp(i),
        rsrq: -10,
        sinr: seedSinr(i),
        rssi: -70,
        bars: 3,
        rat: 'lte',
        band: '66',
        cell: null,
        registration: 'home',
        dataState: 'connected',
        sessionUp: null,
        sessionDown: null,
        monthUp: null,
        monthDown: null,
        monthTotal: null,
        battery: null
      })
    }
    const last = rows[rows.length - 1]!.ts
    store.write([{ key, hostId: DEMO_DEVICE_ID, demo: true, firstSeen: start, lastSeen: last }], rows.map((row) => ({ key, row })))
  }

  async function openApp(lang: Lang, select = true): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === 'ja' ? 'ja-JP' : 'en-US', acceptDownloads: true })
    // Nothing may leave the machine: every request goes to the loopback serve address.
    context.on('request', (request) => {
      if (!/^(https?|wss?):\/\/127\.0\.0\.1(:\d+)?\//.test(request.url()) && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) {
        consoleErrors.push(`off-loopback request: ${request.url()}`)
      }
    })
    const page = await context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`[${lang}] ${message.text()}`)
    })
    page.on('pageerror', (error) => consoleErrors.push(`[${lang}] ${error.message}`))
    await page.goto(serve.url)
    await until(async () => (await page.locator('html').getAttribute('lang')) === lang, 20_000, `the page in ${lang}`)
    // The demo hotspot is the one selected first; clicking it again is for the tests that use the mouse anyway.
    if (select) await selectDevice(page, DEMO_DEVICE_ID)
    else await until(async () => (await page.getByTestId('dashboard').getAttribute('data-device-id')) === DEMO_DEVICE_ID, 30_000, 'the demo hotspot on screen')
    return { context, page }
  }

  async function selectDevice(page: Page, deviceId: string): Promise<void> {
    const item = page.locator(`[data-testid="device-item"][data-device-id="${deviceId}"]`)
    await item.waitFor({ timeout: 30_000 })
    await item.click()
    const dashboard = page.getByTestId('dashboard')
    await until(async () => (await dashboard.getAttribute('data-device-id')) === deviceId, 10_000, `${deviceId} on screen`)
    await until(async () => (await dashboard.getAttribute('data-device-state')) === 'ready', 30_000, `${deviceId} ready`)
  }

  /** expect.poll for hooks too (vitest allows it only inside a test). */
  async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  async function openTab(page: Page, tab: string): Promise<Locator> {
    await page.getByTestId(`tab-${tab}`).click()
    await expect.poll(() => page.getByTestId(`tab-${tab}`).getAttribute('aria-selected')).toBe('true')
    return page.getByTestId(`panel-${tab}`)
  }

  const apnProfiles = async () => (await client.result<{ profiles: ApnProfile[] }>('apn.list', { deviceId: DEMO_DEVICE_ID })).profiles
  const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim()
  /** The number in a reading as the page shows it ("-95 dBm", "−95 dBm"). */
  const numberIn = (shown: string) => Number.parseFloat(shown.replace(/\u2212/g, '-').replace(/[^\d.+-]/g, ''))
  const shot = (page: Page, screen: string, lang: Lang) => page.screenshot({ path: resolve(RESULTS, `screens-${screen}-${lang}.png`), fullPage: true })

  for (const lang of ['en', 'ja'] as const) {
    describe(`in ${lang === 'en' ? 'English' : 'Japanese'}`, () => {
      let context: BrowserContext
      let page: Page

      beforeAll(async () => {
        ;({ context, page } = await openApp(lang))
      })
      afterAll(async () => {
        await context?.close()
      })

      it('Overview shows what the demo hotspot reports: number and its source, carrier, SIM, signal, data, usage', async () => {
        const panel = page.getByTestId('panel-overview')
        await panel.getByTestId('msisdn').waitFor({ timeout: 20_000 })
        expect(await text(page.getByTestId('tab-overview'))).toBe(WORDS[lang].overview)
        const status: DeviceStatus = await host.manager.status(DEMO_DEVICE_ID)
        expect(await text(panel.getByTestId('msisdn'))).toBe(status.sim.msisdn)
        expect(await panel.getByTestId('copy-msisdn').getAttribute('aria-label')).not.toBe('')
        if (status.sim.msisdnSource) expect(await text(panel.getByTestId('msisdn-source'))).not.toBe('')
        expect(await text(panel.getByTestId('operator'))).toBe(status.registration.operatorName ?? status.sim.spn)
        expect(await text(panel.getByTestId('iccid'))).toBe(status.sim.iccid)
        expect(await text(panel.getByTestId('imsi'))).toBe(status.sim.imsi)
        if (status.data.ipv4) expect(await text(panel.getByTestId('ipv4'))).toBe(status.data.ipv4)
        expect(await panel.getByTestId('copy-iccid').count()).toBe(1)
        // Live values: the page catches up with the host's latest reading within a poll or two.
        await expect
          .poll(
            async () => {
              const now = host.manager.get(DEMO_DEVICE_ID).status()
              return now?.signal.rsrpDbm === undefined ? null : Math.round(numberIn(await text(panel.getByTestId('rsrp')))) === Math.round(now.signal.rsrpDbm)
            },
            { timeout: 15_000, interval: 100 }
          )
          .toBe(true)
        expect(await text(panel.getByTestId('rsrp-quality'))).not.toBe('')
        expect(await panel.getByTestId('signal-bars').getAttribute('data-bars')).toMatch(/^[0-5]$/)
        for (const metric of ['rsrq', 'sinr', 'rssi'] as const) {
          const key = ({ rsrq: 'rsrqDb', sinr: 'sinrDb', rssi: 'rssiDbm' } as const)[metric]
          if (status.signal[key] !== undefined) expect(Number.isFinite(numberIn(await text(panel.getByTestId(metric))))).toBe(true)
        }
        if (status.signal.band) expect(await text(panel.getByTestId('band'))).toContain(status.signal.band)
        expect(await panel.getByTestId('data-state').getAttribute('class')).toContain(`data--${status.data.state}`)
        if (status.usage.billingDay) expect(await text(panel.getByTestId('billing-day'))).toContain(String(status.usage.billingDay))
        if (status.usage.monthLimitBytes) expect(await panel.getByTestId('month-progress').getAttribute('aria-valuenow')).toMatch(/^\d+$/)
        // Actions follow the capabilities the device declared.
        const capabilities = ((await page.getByTestId('dashboard').getAttribute('data-capabilities')) ?? '').split(' ')
        expect(await panel.getByTestId('data-switch').count()).toBe(capabilities.includes('dataSwitch') ? 1 : 0)
        expect(await panel.getByTestId('reboot').count()).toBe(capabilities.includes('reboot') ? 1 : 0)
        expect(await panel.getByTestId('reset-usage').count()).toBe(capabilities.includes('usageReset') ? 1 : 0)
        expect(await text(panel.getByTestId('network'))).toContain(WORDS[lang].network)
        await shot(page, 'overview', lang)
      })

      it('APN: adds a profile and switches to it, edits a copy with a wrong APN (restored), switches back', async () => {
        const panel = await openTab(page, 'apn')
        await expect.poll(async () => text(panel.getByTestId('apn-panel')), { timeout: 10_000 }).toContain(WORDS[lang].apnTitle)
        await panel.getByTestId('apn-profile').first().waitFor({ timeout: 20_000 })
        const before = await host.manager.status(DEMO_DEVICE_ID)
        expect(before.data.state).toBe('connected')
        const name = lang === 'en' ? 'Desk e2e EN' : 'デスク e2e JA'

        // Add and switch: the steps tick one by one, then the result names the new profile.
        await panel.getByTestId('apn-add').click()
        await panel.getByTestId('apn-form-name').fill(name)
        await panel.getByTestId('apn-form-apn').fill('pcweb.tmobile.com')
        await panel.getByTestId('apn-form-submit').click()
        const progress = panel.getByTestId('apn-progress')
        await progress.waitFor({ timeout: 10_000 })
        await expect.poll(() => progress.getAttribute('data-outcome'), { timeout: 90_000 }).toBe('ok')
        for (const step of ['snapshot', 'apply', 'reattach', 'verify']) {
          expect(await progress.locator(`[data-step="${step}"]`).getAttribute('data-status')).toBe('ok')
        }
        expect(await progress.locator('[data-step="restore"]').getAttribute('data-status')).toBe('skipped')
        expect(await text(panel.getByTestId('apn-result'))).toContain('pcweb.tmobile.com')
        if (WORDS[lang].nowUsing) expect(await text(panel.getByTestId('apn-result'))).toContain(WORDS[lang].nowUsing)
        const added = panel.locator('[data-testid="apn-profile"]', { hasText: name })
        await expect.poll(() => added.getAttribute('data-default'), { timeout: 20_000 }).toBe('true')
        expect(await text(added.getByTestId('apn-in-use'))).toBe(WORDS[lang].inUse)
        // The device agrees: its default profile is the new one.
        const onDevice = await apnProfiles()
        expect(onDevice.find((profile) => profile.isDefault)?.name).toBe(name)
        await shot(page, 'apn-added', lang)
        await panel.getByTestId('apn-result-done').click()

        // Edit a copy: the form is filled from the profile; an APN the network refuses is rolled back.
        await added.getByTestId('apn-edit').click()
        expect(await text(panel.getByTestId('apn-form-title'))).toContain(WORDS[lang].editTitle)
        expect(await panel.getByTestId('apn-form-apn').inputValue()).toBe('pcweb.tmobile.com')
        expect(await panel.getByTestId('apn-form-name').inputValue()).toContain(name)
        await panel.getByTestId('apn-form-apn').fill('wrong.apn.example')
        await panel.getByTestId('apn-form-submit').click()
        await expect.poll(() => progress.getAttribute('data-outcome'), { timeout: 120_000 }).toBe('restored')
        expect(await progress.locator('[data-step="verify"]').getAttribute('data-status')).toBe('failed')
        expect(await progress.locator('[data-step="restore"]').getAttribute('data-status')).toBe('ok')
        expect(await text(panel.getByTestId('apn-restored-to'))).toContain(name)
        if (WORDS[lang].restored) expect(await text(panel.getByTestId('apn-result'))).toContain(WORDS[lang].restored)
        // The copy was removed again; the original is still the default.
        await expect.poll(async () => (await apnProfiles()).map((profile) => profile.apn), { timeout: 20_000 }).not.toContain('wrong.apn.example')
        await shot(page, 'apn-restored', lang)
        await panel.getByTestId('apn-result-done').click()

        // Switch back to the operator preset with "Use this" and the confirmation.
        const preset = panel.locator('[data-testid="apn-profile"]', { has: page.getByTestId('apn-preset') }).first()
        await preset.getByTestId('apn-use').click()
        await page.getByTestId('apn-confirm').getByTestId('confirm-accept').click()
        await expect.poll(() => progress.getAttribute('data-outcome'), { timeout: 90_000 }).toBe('ok')
        await expect.poll(() => preset.getAttribute('data-default'), { timeout: 20_000 }).toBe('true')
        expect(await progress.getByTestId('apn-no-cancel').count()).toBe(0)
        await shot(page, 'apn', lang)
      }, 300_000)

      it('USSD: walks the prepaid menu (menu → submenu → back → balance) and the session ends', async () => {
        const panel = await openTab(page, 'ussd')
        if ((await panel.getByTestId('ussd-clear').isEnabled())) await panel.getByTestId('ussd-clear').click()
        const replies = panel.locator('[data-testid="ussd-bubble"][data-kind="reply"]')
        // The balance on its own first, to compare with what the menu says.
        await panel.getByTestId('ussd-code').fill('#225#')
        await panel.getByTestId('ussd-send').click()
        await expect.poll(() => replies.count(), { timeout: 45_000 }).toBe(1)
        const balance = /\$\d+\.\d\d/.exec(await text(replies.nth(0)))?.[0]
        expect(balance).toBeDefined()

        await panel.getByTestId('ussd-code').fill('#999#')
        await panel.getByTestId('ussd-send').click()
        await panel.getByTestId('ussd-menu').waitFor({ timeout: 45_000 })
        expect(await text(replies.nth(1))).toContain('1. Balance')
        // The answer field takes the focus when a menu arrives.
        await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toBe('ussd-answer')
        const answer = async (choice: string, replyCount: number) => {
          await panel.getByTestId('ussd-answer').fill(choice)
          await panel.getByTestId('ussd-reply').click()
          await expect.poll(() => replies.count(), { timeout: 45_000 }).toBe(replyCount)
        }
        await answer('2', 3)
        expect(await text(replies.nth(2))).toContain('Data passes')
        await answer('9', 4)
        expect(await text(replies.nth(3))).toContain('1. Balance')
        await answer('1', 5)
        expect(await text(replies.nth(4))).toContain(`Your balance is ${balance}`)
        await panel.locator('[data-testid="ussd-bubble"][data-kind="ended"]').last().waitFor({ timeout: 10_000 })
        expect(await panel.getByTestId('ussd-menu').count()).toBe(0)
        expect(await panel.getByTestId('ussd-panel').getAttribute('data-status')).toBe('idle')
        await shot(page, 'ussd', lang)
      }, 240_000)

      it('Messages: reads the inbox (Japanese text, joined long message), deletes one only after confirming', async () => {
        const panel = await openTab(page, 'messages')
        const messages = panel.getByTestId('sms-message')
        await messages.first().waitFor({ timeout: 20_000 })
        const seeded = demoInbox(Date.now())
        // The long alert arrived in parts on the device; the list shows it as one message.
        const longText = seeded.find((message) => message.smsType === 2)!.content
        const japanese = seeded.find((message) => /[\u3040-\u30ff]/.test(message.content))!.content
        const long = messages.filter({ hasText: longText.slice(0, 40) })
        expect(await long.count()).toBe(1)
        await long.getByTestId('sms-open').click()
        expect(await text(long.getByTestId('sms-text'))).toBe(longText.replace(/\s+/g, ' ').trim())
        const jp = messages.filter({ hasText: japanese.slice(0, 10) })
        await jp.getByTestId('sms-open').click()
        expect(await text(jp.getByTestId('sms-text'))).toBe(japanese)
        await expect.poll(() => jp.getAttribute('data-read'), { timeout: 20_000 }).toBe('true')
        const storageBefore = await text(panel.getByTestId('sms-storage-text'))
        // "{used} of {total}" in English, "{total} 件中 {used} 件" in Japanese: the total stays, so the sum tells.
        const usedOf = (shown: string) => (shown.match(/\d+/g) ?? []).reduce((sum, n) => sum + Number(n), 0)

        // Delete: English removes the verification code, Japanese the welcome notice.
        const victimText = lang === 'en' ? 'Your verification code is' : 'Welcome to T-Mobile Prepaid'
        const victim = messages.filter({ hasText: victimText })
        expect(await victim.count()).toBe(1)
        const countBefore = await messages.count()
        await victim.getByTestId('sms-open').click()
        await victim.getByTestId('sms-delete').click()
        const dialog = page.getByTestId('sms-delete-confirm')
        await dialog.getByTestId('confirm-accept').waitFor()
        // Cancelling deletes nothing.
        await dialog.getByTestId('confirm-cancel').click()
        expect(await messages.count()).toBe(countBefore)
        await victim.getByTestId('sms-delete').click()
        await dialog.getByTestId('confirm-accept').click()
        await expect.poll(() => messages.count(), { timeout: 20_000 }).toBe(countBefore - 1)
        expect(await messages.filter({ hasText: victimText }).count()).toBe(0)
        await expect.poll(() => text(panel.getByTestId('sms-storage-text')), { timeout: 20_000 }).not.toBe(storageBefore)
        // The gauge is the device's own count: one slot freed.
        expect(usedOf(await text(panel.getByTestId('sms-storage-text')))).toBe(usedOf(storageBefore) - 1)
        expect(await text(page.getByTestId('tab-messages'))).toContain(WORDS[lang].messages)
        await shot(page, 'messages', lang)
      })

      it('History: zoom and pan ask for the new range; the CSV export holds exactly that range', async () => {
        const panel = await openTab(page, 'history')
        const history = panel.getByTestId('history-panel')
        await expect.poll(() => history.getAttribute('data-status'), { timeout: 20_000 }).toBe('ready')
        const span = panel.getByTestId('history-span')
        const rsrpCaption = panel.getByTestId('history-chart-rsrp').locator('figcaption')
        // The last hour holds live samples; two steps "Earlier" reach the seeded hours.
        await panel.getByTestId('history-range-1h').click()
        const firstSpan = await text(span)
        await panel.getByTestId('history-pan-left').click()
        await expect.poll(() => text(span)).not.toBe(firstSpan)
        await panel.getByTestId('history-pan-left').click()
        await expect.poll(() => history.getAttribute('data-status'), { timeout: 10_000 }).toBe('ready')
        // Every seeded hour covers whole sawtooth periods: −115 to −85 dBm.
        await expect.poll(() => text(rsrpCaption), { timeout: 10_000 }).toMatch(/-115 … -85$/)
        expect(await panel.getByTestId('history-chart-rsrp').getByTestId('history-avg').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/)

        // Zoom in (button) halves the span; drag-zoom on the chart narrows it again.
        const beforeZoom = await text(span)
        await panel.getByTestId('history-zoom-in').click()
        await expect.poll(() => text(span)).not.toBe(beforeZoom)
        const svg = panel.getByTestId('history-chart-sinr').locator('svg')
        const box = (await svg.boundingBox())!
        await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2)
        await page.mouse.down()
        await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 })
        await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 5 })
        await page.mouse.up()
        await expect.poll(() => history.getAttribute('data-status'), { timeout: 10_000 }).toBe('ready')
        await shot(page, 'history', lang)

        // Export: the file holds the seeded samples of the range on screen (about 15 min at 10 s → ~90).
        const download = page.waitForEvent('download')
        await panel.getByTestId('history-export').click()
        const file = await (await download).path()
        const csv = readFileSync(file, 'utf8').trim().split(/\r?\n/)
        const header = csv[0]!.split(',')
        const rows = csv.slice(1).map((line) => line.split(','))
        expect(header.slice(0, 2)).toEqual(['time_utc', 'time_ms'])
        expect(rows.length).toBeGreaterThanOrEqual(80)
        expect(rows.length).toBeLessThanOrEqual(100)
        const rsrpColumn = header.indexOf('rsrp_dbm')
        expect(rsrpColumn).toBeGreaterThan(0)
        for (const row of rows) {
          const value = Number(row[rsrpColumn])
          expect(value).toBeGreaterThanOrEqual(-115)
          expect(value).toBeLessThanOrEqual(-85)
        }
        await expect.poll(() => text(panel.getByTestId('history-export-note'))).toContain(String(rows.length))
        if (WORDS[lang].rows) expect(await text(panel.getByTestId('history-export-note'))).toContain(WORDS[lang].rows)
      })

      it('AT console on the demo USB modem: a read answers with the SIM’s IMSI; a risky line asks first', async () => {
        await selectDevice(page, MODEM_ID)
        const panel = await openTab(page, 'console')
        const modem = await host.manager.status(MODEM_ID)
        await panel.getByTestId('at-command').fill('AT+CIMI')
        await panel.getByTestId('at-send').click()
        const lines = panel.getByTestId('at-line')
        await expect.poll(async () => (await lines.allTextContents()).join('\n'), { timeout: 20_000 }).toContain(modem.sim.imsi!)
        expect(await panel.locator('[data-testid="at-line"][data-final="ok"]').count()).toBeGreaterThan(0)
        // A quick read: the operator, as the dashboard names it.
        await panel.locator('[data-command="AT+COPS?"]').click()
        await expect.poll(async () => (await lines.allTextContents()).join('\n'), { timeout: 20_000 }).toContain('+COPS:')
        // Radio off needs a confirmation; cancelling sends nothing.
        const sentBefore = await panel.locator('[data-testid="at-line"][data-direction="out"]').count()
        await panel.getByTestId('at-command').fill('AT+CFUN=0')
        await panel.getByTestId('at-send').click()
        const confirm = page.getByTestId('at-confirm')
        await confirm.getByTestId('confirm-cancel').waitFor({ timeout: 10_000 })
        expect(await text(confirm)).toContain('AT+CFUN=0')
        await confirm.getByTestId('confirm-cancel').click()
        expect(await panel.locator('[data-testid="at-line"][data-direction="out"]').count()).toBe(sentBefore)
        expect((await host.manager.status(MODEM_ID)).registration.state).not.toBe('not-registered')
        await shot(page, 'at-console', lang)
        await selectDevice(page, DEMO_DEVICE_ID)
      })
    })
  }

  it('goes through the dashboard’s tabs with the keyboard alone', async () => {
    const { context, page } = await openApp('en', false)
    try {
      await page.getByTestId('msisdn').waitFor({ timeout: 20_000 })
      const focused = page.locator(':focus')
      // The first Tab reaches the skip link; it takes the focus to the device's details.
      await page.keyboard.press('Tab')
      expect(await focused.getAttribute('href')).toBe('#main-content')
      await page.keyboard.press('Enter')
      await expect.poll(() => focused.getAttribute('id')).toBe('main-content')
      // From there, Tab until a tab of the dashboard has the focus.
      let onTab = false
      for (let i = 0; i < 40 && !onTab; i++) {
        await page.keyboard.press('Tab')
        onTab = (await focused.getAttribute('role')) === 'tab'
      }
      expect(onTab).toBe(true)
      const tabs = await page.locator('[role="tab"]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-tab') ?? ''))
      expect(tabs).toEqual(expect.arrayContaining(['overview', 'apn', 'ussd', 'messages', 'history']))
      const focusedTab = async () => (await focused.getAttribute('data-tab')) ?? ''
      expect(await focusedTab()).toBe('overview')
      // Arrow keys move the focus and show the section; each panel is labelled by its tab.
      for (const tab of tabs.slice(1)) {
        await page.keyboard.press('ArrowRight')
        expect(await focusedTab()).toBe(tab)
        await expect.poll(() => page.getByTestId(`tab-${tab}`).getAttribute('aria-selected')).toBe('true')
        const panel = page.getByTestId(`panel-${tab}`)
        await panel.waitFor()
        expect(await panel.getAttribute('role')).toBe('tabpanel')
        expect(await panel.getAttribute('aria-labelledby')).toBe(await page.getByTestId(`tab-${tab}`).getAttribute('id'))
      }
      await page.keyboard.press('ArrowRight')
      expect(await focusedTab()).toBe(tabs[0])
      await page.keyboard.press('End')
      expect(await focusedTab()).toBe(tabs[tabs.length - 1])
      await page.keyboard.press('Home')
      expect(await focusedTab()).toBe('overview')
      // Only the selected tab is in the Tab order: the next Tab goes into the panel.
      await page.keyboard.press('ArrowRight')
      const selected = await focusedTab()
      await page.keyboard.press('Tab')
      expect(await focused.getAttribute('role')).not.toBe('tab')
      const inPanel = page.locator(`[data-testid="panel-${selected}"]:focus, [data-testid="panel-${selected}"] :focus`)
      expect(await inPanel.count()).toBe(1)
      await page.screenshot({ path: resolve(RESULTS, 'screens-keyboard-en.png'), fullPage: true })
    } finally {
      await context.close()
    }
  })

  it('ran without console errors and without a request off this machine', () => {
    expect(consoleErrors.filter((line) => !/favicon/.test(line))).toEqual([])
  })
})
