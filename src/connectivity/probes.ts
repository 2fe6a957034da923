// Plain-HTTP connectivity probes, the way Android, Apple and Windows detect captive portals
// (reference/device-protocols.md §6.1): GET a URL whose answer is known — an empty 204, or a 200 with an exact
// body — with redirects off, and record exactly what came back. A redirect's Location is the portal; a 200 with
// some other page is a hijacked answer; timeouts, refusals and DNS failures say the traffic does not get out.
//
// node:http, not fetch: fetch follows or hides redirects and cannot bind a local address, and we need both
// (the Location header, and `localAddress` so a probe leaves through the hotspot's interface).
//
// The targets always come from the caller. PUBLIC_PROBES below are data for the desktop host to opt into; the
// module never sends anything on its own, and `loopbackOnly` (tests, CI, serve mode) refuses any target that is
// not 127.0.0.0/8 or ::1 — after name resolution too — before a socket is opened.
import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns'
import { request, type IncomingMessage, type RequestOptions } from 'node:http'
import type { Socket } from 'node:net'
import { bareAddress, isLoopbackAddress, parseHttpUrl, parseIpv4 } from './addresses'

/** '204': Android/Chrome generate_204 style. 'success-text': Apple/Windows style, 200 with an exact body. */
export type ProbeExpectation = '204' | 'success-text'

export interface ProbeSpec {
  id: string
  /** Plain http:// only: HTTPS cannot be redirected by a portal, it only fails. */
  url: string
  expect: ProbeExpectation
  /** For 'success-text': the expected body, compared with surrounding white space trimmed. */
  body?: string
}

export interface PublicProbe extends ProbeSpec {
  /** Whose probe this is. */
  client: string
  /** Where the URL and the expected answer come from (reference/device-protocols.md §6.1, carriers.md §10). */
  sources: readonly string[]
  confidence: 'verified' | 'secondary'
}

/**
 * Well-known public probe endpoints. Data only: the desktop host may pass some of them to runProbes when the
 * user runs a check through a real hotspot. Tests, CI and serve mode must never use them.
 */
export const PUBLIC_PROBES: Readonly<Record<string, PublicProbe>> = {
  'android-gstatic': {
    id: 'android-gstatic',
    url: 'http://connectivitycheck.gstatic.com/generate_204',
    expect: '204',
    client: 'Android NetworkMonitor',
    sources: ['aosp-mirror/platform_frameworks_base NetworkMonitor.java', 'reference/carriers.md §10 S52b, S52c'],
    confidence: 'verified'
  },
  'chrome-gstatic': {
    id: 'chrome-gstatic',
    url: 'http://www.gstatic.com/generate_204',
    expect: '204',
    client: 'Chrome / ChromeOS',
    sources: ['chromium components/captive_portal/captive_portal_detector.cc (reference/carriers.md S52b)'],
    confidence: 'verified'
  },
  'android-google-fallback': {
    id: 'android-google-fallback',
    url: 'http://www.google.com/gen_204',
    expect: '204',
    client: 'Android NetworkMonitor (fallback)',
    sources: ['aosp-mirror/platform_frameworks_base NetworkMonitor.java (reference/device-protocols.md §6.1)'],
    confidence: 'verified'
  },
  apple: {
    id: 'apple',
    url: 'http://captive.apple.com/hotspot-detect.html',
    expect: 'success-text',
    body: '<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>',
    client: 'Apple iOS / macOS',
    sources: ['reference/device-protocols.md §6.1', 'revk.uk/2016/08/captive-portals-apple.html (carriers.md S52d)'],
    confidence: 'verified'
  },
  windows: {
    id: 'windows',
    url: 'http://www.msftconnecttest.com/connecttest.txt',
    expect: 'success-text',
    body: 'Microsoft Connect Test',
    client: 'Windows 10/11 NCSI',
    sources: ['learn.microsoft.com NCSI FAQ; techcommunity.microsoft.com NCSI change notification (device-protocols.md §6.1)'],
    confidence: 'verified'
  },
  firefox: {
    id: 'firefox',
    url: 'http://detectportal.firefox.com/success.txt',
    expect: 'success-text',
    body: 'success',
    client: 'Firefox',
    sources: ['mozilla/gecko-dev modules/libpref/init/all.js (device-protocols.md §6.1)', 'carriers.md S52c'],
    confidence: 'verified'
  },
  'gnome-nm': {
    id: 'gnome-nm',
    url: 'http://nmcheck.gnome.org/check_network_status.txt',
    expect: 'success-text',
    body: 'NetworkManager is online',
    client: 'GNOME NetworkManager',
    sources: ['wireless-broadband-alliance/captive-behavior _includes/linux.md (device-protocols.md §6.1)'],
    confidence: 'verified'
  },
  'edge-204': {
    id: 'edge-204',
    url: 'http://edge-http.microsoft.com/captiveportal/generate_204',
    expect: '204',
    client: 'Microsoft Edge',
    sources: ['wireless-broadband-alliance/captive-behavior _includes/urls.md (device-protocols.md §6.1, marked [R])'],
    confidence: 'secondary'
  }
}

