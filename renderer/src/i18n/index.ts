// vue-i18n in composition mode. A factory, not a module-level instance, so each app (and each test)
// gets its own. The locale follows the settings store (App.vue keeps them in sync).
import { createI18n } from 'vue-i18n'
import type { AppLocale } from '@renderer/stores/settings'
import en from './en'
import ja from './ja'

export const messages = { en, ja }

export interface AppI18nOptions {
  /** Called for every missing key (tests turn this into a failure). */
  onMissing?: (locale: string, key: string) => void
}

export function createAppI18n(locale: AppLocale, options: AppI18nOptions = {}) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    ...(options.onMissing
      ? {
          missing: (missingLocale: string, key: string) => {
            options.onMissing?.(missingLocale, key)
          }
        }
      : {})
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>
