// APN suggestions for a SIM: the carrier pack's APNs first (curated, with sources), then the APN database's
// entries for the home PLMN — those whose MVNO rule matches the SIM, then the PLMN-wide ones — ranked and
// deduplicated. Pure: the caller passes the identification, the SIM facts, the packs and the database.
// Database entries that leave auth out get PAP-or-CHAP when they have a username (what Android does for an
// unset auth type) and none otherwise; a missing PDP type becomes IPv4v6, which lets the network choose.
import type { ApnDraft } from '../contract/model'
import type { ApnDbEntry } from './apn-db/schema'
import type { ApnDbView, Identification, SimFacts } from './identify'
import { cleanGid1, cleanSpn, mvnoRuleMatches, type MvnoRuleLike, type SimMatchFacts } from './mvno-match'
import type { CarrierPack, PackApn } from './pack-schema'
import type { Localized } from './result'

type ApnAuth = ApnDraft['auth']
type PdpType = ApnDraft['pdpType']

export interface ApnSuggestion {
  draft: ApnDraft & { auth: ApnAuth; pdpType: PdpType }
  origin: 'pack' | 'database'
  score: number
  reasons: Localized[]
  warnings: Localized[]
  /** Pack source ids, or the database's source ids (lineage, mbpi). */
  sources: string[]
  packId?: string
  brandId?: string
  apnId?: string
  role?: PackApn['role']
  confidence?: PackApn['confidence']
  /** The database label and rule. */
  databaseName?: string
  mvno?: ApnDbEntry['mvno']
  types?: string[]
}

export interface SuggestInput {
  identification: Identification
  facts: SimFacts
  packs: readonly CarrierPack[]
  apnDb?: ApnDbView
  /** The brand the user picked (after askUser) — overrides the identification's guess. */
  brand?: { packId: string; brandId: string }
  /** Prefer APNs for this plan generation of the brand's pack. */
  planGeneration?: string
  /** How many suggestions to return (default 12). */
  limit?: number
}

const ROLE_SCORE: Record<PackApn['role'], number> = { default: 100, alternative: 60, tethering: 40, legacy: 0 }
const CONFIDENCE_SCORE: Record<PackApn['confidence'], number> = { verified: 30, secondary: 15, unverified: 0 }
const AUTH: Record<number, ApnAuth> = { 0: 'none', 1: 'pap', 2: 'chap', 3: 'pap-or-chap' }
const PDP: Record<string, PdpType> = { IP: 'ipv4', IPV6: 'ipv6', IPV4V6: 'ipv4v6' }

export function suggestApns(input: SuggestInput): ApnSuggestion[] {
  const identified = input.identification.carrier
  const chosen = input.brand ?? (identified ? { packId: identified.packId, brandId: identified.brandId } : undefined)
  const suggestions: ApnSuggestion[] = []

  // 1. Pack APNs: the chosen brand's, then the other candidates' (when the SIM left the brand open).
  const brandOrder: { packId: string; brandId: string; primary: boolean }[] = []
  if (chosen) brandOrder.push({ ...chosen, primary: true })
  if (!input.brand && input.identification.askUser) {
    for (const candidate of input.identification.candidates) {
      if (!brandOrder.some((item) => item.packId === candidate.packId && item.brandId === candidate.brandId)) {
        brandOrder.push({ packId: candidate.packId, brandId: candidate.brandId, primary: false })
      }
    }
  }
  for (const { packId, brandId, primary } of brandOrder) {
    const pack = input.packs.find((item) => item.id === packId)
    if (!pack) continue
    const brand = pack.brands.find((item) => item.id === brandId)
    for (const apn of pack.apns) {
      if (apn.brands && !apn.brands.includes(brandId)) continue
      // A brand the pack knows only for identification (supported: false) ranks its pack APNs below
      // database entries whose MVNO rule matched.
      suggestions.push(fromPack(pack, brandId, brand?.names, apn, primary && brand?.supported !== false, input.planGeneration))
    }
  }

  // 2. Database entries for the home PLMN.
  const plmn = input.identification.home?.id
  const entries = plmn ? (input.apnDb?.plmns[plmn] ?? []) : []
  const facts: SimMatchFacts = {
    imsi: input.identification.home?.imsi,
    gid1: cleanGid1(input.facts.gid1),
    spn: cleanSpn(input.facts.spn),
    iccid: input.identification.iccid?.iccid
  }
  const matchedByRule = input.identification.carrier?.match.kind === 'mvno-rule' && !input.brand
  for (const entry of entries) {
    let mvnoMatched = false
    if (entry.mvno) {
      const rule: MvnoRuleLike = { type: entry.mvno.type === 'gid' ? 'gid1' : entry.mvno.type, value: entry.mvno.value }
      if (!mvnoRuleMatches(rule, facts)) continue
      mvnoMatched = true
    }
    const suggestion = fromDatabase(entry, plmn ?? '', mvnoMatched, matchedByRule)
    if (suggestion) suggestions.push(suggestion)
  }

  return dedupe(suggestions)
    .sort((a, b) => b.score - a.score || a.draft.name.localeCompare(b.draft.name))
    .slice(0, input.limit ?? 12)
}

