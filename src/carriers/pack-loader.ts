// Loads the carrier packs: the built-in ones shipped in resources/carriers/ and the user's overrides from a
// folder the host passes (the app data folder's carriers/). Every file is validated against the pack schema;
// a problem names the file and the JSON path of each issue. An override replaces the built-in pack with the
// same id as a whole (partial merges of arrays are too easy to get subtly wrong); a broken override is
// reported and ignored, and the built-in pack stays in use. A broken built-in pack is reported and skipped —
// the unit tests make sure none ships.
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { CarrierPack } from './pack-schema'
import { err, ok, type Result } from './result'
import { formatIssuePath } from './zod-issues'

export type PackOrigin = 'builtin' | 'override'

export interface LoadedPack {
  pack: CarrierPack
  origin: PackOrigin
  file: string
  /** For an override: the built-in file it replaces. */
  replaces?: string
}

export interface PackIssue {
  /** JSON path, e.g. `flows[0].steps[2].id`. */
  path: string
  message: string
}

export type PackProblemKind = 'folder-unreadable' | 'unreadable' | 'too-large' | 'invalid-json' | 'invalid-pack' | 'duplicate-id'

export interface PackProblem {
  kind: PackProblemKind
  origin: PackOrigin
  file: string
  /** One line naming the file and what was done about it. */
  message: string
  issues: PackIssue[]
}

export interface PackSet {
  packs: LoadedPack[]
  problems: PackProblem[]
}

export interface LoadPacksOptions {
  builtinDir: string
  /** The user's override folder; a missing folder is normal and not reported. */
  overrideDir?: string
}

const MAX_PACK_BYTES = 2 * 1024 * 1024
const MAX_ISSUES = 50

/** Validate already-parsed JSON as a pack. Pure. */
export function validateCarrierPack(json: unknown, file: string, origin: PackOrigin = 'builtin'): Result<CarrierPack, PackProblem> {
  const parsed = CarrierPack.safeParse(json)
  if (parsed.success) return ok(parsed.data)
  const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }))
  const more = parsed.error.issues.length > MAX_ISSUES ? ` (showing ${MAX_ISSUES} of ${parsed.error.issues.length})` : ''
  const first = issues[0]
  return err({
    kind: 'invalid-pack',
    origin,
    file,
    message: `${file}: not a valid carrier pack — ${first ? `${first.path}: ${first.message}` : 'unknown problem'}${issues.length > 1 ? ` and ${parsed.error.issues.length - 1} more` : ''}${more}; ${consequence(origin)}`,
    issues
  })
}

/** Parse a pack file's text. Pure. */
export function parseCarrierPackText(text: string, file: string, origin: PackOrigin = 'builtin'): Result<CarrierPack, PackProblem> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return err({ kind: 'invalid-json', origin, file, message: `${file}: not valid JSON (${reason}); ${consequence(origin)}`, issues: [{ path: '(file)', message: reason }] })
  }
  return validateCarrierPack(json, file, origin)
}

/** Overrides over built-ins by pack id. Pure; the result is sorted by pack id. */
export function mergePacks(builtin: readonly LoadedPack[], overrides: readonly LoadedPack[]): LoadedPack[] {
  const byId = new Map<string, LoadedPack>()
  for (const item of builtin) byId.set(item.pack.id, item)
  for (const item of overrides) {
    const replaced = byId.get(item.pack.id)
    byId.set(item.pack.id, replaced ? { ...item, replaces: replaced.file } : item)
  }
  return [...byId.values()].sort((a, b) => a.pack.id.localeCompare(b.pack.id))
}

export async function loadCarrierPacks(options: LoadPacksOptions): Promise<PackSet> {
  const problems: PackProblem[] = []
  const builtin = await loadFolder(options.builtinDir, 'builtin', problems, false)
  const overrides = options.overrideDir === undefined ? [] : await loadFolder(options.overrideDir, 'override', problems, true)
  return { packs: mergePacks(builtin, overrides), problems }
}

async function loadFolder(dir: string, origin: PackOrigin, problems: PackProblem[], missingIsFine: boolean): Promise<LoadedPack[]> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((name) => name.toLowerCase().endsWith('.json')).sort()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (missingIsFine && code === 'ENOENT') return []
    problems.push({
      kind: 'folder-unreadable',
      origin,
      file: dir,
      message: `${dir}: the carrier pack folder cannot be read (${code ?? String(error)}); ${origin === 'override' ? 'using the built-in packs only' : 'no built-in packs loaded'}`,
      issues: []
    })
    return []
  }
  const loaded: LoadedPack[] = []
  for (const name of names) {
    const file = join(dir, name)
    const text = await readPackFile(file, origin, problems)
    if (text === undefined) continue
    const parsed = parseCarrierPackText(text, file, origin)
    if (!parsed.ok) {
      problems.push(parsed.error)
      continue
    }
    const duplicate = loaded.find((item) => item.pack.id === parsed.value.id)
    if (duplicate) {
      problems.push({
        kind: 'duplicate-id',
        origin,
        file,
        message: `${file}: pack id "${parsed.value.id}" is already used by ${duplicate.file}; this file is ignored`,
        issues: [{ path: 'id', message: `duplicate of ${duplicate.file}` }]
      })
      continue
    }
    loaded.push({ pack: parsed.value, origin, file })
  }
  return loaded
}

async function readPackFile(file: string, origin: PackOrigin, problems: PackProblem[]): Promise<string | undefined> {
  try {
    const info = await stat(file)
    if (info.size > MAX_PACK_BYTES) {
      problems.push({ kind: 'too-large', origin, file, message: `${file}: larger than ${MAX_PACK_BYTES} bytes; ${consequence(origin)}`, issues: [] })
      return undefined
    }
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    problems.push({ kind: 'unreadable', origin, file, message: `${file}: cannot be read (${code}); ${consequence(origin)}`, issues: [] })
    return undefined
  }
}

function consequence(origin: PackOrigin): string {
  return origin === 'override' ? 'the override is ignored and the built-in pack (if any) stays in use' : 'this pack is skipped'
}
