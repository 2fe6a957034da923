// ZteGoformSimulator: a ZTE goform device (MF61, MF96, MF79U-class) on loopback HTTP. It powers the demo
// hotspot, the integration tests and the benchmarks, and is meant to satisfy independent clients (the stock web
// UI's request shapes, public Python/C#/Node goform clients) as well as ours. It only ever listens on 127.0.0.1.
// Faults: unplug/replug, latency, HTTP 5xx, malformed JSON, a login elsewhere (kickSession), session expiry,
// lost signal, a used-up plan, SIM states; REBOOT_DEVICE takes the device off the network for a while.
import { LoopbackHttpEndpoint } from '../http/loopback-server'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { LockoutPolicy } from './auth'
import { SimulatedZteDevice, type DeviceStats, type RequestFacts, type SimReply } from './device'
import { seededRandom, type Random } from './prng'
import { isProfileId, PROFILES, type ZteDeviceProfile, type ZteProfileId } from './profiles'
import { isLuhnValid, luhnCheckDigit, TMOBILE_US_PREPAID, type SimCard } from './sim-card'
import type { SeedMessage, StoredSms } from './sms-store'
import { isVariantId, VARIANTS, type ZteVariant, type ZteVariantId } from './variants'

export type Latency = number | { min: number; max: number }

export interface ZteGoformSimulatorOptions {
  /** Device to play; default 'MF79U'. */
  profile?: ZteProfileId
  /** Firmware generation; default the profile's (MF61/MF96 'base64', MF79U 'sha256-md5ad'). */
  variant?: ZteVariantId
  /** Loopback port; default 0 (any free port). */
  port?: number
  /** Admin password; default "admin" (ZTE's factory default on these units). */
  password?: string
  /** Fields over the default demo SIM (a T-Mobile US prepaid line). */
  sim?: Partial<SimCard>
  /** Seed of the signal walk, traffic and identity; default 1. */
  seed?: number
  /** Clock for the live state, session idle timeout, lockout, USSD and connection timing; default Date.now. */
  now?: () => number
  /** Per-request delay: fixed ms or jittered between min and max; default 0. */
  latencyMs?: Latency
  /** The admin session idles out after this; default 300 000 ms [U]. */
  sessionIdleMs?: number
  /** Default 5 failures → 300 s (reference §2.2). */
  lockout?: Partial<LockoutPolicy>
  /** A second client's LOGIN while a session lives: 'refuse' answers "2" (default), 'replace' takes over. */
  duplicateLogin?: 'refuse' | 'replace'
  /** ppp_connecting lasts this long; default 3000 ms [U]. */
  connectDelayMs?: number
  /** ppp_disconnecting lasts this long; default 1000 ms [U]. */
  disconnectDelayMs?: number
  /** The network answers USSD after this; default 2000 ms [U]. */
  ussdDelayMs?: number
  /** SMS send/delete report their outcome after this; default 500 ms [U]. */
  smsCommandDelayMs?: number
  /** REBOOT_DEVICE keeps the device off the network this long; default 20 000 ms [U]. */
  rebootMs?: number
  /** Wi-Fi clients shown; default 2. */
  wifiClients?: number
  /** SSID1 and its WPA2 key out of the box; default derived from the seed ("ZTE_xxxxxx") [U: unit labels differ]. */
  wifiSsid?: string
  wifiKey?: string
  /** How long Wi-Fi clients stay away after a Wi-Fi change restarts the radio; default 4000 ms [U]. */
  wifiRestartMs?: number
  /** The inbox at power-up; default a demo inbox (carrier notice, Japanese, emoji, a long message missing a part). */
  messages?: readonly SeedMessage[]
  /** Quirk: raw carriage returns inside some string values. */
  strayControlChars?: boolean
}

