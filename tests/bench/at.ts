// AT engine over a real PTY (socat): per-command overhead, full status read per profile, and reply
// attribution under a URC storm. Measures and prints; never asserts.
import { performance } from 'node:perf_hooks'
import { AtEngine } from '../../src/devices/at/engine'
import { createGenericAtDriver } from '../../src/devices/families/generic-at'
import { SerialLineChannel } from '../../src/devices/transports/serial-line-channel'
import { AtModemSimulator } from '../../src/simulators/at-modem'
import type { DeviceProfileId } from '../../src/simulators/at-modem'
import { closeAllSocatPairs, isSocatAvailable } from '../../src/simulators/pty'
import { fmt, percentile, type Row } from './stats'

/** Short simulated network timers (registration, operator scan, USSD) so a bench open does not wait seconds. */
export const BENCH_AT_TIMINGS = { registrationMs: 30, copsScanMs: 150, ussdReplyMs: 60 }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function atBench(rows: Row[]): Promise<void> {
  if (!isSocatAvailable()) {
    process.stdout.write('AT engine bench skipped: socat is not installed (apt-get install socat)\n')
    rows.push({ metric: 'AT engine over PTY', value: 'skipped', detail: 'socat is not installed' })
    return
  }
  try {
    await commandOverhead(rows)
    await profileReads(rows)
    await urcStorm(rows)
  } finally {
    await closeAllSocatPairs()
  }
}

async function startEngine(): Promise<{ sim: AtModemSimulator; engine: AtEngine }> {
  const sim = new AtModemSimulator({ profile: 'generic-lte', latencyMs: 0, seed: 1, timings: BENCH_AT_TIMINGS, sim: { card: 'tmobile-us-prepaid' } })
  const { hostPath } = await sim.startOnPty()
  const engine = new AtEngine(new SerialLineChannel({ path: hostPath, reopenDelayMs: 50 }), { syncQuietMs: 50 })
  try {
    await engine.open()
  } catch (error) {
    await engine.close()
    await sim.stop()
    throw error
  }
  return { sim, engine }
}

async function commandOverhead(rows: Row[]): Promise<void> {
  const { sim, engine } = await startEngine()
  try {
    for (let i = 0; i < 200; i++) await engine.command('AT+CSQ')
    const samples: number[] = []
    for (let i = 0; i < 2000; i++) {
      const t = performance.now()
      await engine.command('AT+CSQ')
      samples.push((performance.now() - t) * 1000)
    }
    const detail = 'simulator latency 0, so this is the engine + PTY + simulator parse cost'
    rows.push({ metric: 'AT+CSQ over PTY p50', value: `${fmt(percentile(samples, 50), 0)} µs`, detail: `${detail}, n=2000` })
    rows.push({ metric: 'AT+CSQ over PTY p99', value: `${fmt(percentile(samples, 99), 0)} µs`, detail: 'generic-lte, socat PTY pair, sequential' })
  } finally {
    await engine.close()
    await sim.stop()
  }
}

async function profileReads(rows: Row[]): Promise<void> {
  const profiles: DeviceProfileId[] = ['huawei-e3372h', 'zte-mf833', 'quectel-ec25']
  for (const profile of profiles) {
    const sim = new AtModemSimulator({ profile, latencyMs: 0, seed: 1, timings: BENCH_AT_TIMINGS, sim: { card: 'tmobile-us-prepaid' } })
    let commands = 0
    sim.on('command', () => commands++)
    const { hostPath } = await sim.startOnPty()
    const driver = createGenericAtDriver({ connection: { kind: 'serial', path: hostPath } }, { engineOptions: { syncQuietMs: 50 } })
    try {
      await driver.open()
      await driver.read()
      const samples: number[] = []
      const perRead: number[] = []
      for (let i = 0; i < 20; i++) {
        const before = commands
        const t = performance.now()
        await driver.read()
        samples.push(performance.now() - t)
        perRead.push(commands - before)
      }
      rows.push({
        metric: `AT full read ${profile} p50`,
        value: `${fmt(percentile(samples, 50), 2)} ms`,
        detail: `driver.read() over PTY, sim latency 0, ${fmt(percentile(perRead, 50), 0)} AT commands/read (min ${Math.min(...perRead)}, max ${Math.max(...perRead)}), n=20`
      })
    } finally {
      await driver.close()
      await sim.stop()
    }
  }
}

async function urcStorm(rows: Row[]): Promise<void> {
  const { sim, engine } = await startEngine()
  try {
    let urcs = 0
    const unsubscribe = engine.onUrc(() => urcs++)
    const total = 10_000
    let lost = 0
    let misattributed = 0
    const storm = sim.startUrcStorm({ ratePerSecond: 200, durationMs: 10 * 60_000 })
    const t0 = performance.now()
    for (let i = 0; i < total; i++) {
      try {
        const reply = await engine.command('AT+CSQ')
        if (reply.lines.length !== 1 || !(reply.lines[0] ?? '').startsWith('+CSQ:')) misattributed++
      } catch {
        lost++
      }
    }
    const seconds = (performance.now() - t0) / 1000
    storm.stop()
    const sent = await storm.done
    await sleep(200)
    unsubscribe()
    rows.push({ metric: 'URC storm: replies lost', value: `${lost}`, detail: `of ${total} AT+CSQ (timeout/error) while 200 URC/s; must be 0` })
    rows.push({ metric: 'URC storm: replies misattributed', value: `${misattributed}`, detail: 'reply lines ≠ exactly one +CSQ: line; must be 0' })
    rows.push({ metric: 'URC storm: URCs delivered', value: `${urcs}`, detail: `to engine.onUrc subscribers; simulator sent ${sent} over ${fmt(seconds, 1)} s` })
  } finally {
    await engine.close()
    await sim.stop()
  }
}
