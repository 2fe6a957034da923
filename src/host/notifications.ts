// Notifications from device readings: a pure rules engine (NotificationRules) that turns device.changed
// payloads into at most one notification per condition, with hysteresis where readings flap, switches
// per kind and a rate limit; plus the host text in English and Japanese (OS notifications are shown by
// Electron main, which has no i18n of its own) and what the tray shows. Time comes from the caller, so
// the rules are table-testable.
import { randomUUID } from 'node:crypto'
import type { DeviceStatus, DeviceSummary } from '../contract/model'
import type { AppSettings, HostNotification, HostToMainDeskMessage, NotificationKind, TrayDevice } from '../contract/settings'
import type { DeviceChange, DeviceManager } from './device-manager'

export type NotificationParams = Record<string, string | number>

export interface RulesTiming {
  /** No usable signal for this long before "signal lost" (short dips while moving are normal). */
  signalLostAfterMs: number
  /** Good signal for this long before "signal lost" may fire again. */
  signalBackAfterMs: number
  /** The same kind for the same device at most once in this window (a device that keeps dropping). */
  sameKindIntervalMs: number
  /** At most `burstMax` notifications in `burstWindowMs` over all devices. */
  burstMax: number
  burstWindowMs: number
  /** Warn this long before a known plan or pass end date. */
  planWarnMs: number
}

export const DEFAULT_RULES_TIMING: RulesTiming = {
  signalLostAfterMs: 30_000,
  signalBackAfterMs: 15_000,
  sameKindIntervalMs: 10 * 60_000,
  burstMax: 5,
  burstWindowMs: 60_000,
  planWarnMs: 3 * 24 * 3600_000
}

/** "Data low" re-arms only once this many percentage points above the threshold (a new cycle, a top-up). */
const DATA_LOW_REARM_POINTS = 5
const NO_SERVICE = new Set(['not-registered', 'searching', 'denied'])

interface DeviceMemory {
  name: string
  state: string | undefined
  iccid: string | undefined
  badSignalSince: number | undefined
  goodSignalSince: number | undefined
  signalLost: boolean
  dataLow: boolean
  disconnected: boolean
  /** It answered at least once: a unit that never did was not "disconnected". */
  seenReady: boolean
  planWarned: Set<string>
}

export type NotificationDraft = Omit<HostNotification, 'id' | 'text'>

export class NotificationRules {
  private readonly devices = new Map<string, DeviceMemory>()
  private readonly lastByKey = new Map<string, number>()
  private recent: number[] = []
  private readonly timing: RulesTiming

  constructor(
    private readonly settings: () => AppSettings['notifications'],
    timing: Partial<RulesTiming> = {}
  ) {
    this.timing = { ...DEFAULT_RULES_TIMING, ...timing }
  }

  /** Feed every device.changed payload; returns what to tell the user now. */
  observe(change: DeviceChange, at: number): NotificationDraft[] {
    const { device } = change
    if (change.kind === 'removed') {
      const memory = this.devices.get(device.id)
      this.devices.delete(device.id)
      // Demo units leave only when the user stops the demo; a real unit leaves when it is unplugged.
      if (device.demo || memory?.disconnected || !memory?.seenReady) return []
      return this.emit([draft('disconnected', device.id, at, { device: device.name })], at)
    }
    const memory = this.memory(device)
    const found: NotificationDraft[] = [...this.stateRules(memory, device, at)]
    if (change.status) found.push(...this.readingRules(memory, device, change.status, at))
    return this.emit(found, at)
  }

  /** A plan or pass end date learned from the carrier (YYYY-MM-DD). Warns once per date. */
  observePlanEnd(device: Pick<DeviceSummary, 'id' | 'name'>, isoDate: string, at: number): NotificationDraft[] {
    const end = Date.parse(`${isoDate}T23:59:59Z`)
    if (!Number.isFinite(end) || end < at || end - at > this.timing.planWarnMs) return []
    const memory = this.memory(device)
    if (memory.planWarned.has(isoDate)) return []
    memory.planWarned.add(isoDate)
    return this.emit([draft('planExpiring', device.id, at, { device: device.name, date: isoDate })], at)
  }

  private memory(device: Pick<DeviceSummary, 'id' | 'name'>): DeviceMemory {
    let memory = this.devices.get(device.id)
    if (!memory) {
      memory = {
        name: device.name,
        state: undefined,
        iccid: undefined,
        badSignalSince: undefined,
        goodSignalSince: undefined,
        signalLost: false,
        dataLow: false,
        disconnected: false,
        seenReady: false,
        planWarned: new Set()
      }
      this.devices.set(device.id, memory)
    }
    memory.name = device.name
    return memory
  }

