// Which carrier and brand a SIM belongs to, from what the SIM says about itself (reference/carriers.md §8.3):
// IMSI → home PLMN (MNC length from the SIM, known PLMNs or the MCC's rule) → brands on that PLMN → MVNO rules in
// Android's order of specificity (GID1, SPN, IMSI prefix, ICCID) → the ICCID issuer as a tiebreaker only (the
// plastic's issuer is not necessarily the brand: an IIJmio Type D card can be docomo-issued) → the PLMN's
// default brand. When MVNOs we cannot rule out share the PLMN, or the SIM matches an MVNO only the APN database
// knows, the answer is the host network's carrier with "ask the user". Roaming compares the serving PLMN with
// the home PLMN, treating a pack's equivalent PLMNs (an MVNO's host, the operator's other codes) as home.
import type { ApnDb } from './apn-db/schema'
import { matchIccidIssuer, normalizeIccid, type IccidError, type IccidInfo } from './iccid'
import { cleanGid1, cleanSpn, mvnoRuleMatches, ruleSpecificity, type MvnoRuleLike, type SimMatchFacts } from './mvno-match'
import type { Brand, CarrierPack, IccidIssuer, LocalizedText, MvnoRule } from './pack-schema'
import { parsePlmnId, splitImsi, type ImsiParts, type PlmnError, type PlmnId, type PlmnParts } from './plmn'
import type { Localized } from './result'

export interface SimFacts {
  imsi?: string
  gid1?: string
  spn?: string
  iccid?: string
  /** MNC length from the SIM's EF_AD, when the device reports it. */
  mncLength?: 2 | 3
  /** The network the device is registered on ("310260", "440-53", "23410"). */
  servingPlmn?: string
}

export type ApnDbView = Pick<ApnDb, 'plmns' | 'providers' | 'mncLengths' | 'mccCountries'>

export interface IdentifyContext {
  packs: readonly CarrierPack[]
  apnDb?: ApnDbView
}

export type IdentifyConfidence = 'high' | 'medium' | 'low' | 'none'

export interface BrandRef {
  packId: string
  brandId: string
  names: LocalizedText
  kind: Brand['kind']
  supported: boolean
}

export type MatchKind = 'mvno-rule' | 'home-plmn' | 'iccid-issuer' | 'host-fallback'

export interface MatchedRule {
  kind: MatchKind
  /** The pack rule that matched (mvno-rule). */
  rule?: MvnoRuleLike
  plmn?: PlmnId
  /** The issuer prefix that matched (iccid-issuer). */
  iccidPrefix?: string
  /** The pack's sources for the rule or PLMN. */
  sources: string[]
  description: Localized
}

export interface DatabaseMvnoMatch {
  name: string
  rule: { type: 'spn' | 'imsi' | 'gid' | 'iccid'; value: string }
}

export interface RoamingVerdict {
  state: 'home' | 'equivalent' | 'national' | 'international' | 'unknown'
  roaming: boolean
  serving: PlmnParts
  partner?: string
  description: Localized
}

export interface Identification {
  home?: ImsiParts
  iccid?: IccidInfo & { issuer?: { prefix: string; issuer: string; packId: string } }
  carrier?: BrandRef & { match: MatchedRule }
  confidence: IdentifyConfidence
  /** Show the brand list (`candidates`) and let the user confirm or pick. */
  askUser: boolean
  /** Brands that share the home PLMN and could not be ruled out (including `carrier`). */
  candidates: BrandRef[]
  /** MVNOs from the APN database whose rule matches this SIM but which no pack covers. */
  databaseMatches: DatabaseMvnoMatch[]
  /** Operator names the APN database lists for the home (or serving) PLMN, network owner first. */
  networkNames: string[]
  roaming?: RoamingVerdict
  /** Inputs that could not be used (a malformed IMSI or ICCID), as typed errors. */
  problems: (PlmnError | IccidError)[]
}

