// The history database file: pragmas, migrations from scratch and from a file the schema-1 code
// wrote (tests/fixtures/store/history-v1.db, made by make-history-v1.ts), atomic migration steps,
// refusal of a newer schema, and the guards of the libsql wrapper.
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Database from 'libsql'
import { openDatabase, StoreDatabase } from '../../src/store/database'
import { HistoryStore } from '../../src/store/history-store'
import { migrate, MIGRATIONS, SCHEMA_VERSION, schemaVersionOf, type Migration } from '../../src/store/migrations'

const FIXTURE_V1 = join(__dirname, '../fixtures/store/history-v1.db')
const MARCH_1 = Date.UTC(2025, 2, 1)

let dir: string
const open: Array<{ close(): void }> = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hd-store-'))
})

afterEach(() => {
  for (const db of open.splice(0)) db.close()
  rmSync(dir, { recursive: true, force: true })
})

function track<T extends { close(): void }>(db: T): T {
  open.push(db)
  return db
}

function schema(db: StoreDatabase): Array<{ type: string; name: string; sql: string }> {
  return db.all("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
}

describe('opening a database', () => {
  it('creates a fresh file at the latest schema, in WAL mode with a busy timeout, readable by this user only', () => {
    const path = join(dir, 'nested', 'history.db')
    const db = track(openDatabase(path, { busyTimeoutMs: 1234 }))
    expect(schemaVersionOf(db)).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode')).toBe('wal')
    expect(db.pragma('busy_timeout')).toBe(1234)
    expect(db.pragma('foreign_keys')).toBe(1)
    expect(schema(db).filter((o) => o.type === 'table').map((o) => o.name)).toEqual(['devices', 'sample_minutes', 'samples', 'settings', 'sms_archive'])
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('numbers migrations 1, 2, 3 … with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length)
  })

  it('is idempotent: migrating again, or reopening, changes nothing', () => {
    const path = join(dir, 'history.db')
    const first = openDatabase(path)
    const before = schema(first)
    expect(migrate(first)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION })
    first.close()
    const again = track(openDatabase(path))
    expect(schema(again)).toEqual(before)
    expect(schemaVersionOf(again)).toBe(SCHEMA_VERSION)
  })

  it('refuses a file from a newer app, saying what to do, and leaves it alone', () => {
    const path = join(dir, 'history.db')
    const db = openDatabase(path)
    db.exec('PRAGMA user_version = 99')
    db.close()
    expect(() => openDatabase(path)).toThrow(/newer Hotspot Desk \(schema 99.*Update the app, or move history\.db away/)
    const check = track(rawOpen(path))
    expect(schemaVersionOf(check)).toBe(99)
    expect(check.value("SELECT count(*) FROM sqlite_master WHERE name = 'samples'")).toBe(1)
  })

  it('refuses a file that is not a database', () => {
    const path = join(dir, 'history.db')
    writeFileSync(path, 'this is not SQLite, just text that happens to be long enough to look like a header '.repeat(20))
    expect(() => openDatabase(path)).toThrow(/not a database|file is encrypted/i)
  })

  it('runs each migration in a transaction: a failing step leaves the file at the last whole version', () => {
    const db = track(openDatabase(join(dir, 'history.db')))
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, name: 'half done', sql: 'CREATE TABLE half_done (x); INSERT INTO nowhere VALUES (1);' }
    ]
    expect(() => migrate(db, undefined, broken)).toThrow(/nowhere/)
    expect(schemaVersionOf(db)).toBe(SCHEMA_VERSION)
    expect(db.value("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")).toBe(0)
    expect(db.inTransaction).toBe(false)
  })
})

