// Per-minute rollups (migration v3): buckets of 10 minutes or more read them and must equal the same
// buckets computed from every sample; narrower buckets still read samples, exact at any alignment;
// a v2 file gains rollups of the samples it already holds; retention and device deletion reach them.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/store/database'
import { HistoryStore, type KeyedSample } from '../../src/store/history-store'
import { schemaVersionOf } from '../../src/store/migrations'
import { bucketWidth, ROLLUP_MIN_BUCKET_MS, type Series } from '../../src/store/queries'
import type { SampleRow } from '../../src/store/samples'

const T0 = Date.UTC(2025, 5, 1) // a whole minute (and day)
const DAY_MS = 86_400_000

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

/**
 * `seconds` of 1 Hz samples from `start`, with an hour's gap (device off) from 02:00, SINR only on
 * even seconds, battery not reported at all in the first three hours, byte counters in the billions.
 */
function samples(start: number, seconds: number): SampleRow[] {
  const out: SampleRow[] = []
  for (let i = 0; i < seconds; i++) {
    const ts = start + i * 1000
    if (ts - T0 >= 2 * 3_600_000 && ts - T0 < 3 * 3_600_000) continue
    out.push(
      row(ts, {
        rsrp: -120 + ((i * 7) % 31),
        sinr: i % 2 === 0 ? (i % 41) / 2 : null,
        sessionDown: 3e9 + i * 15_001,
        battery: ts - T0 < 3 * 3_600_000 ? null : 100 - Math.floor(i / 900)
      })
    )
  }
  return out
}

function write(store: HistoryStore, key: string, rows: SampleRow[]): void {
  const keyed: KeyedSample[] = rows.map((r) => ({ key, row: r }))
  store.write([{ key, hostId: key, demo: false, firstSeen: rows[0]?.ts ?? T0, lastSeen: rows[rows.length - 1]?.ts ?? T0 }], keyed)
}

const METRICS = ['rsrp', 'sinr', 'sessionDown', 'battery'] as const

/** The oracle: the buckets computed from every sample, the obvious way. */
function expected(rows: SampleRow[], from: number, to: number, buckets: number): Array<Array<number | null>> {
  const width = bucketWidth(from, to, buckets)
  const groups = new Map<number, SampleRow[]>()
  for (const r of rows) {
    if (r.ts < from || r.ts > to) continue
    const index = Math.floor((r.ts - from) / width)
    groups.set(index, [...(groups.get(index) ?? []), r])
  }
  return [...groups.keys()]
    .sort((a, b) => a - b)
    .map((index) => {
      const group = groups.get(index) ?? []
      const cells: Array<number | null> = [from + index * width, group.length]
      for (const metric of METRICS) {
        const values = group.map((r) => r[metric]).filter((v): v is number => typeof v === 'number')
        const n = values.length
        cells.push(
          n ? Math.min(...values) : null,
          n ? Math.max(...values) : null,
          n ? values.reduce((a, b) => a + b, 0) / n : null,
          n
        )
      }
      return cells
    })
}

/** Averages may differ in the last bits (a sum then one division vs SQLite's running avg). */
function expectRows(actual: Series | undefined, wanted: Array<Array<number | null>>): void {
  expect(actual?.rows.length).toBe(wanted.length)
  actual?.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      const want = wanted[r]?.[c]
      if (typeof want === 'number' && !Number.isInteger(want)) expect(cell).toBeCloseTo(want, 6)
      else expect(cell).toBe(want)
    })
  )
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hd-rollups-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('rollup queries', () => {
  const day = samples(T0, 86_400)

  it('equal the raw buckets for buckets of whole minutes from a whole minute', async () => {
    const store = HistoryStore.open(':memory:')
    try {
      write(store, 'imei:1', day)
      // 15-minute, 24-minute and one-hour buckets over the day; 10-minute buckets over six hours.
      for (const [from, to, buckets] of [
        [T0, T0 + DAY_MS - 1, 96],
        [T0, T0 + DAY_MS - 1, 60],
        [T0, T0 + DAY_MS - 1, 24],
        [T0 + 60_000, T0 + 6 * 3_600_000 + 59_999, 36]
      ] as const) {
        expect(bucketWidth(from, to, buckets)).toBeGreaterThanOrEqual(ROLLUP_MIN_BUCKET_MS)
        const series = await store.querySeries('imei:1', { metrics: [...METRICS], from, to, buckets })
        expect(series?.mode).toBe('buckets')
        expectRows(series, expected(day, from, to, buckets))
      }
    } finally {
      store.close()
    }
  })

  it('agree when run in small steps', async () => {
    const store = HistoryStore.open(':memory:')
    try {
      write(store, 'imei:1', day)
      const query = { metrics: [...METRICS], from: T0, to: T0 + DAY_MS - 1, buckets: 96 }
      const whole = await store.querySeries('imei:1', query)
      expect(await store.querySeries('imei:1', query, 1)).toEqual(whole)
      expect(await store.querySeries('imei:1', query, 95_000)).toEqual(whole)
    } finally {
      store.close()
    }
  })

  it('leave narrower buckets to the samples: exact even off the minute grid', async () => {
    const store = HistoryStore.open(':memory:')
    try {
      write(store, 'imei:1', day)
      // 7.2 s buckets starting half a second into a minute: no minute rollup could give these.
      const from = T0 + 3 * 3_600_000 + 30_500
      const to = from + 3_600_000
      const series = await store.querySeries('imei:1', { metrics: [...METRICS], from, to, buckets: 500 })
      expect(series?.bucketMs).toBeLessThan(ROLLUP_MIN_BUCKET_MS)
      expectRows(series, expected(day, from, to, 500))
      // 9-minute buckets, 17 s off the grid: still exact.
      const wide = await store.querySeries('imei:1', { metrics: [...METRICS], from: T0 + 17_000, to: T0 + DAY_MS, buckets: 160 })
      expect(wide?.bucketMs).toBeLessThan(ROLLUP_MIN_BUCKET_MS)
      expectRows(wide, expected(day, T0 + 17_000, T0 + DAY_MS, 160))
    } finally {
      store.close()
    }
  })

  it('go with the device', () => {
    const store = HistoryStore.open(':memory:')
    try {
      write(store, 'imei:1', day.slice(0, 600))
      write(store, 'imei:2', day.slice(0, 600))
      store.db.run('DELETE FROM devices WHERE key = ?1', ['imei:1'])
      expect(store.db.rows('SELECT DISTINCT device FROM sample_minutes')).toEqual([[store.deviceIdOf('imei:2')]])
    } finally {
      store.close()
    }
  })
})

