// Range queries over stored samples: downsampled series for charts, where SQLite does the grouping
// (one GROUP BY over the device's contiguous run of rows, never a JS loop over every sample), and
// CSV export, read in pages so a large range never holds the event loop for long. Buckets of 10 minutes
// or more read the per-minute rollups instead of the samples (see planRollupSeries); CSV always reads samples.
//
// libsql binds every JS number as REAL, so bucket arithmetic casts its parameters to INTEGER first:
// integer division is exact where float division could round a sample into the next bucket.
import type { HistoryMetric } from '../contract/model'
import { csvRow } from './csv'
import type { StoreDatabase } from './database'

/** The column behind each metric the contract offers. */
export const METRIC_COLUMNS: Readonly<Record<HistoryMetric, string>> = {
  rsrp: 'rsrp',
  rsrq: 'rsrq',
  sinr: 'sinr',
  rssi: 'rssi',
  bars: 'bars',
  battery: 'battery',
  sessionUp: 'session_up',
  sessionDown: 'session_down',
  monthUp: 'month_up',
  monthDown: 'month_down',
  monthTotal: 'month_total'
}

export interface SeriesQuery {
  metrics: readonly HistoryMetric[]
  /** ms since the epoch, inclusive. */
  from: number
  /** ms since the epoch, inclusive. */
  to: number
  buckets: number
}

export interface Series {
  mode: 'buckets' | 'raw'
  bucketMs: number
  columns: string[]
  rows: Array<Array<number | null>>
}

export function seriesColumns(metrics: readonly HistoryMetric[]): string[] {
  return ['t', 'n', ...metrics.flatMap((m) => [`${m}.min`, `${m}.max`, `${m}.avg`, `${m}.n`])]
}

/** The width that lets `buckets` buckets cover [from, to], both ends included. */
export function bucketWidth(from: number, to: number, buckets: number): number {
  return Math.max(1, Math.ceil((to - from + 1) / buckets))
}

/**
 * A bucketed query runs in steps of whole buckets spanning at most this much time, so a long range
 * never holds the event loop for long: at one sample a second a step reads about 21,600 rows.
 */
export const SERIES_STEP_MS = 6 * 3_600_000

type Rows = Array<Array<number | null>>

export interface SeriesPlan {
  mode: 'buckets' | 'raw'
  bucketMs: number
  columns: string[]
  /** The rows in time order, a step at a time (raw mode: one step). Read lazily. */
  steps: Generator<Rows>
}

/** `device` is the internal id (HistoryStore resolves keys). */
export function planSeries(db: StoreDatabase, device: number, query: SeriesQuery, stepMs = SERIES_STEP_MS): SeriesPlan {
  const { metrics, from, to, buckets } = query
  const columns = seriesColumns(metrics)
  const held = Number(
    db.value('SELECT count(*) FROM (SELECT 1 FROM samples WHERE device = ?1 AND ts BETWEEN ?2 AND ?3 LIMIT ?4)', [device, from, to, buckets]) ?? 0
  )

  if (held < buckets) {
    const values = metrics.map((m) => {
      const c = METRIC_COLUMNS[m]
      return `${c}, ${c}, ${c}, ${c} IS NOT NULL`
    })
    const sql = `SELECT ts, 1, ${values.join(', ')} FROM samples WHERE device = ?1 AND ts BETWEEN ?2 AND ?3 ORDER BY ts`
    const steps = (function* () {
      yield db.rows(sql, [device, from, to]) as Rows
    })()
    return { mode: 'raw', bucketMs: 0, columns, steps }
  }

  const width = bucketWidth(from, to, buckets)
  if (width >= ROLLUP_MIN_BUCKET_MS) return planRollupSeries(db, device, query, width, columns, stepMs)
  const aggregates = metrics.map((m) => {
    const c = METRIC_COLUMNS[m]
    return `min(${c}), max(${c}), avg(${c}), count(${c})`
  })
  // ?2 is the origin every bucket is counted from; ?3..?4 the step's part of the range.
  const sql = `SELECT CAST(?2 AS INTEGER) + ((ts - CAST(?2 AS INTEGER)) / CAST(?5 AS INTEGER)) * CAST(?5 AS INTEGER) AS t,
      count(*), ${aggregates.join(', ')}
    FROM samples WHERE device = ?1 AND ts BETWEEN ?3 AND ?4 GROUP BY t ORDER BY t`
  const span = Math.max(1, Math.floor(stepMs / width)) * width
  const steps = (function* () {
    for (let lo = from; lo <= to; lo += span) yield db.rows(sql, [device, from, lo, Math.min(to, lo + span - 1), width]) as Rows
  })()
  return { mode: 'buckets', bucketMs: width, columns, steps }
}

