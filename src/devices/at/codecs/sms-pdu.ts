// SMS PDU decoding as AT+CMGR / AT+CMGL / +CMT deliver it in PDU mode (3GPP TS 27.005 §3.1: the SMSC address
// comes first, then the TPDU of TS 23.040 §9.2). Decodes SMS-DELIVER (received) and SMS-SUBMIT (stored
// outgoing, or our own encoder's output). Every length is checked against the bytes actually present; a short
// or inconsistent PDU is a 'malformed' error, never an exception (cf. ModemManager's
// src/tests/test-sms-part-3gpp.c invalid-PDU cases).
import { fail, guarded, ok, type ParseResult } from '../result'
import { decodeGsm7, unpackSeptets } from './gsm7'
import { bytesToHex, hexToBytes } from './hex'
import { decodeUcs2 } from './ucs2'

export interface SmsAddress {
  /** Digits with "+" for international numbers, or the text of an alphanumeric sender ("InternetSMS"). */
  number: string
  /** Type-of-address octet (0x91 international/E.164, 0x81 unknown, 0xD0 alphanumeric). */
  type: number
  alphanumeric: boolean
}

export type SmsAlphabet = 'gsm7' | '8bit' | 'ucs2'

export interface SmsDataCoding {
  raw: number
  alphabet: SmsAlphabet
  /** Message class 0 (flash) … 3, when the DCS carries one. */
  messageClass?: 0 | 1 | 2 | 3
  /** Compressed text (23.042) cannot be shown; the data is kept. */
  compressed: boolean
}

export interface SmsTimestamp {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** Offset from UTC in quarter hours (23.040 §9.2.3.11), signed. */
  tzQuarterHours: number
  /** "2011-02-28T11:50:50-05:00". */
  iso: string
  /** Milliseconds since the epoch, null when the fields do not make a date. */
  epochMs: number | null
}

export interface UdhElement {
  iei: number
  /** The element's data in hex. */
  data: string
}

export interface ConcatInfo {
  reference: number
  total: number
  sequence: number
  referenceBits: 8 | 16
}

interface SmsCommon {
  /** The SMSC address from the PDU, when it carries one. */
  smsc?: SmsAddress
  firstOctet: number
  pid: number
  dcs: SmsDataCoding
  udh: UdhElement[]
  concat?: ConcatInfo
  /** The message text; absent for 8-bit data and compressed text. */
  text?: string
  /** The user data after the header, in hex (always present, also for text). */
  data: string
}

export interface SmsDeliver extends SmsCommon {
  type: 'deliver'
  originator: SmsAddress
  timestamp: SmsTimestamp
  moreMessagesToSend: boolean
  statusReportIndication: boolean
  replyPath: boolean
}

export interface SmsSubmit extends SmsCommon {
  type: 'submit'
  messageReference: number
  destination: SmsAddress
  /** Relative validity in minutes, when the PDU carries a relative validity period. */
  validityMinutes?: number
  statusReportRequest: boolean
  rejectDuplicates: boolean
}

export type DecodedSms = SmsDeliver | SmsSubmit

export interface DecodeSmsOptions {
  /** The PDU starts with the SMSC address (what AT+CMGR/+CMGL/+CMT give). Default true. */
  withSmsc?: boolean
}

class Reader {
  index = 0
  constructor(private readonly bytes: Uint8Array) {}
  get remaining(): number {
    return this.bytes.length - this.index
  }
  byte(): number | undefined {
    if (this.index >= this.bytes.length) return undefined
    return this.bytes[this.index++]
  }
  take(count: number): Uint8Array | undefined {
    if (count < 0 || this.index + count > this.bytes.length) return undefined
    const slice = this.bytes.subarray(this.index, this.index + count)
    this.index += count
    return slice
  }
}

