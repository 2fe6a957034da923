// npm run bench: host cold start, contract round trip over the WebSocket, event push rate,
// per-poll driver cost against the simulator, the renderer's initial JS, and the history store
// (inserts, chart queries, export, pruning). Prints a table.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { performance } from 'node:perf_hooks'
import type { DeviceStatus } from '../../src/contract/model'
import { huaweiHilinkFamily } from '../../src/devices/families/huawei-hilink'
import { DEMO_DEVICE_ID } from '../../src/host/demo'
import { createHost } from '../../src/host/host'
import { startServe } from '../../src/host/serve/serve-server'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'
import { ContractTestClient } from '../support/contract-client'
import { rmSync, statSync } from 'node:fs'
import { HistoryStore, type KeyedSample } from '../../src/store/history-store'
import type { SampleRow } from '../../src/store/samples'
import { planSeries } from '../../src/store/queries'
import type { HistoryMetric } from '../../src/contract/model'
import { fmt, percentile, printTable, type Row } from './stats'
import { atBench } from './at'
import { discoveryBench } from './discovery'
import { familiesBench } from './families'
import { deskBench } from './desk'
import { shopBench } from './shop'

const ROOT = resolve(__dirname, '../..')
const rows: Row[] = []

async function coldStart(runs: number): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    // A throw-away data folder: the bench never writes into the user's history or passwords.
    const env = { ...process.env, HOTSPOT_DESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'hd-bench-data-')) }
    const child = spawn(process.execPath, [join(ROOT, 'bin/hotspot-desk.js'), 'serve'], { stdio: ['ignore', 'pipe', 'inherit'], env })
    await new Promise<void>((done, fail) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes('Open: ')) done()
      })
      child.once('exit', (code) => fail(new Error(`serve exited with ${code}`)))
    })
    samples.push(performance.now() - started)
    child.removeAllListeners('exit')
    await new Promise((done) => {
      child.once('exit', done)
      child.kill('SIGTERM')
    })
  }
  return samples
}

async function contractAndEvents(): Promise<void> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'hd-bench-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>')
  const attachStarted = performance.now()
  const host = await createHost({ startDemo: true, demo: { latencyMs: 0 } })
  const serve = await startServe({ host, rendererDir })
  const client = await ContractTestClient.connect(`ws://127.0.0.1:${serve.port}/api?token=${serve.token}`)
  await client.result('device.status', { deviceId: DEMO_DEVICE_ID })
  const firstReading = performance.now() - attachStarted
  rows.push({ metric: 'demo attach → first reading', value: `${fmt(firstReading, 1)} ms`, detail: 'host start + simulator + login + full read' })

  // Round trip: sequential requests, after a warm-up.
  for (let i = 0; i < 200; i++) await client.result('devices.list', {})
  const rtt: number[] = []
  for (let i = 0; i < 3000; i++) {
    const t = performance.now()
    await client.result('devices.list', {})
    rtt.push(performance.now() - t)
  }
  rows.push({ metric: 'contract round trip p50', value: `${fmt(percentile(rtt, 50), 3)} ms`, detail: 'devices.list over WebSocket, n=3000' })
  rows.push({ metric: 'contract round trip p99', value: `${fmt(percentile(rtt, 99), 3)} ms`, detail: '' })

  // Event push rate: device.changed with a full status payload to one subscribed client.
  await client.result('devices.unsubscribe', {})
  await host.demo.stop()
  await client.result('devices.subscribe', {})
  const status = await sampleStatus()
  const device = { id: 'bench', name: 'bench', family: 'huawei-hilink', familyLabel: 'Huawei', demo: true, state: 'ready' as const,
    capabilities: [], connection: { kind: 'http' as const, baseUrl: 'http://127.0.0.1:1' } }
  const total = 20_000
  const received = new Promise<void>((done) => {
    let count = 0
    client.socket.on('message', () => {
      if (++count === total) done()
    })
  })
  const t0 = performance.now()
  for (let i = 0; i < total; i++) {
    host.server.broadcast('device.changed', { kind: 'updated', device, status: { ...status, updatedAt: i } })
    if (i % 500 === 0) await new Promise((r) => setImmediate(r))
  }
  await received
  const seconds = (performance.now() - t0) / 1000
  const bytes = JSON.stringify({ type: 'event', event: 'device.changed', payload: { kind: 'updated', device, status } }).length
  rows.push({ metric: 'events pushed to one client', value: `${fmt(total / seconds, 0)} /s`, detail: `device.changed with full status (${bytes} B), n=${total}` })

  client.close()
  await serve.close()
  await host.close()
}

