// Prefill and step detection on a carrier portal page, driven by the pack's CSS selectors.
//
// A small script runs in an isolated world of the page (its own JS globals, same DOM; the page can
// neither see it nor tamper with its built-ins, and the page's CSP does not apply to it). For each
// prefill entry it fills a matching text field and fires input/change, so frameworks notice; it never
// submits, clicks or reads a value. For each step it only checks whether the selector matches. The
// only thing that comes back is one status word per selector.
//
// Portals render late (single-page apps), so each page gets a few attempts; a field is filled at most
// once per document. If none of the pack's selectors matched by the last attempt, the portal has
// probably changed and the host is told ('selectors-missing'), so the UI can fall back to its guided
// checklist.
import type { PortalPrefillEntry, PortalStepSelector } from './portal-messages'

/**
 * Our isolated world. 0 is the page's own world and 999 the one Electron gives preloads under
 * contextIsolation; any other id below Chromium's embedder limit (1 << 29) is a fresh world.
 */
export const PORTAL_PROBE_WORLD_ID = 1207

/** Attempts after each document load or in-page navigation, in ms from it. */
export const DEFAULT_PROBE_DELAYS_MS: readonly number[] = [0, 1_500, 4_000]

export interface PageProbePlan {
  /** Fields to fill where they match. */
  readonly fields: readonly PortalPrefillEntry[]
  /** Selectors only checked for presence (steps, and fields filled earlier in this document). */
  readonly detectSelectors: readonly string[]
}

export type FieldOutcome = 'filled' | 'unfillable' | 'absent' | 'invalid'
export type StepOutcome = 'present' | 'absent' | 'invalid'

export interface PageProbeResult {
  readonly fields: readonly FieldOutcome[]
  readonly detected: readonly StepOutcome[]
}

// Static code: the only untrusted input is `plan`, which arrives as a JSON literal.
const PROBE_FUNCTION = `function (plan) {
  'use strict';
  var TEXT_INPUT_TYPES = ['text', 'tel', 'email', 'number', 'search', 'url'];
  function find(selector) {
    try {
      return { element: document.querySelector(selector) };
    } catch (error) {
      return null;
    }
  }
  function fill(field) {
    var found = find(field.selector);
    if (found === null) return 'invalid';
    var element = found.element;
    if (element === null) return 'absent';
    var isTextField = element instanceof HTMLTextAreaElement ||
      (element instanceof HTMLInputElement && TEXT_INPUT_TYPES.indexOf(element.type) !== -1);
    if (!isTextField || element.disabled || element.readOnly) return 'unfillable';
    element.value = field.value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
    return 'filled';
  }
  function detect(selector) {
    var found = find(selector);
    if (found === null) return 'invalid';
    return found.element === null ? 'absent' : 'present';
  }
  return {
    fields: plan.fields.map(function (field) { return fill(field); }),
    detected: plan.detectSelectors.map(function (selector) { return detect(selector); })
  };
}`

/**
 * JSON is valid JavaScript, so data embedded this way stays data. `<` is escaped as well so the
 * text never contains "</script>" or "<!--", and U+2028/U+2029 for engines older than ES2019.
 */
