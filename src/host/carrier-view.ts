// Turns carrier packs and identifications into the contract's view models, in one language: what the Plan &
// refill area shows (identity, flows with device facts prefilled, portals, quick codes, troubleshooters, APN
// suggestions) and the checklist a portal falls back to. Pure: the service hands in the pack, the facts and
// the identification; nothing here reads a file or a device.
import {
  parsePlmnId,
  portalsFor,
  prefillFlow,
  runTroubleshooter,
  type ApnSuggestion,
  type CarrierPack,
  type Flow,
  type FlowStep,
  type LocalizedText,
  type Portal,
  type PrefillValue,
  type Provenance,
  type TroubleFacts,
  type Troubleshooter,
  type UssdCode
} from '../carriers'
import type {
  ApnSuggestionView,
  BrandRef,
  CarrierIdentity,
  CarrierLocale,
  CarrierPlan,
  ChecklistItem,
  FlowStepView,
  FlowView,
  KnownErrorView,
  PortalMode,
  PortalView,
  QuickCodeView,
  RemedyAction,
  TroubleAnswer,
  TroubleCheckView,
  TroubleshootResult
} from '../contract/carrier'
import type { SimContext } from './carrier-service'

type Locale = CarrierLocale
type Bilingual = { en: string; ja: string }

const text = (value: LocalizedText | Bilingual, locale: Locale): string => value[locale]
const optionalText = (value: LocalizedText | Bilingual | undefined, locale: Locale): string | undefined => value?.[locale]

function provenanceOf(fact: Partial<Provenance> & Pick<Provenance, 'confidence'>, locale: Locale) {
  return {
    confidence: fact.confidence,
    ...(fact.dated ? { dated: fact.dated.note === undefined ? { year: fact.dated.year } : { year: fact.dated.year, note: fact.dated.note } } : {}),
    ...(fact.note ? { note: fact.note[locale] } : {})
  }
}

/** The pack's ISO country as prefillFlow's default-country hint. */
export function numberCountry(pack: CarrierPack): 'US' | 'JP' | 'GB' | undefined {
  return pack.country === 'US' || pack.country === 'JP' || pack.country === 'GB' ? pack.country : undefined
}

export function brandRefView(pack: CarrierPack, brandId: string, locale: Locale): BrandRef | undefined {
  const brand = pack.brands.find((item) => item.id === brandId)
  if (!brand) return undefined
  return {
    packId: pack.id,
    brandId: brand.id,
    carrierName: text(pack.names, locale),
    brandName: text(brand.names, locale),
    kind: brand.kind,
    supported: brand.supported,
    country: pack.country
  }
}

// ---- Identity ------------------------------------------------------------------------------------------------

const ROAMING_UNKNOWN: Bilingual = {
  en: 'Roaming is not known: the device did not report its network, or the SIM could not be read.',
  ja: 'ローミング状態は不明です(端末が接続先ネットワークを報告していないか、SIMを読み取れません)。'
}

