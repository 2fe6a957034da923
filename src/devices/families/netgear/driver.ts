// The HotspotDriver for Netgear AirCard / Nighthawk (MR1100 "M1", MR2100 …) hotspots and LB/LM LTE modems:
// one GET of model.json gives the whole state, writes are form posts to /Forms/* (reference §3).
// open(): session cookie + token; a login only when the model says userRole "Guest". Posting the password on a
//   session that is already Admin logs it OUT on at least the MR2100 (an MR2100 web-UI study [R]), so we never do.
//   A refused login is never retried: the refusal is kept and thrown again until a new driver gets new credentials.
// read(): one model.json. If our admin session is gone:
//   - the device sent us through /sess_cd_tmp (idle expiry, reboot): log in once more (that password worked);
//   - same cookie but now "Guest": someone else logged in (web page, app). Those devices allow one admin session,
//     and taking it straight back makes the two fight (home-assistant/core#140533), so we report BUSY and log in
//     again only after `reloginAfterKickMs`.
// close(): releases sockets. There is no documented logout (the password post toggles, see above).
import { ContractError } from '../../../contract/errors'
import type { ApnOperations, ControlOperations, Credentials, DevicePreferenceName, DeviceSettingsOperations, DeviceTarget, HotspotDriver, SmsOperations, WifiOperations } from '../../driver'
import type { ApnDraft, ApnProfile, Capability, DeviceReading, SmsMessage } from '../../model'
import { HttpSession } from '../../transports/http-session'
import { httpStatusError, passwordRequiredError, refusedError, sessionTakenError, wrongPasswordError } from './errors'
import type { FormOutcome } from './forms'
import { arrayAt, at, isJsonObject, objectAt, stringAt, type JsonObject } from './json'
import { authTypeToDevice, parseProfileList, pdpTypeToDevice, type FieldParseError, type NetgearProfile } from './parse'
import { buildReading, parseSmsList } from './reading'
import { CONFIG_FORM, NetgearSession, PROFILE_FORM, SMS_SEND_FORM } from './session'
import { hasDataPlan } from './settings'
import { createNetgearSettingsOperations } from './settings-ops'
import { hasWifiRadio } from './wifi'
import { createNetgearWifiOperations } from './wifi-ops'

export const NETGEAR_FAMILY_ID = 'netgear'

/**
 * What this driver implements. Narrowed per device after the first reading (no battery on LB/LM modems …);
 * wifiSettings is added after the first admin model on units with a Wi-Fi radio, deviceSettings (the data plan
 * only, settings.ts) on units whose model shows the data meter's limit and billing day.
 */
export const NETGEAR_CAPABILITIES: readonly Capability[] = [
  'readIdentity',
  'readMsisdn',
  'readSignal',
  'readUsage',
  'readBattery',
  'apnRead',
  'apnWrite',
  'dataSwitch',
  'reboot',
  'sms'
]

export interface NetgearDriverOptions {
  /** Per-request timeout; default 8000 ms (model.json is 50–100 KB, reference §7). */
  timeoutMs?: number
  /** Requests in flight at once; default 1. */
  maxInFlight?: number
  /** After another admin took the session, wait this long before logging in again; default 30 000 ms. */
  reloginAfterKickMs?: number
  /** Clock for the kick back-off; default Date.now. */
  now?: () => number
  fetch?: typeof fetch
}

/** The sms.sendMsg.clientId we send, to find our own messages in sms.sendMsg[]. */
const SMS_CLIENT_ID = 'hotspot-desk'
/** A model fetched while opening is reused by a read that follows at once (wall clock). */
const FRESH_MODEL_MS = 2000

export class NetgearDriver implements HotspotDriver {
  readonly family = NETGEAR_FAMILY_ID
  readonly apn: ApnOperations
  readonly sms: SmsOperations
  readonly control: ControlOperations
  /** Fields we could not read in the last reading (left out of it); for diagnostics. */
  lastIssues: FieldParseError[] = []

