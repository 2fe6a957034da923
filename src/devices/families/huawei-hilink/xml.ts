// A tiny, safe XML reader/writer for the flat documents Huawei's /api answers with
// (`<response>…</response>`, `<error><code>…</code></error>`). Pure: it never throws on bad input and returns a
// typed error instead. It refuses DOCTYPE (no entity expansion), caps size and depth, understands the five
// predefined entities, numeric character references, CDATA, comments and processing instructions.
// Source for the shapes: reference/device-protocols.md §1.1 (Salamek/huawei-lte-api:huawei_lte_api/Session.py).

export interface XmlElement {
  name: string
  attributes: Readonly<Record<string, string>>
  children: XmlElement[]
  /** All character data directly inside this element (text and CDATA), entities decoded, not trimmed. */
  text: string
}

export interface XmlError {
  kind: 'xml-error'
  message: string
  offset: number
}

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; error: XmlError }

/** A leaf is its text; an element with child elements is a record; repeated names become arrays. */
export type XmlField = string | XmlRecord | ReadonlyArray<string | XmlRecord>
export interface XmlRecord {
  readonly [name: string]: XmlField
}

export interface XmlLimits {
  maxLength: number
  maxDepth: number
}

const DEFAULT_LIMITS: XmlLimits = { maxLength: 1024 * 1024, maxDepth: 32 }
const NAME_START = /[A-Za-z_:]/
const NAME_CHAR = /[A-Za-z0-9_:.-]/

class XmlFailure {
  constructor(
    readonly message: string,
    readonly offset: number
  ) {}
}

export function parseXml(input: string, limits: XmlLimits = DEFAULT_LIMITS): XmlParseResult {
  if (typeof input !== 'string') return fail('input is not text', 0)
  if (input.length > limits.maxLength) return fail(`document is longer than ${limits.maxLength} characters`, 0)
  const reader = new Reader(input, limits)
  try {
    const root = reader.document()
    return { ok: true, root }
  } catch (error) {
    // Only our own XmlFailure is expected here; anything else is still reported, never rethrown.
    if (error instanceof XmlFailure) return fail(error.message, error.offset)
    return fail(error instanceof Error ? error.message : 'unexpected parser failure', reader.position)
  }
}

function fail(message: string, offset: number): XmlParseResult {
  return { ok: false, error: { kind: 'xml-error', message, offset } }
}

class Reader {
  position = 0

  constructor(
    private readonly s: string,
    private readonly limits: XmlLimits
  ) {}

  document(): XmlElement {
    if (this.s.charCodeAt(0) === 0xfeff) this.position = 1
    this.misc()
    if (this.s.startsWith('<!DOCTYPE', this.position) || this.s.startsWith('<!doctype', this.position)) {
      this.fail('DOCTYPE is not allowed')
    }
    if (this.s[this.position] !== '<') this.fail(this.position >= this.s.length ? 'empty document' : 'expected an element')
    const root = this.element(1)
    this.misc()
    if (this.position < this.s.length) this.fail('content after the root element')
    return root
  }

  /** Whitespace, comments and processing instructions (including the XML declaration). */
  private misc(): void {
    for (;;) {
      this.skipWhitespace()
      if (this.s.startsWith('<?', this.position)) this.skipPast('?>', 'processing instruction')
      else if (this.s.startsWith('<!--', this.position)) this.skipPast('-->', 'comment')
      else return
    }
  }

