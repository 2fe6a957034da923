// How often a device is read: fast while someone has it on screen, slowly in the background,
// and with a growing back-off while it does not answer (so an unplugged unit costs nothing).

export interface PollingRates {
  /** The device is on screen in some client. */
  focusedMs: number
  /** Nobody is looking at it. */
  backgroundMs: number
  /** Longest wait between attempts on a device that stopped answering. */
  maxBackoffMs: number
}

export const DEFAULT_POLLING_RATES: PollingRates = { focusedMs: 1_000, backgroundMs: 10_000, maxBackoffMs: 30_000 }

export function nextPollDelay(rates: PollingRates, focused: boolean, consecutiveFailures: number): number {
  const base = focused ? rates.focusedMs : rates.backgroundMs
  if (consecutiveFailures <= 0) return base
  const backoff = Math.min(rates.maxBackoffMs, rates.focusedMs * 2 ** Math.min(consecutiveFailures, 16))
  return Math.max(base, backoff)
}
