// The simulated ZTE device behind the HTTP server: routes goform reads and writes, enforces the Referer check,
// the single admin session, the lockout, LD/RD/AD, and answers from the live state. Transport-free: it maps a
// request to a reply, so the server (simulator.ts) owns sockets, latency and fault injection.
// Behaviour written from the reference (§2) and the stock web UI (anysoft/mifi-tools webs/mf761, public
// service.js copies), never from the driver:
// - reads: GET (or POST) /goform/goform_get_cmd_process?isTest=false&cmd=a,b&multi_data=1 → {"a":"…","b":"…"}
//   in the order asked, every value a string, unknown names "" (reference §2.1). Several names without
//   multi_data=1 are one unknown name. Login-protected names answer "" without a live session, and so does
//   every name when the Referer is missing or foreign (MF79RU integration guide §4, §12);
// - writes: POST (the stock UI also sends some as GET) /goform/goform_set_cmd_process with goformId → {"result":
//   "success"|"failure"}; LOGIN answers a numeric result and sets the stok cookie;
// - served as text/plain by "GoAhead-Webs" (reference §0.1).
import type { AddressInfo } from 'node:net'
import {
  DEFAULT_LOCKOUT,
  expectedAd,
  expectedLoginPassword,
  LoginGuard,
  Nonce,
  sameSecret,
  type LockoutPolicy
} from './auth'
import { ApnStore, type ApnRecord } from './apn-store'
import { fromUcs2Hex, parseSmsTime, smsDate, toUcs2Hex } from './codec'
import type { ZteDeviceProfile } from './profiles'
import { LiveRadio } from './radio'
import type { Random } from './prng'
import { SessionTable, type AdminSession } from './sessions'
import type { SimCard } from './sim-card'
import { DEMO_MESSAGES, SmsStore, type SeedMessage } from './sms-store'
import { UssdService } from './ussd'
import { UNIT_SETTINGS_PROFILES, ZteUnitSettings } from './unit-settings'
import type { ZteVariant } from './variants'
import { ZteWifi } from './wifi'

export const GET_PATH = '/goform/goform_get_cmd_process'
export const SET_PATH = '/goform/goform_set_cmd_process'

export interface DeviceIdentity {
  imei: string
  wanIpv4: string
  wanIpv6: string
}

export interface DeviceConfig {
  profile: ZteDeviceProfile
  variant: ZteVariant
  password: string
  sim: SimCard
  identity: DeviceIdentity
  random: Random
  now: () => number
  sessionIdleMs: number
  lockout?: Partial<LockoutPolicy>
  duplicateLogin: 'refuse' | 'replace'
  connectDelayMs: number
  disconnectDelayMs: number
  ussdDelayMs: number
  smsCommandDelayMs: number
  wifiClients: number
  /** Wi-Fi clients stay away this long after SET_WIFI_SSID1_SETTINGS restarts the radio. */
  wifiRestartMs: number
  wifiSsid: string
  wifiKey: string
  messages?: readonly SeedMessage[]
  /** Quirk: a raw carriage return inside a string value, as some firmware send (json.ts in the driver). */
  strayControlChars: boolean
}

export interface SimRequest {
  method: string
  url: string
  headers: Readonly<Record<string, string | string[] | undefined>>
  body: string
}

/** What a request did, for the request log. */
export interface RequestFacts {
  /** Field names a read asked for. */
  cmd?: string[]
  goformId?: string
  /** The answer's result for a write. */
  result?: string
  /** A fresh LD / RD this read handed out. */
  issuedLd?: string
  issuedRd?: string
  /** The RD the write's AD was checked against, and whether the AD matched. */
  usedRd?: string
  adValid?: boolean
  refererOk: boolean
  loggedIn: boolean
}

export interface SimReply {
  status: number
  headers: Record<string, string>
  cookies: string[]
  body: string
  facts: RequestFacts
  /** The device restarts after answering. */
  effect?: 'reboot'
}

