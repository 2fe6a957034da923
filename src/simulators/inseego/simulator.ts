// InseegoSimulator: an Inseego MiFi X PRO 5G (M2000, T-Mobile's 5G hotspot; the M3000 speaks the same API) on
// loopback HTTP, for the read-only Inseego family. It serves what reference §3.3 documents:
// - GET /srv/status (no login) → {"statusData": {…}} with the statusBar* fields as strings ("69", "true",
//   " B2, n41" with the leading blank of the samples), a few as numbers (statusBarWiFiEnabled 1), pretty-printed
//   with " : " like the published samples (mifi-status README);
// - GET /apps_home/usageinfo → allowance / lineUsage / remainingUsage / rxUsage / txUsage in GB, daysLeft,
//   cycleEndDt (HTML-escaped slashes, as sjoerger/inseego_m3000 sensor.py un-escapes "&#x2F;"),
//   barPercentageRemaining.
// Values move with an injectable clock (seeded walk). Faults: unplug/replug, latency, garbage, lost signal, and the
// "401lockedout" redirect these units answer with after failed web logins. Listens on 127.0.0.1 only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { clamp, gaussian, seededRandom, type Random } from '../netgear/support'

export type Latency = number | { min: number; max: number }

export interface InseegoSimulatorOptions {
  port?: number
  seed?: number
  now?: () => number
  latencyMs?: Latency
  /** The network shown; default T-Mobile (310260). */
  network?: { name: string; id: string }
  /** Monthly allowance in GB for /apps_home/usageinfo; default 50. */
  allowanceGb?: number
  /** Days until the cycle ends; default 12. */
  daysLeft?: number
  /** Serve /apps_home/usageinfo; default true. */
  usagePage?: boolean
  /** Battery at start; default 64 %. */
  batteryPercent?: number
}

const GARBAGE = ['{"statusData": {"statusBarSignalBars" : "4", "statusBarBytesRe', '\u0000\u00ff\u0007', '{"statusData": [1, 2', 'null']
const GB = 1e9

export class InseegoSimulator {
  private readonly random: Random
  private readonly now: () => number
  private readonly options: InseegoSimulatorOptions
  private latency: Latency
  private server: Server | undefined
  private port: number
  private plugged = true
  private garbageLeft = 0
  private lockedOut = false
  private signalLost = false
  private readonly sockets = new Set<Socket>()
  private readonly sleepers = new Set<() => void>()

  // live values
  private snr: number
  private rsrpLike: number
  private rx = 0
  private tx = 0
  private monthRx: number
  private monthTx: number
  private connectedAt: number
  private battery: number
  private lastTick: number

  constructor(options: InseegoSimulatorOptions = {}) {
    this.options = options
    this.random = seededRandom(options.seed ?? 1)
    this.now = options.now ?? Date.now
    this.latency = options.latencyMs ?? 0
    this.port = options.port ?? 0
    const r = this.random
    this.snr = 6 + r() * 14
    this.rsrpLike = -100 + r() * 20
    const at = this.now()
    this.connectedAt = at - (600_000 + Math.floor(r() * 5_400_000))
    const upSeconds = (at - this.connectedAt) / 1000
    this.rx = Math.round(upSeconds * (80_000 + r() * 300_000))
    this.tx = Math.round(this.rx * 0.12)
    const allowance = (options.allowanceGb ?? 50) * GB
    this.monthRx = Math.round(allowance * (0.2 + 0.3 * r()))
    this.monthTx = Math.round(this.monthRx * 0.1)
    this.battery = options.batteryPercent ?? 64
    this.lastTick = Math.floor(at / 1000)
  }

  get baseUrl(): string | undefined {
    return this.server && this.port !== 0 ? `http://127.0.0.1:${this.port}` : undefined
  }

