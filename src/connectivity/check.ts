// One connectivity check as the host runs it: probes through the hotspot (targets from the caller), then the
// verdict from their outcomes, the hotspot's own report and the uplink check. Never rejects.
import { classify, type ClassifyInput, type ClassifyThresholds, type GardenHost, type HotspotIdentity, type Verdict } from './classify'
import type { DeviceFacts } from './facts'
import { runProbes, type ProbeOptions, type ProbeOutcome, type ProbeSpec } from './probes'
import type { UplinkCheck } from './uplink'

export interface ConnectivityCheckInput {
  /** The probe targets: loopback in tests and serve mode, PUBLIC_PROBES only when the desktop host opts in. */
  probes: readonly ProbeSpec[]
  probeOptions?: ProbeOptions
  device?: DeviceFacts
  gardenHosts?: readonly GardenHost[]
  hotspot?: HotspotIdentity
  /** From checkUplink. */
  uplink?: UplinkCheck
  thresholds?: Partial<ClassifyThresholds>
}

export interface ConnectivityReport {
  verdict: Verdict
  probes: ProbeOutcome[]
  uplink?: UplinkCheck
  /** Epoch ms when the check finished. */
  checkedAt: number
  durationMs: number
}

export async function checkConnectivity(input: ConnectivityCheckInput): Promise<ConnectivityReport> {
  const started = performance.now()
  const uplink = input.uplink
  // Probes sent over another network test that network, not the hotspot; unless the caller binds them to the
  // hotspot's address itself, they would only cost time. (Binding is the caller's call: on Linux a source
  // address alone does not move the route, so a bound probe may still leave through the default interface.)
  const skipProbes = uplink?.route === 'other-network' && input.probeOptions?.localAddress === undefined
  const probes = skipProbes ? [] : await runProbes(input.probes, input.probeOptions)
  const classifyInput: ClassifyInput = { probes }
  if (input.device) classifyInput.device = input.device
  if (input.gardenHosts) classifyInput.gardenHosts = input.gardenHosts
  if (input.hotspot) classifyInput.hotspot = input.hotspot
  if (input.thresholds) classifyInput.thresholds = input.thresholds
  if (uplink && !(uplink.route === 'other-network' && !skipProbes)) {
    classifyInput.uplink = uplink.defaultInterface === undefined ? { route: uplink.route } : { route: uplink.route, defaultInterface: uplink.defaultInterface }
  }
  const report: ConnectivityReport = { verdict: classify(classifyInput), probes, checkedAt: Date.now(), durationMs: Math.round(performance.now() - started) }
  if (uplink) report.uplink = uplink
  return report
}
