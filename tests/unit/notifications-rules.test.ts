// The notification rules as a table: each kind fires once for its condition, signal loss has hysteresis,
// switched-off kinds stay quiet, and a flapping device or a burst is rate-limited.
import { describe, expect, it } from 'vitest'
import type { DeviceStatus, DeviceSummary } from '../../src/contract/model'
import type { AppSettings } from '../../src/contract/settings'
import type { DeviceChange } from '../../src/host/device-manager'
import { hostLocale, NOTIFICATION_TEXT, NotificationRules, notificationText, startNotificationHub, trayDevice } from '../../src/host/notifications'
import { DEFAULT_SETTINGS } from '../../src/host/settings-service'
import settingsEn from '../../renderer/src/i18n/settings-en'
import settingsJa from '../../renderer/src/i18n/settings-ja'

const GB = 1024 ** 3

function summary(state: DeviceSummary['state'] = 'ready', extra: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    id: 'dev-1',
    name: 'Pocket E5577',
    family: 'huawei-hilink',
    familyLabel: 'Huawei HiLink',
    demo: false,
    connection: { kind: 'http', baseUrl: 'http://127.0.0.1:1' },
    state,
    capabilities: [],
    ...extra
  }
}

function reading(patch: { bars?: number; reg?: DeviceStatus['registration']['state']; iccid?: string; used?: number; limit?: number } = {}): DeviceStatus {
  return {
    deviceId: 'dev-1',
    updatedAt: 0,
    identity: {},
    sim: { state: 'ready', iccid: patch.iccid ?? '8901260000000001234' },
    signal: { bars: patch.bars ?? 4, rat: 'lte' },
    registration: { state: patch.reg ?? 'home', operatorName: 'T-Mobile' },
    data: { state: 'connected' },
    usage: { monthTotalBytes: patch.used ?? 1 * GB, monthLimitBytes: patch.limit ?? 10 * GB }
  }
}

const updated = (status?: DeviceStatus, state: DeviceSummary['state'] = 'ready'): DeviceChange => ({
  kind: 'updated',
  device: summary(state),
  ...(status ? { status } : {})
})

function rules(notifications: Partial<AppSettings['notifications']> = {}, timing = {}) {
  const settings = { ...DEFAULT_SETTINGS.notifications, ...notifications }
  return new NotificationRules(() => settings, { sameKindIntervalMs: 0, ...timing })
}

const kinds = (list: Array<{ kind: string }>) => list.map((item) => item.kind)

