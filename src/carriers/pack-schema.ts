// The carrier pack format: one JSON file per carrier (resources/carriers/*.json, or a user's override in the app
// data folder's carriers/). Packs are data, not code: SIM identification rules, APNs, USSD codes with their
// reply parsers, portals per plan generation with the domains a portal view may navigate to, step-by-step flows
// and troubleshooters. Every fact names its sources (ids into the pack's `sources`) and a confidence — verified
// (✔ in reference/carriers.md), secondary (◐) or unverified (✖ or advice nobody confirmed) — and facts that were
// true at some point (prices, old portals) carry `dated` with the year. Cross-references (sources, brands,
// plan generations, portals, steps) and regexes are checked after the shape, so a broken pack is reported
// with the JSON path of every problem.
import { z } from 'zod'
import { ApnAuth, ApnDraft, PdpType } from '../contract/model'
import { compilePackRegex, namedGroups } from './regex-safety'

export const PACK_FORMAT = 1

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens')
export const LocalizedText = z.strictObject({ en: z.string().min(1), ja: z.string().min(1) })
export type LocalizedText = z.infer<typeof LocalizedText>
export const PlmnIdSchema = z.string().regex(/^\d{3}-\d{2,3}$/, 'a PLMN is "MCC-MNC", e.g. "310-260" or "440-10"')
const HttpsUrl = z
  .string()
  .regex(/^https:\/\/[^\s/$.?#][^\s]*$/, 'portal URLs use https://')
  .refine((value) => URL.canParse(value), 'not a valid URL')
/** "portal.mobile.rakuten.co.jp" (that host only) or "*.t-mobile.com" (any subdomain, not the bare domain). */
export const DomainPattern = z
  .string()
  .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a host name, optionally starting with "*." for its subdomains')

export const Confidence = z.enum(['verified', 'secondary', 'unverified'])
export type Confidence = z.infer<typeof Confidence>
export const Dated = z.strictObject({ year: z.number().int().min(1990).max(2100), note: z.string().optional() })

/** Where a fact comes from and how sure we are. Spread into every fact-bearing object. */
const provenance = {
  sources: z.array(z.string().min(1)).min(1, 'name at least one source'),
  confidence: Confidence,
  dated: Dated.optional(),
  note: LocalizedText.optional()
}
export const Provenance = z.strictObject(provenance)
export type Provenance = z.infer<typeof Provenance>

export const Source = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  /** What the source is: a citation as in reference/carriers.md §13. */
  ref: z.string().min(1),
  url: z.string().optional(),
  /** How we got it (e.g. "reference/carriers.md §13"). */
  via: z.string().optional()
})
export type Source = z.infer<typeof Source>

const Hex = z.string().regex(/^[0-9A-Fa-f]{1,20}$/, 'GID1 match data is hex')
const ImsiDigits = z.string().regex(/^\d{5,15}$/)
export const MvnoRule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('gid1'), value: Hex, ...provenance }),
  z.strictObject({ type: z.literal('spn'), value: z.string().min(1).max(16), ...provenance }),
  z.strictObject({ type: z.literal('imsi'), value: z.string().regex(/^[0-9xX]{5,15}$/, 'IMSI prefix: digits, x = any'), ...provenance }),
  z.strictObject({ type: z.literal('imsi-range'), from: ImsiDigits, to: ImsiDigits, ...provenance }),
  z.strictObject({ type: z.literal('iccid'), value: z.string().regex(/^89\d{2,18}$/, 'an ICCID prefix starts with 89'), ...provenance })
])
export type MvnoRule = z.infer<typeof MvnoRule>

export const Brand = z.strictObject({
  id: Id,
  names: LocalizedText,
  kind: z.enum(['mno', 'sub-brand', 'mvno']),
  /** PLMNs in this brand's IMSIs. */
  homePlmns: z.array(PlmnIdSchema).min(1),
  /** Rules that tell this brand apart from others on the same PLMNs; none = the PLMN's default brand. */
  match: z.array(MvnoRule).default([]),
  /**
   * PLMNs on which a SIM with no matching rule is taken to be this brand. Absent: all homePlmns for an MNO,
   * none for a sub-brand or MVNO (those are recognised by their rules, or offered to the user to pick).
   */
  defaultOn: z.array(PlmnIdSchema).optional(),
  /** This pack has portals/flows for the brand; false = known for identification only. */
  supported: z.boolean().default(true),
  ...provenance
})
export type Brand = z.infer<typeof Brand>

