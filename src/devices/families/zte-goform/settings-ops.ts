// DeviceSettingsOperations for ZTE goform devices (capability deviceSettings, declared when the first read after
// login shows at least one of the settings in settings.ts):
//   get  → one goform read of SETTINGS_READ_FIELDS
//   set  → DATA_LIMIT_SETTING, SET_WEB_LANGUAGE, SetUpgAutoSetting, each signed with AD like every setter
//          (session.ts), with the fields it does not change resent as read
// Every value is checked before anything is sent. The firmware answers a value it refuses with a bare "failure";
// with our own checks passed, that means this firmware's rule → BAD_INPUT, nothing stored. The caller verifies by
// reading back with get().
import { ContractError } from '../../../contract/errors'
import type { DevicePreferenceName, DevicePreferences, DeviceSettingsOperations } from '../../driver'
import { checkAutoUpdate, checkPreferenceNames, checkStartDay } from '../../device-settings-checks'
import type { GoformFields } from './json'
import { autoUpdateForm, dataLimitForm, formatLimitSize, parseZteSettings, SETTINGS_READ_FIELDS, zteLanguageCode, type ZteSettingsState } from './settings'

export interface ZteSettingsContext {
  /** What the first read after login found (the driver keeps it). */
  supports(): ReadonlySet<DevicePreferenceName>
  withSession<T>(signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T>
  readFields(cmds: readonly string[], signal: AbortSignal | undefined): Promise<GoformFields>
  write(goformId: string, form: Readonly<Record<string, string>>, what: string, signal: AbortSignal | undefined): Promise<void>
}

interface CheckedRequest {
  dataPlan?: { startDay: number; size: string }
  language?: string
  autoUpdate?: boolean
}

export function createZteSettingsOperations(ctx: ZteSettingsContext): DeviceSettingsOperations {
  const readState = async (signal: AbortSignal | undefined): Promise<ZteSettingsState> => {
    const parsed = parseZteSettings(await ctx.readFields(SETTINGS_READ_FIELDS, signal))
    if (!parsed.ok) throw new ContractError('PROTOCOL', `The device's settings could not be read: ${parsed.error.field} — ${parsed.error.message}.`, { field: parsed.error.field })
    return parsed.value
  }

  return {
    get supports() {
      return ctx.supports()
    },

    get: (signal) =>
      ctx.withSession(signal, async () => {
        const { preferences } = await readState(signal)
        const supported: DevicePreferences = {}
        if (preferences.dataPlan && ctx.supports().has('dataPlan')) supported.dataPlan = preferences.dataPlan
        if (preferences.language !== undefined && ctx.supports().has('language')) supported.language = preferences.language
        if (preferences.autoUpdate !== undefined && ctx.supports().has('autoUpdate')) supported.autoUpdate = preferences.autoUpdate
        return supported
      }),

    async set(preferences: DevicePreferences, signal?: AbortSignal): Promise<void> {
      const checked = checkRequest(preferences, ctx.supports())
      if (Object.keys(checked).length === 0) return
      await ctx.withSession(signal, async () => {
        const state = await readState(signal)
        if (checked.dataPlan) {
          await refused(
            ctx.write('DATA_LIMIT_SETTING', dataLimitForm(checked.dataPlan, checked.dataPlan.size, state), 'set the data plan', signal),
            `the data plan (${checked.dataPlan.size.replace('_', ' × ')} MB from day ${checked.dataPlan.startDay})`
          )
        }
        if (checked.language !== undefined) {
          await refused(ctx.write('SET_WEB_LANGUAGE', { Language: checked.language }, 'change its web page language', signal), `the language "${checked.language}" (it offers only the languages of its web page)`)
        }
        if (checked.autoUpdate !== undefined) {
          await refused(ctx.write('SetUpgAutoSetting', autoUpdateForm(checked.autoUpdate, state), 'change firmware auto-update', signal), 'the auto-update setting')
        }
      })
    }
  }
}

function checkRequest(preferences: DevicePreferences, supports: ReadonlySet<DevicePreferenceName>): CheckedRequest {
  const checked: CheckedRequest = {}
  checkPreferenceNames(preferences, supports)
  const { dataPlan, language, autoUpdate } = preferences
  if (dataPlan !== undefined) {
    checkStartDay(dataPlan.startDay)
    const size = formatLimitSize(dataPlan.limitBytes)
    if (!size.ok) throw new ContractError('BAD_INPUT', size.message, { path: 'dataPlan.limitBytes' })
    checked.dataPlan = { startDay: dataPlan.startDay, size: size.value }
  }
  if (language !== undefined) {
    const code = typeof language === 'string' ? zteLanguageCode(language) : undefined
    if (code === undefined) throw new ContractError('BAD_INPUT', 'Choose the language as "en", "ja", or a code this device reports (such as "zh-cn").', { path: 'language' })
    checked.language = code
  }
  if (autoUpdate !== undefined) checked.autoUpdate = checkAutoUpdate(autoUpdate)
  return checked
}

/** A setter the firmware answered "failure": the device's own rule refused the value. */
async function refused(write: Promise<void>, what: string): Promise<void> {
  try {
    await write
  } catch (error) {
    if (error instanceof ContractError && typeof error.details?.goformId === 'string' && 'zteResult' in (error.details ?? {})) {
      throw new ContractError('BAD_INPUT', `The device refused ${what}. Choose another value or check it in the device's web page.`, error.details)
    }
    throw error
  }
}
