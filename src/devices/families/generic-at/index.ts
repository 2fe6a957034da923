// USB modems on an AT port (27.007 / 27.005), with Huawei, ZTE and Quectel dialects chosen from +CGMI/+CGMM
// (reference device-protocols.md §4).
import type { DeviceTarget, DriverFamily, Fingerprint } from '../../driver'
import type { Connection } from '../../model'
import { GenericAtDriver, type GenericAtDriverOptions } from './driver'
import { fingerprintGenericAt, GENERIC_AT_FAMILY_ID } from './fingerprint'

export const GENERIC_AT_FAMILY_LABEL = 'USB modem (AT commands)'

export const genericAtFamily: DriverFamily = {
  id: GENERIC_AT_FAMILY_ID,
  label: GENERIC_AT_FAMILY_LABEL,
  connectionKinds: ['serial'],
  fingerprint(connection: Connection, signal?: AbortSignal): Promise<Fingerprint | null> {
    return fingerprintGenericAt(connection, signal)
  },
  create(target: DeviceTarget): GenericAtDriver {
    return new GenericAtDriver(target)
  }
}

/** create() with options (an injected channel or engine, the own-number USSD code, timing) — for tests and the host. */
export function createGenericAtDriver(target: DeviceTarget, options?: GenericAtDriverOptions): GenericAtDriver {
  return new GenericAtDriver(target, options)
}

export { DEFAULT_GENERIC_AT_TIMING, GenericAtDriver, type GenericAtDriverOptions, type GenericAtTiming } from './driver'
export { DIALECTS, selectDialect, type AtDialect, type DialectId, type NetworkMode } from './dialects'
export { fingerprintGenericAt, GENERIC_AT_FAMILY_ID, identityFromAti, type FingerprintOptions, type GenericAtFingerprint } from './fingerprint'
export type { NetworkModeOperations } from './network-mode'