function fromPack(
  pack: CarrierPack,
  brandId: string,
  brandNames: Localized | undefined,
  apn: PackApn,
  primary: boolean,
  planGeneration: string | undefined
): ApnSuggestion {
  let score = (primary ? 1000 : 600) + ROLE_SCORE[apn.role] + CONFIDENCE_SCORE[apn.confidence]
  const reasons: Localized[] = [
    primary
      ? { en: `From the ${pack.names.en} carrier pack`, ja: `${pack.names.ja}のキャリアパックより` }
      : {
          en: `From the ${pack.names.en} carrier pack, for ${brandNames?.en ?? brandId} (if that is your brand)`,
          ja: `${pack.names.ja}のキャリアパックより(${brandNames?.ja ?? brandId}をご利用の場合)`
        }
  ]
  const warnings: Localized[] = []
  if (planGeneration !== undefined && apn.planGenerations !== undefined) {
    if (apn.planGenerations.includes(planGeneration)) score += 50
    else {
      score -= 200
      warnings.push({ en: 'Meant for another plan generation.', ja: '別の世代のプラン向けです。' })
    }
  }
  if (apn.role === 'legacy') {
    warnings.push({ en: 'An older APN; use it only if the current one fails.', ja: '以前のAPNです。現在のAPNで接続できない場合のみ使ってください。' })
  }
  if (apn.dated) warnings.push({ en: `Information as of ${apn.dated.year}.`, ja: `${apn.dated.year}年時点の情報です。` })
  if (apn.unspecified?.length) {
    warnings.push({
      en: `The source does not give ${apn.unspecified.join(' or ')}; the network default is assumed.`,
      ja: `出典に${apn.unspecified.join('・')}の指定がないため、ネットワークの既定値を想定しています。`
    })
  }
  return {
    draft: { name: apn.name, apn: apn.apn, ...creds(apn.username, apn.password), auth: apn.auth, pdpType: apn.pdpType },
    origin: 'pack',
    score,
    reasons,
    warnings,
    sources: apn.sources,
    packId: pack.id,
    brandId,
    apnId: apn.id,
    role: apn.role,
    confidence: apn.confidence
  }
}

/** A database entry as an ApnDraft, or undefined when it does not fit the contract's limits. */
export function draftFromDbEntry(entry: ApnDbEntry): { draft: ApnSuggestion['draft']; assumed: ('auth' | 'pdpType')[] } | undefined {
  if (entry.apn.length > 100 || (entry.user?.length ?? 0) > 64 || (entry.password?.length ?? 0) > 64) return undefined
  const assumed: ('auth' | 'pdpType')[] = []
  let auth: ApnAuth
  if (entry.auth !== undefined) auth = AUTH[entry.auth] ?? 'none'
  else {
    auth = entry.user !== undefined ? 'pap-or-chap' : 'none'
    assumed.push('auth')
  }
  let pdpType: PdpType
  if (entry.pdp !== undefined) pdpType = PDP[entry.pdp] ?? 'ipv4v6'
  else {
    pdpType = 'ipv4v6'
    assumed.push('pdpType')
  }
  const name = (entry.name.trim() === '' ? entry.apn : entry.name).slice(0, 64) || 'APN'
  return { draft: { name, apn: entry.apn, ...creds(entry.user, entry.password), auth, pdpType }, assumed }
}