export interface DeviceStats {
  /** Every LOGIN the device judged (password compared). */
  passwordChecks: number
  loginSuccesses: number
  loginFailures: number
  lockouts: number
  /** LOGIN refused unjudged because logins were locked. */
  lockedRejections: number
  /** LOGIN refused with "2" because another admin session is alive. */
  duplicateRejections: number
  /** Writes refused for a missing or wrong AD. */
  adRejections: number
  /** Requests answered empty / refused for a missing or foreign Referer. */
  refererRejections: number
  /** Writes that reached their handler. */
  writes: number
  reboots: number
  /** CHANGE_PASSWORD accepted / refused (wrong old password or an unacceptable new one). */
  passwordChanges: number
  passwordChangeFailures: number
}

/** Names any client may read without a session (the stock UI's always-polled set plus the login page's). */
const PUBLIC_FIELDS = new Set([
  'loginfo',
  'modem_main_state',
  'pin_status',
  'LD',
  'RD',
  'wa_inner_version',
  'cr_version',
  'psw_fail_num_str',
  'login_lock_time',
  'psw_changed',
  'network_provider',
  'network_provider_spn',
  'sta_count',
  'm_sta_count',
  'Language',
  'blc_wan_mode',
  'blc_wan_auto_mode',
  'fota_new_version_state',
  'fota_current_upgrade_state',
  'is_mandatory'
])

/** Names the APN table answers (reference §2.5 read list). */
const APN_FIELD = /APN_config|apn_|^Current_index$|^m_profile_name$|^profile_name$|^wan_apn$|^pdp_|^ppp_(?!status$)|^ipv6_(wan_apn|pdp|ppp)|^wan_dial$|^index$/

