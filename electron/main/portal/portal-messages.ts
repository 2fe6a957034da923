// The portal protocol between the core host (a utilityProcess) and Electron main, over the host's
// parent port, and its validation. The host is our own code, but what it forwards comes from
// carrier packs, which users may override, so every message is checked field by field here and
// anything unexpected is refused with a reason instead of being half-used.
//
//   host → main  { type: 'portal.open', id, view: { key, title, partition, url, allowedDomains,
//                                                   prefill?: [{ selector, value }], steps?: [{ stepId, selector }] } }
//   host → main  { type: 'portal.close', id, key }
//   host → main  { type: 'portal.clearData', id, partition }
//   main → host  { type: 'portal.result', id, ok, error? }          one per request; id -1 if the request had none
//   main → host  { type: 'portal.event', key, kind, url?, stepId?, detail? }
import { allowedPortalUrl, isCaptiveOrigin, isDomainPattern } from './portal-domains'

export interface PortalPrefillEntry {
  readonly selector: string
  readonly value: string
}

export interface PortalStepSelector {
  readonly stepId: string
  readonly selector: string
}

/** A validated `view`: `url` is normalized, `prefill` and `steps` are always present. */
export interface PortalViewSpec {
  readonly key: string
  readonly title: string
  readonly partition: string
  readonly url: string
  readonly allowedDomains: readonly string[]
  readonly prefill: readonly PortalPrefillEntry[]
  readonly steps: readonly PortalStepSelector[]
  /** Captive views only: the one plain-http origin the view may load. */
  readonly captiveOrigin?: string
}

export type PortalRequest =
  | { readonly type: 'portal.open'; readonly id: number; readonly view: PortalViewSpec }
  | { readonly type: 'portal.close'; readonly id: number; readonly key: string }
  | { readonly type: 'portal.clearData'; readonly id: number; readonly partition: string }

export interface PortalResult {
  type: 'portal.result'
  id: number
  ok: boolean
  error?: string
}

export type PortalEventKind = 'opened' | 'navigated' | 'blocked' | 'step' | 'selectors-missing' | 'load-failed' | 'closed'

export interface PortalEvent {
  type: 'portal.event'
  key: string
  kind: PortalEventKind
  url?: string
  stepId?: string
  detail?: string
}

export type ParsedPortalRequest = { ok: true; request: PortalRequest } | { ok: false; id: number; error: string }

/** The id a reply carries when the request had no usable id. */
export const UNKNOWN_REQUEST_ID = -1

// The same bounds as the host's schema (src/contract/carrier.ts, PortalViewSpec).
export const PORTAL_LIMITS = {
  titleLength: 200,
  urlLength: 4096,
  allowedDomains: 50,
  prefillEntries: 50,
  stepEntries: 100,
  selectorLength: 500,
  valueLength: 500
} as const

export const PARTITION_PATTERN = /^persist:portal-[a-z0-9-]{1,80}$/
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/
const STEP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/
// C0/C1 controls, line/paragraph separators and bidi overrides: a window title must read as it is.
// eslint-disable-next-line no-control-regex
const UNSAFE_TITLE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

const REQUEST_FIELDS = {
  'portal.open': ['type', 'id', 'view'],
  'portal.close': ['type', 'id', 'key'],
  'portal.clearData': ['type', 'id', 'partition']
} as const
const VIEW_FIELDS = ['key', 'title', 'partition', 'url', 'allowedDomains', 'prefill', 'steps', 'captiveOrigin']

type RequestType = keyof typeof REQUEST_FIELDS

/** Messages the portal bridge answers: every `portal.*` type, valid or not, so none goes unanswered. */
export function isPortalMessage(message: unknown): boolean {
  return isPlainObject(message) && typeof message.type === 'string' && message.type.startsWith('portal.')
}

class Invalid extends Error {}

function invalid(reason: string): never {
  throw new Invalid(reason)
}

/** Validates one host message. Never throws. */
export function parsePortalRequest(message: unknown): ParsedPortalRequest {
  try {
    return { ok: true, request: readRequest(message) }
  } catch (error) {
    // Structured clone delivers no getters or proxies, but stay total anyway.
    const reason = error instanceof Invalid ? error.message : 'the message could not be read'
    return { ok: false, id: requestIdOf(message), error: reason }
  }
}

function requestIdOf(message: unknown): number {
  try {
    const id = isPlainObject(message) ? message.id : undefined
    return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : UNKNOWN_REQUEST_ID
  } catch {
    return UNKNOWN_REQUEST_ID
  }
}

function readRequest(message: unknown): PortalRequest {
  if (!isPlainObject(message)) invalid('a portal message must be an object')
  const type = message.type
  if (typeof type !== 'string' || !Object.hasOwn(REQUEST_FIELDS, type)) {
    invalid(`unknown portal message type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}`)
  }
  const requestType = type as RequestType
  onlyFields(message, REQUEST_FIELDS[requestType], 'the message')
  if (typeof message.id !== 'number' || !Number.isSafeInteger(message.id) || message.id < 0) {
    invalid('id must be a non-negative integer')
  }
  const id = message.id
  switch (requestType) {
    case 'portal.open':
      return { type: requestType, id, view: readView(message.view) }
    case 'portal.close':
      return { type: requestType, id, key: readKey(message.key, 'key') }
    case 'portal.clearData':
      return { type: requestType, id, partition: readPartition(message.partition, 'partition') }
  }
}