/** Decode a PDU in hex. */
export function decodeSmsPdu(hex: string, options: DecodeSmsOptions = {}): ParseResult<DecodedSms> {
  return guarded(hex, () => {
    const text = typeof hex === 'string' ? hex.trim() : ''
    const bytes = hexToBytes(text)
    if (!bytes || bytes.length === 0) return fail(text.length === 0 ? 'empty' : 'malformed', 'a PDU must be a non-empty even-length hex string', hex)
    const reader = new Reader(bytes)

    let smsc: SmsAddress | undefined
    if (options.withSmsc !== false) {
      // 24.011 §8.2.5.1: length in octets including the type octet; 0 = use the SMSC stored in the modem.
      const length = reader.byte()
      if (length === undefined) return fail('malformed', 'PDU ends before the SMSC length', hex)
      if (length > 12) return fail('malformed', `SMSC length ${length} is too long`, hex)
      if (length > 0) {
        const field = reader.take(length)
        if (!field) return fail('malformed', 'PDU ends inside the SMSC address', hex)
        smsc = decodeSemiOctetAddress(field[0] ?? 0, field.subarray(1), (length - 1) * 2)
      }
    }

    const firstOctet = reader.byte()
    if (firstOctet === undefined) return fail('malformed', 'PDU ends before the first octet', hex)
    const mti = firstOctet & 0x03
    // 23.040 §9.2.3.1: an MS treats a reserved MTI (3) as SMS-DELIVER.
    if (mti === 0 || mti === 3) return decodeDeliver(reader, firstOctet, smsc, hex)
    if (mti === 1) return decodeSubmit(reader, firstOctet, smsc, hex)
    return fail('unsupported', 'SMS-STATUS-REPORT / SMS-COMMAND PDUs are not decoded', hex)
  })
}

function decodeDeliver(reader: Reader, firstOctet: number, smsc: SmsAddress | undefined, input: string): ParseResult<SmsDeliver> {
  const originator = readAddress(reader)
  if (!originator.ok) return fail('malformed', originator.error.message, input)
  const pid = reader.byte()
  const dcsByte = reader.byte()
  if (pid === undefined || dcsByte === undefined) return fail('malformed', 'PDU ends before PID/DCS', input)
  const scts = reader.take(7)
  if (!scts) return fail('malformed', 'PDU ends inside the timestamp', input)
  const dcs = decodeDataCoding(dcsByte)
  const userData = readUserData(reader, (firstOctet & 0x40) !== 0, dcs, input)
  if (!userData.ok) return userData
  const message: SmsDeliver = {
    type: 'deliver',
    firstOctet,
    originator: originator.value,
    pid,
    dcs,
    timestamp: decodeTimestamp(scts),
    moreMessagesToSend: (firstOctet & 0x04) === 0, // TP-MMS: 0 = more messages are waiting
    statusReportIndication: (firstOctet & 0x20) !== 0,
    replyPath: (firstOctet & 0x80) !== 0,
    ...userData.value
  }
  if (smsc) message.smsc = smsc
  return ok(message)
}

function decodeSubmit(reader: Reader, firstOctet: number, smsc: SmsAddress | undefined, input: string): ParseResult<SmsSubmit> {
  const messageReference = reader.byte()
  if (messageReference === undefined) return fail('malformed', 'PDU ends before TP-MR', input)
  const destination = readAddress(reader)
  if (!destination.ok) return fail('malformed', destination.error.message, input)
  const pid = reader.byte()
  const dcsByte = reader.byte()
  if (pid === undefined || dcsByte === undefined) return fail('malformed', 'PDU ends before PID/DCS', input)
  // 23.040 §9.2.3.3 TP-VPF: 00 none, 10 relative (1 octet), 01 enhanced / 11 absolute (7 octets).
  const vpf = (firstOctet >> 3) & 0x03
  let validityMinutes: number | undefined
  if (vpf === 2) {
    const vp = reader.byte()
    if (vp === undefined) return fail('malformed', 'PDU ends inside the validity period', input)
    validityMinutes = relativeValidityMinutes(vp)
  } else if (vpf !== 0 && !reader.take(7)) {
    return fail('malformed', 'PDU ends inside the validity period', input)
  }
  const dcs = decodeDataCoding(dcsByte)
  const userData = readUserData(reader, (firstOctet & 0x40) !== 0, dcs, input)
  if (!userData.ok) return userData
  const message: SmsSubmit = {
    type: 'submit',
    firstOctet,
    messageReference,
    destination: destination.value,
    pid,
    dcs,
    statusReportRequest: (firstOctet & 0x20) !== 0,
    rejectDuplicates: (firstOctet & 0x04) !== 0,
    ...userData.value
  }
  if (validityMinutes !== undefined) message.validityMinutes = validityMinutes
  if (smsc) message.smsc = smsc
  return ok(message)
}

