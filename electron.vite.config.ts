import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

const contractAlias = { '@contract': resolve(__dirname, 'src/contract') }

// One build produces everything: Electron main + the core host + the CLI (all Node, CJS),
// the preload, and the renderer. Serve mode and the CLI run out/main/*.js under plain Node.
export default defineConfig({
  main: {
    resolve: { alias: contractAlias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          host: resolve(__dirname, 'src/host/utility-entry.ts'),
          cli: resolve(__dirname, 'src/cli/main.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias: { ...contractAlias, '@renderer': resolve(__dirname, 'renderer/src') } },
    plugins: [vue()],
    // vue-i18n: composition API only; drops the legacy API and its feature-flag warning.
    define: { __VUE_I18N_FULL_INSTALL__: true, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } }
    }
  }
})