function readView(view: unknown): PortalViewSpec {
  if (!isPlainObject(view)) invalid('view must be an object')
  onlyFields(view, VIEW_FIELDS, 'view')
  const key = readKey(view.key, 'view.key')
  const title = readTitle(view.title)
  const partition = readPartition(view.partition, 'view.partition')
  const allowedDomains = readAllowedDomains(view.allowedDomains)
  const captiveOrigin = view.captiveOrigin === undefined ? undefined : readCaptiveOrigin(view.captiveOrigin)
  const url = readUrl(view.url, allowedDomains, captiveOrigin)
  const prefill = view.prefill === undefined ? [] : readPrefill(view.prefill)
  const steps = view.steps === undefined ? [] : readSteps(view.steps)
  // A captive page is someone else's: nothing is filled in or followed there.
  if (captiveOrigin !== undefined && (prefill.length > 0 || steps.length > 0)) invalid('a captive view carries no prefill or steps')
  return { key, title, partition, url, allowedDomains, prefill, steps, ...(captiveOrigin !== undefined ? { captiveOrigin } : {}) }
}

function readKey(value: unknown, name: string): string {
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    invalid(`${name} must be 1–200 characters: letters, digits, ".", "_", ":" or "-"`)
  }
  return value
}

function readTitle(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > PORTAL_LIMITS.titleLength) {
    invalid(`view.title must be a non-empty string of at most ${PORTAL_LIMITS.titleLength} characters`)
  }
  if (UNSAFE_TITLE_CHARS.test(value)) invalid('view.title must not contain control or bidirectional-override characters')
  return value
}

function readPartition(value: unknown, name: string): string {
  if (typeof value !== 'string' || !PARTITION_PATTERN.test(value)) {
    invalid(`${name} must match persist:portal-<1–80 lower-case letters, digits or "-">`)
  }
  return value
}

function readAllowedDomains(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > PORTAL_LIMITS.allowedDomains) {
    invalid(`view.allowedDomains must be a list of 1–${PORTAL_LIMITS.allowedDomains} host names`)
  }
  return value.map((entry: unknown, index) => {
    if (!isDomainPattern(entry)) {
      invalid(`view.allowedDomains[${index}] must be a lower-case host name, optionally starting with "*."`)
    }
    return entry
  })
}

function readCaptiveOrigin(value: unknown): string {
  if (!isCaptiveOrigin(value)) invalid('view.captiveOrigin must be a plain http origin such as "http://buy.carrier.example"')
  return value
}

function readUrl(value: unknown, allowedDomains: readonly string[], captiveOrigin: string | undefined): string {
  if (typeof value !== 'string' || value === '' || value.length > PORTAL_LIMITS.urlLength) {
    invalid(`view.url must be a string of at most ${PORTAL_LIMITS.urlLength} characters`)
  }
  const url = allowedPortalUrl(value, allowedDomains, captiveOrigin)
  if (url === null) {
    invalid('view.url must be an https URL without user name, password or port, on a host in view.allowedDomains (or, in a captive view, on view.captiveOrigin)')
  }
  return url
}

function readPrefill(value: unknown): PortalPrefillEntry[] {
  if (!Array.isArray(value) || value.length > PORTAL_LIMITS.prefillEntries) {
    invalid(`view.prefill must be a list of at most ${PORTAL_LIMITS.prefillEntries} entries`)
  }
  return value.map((entry: unknown, index) => {
    const name = `view.prefill[${index}]`
    if (!isPlainObject(entry)) invalid(`${name} must be an object`)
    onlyFields(entry, ['selector', 'value'], name)
    const selector = readSelector(entry.selector, `${name}.selector`)
    if (typeof entry.value !== 'string' || entry.value.length > PORTAL_LIMITS.valueLength) {
      invalid(`${name}.value must be a string of at most ${PORTAL_LIMITS.valueLength} characters`)
    }
    return { selector, value: entry.value }
  })
}

function readSteps(value: unknown): PortalStepSelector[] {
  if (!Array.isArray(value) || value.length > PORTAL_LIMITS.stepEntries) {
    invalid(`view.steps must be a list of at most ${PORTAL_LIMITS.stepEntries} entries`)
  }
  const seen = new Set<string>()
  return value.map((entry: unknown, index) => {
    const name = `view.steps[${index}]`
    if (!isPlainObject(entry)) invalid(`${name} must be an object`)
    onlyFields(entry, ['stepId', 'selector'], name)
    if (typeof entry.stepId !== 'string' || !STEP_ID_PATTERN.test(entry.stepId)) {
      invalid(`${name}.stepId must be 1–80 characters: letters, digits, ".", "_", ":" or "-"`)
    }
    if (seen.has(entry.stepId)) invalid(`${name}.stepId repeats "${entry.stepId}"`)
    seen.add(entry.stepId)
    return { stepId: entry.stepId, selector: readSelector(entry.selector, `${name}.selector`) }
  })
}

function readSelector(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > PORTAL_LIMITS.selectorLength) {
    invalid(`${name} must be a non-empty string of at most ${PORTAL_LIMITS.selectorLength} characters`)
  }
  return value
}

function onlyFields(value: Record<string, unknown>, allowed: readonly string[], name: string): void {
  const extra = Object.keys(value).find((field) => !allowed.includes(field))
  if (extra !== undefined) invalid(`${name} has an unexpected field "${extra.slice(0, 40)}"`)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

export function portalResult(id: number, error?: string): PortalResult {
  return error === undefined ? { type: 'portal.result', id, ok: true } : { type: 'portal.result', id, ok: false, error }
}
