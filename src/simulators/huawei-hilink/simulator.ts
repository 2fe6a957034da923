// HuaweiHilinkSimulator: a faithful Huawei HiLink / E5 "Mobile WiFi" device on loopback HTTP. It powers the
// demo hotspot, the integration tests and the benchmarks, and is meant to satisfy independent clients
// (e.g. Salamek/huawei-lte-api) as well as ours. It only ever listens on 127.0.0.1.
// Faults: unplug/replug, latency, session expiry, token invalidation, garbage answers, lost signal, used-up plan,
// a silent USSD network, incoming messages. Operations: APN profiles, data switch, PIN/PUK, USSD, SMS, traffic
// reset, Wi-Fi settings and the admin password, and a restart (device/control) during which the device is
// unreachable for rebootMs.
import { LoopbackHttpEndpoint } from '../http/loopback-server'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { DEFAULT_LOCKOUT, type LockoutPolicy } from './auth'
import { DataConnection } from './data-connection'
import { SimulatedHuaweiDevice, type PowerAction, type SimReply, type SimStats } from './device'
import { DialupProfiles, type DialProfile } from './dialup-profiles'
import { LiveState } from './live-state'
import { clamp, seededRandom, type Random } from './prng'
import type { DeviceIdentity, PlanSettings } from './responses'
import { DeviceRsaKey } from './rsa-key'
import { isLuhnValid, luhnCheckDigit, TMOBILE_US_PREPAID, type SimProfile } from './sim-profile'
import { demoInbox, SmsStore, type StoredSms } from './sms-store'
import { UnitSettings } from './unit-settings'
import { UssdService } from './ussd'
import { isVariantId, VARIANTS, type HuaweiVariant, type VariantId } from './variants'
import { WlanState, type WlanSsid } from './wlan'

export type Latency = number | { min: number; max: number }

export interface HuaweiHilinkSimulatorOptions {
  /** Firmware to play; default 'E5577'. */
  variant?: VariantId
  /** Loopback port; default 0 (any free port). */
  port?: number
  /** Admin account; default admin / admin (Huawei's factory default). */
  username?: string
  password?: string
  /** Override the variant's state-login password_type (0 = base64, 4 = SHA-256 with token). */
  passwordType?: 0 | 3 | 4
  /** 'scram' = challenge_login / authentication_login (extern_password_type 1); classic login stays accepted. */
  loginMode?: 'classic' | 'scram'
  /** Override the variant (false = HiLink stick with hilink_login 0). */
  loginRequired?: boolean
  /** Fields over the default demo SIM (a T-Mobile US prepaid line). */
  sim?: Partial<SimProfile>
  /** Seed of the signal walk, traffic and identity; default 1. */
  seed?: number
  /** Clock for the live state, session idle timeout and lockout; default Date.now. */
  now?: () => number
  /** Per-request delay: fixed ms or jittered between min and max; default 0. */
  latencyMs?: Latency
  /** A logged-in session idles out after this; default 300 000 ms (stock web UI LOGOUT_TIMEOUT_MAIN, reference §1.2). */
  sessionIdleMs?: number
  /** Default 5 failures → 5 minutes (see auth.ts for the source). */
  lockout?: Partial<LockoutPolicy>
  /** PBKDF2 iterations of the SCRAM account; default 100 [U]. */
  scramIterations?: number
  /** Wi-Fi clients shown by pocket routers; default 2. */
  wifiClients?: number
  /** How long an explicit data switch-on (or a restart) takes to connect; default 2500 ms [U: real units 2–10 s]. */
  dataConnectMs?: number
  /** How long switching data off takes; default 800 ms. */
  dataDisconnectMs?: number
  /** How long the device is unreachable after device/control Control=1; default 25 000 ms [U: real units ~40–60 s]. */
  rebootMs?: number
  /** Network round trip of a USSD request; default 1500 ms. */
  ussdReplyMs?: number
  /** When the USSD network is silent (setUssdNetworkSilent), ussd/get answers 111020 after this; default 20 000 ms [U]. */
  ussdNetworkTimeoutMs?: number
  /** LocalMax: messages the device stores; default 500 (home-assistant/core diagnostics snapshot). */
  smsCapacity?: number
  /** 'demo' (default): four messages incl. a Japanese one and a joined multipart; 'empty': none. */
  smsInbox?: 'demo' | 'empty'
  /** How long a sent message stays "sending" in send-status; default 800 ms. */
  smsSendMs?: number
  /** Refuse sms-list requests with elements out of the documented order, as the B525 does; default false. */
  strictSmsListOrder?: boolean
  /** Override the variant's rsapadingtype (0 = PKCS#1 v1.5, 1 = OAEP). */
  rsaPadding?: 0 | 1
  /** The main SSID and its WPA2 key out of the box; default derived from the seed ("HUAWEI-xxxx"). */
  wifiSsid?: string
  wifiKey?: string
  /** How long Wi-Fi clients stay away after a Wi-Fi change restarts the radio; default 4000 ms [U: units take 3–10 s]. */
  wifiRestartMs?: number
}

