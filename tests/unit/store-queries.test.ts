// Range queries: bucketing math on known synthetic series (min/max/avg exact, checked against a
// plain JS computation and by hand), raw mode, range edges, gaps, and the CSV export.
import { describe, expect, it } from 'vitest'
import type { HistoryMetric } from '../../src/contract/model'
import { CsvTooLargeError, HistoryStore, type KeyedSample } from '../../src/store/history-store'
import { bucketWidth, CSV_HEADER, querySeries } from '../../src/store/queries'
import type { SampleRow } from '../../src/store/samples'

const T0 = Date.UTC(2025, 5, 1, 12) // 2025-06-01T12:00:00Z

function row(ts: number, fields: Partial<SampleRow> = {}): SampleRow {
  return {
    ts,
    rsrp: null,
    rsrq: null,
    sinr: null,
    rssi: null,
    bars: null,
    rat: null,
    band: null,
    cell: null,
    registration: null,
    dataState: null,
    sessionUp: null,
    sessionDown: null,
    monthUp: null,
    monthDown: null,
    monthTotal: null,
    battery: null,
    ...fields
  }
}

function storeWith(samples: Record<string, SampleRow[]>): HistoryStore {
  const store = HistoryStore.open(':memory:')
  const keyed: KeyedSample[] = Object.entries(samples).flatMap(([key, rows]) => rows.map((r) => ({ key, row: r })))
  const sightings = Object.keys(samples).map((key) => ({ key, hostId: key, demo: false, firstSeen: T0, lastSeen: T0 }))
  store.write(sightings, keyed)
  return store
}

/** The oracle: the same buckets computed the obvious way. */
function expectedBuckets(rows: SampleRow[], metric: keyof SampleRow, from: number, to: number, buckets: number) {
  const width = bucketWidth(from, to, buckets)
  const groups = new Map<number, number[]>()
  const counts = new Map<number, number>()
  for (const r of rows) {
    if (r.ts < from || r.ts > to) continue
    const index = Math.floor((r.ts - from) / width)
    counts.set(index, (counts.get(index) ?? 0) + 1)
    const list = groups.get(index) ?? []
    const value = r[metric]
    if (typeof value === 'number') list.push(value)
    groups.set(index, list)
  }
  return [...counts.keys()]
    .sort((a, b) => a - b)
    .map((index) => {
      const values = groups.get(index) ?? []
      const n = values.length
      return [
        from + index * width,
        counts.get(index) as number,
        n ? Math.min(...values) : null,
        n ? Math.max(...values) : null,
        n ? values.reduce((a, b) => a + b, 0) / n : null,
        n
      ]
    })
}

describe('bucket width', () => {
  it('covers [from, to] with at most `buckets` buckets, `to` included', () => {
    for (const [from, to, buckets] of [
      [0, 999, 10],
      [0, 1000, 10],
      [T0, T0 + 86_400_000 - 1, 500],
      [T0, T0 + 86_400_000, 500],
      [T0, T0, 1],
      [T0, T0 + 7, 2000],
      [0, 8_640_000_000_000_000, 2000]
    ] as const) {
      const width = bucketWidth(from, to, buckets)
      expect(width).toBeGreaterThanOrEqual(1)
      expect(Math.floor((to - from) / width)).toBeLessThan(buckets)
    }
    expect(bucketWidth(0, 999, 10)).toBe(100)
    expect(bucketWidth(0, 1000, 10)).toBe(101)
  })
})

