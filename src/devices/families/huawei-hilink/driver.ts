// The HotspotDriver for Huawei HiLink sticks and E5 "Mobile WiFi" pocket routers.
// open(): cookie + tokens, then a login when the device wants one (never retried on failure: a refused login is
//   kept and thrown again by every operation until open() is called explicitly).
// read(): the status endpoints one after another (the device's web server is single-minded), an endpoint
//   answering 100002 is left out; a 100003 means the login idled out (~5 min, reference §1.2) → re-open once.
// close(): log out (devices allow one admin session, so leaving it open locks out the user's browser), never throws.
// Operations (APN, USSD, SMS, control, Wi-Fi, unit settings) live in their own modules; the driver hands them a session with the same
// single re-login as read(), and declares their capabilities after probing the device once (capabilities.ts).
import { ContractError } from '../../../contract/errors'
import type { ApnOperations, ControlOperations, Credentials, DeviceSettingsOperations, DeviceTarget, HotspotDriver, SmsOperations, UssdOperations, WifiOperations } from '../../driver'
import type { Capability, DeviceReading } from '../../model'
import { HttpSession } from '../../transports/http-session'
import { createApnOperations } from './apn-ops'
import { probeOperations } from './capabilities'
import { createControlOperations } from './control-ops'
import { RequestEncryption } from './encryption'
import { HUAWEI_LOGIN_REQUIRED, huaweiCodeOf } from './errors'
import { login, logout } from './login'
import { abortableSleep, DEFAULT_TIMING, type Encrypt, type HuaweiFeatures, type HuaweiOpsContext, type HuaweiTiming } from './ops-context'
import type { FieldParseError } from './parse'
import { buildReading, type HuaweiRawReading } from './reading'
import { HuaweiSession } from './session'
import { createSettingsOperations } from './settings-ops'
import { createSmsOperations } from './sms-ops'
import { createUssdOperations } from './ussd-ops'
import { createWifiOperations } from './wifi-ops'

export const HUAWEI_FAMILY_ID = 'huawei-hilink'

/**
 * What this driver can read on any Huawei device. Narrowed per device after the first reading (e.g. no battery
 * on sticks); the operation capabilities (HUAWEI_OPERATION_CAPABILITIES) are added after the first login, for
 * what that device offers.
 */
export const HUAWEI_CAPABILITIES: readonly Capability[] = ['readIdentity', 'readMsisdn', 'readSignal', 'readUsage', 'readBattery']

/** Every operation capability this driver implements; a device gets the subset its firmware offers. */
export const HUAWEI_OPERATION_CAPABILITIES: readonly Capability[] = ['apnRead', 'apnWrite', 'dataSwitch', 'usageReset', 'reboot', 'pinUnlock', 'ussd', 'sms', 'wifiSettings', 'deviceSettings']

export interface HuaweiDriverOptions {
  /** Per-request timeout; default 5000 ms. */
  timeoutMs?: number
  /** Requests in flight at once; default 1. */
  maxInFlight?: number
  /** Logout budget in close(); default 3000 ms. */
  closeTimeoutMs?: number
  fetch?: typeof fetch
  /** Polling and patience of the operations (USSD, data switch, SMS sending); see DEFAULT_TIMING. */
  timing?: Partial<HuaweiTiming>
  /** For tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
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
  private probed = false
  private features: HuaweiFeatures = { dataLink: 'dataswitch', encrypt: false, wlan: 'none', settings: new Set() }
  /** The admin account; a copy of the target's, replaced after setAdminPassword (the caller's object is not touched). */
  private credentials: Credentials | undefined
  private http: HttpSession | undefined
  private session: HuaweiSession | undefined
  private opened = false
  private loggedIn = false
  private opening: Promise<void> | undefined
  /** A login the device refused (wrong password, lockout): not tried again until open() is called. */
  private refusedLogin: ContractError | undefined
  private readonly encryption = new RequestEncryption()
  private readonly ops: { apn: ApnOperations; ussd: UssdOperations; sms: SmsOperations; control: Required<ControlOperations>; wifi: WifiOperations; settings: DeviceSettingsOperations }

  constructor(
    private readonly target: DeviceTarget,
    private readonly options: HuaweiDriverOptions = {}
  ) {
    this.credentials = target.credentials ? { ...target.credentials } : undefined
    const context = this.operationContext()
    this.ops = {
      apn: createApnOperations(context),
      ussd: createUssdOperations(context),
      sms: createSmsOperations(context),
      control: createControlOperations(context),
      wifi: createWifiOperations(context),
      settings: createSettingsOperations(context)
    }
  }

