// One HTTP session per device, on Node's global fetch: a base URL, a cookie jar, a per-request timeout combined
// with the caller's AbortSignal, a small per-device concurrency limit, and failures mapped to ContractError
// (refused/reset/unreachable → DEVICE_GONE, no answer in time → TIMEOUT). It never retries on its own; a caller
// may ask for network-level retries of an idempotent request with `retries`.
import { ContractError } from '../../contract/errors'
import { ConcurrencyLimit } from './concurrency-limit'
import { CookieJar } from './cookie-jar'
import { isTimeoutReason, toContractError } from './http-errors'

export interface HttpSessionOptions {
  /** e.g. "http://192.168.8.1" — drivers never guess addresses; discovery or the user supplies this. */
  baseUrl: string
  /** Per-request timeout; starts when the request leaves the queue. Default 5000 ms. */
  timeoutMs?: number
  /** Requests in flight at once for this device. Default 1. */
  maxInFlight?: number
  /** Sent with every request (a request's own headers win). */
  defaultHeaders?: Readonly<Record<string, string>>
  /** Larger bodies are refused with PROTOCOL. Default 2 MiB. */
  maxBodyBytes?: number
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch
}

export interface HttpRequest {
  method?: 'GET' | 'POST'
  /** Path relative to the base URL, e.g. "/api/device/information". */
  path: string
  headers?: Readonly<Record<string, string>>
  body?: string
  signal?: AbortSignal
  timeoutMs?: number
  /** Follow same-origin redirects ourselves (so each hop's Set-Cookie lands in the jar). Default false. */
  followRedirects?: boolean
  /** Extra attempts after a DEVICE_GONE failure. Only for idempotent requests; default 0. */
  retries?: number
}

export interface HttpResponse {
  readonly url: string
  readonly status: number
  readonly headers: Headers
  readonly body: Uint8Array
  /** True when at least one redirect was followed. */
  readonly redirected: boolean
  /** The body decoded as UTF-8 (invalid sequences become U+FFFD). */
  text(): string
}

const DEFAULT_TIMEOUT_MS = 5000
const DEFAULT_MAX_BODY = 2 * 1024 * 1024
const MAX_REDIRECTS = 5

export class HttpSession {
  readonly baseUrl: string
  readonly cookies = new CookieJar()
  readonly timeoutMs: number
  private readonly origin: string
  private readonly limit: ConcurrencyLimit
  private readonly defaultHeaders: Readonly<Record<string, string>>
  private readonly maxBodyBytes: number
  private readonly fetchImpl: typeof fetch
  private readonly inFlight = new Set<AbortController>()
  private closed = false

  constructor(options: HttpSessionOptions) {
    let base: URL
    try {
      base = new URL(options.baseUrl)
    } catch {
      throw new ContractError('BAD_INPUT', `"${options.baseUrl}" is not a valid device address.`, { baseUrl: options.baseUrl })
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new ContractError('BAD_INPUT', `Device addresses must start with http:// or https:// (got "${options.baseUrl}").`)
    }
    if (!base.pathname.endsWith('/')) base.pathname += '/'
    base.search = ''
    base.hash = ''
    this.baseUrl = base.href
    this.origin = base.origin
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.limit = new ConcurrencyLimit(options.maxInFlight ?? 1)
    this.defaultHeaders = options.defaultHeaders ?? {}
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY
    this.fetchImpl = options.fetch ?? fetch
  }

  get isClosed(): boolean {
    return this.closed
  }

  get(path: string, options: Omit<HttpRequest, 'path' | 'method' | 'body'> = {}): Promise<HttpResponse> {
    return this.request({ ...options, path, method: 'GET' })
  }

  post(path: string, body: string, options: Omit<HttpRequest, 'path' | 'method' | 'body'> = {}): Promise<HttpResponse> {
    return this.request({ ...options, path, body, method: 'POST' })
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const attempts = 1 + Math.max(0, Math.floor(request.retries ?? 0))
    for (let attempt = 1; ; attempt++) {
      try {
        if (this.closed) throw this.closedError()
        return await this.limit.run(() => this.perform(request), request.signal)
      } catch (error) {
        if (request.signal?.aborted && !(error instanceof ContractError)) throw callerAbort(request.signal.reason)
        const retryable = error instanceof ContractError && error.code === 'DEVICE_GONE' && !this.closed
        if (!retryable || attempt >= attempts) throw error
      }
    }
  }