export interface RequestLogEntry extends RequestFacts {
  at: number
  method: string
  path: string
  status: number
  /** The answer was replaced by malformed JSON (fault injection). */
  garbage?: boolean
  /** The answer was replaced by an HTTP 5xx (fault injection). */
  serverError?: boolean
}

/** Malformed answers for respondWithGarbage(): truncated JSON, binary noise, a proxy's HTML page, bad JSON. */
const GARBAGE = [
  '{"signalbar":"4","network_type":"LT',
  '\u0000\u0007\u00ff{{"result"::}\u0003',
  '<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>',
  '{"ppp_status":"ppp_connected",}',
  ''
]

const MAX_REQUEST_BODY = 64 * 1024
const LOG_LIMIT = 4000

export class ZteGoformSimulator {
  readonly profile: ZteDeviceProfile
  readonly variant: ZteVariant
  private readonly device: SimulatedZteDevice
  private readonly now: () => number
  private readonly jitter: Random
  private readonly rebootMs: number
  private latency: Latency
  private readonly http: LoopbackHttpEndpoint
  private garbageLeft = 0
  private garbageIndex = 0
  private serverErrorsLeft = 0
  private serverErrorStatus = 500
  private rebootTimer: NodeJS.Timeout | undefined
  private readonly sleepers = new Set<() => void>()
  private log: RequestLogEntry[] = []

  constructor(options: ZteGoformSimulatorOptions = {}) {
    const profileId = options.profile ?? 'MF79U'
    if (!isProfileId(profileId)) throw new RangeError(`unknown ZTE simulator profile "${String(profileId)}"`)
    this.profile = PROFILES[profileId]
    const variantId = options.variant ?? this.profile.defaultVariant
    if (!isVariantId(variantId)) throw new RangeError(`unknown ZTE simulator variant "${String(variantId)}"`)
    this.variant = VARIANTS[variantId]
    this.now = options.now ?? Date.now
    this.latency = options.latencyMs ?? 0
    this.http = new LoopbackHttpEndpoint({
      port: options.port ?? 0,
      maxBodyBytes: MAX_REQUEST_BODY,
      onRequest: (req, res, body) => void this.respond(req, res, body)
    })
    this.rebootMs = options.rebootMs ?? 20_000
    const seed = options.seed ?? 1
    this.jitter = seededRandom(seed ^ 0x5bd1e995)
    const random = seededRandom(seed)
    const identity = makeIdentity(random)
    this.device = new SimulatedZteDevice({
      profile: this.profile,
      variant: this.variant,
      password: options.password ?? 'admin',
      sim: { ...TMOBILE_US_PREPAID, ...options.sim },
      identity,
      random,
      now: this.now,
      sessionIdleMs: options.sessionIdleMs ?? 300_000,
      lockout: options.lockout,
      duplicateLogin: options.duplicateLogin ?? 'refuse',
      connectDelayMs: options.connectDelayMs ?? 3000,
      disconnectDelayMs: options.disconnectDelayMs ?? 1000,
      ussdDelayMs: options.ussdDelayMs ?? 2000,
      smsCommandDelayMs: options.smsCommandDelayMs ?? 500,
      wifiClients: options.wifiClients ?? 2,
      wifiRestartMs: options.wifiRestartMs ?? 4000,
      wifiSsid: options.wifiSsid ?? `ZTE_${identity.imei.slice(-6)}`,
      wifiKey: options.wifiKey ?? identity.imei.slice(-8).split('').reverse().join('') + identity.imei.slice(2, 6),
      messages: options.messages,
      strayControlChars: options.strayControlChars ?? false
    })
  }

  /** e.g. "MF79U". */
  get modelName(): string {
    return this.profile.modemModel
  }

  /** The admin password a driver should use (these devices have no user name); the current one after a change. */
  get credentials(): { password: string } {
    return { password: this.device.adminPassword }
  }

