// The schema, as an ordered list of migrations. `PRAGMA user_version` holds the version a file is at;
// opening a file runs every later migration, each in its own transaction together with the version
// bump, so a crash leaves the file at a whole version and a rerun (or a second process racing us)
// does nothing. A migration that has shipped is never edited: add the next one instead
// (tests/unit/store-migrations.test.ts checks v1 against a database file the v1 code wrote).
import type { StoreDatabase } from './database'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'device inventory, samples, settings',
    sql: `
      -- One row per physical device (key: see deviceKeyOf in samples.ts). Samples refer to the
      -- integer id, which keeps the per-sample primary key small.
      CREATE TABLE devices (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        host_id TEXT NOT NULL,          -- the host's device id it was last seen under
        first_seen INTEGER NOT NULL,    -- ms since the epoch, like every time column
        last_seen INTEGER NOT NULL,
        family TEXT,
        model TEXT,
        firmware TEXT,
        imei TEXT,
        iccid TEXT,
        imsi TEXT,
        msisdn TEXT,
        name TEXT
      );
      CREATE INDEX devices_by_host_id ON devices (host_id, last_seen);

      -- One row per stored reading. Clustered by (device, ts): a range query reads one contiguous run.
      CREATE TABLE samples (
        device INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
        ts INTEGER NOT NULL,
        rsrp REAL,
        rsrq REAL,
        sinr REAL,
        rssi REAL,
        bars INTEGER,
        rat TEXT,
        band TEXT,
        cell TEXT,
        registration TEXT,
        data_state TEXT,
        session_up INTEGER,
        session_down INTEGER,
        month_up INTEGER,
        month_down INTEGER,
        month_total INTEGER,
        battery REAL,
        PRIMARY KEY (device, ts)
      ) WITHOUT ROWID;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `
  },
  {
    version: 2,
    name: 'SMS archive per SIM, demo flag in the inventory',
    sql: `
      -- Messages as they were read from a SIM, kept after the device deletes them. The fingerprint
      -- (sender, time, text) is the identity: devices reuse storage indexes, so message_id is not.
      CREATE TABLE sms_archive (
        id INTEGER PRIMARY KEY,
        iccid TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        message_id TEXT NOT NULL,
        sender TEXT NOT NULL,
        body TEXT NOT NULL,
        received_at TEXT NOT NULL,
        first_archived INTEGER NOT NULL,
        UNIQUE (iccid, fingerprint)
      );

      ALTER TABLE devices ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
      UPDATE devices SET demo = 1 WHERE host_id = 'demo-hotspot';
    `
  },
  {
    version: 3,
    name: 'per-minute rollups of the numeric sample fields',
    sql: minuteRollupSql()
  }
]

/**
 * v3: one row per device and minute with min/max/sum/count of each numeric field, so a month-long
 * chart reads ~43,000 rows instead of 2.6 M. HistoryStore.write keeps them up (an UPSERT per minute
 * touched, in the samples' transaction), the foreign key deletes them with the device, and
 * HistoryStore.prune prunes them. Existing samples are rolled up here, inside the migration's transaction:
 * one GROUP BY over the clustered samples, a few seconds for a month at 1 Hz, and never a window
 * where queries see half-filled rollups. The column list is frozen here, not read from queries.ts,
 * so this migration's SQL never changes after it ships.
 */
function minuteRollupSql(): string {
  const columns = ['rsrp', 'rsrq', 'sinr', 'rssi', 'bars', 'battery', 'session_up', 'session_down', 'month_up', 'month_down', 'month_total']
  const defs = columns.map((c) => `${c}_min, ${c}_max, ${c}_sum, ${c}_n INTEGER NOT NULL`).join(',\n        ')
  const names = columns.map((c) => `${c}_min, ${c}_max, ${c}_sum, ${c}_n`).join(', ')
  const aggregates = columns.map((c) => `min(${c}), max(${c}), sum(${c}), count(${c})`)
  return `
      -- minute: the minute's start, ms since the epoch; n: samples in it (any field reported or not).
      CREATE TABLE sample_minutes (
        device INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
        minute INTEGER NOT NULL,
        n INTEGER NOT NULL,
        ${defs},
        PRIMARY KEY (device, minute)
      ) WITHOUT ROWID;

      INSERT INTO sample_minutes (device, minute, n, ${names})
        SELECT device, (ts / 60000) * 60000 AS minute, count(*), ${aggregates.join(', ')}
        FROM samples GROUP BY device, minute;
    `
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0

export function schemaVersionOf(db: StoreDatabase): number {
  return Number(db.pragma('user_version') ?? 0)
}

/**
 * Brings the database to `target` (default: the latest known). Returns the versions before and after.
 * `migrations` is for tests; the app always uses MIGRATIONS.
 */
export function migrate(
  db: StoreDatabase,
  target?: number,
  migrations: readonly Migration[] = MIGRATIONS,
  fileName = 'history.db'
): { from: number; to: number } {
  const latest = migrations[migrations.length - 1]?.version ?? 0
  const from = schemaVersionOf(db)
  if (from > latest) {
    throw new Error(
      `${fileName} was written by a newer Hotspot Desk (schema ${from}; this version knows up to ${latest}). ` +
        `Update the app, or move ${fileName} away to start afresh.`
    )
  }
  for (const migration of migrations) {
    if (target !== undefined && migration.version > target) break
    if (migration.version <= from) continue
    db.transaction(() => {
      // Read again inside the write lock: another process may have migrated since we looked.
      if (schemaVersionOf(db) >= migration.version) return
      db.exec(migration.sql)
      db.exec(`PRAGMA user_version = ${migration.version}`)
    })
  }
  return { from, to: schemaVersionOf(db) }
}
