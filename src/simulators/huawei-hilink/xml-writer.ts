// The simulator's own XML writing and request reading, deliberately independent of the driver's parser so a
// bug in one cannot hide in the other. Shapes as devices send them (reference §1.1): an XML declaration, then
// `<response>` with one element per line, or `<error><code>…</code><message></message></error>`.

export type Fields = ReadonlyArray<readonly [name: string, value: string | number]>

/** Fields with nested lists (dialup/profiles Profiles/Profile, sms-list Messages/Message). */
export type NestedFields = ReadonlyArray<readonly [name: string, value: string | number | NestedFields]>

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\r\n'

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function responseXml(fields: NestedFields): string {
  return `${DECLARATION}<response>\r\n${renderFields(fields)}\r\n</response>\r\n`
}

function renderFields(fields: NestedFields): string {
  return fields
    .map(([name, value]) => {
      if (typeof value !== 'object') return `<${name}>${escapeText(String(value))}</${name}>`
      return value.length === 0 ? `<${name}></${name}>` : `<${name}>\r\n${renderFields(value)}\r\n</${name}>`
    })
    .join('\r\n')
}

/** A setter's success: `<response>OK</response>`. */
export function okXml(): string {
  return `${DECLARATION}<response>OK</response>`
}

export function errorXml(code: number, extra: Fields = []): string {
  const more = extra.map(([name, value]) => `<${name}>${escapeText(String(value))}</${name}>`).join('')
  return `${DECLARATION}<error>\r\n<code>${code}</code>\r\n<message></message>${more}\r\n</error>\r\n`
}

/** One element of a request: its text (leaves) and its children in document order. */
export interface RequestNode {
  name: string
  text: string
  children: RequestNode[]
}

const MAX_NODES = 2000
const MAX_DEPTH = 8

/**
 * A `<request>` body as a tree, or null when it is not one (what firmware answer 100005 to). Elements, text,
 * self-closing tags and the five entities are understood; attributes, comments, CDATA and DOCTYPE are refused.
 * Deliberately its own code, not the driver's parser.
 */
export function readRequestTree(body: string): RequestNode | null {
  const text = body.replace(/^\uFEFF/, '').replace(/^\s*<\?xml[^>]*\?>/, '').trim()
  const tokens = text.split(/(<[^<>]*>)/).filter((token) => token !== '')
  const stack: RequestNode[] = []
  let root: RequestNode | null = null
  let count = 0
  for (const token of tokens) {
    if (!token.startsWith('<')) {
      const top = stack[stack.length - 1]
      if (!top) {
        if (token.trim() !== '') return null // text outside the root element
        continue
      }
      if (token.includes('>') || token.includes('<')) return null
      top.text += unescapeText(token)
      continue
    }
    const close = /^<\/([A-Za-z_][\w.-]*)\s*>$/.exec(token)
    if (close) {
      const top = stack.pop()
      if (!top || top.name !== close[1]) return null
      if (stack.length === 0) root = top
      continue
    }
    const open = /^<([A-Za-z_][\w.-]*)\s*(\/?)>$/.exec(token)
    if (!open || root !== null || ++count > MAX_NODES || stack.length >= MAX_DEPTH) return null
    const node: RequestNode = { name: open[1] ?? '', text: '', children: [] }
    stack[stack.length - 1]?.children.push(node)
    if (open[2] === '/') {
      if (stack.length === 0) root = node
    } else {
      stack.push(node)
    }
  }
  return stack.length === 0 && root?.name === 'request' ? root : null
}

/** The text of the first child called `name` (leaves only); undefined when absent. */
export function childText(node: RequestNode | undefined, name: string): string | undefined {
  const child = node?.children.find((candidate) => candidate.name === name)
  return child === undefined ? undefined : child.text
}

/** The leaf fields directly inside a request: enough for the flat ones (login, logout, SCRAM, ussd/send …). */
export function flatFields(root: RequestNode): Map<string, string> {
  const fields = new Map<string, string>()
  for (const child of root.children) if (child.children.length === 0 && !fields.has(child.name)) fields.set(child.name, child.text)
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
