// Encodings the simulated firmware writes (reference §2.7, §2.8), written from the reference for the device
// side: UCS2 hex with one group of four uppercase digits per UTF-16 code unit (the stock UI decodes four digits
// at a time, anysoft/mifi-tools:webs/mf761/web/js/lib.js decodeMessage), and the SMS date
// "yy,MM,dd,HH,mm,ss,±q" with the zone in quarter hours, as the service-centre time stamp carries it
// (3GPP TS 23.040 §9.2.3.11; captures with "+8" for UTC+2, "+12" for UTC+3, "+32" for UTC+8).

export function toUcs2Hex(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')
  return out
}

/** Device-side decode of what a client sent (MessageBody): groups of four hex digits; null when malformed. */
export function fromUcs2Hex(hex: string): string | null {
  if (hex.length % 4 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) return null
  let out = ''
  for (let i = 0; i < hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16))
  return out
}

/** The SMS list's `date` for a moment seen in a zone `offsetMinutes` east of UTC (a multiple of 15). */
export function smsDate(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000)
  const two = (value: number): string => String(value).padStart(2, '0')
  const quarters = Math.round(offsetMinutes / 15)
  return [
    two(local.getUTCFullYear() % 100),
    two(local.getUTCMonth() + 1),
    two(local.getUTCDate()),
    two(local.getUTCHours()),
    two(local.getUTCMinutes()),
    two(local.getUTCSeconds()),
    quarters >= 0 ? `+${quarters}` : String(quarters)
  ].join(',')
}

/** SEND_SMS sms_time "yy;MM;dd;HH;mm;ss;±H" → epoch ms, or null (the firmware stamps sent messages with it). */
export function parseSmsTime(raw: string): { epochMs: number; offsetMinutes: number } | null {
  const parts = raw.split(';')
  if (parts.length !== 7) return null
  const numbers = parts.slice(0, 6).map((part) => (/^\d{1,2}$/.test(part) ? Number(part) : NaN))
  const zone = Number(parts[6])
  if (numbers.some((value) => !Number.isInteger(value)) || !Number.isFinite(zone) || Math.abs(zone) > 14) return null
  const [yy, month, day, hour, minute, second] = numbers as [number, number, number, number, number, number]
  const offsetMinutes = Math.round(zone * 60)
  const epochMs = Date.UTC(2000 + yy, month - 1, day, hour, minute, second) - offsetMinutes * 60_000
  return Number.isFinite(epochMs) ? { epochMs, offsetMinutes } : null
}
