// The app's saved settings: settings.json in the data folder, written atomically (temp file + rename),
// schema-versioned. A file that cannot be used (bad JSON, wrong shape, a newer schema) never stops the
// host: the defaults apply, the file is moved aside so nothing the user had is overwritten, and
// settings.get carries a warning saying so. History retention is owned by the history store (it is
// also set through history.retention), so it is read from and written to the store, not kept here.
import { readFileSync, renameSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ContractError } from '../contract/errors'
import { SettingsPatch, type AppSettings } from '../contract/settings'
import { DEFAULT_POLLING_RATES, type PollingRates } from './polling-policy'

export const SETTINGS_FILE = 'settings.json'
export const SETTINGS_SCHEMA_VERSION = 1

/** What settings.json holds: the user's changes on top of the defaults (never the retention). */
type StoredSettings = Omit<SettingsPatch, 'privacy'> & { privacy?: { redactDiagnostics?: boolean } }

export const DEFAULT_SETTINGS: Omit<AppSettings, 'privacy'> & { privacy: { redactDiagnostics: boolean } } = {
  language: 'system',
  polling: {
    foregroundSeconds: Math.round(DEFAULT_POLLING_RATES.focusedMs / 1000),
    backgroundSeconds: Math.round(DEFAULT_POLLING_RATES.backgroundMs / 1000)
  },
  privacy: { redactDiagnostics: true },
  notifications: {
    enabled: { dataLow: true, planExpiring: true, disconnected: true, simChanged: true, signalLost: true },
    dataLowPercent: 10
  }
}

/** Where retention lives (the history store); absent when history is off. */
export interface RetentionPort {
  get(): number
  set(days: number): void
}

export interface SettingsServiceOptions {
  /** The data folder; without it settings apply to this run only and are not saved. */
  dataDir?: string
  retention?: RetentionPort
  /** Called with new polling rates: at start when the user saved some, and on every change. */
  applyPolling?: (rates: Pick<PollingRates, 'focusedMs' | 'backgroundMs'>) => void
  log?: (line: string) => void
}

export type SettingsListener = (settings: AppSettings) => void

export class SettingsService {
  private stored: StoredSettings
  private readonly loadWarning: string | undefined
  private readonly listeners = new Set<SettingsListener>()
  private writes: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: SettingsServiceOptions = {}) {
    const loaded = options.dataDir ? loadSettingsFile(options.dataDir) : { stored: {} }
    this.stored = loaded.stored
    this.loadWarning = loaded.warning
    if (loaded.warning) options.log?.(`settings: ${loaded.warning}`)
    if (this.stored.polling) this.applyPolling()
  }

  /** Why the defaults are in use, when settings.json could not be read. */
  get warning(): string | undefined {
    return this.loadWarning
  }

  get(): AppSettings {
    const merged = mergeStored(this.stored)
    return {
      ...merged,
      privacy: { ...merged.privacy, historyRetentionDays: this.options.retention?.get() ?? null }
    }
  }

  /** Language and notification switches without the retention lookup (read on every device change). */
  preferences(): Pick<AppSettings, 'language' | 'notifications'> {
    const { language, notifications } = mergeStored(this.stored)
    return { language, notifications }
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Applies a partial change (already schema-checked), saves it, and tells the listeners. */
  async set(patch: SettingsPatch): Promise<AppSettings> {
    const next = mergeStored(this.stored, patch)
    if (next.polling.foregroundSeconds > next.polling.backgroundSeconds) {
      throw new ContractError(
        'BAD_INPUT',
        `The on-screen device is polled every ${next.polling.foregroundSeconds} s, which is slower than the background (${next.polling.backgroundSeconds} s). Choose an on-screen interval no longer than the background one.`,
        { path: 'params.polling.foregroundSeconds' }
      )
    }
    const retention = patch.privacy?.historyRetentionDays
    if (retention !== undefined) {
      if (!this.options.retention) {
        throw new ContractError('UNSUPPORTED', 'History is off in this host, so there is no retention to set.', {
          path: 'params.privacy.historyRetentionDays'
        })
      }
      this.options.retention.set(retention)
    }
    const { privacy, ...rest } = patch
    const stored: StoredSettings = deepMerge(this.stored, {
      ...rest,
      ...(privacy?.redactDiagnostics !== undefined ? { privacy: { redactDiagnostics: privacy.redactDiagnostics } } : {})
    })
    const pollingChanged = patch.polling !== undefined
    this.stored = stored
    await this.save()
    if (pollingChanged) this.applyPolling()
    const settings = this.get()
    for (const listener of this.listeners) listener(settings)
    return settings
  }

  private applyPolling(): void {
    const { polling } = mergeStored(this.stored)
    this.options.applyPolling?.({ focusedMs: polling.foregroundSeconds * 1000, backgroundMs: polling.backgroundSeconds * 1000 })
  }

  /** Writes one at a time, so a quick second change cannot be overtaken by the first. */
  private save(): Promise<void> {
    const dataDir = this.options.dataDir
    if (!dataDir) return Promise.resolve()
    const body = `${JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, settings: this.stored }, null, 2)}\n`
    const write = async (): Promise<void> => {
      const path = join(dataDir, SETTINGS_FILE)
      const temp = `${path}.${process.pid}.tmp`
      try {
        await mkdir(dataDir, { recursive: true, mode: 0o700 })
        await writeFile(temp, body, { mode: 0o600 })
        await rename(temp, path)
      } catch (error) {
        throw new ContractError(
          'INTERNAL',
          `Could not save ${path}: ${(error as Error).message}. The change applies until the app closes; check that the folder is writable.`,
          { path }
        )
      }
    }
    const next = this.writes.then(write, write)
    this.writes = next.catch(() => undefined)
    return next
  }
}

