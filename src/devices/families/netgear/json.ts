// Safe reading of Netgear's model.json: a tolerant JSON parse that returns an error value instead of throwing,
// and typed look-ups by dotted path ("wwan.signalStrength.rsrp"). Firmware differ in whether numbers arrive as
// numbers or strings (wwan.dataTransferred is a number on some models and `{totalb,rxb,txb}` strings on others,
// reference §3.2), so the accessors accept both. Only own properties are read: a body such as
// `{"__proto__": …}` or `{"constructor": …}` never reaches Object.prototype.

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject
export interface JsonObject {
  [key: string]: JsonValue
}

export interface JsonTextError {
  kind: 'empty' | 'html' | 'json-error'
  message: string
}

export type JsonTextResult = { ok: true; value: JsonValue } | { ok: false; error: JsonTextError }

/** Parse a response body. A body that starts with '<' is reported as 'html' (a login or redirect page). */
export function parseJsonText(body: string): JsonTextResult {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, error: { kind: 'empty', message: 'the device sent an empty answer' } }
  if (trimmed.startsWith('<')) return { ok: false, error: { kind: 'html', message: 'the device sent a web page instead of JSON' } }
  try {
    return { ok: true, value: JSON.parse(trimmed) as JsonValue }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { ok: false, error: { kind: 'json-error', message: `the answer is not valid JSON (${detail})` } }
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function own(object: JsonObject, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined
}

/** The value at a dotted path, or undefined when any step is missing or not an object. */
export function at(root: JsonValue | undefined, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = root
  for (const key of path.split('.')) {
    if (!isJsonObject(current)) return undefined
    current = own(current, key)
  }
  return current
}

export function objectAt(root: JsonValue | undefined, path: string): JsonObject | undefined {
  const value = at(root, path)
  return isJsonObject(value) ? value : undefined
}

export function arrayAt(root: JsonValue | undefined, path: string): JsonValue[] | undefined {
  const value = at(root, path)
  return Array.isArray(value) ? value : undefined
}

/** A non-empty, trimmed string; numbers are given as their decimal text. */
export function stringAt(root: JsonValue | undefined, path: string): string | undefined {
  return asString(at(root, path))
}

export function asString(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim()
    return trimmed === '' ? undefined : trimmed
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** A finite number, from a JSON number or a decimal string ("-95", "12.5"). */
export function numberAt(root: JsonValue | undefined, path: string): number | undefined {
  return asNumber(at(root, path))
}

export function asNumber(value: JsonValue | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(value)) {
    const parsed = Number(value)
    return Number.isFinite(parsed) ? parsed : undefined
  }
  return undefined
}

/** true/false from a JSON boolean or the strings "true"/"false" (any case). */
export function boolAt(root: JsonValue | undefined, path: string): boolean | undefined {
  const value = at(root, path)
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase()
    if (text === 'true') return true
    if (text === 'false') return false
  }
  return undefined
}
