import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkRequest, TOKEN_COOKIE } from '../../src/host/serve/request-guard'
import { loadStaticFile, resolveStaticPath } from '../../src/host/serve/static-files'

const PORT = 4567
const TOKEN = 'secret-token'
const base = { host: `127.0.0.1:${PORT}`, origin: undefined, url: `/?token=${TOKEN}`, cookie: undefined }

describe('checkRequest', () => {
  it.each([
    ['token in the query', base, true],
    ['token in the cookie', { ...base, url: '/', cookie: `a=b; ${TOKEN_COOKIE}=${TOKEN}` }, true],
    ['localhost host name', { ...base, host: `localhost:${PORT}` }, true],
    ['our own origin', { ...base, origin: `http://127.0.0.1:${PORT}` }, true],
    ['no token', { ...base, url: '/' }, false],
    ['wrong token', { ...base, url: '/?token=nope' }, false],
    ['token of another length', { ...base, url: `/?token=${TOKEN}x` }, false],
    ['wrong cookie', { ...base, url: '/', cookie: `${TOKEN_COOKIE}=nope` }, false],
    ['rebinding host', { ...base, host: `evil.example:${PORT}` }, false],
    ['other port', { ...base, host: `127.0.0.1:${PORT + 1}` }, false],
    ['missing host', { ...base, host: undefined }, false],
    ['foreign origin', { ...base, origin: 'https://evil.example' }, false],
    ['null origin', { ...base, origin: 'null' }, false],
    ['https origin', { ...base, origin: `https://127.0.0.1:${PORT}` }, false]
  ])('%s', (_name, input, allowed) => {
    expect(checkRequest(input, PORT, TOKEN).allowed).toBe(allowed)
  })

  it('says 403 for a bad host or origin and 401 for a bad token', () => {
    expect(checkRequest({ ...base, host: 'evil:1' }, PORT, TOKEN)).toMatchObject({ status: 403 })
    expect(checkRequest({ ...base, url: '/' }, PORT, TOKEN)).toMatchObject({ status: 401 })
  })
})

describe('static files', () => {
  const root = mkdtempSync(join(tmpdir(), 'hd-static-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<html></html>')
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')

  it.each([
    ['/', 'index.html'],
    ['/assets/app.js', 'assets/app.js'],
    ['/./index.html', 'index.html']
  ])('%s resolves inside the folder', (url, expected) => {
    expect(resolveStaticPath(root, url)).toBe(join(root, expected))
  })

  it.each(['/../etc/passwd', '/..%2f..%2fetc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../index.html', '/assets\\..\\..\\x', '/a%00b', '/%E0%A4%A'])(
    '%s is refused',
    (url) => {
      expect(resolveStaticPath(root, url)).toBeUndefined()
    }
  )

  it('loads files with their MIME type and nothing for folders or missing files', async () => {
    expect(await loadStaticFile(root, '/assets/app.js')).toMatchObject({ contentType: expect.stringContaining('javascript') })
    expect(await loadStaticFile(root, '/assets')).toBeUndefined()
    expect(await loadStaticFile(root, '/missing.css')).toBeUndefined()
  })
})