describe('querySeries', () => {
  // One sample a second for 1000 s: rsrp cycles -120 … -114, sinr is reported on even seconds only.
  const series = Array.from({ length: 1000 }, (_, i) =>
    row(T0 + i * 1000, { rsrp: -120 + (i % 7), sinr: i % 2 === 0 ? i / 2 : null, sessionDown: i * 1500 })
  )

  it('groups into buckets with exact min/max/avg/count (by hand)', async () => {
    const store = storeWith({ 'imei:1': series })
    const result = await store.querySeries('imei:1', { metrics: ['rsrp', 'sinr'], from: T0, to: T0 + 999_999, buckets: 10 })
    expect(result?.mode).toBe('buckets')
    expect(result?.bucketMs).toBe(100_000)
    expect(result?.columns).toEqual(['t', 'n', 'rsrp.min', 'rsrp.max', 'rsrp.avg', 'rsrp.n', 'sinr.min', 'sinr.max', 'sinr.avg', 'sinr.n'])
    expect(result?.rows).toHaveLength(10)
    // Bucket 0 holds i = 0…99: rsrp cycles through 14 whole periods (0…97) plus i%7 = 0, 1 → sum
    // 14 × (-819) + (-120) + (-119) = -11705; sinr = i/2 for even i: 0…49, avg 24.5.
    expect(result?.rows[0]).toEqual([T0, 100, -120, -114, -117.05, 100, 0, 49, 24.5, 50])
    // Bucket 9 holds i = 900…999: sinr 450…499.
    expect(result?.rows[9]?.slice(6)).toEqual([450, 499, 474.5, 50])
    store.close()
  })

  it('matches a plain computation for uneven widths, offsets and every metric column', async () => {
    const store = storeWith({ 'imei:1': series })
    for (const [from, to, buckets] of [
      [T0 + 333, T0 + 777_777, 7],
      [T0 - 50_000, T0 + 2_000_000, 13],
      [T0 + 1_000, T0 + 998_000, 499]
    ] as const) {
      const result = await store.querySeries('imei:1', { metrics: ['rsrp', 'sinr', 'sessionDown'], from, to, buckets })
      const rsrp = expectedBuckets(series, 'rsrp', from, to, buckets)
      const sinr = expectedBuckets(series, 'sinr', from, to, buckets)
      const down = expectedBuckets(series, 'sessionDown', from, to, buckets)
      expect(result?.mode).toBe('buckets')
      expect(result?.rows).toHaveLength(rsrp.length)
      result?.rows.forEach((r, i) => {
        expect(r.slice(0, 6)).toEqual(rsrp[i])
        expect(r.slice(6, 10)).toEqual(sinr[i]?.slice(2))
        expect(r[10]).toBe(down[i]?.[2])
        expect(r[11]).toBe(down[i]?.[3])
        expect(r[12]).toBeCloseTo(down[i]?.[4] as number, 6)
      })
    }
    store.close()
  })

  it('includes both ends of the range, leaves out what is outside it and other devices', async () => {
    const rows = [row(T0 - 1, { rsrp: -1 }), row(T0, { rsrp: -100 }), row(T0 + 500, { rsrp: -90 }), row(T0 + 1000, { rsrp: -80 }), row(T0 + 1001, { rsrp: -2 })]
    const store = storeWith({ 'imei:1': rows, 'imei:2': [row(T0 + 10, { rsrp: -50 })] })
    const raw = await store.querySeries('imei:1', { metrics: ['rsrp'], from: T0, to: T0 + 1000, buckets: 500 })
    expect(raw).toMatchObject({
      mode: 'raw',
      bucketMs: 0,
      rows: [
        [T0, 1, -100, -100, -100, 1],
        [T0 + 500, 1, -90, -90, -90, 1],
        [T0 + 1000, 1, -80, -80, -80, 1]
      ]
    })
    const one = await store.querySeries('imei:1', { metrics: ['rsrp'], from: T0, to: T0 + 1000, buckets: 1 })
    expect(one?.rows).toEqual([[T0, 3, -100, -80, -90, 3]])
    store.close()
  })

  it('answers raw only while the range holds fewer samples than buckets', async () => {
    const rows = Array.from({ length: 4 }, (_, i) => row(T0 + i * 1000, { bars: i }))
    const store = storeWith({ 'host:a': rows })
    const q = (buckets: number) => store.querySeries('host:a', { metrics: ['bars'], from: T0, to: T0 + 3999, buckets })
    expect((await q(5))?.mode).toBe('raw')
    expect(await q(4)).toMatchObject({ mode: 'buckets', bucketMs: 1000 })
    expect((await q(2))?.rows).toEqual([
      [T0, 2, 0, 1, 0.5, 2],
      [T0 + 2000, 2, 2, 3, 2.5, 2]
    ])
    store.close()
  })

  it('leaves empty buckets out (a gap), and reports a bucket with no value of a metric as nulls', async () => {
    const rows = [...Array.from({ length: 10 }, (_, i) => row(T0 + i * 100, { rsrp: -100 })), row(T0 + 9_000, { battery: 50 })]
    const store = storeWith({ 'host:a': rows })
    const result = await store.querySeries('host:a', { metrics: ['rsrp', 'battery'], from: T0, to: T0 + 9_999, buckets: 10 })
    expect(result?.rows).toEqual([
      [T0, 10, -100, -100, -100, 10, null, null, null, 0],
      [T0 + 9_000, 1, null, null, null, 0, 50, 50, 50, 1]
    ])
    store.close()
  })

  it('gives the same rows when run in many small steps as in one', async () => {
    const store = storeWith({ 'imei:1': series })
    const query = { metrics: ['rsrp', 'sinr', 'sessionDown'] as HistoryMetric[], from: T0 + 777, to: T0 + 999_000, buckets: 37 }
    const whole = querySeries(store.db, store.deviceIdOf('imei:1') as number, query, Number.MAX_SAFE_INTEGER)
    // Steps of one bucket each (a step never splits a bucket), and of a few buckets.
    for (const stepMs of [1, 30_000, 95_000]) {
      expect(querySeries(store.db, store.deviceIdOf('imei:1') as number, query, stepMs)).toEqual(whole)
      expect(await store.querySeries('imei:1', query, stepMs)).toEqual(whole)
    }
    expect(whole.rows).toHaveLength(37)
    store.close()
  })

  it('is undefined for a key never recorded', async () => {
    const store = storeWith({ 'host:a': [row(T0)] })
    expect(await store.querySeries('host:b', { metrics: ['rsrp'], from: 0, to: T0, buckets: 10 })).toBeUndefined()
    store.close()
  })

  it('handles every metric the contract offers', async () => {
    const full = row(T0, {
      rsrp: -95,
      rsrq: -11,
      sinr: 7.5,
      rssi: -67,
      bars: 3,
      battery: 81,
      sessionUp: 10,
      sessionDown: 20,
      monthUp: 30,
      monthDown: 40,
      monthTotal: 70
    })
    const store = storeWith({ 'host:a': [full] })
    const metrics: HistoryMetric[] = ['rsrp', 'rsrq', 'sinr', 'rssi', 'bars', 'battery', 'sessionUp', 'sessionDown', 'monthUp', 'monthDown', 'monthTotal']
    const result = await store.querySeries('host:a', { metrics, from: T0, to: T0, buckets: 2 })
    expect(result?.rows[0]?.filter((_, i) => i >= 2 && (i - 2) % 4 === 0)).toEqual([-95, -11, 7.5, -67, 3, 81, 10, 20, 30, 40, 70])
    store.close()
  })
})