export function identityView(context: SimContext, packs: readonly CarrierPack[], locale: Locale): CarrierIdentity {
  const { identification, status } = context
  const sim = status.sim.state === 'ready' ? 'ready' : status.sim.state === 'absent' || status.sim.state === 'invalid' ? 'absent' : status.sim.state === 'unknown' ? 'unknown' : 'locked'
  const refOf = (packId: string, brandId: string) => {
    const pack = packs.find((item) => item.id === packId)
    return pack ? brandRefView(pack, brandId, locale) : undefined
  }
  const carrier = context.pack && context.brand ? brandRefView(context.pack, context.brand.id, locale) : undefined
  const candidates = identification.candidates.map((item) => refOf(item.packId, item.brandId)).filter((item): item is BrandRef => item !== undefined)
  const serving = context.simFacts.servingPlmn ? parsePlmnId(context.simFacts.servingPlmn) : undefined

  const evidence: string[] = []
  if (context.chosen && carrier) {
    evidence.push(locale === 'ja' ? `${carrier.brandName}はあなたが選択しました。` : `You chose ${carrier.brandName}.`)
  }
  if (identification.carrier) evidence.push(text(identification.carrier.match.description, locale))
  if (identification.home) {
    const guessed = identification.home.mncLengthSource === 'default'
    evidence.push(
      locale === 'ja'
        ? `IMSIのホームネットワーク: ${identification.home.id}${guessed ? '(MNCの桁数は推定)' : ''}`
        : `Home network from the IMSI: ${identification.home.id}${guessed ? ' (MNC length guessed)' : ''}`
    )
  }
  const issuer = identification.iccid?.issuer
  // Said once: when the match itself rests on the card's issuer, its description already names it.
  if (issuer && identification.carrier?.match.iccidPrefix === undefined) {
    evidence.push(locale === 'ja' ? `SIMカードの発行者: ${issuer.issuer}(${issuer.prefix})` : `SIM card issuer: ${issuer.issuer} (${issuer.prefix})`)
  }
  if (identification.iccid?.luhn === 'invalid') {
    evidence.push(
      locale === 'ja'
        ? 'ICCIDのチェックディジットが一致しません(事業者によっては表記が異なります)。'
        : 'The ICCID fails its check digit (some carriers print it differently).'
    )
  }
  if (context.simFacts.spn) evidence.push(locale === 'ja' ? `SIMのサービス名(SPN): ${context.simFacts.spn}` : `The SIM names its provider “${context.simFacts.spn}” (SPN)`)
  for (const match of identification.databaseMatches) {
    evidence.push(
      locale === 'ja'
        ? `APNデータベースではこのSIMは${match.name}(${match.rule.type} ${match.rule.value})に一致しますが、キャリアパックはありません。`
        : `The APN database matches this SIM to ${match.name} (${match.rule.type} ${match.rule.value}), which has no carrier pack.`
    )
  }

  const roaming = context.roaming
  const identity: CarrierIdentity = {
    deviceId: context.deviceId,
    sim,
    chosen: context.chosen,
    confidence: context.chosen ? 'high' : identification.confidence,
    askUser: context.chosen ? false : identification.askUser,
    candidates,
    networkNames: identification.networkNames,
    databaseMatches: identification.databaseMatches.map((match) => match.name),
    roaming: roaming
      ? { state: roaming.state, roaming: roaming.roaming, ...(roaming.partner ? { partner: roaming.partner } : {}), description: text(roaming.description, locale) }
      : { state: 'unknown', roaming: false, description: text(ROAMING_UNKNOWN, locale) },
    evidence,
    problems: identification.problems.map((problem) => text(problem.message, locale))
  }
  if (carrier) identity.carrier = carrier
  if (identification.home) identity.homePlmn = identification.home.id
  if (serving?.ok) identity.servingPlmn = serving.value.id
  if (identification.iccid) {
    identity.iccid = {
      luhn: identification.iccid.luhn,
      ...(issuer ? { issuer: issuer.issuer } : {})
    }
  }
  return identity
}

// ---- Plan ----------------------------------------------------------------------------------------------------

export function quickCodeView(code: UssdCode, locale: Locale): QuickCodeView {
  return {
    id: code.id,
    code: code.code,
    channel: code.channel,
    ...(code.smsText !== undefined ? { smsText: code.smsText } : {}),
    purpose: code.purpose,
    label: text(code.labels, locale),
    ...provenanceOf(code, locale)
  }
}

const PORTAL_STATUS_NOTICE: Partial<Record<Portal['status'], Bilingual>> = {
  unknown: {
    en: 'Whether this portal still works is not known. If it does not load, use the checklist with the carrier’s app or customer care.',
    ja: 'このポータルが現在も使えるかは不明です。表示されない場合は、チェックリストを見ながらアプリやカスタマーサービスで手続きしてください。'
  },
  legacy: {
    en: 'This is an older portal, for older plans.',
    ja: 'これは旧プラン向けの古いポータルです。'
  },
  retired: {
    en: 'This portal has been retired; the steps are kept for reference.',
    ja: 'このポータルは廃止されています。手順は参考として残しています。'
  }
}

const UNVERIFIED_FLOW: Bilingual = {
  en: 'No source confirms these steps: treat them as a guide, not as the portal’s exact screens.',
  ja: 'この手順を裏付ける出典はありません。実際の画面とは異なる場合があります。目安としてご利用ください。'
}

function prefillKey(stepId: string, fieldId: string): string {
  return `${stepId}\u0000${fieldId}`
}

