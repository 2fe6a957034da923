// The station database (station.db in the data folder) that batch jobs, the inventory and returns share.
// Like history, a file that cannot be opened never stops the host: the shop handlers say why instead.
import { join } from 'node:path'
import { openDatabase, type StoreDatabase } from '../store/database'
import { STATION_DB_FILE, STATION_MIGRATIONS } from '../store/station-migrations'

export type StationDatabase = { db: StoreDatabase; path: string } | { db?: undefined; reason: string }

export function openStationDatabase(dataDir: string | undefined, log?: (line: string) => void): StationDatabase {
  if (dataDir === undefined) return { reason: 'The shop station needs a data folder; this host has none.' }
  const path = join(dataDir, STATION_DB_FILE)
  try {
    return { db: openDatabase(path, { schema: { migrations: STATION_MIGRATIONS, fileName: STATION_DB_FILE } }), path }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    log?.(`station is off: could not open ${path}: ${message}`)
    return { reason: `The station database is unavailable: ${message}` }
  }
}
