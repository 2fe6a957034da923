// DeviceSettingsOperations for Netgear hotspots (capability deviceSettings, declared when the first admin model
// shows the data meter's limit and billing day; settings.ts says why language and auto-update are not offered):
//   get → the wwan.dataUsage.generic group of a fresh admin model.json
//   set → one POST /Forms/config with billingCycleLimit and billingDay; the caller verifies by reading back.
// A post the firmware refuses comes back as the driver's refusedError (PROTOCOL), like every other config write;
// it names the field the device objected to.
import { ContractError } from '../../../contract/errors'
import type { DevicePreferenceName, DevicePreferences, DeviceSettingsOperations } from '../../driver'
import type { JsonObject } from './json'
import { parseNetgearPlan, planConfigFields } from './settings'

export interface NetgearSettingsContext {
  supports(): ReadonlySet<DevicePreferenceName>
  adminModel(signal: AbortSignal | undefined): Promise<JsonObject>
  writeConfig(fields: Readonly<Record<string, string>>, action: string, signal: AbortSignal | undefined): Promise<void>
}

const LABELS: Readonly<Record<DevicePreferenceName, string>> = { dataPlan: 'data plan', language: 'web page language', autoUpdate: 'firmware auto-update' }

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
      const supports = ctx.supports()
      for (const name of Object.keys(preferences)) {
        if (name !== 'dataPlan' && name !== 'language' && name !== 'autoUpdate') {
          throw new ContractError('BAD_INPUT', `"${name}" is not a device setting; use dataPlan, language or autoUpdate.`, { path: name })
        }
        if (preferences[name] !== undefined && !supports.has(name)) {
          throw new ContractError('UNSUPPORTED', `This device has no ${LABELS[name]} setting that Hotspot Desk can change; set it in the device's web page or app.`, { path: name })
        }
      }
      if (preferences.dataPlan === undefined) return
      const checked = planConfigFields(preferences.dataPlan)
      if (!checked.ok) throw new ContractError('BAD_INPUT', checked.message, { path: checked.path })
      await ctx.writeConfig(checked.fields, 'set the data plan', signal)
    }
  }
}