async function sampleStatus(): Promise<DeviceStatus> {
  const sim = new HuaweiHilinkSimulator({ variant: 'E5577', latencyMs: 0 })
  const { baseUrl } = await sim.start()
  const driver = huaweiHilinkFamily.create({ connection: { kind: 'http', baseUrl }, credentials: sim.credentials })
  await driver.open()
  const reading = await driver.read()
  await driver.close()
  await sim.stop()
  return { deviceId: 'bench', updatedAt: 0, ...reading }
}

async function pollCost(): Promise<void> {
  const sim = new HuaweiHilinkSimulator({ variant: 'E5577', latencyMs: 0 })
  const { baseUrl } = await sim.start()
  const driver = huaweiHilinkFamily.create({ connection: { kind: 'http', baseUrl }, credentials: sim.credentials })
  await driver.open()
  for (let i = 0; i < 20; i++) await driver.read()
  const samples: number[] = []
  const cpuBefore = process.cpuUsage()
  for (let i = 0; i < 300; i++) {
    const t = performance.now()
    await driver.read()
    samples.push(performance.now() - t)
  }
  const cpu = process.cpuUsage(cpuBefore)
  await driver.close()
  await sim.stop()
  rows.push({ metric: 'Huawei full poll p50', value: `${fmt(percentile(samples, 50), 2)} ms`, detail: 'driver.read() vs simulator, 0 ms latency, n=300' })
  rows.push({ metric: 'Huawei full poll p99', value: `${fmt(percentile(samples, 99), 2)} ms`, detail: '' })
  rows.push({ metric: 'CPU per poll (driver+sim)', value: `${fmt((cpu.user + cpu.system) / 1000 / 300, 2)} ms`, detail: 'both in this process' })
}

function rendererSize(): void {
  const dir = join(ROOT, 'out/renderer')
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1] as string)
  let raw = 0
  let gz = 0
  for (const file of new Set(scripts)) {
    const body = readFileSync(join(dir, file))
    raw += body.length
    gz += gzipSync(body, { level: 9 }).length
  }
  rows.push({ metric: 'renderer initial JS (gzip)', value: `${fmt(gz / 1024, 1)} KB`, detail: `${fmt(raw / 1024, 1)} KB raw, ${scripts.length} file(s)` })
}

/**
 * History store: one day of 1 s samples of one device (the worst case: a device on screen all day),
 * written the way the recorder writes (200 rows per transaction, a file on disk, WAL), then the
 * chart query (the whole day in 500 buckets), a zoomed raw query, the day's CSV export and pruning.
 */
