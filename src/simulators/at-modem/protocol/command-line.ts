// Splits one command line ("AT" prefix already removed) into the commands it carries, following ITU-T V.250
// §5.2–§5.4: basic commands run together without separators (E0V1&C1), extended commands (+CSQ, ^HCSQ,
// $QCSQ …) end at ';' or the end of the line, S-parameters are Sn=v / Sn?, and D takes the rest of the
// line. Outside quoted strings spaces are ignored and letters are case-insensitive (V.250 §5.1: "AT + CSQ"
// is the same command as "AT+CSQ").

export type CommandForm = 'exec' | 'read' | 'test' | 'set'

export interface ParsedCommand {
  /** Upper-case name: "+CSQ", "^SYSCFGEX", "E", "&F", "S", "D". */
  name: string
  form: CommandForm
  /** Raw argument text after '=' (quotes preserved, original case inside quotes). */
  args: string
  /** Numeric value of a basic command (E0 → 0) or the S-register number. */
  value?: number
  /** For S-parameter writes: the value after '='. */
  setValue?: number
}

export type ParseResult = { ok: true; commands: ParsedCommand[] } | { ok: false }

const EXTENDED_PREFIX = new Set(['+', '^', '$', '%', '#', '*', '!'])
const NAME_CHAR = /[A-Z0-9!%\-./:_]/

/** Removes spaces outside quotes and upper-cases outside quotes. */
export function normalise(line: string): string | undefined {
  let out = ''
  let quoted = false
  for (const ch of line) {
    if (ch === '"') {
      quoted = !quoted
      out += ch
    } else if (quoted) {
      out += ch
    } else if (ch !== ' ' && ch !== '\t') {
      out += ch.toUpperCase()
    }
  }
  return quoted ? undefined : out
}

export function parseCommandLine(body: string): ParseResult {
  const text = normalise(body)
  if (text === undefined) return { ok: false }
  const commands: ParsedCommand[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i] as string
    if (ch === ';') {
      i++
      continue
    }
    if (EXTENDED_PREFIX.has(ch)) {
      let j = i + 1
      while (j < text.length && NAME_CHAR.test(text[j] as string)) j++
      const name = text.slice(i, j)
      if (name.length < 2) return { ok: false }
      // Arguments run to the next ';' outside quotes.
      let k = j
      let quoted = false
      while (k < text.length && (quoted || text[k] !== ';')) {
        if (text[k] === '"') quoted = !quoted
        k++
      }
      const tail = text.slice(j, k)
      let form: CommandForm
      let args = ''
      if (tail === '') form = 'exec'
      else if (tail === '?') form = 'read'
      else if (tail === '=?') form = 'test'
      else if (tail.startsWith('=')) {
        form = 'set'
        args = tail.slice(1)
      } else return { ok: false }
      commands.push({ name, form, args })
      i = k
      continue
    }
    if (ch === 'D') {
      commands.push({ name: 'D', form: 'exec', args: text.slice(i + 1) })
      break
    }
    if (ch === 'S') {
      const m = /^S(\d+)(\?|=(\d*))?/.exec(text.slice(i))
      if (!m) return { ok: false }
      const reg = Number(m[1])
      if (m[2] === '?') commands.push({ name: 'S', form: 'read', args: '', value: reg })
      else if (m[2] !== undefined) commands.push({ name: 'S', form: 'set', args: m[3] ?? '', value: reg, setValue: Number(m[3] || 0) })
      else commands.push({ name: 'S', form: 'exec', args: '', value: reg })
      i += m[0].length
      continue
    }
    if (ch === '&') {
      const m = /^&([A-Z])(\d*)/.exec(text.slice(i))
      if (!m) return { ok: false }
      commands.push({ name: `&${m[1]}`, form: 'exec', args: '', value: m[2] ? Number(m[2]) : undefined })
      i += m[0].length
      continue
    }
    if (/[A-Z]/.test(ch)) {
      const m = /^([A-Z])(\d*)(\?)?/.exec(text.slice(i)) as RegExpExecArray
      commands.push({
        name: m[1] as string,
        form: m[3] ? 'read' : 'exec',
        args: '',
        value: m[2] ? Number(m[2]) : undefined
      })
      i += m[0].length
      continue
    }
    return { ok: false }
  }
  return { ok: true, commands }
}

export interface Arg {
  raw: string
  quoted: boolean
  /** Unquoted text (quotes removed) — empty for an omitted parameter. */
  text: string
}

/** Splits an argument string at commas outside quotes. */
export function splitArgs(args: string): Arg[] | undefined {
  if (args === '') return []
  const out: Arg[] = []
  let current = ''
  let quoted = false
  for (const ch of args) {
    if (ch === '"') quoted = !quoted
    if (ch === ',' && !quoted) {
      out.push(toArg(current))
      current = ''
    } else current += ch
  }
  if (quoted) return undefined
  out.push(toArg(current))
  return out
}

function toArg(raw: string): Arg {
  const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')
  return { raw, quoted, text: quoted ? raw.slice(1, -1) : raw }
}