/** 23.040 §9.2.3.12.1. */
export function relativeValidityMinutes(vp: number): number {
  if (vp <= 143) return (vp + 1) * 5
  if (vp <= 167) return 12 * 60 + (vp - 143) * 30
  if (vp <= 196) return (vp - 166) * 24 * 60
  return (vp - 192) * 7 * 24 * 60
}

// 23.040 §9.1.2.5: address length counts useful semi-octets; for alphanumeric addresses (TON 101) it counts
// the semi-octets of the packed GSM 7-bit text.
function readAddress(reader: Reader): ParseResult<SmsAddress> {
  const length = reader.byte()
  const type = reader.byte()
  if (length === undefined || type === undefined) return fail('malformed', 'PDU ends inside an address', '')
  if (length > 20) return fail('malformed', `address length ${length} is too long`, '')
  const field = reader.take(Math.ceil(length / 2))
  if (!field) return fail('malformed', 'PDU ends inside an address', '')
  return ok(decodeSemiOctetAddress(type, field, length))
}

// 23.040 §9.1.2.3: semi-octets 1010–1110 are '*', '#', 'a', 'b', 'c'; 1111 is the filler.
const SEMI_OCTET = '0123456789*#abc'

function decodeSemiOctetAddress(type: number, field: Uint8Array, digits: number): SmsAddress {
  if ((type & 0x70) === 0x50) {
    const septets = unpackSeptets(field, Math.floor((digits * 4) / 7))
    return { number: decodeGsm7(septets), type, alphanumeric: true }
  }
  let number = ''
  for (let index = 0; index < field.length && number.length < digits; index++) {
    const byte = field[index] ?? 0
    for (const nibble of [byte & 0x0f, byte >> 4]) {
      if (number.length >= digits || nibble === 0x0f) continue
      number += SEMI_OCTET[nibble] ?? ''
    }
  }
  if ((type & 0x70) === 0x10 && number.length > 0) number = `+${number}`
  return { number, type, alphanumeric: false }
}

/** 23.038 §4: SMS data coding scheme. Reserved codings are read as GSM 7-bit, as the spec asks. */
export function decodeDataCoding(dcs: number): SmsDataCoding {
  const group = dcs >> 4
  if (group <= 0x7) {
    // 00xx / 01xx general data coding (01xx also marks the message for automatic deletion).
    const compressed = (dcs & 0x20) !== 0
    const alphabetBits = (dcs >> 2) & 0x03
    const alphabet: SmsAlphabet = alphabetBits === 1 ? '8bit' : alphabetBits === 2 ? 'ucs2' : 'gsm7'
    const coding: SmsDataCoding = { raw: dcs, alphabet, compressed }
    if (dcs & 0x10) coding.messageClass = (dcs & 0x03) as 0 | 1 | 2 | 3
    return coding
  }
  if (group === 0xc || group === 0xd) return { raw: dcs, alphabet: 'gsm7', compressed: false } // MWI discard/store
  if (group === 0xe) return { raw: dcs, alphabet: 'ucs2', compressed: false } // MWI store, UCS2
  if (group === 0xf) {
    return { raw: dcs, alphabet: dcs & 0x04 ? '8bit' : 'gsm7', messageClass: (dcs & 0x03) as 0 | 1 | 2 | 3, compressed: false }
  }
  return { raw: dcs, alphabet: 'gsm7', compressed: false }
}

/** 23.040 §9.2.3.11: seven swapped-BCD octets; the time zone's sign is bit 3 of its (first) semi-octet. */
export function decodeTimestamp(octets: ArrayLike<number>): SmsTimestamp {
  const bcd = (index: number): number => {
    const byte = (octets[index] ?? 0) & 0xff
    return (byte & 0x0f) * 10 + (byte >> 4)
  }
  const yy = bcd(0)
  const tzByte = (octets[6] ?? 0) & 0xff
  const quarters = (tzByte & 0x07) * 10 + (tzByte >> 4)
  const tzQuarterHours = tzByte & 0x08 ? -quarters : quarters
  const stamp = {
    year: yy >= 90 ? 1900 + yy : 2000 + yy,
    month: bcd(1),
    day: bcd(2),
    hour: bcd(3),
    minute: bcd(4),
    second: bcd(5),
    tzQuarterHours
  }
  const offsetMinutes = tzQuarterHours * 15
  const sign = offsetMinutes < 0 ? '-' : '+'
  const absolute = Math.abs(offsetMinutes)
  const two = (value: number): string => String(value).padStart(2, '0')
  const iso = `${stamp.year}-${two(stamp.month)}-${two(stamp.day)}T${two(stamp.hour)}:${two(stamp.minute)}:${two(stamp.second)}${sign}${two(Math.floor(absolute / 60))}:${two(absolute % 60)}`
  const valid =
    stamp.month >= 1 && stamp.month <= 12 && stamp.day >= 1 && stamp.day <= 31 && stamp.hour <= 23 && stamp.minute <= 59 && stamp.second <= 59
  const epochMs = valid ? Date.UTC(stamp.year, stamp.month - 1, stamp.day, stamp.hour, stamp.minute, stamp.second) - offsetMinutes * 60_000 : null
  return { ...stamp, iso, epochMs: epochMs !== null && Number.isFinite(epochMs) ? epochMs : null }
}

