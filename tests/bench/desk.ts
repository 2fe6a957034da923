// The desk's own figures (issue #7 §9): how fast a host event reaches the dashboard's DOM in Chromium
// against serve mode, and what 30 days of 1 Hz history cost (insert rate, a month's chart query
// downsampled to 1,000 points, the file size). Measures and prints; never asserts.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import type { DeviceStatus } from '../../src/contract/model'
import { DEMO_DEVICE_ID } from '../../src/host/demo'
import { createHost } from '../../src/host/host'
import { startServe } from '../../src/host/serve/serve-server'
import { HistoryStore, type KeyedSample } from '../../src/store/history-store'
import type { SampleRow } from '../../src/store/samples'
import { CHROMIUM_ARGS, findChromium } from '../support/chromium'
import { fmt, percentile, type Row } from './stats'

const RENDERER = resolve(__dirname, '../../out/renderer')
/** Host events pushed to the dashboard; the first ones warm the page up and are not counted. */
const UPDATES = 300
const WARMUP = 20
/** One event every so often: a fast poll, and time for each update to land before the next. */
const EVENT_GAP_MS = 40

export async function deskBench(rows: Row[]): Promise<void> {
  await eventToDom(rows)
  await monthOfHistory(rows)
}

/**
 * The few browser globals the page-side code below uses: this file is type-checked with Node's types
 * only, and these functions run in Chromium (page.evaluate), never here.
 */
interface PageNode {
  readonly textContent: string | null
}
declare const document: { querySelector(selector: string): PageNode | null }
declare const window: { __deskSeen?: Array<{ text: string; at: number }> }
declare const MutationObserver: new (callback: () => void) => { observe(target: PageNode, options: Record<string, boolean>): void }

/**
 * Epoch milliseconds with sub-millisecond precision (the page uses the same expression). The global
 * `performance`, not node:perf_hooks': functions handed to page.evaluate must not refer to an import.
 */
const nowMs = () => performance.timeOrigin + performance.now()

/**
 * device.changed from the host (the broadcast every poll ends in) to the phone number's text node
 * changing on the dashboard, observed by a MutationObserver in the page. Each event carries a unique
 * number so every DOM change is matched to its event; the page's clock is aligned to this process's by
 * the round trip with the smallest delay.
 */
async function eventToDom(rows: Row[]): Promise<void> {
  const executablePath = findChromium()
  if (!executablePath) {
    rows.push({ metric: 'dashboard event → DOM', value: 'n/a', detail: 'no Chromium found (set CHROMIUM_PATH)' })
    return
  }
  // Polls once at start and then (practically) never: the bench's events are the only updates.
  const host = await createHost({ startDemo: true, demo: { latencyMs: 0, primaryOnly: true }, rates: { focusedMs: 3_600_000, backgroundMs: 3_600_000 } })
  const serve = await startServe({ host, rendererDir: RENDERER })
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })
    await page.goto(serve.url)
    await page.getByTestId('msisdn').waitFor({ timeout: 30_000 })
    const base: DeviceStatus = await host.manager.status(DEMO_DEVICE_ID)
    const device = host.manager.list().find((candidate) => candidate.id === DEMO_DEVICE_ID)
    if (!device) throw new Error('the demo hotspot is not in the device list')

    await page.evaluate(() => {
      const seen: Array<{ text: string; at: number }> = []
      window.__deskSeen = seen
      const target = document.querySelector('[data-testid="msisdn"]')
      if (!target) throw new Error('no phone number on the dashboard')
      let last = target.textContent ?? ''
      new MutationObserver(() => {
        const text = target.textContent ?? ''
        if (text === last) return
        last = text
        seen.push({ text, at: performance.timeOrigin + performance.now() })
      }).observe(target, { subtree: true, childList: true, characterData: true })
    })

    // Page clock minus ours, from the round trip with the least delay.
    let offset = 0
    let bestRtt = Number.POSITIVE_INFINITY
    for (let i = 0; i < 30; i++) {
      const before = nowMs()
      const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now())
      const after = nowMs()
      if (after - before < bestRtt) {
        bestRtt = after - before
        offset = pageNow - (before + after) / 2
      }
    }

    const sentAt = new Map<string, number>()
    for (let i = 0; i < UPDATES; i++) {
      const msisdn = `+1206${String(5_000_000 + i)}`
      const status: DeviceStatus = {
        ...base,
        updatedAt: Date.now(),
        sim: { ...base.sim, msisdn },
        signal: { ...base.signal, ...(base.signal.rsrpDbm !== undefined ? { rsrpDbm: -80 - (i % 30) } : {}) }
      }
      sentAt.set(msisdn, nowMs())
      host.server.broadcast('device.changed', { kind: 'updated', device, status })
      await new Promise((done) => setTimeout(done, EVENT_GAP_MS))
    }
    await new Promise((done) => setTimeout(done, 500))
    const seen = await page.evaluate(() => window.__deskSeen ?? [])
    const latencies: number[] = []
    for (const { text, at } of seen) {
      const sent = sentAt.get(text.trim())
      const index = Number(text.trim().slice(-7)) - 5_000_000
      if (sent !== undefined && index >= WARMUP) latencies.push(at - offset - sent)
    }
    const counted = UPDATES - WARMUP
    rows.push({
      metric: 'dashboard event → DOM p50',
      value: `${fmt(percentile(latencies, 50), 2)} ms`,
      detail: `device.changed broadcast → text node changed (MutationObserver), Chromium, serve mode, n=${latencies.length} of ${counted}`
    })
    rows.push({
      metric: 'dashboard event → DOM p99',
      value: `${fmt(percentile(latencies, 99), 2)} ms`,
      detail: `one event per ${EVENT_GAP_MS} ms; clocks aligned to ±${fmt(bestRtt / 2, 2)} ms`
    })
  } finally {
    await browser.close()
    await serve.close()
    await host.close()
  }
}