/** A serving PLMN with a note; `brands` limits it to some of the pack's brands (e.g. one network type). */
const PlmnNote = z.strictObject({ plmn: PlmnIdSchema, brands: z.array(Id).optional(), ...provenance })
export const Network = z.strictObject({
  /** Serving PLMNs that count as home for this pack's SIMs (the operator's other codes, an MVNO's host). */
  equivalentPlmns: z.array(PlmnNote).default([]),
  /** Domestic partners: registered there means national roaming. */
  nationalRoamingPlmns: z
    .array(z.strictObject({ plmn: PlmnIdSchema, partner: z.string().min(1), brands: z.array(Id).optional(), ...provenance }))
    .default([])
})

export const IccidIssuer = z.strictObject({
  prefix: z.string().regex(/^89\d{2,6}$/, 'an issuer prefix (IIN) is 89 and 2–6 more digits'),
  issuer: z.string().min(1),
  ...provenance
})
export type IccidIssuer = z.infer<typeof IccidIssuer>

export const PlanGeneration = z.strictObject({
  id: Id,
  names: LocalizedText,
  status: z.enum(['current', 'legacy', 'retired', 'unknown']),
  period: z.strictObject({ from: z.number().int().optional(), to: z.number().int().optional() }).optional(),
  ...provenance
})

export const PackApn = z.strictObject({
  id: Id,
  ...ApnDraft.shape,
  auth: ApnAuth,
  pdpType: PdpType,
  role: z.enum(['default', 'tethering', 'alternative', 'legacy']),
  brands: z.array(Id).optional(),
  planGenerations: z.array(Id).optional(),
  /** Fields the source leaves to the network default (carriers.md "—"); the values above are then our default. */
  unspecified: z.array(z.enum(['auth', 'pdpType'])).optional(),
  notes: LocalizedText.optional(),
  ...provenance
})
export type PackApn = z.infer<typeof PackApn>

/** Named groups a reply-parser regex may use (see ussd-reply.ts). */
export const REPLY_GROUPS = [
  'balance',
  'currency',
  'dataLeft',
  'dataLeftUnit',
  'dataUsed',
  'dataUsedUnit',
  'dataTotal',
  'dataTotalUnit',
  'expiry',
  'renewal',
  'msisdn',
  'minutesLeft'
] as const
export type ReplyGroup = (typeof REPLY_GROUPS)[number]

const DataUnit = z.enum(['KB', 'MB', 'GB'])
export const ReplyParserSpec = z.strictObject({
  patterns: z
    .array(z.strictObject({ regex: z.string().min(1), flags: z.string().regex(/^[imsu]*$/).optional() }))
    .min(1),
  /** How to read numeric dates such as 12/05/26. */
  dateOrder: z.enum(['mdy', 'dmy', 'ymd']).optional(),
  /** ISO 4217 code when the reply shows only a symbol or nothing. */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  dataUnitDefault: DataUnit.optional(),
  /** Values that mean "no real cap" (T-Mobile's tourist plan reports 99999 MB: carriers.md §7, S15d). */
  unlimitedSentinels: z
    .array(z.strictObject({ field: z.enum(['dataTotal', 'dataLeft']), amount: z.number(), unit: DataUnit, meaning: LocalizedText }))
    .optional(),
  ...provenance
})
export type ReplyParserSpec = z.infer<typeof ReplyParserSpec>

