// LAN fingerprinting over loopback only: the Huawei HiLink simulator, a dead port and a server that accepts
// connections and never answers. Every family of the default registry probes every target; only the
// simulator is found, and the scan ends in about a second because the silent server is cut off by the
// per-probe deadline. A fetch guard fails the test if anything is sent to a non-loopback address.
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DiscoveryService } from '../../src/devices/discovery/discovery-service'
import { probeLanTargets } from '../../src/devices/discovery/lan-probe'
import type { LanTarget } from '../../src/devices/discovery/lan-targets'
import type { UsbListing, UsbSource } from '../../src/devices/discovery/usb-source'
import { createDefaultRegistry } from '../../src/devices/registry'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'

const requested: string[] = []
const realFetch = globalThis.fetch
beforeAll(() => {
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    requested.push(url.href)
    if (url.hostname !== '127.0.0.1') throw new Error(`discovery test tried to reach ${url.href}: loopback only`)
    return realFetch(input, init)
  }) as typeof fetch
})
afterAll(() => {
  globalThis.fetch = realFetch
})

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startHuawei(variant: 'E3372h' | 'E5577' = 'E3372h') {
  const sim = new HuaweiHilinkSimulator({ variant })
  const { baseUrl } = await sim.start()
  cleanups.push(() => sim.stop())
  return { sim, baseUrl }
}

/** A port nothing listens on: connections are refused at once. */
async function deadPort(): Promise<string> {
  const server = createHttpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

/** Accepts TCP connections and never says a word (a hung web server). */
async function silentServer(): Promise<{ baseUrl: string; accepted: () => number }> {
  const sockets = new Set<Socket>()
  let accepted = 0
  const server: TcpServer = createTcpServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return { baseUrl: `http://127.0.0.1:${port}`, accepted: () => accepted }
}

/** An HTTP server that answers something that is no hotspot. */
async function plainWebServer(): Promise<string> {
  const server: Server = createHttpServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html')
    response.end('<html><body>It works!</body></html>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const target = (baseUrl: string): LanTarget => ({ baseUrl, address: '127.0.0.1', via: 'manual' })

const noUsb: UsbSource = {
  list: async (): Promise<UsbListing> => ({ availability: { available: false, reason: 'not used in this test' }, devices: [] }),
  watch: () => () => undefined,
  openable: async () => undefined
}

describe('probeLanTargets over loopback', () => {
  it('finds only the Huawei simulator among a dead port, a silent server and a plain web server, in about a second', async () => {
    const { baseUrl } = await startHuawei('E3372h')
    const dead = await deadPort()
    const silent = await silentServer()
    const web = await plainWebServer()
    const registry = createDefaultRegistry()
    expect(registry.get('huawei-hilink')).toBeDefined()

    const started = performance.now()
    const report = await probeLanTargets([dead, silent.baseUrl, baseUrl, web].map(target), registry.all(), { timeoutMs: 1000 })
    const elapsed = performance.now() - started
    console.info(`LAN scan of 4 loopback targets × ${registry.all().length} families: ${Math.round(elapsed)} ms`)

    expect(report.hits).toHaveLength(1)
    expect(report.hits[0]).toMatchObject({
      familyId: 'huawei-hilink',
      connection: { kind: 'http', baseUrl },
      fingerprint: { family: 'huawei-hilink', model: 'E3372h-153', loginRequired: false }
    })
    expect(elapsed).toBeLessThan(5000)
    // the silent server was really asked (and the scan still ended on the deadline)
    expect(silent.accepted()).toBeGreaterThan(0)
    expect(requested.every((url) => new URL(url).hostname === '127.0.0.1')).toBe(true)
  })

  it('nothing answering: empty result, still bounded by the deadline', async () => {
    const silentA = await silentServer()
    const silentB = await silentServer()
    const started = performance.now()
    const report = await probeLanTargets([await deadPort(), silentA.baseUrl, silentB.baseUrl].map(target), createDefaultRegistry().all(), { timeoutMs: 800 })
    const elapsed = performance.now() - started
    console.info(`LAN scan with nothing answering: ${Math.round(elapsed)} ms`)
    expect(report.hits).toEqual([])
    expect(elapsed).toBeLessThan(5000)
  })

  it('a cancelled scan rejects promptly', async () => {
    const silent = await silentServer()
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('scan cancelled')), 100)
    const started = performance.now()
    await expect(probeLanTargets([target(silent.baseUrl)], createDefaultRegistry().all(), { timeoutMs: 3000, signal: controller.signal })).rejects.toThrow('scan cancelled')
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

describe('DiscoveryService with loopback LAN targets', () => {
  it('reports the simulator as one ready network device keyed by its base URL', async () => {
    const { baseUrl } = await startHuawei('E5577')
    const dead = await deadPort()
    const silent = await silentServer()
    const service = new DiscoveryService({
      registry: createDefaultRegistry(),
      usb: noUsb,
      lanTargets: () => [target(dead), target(silent.baseUrl), target(baseUrl)],
      lanProbe: { timeoutMs: 1000 },
      serial: { list: async () => [] },
      platform: 'linux'
    })
    cleanups.push(async () => service.stop())
    const found: string[] = []
    service.on('found', ({ device }) => found.push(device.id))

    const started = performance.now()
    const devices = await service.scan()
    console.info(`DiscoveryService.scan over loopback: ${Math.round(performance.now() - started)} ms`)

    expect(devices).toEqual([
      {
        id: baseUrl,
        name: 'E5577Cs-321',
        familyId: 'huawei-hilink',
        familyLabel: 'Huawei HiLink / Mobile WiFi',
        status: 'ready',
        target: { connection: { kind: 'http', baseUrl } },
        connections: [
          {
            role: 'primary',
            connection: { kind: 'http', baseUrl },
            familyId: 'huawei-hilink',
            driverAvailable: true,
            via: { kind: 'network', address: '127.0.0.1', baseUrl, via: 'manual' }
          }
        ],
        fingerprint: { family: 'huawei-hilink', model: 'E5577Cs-321', loginRequired: true },
        canSwitch: false
      }
    ])
    expect(found).toEqual([baseUrl])
    expect(service.status()).toMatchObject({ usb: { available: false }, lan: { targets: 3, hits: 1 } })
  })

  it('the device is lost when the simulator is unplugged', async () => {
    const { sim, baseUrl } = await startHuawei('E3372h')
    const service = new DiscoveryService({
      registry: createDefaultRegistry(),
      usb: noUsb,
      lanTargets: () => [target(baseUrl)],
      lanProbe: { timeoutMs: 500 },
      serial: { list: async () => [] },
      platform: 'linux'
    })
    cleanups.push(async () => service.stop())
    expect(await service.scan()).toHaveLength(1)
    const lost = new Promise<string>((resolve) => service.on('lost', ({ device }) => resolve(device.id)))
    sim.unplug()
    expect(await service.scan()).toEqual([])
    expect(await lost).toBe(baseUrl)
  })
})
