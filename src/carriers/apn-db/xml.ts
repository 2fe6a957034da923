// A small, safe XML reader for the two APN source files (GNOME serviceproviders.xml, Android apns-conf.xml).
// Safe means: no entity declarations (a DOCTYPE with an internal subset is refused; an external DTD reference
// is skipped, never fetched), only the five predefined entities and numeric character references, size, depth
// and element-count limits, and no recursion (an explicit stack), so hostile input cannot expand, hang or
// overflow. It returns a typed error instead of throwing.

export interface XmlNode {
  name: string
  attributes: Readonly<Record<string, string>>
  children: XmlNode[]
  /** Character data directly inside this element (text and CDATA), entities decoded, not trimmed. */
  text: string
  /** 1-based line of the start tag, for messages. */
  line: number
}

export interface XmlLimits {
  maxLength: number
  maxDepth: number
  maxElements: number
}

export type XmlResult = { ok: true; root: XmlNode } | { ok: false; error: { message: string; line: number } }

export const DEFAULT_XML_LIMITS: XmlLimits = { maxLength: 16 * 1024 * 1024, maxDepth: 64, maxElements: 500_000 }

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

class Failure {
  constructor(
    readonly message: string,
    readonly offset: number
  ) {}
}

export function parseXmlDocument(input: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlResult {
  if (typeof input !== 'string') return { ok: false, error: { message: 'input is not text', line: 0 } }
  if (input.length > limits.maxLength) {
    return { ok: false, error: { message: `document is longer than ${limits.maxLength} characters`, line: 0 } }
  }
  try {
    return { ok: true, root: parse(input, limits) }
  } catch (error) {
    if (error instanceof Failure) return { ok: false, error: { message: error.message, line: lineAt(input, error.offset) } }
    return { ok: false, error: { message: error instanceof Error ? error.message : String(error), line: 0 } }
  }
}

function parse(text: string, limits: XmlLimits): XmlNode {
  let pos = 0
  let root: XmlNode | undefined
  const stack: XmlNode[] = []
  let elements = 0
  let line = 1
  let lineCountedTo = 0
  const lineOf = (offset: number) => {
    for (let index = lineCountedTo; index < offset; index++) if (text.charCodeAt(index) === 10) line++
    lineCountedTo = offset
    return line
  }

  if (text.charCodeAt(0) === 0xfeff) pos = 1
  while (pos < text.length) {
    const lt = text.indexOf('<', pos)
    const chunkEnd = lt === -1 ? text.length : lt
    if (chunkEnd > pos) {
      const chunk = text.slice(pos, chunkEnd)
      const top = stack[stack.length - 1]
      if (top) top.text += decode(chunk, pos)
      else if (chunk.trim() !== '') throw new Failure('text outside the root element', pos)
    }
    if (lt === -1) break
    pos = lt
    if (text.startsWith('<!--', pos)) {
      const end = text.indexOf('-->', pos + 4)
      if (end === -1) throw new Failure('unterminated comment', pos)
      pos = end + 3
    } else if (text.startsWith('<![CDATA[', pos)) {
      const end = text.indexOf(']]>', pos + 9)
      if (end === -1) throw new Failure('unterminated CDATA section', pos)
      const top = stack[stack.length - 1]
      if (!top) throw new Failure('CDATA outside the root element', pos)
      top.text += text.slice(pos + 9, end)
      pos = end + 3
    } else if (text.startsWith('<?', pos)) {
      const end = text.indexOf('?>', pos + 2)
      if (end === -1) throw new Failure('unterminated processing instruction', pos)
      pos = end + 2
    } else if (text.startsWith('<!DOCTYPE', pos)) {
      if (root || stack.length > 0) throw new Failure('DOCTYPE after the root element started', pos)
      const end = text.indexOf('>', pos)
      if (end === -1) throw new Failure('unterminated DOCTYPE', pos)
      // An internal subset ("[ ... ]") could declare entities; refuse it rather than interpret it.
      if (text.slice(pos, end).includes('[')) throw new Failure('DOCTYPE with an internal subset is not accepted', pos)
      pos = end + 1
    } else if (text.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2
      const match = NAME.exec(text)
      if (!match) throw new Failure('malformed end tag', pos)
      const name = match[0]
      let cursor = pos + 2 + name.length
      while (cursor < text.length && isSpace(text.charCodeAt(cursor))) cursor++
      if (text[cursor] !== '>') throw new Failure(`malformed end tag </${name}>`, pos)
      const open = stack.pop()
      if (!open) throw new Failure(`end tag </${name}> without a start tag`, pos)
      if (open.name !== name) throw new Failure(`</${name}> closes <${open.name}> (line ${open.line})`, pos)
      pos = cursor + 1
    } else if (text.startsWith('<!', pos)) {
      throw new Failure('unsupported markup declaration', pos)
    } else {
      const start = pos
      NAME.lastIndex = pos + 1
      const match = NAME.exec(text)
      if (!match) throw new Failure('malformed start tag', pos)
      const name = match[0]
      let cursor = pos + 1 + name.length
      const attributes: Record<string, string> = Object.create(null) as Record<string, string>
      let selfClosing = false
      for (;;) {
        const before = cursor
        while (cursor < text.length && isSpace(text.charCodeAt(cursor))) cursor++
        if (cursor >= text.length) throw new Failure(`unterminated start tag <${name}>`, start)
        if (text[cursor] === '>') {
          cursor++
          break
        }
        if (text.startsWith('/>', cursor)) {
          selfClosing = true
          cursor += 2
          break
        }
        if (cursor === before) throw new Failure(`attributes of <${name}> need spaces between them`, cursor)
        NAME.lastIndex = cursor
        const attr = NAME.exec(text)
        if (!attr) throw new Failure(`malformed attribute in <${name}>`, cursor)
        cursor += attr[0].length
        while (cursor < text.length && isSpace(text.charCodeAt(cursor))) cursor++
        if (text[cursor] !== '=') throw new Failure(`attribute ${attr[0]} in <${name}> has no value`, cursor)
        cursor++
        while (cursor < text.length && isSpace(text.charCodeAt(cursor))) cursor++
        const quote = text[cursor]
        if (quote !== '"' && quote !== "'") throw new Failure(`attribute ${attr[0]} in <${name}> is not quoted`, cursor)
        const close = text.indexOf(quote, cursor + 1)
        if (close === -1) throw new Failure(`unterminated attribute ${attr[0]} in <${name}>`, cursor)
        const raw = text.slice(cursor + 1, close)
        if (raw.includes('<')) throw new Failure(`"<" inside attribute ${attr[0]}`, cursor)
        if (attr[0] in attributes) throw new Failure(`duplicate attribute ${attr[0]} in <${name}>`, cursor)
        attributes[attr[0]] = decode(raw, cursor + 1)
        cursor = close + 1
      }
      if (++elements > limits.maxElements) throw new Failure(`more than ${limits.maxElements} elements`, start)
      const node: XmlNode = { name, attributes, children: [], text: '', line: lineOf(start) }
      const parent = stack[stack.length - 1]
      if (parent) parent.children.push(node)
      else if (root) throw new Failure('a second root element', start)
      else root = node
      if (!selfClosing) {
        if (stack.length + 1 > limits.maxDepth) throw new Failure(`elements nested deeper than ${limits.maxDepth}`, start)
        stack.push(node)
      }
      pos = cursor
    }
  }
  const open = stack[stack.length - 1]
  if (open) throw new Failure(`<${open.name}> (line ${open.line}) is never closed`, text.length)
  if (!root) throw new Failure('no root element', 0)
  return root
}

function decode(raw: string, offset: number): string {
  if (!raw.includes('&')) return raw
  return raw.replace(/&([^;&\s]{0,12});?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new Failure(`bare "&" (write &amp;)`, offset)
    if (body in PREDEFINED) return PREDEFINED[body] ?? ''
    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|(\d{1,7}))$/.exec(body)
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2])
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new Failure(`invalid character reference ${whole}`, offset)
      return String.fromCodePoint(code)
    }
    throw new Failure(`unknown entity ${whole} (only the five XML entities and character references are accepted)`, offset)
  })
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let index = 0; index < offset && index < text.length; index++) if (text.charCodeAt(index) === 10) line++
  return line
}

/** Child elements named `name`. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((child) => child.name === name)
}

export function firstChild(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((child) => child.name === name)
}
