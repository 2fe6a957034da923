// HTTP families: full status read against each simulator with 20 ms device latency, compared with the
// critical-path limit (requests per poll × latency when they go one after another). Measures and prints.
import { performance } from 'node:perf_hooks'
import type { DriverFamily } from '../../src/devices/driver'
import { huaweiHilinkFamily } from '../../src/devices/families/huawei-hilink'
import { netgearFamily } from '../../src/devices/families/netgear'
import { zteGoformFamily } from '../../src/devices/families/zte-goform'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'
import { NetgearSimulator } from '../../src/simulators/netgear'
import { ZteGoformSimulator } from '../../src/simulators/zte-goform'
import { fmt, percentile, type Row } from './stats'

const LATENCY_MS = 20

interface HttpSim {
  start(): Promise<{ baseUrl: string }>
  stop(): Promise<void>
  requestLog(): unknown[]
  clearLog(): void
  readonly credentials: { username?: string; password: string }
}

export async function familiesBench(rows: Row[]): Promise<void> {
  const cases: { label: string; family: DriverFamily; sim: () => HttpSim }[] = [
    { label: 'Huawei E5577', family: huaweiHilinkFamily, sim: () => new HuaweiHilinkSimulator({ variant: 'E5577', latencyMs: LATENCY_MS }) },
    { label: 'ZTE MF79U', family: zteGoformFamily, sim: () => new ZteGoformSimulator({ profile: 'MF79U', latencyMs: LATENCY_MS }) },
    { label: 'Netgear', family: netgearFamily, sim: () => new NetgearSimulator({ latencyMs: LATENCY_MS }) }
  ]
  for (const { label, family, sim: make } of cases) {
    const sim = make()
    const { baseUrl } = await sim.start()
    const driver = family.create({ connection: { kind: 'http', baseUrl }, credentials: sim.credentials })
    try {
      await driver.open()
      for (let i = 0; i < 3; i++) await driver.read()
      const samples: number[] = []
      const requests: number[] = []
      for (let i = 0; i < 20; i++) {
        sim.clearLog()
        const t = performance.now()
        await driver.read()
        samples.push(performance.now() - t)
        requests.push(sim.requestLog().length)
      }
      const wall = percentile(samples, 50)
      const perPoll = percentile(requests, 50)
      const limit = perPoll * LATENCY_MS
      rows.push({
        metric: `${label} full read p50`,
        value: `${fmt(wall, 1)} ms`,
        detail: `${LATENCY_MS} ms device latency, n=20; ${perPoll} requests/poll (min ${Math.min(...requests)}, max ${Math.max(...requests)})`
      })
      rows.push({
        metric: `${label} wall / critical path`,
        value: `${fmt(wall / limit, 2)}×`,
        detail: `limit = ${perPoll} sequential requests × ${LATENCY_MS} ms = ${limit} ms (HttpSession maxInFlight 1)`
      })
    } finally {
      await driver.close()
      await sim.stop()
    }
  }
}
