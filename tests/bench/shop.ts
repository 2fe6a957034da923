// The shop station's batch jobs: 50 simulated Huawei units at 20 ms device latency, prepared with a full golden
// profile (APN with reattach and verify, Wi-Fi, admin password, data plan, auto-update, counters) at parallelism
// 1, 4 and 8. Wall time against the ideal (one unit's critical path × units / parallelism, the critical path being
// one unit prepared alone), and the host process's peak RSS during each run. Measures and prints; never asserts.
import { performance } from 'node:perf_hooks'
import type { Host } from '../../src/host/host'
import { addUnit, shopProfile, startUnit, stationHost, tempDataDir, waitReady, type FleetUnit } from '../integration/shop-fleet'
import { fmt, type Row } from './stats'

const LATENCY_MS = 20
const UNITS = 50
const TIMING = { stepTimeoutMs: 30_000, apnVerifyTimeoutMs: 20_000, apnVerifyPollMs: 100 }

interface RunResult {
  wallMs: number
  done: number
  peakRssMb: number
}

async function runJob(count: number, parallelism: number, seedBase: number): Promise<RunResult> {
  const units: FleetUnit[] = await Promise.all(
    Array.from({ length: count }, (_, i) => startUnit({ id: `u${String(i + 1).padStart(2, '0')}`, kind: 'huawei', seed: seedBase + i }, LATENCY_MS))
  )
  // Slow background polling: the bench measures the job, not the poll loop beside it.
  const host: Host = await stationHost(tempDataDir(), TIMING, 30_000)
  try {
    for (const unit of units) await addUnit(host, unit)
    await waitReady(host, units.map((unit) => unit.id), 60_000)
    host.stationService.saveProfile(
      shopProfile({ dataPlan: { limitBytes: 5 * 1024 ** 3, startDay: 1 }, autoUpdate: false, resetCounters: true })
    )
    let peak = process.memoryUsage().rss
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 50)
    const started = performance.now()
    const job = host.stationService.startBatch({ profileId: 'shop-test', deviceIds: units.map((unit) => unit.id), watchNew: false, parallelism })
    const summary = await host.stationService.whenDone(job.jobId)
    const wallMs = performance.now() - started
    clearInterval(sampler)
    return { wallMs, done: summary.counts.done, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024 }
  } finally {
    await host.close()
    await Promise.all(units.map((unit) => unit.sim.stop()))
  }
}

export async function shopBench(rows: Row[]): Promise<void> {
  // The critical path: one unit alone (several times, the median), every request at 20 ms.
  const alone: number[] = []
  for (let i = 0; i < 3; i++) alone.push((await runJob(1, 1, 9000 + i)).wallMs)
  alone.sort((a, b) => a - b)
  const criticalPathMs = alone[1] as number
  rows.push({ metric: 'station: one unit, full profile', value: `${fmt(criticalPathMs, 0)} ms`, detail: `critical path at ${LATENCY_MS} ms latency (median of 3)` })
  for (const [index, parallelism] of [1, 4, 8].entries()) {
    const result = await runJob(UNITS, parallelism, 10_000 + index * 100)
    const ideal = (criticalPathMs * UNITS) / parallelism
    rows.push({
      metric: `station: ${UNITS} units, parallelism ${parallelism}`,
      value: `${fmt(result.wallMs / 1000, 1)} s`,
      detail: `${fmt(result.wallMs / ideal, 2)}× ideal (${fmt(ideal / 1000, 1)} s); ${result.done}/${UNITS} done; peak RSS ${fmt(result.peakRssMb, 0)} MB`
    })
  }
}