  /** SSID1 as the device holds it (passphrase in clear). */
  get wifi(): { ssid: string; authMode: string; encrypType: string; hidden: boolean; passphrase: string; maxAccess: number; restarts: number } {
    const wifi = this.device.wifi
    return { ssid: wifi.ssid, authMode: wifi.authMode, encrypType: wifi.encrypType, hidden: wifi.hidden, passphrase: wifi.passphrase, maxAccess: wifi.maxAccess, restarts: wifi.restarts }
  }

  /** Wi-Fi clients joined right now (0 while the radio restarts after a change). */
  get wifiClients(): number {
    return this.device.wifi.connectedClients()
  }

  get baseUrl(): string | undefined {
    return this.http.baseUrl
  }

  get stats(): Readonly<DeviceStats> {
    return { ...this.device.stats }
  }

  /** Whether an admin session is alive, and whose. */
  get session(): 'none' | 'client' | 'foreign' {
    const current = this.device.sessions.current
    return current === undefined ? 'none' : current.foreign ? 'foreign' : 'client'
  }

  get sim(): Readonly<SimCard> {
    return { ...this.device.sim }
  }

  /** DATA_LIMIT_SETTING's plan, the counter restart, the web UI language and FOTA auto-update as the device holds them. */
  get unitSettings(): {
    plan: { enabled: boolean; unit: 'data' | 'time'; size: string; alertPercent: number }
    clearDay: number
    autoClear: 'on' | 'off'
    language: string
    upgMode: '0' | '1'
  } {
    const { plan, unitSettings } = this.device
    return { plan: { ...plan }, clearDay: unitSettings.clearDay, autoClear: unitSettings.autoClear, language: unitSettings.language, upgMode: unitSettings.upgMode }
  }

  get pppStatus(): string {
    this.device.radio.advance()
    return this.device.radio.ppp
  }

  /** Monthly counters as the device holds them. */
  get monthBytes(): { tx: number; rx: number } {
    this.device.radio.advance()
    return { tx: this.device.radio.monthTx, rx: this.device.radio.monthRx }
  }

  get apnTable(): { mode: 'auto' | 'manual'; currentIndex: number; profiles: Array<{ name: string; apn: string; pdp: string }> } {
    return {
      mode: this.device.apn.mode,
      currentIndex: this.device.apn.currentIndex,
      profiles: this.device.apn.slots.map((slot) => ({ name: slot.name, apn: slot.apn, pdp: slot.pdp }))
    }
  }

  get messages(): readonly StoredSms[] {
    return this.device.sms.all.map((message) => ({ ...message }))
  }

  get ussdOpen(): boolean {
    return this.device.ussd.sessionOpen
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
    if (this.rebootTimer) clearTimeout(this.rebootTimer)
    this.rebootTimer = undefined
    const stopping = this.http.stop()
    this.wakeSleepers()
    await stopping
  }

  // ---- fault injection and scenario controls --------------------------------------------------------

  /** The device disappears: in-flight requests are cut, new connections refused, until replug(). */
  async unplug(): Promise<void> {
    const unplugging = this.http.unplug()
    this.wakeSleepers()
    await unplugging
  }

  /** Back on the same port (the session survives, like a cable pulled and pushed back). */
  async replug(): Promise<void> {
    await this.http.replug()
  }

  setLatency(latency: Latency): void {
    this.latency = latency
  }

  /** The next `count` answers are HTTP `status` (default 500) from the web server instead of JSON. */
  respondWithServerError(count = 1, status = 500): void {
    this.serverErrorsLeft += Math.max(0, Math.floor(count))
    this.serverErrorStatus = status >= 500 && status <= 599 ? status : 500
  }

  /** The next `count` answers are malformed. */
  respondWithGarbage(count = 1): void {
    this.garbageLeft += Math.max(0, Math.floor(count))
  }

  /** Someone logs in through the web UI elsewhere: our session ends and theirs holds the device. */
  kickSession(): void {
    this.device.sessions.kick()
  }

