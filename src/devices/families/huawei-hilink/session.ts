// HuaweiSession: the cookie + CSRF-token layer of the HiLink / E5 XML API on top of one HttpSession.
// Acquisition order (reference/device-protocols.md §1.2, as Salamek/huawei-lte-api:huawei_lte_api/Session.py):
//   1. GET /                       → `<meta name="csrf_token">` tags (two on newer firmware) + SessionID cookie
//   2. GET /api/webserver/token    → <token>
//   3. GET /api/webserver/SesTokInfo → <SesInfo>SessionID=…</SesInfo> (a ready Cookie value) + <TokInfo>
// Tokens are single-use: every POST takes the oldest one (FIFO) and the answer's __RequestVerificationToken
// header (a '#'-separated list on some firmware) or, after login, __RequestVerificationTokenone/two refill
// the queue. On 125001/125002/125003 the session fetches fresh tokens and retries that request once.
import { ContractError } from '../../../contract/errors'
import type { HttpResponse, HttpSession } from '../../transports/http-session'
import { extractCsrfTokens, parseHuaweiDocument, type HuaweiDocument } from './document'
import { contractErrorFromHuawei, HUAWEI_NOT_SUPPORTED, isTokenError } from './errors'
import { decodeHuaweiText, serializeRequest, textOf, type XmlRecord, type XmlWritableRecord } from './xml'

export type TokenSource = 'meta' | 'token' | 'sestokinfo' | 'none'

export type RequestBody = XmlWritableRecord | ((headerToken: string | undefined) => XmlWritableRecord)

export interface PostOptions {
  signal?: AbortSignal
  /** The answer carries a new token set (login): drop the old queue before taking the new tokens. */
  resetTokens?: boolean
  /** Shape the header value (SCRAM's challenge_login wants the last 32 characters, reference §1.2). */
  tokenForHeader?: (token: string) => string
  /** Default true: on a token error fetch fresh tokens and send once more. */
  retryOnTokenError?: boolean
  /**
   * Send the body in the encrypted form of reference §1.5: the serialized XML goes through this transform
   * (RSA, hex) and the request carries `encrypt_transmit: encrypt_transmit` and the `;enc` content type.
   */
  encrypt?: (xml: string) => string
}

export interface HuaweiResponse {
  record: XmlRecord
  /** "OK" for setters. */
  text: string
}

const MAX_HELD_TOKENS = 16
const TOKEN_HEADER = '__RequestVerificationToken'

export class HuaweiSession {
  private tokens: string[] = []
  private source: TokenSource | undefined

  constructor(readonly http: HttpSession) {}

  /** How the last establish() found its tokens (undefined before the first). */
  get tokenSource(): TokenSource | undefined {
    return this.source
  }

  get heldTokens(): number {
    return this.tokens.length
  }

  /** Forget cookies and tokens (before re-opening a session the device has dropped). */
  reset(): void {
    this.tokens = []
    this.source = undefined
    this.http.cookies.clear()
  }

  /** Steps 1–3 of §1.2. Keeps the cookie jar (the device keeps a live session); replaces the tokens. */
  async establish(signal?: AbortSignal): Promise<void> {
    this.tokens = []
    const home = await this.http.get('/', { signal, followRedirects: true })
    if (home.status >= 200 && home.status < 300) {
      const metaTokens = extractCsrfTokens(home.text())
      if (metaTokens.length > 0) {
        this.pushTokens(metaTokens)
        this.source = 'meta'
        return
      }
    }

    let protocolError: ContractError | undefined
    try {
      const token = await this.getOptional('webserver/token', signal)
      const value = textOf(token, 'token')
      if (value !== undefined) {
        this.pushTokens([value])
        this.source = 'token'
        return
      }
    } catch (error) {
      if (!(error instanceof ContractError) || error.code !== 'PROTOCOL') throw error
      protocolError = error
    }

    try {
      const info = await this.getOptional('webserver/SesTokInfo', signal)
      const sessionPair = textOf(info, 'SesInfo')
      // SesInfo already reads "SessionID=…" and is used verbatim as the cookie (reference §1.2).
      if (sessionPair !== undefined && sessionPair.includes('=')) this.http.cookies.setPair(sessionPair)
      const value = textOf(info, 'TokInfo')
      if (value !== undefined) {
        this.pushTokens([value])
        this.source = 'sestokinfo'
        return
      }
    } catch (error) {
      if (!(error instanceof ContractError) || error.code !== 'PROTOCOL') throw error
      protocolError ??= error
    }

    if (protocolError) throw protocolError
    this.source = 'none' // old E5 firmware: no CSRF tokens at all
  }

