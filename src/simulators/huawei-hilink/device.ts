// The simulated device behind the HTTP server: routes /api requests, enforces cookies, single-use CSRF tokens,
// logins and lockout, and answers from the live state. Transport-free: it maps a request to a reply, so the
// server (simulator.ts) owns sockets, latency and fault injection.
import { checkClassicPassword, LoginGuard, ScramAccount, type LockoutPolicy } from './auth'
import type { LiveState } from './live-state'
import { DeviceOperations, OPERATION_POSTS, type OperationState } from './operations'
import * as content from './responses'
import { randomToken, SessionStore, type SimSession } from './sessions'
import { powerUpSim } from './sim-lock'
import type { SimProfile } from './sim-profile'
import type { HuaweiVariant } from './variants'
import { errorXml, flatFields, okXml, readRequestTree, responseXml, type Fields, type RequestNode } from './xml-writer'

export interface DeviceConfig {
  variant: HuaweiVariant
  username: string
  password: string
  passwordType: 0 | 3 | 4 | null
  loginMode: 'classic' | 'scram'
  loginRequired: boolean
  sim: SimProfile
  identity: content.DeviceIdentity
  plan: content.PlanSettings
  wifiClients: number
  now: () => number
  sessionIdleMs: number
  lockout: LockoutPolicy
  scramIterations: number
  live: LiveState
  /** Profiles, data connection, USSD, SMS and the RSA key (operations.ts). */
  operations: OperationState
  /** state-login rsapadingtype and the padding encrypted bodies are decrypted with. */
  rsaPadding: 0 | 1
}

export type PowerAction = 'reboot' | 'power-off'

export interface SimRequest {
  method: string
  url: string
  headers: Readonly<Record<string, string | string[] | undefined>>
  body: string
}

export interface SimReply {
  status: number
  headers: Record<string, string>
  /** Set-Cookie values. */
  cookies: string[]
  body: string
  /** The Huawei error code answered, when the reply is an <error>. */
  huaweiCode?: number
  /** What the device does once this reply has left (device/control: restart or switch off). */
  power?: PowerAction
}

export interface SimStats {
  /** Every time the device judged a password (classic login or SCRAM proof). */
  passwordChecks: number
  loginSuccesses: number
  loginFailures: number
  /** Failures that locked logins. */
  lockouts: number
  /** Login attempts refused because logins were locked (password not checked). */
  lockedRejections: number
  /** POSTs refused with 125002 (missing, used or unknown token). */
  tokenRejections: number
  /** Bodies that arrived in the encrypted form and decrypted. */
  encryptedRequests: number
  /** Restarts through device/control. */
  reboots: number
  /** Admin password changes accepted (user/password, user/password_scram). */
  passwordChanges: number
  /** Password changes refused for a wrong current password. */
  passwordChangeFailures: number
}

const XML_TYPE = 'text/html' // what the devices label their XML with (Salamek's Session.py sniffs because of it) [U]
const TOKEN_HEADER = '__RequestVerificationToken'
const HOME_PATHS = new Set(['/', '/html/home.html', '/html/index.html'])

export class SimulatedHuaweiDevice {
  readonly sessions: SessionStore
  readonly guard: LoginGuard
  readonly stats: SimStats = {
    passwordChecks: 0,
    loginSuccesses: 0,
    loginFailures: 0,
    lockouts: 0,
    lockedRejections: 0,
    tokenRejections: 0,
    encryptedRequests: 0,
    reboots: 0,
    passwordChanges: 0,
    passwordChangeFailures: 0
  }
  private scramAccount: ScramAccount | undefined
  /** Wrong current passwords in a row; the third logs the session out (user/password.lua _G.webtimes). */
  private wrongCurrentPasswords = 0
  private readonly operations: DeviceOperations

  constructor(private readonly config: DeviceConfig) {
    this.sessions = new SessionStore(config.now, config.sessionIdleMs)
    this.guard = new LoginGuard(config.now, config.lockout)
    this.operations = new DeviceOperations(config.operations, () => this.contentContext())
  }

  /**
   * The device comes back from a restart: every session and token is gone, the USSD session too, a SIM with
   * its PIN lock on asks for the PIN again, and the data session starts over (Current* counters reset; totals,
   * month statistics, messages and profiles live in flash and stay).
   */
  bootUp(): void {
    this.sessions.expireAll()
    this.guard.reset()
    this.config.operations.ussd.release()
    powerUpSim(this.config.sim)
    this.config.operations.data.restart()
  }

