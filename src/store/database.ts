// The host's embedded database: one libsql (SQLite) file in the data folder, opened in WAL mode and
// migrated to the current schema. libsql's API is synchronous (better-sqlite3 style), so every call
// runs on the host's event loop: callers batch writes and page through large reads.
//
// This wrapper exists for three libsql 0.5 quirks that would otherwise leak everywhere:
// - binding a boolean panics inside the native module and aborts the whole process;
// - a single `null` positional parameter is mistaken for a named-parameter object ("failed to downcast");
// - `get()` rows carry an extra `_metadata` property.
// So parameters always travel as one array of checked values, and rows are cleaned.
import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'libsql'
import { migrate, type Migration } from './migrations'

export type SqlValue = number | string | null

export interface OpenDatabaseOptions {
  /** How long a write waits for another process (e.g. serve mode next to the desktop app) to finish. */
  busyTimeoutMs?: number
  /** Stop after this schema version (tests and fixture scripts build old databases this way). */
  schemaVersion?: number
  /** The file's schema (default: the history database's) and its name in errors. */
  schema?: { migrations: readonly Migration[]; fileName: string }
}

type Statement = Database.Statement

/** Dynamic SQL (one query shape per metric selection) would grow the cache without bound. */
const MAX_CACHED_STATEMENTS = 200

export class StoreDatabase {
  private readonly statements = new Map<string, Statement>()
  private readonly rawStatements = new Map<string, Statement>()

  constructor(private readonly db: Database.Database) {}

  get inTransaction(): boolean {
    return this.db.inTransaction
  }

  exec(sql: string): void {
    this.db.exec(sql)
  }

  /** Runs a write; returns the number of rows changed. */
  run(sql: string, params: readonly unknown[] = []): number {
    return this.statement(sql, false).run(bindAll(params)).changes
  }

  /** The first row as an object, or undefined. */
  get<T>(sql: string, params: readonly unknown[] = []): T | undefined {
    const row = this.statement(sql, false).get(bindAll(params)) as (T & { _metadata?: unknown }) | undefined
    if (row === undefined || row === null) return undefined
    delete row._metadata
    return row
  }

  all<T>(sql: string, params: readonly unknown[] = []): T[] {
    return this.statement(sql, false).all(bindAll(params)) as T[]
  }

  /** Rows as arrays in column order: compact, for series and CSV. */
  rows(sql: string, params: readonly unknown[] = []): SqlValue[][] {
    return this.statement(sql, true).all(bindAll(params)) as SqlValue[][]
  }

  /** The first column of the first row; undefined when there is no row or the value is NULL. */
  value(sql: string, params: readonly unknown[] = []): SqlValue | undefined {
    const row = this.statement(sql, true).get(bindAll(params)) as SqlValue[] | undefined
    return row?.[0] ?? undefined
  }

  /** Runs `PRAGMA <text>`; returns the first value of its answer (setters answer with the new value, or nothing). */
  pragma(text: string): SqlValue | undefined {
    // Not through value(): libsql refuses raw mode for pragmas it considers writes.
    const row = this.get<Record<string, SqlValue>>(`PRAGMA ${text}`)
    return row === undefined ? undefined : Object.values(row)[0]
  }

  /**
   * Runs `work` in one write transaction. IMMEDIATE takes the write lock up front, so a second
   * process makes us wait (busy timeout) instead of failing halfway through a batch.
   */
  transaction<T>(work: () => T): T {
    if (this.db.inTransaction) throw new Error('store: transactions do not nest')
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const result = work()
      this.db.exec('COMMIT')
      return result
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      throw error
    }
  }

  close(): void {
    this.statements.clear()
    this.rawStatements.clear()
    if (this.db.open) this.db.close()
  }

  private statement(sql: string, raw: boolean): Statement {
    const cache = raw ? this.rawStatements : this.statements
    let statement = cache.get(sql)
    if (!statement) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear()
      statement = this.db.prepare(sql)
      if (raw) statement.raw(true)
      cache.set(sql, statement)
    }
    return statement
  }
}

/** Opens (creating when absent) a database file, sets WAL and the busy timeout, and migrates it. */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): StoreDatabase {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    // Phone numbers, SIM identities and messages live here: create the file for this user only.
    // SQLite gives the -wal and -shm files the mode of the database file.
    closeSync(openSync(path, 'a', 0o600))
  }
  const db = new StoreDatabase(new Database(path))
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 2_000))}`)
    // WAL: readers (chart queries) never block the recorder's writes, nor the other way round.
    db.pragma('journal_mode = WAL')
    // In WAL mode NORMAL never corrupts the file; a power cut may lose the last second of samples.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    migrate(db, options.schemaVersion, options.schema?.migrations, options.schema?.fileName)
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

function bindAll(params: readonly unknown[]): SqlValue[] {
  return params.map(bindable)
}

function bindable(value: unknown): SqlValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string') return value
  // Never hand libsql anything else: a boolean aborts the process from native code.
  throw new TypeError(`store: cannot bind a ${typeof value} parameter`)
}
