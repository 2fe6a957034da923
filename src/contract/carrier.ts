// Carriers, plans and portals as they cross the contract: view models the host builds from the carrier packs
// (src/carriers), resolved into one language, with every fact's confidence and date kept so the UI can mark
// unverified advice and dated prices. Self-contained on purpose: the renderer and Electron main import these
// types without pulling in the pack schema. Also here: the messages the host and Electron main exchange over the
// utility process's parent port to run a portal view, so both sides validate the same shapes.
import { z } from 'zod'
import { ApnDraft } from './model'

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(80)
const DeviceId = z.string().min(1).max(200)

/** The languages pack texts come in; the host resolves every text into the one asked for. */
export const CarrierLocale = z.enum(['en', 'ja'])
export type CarrierLocale = z.infer<typeof CarrierLocale>

/** The brand the user picked after "ask the user" (or to correct the host's guess). */
export const BrandChoice = z.strictObject({ packId: Id, brandId: Id })
export type BrandChoice = z.infer<typeof BrandChoice>

/** How sure the pack is of a fact: verified, from a secondary source, or unverified advice. */
export const FactConfidence = z.enum(['verified', 'secondary', 'unverified'])
export type FactConfidence = z.infer<typeof FactConfidence>

/** A fact true as of a year (prices, old portals), so the UI can say "as of 2013". */
export const FactDate = z.object({ year: z.number().int(), note: z.string().optional() })

/** Spread into every DTO that carries a pack fact. */
const provenance = {
  confidence: FactConfidence,
  dated: FactDate.optional(),
  /** The pack's note on the fact (why it is unverified, where it comes from). */
  note: z.string().optional()
}

// ---- carrier.identify --------------------------------------------------------------------------------------

export const BrandRef = z.object({
  packId: z.string(),
  brandId: z.string(),
  /** The pack's carrier name, e.g. "T-Mobile prepaid". */
  carrierName: z.string(),
  brandName: z.string(),
  kind: z.enum(['mno', 'sub-brand', 'mvno']),
  /** False: the pack knows the brand for identification only (no flows or portals for it). */
  supported: z.boolean(),
  /** ISO 3166-1 alpha-2. */
  country: z.string()
})
export type BrandRef = z.infer<typeof BrandRef>

export const RoamingState = z.enum(['home', 'equivalent', 'national', 'international', 'unknown'])
export type RoamingState = z.infer<typeof RoamingState>

export const CarrierIdentity = z.object({
  deviceId: z.string(),
  /** ready: the SIM could be read; absent / locked: nothing to identify yet. */
  sim: z.enum(['ready', 'absent', 'locked', 'unknown']),
  /** The carrier and brand the host takes this SIM to be (or the user's pick). */
  carrier: BrandRef.optional(),
  /** The carrier came from the user's pick, not from the SIM. */
  chosen: z.boolean(),
  confidence: z.enum(['high', 'medium', 'low', 'none']),
  /** Show `candidates` and let the user confirm or pick. */
  askUser: z.boolean(),
  candidates: z.array(BrandRef),
  /** Operators the APN database lists for the home network, owner first. */
  networkNames: z.array(z.string()),
  /** MVNOs the APN database matches to this SIM that no carrier pack covers. */
  databaseMatches: z.array(z.string()),
  roaming: z.object({
    state: RoamingState,
    roaming: z.boolean(),
    partner: z.string().optional(),
    description: z.string()
  }),
  /** "MCC-MNC" from the IMSI. */
  homePlmn: z.string().optional(),
  /** "MCC-MNC" the device is registered on. */
  servingPlmn: z.string().optional(),
  iccid: z.object({ luhn: z.enum(['valid', 'invalid', 'not-applicable']), issuer: z.string().optional() }).optional(),
  /** Why the host thinks so, one line each (the matched rule, the card's issuer, the network). */
  evidence: z.array(z.string()),
  /** Facts that could not be used (a malformed IMSI or ICCID). */
  problems: z.array(z.string())
})
export type CarrierIdentity = z.infer<typeof CarrierIdentity>

// ---- carrier.plan ------------------------------------------------------------------------------------------

