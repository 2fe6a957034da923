// The history store: device inventory, signal/usage samples, the SMS archive per SIM, and the
// retention policy, over one StoreDatabase. Synchronous like libsql; the host's recorder batches
// writes into it and the history handlers read from it.
import { createHash } from 'node:crypto'
import type { HistoryDevice, HistoryMetric, SmsMessage } from '../contract/model'
import { openDatabase, type OpenDatabaseOptions, type StoreDatabase } from './database'
import { csvPages, METRIC_COLUMNS, planSeries, type Series, type SeriesQuery } from './queries'
import { SAMPLE_FIELDS, type SampleRow } from './samples'

export const DEFAULT_RETENTION_DAYS = 30
export const MAX_RETENTION_DAYS = 3650
const DAY_MS = 86_400_000
const MINUTE_MS = 60_000

/** What the recorder learned about a device from its readings since the last write. */
export interface DeviceSighting {
  key: string
  hostId: string
  demo: boolean
  firstSeen: number
  lastSeen: number
  name?: string | undefined
  family?: string | undefined
  model?: string | undefined
  firmware?: string | undefined
  imei?: string | undefined
  iccid?: string | undefined
  imsi?: string | undefined
  msisdn?: string | undefined
}

export interface KeyedSample {
  key: string
  row: SampleRow
}

export interface ArchivedSms {
  iccid: string
  messageId: string
  from: string
  text: string
  receivedAt: string
  firstArchived: number
}

/** The range holds more CSV than one export may carry. */
export class CsvTooLargeError extends Error {
  constructor(
    readonly rows: number,
    readonly maxChars: number
  ) {
    super(`The range holds ${rows} samples, more than one export carries (${Math.round(maxChars / 1024 / 1024)} MB of CSV).`)
    this.name = 'CsvTooLargeError'
  }
}

export interface HistoryStoreOptions extends OpenDatabaseOptions {
  /** Retention until the user sets one. */
  defaultRetentionDays?: number
}

const UPSERT_DEVICE = `
  INSERT INTO devices (key, host_id, demo, first_seen, last_seen, name, family, model, firmware, imei, iccid, imsi, msisdn)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
  ON CONFLICT (key) DO UPDATE SET
    -- Where and as what it was seen last: a late write of an older sighting does not change it.
    host_id = CASE WHEN excluded.last_seen >= devices.last_seen THEN excluded.host_id ELSE devices.host_id END,
    demo = CASE WHEN excluded.last_seen >= devices.last_seen THEN excluded.demo ELSE devices.demo END,
    name = CASE WHEN excluded.last_seen >= devices.last_seen THEN coalesce(excluded.name, devices.name)
                ELSE coalesce(devices.name, excluded.name) END,
    first_seen = min(devices.first_seen, excluded.first_seen),
    last_seen = max(devices.last_seen, excluded.last_seen),
    family = coalesce(excluded.family, devices.family),
    model = coalesce(excluded.model, devices.model),
    firmware = coalesce(excluded.firmware, devices.firmware),
    imei = coalesce(excluded.imei, devices.imei),
    iccid = coalesce(excluded.iccid, devices.iccid),
    -- A different SIM: its IMSI and number replace the old SIM's, even when not read yet.
    imsi = CASE WHEN excluded.iccid IS NOT NULL AND excluded.iccid IS NOT devices.iccid
                THEN excluded.imsi ELSE coalesce(excluded.imsi, devices.imsi) END,
    msisdn = CASE WHEN excluded.iccid IS NOT NULL AND excluded.iccid IS NOT devices.iccid
                  THEN excluded.msisdn ELSE coalesce(excluded.msisdn, devices.msisdn) END
  RETURNING id`

const INSERT_SAMPLE = `INSERT OR IGNORE INTO samples (device, ${SAMPLE_FIELDS.map(([, column]) => column).join(', ')})
  VALUES (${SAMPLE_FIELDS.map(() => '?').join(', ')}, ?)`

const ROLLUP_COLUMNS = Object.values(METRIC_COLUMNS)

