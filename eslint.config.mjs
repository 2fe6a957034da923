// Lint, including the import boundaries from ARCHITECTURE.md:
// - src/ (core) never imports electron, vue or anything from electron/ or renderer/;
// - src/contract/ is platform-neutral (no node:*, no native modules) so all three sides can import it;
// - renderer/ imports only src/contract/ from the core, and nothing Node-only;
// - raw ipcMain/ipcRenderer appear only under electron/;
// - serialport, usb and node:* only under src/ and electron/main/ (and tests/tooling).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'

const NODE_ONLY = ['node:*', 'serialport', '@serialport/*', 'usb', 'ws', 'fs', 'path', 'child_process', 'net', 'http', 'os']
const UI_LIBS = ['vue', 'vue-i18n', 'pinia', '@vue/*']
const RAW_IPC = { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Raw IPC lives only under electron/.' }

function restrict({ paths = [], patterns = [] }) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] }
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } }
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off'
    }
  },
  // The bin shim is plain CommonJS that loads the built CLI.
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  // Everywhere outside electron/: no raw IPC.
  { files: ['**/*.{ts,mts,vue}'], ignores: ['electron/**'], rules: restrict({ paths: [RAW_IPC] }) },
  // The core.
  {
    files: ['src/**/*.ts'],
    rules: restrict({
      paths: [{ name: 'electron', message: 'The core never imports electron: it runs under plain Node too.' }],
      patterns: [
        { group: UI_LIBS, message: 'The core never imports UI libraries.' },
        { group: ['**/electron/**', '**/renderer/**'], message: 'The core never imports from electron/ or renderer/.' }
      ]
    })
  },
  // The contract: imported by the browser side, so it stays platform-neutral and self-contained.
  {
    files: ['src/contract/**/*.ts'],
    rules: restrict({
      paths: [{ name: 'electron', message: 'The contract is platform-neutral.' }],
      patterns: [
        { group: [...NODE_ONLY, ...UI_LIBS], message: 'The contract is imported by the renderer: keep it platform-neutral.' },
        { group: ['../*'], message: 'The contract does not import the rest of the core.' }
      ]
    })
  },
  // The renderer: browser code that talks to the core only through the contract.
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict({
      paths: [{ name: 'electron', message: 'The renderer never imports electron: it talks to the host through ApiClient.' }],
      patterns: [
        { group: NODE_ONLY, message: 'The renderer runs in a sandboxed browser: no Node modules.' },
        {
          group: ['**/src/**', '!**/src/contract', '!**/src/contract/**', '**/electron/**'],
          message: 'The renderer imports only src/contract (use @contract/...).'
        }
      ]
    })
  },
  // The preload: hands over the host port and nothing else.
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict({
      patterns: [
        { group: NODE_ONLY, message: 'The preload is sandboxed: no Node modules.' },
        { group: ['**/src/**', '**/renderer/**'], message: 'The preload carries no device or UI code.' }
      ]
    })
  },
  // Electron main: thin; it may use the contract's types but no device code.
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict({
      patterns: [
        { group: ['**/src/devices/**', '**/src/simulators/**', '**/src/host/**'], message: 'No device code in Electron main: it lives in the core host.' },
        { group: ['**/renderer/**'], message: 'Main does not import the renderer.' }
      ]
    })
  }
)
