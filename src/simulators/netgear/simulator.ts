// NetgearSimulator: a faithful Netgear Nighthawk M1 (MR1100) on loopback HTTP. It powers demos, the integration
// tests and benchmarks, and is meant to satisfy independent clients (amelchio/eternalegypt, the M1/M5 shell scripts,
// MR1100 monitors) as well as ours. It only ever listens on 127.0.0.1.
// Faults: unplug/replug, latency, 5xx answers, garbage (malformed JSON), session expiry, another admin taking the
// session, lost signal, used-up plan, and a real outage while it reboots.
import { LoopbackHttpEndpoint } from '../http/loopback-server'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { SimulatedNetgearDevice, type SimReply, type SimStats } from './device'
import { NetgearLiveState } from './live-state'
import { MR1100, type DeviceIdentity, type NetgearVariant, type WifiClient } from './model-json'
import { ProfileStore, type SimApnProfile } from './profiles'
import { isLuhnValid, luhnCheckDigit, TMOBILE_US_PREPAID_NETGEAR, type NetgearSimProfile } from './sim-profile'
import { SmsStore } from './sms-store'
import { seededRandom, type LockoutPolicy, type Random } from './support'

export type Latency = number | { min: number; max: number }

export interface NetgearSimulatorOptions {
  /** Loopback port; default 0 (any free port). */
  port?: number
  /** The admin password; default "password" [U: units ship with a per-unit password printed on the label]. */
  password?: string
  /** Fields over the default demo SIM (a T-Mobile US prepaid line). */
  sim?: Partial<NetgearSimProfile>
  /** Seed of the signal walk, traffic and identity; default 1. */
  seed?: number
  /** Clock for the live state, session idle timeout and lockout; default Date.now. */
  now?: () => number
  /** Per-request delay: fixed ms or jittered between min and max; default 0. */
  latencyMs?: Latency
  /** A session is forgotten after this long without requests; default 300 000 ms [U]. */
  sessionIdleMs?: number
  /** Lock logins after repeated wrong passwords. No Netgear lockout is documented, so off by default [U]. */
  lockout?: LockoutPolicy
  /** How long "Connecting" lasts (sim clock); default 1500 ms. */
  connectDelayMs?: number
  /** After a failed data attempt the device retries this much later (sim clock); default 30 000 ms [U]. */
  retryMs?: number
  /** How long the web server is gone during a reboot (wall clock); default 3000 ms. */
  rebootMs?: number
  /** Device clock offset from UTC (general.timeZoneOffset); default -25200 (UTC-7, Pacific daylight time). */
  timeZoneOffsetSeconds?: number
  /** Battery level and whether it is charging; default 78 %, on battery. */
  battery?: { percent: number; charging: boolean }
  /** Devices on the hotspot; default two Wi-Fi clients. */
  clients?: readonly WifiClient[]
  /** The primary SSID and passphrase out of the box; default derived from the seed ("NETGEARxx"). */
  wifiSsid?: string
  wifiPassphrase?: string
  /** How long Wi-Fi clients stay away after a Wi-Fi change restarts the radio; default 4000 ms [U]. */
  wifiRestartMs?: number
  /** Messages in the inbox at start; default a few carrier texts. */
  inbox?: ReadonlyArray<{ sender: string; text: string; read?: boolean; minutesAgo?: number }>
}

export interface RequestLogEntry {
  at: number
  method: string
  path: string
  status: number
  /** The answer was replaced by a 5xx or by garbage (fault injection). */
  fault?: 'server-error' | 'garbage'
}

// Malformed answers for respondWithGarbage(): a truncated model, binary noise, a JSON array, an unterminated string,
// JSON with JavaScript-only tokens — what a half-written buffer or a confused web server produces.
const GARBAGE = [
  '{\n  "custom": { "AtTcpEnable": false, "end": 0 },\n  "session": {\n    "userRole": "Admin",\n    "secTo',
  '\u0000\u0007\u00ff{{"wwan"::}\u0003',
  '[1, 2, 3]',
  '{"general": {"model": "MR1100", "FWversion": "NTG9X50C_12.06.39.00',
  '{"wwan": {"signalStrength": {"rsrp": NaN, "bars": undefined}}}'
]

