// GSM 03.38 / 3GPP TS 23.038 default alphabet and septet packing: what a modem puts on the air for SMS
// text (dcs 0x00) and USSD strings (dcs 0x0F). The simulator encodes what a network would deliver, so the
// tables follow 23.038 §6.2.1 (default alphabet) and §6.2.1.1 (extension table behind ESC 0x1B).

// Index = septet value. 0x1B is the escape to the extension table (shown here as a non-breaking space,
// never produced from text).
const DEFAULT_ALPHABET =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u00a0ÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'

const EXTENSION: Record<string, number> = {
  '\f': 0x0a,
  '^': 0x14,
  '{': 0x28,
  '}': 0x29,
  '\\': 0x2f,
  '[': 0x3c,
  '~': 0x3d,
  ']': 0x3e,
  '|': 0x40,
  '€': 0x65
}

const ESCAPE = 0x1b

const TO_SEPTET = new Map<string, number>()
for (let i = 0; i < DEFAULT_ALPHABET.length; i++) {
  if (i !== ESCAPE) TO_SEPTET.set(DEFAULT_ALPHABET[i] as string, i)
}
const FROM_EXTENSION = new Map<number, string>(Object.entries(EXTENSION).map(([ch, code]) => [code, ch]))

/** True when every character has a GSM 7-bit representation (default table or extension). */
export function isGsm7Encodable(text: string): boolean {
  for (const ch of text) if (!TO_SEPTET.has(ch) && EXTENSION[ch] === undefined) return false
  return true
}

/** Text → unpacked septets (one per array slot); extension characters take two septets. */
export function textToSeptets(text: string): number[] {
  const out: number[] = []
  for (const ch of text) {
    const basic = TO_SEPTET.get(ch)
    if (basic !== undefined) out.push(basic)
    else if (EXTENSION[ch] !== undefined) out.push(ESCAPE, EXTENSION[ch])
    else out.push(0x3f) // '?' — what handsets substitute for characters outside the alphabet
  }
  return out
}

/** Unpacked septets → text. An escape followed by an unknown code decodes as a space (23.038 §6.2.1.1). */
export function septetsToText(septets: readonly number[]): string {
  let out = ''
  for (let i = 0; i < septets.length; i++) {
    const s = septets[i] as number
    if (s === ESCAPE) {
      const next = septets[++i]
      out += next === undefined ? '' : (FROM_EXTENSION.get(next) ?? ' ')
    } else {
      out += DEFAULT_ALPHABET[s] ?? '?'
    }
  }
  return out
}

/**
 * Packs septets LSB-first into octets (23.038 §6.1.2.1.1). `fillBits` leading zero bits align the first
 * septet after a User Data Header (23.040 §9.2.3.24).
 */
export function packSeptets(septets: readonly number[], fillBits = 0): Buffer {
  const totalBits = fillBits + septets.length * 7
  const out = Buffer.alloc(Math.ceil(totalBits / 8))
  let bit = fillBits
  for (const s of septets) {
    for (let b = 0; b < 7; b++) {
      if ((s >> b) & 1) out[bit >> 3] = (out[bit >> 3] as number) | (1 << (bit & 7))
      bit++
    }
  }
  return out
}

/** Unpacks `count` septets starting after `fillBits` bits. */
export function unpackSeptets(packed: Uint8Array, count: number, fillBits = 0): number[] {
  const out: number[] = []
  let bit = fillBits
  for (let i = 0; i < count; i++) {
    let s = 0
    for (let b = 0; b < 7; b++) {
      const byte = packed[bit >> 3] ?? 0
      if ((byte >> (bit & 7)) & 1) s |= 1 << b
      bit++
    }
    out.push(s)
  }
  return out
}

/**
 * USSD strings as Huawei firmware wants them: GSM 7-bit packed, hex, with a CR pad when the septet count
 * is a multiple of 7 (so the receiver cannot mistake the trailing zero bits for '@').
 * Source: linux-mobile-broadband/ModemManager src/plugins/huawei/mm-broadband-modem-huawei.c (encode/decode);
 * 3GPP TS 23.038 §6.1.2.3.1 (CR padding for USSD). Example: "*100#" → "AA180C3602".
 */
export function encodeUssdPackedHex(text: string): string {
  const septets = textToSeptets(text)
  if (septets.length % 7 === 0) septets.push(0x0d)
  return packSeptets(septets).toString('hex').toUpperCase()
}

/** Inverse of encodeUssdPackedHex; undefined when the string is not valid hex. */
export function decodeUssdPackedHex(hex: string): string | undefined {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return undefined
  const bytes = Buffer.from(hex, 'hex')
  const septets = unpackSeptets(bytes, Math.floor((bytes.length * 8) / 7))
  if (bytes.length % 7 === 0 && septets[septets.length - 1] === 0x0d) septets.pop()
  return septetsToText(septets)
}
