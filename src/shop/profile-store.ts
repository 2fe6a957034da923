// Golden profiles on disk: one JSON file per profile in <dataDir>/profiles, named after its id, so a shop
// can copy, version or hand-edit them. Writes go to a temporary file first and are renamed into place, so a
// crash never leaves half a profile. A file that does not parse or validate is reported as a problem with
// its issues; it never stops the others from loading.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ContractError } from '../contract/errors'
import type { GoldenProfile, ProfileEntry, ProfileIssue } from '../contract/shop'
import { validateProfile } from './profile-validation'

export interface ProfileProblem {
  file: string
  issues: ProfileIssue[]
}

export class ProfileStore {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'profiles')
  }

  list(): { profiles: ProfileEntry[]; problems: ProfileProblem[] } {
    const profiles: ProfileEntry[] = []
    const problems: ProfileProblem[] = []
    for (const name of this.files()) {
      const file = join(this.dir, name)
      const loaded = this.load(file)
      if ('issues' in loaded) {
        problems.push({ file, issues: loaded.issues })
        continue
      }
      if (`${loaded.profile.id}.json` !== name) {
        problems.push({ file, issues: [{ path: 'id', message: `The file is named ${name} but holds the profile "${loaded.profile.id}"; rename the file to ${loaded.profile.id}.json.` }] })
        continue
      }
      profiles.push(loaded)
    }
    profiles.sort((a, b) => a.profile.name.localeCompare(b.profile.name) || a.profile.id.localeCompare(b.profile.id))
    return { profiles, problems }
  }

  /** The saved profile; NOT_FOUND when absent, BAD_INPUT (with the issues) when its file is broken. */
  get(id: string): ProfileEntry {
    const file = this.fileOf(id)
    const loaded = this.load(file)
    if ('issues' in loaded) {
      if (loaded.missing) throw new ContractError('NOT_FOUND', `There is no saved profile "${id}". Save it first, or pick one from the profile list.`, { profileId: id })
      throw new ContractError('BAD_INPUT', `The saved profile "${id}" is broken (${loaded.issues[0]?.message ?? 'unreadable'}). Fix ${file} or save the profile again.`, { file, issues: loaded.issues })
    }
    return loaded
  }

  /** Validates and writes atomically; BAD_INPUT with every issue when invalid. */
  save(input: unknown): ProfileEntry {
    const checked = validateProfile(input)
    if (!checked.ok) {
      throw new ContractError('BAD_INPUT', `The profile has ${checked.issues.length} problem(s): ${checked.issues.map((issue) => `${issue.path}: ${issue.message}`).join(' ')}`, {
        issues: checked.issues,
        path: checked.issues[0]?.path
      })
    }
    const profile = checked.profile
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    const file = this.fileOf(profile.id)
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`
    // Fixed keys and admin passwords are in here: this user only.
    writeFileSync(temporary, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600 })
    renameSync(temporary, file)
    return { profile, updatedAt: statSync(file).mtimeMs, file }
  }

  remove(id: string): boolean {
    const file = this.fileOf(id)
    try {
      statSync(file)
    } catch {
      return false
    }
    rmSync(file)
    return true
  }

  private fileOf(id: string): string {
    if (!/^[a-z0-9][a-z0-9-]{0,47}$/.test(id)) throw new ContractError('BAD_INPUT', `"${id}" is not a profile id (lower-case letters, digits and dashes).`, { path: 'id' })
    return join(this.dir, `${id}.json`)
  }

  private files(): string[] {
    try {
      return readdirSync(this.dir).filter((name) => name.endsWith('.json')).sort()
    } catch {
      return []
    }
  }

  private load(file: string): ProfileEntry | { issues: ProfileIssue[]; missing?: boolean } {
    let text: string
    let updatedAt: number
    try {
      text = readFileSync(file, 'utf8')
      updatedAt = statSync(file).mtimeMs
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
      return { issues: [{ path: '(file)', message: `Cannot read the file: ${(error as Error).message}` }], missing }
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      return { issues: [{ path: '(file)', message: `Not valid JSON: ${(error as Error).message}` }] }
    }
    const checked = validateProfile(json)
    if (!checked.ok) return { issues: checked.issues }
    return { profile: checked.profile satisfies GoldenProfile, updatedAt, file }
  }
}
