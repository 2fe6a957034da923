// The cheap, unauthenticated "is this a Huawei HiLink / E5?" probe (reference §0.1): GET
// /api/webserver/SesTokInfo. Any Huawei firmware answers it with Huawei-shaped XML — the session/token pair, or
// an <error><code>1xxxxx</code> on firmware without it (100002). Only then do we ask for the model
// (device/basic_information, unauthenticated [U]) and whether a login is needed (user/hilink_login,
// user/state-login). Anything else, including no answer, is "not this family".
import { ContractError } from '../../../contract/errors'
import type { Connection } from '../../model'
import type { Fingerprint } from '../../driver'
import { HttpSession } from '../../transports/http-session'
import { parseHuaweiDocument, type HuaweiDocument } from './document'
import { readLoginState } from './login'
import { HuaweiSession } from './session'
import { decodeHuaweiText, textOf, textOfAny } from './xml'

export interface FingerprintOptions {
  /** Per-request timeout; default 1500 ms. */
  timeoutMs?: number
  fetch?: typeof fetch
}

export async function fingerprintHuawei(
  familyId: string,
  connection: Connection,
  signal?: AbortSignal,
  options: FingerprintOptions = {}
): Promise<Fingerprint | null> {
  if (connection.kind !== 'http') return null
  let http: HttpSession
  try {
    http = new HttpSession({ baseUrl: connection.baseUrl, timeoutMs: options.timeoutMs ?? 1500, fetch: options.fetch })
  } catch {
    return null
  }
  try {
    const probe = await http.get('/api/webserver/SesTokInfo', { signal })
    if (probe.status !== 200) return null
    const parsed = parseHuaweiDocument(decodeHuaweiText(probe.body))
    if (!parsed.ok || !isHuaweiShaped(parsed.document)) return null

    const fingerprint: Fingerprint = { family: familyId }
    const session = new HuaweiSession(http)
    const basic = await optional(() => session.getOptional('device/basic_information', signal))
    const model = textOfAny(basic, 'devicename', 'DeviceName', 'spreadname_en')
    if (model !== undefined) fingerprint.model = model
    const loginState = await optional(() => readLoginState(session, signal))
    if (loginState !== undefined) fingerprint.loginRequired = loginState.loginRequired !== false && !loginState.loggedIn
    return fingerprint
  } catch (error) {
    if (signal?.aborted) throw error instanceof ContractError ? error : signal.reason
    return null
  } finally {
    http.close()
  }
}

/** <response> with SesInfo/TokInfo, or <error> with a six-digit Huawei code (100002 on firmware without it). */
function isHuaweiShaped(document: HuaweiDocument): boolean {
  if (document.kind === 'error') return document.code >= 100000 && document.code <= 999999
  return textOf(document.record, 'SesInfo') !== undefined || textOf(document.record, 'TokInfo') !== undefined
}

async function optional<T>(probe: () => Promise<T>): Promise<T | undefined> {
  try {
    return await probe()
  } catch (error) {
    if (error instanceof ContractError && error.code !== 'TIMEOUT' && error.code !== 'DEVICE_GONE') return undefined
    throw error
  }
}