/**
 * Three independent operators, as device-protocols.md §6.2 recommends ("2–3 independent probes"): one outage or
 * one zero-rated host does not decide the verdict.
 */
export const RECOMMENDED_PUBLIC_PROBE_IDS: readonly string[] = ['android-gstatic', 'apple', 'windows']

/** What a portal page points at, when it says so in its markup rather than with a redirect. */
export interface PageHints {
  title?: string
  /** <meta http-equiv="refresh" content="0; url=…">, resolved against the probe URL. */
  refreshUrl?: string
  /** location.href = '…' / location.replace('…') in an inline script, resolved against the probe URL. */
  scriptUrl?: string
}

export type TimeoutPhase = 'dns' | 'connect' | 'response' | 'body'

interface OutcomeBase {
  probeId: string
  url: string
  /** From the start of the probe to its outcome. */
  elapsedMs: number
  /** Where the name resolved to (absent for IP literals and when resolution never finished). */
  resolved?: string[]
  /** The peer and our own end of the connection, when one was made. */
  remoteAddress?: string
  localAddress?: string
}

interface Answered extends OutcomeBase {
  status: number
  /** Time until the response headers arrived. */
  headersMs: number
}

export type ProbeOutcome =
  | (Answered & { kind: 'ok' })
  | (Answered & { kind: 'redirect'; location?: string; rawLocation?: string })
  | (Answered & { kind: 'unexpected-page'; contentType?: string; snippet: string; page: PageHints; bodyBytes: number; truncated: boolean })
  | (Answered & { kind: 'http-error'; contentType?: string; snippet: string; page: PageHints })
  | (OutcomeBase & { kind: 'timeout'; phase: TimeoutPhase; timeoutMs: number })
  | (OutcomeBase & { kind: 'refused'; code: string })
  | (OutcomeBase & { kind: 'dns-failure'; code: string; hostname: string })
  /** `local`: this computer could not send at all (no route, address gone), so nothing is known about the path. */
  | (OutcomeBase & { kind: 'network-error'; code: string; local: boolean; message: string })
  /** Something answered with bytes that are not HTTP. */
  | (OutcomeBase & { kind: 'bad-response'; code: string; message: string })
  /** Refused by `loopbackOnly` before anything was sent. */
  | (OutcomeBase & { kind: 'blocked'; reason: string })
  | (OutcomeBase & { kind: 'invalid'; reason: string })
  | (OutcomeBase & { kind: 'cancelled' })
  | (OutcomeBase & { kind: 'skipped'; reason: string })

export type ProbeOutcomeKind = ProbeOutcome['kind']

/** Resolves a host name to addresses; the default uses the system resolver (dns.lookup). */
export type ProbeResolver = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>

export interface ProbeOptions {
  /** Per probe, DNS to last body byte. Default 8000 ms (Android waits 10 s), clamped to 50–15000. */
  timeoutMs?: number
  /** The whole run; probes run in parallel, so this caps each probe too. Default 12000, clamped to 50–30000. */
  totalTimeoutMs?: number
  /** At most this many probes per run (default 4, clamped to 1–8); the rest are reported as skipped. */
  maxProbes?: number
  /** Bytes of a body kept for matching and snippets (default 8192, clamped to 256–65536). */
  maxBodyBytes?: number
  /** Bind the socket to this local address (node:http `localAddress`), e.g. this computer's address on the hotspot's LAN. */
  localAddress?: string
  signal?: AbortSignal
  resolve?: ProbeResolver
  /** Refuse every target that is not loopback (tests, CI, serve mode). */
  loopbackOnly?: boolean
  userAgent?: string
}

