// The unit-level settings of ZTE goform devices, pure: the fields a read asks for, DevicePreferences from the answer,
// and the setter forms. Facts from the stock web UI's service.js (the traffic page's getter asks for
// data_volume_limit_switch, data_volume_limit_unit, data_volume_limit_size, data_volume_alert_percent, monthly_*,
// wan_auto_clear_flow_data_switch, traffic_clear_date; its DATA_LIMIT_SETTING setter posts the same names, the size
// and alert only while the limit is on) and reference §2.4/§2.6:
// - data_volume_limit_size is "<n>_<unit in MB>": "10_1024" = 10 GB, "500_1" = 500 MB, "2_1048576" = 2 TB
//   (bytes = n · unit · 1024²). data_volume_limit_unit "time" counts hours instead; that is not a byte plan.
// - traffic_clear_date is the day of the month the counters restart, with wan_auto_clear_flow_data_switch the
//   switch for that restart ("on"/"off" on most firmware, "1"/"0" on some — the value is resent in the form read).
//   Firmware without traffic_clear_date (older MF-series) cannot take a start day, so no dataPlan there.
// - Language: "en", "ja", "zh-cn" …; SET_WEB_LANGUAGE Language=<code> (goform SET_WEB_LANGUAGE clients, indexed).
// - UpgMode 1/0: FOTA automatic update check; SetUpgAutoSetting UpgMode, UpgIntervalDay, UpgRoamPermission (a
//   public goform client's AutoUpgradeCommand: "UpgMode=1&UpgIntervalDay=7&UpgRoamPermission=0"), the other two
//   resent as read.
import type { DevicePreferenceName, DevicePreferences } from '../../driver'
import type { GoformFields } from './json'
import { textOf } from './json'
import { bad, ok, type ParseResult } from './result'

export const SETTINGS_READ_FIELDS = [
  'data_volume_limit_switch',
  'data_volume_limit_unit',
  'data_volume_limit_size',
  'data_volume_alert_percent',
  'wan_auto_clear_flow_data_switch',
  'traffic_clear_date',
  'Language',
  'UpgMode',
  'UpgIntervalDay',
  'UpgRoamPermission',
  'loginfo'
] as const

const MIB = 1024 * 1024
const GIB = 1024 * MIB

/** The largest limit we send, in MB [U: the stock page's own bound is not in the public copies]. */
export const ZTE_MAX_LIMIT_MB = 999_999

/** "10_1024" → 10 GiB in bytes. Blank = not set. */
export function parseLimitSize(raw: string | undefined): ParseResult<number | undefined> {
  if (raw === undefined || raw.trim() === '') return ok(undefined)
  const match = /^(\d{1,9}(?:\.\d{1,6})?)_(\d{1,9})$/.exec(raw.trim())
  if (!match) return bad('data_volume_limit_size', raw, `"${raw}" is not a size like "10_1024"`)
  const unit = Number(match[2])
  if (unit === 0) return bad('data_volume_limit_size', raw, `"${raw}" has no unit`)
  return ok(Math.round(Number(match[1]) * unit * MIB))
}

export type SizeFormat = { ok: true; value: string } | { ok: false; message: string }

/** Bytes → "<n>_1024" for whole gigabytes, else "<n>_1" (megabytes), as the stock page writes them. */
export function formatLimitSize(bytes: number): SizeFormat {
  if (!Number.isSafeInteger(bytes) || bytes < MIB || bytes % MIB !== 0 || bytes / MIB > ZTE_MAX_LIMIT_MB) {
    return { ok: false, message: `This device stores the monthly data limit in whole megabytes, from 1 MB to ${ZTE_MAX_LIMIT_MB} MB (1 MB = 1,048,576 bytes).` }
  }
  return { ok: true, value: bytes % GIB === 0 ? `${bytes / GIB}_1024` : `${bytes / MIB}_1` }
}

