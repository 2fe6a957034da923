// What an answer to GET /api/model.json means (reference §3.1–§3.2): the whole device state as one JSON object,
// with `session.secToken` (the form token every POST carries) and `session.userRole` ("Guest" until the admin
// password was accepted, then "Admin"; seen in public clients, e.g. an AirCard SMS bridge that re-reads the model
// after login and checks userRole === "Admin" [R]). A web page instead of JSON means the session is gone (an
// MR1100 monitoring client re-authenticates when it gets `<!DOCTYPE`/`<html`, decrypted/netgear-mr1100-monitor).
// Pure; never throws.
import { isJsonObject, parseJsonText, stringAt, type JsonObject } from './json'

export type NetgearRole = 'admin' | 'guest' | 'unknown'

export type ModelDocument =
  | {
      kind: 'model'
      model: JsonObject
      /** session.secToken; absent on firmware that want no token. */
      token?: string
      role: NetgearRole
      /** general.model, e.g. "MR1100", "LM1200". */
      modelName?: string
    }
  /** A login or session page: the firmware wants a (new) session before it answers. */
  | { kind: 'login-page' }

export interface ModelDocumentError {
  kind: 'empty' | 'json-error' | 'not-object' | 'not-netgear'
  message: string
}

export type ModelDocumentResult = { ok: true; document: ModelDocument } | { ok: false; error: ModelDocumentError }

export function parseModelDocument(body: string): ModelDocumentResult {
  const parsed = parseJsonText(body)
  if (!parsed.ok) {
    if (parsed.error.kind === 'html') return { ok: true, document: { kind: 'login-page' } }
    return { ok: false, error: { kind: parsed.error.kind === 'empty' ? 'empty' : 'json-error', message: parsed.error.message } }
  }
  const model = parsed.value
  if (!isJsonObject(model)) return { ok: false, error: { kind: 'not-object', message: 'the answer is JSON but not an object' } }
  if (!isJsonObject(model.session) && !isJsonObject(model.general) && !isJsonObject(model.wwan)) {
    return { ok: false, error: { kind: 'not-netgear', message: 'the answer has none of the session, general or wwan groups of a Netgear model.json' } }
  }
  const document: ModelDocument = { kind: 'model', model, role: parseRole(stringAt(model, 'session.userRole')) }
  const token = stringAt(model, 'session.secToken')
  if (token !== undefined) document.token = token
  const modelName = stringAt(model, 'general.model')
  if (modelName !== undefined) document.modelName = modelName
  return { ok: true, document }
}

export function parseRole(raw: string | undefined): NetgearRole {
  if (raw === undefined) return 'unknown'
  const role = raw.toLowerCase()
  if (role === 'admin') return 'admin'
  if (role === 'guest' || role === 'none' || role === 'anonymous') return 'guest'
  return 'unknown'
}