export function flowView(pack: CarrierPack, flow: Flow, prefills: readonly PrefillValue[], locale: Locale): FlowView {
  const portal = pack.portals.find((item) => item.id === flow.portal)
  const byField = new Map(prefills.map((item) => [prefillKey(item.stepId, item.fieldId), item]))
  const notices: string[] = []
  const statusNotice = portal ? PORTAL_STATUS_NOTICE[portal.status] : undefined
  if (statusNotice) notices.push(text(statusNotice, locale))
  if (flow.confidence === 'unverified') notices.push(text(UNVERIFIED_FLOW, locale))
  return {
    id: flow.id,
    portalId: flow.portal,
    title: text(flow.titles, locale),
    ...(flow.summary ? { summary: text(flow.summary, locale) } : {}),
    steps: flow.steps.map((step) => stepView(pack, step, byField, locale)),
    notices,
    ...provenanceOf(flow, locale)
  }
}

function stepView(pack: CarrierPack, step: FlowStep, prefills: ReadonlyMap<string, PrefillValue>, locale: Locale): FlowStepView {
  const ussd = step.ussd ? pack.ussd.find((code) => code.id === step.ussd) : undefined
  return {
    id: step.id,
    kind: step.kind,
    title: text(step.title, locale),
    ...(step.body ? { body: text(step.body, locale) } : {}),
    ...(step.url ? { url: step.url } : {}),
    ...(step.menuPath ? { menuPath: text(step.menuPath, locale) } : {}),
    fields: (step.fields ?? []).map((field) => {
      const prefilled = prefills.get(prefillKey(step.id, field.id))
      return {
        id: field.id,
        label: text(field.label, locale),
        kinds: Array.isArray(field.kind) ? [...field.kind] : [field.kind],
        secret: field.secret,
        optional: field.optional,
        fillable: field.selector !== undefined && !field.secret,
        ...(field.prefill
          ? {
              prefill: {
                from: field.prefill.from,
                format: field.prefill.format,
                ...(prefilled?.value !== undefined ? { value: prefilled.value } : {}),
                ...(prefilled?.problem ? { problem: text(prefilled.problem, locale) } : {})
              }
            }
          : {})
      }
    }),
    options: (step.options ?? []).map((option) => ({
      id: option.id,
      title: text(option.title, locale),
      goTo: option.next,
      ...(option.webOnly !== undefined ? { webOnly: option.webOnly } : {}),
      danger: option.danger,
      ...provenanceOf(option, locale)
    })),
    checks: (step.checks ?? []).map((check) => ({
      id: check.id,
      question: text(check.question, locale),
      remedy: text(check.remedy, locale),
      ...provenanceOf(check, locale)
    })),
    warnings: (step.warnings ?? []).map((warning) => ({
      id: warning.id,
      level: warning.level,
      text: text(warning.text, locale),
      acknowledge: warning.acknowledge,
      ...provenanceOf(warning, locale)
    })),
    knownErrors: (step.knownErrors ?? []).map((error) => knownErrorView(error, locale)),
    ...(ussd ? { ussd: quickCodeView(ussd, locale) } : {}),
    ...(step.validForMinutes !== undefined ? { validForMinutes: step.validForMinutes } : {}),
    ...(step.next ? { next: step.next } : {}),
    ...provenanceOf(step, locale)
  }
}

function knownErrorView(error: NonNullable<FlowStep['knownErrors']>[number], locale: Locale): KnownErrorView {
  return {
    id: error.id,
    meaning: text(error.meaning, locale),
    nextStep: text(error.nextStep, locale),
    ...(error.goTo ? { goTo: error.goTo } : {}),
    ...provenanceOf(error, locale)
  }
}

/** The address a portal opens at: its login page, else its home page, else any address it lists. */
export function portalEntryUrl(portal: Portal): string | undefined {
  const urls = portal.urls
  return urls.login ?? urls.home ?? Object.values(urls).find((url): url is string => url !== undefined)
}

/** Where a flow starts on the portal: its first step with an address, else the portal's entry. */
export function flowEntryUrl(portal: Portal, flow: Flow | undefined): string | undefined {
  return flow?.steps.find((step) => step.url !== undefined)?.url ?? portalEntryUrl(portal)
}

/** Pack items (flows, USSD codes, portals) without `brands` apply to every brand of the pack. */
export function isForBrand(item: { brands?: readonly string[] | undefined }, brandId: string): boolean {
  return item.brands === undefined || item.brands.includes(brandId)
}

