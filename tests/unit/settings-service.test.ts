// settings.json: defaults, partial changes saved atomically, a broken or newer file set aside with a
// warning, bounds enforced by the contract, polling applied live, retention through the history store,
// and the credentials handlers that never show a password.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { methods } from '../../src/contract/methods'
import { createSettingsHandlers } from '../../src/host/settings-handlers'
import { DEFAULT_SETTINGS, SETTINGS_FILE, SettingsService } from '../../src/host/settings-service'
import type { ClientContext } from '../../src/host/contract-server'
import type { SecretStore } from '../../src/host/secrets/secret-store'

const dir = () => mkdtempSync(join(tmpdir(), 'hd-settings-'))
const client = {} as ClientContext

function memoryRetention(initial = 30) {
  let days = initial
  return { get: () => days, set: vi.fn((value: number) => void (days = value)) }
}

describe('SettingsService', () => {
  it('starts from the defaults: redaction on, every notification on, 10 % data-low threshold', () => {
    const service = new SettingsService({ dataDir: dir() })
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, privacy: { redactDiagnostics: true, historyRetentionDays: null } })
    expect(service.get().polling).toEqual({ foregroundSeconds: 1, backgroundSeconds: 10 })
    expect(service.warning).toBeUndefined()
  })

  it('applies a partial change, keeps the rest, and saves it for the next start (schema-versioned)', async () => {
    const dataDir = dir()
    const service = new SettingsService({ dataDir })
    const seen: unknown[] = []
    service.onChange((settings) => seen.push(settings))
    await service.set({ language: 'ja', notifications: { enabled: { signalLost: false } } })
    await service.set({ notifications: { dataLowPercent: 20 } })
    const settings = service.get()
    expect(settings.language).toBe('ja')
    expect(settings.notifications.enabled).toEqual({ ...DEFAULT_SETTINGS.notifications.enabled, signalLost: false })
    expect(settings.notifications.dataLowPercent).toBe(20)
    expect(seen).toHaveLength(2)
    const file = JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8')) as { schemaVersion: number }
    expect(file.schemaVersion).toBe(1)
    // No temp file left behind by the atomic write.
    expect(readdirSync(dataDir)).toEqual([SETTINGS_FILE])
    expect(new SettingsService({ dataDir }).get()).toEqual(settings)
  })

  it('applies polling rates to the device manager at start (when saved) and on every change', async () => {
    const dataDir = dir()
    const applyPolling = vi.fn()
    const first = new SettingsService({ dataDir, applyPolling })
    expect(applyPolling).not.toHaveBeenCalled()
    await first.set({ polling: { foregroundSeconds: 2, backgroundSeconds: 120 } })
    expect(applyPolling).toHaveBeenLastCalledWith({ focusedMs: 2000, backgroundMs: 120_000 })
    const again = vi.fn()
    new SettingsService({ dataDir, applyPolling: again })
    expect(again).toHaveBeenCalledWith({ focusedMs: 2000, backgroundMs: 120_000 })
  })

  it('refuses an on-screen interval slower than the background one, and changes nothing', async () => {
    const service = new SettingsService({ dataDir: dir() })
    await expect(service.set({ polling: { foregroundSeconds: 30, backgroundSeconds: 10 } })).rejects.toMatchObject({ code: 'BAD_INPUT' })
    expect(service.get().polling).toEqual(DEFAULT_SETTINGS.polling)
  })

  it('reads and writes retention through the history store; refuses it when history is off', async () => {
    const retention = memoryRetention(30)
    const service = new SettingsService({ dataDir: dir(), retention })
    expect(service.get().privacy.historyRetentionDays).toBe(30)
    await service.set({ privacy: { historyRetentionDays: 90 } })
    expect(retention.set).toHaveBeenCalledWith(90)
    expect(service.get().privacy.historyRetentionDays).toBe(90)
    await expect(new SettingsService({ dataDir: dir() }).set({ privacy: { historyRetentionDays: 5 } })).rejects.toMatchObject({
      code: 'UNSUPPORTED'
    })
  })

  it.each([
    ['not JSON', '{"schemaVersion": 1, "settings": {'],
    ['a value out of range', JSON.stringify({ schemaVersion: 1, settings: { polling: { foregroundSeconds: 0 } } })],
    ['a newer schema', JSON.stringify({ schemaVersion: 99, settings: {} })],
    ['no version', JSON.stringify({ settings: { language: 'ja' } })]
  ])('a broken file (%s) → defaults, a clear warning, and the file kept aside', (_label, text) => {
    const dataDir = dir()
    writeFileSync(join(dataDir, SETTINGS_FILE), text)
    const log = vi.fn()
    const service = new SettingsService({ dataDir, log })
    expect(service.get().language).toBe('system')
    expect(service.warning).toMatch(/default settings are in use/)
    expect(service.warning).toMatch(/kept as .*settings\.json\.broken-\d+/)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('default settings'))
    expect(existsSync(join(dataDir, SETTINGS_FILE))).toBe(false)
    expect(readdirSync(dataDir).some((name) => name.startsWith(`${SETTINGS_FILE}.broken-`))).toBe(true)
  })
})