export const DeviceFactName = z.enum(['msisdn', 'iccid', 'imsi', 'imei'])

export const FlowFieldView = z.object({
  id: z.string(),
  label: z.string(),
  /** What the field takes (us-msisdn, jp-msisdn, email, mioid …); several = any of them. */
  kinds: z.array(z.string()),
  secret: z.boolean(),
  optional: z.boolean(),
  /** The portal view can fill this field itself (the pack knows its selector). */
  fillable: z.boolean(),
  /** Filled from the device, normalized the way the portal wants it (10 digits for T-Mobile, 11 for Japan). */
  prefill: z
    .object({
      from: DeviceFactName,
      format: z.string(),
      value: z.string().optional(),
      /** Why there is no value (the device did not report the fact, or it does not convert). */
      problem: z.string().optional()
    })
    .optional()
})
export type FlowFieldView = z.infer<typeof FlowFieldView>

export const KnownErrorView = z.object({
  id: z.string(),
  meaning: z.string(),
  nextStep: z.string(),
  /** The flow step that helps next. */
  goTo: z.string().optional(),
  ...provenance
})
export type KnownErrorView = z.infer<typeof KnownErrorView>

export const FlowWarningView = z.object({
  id: z.string(),
  level: z.enum(['info', 'caution', 'danger']),
  text: z.string(),
  /** The user must acknowledge this before going on. */
  acknowledge: z.boolean(),
  ...provenance
})
export type FlowWarningView = z.infer<typeof FlowWarningView>

export const QuickCodeView = z.object({
  id: z.string(),
  /** What to send: #225#, a dial code (*233) or an SMS destination (7777). */
  code: z.string(),
  channel: z.enum(['ussd', 'dial', 'sms']),
  smsText: z.string().optional(),
  purpose: z.enum(['balance', 'data-balance', 'own-number', 'minutes', 'messages', 'menu', 'refill', 'care']),
  label: z.string(),
  ...provenance
})
export type QuickCodeView = z.infer<typeof QuickCodeView>

export const FlowStepView = z.object({
  id: z.string(),
  kind: z.enum(['info', 'sign-in', 'form', 'menu', 'confirm', 'check', 'navigate']),
  title: z.string(),
  body: z.string().optional(),
  /** The pack's address for this step (the real portal; shown, never opened from here). */
  url: z.string().optional(),
  /** Where the page is, as a menu path, when there is no stable address. */
  menuPath: z.string().optional(),
  fields: z.array(FlowFieldView),
  options: z.array(z.object({ id: z.string(), title: z.string(), goTo: z.string(), webOnly: z.boolean().optional(), danger: z.boolean(), ...provenance })),
  checks: z.array(z.object({ id: z.string(), question: z.string(), remedy: z.string(), ...provenance })),
  warnings: z.array(FlowWarningView),
  knownErrors: z.array(KnownErrorView),
  /** A code the step sends (check the balance before a refill). */
  ussd: QuickCodeView.optional(),
  /** What the step hands out (a recovery link) stops working this long after it appears: the UI counts down. */
  validForMinutes: z.number().int().positive().optional(),
  next: z.string().optional(),
  ...provenance
})
export type FlowStepView = z.infer<typeof FlowStepView>

export const FlowView = z.object({
  id: z.string(),
  portalId: z.string(),
  title: z.string(),
  summary: z.string().optional(),
  steps: z.array(FlowStepView),
  /** Flow-wide cautions the host adds: the portal's status is unknown, the flow is unverified … */
  notices: z.array(z.string()),
  ...provenance
})
export type FlowView = z.infer<typeof FlowView>

export const PortalView = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['current', 'legacy', 'retired', 'unknown']),
  /** The address the portal opens at (login, else home); absent when the pack has none. */
  url: z.string().optional(),
  generations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(['current', 'legacy', 'retired', 'unknown']),
      from: z.number().int().optional(),
      to: z.number().int().optional()
    })
  ),
  /** What its sign-in takes (email, us-msisdn, mioid, rakuten-id …). */
  loginIdentifiers: z.array(z.string()),
  flowIds: z.array(z.string()),
  ...provenance
})
export type PortalView = z.infer<typeof PortalView>