export function flowsFor(pack: CarrierPack, brandId: string): Flow[] {
  return pack.flows.filter((flow) => isForBrand(flow, brandId))
}

export function planView(context: SimContext & { pack: CarrierPack; brandRef: { brandId: string } }, portalMode: PortalMode, locale: Locale): CarrierPlan {
  const { pack } = context
  const brandId = context.brandRef.brandId
  const carrier = brandRefView(pack, brandId, locale)
  if (!carrier) throw new Error(`brand ${brandId} vanished from pack ${pack.id}`)
  const flows = flowsFor(pack, brandId)
  const country = numberCountry(pack)
  const portals = portalsFor(pack, brandId)
  const forBrand = (item: { brands?: string[] | undefined }) => isForBrand(item, brandId)
  return {
    deviceId: context.deviceId,
    carrier,
    portalMode,
    flows: flows.map((flow) => flowView(pack, flow, prefillFlow(flow, context.deviceFacts, country), locale)),
    portals: portals.map((portal): PortalView => {
      const url = portalEntryUrl(portal)
      return {
        id: portal.id,
        title: text(portal.names, locale),
        status: portal.status,
        ...(url ? { url } : {}),
        generations: portal.planGenerations.flatMap((id) => {
          const generation = pack.planGenerations.find((item) => item.id === id)
          if (!generation) return []
          return [
            {
              id,
              name: text(generation.names, locale),
              status: generation.status,
              ...(generation.period?.from !== undefined ? { from: generation.period.from } : {}),
              ...(generation.period?.to !== undefined ? { to: generation.period.to } : {})
            }
          ]
        }),
        loginIdentifiers: [...portal.login.identifiers],
        flowIds: flows.filter((flow) => flow.portal === portal.id).map((flow) => flow.id),
        ...provenanceOf(portal, locale)
      }
    }),
    quickCodes: pack.ussd.filter(forBrand).map((code) => quickCodeView(code, locale)),
    ...(pack.noUssd ? { noUssd: optionalText(pack.noUssd.note, locale) ?? text(NO_USSD, locale) } : {}),
    troubleshooters: pack.troubleshooters.map((item) => ({ id: item.id, title: text(item.titles, locale) })),
    facts: pack.facts.filter(forBrand).map((fact) => ({ id: fact.id, topic: fact.topic, text: text(fact.text, locale), ...provenanceOf(fact, locale) }))
  }
}

const NO_USSD: Bilingual = {
  en: 'This carrier has no USSD codes; use its app or portal instead.',
  ja: 'この事業者にはUSSDコードがありません。アプリやポータルをご利用ください。'
}

// ---- Checklist -------------------------------------------------------------------------------------------------

const TYPE_IT: Bilingual = { en: 'Type it yourself; Hotspot Desk never stores it.', ja: 'ご自身で入力してください。Hotspot Deskは保存しません。' }
const NOT_REPORTED: Bilingual = { en: 'Type it yourself.', ja: 'ご自身で入力してください。' }

/** The flow as an ordered checklist with what to type at each step; the device's facts prefilled. */
export function checklistView(pack: CarrierPack, flow: Flow, prefills: readonly PrefillValue[], locale: Locale): ChecklistItem[] {
  const view = flowView(pack, flow, prefills, locale)
  return flow.steps.map((step, index) => {
    const stepView = view.steps[index] as FlowStepView
    const detail = stepView.body ?? (stepView.checks.length > 0 ? stepView.checks.map((check) => check.question).join(' ') : undefined)
    return {
      stepId: step.id,
      title: stepView.title,
      ...(detail ? { detail } : {}),
      ...(stepView.url ? { url: stepView.url } : {}),
      ...(stepView.menuPath ? { menuPath: stepView.menuPath } : {}),
      values: stepView.fields.map((field) => ({
        fieldId: field.id,
        label: field.label,
        ...(field.prefill?.value !== undefined ? { value: field.prefill.value } : {}),
        secret: field.secret,
        ...(field.prefill?.value === undefined
          ? { hint: field.prefill?.problem ?? text(field.secret ? TYPE_IT : NOT_REPORTED, locale) }
          : {})
      })),
      options: stepView.options.map((option) => ({ title: option.title, goTo: option.goTo })),
      knownErrors: stepView.knownErrors,
      detectable: stepSelector(step) !== undefined
    }
  })
}

