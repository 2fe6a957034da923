// The window's own preferences: language and theme. Kept in localStorage (they are about this UI,
// not about devices, so the host does not need them). 'system' follows the OS: navigator.languages
// for the language, prefers-color-scheme (in CSS) for the theme.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { LoadStatus } from './status'

export const APP_LOCALES = ['en', 'ja'] as const
export type AppLocale = (typeof APP_LOCALES)[number]
export const LOCALE_PREFERENCES = ['system', 'en', 'ja'] as const
export type LocalePreference = (typeof LOCALE_PREFERENCES)[number]
export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const
export type ThemePreference = (typeof THEME_PREFERENCES)[number]

export const SETTINGS_STORAGE_KEY = 'hotspot-desk.settings'

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

export const useSettingsStore = defineStore('settings', () => {
  // Read synchronously so the first paint is already in the right language and theme.
  const stored = readStored()
  const locale = ref<LocalePreference>(stored.locale)
  const theme = ref<ThemePreference>(stored.theme)
  const languages = ref<readonly string[]>(systemLanguages())
  /** ready once loaded; error when the last change could not be saved (it still applies to this window). */
  const status = ref<LoadStatus>('ready')
  const saveError = ref<string | null>(null)
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

  function setLocale(value: LocalePreference): void {
    locale.value = value
    persist()
  }

  function setTheme(value: ThemePreference): void {
    theme.value = value
    persist()
  }

  /** Follows OS language changes and changes made in another window of the app. */
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
  }

  function stop(): void {
    for (const dispose of disposers) dispose()
    disposers = []
  }

  return { locale, theme, languages, status, saveError, resolvedLocale, setLocale, setTheme, start, stop }
})