  get variant(): HuaweiVariant {
    return this.config.variant
  }

  get plan(): content.PlanSettings {
    return this.config.plan
  }

  /** The admin password right now (it changes through user/password). */
  get adminPassword(): string {
    return this.config.password
  }

  handle(request: SimRequest): SimReply {
    const url = new URL(request.url, 'http://device.invalid')
    const path = url.pathname
    const reply = new ReplyBuilder()
    let session = this.sessions.find(cookieValue(request.headers.cookie, 'SessionID'))
    if (session) this.sessions.touch(session)
    this.config.live.advance()
    this.config.operations.data.advance()

    const ensureSession = (): SimSession => {
      if (!session) {
        session = this.sessions.create()
        reply.cookies.push(sessionCookie(session))
      }
      return session
    }

    if (HOME_PATHS.has(path)) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return reply.status(405).text('Method Not Allowed')
      const current = ensureSession()
      const tokens = this.config.variant.csrf === 'meta' ? [this.sessions.issueToken(current), this.sessions.issueToken(current)] : []
      return reply.html(content.homePage(this.config.variant, tokens))
    }
    if (!path.startsWith('/api/')) return reply.status(404).text('Not Found')
    const endpoint = path.slice('/api/'.length)
    if (this.config.variant.missingEndpoints.includes(endpoint)) return reply.error(100002)

    if (request.method === 'GET') return this.get(endpoint, session, ensureSession, reply)
    if (request.method !== 'POST') return reply.error(100002)