  async start(): Promise<{ baseUrl: string }> {
    if (this.server) return { baseUrl: `http://127.0.0.1:${this.port}` }
    const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => this.onRequest(req, res))
    server.on('connection', (socket) => {
      if (!this.plugged) return socket.destroy()
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    server.on('clientError', (_error, socket) => socket.destroy())
    this.server = server
    await this.listen(server)
    this.plugged = true
    return { baseUrl: `http://127.0.0.1:${this.port}` }
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    this.plugged = false
    this.wakeSleepers()
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  async unplug(): Promise<void> {
    this.plugged = false
    this.wakeSleepers()
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
    const server = this.server
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  async replug(): Promise<void> {
    const server = this.server
    if (!server) throw new Error('the simulator is not started')
    if (!server.listening) await this.listen(server)
    this.plugged = true
  }

  setLatency(latency: Latency): void {
    this.latency = latency
  }

  respondWithGarbage(count = 1): void {
    this.garbageLeft += Math.max(0, Math.floor(count))
  }

  setSignalLost(lost: boolean): void {
    this.advance()
    if (lost && !this.signalLost) {
      this.rx = 0
      this.tx = 0
    }
    if (!lost && this.signalLost) this.connectedAt = this.now()
    this.signalLost = lost
  }

  /** Every request is redirected to the lockout page, as after repeated wrong web logins. */
  setLockedOut(locked: boolean): void {
    this.lockedOut = locked
  }

  /** The JSON /srv/status would answer now. */
  statusDocument(): { statusData: Record<string, string | number> } {
    this.advance()
    const up = !this.signalLost
    const bars = up ? clamp(Math.round((this.rsrpLike + 125) / 9), 0, 5) : 0
    const seconds = up ? Math.max(0, Math.floor((this.now() - this.connectedAt) / 1000)) : 0
    const network = this.options.network ?? { name: 'T-Mobile', id: '310260' }
    return {
      statusData: {
        statusBarNetwork: up ? network.name : '',
        statusBarNetworkID: up ? network.id : '',
        statusBarCarrier: network.name,
        statusBarTechnology: up ? '5G' : 'NoService',
        statusBarTechnologyText: '',
        statusBarBand: up ? ' B2, n41' : '',
        statusBarBandwidth: up ? ' 20 MHz, 100 MHz' : '',
        statusBarPCI: up ? '318' : '',
        statusBarSignalBars: String(bars),
        statusBarSNR: up ? String(Math.round(this.snr)) : '0',
        statusBarConnectionState: up ? 'Connected' : 'Disconnected',
        statusBarConnectionDuration: String(seconds),
        statusBarBytesReceived: String(this.rx),
        statusBarBytesTransmitted: String(this.tx),
        statusBarBytesTotal: String(this.rx + this.tx),
        statusBarRoaming: 'None',
        statusBarSimStatus: 'Ready',
        statusBarSimCarrierBlockedStatus: '0',
        statusBarBatteryPercent: String(Math.round(this.battery)),
        statusBarBatteryChargingState: 'false',
        statusBarBatteryChargingSource: 'ChargingSourceNone',
        statusBarBatteryDetection: 'Present',
        statusBarClientListSize: '3',
        statusBarWiFiClientListSize: '2',
        statusBarPrimaryClientListSize: '2',
        statusBarGuestClientListSize: '0',
        statusBarMaxPrimaryClientListSize: '15',
        statusBarWiFiEnabled: 1,
        statusBarSmsUnreadCount: '1',
        statusBarGpsStatus: 'Off',
        statusBarAirplaneMode: 'AirplaneModeOff',
        statusBarEthernetPortEnabled: 'disabled',
        statusBarTrafficStatus: up ? 'TrafficActive' : 'None',
        statusBarNotificationFlag: '0',
        StatusBarSoftwareUpdateSourceVersion: 'M2000_T_2.01.20', // [U]
        internetStatusIPAddress: up ? '100.66.18.42' : '0.0.0.0',
        internetStatusIPv6Address: up ? '2607:fb90:a2c1:5e3d::1' : '',
        internetStatusGateway: up ? '100.66.18.41' : '0.0.0.0',
        internetStatusSubnetMask: up ? '255.255.255.252' : '0.0.0.0'
      }
    }
  }

  /** The JSON /apps_home/usageinfo would answer now. */
  usageDocument(): Record<string, string> {
    this.advance()
    const allowance = (this.options.allowanceGb ?? 50) * GB
    const used = this.monthRx + this.monthTx
    const remaining = Math.max(0, allowance - used)
    const end = new Date(this.now() + (this.options.daysLeft ?? 12) * 86_400_000)
    const cycleEnd = `${String(end.getUTCMonth() + 1).padStart(2, '0')}&#x2F;${String(end.getUTCDate()).padStart(2, '0')}&#x2F;${end.getUTCFullYear()}`
    return {
      allowance: (allowance / GB).toFixed(2),
      lineUsage: (used / GB).toFixed(2),
      remainingUsage: (remaining / GB).toFixed(2),
      rxUsage: (this.monthRx / GB).toFixed(2),
      txUsage: (this.monthTx / GB).toFixed(2),
      daysLeft: String(this.options.daysLeft ?? 12),
      cycleEndDt: cycleEnd,
      barPercentageRemaining: String(Math.round((remaining / allowance) * 100))
    }
  }

  private advance(): void {
    const second = Math.floor(this.now() / 1000)
    const steps = Math.min(second - this.lastTick, 900)
    if (second <= this.lastTick) return
    this.lastTick = second
    const r = this.random
    for (let i = 0; i < steps; i++) {
      this.snr = clamp(this.snr + 0.6 * gaussian(r) + 0.05 * (12 - this.snr), -5, 30)
      this.rsrpLike = clamp(this.rsrpLike + 0.8 * gaussian(r) + 0.04 * (-92 - this.rsrpLike), -124, -70)
      this.battery = Math.max(5, this.battery - 0.0015)
      if (this.signalLost) continue
      const down = Math.round(50_000 + r() * 400_000)
      const upBytes = Math.round(down * (0.08 + r() * 0.08))
      this.rx += down
      this.tx += upBytes
      this.monthRx += down
      this.monthTx += upBytes
    }
  }

  private listen(server: Server): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error)
      server.once('error', onError)
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', onError)
        this.port = (server.address() as AddressInfo).port
        resolve()
      })
    })
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    if (!this.plugged) {
      req.socket.destroy()
      return
    }
    req.resume()
    req.on('end', () => void this.respond(req, res))
  }

  private async respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const latency = this.latency
    const delay = typeof latency === 'number' ? latency : latency.min + this.random() * Math.max(0, latency.max - latency.min)
    if (delay > 0) await this.sleep(delay)
    if (!this.plugged || res.destroyed) {
      req.socket.destroy()
      return
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    let status = 200
    let type = 'application/json'
    let body: string
    const headers: Record<string, string> = {}
    if (this.lockedOut && path !== '/401lockedout.html') {
      status = 302
      headers.Location = '/401lockedout.html'
      type = 'text/html'
      body = '<html><body>Redirecting</body></html>'
    } else if (path === '/401lockedout.html') {
      type = 'text/html'
      body = '<html><body><h1>Too many failed login attempts</h1></body></html>'
    } else if (path === '/srv/status') {
      body = pretty(this.statusDocument())
    } else if (path === '/apps_home/usageinfo' && this.options.usagePage !== false) {
      body = pretty(this.usageDocument())
    } else {
      status = 404
      type = 'text/html'
      body = '<html><body><h1>404 Not Found</h1></body></html>'
    }
    if (status === 200 && this.garbageLeft > 0) {
      this.garbageLeft--
      body = GARBAGE[this.garbageLeft % GARBAGE.length] ?? ''
    }
    res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' })
    res.end(body)
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer)
        this.sleepers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      this.sleepers.add(wake)
    })
  }

  private wakeSleepers(): void {
    for (const wake of [...this.sleepers]) wake()
  }
}

/** Two-space indent with " : " between key and value, like the published /srv/status samples. */
function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/^(\s*"[^"]*"):/gm, '$1 :')}\n`
}
