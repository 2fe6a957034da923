// History as the host holds it: the store file, the recorder that feeds it from the device manager,
// and the device lookups the history handlers need. Opening it never stops the host: a file that
// cannot be opened (corrupt, newer schema, no permission) leaves history off, and the handlers tell
// the user why.
import { ContractError } from '../contract/errors'
import { HistoryStore } from '../store/history-store'
import { HistoryRecorder, type HistoryRecorderOptions, type RecorderTiming } from './history-recorder'
import { DEFAULT_POLLING_RATES, type PollingRates } from './polling-policy'

export interface HistoryOptions {
  /** The database file, e.g. join(dataDir, 'history.db'). */
  path: string
  timing?: Partial<RecorderTiming>
  /** Retention until the user sets one (30 days when absent). */
  defaultRetentionDays?: number
  /** Whether a client has the device on screen; see HistoryRecorder. */
  isFocused?: (deviceId: string) => boolean
}

export class HistoryService {
  private constructor(
    readonly store: HistoryStore,
    readonly recorder: HistoryRecorder
  ) {}

  /**
   * Opens the file and starts recording. Throws when the file cannot be used. `rates` are the host's
   * polling rates: samples are kept at the same pace unless `options.timing` says otherwise.
   */
  static open(
    options: HistoryOptions,
    source: HistoryRecorderOptions['source'],
    log?: (line: string) => void,
    rates: Partial<PollingRates> = {}
  ): HistoryService {
    const store = HistoryStore.open(options.path, {
      ...(options.defaultRetentionDays !== undefined ? { defaultRetentionDays: options.defaultRetentionDays } : {})
    })
    const recorder = new HistoryRecorder({
      store,
      source,
      timing: { ...recorderTimingFor({ ...DEFAULT_POLLING_RATES, ...rates }), ...options.timing },
      ...(options.isFocused ? { isFocused: options.isFocused } : {}),
      ...(log ? { log } : {})
    })
    recorder.start()
    return new HistoryService(store, recorder)
  }

  /**
   * The key a history request is about: the one given (when recorded), or a connected device's
   * current key, or the key a device was last recorded under with that host id.
   */
  resolveKey(target: { deviceId?: string | undefined; deviceKey?: string | undefined }): string {
    if (target.deviceKey !== undefined) {
      if (this.store.deviceIdOf(target.deviceKey) === undefined) {
        throw new ContractError('NOT_FOUND', `No history for "${target.deviceKey}".`, { deviceKey: target.deviceKey })
      }
      return target.deviceKey
    }
    const deviceId = target.deviceId ?? ''
    const key = this.recorder.keyFor(deviceId) ?? this.store.keyForHostId(deviceId)
    if (key === undefined || this.store.deviceIdOf(key) === undefined) {
      throw new ContractError('NOT_FOUND', `No history recorded for device "${deviceId}" yet.`, { deviceId })
    }
    return key
  }

  /** Stops recording, writes what is queued, closes the file. */
  async close(): Promise<void> {
    await this.recorder.close()
    this.store.close()
  }
}

/**
 * Sample intervals that follow the polling rates: a device on screen is read (and recorded) every
 * focusedMs, the rest every backgroundMs, and a gap between readings halfway between the two tells
 * which is which.
 */
export function recorderTimingFor(rates: PollingRates): Partial<RecorderTiming> {
  return {
    focusedIntervalMs: rates.focusedMs,
    backgroundIntervalMs: rates.backgroundMs,
    focusedPollGapMs: (rates.focusedMs + rates.backgroundMs) / 2
  }
}

/** History on, or off with the reason a user should read. */
export type HistoryAvailability = { service: HistoryService } | { service?: undefined; reason: string }

export function openHistory(
  options: HistoryOptions | false | undefined,
  source: HistoryRecorderOptions['source'],
  log?: (line: string) => void,
  rates?: Partial<PollingRates>
): HistoryAvailability {
  if (!options) return { reason: 'History is off in this host.' }
  try {
    return { service: HistoryService.open(options, source, log, rates) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    log?.(`history is off: could not open ${options.path}: ${message}`)
    return { reason: `History is unavailable: ${message}` }
  }
}
