// The carrier packs' walled-garden hosts in the form the connectivity classifier takes, and plain-HTTP probes
// to them: a hotspot whose ordinary probes get nothing while a carrier's zero-rated purchase page answers is in
// that carrier's garden (classify.ts rule 1b), and the verdict carries the pack's flow out of it.
import { GARDEN_PROBE_PREFIX, type GardenHost } from '../connectivity/classify'
import type { ProbeSpec } from '../connectivity/probes'
import type { CarrierPack } from './pack-schema'

/** Every garden host of the given packs (the SIM's pack first, when known), with its pack flow. */
export function gardenHostsOf(packs: readonly CarrierPack[]): GardenHost[] {
  return packs.flatMap((pack) =>
    pack.gardenHosts.map((entry) => {
      const host: GardenHost = { pattern: entry.pattern, carrierId: pack.id, purpose: entry.purpose, confidence: entry.confidence }
      if (entry.flow) host.flow = { packId: pack.id, flowId: entry.flow.flow, ...(entry.flow.step !== undefined ? { stepId: entry.flow.step } : {}) }
      return host
    })
  )
}

/**
 * One plain-HTTP probe per exact garden host (a "*." pattern names no host to ask). Any answer counts — the
 * page itself is the carrier's — so the expectation is only there to satisfy the probe runner. Public hosts:
 * only the desktop host may send these, with the user's consent, like the public probes.
 */
export function gardenProbes(hosts: readonly GardenHost[], limit = 2): ProbeSpec[] {
  const seen = new Set<string>()
  const specs: ProbeSpec[] = []
  for (const host of hosts) {
    if (host.pattern.startsWith('*.') || seen.has(host.pattern) || host.purpose === 'account') continue
    seen.add(host.pattern)
    specs.push({ id: `${GARDEN_PROBE_PREFIX}${host.pattern}`, url: `http://${host.pattern}/`, expect: '204' })
    if (specs.length >= limit) break
  }
  return specs
}