  /** Every session forgotten (idle timeout, web server restart); nobody holds the device. */
  expireSession(): void {
    this.device.sessions.clear()
  }

  setSignalLost(lost: boolean): void {
    this.device.radio.setSignalLost(lost)
  }

  /** The plan's data is used up: the month reaches the limit and the network refuses data sessions. */
  exhaustDataPlan(): void {
    this.device.radio.exhaustPlan(this.device.planBytes())
  }

  /** A top-up: the device dials again. */
  restoreDataPlan(): void {
    this.device.radio.restorePlan()
  }

  setSimState(state: 'ready' | 'absent' | 'pin-required' | 'puk-required'): void {
    this.device.setSimState(state)
  }

  /** A text message arrives. */
  receiveSms(from: string, text: string, zoneMinutes = 0): string | undefined {
    return this.device.sms.receive(from, text, zoneMinutes)?.id.toString()
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------

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
    try {
      reply = this.device.handle({ method, url: req.url ?? '/', headers: req.headers, body }, req.socket.address() as AddressInfo)
    } catch {
      reply = { status: 500, headers: { 'Content-Type': 'text/plain' }, cookies: [], body: 'Internal Server Error', facts: { refererOk: false, loggedIn: false } }
    }
    const entry: RequestLogEntry = { at: this.now(), method, path, status: reply.status, ...reply.facts }
    let payload = reply.body
    if (this.serverErrorsLeft > 0) {
      this.serverErrorsLeft--
      entry.status = this.serverErrorStatus
      entry.serverError = true
      reply = { ...reply, status: this.serverErrorStatus, headers: { Server: 'GoAhead-Webs', 'Content-Type': 'text/html' }, cookies: [] }
      payload = `<html><head><title>Document Error: Server Error</title></head><body><h2>Access Error: ${this.serverErrorStatus}</h2></body></html>`
    } else if (this.garbageLeft > 0) {
      this.garbageLeft--
      entry.garbage = true
      payload = GARBAGE[this.garbageIndex++ % GARBAGE.length] ?? ''
    }
    this.record(entry)
    if (reply.cookies.length > 0) res.setHeader('Set-Cookie', reply.cookies)
    for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value)
    res.setHeader('Content-Length', Buffer.byteLength(payload))
    res.writeHead(reply.status)
    res.end(method === 'HEAD' ? undefined : payload)
    if (reply.effect === 'reboot' && !entry.serverError) this.reboot()
  }

  /** The device goes away right after answering and comes back `rebootMs` later, its sessions forgotten. */
  private reboot(): void {
    this.device.reboot()
    if (this.rebootTimer) clearTimeout(this.rebootTimer)
    setImmediate(() => {
      if (!this.http.started) return // stopped meanwhile
      void this.unplug().then(() => {
        if (!this.http.started) return
        this.rebootTimer = setTimeout(() => {
          this.rebootTimer = undefined
          if (this.http.started) void this.replug().catch(() => undefined)
        }, this.rebootMs)
      })
    })
  }

  private record(entry: RequestLogEntry): void {
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

/** A stable, plausible identity from the seed: IMEI with a valid Luhn digit, carrier-ish WAN addresses. */
function makeIdentity(random: Random): { imei: string; wanIpv4: string; wanIpv6: string } {
  const digits = (count: number): string => Array.from({ length: count }, () => Math.floor(random() * 10)).join('')
  const imeiBody = `86${digits(12)}`
  const imei = imeiBody + luhnCheckDigit(imeiBody)
  if (!isLuhnValid(imei)) throw new Error('internal: IMEI check digit')
  const wanIpv4 = `10.${20 + Math.floor(random() * 200)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`
  const hex = (): string => Math.floor(random() * 0x10000).toString(16)
  const wanIpv6 = `2607:fb90:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}` // a T-Mobile US prefix
  return { imei, wanIpv4, wanIpv6 }
}
