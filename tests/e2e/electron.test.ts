// The packaged-layout desktop app under Playwright's Electron driver: out/main/index.js launched by a
// real Electron binary. Runs wherever that binary exists (and, on Linux, a display such as xvfb-run);
// skips with one line saying why everywhere else. Never require('electron') here: without a binary
// the package tries to download one.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const mainScript = join(root, 'out', 'main', 'index.js')

type Launchable = { binary: string; reason?: undefined } | { binary?: undefined; reason: string }

/** Finds the Electron executable the way node_modules/electron/index.js does, minus the download. */
function findElectron(): Launchable {
  const packageDir = join(root, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return { reason: 'no Electron binary installed (node_modules/electron/path.txt is missing)' }
  }
  const executable = readFileSync(pathFile, 'utf8').trim()
  const binary = join(packageDir, 'dist', executable)
  if (executable === '' || !existsSync(binary)) {
    return { reason: `no Electron binary at node_modules/electron/dist/${executable}` }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display for Electron (run the e2e project under xvfb-run)' }
  }
  return { binary }
}

const electron = findElectron()
if (electron.reason !== undefined) console.info(`Electron e2e skipped: ${electron.reason}`)

describe.skipIf(electron.reason !== undefined)(
  `Hotspot Desk desktop app${electron.reason === undefined ? '' : ` (skipped: ${electron.reason})`}`,
  () => {
    let app: ElectronApplication
    let page: Page

    beforeAll(async () => {
      expect(existsSync(mainScript), `${mainScript} is missing: run "npm run build" first`).toBe(true)
      // Production behaviour: the app:// renderer, a real window, and the demo hotspot.
      const unset = new Set(['ELECTRON_RENDERER_URL', 'ELECTRON_RUN_AS_NODE', 'HOTSPOT_DESK_NO_DEMO'])
      const env = Object.fromEntries(
        Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !unset.has(entry[0]))
      )
      app = await _electron.launch({ executablePath: electron.binary, args: [mainScript], env, cwd: root })
      page = await app.firstWindow()
      await page.waitForLoadState('load')
    })

    afterAll(async () => {
      await app?.close()
    })

    it('loads the renderer from the app protocol and shows the window', async () => {
      expect(page.url()).toMatch(/^app:\/\/hotspot-desk\/index\.html(#.*)?$/)
      await expect
        .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible() ?? false))
        .toBe(true)
      await expect.poll(async () => ((await page.textContent('body')) ?? '').trim(), { timeout: 20_000 }).not.toBe('')
    })

    it('hands the renderer a working port to the core host (the demo device shows up)', async () => {
      // preload → main → utilityProcess host → port → renderer: the demo hotspot's number proves every hop.
      const msisdn = page.getByTestId('msisdn')
      await msisdn.waitFor({ timeout: 30_000 })
      await expect.poll(async () => (await msisdn.textContent()) ?? '', { timeout: 20_000 }).toMatch(/\d{3}.*\d{4}/)
    })

    it('serves the page with the strict CSP header', async () => {
      const csp = await page.evaluate<string | null>(
        "fetch('/index.html').then((response) => response.headers.get('content-security-policy'))"
      )
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("object-src 'none'")
    })

    it('gives the page no Node, no Electron API and no new windows', async () => {
      // String expressions: this file is type-checked without the DOM library.
      expect(await page.evaluate<string>('typeof require')).toBe('undefined')
      expect(await page.evaluate<string>('typeof process')).toBe('undefined')
      expect(await page.evaluate<string>('typeof ipcRenderer')).toBe('undefined')
      expect(await page.evaluate<boolean>("window.open('file:///etc/passwd') === null")).toBe(true)
      expect(await page.evaluate<boolean>("window.open('app://hotspot-desk/index.html') === null")).toBe(true)
      expect(app.windows()).toHaveLength(1)
    })

    it('refuses to navigate the main window off the app origin', async () => {
      await page.evaluate("window.location.href = 'https://example.invalid/'")
      await page.waitForTimeout(500)
      expect(page.url()).toMatch(/^app:\/\/hotspot-desk\//)
    })
  }
)