export const PROBE_LIMITS = {
  defaultTimeoutMs: 8000,
  maxTimeoutMs: 15000,
  defaultTotalTimeoutMs: 12000,
  maxTotalTimeoutMs: 30000,
  minTimeoutMs: 50,
  defaultMaxProbes: 4,
  maxProbes: 8,
  defaultMaxBodyBytes: 8192,
  maxBodyBytes: 65536
} as const

const DEFAULT_USER_AGENT = 'Mozilla/5.0 (compatible; HotspotDesk connectivity check)'

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL', 'ENONAME', 'EREFUSED', 'ETIMEOUT'])
const LOCAL_CODES = new Set(['EADDRNOTAVAIL', 'ENETUNREACH', 'ENETDOWN', 'EADDRINUSE', 'EINVAL', 'EACCES', 'EPERM', 'ENOBUFS'])
const NOT_LOOPBACK = 'ERR_PROBE_NOT_LOOPBACK'

function clamp(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback
  return Math.min(max, Math.max(min, Math.round(value)))
}

interface EffectiveOptions {
  timeoutMs: number
  maxBodyBytes: number
  localAddress?: string
  signal?: AbortSignal
  resolve: ProbeResolver
  loopbackOnly: boolean
  userAgent: string
}

function effective(options: ProbeOptions | undefined): EffectiveOptions {
  const o = options ?? {}
  const total = clamp(o.totalTimeoutMs, PROBE_LIMITS.defaultTotalTimeoutMs, PROBE_LIMITS.minTimeoutMs, PROBE_LIMITS.maxTotalTimeoutMs)
  const each = clamp(o.timeoutMs, PROBE_LIMITS.defaultTimeoutMs, PROBE_LIMITS.minTimeoutMs, PROBE_LIMITS.maxTimeoutMs)
  const result: EffectiveOptions = {
    timeoutMs: Math.min(each, total),
    maxBodyBytes: clamp(o.maxBodyBytes, PROBE_LIMITS.defaultMaxBodyBytes, 256, PROBE_LIMITS.maxBodyBytes),
    resolve: typeof o.resolve === 'function' ? o.resolve : systemResolve,
    loopbackOnly: o.loopbackOnly === true,
    userAgent: typeof o.userAgent === 'string' && o.userAgent.length > 0 && o.userAgent.length < 256 ? o.userAgent : DEFAULT_USER_AGENT
  }
  if (typeof o.localAddress === 'string' && o.localAddress.trim() !== '') result.localAddress = bareAddress(o.localAddress)
  if (o.signal !== undefined) result.signal = o.signal
  return result
}

async function systemResolve(hostname: string): Promise<LookupAddress[]> {
  return dns.lookup(hostname, { all: true, verbatim: true })
}

/** Checks a spec before anything is sent: plain http, a host, a known expectation; loopback when required. */
export function checkProbeSpec(spec: unknown, loopbackOnly = false): { ok: true; url: URL; spec: ProbeSpec } | { ok: false; kind: 'invalid' | 'blocked'; reason: string } {
  if (spec === null || typeof spec !== 'object') return { ok: false, kind: 'invalid', reason: 'the probe is not an object' }
  const s = spec as Partial<ProbeSpec>
  if (typeof s.id !== 'string' || s.id === '') return { ok: false, kind: 'invalid', reason: 'the probe has no id' }
  const url = parseHttpUrl(s.url)
  if (!url) return { ok: false, kind: 'invalid', reason: 'the probe URL is not an absolute http:// URL' }
  if (url.protocol !== 'http:') {
    return { ok: false, kind: 'invalid', reason: 'probes use plain http://: a portal cannot redirect an HTTPS request, it can only break it' }
  }
  if (url.username !== '' || url.password !== '') return { ok: false, kind: 'invalid', reason: 'the probe URL carries credentials' }
  if (s.expect !== '204' && s.expect !== 'success-text') return { ok: false, kind: 'invalid', reason: 'expect must be "204" or "success-text"' }
  if (s.expect === 'success-text' && (typeof s.body !== 'string' || s.body.trim() === '')) {
    return { ok: false, kind: 'invalid', reason: 'a success-text probe needs the expected body' }
  }
  if (loopbackOnly) {
    const host = bareAddress(url.hostname)
    const literal = parseIpv4(host) !== undefined || host.includes(':')
    if (literal && !isLoopbackAddress(host)) return { ok: false, kind: 'blocked', reason: `${host} is not a loopback address and this run is loopback-only` }
  }
  const clean: ProbeSpec = { id: s.id, url: url.href, expect: s.expect }
  if (typeof s.body === 'string') clean.body = s.body
  return { ok: true, url, spec: clean }
}