describe('settings.set bounds (contract)', () => {
  const params = methods['settings.set'].params
  it.each([
    [{ polling: { foregroundSeconds: 0 } }, false],
    [{ polling: { foregroundSeconds: 61 } }, false],
    [{ polling: { backgroundSeconds: 4 } }, false],
    [{ polling: { backgroundSeconds: 3601 } }, false],
    [{ polling: { foregroundSeconds: 1.5 } }, false],
    [{ privacy: { historyRetentionDays: 0 } }, false],
    [{ privacy: { historyRetentionDays: 3651 } }, false],
    [{ notifications: { dataLowPercent: 0 } }, false],
    [{ notifications: { dataLowPercent: 51 } }, false],
    [{ notifications: { enabled: { bogus: true } } }, false],
    [{ language: 'fr' }, false],
    [{ theme: 'dark' }, false],
    [{ polling: { foregroundSeconds: 60, backgroundSeconds: 3600 } }, true],
    [{ notifications: { enabled: { dataLow: false } }, privacy: { redactDiagnostics: false } }, true],
    [{}, true]
  ])('%j → valid: %s', (patch, valid) => {
    expect(params.safeParse(patch).success).toBe(valid)
  })
})

describe('credentials handlers', () => {
  function fakeSecrets(accounts: string[]): SecretStore {
    const stored = new Set(accounts)
    return {
      kind: 'key file',
      getCredentials: () => Promise.reject(new Error('list must never read a password')),
      setCredentials: () => Promise.resolve(),
      forget: (account) => Promise.resolve(stored.delete(account)),
      accounts: () => Promise.resolve([...stored].sort())
    }
  }

  it('lists device accounts without passwords and forgets one', async () => {
    const secrets = fakeSecrets(['device:demo-hotspot', 'device:usb-1', 'other:thing'])
    const handlers = createSettingsHandlers({
      settings: new SettingsService({}),
      secrets,
      manager: { list: () => [{ id: 'demo-hotspot', name: 'Demo E5577' }] as never }
    })
    const listed = await handlers['credentials.list']({}, client)
    expect(listed).toEqual({
      storage: 'key file',
      credentials: [
        { account: 'device:demo-hotspot', deviceId: 'demo-hotspot', deviceName: 'Demo E5577', connected: true },
        { account: 'device:usb-1', deviceId: 'usb-1', connected: false }
      ]
    })
    expect(JSON.stringify(listed)).not.toMatch(/password/i)
    expect(await handlers['credentials.forget']({ account: 'device:usb-1' }, client)).toEqual({ forgotten: true })
    expect(await handlers['credentials.forget']({ account: 'device:usb-1' }, client)).toEqual({ forgotten: false })
    await expect(handlers['credentials.forget']({ account: 'other:thing' }, client)).rejects.toMatchObject({ code: 'BAD_INPUT' })
  })

  it('says UNSUPPORTED when the host keeps no settings, and lists nothing without a secret store', async () => {
    await expect(Promise.resolve().then(() => createSettingsHandlers()['settings.get']({}, client))).rejects.toMatchObject({
      code: 'UNSUPPORTED'
    })
    const handlers = createSettingsHandlers({ settings: new SettingsService({}), secrets: undefined, manager: { list: () => [] } })
    expect(await handlers['credentials.list']({}, client)).toEqual({ storage: null, credentials: [] })
    await expect(handlers['credentials.forget']({ account: 'device:x' }, client)).rejects.toMatchObject({ code: 'UNSUPPORTED' })
  })

  it('settings.get carries the broken-file warning', async () => {
    const dataDir = dir()
    writeFileSync(join(dataDir, SETTINGS_FILE), 'nope')
    const handlers = createSettingsHandlers({ settings: new SettingsService({ dataDir }), secrets: undefined, manager: { list: () => [] } })
    const result = await handlers['settings.get']({}, client)
    expect(result.warning).toMatch(/not valid JSON/)
  })
})