export function toScriptLiteral(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** The code to run in the isolated world; its completion value is a PageProbeResult. Pure. */
export function buildPageProbeScript(plan: PageProbePlan): string {
  const data = {
    fields: plan.fields.map((field) => ({ selector: field.selector, value: field.value })),
    detectSelectors: [...plan.detectSelectors]
  }
  return `(${PROBE_FUNCTION})(${toScriptLiteral(data)});`
}

const FIELD_OUTCOMES: ReadonlySet<unknown> = new Set<FieldOutcome>(['filled', 'unfillable', 'absent', 'invalid'])
const STEP_OUTCOMES: ReadonlySet<unknown> = new Set<StepOutcome>(['present', 'absent', 'invalid'])

/** Checks what came back from the page; null if it is not exactly what the script returns. */
export function parsePageProbeResult(raw: unknown, plan: PageProbePlan): PageProbeResult | null {
  if (typeof raw !== 'object' || raw === null) return null
  const { fields, detected } = raw as { fields?: unknown; detected?: unknown }
  if (!Array.isArray(fields) || fields.length !== plan.fields.length || !fields.every((f) => FIELD_OUTCOMES.has(f))) return null
  if (!Array.isArray(detected) || detected.length !== plan.detectSelectors.length || !detected.every((d) => STEP_OUTCOMES.has(d))) {
    return null
  }
  return { fields: fields as FieldOutcome[], detected: detected as StepOutcome[] }
}

export interface ProbeTarget {
  executeJavaScriptInIsolatedWorld(worldId: number, scripts: { code: string }[]): Promise<unknown>
  getURL(): string
  isDestroyed(): boolean
}

export type ProbeReport = { kind: 'step'; stepId: string; url: string } | { kind: 'selectors-missing'; url: string }

export interface ProbeTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface PortalPageProbeOptions {
  target: ProbeTarget
  /** The current prefill entries and step selectors (they change when the portal is re-opened). */
  selectors(): { prefill: readonly PortalPrefillEntry[]; steps: readonly PortalStepSelector[] }
  /** Is `url` a page of this portal? Probing runs only there. */
  isPortalPage(url: string): boolean
  report(report: ProbeReport): void
  delaysMs?: readonly number[]
  timers?: ProbeTimers
  log?: Pick<Console, 'warn'>
}

const defaultTimers: ProbeTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

/** One portal view's prefill and step detection. Call `documentLoaded` / `inPageNavigated` from the view's events. */
export class PortalPageProbe {
  private cycle = 0
  private pending: unknown[] = []
  /** Prefill selectors already dealt with in this document (filled, not fillable, or invalid). */
  private settledFields = new Set<string>()
  private stopped = false
  private readonly timers: ProbeTimers
  private readonly delaysMs: readonly number[]
  private readonly log: Pick<Console, 'warn'>

  constructor(private readonly options: PortalPageProbeOptions) {
    this.timers = options.timers ?? defaultTimers
    this.delaysMs = options.delaysMs ?? DEFAULT_PROBE_DELAYS_MS
    this.log = options.log ?? console
  }

  /** A new document finished loading in the main frame: fill again, detect again. */
  documentLoaded(): void {
    this.settledFields = new Set()
    this.startCycle()
  }

  /** A same-document navigation (SPA route, hash): detect again, fill only fields not yet filled. */
  inPageNavigated(): void {
    this.startCycle()
  }

  stop(): void {
    this.stopped = true
    this.cancelPending()
  }

  private startCycle(): void {
    if (this.stopped) return
    this.cancelPending()
    const cycle = ++this.cycle
    const { prefill, steps } = this.options.selectors()
    if (prefill.length === 0 && steps.length === 0) return
    const state = { matchedAny: false, stepsSeen: new Set<string>() }
    this.delaysMs.forEach((delay, index) => {
      const last = index === this.delaysMs.length - 1
      this.pending.push(this.timers.setTimeout(() => void this.attempt(cycle, state, last), delay))
    })
  }

  private async attempt(cycle: number, state: { matchedAny: boolean; stepsSeen: Set<string> }, last: boolean): Promise<void> {
    const { target } = this.options
    if (this.stopped || cycle !== this.cycle || target.isDestroyed()) return
    const url = target.getURL()
    if (!this.options.isPortalPage(url)) return
    const { prefill, steps } = this.options.selectors()
    const fields = prefill.filter((field) => !this.settledFields.has(field.selector))
    const pendingSteps = steps.filter((step) => !state.stepsSeen.has(step.stepId))
    // Fields dealt with before an in-page navigation still count as "the portal looks as expected".
    const settledEarlier = state.matchedAny ? [] : prefill.filter((field) => this.settledFields.has(field.selector))
    const plan: PageProbePlan = {
      fields,
      detectSelectors: [...pendingSteps.map((step) => step.selector), ...settledEarlier.map((field) => field.selector)]
    }

    let result: PageProbeResult | null = null
    if (plan.fields.length > 0 || plan.detectSelectors.length > 0) {
      try {
        const raw = await target.executeJavaScriptInIsolatedWorld(PORTAL_PROBE_WORLD_ID, [{ code: buildPageProbeScript(plan) }])
        result = parsePageProbeResult(raw, plan)
      } catch {
        // The page navigated or closed meanwhile; the next load starts a fresh cycle.
        result = null
      }
    }
    if (this.stopped || cycle !== this.cycle) return

    if (result !== null) {
      result.fields.forEach((outcome, index) => {
        const field = fields[index]
        if (field === undefined || outcome === 'absent') return
        this.settledFields.add(field.selector)
        if (outcome === 'invalid') this.log.warn('[main] portal: a prefill selector from the carrier pack is not valid CSS')
        else state.matchedAny = true
      })
      result.detected.forEach((outcome, index) => {
        if (outcome !== 'present') return
        state.matchedAny = true
        const step = pendingSteps[index]
        if (step === undefined) return
        state.stepsSeen.add(step.stepId)
        this.options.report({ kind: 'step', stepId: step.stepId, url })
      })
    }
    if (last && !state.matchedAny) this.options.report({ kind: 'selectors-missing', url })
  }

  private cancelPending(): void {
    for (const handle of this.pending) this.timers.clearTimeout(handle)
    this.pending = []
  }
}
