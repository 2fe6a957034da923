// How stores get their HostClient: provided once on the Vue app (main.ts, or a test's app) and
// injected in each setup store. Pinia runs setup stores inside the app's injection context, so
// inject() works there. There is no module-level client to reach for.
import { hasInjectionContext, inject, type App, type InjectionKey } from 'vue'
import type { HostClient } from './host-client'

export const API_CLIENT_KEY: InjectionKey<HostClient> = Symbol('hotspot-desk.api-client')

export function provideApiClient(app: App, client: HostClient): void {
  app.provide(API_CLIENT_KEY, client)
}

export function useApiClient(): HostClient {
  const client = hasInjectionContext() ? inject(API_CLIENT_KEY, null) : null
  if (!client) {
    throw new Error('No host client: call provideApiClient(app, client) and install Pinia on that app before using this store.')
  }
  return client
}