/** Buckets at least this wide are read from the per-minute rollups (migration v3), narrower ones from samples. */
export const ROLLUP_MIN_BUCKET_MS = 10 * 60_000
const MINUTE_MS = 60_000

/**
 * The bucketed series from `sample_minutes`. min, max and the count are exact per minute and avg is
 * sum/count, so buckets that start on a minute and span whole minutes equal the raw query. The edge
 * approximation: each minute counts whole in the bucket its start falls in (a minute that begins
 * before `from` counts in the first bucket), so when `from` or the width is not a whole minute, up to
 * 59 s of samples at each bucket edge land in the neighbouring bucket, and the first and last minutes
 * may bring up to 59 s of samples from just outside [from, to]. At ≥ 10-minute buckets that is at
 * most 1/10 of a bucket, which a chart does not show.
 */
function planRollupSeries(
  db: StoreDatabase,
  device: number,
  query: SeriesQuery,
  width: number,
  columns: string[],
  stepMs: number
): SeriesPlan {
  const { metrics, from, to } = query
  const aggregates = metrics.map((m) => {
    const c = METRIC_COLUMNS[m]
    // * 1.0: integer fields (bytes) would otherwise divide as integers; 0 counts give NULL.
    return `min(${c}_min), max(${c}_max), sum(${c}_sum) * 1.0 / nullif(sum(${c}_n), 0), sum(${c}_n)`
  })
  // Integer division truncates toward zero, so the minute that starts before ?2 lands in bucket 0.
  const sql = `SELECT CAST(?2 AS INTEGER) + ((minute - CAST(?2 AS INTEGER)) / CAST(?5 AS INTEGER)) * CAST(?5 AS INTEGER) AS t,
      sum(n), ${aggregates.join(', ')}
    FROM sample_minutes WHERE device = ?1 AND minute BETWEEN ?3 AND ?4 GROUP BY t ORDER BY t`
  const first = Math.floor(from / MINUTE_MS) * MINUTE_MS
  // A step of whole buckets; 60× the raw step, as each row stands for up to 60 samples.
  const span = Math.max(1, Math.floor((stepMs * 60) / width)) * width
  const steps = (function* () {
    for (let lo = from; lo <= to; lo += span) {
      const low = lo === from ? first : lo
      yield db.rows(sql, [device, from, low, Math.min(to, lo + span - 1), width]) as Rows
    }
  })()
  return { mode: 'buckets', bucketMs: width, columns, steps }
}

/** The whole series at once (tests, tools); the host uses HistoryStore.querySeries, which yields between steps. */
export function querySeries(db: StoreDatabase, device: number, query: SeriesQuery, stepMs = SERIES_STEP_MS): Series {
  const plan = planSeries(db, device, query, stepMs)
  const rows: Rows = []
  for (const step of plan.steps) for (const row of step) rows.push(row)
  return { mode: plan.mode, bucketMs: plan.bucketMs, columns: plan.columns, rows }
}

/** CSV columns: time first (ISO 8601 UTC and epoch ms), then every stored field with its unit. */
export const CSV_HEADER = [
  'time_utc',
  'time_ms',
  'rsrp_dbm',
  'rsrq_db',
  'sinr_db',
  'rssi_dbm',
  'bars',
  'rat',
  'band',
  'cell_id',
  'registration',
  'data_state',
  'session_up_bytes',
  'session_down_bytes',
  'month_up_bytes',
  'month_down_bytes',
  'month_total_bytes',
  'battery_percent'
] as const

const CSV_SELECT = `SELECT ts, rsrp, rsrq, sinr, rssi, bars, rat, band, cell, registration, data_state,
  session_up, session_down, month_up, month_down, month_total, battery
  FROM samples WHERE device = ?1 AND ts >= ?2 AND ts <= ?3 ORDER BY ts LIMIT ?4`

export interface CsvPage {
  text: string
  rows: number
}

/**
 * The CSV of [from, to], one page of rows at a time (the header comes with the first page).
 * Pages continue after the last timestamp read (ts is unique per device), not by OFFSET.
 */
export function* csvPages(db: StoreDatabase, device: number, from: number, to: number, pageRows = 5_000): Generator<CsvPage> {
  yield { text: csvRow(CSV_HEADER), rows: 0 }
  let next = from
  for (;;) {
    const rows = db.rows(CSV_SELECT, [device, next, to, pageRows])
    if (rows.length === 0) return
    let text = ''
    for (const row of rows) text += csvRow([new Date(row[0] as number).toISOString(), ...row])
    yield { text, rows: rows.length }
    if (rows.length < pageRows) return
    next = (rows[rows.length - 1]?.[0] as number) + 1
  }
}