    const headerToken = headerValue(request.headers[TOKEN_HEADER.toLowerCase()])
    if (this.config.variant.csrf === 'meta' && !this.sessions.consumeToken(session, headerToken)) {
      this.stats.tokenRejections++
      return reply.error(125002)
    }
    const body = this.decrypt(request)
    const tree = body.text === null ? null : readRequestTree(body.text)
    const result = tree === null ? reply.error(100005) : this.post(endpoint, tree, body.encrypted, session, headerToken ?? '', reply)
    // Every answered POST hands out the next token, unless a login just handed out a fresh pair.
    const live = this.sessions.find(session?.id)
    if (this.config.variant.csrf === 'meta' && live && !(`${TOKEN_HEADER}one` in result.headers)) {
      result.headers[TOKEN_HEADER] = this.sessions.issueToken(live)
    }
    return result
  }

  private get(endpoint: string, session: SimSession | undefined, ensureSession: () => SimSession, reply: ReplyBuilder): SimReply {
    const { variant } = this.config
    if (variant.protectedEndpoints.includes(endpoint) && !this.authorized(session)) return reply.error(100003)
    const ctx = this.contentContext()
    switch (endpoint) {
      case 'webserver/token': {
        if (!variant.tokenEndpoints) return reply.error(100002)
        const token = this.sessions.issueToken(ensureSession())
        // 64 characters; the pooled token is the last 32 (SCRAM clients send only those, reference §1.2).
        return reply.xml(responseXml([['token', randomToken(32) + token]]))
      }
      case 'webserver/SesTokInfo': {
        if (!variant.tokenEndpoints) return reply.error(100002)
        const current = ensureSession()
        const token = this.sessions.issueToken(current)
        return reply.xml(
          responseXml([
            ['SesInfo', `SessionID=${current.id}`],
            ['TokInfo', token]
          ])
        )
      }
      case 'user/state-login':
        return reply.xml(responseXml(this.stateLogin(session)))
      case 'user/hilink_login':
        return reply.xml(responseXml([['hilink_login', this.config.loginRequired ? 1 : 0]]))
      case 'user/heartbeat':
        return reply.xml(responseXml([['userlevel', '']]))
      case 'device/information':
        return reply.xml(content.deviceInformation(ctx))
      case 'device/basic_information':
        return reply.xml(content.basicInformation(ctx))
      case 'device/signal':
        return reply.xml(content.deviceSignal(ctx))
      case 'monitoring/status':
        return reply.xml(content.monitoringStatus(ctx, this.config.now()))
      case 'monitoring/converged-status':
        return reply.xml(content.convergedStatus(ctx))
      case 'monitoring/check-notifications':
        return reply.xml(content.checkNotifications(ctx))
      case 'monitoring/traffic-statistics':
        return reply.xml(content.trafficStatistics(ctx))
      case 'monitoring/month_statistics':
        return reply.xml(content.monthStatistics(ctx))
      case 'monitoring/start_date':
        return reply.xml(content.startDate(ctx))
      case 'net/current-plmn':
        return reply.xml(content.currentPlmn(ctx))
      case 'pin/status':
        return reply.xml(content.pinStatus(ctx))
      default:
        return this.answer(this.operations.get(endpoint), reply)
    }
  }

  private post(endpoint: string, request: RequestNode, encrypted: boolean, session: SimSession | undefined, headerToken: string, reply: ReplyBuilder): SimReply {
    const fields = flatFields(request)
    switch (endpoint) {
      case 'user/login':
        return this.classicLogin(fields, session, headerToken, reply)
      case 'user/challenge_login':
        return this.challengeLogin(fields, session, reply)
      case 'user/authentication_login':
        return this.authenticationLogin(fields, session, reply)
      case 'user/logout':
        if (!session?.loggedIn) return reply.error(100003)
        session.loggedIn = false
        return reply.xml(okXml())
      case 'user/password':
        if (!this.authorized(session) || !session) return reply.error(100003)
        return this.changePassword(fields, session, headerToken, reply)
      case 'user/password_scram':
        if (this.config.loginMode !== 'scram') return reply.error(100002)
        if (!this.authorized(session) || !session) return reply.error(100003)
        // Passwords in clear text inside: the stock UI always encrypts this one [R, public HiLink tool notes].
        if (!encrypted) return reply.error(100001)
        return this.changePasswordScram(fields, session, reply)
      case 'monitoring/start_date':
        if (!this.authorized(session)) return reply.error(100003)
        return this.setStartDate(fields, reply)
      case 'device/control':
        if (!this.authorized(session)) return reply.error(100003)
        return this.control(fields.get('Control'), reply)
      default:
        if (!OPERATION_POSTS.has(endpoint)) return reply.error(100002)
        if (!this.authorized(session)) return reply.error(100003)
        return this.answer(this.operations.post(endpoint, request, encrypted), reply)
    }
  }

  private answer(result: ReturnType<DeviceOperations['get']>, reply: ReplyBuilder): SimReply {
    if (result === undefined) return reply.error(100002)
    return 'xml' in result ? reply.xml(result.xml) : reply.error(result.error, result.extra)
  }

  /** device/control (reference §1.6): 1 restart, 4 switch off. 2 (factory reset) and 3 (backup) are not played. */
  private control(value: string | undefined, reply: ReplyBuilder): SimReply {
    if (value !== '1' && value !== '4') return reply.error(100006)
    if (value === '1') this.stats.reboots++
    const answer = reply.xml(okXml())
    answer.power = value === '1' ? 'reboot' : 'power-off'
    return answer
  }

  /**
   * The request body as XML: plain, or in the encrypted form (reference §1.5) when it carries the
   * encrypt_transmit header and this firmware has a key. text null = it does not decrypt.
   */
  private decrypt(request: SimRequest): { text: string | null; encrypted: boolean } {
    const marked = headerValue(request.headers.encrypt_transmit) !== undefined
    if (!marked || this.config.variant.encryption === 'none') return { text: request.body, encrypted: false }
    const text = this.config.operations.rsaKey.decrypt(request.body, this.config.rsaPadding)
    if (text !== null) this.stats.encryptedRequests++
    return { text, encrypted: text !== null }
  }

  private classicLogin(fields: Map<string, string>, session: SimSession | undefined, headerToken: string, reply: ReplyBuilder): SimReply {
    if (this.guard.locked) {
      this.stats.lockedRejections++
      return reply.error(108007, [['waittime', this.guard.remainingMinutes]])
    }
    const type = this.config.passwordType ?? 0
    const username = fields.get('Username') ?? ''
    this.stats.passwordChecks++
    const good = username === this.config.username && checkClassicPassword(type, fields.get('Password') ?? '', username, this.config.password, headerToken)
    if (!good) return this.loginFailed(reply, false)
    return this.loginSucceeded(session, reply, okXml())
  }

  private challengeLogin(fields: Map<string, string>, session: SimSession | undefined, reply: ReplyBuilder): SimReply {
    if (this.config.loginMode !== 'scram' || !session) return reply.error(100002)
    if (this.guard.locked) {
      this.stats.lockedRejections++
      return reply.error(108007, [['waittime', this.guard.remainingMinutes]])
    }
    const clientNonce = fields.get('firstnonce') ?? ''
    if (!/^[0-9a-fA-F]{16,128}$/.test(clientNonce)) return reply.error(100005)
    const account = this.scram()
    const serverNonce = account.serverNonceFor(clientNonce)
    // A wrong user name still gets a challenge; the proof fails later (no user enumeration).
    session.scram = { username: fields.get('username') ?? '', clientNonce, serverNonce }
    return reply.xml(
      responseXml([
        ['salt', account.saltHex],
        ['iterations', account.iterations],
        ['servernonce', serverNonce],
        ['modeselected', 1]
      ])
    )
  }

  private authenticationLogin(fields: Map<string, string>, session: SimSession | undefined, reply: ReplyBuilder): SimReply {
    if (this.config.loginMode !== 'scram' || !session) return reply.error(100002)
    const pending = session.scram
    session.scram = undefined
    if (!pending) return reply.error(100005)
    if (this.guard.locked) {
      this.stats.lockedRejections++
      return reply.error(108007, [['waittime', this.guard.remainingMinutes]])
    }
    this.stats.passwordChecks++
    const account = this.scram()
    const good =
      pending.username === this.config.username &&
      fields.get('finalnonce') === pending.serverNonce &&
      account.verify(pending.clientNonce, pending.serverNonce, fields.get('clientproof') ?? '')
    if (!good) return this.loginFailed(reply, true)
    const proof = account.proofOfServer(pending.clientNonce, pending.serverNonce)
    return this.loginSucceeded(
      session,
      reply,
      responseXml([
        ['serversignature', proof.serversignature],
        ['rsapubkeysignature', proof.rsapubkeysignature],
        ['rsan', proof.rsan],
        ['rsae', proof.rsae]
      ])
    )
  }

  /**
   * user/password (janglapuk/huawei-e5785lh-92a-fw: cpio_3/html/api/user/password.lua): CurrentPassword is checked
   * the way a login of this password_type would be (type 4: with this request's token), NewPassword is base64.
   */
  private changePassword(fields: Map<string, string>, session: SimSession, headerToken: string, reply: ReplyBuilder): SimReply {
    const type = this.config.passwordType ?? 0
    const username = fields.get('Username') ?? ''
    const good = username === this.config.username && checkClassicPassword(type, fields.get('CurrentPassword') ?? '', username, this.config.password, headerToken)
    if (!good) return this.wrongCurrentPassword(session, reply)
    const next = decodeBase64Text(fields.get('NewPassword') ?? '')
    return this.storePassword(next, reply)
  }

  /** user/password_scram (password_scram.lua): clear-text fields in an encrypted body; logs every session out. */
  private changePasswordScram(fields: Map<string, string>, session: SimSession, reply: ReplyBuilder): SimReply {
    const good = (fields.get('username') ?? '') === this.config.username && (fields.get('currentpassword') ?? '') === this.config.password
    if (!good) return this.wrongCurrentPassword(session, reply)
    const answer = this.storePassword(fields.get('newpassword'), reply)
    if (answer.huaweiCode === undefined) this.sessions.logoutAll()
    return answer
  }

  private wrongCurrentPassword(session: SimSession, reply: ReplyBuilder): SimReply {
    this.stats.passwordChangeFailures++
    this.wrongCurrentPasswords++
    if (this.wrongCurrentPasswords > 2) {
      this.wrongCurrentPasswords = 0
      session.loggedIn = false
    }
    return reply.error(108002)
  }

  /** 1–32 printable characters [U: the firmware's exact rule]; 108004 (modify password failed) otherwise. */
  private storePassword(next: string | undefined, reply: ReplyBuilder): SimReply {
    this.wrongCurrentPasswords = 0
    if (next === undefined || next.length < 1 || next.length > 32 || !/^[\x21-\x7e]+$/.test(next)) return reply.error(108004)
    this.config.password = next
    this.scramAccount = undefined
    this.stats.passwordChanges++
    return reply.xml(okXml())
  }

  private loginFailed(reply: ReplyBuilder, scram: boolean): SimReply {
    this.stats.loginFailures++
    if (this.guard.fail()) {
      this.stats.lockouts++
      return reply.error(108007, [['waittime', this.guard.remainingMinutes]])
    }
    // SCRAM-era firmware say how many tries are left (stock EMUI login script reads error.remaincount).
    return reply.error(108006, scram ? [['remaincount', this.guard.remainingAttempts], ['waittime', 0]] : [])
  }

  private loginSucceeded(previous: SimSession | undefined, reply: ReplyBuilder, body: string): SimReply {
    this.guard.succeed()
    this.stats.loginSuccesses++
    const { session, tokens } = this.sessions.login(previous)
    reply.cookies.push(sessionCookie(session))
    reply.headers[`${TOKEN_HEADER}one`] = tokens[0]
    reply.headers[`${TOKEN_HEADER}two`] = tokens[1]
    return reply.xml(body)
  }

  private setStartDate(fields: Map<string, string>, reply: ReplyBuilder): SimReply {
    const day = Number(fields.get('StartDay'))
    const limit = fields.get('DataLimit') ?? ''
    const threshold = Number(fields.get('MonthThreshold') ?? this.config.plan.monthThreshold)
    const enabled = fields.get('SetMonthData') ?? String(this.config.plan.setMonthData)
    if (!Number.isInteger(day) || day < 1 || day > 31 || !/^\d{1,6}(MB|GB)$/.test(limit) || !Number.isInteger(threshold) || threshold < 0 || threshold > 100 || (enabled !== '0' && enabled !== '1')) {
      return reply.error(100006)
    }
    this.config.plan.startDay = day
    this.config.plan.dataLimit = limit
    this.config.plan.monthThreshold = threshold
    this.config.plan.setMonthData = enabled === '1' ? 1 : 0
    return reply.xml(okXml())
  }

  private stateLogin(session: SimSession | undefined): Fields {
    const loggedIn = session?.loggedIn === true
    const fields: Array<[string, string | number]> = [
      ['State', loggedIn ? 0 : -1],
      ['Username', loggedIn ? this.config.username : '']
    ]
    if (this.config.passwordType !== null) {
      fields.push(
        ['password_type', this.config.passwordType],
        ['extern_password_type', this.config.loginMode === 'scram' ? 1 : 0],
        ['firstlogin', 0],
        ['history_login_flag', 0],
        ['rsapadingtype', this.config.rsaPadding],
        ['lockstatus', this.guard.locked ? 1 : 0],
        ['remainwaittime', this.guard.remainingMinutes],
        ['accounts_number', 1]
      )
    }
    return fields
  }

  private authorized(session: SimSession | undefined): boolean {
    return !this.config.loginRequired || session?.loggedIn === true
  }

  private scram(): ScramAccount {
    this.scramAccount ??= new ScramAccount(this.config.password, this.config.scramIterations, this.config.operations.rsaKey)
    return this.scramAccount
  }

  private contentContext(): content.ContentContext {
    return {
      variant: this.config.variant,
      sim: this.config.sim,
      identity: this.config.identity,
      live: this.config.live,
      plan: this.config.plan,
      language: this.config.operations.unitSettings.language,
      wifiClients: this.config.operations.wlan?.connectedClients() ?? this.config.wifiClients,
      data: this.config.operations.data,
      sms: this.config.operations.sms
    }
  }
}

class ReplyBuilder {
  headers: Record<string, string> = {}
  cookies: string[] = []
  private code = 200

  status(code: number): this {
    this.code = code
    return this
  }

  xml(body: string): SimReply {
    return this.finish(`${XML_TYPE}; charset=UTF-8`, body)
  }

  html(body: string): SimReply {
    return this.finish('text/html; charset=UTF-8', body)
  }

  text(body: string): SimReply {
    return this.finish('text/plain; charset=UTF-8', body)
  }

  error(code: number, extra: Fields = []): SimReply {
    const reply = this.finish(`${XML_TYPE}; charset=UTF-8`, errorXml(code, extra))
    reply.huaweiCode = code
    return reply
  }

  private finish(type: string, body: string): SimReply {
    return { status: this.code, headers: { ...this.headers, 'Content-Type': type, 'Cache-Control': 'no-cache' }, cookies: this.cookies, body }
  }
}

/** base64 → UTF-8 text, or undefined when it is not base64. */
function decodeBase64Text(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined
  return Buffer.from(value, 'base64').toString('utf8')
}

function sessionCookie(session: SimSession): string {
  return `SessionID=${session.id}; path=/; HttpOnly`
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

export function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : header
  if (!text) return undefined
  for (const part of text.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}