/** Runs probes in parallel within the count and time bounds. Never rejects; the outcomes keep the specs' order. */
export async function runProbes(specs: readonly ProbeSpec[], options?: ProbeOptions): Promise<ProbeOutcome[]> {
  const list: unknown[] = Array.isArray(specs) ? specs : []
  const limit = clamp(options?.maxProbes, PROBE_LIMITS.defaultMaxProbes, 1, PROBE_LIMITS.maxProbes)
  return Promise.all(
    list.map((spec, index) => {
      if (index < limit) return runProbe(spec as ProbeSpec, options)
      const s = spec as Partial<ProbeSpec> | null
      return Promise.resolve<ProbeOutcome>({
        kind: 'skipped',
        probeId: typeof s?.id === 'string' ? s.id : `#${index}`,
        url: typeof s?.url === 'string' ? s.url : '',
        elapsedMs: 0,
        reason: `more probes than the limit of ${limit} for one run`
      })
    })
  )
}

/** One probe. Never rejects: every failure is an outcome. */
export function runProbe(spec: ProbeSpec, options?: ProbeOptions): Promise<ProbeOutcome> {
  const opts = effective(options)
  const checked = checkProbeSpec(spec, opts.loopbackOnly)
  const probeId = typeof spec?.id === 'string' ? spec.id : ''
  const rawUrl = typeof spec?.url === 'string' ? spec.url : ''
  if (!checked.ok) return Promise.resolve({ kind: checked.kind, probeId, url: rawUrl, elapsedMs: 0, reason: checked.reason })
  if (opts.signal?.aborted) return Promise.resolve({ kind: 'cancelled', probeId, url: checked.url.href, elapsedMs: 0 })
  return new Promise<ProbeOutcome>((resolve) => execute(checked.spec, checked.url, opts, resolve))
}

interface ProbeState {
  phase: TimeoutPhase
  resolved?: string[]
  dnsFailed?: { code: string }
  blocked?: string
  remoteAddress?: string
  localAddress?: string
  headersAt?: number
}

