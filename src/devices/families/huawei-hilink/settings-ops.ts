// DeviceSettingsOperations for Huawei HiLink / E5 devices (capability deviceSettings): the data plan alarm, the web
// UI language and firmware auto-update, on the endpoints settings.ts describes. `supports` is what the probe after
// the first login found answering (capabilities.ts); every value is checked before anything is sent, and a field
// the device does not have is UNSUPPORTED. The setters are idempotent, so the driver's one re-login after a 100003
// may send one of them twice without harm. The caller verifies by reading back with get().
import { ContractError } from '../../../contract/errors'
import type { DevicePreferenceName, DevicePreferences, DeviceSettingsOperations } from '../../driver'
import { checkAutoUpdate, checkPreferenceNames, checkStartDay } from '../../device-settings-checks'
import { huaweiCodeOf } from './errors'
import type { HuaweiOpsContext } from './ops-context'
import type { HuaweiSession } from './session'
import {
  autoUpdateRequest,
  formatDataLimit,
  languageFromDevice,
  languageToDevice,
  parseAutoUpdate,
  parseStartDate,
  preferencesFrom,
  startDateRequest,
  type HuaweiPlanState
} from './settings'
import { textOf } from './xml'

export const HUAWEI_SETTINGS_ENDPOINTS: Readonly<Record<DevicePreferenceName, string>> = {
  dataPlan: 'monitoring/start_date',
  language: 'language/current-language',
  autoUpdate: 'online-update/autoupdate-config'
}

interface CheckedRequest {
  dataPlan?: { limitBytes: number; startDay: number; dataLimit: string }
  language?: string
  autoUpdate?: boolean
}

export function createSettingsOperations(ctx: HuaweiOpsContext): DeviceSettingsOperations {
  const readPlan = async (session: HuaweiSession, signal?: AbortSignal): Promise<HuaweiPlanState> => {
    const parsed = parseStartDate(await session.get(HUAWEI_SETTINGS_ENDPOINTS.dataPlan, signal))
    if (!parsed.ok) throw unreadable(parsed.error.field, parsed.error.message)
    return parsed.value
  }

  return {
    get supports() {
      return ctx.features.settings
    },

    get: (signal) =>
      ctx.run(async (session) => {
        const supports = ctx.features.settings
        const plan = supports.has('dataPlan') ? await readPlan(session, signal) : undefined
        const language = supports.has('language') ? languageFromDevice(textOf(await session.get(HUAWEI_SETTINGS_ENDPOINTS.language, signal), 'CurrentLanguage')) : undefined
        let autoUpdate: boolean | undefined
        if (supports.has('autoUpdate')) {
          const parsed = parseAutoUpdate(await session.get(HUAWEI_SETTINGS_ENDPOINTS.autoUpdate, signal))
          if (!parsed.ok) throw unreadable(parsed.error.field, parsed.error.message)
          autoUpdate = parsed.value
        }
        return preferencesFrom(plan, language, autoUpdate)
      }, signal),

    async set(preferences: DevicePreferences, signal?: AbortSignal): Promise<void> {
      const checked = checkRequest(preferences, ctx.features.settings)
      if (Object.keys(checked).length === 0) return
      await ctx.run(async (session) => {
        try {
          if (checked.dataPlan) {
            const { threshold } = await readPlan(session, signal)
            await session.post(HUAWEI_SETTINGS_ENDPOINTS.dataPlan, startDateRequest(checked.dataPlan, checked.dataPlan.dataLimit, threshold), { signal })
          }
          if (checked.language !== undefined) {
            await session.post(HUAWEI_SETTINGS_ENDPOINTS.language, { CurrentLanguage: checked.language }, { signal })
          }
          if (checked.autoUpdate !== undefined) {
            await session.post(HUAWEI_SETTINGS_ENDPOINTS.autoUpdate, autoUpdateRequest(checked.autoUpdate), { signal })
          }
        } catch (error) {
          throw refusedSetting(error, checked)
        }
      }, signal)
    }
  }
}

/** Every value checked before a request leaves: a half-applied profile is worse than none. */
function checkRequest(preferences: DevicePreferences, supports: ReadonlySet<DevicePreferenceName>): CheckedRequest {
  const checked: CheckedRequest = {}
  checkPreferenceNames(preferences, supports)
  const { dataPlan, language, autoUpdate } = preferences
  if (dataPlan !== undefined) {
    checkStartDay(dataPlan.startDay)
    const limit = formatDataLimit(dataPlan.limitBytes)
    if (!limit.ok) throw new ContractError('BAD_INPUT', limit.message, { path: 'dataPlan.limitBytes' })
    checked.dataPlan = { limitBytes: dataPlan.limitBytes, startDay: dataPlan.startDay, dataLimit: limit.value }
  }
  if (language !== undefined) {
    const code = typeof language === 'string' ? languageToDevice(language) : undefined
    if (code === undefined) {
      throw new ContractError('BAD_INPUT', 'Choose the language as "en", "ja", or a code this device reports (such as "de-de").', { path: 'language' })
    }
    checked.language = code
  }
  if (autoUpdate !== undefined) checked.autoUpdate = checkAutoUpdate(autoUpdate)
  return checked
}

function unreadable(field: string, message: string): ContractError {
  return new ContractError('PROTOCOL', `The device's settings could not be read: ${field} — ${message}.`, { field })
}

/** 100006 (parameter error) on a value we checked means this firmware's own rule; say which value it refused. */
function refusedSetting(error: unknown, checked: CheckedRequest): unknown {
  if (huaweiCodeOf(error) !== 100006 || !(error instanceof ContractError)) return error
  const endpoint = error.details?.endpoint
  const what =
    endpoint === HUAWEI_SETTINGS_ENDPOINTS.language
      ? `the language "${checked.language ?? ''}" (it offers only the languages of its web page)`
      : endpoint === HUAWEI_SETTINGS_ENDPOINTS.dataPlan
        ? `the data plan (${checked.dataPlan?.dataLimit ?? ''} from day ${checked.dataPlan?.startDay ?? ''})`
        : 'the setting'
  return new ContractError('BAD_INPUT', `The device refused ${what} (error 100006). Choose another value or check it in the device's web page.`, error.details)
}