interface UserData {
  udh: UdhElement[]
  concat?: ConcatInfo
  text?: string
  data: string
}

function readUserData(reader: Reader, hasHeader: boolean, dcs: SmsDataCoding, input: string): ParseResult<UserData> {
  const udl = reader.byte()
  if (udl === undefined) return fail('malformed', 'PDU ends before TP-UDL', input)
  // 23.040 §9.2.3.16: UDL counts septets for GSM 7-bit, octets otherwise.
  const octets = dcs.alphabet === 'gsm7' && !dcs.compressed ? Math.ceil((udl * 7) / 8) : udl
  if (octets > 140) return fail('malformed', `TP-UDL ${udl} is longer than an SMS can be`, input)
  const ud = reader.take(octets)
  if (!ud) return fail('malformed', `TP-UDL says ${udl} but only ${reader.remaining} octets follow`, input)

  let headerOctets = 0
  const udh: UdhElement[] = []
  let concat: ConcatInfo | undefined
  if (hasHeader) {
    const udhl = ud[0]
    if (udhl === undefined || udhl + 1 > ud.length) return fail('malformed', 'the user data header is longer than the user data', input)
    headerOctets = udhl + 1
    let index = 1
    while (index < headerOctets) {
      const iei = ud[index]
      const length = ud[index + 1]
      if (iei === undefined || length === undefined || index + 2 + length > headerOctets) {
        return fail('malformed', 'a user data header element runs past the header', input)
      }
      const data = ud.subarray(index + 2, index + 2 + length)
      udh.push({ iei, data: bytesToHex(data) })
      concat ??= concatFromElement(iei, data)
      index += 2 + length
    }
  }

  const result: UserData = { udh, data: '' }
  if (concat) result.concat = concat
  if (dcs.alphabet === 'gsm7' && !dcs.compressed) {
    // The header occupies whole septets; text starts after them (23.040 §9.2.3.24 fill bits).
    const headerSeptets = Math.ceil((headerOctets * 8) / 7)
    if (headerSeptets > udl) return fail('malformed', 'the user data header is longer than TP-UDL', input)
    const septets = unpackSeptets(ud, udl).slice(headerSeptets)
    result.text = decodeGsm7(septets)
    result.data = bytesToHex(ud.subarray(headerOctets))
    return ok(result)
  }
  const body = ud.subarray(headerOctets)
  result.data = bytesToHex(body)
  if (dcs.alphabet === 'ucs2' && !dcs.compressed) result.text = decodeUcs2(body)
  return ok(result)
}

// 23.040 §9.2.3.24.1 (IEI 0x00, 8-bit reference) and §9.2.3.24.8 (IEI 0x08, 16-bit reference). An element
// with a zero count, zero sequence or sequence beyond the count is ignored, as the spec says.
function concatFromElement(iei: number, data: Uint8Array): ConcatInfo | undefined {
  let info: ConcatInfo | undefined
  if (iei === 0x00 && data.length === 3) {
    info = { reference: data[0] ?? 0, total: data[1] ?? 0, sequence: data[2] ?? 0, referenceBits: 8 }
  } else if (iei === 0x08 && data.length === 4) {
    info = { reference: ((data[0] ?? 0) << 8) | (data[1] ?? 0), total: data[2] ?? 0, sequence: data[3] ?? 0, referenceBits: 16 }
  }
  if (!info || info.total === 0 || info.sequence === 0 || info.sequence > info.total) return undefined
  return info
}
