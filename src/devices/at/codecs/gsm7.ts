// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1 and §6.2.1.1), and septet
// packing (§6.1.2.1.1) with the fill bits a User Data Header needs (TS 23.040 §9.2.3.24). Table checked
// against unicode.org's GSM0338.TXT mapping as used by ModemManager (src/mm-charsets.c).

const ESCAPE = 0x1b

// Index = septet value. 0x1B is the escape to the extension table (decoded separately).
const DEFAULT_ALPHABET: readonly string[] = [
  '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
  'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u001b', 'Æ', 'æ', 'ß', 'É',
  ' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
  '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à'
]

// 23.038 §6.2.1.1: reached with ESC (0x1B) + septet.
const EXTENSION: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€']
])

const ENCODE_DEFAULT = new Map<string, number>()
DEFAULT_ALPHABET.forEach((char, septet) => {
  if (septet !== ESCAPE) ENCODE_DEFAULT.set(char, septet)
})
const ENCODE_EXTENSION = new Map<string, number>()
for (const [septet, char] of EXTENSION) ENCODE_EXTENSION.set(char, septet)

/** Septets for `text`, or null when a character is not in the default alphabet or its extension. */
export function encodeGsm7(text: string): number[] | null {
  if (typeof text !== 'string') return null
  const septets: number[] = []
  for (const char of text) {
    const plain = ENCODE_DEFAULT.get(char)
    if (plain !== undefined) {
      septets.push(plain)
      continue
    }
    const extended = ENCODE_EXTENSION.get(char)
    if (extended === undefined) return null
    septets.push(ESCAPE, extended)
  }
  return septets
}

/** Characters of `text` that GSM 7-bit cannot carry (each once, in order). */
export function unencodableGsm7(text: string): string[] {
  const missing: string[] = []
  for (const char of typeof text === 'string' ? text : '') {
    if (!ENCODE_DEFAULT.has(char) && !ENCODE_EXTENSION.has(char) && !missing.includes(char)) missing.push(char)
  }
  return missing
}

export function isGsm7(text: string): boolean {
  return encodeGsm7(text) !== null
}

/**
 * Septets → text. 23.038 §6.2.1.1: an escape followed by a septet without an extension character shows the
 * default-alphabet character; a lone trailing escape is dropped.
 */
export function decodeGsm7(septets: ArrayLike<number>): string {
  let out = ''
  for (let index = 0; index < septets.length; index++) {
    const septet = (septets[index] ?? 0) & 0x7f
    if (septet === ESCAPE) {
      if (index + 1 >= septets.length) break
      const next = (septets[++index] ?? 0) & 0x7f
      out += EXTENSION.get(next) ?? (next === ESCAPE ? ' ' : (DEFAULT_ALPHABET[next] ?? ''))
      continue
    }
    out += DEFAULT_ALPHABET[septet] ?? ''
  }
  return out
}

/** Pack septets LSB-first into octets, starting after `fillBits` zero bits (0–6; for a UDH). */
export function packSeptets(septets: ArrayLike<number>, fillBits = 0): Uint8Array {
  const fill = Math.max(0, Math.min(6, Math.trunc(fillBits)))
  const out = new Uint8Array(Math.ceil((fill + septets.length * 7) / 8))
  let bit = fill
  for (let index = 0; index < septets.length; index++) {
    const septet = (septets[index] ?? 0) & 0x7f
    const byte = bit >> 3
    const shift = bit & 7
    out[byte] = (out[byte] ?? 0) | ((septet << shift) & 0xff)
    if (shift > 1) out[byte + 1] = (out[byte + 1] ?? 0) | (septet >> (8 - shift))
    bit += 7
  }
  return out
}

/** Unpack `count` septets from octets, skipping `fillBits` leading bits. Stops early if the octets run out. */
export function unpackSeptets(bytes: ArrayLike<number>, count: number, fillBits = 0): number[] {
  const fill = Math.max(0, Math.min(6, Math.trunc(fillBits)))
  const septets: number[] = []
  const available = Math.floor((bytes.length * 8 - fill) / 7)
  const total = Math.max(0, Math.min(Math.trunc(count), available))
  for (let index = 0; index < total; index++) {
    const bit = fill + index * 7
    const byte = bit >> 3
    const shift = bit & 7
    let value = ((bytes[byte] ?? 0) & 0xff) >> shift
    if (shift > 1) value |= ((bytes[byte + 1] ?? 0) & 0xff) << (8 - shift)
    septets.push(value & 0x7f)
  }
  return septets
}
