// SMS-SUBMIT PDUs for AT+CMGS in PDU mode (3GPP TS 23.040 §9.2.2.2, TS 27.005 §3.5.1). Picks GSM 7-bit when
// every character fits (extension characters count twice) and UCS2 otherwise, and splits long text into
// concatenated parts with a UDH (IEI 0x00, or 0x08 for 16-bit references): 153 septets / 67 UCS2 units per
// part (152 / 66 with a 16-bit reference). A part never ends between an escape and its extension character or
// inside a surrogate pair. Byte layout matches ModemManager's mm_sms_part_3gpp_get_submit_pdu
// (src/tests/test-sms-part-3gpp.c PDU-Creator tests) and node-sms-pdu (futomi/node-sms-pdu README).
import { fail, guarded, ok, type ParseResult } from '../result'
import { encodeGsm7, packSeptets, unencodableGsm7 } from './gsm7'
import { bytesToHex } from './hex'
import { encodeUcs2 } from './ucs2'

export interface SubmitOptions {
  /** Destination: "+15555551234" (international) or national digits. */
  to: string
  text: string
  /** SMSC to put in the PDU; default none ("00": the modem uses its stored SMSC). */
  smsc?: string
  /** Default 'auto': GSM 7-bit when possible, else UCS2. */
  encoding?: 'auto' | 'gsm7' | 'ucs2'
  /** Relative validity period in minutes (5 min … 63 weeks); default none. */
  validityMinutes?: number
  requestStatusReport?: boolean
  messageClass?: 0 | 1 | 2 | 3
  /** Reference shared by the parts of one long message (0–255, or 0–65535 with concat16). */
  concatReference?: number
  /** Use the 16-bit reference element (IEI 0x08). */
  concat16?: boolean
  /** TP-MR; the modem usually overwrites it. Default 0. */
  messageReference?: number
}

export interface SubmitPart {
  /** Hex PDU including the SMSC field, as AT+CMGS expects after the prompt. */
  pdu: string
  /** Octets after the SMSC field: the <length> for AT+CMGS=<length>. */
  tpduLength: number
  encoding: 'gsm7' | 'ucs2'
  sequence: number
  total: number
}

const MAX_PARTS = 255

export function encodeSmsSubmit(options: SubmitOptions): ParseResult<SubmitPart[]> {
  return guarded(options, () => {
    const destination = encodeAddress(options?.to ?? '', false)
    if (!destination) return fail('malformed', `"${String(options?.to)}" is not a phone number`, options?.to ?? '')
    let smscField: Uint8Array = Uint8Array.of(0)
    if (options.smsc !== undefined && options.smsc.length > 0) {
      const smsc = encodeAddress(options.smsc, true)
      if (!smsc) return fail('malformed', `"${options.smsc}" is not an SMSC number`, options.smsc)
      smscField = smsc
    }
    const text = typeof options.text === 'string' ? options.text : ''
    const wanted = options.encoding ?? 'auto'
    const septets = wanted === 'ucs2' ? null : encodeGsm7(text)
    if (wanted === 'gsm7' && !septets) {
      return fail('out-of-range', `GSM 7-bit cannot carry ${unencodableGsm7(text).join(' ')}`, text)
    }
    const encoding: 'gsm7' | 'ucs2' = septets ? 'gsm7' : 'ucs2'
    const concat16 = options.concat16 === true
    const reference = options.concatReference ?? 0
    if (!Number.isInteger(reference) || reference < 0 || reference > (concat16 ? 0xffff : 0xff)) {
      return fail('out-of-range', `concat reference ${reference} does not fit ${concat16 ? 16 : 8} bits`, String(reference))
    }

    const segments = septets ? splitSeptets(septets, concat16) : splitUcs2(text, concat16)
    if (segments.length > MAX_PARTS) return fail('out-of-range', `the text needs ${segments.length} parts; at most ${MAX_PARTS} are possible`, text)

    let validity: number | undefined
    if (options.validityMinutes !== undefined) {
      validity = encodeRelativeValidity(options.validityMinutes)
      if (validity === undefined) return fail('out-of-range', `validity ${options.validityMinutes} min is outside 5 min – 63 weeks`, String(options.validityMinutes))
    }
    const total = segments.length
    const parts: SubmitPart[] = []
    segments.forEach((segment, index) => {
      const header = total > 1 ? concatHeader(reference, total, index + 1, concat16) : undefined
      const tpdu = buildTpdu({
        destination,
        header,
        segment,
        encoding,
        validity,
        requestStatusReport: options.requestStatusReport === true,
        messageClass: options.messageClass,
        messageReference: (options.messageReference ?? 0) & 0xff
      })
      const pdu = new Uint8Array(smscField.length + tpdu.length)
      pdu.set(smscField, 0)
      pdu.set(tpdu, smscField.length)
      parts.push({ pdu: bytesToHex(pdu), tpduLength: tpdu.length, encoding, sequence: index + 1, total })
    })
    return ok(parts)
  })
}

type Segment = { kind: 'gsm7'; septets: number[] } | { kind: 'ucs2'; bytes: Uint8Array }

