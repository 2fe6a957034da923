// Serves the built renderer from one folder, never outside it.
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8'
}

/** The file under `root` a URL path names, or undefined when it would escape the folder. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    return undefined
  }
  // Refuse rather than normalise: a request that climbs with ".." is never one our own page makes.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return undefined
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^[/\\]+/, '')
  const base = resolve(root)
  const full = resolve(join(base, relative))
  return full === base || full.startsWith(base + sep) ? full : undefined
}

export interface StaticFile {
  body: Buffer
  contentType: string
}

export async function loadStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  const path = resolveStaticPath(root, urlPath)
  if (!path) return undefined
  try {
    if (!(await stat(path)).isFile()) return undefined
    return { body: await readFile(path), contentType: MIME_TYPES[extname(path)] ?? 'application/octet-stream' }
  } catch {
    return undefined
  }
}