export const PackFactView = z.object({
  id: z.string(),
  topic: z.enum(['pricing', 'limits', 'policy', 'activation', 'network', 'support', 'usage']),
  text: z.string(),
  ...provenance
})
export type PackFactView = z.infer<typeof PackFactView>

export const CarrierPlan = z.object({
  deviceId: z.string(),
  carrier: BrandRef,
  /** How portal.open shows a portal in this host: the desktop app's own view, or a browser tab (serve mode). */
  portalMode: z.enum(['view', 'tab']),
  flows: z.array(FlowView),
  portals: z.array(PortalView),
  /** The pack's codes for this brand; the USSD panel offers the `ussd` ones as quick codes. */
  quickCodes: z.array(QuickCodeView),
  /** Set when the carrier has no USSD codes at all (Japan), with the pack's note. */
  noUssd: z.string().optional(),
  troubleshooters: z.array(z.object({ id: z.string(), title: z.string() })),
  facts: z.array(PackFactView),
  /** The latest plan facts parsed from a USSD reply the user asked for (kept in memory, per SIM). */
  lastReading: z
    .object({
      /** The code the reply answered (#932#). */
      code: z.string(),
      /** ISO 8601: when the reply was read. */
      readAt: z.string(),
      /** As the carrier wrote them ("$12.34", "1.5GB"). */
      balance: z.string().optional(),
      dataLeft: z.string().optional(),
      /** YYYY-MM-DD when the text could be read as a date. */
      expiry: z.object({ iso: z.string().optional(), text: z.string() }).optional(),
      renewal: z.object({ iso: z.string().optional(), text: z.string() }).optional()
    })
    .optional()
})
export type CarrierPlan = z.infer<typeof CarrierPlan>

// ---- carrier.troubleshoot ----------------------------------------------------------------------------------

/** Answers to a troubleshooter's questions: every question asks whether the problem applies ("yes" = it does). */
export const TroubleAnswer = z.enum(['yes', 'no'])
export type TroubleAnswer = z.infer<typeof TroubleAnswer>

export const RemedyAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clear-portal-data'), portalId: z.string().optional() }),
  z.object({ kind: z.literal('open-url'), url: z.string() }),
  z.object({ kind: z.literal('open-flow'), flowId: z.string(), stepId: z.string().optional() }),
  z.object({ kind: z.literal('send-ussd'), code: z.string(), label: z.string() }),
  z.object({ kind: z.literal('retry') }),
  z.object({ kind: z.literal('contact-carrier') })
])
export type RemedyAction = z.infer<typeof RemedyAction>

export const TroubleCheckView = z.object({
  id: z.string(),
  title: z.string(),
  /** failed: the problem applies (do the remedy); passed: ruled out; ask: answer the question. */
  status: z.enum(['failed', 'passed', 'ask', 'unknown']),
  /** What decided it: a device fact, the user's answer, or nothing yet. */
  decidedBy: z.enum(['fact', 'answer', 'none']),
  fact: z.object({ name: z.string(), value: z.string() }).optional(),
  question: z.string().optional(),
  answer: TroubleAnswer.optional(),
  /** The check is decided by what the user typed on the portal's sign-in page (send it as loginIdentifier). */
  input: z.enum(['login-identifier']).optional(),
  remedy: z.string(),
  action: RemedyAction.optional(),
  ...provenance
})
export type TroubleCheckView = z.infer<typeof TroubleCheckView>

export const TroubleshootResult = z.object({
  deviceId: z.string(),
  troubleshooterId: z.string(),
  title: z.string(),
  checks: z.array(TroubleCheckView)
})
export type TroubleshootResult = z.infer<typeof TroubleshootResult>

// ---- apn.suggest -------------------------------------------------------------------------------------------

export const ApnSuggestionView = z.object({
  draft: ApnDraft,
  /** From the carrier pack (curated) or the generated APN database. */
  origin: z.enum(['pack', 'database']),
  role: z.enum(['default', 'tethering', 'alternative', 'legacy']).optional(),
  confidence: FactConfidence.optional(),
  reasons: z.array(z.string()),
  warnings: z.array(z.string()),
  /** Pack source ids, or the database's (lineage, mbpi). */
  sources: z.array(z.string())
})
export type ApnSuggestionView = z.infer<typeof ApnSuggestionView>