/** Reads settings.json; a file that cannot be used is moved aside and the defaults apply. */
export function loadSettingsFile(dataDir: string): { stored: StoredSettings; warning?: string } {
  const path = join(dataDir, SETTINGS_FILE)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { stored: {} }
    return { stored: {}, warning: `${path} could not be read (${(error as Error).message}); the default settings are in use.` }
  }
  const problem = storedFromText(text)
  if ('stored' in problem) return problem
  const aside = `${path}.broken-${Date.now()}`
  let kept = ''
  try {
    renameSync(path, aside)
    kept = ` The old file was kept as ${aside}.`
  } catch {
    kept = ' The old file will be replaced by your next change.'
  }
  return { stored: {}, warning: `${path} ${problem.reason}, so the default settings are in use.${kept}` }
}

function storedFromText(text: string): { stored: StoredSettings } | { reason: string } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { reason: 'is not valid JSON' }
  }
  const file = raw as { schemaVersion?: unknown; settings?: unknown } | null
  if (typeof file !== 'object' || file === null) return { reason: 'does not hold a settings object' }
  if (typeof file.schemaVersion === 'number' && file.schemaVersion > SETTINGS_SCHEMA_VERSION) {
    return { reason: `was written by a newer Hotspot Desk (settings version ${file.schemaVersion})` }
  }
  if (file.schemaVersion !== SETTINGS_SCHEMA_VERSION) return { reason: 'has no known settings version' }
  const parsed = SettingsPatch.safeParse(file.settings ?? {})
  if (!parsed.success || parsed.data.privacy?.historyRetentionDays !== undefined) {
    const issue = parsed.success ? undefined : parsed.error.issues[0]
    return { reason: `holds a value out of range${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}` }
  }
  return { stored: parsed.data }
}

type Merged = typeof DEFAULT_SETTINGS

function mergeStored(stored: StoredSettings, patch: SettingsPatch = {}): Merged {
  return deepMerge(deepMerge(DEFAULT_SETTINGS, stored), patch) as Merged
}

type Plain = Record<string, unknown>

/** Objects merge key by key; undefined leaves a value as it was. */
function deepMerge<T extends object>(base: T, patch: object): T {
  const out: Plain = { ...(base as Plain) }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    const current = out[key]
    out[key] =
      typeof value === 'object' && value !== null && typeof current === 'object' && current !== null
        ? deepMerge(current, value)
        : value
  }
  return out as T
}
