// Probe outcomes + what the hotspot reports → one verdict with its evidence and a remedy key the carrier packs
// map to flows (reference/carriers.md §9–10, device-protocols.md §6.2). Pure and total: bad input gives an
// `unknown` verdict, never an exception.
//
// Order of precedence, and why:
//  1. A redirect to a known carrier walled-garden host: only the carrier can send it, so it wins over stale
//     device state.
//  2. What the hotspot says stops data (SIM, registration, data-session failure): it explains failing probes,
//     and a redirect seen while the hotspot has no data session comes from another network (or the hotspot's
//     own page), not from the carrier.
//  3. Other portal signals (redirect, hijacked page, 511).
//  4. Probes answered as expected → online, or throttled when there is evidence for it (conservative).
//  5. Probes that get nothing back while the hotspot claims a data session → the plan probably ran out.
// Probes only count when they went through the hotspot: with an uplink check saying 'other-network' they are
// set aside and the verdict rests on the device alone.
import { hostMatchesPattern, isLoopbackAddress, isPrivateAddress, normalizeHost, parseHttpUrl, parseIpv4 } from './addresses'
import type { Confidence, Evidence } from './evidence'
import { formatBytes, interpretDataFailure, interpretRejectCause, usageAgainstLimit, type DataFailure, type DeviceFacts, type RejectCause, type UsageAgainstLimit, type VendorCodes } from './facts'
import type { ProbeOutcome } from './probes'
import type { UplinkRoute } from './uplink'

export const VERDICT_KINDS = ['online', 'captive', 'no-plan', 'no-data', 'throttled', 'not-registered', 'unknown'] as const
export type VerdictKind = (typeof VERDICT_KINDS)[number]

export const REMEDY_KEYS = [
  'none',
  'open-portal',
  'buy-pass',
  'finish-activation',
  'check-account',
  'check-apn',
  'turn-on-data',
  'raise-device-limit',
  'enable-roaming',
  'move-for-signal',
  'enter-pin',
  'enter-puk',
  'check-sim',
  'contact-carrier',
  'route-through-hotspot',
  'wait',
  'retry'
] as const
export type RemedyKey = (typeof REMEDY_KEYS)[number]

/** What each remedy asks of the user; packs map the key to their own flow (refill, pass purchase, activation …). */
export const REMEDY_DESCRIPTIONS: Readonly<Record<RemedyKey, string>> = {
  none: 'Nothing to do.',
  'open-portal': 'Open the page the network redirects to and follow it (sign in, accept, or buy).',
  'buy-pass': 'Buy a data pass or add-on, or top up the balance, on the carrier’s page.',
  'finish-activation': 'Finish activating the line on the carrier’s activation page, then restart the hotspot.',
  'check-account': 'Check the line on the carrier’s portal: is it active, paid and not suspended?',
  'check-apn': 'Check the APN (name, user, password, PDP type) for this carrier and SIM.',
  'turn-on-data': 'Turn mobile data (or automatic connection) on in the hotspot.',
  'raise-device-limit': 'Raise or switch off the monthly data limit set on the hotspot, or reset its counter.',
  'enable-roaming': 'Enable roaming for the line and on the hotspot, or choose another network.',
  'move-for-signal': 'Move the hotspot where the signal is better (near a window, higher up).',
  'enter-pin': 'Enter the SIM PIN.',
  'enter-puk': 'Enter the PUK from the SIM card holder or the carrier.',
  'check-sim': 'Insert the SIM card (or re-seat it) and restart the hotspot.',
  'contact-carrier': 'Contact the carrier: the line or the device is blocked on their side.',
  'route-through-hotspot': 'Run the check through the hotspot (leave the other network for a moment).',
  wait: 'Wait a moment and check again.',
  retry: 'Check again; if it keeps failing, restart the hotspot.'
}

/** What a carrier walled-garden host is for: a pack lists them with the carrier's portals. */
export const GARDEN_PURPOSES = ['purchase', 'activation', 'account'] as const
export type GardenPurpose = (typeof GARDEN_PURPOSES)[number]

export interface GardenHost {
  /** Carrier-pack domain pattern: "buy.example.com" or "*.example.com". */
  pattern: string
  carrierId: string
  purpose: GardenPurpose
  /** The pack flow that gets the line out of the garden (refill, pass purchase, activation). */
  flow?: GardenFlow
  /** The pack's confidence that this host is in the garden (most are unverified). */
  confidence?: 'verified' | 'secondary' | 'unverified'
}

export interface GardenFlow {
  packId: string
  flowId: string
  stepId?: string
}

/** The hotspot's own LAN addresses and web UI names: a redirect there is the router's page, not a portal. */
export interface HotspotIdentity {
  addresses?: readonly string[]
  hostNames?: readonly string[]
}

export interface PortalTarget {
  url: string
  host: string
  /** Where the URL came from: a Location header, a page's meta refresh or script, or the probe URL itself. */
  via: 'location' | 'meta-refresh' | 'script' | 'probe-url'
  probeId: string
  /** The portal is plain http (the portal view's https-only rule needs a captive exception for it). */
  plainHttp: boolean
  carrier?: { carrierId: string; purpose: GardenPurpose; pattern: string; flow?: GardenFlow }
}

export interface Verdict {
  kind: VerdictKind
  remedy: RemedyKey
  confidence: Confidence
  /** Stable key for what decided the verdict, e.g. 'redirect', 'data-volume-exceeded', 'reject-cause'. */
  reason: string
  /** Human-readable findings, the deciding ones first. */
  evidence: Evidence[]
  portal?: PortalTarget
}