  private readonly caps = new Set<Capability>(NETGEAR_CAPABILITIES)
  private readonly now: () => number
  private narrowed = false
  private http: HttpSession | undefined
  private session: NetgearSession | undefined
  private opened = false
  private opening: Promise<void> | undefined
  private loginRefused: ContractError | undefined
  private loginGeneration = 0
  private kickedAt: number | undefined
  private freshModel: { model: JsonObject; at: number } | undefined
  private modelName: string | undefined
  /** A copy of the target's admin credentials, replaced after setAdminPassword (the caller's object is untouched). */
  private credentials: Credentials | undefined
  private wifiChecked = false
  private readonly wifiOps: WifiOperations
  private settingsSupport: ReadonlySet<DevicePreferenceName> = new Set()
  private readonly settingsOps: DeviceSettingsOperations

  constructor(
    private readonly target: DeviceTarget,
    private readonly options: NetgearDriverOptions = {}
  ) {
    this.now = options.now ?? Date.now
    this.credentials = target.credentials ? { ...target.credentials } : undefined
    this.wifiOps = createNetgearWifiOperations({
      adminModel: (signal) => this.adminModel(signal),
      writeConfig: (fields, action, signal) => this.write(CONFIG_FORM, fields, action, signal),
      currentPassword: () => this.credentials?.password,
      replacePassword: (password) => {
        this.credentials = { ...this.credentials, password }
      }
    })
    this.settingsOps = createNetgearSettingsOperations({
      supports: () => this.settingsSupport,
      adminModel: (signal) => this.adminModel(signal),
      writeConfig: (fields, action, signal) => this.write(CONFIG_FORM, fields, action, signal)
    })
    this.apn = {
      list: (signal) => this.listProfiles(signal).then((profiles) => profiles.map(toApnProfile)),
      create: (draft, signal) => this.createProfile(draft, signal),
      update: (id, draft, signal) => this.updateProfile(id, draft, signal),
      remove: (id, signal) => this.write(PROFILE_FORM, { action: 'delete', 'profile.id': id }, 'delete the APN profile', signal),
      // wwan.profile.default + promptForApnSelection=false is what the web UI posts (MR2100 web-UI study [R]).
      setDefault: (id, signal) =>
        this.write(CONFIG_FORM, { 'wwan.profile.default': id, 'wwan.profile.promptForApnSelection': 'false' }, 'make the APN profile the default', signal),
      reattach: (signal) => this.reattach(signal)
    }
    this.sms = {
      list: (signal) => this.listSms(signal),
      remove: (id, signal) => this.write(CONFIG_FORM, { 'sms.deleteId': id }, 'delete the message', signal),
      // sms.readId: the web UI's mark-as-read (MR2100 web-UI study and a Python client, indexed [R]).
      markRead: (id, signal) => this.write(CONFIG_FORM, { 'sms.readId': id }, 'mark the message read', signal),
      send: (to, text, signal) => this.sendSms(to, text, signal)
    }
    this.control = {
      setDataEnabled: (enabled, signal) =>
        this.write(CONFIG_FORM, { 'wwan.connect': enabled ? 'DefaultProfile' : 'Disconnect' }, enabled ? 'connect mobile data' : 'disconnect mobile data', signal),
      reboot: (signal) => this.reboot(signal)
    }
  }

  get capabilities(): ReadonlySet<Capability> {
    return this.caps
  }

  get wifi(): WifiOperations | undefined {
    return this.caps.has('wifiSettings') ? this.wifiOps : undefined
  }

  get settings(): DeviceSettingsOperations | undefined {
    return this.caps.has('deviceSettings') ? this.settingsOps : undefined
  }

  open(signal?: AbortSignal): Promise<void> {
    if (this.loginRefused) return Promise.reject(this.loginRefused)
    // Concurrent callers share one attempt: two parallel logins would be two attempts.
    this.opening ??= this.doOpen(signal).finally(() => {
      this.opening = undefined
    })
    return this.opening
  }

  async read(signal?: AbortSignal): Promise<DeviceReading> {
    const model = await this.adminModel(signal)
    this.modelName = stringAt(model, 'general.model') ?? this.modelName
    const built = buildReading(model)
    if (!built.ok) throw new ContractError('PROTOCOL', `The device sent no usable status: ${built.error.message}.`)
    this.lastIssues = built.issues
    this.narrowCapabilities(model, built.reading)
    return built.reading
  }

