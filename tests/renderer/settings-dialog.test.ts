// The settings store and dialog against a fake host: load, language kept host-side, polling applied with
// client-side bounds, privacy and notification switches saved as partial changes, settings.changed from
// another window, and a remembered password forgotten after a confirmation.
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ContractError } from '@contract/errors'
import type { AppSettings, SettingsPatch } from '@contract/settings'
import { DATA_LOW_BOUNDS, NOTIFICATION_KINDS, POLLING_BOUNDS, RETENTION_BOUNDS } from '../../src/contract/settings'
import SettingsDialog from '@renderer/components/SettingsDialog.vue'
import { NOTIFICATION_KIND_ORDER, SETTINGS_BOUNDS, SETTINGS_STORAGE_KEY, useSettingsStore } from '@renderer/stores/settings'
import { FakeHostClient } from './support/fake-client'
import { createTestPinia, flush, mountOptions, settle } from './support/mount-app'

const DEFAULTS: AppSettings = {
  language: 'system',
  polling: { foregroundSeconds: 1, backgroundSeconds: 10 },
  privacy: { redactDiagnostics: true, historyRetentionDays: 30 },
  notifications: {
    enabled: { dataLow: true, planExpiring: true, disconnected: true, simChanged: true, signalLost: true },
    dataLowPercent: 10
  }
}

/** A fake host that keeps settings like the real one: partial merges, remembered accounts. */
function fakeHost(initial: AppSettings = DEFAULTS) {
  let current = structuredClone(initial)
  let accounts = ['device:demo-hotspot', 'device:usb-1']
  const client = new FakeHostClient()
    .handle('settings.get', () => ({ settings: current }))
    .handle('settings.set', (patch: SettingsPatch) => {
      current = {
        language: patch.language ?? current.language,
        polling: { ...current.polling, ...patch.polling },
        privacy: { ...current.privacy, ...patch.privacy },
        notifications: {
          enabled: { ...current.notifications.enabled, ...patch.notifications?.enabled },
          dataLowPercent: patch.notifications?.dataLowPercent ?? current.notifications.dataLowPercent
        }
      } as AppSettings
      return { settings: current }
    })
    .handle('credentials.list', () => ({
      storage: 'key file',
      credentials: accounts.map((account) => {
        const deviceId = account.slice('device:'.length)
        return deviceId === 'demo-hotspot'
          ? { account, deviceId, deviceName: 'Demo E5577', connected: true }
          : { account, deviceId, connected: false }
      })
    }))
    .handle('credentials.forget', ({ account }) => {
      const had = accounts.includes(account)
      accounts = accounts.filter((item) => item !== account)
      return { forgotten: had }
    })
  return { client, current: () => current }
}

describe('settings bounds stay in step with the host', () => {
  it('the renderer copy of the bounds equals the contract', () => {
    expect(SETTINGS_BOUNDS).toEqual({
      foregroundSeconds: POLLING_BOUNDS.foregroundSeconds,
      backgroundSeconds: POLLING_BOUNDS.backgroundSeconds,
      retentionDays: RETENTION_BOUNDS,
      dataLowPercent: DATA_LOW_BOUNDS
    })
    expect([...NOTIFICATION_KIND_ORDER].sort()).toEqual([...NOTIFICATION_KINDS].sort())
  })
})

describe('settings store', () => {
  beforeEach(() => localStorage.clear())

  it('loads the host settings and adopts the host language (kept in localStorage for the first paint)', async () => {
    const { client } = fakeHost({ ...DEFAULTS, language: 'ja' })
    createTestPinia(client)
    const store = useSettingsStore()
    store.start()
    await flush()
    expect(store.hostStatus).toBe('ready')
    expect(store.host?.polling.backgroundSeconds).toBe(10)
    expect(store.resolvedLocale).toBe('ja')
    expect(JSON.parse(localStorage.getItem(SETTINGS_STORAGE_KEY) ?? '{}')).toMatchObject({ locale: 'ja' })
    store.stop()
  })

  it('sends a language change to the host and follows settings.changed from another window', async () => {
    const { client } = fakeHost()
    createTestPinia(client)
    const store = useSettingsStore()
    store.start()
    await flush()
    store.setLocale('en')
    await flush()
    expect(client.callsTo('settings.set')).toEqual([{ language: 'en' }])
    client.emit('settings.changed', { ...DEFAULTS, language: 'ja', polling: { foregroundSeconds: 3, backgroundSeconds: 30 } })
    expect(store.locale).toBe('ja')
    expect(store.host?.polling.foregroundSeconds).toBe(3)
    store.stop()
    expect(client.listenerCount('settings.changed')).toBe(0)
  })

  it('keeps working on local preferences when the host has no settings', async () => {
    const client = new FakeHostClient().handle('settings.get', () => Promise.reject(new ContractError('UNSUPPORTED', 'Settings are off in this host.')))
    createTestPinia(client)
    const store = useSettingsStore()
    store.start()
    await flush()
    expect(store.hostStatus).toBe('error')
    expect(store.hostError?.code).toBe('UNSUPPORTED')
    store.setTheme('dark')
    expect(store.theme).toBe('dark')
    expect(client.callsTo('settings.set')).toEqual([])
  })
})

