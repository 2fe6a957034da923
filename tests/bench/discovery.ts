// Discovery: attach → first full status in the host (HTTP hotspot at 20 ms latency, AT modem on a PTY),
// and the total time of a scan that finds nothing. Measures and prints; never asserts.
import { createServer as createHttpServer } from 'node:http'
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { DiscoveryService } from '../../src/devices/discovery/discovery-service'
import type { LanTarget } from '../../src/devices/discovery/lan-targets'
import type { UsbListing, UsbSource } from '../../src/devices/discovery/usb-source'
import { GENERIC_AT_FAMILY_ID } from '../../src/devices/families/generic-at'
import { createDefaultRegistry } from '../../src/devices/registry'
import type { DeviceTarget } from '../../src/devices/driver'
import { createHost } from '../../src/host/host'
import { AtModemSimulator } from '../../src/simulators/at-modem'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'
import { closeAllSocatPairs, isSocatAvailable } from '../../src/simulators/pty'
import { BENCH_AT_TIMINGS } from './at'
import { fmt, type Row } from './stats'

const HOW = 'host.addDevice() at the attach moment → first device.changed carrying a status'

async function attachToFirstStatus(id: string, familyId: string, target: DeviceTarget): Promise<number> {
  const host = await createHost({})
  try {
    const first = new Promise<void>((resolve) => {
      const stop = host.manager.onChange((change) => {
        if (change.device.id === id && change.status) {
          stop()
          resolve()
        }
      })
    })
    const t0 = performance.now()
    await host.addDevice({ id, name: id, familyId, target })
    await first
    return performance.now() - t0
  } finally {
    await host.close()
  }
}

export async function discoveryBench(rows: Row[]): Promise<void> {
  // HTTP hotspot: Huawei E5577 at 20 ms.
  const huawei = new HuaweiHilinkSimulator({ variant: 'E5577', latencyMs: 20 })
  const { baseUrl } = await huawei.start()
  try {
    const ms = await attachToFirstStatus(baseUrl, 'huawei-hilink', { connection: { kind: 'http', baseUrl }, credentials: huawei.credentials })
    rows.push({ metric: 'attach → first status (Huawei HTTP)', value: `${fmt(ms, 1)} ms`, detail: `E5577, 20 ms latency; ${HOW}` })
  } finally {
    await huawei.stop()
  }

  // AT modem on a PTY.
  if (!isSocatAvailable()) {
    process.stdout.write('AT attach bench skipped: socat is not installed (apt-get install socat)\n')
    rows.push({ metric: 'attach → first status (AT modem)', value: 'skipped', detail: 'socat is not installed' })
  } else {
    const sim = new AtModemSimulator({ profile: 'huawei-e3372h', seed: 1, timings: BENCH_AT_TIMINGS, sim: { card: 'tmobile-us-prepaid' } })
    try {
      const { hostPath } = await sim.startOnPty()
      const ms = await attachToFirstStatus(hostPath, GENERIC_AT_FAMILY_ID, { connection: { kind: 'serial', path: hostPath } })
      rows.push({ metric: 'attach → first status (AT modem)', value: `${fmt(ms, 1)} ms`, detail: `huawei-e3372h on PTY, sim latency 20±10 ms, default engine options; ${HOW}` })
    } finally {
      await sim.stop()
      await closeAllSocatPairs()
    }
  }

  await emptyScan(rows)
}

async function deadPort(): Promise<string> {
  const server = createHttpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

async function emptyScan(rows: Row[]): Promise<void> {
  const sockets = new Set<Socket>()
  const silent = createTcpServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
  const emptyUsb: UsbSource = {
    list: async (): Promise<UsbListing> => ({ availability: { available: true }, devices: [] }),
    watch: () => () => undefined,
    openable: async () => undefined
  }
  const target = (url: string): LanTarget => ({ baseUrl: url, address: '127.0.0.1', via: 'manual' })
  const dead: string[] = []
  for (let i = 0; i < 4; i++) dead.push(await deadPort())
  const service = new DiscoveryService({
    registry: createDefaultRegistry(),
    usb: emptyUsb,
    lanTargets: () => [...dead.map(target), target(silentUrl)],
    serial: { list: async () => [] },
    platform: 'linux'
  })
  try {
    const t0 = performance.now()
    const found = await service.scan()
    const ms = performance.now() - t0
    rows.push({
      metric: "'nothing found' scan",
      value: `${fmt(ms, 1)} ms`,
      detail: `DiscoveryService.scan(): empty USB, no serial ports, 4 refused + 1 silent loopback target, default probe timeout; found ${found.length}`
    })
  } finally {
    service.stop()
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => silent.close(() => resolve()))
  }
}