  async close(): Promise<void> {
    const http = this.http
    this.http = undefined
    this.session = undefined
    this.opened = false
    this.freshModel = undefined
    http?.close()
  }

  // ---- session -----------------------------------------------------------------------------------------

  private async doOpen(signal: AbortSignal | undefined): Promise<void> {
    const connection = this.target.connection
    if (connection.kind !== 'http') {
      throw new ContractError('BAD_INPUT', 'Netgear hotspots are reached over HTTP (e.g. http://192.168.1.1).', { connection: connection.kind })
    }
    if (!this.http || this.http.isClosed) {
      this.http = new HttpSession({
        baseUrl: connection.baseUrl,
        timeoutMs: this.options.timeoutMs ?? 8000,
        maxInFlight: this.options.maxInFlight,
        fetch: this.options.fetch
      })
      this.session = new NetgearSession(this.http)
    }
    const session = this.session as NetgearSession
    const fetched = await session.fetchModel(signal)
    // Firmware without session.userRole [U]: log in when we have a password, else read what it shows.
    const noPassword = !this.credentials?.password
    if (fetched.model && (fetched.role === 'admin' || (fetched.role === 'unknown' && noPassword))) {
      this.remember(fetched.model)
      this.opened = true
      return
    }
    await this.login(session, signal)
    this.opened = true
  }

  /** Exactly one login attempt; a refusal is kept so nothing tries again. */
  private async login(session: NetgearSession, signal: AbortSignal | undefined): Promise<void> {
    const password = this.credentials?.password
    if (password === undefined || password === '') throw passwordRequiredError()
    if (session.token === undefined) await session.fetchModel(signal)
    const outcome = await session.login(password, signal)
    if (outcome.kind === 'http-error') throw httpStatusError(outcome.status, '/Forms/config')
    if (outcome.kind === 'elsewhere') {
      // Sent to /sess_cd_tmp: the session ended before the form was read, so the password was never judged.
      session.reset()
      throw new ContractError('BUSY', 'The device started a new session while Hotspot Desk was logging in. It will try again on the next update.', {
        reason: 'session-restarted'
      })
    }
    // The role in the model is the truth; the redirect only says what the web UI would show.
    const after = await session.fetchModel(signal)
    if (after.model && (after.role === 'admin' || (after.role === 'unknown' && outcome.kind === 'ok'))) {
      this.loginGeneration++
      this.remember(after.model)
      return
    }
    this.loginRefused = wrongPasswordError()
    throw this.loginRefused
  }

  /** The model as admin, logging in again once when the session expired. */
  private async adminModel(signal: AbortSignal | undefined): Promise<JsonObject> {
    if (!this.opened) await this.open(signal)
    const fresh = this.takeFreshModel()
    if (fresh && Date.now() - fresh.at < FRESH_MODEL_MS) return fresh.model
    const session = this.requireSession()
    const fetched = await session.fetchModel(signal)
    if (fetched.model && fetched.role !== 'guest') {
      this.kickedAt = undefined
      return fetched.model
    }
    if (!fetched.sessionRenewed) {
      const now = this.now()
      this.kickedAt ??= now
      if (now - this.kickedAt < (this.options.reloginAfterKickMs ?? 30_000)) throw sessionTakenError()
    }
    this.kickedAt = undefined
    this.opened = false
    await this.open(signal)
    const again = this.takeFreshModel()
    if (again) return again.model
    throw new ContractError('PROTOCOL', 'The device dropped the admin session right after accepting the login.')
  }

  private takeFreshModel(): { model: JsonObject; at: number } | undefined {
    const fresh = this.freshModel
    this.freshModel = undefined
    return fresh
  }

  private remember(model: JsonObject): void {
    this.freshModel = { model, at: Date.now() }
    if (!this.wifiChecked) {
      this.wifiChecked = true
      if (hasWifiRadio(model)) this.caps.add('wifiSettings')
      if (hasDataPlan(model)) {
        this.settingsSupport = new Set<DevicePreferenceName>(['dataPlan'])
        this.caps.add('deviceSettings')
      }
    }
  }

  private requireSession(): NetgearSession {
    if (!this.session) throw new ContractError('DEVICE_GONE', 'The session with this device was closed.')
    return this.session
  }