describe('NotificationRules', () => {
  it('data low: fires once when less than the threshold is left, re-arms only well above it', () => {
    const engine = rules({ dataLowPercent: 10 })
    expect(engine.observe(updated(reading({ used: 8 * GB })), 1)).toEqual([])
    const fired = engine.observe(updated(reading({ used: 9.2 * GB })), 2)
    expect(kinds(fired)).toEqual(['dataLow'])
    expect(fired[0]?.params).toMatchObject({ device: 'Pocket E5577', percentLeft: 8, left: '819 MB', limit: '10 GB' })
    expect(fired[0]?.titleKey).toBe('notify.dataLow.title')
    expect(engine.observe(updated(reading({ used: 9.5 * GB })), 3)).toEqual([])
    // 12 % left is above the threshold but inside the hysteresis band: still no second notification.
    expect(engine.observe(updated(reading({ used: 8.8 * GB })), 4)).toEqual([])
    expect(engine.observe(updated(reading({ used: 9.6 * GB })), 5)).toEqual([])
    // A new billing cycle re-arms it.
    expect(engine.observe(updated(reading({ used: 0 })), 6)).toEqual([])
    expect(kinds(engine.observe(updated(reading({ used: 9.9 * GB })), 7))).toEqual(['dataLow'])
  })

  it('data low: nothing without a month limit', () => {
    const engine = rules()
    expect(engine.observe(updated(reading({ used: 50 * GB, limit: 0 })), 1)).toEqual([])
  })

  it('disconnected: once when a device that answered becomes unreachable, again only after it came back', () => {
    const engine = rules()
    expect(engine.observe({ kind: 'added', device: summary('connecting') }, 0)).toEqual([])
    // Never answered: not "disconnected".
    expect(engine.observe(updated(undefined, 'unreachable'), 1)).toEqual([])
    expect(engine.observe(updated(reading()), 2)).toEqual([])
    expect(kinds(engine.observe(updated(undefined, 'unreachable'), 3))).toEqual(['disconnected'])
    expect(engine.observe(updated(undefined, 'unreachable'), 4)).toEqual([])
    // Removed after it was already reported: no second notice.
    expect(engine.observe({ kind: 'removed', device: summary('unreachable') }, 5)).toEqual([])
  })

  it('disconnected: a real unit unplugged (removed) fires; a demo unit stopped by the user does not', () => {
    const engine = rules()
    engine.observe(updated(reading()), 1)
    expect(kinds(engine.observe({ kind: 'removed', device: summary() }, 2))).toEqual(['disconnected'])
    const demo = rules()
    demo.observe({ kind: 'updated', device: summary('ready', { demo: true }), status: reading() }, 1)
    expect(demo.observe({ kind: 'removed', device: summary('ready', { demo: true }) }, 2)).toEqual([])
  })

  it('SIM changed: only when a known ICCID changes, showing just its last four digits', () => {
    const engine = rules()
    expect(engine.observe(updated(reading({ iccid: '8981100000000000001' })), 1)).toEqual([])
    const fired = engine.observe(updated(reading({ iccid: '8981100000000009876' })), 2)
    expect(kinds(fired)).toEqual(['simChanged'])
    expect(fired[0]?.params).toEqual({ device: 'Pocket E5577', iccidTail: '9876' })
    expect(JSON.stringify(fired)).not.toContain('8981100000000009876')
    expect(engine.observe(updated(reading({ iccid: '8981100000000009876' })), 3)).toEqual([])
  })

  it('signal lost: after N s without service, with hysteresis so short dips and flaps stay quiet', () => {
    const engine = rules({}, { signalLostAfterMs: 30_000, signalBackAfterMs: 15_000 })
    expect(engine.observe(updated(reading({ bars: 0 })), 0)).toEqual([])
    expect(engine.observe(updated(reading({ bars: 0 })), 20_000)).toEqual([])
    // Back for a moment: the clock starts over.
    expect(engine.observe(updated(reading({ bars: 2 })), 25_000)).toEqual([])
    expect(engine.observe(updated(reading({ reg: 'searching', bars: 1 })), 26_000)).toEqual([])
    expect(engine.observe(updated(reading({ reg: 'searching', bars: 1 })), 50_000)).toEqual([])
    const fired = engine.observe(updated(reading({ bars: 0 })), 56_000)
    expect(kinds(fired)).toEqual(['signalLost'])
    expect(fired[0]?.params).toMatchObject({ seconds: 30 })
    // Flapping: good for less than signalBackAfterMs does not re-arm.
    expect(engine.observe(updated(reading({ bars: 3 })), 60_000)).toEqual([])
    expect(engine.observe(updated(reading({ bars: 0 })), 70_000)).toEqual([])
    expect(engine.observe(updated(reading({ bars: 0 })), 110_000)).toEqual([])
    // Good for long enough: the next real loss is reported again.
    engine.observe(updated(reading({ bars: 3 })), 120_000)
    engine.observe(updated(reading({ bars: 3 })), 136_000)
    engine.observe(updated(reading({ bars: 0 })), 140_000)
    expect(kinds(engine.observe(updated(reading({ bars: 0 })), 171_000))).toEqual(['signalLost'])
  })

  it('plan end: warns once per known date within the warning window', () => {
    const engine = rules()
    const at = Date.parse('2026-03-01T12:00:00Z')
    expect(engine.observePlanEnd(summary(), '2026-03-20', at)).toEqual([])
    expect(kinds(engine.observePlanEnd(summary(), '2026-03-03', at))).toEqual(['planExpiring'])
    expect(engine.observePlanEnd(summary(), '2026-03-03', at + 1000)).toEqual([])
    expect(engine.observePlanEnd(summary(), '2026-02-01', at)).toEqual([])
    expect(engine.observePlanEnd(summary(), 'not a date', at)).toEqual([])
  })

  it('switched-off kinds never fire (the condition is still tracked, so switching on does not replay it)', () => {
    const settings = { ...DEFAULT_SETTINGS.notifications, enabled: { ...DEFAULT_SETTINGS.notifications.enabled, simChanged: false } }
    const engine = new NotificationRules(() => settings, { sameKindIntervalMs: 0 })
    engine.observe(updated(reading({ iccid: '1111' })), 1)
    expect(engine.observe(updated(reading({ iccid: '2222' })), 2)).toEqual([])
    settings.enabled.simChanged = true
    expect(engine.observe(updated(reading({ iccid: '2222' })), 3)).toEqual([])
    expect(kinds(engine.observe(updated(reading({ iccid: '3333' })), 4))).toEqual(['simChanged'])
  })

  it('rate limit: a device that keeps dropping is reported once per interval; bursts are capped', () => {
    const engine = rules({}, { sameKindIntervalMs: 600_000 })
    engine.observe(updated(reading()), 0)
    expect(kinds(engine.observe(updated(undefined, 'unreachable'), 1000))).toEqual(['disconnected'])
    engine.observe(updated(reading()), 2000)
    expect(engine.observe(updated(undefined, 'unreachable'), 3000)).toEqual([])
    engine.observe(updated(reading()), 700_000)
    expect(kinds(engine.observe(updated(undefined, 'unreachable'), 700_001))).toEqual(['disconnected'])

    const burst = rules({}, { burstMax: 2, burstWindowMs: 60_000 })
    let fired = 0
    for (let i = 0; i < 5; i++) {
      const device = summary('ready', { id: `dev-${i}` })
      burst.observe({ kind: 'updated', device, status: reading({ iccid: 'a' }) }, i)
      fired += burst.observe({ kind: 'updated', device, status: reading({ iccid: `b${i}` }) }, i + 1).length
    }
    expect(fired).toBe(2)
  })
})