// ---- portal.open / portal.changed --------------------------------------------------------------------------

export const PortalMode = z.enum(['view', 'tab'])
export type PortalMode = z.infer<typeof PortalMode>

/** One step of the guided checklist shown beside (or instead of) the portal. */
export const ChecklistItem = z.object({
  stepId: z.string(),
  title: z.string(),
  detail: z.string().optional(),
  url: z.string().optional(),
  menuPath: z.string().optional(),
  /** What to type, in order; `value` is the device's fact normalized for the portal (copy button). */
  values: z.array(
    z.object({ fieldId: z.string(), label: z.string(), value: z.string().optional(), secret: z.boolean(), hint: z.string().optional() })
  ),
  options: z.array(z.object({ title: z.string(), goTo: z.string() })),
  knownErrors: z.array(KnownErrorView),
  /** The portal view recognises this step on screen (the pack has a selector for it). */
  detectable: z.boolean()
})
export type ChecklistItem = z.infer<typeof ChecklistItem>

export const PortalOpenResult = z.object({
  mode: PortalMode,
  /** The address opened (tab mode: the renderer opens it itself in a new browser tab). */
  url: z.string(),
  flowId: z.string().optional(),
  /** selectors: the view fills fields and follows steps; none: the pack knows no selectors, use the checklist. */
  automation: z.enum(['selectors', 'none']),
  checklist: z.array(ChecklistItem)
})
export type PortalOpenResult = z.infer<typeof PortalOpenResult>

export const PORTAL_EVENT_KINDS = ['opened', 'navigated', 'blocked', 'step', 'selectors-missing', 'load-failed', 'closed'] as const
export const PortalEventKind = z.enum(PORTAL_EVENT_KINDS)
export type PortalEventKind = z.infer<typeof PortalEventKind>

export const PortalChanged = z.object({
  deviceId: z.string(),
  portalId: z.string(),
  kind: PortalEventKind,
  url: z.string().optional(),
  stepId: z.string().optional(),
  detail: z.string().optional()
})
export type PortalChanged = z.infer<typeof PortalChanged>

export const ExplainedError = z.object({
  stepId: z.string(),
  stepTitle: z.string(),
  error: KnownErrorView,
  /** Title of the step `error.goTo` names. */
  goToTitle: z.string().optional()
})
export type ExplainedError = z.infer<typeof ExplainedError>

// ---- Params (used by methods.ts) ---------------------------------------------------------------------------

export const CarrierIdentifyParams = z.strictObject({ deviceId: DeviceId, locale: CarrierLocale.optional(), brand: BrandChoice.optional() })
export const CarrierPlanParams = CarrierIdentifyParams
export const CarrierTroubleshootParams = z.strictObject({
  deviceId: DeviceId,
  troubleshooterId: Id,
  answers: z
    .record(Id, TroubleAnswer)
    .refine((answers) => Object.keys(answers).length <= 50, 'at most 50 answers')
    .optional(),
  /** What the user typed into the portal's sign-in field, for the "is this the right kind of ID" check. */
  loginIdentifier: z.string().max(200).optional(),
  locale: CarrierLocale.optional(),
  brand: BrandChoice.optional()
})
export const ApnSuggestParams = z.strictObject({ deviceId: DeviceId, locale: CarrierLocale.optional(), brand: BrandChoice.optional() })
export const PortalOpenParams = z.strictObject({
  deviceId: DeviceId,
  portalId: Id,
  flowId: Id.optional(),
  locale: CarrierLocale.optional(),
  brand: BrandChoice.optional()
})
/** Opens the captive page the device's last connectivity check redirected to (that URL only). */
export const PortalCaptiveParams = z.strictObject({ deviceId: DeviceId, url: z.string().min(1).max(2048), locale: CarrierLocale.optional() })
export const PortalRefParams = z.strictObject({ deviceId: DeviceId, portalId: Id, brand: BrandChoice.optional() })
export const PortalExplainParams = z.strictObject({
  deviceId: DeviceId,
  flowId: Id,
  /** The step the user is on; its known errors are tried first. */
  stepId: Id.optional(),
  /** What the portal page says, pasted by the user. Long pastes are cut to the first 2000 characters. */
  text: z.string().min(1).max(20_000),
  locale: CarrierLocale.optional(),
  brand: BrandChoice.optional()
})

