// How long to wait before restarting a core host that died: 0.5 s, 1 s, 2 s, 4 s, 8 s, then 10 s
// for as long as it keeps dying. A host that stayed up for 30 s counts as healthy again, so one
// crash after hours of uptime restarts quickly instead of inheriting an old penalty.

export interface BackoffOptions {
  readonly initialMs: number
  readonly maxMs: number
  /** Uptime after which the failure count starts again from zero. */
  readonly healthyAfterMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000, healthyAfterMs: 30_000 }

/** Delay before restart number `consecutiveFailures + 1`. */
export function restartDelayMs(consecutiveFailures: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.floor(consecutiveFailures))
  return Math.min(options.maxMs, options.initialMs * 2 ** Math.min(exponent, 30))
}

export class RestartBackoff {
  private consecutiveFailures = 0

  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {}

  /** Records a failure after `uptimeMs` of life and returns how long to wait before restarting. */
  nextDelay(uptimeMs: number): number {
    if (uptimeMs >= this.options.healthyAfterMs) this.consecutiveFailures = 0
    const delay = restartDelayMs(this.consecutiveFailures, this.options)
    this.consecutiveFailures++
    return delay
  }
}
