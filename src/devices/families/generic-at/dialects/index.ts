// The vendor dialects the generic AT driver knows, and how one is chosen: from +CGMI / +CGMM, first match
// wins, the 3GPP baseline when no vendor matches.
import { base3gppDialect } from './base-3gpp'
import { huaweiDialect } from './huawei'
import { quectelDialect } from './quectel'
import type { AtDialect, DialectId, DialectIdentity } from './types'
import { zteDialect } from './zte'

export const DIALECTS: readonly AtDialect[] = [huaweiDialect, zteDialect, quectelDialect, base3gppDialect]

export function selectDialect(identity: DialectIdentity): AtDialect {
  return DIALECTS.find((dialect) => dialect.id !== '3gpp' && dialect.matches(identity)) ?? base3gppDialect
}

export function dialectById(id: DialectId): AtDialect {
  return DIALECTS.find((dialect) => dialect.id === id) ?? base3gppDialect
}

export { ALL_AT_CAPABILITIES, base3gppDialect, CRSM_ICCID_COMMAND, FALLBACK_ICCID_COMMANDS } from './base-3gpp'
export { huaweiDialect } from './huawei'
export { quectelDialect } from './quectel'
export { zteDialect } from './zte'
export type { AtDialect, DialectId, DialectIdentity, NetworkMode, PinCounters, RegistrationExtras, SignalPart } from './types'
export { NETWORK_MODES } from './types'
