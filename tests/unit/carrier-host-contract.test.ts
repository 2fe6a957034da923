// The carrier part of the contract: the renderer's test fixtures really are what the schemas accept (so the
// renderer tests exercise host-shaped data), params are strict at the boundary, and the host ⇄ Electron main
// portal messages refuse what main must never be asked to do.
import { describe, expect, it } from 'vitest'
import { HostToMainPortalMessage, PortalEventMessage, PortalViewSpec } from '../../src/contract/carrier'
import { events } from '../../src/contract/events'
import { methods } from '../../src/contract/methods'
import {
  IDENTITY_ASK,
  IDENTITY_CHOSEN,
  PLAN,
  PORTAL_TAB,
  PORTAL_VIEW,
  SUGGESTIONS,
  troubleshoot,
  WRONG_NUMBER
} from '../renderer/plan-fixtures'

describe('renderer fixtures match the contract', () => {
  it('parses every fixture with its result schema', () => {
    expect(methods['carrier.identify'].result.parse(IDENTITY_ASK)).toEqual(IDENTITY_ASK)
    expect(methods['carrier.identify'].result.parse(IDENTITY_CHOSEN)).toEqual(IDENTITY_CHOSEN)
    expect(methods['carrier.plan'].result.parse(PLAN)).toEqual(PLAN)
    expect(methods['portal.open'].result.parse(PORTAL_TAB)).toEqual(PORTAL_TAB)
    expect(methods['portal.open'].result.parse(PORTAL_VIEW)).toEqual(PORTAL_VIEW)
    expect(methods['portal.explainError'].result.parse({ matches: [WRONG_NUMBER] })).toEqual({ matches: [WRONG_NUMBER] })
    expect(methods['carrier.troubleshoot'].result.parse(troubleshoot({ renewal: 'yes' }))).toEqual(troubleshoot({ renewal: 'yes' }))
    expect(methods['apn.suggest'].result.parse({ suggestions: SUGGESTIONS })).toEqual({ suggestions: SUGGESTIONS })
  })
})

describe('carrier params', () => {
  const bad = (method: keyof typeof methods, params: unknown) => methods[method].params.safeParse(params).success === false

  it('accepts the documented shapes', () => {
    expect(methods['carrier.plan'].params.parse({ deviceId: 'd', locale: 'ja', brand: { packId: 'iijmio', brandId: 'type-d' } })).toBeTruthy()
    expect(methods['carrier.troubleshoot'].params.parse({ deviceId: 'd', troubleshooterId: 'no-data', answers: { renewal: 'yes' }, loginIdentifier: 'a@b.jp' })).toBeTruthy()
    expect(methods['portal.open'].params.parse({ deviceId: 'd', portalId: 'member', flowId: 'recover' })).toBeTruthy()
  })

  it('refuses unknown keys, other languages, malformed ids and oversized input', () => {
    expect(bad('carrier.identify', { deviceId: 'd', extra: 1 })).toBe(true)
    expect(bad('carrier.plan', { deviceId: 'd', locale: 'de' })).toBe(true)
    expect(bad('portal.open', { deviceId: 'd', portalId: '../etc' })).toBe(true)
    expect(bad('portal.open', { deviceId: 'd', portalId: 'member', url: 'https://example.com/' })).toBe(true)
    expect(bad('carrier.troubleshoot', { deviceId: 'd', troubleshooterId: 'x', answers: { a: 'perhaps' } })).toBe(true)
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`q${index}`, 'yes']))
    expect(bad('carrier.troubleshoot', { deviceId: 'd', troubleshooterId: 'x', answers: many })).toBe(true)
    expect(bad('portal.explainError', { deviceId: 'd', flowId: 'f', text: 'x'.repeat(20_001) })).toBe(true)
    expect(bad('portal.clearData', { deviceId: 'd', portalId: 'member', partition: 'persist:main' })).toBe(true)
  })

  it('describes portal.changed', () => {
    expect(events['portal.changed'].parse({ deviceId: 'd', portalId: 'member', kind: 'selectors-missing' })).toBeTruthy()
    expect(events['portal.changed'].safeParse({ deviceId: 'd', portalId: 'member', kind: 'hijacked' }).success).toBe(false)
  })
})

describe('host ⇄ Electron main portal messages', () => {
  const view = {
    key: 'portal-member-0123456789ab',
    title: 'IIJmio',
    partition: 'persist:portal-iijmio-0123456789ab',
    url: 'https://www.iijmio.jp/auth/login/',
    allowedDomains: ['www.iijmio.jp']
  }

  it('keeps portal views in their own persist:portal-… partitions', () => {
    expect(PortalViewSpec.parse(view)).toEqual(view)
    for (const partition of ['persist:main', 'portal-iijmio', 'persist:portal-IIJ', 'persist:portal-', `persist:portal-${'a'.repeat(81)}`]) {
      expect(PortalViewSpec.safeParse({ ...view, partition }).success, partition).toBe(false)
      expect(HostToMainPortalMessage.safeParse({ type: 'portal.clearData', id: 1, partition }).success, partition).toBe(false)
    }
  })

  it('opens only http(s) addresses, with at least one allowed domain', () => {
    expect(PortalViewSpec.safeParse({ ...view, url: 'javascript:alert(1)' }).success).toBe(false)
    expect(PortalViewSpec.safeParse({ ...view, url: 'file:///etc/passwd' }).success).toBe(false)
    expect(PortalViewSpec.safeParse({ ...view, allowedDomains: [] }).success).toBe(false)
    expect(HostToMainPortalMessage.safeParse({ type: 'portal.navigate', id: 1, url: view.url }).success).toBe(false)
  })

  it('reads main’s events and nothing else', () => {
    expect(PortalEventMessage.parse({ type: 'portal.event', key: view.key, kind: 'step', stepId: 'sign-in' })).toBeTruthy()
    expect(PortalEventMessage.safeParse({ type: 'portal.event', key: view.key, kind: 'step', stepId: 'x'.repeat(81) }).success).toBe(false)
  })
})
