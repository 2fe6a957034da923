// The simulated Netgear device behind the HTTP server: routes requests, keeps sessions and tokens, checks the admin
// password, applies /Forms/* writes and answers model.json from the live state. Transport-free: it maps a request
// to a reply, so the server (simulator.ts) owns sockets, latency, faults and the reboot outage. Written from the
// reference (§3) and public clients (eternalegypt, the jacobhere/netgear-m5 scripts, MR1100 monitors), not from
// Hotspot Desk's driver.
import type { NetgearLiveState } from './live-state'
import { renderModel, type DeviceIdentity, type NetgearVariant, type WifiClient } from './model-json'
import type { ProfileStore } from './profiles'
import { NetgearSessionStore, type SimSession } from './sessions'
import type { NetgearSimProfile } from './sim-profile'
import type { SmsStore } from './sms-store'
import { LoginGuard, type LockoutPolicy } from './support'
import { NetgearWifi, validAdminPassword } from './wifi'
import { applyDataPlan, handlesDataPlanKey } from './data-plan'

export interface DeviceConfig {
  variant: NetgearVariant
  identity: DeviceIdentity
  password: string
  sim: NetgearSimProfile
  live: NetgearLiveState
  profiles: ProfileStore
  sms: SmsStore
  clients: readonly WifiClient[]
  now: () => number
  sessionIdleMs: number
  /** undefined = the device never locks logins (the default: no Netgear lockout is documented). */
  lockout: LockoutPolicy | undefined
  timeZoneOffsetSeconds: number
  battery: { percent: number; charging: boolean }
  /** Wi-Fi clients stay away this long after a Wi-Fi change restarts the radio. */
  wifiRestartMs: number
}

export interface SimRequest {
  method: string
  url: string
  headers: Readonly<Record<string, string | string[] | undefined>>
  body: string
}

export interface SimReply {
  status: number
  headers: Record<string, string>
  cookies: string[]
  body: string
  /** Something the server must do once the reply is sent. */
  after?: 'reboot'
}

export interface SimStats {
  /** Every time the device judged a password. */
  passwordChecks: number
  loginSuccesses: number
  loginFailures: number
  /** Logins refused because logins were locked (password not checked). */
  lockedRejections: number
  /** Failures that locked logins. */
  lockouts: number
  /** Password posts on an admin session, which log it out (the toggle). */
  logoutToggles: number
  /** POSTs refused for a missing or wrong token. */
  tokenRejections: number
  /** Writes refused because the session was not admin. */
  guestRejections: number
  /** Accepted writes (not counting logins). */
  writes: number
  reboots: number
  /** webd.adminPassword accepted. */
  passwordChanges: number
}

const COOKIE = 'sessionId'
const MODEL_PATHS = new Set(['/api/model.json', '/model.json'])
const HOME_PATHS = new Set(['/', '/index.html'])
const FORM_FIELDS_IGNORED = new Set(['token', 'ok_redirect', 'err_redirect'])
const AUTOCONNECT_VALUES = new Set(['Never', 'HomeNetwork', 'Always', 'RoamNetwork'])

type Outcome = { ok: true; after?: 'reboot' } | { ok: false; errdetail: string }

export class SimulatedNetgearDevice {
  readonly sessions: NetgearSessionStore
  readonly stats: SimStats = {
    passwordChecks: 0,
    loginSuccesses: 0,
    loginFailures: 0,
    lockedRejections: 0,
    lockouts: 0,
    logoutToggles: 0,
    tokenRejections: 0,
    guestRejections: 0,
    writes: 0,
    reboots: 0,
    passwordChanges: 0
  }
  autoconnect = 'HomeNetwork'
  wifiEnabled = true
  readonly wifi: NetgearWifi
  private readonly guard: LoginGuard | undefined