/** The selector that tells a portal view this step is on screen: the pack's detect.onScreen, else a field's selector. */
export function stepSelector(step: FlowStep): string | undefined {
  return step.detect?.onScreen ?? step.fields?.find((field) => field.selector !== undefined)?.selector
}

// ---- Troubleshooters ---------------------------------------------------------------------------------------

const FACT_LABELS: Record<string, Bilingual> = {
  'registration.state': { en: 'Registration', ja: 'ネットワーク登録' },
  'registration.plmn': { en: 'Network', ja: 'ネットワーク' },
  'sim.state': { en: 'SIM', ja: 'SIM' },
  'data.state': { en: 'Mobile data', ja: 'モバイルデータ' },
  'login.identifier': { en: 'Sign-in ID you typed', ja: '入力したログインID' }
}

export function troubleshootView(
  deviceId: string,
  pack: CarrierPack,
  troubleshooter: Troubleshooter,
  facts: TroubleFacts,
  answers: Readonly<Record<string, TroubleAnswer>>,
  locale: Locale
): TroubleshootResult {
  const outcomes = runTroubleshooter(troubleshooter, facts)
  const checks = outcomes.map((outcome): TroubleCheckView => {
    const check = outcome.check
    const answer = answers[check.id]
    let status = outcome.status
    let decidedBy: TroubleCheckView['decidedBy'] = 'none'
    if (status === 'failed' || status === 'passed') decidedBy = 'fact'
    else if (status === 'ask' && answer !== undefined) {
      // Every question asks whether the problem applies: "yes" means the remedy is for you.
      status = answer === 'yes' ? 'failed' : 'passed'
      decidedBy = 'answer'
    }
    const factName = check.detect?.fact
    const factValue = factName ? facts[factName] : undefined
    const action = remedyAction(pack, troubleshooter, check.remedy.action, locale)
    return {
      id: check.id,
      title: text(check.title, locale),
      status,
      decidedBy,
      ...(decidedBy === 'fact' && factName && factValue !== undefined
        ? { fact: { name: text(FACT_LABELS[factName] ?? { en: factName, ja: factName }, locale), value: factValue } }
        : {}),
      ...(check.ask ? { question: text(check.ask, locale) } : {}),
      ...(factName === 'login.identifier' ? { input: 'login-identifier' as const } : {}),
      ...(answer !== undefined && check.ask ? { answer } : {}),
      remedy: text(check.remedy.text, locale),
      ...(action ? { action } : {}),
      ...provenanceOf(check, locale)
    }
  })
  // The pack's order: answering a question must not make the list jump under the user's pointer.
  return { deviceId, troubleshooterId: troubleshooter.id, title: text(troubleshooter.titles, locale), checks }
}

function remedyAction(
  pack: CarrierPack,
  troubleshooter: Troubleshooter,
  action: Troubleshooter['checks'][number]['remedy']['action'],
  locale: Locale
): RemedyAction | undefined {
  if (!action) return undefined
  switch (action.kind) {
    case 'clear-portal-data':
      return troubleshooter.portals?.[0] ? { kind: 'clear-portal-data', portalId: troubleshooter.portals[0] } : { kind: 'clear-portal-data' }
    case 'open-url':
      return { kind: 'open-url', url: action.url }
    case 'open-flow':
      return action.step === undefined ? { kind: 'open-flow', flowId: action.flow } : { kind: 'open-flow', flowId: action.flow, stepId: action.step }
    case 'send-ussd': {
      const code = pack.ussd.find((item) => item.id === action.ussd)
      return code ? { kind: 'send-ussd', code: code.code, label: text(code.labels, locale) } : undefined
    }
    case 'retry':
      return { kind: 'retry' }
    case 'contact-carrier':
      return { kind: 'contact-carrier' }
  }
}

// ---- APN suggestions ---------------------------------------------------------------------------------------

export function apnSuggestionView(suggestion: ApnSuggestion, locale: Locale): ApnSuggestionView {
  return {
    draft: { ...suggestion.draft },
    origin: suggestion.origin,
    ...(suggestion.role ? { role: suggestion.role } : {}),
    ...(suggestion.confidence ? { confidence: suggestion.confidence } : {}),
    reasons: suggestion.reasons.map((reason) => text(reason, locale)),
    warnings: suggestion.warnings.map((warning) => text(warning, locale)),
    sources: [...suggestion.sources]
  }
}