/** Every PLMN the packs and the database know, for choosing the MNC length. */
export function knownPlmnSet(context: IdentifyContext): Set<PlmnId> {
  const known = new Set<PlmnId>()
  for (const pack of context.packs) {
    for (const brand of pack.brands) brand.homePlmns.forEach((plmn) => known.add(plmn))
    pack.network.equivalentPlmns.forEach((item) => known.add(item.plmn))
    pack.network.nationalRoamingPlmns.forEach((item) => known.add(item.plmn))
  }
  if (context.apnDb) {
    Object.keys(context.apnDb.plmns).forEach((plmn) => known.add(plmn))
    Object.keys(context.apnDb.providers).forEach((plmn) => known.add(plmn))
  }
  return known
}

export function identifySim(facts: SimFacts, context: IdentifyContext): Identification {
  const problems: (PlmnError | IccidError)[] = []
  const known = knownPlmnSet(context)
  const result: Identification = { confidence: 'none', askUser: true, candidates: [], databaseMatches: [], networkNames: [], problems }

  let home: ImsiParts | undefined
  if (present(facts.imsi)) {
    const split = splitImsi(facts.imsi, {
      mncLength: facts.mncLength,
      isKnownPlmn: (plmn) => known.has(plmn),
      mncLengthsByMcc: context.apnDb?.mncLengths
    })
    if (split.ok) home = split.value
    else problems.push(split.error)
  }
  result.home = home

  let iccid: IccidInfo | undefined
  if (present(facts.iccid)) {
    const normalized = normalizeIccid(facts.iccid)
    if (normalized.ok) iccid = normalized.value
    else problems.push(normalized.error)
  }
  const issuerEntries = context.packs.flatMap((pack) => pack.iccidIssuers.map((entry) => ({ ...entry, packId: pack.id })))
  const issuer = iccid ? matchIccidIssuer<IccidIssuer & { packId: string }>(iccid, issuerEntries) : undefined
  if (iccid) {
    result.iccid = issuer
      ? { ...iccid, issuer: { prefix: issuer.matchedPrefix, issuer: issuer.entry.issuer, packId: issuer.entry.packId } }
      : { ...iccid }
  }

  let serving: PlmnParts | undefined
  if (present(facts.servingPlmn)) {
    const parsed = parsePlmnId(facts.servingPlmn)
    if (parsed.ok) serving = parsed.value
    else problems.push(parsed.error)
  }

  const matchFacts: SimMatchFacts = {
    imsi: home?.imsi,
    gid1: cleanGid1(facts.gid1),
    spn: cleanSpn(facts.spn),
    iccid: iccid?.iccid
  }

  const plmn = home?.id ?? serving?.id
  if (plmn === undefined) {
    result.roaming = undefined
    return result
  }
  result.networkNames = databaseNetworkNames(context.apnDb, plmn)

  const candidates = brandsOn(context.packs, plmn)
  const ruled = candidates.map((candidate) => ({ candidate, verdict: ruleVerdict(candidate.brand, matchFacts) }))
  const matched = ruled
    .filter((item) => item.verdict.matched !== undefined)
    .sort((a, b) => ruleSpecificity(b.verdict.matched as MvnoRuleLike) - ruleSpecificity(a.verdict.matched as MvnoRuleLike))
  result.databaseMatches = home ? databaseMvnoMatches(context.apnDb, plmn, matchFacts) : []

  const stillPossible = ruled.filter((item) => !item.verdict.ruledOut).map((item) => item.candidate)
  result.candidates = stillPossible.map((item) => item.ref)

  if (home === undefined) {
    // No IMSI: all we know is the network the device is on; offer its carrier and ask.
    const host = stillPossible.find((item) => isDefaultOn(item.brand, plmn)) ?? stillPossible[0]
    if (host) result.carrier = { ...host.ref, match: hostFallback(plmn, host, 'no-imsi') }
    result.confidence = host ? 'low' : 'none'
    result.askUser = true
    return result
  }

  const best = matched[0]
  if (best && best.verdict.matched) {
    const rule = best.verdict.matched
    result.carrier = { ...best.candidate.ref, match: ruleMatch(rule, best.candidate) }
    result.confidence = 'high'
    result.askUser = false
    result.candidates = [best.candidate.ref]
  } else {
    const defaults = stillPossible.filter((item) => isDefaultOn(item.brand, plmn))
    const chosen = defaults[0]
    const others = stillPossible.filter((item) => item !== chosen)
    const foreign = result.databaseMatches.length > 0
    const issuerPick = issuer ? pickByIssuer(issuer.entry.packId, stillPossible, plmn) : undefined
    if (issuerPick && issuer && (others.length > 0 || !chosen) && issuerPick !== chosen) {
      // The card's issuer singles out one brand that shares the PLMN (an MVNO issuing its own plastic).
      result.carrier = {
        ...issuerPick.ref,
        match: {
          kind: 'iccid-issuer',
          plmn,
          iccidPrefix: issuer.matchedPrefix,
          sources: issuer.entry.sources,
          description: {
            en: `ICCID issuer ${issuer.matchedPrefix} (${issuer.entry.issuer}) on ${plmn}`,
            ja: `ICCIDの発行者番号 ${issuer.matchedPrefix}(${issuer.entry.issuer})、${plmn}`
          }
        }
      }
      result.confidence = 'medium'
      result.askUser = false
    } else if (chosen) {
      const shared = foreign || others.length > 0
      const agreeingIssuer = issuer?.entry.packId === chosen.pack.id ? issuer.entry : undefined
      result.carrier = {
        ...chosen.ref,
        match: shared ? hostFallback(plmn, chosen, foreign ? 'database-mvno' : 'shared-plmn') : homePlmnMatch(plmn, chosen, agreeingIssuer)
      }
      // Home PLMN alone: medium. The card's issuer agreeing (and no other brand left) makes it high.
      result.confidence = shared ? 'low' : agreeingIssuer ? 'high' : 'medium'
      result.askUser = shared
    } else {
      // Only MVNO brands we could not confirm: the user picks; no carrier is assumed.
      result.confidence = 'none'
      result.askUser = true
    }
  }

  if (serving) result.roaming = assessRoaming(home, serving, result.carrier, context)
  return result
}

