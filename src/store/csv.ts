// CSV as RFC 4180 has it: CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF,
// quotes inside doubled. Text that a spreadsheet would run as a formula gets a leading apostrophe
// (OWASP "CSV injection"): band and cell names come from the device, which we do not trust.

export type CsvValue = string | number | null | undefined

const NEEDS_QUOTES = /[",\r\n]/
const FORMULA_START = /^[=+\-@\t\r]/

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`
}
