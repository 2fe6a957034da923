// Plan & refill in the dashboard: the tab appears once the host has identified the SIM's carrier (or needs the
// user to pick it), the carrier card with roaming and confidence, the user's pick sent with every request, flows
// with prefilled values and copy buttons, dated and unverified facts marked, troubleshooters with answers and
// remedies, the pack's USSD quick codes in the USSD panel — in English and Japanese.
import { ContractError } from '@contract/errors'
import type { ParamsOf } from '@contract/methods'
import type { DeviceStatus, UssdReply } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import DeviceDashboard from '@renderer/components/DeviceDashboard.vue'
import { simKeyOf } from '@renderer/stores/plan'
import type { AppLocale } from '@renderer/stores/settings'
import { IDENTITY_ASK, IDENTITY_CHOSEN, PLAN, troubleshoot } from './plan-fixtures'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { mountOptions, settle } from './support/mount-app'

const device = makeDevice({ capabilities: ['readIdentity', 'readMsisdn', 'readSignal', 'apnRead', 'apnWrite', 'ussd'] })
const TMOBILE_SIM: Partial<DeviceStatus> = {
  sim: { state: 'ready', iccid: '8901260412055501434', imsi: '310260412055501', msisdn: '+12065550143', msisdnSource: 'device', spn: 'T-Mobile' },
  registration: { state: 'home', operatorName: 'T-Mobile', plmn: '310260' }
}

