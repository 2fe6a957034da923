// Reading goform answers. The GoAhead web server of ZTE devices serves JSON as text/plain and is not strict
// about it: the stock web UI re-parses a body that failed with every "\r" removed (anysoft/mifi-tools:
// webs/mf761/web/js/com.js, the ajax error branch), and MF79RU firmware B02 puts raw control bytes inside
// string values (public MF79RU integration guide, indexed copy, §9.3). So parsing here is lenient in exactly
// those ways and never throws: a body we cannot read is an error value.
// Values are strings on every firmware (reference §2.1); numbers and booleans are turned into strings, null
// into '', and lists (sms_data_total's "messages") are kept as they are for their own parsers.

export type GoformObject = Readonly<Record<string, unknown>>
/** The scalar fields of an answer, each as the string the firmware sent. */
export type GoformFields = Readonly<Record<string, string>>

export interface GoformJsonError {
  kind: 'empty' | 'not-json' | 'not-object'
  message: string
}

export type GoformJsonResult = { ok: true; value: GoformObject } | { ok: false; error: GoformJsonError }

/** Larger answers are refused: a status answer is a few KiB, a full SMS page well under 1 MiB. */
const MAX_TEXT = 4 * 1024 * 1024

export function parseGoformJson(text: unknown): GoformJsonResult {
  if (typeof text !== 'string') return fail('not-json', 'the answer is not text')
  if (text.length > MAX_TEXT) return fail('not-json', `the answer is too large (${text.length} characters)`)
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (trimmed === '') return fail('empty', 'the device sent an empty answer')
  let value = tryParse(trimmed)
  // Raw control characters inside strings (stray \r, \x01 in an SMS sender): escape them and try again.
  if (value === NOT_JSON) value = tryParse(escapeControlsInStrings(trimmed))
  if (value === NOT_JSON) return fail('not-json', `the answer is not JSON: ${preview(trimmed)}`)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail('not-object', `the answer is JSON but not an object: ${preview(trimmed)}`)
  }
  return { ok: true, value: value as GoformObject }
}

/** The scalar fields of an answer as strings (lists and objects are left out). */
export function fieldsOf(value: GoformObject): GoformFields {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [name, raw] of Object.entries(value)) {
    if (typeof raw === 'string') fields[name] = raw
    else if (typeof raw === 'number' && Number.isFinite(raw)) fields[name] = String(raw)
    else if (typeof raw === 'boolean') fields[name] = raw ? '1' : '0'
    else if (raw === null) fields[name] = ''
  }
  return fields
}

/** A field's value trimmed, or undefined when it is absent or blank ("" means "not known" on goform). */
export function textOf(fields: GoformFields | undefined, name: string): string | undefined {
  if (fields === undefined || !Object.prototype.hasOwnProperty.call(fields, name)) return undefined
  const value = fields[name]
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

/** The first of several field names that has a value (firmware differ: msisdn / sim_msisdn …). */
export function textOfAny(fields: GoformFields | undefined, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = textOf(fields, name)
    if (value !== undefined) return value
  }
  return undefined
}

const NOT_JSON = Symbol('not-json')

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return NOT_JSON
  }
}

/** Escape U+0000–U+001F inside JSON strings; everything outside strings is left alone. */
export function escapeControlsInStrings(text: string): string {
  let out = ''
  let inString = false
  let escaped = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string
    const code = char.charCodeAt(0)
    if (inString) {
      if (escaped) {
        escaped = false
        out += char
      } else if (char === '\\') {
        escaped = true
        out += char
      } else if (char === '"') {
        inString = false
        out += char
      } else if (code < 0x20) {
        out += `\\u${code.toString(16).padStart(4, '0')}`
      } else {
        out += char
      }
    } else {
      if (char === '"') inString = true
      out += char
    }
  }
  return out
}

function preview(text: string): string {
  const flat = replaceControls(text, ' ')
  return flat.length > 60 ? `${JSON.stringify(flat.slice(0, 60))}…` : JSON.stringify(flat)
}

/** Every C0 control character and DEL replaced (no control characters in a regular expression, for lint). */
export function replaceControls(text: string, replacement = ''): string {
  let out = ''
  for (const char of text) {
    const code = char.charCodeAt(0)
    out += code < 0x20 || code === 0x7f ? replacement : char
  }
  return out
}

function fail(kind: GoformJsonError['kind'], message: string): GoformJsonResult {
  return { ok: false, error: { kind, message } }
}