export const UssdCode = z.strictObject({
  id: Id,
  /** The string to send: USSD (#225#), a dial code (*233, 611), or the SMS destination. */
  code: z.string().regex(/^[0-9*#+A-Z]{2,30}$/, 'digits, * and #; placeholders in capitals'),
  channel: z.enum(['ussd', 'dial', 'sms']),
  smsText: z.string().optional(),
  /** A placeholder in `code` the user fills in (MBPI's ussd@replacement, e.g. PIN in *888*PIN#). */
  replacement: z.string().regex(/^[A-Z]+$/).optional(),
  purpose: z.enum(['balance', 'data-balance', 'own-number', 'minutes', 'messages', 'menu', 'refill', 'care']),
  labels: LocalizedText,
  brands: z.array(Id).optional(),
  planGenerations: z.array(Id).optional(),
  reply: ReplyParserSpec.optional(),
  ...provenance
})
export type UssdCode = z.infer<typeof UssdCode>

export const IdentifierKind = z.enum([
  'us-msisdn', // 10-digit NANP number
  'jp-msisdn', // 11-digit 070/080/090 number
  'email',
  'mioid',
  'rakuten-id',
  'rakuten-ra-id', // Members Station user ID starting "ra"
  'iccid',
  'refill-pin',
  'password',
  'text'
])
export type IdentifierKind = z.infer<typeof IdentifierKind>

export const Portal = z.strictObject({
  id: Id,
  planGenerations: z.array(Id).min(1),
  brands: z.array(Id).optional(),
  names: LocalizedText,
  status: z.enum(['current', 'legacy', 'retired', 'unknown']),
  urls: z
    .strictObject({
      home: HttpsUrl.optional(),
      login: HttpsUrl.optional(),
      forgotPassword: HttpsUrl.optional(),
      usage: HttpsUrl.optional(),
      refill: HttpsUrl.optional(),
      support: HttpsUrl.optional(),
      status: HttpsUrl.optional(),
      activation: HttpsUrl.optional()
    })
    .default({}),
  /** The navigation allow-list for the portal view. */
  allowedDomains: z.array(DomainPattern).min(1),
  login: z.strictObject({ identifiers: z.array(IdentifierKind).min(1), ...provenance }),
  ...provenance
})
export type Portal = z.infer<typeof Portal>

export const Warning = z.strictObject({
  id: Id,
  level: z.enum(['info', 'caution', 'danger']),
  text: LocalizedText,
  /** The UI must have the user acknowledge this before going on. */
  acknowledge: z.boolean().default(false),
  ...provenance
})

export const KnownError = z.strictObject({
  id: Id,
  /** How to recognise the error on the page: any of these substrings, or the regex. */
  match: z
    .strictObject({
      contains: z.array(z.string().min(1)).optional(),
      regex: z.string().optional(),
      flags: z.string().regex(/^[imsu]*$/).optional()
    })
    .refine((m) => (m.contains?.length ?? 0) > 0 || m.regex !== undefined, 'give "contains" or "regex"'),
  meaning: LocalizedText,
  nextStep: LocalizedText,
  goTo: Id.optional(),
  ...provenance
})

export const DeviceFact = z.enum(['msisdn', 'iccid', 'imsi', 'imei'])
export const PrefillFormat = z.enum(['us-10-digit', 'jp-11-digit', 'e164', 'iccid-digits', 'as-is'])
export type PrefillFormat = z.infer<typeof PrefillFormat>

export const FlowField = z.strictObject({
  id: Id,
  label: LocalizedText,
  /** Validate what the user types (numbers.ts); with several kinds, any of them is accepted. */
  kind: z.union([IdentifierKind, z.array(IdentifierKind).min(1)]),
  /** Fill from what the device reports, in this form. */
  prefill: z.strictObject({ from: DeviceFact, format: PrefillFormat }).optional(),
  /** CSS selector on the portal page, where known; otherwise the flow shows a copy button. */
  selector: z.string().optional(),
  secret: z.boolean().default(false),
  optional: z.boolean().default(false)
})

export type FlowField = z.infer<typeof FlowField>

export const MenuOption = z.strictObject({
  id: Id,
  title: LocalizedText,
  next: Id,
  /** Only the web portal can do this (not the app / USSD). Absent when not known. */
  webOnly: z.boolean().optional(),
  danger: z.boolean().default(false),
  ...provenance
})

export const StepCheck = z.strictObject({
  id: Id,
  question: LocalizedText,
  /** What to tell the user when the answer is no / the check fails. */
  remedy: LocalizedText,
  ...provenance
})

export const FlowStep = z.strictObject({
  id: Id,
  kind: z.enum(['info', 'sign-in', 'form', 'menu', 'confirm', 'check', 'navigate']),
  title: LocalizedText,
  body: LocalizedText.optional(),
  url: HttpsUrl.optional(),
  /** Where the portal is, as a menu path, when there is no stable URL. */
  menuPath: LocalizedText.optional(),
  fields: z.array(FlowField).optional(),
  options: z.array(MenuOption).optional(),
  checks: z.array(StepCheck).optional(),
  warnings: z.array(Warning).optional(),
  knownErrors: z.array(KnownError).optional(),
  /** USSD code (id in this pack) the step may send, e.g. check the balance before applying a refill. */
  ussd: Id.optional(),
  /** What the step hands out (e.g. a recovery link) is valid this long after it appears; the UI counts down. */
  validForMinutes: z.number().int().positive().max(10080).optional(),
  /** Selectors that tell the portal view this step is on screen / done, where known. */
  detect: z.strictObject({ onScreen: z.string().optional(), done: z.string().optional() }).optional(),
  next: Id.optional(),
  ...provenance
})
export type FlowStep = z.infer<typeof FlowStep>

export const Flow = z.strictObject({
  id: Id,
  portal: Id,
  brands: z.array(Id).optional(),
  titles: LocalizedText,
  summary: LocalizedText.optional(),
  steps: z.array(FlowStep).min(1),
  ...provenance
})
export type Flow = z.infer<typeof Flow>

/** Device facts a troubleshooter check can test without asking the user (host fills them). */
export const TroubleFact = z.enum([
  'registration.state', // home | roaming | searching | denied | not-registered | unknown
  'registration.plmn',
  'sim.state',
  'data.state',
  'login.identifier' // what the user typed in the sign-in field, checked with `identifierKinds`
])
export type TroubleFact = z.infer<typeof TroubleFact>

export const TroubleCheck = z.strictObject({
  id: Id,
  title: LocalizedText,
  /** Fails when the fact is one of `failWhen` (or, for login.identifier, not valid as any of `identifierKinds`). */
  detect: z
    .strictObject({
      fact: TroubleFact,
      failWhen: z.array(z.string()).optional(),
      identifierKinds: z.array(IdentifierKind).optional()
    })
    .optional(),
  /** Asked when no fact decides the check. */
  ask: LocalizedText.optional(),
  remedy: z.strictObject({
    text: LocalizedText,
    action: z
      .discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('clear-portal-data') }),
        z.strictObject({ kind: z.literal('open-url'), url: HttpsUrl }),
        z.strictObject({ kind: z.literal('open-flow'), flow: Id, step: Id.optional() }),
        z.strictObject({ kind: z.literal('send-ussd'), ussd: Id }),
        z.strictObject({ kind: z.literal('retry') }),
        z.strictObject({ kind: z.literal('contact-carrier') })
      ])
      .optional()
  }),
  ...provenance
})