  get capabilities(): ReadonlySet<Capability> {
    return this.caps
  }

  get apn(): ApnOperations | undefined {
    return this.caps.has('apnRead') ? this.ops.apn : undefined
  }

  get ussd(): UssdOperations | undefined {
    return this.caps.has('ussd') ? this.ops.ussd : undefined
  }

  get sms(): SmsOperations | undefined {
    return this.caps.has('sms') ? this.ops.sms : undefined
  }

  get wifi(): WifiOperations | undefined {
    return this.caps.has('wifiSettings') ? this.ops.wifi : undefined
  }

  get settings(): DeviceSettingsOperations | undefined {
    return this.caps.has('deviceSettings') ? this.ops.settings : undefined
  }

  /** Only the methods whose capability this device declared. */
  get control(): ControlOperations | undefined {
    const { control } = this.ops
    const offered: ControlOperations = {}
    if (this.caps.has('dataSwitch')) offered.setDataEnabled = control.setDataEnabled
    if (this.caps.has('reboot')) offered.reboot = control.reboot
    if (this.caps.has('usageReset')) offered.resetUsage = control.resetUsage
    if (this.caps.has('pinUnlock')) {
      offered.unlockPin = control.unlockPin
      offered.unlockPuk = control.unlockPuk
    }
    return Object.keys(offered).length > 0 ? offered : undefined
  }

  open(signal?: AbortSignal): Promise<void> {
    // An explicit open is the user's request: a refused login may be tried again now, once.
    this.refusedLogin = undefined
    return this.openOnce(signal)
  }

  private openOnce(signal?: AbortSignal): Promise<void> {
    // Concurrent callers share one attempt: two parallel logins would count as two failures on a wrong password.
    this.opening ??= this.doOpen(signal)
      .catch((error: unknown) => {
        if (error instanceof ContractError && (error.code === 'AUTH_FAILED' || error.code === 'LOCKED_OUT')) this.refusedLogin = error
        throw error
      })
      .finally(() => {
        this.opening = undefined
      })
    return this.opening
  }

  read(signal?: AbortSignal): Promise<DeviceReading> {
    return this.run((session) => this.readOnce(session, signal), signal)
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
    this.encryption.reset()
    await session.establish(signal)
    const outcome = await login(session, this.credentials, signal)
    this.loggedIn = outcome.kind !== 'not-required'
    if (!this.probed) {
      const probe = await probeOperations(session, signal)
      for (const capability of probe.capabilities) this.caps.add(capability)
      this.features = probe.features
      this.probed = true
    }
    this.opened = true
  }

  /** One step on a live session. The device dropped our login (idle timeout, someone else logged in): one fresh session, one more try. */
  private async run<T>(step: (session: HuaweiSession) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.refusedLogin) throw this.refusedLogin
    if (!this.opened) await this.openOnce(signal)
    try {
      return await step(this.liveSession())
    } catch (error) {
      if (huaweiCodeOf(error) !== HUAWEI_LOGIN_REQUIRED) throw error
      this.discardSession()
      await this.openOnce(signal)
      return await step(this.liveSession())
    }
  }

  private liveSession(): HuaweiSession {
    if (!this.session) throw new ContractError('DEVICE_GONE', 'The session with this device was closed.')
    return this.session
  }

  private operationContext(): HuaweiOpsContext {
    const timing: HuaweiTiming = { ...DEFAULT_TIMING, ...this.options.timing }
    const features = (): HuaweiFeatures => this.features
    return {
      run: (step, signal) => this.run(step, signal),
      encryption: (session, signal): Promise<Encrypt | undefined> =>
        this.features.encrypt ? this.encryption.encryptor(session, signal) : Promise.resolve(undefined),
      keyEncryption: (session, signal): Promise<Encrypt | undefined> =>
        this.encryption.encryptor(session, signal).catch((error: unknown) => {
          // No usable key is "no encryption available" here; a dead device is still an error.
          if (error instanceof ContractError && error.code === 'PROTOCOL') return undefined
          throw error
        }),
      get features() {
        return features()
      },
      timing,
      sleep: this.options.sleep ?? abortableSleep,
      forgetSession: () => this.discardSession(),
      account: {
        credentials: () => this.credentials,
        replacePassword: (password) => {
          this.credentials = { ...this.credentials, password }
        }
      }
    }
  }

  private async readOnce(session: HuaweiSession, signal: AbortSignal | undefined): Promise<DeviceReading> {
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
    this.encryption.reset()
    this.opened = false
    this.loggedIn = false
  }
}
