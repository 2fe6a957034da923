// Settings. The theme is this window's own preference (localStorage): only a window paints it. The
// language is kept by the host too (settings.json), because the tray and the OS notifications shown by
// Electron main must speak it; localStorage keeps a copy so the first paint is already in the right
// language before the host answers. Everything else (polling, privacy, notifications) lives in the host:
// settings.get / settings.set, settings.changed from other windows. Remembered device passwords are
// listed by account only and can be forgotten. 'system' follows the OS: navigator.languages for the
// language, prefers-color-scheme (in CSS) for the theme.
import type { ContractErrorData } from '@contract/errors'
import type { AppSettings, SettingsPatch, StoredCredential } from '@contract/settings'
import { defineStore } from 'pinia'
import { computed, hasInjectionContext, inject, ref } from 'vue'
import { API_CLIENT_KEY } from '@renderer/api/client-context'
import type { HostClient } from '@renderer/api/host-client'
import { toErrorData, type LoadStatus } from './status'

export const APP_LOCALES = ['en', 'ja'] as const
export type AppLocale = (typeof APP_LOCALES)[number]
export const LOCALE_PREFERENCES = ['system', 'en', 'ja'] as const
export type LocalePreference = (typeof LOCALE_PREFERENCES)[number]
export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const
export type ThemePreference = (typeof THEME_PREFERENCES)[number]

export const SETTINGS_STORAGE_KEY = 'hotspot-desk.settings'

/**
 * The host's bounds (src/contract/settings.ts), repeated here for the inputs' hints: that module carries
 * zod, which stays out of the renderer bundle. tests/renderer/settings-dialog.test.ts keeps them equal;
 * the host validates every change anyway.
 */
export const SETTINGS_BOUNDS = {
  foregroundSeconds: { min: 1, max: 60 },
  backgroundSeconds: { min: 5, max: 3600 },
  retentionDays: { min: 1, max: 3650 },
  dataLowPercent: { min: 1, max: 50 }
} as const
export const NOTIFICATION_KIND_ORDER = ['dataLow', 'planExpiring', 'disconnected', 'simChanged', 'signalLost'] as const

interface StoredSettings {
  locale: LocalePreference
  theme: ThemePreference
}

const DEFAULTS: StoredSettings = { locale: 'system', theme: 'system' }

/** The first OS language we have messages for ('ja-JP' → 'ja'), else English. */
export function resolveLocale(preference: LocalePreference, languages: readonly string[]): AppLocale {
  if (preference !== 'system') return preference
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0]
    const match = APP_LOCALES.find((locale) => locale === base)
    if (match) return match
  }
  return 'en'
}

function systemLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return []
  return navigator.languages?.length ? navigator.languages : [navigator.language]
}

function readStored(): StoredSettings {
  try {
    const raw = window.localStorage.getItem(SETTINGS_STORAGE_KEY)
    if (!raw) return { ...DEFAULTS }
    const parsed = JSON.parse(raw) as Partial<Record<keyof StoredSettings, unknown>>
    return {
      locale: (LOCALE_PREFERENCES as readonly unknown[]).includes(parsed.locale) ? (parsed.locale as LocalePreference) : DEFAULTS.locale,
      theme: (THEME_PREFERENCES as readonly unknown[]).includes(parsed.theme) ? (parsed.theme as ThemePreference) : DEFAULTS.theme
    }
  } catch {
    // Unreadable or disabled storage: start from the defaults rather than not at all.
    return { ...DEFAULTS }
  }
}

/** The client when the app provides one (a store test without a host still gets local preferences). */
function optionalClient(): HostClient | null {
  return hasInjectionContext() ? inject(API_CLIENT_KEY, null) : null
}

