// The ZTE goform family: ZTE pocket routers and USB modems whose web UI talks to /goform/goform_get_cmd_process
// and /goform/goform_set_cmd_process (reference §2) — the T-Mobile 4G Mobile Hotspot (MF61), the T-Mobile Sonic
// 2.0 LTE Mobile HotSpot (MF96), MF79U/MF833/MF920-class units and more.
import type { DeviceTarget, DriverFamily, Fingerprint } from '../../driver'
import type { Connection } from '../../model'
import { ZTE_FAMILY_ID, ZteGoformDriver, type ZteDriverOptions } from './driver'
import { fingerprintZte } from './fingerprint'

export const ZTE_FAMILY_LABEL = 'ZTE (goform web UI)'

export const zteGoformFamily: DriverFamily = {
  id: ZTE_FAMILY_ID,
  label: ZTE_FAMILY_LABEL,
  connectionKinds: ['http'],
  fingerprint(connection: Connection, signal?: AbortSignal): Promise<Fingerprint | null> {
    return fingerprintZte(ZTE_FAMILY_ID, connection, signal)
  },
  create(target: DeviceTarget): ZteGoformDriver {
    return new ZteGoformDriver(target)
  }
}

/** create() with options (timeouts, poll intervals, an injected fetch) — for tests and the host's tuning. */
export function createZteGoformDriver(target: DeviceTarget, options?: ZteDriverOptions): ZteGoformDriver {
  return new ZteGoformDriver(target, options)
}

export { ZTE_CAPABILITIES, ZTE_FAMILY_ID, ZteGoformDriver, goformHeaders, type ZteDriverOptions } from './driver'
export { fingerprintZte, interpretProbe, type FingerprintOptions, type ZteFingerprint, type ZteFirmwareVariant } from './fingerprint'
export { ZteSession } from './session'