/** A usable text fact; anything else (absent, empty, not a string) counts as not reported. */
function present(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

interface CandidateBrand {
  pack: CarrierPack
  brand: Brand
  ref: BrandRef
}

function brandsOn(packs: readonly CarrierPack[], plmn: PlmnId): CandidateBrand[] {
  const out: CandidateBrand[] = []
  for (const pack of packs) {
    for (const brand of pack.brands) {
      if (!brand.homePlmns.includes(plmn)) continue
      out.push({
        pack,
        brand,
        ref: { packId: pack.id, brandId: brand.id, names: brand.names, kind: brand.kind, supported: brand.supported }
      })
    }
  }
  return out
}

function isDefaultOn(brand: Brand, plmn: PlmnId): boolean {
  if (brand.defaultOn) return brand.defaultOn.includes(plmn)
  return brand.kind === 'mno'
}

/**
 * A brand's rules against the facts: the best rule that matched, or whether the brand is ruled out — it has
 * rules, the SIM reported every fact those rules test, and none matched. A default brand is never ruled out by
 * its own rules (EE SIMs need not carry SPN "EE").
 */
function ruleVerdict(brand: Brand, facts: SimMatchFacts): { matched?: MvnoRule; ruledOut: boolean } {
  const matches = brand.match.filter((rule) => mvnoRuleMatches(rule, facts))
  if (matches.length > 0) {
    const best = [...matches].sort((a, b) => ruleSpecificity(b) - ruleSpecificity(a))[0]
    return { matched: best, ruledOut: false }
  }
  if (brand.match.length === 0 || brand.kind === 'mno') return { ruledOut: false }
  const everyFactKnown = brand.match.every((rule) => factFor(rule, facts) !== undefined)
  return { ruledOut: everyFactKnown }
}

function factFor(rule: MvnoRuleLike, facts: SimMatchFacts): string | undefined {
  switch (rule.type) {
    case 'gid1':
      return facts.gid1
    case 'spn':
      return facts.spn
    case 'imsi':
    case 'imsi-range':
      return facts.imsi
    case 'iccid':
      return facts.iccid
  }
}

function pickByIssuer(packId: string, candidates: readonly CandidateBrand[], plmn: PlmnId): CandidateBrand | undefined {
  const fromPack = candidates.filter((item) => item.pack.id === packId)
  if (fromPack.length !== 1) return undefined
  const only = fromPack[0] as CandidateBrand
  // An MNO-issued card confirms the network, not the brand; it decides only between MVNOs that issue their own.
  if (only.brand.kind === 'mno' && !isDefaultOn(only.brand, plmn)) return undefined
  if (only.brand.kind === 'mno' && candidates.length > 1) return undefined
  return only
}

function ruleMatch(rule: MvnoRule, candidate: CandidateBrand): MatchedRule {
  const what = rule.type === 'imsi-range' ? `${rule.from}–${rule.to}` : rule.value
  const label = { gid1: 'GID1', spn: 'SPN', imsi: 'IMSI prefix', 'imsi-range': 'IMSI range', iccid: 'ICCID prefix' }[rule.type]
  return {
    kind: 'mvno-rule',
    rule: rule.type === 'imsi-range' ? { type: rule.type, from: rule.from, to: rule.to } : { type: rule.type, value: rule.value },
    sources: rule.sources,
    description: {
      en: `${label} ${what} identifies ${candidate.brand.names.en}`,
      ja: `${label} ${what} は${candidate.brand.names.ja}を示します`
    }
  }
}

function homePlmnMatch(plmn: PlmnId, candidate: CandidateBrand, issuer?: IccidIssuer): MatchedRule {
  const base: MatchedRule = {
    kind: 'home-plmn',
    plmn,
    sources: candidate.brand.sources,
    description: {
      en: `Home network ${plmn} belongs to ${candidate.brand.names.en}`,
      ja: `ホームネットワーク ${plmn} は${candidate.brand.names.ja}のものです`
    }
  }
  if (!issuer) return base
  return {
    ...base,
    iccidPrefix: issuer.prefix,
    sources: [...new Set([...base.sources, ...issuer.sources])],
    description: {
      en: `${base.description.en}; the ICCID issuer (${issuer.issuer}) agrees`,
      ja: `${base.description.ja}。ICCIDの発行者(${issuer.issuer})とも一致します`
    }
  }
}

function hostFallback(plmn: PlmnId, candidate: CandidateBrand, why: 'shared-plmn' | 'database-mvno' | 'no-imsi'): MatchedRule {
  const reasons: Record<typeof why, Localized> = {
    'shared-plmn': {
      en: `Other brands share ${plmn} and this SIM does not say which it is; showing the network's carrier (${candidate.brand.names.en}). Ask the user.`,
      ja: `${plmn} は他のブランドと共用で、SIMからはどれか判別できません。回線事業者(${candidate.brand.names.ja})として表示しています。ご利用のブランドを確認してください。`
    },
    'database-mvno': {
      en: `The SIM matches an MVNO on ${plmn} that has no carrier pack; showing the host network's carrier (${candidate.brand.names.en}). Ask the user.`,
      ja: `このSIMは ${plmn} 上の、キャリアパックのないMVNOに一致します。回線事業者(${candidate.brand.names.ja})として表示しています。ご利用のブランドを確認してください。`
    },
    'no-imsi': {
      en: `The SIM's IMSI is not available; showing the carrier of the network in use (${candidate.brand.names.en}). Ask the user.`,
      ja: `SIMのIMSIを読み取れないため、接続中のネットワークの事業者(${candidate.brand.names.ja})を表示しています。ご利用のブランドを確認してください。`
    }
  }
  return { kind: 'host-fallback', plmn, sources: candidate.brand.sources, description: reasons[why] }
}

function databaseMvnoMatches(db: ApnDbView | undefined, plmn: PlmnId, facts: SimMatchFacts): DatabaseMvnoMatch[] {
  const entries = db?.plmns[plmn] ?? []
  const seen = new Set<string>()
  const out: DatabaseMvnoMatch[] = []
  for (const entry of entries) {
    if (!entry.mvno) continue
    const rule: MvnoRuleLike = { type: entry.mvno.type === 'gid' ? 'gid1' : entry.mvno.type, value: entry.mvno.value }
    if (!mvnoRuleMatches(rule, facts)) continue
    const key = `${entry.name}|${entry.mvno.type}|${entry.mvno.value}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ name: entry.name, rule: { ...entry.mvno } })
  }
  return out
}

function databaseNetworkNames(db: ApnDbView | undefined, plmn: PlmnId): string[] {
  const providers = db?.providers[plmn] ?? []
  const ordered = [...providers.filter((item) => item.primary === true), ...providers.filter((item) => item.primary !== true)]
  return [...new Set(ordered.map((item) => item.name))]
}

/** Roaming = serving PLMN ≠ home PLMN, with the pack's equivalent and national-partner lists. */
export function assessRoaming(
  home: PlmnParts,
  serving: PlmnParts,
  carrier: (BrandRef & { match: MatchedRule }) | undefined,
  context: IdentifyContext
): RoamingVerdict {
  const pack = carrier ? context.packs.find((item) => item.id === carrier.packId) : undefined
  const brand = pack?.brands.find((item) => item.id === carrier?.brandId)
  if (serving.id === home.id) {
    return { state: 'home', roaming: false, serving, description: { en: 'On the home network.', ja: 'ホームネットワークに接続しています。' } }
  }
  const forBrand = (item: { brands?: string[] }) => item.brands === undefined || (brand !== undefined && item.brands.includes(brand.id))
  if (brand?.homePlmns.includes(serving.id) || pack?.network.equivalentPlmns.some((item) => item.plmn === serving.id && forBrand(item))) {
    return {
      state: 'equivalent',
      roaming: false,
      serving,
      description: {
        en: `On ${serving.id}, which counts as the home network for this SIM.`,
        ja: `${serving.id} に接続しています。このSIMではホームネットワークとして扱われます。`
      }
    }
  }
  const partner = pack?.network.nationalRoamingPlmns.find((item) => item.plmn === serving.id && forBrand(item))
  if (partner) {
    return {
      state: 'national',
      roaming: true,
      serving,
      partner: partner.partner,
      description: {
        en: `Roaming on the domestic partner network ${partner.partner} (${serving.id}).`,
        ja: `国内の提携ネットワーク ${partner.partner}(${serving.id})でローミング中です。`
      }
    }
  }
  if (sameCountry(home.mcc, serving.mcc, context.apnDb)) {
    return {
      state: 'national',
      roaming: true,
      serving,
      description: { en: `Roaming on another network in the same country (${serving.id}).`, ja: `同じ国の別のネットワーク(${serving.id})でローミング中です。` }
    }
  }
  return {
    state: 'international',
    roaming: true,
    serving,
    description: { en: `Roaming abroad on ${serving.id}.`, ja: `海外ローミング中です(${serving.id})。` }
  }
}

function sameCountry(homeMcc: string, servingMcc: string, db: ApnDbView | undefined): boolean {
  if (homeMcc === servingMcc) return true
  const us = (mcc: string) => Number(mcc) >= 310 && Number(mcc) <= 316
  if (us(homeMcc) && us(servingMcc)) return true
  const a = db?.mccCountries[homeMcc] ?? []
  const b = db?.mccCountries[servingMcc] ?? []
  return a.some((country) => b.includes(country))
}
