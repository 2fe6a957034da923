// The "Plan & refill" area per device: who the SIM's carrier is (or the user's pick when the host has to
// ask), the carrier's plan (flows with device facts prefilled, portals, quick codes, troubleshooters), the
// troubleshooters' answers, and each portal the user opened — as a browser tab (serve mode) with its checklist,
// or as the desktop app's own view followed through portal.changed events: steps tick as the view recognises
// them, and a "selectors-missing" event (the portal changed) switches the flow to the checklist with copy
// buttons. Everything is keyed by device, so switching devices and back keeps where the user was.
import type {
  ApnSuggestionView,
  BrandChoice,
  CarrierIdentity,
  CarrierLocale,
  CarrierPlan,
  ChecklistItem,
  ExplainedError,
  PortalChanged,
  PortalMode,
  TroubleAnswer,
  TroubleshootResult
} from '@contract/carrier'
import type { ContractErrorData } from '@contract/errors'
import type { DeviceStatus } from '@contract/model'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData, type LoadStatus } from './status'

export interface Loadable<T> {
  status: LoadStatus
  data: T | null
  error: ContractErrorData | null
}

/**
 * idle → opening → open (a view the host runs, or a tab the browser opened) → closed; error when
 * portal.open failed.
 */
export type PortalSessionStatus = 'idle' | 'opening' | 'open' | 'closed' | 'error'

export interface PortalSession {
  status: PortalSessionStatus
  mode: PortalMode | null
  url: string | null
  flowId: string | null
  automation: 'selectors' | 'none'
  checklist: ChecklistItem[]
  /** Steps the view recognised on screen, in the order it did. */
  reached: string[]
  /** The step on screen now (view mode). */
  current: string | null
  /** The portal no longer matches the pack's selectors (or has none): follow the checklist by hand. */
  fallback: boolean
  /** Something the view reported that the user should see: a blocked navigation or a failed load. */
  notice: { kind: 'blocked' | 'load-failed'; url?: string; detail?: string } | null
  error: ContractErrorData | null
  clearing: 'idle' | 'clearing' | 'cleared' | 'error'
  clearError: ContractErrorData | null
  /** Epoch ms when what a step handed out (a recovery link) stops working, per step id: the UI counts down. */
  deadlines: Record<string, number>
}

export interface TroubleshooterState extends Loadable<TroubleshootResult> {
  answers: Record<string, TroubleAnswer>
  loginIdentifier: string
}

export interface ExplainState {
  status: LoadStatus
  matches: ExplainedError[] | null
  error: ContractErrorData | null
}

export interface DevicePlanState {
  identity: Loadable<CarrierIdentity> & { key: string | null }
  /** The brand the user picked; sent with every carrier request for this device. */
  choice: BrandChoice | null
  plan: Loadable<CarrierPlan> & { key: string | null }
  troubleshooters: Record<string, TroubleshooterState>
  portals: Record<string, PortalSession>
  /** "What does the portal say?", per flow. */
  explain: Record<string, ExplainState>
  /** APN drafts for this SIM (the APN panel's "Suggested for this SIM"). */
  suggestions: Loadable<ApnSuggestionView[]> & { key: string | null }
}

function emptyDeviceState(): DevicePlanState {
  return {
    identity: { status: 'idle', data: null, error: null, key: null },
    choice: null,
    plan: { status: 'idle', data: null, error: null, key: null },
    troubleshooters: {},
    portals: {},
    explain: {},
    suggestions: { status: 'idle', data: null, error: null, key: null }
  }
}

function emptySession(): PortalSession {
  return {
    status: 'idle',
    mode: null,
    url: null,
    flowId: null,
    automation: 'none',
    checklist: [],
    reached: [],
    current: null,
    fallback: false,
    notice: null,
    error: null,
    clearing: 'idle',
    clearError: null,
    deadlines: {}
  }
}

/**
 * What a reading says about the SIM and the network it is on, as one string: the carrier is identified
 * again only when this changes. Empty when there is nothing to identify (no reading, no SIM, a locked SIM).
 */
export function simKeyOf(reading: DeviceStatus | null | undefined): string {
  if (!reading) return ''
  const { sim, registration } = reading
  if (sim.state === 'absent' || sim.state === 'invalid' || sim.state === 'pin-required' || sim.state === 'puk-required') return ''
  return [sim.state, sim.imsi ?? '', sim.iccid ?? '', sim.spn ?? '', registration.state, registration.plmn ?? ''].join('|')
}

const EMPTY: Readonly<DevicePlanState> = Object.freeze(emptyDeviceState())
const EMPTY_SESSION: Readonly<PortalSession> = Object.freeze(emptySession())

