// Redaction for the diagnostics bundle. Every file passes through one Redactor, so one value gets one
// placeholder everywhere (<IMEI-1> in the summary, the history inventory and the log alike). Two layers:
//  1. Known values, read from the device itself: its IMEI, IMSI, ICCID, phone number, Wi-Fi key and SMS
//     texts, found in any of the forms they take in dumps and logs — with separators ("+81 90-1234-5678",
//     "(206) 555-0143"), in full-width digits ("０９０…"), national or international, ICCIDs with or without
//     the trailing F pad, IMEISV (16 digits sharing the IMEI's first 14), and nibble-swapped BCD as SIM
//     files and SMS PDUs store them (3GPP TS 31.102 §4.2.2 EF_IMSI, TS 23.040 §9.1.2.3 semi-octets).
//  2. Shapes, for values nobody told us about (an older SIM in the history, a number inside a USSD reply):
//     18–20-digit runs starting 89 (ICCID, ITU-T E.118), 14–16-digit runs (IMEI when the Luhn check holds,
//     else IMSI), international and grouped national phone numbers; and secrets by name (passwords, keys,
//     tokens, cookies, session ids) in JSON, XML, headers and key=value text.
// Identifiers and SMS text stay when the user opts in; Wi-Fi keys and other secrets never do.
import { REDACTION_KINDS, type RedactionCounts, type RedactionKind } from '../contract/diagnostics'

export interface RedactionPolicy {
  /** Keep IMEI, IMSI, ICCID, phone numbers and serial numbers. */
  identifiers: boolean
  /** Keep SMS text (and SMS PDUs when identifiers are kept too). */
  smsText: boolean
}

export interface KnownValues {
  imei?: Iterable<string | undefined>
  imsi?: Iterable<string | undefined>
  iccid?: Iterable<string | undefined>
  msisdn?: Iterable<string | undefined>
  /** The unit's serial number (it names the unit as surely as its IMEI). */
  serial?: Iterable<string | undefined>
  wifiKey?: Iterable<string | undefined>
  /** Passwords and other secrets known by value. */
  secret?: Iterable<string | undefined>
  smsText?: Iterable<string | undefined>
}

type IdentifierKind = 'imei' | 'imsi' | 'iccid' | 'msisdn' | 'phone'
const IDENTIFIER_KINDS = new Set<RedactionKind>(['imei', 'imsi', 'iccid', 'msisdn', 'phone', 'serial'])

const PLACEHOLDER_LABEL: Record<RedactionKind, string> = {
  imei: 'IMEI',
  imsi: 'IMSI',
  iccid: 'ICCID',
  msisdn: 'MSISDN',
  phone: 'PHONE',
  serial: 'SERIAL',
  smsText: 'SMS-TEXT',
  wifiKey: 'WIFI-KEY',
  secret: 'SECRET'
}

interface DigitNeedle {
  kind: IdentifierKind
  /** The canonical value the placeholder belongs to. */
  canonical: string
  digits: string
}

interface TextNeedle {
  kind: RedactionKind
  canonical: string
  text: string
  caseInsensitive: boolean
}

/** Full-width digits (U+FF10–U+FF19) as ASCII. */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 0x30))
}

/** BCD with each byte's nibbles swapped, as SIM files and SMS PDUs store digits; odd lengths end in F. */
export function swapNibbles(digits: string): string {
  const padded = digits.length % 2 === 1 ? `${digits}F` : digits
  let out = ''
  for (let i = 0; i < padded.length; i += 2) out += `${padded[i + 1] ?? ''}${padded[i] ?? ''}`
  return out.toUpperCase()
}

export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let total = 0
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    total += digit
  }
  return total % 10 === 0
}

