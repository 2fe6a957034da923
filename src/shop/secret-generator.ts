// Wi-Fi keys and admin passwords a golden profile generates per unit. crypto.randomInt draws each
// character uniformly (it rejects out-of-range samples instead of taking a modulo), so no character of
// the alphabet is more likely than another.
import { randomInt } from 'node:crypto'
import type { SecretRule } from '../contract/shop'

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const DIGITS = '0123456789'

/** The characters of each alphabet. "unambiguous" drops 0/O and 1/l/I, which are misread off a printed card. */
export const KEY_ALPHABET_CHARACTERS = {
  alnum: UPPER + LOWER + DIGITS,
  'alnum-unambiguous': (UPPER + LOWER + DIGITS).replace(/[0O1lI]/g, ''),
  digits: DIGITS,
  hex: '0123456789abcdef',
  'lower-digits': LOWER + DIGITS
} as const satisfies Record<Extract<SecretRule, { mode: 'generate' }>['alphabet'], string>

export function generateSecret(length: number, alphabet: keyof typeof KEY_ALPHABET_CHARACTERS): string {
  const characters = KEY_ALPHABET_CHARACTERS[alphabet]
  let out = ''
  for (let i = 0; i < length; i++) out += characters[randomInt(characters.length)]
  return out
}

/** The value a rule gives one unit: the fixed value, or a fresh draw. */
export function resolveSecret(rule: SecretRule): string {
  return rule.mode === 'fixed' ? rule.value : generateSecret(rule.length, rule.alphabet)
}