export interface RequestLogEntry {
  at: number
  method: string
  path: string
  status: number
  huaweiCode?: number
  /** The answer was replaced by garbage (fault injection). */
  garbage?: boolean
}

// Malformed answers for respondWithGarbage(): a truncated document, binary noise, a proxy's HTML error page
// (well-formed but not Huawei), mismatched tags.
const GARBAGE = [
  '<?xml version="1.0" encoding="UTF-8"?>\r\n<response>\r\n<ConnectionStatus>90',
  '\u0000\u0007\u00ff<<respon se>>\u0003',
  '<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>',
  '<?xml version="1.0" encoding="UTF-8"?><response><SignalIcon>4</Signal></response>'
]

const MAX_REQUEST_BODY = 64 * 1024
const LOG_LIMIT = 2000

export class HuaweiHilinkSimulator {
  readonly variant: HuaweiVariant
  readonly sim: SimProfile
  private readonly device: SimulatedHuaweiDevice
  private readonly live: LiveState
  private readonly username: string
  private readonly now: () => number
  private readonly jitter: Random
  private latency: Latency
  private readonly http: LoopbackHttpEndpoint
  private garbageLeft = 0
  private garbageIndex = 0
  private readonly sleepers = new Set<() => void>()
  private log: RequestLogEntry[] = []
  private readonly rebootMs: number
  private rebootTimer: ReturnType<typeof setTimeout> | undefined
  private poweredOff = false
  private readonly profilesStore: DialupProfiles
  private readonly dataConnection: DataConnection
  private readonly ussdService: UssdService
  private readonly smsStore: SmsStore
  private readonly wlan: WlanState | undefined
  private readonly unitSettings = new UnitSettings()