  constructor(private readonly config: DeviceConfig) {
    this.sessions = new NetgearSessionStore(config.now, config.sessionIdleMs)
    this.guard = config.lockout ? new LoginGuard(config.now, config.lockout) : undefined
    this.wifi = new NetgearWifi({
      now: config.now,
      restartMs: config.wifiRestartMs,
      ssid: config.identity.ssid,
      passPhrase: config.identity.wifiPassphrase,
      encryptions: config.variant.wifiEncryptions
    })
  }

  /** The admin password right now (webd.adminPassword replaces it). */
  get adminPassword(): string {
    return this.config.password
  }

  get locked(): boolean {
    return this.guard?.locked ?? false
  }

  /** After a reboot: no sessions, a data session on its way up (autoconnect permitting). */
  rebooted(): void {
    this.sessions.expireAll()
    this.config.live.reboot(this.autoconnect !== 'Never')
    this.stats.reboots++
  }

  handle(request: SimRequest): SimReply {
    const url = new URL(request.url, 'http://device.invalid')
    const path = url.pathname
    const session = this.sessions.find(cookieValue(request.headers.cookie, COOKIE))
    if (session) this.sessions.touch(session)
    this.config.live.advance()
    const method = request.method.toUpperCase()

    if (path === '/sess_cd_tmp') {
      if (method !== 'GET' && method !== 'HEAD') return text(405, 'Method Not Allowed')
      const current = session ?? this.sessions.create()
      const reply = session ? text(200, '') : withCookie(text(200, ''), current)
      const back = returnPath(url.search.slice(1))
      return back === undefined ? reply : { ...reply, status: 302, headers: { ...reply.headers, Location: back }, body: redirectPage(back) }
    }
    if (MODEL_PATHS.has(path)) {
      if (method !== 'GET' && method !== 'HEAD') return text(405, 'Method Not Allowed')
      // No live session: off to /sess_cd_tmp, which sets the cookie and sends the client back [R].
      if (!session) return redirect(`/sess_cd_tmp?${path}${url.search}`)
      return json(200, renderModel(this.modelContext(session)))
    }
    if (path === '/success.json') return json(200, '{ "success": true }\n')
    if (path === '/error.json') {
      const error = session?.lastError ?? { errno: 1, errdetail: '' }
      return json(200, `${JSON.stringify(error, null, 2)}\n`)
    }
    if (HOME_PATHS.has(path)) {
      if (method !== 'GET' && method !== 'HEAD') return text(405, 'Method Not Allowed')
      const current = session ?? this.sessions.create()
      const reply: SimReply = { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, cookies: [], body: homePage(this.config.variant, url.search.includes('loginfailed')) }
      return session ? reply : withCookie(reply, current)
    }
    if (path.startsWith('/Forms/')) {
      if (method !== 'POST') return text(405, 'Method Not Allowed')
      return this.form(path, new URLSearchParams(request.body), session)
    }
    return text(404, 'Not Found')
  }

  private form(path: string, fields: URLSearchParams, session: SimSession | undefined): SimReply {
    if (!session) return redirect('/sess_cd_tmp?/index.html')
    if (fields.get('token') !== session.token) {
      this.stats.tokenRejections++
      return this.answer(session, fields, { ok: false, errdetail: 'token' })
    }
    if (path === '/Forms/config' && fields.has('session.password')) return this.answer(session, fields, this.login(session, fields.get('session.password') ?? ''))
    if (session.role !== 'Admin') {
      this.stats.guestRejections++
      return this.answer(session, fields, { ok: false, errdetail: firstField(fields) })
    }
    let outcome: Outcome
    if (path === '/Forms/config') outcome = this.configure(fields)
    else if (path === '/Forms/profile') outcome = this.config.profiles.apply(fields)
    else if (path === '/Forms/smsSendMsg') outcome = this.sendSms(fields)
    else return text(404, 'Not Found')
    if (outcome.ok) this.stats.writes++
    return this.answer(session, fields, outcome)
  }