/** One device's minute, rebuilt from its samples (nothing when none are left). Mirrors migration v3's backfill. */
const ROLL_UP_MINUTE = `INSERT INTO sample_minutes (device, minute, n, ${ROLLUP_COLUMNS.map((c) => `${c}_min, ${c}_max, ${c}_sum, ${c}_n`).join(', ')})
  SELECT device, (ts / 60000) * 60000 AS minute, count(*), ${ROLLUP_COLUMNS.map((c) => `min(${c}), max(${c}), sum(${c}), count(${c})`).join(', ')}
  FROM samples WHERE device = ?1 AND ts BETWEEN ?2 AND ?3 GROUP BY device, minute`

const MINUTE_FIELDS = Object.entries(METRIC_COLUMNS) as Array<[HistoryMetric, string]>
const MINUTE_COLUMNS = MINUTE_FIELDS.flatMap(([, c]) => [`${c}_min`, `${c}_max`, `${c}_sum`, `${c}_n`])

/** Folds a batch's part of a minute into its row. Scalar min()/max() give NULL when a side is NULL, hence the coalesces. */
const UPSERT_MINUTE = `INSERT INTO sample_minutes (device, minute, n, ${MINUTE_COLUMNS.join(', ')})
  VALUES (?, ?, ?, ${MINUTE_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (device, minute) DO UPDATE SET n = n + excluded.n, ${MINUTE_FIELDS.map(
    ([, c]) => `${c}_min = min(coalesce(${c}_min, excluded.${c}_min), coalesce(excluded.${c}_min, ${c}_min)),
    ${c}_max = max(coalesce(${c}_max, excluded.${c}_max), coalesce(excluded.${c}_max, ${c}_max)),
    ${c}_sum = CASE WHEN excluded.${c}_sum IS NULL THEN ${c}_sum ELSE coalesce(${c}_sum, 0) + excluded.${c}_sum END,
    ${c}_n = ${c}_n + excluded.${c}_n`
  ).join(',\n    ')}`

/** UPSERT_MINUTE's parameters: device, minute start, samples, then min/max/sum/count per field (NULLs when none). */
type MinuteValues = Array<number | null>

function addToMinute(minutes: Map<string, MinuteValues>, device: number, row: SampleRow): void {
  const minute = Math.floor(row.ts / MINUTE_MS) * MINUTE_MS
  const id = `${device}:${minute}`
  let values = minutes.get(id)
  if (!values) {
    values = [device, minute, 0, ...MINUTE_FIELDS.flatMap(() => [null, null, null, 0])]
    minutes.set(id, values)
  }
  values[2] = (values[2] ?? 0) + 1
  MINUTE_FIELDS.forEach(([field], i) => {
    const value = row[field]
    if (typeof value !== 'number' || values === undefined) return
    const at = 3 + i * 4
    const [min, max, sum, n] = values.slice(at, at + 4)
    values[at] = min === null || min === undefined ? value : Math.min(min, value)
    values[at + 1] = max === null || max === undefined ? value : Math.max(max, value)
    values[at + 2] = (sum ?? 0) + value
    values[at + 3] = (n ?? 0) + 1
  })
}

interface DeviceRow {
  key: string
  host_id: string
  demo: number
  first_seen: number
  last_seen: number
  name: string | null
  family: string | null
  model: string | null
  firmware: string | null
  imei: string | null
  iccid: string | null
  imsi: string | null
  msisdn: string | null
}

export class HistoryStore {
  private readonly ids = new Map<string, number>()
  private readonly defaultRetentionDays: number

  constructor(
    readonly db: StoreDatabase,
    options: HistoryStoreOptions = {}
  ) {
    this.defaultRetentionDays = options.defaultRetentionDays ?? DEFAULT_RETENTION_DAYS
  }

  static open(path: string, options: HistoryStoreOptions = {}): HistoryStore {
    return new HistoryStore(openDatabase(path, options), options)
  }

  /** Inventory updates, then samples, in one transaction. Returns the samples inserted (duplicates skip). */
  write(sightings: readonly DeviceSighting[], samples: readonly KeyedSample[]): number {
    try {
      return this.db.transaction(() => {
        for (const sighting of sightings) this.upsertDevice(sighting)
        let inserted = 0
        const minutes = new Map<string, MinuteValues>()
        for (const { key, row } of samples) {
          const device = this.deviceIdOf(key)
          if (device === undefined) throw new Error(`store: a sample for ${key}, which has no inventory row`)
          const added = this.db.run(INSERT_SAMPLE, [device, ...SAMPLE_FIELDS.map(([field]) => row[field])])
          // A duplicate (INSERT OR IGNORE skipped it) is already in its minute.
          if (added > 0) addToMinute(minutes, device, row)
          inserted += added
        }
        // One UPSERT per minute touched, not per sample: a 1 Hz batch touches 1/60 as many.
        for (const values of minutes.values()) this.db.run(UPSERT_MINUTE, values)
        return inserted
      })
    } catch (error) {
      // Ids handed out inside the rolled-back transaction no longer exist.
      this.ids.clear()
      throw error
    }
  }