function execute(spec: ProbeSpec, url: URL, opts: EffectiveOptions, done: (outcome: ProbeOutcome) => void): void {
  const started = performance.now()
  const elapsed = (): number => Math.round(performance.now() - started)
  const host = bareAddress(url.hostname)
  const isLiteral = parseIpv4(host) !== undefined || host.includes(':')
  const state: ProbeState = { phase: isLiteral ? 'connect' : 'dns' }
  let finished = false
  let timedOut = false
  let cancelled = false

  const base = (): OutcomeBase => {
    const b: OutcomeBase = { probeId: spec.id, url: url.href, elapsedMs: elapsed() }
    if (state.resolved) b.resolved = state.resolved
    if (state.remoteAddress) b.remoteAddress = state.remoteAddress
    if (state.localAddress) b.localAddress = state.localAddress
    return b
  }

  // Both settle the outcome themselves: once a response has begun, destroying the request does not always emit
  // an error on it, and the time bound must hold whatever the socket does.
  const onAbort = (): void => {
    cancelled = true
    const outcome: ProbeOutcome = { ...base(), kind: 'cancelled' }
    req.destroy(new Error('probe cancelled'))
    finish(outcome)
  }
  const timer = setTimeout(() => {
    timedOut = true
    const outcome: ProbeOutcome = { ...base(), kind: 'timeout', phase: state.phase, timeoutMs: opts.timeoutMs }
    req.destroy(new Error('probe timed out'))
    finish(outcome)
  }, opts.timeoutMs)

  const finish = (outcome: ProbeOutcome): void => {
    if (finished) return
    finished = true
    clearTimeout(timer)
    opts.signal?.removeEventListener('abort', onAbort)
    req.destroy()
    done(outcome)
  }

  const headers: Record<string, string> = {
    Host: url.host,
    'User-Agent': opts.userAgent,
    Accept: '*/*',
    'Cache-Control': 'no-cache',
    Pragma: 'no-cache',
    Connection: 'close'
  }
  const requestOptions: RequestOptions = {
    hostname: host,
    port: url.port === '' ? 80 : Number(url.port),
    path: `${url.pathname}${url.search}`,
    method: 'GET',
    headers,
    agent: false,
    lookup: guardedLookup(opts, state)
  }
  if (opts.localAddress !== undefined) requestOptions.localAddress = opts.localAddress

  let req: ReturnType<typeof request>
  try {
    req = request(requestOptions)
  } catch (error) {
    clearTimeout(timer)
    const code = errorCode(error) ?? 'EINVAL'
    done({ ...baseWithoutSocket(spec, url, started), kind: 'network-error', code, local: true, message: errorMessage(error) })
    return
  }
  opts.signal?.addEventListener('abort', onAbort, { once: true })

  req.on('socket', (socket: Socket) => {
    socket.once('lookup', () => {
      if (state.phase === 'dns') state.phase = 'connect'
    })
    socket.once('connect', () => {
      state.phase = 'response'
      if (socket.remoteAddress) state.remoteAddress = bareAddress(socket.remoteAddress)
      if (socket.localAddress) state.localAddress = bareAddress(socket.localAddress)
    })
  })

  req.on('response', (res: IncomingMessage) => {
    state.headersAt = elapsed()
    state.phase = 'body'
    // The answer broke off before its end: the same reasons as a request error, checked in the same order.
    const broken = (): void => {
      if (cancelled) return finish({ ...base(), kind: 'cancelled' })
      if (timedOut) return finish({ ...base(), kind: 'timeout', phase: state.phase, timeoutMs: opts.timeoutMs })
      finish({ ...base(), kind: 'network-error', code: 'ECONNRESET', local: false, message: 'the connection closed in the middle of the answer' })
    }
    handleResponse(spec, url, res, opts.maxBodyBytes, () => base(), state.headersAt, finish, broken)
  })

  req.on('error', (error: Error) => {
    if (finished) return
    if (cancelled) return finish({ ...base(), kind: 'cancelled' })
    if (timedOut) return finish({ ...base(), kind: 'timeout', phase: state.phase, timeoutMs: opts.timeoutMs })
    if (state.blocked !== undefined) return finish({ ...base(), kind: 'blocked', reason: state.blocked })
    const code = errorCode(error) ?? 'EUNKNOWN'
    if (state.dnsFailed || (state.phase === 'dns' && DNS_CODES.has(code))) {
      return finish({ ...base(), kind: 'dns-failure', code: state.dnsFailed?.code ?? code, hostname: host })
    }
    if (code === 'ECONNREFUSED') return finish({ ...base(), kind: 'refused', code })
    if (code.startsWith('HPE_')) return finish({ ...base(), kind: 'bad-response', code, message: errorMessage(error) })
    return finish({ ...base(), kind: 'network-error', code, local: LOCAL_CODES.has(code), message: errorMessage(error) })
  })

  req.end()
}