function fromDatabase(entry: ApnDbEntry, plmn: string, mvnoMatched: boolean, matchedByRule: boolean): ApnSuggestion | undefined {
  const converted = draftFromDbEntry(entry)
  if (!converted) return undefined
  let score = mvnoMatched ? 900 : matchedByRule ? 200 : 300
  if (entry.src.includes('lineage')) score += 40
  if (entry.src.length > 1) score += 20
  const internet = entry.types.includes('default') || entry.types.includes('*')
  if (!internet) score -= 100
  if (entry.proxy) score -= 100
  if (entry.hidden) score -= 50
  const reasons: Localized[] = [
    mvnoMatched && entry.mvno
      ? {
          en: `APN database: ${entry.name} (${entry.mvno.type} ${entry.mvno.value} matches this SIM)`,
          ja: `APNデータベース: ${entry.name}(${entry.mvno.type} ${entry.mvno.value} がこのSIMに一致)`
        }
      : {
          en: `APN database: listed for network ${plmn} (${entry.name})`,
          ja: `APNデータベース: ネットワーク ${plmn} の登録(${entry.name})`
        }
  ]
  const warnings: Localized[] = []
  if (converted.assumed.includes('auth') && entry.user !== undefined) {
    warnings.push({
      en: 'The source gives no authentication type; PAP or CHAP is assumed.',
      ja: '出典に認証方式の指定がないため、PAPまたはCHAPを想定しています。'
    })
  }
  if (converted.assumed.includes('pdpType')) {
    warnings.push({ en: 'The source gives no IP type; IPv4v6 is assumed.', ja: '出典にIPタイプの指定がないため、IPv4v6を想定しています。' })
  }
  if (entry.proxy) {
    warnings.push({ en: `This APN expects an HTTP proxy (${entry.proxy}).`, ja: `このAPNはHTTPプロキシ(${entry.proxy})を前提としています。` })
  }
  if (!internet) {
    warnings.push({
      en: `Android uses it for ${entry.types.join(', ')}, not as the main data APN.`,
      ja: `Androidでは${entry.types.join('、')}用で、通常のデータ通信用ではありません。`
    })
  }
  return {
    draft: converted.draft,
    origin: 'database',
    score,
    reasons,
    warnings,
    sources: [...entry.src],
    databaseName: entry.name,
    mvno: entry.mvno,
    types: [...entry.types]
  }
}

function creds(username: string | undefined, password: string | undefined): { username?: string; password?: string } {
  const out: { username?: string; password?: string } = {}
  if (username !== undefined && username !== '') out.username = username
  if (password !== undefined && password !== '') out.password = password
  return out
}

/** One suggestion per APN + credentials (APNs compare case-insensitively); the best-scored one keeps the rest's reasons. */
function dedupe(suggestions: readonly ApnSuggestion[]): ApnSuggestion[] {
  const byKey = new Map<string, ApnSuggestion>()
  for (const suggestion of [...suggestions].sort((a, b) => b.score - a.score)) {
    const key = [suggestion.draft.apn.toLowerCase(), suggestion.draft.username ?? '', suggestion.draft.password ?? ''].join('\u0000')
    const existing = byKey.get(key)
    if (!existing) {
      byKey.set(key, { ...suggestion, reasons: [...suggestion.reasons], sources: [...suggestion.sources] })
      continue
    }
    existing.score += 5
    for (const reason of suggestion.reasons) if (!existing.reasons.some((item) => item.en === reason.en)) existing.reasons.push(reason)
    for (const source of suggestion.sources) if (!existing.sources.includes(source)) existing.sources.push(source)
  }
  return [...byKey.values()]
}
