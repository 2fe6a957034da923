// The Huawei HiLink / E5 "Mobile WiFi" family: HiLink USB sticks (E3372 …) and pocket routers (E5577, E5785,
// the T-Mobile Sonic 4G Mobile HotSpot UMG587 …) that speak the /api XML protocol (reference §1).
import type { DeviceTarget, DriverFamily, Fingerprint } from '../../driver'
import type { Connection } from '../../model'
import { HUAWEI_FAMILY_ID, HuaweiHilinkDriver, type HuaweiDriverOptions } from './driver'
import { fingerprintHuawei } from './fingerprint'

export const HUAWEI_FAMILY_LABEL = 'Huawei HiLink / Mobile WiFi'

export const huaweiHilinkFamily: DriverFamily = {
  id: HUAWEI_FAMILY_ID,
  label: HUAWEI_FAMILY_LABEL,
  connectionKinds: ['http'],
  fingerprint(connection: Connection, signal?: AbortSignal): Promise<Fingerprint | null> {
    return fingerprintHuawei(HUAWEI_FAMILY_ID, connection, signal)
  },
  create(target: DeviceTarget): HuaweiHilinkDriver {
    return new HuaweiHilinkDriver(target)
  }
}

/** create() with options (timeouts, concurrency, an injected fetch) — for tests and the host's tuning. */
export function createHuaweiHilinkDriver(target: DeviceTarget, options?: HuaweiDriverOptions): HuaweiHilinkDriver {
  return new HuaweiHilinkDriver(target, options)
}

export { HUAWEI_CAPABILITIES, HUAWEI_FAMILY_ID, HUAWEI_OPERATION_CAPABILITIES, HuaweiHilinkDriver, type HuaweiDriverOptions } from './driver'
export { DEFAULT_TIMING, type HuaweiTiming } from './ops-context'
export { fingerprintHuawei, type FingerprintOptions } from './fingerprint'
export { HuaweiSession } from './session'