function baseWithoutSocket(spec: ProbeSpec, url: URL, started: number): OutcomeBase {
  return { probeId: spec.id, url: url.href, elapsedMs: Math.round(performance.now() - started) }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** node:http's `lookup` hook over our resolver: records the answer and enforces loopbackOnly before connecting. */
function guardedLookup(opts: EffectiveOptions, state: ProbeState): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  return (hostname, options, callback) => {
    const fail = (code: string, message: string): void => {
      const error: NodeJS.ErrnoException = new Error(message)
      error.code = code
      callback(error, '', 0)
    }
    let pending: Promise<ReadonlyArray<{ address: string; family: number }>>
    try {
      pending = Promise.resolve(opts.resolve(hostname))
    } catch (error) {
      pending = Promise.reject(error)
    }
    pending.then(
      (answer) => {
        const screened = screenResolved(hostname, answer, opts.loopbackOnly, options?.family)
        state.resolved = screened.resolved
        if (screened.verdict === 'blocked') {
          state.blocked = screened.reason
          return fail(NOT_LOOPBACK, screened.reason)
        }
        if (screened.verdict === 'none') {
          state.dnsFailed = { code: 'ENOTFOUND' }
          return fail('ENOTFOUND', `${hostname} has no address`)
        }
        const first = screened.addresses[0]!
        if (options?.all) callback(null, screened.addresses)
        else callback(null, first.address, first.family)
      },
      (error: unknown) => {
        const code = errorCode(error) ?? 'ENOTFOUND'
        state.dnsFailed = { code }
        fail(code, errorMessage(error))
      }
    )
  }
}

export type ScreenedAnswer =
  | { verdict: 'use'; resolved: string[]; addresses: LookupAddress[] }
  | { verdict: 'blocked'; resolved: string[]; reason: string }
  | { verdict: 'none'; resolved: string[] }

/**
 * What a resolver answered, checked before any connection: with loopbackOnly a single address outside
 * 127.0.0.0/8 and ::1 blocks the whole probe (not just that address). Pure; bad entries are dropped.
 */
export function screenResolved(hostname: string, answer: unknown, loopbackOnly: boolean, family?: unknown): ScreenedAnswer {
  const all: LookupAddress[] = (Array.isArray(answer) ? answer : [])
    .filter((entry): entry is { address: string; family: unknown } => typeof entry?.address === 'string' && entry.address !== '')
    .map((entry) => {
      const address = bareAddress(entry.address)
      return { address, family: entry.family === 6 || address.includes(':') ? 6 : 4 }
    })
  const resolved = all.map((entry) => entry.address)
  if (loopbackOnly) {
    const outside = all.find((entry) => !isLoopbackAddress(entry.address))
    if (outside) return { verdict: 'blocked', resolved, reason: `${hostname} resolved to ${outside.address}, which is not loopback, and this run is loopback-only` }
  }
  const usable = family === 4 || family === 6 ? all.filter((entry) => entry.family === family) : all
  return usable.length === 0 ? { verdict: 'none', resolved } : { verdict: 'use', resolved, addresses: usable }
}

function handleResponse(
  spec: ProbeSpec,
  url: URL,
  res: IncomingMessage,
  maxBodyBytes: number,
  base: () => OutcomeBase,
  headersMs: number,
  finish: (outcome: ProbeOutcome) => void,
  broken: () => void
): void {
  const status = res.statusCode ?? 0
  if (status >= 300 && status < 400 && status !== 304) {
    // Redirects are never followed: the Location is the finding.
    const raw = firstHeader(res.headers.location)
    const resolved = raw === undefined ? undefined : parseHttpUrl(raw, url.href)
    const outcome: ProbeOutcome = { ...base(), kind: 'redirect', status, headersMs }
    if (raw !== undefined) outcome.rawLocation = raw.slice(0, 2048)
    if (resolved) outcome.location = resolved.href
    res.resume()
    return finish(outcome)
  }
  if (status < 200 || status >= 600) return finish({ ...base(), kind: 'bad-response', code: 'BAD_STATUS', message: `status ${status}` })

  const chunks: Buffer[] = []
  let bytes = 0
  let truncated = false
  let completed = false
  const complete = (): void => {
    if (completed) return
    completed = true
    const body = Buffer.concat(chunks).toString('utf8')
    const contentType = firstHeader(res.headers['content-type'])
    const matched = status === 204 ? spec.expect === '204' : status === 200 && bodyMatches(spec, body, truncated)
    if (matched) return finish({ ...base(), kind: 'ok', status, headersMs })
    const page = readPageHints(body, url.href)
    const snippet = pageSnippet(body)
    if (status >= 400) {
      const outcome: ProbeOutcome = { ...base(), kind: 'http-error', status, headersMs, snippet, page }
      if (contentType) outcome.contentType = contentType.slice(0, 200)
      return finish(outcome)
    }
    const outcome: ProbeOutcome = { ...base(), kind: 'unexpected-page', status, headersMs, snippet, page, bodyBytes: bytes, truncated }
    if (contentType) outcome.contentType = contentType.slice(0, 200)
    finish(outcome)
  }
  res.on('data', (chunk: Buffer) => {
    if (completed) return
    const room = maxBodyBytes - bytes
    if (chunk.length > room) {
      if (room > 0) chunks.push(chunk.subarray(0, room))
      bytes += chunk.length
      truncated = true
      return complete()
    }
    chunks.push(chunk)
    bytes += chunk.length
  })
  res.on('end', complete)
  res.on('error', () => undefined) // 'close' follows and reports it
  res.on('close', () => {
    if (!completed) broken()
  })
}

