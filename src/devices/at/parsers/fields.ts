// Shared tokenizing for the AT parsers: line clean-up, prefix stripping and 27.007-style field splitting
// (comma-separated, strings in double quotes, lists in parentheses). Everything here tolerates any input.
import { parseFinalResult } from '../result-codes'
import { fail, ok, type ParseResult } from '../result'

/** Split raw input into trimmed, non-empty lines. Accepts a string or an array of strings; anything else is empty. */
export function toLines(input: unknown): string[] {
  const pieces: string[] = []
  if (typeof input === 'string') pieces.push(input)
  else if (Array.isArray(input)) for (const item of input) if (typeof item === 'string') pieces.push(item)
  const lines: string[] = []
  for (const piece of pieces) {
    for (const line of piece.split(/\r\n|\r|\n/)) {
      const trimmed = line.trim()
      if (trimmed.length > 0) lines.push(trimmed)
    }
  }
  return lines
}

// An echoed command line ("AT+CSQ", "ATE0", "ATI") — not text that merely starts with the letters AT.
const ECHO_LINE = /^AT(?:$|[+^$%#!&*][A-Z0-9]|[A-Z]\d*$|[A-Z]\d*[+^&;])/i

/**
 * The information lines of a reply: blank lines, echoes and a trailing OK removed. An error result anywhere
 * (ERROR, +CME ERROR …) turns the whole input into a 'device-error', because the caller passed a failed reply.
 */
export function informationLines(input: unknown): ParseResult<string[]> {
  const lines: string[] = []
  for (const line of toLines(input)) {
    const final = parseFinalResult(line, { callControl: false })
    if (final) {
      if (final.kind === 'ok') continue
      return fail('device-error', `the modem answered ${line}`, input)
    }
    if (ECHO_LINE.test(line)) continue
    lines.push(line)
  }
  return ok(lines)
}

/** The text after `prefix` (e.g. "+CSQ:"), matched case-insensitively; undefined when the line has another prefix. */
export function stripPrefix(line: string, prefix: string): string | undefined {
  if (line.length < prefix.length) return undefined
  if (line.slice(0, prefix.length).toUpperCase() !== prefix.toUpperCase()) return undefined
  return line.slice(prefix.length).trim()
}

/** The bodies of every line carrying one of the prefixes, in order. */
export function prefixedBodies(lines: readonly string[], prefixes: readonly string[]): string[] {
  const bodies: string[] = []
  for (const line of lines) {
    for (const prefix of prefixes) {
      const body = stripPrefix(line, prefix)
      if (body !== undefined) {
        bodies.push(body)
        break
      }
    }
  }
  return bodies
}

/**
 * Split a 27.007 parameter list on commas that are outside double quotes and parentheses. Tokens are trimmed
 * (quoted tokens keep their quotes so callers can tell `"1"` from `1`). Unbalanced quotes or parentheses never
 * throw: the rest of the line just stays in the last token.
 */
export function splitFields(text: string): string[] {
  const fields: string[] = []
  let current = ''
  let inQuotes = false
  let depth = 0
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes
    else if (!inQuotes && char === '(') depth++
    else if (!inQuotes && char === ')') depth = Math.max(0, depth - 1)
    if (char === ',' && !inQuotes && depth === 0) {
      fields.push(current.trim())
      current = ''
    } else {
      current += char
    }
  }
  fields.push(current.trim())
  return fields
}

export function isQuoted(token: string | undefined): boolean {
  return token !== undefined && token.length >= 2 && token.startsWith('"') && token.endsWith('"')
}

/** Remove one pair of surrounding double quotes (and a lone leading/trailing one from a cut line). */
export function unquote(token: string | undefined): string {
  if (token === undefined) return ''
  let text = token.trim()
  if (text.startsWith('"')) text = text.slice(1)
  if (text.endsWith('"')) text = text.slice(0, -1)
  return text
}

/** A decimal integer field ("5", "005", "-104", "\"3\""); undefined for empty, "-" or anything else. */
export function toInt(token: string | undefined): number | undefined {
  const text = unquote(token).trim()
  if (!/^[+-]?\d{1,15}$/.test(text)) return undefined
  return Number.parseInt(text, 10)
}

/** A hexadecimal field such as a LAC/TAC/cell id ("8BE3", "\"00002BAF\"", "0x1F00"). */
export function toHex(token: string | undefined): { text: string; value: number } | undefined {
  let text = unquote(token).trim().replace(/\s+/g, '')
  if (/^0x/i.test(text)) text = text.slice(2)
  if (!/^[0-9A-Fa-f]{1,13}$/.test(text)) return undefined
  return { text: text.toUpperCase(), value: Number.parseInt(text, 16) }
}

/** A decimal number that may carry a fraction ("-10.5"); undefined otherwise. */
export function toDecimal(token: string | undefined): number | undefined {
  const text = unquote(token).trim()
  if (!/^[+-]?\d{1,9}(?:\.\d{1,6})?$/.test(text)) return undefined
  return Number.parseFloat(text)
}
