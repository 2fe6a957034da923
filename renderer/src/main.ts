// Renderer entry (browser context: the Electron window or a browser tab in serve mode). Builds the
// ApiClient on the transport that fits where we run, provides it to the stores, installs Pinia and
// vue-i18n, mounts the app. Built by electron-vite into out/renderer/. Imports nothing Node-only.
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { ApiClient } from './api/api-client'
import { chooseTransport } from './api/choose-transport'
import { provideApiClient } from './api/client-context'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { useSettingsStore } from './stores/settings'
import './styles/theme.css'

const client = new ApiClient(chooseTransport(), { clientName: 'renderer' })
const pinia = createPinia()
const app = createApp(App)
app.use(pinia)
provideApiClient(app, client)
// The saved (or OS) language is known before the first render, so nothing flashes in English.
app.use(createAppI18n(useSettingsStore(pinia).resolvedLocale))
app.mount('#app')
client.connect()