  /**
   * One form write. A refusal can mean our session ended or the token changed: then the model is read again (which
   * logs in once more after an expiry) and the write is sent once more. A refusal on a healthy session is final.
   */
  private async write(path: string, fields: Readonly<Record<string, string>>, action: string, signal?: AbortSignal): Promise<void> {
    if (!this.opened) await this.open(signal)
    // A model fetched before this write no longer describes the device.
    this.freshModel = undefined
    const session = this.requireSession()
    const first = await session.postForm(path, fields, { signal })
    if (succeeded(first)) return
    const token = session.token
    const generation = this.loginGeneration
    await this.adminModel(signal)
    if (session.token === token && this.loginGeneration === generation) throw failure(first, action, path)
    const second = await this.requireSession().postForm(path, fields, { signal })
    if (!succeeded(second)) throw failure(second, action, path)
  }

  // ---- APN ---------------------------------------------------------------------------------------------

  private async listProfiles(signal?: AbortSignal): Promise<NetgearProfile[]> {
    const model = await this.adminModel(signal)
    const parsed = parseProfileList(model)
    if (!parsed.ok) throw new ContractError('PROTOCOL', `The device's APN profiles could not be read: ${parsed.error.message}.`)
    if (!parsed.value) throw new ContractError('UNSUPPORTED', 'This device does not list its APN profiles.')
    return parsed.value.profiles
  }

  /** /Forms/profile action=create (MR2100 web-UI study [R]); the device picks the id, so we look for the new one. */
  private async createProfile(draft: ApnDraft, signal?: AbortSignal): Promise<string> {
    const before = new Set((await this.listProfiles(signal)).map((profile) => profile.id))
    await this.write(PROFILE_FORM, { action: 'create', ...profileFields(draft, undefined), 'profile.ipaddr': '0.0.0.0' }, 'add the APN profile', signal)
    const added = (await this.listProfiles(signal)).filter((profile) => !before.has(profile.id))
    const created = added.find((profile) => profile.name === draft.name && profile.apn === draft.apn) ?? (added.length === 1 ? added[0] : undefined)
    if (!created) throw new ContractError('PROTOCOL', 'The device accepted the new APN profile but does not list it.')
    return created.id
  }

  /** /Forms/profile action=update with profile.index and profile.id (eternalegypt set_apn, reference §3.1). */
  private async updateProfile(id: string, draft: ApnDraft, signal?: AbortSignal): Promise<void> {
    const existing = (await this.listProfiles(signal)).find((profile) => profile.id === id)
    if (!existing) throw new ContractError('NOT_FOUND', `The device has no APN profile "${id}".`)
    const fields: Record<string, string> = { action: 'update', 'profile.id': id, ...profileFields(draft, existing) }
    if (existing.index !== undefined) fields['profile.index'] = String(existing.index)
    await this.write(PROFILE_FORM, fields, 'change the APN profile', signal)
  }

  /** Drop the data session and bring it up again on the default profile (reference §3.1 wwan.connect). */
  private async reattach(signal?: AbortSignal): Promise<void> {
    await this.write(CONFIG_FORM, { 'wwan.connect': 'Disconnect' }, 'disconnect mobile data', signal)
    await this.write(CONFIG_FORM, { 'wwan.connect': 'DefaultProfile' }, 'connect mobile data', signal)
  }

  // ---- SMS ---------------------------------------------------------------------------------------------

  private async listSms(signal?: AbortSignal): Promise<SmsMessage[]> {
    const model = await this.adminModel(signal)
    const parsed = parseSmsList(model)
    if (!parsed) throw new ContractError('UNSUPPORTED', 'This device does not show text messages.')
    return parsed.messages
  }

