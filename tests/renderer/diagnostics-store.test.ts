// The bundle's opt-ins start from Settings › Privacy: identifiers stay redacted unless the user turned
// redaction off there; message texts are always a per-bundle choice.
import type { AppSettings } from '@contract/settings'
import { describe, expect, it } from 'vitest'
import { useDiagnosticsStore } from '@renderer/stores/diagnostics'
import { useSettingsStore } from '@renderer/stores/settings'
import { FakeHostClient } from './support/fake-client'
import { createTestPinia } from './support/mount-app'

const settingsWith = (redactDiagnostics: boolean): AppSettings => ({
  language: 'system',
  polling: { foregroundSeconds: 1, backgroundSeconds: 10 },
  privacy: { redactDiagnostics, historyRetentionDays: 30 },
  notifications: {
    enabled: { dataLow: true, planExpiring: true, disconnected: true, simChanged: true, signalLost: true },
    dataLowPercent: 10
  }
})

describe('diagnostics opt-ins', () => {
  it.each([
    [true, false],
    [false, true]
  ])('with redaction %s in settings, identifiers start included = %s; SMS text never', async (redact, identifiers) => {
    const client = new FakeHostClient().handle('settings.get', () => ({ settings: settingsWith(redact) }))
    createTestPinia(client)
    await useSettingsStore().load()
    const state = useDiagnosticsStore().stateOf('dev-1')
    expect(state.include).toEqual({ identifiers, smsText: false })
  })

  it('keeps identifiers out before the host has answered', () => {
    createTestPinia(new FakeHostClient())
    expect(useDiagnosticsStore().stateOf('dev-1').include).toEqual({ identifiers: false, smsText: false })
  })
})
