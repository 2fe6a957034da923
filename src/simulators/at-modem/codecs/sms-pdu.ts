// SMS PDUs as a modem stores and lists them in PDU mode (AT+CMGF=0): SMS-DELIVER for received messages,
// SMS-SUBMIT parsing for what the host sends with AT+CMGS/AT+CMGW. Layouts: 3GPP TS 23.040 §9.2.2.1
// (SMS-DELIVER), §9.2.2.2 (SMS-SUBMIT), §9.1.2.5 (address fields), §9.2.3.11 (SCTS), §9.2.3.24.1
// (concatenation IE 0x00); the SMSC address prefix is 3GPP TS 27.005 §3.1 (<pdu> in PDU mode starts with
// the SMSC address as in 24.011 RP-address). Encoders here are the simulator's; the tests decode with an
// independent decoder.
import { isGsm7Encodable, packSeptets, septetsToText, textToSeptets, unpackSeptets } from './gsm7'

export type SmsEncoding = 'gsm7' | 'ucs2'

/** Semi-octet BCD with swapped nibbles and F padding (23.040 §9.1.2.3). */
export function swapBcd(digits: string): string {
  const padded = digits.length % 2 ? `${digits}F` : digits
  let out = ''
  for (let i = 0; i < padded.length; i += 2) out += `${padded[i + 1]}${padded[i]}`
  return out
}

export function unswapBcd(hex: string): string {
  let out = ''
  for (let i = 0; i < hex.length; i += 2) out += `${hex[i + 1]}${hex[i]}`
  return out.replace(/[Ff]+$/, '')
}

/** SMSC address as it precedes the TPDU: length of (TOA + digits) in octets, TOA, swapped digits. */
export function encodeSmscAddress(number: string | undefined): string {
  if (!number) return '00'
  const international = number.startsWith('+')
  const digits = number.replace(/^\+/, '')
  const body = (international ? '91' : '81') + swapBcd(digits)
  return hex8(body.length / 2) + body
}

/**
 * TP-OA / TP-DA: length in useful semi-octets, TOA, value. Alphanumeric senders (TON 101, TOA 0xD0) are
 * GSM 7-bit packed; their length counts the semi-octets the packed bytes occupy.
 */
export function encodeAddress(address: string): string {
  if (/^\+?\d+$/.test(address)) {
    const international = address.startsWith('+')
    const digits = address.replace(/^\+/, '')
    return hex8(digits.length) + (international ? '91' : '81') + swapBcd(digits)
  }
  const septets = textToSeptets(address)
  const packed = packSeptets(septets)
  return hex8(Math.ceil((septets.length * 7) / 4)) + 'D0' + packed.toString('hex').toUpperCase()
}

export interface DecodedAddress {
  address: string
  octets: number
}

function decodeAddress(bytes: Buffer, offset: number): DecodedAddress {
  const semiOctets = bytes[offset] as number
  const toa = bytes[offset + 1] as number
  const valueOctets = Math.ceil(semiOctets / 2)
  const value = bytes.subarray(offset + 2, offset + 2 + valueOctets)
  let address: string
  if ((toa & 0x70) === 0x50) {
    address = septetsToText(unpackSeptets(value, Math.floor((semiOctets * 4) / 7)))
  } else {
    address = ((toa & 0x70) === 0x10 ? '+' : '') + unswapBcd(value.toString('hex').toUpperCase())
  }
  return { address, octets: 2 + valueOctets }
}

/**
 * TP-SCTS: seven swapped-BCD octets; the time zone is in quarter hours with the sign in bit 3 of the
 * first (tens) semi-octet (23.040 §9.2.3.11).
 */
export function encodeTimestamp(date: Date, tzQuarterHours: number): string {
  const local = new Date(date.getTime() + tzQuarterHours * 15 * 60_000)
  const two = (n: number) => String(n).padStart(2, '0')
  const fields = [
    two(local.getUTCFullYear() % 100),
    two(local.getUTCMonth() + 1),
    two(local.getUTCDate()),
    two(local.getUTCHours()),
    two(local.getUTCMinutes()),
    two(local.getUTCSeconds())
  ]
  let out = fields.map((f) => swapBcd(f)).join('')
  const q = two(Math.abs(tzQuarterHours))
  const tens = Number(q[0]) | (tzQuarterHours < 0 ? 0x8 : 0)
  out += `${q[1]}${tens.toString(16).toUpperCase()}`
  return out
}

/** The text-mode timestamp "yy/MM/dd,hh:mm:ss±zz" (27.005 §3.3.3 <scts>). */
export function formatTextTimestamp(date: Date, tzQuarterHours: number): string {
  const local = new Date(date.getTime() + tzQuarterHours * 15 * 60_000)
  const two = (n: number) => String(n).padStart(2, '0')
  const sign = tzQuarterHours < 0 ? '-' : '+'
  return (
    `${two(local.getUTCFullYear() % 100)}/${two(local.getUTCMonth() + 1)}/${two(local.getUTCDate())},` +
    `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}${sign}${two(Math.abs(tzQuarterHours))}`
  )
}

export interface DeliverSpec {
  smsc?: string
  from: string
  text: string
  /** Defaults to GSM 7-bit when every character fits, else UCS2. */
  encoding?: SmsEncoding
  sentAt: Date
  tzQuarterHours: number
  /** Concatenation IE (8-bit reference). */
  concat?: { reference: number; total: number; sequence: number }
}

export interface EncodedPdu {
  /** Full PDU hex as listed by +CMGL/+CMGR: SMSC address + TPDU. */
  hex: string
  /** TPDU length in octets (the <length> of +CMGL/+CMGR/+CMGS: SMSC part excluded). */
  tpduLength: number
}

