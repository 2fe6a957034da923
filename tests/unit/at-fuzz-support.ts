// Seeded input generation for the AT parser fuzz tests: random printable text, random bytes, and mutations of
// real responses. Seeded (mulberry32) so a failure reproduces: the failing seed and input are in the message.
import type { ParseResult } from '../../src/devices/at/result'

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Characters AT syntax cares about are over-represented so the tokenizer's edge cases get hit.
const SYNTAX = [...'",()-+:^ \r\n0123456789ABCDEFabcdef']
const PRINTABLE = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index))
const MUTATION_ALPHABET = [...SYNTAX, ...PRINTABLE]
const HEX_DIGITS = [...'0123456789ABCDEF']

export class Fuzzer {
  readonly random: () => number

  constructor(seed: number) {
    this.random = mulberry32(seed)
  }

  int(max: number): number {
    return Math.floor(this.random() * max)
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T
  }

  printable(maxLength = 48): string {
    let out = ''
    const length = this.int(maxLength + 1)
    for (let index = 0; index < length; index++) out += this.random() < 0.5 ? this.pick(SYNTAX) : this.pick(PRINTABLE)
    return out
  }

  bytes(maxLength = 48): string {
    let out = ''
    const length = this.int(maxLength + 1)
    for (let index = 0; index < length; index++) out += String.fromCharCode(this.int(256))
    return out
  }

  hex(maxLength = 120): string {
    let out = ''
    const length = this.int(maxLength + 1)
    for (let index = 0; index < length; index++) out += HEX_DIGITS[this.int(16)]
    return out
  }

  /** 1–4 random edits: replace, insert, delete, duplicate a slice, truncate. */
  mutate(text: string, alphabet: readonly string[] = MUTATION_ALPHABET): string {
    let out = text
    const edits = 1 + this.int(4)
    for (let edit = 0; edit < edits; edit++) {
      const at = this.int(out.length + 1)
      switch (this.int(5)) {
        case 0:
          out = out.slice(0, at) + this.pick(alphabet) + out.slice(at + 1)
          break
        case 1:
          out = out.slice(0, at) + this.pick(alphabet) + out.slice(at)
          break
        case 2:
          out = out.slice(0, at) + out.slice(at + 1 + this.int(3))
          break
        case 3: {
          const length = this.int(8)
          out = out.slice(0, at) + out.slice(at, at + length) + out.slice(at)
          break
        }
        default:
          out = out.slice(0, at)
      }
    }
    return out
  }

  /** One input: a string or an array of lines, occasionally not a string at all. */
  input(corpus: readonly string[], prefixes: readonly string[]): unknown {
    const roll = this.random()
    if (roll < 0.005) return this.pick(ODD_INPUTS)
    let text: string
    if (roll < 0.35) text = this.pick(pools(this).printable)
    else if (roll < 0.6) text = this.pick(pools(this).bytes)
    else text = this.mutate(this.pick(corpus))
    if (prefixes.length > 0 && roll < 0.6 && this.random() < 0.5) text = `${this.pick(prefixes)}${text}`
    return this.random() < 0.3 ? text.split(/\r?\n/) : text
  }
}

const ODD_INPUTS: readonly unknown[] = [undefined, null, 42, {}, [1, 2], [undefined, '+CSQ: 1,2']]
const POOL_SIZE = 8192
const poolCache = new WeakMap<Fuzzer, { printable: string[]; bytes: string[] }>()

// Random strings are drawn from a per-fuzzer pool (8192 of each kind, from the same seeded stream): on a slow
// CI box generating 100,000 fresh strings per parser costs more than parsing them, and the prefixes,
// line splitting and mutations keep the inputs varied.
function pools(fuzzer: Fuzzer): { printable: string[]; bytes: string[] } {
  let pool = poolCache.get(fuzzer)
  if (!pool) {
    pool = { printable: [], bytes: [] }
    for (let index = 0; index < POOL_SIZE; index++) {
      pool.printable.push(fuzzer.printable())
      pool.bytes.push(fuzzer.bytes())
    }
    poolCache.set(fuzzer, pool)
  }
  return pool
}

export interface FuzzFailure {
  input: unknown
  problem: string
}

/** Run `parse` on `count` inputs; return the first failure (throw, 'internal' error, bad result shape). */
export function fuzzParser(
  seed: number,
  count: number,
  corpus: readonly string[],
  prefixes: readonly string[],
  parse: (input: unknown) => ParseResult<unknown>
): FuzzFailure | undefined {
  const fuzzer = new Fuzzer(seed)
  for (let index = 0; index < count; index++) {
    const input = fuzzer.input(corpus, prefixes)
    let result: ParseResult<unknown>
    try {
      result = parse(input)
    } catch (error) {
      return { input, problem: `threw ${error instanceof Error ? error.message : String(error)}` }
    }
    if (result === null || typeof result !== 'object' || typeof result.ok !== 'boolean') return { input, problem: 'not a ParseResult' }
    if (!result.ok) {
      if (result.error.kind === 'internal') return { input, problem: result.error.message }
      if (typeof result.error.message !== 'string' || typeof result.error.input !== 'string') return { input, problem: 'error without message/input' }
    }
  }
  return undefined
}