// A run of digits as people and firmwares write them: optional + or opening parenthesis, digits (ASCII
// or full-width) with at most two separators between them, and an ICCID's trailing F pad.
// Separators stay within a line, so numbers on consecutive lines (CSV rows) never join.
const DIGIT_RUN = /[+＋(（]?[0-9０-９](?:[ \t\-.‐‑–—－ー()（）]{0,2}[0-9０-９])*(?:[Ff](?![0-9A-Za-z]))?/g

// Secrets by name. Values end at a quote, tag, separator or line end.
const SECRET_NAMES =
  'password|passwd|pwd|passphrase|psk|wpa_?psk|wpa_?key|wifi_?key|wifiwpapsk|wpapresharedkey|wifiwepkey\\d?|pre_?shared_?key|secret|token|csrf_?token|__requestverificationtoken|sessionid|session_?id|sesinfo|tokinfo|cookie|authorization|api_?key|access_?token|refresh_?token|pin|puk|newpin|currentpin|ad'
const JSON_SECRET = new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)"((?:[^"\\\\]|\\\\.)*)"`, 'gi')
const XML_SECRET = new RegExp(`<(${SECRET_NAMES})>([^<]*)</\\1>`, 'gi')
const HEADER_SECRET = /^(\s*(?:set-cookie|cookie|authorization|x-csrf-token|__requestverificationtoken)\s*:\s*)(.+)$/gim
// APN passwords in AT replies: +CGAUTH: <cid>,<auth>,<user>,<password> (3GPP TS 27.007 §10.1.31) and Huawei's
// ^AUTHDATA: <cid>,<auth>,<plmn>,<password>,<user> (Huawei AT command interface spec, ^AUTHDATA).
const AT_CGAUTH_SECRET = /(\+CGAUTH:\s*\d+\s*,\s*\d+\s*,\s*"[^"]*"\s*,\s*)"([^"]*)"/gi
const AT_AUTHDATA_SECRET = /(\^AUTHDATA:\s*\d+\s*,\s*\d+\s*,\s*"[^"]*"\s*,\s*)"([^"]*)"/gi
const ASSIGN_SECRET = new RegExp(`(\\b(?:${SECRET_NAMES})\\s*=\\s*)([^&\\s;,"'<>]+)`, 'gi')

/** JSON property names whose values are secrets, whatever their type. */
const SECRET_KEY = new RegExp(`^(?:${SECRET_NAMES}|wifikey|adminpassword|currentpassword|newpassword)$`, 'i')

export class Redactor {
  private readonly counts = Object.fromEntries(REDACTION_KINDS.map((kind) => [kind, 0])) as Record<RedactionKind, number>
  private readonly placeholders = new Map<string, string>()
  private readonly numbering = Object.fromEntries(REDACTION_KINDS.map((kind) => [kind, 0])) as Record<RedactionKind, number>
  private readonly digitNeedles: DigitNeedle[] = []
  private readonly textNeedles: TextNeedle[] = []

  constructor(
    readonly policy: RedactionPolicy,
    known: KnownValues = {}
  ) {
    for (const imei of values(known.imei)) {
      const digits = asciiDigits(imei).replace(/\D/g, '')
      // The first 14 digits name the unit (TAC + serial); the 15th is a check digit and IMEISV replaces it.
      if (digits.length >= 14) this.addIdentifier('imei', digits.slice(0, 14), [digits.slice(0, 14)])
    }
    for (const imsi of values(known.imsi)) {
      const digits = asciiDigits(imsi).replace(/\D/g, '')
      if (digits.length >= 6) this.addIdentifier('imsi', digits, [digits])
    }
    for (const iccid of values(known.iccid)) {
      const canonical = asciiDigits(iccid).replace(/[\s-]/g, '').toUpperCase().replace(/F+$/, '')
      if (canonical.length >= 10) this.addIdentifier('iccid', canonical, [canonical])
    }
    for (const msisdn of values(known.msisdn)) {
      const digits = asciiDigits(msisdn).replace(/\D/g, '')
      if (digits.length < 7) continue
      // The national significant number is the last 9–10 digits almost everywhere (+1 206 555 0143,
      // +81 90 1234 5678, +44 7700 900123); matching on it finds "090-1234-5678" and "(206) 555-0143".
      const forms = new Set([digits, digits.slice(-10), digits.slice(-9)].filter((form) => form.length >= 9 || form === digits))
      this.addIdentifier('msisdn', digits, [...forms])
    }
    for (const serial of values(known.serial)) {
      if (serial.length >= 6) this.textNeedles.push({ kind: 'serial', canonical: serial, text: serial, caseInsensitive: false })
    }
    for (const key of values(known.wifiKey)) if (key.length >= 4) this.textNeedles.push({ kind: 'wifiKey', canonical: key, text: key, caseInsensitive: false })
    for (const secret of values(known.secret)) if (secret.length >= 4) this.textNeedles.push({ kind: 'secret', canonical: secret, text: secret, caseInsensitive: false })
    if (!policy.smsText) {
      for (const text of values(known.smsText)) {
        const trimmed = text.trim()
        if (trimmed.length < 6) continue
        this.textNeedles.push({ kind: 'smsText', canonical: trimmed, text: trimmed, caseInsensitive: false })
        // ZTE and others carry message text as UCS-2 hex.
        this.textNeedles.push({ kind: 'smsText', canonical: trimmed, text: ucs2Hex(trimmed), caseInsensitive: true })
      }
    }
    // Longest first, so an ICCID is not taken for the phone number inside it.
    this.digitNeedles.sort((a, b) => b.digits.length - a.digits.length)
    this.textNeedles.sort((a, b) => b.text.length - a.text.length)
  }

  /** How many replacements of each kind were made so far. */
  redactionCounts(): RedactionCounts {
    return { ...this.counts }
  }

  /** The placeholder of every value replaced, by kind: how many distinct values each kind had. */
  distinctCounts(): Record<RedactionKind, number> {
    return { ...this.numbering }
  }

  /** Free text: logs, transcripts, CSV, serialized JSON. */
  text(input: string): string {
    let out = input
    // Secrets first: a Wi-Fi key made of digits must not be mistaken for a number.
    out = out.replace(JSON_SECRET, (match, prefix: string, value: string) =>
      value === '' || value.startsWith('<') ? match : `${prefix}"${this.placeholder(isWifiKeyName(prefix) ? 'wifiKey' : 'secret', value)}"`
    )
    out = out.replace(XML_SECRET, (_match, tag: string, value: string) => `<${tag}>${this.placeholder(isWifiKeyName(tag) ? 'wifiKey' : 'secret', value)}</${tag}>`)
    for (const pattern of [AT_CGAUTH_SECRET, AT_AUTHDATA_SECRET]) {
      out = out.replace(pattern, (match, prefix: string, value: string) => (value === '' ? match : `${prefix}"${this.placeholder('secret', value)}"`))
    }
    out = out.replace(HEADER_SECRET, (_match, prefix: string, value: string) => `${prefix}${this.placeholder('secret', value)}`)
    out = out.replace(ASSIGN_SECRET, (match, prefix: string, value: string) => (value.startsWith('<') ? match : `${prefix}${this.placeholder('secret', value)}`))
    // One upper-case copy for the case-insensitive needles, made again only after a replacement.
    let upper: string | undefined
    for (const needle of this.textNeedles) {
      if (needle.caseInsensitive) upper ??= out.toUpperCase()
      const replaced = this.replaceNeedle(out, needle, upper)
      if (replaced !== out) upper = undefined
      out = replaced
    }
    if (this.policy.identifiers) return out
    out = out.replace(DIGIT_RUN, (run) => this.digitRun(run))
    return out
  }

  /**
   * Large text (a day of history as CSV) a slice of lines at a time, awaiting `between` after each slice so
   * the host's event loop keeps polling devices (and the caller can stop on cancel). Same result as text().
   */
  async textInChunks(input: string, between: () => Promise<void>, linesPerChunk = 2000): Promise<string> {
    const lines = input.split('\n')
    const out: string[] = []
    for (let i = 0; i < lines.length; i += linesPerChunk) {
      if (i > 0) await between()
      out.push(this.text(lines.slice(i, i + linesPerChunk).join('\n')))
    }
    return out.join('\n')
  }

  /**
   * A JSON value: properties named like secrets lose their values, then every string goes through text().
   * Returns a new value; the input is not changed.
   */
  json(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value)
    // An identifier sent as a JSON number (some firmwares do) is still an identifier.
    if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 1e7) {
      const text = this.text(String(value))
      return text === String(value) ? value : text
    }
    if (Array.isArray(value)) return value.map((item) => this.json(item))
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) {
        if (SECRET_KEY.test(key) && item !== undefined && item !== null && item !== '') {
          out[key] = this.secretValue(isWifiKeyName(key) ? 'wifiKey' : 'secret', typeof item === 'string' ? item : JSON.stringify(item))
        } else {
          out[key] = this.json(item)
        }
      }
      return out
    }
    return value
  }

  /** The placeholder of a secret the caller knows by its field (a Wi-Fi key in a settings read). */
  secretValue(kind: 'wifiKey' | 'secret', value: string): string {
    return this.placeholder(kind, value)
  }

  /** A message text: kept (still without identifiers) when the user opted in, else a placeholder. */
  smsText(text: string): string {
    if (this.policy.smsText) return this.text(text)
    return this.placeholder('smsText', text.trim())
  }

  /** An SMS PDU (hex): it holds the sender and the text, so it stays only when both are kept. */
  smsPdu(pdu: string): string {
    if (this.policy.smsText && this.policy.identifiers) return pdu
    return this.placeholder('smsText', `pdu:${pdu.toUpperCase()}`)
  }

  private addIdentifier(kind: IdentifierKind, canonical: string, forms: string[]): void {
    for (const digits of forms) this.digitNeedles.push({ kind, canonical, digits })
    // Nibble-swapped BCD, from either parity (EF_IMSI starts with a length byte and a parity nibble).
    for (const swapped of new Set([swapNibbles(canonical).replace(/F$/, ''), swapNibbles(canonical.slice(1)).replace(/F$/, '')])) {
      if (swapped.length >= 10) this.textNeedles.push({ kind, canonical, text: swapped, caseInsensitive: true })
    }
  }

  private replaceNeedle(text: string, needle: TextNeedle, upper: string | undefined): string {
    if (IDENTIFIER_KINDS.has(needle.kind) && this.policy.identifiers) return text
    const haystack = needle.caseInsensitive ? (upper ?? text.toUpperCase()) : text
    const target = needle.caseInsensitive ? needle.text.toUpperCase() : needle.text
    if (!haystack.includes(target)) return text
    let out = ''
    let from = 0
    for (let at = haystack.indexOf(target); at !== -1; at = haystack.indexOf(target, from)) {
      let start = at
      let end = at + target.length
      // A swapped form sits inside a longer hex run (a PDU, an EF read): take the whole run.
      if (needle.caseInsensitive) {
        while (start > from && /[0-9A-Fa-f]/.test(text[start - 1] ?? '')) start--
        while (end < text.length && /[0-9A-Fa-f]/.test(text[end] ?? '')) end++
      }
      out += text.slice(from, start) + this.placeholder(needle.kind, needle.canonical)
      from = end
    }
    return out + text.slice(from)
  }

  /**
   * One run of digits (with separators): known values inside it are replaced where they sit (a list of
   * numbers keeps its other members); what is left is checked against the shapes, as a whole (a grouped
   * phone number) and word by word (several numbers separated by spaces).
   */
  private digitRun(run: string): string {
    // Too short for any needle (9+ digits) or shape (8+): most numbers in a log or a CSV end here.
    if (run.length < 8) return run
    const plain = asciiDigits(run)
    const bare = plain.replace(/\D/g, '')
    if (!this.digitNeedles.some((needle) => bare.includes(needle.digits))) {
      return this.shapes(run)
    }
    let digits = ''
    const positions: number[] = []
    for (let i = 0; i < plain.length; i++) {
      const code = plain.charCodeAt(i)
      if (code >= 0x30 && code <= 0x39) {
        digits += plain[i] ?? ''
        positions.push(i)
      }
    }
    const taken = new Array<boolean>(digits.length).fill(false)
    const spans: Array<{ start: number; end: number; text: string }> = []
    const contiguous = (a: number, b: number) => (positions[b] ?? -2) - (positions[a] ?? -1) === 1
    for (const needle of this.digitNeedles) {
      for (let at = digits.indexOf(needle.digits); at !== -1; at = digits.indexOf(needle.digits, at + 1)) {
        let first = at
        let last = at + needle.digits.length - 1
        if (taken.slice(first, last + 1).some(Boolean)) continue
        // Digits glued to the match belong to it: a trunk 0, an IMEISV's two version digits.
        while (first > 0 && !taken[first - 1] && contiguous(first - 1, first)) first--
        while (last < digits.length - 1 && !taken[last + 1] && contiguous(last, last + 1)) last++
        // A grouped IMEI's check digit or IMEISV's version ("86-123456-789012-8") ends the run.
        if (needle.kind === 'imei' && digits.length - 1 - last <= 2 && !taken.slice(last + 1).some(Boolean)) last = digits.length - 1
        for (let i = first; i <= last; i++) taken[i] = true
        let start = positions[first] ?? 0
        let end = (positions[last] ?? 0) + 1
        if (first === 0) start = 0 // a leading + or parenthesis
        if (last === digits.length - 1 && /^[Ff]$/.test(run[end] ?? '')) end++ // the ICCID's F pad
        if (last === digits.length - 1 && /^[)）]$/.test(run[end] ?? '') && /^[(（]/.test(run)) end++
        spans.push({ start, end, text: this.placeholder(needle.kind, needle.canonical) })
      }
    }
    spans.sort((a, b) => a.start - b.start)
    let out = ''
    let from = 0
    for (const span of spans) {
      out += this.shapes(run.slice(from, span.start)) + span.text
      from = span.end
    }
    return out + this.shapes(run.slice(from))
  }

  private shapes(segment: string): string {
    if (!/[0-9０-９]/.test(segment)) return segment
    const whole = this.shapeOfSegment(segment)
    if (whole !== null) return whole
    return segment.replace(/[^ \t]+/g, (word) => this.shapeOfSegment(word) ?? word)
  }

  private shapeOfSegment(segment: string): string | null {
    const core = segment.trim()
    const digits = asciiDigits(core).replace(/[^0-9Ff]/g, '').toUpperCase().replace(/F$/, '')
    if (!/^\d+$/.test(digits)) return null
    const shape = shapeOf(core, digits)
    if (!shape) return null
    const lead = segment.slice(0, segment.indexOf(core))
    const trail = segment.slice(segment.indexOf(core) + core.length)
    return `${lead}${this.keepEdges(core, this.placeholder(shape, digits))}${trail}`
  }

  /** Keeps an opening parenthesis the run swallowed but does not belong to the number's digits. */
  private keepEdges(run: string, placeholder: string): string {
    return /^[(（]/.test(run) && !/[)）]/.test(run) ? `${run[0] ?? ''}${placeholder}` : placeholder
  }

  private placeholder(kind: RedactionKind, canonical: string): string {
    this.counts[kind]++
    const key = `${kind}\u0000${canonical}`
    let placeholder = this.placeholders.get(key)
    if (!placeholder) {
      placeholder = `<${PLACEHOLDER_LABEL[kind]}-${++this.numbering[kind]}>`
      this.placeholders.set(key, placeholder)
    }
    return placeholder
  }
}