export const Troubleshooter = z.strictObject({
  id: Id,
  titles: LocalizedText,
  portals: z.array(Id).optional(),
  flows: z.array(Id).optional(),
  checks: z.array(TroubleCheck).min(1),
  ...provenance
})
export type Troubleshooter = z.infer<typeof Troubleshooter>

export const PackFact = z.strictObject({
  id: Id,
  topic: z.enum(['pricing', 'limits', 'policy', 'activation', 'network', 'support', 'usage']),
  text: LocalizedText,
  brands: z.array(Id).optional(),
  planGenerations: z.array(Id).optional(),
  ...provenance
})

/** What a zero-rated walled-garden host is for (the classifier's GardenPurpose). */
export const GardenPurpose = z.enum(['purchase', 'activation', 'account'])

/**
 * A host the carrier keeps reachable while the line has no plan (its pass purchase or refill page), so the
 * walled-garden classifier can tell "no plan" from "no network": a hotspot that answers only these hosts, or
 * redirects to one, is in the carrier's garden. `flow` names the pack flow that gets the line out (refill,
 * pass). Most are not confirmed zero-rated by any source: their confidence says so.
 */
export const GardenHostEntry = z.strictObject({
  pattern: DomainPattern,
  purpose: GardenPurpose,
  flow: z.strictObject({ flow: Id, step: Id.optional() }).optional(),
  ...provenance
})
export type GardenHostEntry = z.infer<typeof GardenHostEntry>