  private login(session: SimSession, password: string): Outcome {
    // On a session that is already admin the password post logs out (MR2100 web-UI study [R]).
    if (session.role === 'Admin') {
      this.stats.logoutToggles++
      this.sessions.demote(session)
      return { ok: true }
    }
    if (this.guard?.locked) {
      this.stats.lockedRejections++
      return { ok: false, errdetail: 'session.password' }
    }
    this.stats.passwordChecks++
    if (password === this.config.password) {
      this.stats.loginSuccesses++
      this.guard?.succeed()
      this.sessions.promote(session)
      return { ok: true }
    }
    this.stats.loginFailures++
    if (this.guard?.fail()) this.stats.lockouts++
    return { ok: false, errdetail: 'session.password' }
  }

  /**
   * /Forms/config: each field is one setting (reference §3.1); an unknown one refuses the whole post [U]. The
   * wifi.* keys of a post are checked and applied together (wifi.ts), then the data meter's (data-plan.ts), before
   * the others.
   */
  private configure(fields: URLSearchParams): Outcome {
    const { live, profiles, sms } = this.config
    let after: 'reboot' | undefined
    const wifiFields = new Map([...fields].filter(([key]) => NetgearWifi.handles(key)))
    if (wifiFields.size > 0) {
      const outcome = this.wifi.apply(wifiFields)
      if (!outcome.ok) return outcome
    }
    const planFields = new Map([...fields].filter(([key]) => handlesDataPlanKey(key)))
    if (planFields.size > 0) {
      const outcome = applyDataPlan(planFields, this.config.sim)
      if (!outcome.ok) return outcome
    }
    for (const [key, value] of fields) {
      if (FORM_FIELDS_IGNORED.has(key) || NetgearWifi.handles(key) || handlesDataPlanKey(key)) continue
      switch (key) {
        case 'wwan.connect':
          if (value === 'DefaultProfile') live.requestConnect()
          else if (value === 'Disconnect' || value === '0') live.requestDisconnect()
          else return { ok: false, errdetail: key }
          break
        case 'wwan.autoconnect':
          // The M1/M5 scripts (jacobhere/netgear-m5) use Never / HomeNetwork as data off / on.
          if (!AUTOCONNECT_VALUES.has(value)) return { ok: false, errdetail: key }
          this.autoconnect = value
          if (value === 'Never') live.requestDisconnect()
          else if (value === 'HomeNetwork' && this.config.sim.roaming) live.requestDisconnect()
          else live.requestConnect()
          break
        case 'general.shutdown':
          // The web UI sends "restart" from its button and "Restart" after saving settings [R]; LM1200: "Restart".
          if (value !== 'restart' && value !== 'Restart') return { ok: false, errdetail: key }
          after = 'reboot'
          break
        case 'general.factoryReset':
          if (value !== '1') return { ok: false, errdetail: key }
          this.autoconnect = 'HomeNetwork'
          after = 'reboot'
          break
        case 'sms.deleteId':
          if (!sms.remove(value)) return { ok: false, errdetail: key }
          break
        case 'sms.deleteAll':
          sms.clear()
          break
        case 'sms.readId':
          if (!sms.markRead(value)) return { ok: false, errdetail: key }
          break
        case 'wwan.profile.default': {
          const result = profiles.setDefault(value)
          if (!result.ok) return result
          break
        }
        case 'webd.adminPassword':
          if (!validAdminPassword(value)) return { ok: false, errdetail: key }
          this.config.password = value
          this.stats.passwordChanges++
          break
        case 'wwan.profile.promptForApnSelection':
        case 'wifi.enabled':
          if (value !== 'true' && value !== 'false') return { ok: false, errdetail: key }
          if (key === 'wifi.enabled') this.wifiEnabled = value === 'true'
          break
        default:
          return { ok: false, errdetail: key }
      }
    }
    return after ? { ok: true, after } : { ok: true }
  }