/** What an unknown run of digits looks like, or null when it looks like any other number. */
function shapeOf(run: string, digits: string): IdentifierKind | null {
  const grouped = /[\s\-.‐‑–—－ー()（）]/.test(run.trim())
  if (!grouped) {
    if (/^89\d{16,18}$/.test(digits)) return 'iccid'
    if (digits.length === 15) return isLuhnValid(digits) ? 'imei' : 'imsi'
    if (digits.length === 14 || digits.length === 16) return 'imei'
  }
  if (/^[+＋]/.test(run) && digits.length >= 8 && digits.length <= 15) return 'phone'
  // Grouped national numbers: 090-1234-5678, 03 1234 5678, (206) 555-0143.
  const plain = asciiDigits(run)
  if (grouped && digits.length >= 10 && digits.length <= 11 && (NATIONAL_GROUPED.test(plain) || NANP_GROUPED.test(plain))) return 'phone'
  return null
}

const NATIONAL_GROUPED = /^[(（]?0\d{1,4}[)）]?[ \t\-‐－ー]{1,2}\d{1,4}[ \t\-‐－ー]{1,2}\d{3,4}$/
const NANP_GROUPED = /^[(（]?\d{3}[)）]?[ \t\-.]{1,2}\d{3}[ \t\-.]\d{4}$/

function isWifiKeyName(name: string): boolean {
  return /wifi|psk|wpa|wep|^key$/i.test(name)
}

function ucs2Hex(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0')
  return out.toUpperCase()
}

function* values(list: Iterable<string | undefined> | undefined): Generator<string> {
  for (const value of list ?? []) if (typeof value === 'string' && value.trim() !== '') yield value.trim()
}