/** 204-style probes also accept a 200 with an empty body, as Android does (NetworkMonitor). */
function bodyMatches(spec: ProbeSpec, body: string, truncated: boolean): boolean {
  if (truncated) return false
  if (spec.expect === '204') return body.length === 0
  return typeof spec.body === 'string' && body.trim() === spec.body.trim()
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value[0]
  return typeof value === 'string' && value !== '' ? value : undefined
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code !== '' ? code : undefined
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300)
}

// ---------------------------------------------------------------------------------------------------------
// Reading a hijacked page. Pure; bounded regexes over a body the probe already capped.

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", nbsp: ' ' }

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\p{Cc}+/gu, ' ').replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** The page's title and where it sends the browser (meta refresh, inline script), resolved against `baseUrl`. */
export function readPageHints(body: unknown, baseUrl?: string): PageHints {
  const hints: PageHints = {}
  if (typeof body !== 'string' || body === '') return hints
  const text = body.slice(0, PROBE_LIMITS.maxBodyBytes)
  const title = /<title[^>]{0,200}>([^<]{0,500})<\/title/i.exec(text)
  if (title?.[1] !== undefined) {
    const clean = oneLine(decodeEntities(title[1]), 160)
    if (clean !== '') hints.title = clean
  }
  for (const tag of text.match(/<meta\b[^>]{0,1000}>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?refresh/i.test(tag)) continue
    const content = /content\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag)
    const value = decodeEntities(content?.[1] ?? content?.[2] ?? content?.[3] ?? '')
    const target = /url\s*=\s*['"]?([^'"\s]+)/i.exec(value)?.[1]
    const resolved = target === undefined ? undefined : parseHttpUrl(target, baseUrl)
    if (resolved) {
      hints.refreshUrl = resolved.href
      break
    }
  }
  const script =
    /location(?:\.href)?\s*=\s*(["'])([^"'\s]{1,2048})\1/.exec(text) ?? /location\.(?:replace|assign)\(\s*(["'])([^"'\s]{1,2048})\1\s*\)/.exec(text)
  if (script?.[2] !== undefined) {
    const resolved = parseHttpUrl(decodeEntities(script[2]), baseUrl)
    if (resolved) hints.scriptUrl = resolved.href
  }
  return hints
}

/** A short, single-line, tag-free excerpt of a page for evidence. */
export function pageSnippet(body: unknown, max = 200): string {
  if (typeof body !== 'string') return ''
  const text = withoutScripts(body.slice(0, PROBE_LIMITS.maxBodyBytes)).replace(/<[^>]{0,2000}>/g, ' ')
  return oneLine(decodeEntities(text), max)
}

/** Drops <script> and <style> elements with a linear scan (a lazy regex with a back-reference can crawl). */
function withoutScripts(html: string): string {
  const lower = html.toLowerCase()
  let out = ''
  let at = 0
  for (;;) {
    const script = lower.indexOf('<script', at)
    const style = lower.indexOf('<style', at)
    const start = script < 0 ? style : style < 0 ? script : Math.min(script, style)
    if (start < 0) return out + html.slice(at)
    const closing = start === script ? '</script' : '</style'
    const end = lower.indexOf(closing, start)
    out += `${html.slice(at, start)} `
    if (end < 0) return out
    const close = lower.indexOf('>', end)
    if (close < 0) return out
    at = close + 1
  }
}