export interface ClassifyThresholds {
  /** Every successful probe at least this slow counts as slow (ms). */
  slowProbeMs: number
  /** Slow enough to call the line throttled without other evidence (ms). */
  verySlowProbeMs: number
  /** A measured download below this is throttled (bytes/s; 125 000 = 1 Mbps, carriers.md §10 step 6). */
  throttledBelowBytesPerSecond: number
  /** A throughput sample smaller than this is ignored (bytes). */
  minThroughputSampleBytes: number
  /** Signal bars at or below this are weak. */
  weakSignalBars: number
}

export const DEFAULT_THRESHOLDS: Readonly<ClassifyThresholds> = {
  slowProbeMs: 2500,
  verySlowProbeMs: 5000,
  throttledBelowBytesPerSecond: 125_000,
  minThroughputSampleBytes: 64_000,
  weakSignalBars: 1
}

export interface ClassifyInput {
  probes?: readonly ProbeOutcome[]
  device?: DeviceFacts
  /** Known carrier walled-garden hosts, from the carrier packs for this SIM (or all packs). */
  gardenHosts?: readonly GardenHost[]
  hotspot?: HotspotIdentity
  /** From checkUplink: with 'other-network' the probes did not test the hotspot. */
  uplink?: { route: UplinkRoute; defaultInterface?: string }
  thresholds?: Partial<ClassifyThresholds>
}

