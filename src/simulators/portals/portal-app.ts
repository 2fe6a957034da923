// The common ground of the carrier portal simulators: a node:http app on 127.0.0.1 with cookie sessions, HTML
// forms and a clock the tests can move. Each carrier's app reproduces its portal's pages as far as the flows in
// its carrier pack go — the same paths, the field names the pack's selectors expect, and the error texts the
// pack's known errors describe — so prefill, step detection and error mapping are tested end to end without
// ever reaching a real carrier. The "changed" variant renames every form field, as a portal redesign would,
// so the pack's selectors stop matching and the checklist fallback can be exercised.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type PortalVariant = 'standard' | 'changed'

export interface PortalSimulatorOptions {
  variant?: PortalVariant
  /** Milliseconds since the epoch; tests pass a clock they can move (the 1-hour links). */
  now?: () => number
}

export interface SimRequest {
  method: string
  path: string
  query: URLSearchParams
  form: URLSearchParams
  session: Record<string, unknown>
  /** No valid session cookie came with the request (first visit, or the session expired). */
  freshSession: boolean
}

export type SimResponse = { status?: number; html: string } | { redirect: string }

const MAX_FORM_BYTES = 16 * 1024

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char)
}

export interface PageParts {
  lang: 'en' | 'ja'
  title: string
  /** Shown in the page header, like the carrier's own banner. */
  brand: string
  body: string
  /** An error banner (role=alert), as the portal shows it. */
  error?: string
  notice?: string
}

export function page(parts: PageParts): string {
  return `<!doctype html>
<html lang="${parts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)} · ${escapeHtml(parts.brand)} (simulator)</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; background: #f4f4f6; color: #1b1b1f; }
header { background: #3c3c46; color: #fff; padding: 12px 20px; font-weight: 600; }
header small { font-weight: 400; opacity: 0.8; margin-left: 8px; }
main { max-width: 34rem; margin: 24px auto; background: #fff; padding: 20px 24px; border-radius: 8px; }
label { display: block; margin: 12px 0 4px; font-weight: 600; }
input, select { font: inherit; padding: 6px 8px; width: 100%; box-sizing: border-box; }
button { font: inherit; margin-top: 16px; padding: 8px 16px; }
.error { background: #fde8e8; border: 1px solid #f0b4b4; padding: 10px 12px; border-radius: 6px; }
.notice { background: #e8f0fd; border: 1px solid #b4c8f0; padding: 10px 12px; border-radius: 6px; }
nav a { display: block; margin: 8px 0; }
</style>
</head>
<body>
<header>${escapeHtml(parts.brand)}<small>loopback simulator: not the real portal</small></header>
<main>
<h1>${escapeHtml(parts.title)}</h1>
${parts.error ? `<p class="error" role="alert" id="portal-error">${escapeHtml(parts.error)}</p>` : ''}
${parts.notice ? `<p class="notice" role="status" id="portal-notice">${escapeHtml(parts.notice)}</p>` : ''}
${parts.body}
</main>
</body>
</html>`
}

/** A labelled input. `name` doubles as the id, as the packs' selectors ([name="x"], #x) expect. */
export function input(label: string, name: string, options: { type?: string; value?: string; autocomplete?: string } = {}): string {
  const value = options.value === undefined ? '' : ` value="${escapeHtml(options.value)}"`
  const autocomplete = options.autocomplete ? ` autocomplete="${options.autocomplete}"` : ''
  return `<label for="${escapeHtml(name)}">${escapeHtml(label)}</label><input id="${escapeHtml(name)}" name="${escapeHtml(name)}" type="${options.type ?? 'text'}"${value}${autocomplete}>`
}

export abstract class PortalSimulatorApp {
  variant: PortalVariant
  private server: Server | undefined
  private address = ''
  private readonly sessions = new Map<string, Record<string, unknown>>()
  private clockOffset = 0
  private readonly baseNow: () => number

  protected abstract readonly cookieName: string

  constructor(options: PortalSimulatorOptions = {}) {
    this.variant = options.variant ?? 'standard'
    this.baseNow = options.now ?? Date.now
  }

  /** The base address the host's portalOverrides point at (ends with "/"). */
  get baseUrl(): string {
    if (!this.address) throw new Error('the portal simulator is not running')
    return this.address
  }

  now(): number {
    return this.baseNow() + this.clockOffset
  }

  /** Moves the simulator's clock forward (e.g. past a 1-hour link). */
  advanceClock(ms: number): void {
    this.clockOffset += ms
  }

  /** Forgets every session: everyone is signed out. */
  resetSessions(): void {
    this.sessions.clear()
  }

  async start(port = 0): Promise<{ baseUrl: string }> {
    if (this.server) return { baseUrl: this.baseUrl }
    const server = createServer((req, res) => void this.serve(req, res))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    this.server = server
    this.address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    return { baseUrl: this.address }
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    this.address = ''
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** The field name the page uses: the pack's in the standard variant, a renamed one in the changed variant. */
  protected field(standard: string, changed: string): string {
    return this.variant === 'standard' ? standard : changed
  }

  protected abstract route(request: SimRequest): SimResponse | Promise<SimResponse>

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const form = req.method === 'POST' ? await readForm(req) : new URLSearchParams()
      const { id, session, isNew } = this.session(req.headers.cookie)
      const response = await this.route({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, form, session, freshSession: isNew })
      const headers: Record<string, string> = {
        'Cache-Control': 'no-store',
        // Pages carry no script and load nothing from elsewhere.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
      }
      if (isNew) headers['Set-Cookie'] = `${this.cookieName}=${id}; HttpOnly; SameSite=Lax; Path=/`
      if ('redirect' in response) {
        res.writeHead(303, { ...headers, Location: response.redirect })
        res.end()
        return
      }
      res.writeHead(response.status ?? 200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' })
      res.end(response.html)
    } catch (error) {
      res.writeHead(error instanceof FormTooLarge ? 413 : 500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(error instanceof Error ? error.message : String(error))
    }
  }

  private session(cookieHeader: string | undefined): { id: string; session: Record<string, unknown>; isNew: boolean } {
    const id = readCookie(cookieHeader, this.cookieName)
    if (id !== undefined) {
      const existing = this.sessions.get(id)
      if (existing) return { id, session: existing, isNew: false }
    }
    const fresh = randomBytes(12).toString('hex')
    const session: Record<string, unknown> = {}
    this.sessions.set(fresh, session)
    return { id: fresh, session, isNew: true }
  }
}

class FormTooLarge extends Error {}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
      if (body.length > MAX_FORM_BYTES) {
        req.destroy()
        reject(new FormTooLarge('form too large'))
      }
    })
    req.on('end', () => resolve(new URLSearchParams(body)))
    req.on('error', reject)
  })
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** Digits only (people paste numbers with spaces, dashes and +1). */
export function digitsOf(value: string): string {
  return value.normalize('NFKC').replace(/\D/g, '')
}
