// The HotspotDriver for ZTE pocket routers and USB modems with the goform web API (MF61, MF96, MF79U, MF833,
// MF920, MC801 …; reference §2).
// open():  one unauthenticated read, then LOGIN when the device wants one (never retried after a refusal).
// read():  one goform request with every field a poll needs; loginfo in the same answer tells whether the
//          device still knows our session (idle timeout, reboot, a login elsewhere) → one new login, one more read.
// writes:  every setter reads a fresh RD and signs with AD (session.ts); operation groups for APN, USSD, SMS and
//          control are built from goformIds the stock web UI uses (com.js, service.js).
// close(): LOGOUT (devices allow one admin session, so leaving it open locks out the user's browser), never throws.
import { ContractError } from '../../../contract/errors'
import type { ApnOperations, ControlOperations, Credentials, DevicePreferenceName, DeviceSettingsOperations, DeviceTarget, HotspotDriver, SmsOperations, UssdOperations, WifiOperations } from '../../driver'
import type { ApnDraft, ApnProfile, Capability, DeviceReading, SmsMessage, SmsStorage, UssdReply } from '../../model'
import { HttpSession } from '../../transports/http-session'
import {
  APN_READ_FIELDS,
  autoApnForm,
  deleteApnForm,
  freeSlot,
  parseApnId,
  parseApnTable,
  saveApnForm,
  setDefaultApnForm,
  type ApnTable
} from './apn'
import { encodeUcs2Hex, formatSmsTime, smsEncodeType } from './codec'
import { isSessionLost, sessionLostError } from './errors'
import { fieldsOf, textOf } from './json'
import { login, logout } from './login'
import { parsePppStatus } from './parse'
import { buildReading, POLL_FIELDS } from './reading'
import type { FieldParseError } from './result'
import { ZteSession } from './session'
import { parseZteSettings, SETTINGS_READ_FIELDS } from './settings'
import { createZteSettingsOperations } from './settings-ops'
import { messageIdList, parseSmsCapacity, parseSmsCommandStatus, parseSmsPage, receivedMessages, SMS_COMMAND, type ZteSms } from './sms'
import { parseUssdData, parseUssdWriteFlag } from './ussd'
import { createZteWifiOperations } from './wifi-ops'

export const ZTE_FAMILY_ID = 'zte-goform'

/**
 * What this driver implements end to end. readMsisdn and readBattery are narrowed after the first reading;
 * wifiSettings is added after the first login on units that show a Wi-Fi network (USB sticks have none), and
 * deviceSettings on units that show at least one of the data plan, language and auto-update fields (settings.ts).
 */
export const ZTE_CAPABILITIES: readonly Capability[] = [
  'readIdentity',
  'readMsisdn',
  'readSignal',
  'readUsage',
  'readBattery',
  'apnRead',
  'apnWrite',
  'dataSwitch',
  'reboot',
  'usageReset',
  'pinUnlock',
  'ussd',
  'sms'
]

export interface ZteDriverOptions {
  /** Per-request timeout; default 5000 ms. */
  timeoutMs?: number
  /** Requests in flight at once; default 1 (GoAhead answers one at a time). */
  maxInFlight?: number
  /** Logout budget in close(); default 3000 ms. */
  closeTimeoutMs?: number
  /** Status polls after USSD, SMS and connect commands; default 1000 ms, as the stock web UI. */
  pollIntervalMs?: number
  /** How long a USSD request may wait for the network; default 30 000 ms (the stock UI gives up after ~28 polls). */
  ussdTimeoutMs?: number
  /** How long reattach() watches ppp_status after each command; default 10 000 ms (the stock UI's connect wait). */
  reattachTimeoutMs?: number
  /** How long an SMS command (send, delete) may take; default 20 000 ms. */
  smsCommandTimeoutMs?: number
  /** Messages per sms_data_total page; default 100. */
  smsPageSize?: number
  /** The clock and UTC offset stamped on sent SMS (sms_time); default the host's. */
  now?: () => number
  utcOffsetMinutes?: () => number
  fetch?: typeof fetch
}

const MAX_SMS_PAGES = 50

