// The loopback portal simulators against the carrier packs they stand in for, over real HTTP: the pages carry
// the fields the packs' selectors name (and the "changed" variant does not), and every error text a simulator
// shows is explained by the host into the pack's known error for it — or, where the pack has none (IIJmio's
// wrong password, Rakuten's line and MNP states), is shown and left to the troubleshooters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CarrierService } from '../../src/host/carrier-service'
import { TabPortalGateway } from '../../src/host/portal-gateway'
import { PortalService } from '../../src/host/portal-service'
import {
  IIJMIO_MEMBER,
  IIJMIO_MESSAGES,
  IijmioPortalSimulator,
  RAKUTEN_MESSAGES,
  RakutenPortalSimulator,
  TMOBILE_MESSAGES,
  TMOBILE_REFILL_PINS,
  TmobilePortalSimulator
} from '../../src/simulators/portals'
import { iijmioReading, rakutenReading, tmobileReading } from '../unit/carrier-host-fixtures'

/** A cookie-keeping client that follows the simulators' 303 redirects, like a browser tab would. */
class Visitor {
  private cookies = new Map<string, string>()
  constructor(private readonly base: string) {}

  get(path: string) {
    return this.request(path, { method: 'GET' })
  }

  post(path: string, form: Record<string, string>) {
    return this.request(path, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
  }

  forgetCookies() {
    this.cookies.clear()
  }

  private async request(path: string, init: RequestInit, hops = 0): Promise<{ status: number; url: string; html: string }> {
    const url = new URL(path.replace(/^\//, ''), this.base).href
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0) headers.set('Cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair?.indexOf('=') ?? -1
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
    const location = response.headers.get('location')
    if (response.status === 303 && location && hops < 5) return this.request(location, { method: 'GET' }, hops + 1)
    return { status: response.status, url, html: await response.text() }
  }
}

/** The alert a simulator page shows, unescaped. */
function alertOf(html: string): string | undefined {
  const match = /<p class="error" role="alert" id="portal-error">([^<]*)<\/p>/.exec(html)
  return match?.[1]?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/**
 * Does a pack selector list ("[name=\"email\"], #email") find a field in the page? Only the two forms the
 * packs use are understood; anything else fails the test rather than passing unchecked.
 */
function selectorMatches(html: string, selectorList: string): boolean {
  return selectorList.split(',').some((raw) => {
    const selector = raw.trim()
    const byName = /^\[name="([^"]+)"\]$/.exec(selector)
    if (byName) return html.includes(`name="${byName[1]}"`)
    const byId = /^#([A-Za-z][\w-]*)$/.exec(selector)
    if (byId) return html.includes(`id="${byId[1]}"`)
    throw new Error(`selector form not understood by this test: ${selector}`)
  })
}

const carriers = new CarrierService()
const readings = new Map([tmobileReading(), iijmioReading(), rakutenReading()].map((reading) => [reading.deviceId, reading]))
const portals = new PortalService({
  carriers,
  gateway: new TabPortalGateway(),
  status: async (deviceId) => readings.get(deviceId)!,
  publish: () => undefined
})

async function explained(deviceId: string, flowId: string, text: string | undefined): Promise<string[]> {
  if (text === undefined) throw new Error('the page shows no error')
  return (await portals.explain({ deviceId, flowId, text })).matches.map((match) => `${match.stepId}/${match.error.id}`)
}

async function packSelectors(packId: string, flowId: string): Promise<Record<string, string>> {
  const pack = await carriers.pack(packId)
  const flow = pack?.flows.find((item) => item.id === flowId)
  const out: Record<string, string> = {}
  for (const step of flow?.steps ?? []) for (const field of step.fields ?? []) if (field.selector) out[`${step.id}/${field.id}`] = field.selector
  return out
}

describe('T-Mobile mobile-internet simulator', () => {
  const simulator = new TmobilePortalSimulator()
  let visitor: Visitor

  beforeAll(async () => {
    await simulator.start()
  })
  afterAll(() => simulator.stop())

  it('carries the fields the pack’s selectors name, and the changed variant does not', async () => {
    const selectors = await packSelectors('tmobile-us-prepaid', 'hotspot-portal')
    expect(Object.keys(selectors)).toEqual(['sign-in/email', 'sign-in/password', 'line/msisdn-choice'])
    visitor = new Visitor(simulator.baseUrl)
    const signIn = await visitor.get('/primary/openPage')
    expect(selectorMatches(signIn.html, selectors['sign-in/email']!)).toBe(true)
    expect(selectorMatches(signIn.html, selectors['sign-in/password']!)).toBe(true)

    simulator.variant = 'changed'
    const changed = await new Visitor(simulator.baseUrl).get('/primary/openPage')
    expect(selectorMatches(changed.html, selectors['sign-in/email']!)).toBe(false)
    expect(selectorMatches(changed.html, selectors['sign-in/password']!)).toBe(false)
    simulator.variant = 'standard'
  })

  it('shows the sign-in errors the pack explains', async () => {
    visitor = new Visitor(simulator.baseUrl)
    await visitor.get('/')
    const unknown = await visitor.post('/primary/signIn', { email: 'nobody@example.com', emailPass: 'x' })
    expect(alertOf(unknown.html)).toBe(TMOBILE_MESSAGES.unknownEmail)
    expect(await explained('demo-hotspot', 'hotspot-portal', alertOf(unknown.html))).toEqual(['sign-in/unknown-email'])
    const wrong = await visitor.post('/primary/signIn', { email: 'hotspot@example.com', emailPass: 'nope' })
    expect(await explained('demo-hotspot', 'hotspot-portal', alertOf(wrong.html))).toEqual(['sign-in/wrong-password'])
  })

  it('shows the line errors the pack explains, then lets the right number in', async () => {
    const selectors = await packSelectors('tmobile-us-prepaid', 'hotspot-portal')
    const line = await visitor.post('/primary/signIn', { email: 'hotspot@example.com', emailPass: 'prepaid-2013' })
    expect(line.url).toMatch(/\/primary\/line$/)
    expect(selectorMatches(line.html, selectors['line/msisdn-choice']!)).toBe(true)

    const cases: Array<[string, string, string]> = [
      ['206555014', TMOBILE_MESSAGES.invalidNumber, 'line/wrong-number'],
      ['2065550100', TMOBILE_MESSAGES.unknownNumber, 'line/wrong-number'],
      ['2065550188', TMOBILE_MESSAGES.otherAccount, 'line/number-email-mismatch'],
      ['(206) 555-0177', TMOBILE_MESSAGES.expired, 'line/expired-sim']
    ]
    for (const [typed, message, known] of cases) {
      const page = await visitor.post('/primary/line', { msisdnChoice: typed })
      expect(alertOf(page.html), typed).toBe(message)
      expect(await explained('demo-hotspot', 'hotspot-portal', message), typed).toEqual([known])
    }
    const home = await visitor.post('/primary/line', { msisdnChoice: '+1 206 555 0143' })
    expect(home.url).toMatch(/\/primary\/home$/)
    expect(home.html).toContain('(206) 555-0143')
  })

  it('rejects used and invalid refill PINs with the text the pack explains, and applies a good one', async () => {
    const used = await visitor.post('/primary/refill', { pin: TMOBILE_REFILL_PINS.used })
    expect(await explained('demo-hotspot', 'hotspot-portal', alertOf(used.html))).toEqual(['refill-pin/pin-rejected'])
    const invalid = await visitor.post('/primary/refill', { pin: '12' })
    expect(await explained('demo-hotspot', 'hotspot-portal', alertOf(invalid.html))).toEqual(['refill-pin/pin-rejected'])
    const good = await visitor.post('/primary/refill', { pin: TMOBILE_REFILL_PINS.valid })
    expect(alertOf(good.html)).toBeUndefined()
    expect(good.html).toContain('New balance: $37.00')
  })

  it('sends a signed-out visitor back to sign in', async () => {
    const stranger = new Visitor(simulator.baseUrl)
    expect((await stranger.get('/primary/home')).url).toMatch(/\/primary\/openPage$/)
  })
})

describe('IIJmio member-page simulator', () => {
  const simulator = new IijmioPortalSimulator()
  beforeAll(async () => {
    await simulator.start()
  })
  afterAll(() => simulator.stop())

  it('answers a sign-in without its session cookie with ERROR_CODE_032, which the pack explains', async () => {
    const visitor = new Visitor(simulator.baseUrl)
    const page = await visitor.post('/auth/login/', { mioId: IIJMIO_MEMBER.mioId, password: IIJMIO_MEMBER.password })
    expect(alertOf(page.html)).toBe(IIJMIO_MESSAGES.sessionExpired)
    expect(await explained('iij-stick', 'sign-in', alertOf(page.html))).toEqual(['sign-in/session-expired'])
  })

  it('signs in with the mioID or the e-mail; a wrong password has no known error in the pack', async () => {
    const visitor = new Visitor(simulator.baseUrl)
    await visitor.get('/auth/login/')
    const wrong = await visitor.post('/auth/login/', { mioId: IIJMIO_MEMBER.mioId, password: 'nope' })
    expect(alertOf(wrong.html)).toBe(IIJMIO_MESSAGES.badCredentials)
    expect(await explained('iij-stick', 'sign-in', alertOf(wrong.html))).toEqual([])
    const menu = await visitor.post('/auth/login/', { mioId: 'ma123456', password: IIJMIO_MEMBER.password })
    expect(menu.html).toContain('データ利用量照会')
    expect((await visitor.get('/service/setup/hdc/viewdailydata/')).html).toContain('id="usage"')

    const byEmail = new Visitor(simulator.baseUrl)
    await byEmail.get('/auth/login/')
    expect((await byEmail.post('/auth/login/', { mioId: IIJMIO_MEMBER.email, password: IIJMIO_MEMBER.password })).html).toContain('会員専用ページ')
  })

  it('recovers the mioID by e-mail and name, or by SIM details with a link that lasts one hour', async () => {
    const visitor = new Visitor(simulator.baseUrl)
    const noMatch = await visitor.post('/auth/recover/email', { email: IIJMIO_MEMBER.email, name: '別人' })
    expect(alertOf(noMatch.html)).toBe(IIJMIO_MESSAGES.recoverNoMatch)
    expect((await visitor.post('/auth/recover/email', { email: IIJMIO_MEMBER.email, name: '山田花子' })).html).toContain(IIJMIO_MESSAGES.mailSent)

    // The values the plan prefills for this flow (the ICCID digits and the 11-digit number) are what the page takes.
    const plan = await portals.open({ deviceId: 'iij-stick', portalId: 'member', flowId: 'recover' })
    const bySim = plan.checklist.find((item) => item.stepId === 'by-sim')!
    const value = (fieldId: string) => bySim.values.find((item) => item.fieldId === fieldId)?.value ?? ''
    expect(value('iccid')).toBe(IIJMIO_MEMBER.iccid)
    const linkPage = await visitor.post('/auth/recover/sim', {
      iccid: value('iccid'),
      msisdn: value('msisdn'),
      birthDate: IIJMIO_MEMBER.birthDate
    })
    expect(linkPage.html).toContain(IIJMIO_MESSAGES.linkIssued)
    const link = /href="(\/auth\/recover\/link\?token=[^"]+)"/.exec(linkPage.html)?.[1]
    expect(link).toBeDefined()
    expect((await visitor.get(link!)).html).toContain(IIJMIO_MEMBER.mioId)
    simulator.advanceClock(61 * 60 * 1000)
    const expired = await visitor.get(link!)
    expect(expired.status).toBe(410)
    expect(alertOf(expired.html)).toBe(IIJMIO_MESSAGES.linkExpired)
  })
})

describe('Rakuten Mobile simulator', () => {
  const simulator = new RakutenPortalSimulator()
  beforeAll(async () => {
    await simulator.start()
  })
  afterAll(() => simulator.stop())

  it('sends a signed-out visitor to the Rakuten ID sign-in', async () => {
    const page = await new Visitor(simulator.baseUrl).get('/')
    expect(page.url).toMatch(/\/sso\/authorize$/)
    expect(page.html).toContain('楽天IDでログインしてください')
  })

  it('shows a locked Rakuten ID and maintenance in words the pack explains', async () => {
    const visitor = new Visitor(simulator.baseUrl)
    const locked = await visitor.post('/sso/authorize', { username: 'locked-user', password: 'r-pass-2024' })
    expect(await explained('rakuten-router', 'sign-in', alertOf(locked.html))).toEqual(['rakuten-id/id-locked'])
    const wrong = await visitor.post('/sso/authorize', { username: 'rakuten-user', password: 'nope' })
    expect(alertOf(wrong.html)).toBe(RAKUTEN_MESSAGES.badCredentials)
    simulator.maintenance = true
    const down = await visitor.get('/')
    expect(down.status).toBe(503)
    expect(await explained('rakuten-router', 'sign-in', alertOf(down.html))).toEqual(['rakuten-id/maintenance'])
    simulator.maintenance = false
  })

  it('shows a line that is not active, and an MNP transfer waiting to be started', async () => {
    const fresh = new Visitor(simulator.baseUrl)
    expect(alertOf((await fresh.post('/sso/authorize', { username: 'new-line-user', password: 'r-pass-2024' })).html)).toBe(RAKUTEN_MESSAGES.notActive)
    const mnp = new Visitor(simulator.baseUrl)
    const dashboard = await mnp.post('/sso/authorize', { username: 'mnp-user', password: 'r-pass-2024' })
    expect(alertOf(dashboard.html)).toBe(RAKUTEN_MESSAGES.mnpWaiting)
    expect(dashboard.html).toContain('転入を開始する')
    expect((await mnp.post('/mnp/start', {})).html).toContain(RAKUTEN_MESSAGES.mnpStarted)
    expect(alertOf((await mnp.get('/dashboard')).html)).toBeUndefined()
  })
})