async function historyStore(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hd-bench-history-'))
  const path = join(dir, 'history.db')
  const store = HistoryStore.open(path)
  const key = 'imei:35693803564380'
  const t0 = Date.UTC(2025, 0, 1)
  const day = 86_400
  const sample = (i: number): SampleRow => ({
    ts: t0 + i * 1000,
    rsrp: -95 + Math.round(10 * Math.sin(i / 300)),
    rsrq: -10 - (i % 5),
    sinr: 12 + (i % 7) / 2,
    rssi: -65 - (i % 3),
    bars: 3 + (i % 2),
    rat: 'lte',
    band: 'B66',
    cell: '0x1A2B3C',
    registration: 'home',
    dataState: 'connected',
    sessionUp: i * 1_200,
    sessionDown: i * 15_000,
    monthUp: 1e9 + i * 1_200,
    monthDown: 8e9 + i * 15_000,
    monthTotal: 9e9 + i * 16_200,
    battery: 100 - Math.floor(i / 1_200)
  })
  const batch = 200
  const started = performance.now()
  for (let i = 0; i < day; i += batch) {
    const samples: KeyedSample[] = []
    for (let j = i; j < Math.min(day, i + batch); j++) samples.push({ key, row: sample(j) })
    const last = samples[samples.length - 1]?.row.ts ?? t0
    store.write([{ key, hostId: 'bench', demo: false, firstSeen: t0 + i * 1000, lastSeen: last, model: 'E5577' }], samples)
  }
  const insertSeconds = (performance.now() - started) / 1000
  rows.push({ metric: 'history insert', value: `${fmt(day / insertSeconds, 0)} rows/s`, detail: `1 day of 1 s samples (n=${day}), ${batch} per transaction, WAL` })

  const timed = async (runs: number, work: () => Promise<unknown>): Promise<number[]> => {
    for (let i = 0; i < 5; i++) await work()
    const samples: number[] = []
    for (let i = 0; i < runs; i++) {
      const t = performance.now()
      await work()
      samples.push(performance.now() - t)
    }
    return samples
  }
  const wholeDay = { metrics: ['rsrp', 'sinr', 'sessionDown'] as HistoryMetric[], from: t0, to: t0 + day * 1000 - 1, buckets: 500 }
  const dayQuery = await timed(200, () => store.querySeries(key, wholeDay))
  rows.push({ metric: 'history query 1 day → 500 buckets p50', value: `${fmt(percentile(dayQuery, 50), 2)} ms`, detail: '3 metrics (min/max/avg/n each), n=200' })
  rows.push({ metric: 'history query 1 day → 500 buckets p99', value: `${fmt(percentile(dayQuery, 99), 2)} ms`, detail: '' })
  // The host yields between steps of 6 h; the longest step is how long a poll may wait behind a query.
  const stepMs: number[] = []
  for (let run = 0; run < 20; run++) {
    const plan = planSeries(store.db, store.deviceIdOf(key) as number, wholeDay)
    for (;;) {
      const t = performance.now()
      if (plan.steps.next().done) break
      stepMs.push(performance.now() - t)
    }
  }
  rows.push({ metric: 'history query longest step (event loop held)', value: `${fmt(Math.max(...stepMs), 2)} ms`, detail: `6 h of 1 s samples per step, ${stepMs.length / 20} steps a day` })
  const allMetrics = await timed(50, () =>
    store.querySeries(key, {
      metrics: ['rsrp', 'rsrq', 'sinr', 'rssi', 'bars', 'battery', 'sessionUp', 'sessionDown', 'monthUp', 'monthDown', 'monthTotal'],
      from: t0,
      to: t0 + day * 1000 - 1,
      buckets: 2000
    })
  )
  rows.push({ metric: 'history query 1 day, 11 metrics → 2000 p50', value: `${fmt(percentile(allMetrics, 50), 2)} ms`, detail: 'the widest query the contract allows, n=50' })
  const zoomed = await timed(200, () => store.querySeries(key, { ...wholeDay, from: t0 + 43_200_000, to: t0 + 43_200_000 + 299_999 }))
  rows.push({ metric: 'history query 5 min (raw) p50', value: `${fmt(percentile(zoomed, 50), 3)} ms`, detail: '300 samples < 500 buckets → raw rows, n=200' })

  const exportStarted = performance.now()
  const exported = await store.exportCsv(key, t0, t0 + day * 1000 - 1)
  const exportMs = performance.now() - exportStarted
  rows.push({ metric: 'history CSV export, 1 day', value: `${fmt(exportMs, 0)} ms`, detail: `${exported?.rows ?? 0} rows, ${fmt((exported?.csv.length ?? 0) / 1024 / 1024, 1)} MB, pages of 5000` })

  const fileBytes = statSync(path).size + (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0)
  rows.push({ metric: 'history file per device-day at 1 s', value: `${fmt(fileBytes / 1024 / 1024, 1)} MB`, detail: `${fmt(fileBytes / day, 0)} B per sample incl. key` })

  store.setRetentionDays(1)
  const pruneSteps: number[] = []
  for (;;) {
    const t = performance.now()
    const { done } = store.prune(t0 + 2 * day * 1000, 5_000)
    pruneSteps.push(performance.now() - t)
    if (done) break
  }
  rows.push({ metric: 'history prune step (5000 rows) max', value: `${fmt(Math.max(...pruneSteps), 2)} ms`, detail: `1 day expired, ${pruneSteps.length} steps` })
  store.close()
  rmSync(dir, { recursive: true, force: true })
}

async function main(): Promise<void> {
  const cold = await coldStart(7)
  rows.push({ metric: 'host cold start p50', value: `${fmt(percentile(cold, 50), 1)} ms`, detail: 'spawn `hotspot-desk serve` → URL printed, n=7' })
  rows.push({ metric: 'host cold start max', value: `${fmt(Math.max(...cold), 1)} ms`, detail: '' })
  await contractAndEvents()
  await pollCost()
  rendererSize()
  await historyStore()
  await atBench(rows)
  await familiesBench(rows)
  await discoveryBench(rows)
  await deskBench(rows)
  await shopBench(rows)
  process.stdout.write(`\nHotspot Desk bench (${process.platform}, node ${process.version})\n\n`)
  printTable(rows)
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
