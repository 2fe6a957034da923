// The cheap, unauthenticated "is this a ZTE goform device?" probe (reference §0.1):
//   GET /goform/goform_get_cmd_process?isTest=false&cmd=wa_inner_version,cr_version,loginfo,modem_main_state,LD,RD&multi_data=1
// GoAhead-Webs answers with a JSON object holding every name asked for (unknown ones as "", reference §2.1),
// usually as text/plain. Only a JSON object with those names counts; anything else — no answer, HTML, XML,
// another vendor's JSON — is "not this family". The same answer tells the login scheme (LD salt present →
// SHA-256, reference §2.2) and whether writes need AD (RD present, §2.3). Which AD hash a firmware wants
// cannot be read; it is named only for models known to use SHA-256 (MC888/MC889).
import { ContractError } from '../../../contract/errors'
import type { Fingerprint } from '../../driver'
import type { Connection } from '../../model'
import { HttpSession } from '../../transports/http-session'
import { goformHeaders } from './driver'
import { fieldsOf, textOf, type GoformObject } from './json'
import { adSchemeHint, loginSchemeFor, type AdScheme, type LoginScheme } from './password'
import { modelFromVersion } from './reading'
import { ZteSession } from './session'

export const FINGERPRINT_FIELDS = ['wa_inner_version', 'cr_version', 'loginfo', 'modem_main_state', 'LD', 'RD'] as const

/** Firmware generations as the simulator names them: login scheme + AD hash. */
export type ZteFirmwareVariant = 'base64' | 'base64-md5ad' | 'sha256-md5ad' | 'sha256-sha256ad'

export interface ZteFingerprint extends Fingerprint {
  /** How LOGIN wants the password. */
  login: LoginScheme
  /** 'required' when setters must carry AD (the firmware hands out RD). */
  writeToken: 'none' | 'required'
  /** The AD hash, when the model tells it (MC888/MC889 → sha256); otherwise the driver finds out on the first write. */
  adScheme?: AdScheme
  /** The whole generation, when the probe can tell. */
  variant?: ZteFirmwareVariant
  firmware?: string
}

export interface FingerprintOptions {
  /** Per-request timeout; default 1500 ms. */
  timeoutMs?: number
  fetch?: typeof fetch
}

export async function fingerprintZte(
  familyId: string,
  connection: Connection,
  signal?: AbortSignal,
  options: FingerprintOptions = {}
): Promise<ZteFingerprint | null> {
  if (connection.kind !== 'http') return null
  let http: HttpSession
  try {
    http = new HttpSession({
      baseUrl: connection.baseUrl,
      timeoutMs: options.timeoutMs ?? 1500,
      fetch: options.fetch,
      defaultHeaders: goformHeaders(connection.baseUrl)
    })
  } catch {
    return null
  }
  try {
    const answer = await new ZteSession(http).get(FINGERPRINT_FIELDS, signal)
    return interpretProbe(familyId, answer)
  } catch (error) {
    if (signal?.aborted) throw error instanceof ContractError ? error : signal.reason
    return null
  } finally {
    http.close()
  }
}

/** Pure: the probe's answer → a fingerprint, or null when it is not goform-shaped. */
export function interpretProbe(familyId: string, answer: GoformObject): ZteFingerprint | null {
  const present = FINGERPRINT_FIELDS.filter((name) => typeof answer[name] === 'string')
  // GoAhead echoes every name asked for; require most of them, and at least one identifying value.
  if (present.length < 4) return null
  const fields = fieldsOf(answer)
  const version = textOf(fields, 'wa_inner_version')
  const state = textOf(fields, 'modem_main_state')
  const loginfo = textOf(fields, 'loginfo')
  if (version === undefined && state === undefined && loginfo === undefined) return null
  if (state !== undefined && !/^modem_[a-z0-9_]+$/i.test(state)) return null

  const login = loginSchemeFor(textOf(fields, 'LD'))
  const writeToken = textOf(fields, 'RD') !== undefined ? 'required' : 'none'
  const fingerprint: ZteFingerprint = { family: familyId, login, writeToken, loginRequired: loginfo?.toLowerCase() !== 'ok' }
  const model = modelFromVersion(version)
  if (model !== undefined) fingerprint.model = model
  if (version !== undefined) fingerprint.firmware = version
  if (writeToken === 'none') {
    if (login === 'base64') fingerprint.variant = 'base64'
  } else if (/MC88[89]/i.test(version ?? '')) {
    fingerprint.adScheme = adSchemeHint(version)
    fingerprint.variant = login === 'sha256' ? 'sha256-sha256ad' : undefined
    if (fingerprint.variant === undefined) delete fingerprint.variant
  }
  return fingerprint
}