const DEFAULT_PRESETS: readonly SimApnProfile[] = [
  {
    index: 1,
    id: 'T-Mobile',
    name: 'T-Mobile',
    apn: 'fast.t-mobile.com',
    username: '',
    password: '',
    authtype: 'None',
    ipaddr: '0.0.0.0',
    type: 'IPV4V6',
    pdproamingtype: 'IPV4V6',
    preset: true
  },
  {
    index: 2,
    id: 'T-Mobile Tethering',
    name: 'T-Mobile Tethering',
    apn: 'pcweb.tmobile.com',
    username: '',
    password: '',
    authtype: 'None',
    ipaddr: '0.0.0.0',
    type: 'IPV4V6',
    pdproamingtype: 'IPV4V6',
    preset: true
  }
]

const DEFAULT_INBOX = [
  { sender: '456', text: 'T-Mobile: Welcome to T-Mobile Prepaid! Your plan is active.', read: true, minutesAgo: 9 * 24 * 60 },
  { sender: '456', text: 'T-Mobile Free Msg: You have used 80% of your high-speed data for this month.', read: true, minutesAgo: 2 * 24 * 60 },
  { sender: '+12065550123', text: 'Are we still on for Saturday?', read: false, minutesAgo: 35 }
]

const MAX_REQUEST_BODY = 64 * 1024
const LOG_LIMIT = 2000

export class NetgearSimulator {
  readonly variant: NetgearVariant = MR1100
  readonly sim: NetgearSimProfile
  readonly live: NetgearLiveState
  readonly smsStore = new SmsStore()
  readonly profiles: ProfileStore
  private readonly device: SimulatedNetgearDevice
  private readonly now: () => number
  private readonly jitter: Random
  private readonly rebootMs: number
  private latency: Latency
  private readonly http: LoopbackHttpEndpoint
  private rebooting: Promise<void> | undefined
  private garbageLeft = 0
  private garbageIndex = 0
  private serverErrorsLeft = 0
  private readonly sleepers = new Set<() => void>()
  private log: RequestLogEntry[] = []

  constructor(options: NetgearSimulatorOptions = {}) {
    this.sim = { ...TMOBILE_US_PREPAID_NETGEAR, ...options.sim }
    this.now = options.now ?? Date.now
    this.latency = options.latencyMs ?? 0
    this.http = new LoopbackHttpEndpoint({
      port: options.port ?? 0,
      maxBodyBytes: MAX_REQUEST_BODY,
      onRequest: (req, res, body) => void this.respond(req, res, body)
    })
    this.rebootMs = options.rebootMs ?? 3000
    const seed = options.seed ?? 1
    this.jitter = seededRandom(seed ^ 0x2545f491)
    const random = seededRandom(seed)
    this.profiles = new ProfileStore(DEFAULT_PRESETS, 'T-Mobile')
    const accepted = new Set(this.sim.acceptedApns.map((apn) => apn.toLowerCase()))
    this.live = new NetgearLiveState({
      random,
      now: this.now,
      billingDay: this.sim.billingDay,
      planLimitBytes: this.sim.planLimitBytes,
      connectDelayMs: options.connectDelayMs ?? 1500,
      retryMs: options.retryMs ?? 30_000,
      apnAccepted: () => accepted.has((this.profiles.default?.apn ?? '').toLowerCase())
    })
    const start = this.now()
    for (const message of options.inbox ?? DEFAULT_INBOX) {
      this.smsStore.deliver(message.sender, message.text, start - (message.minutesAgo ?? 0) * 60_000, message.read ?? false)
    }
    const identity = makeIdentity(random)
    if (options.wifiSsid !== undefined) identity.ssid = options.wifiSsid
    if (options.wifiPassphrase !== undefined) identity.wifiPassphrase = options.wifiPassphrase
    this.device = new SimulatedNetgearDevice({
      variant: this.variant,
      identity,
      password: options.password ?? 'password',
      sim: this.sim,
      live: this.live,
      profiles: this.profiles,
      sms: this.smsStore,
      clients: options.clients ?? defaultClients(),
      now: this.now,
      sessionIdleMs: options.sessionIdleMs ?? 300_000,
      lockout: options.lockout,
      timeZoneOffsetSeconds: options.timeZoneOffsetSeconds ?? -25_200,
      battery: options.battery ?? { percent: 78, charging: false },
      wifiRestartMs: options.wifiRestartMs ?? 4000
    })
  }

