// The value every AT parser and codec returns: a typed value or a typed error, never an exception.
// Modems send truncated lines, vendor variants and line noise; a parser that throws would take a poll
// (or the whole host) down with it, so failures are data the caller can log and move past.

export type ParseErrorKind =
  | 'empty' // nothing to parse (no information line)
  | 'missing' // the expected line or field is absent
  | 'malformed' // present but not in a shape we understand
  | 'out-of-range' // a number outside the range the spec allows
  | 'device-error' // the input is an error result (ERROR, +CME ERROR …), not a reply
  | 'unsupported' // well-formed, but a variant we deliberately do not decode (e.g. SMS-STATUS-REPORT)
  | 'internal' // a bug: the parser threw. Fuzz tests assert this never happens.

export interface ParseError {
  kind: ParseErrorKind
  message: string
  /** The input (shortened) so a log line shows what the device actually sent. */
  input: string
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParseError }

/** What parsers accept: the engine's information lines, or raw text with CR/LF. */
export type ParseInput = string | readonly string[]

const MAX_INPUT_ECHO = 240

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value }
}

export function fail<T = never>(kind: ParseErrorKind, message: string, input: unknown): ParseResult<T> {
  return { ok: false, error: { kind, message, input: describeInput(input) } }
}

export function describeInput(input: unknown): string {
  let text: string
  if (typeof input === 'string') text = input
  else if (Array.isArray(input)) text = input.filter((item) => typeof item === 'string').join('\\n')
  else text = String(input)
  return text.length > MAX_INPUT_ECHO ? `${text.slice(0, MAX_INPUT_ECHO)}…` : text
}

/**
 * Run a parser body so that nothing escapes: a thrown exception becomes kind 'internal'. The fuzz tests
 * assert 'internal' never shows up, so this is a seat belt, not a way to hide bugs.
 */
export function guarded<T>(input: unknown, body: () => ParseResult<T>): ParseResult<T> {
  try {
    return body()
  } catch (error) {
    return fail('internal', `parser bug: ${error instanceof Error ? error.message : String(error)}`, input)
  }
}
