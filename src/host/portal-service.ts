// Opens carrier portals for a device's line, and only what the pack lists: the address comes from the flow or
// the portal entry in the pack and is checked against the portal's allowed domains before anything is shown.
// Each carrier + line gets its own persistent partition, so two lines never share a sign-in and "clear this
// portal's data" clears exactly one. The gateway (desktop view or browser tab) shows it; view events come back
// as portal.changed. Errors the portal shows are explained from the flow's known errors.
import { createHash } from 'node:crypto'
import { isNavigationAllowed, prefillFlow, type CarrierPack, type Flow, type Portal } from '../carriers'
import { compilePackRegex } from '../carriers/regex-safety'
import {
  PORTAL_PARTITION_PATTERN,
  type BrandChoice,
  type CarrierLocale,
  type ExplainedError,
  type PortalChanged,
  type PortalOpenResult,
  type PortalViewSpec
} from '../contract/carrier'
import { ContractError } from '../contract/errors'
import type { DeviceStatus } from '../contract/model'
import { lineIdentity, type CarrierService } from './carrier-service'
import { checklistView, flowEntryUrl, flowsFor, flowView, numberCountry, stepSelector } from './carrier-view'
import type { PortalGateway, PortalGatewayEvent } from './portal-gateway'

export interface PortalServiceOptions {
  carriers: CarrierService
  gateway: PortalGateway
  /** The device's latest reading (waits for one poll when there is none). */
  status: (deviceId: string) => Promise<DeviceStatus>
  publish: (change: PortalChanged) => void
  /**
   * TEST ONLY: maps a portal ("portalId" or "packId/portalId") to a loopback simulator base address, e.g.
   * { 'mobile-internet': 'http://127.0.0.1:5123/' }. The pack's address is still checked against the pack's
   * domains first; then its path is opened under the base instead. Only loopback addresses are accepted, and
   * no entry point (desktop app, serve, CLI) ever sets this: it exists so tests never reach a real carrier.
   */
  overrides?: Readonly<Record<string, string>>
  log?: (line: string) => void
}

interface OpenView {
  deviceId: string
  portalId: string
  partition: string
}

/** The page a device's last connectivity check was sent to (connectivity.check → rememberVerdict). */
export interface CaptiveFinding {
  url: string
  carrier?: { carrierId: string; flow?: { packId: string; flowId: string } }
}

/** The portal id captive views report their events under. */
export const CAPTIVE_PORTAL_ID = 'captive'

/** Pasted portal text is cut here before matching: error messages are short, pages are not. */
const MAX_EXPLAIN_TEXT = 2000

export class PortalService {
  private readonly views = new Map<string, OpenView>()
  private readonly captive = new Map<string, CaptiveFinding>()
  private readonly overrides: ReadonlyMap<string, URL>
  private readonly stopEvents: () => void

  constructor(private readonly options: PortalServiceOptions) {
    this.overrides = parsePortalOverrides(options.overrides ?? {})
    this.stopEvents = options.gateway.onEvent((event) => this.onGatewayEvent(event))
  }

  get mode() {
    return this.options.gateway.mode
  }

