// The HotspotDriver for Huawei HiLink sticks and E5 "Mobile WiFi" pocket routers.
// open(): cookie + tokens, then a login when the device wants one (never retried on failure).
// read(): the status endpoints one after another (the device's web server is single-minded), an endpoint
//   answering 100002 is left out; a 100003 means the login idled out (~5 min, reference §1.2) → re-open once.
// close(): log out (devices allow one admin session, so leaving it open locks out the user's browser), never throws.
import { ContractError } from '../../../contract/errors'
import type { DeviceTarget, HotspotDriver } from '../../driver'
import type { Capability, DeviceReading } from '../../model'
import { HttpSession } from '../../transports/http-session'
import { HUAWEI_LOGIN_REQUIRED, huaweiCodeOf } from './errors'
import { login, logout } from './login'
import type { FieldParseError } from './parse'
import { buildReading, type HuaweiRawReading } from './reading'
import { HuaweiSession } from './session'

export const HUAWEI_FAMILY_ID = 'huawei-hilink'

/** What this driver implements today. Narrowed per device after the first reading (e.g. no battery on sticks). */
export const HUAWEI_CAPABILITIES: readonly Capability[] = ['readIdentity', 'readMsisdn', 'readSignal', 'readUsage', 'readBattery']

export interface HuaweiDriverOptions {
  /** Per-request timeout; default 5000 ms. */
  timeoutMs?: number
  /** Requests in flight at once; default 1. */
  maxInFlight?: number
  /** Logout budget in close(); default 3000 ms. */
  closeTimeoutMs?: number
  fetch?: typeof fetch
}

const READ_PLAN: ReadonlyArray<readonly [keyof HuaweiRawReading, string]> = [
  ['information', 'device/information'],
  ['signal', 'device/signal'],
  ['status', 'monitoring/status'],
  ['traffic', 'monitoring/traffic-statistics'],
  ['month', 'monitoring/month_statistics'],
  ['startDate', 'monitoring/start_date'],
  ['plmn', 'net/current-plmn'],
  ['pin', 'pin/status']
]

export class HuaweiHilinkDriver implements HotspotDriver {
  readonly family = HUAWEI_FAMILY_ID
  /** Fields we could not read in the last reading (left out of it); for diagnostics. */
  lastIssues: FieldParseError[] = []

  private readonly caps = new Set<Capability>(HUAWEI_CAPABILITIES)
  private narrowed = false
  private http: HttpSession | undefined
  private session: HuaweiSession | undefined
  private opened = false
  private loggedIn = false
  private opening: Promise<void> | undefined

  constructor(
    private readonly target: DeviceTarget,
    private readonly options: HuaweiDriverOptions = {}
  ) {}

  get capabilities(): ReadonlySet<Capability> {
    return this.caps
  }

  open(signal?: AbortSignal): Promise<void> {
    // Concurrent callers share one attempt: two parallel logins would count as two failures on a wrong password.
    this.opening ??= this.doOpen(signal).finally(() => {
      this.opening = undefined
    })
    return this.opening
  }

  async read(signal?: AbortSignal): Promise<DeviceReading> {
    if (!this.opened) await this.open(signal)
    try {
      return await this.readOnce(signal)
    } catch (error) {
      if (huaweiCodeOf(error) !== HUAWEI_LOGIN_REQUIRED) throw error
      // The device dropped our login (idle timeout, or someone else logged in): one fresh session, one more read.
      this.discardSession()
      await this.open(signal)
      return await this.readOnce(signal)
    }
  }

  async close(): Promise<void> {
    const { http, session, loggedIn } = this
    this.http = undefined
    this.session = undefined
    this.opened = false
    this.loggedIn = false
    if (!http) return
    try {
      if (loggedIn && session) await logout(session, AbortSignal.timeout(this.options.closeTimeoutMs ?? 3000))
    } catch {
      // Best effort: the device forgets the session after its idle timeout anyway.
    } finally {
      http.close()
    }
  }

  private async doOpen(signal: AbortSignal | undefined): Promise<void> {
    const connection = this.target.connection
    if (connection.kind !== 'http') {
      throw new ContractError('BAD_INPUT', 'Huawei HiLink / Mobile WiFi devices are reached over HTTP (e.g. http://192.168.8.1).', { connection: connection.kind })
    }
    if (!this.http || this.http.isClosed) {
      this.http = new HttpSession({
        baseUrl: connection.baseUrl,
        timeoutMs: this.options.timeoutMs,
        maxInFlight: this.options.maxInFlight,
        fetch: this.options.fetch,
        // The stock web UI sends this on every API call; some firmware reject requests without it [U].
        defaultHeaders: { 'X-Requested-With': 'XMLHttpRequest' }
      })
      this.session = new HuaweiSession(this.http)
    }
    const session = this.session as HuaweiSession
    await session.establish(signal)
    const outcome = await login(session, this.target.credentials, signal)
    this.loggedIn = outcome.kind !== 'not-required'
    this.opened = true
  }

  private async readOnce(signal: AbortSignal | undefined): Promise<DeviceReading> {
    const session = this.session
    if (!session) throw new ContractError('DEVICE_GONE', 'The session with this device was closed.')
    const raw: HuaweiRawReading = {}
    for (const [key, endpoint] of READ_PLAN) raw[key] = await session.getOptional(endpoint, signal)
    const built = buildReading(raw)
    if (!built.ok) throw new ContractError('PROTOCOL', `The device sent no usable status: ${built.error.message}.`)
    this.lastIssues = built.issues
    this.narrowCapabilities(raw, built.reading)
    return built.reading
  }

  private narrowCapabilities(raw: HuaweiRawReading, reading: DeviceReading): void {
    if (this.narrowed) return
    this.narrowed = true
    if (!raw.information) this.caps.delete('readIdentity')
    if (!raw.information || !('Msisdn' in raw.information)) this.caps.delete('readMsisdn')
    if (!raw.signal && !raw.status) this.caps.delete('readSignal')
    if (!raw.traffic && !raw.month) this.caps.delete('readUsage')
    if (!reading.battery) this.caps.delete('readBattery')
  }

  private discardSession(): void {
    this.session?.reset()
    this.opened = false
    this.loggedIn = false
  }
}