  private element(depth: number): XmlElement {
    if (depth > this.limits.maxDepth) this.fail(`elements nested deeper than ${this.limits.maxDepth}`)
    this.expect('<')
    const name = this.name()
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>
    for (;;) {
      const hadSpace = this.skipWhitespace()
      const c = this.s[this.position]
      if (c === '/') {
        this.expect('/>')
        return { name, attributes, children: [], text: '' }
      }
      if (c === '>') {
        this.position++
        break
      }
      if (c === undefined) this.fail(`unterminated start tag <${name}>`)
      if (!hadSpace) this.fail(`expected whitespace before an attribute in <${name}>`)
      const attrName = this.name()
      this.skipWhitespace()
      this.expect('=')
      this.skipWhitespace()
      const quote = this.s[this.position]
      if (quote !== '"' && quote !== "'") this.fail('attribute value must be quoted')
      const end = this.s.indexOf(quote, this.position + 1)
      if (end < 0) this.fail('unterminated attribute value')
      const raw = this.s.slice(this.position + 1, end)
      if (raw.includes('<')) this.fail('"<" inside an attribute value')
      attributes[attrName] = decodeEntities(raw)
      this.position = end + 1
    }

    const children: XmlElement[] = []
    let text = ''
    for (;;) {
      const lt = this.s.indexOf('<', this.position)
      if (lt < 0) this.fail(`<${name}> is never closed`)
      text += decodeEntities(this.s.slice(this.position, lt))
      this.position = lt
      if (this.s.startsWith('</', lt)) {
        this.position += 2
        const closing = this.name()
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`)
        this.skipWhitespace()
        this.expect('>')
        return { name, attributes, children, text }
      }
      if (this.s.startsWith('<![CDATA[', lt)) {
        const end = this.s.indexOf(']]>', lt + 9)
        if (end < 0) this.fail('unterminated CDATA section')
        text += this.s.slice(lt + 9, end)
        this.position = end + 3
      } else if (this.s.startsWith('<!--', lt)) {
        this.skipPast('-->', 'comment')
      } else if (this.s.startsWith('<?', lt)) {
        this.skipPast('?>', 'processing instruction')
      } else if (this.s.startsWith('<!', lt)) {
        this.fail('declarations are not allowed inside elements')
      } else {
        children.push(this.element(depth + 1))
      }
    }
  }

  private name(): string {
    const start = this.position
    if (!NAME_START.test(this.s[start] ?? '')) this.fail('expected a name')
    let end = start + 1
    while (end < this.s.length && NAME_CHAR.test(this.s[end] ?? '')) end++
    this.position = end
    return this.s.slice(start, end)
  }

  private skipWhitespace(): boolean {
    const start = this.position
    while (this.position < this.s.length && /\s/.test(this.s[this.position] ?? '')) this.position++
    return this.position > start
  }

  private skipPast(terminator: string, what: string): void {
    const end = this.s.indexOf(terminator, this.position + 2)
    if (end < 0) this.fail(`unterminated ${what}`)
    this.position = end + terminator.length
  }

  private expect(token: string): void {
    if (!this.s.startsWith(token, this.position)) this.fail(`expected "${token}"`)
    this.position += token.length
  }

  private fail(message: string): never {
    throw new XmlFailure(message, this.position)
  }
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/**
 * Decode the predefined entities and numeric references. A "&" that starts no valid reference is kept
 * literally: some firmware writes raw "&" into free-text fields (SSIDs, operator names), and refusing the
 * whole document over it would blank the dashboard.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,4});/g, (match, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff))
      return valid ? String.fromCodePoint(code) : match
    }
    return NAMED_ENTITIES[ref] ?? match
  })
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${c === '&' ? 'amp' : c === '<' ? 'lt' : c === '>' ? 'gt' : c === '"' ? 'quot' : 'apos'};`)
}

/** A leaf element becomes its text, an element with children a record. */
export function elementToField(element: XmlElement): string | XmlRecord {
  return element.children.length === 0 ? element.text : elementToRecord(element)
}

/** Group child elements by name; a name that repeats becomes an array (document order kept). */
export function elementToRecord(element: XmlElement): XmlRecord {
  const record: Record<string, XmlField> = Object.create(null) as Record<string, XmlField>
  for (const child of element.children) {
    const value = elementToField(child)
    const existing = record[child.name]
    if (existing === undefined) record[child.name] = value
    else if (Array.isArray(existing)) record[child.name] = [...(existing as ReadonlyArray<string | XmlRecord>), value]
    else record[child.name] = [existing as string | XmlRecord, value]
  }
  return record
}

/**
 * Lists come back as a single element when there is exactly one, and as nothing when there are none
 * (reference §1.1): always hand callers an array.
 */
export function asList(field: XmlField | undefined): ReadonlyArray<string | XmlRecord> {
  if (field === undefined) return []
  if (Array.isArray(field)) return field as ReadonlyArray<string | XmlRecord>
  if (typeof field === 'string') return field.trim() === '' ? [] : [field]
  return [field as XmlRecord]
}

/** The trimmed text of a leaf child, or undefined when absent, empty or not a leaf. */
export function textOf(record: XmlRecord | undefined, name: string): string | undefined {
  if (record === undefined) return undefined
  let field = record[name]
  if (Array.isArray(field)) field = (field as ReadonlyArray<string | XmlRecord>)[0]
  if (typeof field !== 'string') return undefined
  const trimmed = field.trim()
  return trimmed === '' ? undefined : trimmed
}

/** Like textOf, but tries several spellings (firmware differ in case: DeviceName / devicename). */
export function textOfAny(record: XmlRecord | undefined, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = textOf(record, name)
    if (value !== undefined) return value
  }
  return undefined
}

export type XmlWritable = string | number | boolean | XmlWritableRecord | ReadonlyArray<string | number | XmlWritableRecord>
export interface XmlWritableRecord {
  readonly [name: string]: XmlWritable | undefined
}

/** Serialize `{ Username: 'admin' }` to `<?xml …?><request><Username>admin</Username></request>`. */
export function serializeRequest(fields: XmlWritableRecord, rootName = 'request'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><${rootName}>${serializeFields(fields)}</${rootName}>`
}

function serializeFields(fields: XmlWritableRecord): string {
  let out = ''
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) continue // never emit a malformed tag
    const values = Array.isArray(value) ? (value as ReadonlyArray<string | number | XmlWritableRecord>) : [value]
    for (const item of values) {
      const inner = typeof item === 'object' ? serializeFields(item as XmlWritableRecord) : escapeXml(String(item))
      out += `<${name}>${inner}</${name}>`
    }
  }
  return out
}

/**
 * Decode a body as UTF-8, first repairing CESU-8: some firmware encode characters outside the BMP (emoji in
 * SMS) as two 3-byte surrogate sequences (reference §1.1; Salamek/huawei-lte-api:huawei_lte_api/Session.py
 * cesu8_fix). Never throws: invalid bytes become U+FFFD.
 */
export function decodeHuaweiText(bytes: Uint8Array): string {
  if (!bytes.includes(0xed)) return new TextDecoder('utf-8').decode(bytes)
  const out: number[] = []
  let i = 0
  while (i < bytes.length) {
    if (isCesu8Pair(bytes, i)) {
      const high = 0xd000 | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f)
      const low = 0xd000 | ((bytes[i + 4] & 0x3f) << 6) | (bytes[i + 5] & 0x3f)
      const code = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
      out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f))
      i += 6
    } else {
      out.push(bytes[i])
      i++
    }
  }
  return new TextDecoder('utf-8').decode(Uint8Array.from(out))
}

// ED A0–AF xx ED B0–BF xx: a high surrogate followed by a low surrogate, each as a 3-byte sequence.
function isCesu8Pair(bytes: Uint8Array, i: number): boolean {
  return (
    i + 5 < bytes.length &&
    bytes[i] === 0xed &&
    (bytes[i + 1] & 0xf0) === 0xa0 &&
    (bytes[i + 2] & 0xc0) === 0x80 &&
    bytes[i + 3] === 0xed &&
    (bytes[i + 4] & 0xf0) === 0xb0 &&
    (bytes[i + 5] & 0xc0) === 0x80
  )
}