describe('exportCsv', () => {
  it('writes a header, ISO times, every field, with RFC 4180 quoting and CRLF', async () => {
    const store = storeWith({
      'host:a': [
        row(T0, { rsrp: -95.5, bars: 3, rat: 'lte', band: 'B3,B7', cell: 'say "hi"', registration: 'home', dataState: 'connected', sessionDown: 1234 }),
        row(T0 + 1000, { band: 'line\nbreak', cell: '=HYPERLINK("x")', battery: 80 })
      ]
    })
    const result = await store.exportCsv('host:a', T0, T0 + 1000)
    const lines = result?.csv.split('\r\n')
    expect(result?.rows).toBe(2)
    expect(lines?.[0]).toBe(CSV_HEADER.join(','))
    expect(lines?.[1]).toBe(`2025-06-01T12:00:00.000Z,${T0},-95.5,,,,3,lte,"B3,B7","say ""hi""",home,connected,,1234,,,,`)
    expect(lines?.[2]).toBe(`2025-06-01T12:00:01.000Z,${T0 + 1000},,,,,,,"line\nbreak","'=HYPERLINK(""x"")",,,,,,,,80`)
    expect(lines?.[3]).toBe('')
    expect(lines).toHaveLength(4)
    store.close()
  })

  it('reads in pages and still returns every row in order, within the range only', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => row(T0 + i * 1000, { rsrp: -(i % 100) }))
    const store = storeWith({ 'host:a': rows, 'host:b': rows })
    const result = await store.exportCsv('host:a', T0 + 10_000, T0 + 1_000_000, { pageRows: 100 })
    const times = result?.csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => Number(line.split(',')[1]))
    expect(result?.rows).toBe(991)
    expect(times).toEqual(Array.from({ length: 991 }, (_, i) => T0 + (i + 10) * 1000))
    store.close()
  })

  it('gives just the header for an empty range, and undefined for an unknown key', async () => {
    const store = storeWith({ 'host:a': [row(T0)] })
    expect(await store.exportCsv('host:a', T0 + 1, T0 + 5)).toEqual({ csv: `${CSV_HEADER.join(',')}\r\n`, rows: 0 })
    expect(await store.exportCsv('host:x', T0, T0)).toBeUndefined()
    store.close()
  })

  it('refuses a range larger than the limit, saying how many samples it holds', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => row(T0 + i * 1000, { rsrp: -90 }))
    const store = storeWith({ 'host:a': rows })
    const error = await store.exportCsv('host:a', T0, T0 + 500_000, { maxChars: 10_000, pageRows: 50 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CsvTooLargeError)
    expect(error).toMatchObject({ rows: 500, maxChars: 10_000 })
    expect((await store.exportCsv('host:a', T0, T0 + 20_000, { maxChars: 10_000 }))?.rows).toBe(21)
    store.close()
  })
})
