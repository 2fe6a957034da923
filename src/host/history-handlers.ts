// The history.* contract methods: downsampled series for charts, CSV export, the device inventory
// and the retention setting. Queued samples are written first, so an answer includes the last second.
import { ContractError } from '../contract/errors'
import { CsvTooLargeError } from '../store/history-store'
import type { HandlerTable } from './contract-server'
import type { HistoryAvailability, HistoryService } from './history-service'

/** CSV one history.export may return (characters; the CSV is ASCII apart from device-given names). */
export const MAX_EXPORT_CHARS = 16 * 1024 * 1024

export type HistoryHandlers = Pick<HandlerTable, 'history.query' | 'history.export' | 'history.devices' | 'history.retention'>

export function createHistoryHandlers(history: HistoryAvailability, maxExportChars = MAX_EXPORT_CHARS): HistoryHandlers {
  const service = (): HistoryService => {
    if (!history.service) throw new ContractError('UNSUPPORTED', history.reason)
    return history.service
  }
  return {
    'history.query': async ({ deviceId, deviceKey, metrics, from, to, buckets }) => {
      const history = service()
      history.recorder.flush()
      const key = history.resolveKey({ deviceId, deviceKey })
      const series = await history.store.querySeries(key, { metrics, from, to, buckets })
      if (!series) throw new ContractError('NOT_FOUND', `No history for "${key}".`, { deviceKey: key })
      return { deviceKey: key, from, to, ...series }
    },
    'history.export': async ({ deviceId, deviceKey, from, to }) => {
      const history = service()
      history.recorder.flush()
      const key = history.resolveKey({ deviceId, deviceKey })
      try {
        const result = await history.store.exportCsv(key, from, to, { maxChars: maxExportChars })
        if (!result) throw new ContractError('NOT_FOUND', `No history for "${key}".`, { deviceKey: key })
        return { filename: exportFilename(key, from, to), csv: result.csv, rows: result.rows }
      } catch (error) {
        if (!(error instanceof CsvTooLargeError)) throw error
        throw new ContractError('BAD_INPUT', `${error.message} Export a shorter range, for example one day at a time.`, {
          path: 'params.from',
          rows: error.rows,
          maxChars: error.maxChars
        })
      }
    },
    'history.devices': () => ({ devices: service().store.devices() }),
    'history.retention': ({ days }) => {
      const { store, recorder } = service()
      if (days !== undefined) {
        store.setRetentionDays(days)
        void recorder.pruneNow()
      }
      return { days: store.retentionDays() }
    }
  }
}

/** e.g. hotspot-history-imei-86123456789012-20250301T0000Z-20250302T0000Z.csv */
export function exportFilename(key: string, from: number, to: number): string {
  const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '')}Z`
  const safeKey = key.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80)
  return `hotspot-history-${safeKey}-${stamp(from)}-${stamp(to)}.csv`
}
