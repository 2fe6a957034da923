// Fingerprints LAN targets: every family that speaks HTTP runs its cheap unauthenticated probe
// (DriverFamily.fingerprint, reference §0.1) against every target, all in parallel under a small global limit
// and a short per-probe deadline, so a scan where nothing answers ends in about a second. A target answered
// by several families goes to the first one in registry order.
import { setMaxListeners } from 'node:events'
import type { DriverFamily, Fingerprint } from '../driver'
import type { Connection } from '../model'
import { ConcurrencyLimit } from '../transports/concurrency-limit'
import type { LanTarget } from './lan-targets'

export interface LanHit {
  target: LanTarget
  connection: Extract<Connection, { kind: 'http' }>
  familyId: string
  fingerprint: Fingerprint
}

export interface LanProbeOptions {
  /** Deadline of one family's probe of one target; default 1200 ms. */
  timeoutMs?: number
  /** Probes in flight at once across all targets; default 8. */
  concurrency?: number
  signal?: AbortSignal
}

export interface LanProbeReport {
  hits: LanHit[]
  probes: number
  elapsedMs: number
}

export const DEFAULT_LAN_PROBE_TIMEOUT_MS = 1200

/** Resolves with the fingerprint, or null on "not this family", any failure, or the deadline. */
async function fingerprintWithin(family: DriverFamily, connection: Connection, timeoutMs: number, outer?: AbortSignal): Promise<Fingerprint | null> {
  const deadline = AbortSignal.timeout(timeoutMs)
  const signal = outer ? AbortSignal.any([outer, deadline]) : deadline
  let onAbort: (() => void) | undefined
  // A family that ignores its signal must not hold the scan: race it against the deadline.
  const aborted = new Promise<null>((resolve) => {
    onAbort = () => resolve(null)
    if (signal.aborted) resolve(null)
    else signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    return await Promise.race([family.fingerprint(connection, signal).catch(() => null), aborted])
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort)
  }
}

export async function probeLanTargets(targets: readonly LanTarget[], families: readonly DriverFamily[], options: LanProbeOptions = {}): Promise<LanProbeReport> {
  const started = performance.now()
  const httpFamilies = families.filter((family) => family.connectionKinds.includes('http'))
  const limit = new ConcurrencyLimit(options.concurrency ?? 8)
  const timeoutMs = options.timeoutMs ?? DEFAULT_LAN_PROBE_TIMEOUT_MS
  options.signal?.throwIfAborted()
  // Every probe (and every queued one) listens on the scan's signal for as long as it runs: a bounded
  // number, released afterwards, so lift Node's leak warning to that bound instead of tripping it.
  if (options.signal) setMaxListeners(Math.max(10, targets.length * httpFamilies.length * 2 + 10), options.signal)

  const perTarget = await Promise.all(
    targets.map(async (target) => {
      const connection = { kind: 'http' as const, baseUrl: target.baseUrl }
      const results = await Promise.all(
        httpFamilies.map((family) =>
          limit.run(() => fingerprintWithin(family, connection, timeoutMs, options.signal), options.signal).catch(() => null)
        )
      )
      const index = results.findIndex((result) => result !== null)
      if (index < 0) return undefined
      const hit: LanHit = { target, connection, familyId: (httpFamilies[index] as DriverFamily).id, fingerprint: results[index] as Fingerprint }
      return hit
    })
  )
  options.signal?.throwIfAborted()
  return {
    hits: perTarget.filter((hit): hit is LanHit => hit !== undefined),
    probes: targets.length * httpFamilies.length,
    elapsedMs: Math.round(performance.now() - started)
  }
}