/** Classifies; never throws. */
export function classify(input: ClassifyInput | undefined): Verdict {
  try {
    return decide(normalize(input))
  } catch (error) {
    // Belt and braces: the code below checks its input, but a verdict must come out whatever goes in.
    return {
      kind: 'unknown',
      remedy: 'retry',
      confidence: 'low',
      reason: 'unreadable-input',
      evidence: [{ key: 'internal', text: `The check could not read its input (${error instanceof Error ? error.message : String(error)}).` }]
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Input normalization

interface Normalized {
  probes: ProbeOutcome[]
  device: DeviceFacts
  devicePresent: boolean
  garden: GardenHost[]
  hotspotHosts: Set<string>
  uplink?: { route: UplinkRoute; defaultInterface?: string }
  t: ClassifyThresholds
}

const OUTCOME_KINDS = new Set<string>(['ok', 'redirect', 'unexpected-page', 'http-error', 'timeout', 'refused', 'dns-failure', 'network-error', 'bad-response', 'blocked', 'invalid', 'cancelled', 'skipped'])
const ROUTES = new Set<string>(['through-hotspot', 'other-network', 'unknown'])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function normalize(input: ClassifyInput | undefined): Normalized {
  const raw: Record<string, unknown> = isRecord(input) ? input : {}
  const probes = (Array.isArray(raw.probes) ? raw.probes : [])
    .filter((o): o is ProbeOutcome => isRecord(o) && typeof o.kind === 'string' && OUTCOME_KINDS.has(o.kind))
    .slice(0, 16)
    .map((o) => ({ ...o, probeId: typeof o.probeId === 'string' ? o.probeId : '', url: typeof o.url === 'string' ? o.url : '', elapsedMs: finiteOr(o.elapsedMs, 0) }) as ProbeOutcome)
  const device: DeviceFacts = isRecord(raw.device) ? (raw.device as DeviceFacts) : {}
  const devicePresent = ['sim', 'registration', 'data', 'usage', 'signal', 'codes'].some((key) => isRecord((device as Record<string, unknown>)[key]))
  const garden = (Array.isArray(raw.gardenHosts) ? raw.gardenHosts : [])
    .filter(
      (g): g is GardenHost => isRecord(g) && typeof g.pattern === 'string' && typeof g.carrierId === 'string' && (GARDEN_PURPOSES as readonly unknown[]).includes(g.purpose)
    )
    .map((g) => {
      const flow = isRecord(g.flow) && typeof g.flow.packId === 'string' && typeof g.flow.flowId === 'string' ? g.flow : undefined
      const clean: GardenHost = { pattern: g.pattern, carrierId: g.carrierId, purpose: g.purpose }
      if (flow) clean.flow = typeof flow.stepId === 'string' ? { packId: flow.packId, flowId: flow.flowId, stepId: flow.stepId } : { packId: flow.packId, flowId: flow.flowId }
      return clean
    })
  const hotspotHosts = new Set<string>()
  const identity = isRecord(raw.hotspot) ? raw.hotspot : {}
  for (const list of [identity.addresses, identity.hostNames]) {
    for (const entry of Array.isArray(list) ? list : []) {
      const host = normalizeHost(entry)
      if (host) hotspotHosts.add(host)
    }
  }
  const t: ClassifyThresholds = { ...DEFAULT_THRESHOLDS }
  const given = isRecord(raw.thresholds) ? raw.thresholds : {}
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as Array<keyof ClassifyThresholds>) {
    const value = given[key]
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) t[key] = value
  }
  const result: Normalized = { probes, device, devicePresent, garden, hotspotHosts, t }
  const uplink = isRecord(raw.uplink) ? raw.uplink : undefined
  if (uplink && typeof uplink.route === 'string' && ROUTES.has(uplink.route)) {
    result.uplink = { route: uplink.route as UplinkRoute }
    if (typeof uplink.defaultInterface === 'string') result.uplink.defaultInterface = uplink.defaultInterface
  }
  return result
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

// ---------------------------------------------------------------------------------------------------------
// Probes

interface PortalSignal {
  outcome: ProbeOutcome
  form: 'redirect' | 'page' | 'auth-required'
  target: PortalTarget
}

interface ProbeView {
  counted: ProbeOutcome[]
  ok: Array<Extract<ProbeOutcome, { kind: 'ok' }>>
  portal: PortalSignal[]
  routerPage: ProbeOutcome[]
  /** No answer: timeouts, refusals, DNS failures, resets. */
  silent: ProbeOutcome[]
  /** An answer, but broken or an HTTP error. */
  garbled: ProbeOutcome[]
  /** Never left this computer. */
  local: ProbeOutcome[]
  notRun: ProbeOutcome[]
}

function summarize(probes: ProbeOutcome[], n: Normalized): ProbeView {
  const view: ProbeView = { counted: [], ok: [], portal: [], routerPage: [], silent: [], garbled: [], local: [], notRun: [] }
  for (const o of probes) {
    switch (o.kind) {
      case 'invalid':
      case 'blocked':
      case 'cancelled':
      case 'skipped':
        view.notRun.push(o)
        continue
      case 'ok':
        view.ok.push(o)
        break
      case 'redirect':
      case 'unexpected-page':
        addPortalSignal(view, o, n)
        break
      case 'http-error':
        // RFC 6585 511 Network Authentication Required is a portal's own status; other errors are not portals.
        if (o.status === 511) addPortalSignal(view, o, n)
        else view.garbled.push(o)
        break
      case 'bad-response':
        view.garbled.push(o)
        break
      case 'network-error':
        if (o.local === true) view.local.push(o)
        else view.silent.push(o)
        break
      case 'timeout':
      case 'refused':
      case 'dns-failure':
        view.silent.push(o)
        break
    }
    view.counted.push(o)
  }
  return view
}

function addPortalSignal(view: ProbeView, o: ProbeOutcome, n: Normalized): void {
  let url: URL | undefined
  let via: PortalTarget['via'] = 'probe-url'
  let form: PortalSignal['form'] = 'page'
  if (o.kind === 'redirect') {
    form = 'redirect'
    url = parseHttpUrl(o.location)
    if (url) via = 'location'
  } else if (o.kind === 'unexpected-page' || o.kind === 'http-error') {
    if (o.kind === 'http-error') form = 'auth-required'
    const page = isRecord(o.page) ? o.page : {}
    url = parseHttpUrl(page.refreshUrl)
    if (url) via = 'meta-refresh'
    else {
      url = parseHttpUrl(page.scriptUrl)
      if (url) via = 'script'
    }
  }
  if (url && n.hotspotHosts.has(normalizeHost(url.hostname) ?? '')) {
    view.routerPage.push(o)
    return
  }
  const target = url ?? parseHttpUrl(o.url)
  if (!target) {
    view.garbled.push(o)
    return
  }
  const host = normalizeHost(target.hostname) ?? target.hostname
  const portal: PortalTarget = { url: target.href, host, via, probeId: o.probeId, plainHttp: target.protocol === 'http:' }
  const garden = via === 'probe-url' ? undefined : gardenFor(n, host)
  if (garden) portal.carrier = carrierOf(garden)
  view.portal.push({ outcome: o, form, target: portal })
}

function gardenFor(n: Normalized, host: string): GardenHost | undefined {
  return n.garden.find((g) => hostMatchesPattern(host, g.pattern))
}

function carrierOf(garden: GardenHost): NonNullable<PortalTarget['carrier']> {
  const carrier: NonNullable<PortalTarget['carrier']> = { carrierId: garden.carrierId, purpose: garden.purpose, pattern: garden.pattern }
  if (garden.flow) carrier.flow = { ...garden.flow }
  return carrier
}

/** Probe ids that gardenProbes() gives the probes it sends to a carrier's garden hosts. */
export const GARDEN_PROBE_PREFIX = 'garden-'

/**
 * Probes sent to a garden host on purpose (gardenProbes, marked by their id): they test the garden, not the
 * internet. An ordinary probe whose host a pack happens to list stays an ordinary probe.
 */
function splitGardenProbes(probes: ProbeOutcome[], n: Normalized): { general: ProbeOutcome[]; garden: Array<{ outcome: ProbeOutcome; host: GardenHost }> } {
  const general: ProbeOutcome[] = []
  const garden: Array<{ outcome: ProbeOutcome; host: GardenHost }> = []
  for (const o of probes) {
    const url = parseHttpUrl(o.url)
    const host = url && o.probeId.startsWith(GARDEN_PROBE_PREFIX) ? gardenFor(n, normalizeHost(url.hostname) ?? url.hostname) : undefined
    if (host) garden.push({ outcome: o, host })
    else general.push(o)
  }
  return { general, garden }
}

const ANSWERED = new Set<string>(['ok', 'redirect', 'unexpected-page', 'http-error'])

function probeLabel(o: ProbeOutcome): string {
  const url = parseHttpUrl(o.url)
  if (!url) return o.probeId ? `Probe ${o.probeId}` : 'A probe'
  const where = `${url.host}${url.pathname}`
  return `Probe ${where.length > 80 ? `${where.slice(0, 79)}…` : where}`
}

function quote(text: unknown, max = 120): string {
  if (typeof text !== 'string' || text.trim() === '') return ''
  const flat = text.replace(/\s+/g, ' ').trim()
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`
}

const PHASES: Readonly<Record<string, string>> = {
  dns: 'looking up the name',
  connect: 'connecting',
  response: 'waiting for the response',
  body: 'reading the response'
}

/** One evidence line per probe outcome. */
export function describeOutcome(o: ProbeOutcome): Evidence {
  const label = probeLabel(o)
  const ms = `${Math.round(o.elapsedMs)} ms`
  switch (o.kind) {
    case 'ok':
      return { key: 'probe-ok', text: `${label} answered as expected (${o.status}, ${ms}).` }
    case 'redirect':
      return { key: 'probe-redirect', text: `${label} was redirected (${o.status}) to ${typeof o.location === 'string' ? o.location : typeof o.rawLocation === 'string' ? quote(o.rawLocation) : 'nowhere (no Location header)'}.` }
    case 'unexpected-page': {
      const page = isRecord(o.page) ? o.page : {}
      const title = typeof page.title === 'string' ? ` titled ${quote(page.title, 80)}` : ''
      const snippet = typeof o.snippet === 'string' && o.snippet !== '' ? `: ${quote(o.snippet)}` : ''
      return { key: 'probe-page', text: `${label} answered ${o.status} with a different page${title} instead of the expected answer${snippet}.` }
    }
    case 'http-error':
      return { key: 'probe-http-error', text: `${label} answered HTTP ${o.status}${typeof o.snippet === 'string' && o.snippet !== '' ? `: ${quote(o.snippet)}` : ''}.` }
    case 'timeout':
      return { key: 'probe-timeout', text: `${label}: no answer within ${finiteOr(o.timeoutMs, o.elapsedMs)} ms (${PHASES[o.phase] ?? 'waiting'}).` }
    case 'refused':
      return { key: 'probe-refused', text: `${label}: the connection was refused.` }
    case 'dns-failure':
      return { key: 'probe-dns', text: `${label}: the name ${o.hostname} did not resolve (${o.code}).` }
    case 'network-error':
      return o.local === true
        ? { key: 'probe-not-sent', text: `${label}: this computer could not send it (${o.code}).` }
        : { key: 'probe-network', text: `${label}: the connection failed (${o.code}).` }
    case 'bad-response':
      return { key: 'probe-garbled', text: `${label}: the answer was not valid HTTP (${o.code}).` }
    case 'cancelled':
      return { key: 'probe-not-sent', text: `${label} was cancelled.` }
    case 'blocked':
    case 'invalid':
    case 'skipped':
      return { key: 'probe-not-sent', text: `${label} was not sent: ${o.reason}.` }
  }
}

/** A probe host resolved to a private address: the network answers DNS for public names (device-protocols.md §6.2). */
function dnsRedirectEvidence(outcomes: ProbeOutcome[]): Evidence[] {
  const out: Evidence[] = []
  for (const o of outcomes) {
    const url = parseHttpUrl(o.url)
    if (!url || !Array.isArray(o.resolved)) continue
    const host = normalizeHost(url.hostname) ?? ''
    if (parseIpv4(host) !== undefined || host.includes(':')) continue
    const privateAnswer = o.resolved.find((address) => isPrivateAddress(address) && !isLoopbackAddress(address))
    if (privateAnswer) {
      out.push({ key: 'dns-redirect', text: `${host} resolved to ${privateAnswer}, a private address: the network answers name lookups itself (DNS redirection).` })
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// The device

interface Finding {
  kind: VerdictKind
  remedy: RemedyKey
  confidence: Confidence
  reason: string
  evidence: Evidence[]
}

interface DeviceView {
  block?: Finding
  pending?: Finding
  connected: boolean
  usage?: UsageAgainstLimit
  weakSignal: boolean
  notes: Evidence[]
}

function finding(kind: VerdictKind, remedy: RemedyKey, confidence: Confidence, reason: string, text: string, key = reason): Finding {
  return { kind, remedy, confidence, reason, evidence: [{ key, text }] }
}

function simFinding(state: unknown): Finding | undefined {
  switch (state) {
    case 'absent':
      return finding('not-registered', 'check-sim', 'high', 'sim-absent', 'The hotspot reports no SIM card.')
    case 'pin-required':
      return finding('not-registered', 'enter-pin', 'high', 'sim-pin', 'The SIM is locked and waits for its PIN.')
    case 'puk-required':
      return finding('not-registered', 'enter-puk', 'high', 'sim-puk', 'The SIM is blocked after wrong PINs and needs its PUK.')
    case 'invalid':
      return finding('not-registered', 'contact-carrier', 'medium', 'sim-invalid', 'The hotspot reports the SIM as invalid (unreadable, or rejected by the network).')
    default:
      return undefined
  }
}

function causeText(rc: RejectCause): string {
  return rc.source.startsWith('EMM cause') || /^\d+$/.test(rc.source) ? `cause #${rc.cause ?? rc.source}` : rc.source
}

function registrationFinding(state: unknown, rc: RejectCause | undefined, weakSignal: boolean): Finding | undefined {
  if (state === 'denied') {
    if (!rc) return finding('not-registered', 'check-account', 'medium', 'registration-denied', 'The network refused to register the SIM and gave no reason.')
    const why = causeText(rc)
    switch (rc.kind) {
      case 'not-subscribed':
        return finding('no-plan', 'buy-pass', 'high', 'reject-not-subscribed', `The network refused the SIM: the requested service is not subscribed (${why}). The line has no active plan.`, 'reject-cause')
      case 'not-provisioned':
        return finding('not-registered', 'finish-activation', 'high', 'reject-not-provisioned', `The network does not know this SIM (${why}): it is not activated yet, or no longer.`, 'reject-cause')
      case 'illegal-device':
        return finding('not-registered', 'contact-carrier', 'high', 'reject-illegal-device', `The network refuses this SIM or device (${why}); only the carrier can lift that.`, 'reject-cause')
      case 'services-not-allowed':
        return finding('not-registered', 'check-account', 'high', 'reject-services-not-allowed', `The network refused data service for this SIM (${why}): the line is not active — not activated yet, expired, suspended or cancelled.`, 'reject-cause')
      case 'plmn-not-allowed':
      case 'roaming-not-allowed':
        return finding('not-registered', 'enable-roaming', 'high', `reject-${rc.kind}`, `This network does not accept the SIM here (${why}). Roaming may be off for the line, or another network must be chosen.`, 'reject-cause')
      case 'area-not-allowed':
        return finding('not-registered', 'move-for-signal', 'medium', 'reject-area-not-allowed', `The network does not serve the SIM in this area (${why}).`, 'reject-cause')
      case 'network-busy':
        return finding('not-registered', 'wait', 'medium', 'reject-network-busy', `The network is failing or congested (${why}).`, 'reject-cause')
      case 'other':
        return finding('not-registered', 'contact-carrier', 'medium', 'reject-other', `The network refused to register the SIM (${why}).`, 'reject-cause')
    }
  }
  if (state === 'searching') {
    return finding('not-registered', weakSignal ? 'move-for-signal' : 'wait', 'medium', 'searching', `The hotspot is still searching for a network${weakSignal ? ' and the signal is weak' : ''}.`)
  }
  if (state === 'not-registered') {
    return finding('not-registered', 'move-for-signal', 'medium', 'not-registered', 'The hotspot is not registered on any network and not searching (no service).')
  }
  return undefined
}

function dataFinding(failure: DataFailure, usage: UsageAgainstLimit | undefined): Finding {
  const said = `The hotspot reports: ${quote(failure.source, 160)}.`
  const f = (kind: VerdictKind, remedy: RemedyKey, confidence: Confidence, reason: string, extra?: string): Finding => {
    const found = finding(kind, remedy, confidence, reason, said, 'data-failure')
    if (extra) found.evidence.push({ key: 'data-failure-meaning', text: extra })
    return found
  }
  switch (failure.kind) {
    case 'volume-exceeded': {
      const found = f('no-plan', 'buy-pass', 'high', 'data-volume-exceeded', 'The line’s data volume is used up.')
      if (usage?.reached) {
        found.evidence.push({ key: 'usage', text: `The hotspot’s own counter shows ${formatBytes(usage.usedBytes)} of the ${formatBytes(usage.limitBytes)} limit set on it: if that limit is lower than the plan, raise it instead.` })
      }
      return found
    }
    case 'device-limit':
      return f('no-data', 'raise-device-limit', 'high', 'device-limit', 'The hotspot stopped data itself at the monthly limit set on it; the carrier plan may still have data.')
    case 'not-subscribed':
      return f('no-plan', 'buy-pass', 'high', 'service-not-subscribed', 'The network says the line has no data service (no pass or plan, or it expired). If the plan is active, the APN may be wrong: some networks answer a wrong APN the same way.')
    case 'access-not-allowed':
      return f('no-plan', 'buy-pass', 'medium', 'network-access-not-allowed', 'Typical of a line with no data service left; a barred or not-yet-activated SIM looks the same.')
    case 'data-not-allowed':
      return f('no-plan', 'finish-activation', 'medium', 'data-not-allowed', 'The network does not allow data for this SIM: the line may not be activated yet.')
    case 'barred':
      return f('no-plan', 'contact-carrier', 'high', 'barred', 'The carrier has barred data on this line.')
    case 'unknown-apn':
    case 'apn-auth':
    case 'profile-invalid':
    case 'pdp-type':
    case 'service-not-supported':
      return f('no-data', 'check-apn', 'high', failure.kind, 'The data session fails on the APN settings, not on the plan.')
    case 'no-address':
      return f('no-data', 'check-apn', 'medium', 'no-address', 'A data session without an address usually means the network does not accept this APN.')
    case 'roaming-not-allowed':
    case 'plmn-not-allowed':
      return f('no-data', 'enable-roaming', 'high', failure.kind)
    case 'area-not-allowed':
      return f('no-data', 'move-for-signal', 'medium', 'area-not-allowed')
    case 'data-switched-off':
      return f('no-data', 'turn-on-data', 'high', 'data-switched-off')
    case 'no-service':
      return f('not-registered', 'move-for-signal', 'medium', 'no-service')
    case 'network-busy':
      return f('no-data', 'wait', 'medium', 'network-busy')
    case 'unspecified':
      return f('no-data', 'check-apn', 'low', 'data-refused', 'The network refused data without a reason; a wrong APN is the usual cause.')
    case 'other':
      return f('no-data', 'retry', 'low', 'data-failed')
  }
}

function assessDevice(n: Normalized): DeviceView {
  const d = n.device
  const bars = isRecord(d.signal) && typeof d.signal.bars === 'number' && Number.isFinite(d.signal.bars) ? d.signal.bars : undefined
  const weakSignal = bars !== undefined && bars <= n.t.weakSignalBars
  const usage = usageAgainstLimit(isRecord(d.usage) ? d.usage : undefined)
  const view: DeviceView = { connected: false, weakSignal, notes: [] }
  if (usage) view.usage = usage
  if (bars !== undefined && weakSignal) view.notes.push({ key: 'signal', text: `The signal is weak (${bars} of 5 bars).` })

  const sim = simFinding(isRecord(d.sim) ? d.sim.state : undefined)
  if (sim) return { ...view, block: sim }

  const registration = isRecord(d.registration) ? d.registration : {}
  const codes: VendorCodes | undefined = isRecord(d.codes) ? d.codes : undefined
  const rc = interpretRejectCause(registration.rejectCause, codes?.emmCause)
  const reg = registrationFinding(registration.state, rc, weakSignal)
  if (reg) {
    if (weakSignal && reg.remedy !== 'move-for-signal') reg.evidence.push(...view.notes)
    return { ...view, block: reg }
  }

  const data = isRecord(d.data) ? d.data : {}
  const state = data.state
  if (state === 'connected') return { ...view, connected: true }
  const failure = interpretDataFailure(data, codes)
  if (state === 'connecting' || state === 'disconnecting') {
    if (failure && failure.kind !== 'other') return { ...view, block: dataFinding(failure, usage) }
    return { ...view, pending: finding('unknown', 'wait', 'medium', 'connecting', `The hotspot’s data session is ${state}.`, 'data-state') }
  }
  if (failure) return { ...view, block: dataFinding(failure, usage) }
  if (state === 'disconnected') {
    if (usage?.reached) {
      return {
        ...view,
        block: finding('no-data', 'raise-device-limit', 'medium', 'device-limit-likely', `The hotspot’s data is off and its own counter shows ${formatBytes(usage.usedBytes)} of the ${formatBytes(usage.limitBytes)} limit set on it; many hotspots stop data at that limit.`, 'usage')
      }
    }
    return { ...view, block: finding('no-data', 'turn-on-data', 'medium', 'data-disconnected', 'The hotspot’s data session is off.', 'data-state') }
  }
  if (state === 'failed') return { ...view, block: finding('no-data', 'retry', 'low', 'data-failed', 'The hotspot’s data session failed without a reason.', 'data-state') }
  return view
}

// ---------------------------------------------------------------------------------------------------------
// The decision

function verdict(f: Finding, more: Evidence[] = [], portal?: PortalTarget): Verdict {
  const v: Verdict = { kind: f.kind, remedy: f.remedy, confidence: f.confidence, reason: f.reason, evidence: [...f.evidence, ...more] }
  if (portal) v.portal = portal
  return v
}

function decide(n: Normalized): Verdict {
  const device = assessDevice(n)
  const probesApply = n.uplink?.route !== 'other-network'
  const split = splitGardenProbes(n.probes, n)
  const view = summarize(split.general, n)
  const probeLines = view.counted.map(describeOutcome)
  const gardenLines = split.garden.map(({ outcome }) => describeOutcome(outcome))
  const notRunLines = view.notRun.map(describeOutcome)

  if (!probesApply) {
    const elsewhere: Evidence = {
      key: 'uplink-other',
      text: `This computer’s traffic goes through ${n.uplink?.defaultInterface ? `another network (${n.uplink.defaultInterface})` : 'another network'}, so the probes did not test the hotspot.`
    }
    if (device.block) return verdict(device.block, [elsewhere, ...device.notes])
    if (device.pending) return verdict(device.pending, [elsewhere])
    if (device.connected) {
      return verdict(finding('unknown', 'route-through-hotspot', 'low', 'probes-elsewhere', 'The hotspot reports a data connection, but whether it reaches the internet could not be tested from here.', 'data-state'), [elsewhere, ...device.notes])
    }
    return verdict(finding('unknown', 'route-through-hotspot', 'low', 'probes-elsewhere', elsewhere.text, elsewhere.key))
  }

  // 1. A known carrier walled-garden host.
  const carrierSignal = view.portal.find((s) => s.target.carrier !== undefined)
  if (carrierSignal?.target.carrier) {
    const { carrierId, purpose } = carrierSignal.target.carrier
    const text = `${carrierSignal.target.host} is a ${purpose} page of ${carrierId}: the carrier holds this line in its walled garden.`
    const f =
      purpose === 'purchase'
        ? finding('no-plan', 'buy-pass', 'high', 'carrier-purchase-redirect', text, 'carrier-page')
        : purpose === 'activation'
          ? finding('no-plan', 'finish-activation', 'high', 'carrier-activation-redirect', text, 'carrier-page')
          : finding('captive', 'open-portal', 'high', 'carrier-portal-redirect', text, 'carrier-page')
    const more = [...probeLines, ...dnsRedirectEvidence(view.counted)]
    if (device.block) more.push({ key: 'device-disagrees', text: `The hotspot’s last report disagrees (${device.block.evidence[0]?.text ?? device.block.reason}); it may be out of date.` })
    return verdict(f, more, carrierSignal.target)
  }

  // 1b. Only the carrier's garden answers: ordinary probes get nothing while a zero-rated purchase or refill
  // host of the carrier does. The line is up, but the carrier lets nothing else through — no plan.
  const gardenAnswer = split.garden.find(({ outcome }) => ANSWERED.has(outcome.kind))
  if (gardenAnswer && view.ok.length === 0 && view.portal.length === 0 && view.silent.length > 0 && !device.block) {
    const { host, outcome } = gardenAnswer
    const url = parseHttpUrl(outcome.url)
    const target: PortalTarget = {
      url: url?.href ?? outcome.url,
      host: normalizeHost(url?.hostname) ?? host.pattern,
      via: 'probe-url',
      probeId: outcome.probeId,
      plainHttp: url?.protocol === 'http:',
      carrier: carrierOf(host)
    }
    const lead = `Only ${target.host}, a ${host.purpose} page of ${host.carrierId}, answers through the hotspot; ${view.silent.length} of ${view.counted.length} ordinary probes got nothing. The carrier lets only its own pages through: the line has no plan.`
    const f =
      host.purpose === 'activation'
        ? finding('no-plan', 'finish-activation', device.connected ? 'high' : 'medium', 'garden-only', lead, 'garden-only')
        : finding('no-plan', 'buy-pass', device.connected ? 'high' : 'medium', 'garden-only', lead, 'garden-only')
    return verdict(f, [...gardenLines, ...probeLines, ...usageNote(device), ...device.notes], target)
  }

  // 2. The hotspot says data cannot flow.
  if (device.block) {
    if (n.uplink?.route === 'through-hotspot' && view.ok.length > 0 && view.portal.length === 0) {
      return verdict(
        finding('online', 'none', 'medium', 'probes-contradict-device', `Probes through the hotspot succeed although it reports a problem (${device.block.evidence[0]?.text ?? device.block.reason}); its report may be out of date.`, 'device-disagrees'),
        probeLines
      )
    }
    const more: Evidence[] = [...device.notes.filter((note) => !device.block?.evidence.includes(note))]
    if (view.ok.length > 0) more.push({ key: 'probes-elsewhere', text: 'Some probes succeeded anyway: they probably went through another network this computer is on.' })
    if (view.portal.length > 0) {
      more.push({ key: 'portal-elsewhere', text: `A probe was redirected to ${view.portal[0]!.target.host}; with no data session on the hotspot that page comes from another network this computer is on, not from the carrier.` })
    }
    if (view.routerPage.length > 0) more.push(routerPageEvidence())
    return verdict(device.block, [...more, ...probeLines])
  }

  if (device.pending && view.ok.length === 0 && view.portal.length === 0) return verdict(device.pending, probeLines)

  // 3. Portal signals.
  if (view.portal.length > 0) {
    const strong = view.portal.filter((s) => s.form !== 'page')
    if (view.ok.length > 0 && strong.length === 0) {
      return verdict(
        finding('online', 'none', 'medium', 'odd-probe-page', `${view.ok.length} of ${view.counted.length} probes answered as expected; the other answer looks like that site’s own problem, not a portal.`, 'probe-summary'),
        probeLines
      )
    }
    const chosen = strong.find((s) => s.target.via !== 'probe-url') ?? strong[0] ?? view.portal.find((s) => s.target.via !== 'probe-url') ?? view.portal[0]!
    const reason = chosen.form === 'redirect' ? 'redirect' : chosen.form === 'auth-required' ? 'auth-required' : 'hijacked-page'
    const lead =
      reason === 'redirect'
        ? `The network redirects plain web requests to ${chosen.target.host}: a captive portal or walled garden.`
        : reason === 'auth-required'
          ? `The network answers 511 (network authentication required): a captive portal.`
          : `The network answers plain web requests with its own page: a captive portal or walled garden.`
    const confidence: Confidence = view.ok.length > 0 ? 'medium' : 'high'
    const more = [...probeLines, ...dnsRedirectEvidence(view.counted), ...usageNote(device), ...device.notes]
    return verdict(finding('captive', 'open-portal', confidence, reason, lead, 'portal'), more, chosen.target)
  }

  if (view.routerPage.length > 0 && view.ok.length === 0) {
    return verdict(finding('no-data', 'turn-on-data', 'low', 'hotspot-own-page', routerPageEvidence().text, 'hotspot-own-page'), [...probeLines, ...device.notes])
  }

  // 4. Answers as expected.
  if (view.ok.length > 0) return onlineOrThrottled(n, view, device, probeLines)

  // 5. Nothing useful came back.
  if (view.silent.length > 0) {
    const summary = `No probe got an answer (${view.silent.length} of ${view.counted.length} timed out, were refused or did not resolve).`
    if (device.connected) {
      if (device.weakSignal) {
        return verdict(finding('unknown', 'move-for-signal', 'low', 'weak-signal-silence', `${summary} The hotspot has a data session, but the signal is weak.`, 'probe-summary'), probeLines)
      }
      const f = finding(
        'no-plan',
        'check-account',
        device.usage?.reached ? 'medium' : 'low',
        'nothing-gets-through',
        `${summary} The hotspot reports a data session, yet nothing gets through: carriers do this when the plan has run out or the line is blocked.`,
        'probe-summary'
      )
      return verdict(f, [...usageNote(device), ...probeLines, ...dnsRedirectEvidence(view.counted)])
    }
    return verdict(finding('unknown', 'retry', 'low', 'no-answers', `${summary} The hotspot’s own state is not known, so the cause cannot be told.`, 'probe-summary'), [...probeLines, ...device.notes])
  }
  if (view.garbled.length > 0) {
    return verdict(finding('unknown', 'retry', 'low', 'garbled-answers', 'Something between this computer and the internet answers the probes with errors or broken responses.', 'probe-summary'), probeLines)
  }
  if (view.local.length > 0) {
    return verdict(
      finding('unknown', 'retry', 'low', 'probes-not-sent', 'This computer could not send the probes: it may have left the hotspot’s network, or the address to send from is gone.', 'probe-summary'),
      probeLines
    )
  }

  // No probe ran.
  if (device.pending) return verdict(device.pending, notRunLines)
  if (device.connected) {
    return verdict(finding('unknown', 'retry', 'low', 'no-probes', 'The hotspot reports a data session; no probe ran to test it.', 'data-state'), [...notRunLines, ...device.notes])
  }
  return verdict(finding('unknown', 'retry', 'low', 'nothing-known', n.devicePresent ? 'Neither the hotspot’s report nor any probe tells what is wrong.' : 'No probe ran and the hotspot’s state is not known.', 'nothing-known'), notRunLines)
}

function routerPageEvidence(): Evidence {
  return { key: 'hotspot-own-page', text: 'The hotspot sent the probe to its own page, which it does when its mobile connection is down; that is not a carrier portal.' }
}

function usageNote(device: DeviceView): Evidence[] {
  const usage = device.usage
  if (!usage?.reached) return []
  return [{ key: 'usage', text: `The hotspot’s own counter shows ${formatBytes(usage.usedBytes)} used of the ${formatBytes(usage.limitBytes)} limit set on it.` }]
}

function onlineOrThrottled(n: Normalized, view: ProbeView, device: DeviceView, probeLines: Evidence[]): Verdict {
  const t = n.t
  const strong: Evidence[] = []
  const signal = typeof n.device.throttleSignal === 'string' ? n.device.throttleSignal.trim() : ''
  if (signal !== '') strong.push({ key: 'throttle-signal', text: `The carrier says the line is slowed: ${quote(signal, 160)}.` })
  const sample = isRecord(n.device.throughput) ? n.device.throughput : undefined
  const bps = finiteOr(sample?.bytesPerSecond, Number.NaN)
  const sampled = finiteOr(sample?.sampleBytes, 0)
  if (Number.isFinite(bps) && bps >= 0 && sampled >= t.minThroughputSampleBytes && bps < t.throttledBelowBytesPerSecond) {
    strong.push({ key: 'low-throughput', text: `A ${formatBytes(sampled)} download through the hotspot ran at ${Math.round((bps * 8) / 1000)} kbps, below ${Math.round((t.throttledBelowBytesPerSecond * 8) / 1000)} kbps.` })
  }
  const times = view.ok.map((o) => o.elapsedMs)
  const enoughProbes = view.ok.length >= 2 || view.counted.length === 1
  const fastest = Math.min(...times)
  const slow = enoughProbes && fastest >= t.slowProbeMs
  const verySlow = enoughProbes && fastest >= t.verySlowProbeMs
  const slowLine: Evidence = { key: 'slow-probes', text: `Every probe that succeeded took ${Math.round(fastest)} ms or more, where a normal link answers in well under a second.` }
  const failures = view.counted.length - view.ok.length
  const mixed: Evidence[] = failures > 0 ? [{ key: 'probe-summary', text: `${view.ok.length} of ${view.counted.length} probes answered as expected; the others failed, which one blocked or broken probe site can explain.` }] : []

  if (strong.length > 0) {
    const confidence: Confidence = strong.length >= 2 || slow ? 'high' : 'medium'
    return verdict(
      { kind: 'throttled', remedy: 'buy-pass', confidence, reason: strong[0]!.key, evidence: strong },
      [...(slow ? [slowLine] : []), ...usageNote(device), ...device.notes, ...probeLines]
    )
  }
  if (slow && device.usage?.reached) {
    return verdict({ kind: 'throttled', remedy: 'buy-pass', confidence: 'medium', reason: 'slow-at-limit', evidence: [slowLine, ...usageNote(device)] }, [...device.notes, ...probeLines])
  }
  if (slow && device.weakSignal) {
    return verdict({ kind: 'online', remedy: 'move-for-signal', confidence: 'medium', reason: 'slow-weak-signal', evidence: [slowLine, ...device.notes] }, probeLines)
  }
  if (verySlow) {
    return verdict(
      {
        kind: 'throttled',
        remedy: 'buy-pass',
        confidence: 'low',
        reason: 'very-slow',
        evidence: [slowLine, { key: 'throttle-caveat', text: 'Carriers slow lines to 128–300 kbps once the data allowance is used; a congested cell looks the same.' }]
      },
      probeLines
    )
  }
  const confidence: Confidence = view.ok.length >= 2 && failures === 0 ? 'high' : 'medium'
  const lead: Evidence = { key: 'probe-summary', text: `${view.ok.length} of ${view.counted.length} probes got the expected answer: the internet is reachable.` }
  const extra: Evidence[] = [...mixed]
  if (slow) extra.push(slowLine)
  if (device.usage?.reached) extra.push({ key: 'usage', text: `The hotspot’s own counter shows ${formatBytes(device.usage.usedBytes)} of the ${formatBytes(device.usage.limitBytes)} limit set on it, but the probes were not slow.` })
  return verdict({ kind: 'online', remedy: 'none', confidence, reason: slow ? 'slow' : 'probes-ok', evidence: [lead] }, [...extra, ...device.notes, ...probeLines])
}
