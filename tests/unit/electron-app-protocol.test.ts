// The app:// protocol: only files inside out/renderer, right MIME types, the CSP on every response.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  createAppProtocolHandler,
  mimeTypeFor,
  registerAppSchemeAsPrivileged,
  resolveAppAssetPath,
  serveAppProtocol
} from '../../electron/main/app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp'

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values] as const
    })
  )

  it('is exactly the agreed policy', () => {
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"]
    })
  })

  it('never allows inline or evaluated script', () => {
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*/)
  })
})

describe('resolveAppAssetPath', () => {
  const root = join(tmpdir(), 'hotspot-desk-renderer')

  it.each([
    ['app://hotspot-desk/', 'index.html'],
    ['app://hotspot-desk', 'index.html'],
    ['app://hotspot-desk/index.html', 'index.html'],
    ['app://hotspot-desk/assets/index-AbC123.js', join('assets', 'index-AbC123.js')],
    ['app://hotspot-desk/assets/index.css?v=1#x', join('assets', 'index.css')],
    ['app://hotspot-desk/fonts/Inter%20Var.woff2', join('fonts', 'Inter Var.woff2')],
    ['app://hotspot-desk//assets//a.js', join('assets', 'a.js')]
  ])('%s → <root>/%s', (url, expected) => {
    expect(resolveAppAssetPath(root, url)).toBe(join(root, expected))
  })

  it.each([
    ['an encoded traversal', 'app://hotspot-desk/..%2f..%2fetc%2fpasswd'],
    ['an encoded traversal in a folder', 'app://hotspot-desk/assets/..%2f..%2f..%2fetc/passwd'],
    ['upper-case encoded traversal', 'app://hotspot-desk/%2E%2E%2F%2E%2E%2Fsecret'],
    ['an encoded absolute path', 'app://hotspot-desk/%2fetc%2fpasswd'],
    ['a backslash traversal', 'app://hotspot-desk/..\\..\\secret'],
    ['an encoded backslash traversal', 'app://hotspot-desk/..%5c..%5csecret'],
    ['a backslash inside a segment', 'app://hotspot-desk/assets%5cindex.js'],
    ['a Windows drive path', 'app://hotspot-desk/C:%5cWindows%5cwin.ini'],
    ['an encoded drive letter', 'app://hotspot-desk/c%3a/secret'],
    ['a NUL byte', 'app://hotspot-desk/index.html%00.png'],
    ['a malformed escape', 'app://hotspot-desk/%E0%A4%A'],
    ['another host', 'app://other-host/index.html'],
    ['a look-alike host', 'app://hotspot-desk.evil/index.html'],
    ['a port', 'app://hotspot-desk:1234/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['an https URL', 'https://hotspot-desk/index.html'],
    ['garbage', 'not a url']
  ])('refuses %s', (_label, url) => {
    expect(resolveAppAssetPath(root, url)).toBeNull()
  })

  // WHATWG URL parsing (Node's and Chromium's) treats "%2e%2e" segments as ".." and resolves them
  // against the URL's own root, so they can never climb above the renderer folder.
  it.each([
    ['app://hotspot-desk/assets/%2e%2e/%2e%2e/%2e%2e/secret', 'secret'],
    ['app://hotspot-desk/../../../etc/passwd', join('etc', 'passwd')],
    ['app://hotspot-desk/a/%2e/b.js', join('a', 'b.js')]
  ])('resolves URL dot segments within the root: %s', (url, expected) => {
    expect(resolveAppAssetPath(root, url)).toBe(join(root, expected))
  })

  it('keeps literal double-encoded dots inside the root', () => {
    const resolved = resolveAppAssetPath(root, 'app://hotspot-desk/%252e%252e/x')
    expect(resolved).toBe(join(root, '%2e%2e', 'x'))
  })
})

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['A.CSS', 'text/css; charset=utf-8'],
    ['m.json', 'application/json; charset=utf-8'],
    ['icon.svg', 'image/svg+xml'],
    ['p.png', 'image/png'],
    ['f.woff2', 'font/woff2'],
    ['x.wasm', 'application/wasm'],
    ['unknown.bin', 'application/octet-stream'],
    ['noextension', 'application/octet-stream']
  ])('%s → %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type)
  })
})

describe('createAppProtocolHandler', () => {
  let base: string
  let root: string

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'hotspot-desk-protocol-'))
    root = join(base, 'renderer')
    mkdirSync(join(root, 'assets'), { recursive: true })
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="app"></div>')
    writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)')
    writeFileSync(join(base, 'secret.txt'), 'TOP SECRET')
  })

  afterAll(() => rmSync(base, { recursive: true, force: true }))

  const handler = (): ((request: Request) => Promise<Response>) => createAppProtocolHandler({ rootDir: root })

  it('serves index.html for the root with its MIME type and the security headers', async () => {
    const response = await handler()(new Request('app://hotspot-desk/'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    await expect(response.text()).resolves.toContain('id="app"')
  })

  it('serves assets with their MIME type', async () => {
    const response = await handler()(new Request('app://hotspot-desk/assets/index.js'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    await expect(response.text()).resolves.toBe('console.log(1)')
  })

  it.each([
    'app://hotspot-desk/..%2fsecret.txt',
    'app://hotspot-desk/assets/..%2f..%2fsecret.txt',
    'app://hotspot-desk/%2e%2e/secret.txt',
    'app://hotspot-desk/..%5csecret.txt',
    'app://hotspot-desk/missing.js',
    'app://hotspot-desk/assets',
    'app://other-host/index.html'
  ])('answers 404 with the CSP, never the file, for %s', async (url) => {
    const response = await handler()(new Request(url))
    expect(response.status).toBe(404)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    await expect(response.text()).resolves.not.toContain('TOP SECRET')
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await handler()(new Request('app://hotspot-desk/index.html', { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(head.body).toBeNull()
    const post = await handler()(new Request('app://hotspot-desk/index.html', { method: 'POST', body: 'x' }))
    expect(post.status).toBe(405)
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })

  it('reads only the resolved path through the injected reader', async () => {
    const readAsset = vi.fn(async () => new TextEncoder().encode('x'))
    const injected = createAppProtocolHandler({ rootDir: root, readAsset })
    await injected(new Request('app://hotspot-desk/assets/index.js'))
    await injected(new Request('app://hotspot-desk/..%2f..%2fsecret.txt'))
    expect(readAsset.mock.calls).toEqual([[join(root, 'assets', 'index.js')]])
  })
})

describe('scheme registration', () => {
  it('registers app:// as standard, secure and fetch-capable, without CORS or CSP bypass', () => {
    const registerSchemesAsPrivileged = vi.fn()
    registerAppSchemeAsPrivileged({ registerSchemesAsPrivileged })
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }
    ])
  })

  it('handles the app scheme with a handler that serves the given folder', async () => {
    const handle = vi.fn()
    serveAppProtocol({ handle }, join(tmpdir(), 'does-not-exist-hotspot-desk'))
    expect(handle).toHaveBeenCalledTimes(1)
    expect(handle.mock.calls[0]?.[0]).toBe('app')
    const served = handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>
    expect((await served(new Request('app://hotspot-desk/index.html'))).status).toBe(404)
  })
})