/**
 * 30 days of one device's 1 Hz samples (2,592,000 rows) written in large transactions, then the chart's
 * query over the whole month in 1,000 buckets (43-minute buckets: read from the per-minute rollups), and the
 * file that month takes on disk (samples plus rollups).
 */
async function monthOfHistory(rows: Row[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hd-bench-month-'))
  const path = join(dir, 'history.db')
  const store = HistoryStore.open(path)
  try {
    const key = 'imei:35693803564380'
    const seconds = 30 * 86_400
    const t0 = Date.UTC(2025, 0, 1)
    const batch = 20_000
    const sample = (i: number): SampleRow => ({
      ts: t0 + i * 1000,
      rsrp: -95 + Math.round(10 * Math.sin(i / 300)),
      rsrq: -10 - (i % 5),
      sinr: 12 + (i % 7) / 2,
      rssi: -65 - (i % 3),
      bars: 3 + (i % 2),
      rat: 'lte',
      band: '66',
      cell: '0x1A2B3C',
      registration: 'home',
      dataState: 'connected',
      sessionUp: (i % 86_400) * 1_200,
      sessionDown: (i % 86_400) * 15_000,
      monthUp: 1e9 + i * 1_200,
      monthDown: 8e9 + i * 15_000,
      monthTotal: 9e9 + i * 16_200,
      battery: 100 - Math.floor((i % 86_400) / 1_200)
    })
    const started = performance.now()
    for (let i = 0; i < seconds; i += batch) {
      const samples: KeyedSample[] = []
      for (let j = i; j < Math.min(seconds, i + batch); j++) samples.push({ key, row: sample(j) })
      const last = samples[samples.length - 1]?.row.ts ?? t0
      store.write([{ key, hostId: 'bench', demo: false, firstSeen: t0, lastSeen: last, model: 'E5577' }], samples)
    }
    const insertSeconds = (performance.now() - started) / 1000
    rows.push({
      metric: 'history insert, 30 days at 1 Hz',
      value: `${fmt(seconds / insertSeconds, 0)} rows/s`,
      detail: `n=${seconds} in ${fmt(insertSeconds, 1)} s, ${batch} rows per transaction, WAL`
    })

    const month = { metrics: ['rsrp', 'sinr'] as const, from: t0, to: t0 + seconds * 1000 - 1, buckets: 1000 }
    await store.querySeries(key, { ...month, metrics: [...month.metrics] })
    const timings: number[] = []
    let points = 0
    for (let run = 0; run < 12; run++) {
      const t = performance.now()
      const series = await store.querySeries(key, { ...month, metrics: [...month.metrics] })
      timings.push(performance.now() - t)
      points = series?.rows.length ?? 0
    }
    rows.push({
      metric: 'history query 30 days → 1,000 points p50',
      value: `${fmt(percentile(timings, 50), 1)} ms`,
      detail: `RSRP + SINR (min/max/avg) from the per-minute rollups (≥ 10-minute buckets), ${points} points, n=${timings.length}`
    })
    rows.push({ metric: 'history query 30 days → 1,000 points p99', value: `${fmt(percentile(timings, 99), 1)} ms`, detail: '' })

    // The size a month settles at: the write-ahead log folded into the file.
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    const bytes = statSync(path).size + (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0)
    rows.push({
      metric: 'history database, 30 days at 1 Hz',
      value: `${fmt(bytes / 1024 / 1024, 1)} MB`,
      detail: `one device, ${fmt(bytes / seconds, 1)} B per sample incl. index`
    })
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
