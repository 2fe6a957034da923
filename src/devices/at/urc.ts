// Unsolicited result codes: which lines are URCs, which of them carry a second line, and the event the
// engine hands to subscribers. device-protocols.md §4.1: URCs arrive at any time, even between a command and
// its reply; lines starting with + ^ $ % # that nobody asked for go to the URC handler.

export interface AtUrc {
  /** "+CREG", "^HCSQ", "RING", or the prefix of an unknown code such as "+ZFOO". */
  name: string
  /** The URC line as received. */
  line: string
  /** The second line of a two-line URC (+CMT / +CBM / +CDS in PDU mode): usually a PDU in hex. */
  body?: string
  /** False for prefixed lines we have no entry for; subscribers usually ignore those. */
  known: boolean
  /** Milliseconds since the epoch when the (first) line arrived. */
  at: number
}

/**
 * Codes the modem sends unprompted. 27.007/27.005 ones, then the vendor ones listed in device-protocols.md
 * §4.5 (Huawei), §4.6 (ZTE) and §4.7 (Quectel).
 */
export const KNOWN_URCS: ReadonlySet<string> = new Set([
  // 3GPP TS 27.007 / 27.005 (NO CARRIER is unsolicited unless a call-control command is outstanding)
  'RING',
  'NO CARRIER',
  '+CRING',
  '+CLIP',
  '+CCWA',
  '+CMTI',
  '+CMT',
  '+CDS',
  '+CDSI',
  '+CBM',
  '+CBMI',
  '+CREG',
  '+CGREG',
  '+CEREG',
  '+C5GREG',
  '+CUSD',
  '+CPIN',
  '+CIEV',
  '+CGEV',
  '+CTZV',
  '+CTZE',
  '+CUSATP',
  '+CUSATEND',
  // Huawei (§4.5)
  '^RSSI',
  '^HRSSILVL',
  '^RSSILVL',
  '^HCSQ',
  '^MODE',
  '^BOOT',
  '^SIMST',
  '^SRVST',
  '^STIN',
  '^DSFLOWRPT',
  '^NDISSTAT',
  '^NDISEND',
  '^PDPDEACT',
  '^RFSWITCH',
  '^NWTIME',
  '^TIME',
  '^POSITION',
  '^POSEND',
  '^ECCLIST',
  '^LTERSRP',
  '^EONS',
  '^LWURC',
  '^CSNR',
  '^ORIG',
  '^CONF',
  '^CONN',
  '^CEND',
  '^CCALLSTATE',
  '^DDTMF',
  // ZTE (§4.6)
  '+ZPAS',
  '+ZPASR',
  '+ZUSIMR',
  '+ZDONR',
  '+ZPSTM',
  '+ZEND',
  '+ZRSSI',
  // Quectel (§4.7)
  '+QIND',
  '+QUSIM'
])

// "+CREG: 1", "^HCSQ:\"LTE\",…", "$QCSIMSTAT: …", "*EMRDY: 1", "!GSTATUS:": a prefix character, a name, a colon.
const PREFIXED = /^([+^$%#*!][A-Za-z0-9_]+)\s*:/

/** The URC/response name of a prefixed line ("+CREG: 1" → "+CREG"), or of a bare known URC ("RING"). */
export function lineName(line: string): string | undefined {
  const match = PREFIXED.exec(line)
  if (match) return (match[1] ?? '').toUpperCase()
  const bare = line.trim().toUpperCase()
  if (bare === 'RING' || bare === 'NO CARRIER' || bare === '+CUSATEND' || bare === '+ZEND') return bare
  // Huawei "^BOOT" / "^MODE" style codes sometimes come without a colon and value.
  if (/^[+^][A-Z0-9_]+$/.test(bare) && KNOWN_URCS.has(bare)) return bare
  return undefined
}

/** True when the line has the `<prefix><name>:` shape, known or not. */
export function hasResponsePrefix(line: string): boolean {
  return PREFIXED.test(line)
}

export function isKnownUrc(name: string | undefined): boolean {
  return name !== undefined && KNOWN_URCS.has(name)
}

/**
 * Whether this URC line is followed by a second line that belongs to it. 27.005 §3.4.1: in PDU mode
 * +CMT: [<alpha>],<length> and +CBM: <length> are followed by the PDU, in text mode by the text; +CDS is two
 * lines only in PDU mode (+CDS: <length>), in text mode it is one line of fields.
 */
export function isTwoLineUrc(name: string, line: string): boolean {
  if (name === '+CMT' || name === '+CBM') return true
  if (name === '+CDS') return /^\+CDS:\s*\d+\s*$/i.test(line.trim())
  return false
}