  constructor(options: HuaweiHilinkSimulatorOptions = {}) {
    const variantId = options.variant ?? 'E5577'
    if (!isVariantId(variantId)) throw new RangeError(`unknown Huawei simulator variant "${String(variantId)}"`)
    this.variant = VARIANTS[variantId]
    this.sim = { ...TMOBILE_US_PREPAID, ...options.sim }
    this.username = options.username ?? 'admin'
    this.now = options.now ?? Date.now
    this.latency = options.latencyMs ?? 0
    this.http = new LoopbackHttpEndpoint({
      port: options.port ?? 0,
      maxBodyBytes: MAX_REQUEST_BODY,
      onRequest: (req, res, body) => void this.respond(req, res, body)
    })
    const seed = options.seed ?? 1
    this.jitter = seededRandom(seed ^ 0x5bd1e995)
    const random = seededRandom(seed)

    const plan: PlanSettings = {
      startDay: clamp(Math.round(this.sim.billingDay), 1, 31),
      dataLimit: this.sim.dataLimit,
      monthThreshold: this.sim.monthThresholdPercent,
      setMonthData: 1
    }
    this.live = new LiveState({
      random,
      now: this.now,
      radio: this.variant.radio,
      planLimitBytes: planBytes(this.sim.dataLimit),
      billingDay: plan.startDay
    })
    this.sim.pinLockEnabled ??= this.sim.pinState !== 'ready'
    this.rebootMs = options.rebootMs ?? 25_000
    this.profilesStore = new DialupProfiles(this.sim.presetProfile, this.variant.dialup)
    this.dataConnection = new DataConnection(
      this.now,
      { connectMs: options.dataConnectMs ?? 2500, disconnectMs: options.dataDisconnectMs ?? 800 },
      this.sim,
      this.live,
      this.profilesStore
    )
    this.ussdService = new UssdService(this.now, { replyMs: options.ussdReplyMs ?? 1500, networkTimeoutMs: options.ussdNetworkTimeoutMs ?? 20_000 })
    this.smsStore = new SmsStore(this.now, options.smsCapacity ?? 500, options.smsInbox === 'empty' ? [] : demoInbox(this.now()))
    const identity = makeIdentity(random)
    const wifiClients = this.variant.wifiMaxClients === null ? 0 : (options.wifiClients ?? 2)
    const suffix = identity.macAddress.slice(-5).replace(':', '')
    this.wlan =
      this.variant.wlan === null
        ? undefined
        : new WlanState(this.variant.wlan, {
            now: this.now,
            restartMs: options.wifiRestartMs ?? 4000,
            clients: wifiClients,
            ssid: options.wifiSsid ?? `HUAWEI-${suffix}`,
            key: options.wifiKey ?? `${suffix.toLowerCase()}${identity.imei.slice(-6)}`,
            macPrefix: identity.macAddress.slice(0, 14)
          })
    this.device = new SimulatedHuaweiDevice({
      variant: this.variant,
      username: this.username,
      password: options.password ?? 'admin',
      passwordType: options.passwordType ?? this.variant.passwordType,
      loginMode: options.loginMode ?? this.variant.loginMode,
      loginRequired: options.loginRequired ?? this.variant.loginRequired,
      sim: this.sim,
      identity,
      plan,
      wifiClients,
      now: this.now,
      sessionIdleMs: options.sessionIdleMs ?? 300_000,
      lockout: { ...DEFAULT_LOCKOUT, ...options.lockout },
      scramIterations: options.scramIterations ?? 100,
      live: this.live,
      rsaPadding: options.rsaPadding ?? this.variant.rsaPadding,
      operations: {
        variant: this.variant,
        sim: this.sim,
        live: this.live,
        profiles: this.profilesStore,
        data: this.dataConnection,
        ussd: this.ussdService,
        sms: this.smsStore,
        rsaKey: new DeviceRsaKey(),
        planBytes: () => planBytes(this.device.plan.dataLimit),
        smsSendMs: options.smsSendMs ?? 800,
        strictSmsListOrder: options.strictSmsListOrder ?? false,
        wlan: this.wlan,
        unitSettings: this.unitSettings
      }
    })
  }

  /** The DeviceName the device reports, e.g. "E5577Cs-321". */
  get modelName(): string {
    return this.variant.deviceName
  }

  /** The admin account a driver should use (the current password, after any change through the API). */
  get credentials(): { username: string; password: string } {
    return { username: this.username, password: this.device.adminPassword }
  }

  /** The main SSID as the device holds it (keys included); undefined on sticks without Wi-Fi. */
  get wifi(): Readonly<WlanSsid> | undefined {
    return this.wlan ? { ...this.wlan.main } : undefined
  }

  /** Every SSID (main and guest). */
  get wifiNetworks(): Array<Readonly<WlanSsid>> {
    return this.wlan ? this.wlan.ssids.map((ssid) => ({ ...ssid })) : []
  }

  /** Wi-Fi clients joined right now (0 while the radio restarts after a change). */
  get wifiClients(): number {
    return this.wlan?.connectedClients() ?? 0
  }

  /** Radio restarts caused by Wi-Fi changes. */
  get wifiRestarts(): number {
    return this.wlan?.restarts ?? 0
  }

  get baseUrl(): string | undefined {
    return this.http.baseUrl
  }