describe('notification text and tray lines', () => {
  it('renders the host text in English and Japanese with the parameters filled in', () => {
    const params = { device: 'E5577', percentLeft: 8, left: '819 MB', limit: '10.0 GB' }
    expect(notificationText('dataLow', params, 'en')).toEqual({
      title: 'Data running low',
      body: 'E5577: 8% of this month’s data left (819 MB of 10.0 GB).'
    })
    expect(notificationText('dataLow', params, 'ja').body).toContain('8%')
    expect(hostLocale('system', 'ja-JP')).toBe('ja')
    expect(hostLocale('system', 'de-DE')).toBe('en')
    expect(hostLocale('ja', 'en-US')).toBe('ja')
  })

  it('the host text is the renderer’s notify.* messages, so a toast and an OS notification say the same', () => {
    expect(NOTIFICATION_TEXT.en).toEqual(settingsEn.notify)
    expect(NOTIFICATION_TEXT.ja).toEqual(settingsJa.notify)
  })

  it('a tray line shows bars only while the device is ready', () => {
    expect(trayDevice(summary(), reading({ bars: 3 }))).toEqual({ id: 'dev-1', name: 'Pocket E5577', carrier: 'T-Mobile', bars: 3, state: 'ready' })
    expect(trayDevice(summary('unreachable'), reading({ bars: 3 })).bars).toBe(0)
  })

  it('the hub publishes notifications with host text and tells the desk about the tray once per change', () => {
    const listeners: Array<(change: DeviceChange) => void> = []
    let status: DeviceStatus | undefined
    const published: unknown[] = []
    const desk: Array<{ type: string }> = []
    const stop = startNotificationHub({
      manager: {
        onChange: (listener) => {
          listeners.push(listener)
          return () => listeners.splice(0)
        },
        list: () => [summary()],
        get: () => ({ status: () => status }) as never,
        isFocused: () => true
      },
      settings: () => ({ ...DEFAULT_SETTINGS, language: 'ja', privacy: { redactDiagnostics: true, historyRetentionDays: null } }),
      publish: (notification) => published.push(notification),
      desk: (message) => desk.push(message),
      now: () => 5
    })
    status = reading({ iccid: '1' })
    listeners[0]?.(updated(status))
    listeners[0]?.(updated(status))
    status = reading({ iccid: '2' })
    listeners[0]?.(updated(status))
    expect(published).toHaveLength(1)
    expect(published[0]).toMatchObject({ kind: 'simChanged', text: { title: 'SIM が変わりました' }, at: 5 })
    expect(desk.map((message) => message.type)).toEqual(['desk.tray', 'desk.tray', 'desk.notification'])
    expect(desk[1]).toMatchObject({ language: 'ja', focusedId: 'dev-1', devices: [{ bars: 4, carrier: 'T-Mobile' }] })
    stop()
    expect(listeners).toHaveLength(0)
  })
})