  /** POST /Forms/smsSendMsg (reference §3.1), then the outcome from sms.sendMsg[] when the device reports one. */
  private async sendSms(to: string, text: string, signal?: AbortSignal): Promise<void> {
    const receiver = to.trim().replace(/[\s().-]/g, '')
    if (!/^\+?[0-9]{2,20}$/.test(receiver)) {
      throw new ContractError('BAD_INPUT', `"${to}" is not a phone number.`, { path: 'to' })
    }
    if (text === '') throw new ContractError('BAD_INPUT', 'The message is empty.', { path: 'text' })
    await this.write(
      SMS_SEND_FORM,
      { 'sms.sendMsg.receiver': receiver, 'sms.sendMsg.text': text, 'sms.sendMsg.clientId': SMS_CLIENT_ID, action: 'send' },
      'send the message',
      signal
    )
    const model = await this.adminModel(signal)
    const ours = (arrayAt(model, 'sms.sendMsg') ?? [])
      .filter(isJsonObject)
      .filter((entry) => stringAt(entry, 'clientId') === SMS_CLIENT_ID && stringAt(entry, 'receiver') === receiver)
    const status = ours.length > 0 ? stringAt(ours[ours.length - 1], 'status') : undefined
    if (status !== undefined && /fail|error/i.test(status)) {
      throw new ContractError('PROTOCOL', `The device could not send the message (status "${status}"). Check that the SIM can send texts and has credit.`, { status })
    }
  }

  // ---- control -----------------------------------------------------------------------------------------

  /** general.shutdown=restart (reference §3.1). The session dies with the reboot, so it is dropped here. */
  private async reboot(signal?: AbortSignal): Promise<void> {
    const value = /^LM1200/i.test(this.modelName ?? '') ? 'Restart' : 'restart'
    await this.write(CONFIG_FORM, { 'general.shutdown': value }, 'restart', signal)
    this.session?.reset()
    this.opened = false
    this.freshModel = undefined
  }

  private narrowCapabilities(model: JsonObject, reading: DeviceReading): void {
    if (this.narrowed) return
    this.narrowed = true
    if (!isJsonObject(model.general)) this.caps.delete('readIdentity')
    if (at(model, 'sim.phoneNumber') === undefined && at(model, 'wwan.phoneNumber') === undefined) this.caps.delete('readMsisdn')
    if (!objectAt(model, 'wwan.signalStrength')) this.caps.delete('readSignal')
    if (!objectAt(model, 'wwan.dataUsage') && at(model, 'wwan.dataTransferred') === undefined && at(model, 'wwan.dataTransferredRx') === undefined) {
      this.caps.delete('readUsage')
    }
    if (!reading.battery) this.caps.delete('readBattery')
    if (!arrayAt(model, 'wwan.profileList')) {
      this.caps.delete('apnRead')
      this.caps.delete('apnWrite')
    }
    if (!arrayAt(model, 'sms.msgs')) this.caps.delete('sms')
  }
}

function succeeded(outcome: FormOutcome): boolean {
  // 200/204 without a redirect or a result body: the MR2100 answers writes with 204 [R].
  return outcome.kind === 'ok' || outcome.kind === 'unknown'
}

function failure(outcome: FormOutcome, action: string, path: string): ContractError {
  if (outcome.kind === 'http-error') return httpStatusError(outcome.status, path)
  if (outcome.kind === 'refused') return refusedError(action, outcome.errno, outcome.errdetail)
  return refusedError(action, undefined, undefined)
}

function profileFields(draft: ApnDraft, existing: NetgearProfile | undefined): Record<string, string> {
  const fields: Record<string, string> = {
    'profile.name': draft.name,
    'profile.apn': draft.apn,
    'profile.username': draft.username ?? '',
    'profile.authtype': authTypeToDevice(draft.auth),
    'profile.type': pdpTypeToDevice(draft.pdpType),
    'profile.pdproamingtype': existing?.roamingType ?? pdpTypeToDevice(draft.pdpType)
  }
  // The web UI sends the password only when the user changed it (MR2100 web-UI study [R]).
  if (draft.password !== undefined) fields['profile.password'] = draft.password
  return fields
}

function toApnProfile(profile: NetgearProfile): ApnProfile {
  const result: ApnProfile = { id: profile.id, name: profile.name, apn: profile.apn, auth: profile.auth, pdpType: profile.pdpType, isDefault: profile.isDefault }
  if (profile.username !== undefined) result.username = profile.username
  if (profile.password !== undefined) result.password = profile.password
  if (profile.readOnly !== undefined) result.readOnly = profile.readOnly
  return result
}
