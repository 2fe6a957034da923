// Typed access to a command's parameters. Anything malformed ends the command with plain ERROR, which is
// what modems answer for syntax problems (V.250 §5.7.1); value problems that 27.007 gives a code for are
// raised by the handlers themselves.
import { splitArgs, type Arg } from './command-line'
import { syntaxError } from './results'

export class Args {
  private constructor(readonly list: Arg[]) {}

  static parse(raw: string): Args {
    const list = splitArgs(raw)
    if (!list) throw syntaxError()
    return new Args(list)
  }

  get length(): number {
    return this.list.length
  }

  /** True when parameter `i` is present and not empty. */
  has(i: number): boolean {
    const a = this.list[i]
    return a !== undefined && (a.quoted || a.raw !== '')
  }

  int(i: number, range?: { min?: number; max?: number }): number {
    const a = this.list[i]
    if (!a || a.quoted || !/^\d+$/.test(a.raw)) throw syntaxError()
    const n = Number(a.raw)
    if ((range?.min !== undefined && n < range.min) || (range?.max !== undefined && n > range.max)) throw syntaxError()
    return n
  }

  optInt(i: number, fallback: number, range?: { min?: number; max?: number }): number {
    return this.has(i) ? this.int(i, range) : fallback
  }

  /** A string parameter; modems accept it quoted, and most also unquoted. */
  str(i: number): string {
    const a = this.list[i]
    if (!a) throw syntaxError()
    return a.text
  }

  optStr(i: number): string | undefined {
    return this.has(i) ? this.str(i) : undefined
  }

  /** Requires a quoted string (PDP type, APN, PIN …). */
  quoted(i: number): string {
    const a = this.list[i]
    if (!a?.quoted) throw syntaxError()
    return a.text
  }

  /** A hex-ish token kept verbatim (band masks). */
  raw(i: number): string {
    return this.list[i]?.raw ?? ''
  }
}
