// Serves the built renderer (out/renderer) on app://hotspot-desk instead of file://, so the page has
// a real origin, a CSP header and no access to the rest of the disk (Electron security checklist:
// "avoid file://, prefer custom protocols"). A request may only ever name a file inside the
// renderer folder: anything else is a 404, whatever encoding it hides behind.
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'
import type { Protocol } from 'electron'
import { APP_HOST, APP_SCHEME } from './app-origin'
import { CONTENT_SECURITY_POLICY } from './csp'

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm'
}

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps an app:// request URL to a file under `rootDir`, or null when the request must be refused:
 * another host, a malformed escape, `.`/`..` segments (also percent-encoded), backslashes, drive
 * letters, NUL bytes, or anything that would resolve outside `rootDir`.
 */
export function resolveAppAssetPath(rootDir: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null

  // Split before decoding so an encoded "/" (%2f) cannot introduce a segment boundary, then check
  // every decoded segment on its own.
  const rawSegments = url.pathname.split('/').filter((segment) => segment !== '')
  const segments: string[] = []
  for (const raw of rawSegments) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return null
    }
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return null
    segments.push(segment)
  }
  if (segments.length === 0) segments.push('index.html')

  const root = resolve(rootDir)
  const candidate = resolve(join(root, ...segments))
  const fromRoot = relative(root, candidate)
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) return null
  return candidate
}

export type ReadAsset = (filePath: string) => Promise<Uint8Array>

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer'
} as const

function plainResponse(status: number, text: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders }
  })
}

/** The handler behind `protocol.handle('app', …)`: Request in, Response out, no Electron needed. */
export function createAppProtocolHandler(options: {
  rootDir: string
  readAsset?: ReadAsset
}): (request: Request) => Promise<Response> {
  const readAsset: ReadAsset = options.readAsset ?? ((filePath) => readFile(filePath))
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plainResponse(405, 'Method Not Allowed', { Allow: 'GET, HEAD' })
    }
    const filePath = resolveAppAssetPath(options.rootDir, request.url)
    if (filePath === null) return plainResponse(404, 'Not Found')
    let body: Uint8Array
    try {
      body = await readAsset(filePath)
    } catch {
      // ENOENT, EISDIR, EACCES …: the page learns nothing about the file system beyond "no".
      return plainResponse(404, 'Not Found')
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeFor(filePath) }
    })
  }
}

/** Must run before `app` is ready (Electron requirement), once. */
export function registerAppSchemeAsPrivileged(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  // No corsEnabled and no bypassCSP: other origins (carrier portals) must not read app:// content.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** Serves `rootDir` on the app scheme for the default session (after `ready`). */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir }))
}
