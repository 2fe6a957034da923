// Contract handlers for the diagnostics bundle: one bundle per device at a time, cancellable with
// diagnostics.cancel, progress broadcast as diagnostics.progress. The work is in src/diagnostics/.
import type { diagnosticsMethods, DiagnosticsProgress } from '../contract/diagnostics'
import { ContractError } from '../contract/errors'
import { buildDiagnosticsBundle, MAX_HISTORY_CSV_CHARS, type BundleSources } from '../diagnostics/bundle'
import { CsvTooLargeError } from '../store/history-store'
import type { HandlerTable } from './contract-server'
import type { DeviceManager } from './device-manager'
import type { HistoryAvailability } from './history-service'
import type { LogRing } from './log-ring'

export type DiagnosticsHandlers = Pick<HandlerTable, keyof typeof diagnosticsMethods>

export interface DiagnosticsHandlerDeps {
  manager: DeviceManager
  appVersion: string
  history?: HistoryAvailability
  logs?: LogRing
  publish?: (progress: DiagnosticsProgress) => void
}

export function createDiagnosticsHandlers(deps?: DiagnosticsHandlerDeps): DiagnosticsHandlers {
  const running = new Map<string, AbortController>()
  return {
    'diagnostics.bundle': async ({ deviceId, include }) => {
      if (!deps) throw new ContractError('UNSUPPORTED', 'Diagnostics bundles are not available in this host.')
      const device = deps.manager.get(deviceId)
      if (running.has(deviceId)) {
        throw new ContractError('BUSY', 'A diagnostics bundle for this device is already being built. Wait for it or cancel it.')
      }
      const controller = new AbortController()
      running.set(deviceId, controller)
      try {
        return await buildDiagnosticsBundle(sourcesFor(deps, deviceId, device), include, {
          signal: controller.signal,
          ...(deps.publish ? { onProgress: deps.publish } : {})
        })
      } finally {
        running.delete(deviceId)
      }
    },
    'diagnostics.cancel': ({ deviceId }) => {
      const controller = running.get(deviceId)
      controller?.abort()
      return { cancelled: controller !== undefined }
    }
  }
}

function sourcesFor(deps: DiagnosticsHandlerDeps, deviceId: string, device: ReturnType<DeviceManager['get']>): BundleSources {
  const service = deps.history?.service
  return {
    deviceId,
    appVersion: deps.appVersion,
    summary: () => device.summary(),
    status: () => deps.manager.status(deviceId),
    driverFor: (capability) => device.driverFor(capability),
    ...(service
      ? {
          history: {
            csv: async (from, to) => {
              service.recorder.flush()
              const key = historyKey()
              if (key === undefined) return { csv: '', rows: 0 }
              try {
                return (await service.store.exportCsv(key, from, to, { maxChars: MAX_HISTORY_CSV_CHARS })) ?? { csv: '', rows: 0 }
              } catch (error) {
                if (error instanceof CsvTooLargeError) {
                  throw new ContractError('BAD_INPUT', `${error.message} Export the history from the History tab in smaller ranges.`)
                }
                throw error
              }
            },
            device: () => {
              const key = historyKey()
              return key === undefined ? undefined : service.store.devices().find((row) => row.key === key)
            }
          }
        }
      : {}),
    ...(deps.logs ? { log: () => deps.logs?.text() ?? '' } : {})
  }

  function historyKey(): string | undefined {
    try {
      return service?.resolveKey({ deviceId })
    } catch {
      return undefined // nothing recorded for this device yet
    }
  }
}