describe('a v2 file', () => {
  it('gains rollups of the samples it holds, and keeps them up afterwards', async () => {
    const path = join(dir, 'history.db')
    const old = openDatabase(path, { schemaVersion: 2 })
    // Written as the v2 code wrote: devices and samples only. The file ends half-way through a minute (03:59:30).
    const first = samples(T0, 4 * 3_600 - 30)
    old.transaction(() => {
      old.run("INSERT INTO devices (id, key, host_id, first_seen, last_seen) VALUES (1, 'imei:1', 'imei:1', ?1, ?1)", [T0])
      for (const r of first) {
        old.run('INSERT INTO samples (device, ts, rsrp, sinr, session_down, battery) VALUES (1, ?1, ?2, ?3, ?4, ?5)', [
          r.ts,
          r.rsrp,
          r.sinr,
          r.sessionDown,
          r.battery
        ])
      }
    })
    expect(old.value("SELECT count(*) FROM sqlite_master WHERE name = 'sample_minutes'")).toBe(0)
    old.close()

    const store = HistoryStore.open(path)
    try {
      expect(schemaVersionOf(store.db)).toBe(3)
      expect(store.db.value('SELECT sum(n) FROM sample_minutes')).toBe(first.length)
      // New samples, some of them into the minute the old file ended in half-way.
      const more = samples(T0 + 4 * 3_600_000 - 30_000, 3_600).filter((r) => (r.ts / 1000) % 2 === 1)
      const all = [...first, ...more].sort((a, b) => a.ts - b.ts)
      write(store, 'imei:1', more)
      const from = T0
      const to = T0 + 5 * 3_600_000 - 1
      expectRows(await store.querySeries('imei:1', { metrics: [...METRICS], from, to, buckets: 20 }), expected(all, from, to, 20))
    } finally {
      store.close()
    }
  })
})

describe('retention', () => {
  it('prunes rollups with the samples, the cutoff minute rebuilt from what is left', async () => {
    const store = HistoryStore.open(':memory:')
    try {
      const rows = samples(T0, 3 * 3_600_000 / 1000)
      write(store, 'imei:1', rows)
      store.setRetentionDays(1)
      // The cutoff falls 25.5 s into a minute; prune in small budgets, as the recorder does.
      const cutoff = T0 + 90 * 60_000 + 25_500
      for (;;) if (store.prune(cutoff + DAY_MS, 500).done) break
      const kept = rows.filter((r) => r.ts >= cutoff)
      expect(store.db.value('SELECT count(*) FROM samples')).toBe(kept.length)
      expect(store.db.value('SELECT min(minute) FROM sample_minutes')).toBe(T0 + 90 * 60_000)
      expect(store.db.value('SELECT sum(n) FROM sample_minutes')).toBe(kept.length)
      const from = T0 + 90 * 60_000
      const to = T0 + 3 * 3_600_000 - 1
      expectRows(await store.querySeries('imei:1', { metrics: [...METRICS], from, to, buckets: 9 }), expected(kept, from, to, 9))
    } finally {
      store.close()
    }
  })
})