/** One SMS-DELIVER. Text longer than a single segment must be split by the caller (see splitForConcat). */
export function encodeDeliver(spec: DeliverSpec): EncodedPdu {
  const encoding = spec.encoding ?? (isGsm7Encodable(spec.text) ? 'gsm7' : 'ucs2')
  const udh = spec.concat
    ? Buffer.from([0x05, 0x00, 0x03, spec.concat.reference & 0xff, spec.concat.total, spec.concat.sequence])
    : undefined
  // TP-MTI=00 (DELIVER), TP-MMS=1 (no more messages waiting), TP-UDHI when a header is present.
  const firstOctet = 0x04 | (udh ? 0x40 : 0)
  let udl: number
  let ud: Buffer
  if (encoding === 'gsm7') {
    const septets = textToSeptets(spec.text)
    if (udh) {
      const headerBits = udh.length * 8
      const fill = (7 - (headerBits % 7)) % 7
      const headerSeptets = (headerBits + fill) / 7
      const body = packSeptets(septets, fill)
      // The fill bits live in the octet that follows the header; merge header and body bit streams.
      ud = Buffer.concat([udh, body])
      udl = headerSeptets + septets.length
    } else {
      ud = packSeptets(septets)
      udl = septets.length
    }
  } else {
    const body = Buffer.alloc(spec.text.length * 2)
    for (let i = 0; i < spec.text.length; i++) body.writeUInt16BE(spec.text.charCodeAt(i), i * 2)
    ud = udh ? Buffer.concat([udh, body]) : body
    udl = ud.length
  }
  const tpdu =
    hex8(firstOctet) +
    encodeAddress(spec.from) +
    '00' + // TP-PID: default
    (encoding === 'gsm7' ? '00' : '08') + // TP-DCS: general coding, class none, GSM7 / UCS2
    encodeTimestamp(spec.sentAt, spec.tzQuarterHours) +
    hex8(udl) +
    ud.toString('hex').toUpperCase()
  return { hex: encodeSmscAddress(spec.smsc) + tpdu, tpduLength: tpdu.length / 2 }
}

/** Splits text into concatenation segments: 153 septets (GSM7) or 67 UCS2 characters per part. */
export function splitForConcat(text: string, encoding: SmsEncoding): string[] {
  const single = encoding === 'gsm7' ? 160 : 70
  const part = encoding === 'gsm7' ? 153 : 67
  if (encoding === 'gsm7' ? textToSeptets(text).length <= single : text.length <= single) return [text]
  const parts: string[] = []
  let current = ''
  let used = 0
  for (const ch of text) {
    const cost = encoding === 'gsm7' ? textToSeptets(ch).length : ch.length
    if (used + cost > part) {
      parts.push(current)
      current = ''
      used = 0
    }
    current += ch
    used += cost
  }
  if (current) parts.push(current)
  return parts
}

export interface DecodedSubmit {
  smsc: string | undefined
  messageReference: number
  destination: string
  dataCodingScheme: number
  text: string | undefined
  tpduLength: number
}

/**
 * Parses an SMS-SUBMIT as sent after the CMGS prompt. Returns a reason string when the PDU is malformed —
 * the modem answers those with +CMS ERROR: 304 (invalid PDU mode parameter).
 */
export function decodeSubmit(hex: string): DecodedSubmit | string {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return 'not hex'
  const bytes = Buffer.from(hex, 'hex')
  try {
    const smscLen = bytes[0] as number
    const smsc = smscLen > 0 ? decodeSmsc(bytes.subarray(1, 1 + smscLen)) : undefined
    let p = 1 + smscLen
    const tpduStart = p
    const first = bytes[p++]
    if (first === undefined || (first & 0x03) !== 0x01) return 'not an SMS-SUBMIT'
    const mr = bytes[p++] as number
    const da = decodeAddress(bytes, p)
    p += da.octets
    p++ // PID
    const dcs = bytes[p++] as number
    const vpf = (first >> 3) & 0x03
    p += vpf === 0 ? 0 : vpf === 2 ? 1 : 7
    const udl = bytes[p++]
    if (udl === undefined) return 'truncated'
    const ud = bytes.subarray(p)
    const udhi = (first & 0x40) !== 0
    let text: string | undefined
    const alphabet = (dcs & 0xc0) === 0 ? (dcs >> 2) & 0x03 : 0
    if (alphabet === 0) {
      let fill = 0
      let skip = 0
      if (udhi) {
        const udhl = (ud[0] as number) + 1
        fill = (7 - ((udhl * 8) % 7)) % 7
        skip = (udhl * 8 + fill) / 7
      }
      if (Math.ceil((udl * 7) / 8) > ud.length) return 'user data shorter than TP-UDL'
      const startBit = udhi ? ((ud[0] as number) + 1) * 8 + fill : 0
      text = septetsToText(unpackSeptets(ud, udl - skip, startBit))
    } else if (alphabet === 2) {
      if (udl > ud.length) return 'user data shorter than TP-UDL'
      const start = udhi ? (ud[0] as number) + 1 : 0
      let s = ''
      for (let i = start; i + 1 < udl; i += 2) s += String.fromCharCode(ud.readUInt16BE(i))
      text = s
    }
    return {
      smsc,
      messageReference: mr,
      destination: da.address,
      dataCodingScheme: dcs,
      text,
      tpduLength: bytes.length - tpduStart
    }
  } catch {
    return 'truncated'
  }
}

function decodeSmsc(bytes: Buffer): string {
  const toa = bytes[0] as number
  return ((toa & 0x70) === 0x10 ? '+' : '') + unswapBcd(bytes.subarray(1).toString('hex').toUpperCase())
}

function hex8(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0')
}