  /** Abort everything in flight or queued; later requests fail with DEVICE_GONE. Never throws. */
  close(): void {
    if (this.closed) return
    this.closed = true
    this.limit.rejectWaiting(this.closedError())
    for (const controller of this.inFlight) controller.abort(this.closedError())
    this.inFlight.clear()
  }

  /** Resolve a device path against the base URL (a leading slash stays inside the base path). */
  resolve(path: string): string {
    return new URL(path.replace(/^\/+/, ''), this.baseUrl).href
  }

  private async perform(request: HttpRequest): Promise<HttpResponse> {
    if (this.closed) throw this.closedError()
    const timeoutMs = request.timeoutMs ?? this.timeoutMs
    const timer = AbortSignal.timeout(timeoutMs)
    const local = new AbortController()
    this.inFlight.add(local)
    const sources = request.signal ? [timer, local.signal, request.signal] : [timer, local.signal]
    const signal = AbortSignal.any(sources)

    let url = this.resolve(request.path)
    let method: 'GET' | 'POST' = request.method ?? 'GET'
    let body = request.body
    let redirected = false
    try {
      for (let hop = 0; ; hop++) {
        const headers = new Headers(this.defaultHeaders)
        for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value)
        const cookie = this.cookies.header()
        if (cookie !== undefined) headers.set('Cookie', cookie)

        let response: Response
        let bytes: Uint8Array
        try {
          response = await this.fetchImpl(url, { method, headers, body, signal, redirect: 'manual' })
          bytes = await this.readBody(response, url)
        } catch (error) {
          throw this.mapFailure(error, { url, timeoutMs, timer, local, caller: request.signal })
        }
        this.cookies.absorb(response.headers.getSetCookie())

        const location = response.headers.get('location')
        if (request.followRedirects && isRedirect(response.status) && location !== null && hop < MAX_REDIRECTS) {
          const next = new URL(location, url)
          if (next.origin === this.origin) {
            if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
              method = 'GET'
              body = undefined
            }
            url = next.href
            redirected = true
            continue
          }
        }
        return makeResponse(url, response.status, response.headers, bytes, redirected)
      }
    } finally {
      this.inFlight.delete(local)
    }
  }

  private async readBody(response: Response, url: string): Promise<Uint8Array> {
    const declared = Number(response.headers.get('content-length'))
    if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
      await response.body?.cancel().catch(() => undefined)
      throw new ContractError('PROTOCOL', `The device sent a ${declared}-byte answer; at most ${this.maxBodyBytes} bytes are accepted.`, { url })
    }
    const bytes = new Uint8Array(await response.arrayBuffer())
    if (bytes.byteLength > this.maxBodyBytes) {
      throw new ContractError('PROTOCOL', `The device sent a ${bytes.byteLength}-byte answer; at most ${this.maxBodyBytes} bytes are accepted.`, { url })
    }
    return bytes
  }

  private mapFailure(
    error: unknown,
    ctx: { url: string; timeoutMs: number; timer: AbortSignal; local: AbortController; caller: AbortSignal | undefined }
  ): unknown {
    if (error instanceof ContractError) return error
    if (ctx.timer.aborted) return toContractError(error, { url: ctx.url, timeoutMs: ctx.timeoutMs, timedOut: true, closed: false })
    if (ctx.local.signal.aborted) return this.closedError()
    if (ctx.caller?.aborted) return callerAbort(ctx.caller.reason)
    return toContractError(error, { url: ctx.url, timeoutMs: ctx.timeoutMs, timedOut: false, closed: this.closed })
  }

  private closedError(): ContractError {
    return new ContractError('DEVICE_GONE', 'The session with this device was closed.', { baseUrl: this.baseUrl })
  }
}

/** A caller's abort passes through unchanged, except that a timeout reason becomes TIMEOUT. */
function callerAbort(reason: unknown): unknown {
  if (reason instanceof ContractError) return reason
  if (isTimeoutReason(reason)) return new ContractError('TIMEOUT', 'The operation ran out of time before the device answered.')
  return reason
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308
}

function makeResponse(url: string, status: number, headers: Headers, body: Uint8Array, redirected: boolean): HttpResponse {
  let decoded: string | undefined
  return {
    url,
    status,
    headers,
    body,
    redirected,
    text: () => (decoded ??= new TextDecoder('utf-8').decode(body))
  }
}
