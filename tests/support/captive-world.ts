// A loopback "captive world": one HTTP server on 127.0.0.1 that answers the three probe paths the way a hotspot's
// path to the internet can — open internet (204 / "Success" / "Microsoft Connect Test"), a captive redirect, a
// hijacked 200 login page, a carrier top-up redirect, the hotspot's own page, slow or stalled answers, refused
// and reset connections, bytes that are not HTTP. Probes in tests point here and nowhere else: every URL is
// 127.0.0.1, and the names it hands out (*.world.test, a reserved TLD) resolve to 127.0.0.1 through its own
// resolver, never through DNS. Redirect targets are names that are never contacted: probes do not follow them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { GardenHost } from '../../src/connectivity/classify'
import type { ProbeResolver, ProbeSpec } from '../../src/connectivity/probes'

export type Behaviour =
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: string; delayMs?: number; stallBody?: boolean }
  | { kind: 'hang' }
  | { kind: 'garbage'; bytes?: string }
  | { kind: 'reset' }
  /** Headers and part of the body, then the connection drops. */
  | { kind: 'cut'; status: number; body: string }

export const PROBE_PATHS = { gstatic: '/generate_204', apple: '/hotspot-detect.html', windows: '/connecttest.txt' } as const
type ProbeName = keyof typeof PROBE_PATHS

export const APPLE_SUCCESS = '<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>\n'
export const WINDOWS_SUCCESS = 'Microsoft Connect Test'

/** Where the portals of this world live. Never contacted: they only appear in Location headers and pages. */
export const HOTEL_PORTAL = 'http://portal.hotel-wifi.test/login?continue=1'
export const CARRIER_TOP_UP = 'http://buy.walled-carrier.test/passes?reason=no-plan'
export const CARRIER_ACTIVATION = 'http://activate.walled-carrier.test/start'
export const HOTSPOT_LAN = '192.168.8.1'
export const HOTSPOT_PAGE = `http://${HOTSPOT_LAN}/html/index.html`

/** What a carrier pack would pass for this world's carrier. */
export const WORLD_GARDEN_HOSTS: GardenHost[] = [
  { pattern: 'buy.walled-carrier.test', carrierId: 'walled-carrier', purpose: 'purchase' },
  { pattern: 'activate.walled-carrier.test', carrierId: 'walled-carrier', purpose: 'activation' },
  { pattern: '*.my-walled-carrier.test', carrierId: 'walled-carrier', purpose: 'account' }
]

export type ScenarioName =
  | 'online'
  | 'captive-redirect'
  | 'captive-relative'
  | 'hijacked-page'
  | 'meta-refresh-top-up'
  | 'carrier-top-up'
  | 'carrier-activation'
  | 'router-page'
  | 'auth-required'
  | 'http-error'
  | 'slow'
  | 'very-slow'
  | 'stalled-body'
  | 'hang'
  | 'refused'
  | 'garbage'
  | 'reset'
  | 'one-blocked'

const ONLINE: Record<ProbeName, Behaviour> = {
  gstatic: { kind: 'respond', status: 204 },
  apple: { kind: 'respond', status: 200, headers: { 'Content-Type': 'text/html' }, body: APPLE_SUCCESS },
  windows: { kind: 'respond', status: 200, headers: { 'Content-Type': 'text/plain' }, body: WINDOWS_SUCCESS }
}

const LOGIN_PAGE = `<!DOCTYPE html><html><head><title>Welcome &amp; sign in</title>
<style>body { font-family: sans-serif }</style><script>var tracking = "x";</script></head>
<body><h1>Internet access</h1><p>Sign in to continue browsing.</p><form action="/login"><input name="room"></form></body></html>`

const REFRESH_PAGE = `<html><head><meta http-equiv="refresh" content="0; url=${CARRIER_TOP_UP}"><title>Data plan required</title></head>
<body>Your data plan has ended. <a href="${CARRIER_TOP_UP}">Buy a pass</a></body></html>`

