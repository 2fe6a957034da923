// The Inseego / Novatel MiFi family (M2000, M3000, MiFi 8000 …): a read-only driver on the unauthenticated
// /srv/status JSON (reference/device-protocols.md §3.3), and its fingerprint (top-level `statusData`, §0.1).
import { ContractError } from '../../../contract/errors'
import type { DeviceTarget, DriverFamily, Fingerprint } from '../../driver'
import type { Connection } from '../../model'
import { HttpSession } from '../../transports/http-session'
import { INSEEGO_FAMILY_ID, InseegoDriver, STATUS_PATH, type InseegoDriverOptions } from './driver'
import { parseStatusDocument } from './parse'

export const INSEEGO_FAMILY_LABEL = 'Inseego / Novatel MiFi'

export interface InseegoFingerprintOptions {
  /** Per-request timeout; default 2500 ms. */
  timeoutMs?: number
  fetch?: typeof fetch
}

export async function fingerprintInseego(connection: Connection, signal?: AbortSignal, options: InseegoFingerprintOptions = {}): Promise<Fingerprint | null> {
  if (connection.kind !== 'http') return null
  let http: HttpSession
  try {
    http = new HttpSession({ baseUrl: connection.baseUrl, timeoutMs: options.timeoutMs ?? 2500, fetch: options.fetch })
  } catch {
    return null
  }
  try {
    const response = await http.get(STATUS_PATH, { signal, followRedirects: true })
    if (response.status !== 200) return null
    return parseStatusDocument(response.text()).ok ? { family: INSEEGO_FAMILY_ID, loginRequired: false } : null
  } catch (error) {
    if (signal?.aborted) throw error instanceof ContractError ? error : signal.reason
    return null
  } finally {
    http.close()
  }
}

export const inseegoFamily: DriverFamily = {
  id: INSEEGO_FAMILY_ID,
  label: INSEEGO_FAMILY_LABEL,
  connectionKinds: ['http'],
  fingerprint(connection: Connection, signal?: AbortSignal): Promise<Fingerprint | null> {
    return fingerprintInseego(connection, signal)
  },
  create(target: DeviceTarget): InseegoDriver {
    return new InseegoDriver(target)
  }
}

export function createInseegoDriver(target: DeviceTarget, options?: InseegoDriverOptions): InseegoDriver {
  return new InseegoDriver(target, options)
}

export { INSEEGO_CAPABILITIES, INSEEGO_FAMILY_ID, InseegoDriver, STATUS_PATH, USAGE_PATH, type InseegoDriverOptions } from './driver'
export { buildInseegoReading, parseStatusDocument, parseUsageDocument } from './parse'
