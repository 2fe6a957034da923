// openExternalSafely is the only door from the app to the OS URL handler: only plain http(s) URLs
// without credentials may pass (Electron security checklist item 15).
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const openExternal = vi.hoisted(() => vi.fn<(url: string, options?: unknown) => Promise<void>>())
vi.mock('electron', () => ({ shell: { openExternal } }))

const { isSafeExternalUrl, openExternalSafely, toSafeExternalUrl } = await import('../../electron/main/external-links')

beforeEach(() => {
  openExternal.mockReset()
  openExternal.mockResolvedValue(undefined)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

describe('toSafeExternalUrl', () => {
  it.each([
    ['https://example.com', 'https://example.com/'],
    ['http://example.com/path?q=1#x', 'http://example.com/path?q=1#x'],
    ['HTTPS://My.Carrier.Example/Plan', 'https://my.carrier.example/Plan']
  ])('accepts %s as %s', (input, normalized) => {
    expect(toSafeExternalUrl(input)).toBe(normalized)
  })

  it.each([
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://attacker.example/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/etc/passwd',
    'app://hotspot-desk/index.html',
    'ftp://example.com/',
    'https://user:secret@example.com/',
    'https://user@example.com/',
    'http://:pw@example.com/',
    'not a url',
    '//example.com/',
    ''
  ])('refuses %s', (input) => {
    expect(toSafeExternalUrl(input)).toBeNull()
    expect(isSafeExternalUrl(input)).toBe(false)
  })
})

describe('openExternalSafely', () => {
  it('opens a safe URL through shell.openExternal, normalized', async () => {
    await expect(openExternalSafely('HTTPS://example.com')).resolves.toBe(true)
    expect(openExternal).toHaveBeenCalledTimes(1)
    expect(openExternal.mock.calls[0]?.[0]).toBe('https://example.com/')
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://x/y', 'https://a:b@example.com/'])(
    'never hands %s to the shell',
    async (url) => {
      await expect(openExternalSafely(url)).resolves.toBe(false)
      expect(openExternal).not.toHaveBeenCalled()
    }
  )

  it('does not log the refused URL itself (it may carry credentials)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await openExternalSafely('https://alice:hunter2@example.com/')
    expect(warn.mock.calls.flat().join(' ')).not.toContain('hunter2')
  })

  it('reports false when the OS fails to open the URL', async () => {
    openExternal.mockRejectedValueOnce(new Error('no handler'))
    await expect(openExternalSafely('https://example.com/')).resolves.toBe(false)
  })
})

describe('electron/ sources', () => {
  it('call shell.openExternal only from external-links.ts', () => {
    // A member access (`shell.openExternal`) or a destructuring (`{ openExternal } = shell`).
    const callsOpenExternal = /\.\s*openExternal\b|\{[^}]*\bopenExternal\b[^}]*\}\s*=\s*shell/
    const root = resolve(import.meta.dirname, '../../electron')
    const offenders: string[] = []
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        else if (/\.(ts|mts|js)$/.test(entry.name) && callsOpenExternal.test(readFileSync(path, 'utf8'))) {
          offenders.push(relative(root, path))
        }
      }
    }
    walk(root)
    expect(offenders).toEqual([join('main', 'external-links.ts')])
  })
})