  /** general.model, e.g. "MR1100". */
  get modelName(): string {
    return this.variant.model
  }

  /** The admin password a driver should use (Netgear logins have no user name); the current one after a change. */
  get credentials(): { password: string } {
    return { password: this.device.adminPassword }
  }

  /** The primary Wi-Fi network as the device holds it (passphrase in clear). */
  get wifi(): { ssid: string; passPhrase: string; hidden: boolean; encryption: string; restarts: number; restarting: boolean } {
    const wifi = this.device.wifi
    return { ssid: wifi.ssid, passPhrase: wifi.passPhrase, hidden: wifi.hidden, encryption: wifi.encryption, restarts: wifi.restarts, restarting: wifi.restarting }
  }

  get baseUrl(): string | undefined {
    return this.http.baseUrl
  }

  get stats(): Readonly<SimStats> {
    return { ...this.device.stats }
  }

  /** Admin sessions currently alive (at most one). */
  get adminSessions(): number {
    return this.device.sessions.adminCount
  }

  /** Logins are locked (only with the lockout option). */
  get loginsLocked(): boolean {
    return this.device.locked
  }

  get autoconnect(): string {
    return this.device.autoconnect
  }

  requestLog(): RequestLogEntry[] {
    return [...this.log]
  }

  clearLog(): void {
    this.log = []
  }

  async start(): Promise<{ baseUrl: string }> {
    return { baseUrl: await this.http.start() }
  }

  /** Close the listener and every socket. Safe to call twice. */
  async stop(): Promise<void> {
    const stopping = this.http.stop()
    this.wakeSleepers()
    await stopping
    await this.rebooting?.catch(() => undefined)
  }

  /** Resolves when a reboot in progress is over (at once when none is). */
  async waitForReboot(): Promise<void> {
    await this.rebooting
  }

  // ---- fault injection -------------------------------------------------------------------------------

  /** The device disappears: in-flight requests are cut, new connections refused, until replug(). */
  async unplug(): Promise<void> {
    const unplugging = this.http.unplug()
    this.wakeSleepers()
    await unplugging
  }

  /** Back on the same port (sessions survive, like a USB cable pulled and pushed back). */
  async replug(): Promise<void> {
    await this.http.replug()
  }

  setLatency(latency: Latency): void {
    this.latency = latency
  }

  /** The next `count` answers are HTTP 500 pages. */
  respondWithServerError(count = 1): void {
    this.serverErrorsLeft += Math.max(0, Math.floor(count))
  }

  /** The next `count` answers are malformed JSON (status 200). */
  respondWithGarbage(count = 1): void {
    this.garbageLeft += Math.max(0, Math.floor(count))
  }

  /** Every session forgotten: the next request is sent through /sess_cd_tmp and comes back as a guest. */
  expireSession(): void {
    this.device.sessions.expireAll()
  }

  /** Someone logs in on the web page: our admin session becomes a guest session (same cookie) [U]. */
  kickSession(): void {
    this.device.sessions.kickAdmins()
  }

  setSignalLost(lost: boolean): void {
    this.live.setSignalLost(lost)
  }

  /** The plan's data is used up: the network refuses data, the device meter sits at the limit. */
  exhaustDataPlan(): void {
    this.live.exhaustPlan(this.sim.planLimitBytes)
  }

  /** A top-up: data comes back. */
  restoreDataPlan(): void {
    this.live.restorePlan()
  }

  /** A text arrives. */
  deliverSms(sender: string, text: string): void {
    this.smsStore.deliver(sender, text, this.now())
  }

  // ---- HTTP --------------------------------------------------------------------------------------------