  get stats(): Readonly<SimStats> {
    return { ...this.device.stats }
  }

  /** Sessions currently logged in (at most one: a new login ends the others). */
  get loggedInSessions(): number {
    return this.device.sessions.loggedInCount
  }

  /** The monthly plan as the device's statistics alarm holds it (start_date). */
  get plan(): Readonly<PlanSettings> {
    return { ...this.device.plan }
  }

  /** The web UI language ("en-us" …) and the auto-update flag as the device holds them. */
  get unitPreferences(): { language: string; autoUpdate: boolean } {
    return { language: this.unitSettings.language, autoUpdate: this.unitSettings.autoUpdate }
  }

  /** The dial-up profiles as the device holds them, and the default's index. */
  get profiles(): { list: DialProfile[]; current: number } {
    return { list: this.profilesStore.all, current: this.profilesStore.currentIndex }
  }

  /** monitoring/status ConnectionStatus right now. */
  get connectionStatus(): number {
    return this.dataConnection.statusCode()
  }

  /** dialup/mobile-dataswitch. */
  get dataEnabled(): boolean {
    return this.dataConnection.enabled
  }

  /** Every stored message (inbox, sent, drafts). */
  get messages(): StoredSms[] {
    return this.smsStore.all
  }

  /** Unreachable because of a restart (or switched off) through device/control. */
  get isDown(): boolean {
    return this.rebootTimer !== undefined || this.poweredOff
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
    if (this.rebootTimer !== undefined) clearTimeout(this.rebootTimer)
    this.rebootTimer = undefined
    const stopping = this.http.stop()
    this.wakeSleepers()
    await stopping
  }

  // ---- fault injection -------------------------------------------------------------------------------

  /** The device disappears: in-flight requests are cut, new connections refused, until replug(). */
  async unplug(): Promise<void> {
    const unplugging = this.http.unplug()
    this.wakeSleepers()
    await unplugging
  }

  /** Back on the same port (sessions survive, like a cable pulled and pushed back). */
  async replug(): Promise<void> {
    await this.http.replug()
  }

  setLatency(latency: Latency): void {
    this.latency = latency
  }

  /** Every session forgotten: the next login-protected request gets 100003. */
  expireSession(): void {
    this.device.sessions.expireAll()
  }

  /** Every CSRF token becomes invalid: the next POST gets 125002 until fresh tokens are fetched. */
  invalidateTokens(): void {
    this.device.sessions.invalidateTokens()
  }

  /** The next `count` answers are malformed. */
  respondWithGarbage(count = 1): void {
    this.garbageLeft += Math.max(0, Math.floor(count))
  }

  setSignalLost(lost: boolean): void {
    this.live.setSignalLost(lost)
  }

  /** The plan's data is used up: ConnectionStatus 201 (data volume exceeded), no WAN address, no traffic. */
  exhaustDataPlan(): void {
    this.live.exhaustPlan(planBytes(this.device.plan.dataLimit))
  }

  /** A top-up: the connection comes back. */
  restoreDataPlan(): void {
    this.live.restorePlan()
  }

  /** The USSD network stops answering: ussd/get says 111019 until ussdNetworkTimeoutMs, then 111020. */
  setUssdNetworkSilent(silent: boolean): void {
    this.ussdService.silent = silent
  }

  /** A message arrives (joined already when long). False when storage is full. */
  receiveSms(from: string, text: string): boolean {
    return this.smsStore.receive(from, text)
  }

  /** Switch the guest SSID on or off, as its owner would in the web page (variants that have one). */
  setGuestWifi(enabled: boolean): void {
    const guest = this.wlan?.ssids.find((ssid) => ssid.guest)
    if (!guest) throw new Error(`the ${this.variant.id} simulator has no guest SSID`)
    guest.enabled = enabled
  }

  /** The next Wi-Fi change is answered OK but not kept (firmware that silently ignore a setting). */
  ignoreNextWifiChange(): void {
    if (this.wlan) this.wlan.ignoreNextChange = true
  }