const JSON_HEADERS = { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache' }

export class SimulatedZteDevice {
  readonly sessions: SessionTable
  readonly guard: LoginGuard
  readonly radio: LiveRadio
  readonly apn: ApnStore
  readonly sms: SmsStore
  readonly ussd: UssdService
  readonly sim: SimCard
  readonly stats: DeviceStats = {
    passwordChecks: 0,
    loginSuccesses: 0,
    loginFailures: 0,
    lockouts: 0,
    lockedRejections: 0,
    duplicateRejections: 0,
    adRejections: 0,
    refererRejections: 0,
    writes: 0,
    reboots: 0,
    passwordChanges: 0,
    passwordChangeFailures: 0
  }
  readonly wifi: ZteWifi
  /** Language, FOTA auto-update and the counter restart day (unit-settings.ts). */
  readonly unitSettings: ZteUnitSettings
  /** DATA_LIMIT_SETTING. */
  readonly plan: { enabled: boolean; unit: 'data' | 'time'; size: string; alertPercent: number }
  private readonly ld = new Nonce()
  private readonly rd = new Nonce()

  constructor(private readonly config: DeviceConfig) {
    const { profile, now } = config
    this.sim = { ...config.sim }
    this.sessions = new SessionTable(now, config.sessionIdleMs)
    this.guard = new LoginGuard(now, { ...DEFAULT_LOCKOUT, ...config.lockout })
    this.plan = { enabled: true, unit: 'data', size: `${this.sim.planGigabytes}_1024`, alertPercent: 90 }
    this.unitSettings = new ZteUnitSettings(UNIT_SETTINGS_PROFILES[profile.id])
    const preset: ApnRecord = { name: this.sim.preset.name, apn: this.sim.preset.apn, auth: 'none', username: '', password: '', pdp: this.sim.preset.pdp }
    this.apn = new ApnStore(profile.apnSlots, preset, 1, profile.apnAutoMode)
    this.radio = new LiveRadio({
      random: config.random,
      now,
      radio: profile.radio,
      connectDelayMs: config.connectDelayMs,
      disconnectDelayMs: config.disconnectDelayMs,
      planLimitBytes: this.planBytes(),
      networkAccepts: () => this.networkAccepts()
    })
    if (!this.radio.canConnect()) this.radio.restart()
    this.wifi = new ZteWifi({
      now,
      restartMs: config.wifiRestartMs,
      clients: config.wifiClients,
      maxClients: profile.wifiMaxClients,
      ssid: config.wifiSsid,
      key: config.wifiKey
    })
    this.sms = new SmsStore(profile.smsCapacity, now, config.smsCommandDelayMs, config.messages ?? DEMO_MESSAGES, profile.smsRepeatsConcatRows)
    this.ussd = new UssdService(now, config.ussdDelayMs, {
      inService: () => this.inService(),
      balanceCents: () => this.sim.balanceCents,
      dataUsedBytes: () => this.radio.monthRx + this.radio.monthTx,
      planBytes: () => this.planBytes(),
      msisdn: () => this.sim.msisdn
    })
  }

  get profile(): ZteDeviceProfile {
    return this.config.profile
  }

  get variant(): ZteVariant {
    return this.config.variant
  }

  /** The admin password right now (CHANGE_PASSWORD replaces it). */
  get adminPassword(): string {
    return this.config.password
  }

  /** The monthly limit in bytes ("10_1024" = 10 · 1024 MB, reference §2.4). */
  planBytes(): number {
    const match = /^(\d+(?:\.\d+)?)_(\d+)$/.exec(this.plan.size)
    return match ? Math.round(Number(match[1]) * Number(match[2]) * 1024 * 1024) : this.sim.planGigabytes * 1024 ** 3
  }

  /** The SIM is usable and the network has service. */
  inService(): boolean {
    return this.sim.present && this.sim.pinState === 'ready' && !this.radio.isSignalLost
  }

  /** Would the network accept a data session with the active APN? */
  private networkAccepts(): boolean {
    return this.sim.present && this.sim.pinState === 'ready' && this.sim.apns.includes(this.apn.active.apn)
  }

  /** Everything a reboot forgets: sessions, nonces, the USSD session, the data session (it redials). */
  reboot(): void {
    this.stats.reboots++
    this.sessions.clear()
    this.ld.clear()
    this.rd.clear()
    this.ussd.reset()
    this.radio.restart()
  }

  setSimState(state: 'ready' | 'absent' | 'pin-required' | 'puk-required'): void {
    this.radio.advance()
    this.sim.present = state !== 'absent'
    if (state === 'pin-required' || state === 'puk-required' || state === 'ready') this.sim.pinState = state
    if (state === 'ready') this.radio.connect()
    else this.radio.restart()
  }

  handle(request: SimRequest, local?: AddressInfo): SimReply {
    const url = new URL(request.url, 'http://device.invalid')
    const path = url.pathname
    this.radio.advance()
    const refererOk = sameOrigin(request.headers, local)
    const session = this.sessions.resolve(cookieValue(request.headers.cookie, 'stok'))
    const facts: RequestFacts = { refererOk, loggedIn: session !== undefined }
    const reply = (status: number, headers: Record<string, string>, body: string): SimReply => ({
      status,
      headers: { Server: 'GoAhead-Webs', ...headers },
      cookies: [],
      body,
      facts
    })

    if (path === '/' || path === '/index.html') return reply(200, { 'Content-Type': 'text/html' }, this.homePage())
    if (path === '/js/config/config.js') return reply(200, { 'Content-Type': 'application/javascript' }, this.configJs())
    if (path !== GET_PATH && path !== SET_PATH) {
      return reply(404, { 'Content-Type': 'text/html' }, '<html><head><title>Document Error: Page not found</title></head><body><h2>Access Error: Page not found</h2></body></html>')
    }
    // Parameters come from the query and, for POST, the form body (the stock UI uses both).
    const params = new Map<string, string>(url.searchParams)
    if (request.method === 'POST') for (const [name, value] of new URLSearchParams(request.body)) params.set(name, value)
    if (!refererOk) this.stats.refererRejections++

    if (path === GET_PATH) {
      const body = this.read(params, session !== undefined && refererOk, refererOk, facts)
      return reply(200, JSON_HEADERS, body)
    }
    const answer = this.write(params, session, refererOk, facts)
    const out = reply(200, JSON_HEADERS, JSON.stringify({ result: answer.result }))
    facts.result = answer.result
    if (answer.cookie) out.cookies.push(answer.cookie)
    if (answer.reboot) out.effect = 'reboot'
    return out
  }

  // ---- reads ---------------------------------------------------------------------------------------------

  private read(params: ReadonlyMap<string, string>, authorized: boolean, refererOk: boolean, facts: RequestFacts): string {
    const cmd = params.get('cmd') ?? ''
    const multi = params.get('multi_data') === '1'
    const names = multi ? cmd.split(',').map((name) => name.trim()).filter((name) => name !== '') : [cmd]
    facts.cmd = names

    if (names.length === 1) {
      const composite = this.composite(names[0] as string, params, authorized)
      if (composite !== undefined) return composite
    }
    const object: Record<string, string> = {}
    let apnFields: Record<string, string> | undefined
    for (const name of names) {
      if (Object.prototype.hasOwnProperty.call(object, name)) continue
      let value = ''
      if (refererOk && (authorized || PUBLIC_FIELDS.has(name))) {
        if (name === 'LD') {
          if (this.variant.login === 'sha256') value = facts.issuedLd = this.ld.issue()
        } else if (name === 'RD') {
          if (this.variant.ad !== 'none') value = facts.issuedRd = this.rd.issue()
        } else if (APN_FIELD.test(name)) {
          apnFields ??= this.apn.fields(this.profile.apnTable, this.profile.apnSlots)
          value = apnFields[name] ?? ''
        } else {
          value = this.field(name, authorized) ?? ''
        }
      }
      object[name] = value
    }
    const text = JSON.stringify(object)
    return this.config.strayControlChars ? text.replace(/\\r/g, '\r') : text
  }

  /** Names that answer with their own object shape. */
  private composite(name: string, params: ReadonlyMap<string, string>, authorized: boolean): string | undefined {
    switch (name) {
      case 'sms_data_total': {
        if (!authorized) return JSON.stringify({ sms_data_total: '' })
        const number = (raw: string | undefined, fallback: number): number => (raw !== undefined && /^\d{1,4}$/.test(raw) ? Number(raw) : fallback)
        const store = params.get('mem_store')
        // Everything lives in device memory; the SIM store (mem_store=0) is empty.
        if (store === '0') return JSON.stringify({ messages: [] })
        const messages = this.sms.list({
          page: number(params.get('page'), 0),
          perPage: number(params.get('data_per_page'), 500),
          tags: number(params.get('tags'), 10),
          descending: !/\basc\b/i.test(params.get('order_by') ?? '')
        })
        return JSON.stringify({ messages })
      }
      case 'sms_capacity_info':
        return JSON.stringify(authorized ? this.sms.capacityFields() : { sms_capacity_info: '' })
      case 'sms_cmd_status_info': {
        const command = params.get('sms_cmd') ?? ''
        return JSON.stringify({ sms_cmd: command, sms_cmd_status_result: authorized && /^\d$/.test(command) ? this.sms.commandStatus(Number(command)) : '' })
      }
      case 'ussd_data_info':
        return JSON.stringify(authorized ? this.ussd.dataInfo() : { ussd_data: '', ussd_action: '', ussd_dcs: '' })
      default:
        return undefined
    }
  }

  /** One status field; undefined = this firmware does not know the name (answered ""). */
  private field(name: string, authorized: boolean): string | undefined {
    const { profile, sim } = this
    const radio = this.radio
    const simReady = sim.present && sim.pinState === 'ready'
    const service = this.inService()
    const lte = profile.radio === 'lte'
    const connected = radio.ppp === 'ppp_connected'
    if (ZteUnitSettings.handles(name)) return this.unitSettings.field(name)
    switch (name) {
      case 'loginfo':
        return authorized ? 'ok' : ''
      case 'modem_main_state':
        return !sim.present
          ? 'modem_sim_undetected'
          : sim.pinState === 'pin-required'
            ? 'modem_waitpin'
            : sim.pinState === 'puk-required'
              ? 'modem_waitpuk'
              : sim.pinState === 'blocked'
                ? 'modem_sim_destroy'
                : 'modem_init_complete'
      case 'pin_status':
        return sim.pinState === 'pin-required' ? '1' : sim.pinState === 'puk-required' ? '2' : '0'
      case 'pinnumber':
        return String(sim.pinAttemptsLeft)
      case 'puknumber':
        return String(sim.pukAttemptsLeft)
      case 'psw_fail_num_str':
        return String(this.guard.attemptsLeft)
      case 'login_lock_time':
        return String(this.guard.lockSecondsLeft)
      case 'psw_changed':
        return '1'
      case 'wa_inner_version':
        return profile.waInnerVersion
      case 'cr_version':
        return profile.crVersion
      case 'hw_version':
        return profile.hwVersion
      case 'modem_model':
        return profile.modemModel
            case 'blc_wan_mode':
        return 'AUTO_PPP'
      case 'imei':
        return this.config.identity.imei
      case 'sta_count':
        return String(this.wifi.connectedClients())
      case 'm_sta_count':
        return '0'
      case 'network_provider':
      case 'network_provider_spn':
        return service ? (this.config.strayControlChars ? `${sim.operatorName}\r` : sim.operatorName) : ''
      case 'network_provider_fullname':
        return profile.reportsPlmn && service ? sim.operatorName : undefined
      case 'rmcc':
        return profile.reportsPlmn ? (service ? sim.mcc : '') : undefined
      case 'rmnc':
        return profile.reportsPlmn ? (service ? sim.mnc : '') : undefined
      case 'signalbar':
        return String(service ? radio.signalBars() : 0)
      case 'network_type':
        return service ? profile.networkType : 'NO_SERVICE'
      case 'sub_network_type':
        return service ? (lte ? 'FDD_LTE' : profile.networkType) : ''
      case 'lte_rsrp':
        return lte ? (service ? String(Math.round(radio.rsrp)) : '') : undefined
      case 'lte_rsrq':
        return lte ? (service ? String(Math.round(profile.rsrqPositive ? -radio.rsrq : radio.rsrq)) : '') : undefined
      case 'lte_snr':
      case 'lte_sinr':
        return lte && name === profile.sinrField ? (service ? radio.sinr.toFixed(1) : '') : undefined
      case 'lte_rssi':
        return lte ? (service ? String(Math.round(radio.rssi)) : '') : undefined
      case 'lte_pci':
        return lte ? (service ? String(radio.pci) : '') : undefined
      case 'rssi':
        return lte ? undefined : service ? String(Math.round(radio.rssi)) : ''
      case 'rscp':
        return lte ? undefined : service ? String(Math.round(radio.rscp)) : ''
      case 'ecio':
        return lte ? undefined : service ? String(Math.round(radio.ecio)) : ''
      case 'lte_band':
      case 'wan_active_band':
        return profile.band?.field === name ? (service ? profile.band.value : '') : undefined
      case 'cell_id':
        return service ? radio.cellId : ''
      case 'simcard_roam':
        return service ? (sim.roaming ? 'International' : 'Home') : ''
      case 'ppp_status':
        return radio.ppp
      case 'dial_mode':
        return 'auto_dial'
      case 'wan_ipaddr':
        return connected ? this.config.identity.wanIpv4 : ''
      case 'ipv6_wan_ipaddr':
        return profile.ipv6 ? (connected && this.apn.active.pdp !== 'IP' ? this.config.identity.wanIpv6 : '') : undefined
      case 'realtime_tx_bytes':
        return String(connected ? radio.realtimeTx : 0)
      case 'realtime_rx_bytes':
        return String(connected ? radio.realtimeRx : 0)
      case 'realtime_time':
        return String(connected ? radio.realtimeSeconds : 0)
      case 'realtime_tx_thrpt':
        return String(connected ? Math.round(radio.txRate) : 0)
      case 'realtime_rx_thrpt':
        return String(connected ? Math.round(radio.rxRate) : 0)
      case 'monthly_tx_bytes':
        return String(radio.monthTx)
      case 'monthly_rx_bytes':
        return String(radio.monthRx)
      case 'monthly_time':
        return String(radio.monthSeconds)
      case 'total_tx_bytes':
        return String(radio.totalTx)
      case 'total_rx_bytes':
        return String(radio.totalRx)
      case 'total_time':
        return String(radio.totalSeconds)
      case 'data_volume_limit_switch':
        return this.plan.enabled ? '1' : '0'
      case 'data_volume_limit_unit':
        return this.plan.unit
      case 'data_volume_limit_size':
        return this.plan.size
      case 'data_volume_alert_percent':
        return String(this.plan.alertPercent)
      case 'battery_vol_percent':
        return profile.battery ? String(radio.battery) : ''
      case 'battery_charging':
        return profile.battery ? '0' : ''
      case 'battery_pers':
        return profile.battery ? String(Math.max(1, Math.ceil(radio.battery / 25))) : ''
      case 'sms_received_flag':
        return this.sms.unread > 0 ? '1' : '0'
      case 'sms_unread_num':
        return String(this.sms.unread)
      case 'ussd_write_flag':
        return this.ussd.writeFlag()
      case 'imsi':
      case 'sim_imsi':
        return name === profile.imsiField ? (simReady ? sim.imsi : '') : undefined
      case 'iccid':
      case 'sim_iccid':
      case 'ziccid':
        return name === profile.iccidField ? (sim.present ? sim.iccid : '') : undefined
      case 'msisdn':
      case 'sim_msisdn':
        return name === profile.msisdnField ? (simReady ? sim.msisdn : '') : undefined
      case 'sim_spn':
        return profile.spnField === 'sim_spn' ? (simReady ? sim.spn : '') : undefined
      case 'spn_name_data':
        return profile.spnField === 'spn_name_data' ? (simReady ? toUcs2Hex(sim.spn) : '') : undefined
      case 'spn_b1_flag':
      case 'spn_b2_flag':
        return profile.spnField === 'spn_name_data' ? '1' : undefined
      default:
        return this.wifi.field(name)
    }
  }

  // ---- writes --------------------------------------------------------------------------------------------

  private write(
    params: ReadonlyMap<string, string>,
    session: AdminSession | undefined,
    refererOk: boolean,
    facts: RequestFacts
  ): { result: string; cookie?: string; reboot?: boolean } {
    const goformId = params.get('goformId') ?? ''
    facts.goformId = goformId
    if (!refererOk) return { result: 'failure' }
    if (goformId === 'LOGIN') return this.login(params, session)
    if (!session) return { result: 'failure' }

    if (this.variant.ad !== 'none') {
      // The AD is checked against the newest RD, which this attempt spends whatever the outcome.
      const rd = this.rd.take()
      const expected = rd === undefined ? undefined : expectedAd(this.variant, this.profile.waInnerVersion, this.profile.crVersion, rd)
      const sent = params.get('AD')
      const good = expected !== undefined && sent !== undefined && sameSecret(sent, expected, true)
      if (rd !== undefined) facts.usedRd = rd
      facts.adValid = good
      if (!good) {
        this.stats.adRejections++
        return { result: 'failure' }
      }
    }
    this.stats.writes++
    const ok = (success: boolean): { result: string } => ({ result: success ? 'success' : 'failure' })
    switch (goformId) {
      case 'LOGOUT':
        this.sessions.logout()
        return ok(true)
      case 'CONNECT_NETWORK':
        this.radio.connect()
        return ok(true)
      case 'DISCONNECT_NETWORK':
        this.radio.disconnect()
        return ok(true)
      case 'APN_PROC_EX':
        return ok(this.apnProc(params))
      case 'USSD_PROCESS':
        return ok(this.ussdProcess(params))
      case 'SEND_SMS':
        return ok(this.sendSms(params))
      case 'DELETE_SMS': {
        const ids = params.get('msg_id') ?? ''
        if (!/^(\d{1,9};)+$/.test(ids) && !/^\d{1,9}(;\d{1,9})*;?$/.test(ids)) return ok(false)
        this.sms.delete(ids) // the outcome is reported through sms_cmd_status_info (sms_cmd 6)
        return ok(true)
      }
      case 'SET_MSG_READ':
        return ok(this.sms.markRead(params.get('msg_id') ?? ''))
      case 'RESET_DATA_COUNTER':
        this.radio.resetMonthly()
        return ok(true)
      case 'DATA_LIMIT_SETTING':
        return ok(this.dataLimit(params))
      case 'SET_WEB_LANGUAGE':
        return ok(this.unitSettings.setLanguage(params))
      case 'SetUpgAutoSetting':
        return ok(this.unitSettings.setAutoUpgrade(params))
      case 'REBOOT_DEVICE':
        return { result: 'success', reboot: true }
      case 'ENTER_PIN':
        return ok(this.enterPin(params))
      case 'ENTER_PUK':
        return ok(this.enterPuk(params))
      case 'SET_WIFI_SSID1_SETTINGS':
        return ok(this.wifi.apply(params))
      case 'CHANGE_PASSWORD':
        return ok(this.changePassword(params))
      default:
        return ok(false)
    }
  }

  /**
   * LOGIN (reference §2.2): locked → "1" without looking at the password; wrong password → "3" (and a lock
   * after the fifth); right password while another client's session lives → "2" ('refuse') or that session is
   * replaced ('replace'); else "0" and a new stok cookie.
   */
  private login(params: ReadonlyMap<string, string>, session: AdminSession | undefined): { result: string; cookie?: string } {
    const ld = this.ld.take() // one attempt per salt, right or wrong
    if (this.guard.locked) {
      this.stats.lockedRejections++
      return { result: '1' }
    }
    this.stats.passwordChecks++
    const expected = expectedLoginPassword(this.variant, this.config.password, ld)
    const sent = params.get('password') ?? ''
    if (expected === undefined || !sameSecret(sent, expected)) {
      this.stats.loginFailures++
      if (this.guard.fail()) this.stats.lockouts++
      return { result: '3' }
    }
    const holder = this.sessions.current
    if (holder && holder !== session && this.config.duplicateLogin === 'refuse') {
      this.stats.duplicateRejections++
      return { result: '2' }
    }
    this.guard.succeed()
    this.stats.loginSuccesses++
    const fresh = this.sessions.login()
    return { result: '0', cookie: `stok=${fresh.id}; path=/; HttpOnly` }
  }

  private apnProc(params: ReadonlyMap<string, string>): boolean {
    const action = params.get('apn_action')
    if (action === undefined) {
      if (params.get('apn_mode') !== 'auto') return false
      this.apn.setAuto()
      return true
    }
    switch (action) {
      case 'save':
        return this.apn.save(params)
      case 'set_default':
        return this.apn.setDefault(params)
      case 'delete':
        return this.apn.delete(params)
      default:
        return false
    }
  }

  private ussdProcess(params: ReadonlyMap<string, string>): boolean {
    switch (params.get('USSD_operator')) {
      case 'ussd_send':
        return this.ussd.send((params.get('USSD_send_number') ?? '').trim())
      case 'ussd_reply':
        return this.ussd.reply(params.get('USSD_reply_number') ?? '')
      case 'ussd_cancel':
        this.ussd.cancel()
        return true
      default:
        return false
    }
  }

  private sendSms(params: ReadonlyMap<string, string>): boolean {
    const numbers = (params.get('Number') ?? '').split(';').map((number) => number.trim()).filter((number) => number !== '')
    const text = fromUcs2Hex(params.get('MessageBody') ?? '')
    if (numbers.length === 0 || numbers.some((number) => !/^\+?\d{3,20}$/.test(number)) || text === null || text === '') return false
    const stamp = parseSmsTime(params.get('sms_time') ?? '')
    const date = smsDate(stamp?.epochMs ?? this.config.now(), stamp ? Math.round(stamp.offsetMinutes / 15) * 15 : 0)
    const delivered = this.inService()
    return numbers.every((number) => this.sms.send(number, text, date, delivered))
  }

  /** DATA_LIMIT_SETTING: the whole form is checked first, so a refused post changes nothing. */
  private dataLimit(params: ReadonlyMap<string, string>): boolean {
    const enabled = params.get('data_volume_limit_switch')
    if (enabled !== '0' && enabled !== '1') return false
    const applyClear = this.unitSettings.checkClear(params)
    if (applyClear === null) return false
    let limit: { unit: 'data' | 'time'; size: string; alertPercent: number } | undefined
    if (enabled === '1') {
      const unit = params.get('data_volume_limit_unit')
      const size = params.get('data_volume_limit_size') ?? ''
      const alert = Number(params.get('data_volume_alert_percent') ?? this.plan.alertPercent)
      if ((unit !== 'data' && unit !== 'time') || !/^\d+(\.\d+)?(_\d+)?$/.test(size) || !Number.isInteger(alert) || alert < 0 || alert > 100) return false
      // A zero limit is refused like the stock page's "enter a positive number" check [U for the firmware].
      if (Number(size.split('_')[0]) <= 0) return false
      limit = { unit, size, alertPercent: alert }
    }
    this.plan.enabled = enabled === '1'
    if (limit) Object.assign(this.plan, limit)
    applyClear()
    return true
  }

  /**
   * CHANGE_PASSWORD (stock service.js changePassword(): oldPassword / newPassword, base64 under PASSWORD_ENCODE).
   * The new password must be 1–32 printable characters without spaces [U: the firmware's own rule]. The admin
   * session stays; the next LOGIN wants the new password (base64 or SHA-256+LD alike).
   */
  private changePassword(params: ReadonlyMap<string, string>): boolean {
    const old = decodeBase64Text(params.get('oldPassword') ?? '')
    const next = decodeBase64Text(params.get('newPassword') ?? '')
    if (old === undefined || !sameSecret(old, this.config.password) || next === undefined || !/^[\x21-\x7e]{1,32}$/.test(next)) {
      this.stats.passwordChangeFailures++
      return false
    }
    this.config.password = next
    this.stats.passwordChanges++
    return true
  }

  private enterPin(params: ReadonlyMap<string, string>): boolean {
    const sim = this.sim
    if (!sim.present || sim.pinState !== 'pin-required') return false
    if ((params.get('PinNumber') ?? '') === sim.pin) {
      sim.pinState = 'ready'
      sim.pinAttemptsLeft = 3
      this.radio.connect()
      return true
    }
    sim.pinAttemptsLeft = Math.max(0, sim.pinAttemptsLeft - 1)
    if (sim.pinAttemptsLeft === 0) sim.pinState = 'puk-required'
    return false
  }

  private enterPuk(params: ReadonlyMap<string, string>): boolean {
    const sim = this.sim
    if (!sim.present || sim.pinState !== 'puk-required') return false
    const newPin = params.get('PinNumber') ?? ''
    if (!/^\d{4,8}$/.test(newPin)) return false
    if ((params.get('PUKNumber') ?? '') === sim.puk) {
      sim.pin = newPin
      sim.pinState = 'ready'
      sim.pinAttemptsLeft = 3
      sim.pukAttemptsLeft = 10
      this.radio.connect()
      return true
    }
    sim.pukAttemptsLeft = Math.max(0, sim.pukAttemptsLeft - 1)
    if (sim.pukAttemptsLeft === 0) sim.pinState = 'blocked'
    return false
  }

  // ---- pages ------------------------------------------------------------------------------------------

  private homePage(): string {
    return [
      '<!DOCTYPE html>',
      `<html><head><meta charset="utf-8"><title>${this.profile.marketingName}</title>`,
      '<script src="js/config/config.js"></script></head>',
      `<body><div id="container">${this.profile.marketingName}</div></body></html>`
    ].join('\n')
  }

  /** The firmware flags the stock UI reads (reference §2.2: WEB_ATTR_IF_SUPPORT_SHA256 lives here) [U layout]. */
  private configJs(): string {
    const flags = {
      DEVICE: this.profile.id,
      HAS_LOGIN: true,
      PASSWORD_ENCODE: true,
      WEB_ATTR_IF_SUPPORT_SHA256: this.variant.sha256Flag,
      MAX_LOGIN_COUNT: DEFAULT_LOCKOUT.maxFailures,
      HAS_SMS: true,
      HAS_USSD: true,
      SMS_DATABASE_SORT_SUPPORT: !this.profile.smsRepeatsConcatRows
    }
    return `define(function(){var config=${JSON.stringify(flags)};return config;});\n`
  }
}

function decodeBase64Text(value: string): string | undefined {
  if (value === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined
  return Buffer.from(value, 'base64').toString('utf8')
}

/** The Referer names this device: same host (and port) as the request was sent to. */
function sameOrigin(headers: SimRequest['headers'], local: AddressInfo | undefined): boolean {
  const referer = headerValue(headers.referer)
  if (referer === undefined) return false
  let refererHost: string
  try {
    refererHost = new URL(referer).host
  } catch {
    return false
  }
  const host = headerValue(headers.host)
  if (host !== undefined) return refererHost.toLowerCase() === host.toLowerCase()
  return local !== undefined && refererHost === `127.0.0.1:${local.port}`
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** A cookie's value; firmware and clients quote stok inconsistently ("stok=\"…\""), so quotes are dropped. */
function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  const text = headerValue(header)
  if (text === undefined) return undefined
  for (const pair of text.split(';')) {
    const eq = pair.indexOf('=')
    if (eq < 0) continue
    if (pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1')
  }
  return undefined
}
