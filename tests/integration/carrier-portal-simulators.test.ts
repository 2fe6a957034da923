// The loopback portal simulators against the carrier packs they stand in for, over real HTTP: the pages carry
// the fields and step markers the packs' selectors name (and the "changed" variant does not), and every error
// text a simulator shows is explained by the host into the pack's known error for it, with its next step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CarrierService } from '../../src/host/carrier-service'
import { TabPortalGateway } from '../../src/host/portal-gateway'
import { PortalService } from '../../src/host/portal-service'
import {
  IIJMIO_DEFAULT_PIN,
  IIJMIO_MEMBER,
  IIJMIO_MESSAGES,
  IijmioPortalSimulator,
  RAKUTEN_MEMBERS_STATION,
  RAKUTEN_MESSAGES,
  RAKUTEN_SHORTCUTS,
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

/** Every selector of a flow (fields and step detection), keyed "step/field" or "step/on-screen". */
async function flowSelectors(packId: string, flowId: string): Promise<Record<string, string>> {
  const pack = await carriers.pack(packId)
  const flow = pack?.flows.find((item) => item.id === flowId)
  const out: Record<string, string> = {}
  for (const step of flow?.steps ?? []) {
    if (step.detect?.onScreen) out[`${step.id}/on-screen`] = step.detect.onScreen
    for (const field of step.fields ?? []) if (field.selector) out[`${step.id}/${field.id}`] = field.selector
  }
  return out
}

/** Which of a flow's selectors find something in each page, for the standard and the changed markup. */
function matching(selectors: Record<string, string>, pages: string[]): string[] {
  return Object.entries(selectors)
    .filter(([, selector]) => pages.some((html) => selectorMatches(html, selector)))
    .map(([key]) => key)
    .sort()
}

describe('IIJmio member-page simulator', () => {
  const simulator = new IijmioPortalSimulator()
  beforeAll(async () => {
    await simulator.start()
  })
  afterAll(() => simulator.stop())

  /** Signs in through the login page (which opens the session the form needs). */
  async function signedIn(): Promise<Visitor> {
    const visitor = new Visitor(simulator.baseUrl)
    await visitor.get('/auth/login/')
    const menu = await visitor.post('/auth/login/', { mioId: IIJMIO_MEMBER.mioId, password: IIJMIO_MEMBER.password })
    expect(menu.html).toContain('id="member-menu"')
    return visitor
  }

  it('carries every field and step marker the three flows name; the changed variant carries none', async () => {
    const pages = async () => {
      const visitor = new Visitor(simulator.baseUrl)
      const html = [(await visitor.get('/auth/login/')).html]
      await visitor.post('/auth/login/', { [simulator.variant === 'standard' ? 'mioId' : 'loginName']: IIJMIO_MEMBER.mioId, [simulator.variant === 'standard' ? 'password' : 'loginSecret']: IIJMIO_MEMBER.password })
      for (const path of ['/', '/service/setup/hdc/viewdailydata/', '/service/setup/voice/', '/service/setup/voice/pin/', '/auth/recover/', '/auth/recover/email', '/auth/recover/sim']) {
        html.push((await visitor.get(path)).html)
      }
      return html
    }
    const standard = await pages()
    simulator.variant = 'changed'
    const changed = await pages()
    simulator.variant = 'standard'
    for (const flowId of ['sign-in', 'network-pin', 'recover']) {
      const selectors = await flowSelectors('iijmio', flowId)
      // The recovery link and the pending PIN only appear after a submitted form: checked in the tests below.
      const always = Object.keys(selectors).filter((key) => !['delivery/on-screen', 'pending/on-screen'].includes(key)).sort()
      expect(matching(selectors, standard).filter((key) => always.includes(key)), flowId).toEqual(always)
      expect(matching(selectors, changed), flowId).toEqual([])
    }
  })

  it('answers a sign-in without its session cookie with ERROR_CODE_032, which the pack explains', async () => {
    const visitor = new Visitor(simulator.baseUrl)
    const page = await visitor.post('/auth/login/', { mioId: IIJMIO_MEMBER.mioId, password: IIJMIO_MEMBER.password })
    expect(alertOf(page.html)).toBe(IIJMIO_MESSAGES.sessionExpired)
    expect(await explained('iij-stick', 'sign-in', alertOf(page.html))).toEqual(['sign-in/session-expired'])
  })

  it('signs in with the mioID or the e-mail; a wrong password or a phone number as the ID is explained', async () => {
    const visitor = new Visitor(simulator.baseUrl)
    await visitor.get('/auth/login/')
    const wrong = await visitor.post('/auth/login/', { mioId: IIJMIO_MEMBER.mioId, password: 'nope' })
    expect(alertOf(wrong.html)).toBe(IIJMIO_MESSAGES.badCredentials)
    expect(await explained('iij-stick', 'sign-in', alertOf(wrong.html))).toEqual(['sign-in/bad-credentials'])
    const phone = await visitor.post('/auth/login/', { mioId: '080-1234-5678', password: IIJMIO_MEMBER.password })
    expect(alertOf(phone.html)).toBe(IIJMIO_MESSAGES.idForm)
    expect(await explained('iij-stick', 'sign-in', alertOf(phone.html))).toEqual(['sign-in/id-form'])
    const menu = await visitor.post('/auth/login/', { mioId: 'ma123456', password: IIJMIO_MEMBER.password })
    expect(menu.html).toContain('データ利用量照会')
    expect((await visitor.get('/service/setup/hdc/viewdailydata/')).html).toContain('id="usage"')

    const byEmail = new Visitor(simulator.baseUrl)
    await byEmail.get('/auth/login/')
    expect((await byEmail.post('/auth/login/', { mioId: IIJMIO_MEMBER.email, password: IIJMIO_MEMBER.password })).html).toContain('会員専用ページ')
  })

  it('network PIN: flags the default 1234, refuses each bad change with an explained error, and stays pending until the e-mail', async () => {
    const visitor = await signedIn()
    const voice = await visitor.get('/service/setup/voice/')
    expect(voice.html).toContain(IIJMIO_MESSAGES.pinDefault)
    expect(await explained('iij-stick', 'network-pin', IIJMIO_MESSAGES.pinDefault)).toEqual(['default-check/still-default'])
    const good = { mioId: IIJMIO_MEMBER.mioId, password: IIJMIO_MEMBER.password, currentPin: IIJMIO_DEFAULT_PIN, newPin: '4821', newPinConfirm: '4821' }
    const cases: Array<[Record<string, string>, string, string[]]> = [
      [{ ...good, password: 'nope' }, IIJMIO_MESSAGES.badCredentials, ['sign-in/bad-credentials', 'change/bad-credentials']],
      [{ ...good, currentPin: '0000' }, IIJMIO_MESSAGES.pinWrong, ['change/pin-wrong']],
      [{ ...good, newPin: '12345', newPinConfirm: '12345' }, IIJMIO_MESSAGES.pinFormat, ['change/pin-format']],
      [{ ...good, newPin: '48a1', newPinConfirm: '48a1' }, IIJMIO_MESSAGES.pinFormat, ['change/pin-format']],
      [{ ...good, newPinConfirm: '4822' }, IIJMIO_MESSAGES.pinMismatch, ['change/pin-mismatch']]
    ]
    for (const [form, message, known] of cases) {
      const page = await visitor.post('/service/setup/voice/pin/', form)
      expect(alertOf(page.html), message).toBe(message)
      expect(await explained('iij-stick', 'network-pin', message)).toEqual(known)
      expect((await portals.explain({ deviceId: 'iij-stick', flowId: 'network-pin', stepId: 'change', text: message })).matches[0]?.stepId).toBe('change')
    }
    expect(simulator.networkPin).toEqual({ current: IIJMIO_DEFAULT_PIN, pending: false })
    const accepted = await visitor.post('/service/setup/voice/pin/', good)
    expect(accepted.html).toContain(IIJMIO_MESSAGES.pinAccepted)
    expect(accepted.html).toContain('id="pin-pending"')
    // Not instant: the old PIN still applies and the voice page says the change is pending.
    expect(simulator.networkPin).toEqual({ current: IIJMIO_DEFAULT_PIN, pending: true })
    expect((await visitor.get('/service/setup/voice/')).html).toContain(IIJMIO_MESSAGES.pinPending)
    expect(await explained('iij-stick', 'network-pin', IIJMIO_MESSAGES.pinPending)).toEqual(['pending/change-pending'])
    expect(simulator.confirmPinChange()).toBe(true)
    expect(simulator.networkPin).toEqual({ current: '4821', pending: false })
    const after = (await visitor.get('/service/setup/voice/')).html
    expect(after).not.toContain(IIJMIO_MESSAGES.pinDefault)
    expect(after).toContain('id="pin-set"')
  })

  it('recovers the mioID by e-mail and name or by the prefilled SIM details, on screen for one hour or by post', async () => {
    const visitor = new Visitor(simulator.baseUrl)
    const noMatch = await visitor.post('/auth/recover/email', { email: IIJMIO_MEMBER.email, name: '別人' })
    expect(alertOf(noMatch.html)).toBe(IIJMIO_MESSAGES.recoverNoMatch)
    expect(await explained('iij-stick', 'recover', alertOf(noMatch.html))).toEqual(['by-email/no-match', 'by-sim/no-match'])
    const post = await visitor.post('/auth/recover/email', { email: IIJMIO_MEMBER.email, name: '山田花子', delivery: 'post' })
    expect(post.html).toContain(IIJMIO_MESSAGES.byPost)
    expect(post.html).toContain('id="recover-by-post"')

    // The values the plan prefills for this flow (the ICCID digits and the 11-digit number) are what the page takes.
    const plan = await portals.open({ deviceId: 'iij-stick', portalId: 'member', flowId: 'recover' })
    const bySim = plan.checklist.find((item) => item.stepId === 'by-sim')!
    const value = (fieldId: string) => bySim.values.find((item) => item.fieldId === fieldId)?.value ?? ''
    expect(value('iccid')).toBe(IIJMIO_MEMBER.iccid)
    expect(value('msisdn')).toBe(IIJMIO_MEMBER.msisdn)
    const wrongBirth = await visitor.post('/auth/recover/sim', { iccid: value('iccid'), msisdn: value('msisdn'), birthDate: '1990-04-02' })
    expect(await explained('iij-stick', 'recover', alertOf(wrongBirth.html))).toEqual(['by-email/no-match', 'by-sim/no-match'])
    const issuedAt = simulator.now()
    const linkPage = await visitor.post('/auth/recover/sim', { iccid: value('iccid'), msisdn: value('msisdn'), birthDate: IIJMIO_MEMBER.birthDate, delivery: 'screen' })
    expect(linkPage.html).toContain(IIJMIO_MESSAGES.linkIssued)
    const expiresAt = Date.parse(/data-expires-at="([^"]+)"/.exec(linkPage.html)?.[1] ?? '')
    // One hour from when the page was made (a few ms after issuedAt was read).
    expect(expiresAt - issuedAt).toBeGreaterThanOrEqual(60 * 60 * 1000)
    expect(expiresAt - issuedAt).toBeLessThan(60 * 60 * 1000 + 5000)
    const link = /href="(\/auth\/recover\/link\?token=[^"]+)"/.exec(linkPage.html)?.[1]
    expect(link).toBeDefined()
    expect((await visitor.get(link!)).html).toContain(IIJMIO_MEMBER.mioId)
    simulator.advanceClock(61 * 60 * 1000)
    const expired = await visitor.get(link!)
    expect(expired.status).toBe(410)
    expect(alertOf(expired.html)).toBe(IIJMIO_MESSAGES.linkExpired)
    expect(await explained('iij-stick', 'recover', alertOf(expired.html))).toEqual(['delivery/link-expired'])
  })

  it('every IIJmio error text maps to a known error with a next step in both languages', async () => {
    const errors = Object.entries(IIJMIO_MESSAGES).filter(([key]) => !['linkIssued', 'byPost', 'pinAccepted'].includes(key))
    for (const [key, text] of errors) {
      const matches = [
        ...(await portals.explain({ deviceId: 'iij-stick', flowId: 'sign-in', text })).matches,
        ...(await portals.explain({ deviceId: 'iij-stick', flowId: 'network-pin', text })).matches,
        ...(await portals.explain({ deviceId: 'iij-stick', flowId: 'recover', text, locale: 'ja' })).matches
      ]
      expect(matches.length, key).toBeGreaterThan(0)
      for (const match of matches) expect(match.error.nextStep.length, key).toBeGreaterThan(10)
    }
  })
})

