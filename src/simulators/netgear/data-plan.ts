// The simulated device's data meter settings as /Forms/config changes them: wwan.dataUsage.generic.billingCycleLimit
// (bytes) and .billingDay, the model.json paths (reference §3.1: a setting is changed by posting its model.json
// path; §3.2 for the group) [U: no public sample shows these two being written]. Both keys of a post are checked
// before either is stored, so a refused post changes nothing; errdetail names the offending key, as /error.json
// does for the web UI. A limit turns dataLimitValid on (model-json.ts reads it from the limit).
import type { NetgearSimProfile } from './sim-profile'

export type DataPlanOutcome = { ok: true } | { ok: false; errdetail: string }

const LIMIT = 'wwan.dataUsage.generic.billingCycleLimit'
const DAY = 'wwan.dataUsage.generic.billingDay'
/** The web UI's plan box stops at 999 999 MB [U]. */
const MAX_LIMIT_BYTES = 999_999 * 1024 * 1024

export function handlesDataPlanKey(key: string): boolean {
  return key === LIMIT || key === DAY
}

export function applyDataPlan(fields: ReadonlyMap<string, string>, sim: NetgearSimProfile): DataPlanOutcome {
  const limitText = fields.get(LIMIT)
  const dayText = fields.get(DAY)
  let limit: number | undefined
  let day: number | undefined
  if (limitText !== undefined) {
    limit = /^\d{1,16}$/.test(limitText) ? Number(limitText) : NaN
    if (!Number.isSafeInteger(limit) || limit > MAX_LIMIT_BYTES) return { ok: false, errdetail: LIMIT }
  }
  if (dayText !== undefined) {
    day = /^\d{1,2}$/.test(dayText) ? Number(dayText) : NaN
    if (!(day >= 1 && day <= 31)) return { ok: false, errdetail: DAY }
  }
  if (limit !== undefined) sim.planLimitBytes = limit
  if (day !== undefined) sim.billingDay = day
  return { ok: true }
}