  async open(params: {
    deviceId: string
    portalId: string
    flowId?: string | undefined
    locale?: CarrierLocale | undefined
    brand?: BrandChoice | undefined
  }): Promise<PortalOpenResult> {
    const locale = params.locale ?? 'en'
    const status = await this.options.status(params.deviceId)
    const context = await this.options.carriers.resolveCarrier(status, params.brand)
    const { pack } = context
    const portal = findPortal(pack, params.portalId)
    const flows = flowsFor(pack, context.brandRef.brandId).filter((flow) => flow.portal === portal.id)
    let flow: Flow | undefined
    if (params.flowId !== undefined) {
      flow = flows.find((item) => item.id === params.flowId)
      if (!flow) {
        throw new ContractError('BAD_INPUT', `Portal "${portal.id}" has no flow "${params.flowId}" for this SIM's brand.`, {
          path: 'params.flowId',
          flowId: params.flowId
        })
      }
    } else flow = flows[0]

    const packUrl = flowEntryUrl(portal, flow)
    if (packUrl === undefined) {
      throw new ContractError('UNSUPPORTED', `The carrier pack lists no address for "${portal.names.en}"; follow the steps with the carrier's app or customer care.`, {
        portalId: portal.id
      })
    }
    // The one gate: nothing the pack does not list (https, within the portal's domains) is ever opened.
    if (!isNavigationAllowed(portal, packUrl)) {
      throw new ContractError('UNSUPPORTED', `${packUrl} is outside the domains the carrier pack allows for this portal.`, { portalId: portal.id })
    }
    const target = this.target(pack, portal, packUrl)
    const prefills = flow ? prefillFlow(flow, context.deviceFacts, numberCountry(pack)) : []
    const checklist = flow ? checklistView(pack, flow, prefills, locale) : []

    const steps = flow
      ? flow.steps.flatMap((step) => {
          const selector = stepSelector(step)
          return selector ? [{ stepId: step.id, selector }] : []
        })
      : []
    const prefill = flow
      ? prefills.flatMap((item) => {
          const field = flow.steps.find((step) => step.id === item.stepId)?.fields?.find((candidate) => candidate.id === item.fieldId)
          return item.selector && item.value !== undefined && field && !field.secret ? [{ selector: item.selector, value: item.value }] : []
        })
      : []
    const automation = steps.length > 0 || prefill.length > 0 ? 'selectors' : 'none'

    if (this.options.gateway.mode === 'view') {
      const partition = portalPartition(pack.id, lineIdentity(status))
      const key = portalViewKey(portal.id, params.deviceId)
      const title = flow ? `${pack.names[locale]} · ${flowView(pack, flow, prefills, locale).title}` : `${pack.names[locale]} · ${portal.names[locale]}`
      const view: PortalViewSpec = {
        key,
        title: title.slice(0, 200),
        partition,
        url: target.url,
        allowedDomains: target.allowedDomains,
        ...(prefill.length > 0 ? { prefill } : {}),
        ...(steps.length > 0 ? { steps } : {})
      }
      await this.options.gateway.open(view)
      this.views.set(key, { deviceId: params.deviceId, portalId: portal.id, partition })
    }
    return {
      mode: this.options.gateway.mode,
      url: target.url,
      ...(flow ? { flowId: flow.id } : {}),
      automation,
      checklist
    }
  }

  async close(params: { deviceId: string; portalId: string }): Promise<{ closed: boolean }> {
    const key = portalViewKey(params.portalId, params.deviceId)
    if (!this.views.has(key)) return { closed: false }
    const closed = await this.options.gateway.close(key)
    this.views.delete(key)
    return { closed }
  }

  /** Clears the portal's cookies and storage for this line; an open view is closed first. */
  async clearData(params: { deviceId: string; portalId: string; brand?: BrandChoice | undefined }): Promise<{ cleared: boolean }> {
    const status = await this.options.status(params.deviceId)
    const context = await this.options.carriers.resolveCarrier(status, params.brand)
    const portal = findPortal(context.pack, params.portalId)
    const partition = portalPartition(context.pack.id, lineIdentity(status))
    if (this.options.gateway.mode === 'view') {
      const key = portalViewKey(portal.id, params.deviceId)
      if (this.views.has(key)) await this.close({ deviceId: params.deviceId, portalId: portal.id })
    }
    await this.options.gateway.clearData(partition)
    return { cleared: true }
  }

  /**
   * What the last connectivity check found for a device: a captive or walled-garden page to open, or nothing
   * (online, no redirect). Only a URL remembered here can be opened by openCaptive.
   */
  rememberVerdict(deviceId: string, finding: CaptiveFinding | undefined): void {
    if (finding && parseCaptiveUrl(finding.url)) this.captive.set(deviceId, finding)
    else this.captive.delete(deviceId)
  }