describe('SettingsDialog', () => {
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => localStorage.clear())
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  async function open(client: FakeHostClient, locale: 'en' | 'ja' = 'en'): Promise<VueWrapper> {
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(SettingsDialog, { ...setup.options, props: { open: true, 'onUpdate:open': () => undefined } })
    await settle()
    return wrapper
  }

  it('shows every section with the host values', async () => {
    const { client } = fakeHost()
    const dialog = await open(client)
    expect((dialog.get('[data-testid="poll-foreground"]').element as HTMLInputElement).value).toBe('1')
    expect((dialog.get('[data-testid="poll-background"]').element as HTMLInputElement).value).toBe('10')
    expect((dialog.get('[data-testid="retention-days"]').element as HTMLInputElement).value).toBe('30')
    expect((dialog.get('[data-testid="redact-diagnostics"]').element as HTMLInputElement).checked).toBe(true)
    for (const kind of NOTIFICATION_KIND_ORDER) {
      expect((dialog.get(`[data-testid="notify-${kind}"]`).element as HTMLInputElement).checked).toBe(true)
    }
    const items = dialog.findAll('[data-testid="credential"]')
    expect(items.map((item) => item.text())).toEqual([
      expect.stringContaining('Demo E5577'),
      expect.stringContaining('usb-1')
    ])
    expect(dialog.text()).not.toMatch(/password:/i)
  })

  it('applies polling within bounds, and refuses bad values without asking the host', async () => {
    const { client, current } = fakeHost()
    const dialog = await open(client)
    await dialog.get('[data-testid="poll-foreground"]').setValue('0')
    await dialog.get('[data-testid="poll-apply"]').trigger('click')
    await flush()
    expect(client.callsTo('settings.set')).toEqual([])
    expect(dialog.get('[data-testid="poll-foreground"]').attributes('aria-invalid')).toBe('true')
    await dialog.get('[data-testid="poll-foreground"]').setValue('20')
    await dialog.get('[data-testid="poll-background"]').setValue('10')
    await dialog.get('[data-testid="poll-apply"]').trigger('click')
    await flush()
    expect(client.callsTo('settings.set')).toEqual([])
    await dialog.get('[data-testid="poll-foreground"]').setValue('2')
    await dialog.get('[data-testid="poll-background"]').setValue('60')
    await dialog.get('[data-testid="poll-apply"]').trigger('click')
    await flush()
    expect(client.callsTo('settings.set')).toEqual([{ polling: { foregroundSeconds: 2, backgroundSeconds: 60 } }])
    expect(current().polling).toEqual({ foregroundSeconds: 2, backgroundSeconds: 60 })
    expect(dialog.get('[data-testid="poll-foreground"]').attributes('aria-invalid')).toBeUndefined()
  })

  it('saves privacy and notification switches as partial changes', async () => {
    const { client, current } = fakeHost()
    const dialog = await open(client)
    await dialog.get('[data-testid="redact-diagnostics"]').setValue(false)
    await dialog.get('[data-testid="notify-signalLost"]').setValue(false)
    await dialog.get('[data-testid="retention-days"]').setValue('90')
    await dialog.get('[data-testid="data-low-percent"]').setValue('25')
    await flush()
    expect(client.callsTo('settings.set')).toEqual([
      { privacy: { redactDiagnostics: false } },
      { notifications: { enabled: { signalLost: false } } },
      { privacy: { historyRetentionDays: 90 } },
      { notifications: { dataLowPercent: 25 } }
    ])
    expect(current().notifications.enabled.signalLost).toBe(false)
    expect(current().privacy).toEqual({ redactDiagnostics: false, historyRetentionDays: 90 })
  })

  it('shows the host’s save error beside the fields', async () => {
    const { client } = fakeHost()
    client.handle('settings.set', () => Promise.reject(new ContractError('INTERNAL', 'Could not save settings.json: EACCES')))
    const dialog = await open(client)
    await dialog.get('[data-testid="redact-diagnostics"]').setValue(false)
    await settle()
    expect(dialog.get('[data-testid="settings-save-error"]').text()).toContain('The change was not saved.')
  })

  it('forgets a remembered password only after the confirmation', async () => {
    const { client } = fakeHost()
    const dialog = await open(client, 'ja')
    expect(dialog.get('[data-testid="settings-credentials"]').text()).toContain('データフォルダーの鍵ファイル')
    const forget = dialog.findAll('[data-testid="credential-forget"]')[1]
    expect(forget?.attributes('aria-label')).toBe('usb-1 のパスワードを削除')
    await forget?.trigger('click')
    await flush()
    expect(client.callsTo('credentials.forget')).toEqual([])
    const confirm = dialog.get('[data-testid="credential-forget-confirm"]')
    expect(confirm.text()).toContain('usb-1')
    await dialog.get('[data-testid="confirm-accept"]').trigger('click')
    await settle()
    expect(client.callsTo('credentials.forget')).toEqual([{ account: 'device:usb-1' }])
    expect(dialog.findAll('[data-testid="credential"]')).toHaveLength(1)
  })

  it('says when the host could not read its settings file', async () => {
    const { client } = fakeHost()
    client.handle('settings.get', () => ({ settings: DEFAULTS, warning: 'settings.json is not valid JSON.' }))
    const dialog = await open(client)
    expect(dialog.get('[data-testid="settings-host-warning"]').text()).toContain('settings.json is not valid JSON.')
  })
})
