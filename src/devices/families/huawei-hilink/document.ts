// What a Huawei /api answer means: a `<response>` (fields, or the literal "OK" of a setter) or an
// `<error><code>NNNNNN</code><message/></error>` (reference §1.1, §1.14). Also reads the CSRF tokens out of the
// home page (§1.2). Pure; bad input comes back as a typed error, never as an exception.
import { elementToRecord, parseXml, textOf, type XmlRecord } from './xml'

export type HuaweiDocument =
  | {
      kind: 'response'
      /** The child elements; empty for a setter's `<response>OK</response>`. */
      record: XmlRecord
      /** The text directly inside `<response>` ("OK" for setters). */
      text: string
    }
  | {
      kind: 'error'
      code: number
      message: string
      /** Every child of `<error>` (some firmware add waittime, remaincount …). */
      record: XmlRecord
    }

export interface HuaweiDocumentError {
  kind: 'empty' | 'xml-error' | 'unexpected-root' | 'bad-error-code'
  message: string
}

export type HuaweiDocumentResult = { ok: true; document: HuaweiDocument } | { ok: false; error: HuaweiDocumentError }

export function parseHuaweiDocument(body: string): HuaweiDocumentResult {
  if (body.trim() === '') return { ok: false, error: { kind: 'empty', message: 'the device sent an empty answer' } }
  const parsed = parseXml(body)
  if (!parsed.ok) {
    return { ok: false, error: { kind: 'xml-error', message: `${parsed.error.message} (at character ${parsed.error.offset})` } }
  }
  const root = parsed.root
  if (root.name === 'response') {
    return { ok: true, document: { kind: 'response', record: elementToRecord(root), text: root.children.length === 0 ? root.text.trim() : '' } }
  }
  if (root.name === 'error') {
    const record = elementToRecord(root)
    const rawCode = textOf(record, 'code')
    const code = rawCode !== undefined && /^-?\d{1,9}$/.test(rawCode) ? Number(rawCode) : NaN
    if (!Number.isSafeInteger(code)) {
      return { ok: false, error: { kind: 'bad-error-code', message: `the device sent an <error> without a numeric code (${rawCode ?? 'none'})` } }
    }
    return { ok: true, document: { kind: 'error', code, message: textOf(record, 'message') ?? '', record } }
  }
  return { ok: false, error: { kind: 'unexpected-root', message: `expected <response> or <error>, got <${root.name}>` } }
}

/**
 * The CSRF tokens from `<meta name="csrf_token" content="…">` tags on the home page; newer firmware emit two
 * (reference §1.2; Salamek/huawei-lte-api:huawei_lte_api/Session.py reads them with a regex). Attribute order
 * and quoting are not relied on.
 */
export function extractCsrfTokens(html: string): string[] {
  const tokens: string[] = []
  for (const match of html.matchAll(/<meta\b([^>]*)>/gi)) {
    const attributes = parseTagAttributes(match[1] ?? '')
    if (attributes.name?.toLowerCase() !== 'csrf_token') continue
    const content = attributes.content?.trim()
    if (content && /^[\x21-\x7e]+$/.test(content)) tokens.push(content)
  }
  return tokens
}

function parseTagAttributes(source: string): Record<string, string | undefined> {
  const attributes: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>
  for (const match of source.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+))/g)) {
    const name = (match[1] ?? '').toLowerCase()
    attributes[name] = match[2] ?? match[3] ?? match[4] ?? ''
  }
  return attributes
}