  /**
   * Opens the captive page the device's last check found — that exact URL, nothing the caller makes up. It is
   * often plain http (captive portals cannot redirect https), so the view may load that one http origin and,
   * when the page belongs to a carrier pack, the https domains of the pack's portal for the way out (the
   * purchase site it forwards to). Nothing is prefilled or followed on it. Tab mode: the address for a new tab.
   */
  async openCaptive(params: { deviceId: string; url: string; locale?: CarrierLocale | undefined }): Promise<PortalOpenResult> {
    const finding = this.captive.get(params.deviceId)
    const url = parseCaptiveUrl(params.url)
    if (!finding || !url || finding.url !== url.href) {
      throw new ContractError('BAD_INPUT', 'Only the page the last line check was sent to can be opened here: run the check again, then open the page it shows.', {
        path: 'params.url'
      })
    }
    if (this.options.gateway.mode === 'view') {
      const status = await this.options.status(params.deviceId)
      const allowedDomains = await this.captiveDomains(finding, url)
      const key = portalViewKey(CAPTIVE_PORTAL_ID, params.deviceId)
      const partition = portalPartition(CAPTIVE_PORTAL_ID, lineIdentity(status))
      const title = (params.locale ?? 'en') === 'ja' ? `ログイン・購入ページ · ${url.host}` : `Sign-in or purchase page · ${url.host}`
      const view: PortalViewSpec = {
        key,
        title: title.slice(0, 200),
        partition,
        url: url.href,
        allowedDomains,
        ...(url.protocol === 'http:' ? { captiveOrigin: url.origin } : {})
      }
      await this.options.gateway.open(view)
      this.views.set(key, { deviceId: params.deviceId, portalId: CAPTIVE_PORTAL_ID, partition })
    }
    return { mode: this.options.gateway.mode, url: url.href, automation: 'none', checklist: [] }
  }

  /** The https domains a captive view may go on to: the carrier portal's of the pack's way out, else the page's own host. */
  private async captiveDomains(finding: CaptiveFinding, url: URL): Promise<string[]> {
    const flow = finding.carrier?.flow
    if (flow) {
      const pack = await this.options.carriers.pack(flow.packId)
      const portalId = pack?.flows.find((item) => item.id === flow.flowId)?.portal
      const portal = pack?.portals.find((item) => item.id === portalId)
      if (portal) return [...portal.allowedDomains]
    }
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(url.hostname) || /^[\d.]+$/.test(url.hostname)) {
      throw new ContractError('UNSUPPORTED', `The captive page is on ${url.host}, an address rather than a name; open it in your browser instead.`, { url: url.href })
    }
    return [url.hostname]
  }

  /** The flow's known errors that match what the portal said: the current step's first. */
  async explain(params: {
    deviceId: string
    flowId: string
    stepId?: string | undefined
    text: string
    locale?: CarrierLocale | undefined
    brand?: BrandChoice | undefined
  }): Promise<{ matches: ExplainedError[] }> {
    const locale = params.locale ?? 'en'
    const status = await this.options.status(params.deviceId)
    const context = await this.options.carriers.resolveCarrier(status, params.brand)
    const flow = flowsFor(context.pack, context.brandRef.brandId).find((item) => item.id === params.flowId)
    if (!flow) throw new ContractError('BAD_INPUT', `No flow "${params.flowId}" for this SIM's carrier.`, { path: 'params.flowId' })
    const view = flowView(context.pack, flow, [], locale)
    const said = params.text.normalize('NFKC').slice(0, MAX_EXPLAIN_TEXT)
    const steps = [...flow.steps].sort((a, b) => Number(b.id === params.stepId) - Number(a.id === params.stepId))
    const matches: ExplainedError[] = []
    for (const step of steps) {
      const stepView = view.steps.find((item) => item.id === step.id)
      for (const error of step.knownErrors ?? []) {
        if (!knownErrorMatches(error.match, said)) continue
        const errorView = stepView?.knownErrors.find((item) => item.id === error.id)
        if (!stepView || !errorView) continue
        const goTo = error.goTo ? view.steps.find((item) => item.id === error.goTo) : undefined
        matches.push({ stepId: step.id, stepTitle: stepView.title, error: errorView, ...(goTo ? { goToTitle: goTo.title } : {}) })
      }
    }
    return { matches }
  }

  dispose(): void {
    this.stopEvents()
    this.views.clear()
  }

  private target(pack: CarrierPack, portal: Portal, packUrl: string): { url: string; allowedDomains: string[] } {
    const base = this.overrides.get(`${pack.id}/${portal.id}`) ?? this.overrides.get(portal.id)
    if (!base) return { url: packUrl, allowedDomains: [...portal.allowedDomains] }
    const original = new URL(packUrl)
    const mapped = new URL(`${original.pathname.replace(/^\/+/, '')}${original.search}${original.hash}`, base)
    this.options.log?.(`portal: TEST override: ${packUrl} is opened as ${mapped.href}`)
    return { url: mapped.href, allowedDomains: [mapped.hostname] }
  }

  private onGatewayEvent(event: PortalGatewayEvent): void {
    const view = this.views.get(event.key)
    if (!view) {
      this.options.log?.(`portal: event "${event.kind}" for a view the host did not open (${event.key}); ignored`)
      return
    }
    if (event.kind === 'closed') this.views.delete(event.key)
    const change: PortalChanged = { deviceId: view.deviceId, portalId: view.portalId, kind: event.kind }
    if (event.url !== undefined) change.url = event.url
    if (event.stepId !== undefined) change.stepId = event.stepId
    if (event.detail !== undefined) change.detail = event.detail
    this.options.publish(change)
  }
}