  private stateRules(memory: DeviceMemory, device: DeviceSummary, at: number): NotificationDraft[] {
    const before = memory.state
    memory.state = device.state
    if (device.state === 'ready') {
      memory.disconnected = false
      memory.seenReady = true
    }
    if (device.state !== 'unreachable' || memory.disconnected || !memory.seenReady || before === 'unreachable') return []
    memory.disconnected = true
    // Without signal readings there is nothing to lose or regain; start over when it answers.
    memory.badSignalSince = undefined
    memory.goodSignalSince = undefined
    return [draft('disconnected', device.id, at, { device: device.name })]
  }

  private readingRules(memory: DeviceMemory, device: DeviceSummary, status: DeviceStatus, at: number): NotificationDraft[] {
    const found: NotificationDraft[] = []
    const iccid = status.sim.iccid
    if (iccid !== undefined && iccid !== '') {
      if (memory.iccid !== undefined && memory.iccid !== iccid) {
        found.push(draft('simChanged', device.id, at, { device: device.name, iccidTail: iccid.slice(-4) }))
        // A new SIM is a new plan: its data and signal start from scratch.
        memory.dataLow = false
        memory.signalLost = false
      }
      memory.iccid = iccid
    }

    const bad = status.signal.bars === 0 || NO_SERVICE.has(status.registration.state)
    if (bad) {
      memory.goodSignalSince = undefined
      memory.badSignalSince ??= at
      const lostFor = at - memory.badSignalSince
      if (!memory.signalLost && lostFor >= this.timing.signalLostAfterMs) {
        memory.signalLost = true
        found.push(draft('signalLost', device.id, at, { device: device.name, seconds: Math.round(lostFor / 1000) }))
      }
    } else {
      memory.badSignalSince = undefined
      memory.goodSignalSince ??= at
      if (memory.signalLost && at - memory.goodSignalSince >= this.timing.signalBackAfterMs) memory.signalLost = false
    }

    const usage = monthUsage(status)
    if (usage) {
      const threshold = this.settings().dataLowPercent
      const percentLeft = Math.max(0, ((usage.limit - usage.used) / usage.limit) * 100)
      if (!memory.dataLow && percentLeft <= threshold) {
        memory.dataLow = true
        found.push(
          draft('dataLow', device.id, at, {
            device: device.name,
            percentLeft: Math.round(percentLeft),
            left: formatBytes(Math.max(0, usage.limit - usage.used)),
            limit: formatBytes(usage.limit)
          })
        )
      } else if (memory.dataLow && percentLeft > threshold + DATA_LOW_REARM_POINTS) {
        memory.dataLow = false
      }
    }
    return found
  }

  /** Drops what the user switched off, what was said too recently, and a burst beyond the cap. */
  private emit(found: NotificationDraft[], at: number): NotificationDraft[] {
    const enabled = this.settings().enabled
    this.recent = this.recent.filter((time) => at - time < this.timing.burstWindowMs)
    const out: NotificationDraft[] = []
    for (const item of found) {
      if (!enabled[item.kind]) continue
      const key = `${item.deviceId}\u0000${item.kind}`
      const last = this.lastByKey.get(key)
      if (last !== undefined && at - last < this.timing.sameKindIntervalMs) continue
      if (this.recent.length >= this.timing.burstMax) continue
      this.lastByKey.set(key, at)
      this.recent.push(at)
      out.push(item)
    }
    return out
  }
}

function draft(kind: NotificationKind, deviceId: string, at: number, params: NotificationParams): NotificationDraft {
  return { kind, deviceId, titleKey: `notify.${kind}.title`, bodyKey: `notify.${kind}.body`, params, at }
}

function monthUsage(status: DeviceStatus): { used: number; limit: number } | undefined {
  const { usage } = status
  const limit = usage.monthLimitBytes
  if (limit === undefined || limit <= 0) return undefined
  const used =
    usage.monthTotalBytes ??
    (usage.monthUploadBytes !== undefined && usage.monthDownloadBytes !== undefined
      ? usage.monthUploadBytes + usage.monthDownloadBytes
      : undefined)
  return used === undefined ? undefined : { used, limit }
}