const CarrierPackShape = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(PACK_FORMAT),
  id: Id,
  names: LocalizedText,
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/),
  brands: z.array(Brand).min(1),
  network: Network.default({ equivalentPlmns: [], nationalRoamingPlmns: [] }),
  iccidIssuers: z.array(IccidIssuer).default([]),
  planGenerations: z.array(PlanGeneration).min(1),
  apns: z.array(PackApn).default([]),
  ussd: z.array(UssdCode).default([]),
  /** Said when a carrier has no USSD codes at all (Japan: none found, carriers.md §7). */
  noUssd: Provenance.optional(),
  portals: z.array(Portal).default([]),
  /** Zero-rated purchase/refill hosts of the carrier's walled garden (connectivity classifier). */
  gardenHosts: z.array(GardenHostEntry).default([]),
  /** Said when the carrier is known to throttle instead of walling off (Japan: carriers.md §10). */
  noGarden: Provenance.optional(),
  flows: z.array(Flow).default([]),
  troubleshooters: z.array(Troubleshooter).default([]),
  facts: z.array(PackFact).default([]),
  sources: z.array(Source).min(1)
})

export const CarrierPack = CarrierPackShape.superRefine((pack, ctx) => {
  for (const problem of crossCheck(pack)) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path })
})
export type CarrierPack = z.infer<typeof CarrierPack>
export type CarrierPackInput = z.input<typeof CarrierPack>

type Path = (string | number)[]
interface CrossProblem {
  path: Path
  message: string
}

