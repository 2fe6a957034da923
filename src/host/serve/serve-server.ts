// Serve mode: the same host, reachable from a browser. HTTP for the built renderer and a WebSocket
// at /api for the contract, both on 127.0.0.1 only and both behind the one-time token.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { websocketChannel } from '../channels/websocket-channel'
import type { Host } from '../host'
import { checkRequest, tokenCookie } from './request-guard'
import { loadStaticFile, resolveStaticPath } from './static-files'

export const SERVE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

const SECURITY_HEADERS = {
  'Content-Security-Policy': SERVE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

/** Largest contract message a client may send; real requests are a few hundred bytes. */
const MAX_MESSAGE_BYTES = 1024 * 1024

export interface ServeOptions {
  host: Host
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  /** Fixed token (tests); random otherwise. */
  token?: string
}

export interface ServeHandle {
  readonly port: number
  readonly token: string
  /** The address to open in a browser, token included. */
  readonly url: string
  close(): Promise<void>
}

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  let port = 0

  const server = createServer((req, res) => void serveHttp(req, res))
  server.on('upgrade', (req, socket, head) => upgrade(req, socket, head))

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = checkRequest(requestFacts(req), port, token)
    if (!verdict.allowed) return sendText(res, verdict.status, verdict.reason)
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.')
    const headers: Record<string, string> = { ...SECURITY_HEADERS }
    if (verdict.tokenFromQuery) headers['Set-Cookie'] = tokenCookie(token)
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path === '/api') return sendText(res, 426, 'The contract is spoken over a WebSocket here.')
    if (!existsSync(options.rendererDir)) {
      return sendText(res, 503, 'The renderer is not built yet: run "npm run build" first.')
    }
    if (resolveStaticPath(options.rendererDir, path) === undefined) return sendText(res, 404, 'Not found.')
    // Unknown paths without a file extension are app routes: serve the app shell.
    const file =
      (await loadStaticFile(options.rendererDir, path)) ??
      (/\.[a-z0-9]+$/i.test(path) ? undefined : await loadStaticFile(options.rendererDir, '/index.html'))
    if (!file) return sendText(res, 404, 'Not found.')
    const isShell = file.contentType.startsWith('text/html')
    res.writeHead(200, {
      ...headers,
      'Content-Type': file.contentType,
      'Content-Length': String(file.body.length),
      'Cache-Control': isShell ? 'no-store' : 'public, max-age=3600'
    })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const verdict = checkRequest(requestFacts(req), port, token)
    const path = (req.url ?? '').split('?')[0]
    if (!verdict.allowed || path !== '/api') {
      const status = verdict.allowed ? 404 : verdict.status
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Refused'}\r\nConnection: close\r\n\r\n`)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => options.host.attach(websocketChannel(ws)))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function requestFacts(req: IncomingMessage) {
  return { host: req.headers.host, origin: req.headers.origin, url: req.url ?? '/', cookie: req.headers.cookie }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(text + '\n')
}