describe('a database the schema-1 code wrote', () => {
  function copyOfV1(): string {
    const path = join(dir, 'history.db')
    copyFileSync(FIXTURE_V1, path)
    return path
  }

  it('still has the schema migration 1 creates today (a shipped migration was not edited)', () => {
    const old = track(rawOpen(copyOfV1()))
    expect(schemaVersionOf(old)).toBe(1)
    const fresh = track(openDatabase(join(dir, 'fresh-v1.db'), { schemaVersion: 1 }))
    expect(schema(old)).toEqual(schema(fresh))
  })

  it('migrates to the latest schema without losing a row', async () => {
    const store = track(HistoryStore.open(copyOfV1()))
    const { db } = store
    expect(schemaVersionOf(db)).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode')).toBe('wal')
    expect(db.value('SELECT count(*) FROM samples')).toBe(13)
    expect(db.value('SELECT count(*) FROM samples WHERE device = 1')).toBe(10)
    expect(db.value('SELECT sum(session_down) FROM samples')).toBe(10_000 * 45)
    expect(store.retentionDays()).toBe(45)

    // Version 2 added the demo flag and filled it in for the demo device.
    expect(store.devices()).toEqual([
      {
        key: 'host:serial:/dev/ttyUSB2',
        hostDeviceId: 'serial:/dev/ttyUSB2',
        demo: false,
        firstSeen: MARCH_1,
        lastSeen: MARCH_1 + 20_000,
        name: 'Quectel EC25',
        family: 'generic-at',
        model: 'EC25'
      },
      {
        key: 'imei:86123456789012',
        hostDeviceId: 'demo-hotspot',
        demo: true,
        firstSeen: MARCH_1,
        lastSeen: MARCH_1 + 9_000,
        name: 'Demo hotspot (E5577)',
        family: 'huawei-hilink',
        model: 'E5577Cs-321',
        firmware: '21.333.64.00.1460',
        imei: '861234567890128',
        iccid: '8901260412055501434',
        imsi: '310260123456789',
        msisdn: '+12065550143'
      }
    ])

    // The old rows answer queries, and the new tables work next to them.
    const series = await store.querySeries('imei:86123456789012', { metrics: ['rsrp'], from: MARCH_1, to: MARCH_1 + 9_999, buckets: 2 })
    expect(series?.rows).toEqual([
      [MARCH_1, 5, -94, -90, -92, 5],
      [MARCH_1 + 5_000, 5, -99, -95, -97, 5]
    ])
    expect(store.archiveSms('8901260412055501434', [{ id: '1', from: '+1555', text: 'hi', receivedAt: '2025-03-01T00:00:00Z', read: true }])).toBe(1)
  })
})

describe('the libsql wrapper', () => {
  it('binds a lone null, and refuses booleans and objects instead of letting the native module abort', () => {
    const db = track(openDatabase(':memory:'))
    expect(db.value('SELECT ?1 IS NULL', [null])).toBe(1)
    expect(db.value('SELECT ?1', [undefined])).toBeUndefined()
    expect(db.value('SELECT ?1 IS NULL', [Number.NaN])).toBe(1)
    expect(() => db.value('SELECT ?1', [true])).toThrow(TypeError)
    expect(() => db.value('SELECT ?1', [{}])).toThrow(TypeError)
  })

  it('returns rows without libsql bookkeeping and rolls back a failed transaction', () => {
    const db = track(openDatabase(':memory:'))
    db.exec('CREATE TABLE t (a INTEGER)')
    expect(db.get('SELECT 1 AS one')).toEqual({ one: 1 })
    expect(() =>
      db.transaction(() => {
        db.run('INSERT INTO t VALUES (?1)', [1])
        throw new Error('stop')
      })
    ).toThrow('stop')
    expect(db.value('SELECT count(*) FROM t')).toBe(0)
    expect(() => db.transaction(() => db.transaction(() => 1))).toThrow(/do not nest/)
    expect(db.inTransaction).toBe(false)
  })
})

/** The file as it is: no pragmas, no migrations (to look at an old or a newer file). */
function rawOpen(path: string): StoreDatabase {
  return new StoreDatabase(new Database(path))
}