  private async respond(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const delay = this.nextDelay()
    if (delay > 0) await this.sleep(delay)
    if (!this.http.plugged || res.destroyed || req.socket.destroyed) {
      req.socket.destroy()
      return
    }
    const method = req.method ?? 'GET'
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    let reply: SimReply
    let fault: RequestLogEntry['fault']
    if (this.serverErrorsLeft > 0) {
      this.serverErrorsLeft--
      fault = 'server-error'
      reply = {
        status: 500,
        headers: { 'Content-Type': 'text/html' },
        cookies: [],
        body: '<html><head><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>'
      }
    } else {
      try {
        reply = this.device.handle({ method, url: req.url ?? '/', headers: req.headers, body })
      } catch {
        reply = { status: 500, headers: { 'Content-Type': 'text/plain' }, cookies: [], body: 'Internal Server Error' }
      }
      if (this.garbageLeft > 0) {
        this.garbageLeft--
        fault = 'garbage'
        reply = { status: 200, headers: { 'Content-Type': 'application/json' }, cookies: reply.cookies, body: GARBAGE[this.garbageIndex++ % GARBAGE.length] ?? '' }
      }
    }
    const entry: RequestLogEntry = { at: this.now(), method, path, status: reply.status }
    if (fault) entry.fault = fault
    this.log.push(entry)
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT)

    if (reply.cookies.length > 0) res.setHeader('Set-Cookie', reply.cookies)
    for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value)
    res.setHeader('Cache-Control', 'no-cache')
    if (reply.status !== 204) res.setHeader('Content-Length', Buffer.byteLength(reply.body))
    res.writeHead(reply.status)
    if (reply.after === 'reboot') {
      res.end(method === 'HEAD' || reply.status === 204 ? undefined : reply.body, () => this.startReboot())
      return
    }
    res.end(method === 'HEAD' || reply.status === 204 ? undefined : reply.body)
  }

  /** general.shutdown=restart: the web server goes away for rebootMs, then comes back with no sessions. */
  private startReboot(): void {
    if (this.rebooting) return
    this.rebooting = (async () => {
      await this.unplug()
      await this.sleep(this.rebootMs, true)
      this.device.rebooted()
      if (this.http.started) await this.replug()
    })().finally(() => {
      this.rebooting = undefined
    })
  }

  private nextDelay(): number {
    const latency = this.latency
    if (typeof latency === 'number') return Math.max(0, latency)
    const min = Math.max(0, Math.min(latency.min, latency.max))
    const max = Math.max(latency.min, latency.max)
    return min + this.jitter() * (max - min)
  }

  /** A wall-clock wait; unplug/stop wake request delays early, not the reboot outage (`uninterruptible`). */
  private sleep(ms: number, uninterruptible = false): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer)
        this.sleepers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      if (!uninterruptible) this.sleepers.add(wake)
    })
  }

  private wakeSleepers(): void {
    for (const wake of [...this.sleepers]) wake()
  }
}

/** A stable, plausible identity from the seed: IMEI with a valid Luhn digit (Sierra/Netgear TAC 35…), FSN. */
function makeIdentity(random: Random): DeviceIdentity {
  const digits = (count: number): string => Array.from({ length: count }, () => Math.floor(random() * 10)).join('')
  const imeiBody = `35961709${digits(6)}`
  const imei = imeiBody + String(luhnCheckDigit(imeiBody))
  if (!isLuhnValid(imei)) throw new Error('internal: IMEI check digit')
  const alnum = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'
  const fsn = Array.from({ length: 13 }, () => alnum[Math.floor(random() * alnum.length)]).join('')
  const hex = (): string => Math.floor(random() * 0x10000).toString(16).toUpperCase().padStart(4, '0')
  return { imei, fsn, ssid: `NETGEAR${hex().slice(0, 2)}`, wifiPassphrase: `demo-${hex().toLowerCase()}-${hex().toLowerCase()}`, macPrefix: '9C:C9:EB' }
}

function defaultClients(): WifiClient[] {
  return [
    { name: 'laptop', mac: '3C:22:FB:10:4A:01', ip: '192.168.1.5', source: 'PrimaryAP' },
    { name: 'phone', mac: 'F0:99:BF:22:9C:3E', ip: '192.168.1.7', source: 'PrimaryAP' }
  ]
}
