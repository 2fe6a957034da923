// What the portal view needs from a pack without knowing its shape: the portal for a brand and plan
// generation, the navigation allow-list check, and a flow's fields prefilled from device facts.
import { formatForPrefill, validateIdentifier } from './numbers'
import { hostAllowed, type CarrierPack, type Flow, type FlowField, type Portal } from './pack-schema'

export { hostAllowed }

/** May the portal view navigate to `url`? https only, host in the portal's allowedDomains. */
export function isNavigationAllowed(portal: Pick<Portal, 'allowedDomains'>, url: string): boolean {
  return hostAllowed(url, portal.allowedDomains)
}

/** Portals of a pack for a brand, current ones first. */
export function portalsFor(pack: CarrierPack, brandId?: string): Portal[] {
  const rank: Record<Portal['status'], number> = { current: 0, legacy: 1, unknown: 2, retired: 3 }
  return pack.portals
    .filter((portal) => brandId === undefined || portal.brands === undefined || portal.brands.includes(brandId))
    .sort((a, b) => rank[a.status] - rank[b.status])
}

export interface DeviceFacts {
  msisdn?: string
  iccid?: string
  imsi?: string
  imei?: string
}

export interface PrefillValue {
  stepId: string
  fieldId: string
  selector?: string
  value?: string
  /** Why there is no value (fact missing or not convertible), in both languages. */
  problem?: { en: string; ja: string }
}

/** Every prefillable field of a flow with the device's value in the field's format. */
export function prefillFlow(flow: Flow, facts: DeviceFacts, defaultCountry?: 'US' | 'JP' | 'GB'): PrefillValue[] {
  const out: PrefillValue[] = []
  for (const step of flow.steps) {
    for (const field of step.fields ?? []) {
      if (!field.prefill) continue
      const base = { stepId: step.id, fieldId: field.id, ...(field.selector ? { selector: field.selector } : {}) }
      const raw = facts[field.prefill.from]
      if (raw === undefined || raw.trim() === '') {
        out.push({ ...base, problem: { en: `The device did not report the ${field.prefill.from}.`, ja: `端末から${field.prefill.from}を取得できませんでした。` } })
        continue
      }
      const formatted = formatForPrefill(raw, field.prefill.format, defaultCountry)
      out.push(formatted.ok ? { ...base, value: formatted.value } : { ...base, problem: formatted.error.message })
    }
  }
  return out
}

/** Check what the user typed into a flow field; a field with several kinds accepts any of them. */
export function validateFlowField(field: Pick<FlowField, 'kind'>, input: unknown): ReturnType<typeof validateIdentifier> {
  const kinds = Array.isArray(field.kind) ? field.kind : [field.kind]
  let first: ReturnType<typeof validateIdentifier> | undefined
  for (const kind of kinds) {
    const result = validateIdentifier(kind, input)
    if (result.ok) return result
    first ??= result
  }
  return first ?? validateIdentifier('text', input)
}