function findPortal(pack: CarrierPack, portalId: string): Portal {
  const portal = pack.portals.find((item) => item.id === portalId)
  if (!portal) throw new ContractError('NOT_FOUND', `The ${pack.names.en} pack has no portal "${portalId}".`, { portalId, packId: pack.id })
  return portal
}

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12)
}

/** persist:portal-<pack>-<hash of the line>: one persistent sign-in per carrier and line. */
export function portalPartition(packId: string, line: string): string {
  const safePack = packId.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 60)
  const partition = `persist:portal-${safePack}-${shortHash(line)}`
  if (!PORTAL_PARTITION_PATTERN.test(partition)) throw new Error(`bad portal partition ${partition}`)
  return partition
}

/** The view's name in host ⇄ main messages: one view per portal and device. */
export function portalViewKey(portalId: string, deviceId: string): string {
  return `portal-${portalId}-${shortHash(`device:${deviceId}`)}`
}

function knownErrorMatches(match: { contains?: string[] | undefined; regex?: string | undefined; flags?: string | undefined }, said: string): boolean {
  const lower = said.toLowerCase()
  if (match.contains?.some((needle) => lower.includes(needle.normalize('NFKC').toLowerCase()))) return true
  if (match.regex === undefined) return false
  const compiled = compilePackRegex(match.regex, match.flags)
  return compiled.ok && compiled.regex.test(said)
}

/** A captive page address: http or https, no user name or password. */
function parseCaptiveUrl(value: string): URL | undefined {
  if (!URL.canParse(value)) return undefined
  const url = new URL(value)
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return undefined
  return url
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** Validates test-only portal overrides: loopback http(s) base addresses only. Throws on anything else. */
export function parsePortalOverrides(overrides: Readonly<Record<string, string>>): ReadonlyMap<string, URL> {
  const parsed = new Map<string, URL>()
  for (const [portal, address] of Object.entries(overrides)) {
    if (!URL.canParse(address)) throw new Error(`portalOverrides["${portal}"]: "${address}" is not a URL`)
    const url = new URL(address)
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
      throw new Error(`portalOverrides["${portal}"]: only loopback simulators may stand in for a portal, not ${address}`)
    }
    if (!url.pathname.endsWith('/')) url.pathname += '/'
    parsed.set(portal, url)
  }
  return parsed
}