/** 1 GB = 1024³ bytes, as the devices' own usage pages count. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

// ---- Text for OS notifications: the same messages as the renderer's notify.* keys ----

export type HostLocale = 'en' | 'ja'

export const NOTIFICATION_TEXT: Record<HostLocale, Record<NotificationKind, { title: string; body: string }>> = {
  en: {
    dataLow: { title: 'Data running low', body: '{device}: {percentLeft}% of this month’s data left ({left} of {limit}).' },
    planExpiring: { title: 'Plan ends soon', body: '{device}: the plan or pass ends on {date}. Refill or renew to stay online.' },
    disconnected: { title: 'Device disconnected', body: '{device} was unplugged or stopped answering.' },
    simChanged: { title: 'SIM changed', body: '{device} now has a different SIM (ICCID ending {iccidTail}).' },
    signalLost: { title: 'Signal lost', body: '{device} has had no mobile signal for {seconds} s.' }
  },
  ja: {
    dataLow: { title: 'データ残量が少なくなっています', body: '{device}: 今月のデータ残量は {percentLeft}% です ({limit} 中 残り {left})。' },
    planExpiring: { title: 'プランの期限が近づいています', body: '{device}: プランまたはパスは {date} に終了します。つながり続けるにはチャージか更新をしてください。' },
    disconnected: { title: '端末との接続が切れました', body: '{device} が取り外されたか、応答しなくなりました。' },
    simChanged: { title: 'SIM が変わりました', body: '{device} に別の SIM が入っています (ICCID 末尾 {iccidTail})。' },
    signalLost: { title: '電波がありません', body: '{device} は {seconds} 秒間モバイル電波をつかんでいません。' }
  }
}

export function notificationText(kind: NotificationKind, params: NotificationParams, locale: HostLocale): { title: string; body: string } {
  const template = NOTIFICATION_TEXT[locale][kind]
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match))
  return { title: fill(template.title), body: fill(template.body) }
}

/** 'system' follows the host process's locale (in the desktop app, the OS's). */
export function hostLocale(language: AppSettings['language'], systemLocale = Intl.DateTimeFormat().resolvedOptions().locale): HostLocale {
  if (language !== 'system') return language
  return systemLocale.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}

// ---- The tray: one line per device ----

export function trayDevice(device: DeviceSummary, status: DeviceStatus | undefined): TrayDevice {
  const live = device.state === 'ready' && status !== undefined
  const carrier = status?.registration.operatorName ?? status?.sim.spn
  return {
    id: device.id,
    name: device.name,
    ...(carrier ? { carrier } : {}),
    bars: live ? status.signal.bars : 0,
    state: device.state
  }
}

// ---- Wiring: device changes in, notifications and tray updates out ----

export interface NotificationHubOptions {
  manager: Pick<DeviceManager, 'onChange' | 'list' | 'get' | 'isFocused'>
  settings: () => Pick<AppSettings, 'language' | 'notifications'>
  /** Every notification, to the windows (contract event 'notification'). */
  publish: (notification: HostNotification) => void
  /** The desktop shell (Electron main): tray lines and notifications for the OS. */
  desk?: (message: HostToMainDeskMessage) => void
  timing?: Partial<RulesTiming>
  now?: () => number
  /** Plan or pass end dates learned from the carrier (USSD replies): subscribe, get an unsubscribe back. */
  planEnds?: (listener: (device: Pick<DeviceSummary, 'id' | 'name'>, isoDate: string) => void) => () => void
}

/** Runs the rules on every device change; returns a function that stops it. */
export function startNotificationHub(options: NotificationHubOptions): () => void {
  const now = options.now ?? Date.now
  const rules = new NotificationRules(() => options.settings().notifications, options.timing)
  let lastTray = ''

  const postTray = (): void => {
    if (!options.desk) return
    const devices = options.manager.list().map((device) => trayDevice(device, statusOf(device.id)))
    const focusedId = devices.find((device) => options.manager.isFocused(device.id))?.id
    const message: HostToMainDeskMessage = {
      type: 'desk.tray',
      language: hostLocale(options.settings().language),
      devices,
      ...(focusedId ? { focusedId } : {})
    }
    const key = JSON.stringify(message)
    if (key === lastTray) return
    lastTray = key
    options.desk(message)
  }

  const statusOf = (deviceId: string): DeviceStatus | undefined => {
    try {
      return options.manager.get(deviceId).status()
    } catch {
      return undefined
    }
  }

  const send = (drafts: NotificationDraft[]): void => {
    for (const found of drafts) {
      const notification: HostNotification = {
        ...found,
        id: randomUUID(),
        text: notificationText(found.kind, found.params, hostLocale(options.settings().language))
      }
      options.publish(notification)
      options.desk?.({ type: 'desk.notification', notification })
    }
  }

  const stop = options.manager.onChange((change) => {
    send(rules.observe(change, now()))
    postTray()
  })
  const stopPlanEnds = options.planEnds?.((device, isoDate) => send(rules.observePlanEnd(device, isoDate, now())))
  postTray()
  return () => {
    stop()
    stopPlanEnds?.()
  }
}