/** What one read says: which settings this firmware has, their values, and what a write resends unchanged. */
export interface ZteSettingsState {
  supports: Set<DevicePreferenceName>
  preferences: DevicePreferences
  /** data_volume_alert_percent, kept on a write; 90 when the device reports none [U]. */
  alertPercent: string
  /** wan_auto_clear_flow_data_switch as read ('on'/'off' or '1'/'0'); undefined when absent. */
  autoClear: string | undefined
  upgIntervalDay: string
  upgRoamPermission: string
}

export function parseZteSettings(fields: GoformFields): ParseResult<ZteSettingsState> {
  const supports = new Set<DevicePreferenceName>()
  const preferences: DevicePreferences = {}
  // Under unit "time" the size is hours ("100"), not "<n>_<unit>": only a data limit is read as bytes.
  const byData = textOf(fields, 'data_volume_limit_unit') !== 'time'
  const size = byData ? parseLimitSize(textOf(fields, 'data_volume_limit_size')) : ok(undefined)
  if (!size.ok) return size
  const dayText = textOf(fields, 'traffic_clear_date')
  if (textOf(fields, 'data_volume_limit_switch') !== undefined && dayText !== undefined) {
    supports.add('dataPlan')
    const day = /^\d{1,2}$/.test(dayText) ? Number(dayText) : NaN
    if (!(day >= 1 && day <= 31)) return bad('traffic_clear_date', dayText, `"${dayText}" is not a day of the month`)
    const on = textOf(fields, 'data_volume_limit_switch') === '1' && byData
    if (on && size.value !== undefined && size.value > 0) preferences.dataPlan = { limitBytes: size.value, startDay: day }
  }
  const language = textOf(fields, 'Language')
  if (language !== undefined) {
    supports.add('language')
    preferences.language = language
  }
  const upgMode = textOf(fields, 'UpgMode')
  if (upgMode !== undefined) {
    if (upgMode !== '0' && upgMode !== '1') return bad('UpgMode', upgMode, `"${upgMode}" is not 0 or 1`)
    supports.add('autoUpdate')
    preferences.autoUpdate = upgMode === '1'
  }
  const alert = textOf(fields, 'data_volume_alert_percent')
  return ok({
    supports,
    preferences,
    alertPercent: alert !== undefined && /^\d{1,3}$/.test(alert) && Number(alert) <= 100 ? alert : '90',
    autoClear: textOf(fields, 'wan_auto_clear_flow_data_switch'),
    upgIntervalDay: textOf(fields, 'UpgIntervalDay') ?? '7',
    upgRoamPermission: textOf(fields, 'UpgRoamPermission') ?? '0'
  })
}

/** DATA_LIMIT_SETTING for a byte plan: limit on, counted in data, restarting on the start day. */
export function dataLimitForm(plan: { startDay: number }, size: string, state: ZteSettingsState): Record<string, string> {
  return {
    data_volume_limit_switch: '1',
    data_volume_limit_unit: 'data',
    data_volume_limit_size: size,
    data_volume_alert_percent: state.alertPercent,
    // The restart day only counts while the monthly clear is on; keep the spelling the firmware used.
    wan_auto_clear_flow_data_switch: state.autoClear === '0' || state.autoClear === '1' ? '1' : 'on',
    traffic_clear_date: String(plan.startDay)
  }
}

/** Contract language → the code SET_WEB_LANGUAGE takes: the stock UI's own codes are short ("en", "ja", "zh-cn"). */
export function zteLanguageCode(language: string): string | undefined {
  return /^[a-z]{2,3}(?:-[a-z]{2,4})?$/i.test(language) ? language.toLowerCase() : undefined
}

export function autoUpdateForm(enabled: boolean, state: ZteSettingsState): Record<string, string> {
  return { UpgMode: enabled ? '1' : '0', UpgIntervalDay: state.upgIntervalDay, UpgRoamPermission: state.upgRoamPermission }
}