/** Opens an address in a new browser tab, with no way back to this page (serve mode). */
export type TabOpener = (url: string) => void

const defaultOpener: TabOpener = (url) => {
  // noopener: the carrier's page gets no handle on this window (and window.open returns null).
  window.open(url, '_blank', 'noopener,noreferrer')
}

export const usePlanStore = defineStore('plan', () => {
  const client = useApiClient()
  const byDevice = ref<Record<string, DevicePlanState>>({})
  let openTab: TabOpener = defaultOpener
  let stopEvents: (() => void) | null = null
  const seq = new Map<string, number>()

  function next(key: string): number {
    const value = (seq.get(key) ?? 0) + 1
    seq.set(key, value)
    return value
  }

  function stateOf(deviceId: string): Readonly<DevicePlanState> {
    return byDevice.value[deviceId] ?? EMPTY
  }

  function ensure(deviceId: string): DevicePlanState {
    if (!byDevice.value[deviceId]) byDevice.value[deviceId] = emptyDeviceState()
    return byDevice.value[deviceId]
  }

  function sessionOf(deviceId: string, portalId: string): Readonly<PortalSession> {
    return stateOf(deviceId).portals[portalId] ?? EMPTY_SESSION
  }

  function ensureSession(deviceId: string, portalId: string): PortalSession {
    const state = ensure(deviceId)
    if (!state.portals[portalId]) state.portals[portalId] = emptySession()
    return state.portals[portalId]
  }

  const withChoice = (deviceId: string) => {
    const choice = stateOf(deviceId).choice
    return choice ? { brand: { ...choice } } : {}
  }

  /** Follows portal.changed for every device; call once (App.vue). */
  function start(): void {
    if (stopEvents) return
    stopEvents = client.on('portal.changed', applyPortalEvent)
  }

  function stop(): void {
    stopEvents?.()
    stopEvents = null
  }

  /** Tests replace the browser-tab opener; the app keeps window.open. */
  function useTabOpener(opener: TabOpener): void {
    openTab = opener
  }

  /**
   * Identifies the SIM unless it was already identified for the same facts (`simKey`: what the reading says
   * about the SIM and the network) and language.
   */
  async function identify(deviceId: string, simKey: string, locale: CarrierLocale, force = false): Promise<void> {
    const state = ensure(deviceId)
    const key = `${simKey}|${locale}|${JSON.stringify(state.choice)}`
    if (!force && state.identity.key === key && state.identity.status !== 'error') return
    const mine = next(`identify:${deviceId}`)
    state.identity.key = key
    state.identity.status = 'loading'
    try {
      const data = await client.request('carrier.identify', { deviceId, locale, ...withChoice(deviceId) })
      if (seq.get(`identify:${deviceId}`) !== mine) return
      state.identity.data = data
      state.identity.error = null
      state.identity.status = 'ready'
    } catch (caught) {
      if (seq.get(`identify:${deviceId}`) !== mine) return
      state.identity.error = toErrorData(caught)
      state.identity.status = 'error'
    }
  }

  /** The user's pick of carrier and brand; identification and plan follow it. */
  async function choose(deviceId: string, choice: BrandChoice | null, simKey: string, locale: CarrierLocale): Promise<void> {
    const state = ensure(deviceId)
    state.choice = choice ? { ...choice } : null
    state.plan = { status: 'idle', data: null, error: null, key: null }
    state.troubleshooters = {}
    state.suggestions = { status: 'idle', data: null, error: null, key: null }
    await identify(deviceId, simKey, locale, true)
    // The same carrier may come back (the user confirmed the guess): the plan is asked for again either way.
    await loadPlan(deviceId, locale, true)
  }

  /** Loads the plan for the identified (or chosen) carrier, again only when the carrier or language changed. */
  async function loadPlan(deviceId: string, locale: CarrierLocale, force = false): Promise<void> {
    const state = ensure(deviceId)
    const carrier = state.identity.data?.carrier
    if (!carrier) return
    const key = `${carrier.packId}/${carrier.brandId}|${locale}|${JSON.stringify(state.choice)}`
    if (!force && state.plan.key === key && (state.plan.status === 'ready' || state.plan.status === 'loading')) return
    const mine = next(`plan:${deviceId}`)
    state.plan.key = key
    state.plan.status = 'loading'
    try {
      const data = await client.request('carrier.plan', { deviceId, locale, ...withChoice(deviceId) })
      if (seq.get(`plan:${deviceId}`) !== mine) return
      state.plan.data = data
      state.plan.error = null
      state.plan.status = 'ready'
    } catch (caught) {
      if (seq.get(`plan:${deviceId}`) !== mine) return
      state.plan.error = toErrorData(caught)
      state.plan.status = 'error'
    }
  }

  function troubleshooterOf(deviceId: string, troubleshooterId: string): Readonly<TroubleshooterState> | null {
    return stateOf(deviceId).troubleshooters[troubleshooterId] ?? null
  }

  /** Runs (or re-runs, after an answer) a troubleshooter. */
  async function troubleshoot(deviceId: string, troubleshooterId: string, locale: CarrierLocale): Promise<void> {
    const state = ensure(deviceId)
    state.troubleshooters[troubleshooterId] ??= { status: 'idle', data: null, error: null, answers: {}, loginIdentifier: '' }
    const entry = state.troubleshooters[troubleshooterId]
    const mine = next(`trouble:${deviceId}:${troubleshooterId}`)
    entry.status = 'loading'
    try {
      const login = entry.loginIdentifier.trim()
      const data = await client.request('carrier.troubleshoot', {
        deviceId,
        troubleshooterId,
        answers: { ...entry.answers },
        ...(login === '' ? {} : { loginIdentifier: login }),
        locale,
        ...withChoice(deviceId)
      })
      if (seq.get(`trouble:${deviceId}:${troubleshooterId}`) !== mine) return
      entry.data = data
      entry.error = null
      entry.status = 'ready'
    } catch (caught) {
      if (seq.get(`trouble:${deviceId}:${troubleshooterId}`) !== mine) return
      entry.error = toErrorData(caught)
      entry.status = 'error'
    }
  }

  function answer(deviceId: string, troubleshooterId: string, checkId: string, value: TroubleAnswer, locale: CarrierLocale): Promise<void> {
    const entry = ensure(deviceId).troubleshooters[troubleshooterId]
    if (!entry) return Promise.resolve()
    entry.answers[checkId] = value
    return troubleshoot(deviceId, troubleshooterId, locale)
  }

  function setLoginIdentifier(deviceId: string, troubleshooterId: string, value: string): void {
    const entry = ensure(deviceId).troubleshooters[troubleshooterId]
    if (entry) entry.loginIdentifier = value
  }

  /**
   * Opens a portal for a flow. Tab mode: the host answers with the address and this opens it in a new browser
   * tab; view mode: the desktop app shows it in its own sandboxed view.
   */
  async function openPortal(deviceId: string, portalId: string, flowId: string | null, locale: CarrierLocale): Promise<void> {
    const session = ensureSession(deviceId, portalId)
    if (session.status === 'opening') return
    const mine = next(`portal:${deviceId}:${portalId}`)
    Object.assign(session, emptySession(), { status: 'opening', flowId })
    // A new visit: an explanation from the last one no longer applies.
    if (flowId) delete ensure(deviceId).explain[flowId]
    try {
      const result = await client.request('portal.open', {
        deviceId,
        portalId,
        ...(flowId ? { flowId } : {}),
        locale,
        ...withChoice(deviceId)
      })
      if (seq.get(`portal:${deviceId}:${portalId}`) !== mine) return
      session.mode = result.mode
      session.url = result.url
      session.flowId = result.flowId ?? flowId
      session.automation = result.automation
      session.checklist = result.checklist
      // A tab cannot be followed, and a flow the pack has no selectors for cannot be either: checklist from the start.
      session.fallback = result.mode === 'tab' || result.automation === 'none'
      session.status = 'open'
      // Still within the click's transient activation (a few seconds), so popup blockers let it through;
      // if one does not, the panel shows the address as a link.
      if (result.mode === 'tab') openTab(result.url)
    } catch (caught) {
      if (seq.get(`portal:${deviceId}:${portalId}`) !== mine) return
      session.error = toErrorData(caught)
      session.status = 'error'
    }
  }

  async function closePortal(deviceId: string, portalId: string): Promise<void> {
    const session = ensureSession(deviceId, portalId)
    next(`portal:${deviceId}:${portalId}`)
    if (session.mode === 'view' && session.status === 'open') {
      try {
        await client.request('portal.close', { deviceId, portalId, ...withChoice(deviceId) })
      } catch (caught) {
        session.error = toErrorData(caught)
      }
    }
    session.status = 'closed'
  }

  /** "Clear this portal's data": signs the line out of the portal for good (desktop view only). */
  async function clearPortalData(deviceId: string, portalId: string): Promise<void> {
    const session = ensureSession(deviceId, portalId)
    session.clearing = 'clearing'
    session.clearError = null
    try {
      await client.request('portal.clearData', { deviceId, portalId, ...withChoice(deviceId) })
      session.clearing = 'cleared'
      if (session.mode === 'view' && session.status === 'open') session.status = 'closed'
    } catch (caught) {
      session.clearError = toErrorData(caught)
      session.clearing = 'error'
    }
  }

  function explainOf(deviceId: string, flowId: string): Readonly<ExplainState> | null {
    return stateOf(deviceId).explain[flowId] ?? null
  }

  /** What the portal's error text means, from the flow's known errors. */
  async function explainError(deviceId: string, flowId: string, stepId: string | null, text: string, locale: CarrierLocale): Promise<void> {
    const trimmed = text.trim()
    if (trimmed === '') return
    const state = ensure(deviceId)
    state.explain[flowId] = { status: 'loading', matches: null, error: null }
    const entry = state.explain[flowId]
    const mine = next(`explain:${deviceId}:${flowId}`)
    try {
      const { matches } = await client.request('portal.explainError', {
        deviceId,
        flowId,
        ...(stepId ? { stepId } : {}),
        text: trimmed.slice(0, 20_000),
        locale,
        ...withChoice(deviceId)
      })
      if (seq.get(`explain:${deviceId}:${flowId}`) !== mine) return
      entry.matches = matches
      entry.status = 'ready'
    } catch (caught) {
      if (seq.get(`explain:${deviceId}:${flowId}`) !== mine) return
      entry.error = toErrorData(caught)
      entry.status = 'error'
    }
  }

  function applyPortalEvent(change: PortalChanged): void {
    const state = byDevice.value[change.deviceId]
    const session = state?.portals[change.portalId]
    if (!session || session.mode !== 'view') return
    switch (change.kind) {
      case 'opened':
      case 'navigated':
        session.status = 'open'
        session.notice = null
        break
      case 'step':
        if (change.stepId) {
          session.current = change.stepId
          if (!session.reached.includes(change.stepId)) session.reached.push(change.stepId)
          // The view saw the link appear: its hour starts now.
          if (session.deadlines[change.stepId] === undefined) startCountdown(change.deviceId, change.portalId, change.stepId)
        }
        break
      case 'selectors-missing':
        session.fallback = true
        break
      case 'blocked':
      case 'load-failed':
        session.notice = {
          kind: change.kind,
          ...(change.url !== undefined ? { url: change.url } : {}),
          ...(change.detail !== undefined ? { detail: change.detail } : {})
        }
        break
      case 'closed':
        session.status = 'closed'
        break
    }
  }

  /**
   * Starts the countdown of a step whose result expires (validForMinutes): when the view reports the step, or
   * when the user says the link appeared (a browser tab reports nothing). Later calls keep the first deadline.
   */
  function startCountdown(deviceId: string, portalId: string, stepId: string, now: number = Date.now()): void {
    const state = byDevice.value[deviceId]
    const session = state?.portals[portalId]
    if (!session || session.deadlines[stepId] !== undefined) return
    const step = state.plan.data?.flows.find((flow) => flow.id === session.flowId)?.steps.find((candidate) => candidate.id === stepId)
    if (step?.validForMinutes === undefined) return
    session.deadlines[stepId] = now + step.validForMinutes * 60_000
  }

  /** APN suggestions for the SIM, once per SIM (and language). */
  async function loadSuggestions(deviceId: string, simKey: string, locale: CarrierLocale): Promise<void> {
    const state = ensure(deviceId)
    const key = `${simKey}|${locale}|${JSON.stringify(state.choice)}`
    if (state.suggestions.key === key && state.suggestions.status !== 'error') return
    const mine = next(`suggest:${deviceId}`)
    state.suggestions.key = key
    state.suggestions.status = 'loading'
    try {
      const { suggestions } = await client.request('apn.suggest', { deviceId, locale, ...withChoice(deviceId) })
      if (seq.get(`suggest:${deviceId}`) !== mine) return
      state.suggestions.data = suggestions
      state.suggestions.error = null
      state.suggestions.status = 'ready'
    } catch (caught) {
      if (seq.get(`suggest:${deviceId}`) !== mine) return
      state.suggestions.error = toErrorData(caught)
      state.suggestions.status = 'error'
    }
  }

  return {
    byDevice,
    start,
    stop,
    useTabOpener,
    stateOf,
    sessionOf,
    identify,
    choose,
    loadPlan,
    troubleshooterOf,
    troubleshoot,
    answer,
    setLoginIdentifier,
    openPortal,
    closePortal,
    clearPortalData,
    explainOf,
    explainError,
    startCountdown,
    loadSuggestions
  }
})