  /** The internal id behind a device key, or undefined for a key never recorded. */
  deviceIdOf(key: string): number | undefined {
    const cached = this.ids.get(key)
    if (cached !== undefined) return cached
    const id = this.db.value('SELECT id FROM devices WHERE key = ?1', [key])
    if (typeof id !== 'number') return undefined
    this.ids.set(key, id)
    return id
  }

  /** The key of the device last seen under a host device id (it may be unplugged now). */
  keyForHostId(hostId: string): string | undefined {
    const key = this.db.value('SELECT key FROM devices WHERE host_id = ?1 ORDER BY last_seen DESC LIMIT 1', [hostId])
    return typeof key === 'string' ? key : undefined
  }

  /** The inventory, most recently seen first. */
  devices(): HistoryDevice[] {
    const rows = this.db.all<DeviceRow>(
      `SELECT key, host_id, demo, first_seen, last_seen, name, family, model, firmware, imei, iccid, imsi, msisdn
       FROM devices ORDER BY last_seen DESC, key`
    )
    return rows.map((row) => {
      const device: HistoryDevice = {
        key: row.key,
        hostDeviceId: row.host_id,
        demo: row.demo === 1,
        firstSeen: row.first_seen,
        lastSeen: row.last_seen
      }
      for (const field of ['name', 'family', 'model', 'firmware', 'imei', 'iccid', 'imsi', 'msisdn'] as const) {
        const value = row[field]
        if (value !== null) device[field] = value
      }
      return device
    })
  }

  /**
   * The downsampled series of `key`; undefined when the key was never recorded. Gives the event loop
   * back between steps (see SERIES_STEP_MS), so a month-long range does not stall polling.
   */
  async querySeries(key: string, query: SeriesQuery, stepMs?: number): Promise<Series | undefined> {
    const device = this.deviceIdOf(key)
    if (device === undefined) return undefined
    const plan = planSeries(this.db, device, query, stepMs)
    const rows: Series['rows'] = []
    // Each step's query runs when the loop asks for it, so the turn given here separates the steps.
    for (const step of plan.steps) {
      for (const row of step) rows.push(row)
      await new Promise((resolve) => setImmediate(resolve))
    }
    return { mode: plan.mode, bucketMs: plan.bucketMs, columns: plan.columns, rows }
  }

  /**
   * CSV of every sample of `key` in [from, to]. Reads a page at a time and gives the event loop back
   * between pages, so polling goes on during a large export. Throws CsvTooLargeError past maxChars.
   */
  async exportCsv(
    key: string,
    from: number,
    to: number,
    options: { maxChars?: number; pageRows?: number } = {}
  ): Promise<{ csv: string; rows: number } | undefined> {
    const device = this.deviceIdOf(key)
    if (device === undefined) return undefined
    const maxChars = options.maxChars ?? 16 * 1024 * 1024
    const parts: string[] = []
    let chars = 0
    let rows = 0
    for (const page of csvPages(this.db, device, from, to, options.pageRows)) {
      chars += page.text.length
      if (chars > maxChars) {
        const total = Number(this.db.value('SELECT count(*) FROM samples WHERE device = ?1 AND ts BETWEEN ?2 AND ?3', [device, from, to]) ?? 0)
        throw new CsvTooLargeError(total, maxChars)
      }
      parts.push(page.text)
      rows += page.rows
      if (page.rows > 0) await new Promise((resolve) => setImmediate(resolve))
    }
    return { csv: parts.join(''), rows }
  }

  retentionDays(): number {
    const stored = Number(this.db.value("SELECT value FROM settings WHERE key = 'retention_days'"))
    return Number.isInteger(stored) && stored >= 1 && stored <= MAX_RETENTION_DAYS ? stored : this.defaultRetentionDays
  }

