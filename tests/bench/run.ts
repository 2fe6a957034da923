// npm run bench: host cold start, contract round trip over the WebSocket, event push rate,
// per-poll driver cost against the simulator, and the renderer's initial JS. Prints a table.
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
import { fmt, percentile, printTable, type Row } from './stats'

const ROOT = resolve(__dirname, '../..')
const rows: Row[] = []

async function coldStart(runs: number): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const child = spawn(process.execPath, [join(ROOT, 'bin/hotspot-desk.js'), 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] })
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

async function main(): Promise<void> {
  const cold = await coldStart(7)
  rows.push({ metric: 'host cold start p50', value: `${fmt(percentile(cold, 50), 1)} ms`, detail: 'spawn `hotspot-desk serve` → URL printed, n=7' })
  rows.push({ metric: 'host cold start max', value: `${fmt(Math.max(...cold), 1)} ms`, detail: '' })
  await contractAndEvents()
  await pollCost()
  rendererSize()
  process.stdout.write(`\nHotspot Desk bench (${process.platform}, node ${process.version})\n\n`)
  printTable(rows)
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