/** Reference and regex checks the shape alone cannot express. */
function crossCheck(pack: z.infer<typeof CarrierPackShape>): CrossProblem[] {
  const problems: CrossProblem[] = []
  const sourceIds = new Set(pack.sources.map((source) => source.id))
  const brandIds = new Set(pack.brands.map((brand) => brand.id))
  const generationIds = new Set(pack.planGenerations.map((generation) => generation.id))
  const portalIds = new Set(pack.portals.map((portal) => portal.id))
  const flowIds = new Set(pack.flows.map((flow) => flow.id))
  const ussdIds = new Set(pack.ussd.map((code) => code.id))

  const unique = (items: readonly { id: string }[], path: Path) => {
    const seen = new Set<string>()
    items.forEach((item, index) => {
      if (seen.has(item.id)) problems.push({ path: [...path, index, 'id'], message: `duplicate id "${item.id}"` })
      seen.add(item.id)
    })
  }
  const known = (ids: ReadonlySet<string>, what: string, value: string | undefined, path: Path) => {
    if (value !== undefined && !ids.has(value)) problems.push({ path, message: `unknown ${what} "${value}"` })
  }
  const knownAll = (ids: ReadonlySet<string>, what: string, values: readonly string[] | undefined, path: Path) => {
    values?.forEach((value, index) => known(ids, what, value, [...path, index]))
  }

  unique(pack.sources, ['sources'])
  unique(pack.brands, ['brands'])
  unique(pack.planGenerations, ['planGenerations'])
  unique(pack.apns, ['apns'])
  unique(pack.ussd, ['ussd'])
  unique(pack.portals, ['portals'])
  unique(pack.flows, ['flows'])
  unique(pack.troubleshooters, ['troubleshooters'])
  unique(pack.facts, ['facts'])

  // Every `sources` array anywhere below the top level must name sources the pack lists.
  walk(pack, [], (node, path) => {
    if (path.length === 0 || !Array.isArray(node.sources)) return
    node.sources.forEach((id, index) => {
      if (typeof id === 'string' && !sourceIds.has(id)) problems.push({ path: [...path, 'sources', index], message: `unknown source "${id}"` })
    })
  })

  pack.brands.forEach((brand, index) => {
    brand.defaultOn?.forEach((plmn, plmnIndex) => {
      if (!brand.homePlmns.includes(plmn)) problems.push({ path: ['brands', index, 'defaultOn', plmnIndex], message: `${plmn} is not one of the brand's homePlmns` })
    })
    brand.match.forEach((rule, ruleIndex) => {
      if (rule.type === 'imsi-range' && (rule.from.length !== rule.to.length || rule.from > rule.to)) {
        problems.push({ path: ['brands', index, 'match', ruleIndex], message: '"from" and "to" must have the same length and from ≤ to' })
      }
    })
  })
  pack.network.equivalentPlmns.forEach((item, index) => knownAll(brandIds, 'brand', item.brands, ['network', 'equivalentPlmns', index, 'brands']))
  pack.network.nationalRoamingPlmns.forEach((item, index) =>
    knownAll(brandIds, 'brand', item.brands, ['network', 'nationalRoamingPlmns', index, 'brands'])
  )
  pack.apns.forEach((apn, index) => {
    knownAll(brandIds, 'brand', apn.brands, ['apns', index, 'brands'])
    knownAll(generationIds, 'plan generation', apn.planGenerations, ['apns', index, 'planGenerations'])
  })
  pack.facts.forEach((fact, index) => {
    knownAll(brandIds, 'brand', fact.brands, ['facts', index, 'brands'])
    knownAll(generationIds, 'plan generation', fact.planGenerations, ['facts', index, 'planGenerations'])
  })
  pack.ussd.forEach((code, index) => {
    knownAll(brandIds, 'brand', code.brands, ['ussd', index, 'brands'])
    knownAll(generationIds, 'plan generation', code.planGenerations, ['ussd', index, 'planGenerations'])
    if (code.replacement !== undefined && !code.code.includes(code.replacement)) {
      problems.push({ path: ['ussd', index, 'replacement'], message: `the code does not contain "${code.replacement}"` })
    }
    if (code.channel === 'sms' && code.smsText === undefined) {
      problems.push({ path: ['ussd', index, 'smsText'], message: 'an sms code needs smsText' })
    }
    code.reply?.patterns.forEach((pattern, patternIndex) => {
      const path = ['ussd', index, 'reply', 'patterns', patternIndex, 'regex']
      const compiled = compilePackRegex(pattern.regex, pattern.flags)
      if (!compiled.ok) return problems.push({ path, message: compiled.message })
      const groups = namedGroups(pattern.regex)
      if (groups.length === 0) problems.push({ path, message: 'a reply pattern needs at least one named group' })
      for (const group of groups) {
        if (!(REPLY_GROUPS as readonly string[]).includes(group)) {
          problems.push({ path, message: `unknown group "${group}" (use ${REPLY_GROUPS.join(', ')})` })
        }
      }
    })
  })
  pack.portals.forEach((portal, index) => {
    knownAll(generationIds, 'plan generation', portal.planGenerations, ['portals', index, 'planGenerations'])
    knownAll(brandIds, 'brand', portal.brands, ['portals', index, 'brands'])
    for (const [key, url] of Object.entries(portal.urls)) {
      if (url !== undefined && !hostAllowed(url, portal.allowedDomains)) {
        problems.push({ path: ['portals', index, 'urls', key], message: `${url} is outside the portal's allowedDomains` })
      }
    }
  })
  pack.flows.forEach((flow, index) => {
    const base: Path = ['flows', index]
    known(portalIds, 'portal', flow.portal, [...base, 'portal'])
    knownAll(brandIds, 'brand', flow.brands, [...base, 'brands'])
    unique(flow.steps, [...base, 'steps'])
    const stepIds = new Set(flow.steps.map((step) => step.id))
    const portal = pack.portals.find((candidate) => candidate.id === flow.portal)
    flow.steps.forEach((step, stepIndex) => {
      const path: Path = [...base, 'steps', stepIndex]
      known(stepIds, 'step', step.next, [...path, 'next'])
      known(ussdIds, 'USSD code', step.ussd, [...path, 'ussd'])
      if (step.url !== undefined && portal && !hostAllowed(step.url, portal.allowedDomains)) {
        problems.push({ path: [...path, 'url'], message: `${step.url} is outside portal "${portal.id}"'s allowedDomains` })
      }
      if (step.kind === 'menu' && (step.options?.length ?? 0) === 0) problems.push({ path, message: 'a menu step needs options' })
      step.options?.forEach((option, optionIndex) => known(stepIds, 'step', option.next, [...path, 'options', optionIndex, 'next']))
      step.knownErrors?.forEach((error, errorIndex) => {
        known(stepIds, 'step', error.goTo, [...path, 'knownErrors', errorIndex, 'goTo'])
        if (error.match.regex !== undefined) {
          const compiled = compilePackRegex(error.match.regex, error.match.flags)
          if (!compiled.ok) problems.push({ path: [...path, 'knownErrors', errorIndex, 'match', 'regex'], message: compiled.message })
        }
      })
      unique(step.fields ?? [], [...path, 'fields'])
      unique(step.options ?? [], [...path, 'options'])
    })
  })
  const patterns = new Set<string>()
  pack.gardenHosts.forEach((garden, index) => {
    const path: Path = ['gardenHosts', index]
    if (patterns.has(garden.pattern)) problems.push({ path: [...path, 'pattern'], message: `duplicate garden host "${garden.pattern}"` })
    patterns.add(garden.pattern)
    if (!garden.flow) return
    known(flowIds, 'flow', garden.flow.flow, [...path, 'flow', 'flow'])
    const flow = pack.flows.find((candidate) => candidate.id === garden.flow?.flow)
    if (flow && garden.flow.step !== undefined && !flow.steps.some((step) => step.id === garden.flow?.step)) {
      problems.push({ path: [...path, 'flow', 'step'], message: `flow "${flow.id}" has no step "${garden.flow.step}"` })
    }
  })
  pack.troubleshooters.forEach((troubleshooter, index) => {
    const base: Path = ['troubleshooters', index]
    knownAll(portalIds, 'portal', troubleshooter.portals, [...base, 'portals'])
    knownAll(flowIds, 'flow', troubleshooter.flows, [...base, 'flows'])
    unique(troubleshooter.checks, [...base, 'checks'])
    troubleshooter.checks.forEach((check, checkIndex) => {
      const path: Path = [...base, 'checks', checkIndex]
      const action = check.remedy.action
      if (action?.kind === 'open-flow') {
        known(flowIds, 'flow', action.flow, [...path, 'remedy', 'action', 'flow'])
        const flow = pack.flows.find((candidate) => candidate.id === action.flow)
        if (flow && action.step !== undefined && !flow.steps.some((step) => step.id === action.step)) {
          problems.push({ path: [...path, 'remedy', 'action', 'step'], message: `flow "${flow.id}" has no step "${action.step}"` })
        }
      }
      if (action?.kind === 'send-ussd') known(ussdIds, 'USSD code', action.ussd, [...path, 'remedy', 'action', 'ussd'])
      if (check.detect === undefined && check.ask === undefined) problems.push({ path, message: 'a check needs "detect" or "ask"' })
      if (check.detect?.fact === 'login.identifier' && (check.detect.identifierKinds?.length ?? 0) === 0) {
        problems.push({ path: [...path, 'detect', 'identifierKinds'], message: 'login.identifier checks name the accepted identifierKinds' })
      }
    })
  })
  return problems
}

/** True when `url` is https and its host is allowed by one of the patterns. */
export function hostAllowed(url: string, patterns: readonly string[]): boolean {
  if (!URL.canParse(url)) return false
  const parsed = new URL(url)
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false
  const host = parsed.hostname.toLowerCase()
  return patterns.some((pattern) => {
    const lower = pattern.toLowerCase()
    if (lower.startsWith('*.')) return host.endsWith(lower.slice(1)) && host.length > lower.length - 1
    return host === lower
  })
}

function walk(node: unknown, path: Path, visit: (node: Record<string, unknown>, path: Path) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, [...path, index], visit))
    return
  }
  if (node === null || typeof node !== 'object') return
  const record = node as Record<string, unknown>
  visit(record, path)
  for (const [key, value] of Object.entries(record)) if (key !== 'sources') walk(value, [...path, key], visit)
}
