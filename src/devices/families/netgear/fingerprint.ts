// The cheap, unauthenticated "is this a Netgear model.json device?" probe (reference §0.1): GET /api/model.json
// answers anyone with the session token and the model name. Both must be there; anything else (another JSON API,
// an HTML page, no answer) is "not this family".
import { ContractError } from '../../../contract/errors'
import type { Fingerprint } from '../../driver'
import type { Connection } from '../../model'
import { HttpSession } from '../../transports/http-session'
import { NetgearSession } from './session'

export interface FingerprintOptions {
  /** Per-request timeout; default 2500 ms. */
  timeoutMs?: number
  fetch?: typeof fetch
}

export async function fingerprintNetgear(
  familyId: string,
  connection: Connection,
  signal?: AbortSignal,
  options: FingerprintOptions = {}
): Promise<Fingerprint | null> {
  if (connection.kind !== 'http') return null
  let http: HttpSession
  try {
    http = new HttpSession({ baseUrl: connection.baseUrl, timeoutMs: options.timeoutMs ?? 2500, fetch: options.fetch })
  } catch {
    return null
  }
  try {
    const fetched = await new NetgearSession(http).fetchModel(signal)
    if (!fetched.model || fetched.token === undefined || fetched.modelName === undefined) return null
    return { family: familyId, model: fetched.modelName, loginRequired: fetched.role !== 'admin' }
  } catch (error) {
    if (signal?.aborted) throw error instanceof ContractError ? error : signal.reason
    return null
  } finally {
    http.close()
  }
}
