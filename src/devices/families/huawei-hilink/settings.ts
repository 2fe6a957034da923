// The unit-level settings of Huawei HiLink / E5 devices, pure: reading their endpoints into DevicePreferences and
// building the setter bodies. Endpoints (Salamek/huawei-lte-api:huawei_lte_api/api/Monitoring.py, Language.py,
// OnlineUpdate.py; reference §1.9):
//   monitoring/start_date            StartDay (1–31), DataLimit ("500MB", "10GB"), MonthThreshold (%), SetMonthData
//                                    (1 = the monthly statistics alarm is on). Salamek's set_start_date posts these
//                                    four in this order; the GET adds DataLimitAwoke and turnoffdata* fields.
//   language/current-language        CurrentLanguage, the web UI's code: "en-us", "ja-jp" … (the names of the
//                                    firmware's language files, config/global/languagelist.xml [R]).
//   online-update/autoupdate-config  auto_update 0/1 (and ui_download, posted as 0 the way Salamek's
//                                    set_autoupdate_config does).
import type { DevicePreferences } from '../../driver'
import { parseBillingDay, parseDataLimit, type ParseResult } from './parse'
import { textOf, type XmlRecord, type XmlWritableRecord } from './xml'

const MIB = 1024 * 1024
const GIB = 1024 * MIB

/**
 * The largest DataLimit we send, in MB. The stock page takes up to six digits in its MB/GB box [U: the firmware's
 * own bound is not in the public sources]; 999 999 MB is about 976 GB, far beyond any monthly plan.
 */
export const HUAWEI_MAX_LIMIT_MB = 999_999

export type SettingsField<T> = { ok: true; value: T } | { ok: false; message: string }

/**
 * Bytes → DataLimit. "10GB" when the limit is whole gigabytes, else "<n>MB"; the unit is binary (1 MB = 1024²
 * bytes, as parseDataLimit reads it back). A limit that is not whole megabytes cannot be stored.
 */
export function formatDataLimit(bytes: number): SettingsField<string> {
  if (!Number.isSafeInteger(bytes) || bytes < MIB || bytes % MIB !== 0 || bytes / MIB > HUAWEI_MAX_LIMIT_MB) {
    return { ok: false, message: `This device stores the monthly data limit in whole megabytes, from 1 MB to ${HUAWEI_MAX_LIMIT_MB} MB (1 MB = 1,048,576 bytes).` }
  }
  return { ok: true, value: bytes % GIB === 0 ? `${bytes / GIB}GB` : `${bytes / MIB}MB` }
}

/** What monitoring/start_date holds. `plan` is absent while the alarm is off (SetMonthData 0) or no limit is set. */
export interface HuaweiPlanState {
  plan?: { limitBytes: number; startDay: number }
  /** MonthThreshold, resent unchanged on a write (the user's warning level is not ours to change). */
  threshold: number
}

export function parseStartDate(record: XmlRecord | undefined): ParseResult<HuaweiPlanState> {
  const day = parseBillingDay(textOf(record, 'StartDay'))
  if (!day.ok) return day
  const limit = parseDataLimit(textOf(record, 'DataLimit'))
  if (!limit.ok) return limit
  const rawThreshold = textOf(record, 'MonthThreshold')
  const threshold = rawThreshold !== undefined && /^\d{1,3}$/.test(rawThreshold) && Number(rawThreshold) <= 100 ? Number(rawThreshold) : DEFAULT_THRESHOLD
  const state: HuaweiPlanState = { threshold }
  if (textOf(record, 'SetMonthData') !== '0' && day.value !== undefined && limit.value !== undefined && limit.value > 0) {
    state.plan = { limitBytes: limit.value, startDay: day.value }
  }
  return { ok: true, value: state }
}

/** The stock web UI's default alarm level when the device reports none [U]. */
const DEFAULT_THRESHOLD = 90

/** POST monitoring/start_date in Salamek's field order; turning the plan on also turns the alarm on. */
export function startDateRequest(plan: { limitBytes: number; startDay: number }, dataLimit: string, threshold: number): XmlWritableRecord {
  return { StartDay: plan.startDay, DataLimit: dataLimit, MonthThreshold: threshold, SetMonthData: 1 }
}

/** Web UI language codes for the contract's two named languages. */
const DEVICE_LANGUAGE: Readonly<Record<string, string>> = { en: 'en-us', ja: 'ja-jp' }

/** "en-us" → "en", "ja-jp" → "ja" (some firmware write en_us); any other code is returned as the firmware spells it. */
export function languageFromDevice(raw: string | undefined): string | undefined {
  const code = raw?.trim()
  if (code === undefined || code === '') return undefined
  const normal = code.toLowerCase().replace('_', '-')
  if (normal === 'en-us' || normal === 'en') return 'en'
  if (normal === 'ja-jp' || normal === 'ja') return 'ja'
  return code
}

/** The code to send: 'en' / 'ja', or a firmware code as get() reported it ("de-de"). undefined = not a language code. */
export function languageToDevice(language: string): string | undefined {
  const named = DEVICE_LANGUAGE[language]
  if (named !== undefined) return named
  return /^[a-z]{2,3}[-_][a-z]{2,4}$/i.test(language) ? language : undefined
}

export function parseAutoUpdate(record: XmlRecord | undefined): ParseResult<boolean | undefined> {
  const raw = textOf(record, 'auto_update')
  if (raw === undefined || raw === '') return { ok: true, value: undefined }
  if (raw !== '0' && raw !== '1') return { ok: false, error: { kind: 'field-error', field: 'auto_update', input: raw, message: `"${raw}" is not 0 or 1` } }
  return { ok: true, value: raw === '1' }
}

export function autoUpdateRequest(enabled: boolean): XmlWritableRecord {
  return { auto_update: enabled ? 1 : 0, ui_download: 0 }
}

/** For get(): only the fields the device reported. */
export function preferencesFrom(plan: HuaweiPlanState | undefined, language: string | undefined, autoUpdate: boolean | undefined): DevicePreferences {
  const preferences: DevicePreferences = {}
  if (plan?.plan) preferences.dataPlan = { ...plan.plan }
  if (language !== undefined) preferences.language = language
  if (autoUpdate !== undefined) preferences.autoUpdate = autoUpdate
  return preferences
}
