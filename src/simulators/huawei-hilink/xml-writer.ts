// The simulator's own XML writing and request reading, deliberately independent of the driver's parser so a
// bug in one cannot hide in the other. Shapes as devices send them (reference §1.1): an XML declaration, then
// `<response>` with one element per line, or `<error><code>…</code><message></message></error>`.

export type Fields = ReadonlyArray<readonly [name: string, value: string | number]>

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\r\n'

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function responseXml(fields: Fields): string {
  const body = fields.map(([name, value]) => `<${name}>${escapeText(String(value))}</${name}>`).join('\r\n')
  return `${DECLARATION}<response>\r\n${body}\r\n</response>\r\n`
}

/** A setter's success: `<response>OK</response>`. */
export function okXml(): string {
  return `${DECLARATION}<response>OK</response>`
}

export function errorXml(code: number, extra: Fields = []): string {
  const more = extra.map(([name, value]) => `<${name}>${escapeText(String(value))}</${name}>`).join('')
  return `${DECLARATION}<error>\r\n<code>${code}</code>\r\n<message></message>${more}\r\n</error>\r\n`
}

/**
 * The leaf fields of a flat `<request>` body, or null when the body is not one. Enough for every request the
 * simulator accepts (login, logout, SCRAM, start_date); nested elements are ignored.
 */
export function readRequest(body: string): Map<string, string> | null {
  const text = body.replace(/^\uFEFF/, '').replace(/<\?xml[^>]*\?>/, '').trim()
  const root = /^<request>([\s\S]*)<\/request>$/.exec(text)
  if (!root) return null
  const fields = new Map<string, string>()
  for (const match of (root[1] ?? '').matchAll(/<([A-Za-z_][\w.-]*)>([^<]*)<\/\1>|<([A-Za-z_][\w.-]*)\s*\/>/g)) {
    if (match[3] !== undefined) fields.set(match[3], '')
    else fields.set(match[1] ?? '', unescapeText(match[2] ?? ''))
  }
  return fields
}

function unescapeText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d{1,7});/g, (match, n: string) => (Number(n) <= 0x10ffff ? String.fromCodePoint(Number(n)) : match))
    .replace(/&amp;/g, '&')
}
