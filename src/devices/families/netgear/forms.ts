// The /Forms/* write protocol of the Netgear web UI (reference §3.1): a form-urlencoded POST that carries the
// session's secToken and, by convention, where to send the browser afterwards — `ok_redirect=/success.json` and
// `err_redirect=/error.json` for settings (amelchio/eternalegypt), `/index.html` and `/index.html?loginfailed` for
// the login form (jacobhere/netgear-m5:netgear-m1.sh, andrewbackway/esphome-netgear-m5). The device answers with
// a redirect to one of the two, and the JSON pages say `{"success": true}` or `{"errno": 1, "errdetail": "<field>"}`
// (an MR2100 web-UI study, indexed public doc [R]). Firmware that answer 200/204 without a redirect are read from
// the body when it has one; otherwise the outcome is unknown and the caller checks the model. Pure.
import { asNumber, asString, isJsonObject, parseJsonText } from './json'

export interface RedirectPair {
  ok: string
  error: string
}

export const SETTINGS_REDIRECTS: RedirectPair = { ok: '/success.json', error: '/error.json' }
export const LOGIN_REDIRECTS: RedirectPair = { ok: '/index.html', error: '/index.html?loginfailed' }

export type FormOutcome =
  | { kind: 'ok' }
  | { kind: 'refused'; errno?: number; errdetail?: string }
  /** Redirected somewhere else (e.g. /sess_cd_tmp: the session is gone). */
  | { kind: 'elsewhere'; location: string }
  /** 200/204 with nothing to go by. */
  | { kind: 'unknown'; status: number }
  | { kind: 'http-error'; status: number }

export function encodeForm(fields: Readonly<Record<string, string>>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) params.append(name, value)
  return params.toString()
}

export interface FormReply {
  status: number
  /** The Location header, if any. */
  location: string | null
  body: string
  /** The URL the request went to (to resolve a relative Location). */
  url: string
}

export function interpretFormReply(reply: FormReply, redirects: RedirectPair): FormOutcome {
  if (reply.status >= 300 && reply.status < 400) {
    if (reply.location === null) return { kind: 'http-error', status: reply.status }
    const target = pathAndQuery(reply.location, reply.url)
    if (target !== undefined) {
      if (target === redirects.error) return { kind: 'refused' }
      if (target === redirects.ok) return { kind: 'ok' }
      const [targetPath, targetQuery] = splitQuery(target)
      const [errorPath, errorQuery] = splitQuery(redirects.error)
      const [okPath] = splitQuery(redirects.ok)
      // Some firmware append their own parameters to the page they redirect to [U].
      if (targetPath === errorPath && errorQuery !== '' && targetQuery.includes(errorQuery)) return { kind: 'refused' }
      if (targetPath === errorPath && errorPath !== okPath) return { kind: 'refused' }
      if (targetPath === okPath) return { kind: 'ok' }
    }
    return { kind: 'elsewhere', location: reply.location }
  }
  if (reply.status >= 400) return { kind: 'http-error', status: reply.status }
  return interpretResultBody(reply.body, reply.status)
}

/** The body of /success.json or /error.json (or of a 200 that carries one of them directly). */
export function interpretResultBody(body: string, status = 200): FormOutcome {
  const parsed = parseJsonText(body)
  if (!parsed.ok || !isJsonObject(parsed.value)) return { kind: 'unknown', status }
  const value = parsed.value
  if (value.success === true || asString(value.success) === 'true') return { kind: 'ok' }
  const errno = asNumber(value.errno)
  if (errno !== undefined && errno !== 0) {
    const outcome: FormOutcome = { kind: 'refused', errno }
    const detail = asString(value.errdetail)
    if (detail !== undefined) outcome.errdetail = detail
    return outcome
  }
  if (value.success === false) return { kind: 'refused' }
  return { kind: 'unknown', status }
}

function pathAndQuery(location: string, base: string): string | undefined {
  try {
    const url = new URL(location, base)
    return url.pathname + url.search
  } catch {
    return undefined
  }
}

function splitQuery(target: string): [string, string] {
  const at = target.indexOf('?')
  return at < 0 ? [target, ''] : [target.slice(0, at), target.slice(at + 1)]
}
