// Hex helpers for PDUs and hex-encoded AT strings. Decoding never throws: bad input is null.

export function isHex(text: string): boolean {
  return typeof text === 'string' && text.length % 2 === 0 && /^[0-9A-Fa-f]*$/.test(text)
}

/** "07911326" → bytes; null when the text is not an even-length hex string. */
export function hexToBytes(text: string): Uint8Array | null {
  if (!isHex(text)) return null
  const bytes = new Uint8Array(text.length / 2)
  for (let index = 0; index < bytes.length; index++) bytes[index] = Number.parseInt(text.slice(index * 2, index * 2 + 2), 16)
  return bytes
}

/** Bytes → uppercase hex (what modems send and expect). */
export function bytesToHex(bytes: ArrayLike<number>): string {
  let out = ''
  for (let index = 0; index < bytes.length; index++) out += ((bytes[index] ?? 0) & 0xff).toString(16).padStart(2, '0')
  return out.toUpperCase()
}
