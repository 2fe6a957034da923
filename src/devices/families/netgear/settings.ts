// The unit-level settings of Netgear model.json devices, pure. Only the data plan exists here:
//   wwan.dataUsage.generic.billingCycleLimit (bytes), .billingDay (1–31) and .dataLimitValid (a limit is set) are
//   what model.json shows (reference §3.2; the full generic group in stv0g/vand:pkg/modem/netgear.go, and the
//   DataHawk NetgearProvider reading billingCycleLimit only while dataLimitValid). The write posts the same paths
//   to /Forms/config, the generic setting form that takes model.json keys (reference §3.1; DataHawk posts
//   wwan.dataUsage.generic.reset=1 the same way) [U: no public client writes these two keys].
// Left out on purpose, because real firmware show no writable field for them: the web UI language
// (model.json has general.defaultLanguage and a read-only supportedLangList[].isCurrent, and no public client or
// form sets it) and firmware auto-update (fota.fwupdater reports checks and downloads, no auto-update switch).
import type { DevicePreferences } from '../../driver'
import { at, boolAt, numberAt, type JsonObject } from './json'

const LIMIT = 'wwan.dataUsage.generic.billingCycleLimit'
const DAY = 'wwan.dataUsage.generic.billingDay'

const MIB = 1024 * 1024
/** The largest limit we send: 1 PiB, far beyond any plan; the firmware's own bound is not public [U]. */
export const NETGEAR_MAX_LIMIT_BYTES = 1024 ** 5

/** The model shows the data meter's limit and billing day: the data plan can be read and set. */
export function hasDataPlan(model: JsonObject): boolean {
  return at(model, LIMIT) !== undefined && numberAt(model, DAY) !== undefined
}

/** The plan as the device holds it; absent while no limit is set (dataLimitValid false or a 0 limit). */
export function parseNetgearPlan(model: JsonObject): DevicePreferences {
  const limit = numberAt(model, LIMIT)
  const day = numberAt(model, DAY)
  if (boolAt(model, 'wwan.dataUsage.generic.dataLimitValid') === false) return {}
  if (limit === undefined || !Number.isSafeInteger(limit) || limit <= 0) return {}
  if (day === undefined || !Number.isInteger(day) || day < 1 || day > 31) return {}
  return { dataPlan: { limitBytes: limit, startDay: day } }
}

export type PlanCheck = { ok: true; fields: Record<string, string> } | { ok: false; path: string; message: string }

/** The /Forms/config fields for a plan, or why it cannot be sent. */
export function planConfigFields(plan: { limitBytes: number; startDay: number }): PlanCheck {
  if (!Number.isInteger(plan.startDay) || plan.startDay < 1 || plan.startDay > 31) {
    return { ok: false, path: 'dataPlan.startDay', message: 'The data plan start day is a day of the month, 1 to 31.' }
  }
  if (!Number.isSafeInteger(plan.limitBytes) || plan.limitBytes < MIB || plan.limitBytes > NETGEAR_MAX_LIMIT_BYTES) {
    return { ok: false, path: 'dataPlan.limitBytes', message: 'The monthly data limit is a whole number of bytes, from 1 MB (1,048,576 bytes) to 1 PB.' }
  }
  return { ok: true, fields: { [LIMIT]: String(plan.limitBytes), [DAY]: String(plan.startDay) } }
}