describe('Rakuten Mobile simulator', () => {
  const simulator = new RakutenPortalSimulator()
  beforeAll(async () => {
    await simulator.start()
  })
  afterAll(() => simulator.stop())

  it('sends a signed-out visitor to the Rakuten ID sign-in, with every marker the sign-in flow names', async () => {
    const visitor = new Visitor(simulator.baseUrl)
    const page = await visitor.get('/')
    expect(page.url).toMatch(/\/sso\/authorize$/)
    expect(page.html).toContain('楽天IDでログインしてください')
    const ms = await visitor.get('/members-station/login')
    const dashboard = await visitor.post('/sso/authorize', { username: 'mnp-user', password: 'r-pass-2024' })
    const verify = new Visitor(simulator.baseUrl)
    const verifying = await verify.post('/sso/authorize', { username: 'verify-user', password: 'r-pass-2024' })
    const selectors = await flowSelectors('rakuten-mobile', 'sign-in')
    expect(matching(selectors, [page.html, ms.html, dashboard.html, verifying.html])).toEqual(Object.keys(selectors).sort())
    for (const [id] of RAKUTEN_SHORTCUTS) expect(dashboard.html).toContain(`id="shortcut-${id}"`)

    simulator.variant = 'changed'
    const changed = new Visitor(simulator.baseUrl)
    const pages = [(await changed.get('/')).html, (await changed.get('/members-station/login')).html]
    pages.push((await changed.post('/sso/authorize', { rid: 'rakuten-user', rsecret: 'r-pass-2024' })).html)
    simulator.variant = 'standard'
    expect(pages[2]).toContain('quick-menu')
    expect(matching(selectors, pages)).toEqual([])
  })

  it('explains each sign-in error: wrong password, phone number as the ID, locked ID, failed 発信認証, maintenance', async () => {
    const visitor = new Visitor(simulator.baseUrl)
    const wrong = await visitor.post('/sso/authorize', { username: 'rakuten-user', password: 'nope' })
    expect(alertOf(wrong.html)).toBe(RAKUTEN_MESSAGES.badCredentials)
    expect(await explained('rakuten-router', 'sign-in', alertOf(wrong.html))).toEqual(['rakuten-id/bad-credentials'])
    const phone = await visitor.post('/sso/authorize', { username: '090-1234-5678', password: 'r-pass-2024' })
    expect(alertOf(phone.html)).toBe(RAKUTEN_MESSAGES.phoneAsId)
    expect(await explained('rakuten-router', 'sign-in', alertOf(phone.html))).toEqual(['rakuten-id/phone-as-id'])
    const locked = await visitor.post('/sso/authorize', { username: 'locked-user', password: 'r-pass-2024' })
    expect(alertOf(locked.html)).toBe(RAKUTEN_MESSAGES.locked)
    expect(await explained('rakuten-router', 'sign-in', alertOf(locked.html))).toEqual(['rakuten-id/id-locked'])
    const verifying = await visitor.post('/sso/authorize', { username: 'verify-user', password: 'r-pass-2024' })
    expect(verifying.url).toMatch(/\/sso\/verify$/)
    const failed = await visitor.post('/sso/verify', {})
    expect(alertOf(failed.html)).toBe(RAKUTEN_MESSAGES.verifyFailed)
    expect(await explained('rakuten-router', 'sign-in', alertOf(failed.html))).toEqual(['phone-verification/verify-failed'])
    simulator.maintenance = true
    const down = await visitor.get('/')
    expect(down.status).toBe(503)
    expect(down.html).toContain('id="outage"')
    expect(await explained('rakuten-router', 'sign-in', alertOf(down.html))).toEqual(['rakuten-id/maintenance', 'shortcuts/outage'])
    simulator.maintenance = false
  })

  it('shows a line that is not active, and an MNP transfer waiting to be started', async () => {
    const fresh = new Visitor(simulator.baseUrl)
    const inactive = alertOf((await fresh.post('/sso/authorize', { username: 'new-line-user', password: 'r-pass-2024' })).html)
    expect(inactive).toBe(RAKUTEN_MESSAGES.notActive)
    expect(await explained('rakuten-router', 'sign-in', inactive)).toEqual(['shortcuts/line-not-active'])
    const mnp = new Visitor(simulator.baseUrl)
    const dashboard = await mnp.post('/sso/authorize', { username: 'mnp-user', password: 'r-pass-2024' })
    expect(alertOf(dashboard.html)).toBe(RAKUTEN_MESSAGES.mnpWaiting)
    const explainedMnp = await portals.explain({ deviceId: 'rakuten-router', flowId: 'sign-in', text: RAKUTEN_MESSAGES.mnpWaiting })
    expect(explainedMnp.matches.map((match) => `${match.stepId}/${match.error.id}`)).toEqual(['shortcuts/mnp-waiting'])
    expect(explainedMnp.matches[0]?.goToTitle).toBeDefined()
    expect(dashboard.html).toContain('id="start-transfer"')
    expect((await mnp.post('/mnp/start', {})).html).toContain(RAKUTEN_MESSAGES.mnpStarted)
    expect(alertOf((await mnp.get('/dashboard')).html)).toBeUndefined()
  })

  it('Members Station: the SIM number + password, or + SIM number; each refusal is explained', async () => {
    const visitor = new Visitor(simulator.baseUrl)
    const plan = await portals.explain({ deviceId: 'rakuten-router', flowId: 'sign-in', text: '' })
    expect(plan.matches).toEqual([])
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ loginId: '0312345678', msPassword: 'x' }, RAKUTEN_MESSAGES.msNumberForm, 'members-station/ms-number-form'],
      [{ loginId: RAKUTEN_MEMBERS_STATION.msisdn, msPassword: 'nope' }, RAKUTEN_MESSAGES.msBadCredentials, 'members-station/ms-bad-credentials'],
      [{ loginId: RAKUTEN_MEMBERS_STATION.msisdn, msPassword: '', simNumber: '8981090012345678915' }, RAKUTEN_MESSAGES.msSimMismatch, 'members-station/ms-sim-mismatch']
    ]
    for (const [form, message, known] of cases) {
      const page = await visitor.post('/members-station/login', form)
      expect(alertOf(page.html)).toBe(message)
      expect(await explained('rakuten-router', 'sign-in', message)).toEqual([known])
    }
    const bySim = await visitor.post('/members-station/login', { loginId: '+81 90-1234-5678', msPassword: '', simNumber: RAKUTEN_MEMBERS_STATION.simNumber })
    expect(bySim.html).toContain('id="members-station-menu"')
    const byPassword = await new Visitor(simulator.baseUrl).post('/members-station/login', { loginId: RAKUTEN_MEMBERS_STATION.msisdn, msPassword: RAKUTEN_MEMBERS_STATION.password })
    expect(byPassword.html).toContain('id="members-station-menu"')
  })

  it('every Rakuten error text maps to a known error with a next step', async () => {
    for (const [key, text] of Object.entries(RAKUTEN_MESSAGES).filter(([name]) => name !== 'mnpStarted')) {
      const { matches } = await portals.explain({ deviceId: 'rakuten-router', flowId: 'sign-in', text, locale: 'ja' })
      expect(matches.length, key).toBeGreaterThan(0)
      for (const match of matches) expect(match.error.nextStep.length, key).toBeGreaterThan(10)
    }
  })
})
