// Pure helpers for the rental-shop station screens: the SSID pattern preview, data allowances typed as
// GB / MB, and the text of a finished job's report. No Vue, no host: table-tested in tests/renderer.
import type { JobDetail, JobUnit } from '@contract/shop'

/**
 * The tokens an SSID pattern may use (src/contract/shop.ts SsidPattern), with the widest value each gives.
 * Mirrors the host's src/shop/ssid-pattern.ts ({n} is padded to 2 but runs to 4 digits in big jobs), which
 * stays the judge: its profile.validate issues are shown next to the field.
 */
export const SSID_TOKENS = ['imei4', 'imei6', 'serial4', 'iccid4', 'n'] as const
export type SsidToken = (typeof SSID_TOKENS)[number]
const TOKEN_WIDTH: Record<SsidToken, number> = { imei4: 4, imei6: 6, serial4: 4, iccid4: 4, n: 4 }

/** Wi-Fi SSIDs are at most 32 bytes (IEEE 802.11 SSID element), counted in UTF-8. */
export const SSID_MAX_BYTES = 32

export interface SsidSample {
  imei?: string
  serial?: string
  iccid?: string
  /** The unit's 1-based position in the job. */
  position: number
}

/** A made-up unit, used when no attached unit can lend its identity to the preview. */
export const SAMPLE_UNIT: SsidSample = { imei: '867123456789012', serial: 'ABC12345XYZ7', iccid: '8981200012345678901', position: 1 }

const TOKEN_PATTERN = /\{([a-z0-9]+)\}/g

/** The last characters, letters and digits only; "?" marks a value the unit does not report (the host then refuses that unit). */
function tail(value: string | undefined, count: number): string {
  const clean = (value ?? '').replace(/[^0-9A-Za-z]/g, '')
  return clean.length >= count ? clean.slice(-count) : '?'.repeat(count)
}

export function isSsidToken(name: string): name is SsidToken {
  return (SSID_TOKENS as readonly string[]).includes(name)
}

/** The SSID a unit would get; tokens this build does not know stay as typed (the host's check names them). */
export function expandSsid(pattern: string, sample: SsidSample): string {
  return pattern.replace(TOKEN_PATTERN, (whole, name: string) => {
    if (!isSsidToken(name)) return whole
    switch (name) {
      case 'imei4':
        return tail(sample.imei, 4)
      case 'imei6':
        return tail(sample.imei, 6)
      case 'serial4':
        return tail(sample.serial, 4).toUpperCase()
      case 'iccid4':
        return tail(sample.iccid, 4)
      case 'n':
        return String(sample.position).padStart(2, '0')
    }
  })
}

/** Tokens in the pattern that are not ours ({imei} instead of {imei4}). */
export function unknownSsidTokens(pattern: string): string[] {
  return [...pattern.matchAll(TOKEN_PATTERN)].map((match) => match[1] ?? '').filter((name) => !isSsidToken(name))
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length
}

/** Bytes of the longest SSID the pattern can give: each token at its widest. */
export function longestSsidBytes(pattern: string): number {
  const widest = pattern.replace(TOKEN_PATTERN, (whole, name: string) => (isSsidToken(name) ? 'x'.repeat(TOKEN_WIDTH[name]) : whole))
  return utf8Length(widest)
}

export const DATA_UNITS = ['GB', 'MB'] as const
export type DataUnit = (typeof DATA_UNITS)[number]
/** Binary steps, like the devices' own data-limit pages and format/bytes.ts. */
const UNIT_BYTES: Record<DataUnit, number> = { GB: 1024 ** 3, MB: 1024 ** 2 }

/** "7.5" GB → bytes; null when the text is not a positive number. */
export function allowanceToBytes(amount: string, unit: DataUnit): number | null {
  const text = amount.trim().replace(',', '.')
  if (!/^\d+(\.\d+)?$/.test(text)) return null
  const bytes = Math.round(Number(text) * UNIT_BYTES[unit])
  return bytes > 0 ? bytes : null
}

/** Bytes → the amount and unit a person would type back (whole GB when it divides, else MB). */
export function bytesToAllowance(bytes: number): { amount: string; unit: DataUnit } {
  if (bytes % UNIT_BYTES.GB === 0 || bytes >= 100 * UNIT_BYTES.GB) {
    return { amount: String(Math.round((bytes / UNIT_BYTES.GB) * 100) / 100), unit: 'GB' }
  }
  return { amount: String(Math.round((bytes / UNIT_BYTES.MB) * 100) / 100), unit: 'MB' }
}

/** Units that have stopped moving, for the overall progress bar. */
export function settledCount(counts: JobDetail['counts']): number {
  return counts.done + counts.failed + counts.needsAttention + counts.cancelled
}

/** Units in the order they were taken: position, then unit key. */
export function sortUnits(units: readonly JobUnit[]): JobUnit[] {
  return [...units].sort((a, b) => a.position - b.position || a.unitKey.localeCompare(b.unitKey))
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** A finished job as CSV (one row per unit), for a spreadsheet or the shop's records. No secrets: units carry none. */
export function jobReportCsv(job: JobDetail): string {
  const header = ['position', 'unitKey', 'deviceId', 'model', 'outcome', 'ssid', 'errorCode', 'errorMessage']
  const rows = sortUnits(job.units).map((unit) =>
    [String(unit.position), unit.unitKey, unit.deviceId, unit.model ?? '', unit.outcome, unit.applied?.['ssid'] ?? '', unit.error?.code ?? '', unit.error?.message ?? '']
      .map(csvCell)
      .join(',')
  )
  return [header.join(','), ...rows].join('\r\n') + '\r\n'
}

/** A moment the host recorded (epoch ms), as a date and time in the UI language. */
export function formatStamp(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs)
}