function everyPath(behaviour: Behaviour): Record<ProbeName, Behaviour> {
  return { gstatic: behaviour, apple: behaviour, windows: behaviour }
}

function redirect(location: string, status = 302): Behaviour {
  return { kind: 'respond', status, headers: { Location: location, 'Content-Type': 'text/html' }, body: `<a href="${location}">moved</a>` }
}

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
  remoteAddress: string
}

export class CaptiveWorld {
  readonly requests: RecordedRequest[] = []
  /** Delay of the 'slow' scenario and of the 'very-slow' one, in ms. */
  slowMs = 300
  verySlowMs = 700
  private behaviours: Record<ProbeName, Behaviour> = { ...ONLINE }
  private extra = new Map<string, Behaviour>()
  private current: ScenarioName = 'online'
  private readonly sockets = new Set<Socket>()
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()

  private constructor(
    private readonly server: Server,
    readonly port: number,
    /** A port nothing listens on: connections there are refused. */
    readonly refusedPort: number
  ) {}

  static async start(): Promise<CaptiveWorld> {
    const refusedPort = await unusedPort()
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const world = new CaptiveWorld(server, (server.address() as AddressInfo).port, refusedPort)
    server.on('request', (req: IncomingMessage, res: ServerResponse) => world.handle(req, res))
    const sockets = world.sockets
    server.on('connection', (socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    return world
  }

  get scenario(): ScenarioName {
    return this.current
  }

  use(name: ScenarioName): this {
    this.current = name
    this.extra.clear()
    this.behaviours = this.scenarioBehaviours(name)
    return this
  }

  /** Overrides what one path answers (a probe path or any other). */
  set(path: string, behaviour: Behaviour): this {
    const name = (Object.keys(PROBE_PATHS) as ProbeName[]).find((key) => PROBE_PATHS[key] === path)
    if (name) this.behaviours[name] = behaviour
    else this.extra.set(path, behaviour)
    return this
  }

  /** The three probes (Android-, Apple- and Windows-style) against this world over 127.0.0.1. */
  probes(): ProbeSpec[] {
    const port = this.current === 'refused' ? this.refusedPort : this.port
    const base = `http://127.0.0.1:${port}`
    return [
      { id: 'gstatic', url: `${base}${PROBE_PATHS.gstatic}`, expect: '204' },
      { id: 'apple', url: `${base}${PROBE_PATHS.apple}`, expect: 'success-text', body: APPLE_SUCCESS.trim() },
      { id: 'windows', url: `${base}${PROBE_PATHS.windows}`, expect: 'success-text', body: WINDOWS_SUCCESS }
    ]
  }

  /** The same probes by host name; pass `resolver` as the probes' `resolve`. */
  namedProbes(): ProbeSpec[] {
    const hosts: Record<ProbeName, string> = { gstatic: 'connectivitycheck.world.test', apple: 'captive.world.test', windows: 'www.connecttest.world.test' }
    return this.probes().map((spec) => {
      const url = new URL(spec.url)
      url.hostname = hosts[spec.id as ProbeName]
      return { ...spec, url: url.href }
    })
  }

  /** Resolves *.world.test to 127.0.0.1 and nothing else (ENOTFOUND), without asking any DNS server. */
  readonly resolver: ProbeResolver = async (hostname) => {
    if (hostname.toLowerCase().endsWith('.world.test')) return [{ address: '127.0.0.1', family: 4 }]
    const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`)
    error.code = 'ENOTFOUND'
    throw error
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.split('?')[0] === path)
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private scenarioBehaviours(name: ScenarioName): Record<ProbeName, Behaviour> {
    switch (name) {
      case 'online':
      case 'refused':
        return { ...ONLINE }
      case 'captive-redirect':
        return everyPath(redirect(HOTEL_PORTAL))
      case 'captive-relative':
        return everyPath(redirect('/portal/login?from=probe', 307))
      case 'hijacked-page':
        return everyPath({ kind: 'respond', status: 200, headers: { 'Content-Type': 'text/html' }, body: LOGIN_PAGE })
      case 'meta-refresh-top-up':
        return everyPath({ kind: 'respond', status: 200, headers: { 'Content-Type': 'text/html' }, body: REFRESH_PAGE })
      case 'carrier-top-up':
        return everyPath(redirect(CARRIER_TOP_UP))
      case 'carrier-activation':
        return everyPath(redirect(CARRIER_ACTIVATION, 303))
      case 'router-page':
        return everyPath(redirect(HOTSPOT_PAGE))
      case 'auth-required':
        return everyPath({
          kind: 'respond',
          status: 511,
          headers: { 'Content-Type': 'text/html' },
          body: `<html><head><title>Network Authentication Required</title><meta http-equiv="refresh" content="0; url=${HOTEL_PORTAL}"></head></html>`
        })
      case 'http-error':
        return everyPath({ kind: 'respond', status: 403, headers: { 'Content-Type': 'text/html' }, body: '<h1>Forbidden</h1><p>Access denied by policy.</p>' })
      case 'slow':
        return this.delayed(this.slowMs)
      case 'very-slow':
        return this.delayed(this.verySlowMs)
      case 'stalled-body':
        return everyPath({ kind: 'respond', status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'Succ', stallBody: true })
      case 'hang':
        return everyPath({ kind: 'hang' })
      case 'garbage':
        return everyPath({ kind: 'garbage' })
      case 'reset':
        return everyPath({ kind: 'reset' })
      case 'one-blocked':
        return { ...ONLINE, windows: { kind: 'hang' } }
    }
  }

  private delayed(ms: number): Record<ProbeName, Behaviour> {
    const out = { ...ONLINE }
    for (const key of Object.keys(out) as ProbeName[]) out[key] = { ...(out[key] as Extract<Behaviour, { kind: 'respond' }>), delayMs: ms }
    return out
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/'
    this.requests.push({ method: req.method ?? '', path, headers: req.headers, remoteAddress: req.socket.remoteAddress ?? '' })
    const bare = path.split('?')[0] ?? path
    const name = (Object.keys(PROBE_PATHS) as ProbeName[]).find((key) => PROBE_PATHS[key] === bare)
    const behaviour = name ? this.behaviours[name] : (this.extra.get(bare) ?? { kind: 'respond', status: 404, body: 'not found' })
    this.play(behaviour, req, res)
  }

  private play(behaviour: Behaviour, req: IncomingMessage, res: ServerResponse): void {
    switch (behaviour.kind) {
      case 'hang':
        return
      case 'reset':
        req.socket.destroy()
        return
      case 'cut':
        res.writeHead(behaviour.status, { 'Content-Length': String(Buffer.byteLength(behaviour.body) * 2) })
        res.write(behaviour.body, () => setTimeout(() => req.socket.destroy(), 20))
        return
      case 'garbage':
        // Raw bytes before any status line: the client's HTTP parser must reject them.
        req.socket.end(behaviour.bytes ?? 'SSH-2.0-OpenSSH_9.2\r\n\u0000\u0001\u0002 not http at all\r\n\r\n')
        return
      case 'respond': {
        const send = (): void => {
          if (res.destroyed) return
          const body = behaviour.body ?? ''
          const headers: Record<string, string> = { ...(behaviour.headers ?? {}) }
          const bodiless = behaviour.status === 204 || behaviour.status === 304
          if (!behaviour.stallBody && !bodiless) headers['Content-Length'] = String(Buffer.byteLength(body))
          res.writeHead(behaviour.status, headers)
          if (behaviour.stallBody) {
            res.write(body) // and never end: the client waits for the rest
            return
          }
          res.end(bodiless ? undefined : body)
        }
        if (behaviour.delayMs && behaviour.delayMs > 0) {
          const timer = setTimeout(() => {
            this.timers.delete(timer)
            send()
          }, behaviour.delayMs)
          this.timers.add(timer)
        } else send()
      }
    }
  }
}

async function unusedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}
