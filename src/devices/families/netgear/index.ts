// The Netgear family: AirCard / Nighthawk pocket routers (MR1100 "M1", MR2100 "M2", AC800S …) and the LB1120 /
// LB2120 / LM1200 LTE modems, which all serve the web UI's state as /api/model.json and take writes as /Forms/*
// posts (reference/device-protocols.md §3).
import type { DeviceTarget, DriverFamily, Fingerprint } from '../../driver'
import type { Connection } from '../../model'
import { NETGEAR_FAMILY_ID, NetgearDriver, type NetgearDriverOptions } from './driver'
import { fingerprintNetgear } from './fingerprint'

export const NETGEAR_FAMILY_LABEL = 'Netgear (AirCard / Nighthawk)'

export const netgearFamily: DriverFamily = {
  id: NETGEAR_FAMILY_ID,
  label: NETGEAR_FAMILY_LABEL,
  connectionKinds: ['http'],
  fingerprint(connection: Connection, signal?: AbortSignal): Promise<Fingerprint | null> {
    return fingerprintNetgear(NETGEAR_FAMILY_ID, connection, signal)
  },
  create(target: DeviceTarget): NetgearDriver {
    return new NetgearDriver(target)
  }
}

/** create() with options (timeouts, kick back-off, an injected fetch) — for tests and the host's tuning. */
export function createNetgearDriver(target: DeviceTarget, options?: NetgearDriverOptions): NetgearDriver {
  return new NetgearDriver(target, options)
}

export { NETGEAR_CAPABILITIES, NETGEAR_FAMILY_ID, NetgearDriver, type NetgearDriverOptions } from './driver'
export { fingerprintNetgear, type FingerprintOptions } from './fingerprint'
export { NetgearSession, MODEL_PATH } from './session'