// ---- Host ⇄ Electron main, over the utility process's parent port -----------------------------------------
//
// host → main  { type: 'portal.open', id, view }            open the view `view.key` (already open: bring it
//                                                          forward and report what is on screen again)
//              { type: 'portal.close', id, key }             close it
//              { type: 'portal.clearData', id, partition }   clear the partition's storage and cookies
// main → host  { type: 'portal.result', id, ok, error? }     the answer to each of the above
//              { type: 'portal.event', key, kind, url?, stepId?, detail? }
//
// The view navigates only within `allowedDomains`, grants no permissions, and runs prefill and step detection
// in an isolated world: after each load it fills `prefill` selectors it finds (never submits), reports `step`
// for the first `steps` selector that matches, and reports `selectors-missing` when the first page it loads
// (or, opened again, the page on screen) matches none of the `steps` selectors — the portal changed, and the
// UI falls back to the checklist. It also reports opened, navigated (each load), blocked (a navigation outside
// allowedDomains, refused), load-failed and closed. Reference behaviour: the stand-in in tests/e2e/plan.test.ts.

/** Electron session partition: one per carrier pack and line, persistent across restarts. */
export const PORTAL_PARTITION_PATTERN = /^persist:portal-[a-z0-9-]{1,80}$/

/** https from the packs; plain http only for the loopback simulators that tests map portals to. */
const HttpUrl = z.string().max(2000).regex(/^https?:\/\//)

export const PortalViewSpec = z.strictObject({
  /** Names the view in later messages and events. */
  key: z.string().min(1).max(200),
  title: z.string().max(200),
  partition: z.string().regex(PORTAL_PARTITION_PATTERN),
  url: HttpUrl,
  /** Host names the view may navigate to: "portal.example.jp", or "*.example.com" for its subdomains. */
  allowedDomains: z.array(z.string().min(1).max(253)).min(1).max(50),
  prefill: z.array(z.strictObject({ selector: z.string().min(1).max(500), value: z.string().max(500) })).max(50).optional(),
  steps: z.array(z.strictObject({ stepId: z.string().min(1).max(80), selector: z.string().min(1).max(500) })).max(100).optional(),
  /**
   * A captive page the connectivity check found (plain http, e.g. "http://buy.carrier.example"): that exact
   * origin may load over http in this view, nothing else. Only views opened by portal.openCaptive carry it.
   */
  captiveOrigin: z.string().regex(/^http:\/\/[a-z0-9.-]+(:\d{1,5})?$/).optional()
})
export type PortalViewSpec = z.infer<typeof PortalViewSpec>

export const HostToMainPortalMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('portal.open'), id: z.number().int().nonnegative(), view: PortalViewSpec }),
  z.strictObject({ type: z.literal('portal.close'), id: z.number().int().nonnegative(), key: z.string().min(1).max(200) }),
  z.strictObject({ type: z.literal('portal.clearData'), id: z.number().int().nonnegative(), partition: z.string().regex(PORTAL_PARTITION_PATTERN) })
])
export type HostToMainPortalMessage = z.infer<typeof HostToMainPortalMessage>

export const PortalResultMessage = z.object({
  type: z.literal('portal.result'),
  id: z.number().int().nonnegative(),
  ok: z.boolean(),
  error: z.string().max(2000).optional()
})
export type PortalResultMessage = z.infer<typeof PortalResultMessage>

export const PortalEventMessage = z.object({
  type: z.literal('portal.event'),
  key: z.string().min(1).max(200),
  kind: PortalEventKind,
  url: z.string().max(4000).optional(),
  stepId: z.string().max(80).optional(),
  detail: z.string().max(2000).optional()
})
export type PortalEventMessage = z.infer<typeof PortalEventMessage>
