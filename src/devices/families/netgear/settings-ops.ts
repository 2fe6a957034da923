// DeviceSettingsOperations for Netgear hotspots (capability deviceSettings, declared when the first admin model
// shows the data meter's limit and billing day; settings.ts says why language and auto-update are not offered):
//   get → the wwan.dataUsage.generic group of a fresh admin model.json
//   set → one POST /Forms/config with billingCycleLimit and billingDay; the caller verifies by reading back.
// A post the firmware refuses comes back as the driver's refusedError (PROTOCOL), like every other config write;
// it names the field the device objected to.
import { ContractError } from '../../../contract/errors'
import type { DevicePreferenceName, DevicePreferences, DeviceSettingsOperations } from '../../driver'
import { checkPreferenceNames } from '../../device-settings-checks'
import type { JsonObject } from './json'
import { parseNetgearPlan, planConfigFields } from './settings'

export interface NetgearSettingsContext {
  supports(): ReadonlySet<DevicePreferenceName>
  adminModel(signal: AbortSignal | undefined): Promise<JsonObject>
  writeConfig(fields: Readonly<Record<string, string>>, action: string, signal: AbortSignal | undefined): Promise<void>
}

export function createNetgearSettingsOperations(ctx: NetgearSettingsContext): DeviceSettingsOperations {
  return {
    get supports() {
      return ctx.supports()
    },

    async get(signal?: AbortSignal): Promise<DevicePreferences> {
      if (!ctx.supports().has('dataPlan')) return {}
      return parseNetgearPlan(await ctx.adminModel(signal))
    },

    async set(preferences: DevicePreferences, signal?: AbortSignal): Promise<void> {
      checkPreferenceNames(preferences, ctx.supports(), "the device's web page or app")
      if (preferences.dataPlan === undefined) return
      const checked = planConfigFields(preferences.dataPlan)
      if (!checked.ok) throw new ContractError('BAD_INPUT', checked.message, { path: checked.path })
      await ctx.writeConfig(checked.fields, 'set the data plan', signal)
    }
  }
}