export class ZteGoformDriver implements HotspotDriver {
  readonly family = ZTE_FAMILY_ID
  readonly apn: ApnOperations
  readonly ussd: UssdOperations
  readonly sms: SmsOperations
  readonly control: ControlOperations
  /** Fields we could not read in the last reading (left out of it); for diagnostics. */
  lastIssues: FieldParseError[] = []

  private readonly caps = new Set<Capability>(ZTE_CAPABILITIES)
  private narrowed = false
  private http: HttpSession | undefined
  private session: ZteSession | undefined
  private opened = false
  private loggedIn = false
  private opening: Promise<void> | undefined
  /** A login the device refused (wrong password, lockout): not tried again until open() is called. */
  private refusedLogin: ContractError | undefined
  /** A copy of the target's admin credentials, replaced after setAdminPassword (the caller's object is untouched). */
  private credentials: Credentials | undefined
  private wifiProbed = false
  private readonly wifiOps: WifiOperations
  private settingsProbed = false
  private settingsSupport: ReadonlySet<DevicePreferenceName> = new Set()
  private readonly settingsOps: DeviceSettingsOperations

  constructor(
    private readonly target: DeviceTarget,
    private readonly options: ZteDriverOptions = {}
  ) {
    this.credentials = target.credentials ? { ...target.credentials } : undefined
    this.wifiOps = createZteWifiOperations({
      withSession: (signal, task) => this.withSession(signal, task),
      readFields: async (cmds, signal) => {
        const fields = await this.current.getFields(cmds, signal)
        if (this.loggedIn && textOf(fields, 'loginfo') !== 'ok') throw sessionLostError()
        return fields
      },
      write: (goformId, form, what, signal) => this.write(goformId, form, what, signal),
      replacePassword: (password) => {
        this.credentials = { ...this.credentials, password }
      }
    })
    this.settingsOps = createZteSettingsOperations({
      supports: () => this.settingsSupport,
      withSession: (signal, task) => this.withSession(signal, task),
      readFields: async (cmds, signal) => {
        const fields = await this.current.getFields(cmds, signal)
        if (this.loggedIn && textOf(fields, 'loginfo') !== 'ok') throw sessionLostError()
        return fields
      },
      write: (goformId, form, what, signal) => this.write(goformId, form, what, signal)
    })
    this.apn = {
      list: (signal) => this.withSession(signal, () => this.readApnTable(signal).then((table) => table.profiles)),
      create: (draft, signal) => this.withSession(signal, () => this.createApn(draft, signal)),
      update: (id, draft, signal) => this.withSession(signal, () => this.updateApn(id, draft, signal)),
      remove: (id, signal) => this.withSession(signal, () => this.removeApn(id, signal)),
      setDefault: (id, signal) => this.withSession(signal, () => this.setDefaultApn(id, signal)),
      reattach: (signal) => this.withSession(signal, () => this.reattach(signal))
    }
    this.ussd = {
      send: (code, signal) => this.withSession(signal, () => this.ussdSend('ussd_send', code, signal)),
      respond: (answer, signal) => this.withSession(signal, () => this.ussdSend('ussd_reply', answer, signal)),
      cancel: (signal) => this.withSession(signal, () => this.ussdCancel(signal))
    }
    this.sms = {
      list: (signal) => this.withSession(signal, () => this.listSms(signal)),
      remove: (id, signal) => this.withSession(signal, () => this.removeSms(id, signal)),
      markRead: (id, signal) => this.withSession(signal, () => this.markSmsRead(id, signal)),
      storage: (signal) => this.withSession(signal, () => this.smsStorage(signal)),
      send: (to, text, signal) => this.withSession(signal, () => this.sendSms(to, text, signal))
    }
    this.control = {
      setDataEnabled: (enabled, signal) =>
        this.withSession(signal, () => this.write(enabled ? 'CONNECT_NETWORK' : 'DISCONNECT_NETWORK', { notCallback: 'true' }, `switch mobile data ${enabled ? 'on' : 'off'}`, signal)),
      reboot: (signal) => this.withSession(signal, () => this.reboot(signal)),
      resetUsage: (signal) => this.withSession(signal, () => this.write('RESET_DATA_COUNTER', {}, 'reset its data counters', signal)),
      unlockPin: (pin, signal) => this.withSession(signal, () => this.enterPin(pin, signal)),
      unlockPuk: (puk, newPin, signal) => this.withSession(signal, () => this.enterPuk(puk, newPin, signal))
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

  /** The RD values this driver signed writes with (oldest first, at most 32) — for diagnostics and tests. */
  get signedWith(): readonly string[] {
    return this.session?.usedRds ?? []
  }

  open(signal?: AbortSignal): Promise<void> {
    // An explicit open is the user's request: a refused login may be tried again now, once.
    this.refusedLogin = undefined
    return this.openOnce(signal)
  }

  async read(signal?: AbortSignal): Promise<DeviceReading> {
    return this.withSession(signal, () => this.readOnce(signal))
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

  // ---- session -------------------------------------------------------------------------------------------

  private openOnce(signal: AbortSignal | undefined): Promise<void> {
    // Concurrent callers share one attempt: two parallel logins would count as two failures on a wrong password.
    this.opening ??= this.doOpen(signal).finally(() => {
      this.opening = undefined
    })
    return this.opening
  }

  private async doOpen(signal: AbortSignal | undefined): Promise<void> {
    const connection = this.target.connection
    if (connection.kind !== 'http') {
      throw new ContractError('BAD_INPUT', 'ZTE goform devices are reached over HTTP (e.g. http://192.168.0.1).', { connection: connection.kind })
    }
    if (!this.http || this.http.isClosed) {
      this.http = new HttpSession({
        baseUrl: connection.baseUrl,
        timeoutMs: this.options.timeoutMs,
        maxInFlight: this.options.maxInFlight,
        fetch: this.options.fetch,
        defaultHeaders: goformHeaders(connection.baseUrl)
      })
      this.session = new ZteSession(this.http)
    }
    try {
      const session = this.session as ZteSession
      const outcome = await login(session, this.credentials, signal)
      this.loggedIn = outcome.kind !== 'not-required'
      this.opened = true
      if (!this.wifiProbed) {
        // SSID1 is login-protected: read once the session may see it. A unit without Wi-Fi answers "".
        const fields = await session.getFields(['SSID1', 'AuthMode', 'loginfo'], signal)
        this.wifiProbed = true
        if (textOf(fields, 'SSID1') !== undefined && textOf(fields, 'AuthMode') !== undefined) this.caps.add('wifiSettings')
      }
      if (!this.settingsProbed) {
        // Which of the unit settings this firmware has: a name it does not know answers "" (settings.ts).
        const parsed = parseZteSettings(await session.getFields(SETTINGS_READ_FIELDS, signal))
        this.settingsProbed = true
        this.settingsSupport = parsed.ok ? parsed.value.supports : new Set()
        if (this.settingsSupport.size > 0) this.caps.add('deviceSettings')
      }
    } catch (error) {
      if (error instanceof ContractError && (error.code === 'AUTH_FAILED' || error.code === 'LOCKED_OUT')) this.refusedLogin = error
      throw error
    }
  }

  /**
   * Run an operation on an open session. When the device turns out to have dropped our login, log in once
   * more and run it again — a new login after a lost session, not a retry of a refused one. An operation
   * that had already sent a setter is not run twice (it may have half happened); the caller hears so.
   */
  private async withSession<T>(signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
    if (this.refusedLogin) throw this.refusedLogin
    if (!this.opened) await this.openOnce(signal)
    const writesBefore = this.session?.writesSent ?? 0
    try {
      return await task()
    } catch (error) {
      if (!isSessionLost(error)) throw error
      const wrote = (this.session?.writesSent ?? 0) !== writesBefore
      this.opened = false
      this.loggedIn = false
      this.http?.cookies.clear()
      await this.openOnce(signal)
      if (wrote) {
        throw new ContractError('BUSY', 'The device ended the admin session in the middle of the operation. Check the result, then try again if needed.', {
          reason: 'session-lost-midway'
        })
      }
      return await task()
    }
  }

  private get current(): ZteSession {
    if (!this.session) throw new ContractError('DEVICE_GONE', 'The session with this device was closed.')
    return this.session
  }

  private write(goformId: string, form: Readonly<Record<string, string>>, what: string, signal: AbortSignal | undefined): Promise<void> {
    return this.current.write(goformId, form, { signal, what, requireLogin: this.loggedIn }).then(() => undefined)
  }

  // ---- reading ------------------------------------------------------------------------------------------

  private async readOnce(signal: AbortSignal | undefined): Promise<DeviceReading> {
    const fields = await this.current.getFields(POLL_FIELDS, signal)
    if (this.loggedIn && textOf(fields, 'loginfo') !== 'ok') throw sessionLostError()
    const built = buildReading(fields)
    if (!built.ok) throw new ContractError('PROTOCOL', `The device sent no usable status: ${built.error.message}.`)
    this.lastIssues = built.issues
    this.narrowCapabilities(built.reading)
    return built.reading
  }

  private narrowCapabilities(reading: DeviceReading): void {
    if (this.narrowed) return
    // Judge only a unit whose SIM is readable: a PIN-locked SIM hides its number too.
    if (reading.sim.state !== 'ready') return
    this.narrowed = true
    if (reading.sim.msisdn === undefined) this.caps.delete('readMsisdn')
    if (!reading.battery) this.caps.delete('readBattery')
  }

  // ---- APN ------------------------------------------------------------------------------------------------

  private async readApnTable(signal: AbortSignal | undefined): Promise<ApnTable> {
    const fields = await this.current.getFields(APN_READ_FIELDS, signal)
    if (this.loggedIn && textOf(fields, 'loginfo') !== 'ok') throw sessionLostError()
    return parseApnTable(fields)
  }

  private async createApn(draft: ApnDraft, signal: AbortSignal | undefined): Promise<string> {
    const table = await this.readApnTable(signal)
    const slot = freeSlot(table)
    if (slot === undefined) throw new ContractError('BAD_INPUT', "The device's APN list is full. Delete a profile you no longer use, then try again.")
    await this.write('APN_PROC_EX', saveApnForm(slot, draft), `save the APN profile "${draft.name}"`, signal)
    const after = await this.readApnTable(signal)
    const saved = after.profiles.find((profile) => profile.id === String(slot))
    if (!saved || saved.apn !== draft.apn) throw new ContractError('PROTOCOL', `The device accepted the APN profile "${draft.name}" but did not keep it.`, { slot })
    return saved.id
  }

  private async updateApn(id: string, draft: ApnDraft, signal: AbortSignal | undefined): Promise<void> {
    const profile = await this.editableProfile(id, 'edit', signal)
    await this.write('APN_PROC_EX', saveApnForm(Number(profile.id), draft), `save the APN profile "${draft.name}"`, signal)
  }

  private async removeApn(id: string, signal: AbortSignal | undefined): Promise<void> {
    const profile = await this.editableProfile(id, 'delete', signal)
    if (profile.isDefault) throw new ContractError('BAD_INPUT', `"${profile.name}" is the APN in use; choose another default before deleting it.`)
    await this.write('APN_PROC_EX', deleteApnForm(Number(profile.id)), `delete the APN profile "${profile.name}"`, signal)
  }

  private async setDefaultApn(id: string, signal: AbortSignal | undefined): Promise<void> {
    const parsed = parseApnId(id)
    if (parsed?.kind === 'auto') {
      await this.write('APN_PROC_EX', autoApnForm(), 'switch to the automatic APN', signal)
      return
    }
    const table = await this.readApnTable(signal)
    const profile = table.profiles.find((candidate) => candidate.id === id)
    if (!parsed || !profile) throw new ContractError('NOT_FOUND', `The device has no APN profile "${id}".`)
    await this.write('APN_PROC_EX', setDefaultApnForm(parsed.index, profile.pdpType), `make "${profile.name}" the default APN`, signal)
  }

  private async editableProfile(id: string, action: 'edit' | 'delete', signal: AbortSignal | undefined): Promise<ApnProfile> {
    const parsed = parseApnId(id)
    if (parsed?.kind === 'auto') throw new ContractError('UNSUPPORTED', `The operator's automatic APN cannot be ${action === 'edit' ? 'edited' : 'deleted'}.`)
    const table = await this.readApnTable(signal)
    const profile = table.profiles.find((candidate) => candidate.id === id)
    if (!parsed || !profile) throw new ContractError('NOT_FOUND', `The device has no APN profile "${id}".`)
    if (profile.readOnly) throw new ContractError('UNSUPPORTED', `"${profile.name}" is an operator preset; the device does not let us ${action} it.`)
    return profile
  }

  /** DISCONNECT_NETWORK, wait for ppp_disconnected, CONNECT_NETWORK, wait until it connects or gives up. */
  private async reattach(signal: AbortSignal | undefined): Promise<void> {
    const timeout = this.options.reattachTimeoutMs ?? 10_000
    await this.write('DISCONNECT_NETWORK', { notCallback: 'true' }, 'drop the data connection', signal)
    await this.watchPpp(signal, timeout, (state) => state === 'disconnected')
    await this.write('CONNECT_NETWORK', { notCallback: 'true' }, 'reconnect mobile data', signal)
    let attempted = false
    await this.watchPpp(signal, timeout, (state) => {
      if (state === 'connecting') attempted = true
      // Done when connected, or when an attempt was seen and ended (a rejected APN): verify judges the outcome.
      return state === 'connected' || (attempted && state === 'disconnected')
    })
  }

  private async watchPpp(signal: AbortSignal | undefined, timeoutMs: number, done: (state: string | undefined) => boolean): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const fields = await this.current.getFields(['ppp_status', 'loginfo'], signal)
      const state = parsePppStatus(textOf(fields, 'ppp_status'))
      if (done(state.ok ? state.value : undefined) || Date.now() >= deadline) return
      await sleep(this.pollMs, signal)
    }
  }

  private get pollMs(): number {
    return this.options.pollIntervalMs ?? 1000
  }

  // ---- USSD -----------------------------------------------------------------------------------------------

  private async ussdSend(operator: 'ussd_send' | 'ussd_reply', text: string, signal: AbortSignal | undefined): Promise<UssdReply> {
    const value = text.trim()
    if (operator === 'ussd_send' && !/^[0-9*#+]{1,40}$/.test(value)) {
      throw new ContractError('BAD_INPUT', `"${text}" is not a USSD code (digits, * and #, e.g. *100#).`)
    }
    if (operator === 'ussd_reply' && (value === '' || value.length > 160)) throw new ContractError('BAD_INPUT', 'A USSD answer is 1 to 160 characters.')
    const form: Record<string, string> = { USSD_operator: operator, [operator === 'ussd_send' ? 'USSD_send_number' : 'USSD_reply_number']: value, notCallback: 'true' }
    await this.write('USSD_PROCESS', form, operator === 'ussd_send' ? `send the USSD code ${value}` : 'answer the USSD menu', signal)

    const deadline = Date.now() + (this.options.ussdTimeoutMs ?? 30_000)
    try {
      for (;;) {
        const flag = parseUssdWriteFlag(await this.current.get(['ussd_write_flag'], signal))
        if (flag.kind === 'ready') {
          const reply = parseUssdData(await this.current.get(['ussd_data_info'], signal))
          if (!reply.ok) throw new ContractError('PROTOCOL', `The device's USSD reply could not be read: ${reply.error.message}.`)
          return reply.value
        }
        if (flag.kind === 'failed') throw new ContractError(flag.code, flag.message, { ussdWriteFlag: flag.flag })
        if (flag.kind === 'cancelled') throw new ContractError('CANCELLED', 'The USSD session was cancelled.')
        if (Date.now() >= deadline) {
          await this.ussdCancel(undefined).catch(() => undefined)
          throw new ContractError('TIMEOUT', 'The network did not answer the USSD request in time.')
        }
        await sleep(this.pollMs, signal)
      }
    } catch (error) {
      if (signal?.aborted) {
        // Leave no session hanging on the device when the user walks away.
        await this.ussdCancel(undefined).catch(() => undefined)
        throw new ContractError('CANCELLED', 'The USSD request was cancelled.')
      }
      throw error
    }
  }

  private async ussdCancel(signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.write('USSD_PROCESS', { USSD_operator: 'ussd_cancel', notCallback: 'true' }, 'end the USSD session', signal)
    } catch (error) {
      // No open session: the device refuses the cancel, which is what we wanted anyway.
      if (error instanceof ContractError && error.code === 'PROTOCOL' && error.details?.goformId === 'USSD_PROCESS') return
      throw error
    }
    const deadline = Date.now() + 5_000
    for (;;) {
      const flag = parseUssdWriteFlag(await this.current.get(['ussd_write_flag'], signal))
      if (flag.kind !== 'waiting' || Date.now() >= deadline) return
      await sleep(this.pollMs, signal)
    }
  }

  // ---- SMS ------------------------------------------------------------------------------------------------

  private async listSms(signal: AbortSignal | undefined): Promise<SmsMessage[]> {
    const pageSize = this.options.smsPageSize ?? 100
    const all = new Map<string, ZteSms>()
    for (let page = 0; page < MAX_SMS_PAGES; page++) {
      const answer = await this.current.get(['sms_data_total'], signal, {
        page: String(page),
        data_per_page: String(pageSize),
        mem_store: '1', // device memory (0 = SIM)
        tags: '10', // all tags
        order_by: 'order by id desc'
      })
      const parsed = parseSmsPage(answer)
      if (parsed.kind === 'no-session') {
        if (this.loggedIn) throw sessionLostError()
        throw new ContractError('PROTOCOL', 'The device did not list its messages.')
      }
      if (parsed.kind === 'unreadable') throw new ContractError('PROTOCOL', `The device's message list could not be read: ${parsed.message}.`)
      let fresh = 0
      for (const sms of parsed.messages) {
        const previous = all.get(sms.id)
        if (!previous) fresh++
        if (!previous || sms.text.length > previous.text.length) all.set(sms.id, sms)
      }
      // Some firmware ignore `page` and answer the same first page again (MF79RU guide §12): stop on no news.
      if (parsed.messages.length < pageSize || fresh === 0) break
    }
    return receivedMessages([...all.values()])
  }

  private async removeSms(id: string, signal: AbortSignal | undefined): Promise<void> {
    if (!/^\d{1,12}$/.test(id)) throw new ContractError('BAD_INPUT', `"${id}" is not a message id.`)
    await this.write('DELETE_SMS', { msg_id: messageIdList([id]), notCallback: 'true' }, 'delete the message', signal)
    await this.smsCommand(SMS_COMMAND.delete, 'delete the message', signal)
  }

  private async markSmsRead(id: string, signal: AbortSignal | undefined): Promise<void> {
    if (!/^\d{1,12}$/.test(id)) throw new ContractError('BAD_INPUT', `"${id}" is not a message id.`)
    await this.write('SET_MSG_READ', { msg_id: messageIdList([id]), tag: '0' }, 'mark the message as read', signal)
  }

  private async smsStorage(signal: AbortSignal | undefined): Promise<SmsStorage> {
    const capacity = parseSmsCapacity(await this.current.get(['sms_capacity_info'], signal))
    if (!capacity.ok) throw new ContractError('PROTOCOL', `The device's message storage could not be read: ${capacity.error.message}.`)
    return capacity.value
  }

  private async sendSms(to: string, text: string, signal: AbortSignal | undefined): Promise<void> {
    const number = to.replace(/[\s()-]/g, '')
    if (!/^\+?\d{3,20}$/.test(number)) throw new ContractError('BAD_INPUT', `"${to}" is not a phone number.`)
    if (text.length === 0 || text.length > 765) throw new ContractError('BAD_INPUT', 'A text message is 1 to 765 characters.')
    const now = this.options.now?.() ?? Date.now()
    const offset = this.options.utcOffsetMinutes?.() ?? -new Date(now).getTimezoneOffset()
    await this.write(
      'SEND_SMS',
      { notCallback: 'true', Number: number, sms_time: formatSmsTime(now, offset), MessageBody: encodeUcs2Hex(text), ID: '-1', encode_type: smsEncodeType(text) },
      'send the message',
      signal
    )
    await this.smsCommand(SMS_COMMAND.send, 'send the message', signal)
  }

  /** Poll sms_cmd_status_info until the command is done ("3") or failed ("2"). */
  private async smsCommand(command: number, what: string, signal: AbortSignal | undefined): Promise<void> {
    const deadline = Date.now() + (this.options.smsCommandTimeoutMs ?? 20_000)
    for (;;) {
      const status = parseSmsCommandStatus(await this.current.get(['sms_cmd_status_info'], signal, { sms_cmd: String(command) }))
      if (status === 'done') return
      if (status === 'failed') throw new ContractError('PROTOCOL', `The device could not ${what}.`, { smsCommand: command })
      if (Date.now() >= deadline) throw new ContractError('TIMEOUT', `The device did not finish trying to ${what} in time.`, { smsCommand: command })
      await sleep(this.pollMs, signal)
    }
  }

  // ---- control ------------------------------------------------------------------------------------------

  private async reboot(signal: AbortSignal | undefined): Promise<void> {
    await this.write('REBOOT_DEVICE', {}, 'restart', signal)
    // The device forgets every session while it restarts; the next read logs in again.
    this.opened = false
    this.loggedIn = false
    this.narrowed = false
    this.http?.cookies.clear()
  }

  private async enterPin(pin: string, signal: AbortSignal | undefined): Promise<void> {
    if (!/^\d{4,8}$/.test(pin)) throw new ContractError('BAD_INPUT', 'A SIM PIN is 4 to 8 digits.')
    await this.unlock('ENTER_PIN', { PinNumber: pin }, 'PIN', signal)
  }

  private async enterPuk(puk: string, newPin: string, signal: AbortSignal | undefined): Promise<void> {
    if (!/^\d{8}$/.test(puk)) throw new ContractError('BAD_INPUT', 'A SIM PUK is 8 digits.')
    if (!/^\d{4,8}$/.test(newPin)) throw new ContractError('BAD_INPUT', 'A SIM PIN is 4 to 8 digits.')
    await this.unlock('ENTER_PUK', { PUKNumber: puk, PinNumber: newPin }, 'PUK', signal)
  }

  /** ENTER_PIN / ENTER_PUK. A refusal is never repeated: the SIM counts wrong codes. */
  private async unlock(goformId: 'ENTER_PIN' | 'ENTER_PUK', form: Record<string, string>, kind: 'PIN' | 'PUK', signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.write(goformId, form, `unlock the SIM with its ${kind}`, signal)
    } catch (error) {
      if (!(error instanceof ContractError) || error.details?.goformId !== goformId) throw error
      const fields = fieldsOf(await this.current.get(['pinnumber', 'puknumber', 'modem_main_state'], signal))
      const left = textOf(fields, kind === 'PIN' ? 'pinnumber' : 'puknumber')
      const attemptsLeft = left !== undefined && /^\d{1,2}$/.test(left) ? Number(left) : undefined
      const more = attemptsLeft === undefined ? '' : ` ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left.`
      throw new ContractError('AUTH_FAILED', `The SIM rejected the ${kind}.${more} Hotspot Desk will not try again by itself.`, {
        reason: kind === 'PIN' ? 'wrong-pin' : 'wrong-puk',
        ...(attemptsLeft !== undefined ? { attemptsLeft } : {}),
        modemState: textOf(fields, 'modem_main_state') ?? null
      })
    }
  }
}

/** Referer (required by the firmware) and X-Requested-With, as the stock web UI sends them (reference §2.1). */
export function goformHeaders(baseUrl: string): Record<string, string> {
  let origin: string
  try {
    origin = new URL(baseUrl).origin
  } catch {
    origin = baseUrl.replace(/\/+$/, '')
  }
  return { Referer: `${origin}/index.html`, 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json, text/javascript, */*; q=0.01' }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ContractError('CANCELLED', 'Cancelled.'))
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new ContractError('CANCELLED', 'Cancelled.'))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
