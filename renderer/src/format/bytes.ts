// Byte counts and rates for people. Binary steps (1 KB = 1024 B), as hotspot web UIs and their
// counters use them, so our numbers match what the device's own screen shows. Numbers are formatted
// for the UI language (decimal separator, grouping); unit symbols are the same in English and Japanese.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const

export interface ScaledBytes {
  value: number
  unit: (typeof UNITS)[number]
}

export function scaleBytes(bytes: number): ScaledBytes {
  let value = Math.max(0, bytes)
  let index = 0
  while (value >= 1024 && index < UNITS.length - 1) {
    value /= 1024
    index++
  }
  return { value, unit: UNITS[index] ?? 'B' }
}

/** 1536 → "1.5 KB"; three significant digits above 1 KB, whole bytes below. */
export function formatBytes(bytes: number, locale: string): string {
  const { value, unit } = scaleBytes(bytes)
  const fractionDigits = unit === 'B' || value >= 100 ? 0 : value >= 10 ? 1 : 2
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 0,
    maximumFractionDigits: fractionDigits
  }).format(value)
  return `${number} ${unit}`
}

/** Bytes per second → "1.2 MB/s". */
export function formatRate(bytesPerSecond: number, locale: string): string {
  return `${formatBytes(bytesPerSecond, locale)}/s`
}

export function formatPercent(fraction: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction)
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value)
}

/** Seconds → "2:05:09" (h:mm:ss) or "5:09"; the same in both languages. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds))
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0')
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}
