// Percentiles and table printing for the bench. Benchmarks measure and print; they never assert.
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] as number
}

export interface Row {
  metric: string
  value: string
  detail: string
}

export function printTable(rows: readonly Row[]): void {
  const headers: Row = { metric: 'metric', value: 'value', detail: 'detail' }
  const all = [headers, ...rows]
  const width = (key: keyof Row) => Math.max(...all.map((row) => row[key].length))
  const line = (row: Row) =>
    `| ${row.metric.padEnd(width('metric'))} | ${row.value.padStart(width('value'))} | ${row.detail.padEnd(width('detail'))} |`
  const rule = `|${'-'.repeat(width('metric') + 2)}|${'-'.repeat(width('value') + 1)}:|${'-'.repeat(width('detail') + 2)}|`
  process.stdout.write([line(headers), rule, ...rows.map(line)].join('\n') + '\n')
}

export const fmt = (n: number, digits = 2) => n.toFixed(digits)
