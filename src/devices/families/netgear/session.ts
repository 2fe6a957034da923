// NetgearSession: the cookie + form-token layer of the Netgear model.json API on one HttpSession.
// - GET /api/model.json?internalapi=1 is the whole state. `internalapi=1` is what the stock web UI's clients send
//   (decrypted/netgear-mr1100-monitor for the MR1100, andrewbackway/esphome-netgear-m5, an AirCard SMS bridge);
//   reference §3.1 names /api/model.json. A request without a live session cookie is redirected to /sess_cd_tmp,
//   which sets one and sends the client back (an MR2100 study [R]; the M1/M5 scripts in jacobhere/netgear-m5 open
//   the session with /sess_cd_tmp first). Redirects are followed here so each hop's Set-Cookie lands in the jar.
// - session.secToken belongs to the session (eternalegypt takes it before the login and keeps using it after), so
//   it is refreshed from every model read and sent with every POST.
// - Logging in is POST /Forms/config with `session.password` + `token` (reference §3.1); plain text, no hashing.
import { ContractError } from '../../../contract/errors'
import type { HttpResponse, HttpSession } from '../../transports/http-session'
import { parseModelDocument, type NetgearRole } from './document'
import { httpStatusError } from './errors'
import { encodeForm, interpretFormReply, interpretResultBody, LOGIN_REDIRECTS, SETTINGS_REDIRECTS, type FormOutcome, type RedirectPair } from './forms'
import type { JsonObject } from './json'

export const MODEL_PATH = '/api/model.json?internalapi=1'
export const CONFIG_FORM = '/Forms/config'
export const PROFILE_FORM = '/Forms/profile'
export const SMS_SEND_FORM = '/Forms/smsSendMsg'

export interface FetchedModel {
  /** undefined when the device sent a login/session page instead of the model. */
  model?: JsonObject
  role: NetgearRole
  token?: string
  modelName?: string
  /** The device sent us through /sess_cd_tmp, or the cookie changed: the old session is gone. */
  sessionRenewed: boolean
}

export class NetgearSession {
  private currentToken: string | undefined

  constructor(readonly http: HttpSession) {}

  get token(): string | undefined {
    return this.currentToken
  }

  /** Forget the session cookie and token (before starting over). */
  reset(): void {
    this.currentToken = undefined
    this.http.cookies.clear()
  }

  async fetchModel(signal?: AbortSignal): Promise<FetchedModel> {
    const cookieBefore = this.http.cookies.header()
    const response = await this.http.get(MODEL_PATH, { signal, followRedirects: true, headers: { Accept: 'application/json, text/javascript, */*' } })
    if (response.status !== 200) throw httpStatusError(response.status, '/api/model.json')
    const renewed = response.redirected || (cookieBefore !== undefined && this.http.cookies.header() !== cookieBefore)
    const parsed = parseModelDocument(response.text())
    if (!parsed.ok) {
      throw new ContractError('PROTOCOL', `The device's status (model.json) could not be read: ${parsed.error.message}.`, { reason: parsed.error.kind })
    }
    const document = parsed.document
    if (document.kind === 'login-page') return { role: 'guest', sessionRenewed: true }
    if (document.token !== undefined) this.currentToken = document.token
    const fetched: FetchedModel = { model: document.model, role: document.role, sessionRenewed: renewed }
    if (document.token !== undefined) fetched.token = document.token
    if (document.modelName !== undefined) fetched.modelName = document.modelName
    return fetched
  }

  /**
   * POST one form with the session token and a redirect pair. Never follows the redirect: where it points is the
   * answer. On a refusal the error page is read for its detail (a GET, not another attempt).
   */
  async postForm(path: string, fields: Readonly<Record<string, string>>, options: { signal?: AbortSignal; redirects?: RedirectPair } = {}): Promise<FormOutcome> {
    const redirects = options.redirects ?? SETTINGS_REDIRECTS
    const body: Record<string, string> = { ...fields, err_redirect: redirects.error, ok_redirect: redirects.ok }
    if (this.currentToken !== undefined) body.token = this.currentToken
    const response = await this.http.post(path, encodeForm(body), {
      signal: options.signal,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
    })
    const outcome = interpretFormReply(replyOf(response), redirects)
    if (outcome.kind === 'http-error' && response.status >= 500) throw httpStatusError(response.status, path)
    if (outcome.kind === 'refused' && outcome.errno === undefined && redirects.error.endsWith('.json')) {
      return await this.errorDetail(redirects.error, options.signal)
    }
    return outcome
  }

  /** One login attempt. Resolves with what the device said; the caller confirms the role from the model. */
  login(password: string, signal?: AbortSignal): Promise<FormOutcome> {
    return this.postForm(CONFIG_FORM, { 'session.password': password }, { signal, redirects: LOGIN_REDIRECTS })
  }

  private async errorDetail(page: string, signal: AbortSignal | undefined): Promise<FormOutcome> {
    try {
      const response = await this.http.get(page, { signal })
      const outcome = response.status === 200 ? interpretResultBody(response.text()) : undefined
      return outcome?.kind === 'refused' ? outcome : { kind: 'refused' }
    } catch (error) {
      if (signal?.aborted) throw error
      return { kind: 'refused' }
    }
  }
}

function replyOf(response: HttpResponse): { status: number; location: string | null; body: string; url: string } {
  return { status: response.status, location: response.headers.get('location'), body: response.text(), url: response.url }
}