export const useSettingsStore = defineStore('settings', () => {
  const client = optionalClient()
  // Read synchronously so the first paint is already in the right language and theme.
  const stored = readStored()
  const locale = ref<LocalePreference>(stored.locale)
  const theme = ref<ThemePreference>(stored.theme)
  const languages = ref<readonly string[]>(systemLanguages())
  /** ready once loaded; error when the last change could not be saved (it still applies to this window). */
  const status = ref<LoadStatus>('ready')
  const saveError = ref<string | null>(null)

  /** The host's settings: loading until settings.get answers; null when the host keeps none. */
  const hostStatus = ref<LoadStatus>('idle')
  const hostError = ref<ContractErrorData | null>(null)
  const host = ref<AppSettings | null>(null)
  /** The host could not read settings.json and uses the defaults: its explanation. */
  const hostWarning = ref<string | null>(null)
  /** A settings.set in flight, and the last one's failure (the dialog shows it beside the fields). */
  const saving = ref(false)
  const hostSaveError = ref<ContractErrorData | null>(null)

  const credentialsStatus = ref<LoadStatus>('idle')
  const credentialsError = ref<ContractErrorData | null>(null)
  const credentials = ref<StoredCredential[]>([])
  /** Where passwords are sealed ("OS keychain", "key file"); null when this host remembers none. */
  const credentialStorage = ref<string | null>(null)
  const forgetting = ref<string | null>(null)
  const forgetError = ref<ContractErrorData | null>(null)

  let disposers: Array<() => void> = []

  const resolvedLocale = computed<AppLocale>(() => resolveLocale(locale.value, languages.value))

  function persist(): void {
    try {
      const value: StoredSettings = { locale: locale.value, theme: theme.value }
      window.localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(value))
      status.value = 'ready'
      saveError.value = null
    } catch (error) {
      status.value = 'error'
      saveError.value = error instanceof Error ? error.message : String(error)
    }
  }

  function applyHost(next: AppSettings): void {
    host.value = next
    if (locale.value !== next.language) {
      locale.value = next.language
      persist()
    }
  }

  function setLocale(value: LocalePreference): void {
    locale.value = value
    persist()
    if (host.value && host.value.language !== value) void update({ language: value })
  }

  function setTheme(value: ThemePreference): void {
    theme.value = value
    persist()
  }

  async function load(): Promise<void> {
    if (!client) return
    hostStatus.value = 'loading'
    try {
      const result = await client.request('settings.get', {})
      hostWarning.value = result.warning ?? null
      hostError.value = null
      hostStatus.value = 'ready'
      applyHost(result.settings)
    } catch (error) {
      hostError.value = toErrorData(error)
      hostStatus.value = 'error'
    }
  }

  /** A partial change; true when the host saved it. */
  async function update(patch: SettingsPatch): Promise<boolean> {
    if (!client) return false
    saving.value = true
    try {
      const result = await client.request('settings.set', patch)
      hostSaveError.value = null
      applyHost(result.settings)
      return true
    } catch (error) {
      hostSaveError.value = toErrorData(error)
      return false
    } finally {
      saving.value = false
    }
  }

  async function loadCredentials(): Promise<void> {
    if (!client) return
    credentialsStatus.value = 'loading'
    try {
      const result = await client.request('credentials.list', {})
      credentials.value = result.credentials
      credentialStorage.value = result.storage
      credentialsError.value = null
      credentialsStatus.value = 'ready'
    } catch (error) {
      credentialsError.value = toErrorData(error)
      credentialsStatus.value = 'error'
    }
  }

  async function forgetCredential(account: string): Promise<boolean> {
    if (!client) return false
    forgetting.value = account
    try {
      await client.request('credentials.forget', { account })
      forgetError.value = null
      credentials.value = credentials.value.filter((item) => item.account !== account)
      return true
    } catch (error) {
      forgetError.value = toErrorData(error)
      return false
    } finally {
      forgetting.value = null
    }
  }

  /** Follows OS language changes, changes made in another window, and the host's settings. */
  function start(): void {
    if (disposers.length > 0) return
    const onLanguageChange = (): void => {
      languages.value = systemLanguages()
    }
    const onStorage = (event: StorageEvent): void => {
      if (event.key !== SETTINGS_STORAGE_KEY) return
      const next = readStored()
      locale.value = next.locale
      theme.value = next.theme
    }
    window.addEventListener('languagechange', onLanguageChange)
    window.addEventListener('storage', onStorage)
    disposers = [
      () => window.removeEventListener('languagechange', onLanguageChange),
      () => window.removeEventListener('storage', onStorage)
    ]
    if (client) {
      disposers.push(
        client.onReady(() => void load()),
        client.on('settings.changed', (next) => applyHost(next))
      )
      if (client.hello) void load()
    }
  }

  function stop(): void {
    for (const dispose of disposers) dispose()
    disposers = []
  }

  return {
    locale,
    theme,
    languages,
    status,
    saveError,
    resolvedLocale,
    host,
    hostStatus,
    hostError,
    hostWarning,
    saving,
    hostSaveError,
    credentials,
    credentialStorage,
    credentialsStatus,
    credentialsError,
    forgetting,
    forgetError,
    setLocale,
    setTheme,
    load,
    update,
    loadCredentials,
    forgetCredential,
    start,
    stop
  }
})