function splitSeptets(septets: number[], concat16: boolean): Segment[] {
  if (septets.length <= 160) return [{ kind: 'gsm7', septets }]
  const perPart = concat16 ? 152 : 153
  const segments: Segment[] = []
  let start = 0
  while (start < septets.length) {
    let end = Math.min(start + perPart, septets.length)
    // Do not separate an escape (0x1B) from the extension septet after it.
    if (end < septets.length && septets[end - 1] === 0x1b) end--
    segments.push({ kind: 'gsm7', septets: septets.slice(start, end) })
    start = end
  }
  return segments
}

function splitUcs2(text: string, concat16: boolean): Segment[] {
  if (text.length <= 70) return [{ kind: 'ucs2', bytes: encodeUcs2(text) }]
  const perPart = concat16 ? 66 : 67
  const segments: Segment[] = []
  let start = 0
  while (start < text.length) {
    let end = Math.min(start + perPart, text.length)
    const last = text.charCodeAt(end - 1)
    // Keep surrogate pairs (emoji) whole.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--
    segments.push({ kind: 'ucs2', bytes: encodeUcs2(text.slice(start, end)) })
    start = end
  }
  return segments
}

function concatHeader(reference: number, total: number, sequence: number, concat16: boolean): Uint8Array {
  return concat16
    ? Uint8Array.of(0x06, 0x08, 0x04, reference >> 8, reference & 0xff, total, sequence)
    : Uint8Array.of(0x05, 0x00, 0x03, reference, total, sequence)
}

interface TpduInput {
  destination: Uint8Array
  header: Uint8Array | undefined
  segment: Segment
  encoding: 'gsm7' | 'ucs2'
  validity: number | undefined
  requestStatusReport: boolean
  messageClass: SubmitOptions['messageClass']
  messageReference: number
}

function buildTpdu(input: TpduInput): Uint8Array {
  // 23.040 §9.2.2.2: MTI 01 (SUBMIT), VPF 10 when relative validity, SRR bit 5, UDHI bit 6.
  let firstOctet = 0x01
  if (input.validity !== undefined) firstOctet |= 0x10
  if (input.requestStatusReport) firstOctet |= 0x20
  if (input.header) firstOctet |= 0x40
  let dcs = input.encoding === 'ucs2' ? 0x08 : 0x00
  if (input.messageClass !== undefined) dcs |= 0x10 | input.messageClass

  const header = input.header ?? new Uint8Array(0)
  let udl: number
  let userData: Uint8Array
  if (input.segment.kind === 'gsm7') {
    // 23.040 §9.2.3.24: after the header, fill bits align the text to a septet boundary; UDL counts septets.
    const headerSeptets = Math.ceil((header.length * 8) / 7)
    const fillBits = headerSeptets * 7 - header.length * 8
    const packed = packSeptets(input.segment.septets, fillBits)
    userData = new Uint8Array(header.length + packed.length)
    userData.set(header, 0)
    userData.set(packed, header.length)
    udl = headerSeptets + input.segment.septets.length
  } else {
    userData = new Uint8Array(header.length + input.segment.bytes.length)
    userData.set(header, 0)
    userData.set(input.segment.bytes, header.length)
    udl = userData.length
  }

  const fields: number[] = [firstOctet, input.messageReference, ...input.destination, 0x00, dcs]
  if (input.validity !== undefined) fields.push(input.validity)
  fields.push(udl, ...userData)
  return Uint8Array.from(fields)
}

/**
 * A phone number as an SMS address field (23.040 §9.1.2.5): length (digits, or octets incl. type for the
 * SMSC per 24.011 §8.2.5.1), type 0x91 with "+", 0x81 without, swapped BCD with F filler. null when invalid.
 */
export function encodeAddress(number: string, smsc: boolean): Uint8Array | null {
  if (typeof number !== 'string') return null
  const trimmed = number.replace(/[\s()-]/g, '')
  const international = trimmed.startsWith('+')
  const digits = international ? trimmed.slice(1) : trimmed
  if (!/^[0-9*#]{1,20}$/.test(digits)) return null
  const semiOctets = [...digits].map((char) => (char === '*' ? 0x0a : char === '#' ? 0x0b : char.charCodeAt(0) - 48))
  const bytes: number[] = []
  for (let index = 0; index < semiOctets.length; index += 2) {
    bytes.push(((semiOctets[index + 1] ?? 0x0f) << 4) | (semiOctets[index] ?? 0))
  }
  const type = international ? 0x91 : 0x81
  const length = smsc ? bytes.length + 1 : digits.length
  return Uint8Array.from([length, type, ...bytes])
}

/** Minutes → TP-VP relative value (23.040 §9.2.3.12.1), rounding up to the next step; undefined out of range. */
export function encodeRelativeValidity(minutes: number): number | undefined {
  if (!Number.isFinite(minutes) || minutes < 5) return undefined
  if (minutes <= 12 * 60) return Math.ceil(minutes / 5) - 1
  if (minutes <= 24 * 60) return 143 + Math.ceil((minutes - 12 * 60) / 30)
  if (minutes <= 30 * 24 * 60) return 166 + Math.ceil(minutes / (24 * 60))
  const weeks = Math.ceil(minutes / (7 * 24 * 60))
  return weeks <= 63 ? 192 + weeks : undefined
}
