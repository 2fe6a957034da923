// Pinia + client + i18n wiring for tests, the same way main.ts wires the real app.
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createApp } from 'vue'
import { API_CLIENT_KEY, provideApiClient } from '@renderer/api/client-context'
import type { HostClient } from '@renderer/api/host-client'
import { createAppI18n } from '@renderer/i18n'
import type { AppLocale } from '@renderer/stores/settings'

/** setActivePinia(createPinia()) on an app that provides `client`, so stores can inject it. */
export function createTestPinia(client: HostClient): Pinia {
  const pinia = createPinia()
  const app = createApp({ render: () => null })
  app.use(pinia)
  provideApiClient(app, client)
  setActivePinia(pinia)
  return pinia
}

/** mount() options: a fresh Pinia and i18n, the client provided. Missing i18n keys are collected. */
export function mountOptions(client: HostClient, locale: AppLocale = 'en') {
  const missing: string[] = []
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = createAppI18n(locale, { onMissing: (lang, key) => missing.push(`${lang}:${key}`) })
  return {
    missing,
    pinia,
    i18n,
    options: { global: { plugins: [pinia, i18n], provide: { [API_CLIENT_KEY]: client } }, attachTo: document.body }
  }
}

/** Lets pending promise callbacks run (the fake client answers asynchronously). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

/** Lets every queued promise, watcher and timer-0 callback run (longer chains than flush covers). */
export async function settle(): Promise<void> {
  await flush()
  await new Promise((resolve) => setTimeout(resolve, 0))
  await flush()
}