describe('Plan & refill', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    client = new FakeHostClient()
      .handle('carrier.identify', (params) => (params.brand ? IDENTITY_CHOSEN : IDENTITY_ASK))
      .handle('carrier.plan', () => PLAN)
      .handle('carrier.troubleshoot', (params) => troubleshoot(params.answers ?? {}))
      .handle('apn.list', () => ({ profiles: [] }))
      .handle('apn.suggest', () => ({ suggestions: [] }))
      .handle('ussd.send', (): UssdReply => ({ text: 'Balance: 12.00', sessionOpen: false }))
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  async function mountDashboard(reading: DeviceStatus | null = makeStatus(TMOBILE_SIM), locale: AppLocale = 'en'): Promise<VueWrapper> {
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(DeviceDashboard, { ...setup.options, props: { device, reading } })
    await settle()
    return wrapper
  }

  const tabNames = (app: VueWrapper) => app.findAll('[role="tab"]').map((tab) => tab.attributes('data-tab'))

  async function openPlan(app: VueWrapper): Promise<void> {
    await app.get('[data-testid="tab-plan"]').trigger('click')
    await settle()
  }

  it('adds the tab once the SIM’s carrier is identified, and asks the host again only when the SIM changes', async () => {
    const app = await mountDashboard()
    expect(tabNames(app)).toEqual(['overview', 'plan', 'apn', 'ussd', 'history', 'tools'])
    expect(client.callsTo('carrier.identify')).toEqual([{ deviceId: 'dev-1', locale: 'en' }])
    // The plan is fetched for the quick codes even before the tab is opened.
    expect(client.callsTo('carrier.plan')).toEqual([{ deviceId: 'dev-1', locale: 'en' }])

    await app.setProps({ reading: makeStatus({ ...TMOBILE_SIM, updatedAt: Date.now() }) })
    await settle()
    expect(client.callsTo('carrier.identify')).toHaveLength(1)
    await app.setProps({ reading: makeStatus({ ...TMOBILE_SIM, registration: { state: 'roaming', plmn: '44010' } }) })
    await settle()
    expect(client.callsTo('carrier.identify')).toHaveLength(2)
  })

  it('has no tab without a SIM, or when the host cannot identify it', async () => {
    const noSim = await mountDashboard(makeStatus({ sim: { state: 'absent' } }))
    expect(tabNames(noSim)).toEqual(['overview', 'apn', 'ussd', 'history', 'tools'])
    expect(client.callsTo('carrier.identify')).toEqual([])
    wrapper?.unmount()

    client.handle('carrier.identify', () => {
      throw new ContractError('INTERNAL', 'boom')
    })
    const failing = await mountDashboard()
    expect(tabNames(failing)).toEqual(['overview', 'apn', 'ussd', 'history', 'tools'])
    expect(simKeyOf(makeStatus({ sim: { state: 'pin-required' } }))).toBe('')
  })

  it('shows the carrier, roaming and confidence, and asks the user to confirm the brand', async () => {
    const app = await mountDashboard()
    await openPlan(app)
    const card = app.get('[data-testid="carrier-identity"]')
    expect(card.get('[data-testid="carrier-name"]').text()).toBe('T-Mobile prepaid')
    expect(card.get('[data-testid="carrier-confidence"]').text()).toBe('Best guess')
    expect(card.get('[data-testid="carrier-roaming"]').text()).toBe('Home network')
    expect(card.get('[data-testid="carrier-evidence"]').text()).toContain('Home network from the IMSI: 310-260')
    const options = card.findAll('[data-testid="carrier-pick"] option').map((option) => option.text())
    expect(options).toEqual(['T-Mobile prepaid (T-Mobile US (prepaid))', 'Metro by T-Mobile (T-Mobile US (prepaid))', 'Mint Mobile (Mint Mobile)'])
    expect((card.get('[data-testid="carrier-pick"]').element as HTMLSelectElement).value).toBe('tmobile-us-prepaid/tmobile')

    await card.get('[data-testid="carrier-confirm"]').trigger('click')
    await settle()
    const brand = { packId: 'tmobile-us-prepaid', brandId: 'tmobile' }
    expect(client.callsTo('carrier.identify').at(-1)).toEqual({ deviceId: 'dev-1', locale: 'en', brand })
    expect(client.callsTo('carrier.plan').at(-1)).toEqual({ deviceId: 'dev-1', locale: 'en', brand })
    expect(app.find('[data-testid="carrier-ask"]').exists()).toBe(false)
    expect(app.get('[data-testid="carrier-chosen"]').text()).toContain('You chose this carrier.')
  })

  it('lists the flows with the device’s number as the portal wants it, copyable', async () => {
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const app = await mountDashboard()
    await openPlan(app)
    const flow = app.get('[data-testid="plan-flow"][data-flow-id="hotspot-portal"]')
    expect(flow.get('[data-testid="flow-notice"]').text()).toContain('not known')
    expect(flow.get('[data-testid="portal-status"]').attributes('data-status')).toBe('unknown')
    const number = flow.get('[data-step-id="number"] [data-testid="flow-field"]')
    expect(number.get('[data-testid="prefilled-value"]').text()).toBe('2065550143')
    await number.get('[data-testid="copy-prefilled"]').trigger('click')
    await settle()
    expect(writeText).toHaveBeenCalledWith('2065550143')
    expect(flow.get('[data-step-id="sign-in"] [data-field-id="password"]').text()).toContain('never stores it')
    // Other portals (no flow of their own) can be opened too.
    expect(app.get('[data-testid="plan-portal"][data-portal-id="my-tmobile"]').text()).toContain('My T-Mobile')
    expect(app.get('[data-testid="plan-phone-codes"]').text()).toContain('text “REFILL” to 7777')
  })

  it('marks dated prices and unverified advice', async () => {
    const app = await mountDashboard()
    await openPlan(app)
    const prices = app.get('[data-testid="flow-warning"][data-warning-id="prices-2013"]')
    expect(prices.get('[data-testid="fact-unverified"]').text()).toBe('Unverified')
    expect(prices.get('[data-testid="fact-dated"]').text()).toBe('As of 2013')
    const fact = app.get('[data-testid="plan-fact"][data-fact-id="pass-prices-2013"]')
    expect(fact.find('[data-testid="fact-dated"]').exists()).toBe(true)
    // A verified step carries no mark.
    expect(app.get('[data-testid="flow-step"][data-step-id="buy-pass"] .flow-step__head').find('[data-testid="fact-unverified"]').exists()).toBe(false)
  })

  it('runs a troubleshooter: facts decide, answers re-run it, a remedy sends its code in the USSD section', async () => {
    const app = await mountDashboard()
    await openPlan(app)
    const noData = app.get('[data-testid="troubleshooter"][data-troubleshooter-id="no-data"]')
    await noData.get('[data-testid="troubleshooter-start"]').trigger('click')
    await settle()
    expect(client.callsTo('carrier.troubleshoot')).toEqual([{ deviceId: 'dev-1', troubleshooterId: 'no-data', answers: {}, locale: 'en' }])
    const check = (id: string) => app.get(`[data-testid="trouble-check"][data-check-id="${id}"]`)
    expect(check('registered').attributes('data-status')).toBe('passed')
    expect(check('registered').text()).toContain('Registration: home')
    expect(check('renewal').attributes('data-status')).toBe('ask')

    await check('renewal').get('[data-testid="trouble-yes"]').trigger('click')
    await settle()
    expect(client.callsTo('carrier.troubleshoot').at(-1)).toMatchObject({ answers: { renewal: 'yes' } })
    expect(check('renewal').attributes('data-status')).toBe('failed')
    expect(check('renewal').get('[data-testid="trouble-yes"]').attributes('aria-pressed')).toBe('true')
    // In the browser the portal's cookies are the browser's: the remedy says where to clear them.
    expect(check('portal-data').find('[data-testid="trouble-remedy"]').exists()).toBe(false)
    await check('portal-data').get('[data-testid="trouble-yes"]').trigger('click')
    await settle()
    expect(client.callsTo('carrier.troubleshoot').at(-1)).toMatchObject({ answers: { renewal: 'yes', 'portal-data': 'yes' } })
    expect(check('portal-data').get('[data-testid="trouble-remedy"]').text()).toContain('clear the carrier site’s data')

    await check('renewal').get('[data-testid="trouble-action"]').trigger('click')
    await settle()
    expect(client.callsTo('ussd.send')).toEqual([{ deviceId: 'dev-1', code: '#225#' }])
    expect(app.get('[data-testid="tab-ussd"]').attributes('aria-selected')).toBe('true')
  })

  it('in the desktop app, a troubleshooter clears the portal’s data itself', async () => {
    client.handle('carrier.plan', () => ({ ...PLAN, portalMode: 'view' as const })).handle('portal.clearData', () => ({ cleared: true }))
    const app = await mountDashboard()
    await openPlan(app)
    await app.get('[data-testid="troubleshooter"][data-troubleshooter-id="no-data"] [data-testid="troubleshooter-start"]').trigger('click')
    await settle()
    const check = app.get('[data-testid="trouble-check"][data-check-id="portal-data"]')
    await check.get('[data-testid="trouble-yes"]').trigger('click')
    await settle()
    await app.get('[data-testid="trouble-check"][data-check-id="portal-data"] [data-testid="trouble-action"]').trigger('click')
    await settle()
    expect(client.callsTo('portal.clearData')).toEqual([{ deviceId: 'dev-1', portalId: 'mobile-internet' }])
    expect(app.get('[data-testid="trouble-cleared"]').text()).toBe('The portal’s data was cleared.')
  })

  it('puts the pack’s USSD codes (not dial or SMS codes) into the USSD panel', async () => {
    const app = await mountDashboard()
    await app.get('[data-testid="tab-ussd"]').trigger('click')
    await settle()
    const buttons = app.findAll('[data-testid="ussd-quick-code"]')
    expect(buttons.map((button) => button.attributes('data-code'))).toEqual(['#225#', '#932#'])
    expect(app.get('[data-testid="ussd-quick-codes"]').text()).toContain('Codes for T-Mobile prepaid')
    await buttons[1]!.trigger('click')
    await settle()
    expect(client.callsTo('ussd.send')).toEqual([{ deviceId: 'dev-1', code: '#932#' }])
  })

  it('says when the carrier has no USSD codes at all', async () => {
    client.handle('carrier.plan', () => ({ ...PLAN, quickCodes: [], noUssd: 'IIJmio has no USSD codes; use the app.' }))
    const app = await mountDashboard()
    await app.get('[data-testid="tab-ussd"]').trigger('click')
    await settle()
    expect(app.get('[data-testid="ussd-no-codes"]').text()).toBe('IIJmio has no USSD codes; use the app.')
  })

  it('asks in Japanese and shows the area in Japanese', async () => {
    const app = await mountDashboard(makeStatus(TMOBILE_SIM), 'ja')
    expect(client.callsTo('carrier.identify')).toEqual([{ deviceId: 'dev-1', locale: 'ja' }])
    expect(app.get('[data-testid="tab-plan"]').text()).toBe('プランとチャージ')
    await openPlan(app)
    expect(app.get('[data-testid="carrier-confidence"]').text()).toBe('推定')
    expect(app.get('[data-testid="carrier-ask"]').text()).toContain('この事業者で合っていますか?')
    const prices = app.get('[data-testid="flow-warning"][data-warning-id="prices-2013"]')
    expect(prices.get('[data-testid="fact-unverified"]').text()).toBe('未確認')
    expect(prices.get('[data-testid="fact-dated"]').text()).toBe('2013年時点')
    expect(app.get('[data-testid="open-portal"][data-portal-id="mobile-internet"]').text()).toBe('新しいタブでポータルを開く')
  })

  it('shows a plan that could not load with what to do, and retries', async () => {
    let fail = true
    client.handle('carrier.plan', () => {
      if (fail) throw new ContractError('TIMEOUT', 'slow')
      return PLAN
    })
    const app = await mountDashboard()
    await openPlan(app)
    expect(app.get('[data-testid="plan-panel"]').attributes('data-plan-status')).toBe('error')
    expect(app.get('[data-error-code="TIMEOUT"]').text()).toContain('Could not load the carrier’s steps.')
    fail = false
    await app.get('.plan-panel__retry').trigger('click')
    await settle()
    expect(app.find('[data-testid="plan-flow"]').exists()).toBe(true)
  })
})

// Keep the params type honest: identify accepts the pick.
const _typecheck: ParamsOf<'carrier.identify'> = { deviceId: 'x', brand: { packId: 'p', brandId: 'b' } }
void _typecheck