  /** GET /api/<endpoint>; an <error> answer becomes a ContractError (details.huaweiCode). */
  async get(endpoint: string, signal?: AbortSignal): Promise<XmlRecord> {
    const document = await this.getDocument(endpoint, signal)
    if (document.kind === 'error') throw contractErrorFromHuawei(document.code, { endpoint, fields: document.record })
    return document.record
  }

  /** Like get(), but an endpoint this firmware does not offer (100002, redirect, 404) gives undefined. */
  async getOptional(endpoint: string, signal?: AbortSignal): Promise<XmlRecord | undefined> {
    const document = await this.getDocument(endpoint, signal)
    if (document.kind === 'error') {
      if (document.code === HUAWEI_NOT_SUPPORTED) return undefined
      throw contractErrorFromHuawei(document.code, { endpoint, fields: document.record })
    }
    return document.record
  }

  /** GET /api/<endpoint> as a document; throws only for transport and protocol failures. */
  async getDocument(endpoint: string, signal?: AbortSignal): Promise<HuaweiDocument> {
    const headers: Record<string, string> = {}
    // Like Salamek's client: a GET carries the token only while exactly one is held, and never consumes it.
    if (this.tokens.length === 1) headers[TOKEN_HEADER] = this.tokens[0]
    const response = await this.http.get(apiPath(endpoint), { signal, headers })
    return interpret(endpoint, response)
  }

  /** POST /api/<endpoint> with a single-use token; one transparent retry after a token error. */
  async post(endpoint: string, body: RequestBody, options: PostOptions = {}): Promise<HuaweiResponse> {
    const { signal } = options
    for (let attempt = 1; ; attempt++) {
      if (this.tokens.length === 0 && this.source !== 'none') await this.establish(signal)
      const token = this.tokens.shift()
      const headerToken = token !== undefined && options.tokenForHeader ? options.tokenForHeader(token) : token
      const fields = typeof body === 'function' ? body(headerToken) : body
      let payload = serializeRequest(fields)
      const headers: Record<string, string> = { 'Content-Type': 'application/xml' }
      if (options.encrypt) {
        // Salamek/huawei-lte-api:huawei_lte_api/Session.py _post with is_encrypted=True.
        payload = options.encrypt(payload)
        headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=UTF-8;enc'
        headers.encrypt_transmit = 'encrypt_transmit'
      }
      if (headerToken !== undefined) headers[TOKEN_HEADER] = headerToken

      const response = await this.http.post(apiPath(endpoint), payload, { signal, headers })
      const document = interpret(endpoint, response)
      this.absorbTokens(response.headers, options.resetTokens === true && document.kind === 'response')

      if (document.kind === 'response') return { record: document.record, text: document.text }
      if (isTokenError(document.code) && attempt === 1 && options.retryOnTokenError !== false) {
        await this.establish(signal)
        continue
      }
      throw contractErrorFromHuawei(document.code, { endpoint, fields: document.record })
    }
  }

  private absorbTokens(headers: Headers, reset: boolean): void {
    const one = headers.get(`${TOKEN_HEADER}one`)
    const two = headers.get(`${TOKEN_HEADER}two`)
    const single = headers.get(TOKEN_HEADER)
    if (one !== null) {
      this.tokens = []
      this.pushTokens(splitTokens(one))
      if (two !== null) this.pushTokens(splitTokens(two))
      return
    }
    if (reset) this.tokens = []
    if (single !== null) this.pushTokens(splitTokens(single))
  }

  private pushTokens(tokens: readonly string[]): void {
    for (const token of tokens) if (token !== '') this.tokens.push(token)
    if (this.tokens.length > MAX_HELD_TOKENS) this.tokens.splice(0, this.tokens.length - MAX_HELD_TOKENS)
  }
}

/** Some firmware return several tokens in one header separated by '#' (zbchristian/huawei_hilink_api). */
export function splitTokens(value: string): string[] {
  return value
    .split('#')
    .map((token) => token.trim())
    .filter((token) => token !== '')
}

function apiPath(endpoint: string): string {
  return `/api/${endpoint.replace(/^\/+/, '').replace(/^api\//, '')}`
}

/** HTTP response → Huawei document. Redirects and 404 from /api mean "not supported" (reference §1.1). */
export function interpret(endpoint: string, response: HttpResponse): HuaweiDocument {
  if ((response.status >= 300 && response.status < 400) || response.status === 404) {
    return { kind: 'error', code: HUAWEI_NOT_SUPPORTED, message: `HTTP ${response.status}`, record: {} }
  }
  const parsed = parseHuaweiDocument(decodeHuaweiText(response.body))
  if (!parsed.ok) {
    const status = response.status >= 400 ? ` (HTTP ${response.status})` : ''
    throw new ContractError('PROTOCOL', `The device's answer to ${endpoint} could not be read${status}: ${parsed.error.message}.`, {
      endpoint,
      httpStatus: response.status,
      reason: parsed.error.kind
    })
  }
  return parsed.document
}