  setRetentionDays(days: number): void {
    if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
      throw new RangeError(`Retention is a whole number of days from 1 to ${MAX_RETENTION_DAYS}.`)
    }
    this.db.run("INSERT INTO settings (key, value) VALUES ('retention_days', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [
      String(days)
    ])
  }

  /**
   * Deletes samples older than the retention period, at most `maxRows` per call (the caller gives
   * the event loop back between calls). `done` is false when more may remain.
   */
  prune(now: number, maxRows = Number.POSITIVE_INFINITY): { deleted: number; done: boolean } {
    const cutoff = now - this.retentionDays() * DAY_MS
    let deleted = 0
    for (const [device] of this.db.rows('SELECT id FROM devices ORDER BY id')) {
      for (;;) {
        const budget = maxRows - deleted
        if (budget <= 0) return { deleted, done: false }
        if (Number.isFinite(budget)) {
          // The budget-th oldest expired sample: delete up to it (ts is unique per device).
          const edge = this.db.value('SELECT ts FROM samples WHERE device = ?1 AND ts < ?2 ORDER BY ts LIMIT 1 OFFSET ?3', [
            device,
            cutoff,
            budget - 1
          ])
          if (edge !== undefined) {
            deleted += this.db.run('DELETE FROM samples WHERE device = ?1 AND ts <= ?2', [device, edge])
            continue
          }
        }
        deleted += this.db.run('DELETE FROM samples WHERE device = ?1 AND ts < ?2', [device, cutoff])
        this.pruneMinutes(device as number, cutoff)
        break
      }
    }
    return { deleted, done: true }
  }

  /**
   * Drops the rollups of minutes wholly before `cutoff` and rebuilds the minute the cutoff falls in
   * from the samples left in it, so rollups never hold a pruned sample. A minute has at most 60 rows
   * at 1 Hz, and a month's rollups are ~43,000 rows, so one statement each is short.
   */
  private pruneMinutes(device: number, cutoff: number): void {
    const edge = Math.floor(cutoff / MINUTE_MS) * MINUTE_MS
    this.db.transaction(() => {
      this.db.run('DELETE FROM sample_minutes WHERE device = ?1 AND minute <= ?2', [device, edge])
      if (edge === cutoff) return
      this.db.run(ROLL_UP_MINUTE, [device, edge, edge + MINUTE_MS - 1])
    })
  }

  /**
   * Keeps the messages read from a SIM. Idempotent: a message already archived (same sender, time
   * and text) is skipped, whatever its storage index now. Messages still missing parts wait until
   * they are whole. Returns how many were new.
   */
  archiveSms(iccid: string, messages: readonly SmsMessage[], now = Date.now()): number {
    const whole = messages.filter((message) => !message.partsMissing)
    if (whole.length === 0) return 0
    return this.db.transaction(() => {
      let added = 0
      for (const message of whole) {
        added += this.db.run(
          `INSERT OR IGNORE INTO sms_archive (iccid, fingerprint, message_id, sender, body, received_at, first_archived)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
          [iccid, smsFingerprint(message), message.id, message.from, message.text, message.receivedAt, now]
        )
      }
      return added
    })
  }

  archivedSms(iccid: string): ArchivedSms[] {
    return this.db.all<ArchivedSms>(
      `SELECT iccid, message_id AS messageId, sender AS "from", body AS text, received_at AS receivedAt, first_archived AS firstArchived
       FROM sms_archive WHERE iccid = ?1 ORDER BY received_at, id`,
      [iccid]
    )
  }

  close(): void {
    this.ids.clear()
    this.db.close()
  }

  private upsertDevice(sighting: DeviceSighting): void {
    const row = this.db.get<{ id: number }>(UPSERT_DEVICE, [
      sighting.key,
      sighting.hostId,
      sighting.demo ? 1 : 0,
      sighting.firstSeen,
      sighting.lastSeen,
      sighting.name,
      sighting.family,
      sighting.model,
      sighting.firmware,
      sighting.imei,
      sighting.iccid,
      sighting.imsi,
      sighting.msisdn
    ])
    if (row) this.ids.set(sighting.key, row.id)
  }
}

function smsFingerprint(message: SmsMessage): string {
  return createHash('sha256').update(`${message.from}\u0000${message.receivedAt}\u0000${message.text}`).digest('hex').slice(0, 32)
}
