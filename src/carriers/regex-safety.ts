// Carrier packs carry regular expressions (USSD reply parsers, known portal error texts), and users may override
// packs. A pattern with a quantified group that itself contains an unbounded quantifier — (a+)+, (\d*\s?)* —
// can backtrack exponentially, so such patterns are refused at load time; inputs are also length-capped where
// they are applied. This is a conservative syntactic check, not a full analysis.

export type RegexCheck = { ok: true; regex: RegExp } | { ok: false; message: string }

const ALLOWED_FLAGS = /^[imsu]*$/

export function compilePackRegex(pattern: string, flags = ''): RegexCheck {
  if (!ALLOWED_FLAGS.test(flags)) return { ok: false, message: `flags "${flags}" are not allowed (use i, m, s, u)` }
  if (pattern.length > 500) return { ok: false, message: 'the pattern is longer than 500 characters' }
  let regex: RegExp
  try {
    regex = new RegExp(pattern, flags)
  } catch (error) {
    return { ok: false, message: `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` }
  }
  if (hasNestedQuantifier(pattern)) {
    return { ok: false, message: 'a repeated group contains another repetition (e.g. (a+)+); this can hang on long input' }
  }
  return { ok: true, regex }
}

/** Named capture groups of a pattern, in order. */
export function namedGroups(pattern: string): string[] {
  const names: string[] = []
  const finder = /\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g
  for (let match = finder.exec(pattern); match; match = finder.exec(pattern)) if (match[1]) names.push(match[1])
  return names
}

/** True when a group that contains an unbounded quantifier (*, +, {n,}) is itself repeated. */
export function hasNestedQuantifier(pattern: string): boolean {
  const stack: boolean[] = []
  let inClass = false
  let lastClosedGroupHadQuantifier = false
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]
    if (char === '\\') {
      index++
      lastClosedGroupHadQuantifier = false
      continue
    }
    if (inClass) {
      if (char === ']') inClass = false
      continue
    }
    if (char === '[') {
      inClass = true
      lastClosedGroupHadQuantifier = false
      continue
    }
    if (char === '(') {
      stack.push(false)
      lastClosedGroupHadQuantifier = false
      continue
    }
    if (char === ')') {
      const had = stack.pop() ?? false
      lastClosedGroupHadQuantifier = had
      if (had && stack.length > 0) stack[stack.length - 1] = true
      continue
    }
    const unbounded = char === '*' || char === '+' || (char === '{' && /^\{\d*,\}/.test(pattern.slice(index)))
    const bounded = char === '?' || (char === '{' && !unbounded)
    if (unbounded || bounded) {
      if (lastClosedGroupHadQuantifier && unbounded) return true
      if (lastClosedGroupHadQuantifier && char === '{' && /^\{\d+,\d{3,}\}/.test(pattern.slice(index))) return true
      if (unbounded && stack.length > 0) stack[stack.length - 1] = true
    }
    lastClosedGroupHadQuantifier = false
  }
  return false
}
