// SSID patterns such as "RENT-{imei4}": the tokens a golden profile may use, the longest value each can
// take (so a pattern is refused on save when some unit's name would not fit 802.11's 32 octets), and the
// expansion for one unit. Pure: the provisioner and the validator share it.

export const SSID_TOKENS = ['imei4', 'imei6', 'serial4', 'iccid4', 'n'] as const
export type SsidToken = (typeof SSID_TOKENS)[number]

/** Longest value of each token. {n} is the unit's position in its job, zero-padded to 2; up to 9999 units. */
export const SSID_TOKEN_MAX_LENGTH: Readonly<Record<SsidToken, number>> = { imei4: 4, imei6: 6, serial4: 4, iccid4: 4, n: 4 }

/** What a unit offers for its tokens. */
export interface SsidValues {
  imei?: string
  serialNumber?: string
  iccid?: string
  position: number
}

export type SsidPart = { kind: 'text'; text: string } | { kind: 'token'; token: SsidToken }

export type ParsedPattern = { ok: true; parts: SsidPart[] } | { ok: false; message: string }

const TOKEN = /\{([^{}]*)\}/g

export function parseSsidPattern(pattern: string): ParsedPattern {
  const parts: SsidPart[] = []
  let last = 0
  for (const match of pattern.matchAll(TOKEN)) {
    const name = match[1] ?? ''
    if (!(SSID_TOKENS as readonly string[]).includes(name)) {
      return { ok: false, message: `Unknown token "{${name}}" in the SSID pattern; use ${SSID_TOKENS.map((token) => `{${token}}`).join(', ')}.` }
    }
    if (match.index > last) parts.push({ kind: 'text', text: pattern.slice(last, match.index) })
    parts.push({ kind: 'token', token: name as SsidToken })
    last = match.index + match[0].length
  }
  if (last < pattern.length) parts.push({ kind: 'text', text: pattern.slice(last) })
  const stray = parts.find((part) => part.kind === 'text' && /[{}]/.test(part.text))
  if (stray) return { ok: false, message: 'The SSID pattern has an unmatched "{" or "}"; tokens look like {imei4}.' }
  return { ok: true, parts }
}

/** Bytes of the longest name the pattern can produce (token values are ASCII). */
export function longestExpansionBytes(parts: readonly SsidPart[]): number {
  return parts.reduce((sum, part) => sum + (part.kind === 'text' ? Buffer.byteLength(part.text, 'utf8') : SSID_TOKEN_MAX_LENGTH[part.token]), 0)
}

export type Expansion = { ok: true; ssid: string } | { ok: false; message: string }

/** The SSID for one unit; refuses when the unit does not report what a token needs. */
export function expandSsid(parts: readonly SsidPart[], values: SsidValues): Expansion {
  let ssid = ''
  for (const part of parts) {
    if (part.kind === 'text') {
      ssid += part.text
      continue
    }
    const value = tokenValue(part.token, values)
    if (value === undefined) return { ok: false, message: missingMessage(part.token) }
    ssid += value
  }
  return { ok: true, ssid }
}

function tokenValue(token: SsidToken, values: SsidValues): string | undefined {
  const tail = (text: string | undefined, length: number): string | undefined => {
    const clean = text?.replace(/[^0-9A-Za-z]/g, '')
    return clean && clean.length >= length ? clean.slice(-length) : undefined
  }
  switch (token) {
    case 'imei4':
      return tail(values.imei, 4)
    case 'imei6':
      return tail(values.imei, 6)
    case 'serial4':
      return tail(values.serialNumber, 4)?.toUpperCase()
    case 'iccid4':
      return tail(values.iccid, 4)
    case 'n':
      return String(values.position).padStart(2, '0')
  }
}

function missingMessage(token: SsidToken): string {
  switch (token) {
    case 'imei4':
    case 'imei6':
      return `The unit does not report its IMEI, which the SSID pattern's {${token}} needs. Use {serial4} or {n} in the profile for such units.`
    case 'serial4':
      return 'The unit does not report a serial number, which the SSID pattern\'s {serial4} needs. Use {imei4} or {n} instead.'
    case 'iccid4':
      return 'The unit reports no SIM ICCID (no SIM, or a locked one), which the SSID pattern\'s {iccid4} needs. Insert the SIM or use {imei4}.'
    case 'n':
      return 'internal: {n} always has a value'
  }
}