  /** Press the power button on a device switched off with device/control Control=4. */
  async powerOn(): Promise<void> {
    if (!this.poweredOff) return
    this.poweredOff = false
    this.device.bootUp()
    await this.replug()
  }

  // ---- device/control -----------------------------------------------------------------------------------

  private async powerCycle(action: PowerAction): Promise<void> {
    if (!this.http.started || this.isDown) return
    await this.unplug()
    if (action === 'power-off') {
      this.poweredOff = true
      return
    }
    this.rebootTimer = setTimeout(() => {
      this.rebootTimer = undefined
      if (!this.http.started) return
      this.device.bootUp()
      void this.replug().catch(() => undefined)
    }, this.rebootMs)
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
    let reply: SimReply
    try {
      reply = this.device.handle({ method, url: req.url ?? '/', headers: req.headers, body })
    } catch {
      reply = { status: 500, headers: { 'Content-Type': 'text/plain' }, cookies: [], body: 'Internal Server Error' }
    }
    let payload = reply.body
    const garbage = this.garbageLeft > 0
    if (garbage) {
      this.garbageLeft--
      payload = GARBAGE[this.garbageIndex++ % GARBAGE.length] ?? ''
    }
    this.record({ at: this.now(), method, path: (req.url ?? '/').split('?')[0] ?? '/', status: reply.status, huaweiCode: reply.huaweiCode, garbage })
    if (reply.cookies.length > 0) res.setHeader('Set-Cookie', reply.cookies)
    for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value)
    res.setHeader('Content-Length', Buffer.byteLength(payload))
    if (reply.power) res.setHeader('Connection', 'close')
    res.writeHead(reply.status)
    const power = reply.power
    // The answer leaves first; then the device goes away (restart or power off).
    res.end(method === 'HEAD' ? undefined : payload, () => {
      if (power) setTimeout(() => void this.powerCycle(power), 10)
    })
  }

  private record(entry: RequestLogEntry): void {
    if (entry.huaweiCode === undefined) delete entry.huaweiCode
    if (!entry.garbage) delete entry.garbage
    this.log.push(entry)
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT)
  }

  private nextDelay(): number {
    const latency = this.latency
    if (typeof latency === 'number') return Math.max(0, latency)
    const min = Math.max(0, Math.min(latency.min, latency.max))
    const max = Math.max(latency.min, latency.max)
    return min + this.jitter() * (max - min)
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

/** "10GB" → bytes, binary units as the stock web UI counts them. */
function planBytes(limit: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(MB|GB|TB)$/i.exec(limit.trim())
  if (!match) return 10 * 1024 ** 3
  const power = { MB: 2, GB: 3, TB: 4 }[(match[2] ?? 'GB').toUpperCase() as 'MB' | 'GB' | 'TB']
  return Math.round(Number(match[1]) * 1024 ** power)
}

/** A stable, plausible identity from the seed: IMEI with a valid Luhn digit, Huawei-OUI MAC, carrier-ish IPs. */
function makeIdentity(random: Random): DeviceIdentity {
  const digits = (count: number): string => Array.from({ length: count }, () => Math.floor(random() * 10)).join('')
  const imeiBody = `86${digits(12)}`
  const imei = imeiBody + luhnCheckDigit(imeiBody)
  const alnum = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'
  const serialNumber = Array.from({ length: 16 }, () => alnum[Math.floor(random() * alnum.length)]).join('')
  const byte = (): string => Math.floor(random() * 256).toString(16).toUpperCase().padStart(2, '0')
  const macAddress = `00:1E:10:${byte()}:${byte()}:${byte()}` // 00:1E:10 is a Huawei OUI
  const wanIpv4 = `10.${20 + Math.floor(random() * 200)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`
  const hex = (): string => Math.floor(random() * 0x10000).toString(16)
  const wanIpv6 = `2607:fb90:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}` // a T-Mobile US prefix
  if (!isLuhnValid(imei)) throw new Error('internal: IMEI check digit')
  return { imei, serialNumber, macAddress, wanIpv4, wanIpv6 }
}
