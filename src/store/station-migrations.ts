// The rental-shop station's own database file (station.db): batch jobs with their step log, and the
// shop inventory with returns. Kept apart from history.db so a shop can back it up, move it between
// laptops or reset history without touching either. Same rules as migrations.ts: never edit a shipped one.
import type { Migration } from './migrations'
import { JOBS_SQL } from './station-jobs-schema'
import { INVENTORY_SQL } from './station-inventory-schema'

export const STATION_DB_FILE = 'station.db'

export const STATION_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'batch jobs and step log; shop inventory and returns', sql: JOBS_SQL + INVENTORY_SQL }
]