  /** /Forms/smsSendMsg (reference §3.1): receiver, text, clientId, action=send. */
  private sendSms(fields: URLSearchParams): Outcome {
    if (fields.get('action') !== 'send') return { ok: false, errdetail: 'action' }
    const receiver = (fields.get('sms.sendMsg.receiver') ?? '').trim()
    const text = fields.get('sms.sendMsg.text') ?? ''
    if (!/^\+?[0-9]{2,20}$/.test(receiver)) return { ok: false, errdetail: 'sms.sendMsg.receiver' }
    if (text === '') return { ok: false, errdetail: 'sms.sendMsg.text' }
    const { live, sim } = this.config
    const delivered = live.hasService && sim.status === 'Ready'
    this.config.sms.send(fields.get('sms.sendMsg.clientId') ?? 'webUi', receiver, text, this.config.now(), delivered)
    return { ok: true }
  }

  /** Redirect to ok_redirect / err_redirect when the form named them, else 204 either way (MR2100 study [R]). */
  private answer(session: SimSession, fields: URLSearchParams, outcome: Outcome): SimReply {
    if (outcome.ok) delete session.lastError
    else session.lastError = { errno: 1, errdetail: outcome.errdetail }
    const target = outcome.ok ? fields.get('ok_redirect') : fields.get('err_redirect')
    const reply = target !== null && target.startsWith('/') && !target.startsWith('//') ? redirect(target) : { status: 204, headers: {}, cookies: [], body: '' }
    return outcome.ok && outcome.after ? { ...reply, after: outcome.after } : reply
  }

  private modelContext(session: SimSession) {
    const config = this.config
    return {
      role: session.role,
      token: session.token,
      variant: config.variant,
      identity: config.identity,
      sim: config.sim,
      live: config.live,
      profiles: config.profiles,
      sms: config.sms,
      autoconnect: this.autoconnect,
      wifiEnabled: this.wifiEnabled,
      wifi: {
        ssid: this.wifi.ssid,
        passPhrase: this.wifi.passPhrase,
        hidden: this.wifi.hidden,
        encryption: this.wifi.encryption,
        mode: this.wifi.mode,
        restarting: this.wifi.restarting
      },
      clients: config.clients,
      battery: config.battery,
      now: config.now(),
      timeZoneOffsetSeconds: config.timeZoneOffsetSeconds
    }
  }
}

function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  const value = Array.isArray(header) ? header.join('; ') : header
  if (!value) return undefined
  for (const part of value.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

function withCookie(reply: SimReply, session: SimSession): SimReply {
  return { ...reply, cookies: [...reply.cookies, `${COOKIE}=${session.id}; Path=/; HttpOnly`] }
}

function text(status: number, body: string): SimReply {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, cookies: [], body }
}

function json(status: number, body: string): SimReply {
  return { status, headers: { 'Content-Type': 'application/json' }, cookies: [], body }
}

function redirect(location: string): SimReply {
  return { status: 302, headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' }, cookies: [], body: redirectPage(location) }
}

function redirectPage(location: string): string {
  const safe = location.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  return `<!DOCTYPE html>\n<html><head><title>302 Found</title></head><body><a href="${safe}">Found</a></body></html>\n`
}

/** /sess_cd_tmp?<path> sends the client back to a path on this device (never elsewhere). */
function returnPath(query: string): string | undefined {
  let target: string
  try {
    target = decodeURIComponent(query)
  } catch {
    return undefined
  }
  return target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/sess_cd_tmp') ? target : undefined
}

function firstField(fields: URLSearchParams): string {
  for (const key of fields.keys()) if (!FORM_FIELDS_IGNORED.has(key)) return key
  return ''
}

function homePage(variant: NetgearVariant, loginFailed: boolean): string {
  const failed = loginFailed ? '<p class="error">The password you entered is incorrect.</p>' : ''
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${variant.deviceName}</title></head>
<body><h1>NETGEAR ${variant.deviceName}</h1>${failed}
<form id="login_form" method="post" action="/Forms/config">
<input type="password" id="session_password" name="session.password">
<input type="hidden" name="ok_redirect" value="/index.html"><input type="hidden" name="err_redirect" value="/index.html?loginfailed">
<button type="submit">Sign In</button></form>
<script src="/js/app.js"></script></body></html>
`
}
