// Opening a carrier portal from a flow. Serve mode: the host hands back the address, the page opens it in a new
// tab (noopener) and shows the checklist with copy buttons; an error text pasted from the portal is explained
// and its step highlighted. Desktop: the app's own view, followed through portal.changed — steps tick,
// "selectors-missing" switches to the checklist, blocked pages and closing are reported — and "Clear this
// portal's data" after a confirmation.
import { ContractError } from '@contract/errors'
import type { PortalChanged, PortalOpenResult } from '@contract/carrier'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { API_CLIENT_KEY } from '@renderer/api/client-context'
import PlanPanel from '@renderer/components/plan/PlanPanel.vue'
import { createAppI18n } from '@renderer/i18n'
import { usePlanStore } from '@renderer/stores/plan'
import { IDENTITY_ASK, PLAN, PORTAL_TAB, PORTAL_VIEW, WRONG_NUMBER } from './plan-fixtures'
import { FakeHostClient } from './support/fake-client'
import { makeDevice } from './support/fixtures'
import { createTestPinia, flush, settle } from './support/mount-app'

const device = makeDevice({ capabilities: ['readSignal', 'ussd'] })
const SIM_KEY = 'ready|310260412055501|8901260412055501434|T-Mobile|home|310260'

describe('portals from Plan & refill', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined
  let missing: string[] = []
  let opened: string[]

  beforeEach(() => {
    opened = []
    client = new FakeHostClient()
      .handle('carrier.identify', () => IDENTITY_ASK)
      .handle('carrier.plan', () => PLAN)
      .handle('portal.open', () => PORTAL_TAB)
      .handle('portal.explainError', (params) => ({ matches: params.text.includes('not found') ? [WRONG_NUMBER] : [] }))
      .handle('portal.close', () => ({ closed: true }))
      .handle('portal.clearData', () => ({ cleared: true }))
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    vi.restoreAllMocks()
    expect(missing).toEqual([])
  })

  /** Pinia on an app that provides the client (so the store can be driven directly), plus i18n for mounting. */
  function setupApp(locale: 'en' | 'ja') {
    missing = []
    const pinia = createTestPinia(client)
    const i18n = createAppI18n(locale, { onMissing: (lang, key) => missing.push(`${lang}:${key}`) })
    return { pinia, options: { global: { plugins: [pinia, i18n], provide: { [API_CLIENT_KEY]: client } }, attachTo: document.body } }
  }

  async function mountPanel(locale: 'en' | 'ja' = 'en'): Promise<VueWrapper> {
    const setup = setupApp(locale)
    const plan = usePlanStore(setup.pinia)
    plan.start()
    plan.useTabOpener((url) => opened.push(url))
    await plan.identify('dev-1', SIM_KEY, locale)
    wrapper = mount(PlanPanel, { ...setup.options, props: { device, simKey: SIM_KEY } })
    await settle()
    return wrapper
  }

  async function openHotspotPortal(app: VueWrapper): Promise<void> {
    await app.get('[data-testid="open-portal"][data-portal-id="mobile-internet"]').trigger('click')
    await settle()
  }

  const item = (app: VueWrapper, stepId: string) => app.get(`[data-testid="checklist-item"][data-step-id="${stepId}"]`)

  it('serve mode: opens the address in a new tab and shows the checklist with the number to copy', async () => {
    const app = await mountPanel()
    await openHotspotPortal(app)
    expect(client.callsTo('portal.open')).toEqual([{ deviceId: 'dev-1', portalId: 'mobile-internet', flowId: 'hotspot-portal', locale: 'en' }])
    expect(opened).toEqual(['http://127.0.0.1:5123/primary/openPage'])
    const session = app.get('[data-testid="portal-session"]')
    expect(session.attributes()).toMatchObject({ 'data-mode': 'tab', 'data-status': 'open', 'data-fallback': 'true' })
    expect(session.get('[data-testid="portal-tab-opened"]').text()).toContain('opened in a new browser tab')
    const link = session.get('[data-testid="portal-link"]')
    expect(link.attributes()).toMatchObject({ href: 'http://127.0.0.1:5123/primary/openPage', target: '_blank', rel: 'noopener noreferrer' })
    expect(session.findAll('[data-testid="checklist-item"]').map((entry) => entry.attributes('data-step-id'))).toEqual(['number', 'sign-in', 'line'])
    expect(item(app, 'number').get('[data-testid="checklist-value"]').text()).toContain('2065550143')
    expect(item(app, 'number').find('[data-testid="checklist-copy"]').exists()).toBe(true)
    expect(item(app, 'sign-in').get('[data-field-id="password"]').text()).toContain('never stores it')
    // The browser's cookies are not ours to clear: say where to do it instead of offering a button.
    expect(session.find('[data-testid="portal-clear"]').exists()).toBe(false)
    expect(session.get('[data-testid="portal-clear-browser"]').text()).toContain('browser’s settings')
  })

  it('uses window.open with noopener and noreferrer by default', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    const plan = usePlanStore(setupApp('en').pinia)
    await plan.identify('dev-1', SIM_KEY, 'en')
    await plan.openPortal('dev-1', 'mobile-internet', 'hotspot-portal', 'en')
    expect(open).toHaveBeenCalledWith('http://127.0.0.1:5123/primary/openPage', '_blank', 'noopener,noreferrer')
  })

  it('explains what the portal said and points at the step to go back to', async () => {
    const app = await mountPanel()
    await openHotspotPortal(app)
    await app.get('[data-testid="portal-error-text"]').setValue('  The phone number you entered was not found.  ')
    await app.get('[data-testid="portal-explain"]').trigger('submit')
    await settle()
    expect(client.callsTo('portal.explainError')).toEqual([
      { deviceId: 'dev-1', flowId: 'hotspot-portal', text: 'The phone number you entered was not found.', locale: 'en' }
    ])
    const match = app.get('[data-testid="explained-error"]')
    expect(match.attributes('data-go-to')).toBe('number')
    expect(match.text()).toContain('T-Mobile does not recognise this number.')
    expect(match.text()).toContain('Check the 10 digits.')
    expect(match.text()).toContain('On “Choose the line”')
    expect(item(app, 'number').attributes('data-state')).toBe('highlight')
    expect(item(app, 'number').get('[data-testid="checklist-highlight"]').text()).toBe('Go here next')

    await app.get('[data-testid="portal-error-text"]').setValue('Something else entirely')
    await app.get('[data-testid="portal-explain"]').trigger('submit')
    await settle()
    expect(app.get('[data-testid="explain-none"]').text()).toContain('does not recognise this message')
  })

  it('desktop view: ticks the steps the view reports and switches to the checklist when selectors stop matching', async () => {
    client.handle('portal.open', () => PORTAL_VIEW)
    const app = await mountPanel()
    await openHotspotPortal(app)
    expect(opened).toEqual([])
    const session = () => app.get('[data-testid="portal-session"]')
    expect(session().attributes()).toMatchObject({ 'data-mode': 'view', 'data-fallback': 'false' })
    expect(session().get('[data-testid="portal-view-open"]').text()).toContain('open in its own window')
    expect(session().get('[data-testid="portal-checklist"]').attributes('data-guided')).toBe('true')
    expect(item(app, 'line').text()).toContain('Filled in for you')

    const emit = (change: Omit<PortalChanged, 'deviceId' | 'portalId'> & Partial<PortalChanged>) =>
      client.emit('portal.changed', { deviceId: 'dev-1', portalId: 'mobile-internet', ...change })
    emit({ kind: 'opened', url: 'https://mim.t-mobile.com/primary/openPage' })
    emit({ kind: 'step', stepId: 'sign-in' })
    await flush()
    expect(item(app, 'sign-in').attributes('data-state')).toBe('current')
    emit({ kind: 'step', stepId: 'line' })
    // Another device's or portal's events change nothing here.
    emit({ deviceId: 'dev-2', kind: 'selectors-missing' })
    emit({ portalId: 'my-tmobile', kind: 'closed' })
    await flush()
    expect(item(app, 'sign-in').attributes('data-state')).toBe('done')
    expect(item(app, 'line').attributes('data-state')).toBe('current')
    // The flow's own step list follows too.
    expect(app.get('[data-testid="flow-step"][data-step-id="sign-in"]').attributes('data-state')).toBe('done')
    expect(session().attributes('data-fallback')).toBe('false')

    emit({ kind: 'selectors-missing', detail: 'no field for [name="msisdnChoice"]' })
    await flush()
    expect(session().attributes('data-fallback')).toBe('true')
    expect(session().get('[data-testid="portal-fallback"]').text()).toContain('The portal page has changed')
    expect(session().get('[data-testid="portal-checklist"]').attributes('data-guided')).toBe('false')
    expect(item(app, 'line').find('[data-testid="checklist-copy"]').exists()).toBe(true)

    emit({ kind: 'blocked', url: 'https://tracker.example.net/' })
    await flush()
    expect(session().get('[data-testid="portal-notice"]').text()).toContain('https://tracker.example.net/')
    emit({ kind: 'closed' })
    await flush()
    expect(session().attributes('data-status')).toBe('closed')
  })

  it('desktop view: closes the portal and clears its data after confirmation', async () => {
    client.handle('portal.open', () => PORTAL_VIEW)
    const app = await mountPanel()
    await openHotspotPortal(app)
    await app.get('[data-testid="portal-close"]').trigger('click')
    await settle()
    expect(client.callsTo('portal.close')).toEqual([{ deviceId: 'dev-1', portalId: 'mobile-internet' }])
    expect(app.get('[data-testid="portal-session"]').attributes('data-status')).toBe('closed')

    await app.get('[data-testid="portal-clear"]').trigger('click')
    await settle()
    expect(client.callsTo('portal.clearData')).toEqual([])
    const accept = document.querySelector<HTMLButtonElement>('[data-testid="confirm-accept"]')
    expect(document.body.textContent).toContain('Clear this portal’s data?')
    accept?.click()
    await settle()
    expect(client.callsTo('portal.clearData')).toEqual([{ deviceId: 'dev-1', portalId: 'mobile-internet' }])
    expect(app.get('[data-testid="portal-cleared"]').text()).toBe('The portal’s data was cleared.')
  })

  it('starts with the checklist when the pack knows no selectors for the flow', async () => {
    const none: PortalOpenResult = { ...PORTAL_VIEW, automation: 'none' }
    client.handle('portal.open', () => none)
    const app = await mountPanel()
    await openHotspotPortal(app)
    expect(app.get('[data-testid="portal-checklist-only"]').text()).toContain('cannot follow this portal’s pages')
    expect(app.get('[data-testid="portal-session"]').attributes('data-fallback')).toBe('true')
  })

  it('says why a portal could not be opened', async () => {
    client.handle('portal.open', () => {
      throw new ContractError('UNSUPPORTED', 'The carrier pack lists no address.')
    })
    const app = await mountPanel()
    await openHotspotPortal(app)
    expect(opened).toEqual([])
    const session = app.get('[data-testid="portal-session"]')
    expect(session.attributes('data-status')).toBe('error')
    expect(session.get('[data-error-code="UNSUPPORTED"]').text()).toContain('The portal could not be opened.')
  })

  it('opens a portal that has no flow of its own, with an empty checklist', async () => {
    client.handle('portal.open', () => ({ mode: 'tab', url: 'https://my.t-mobile.com/', automation: 'none', checklist: [] }))
    const app = await mountPanel()
    await app.get('[data-testid="open-portal"][data-portal-id="my-tmobile"]').trigger('click')
    await settle()
    expect(client.callsTo('portal.open')).toEqual([{ deviceId: 'dev-1', portalId: 'my-tmobile', locale: 'en' }])
    expect(opened).toEqual(['https://my.t-mobile.com/'])
    expect(app.get('[data-testid="plan-portal"][data-portal-id="my-tmobile"] [data-testid="portal-session"]').attributes('data-mode')).toBe('tab')
  })

  it('shows the open checklist in the UI’s language when it changes', async () => {
    const japanese = structuredClone(PLAN)
    japanese.flows[0]!.steps[0]!.title = '回線の電話番号'
    japanese.flows[0]!.steps[0]!.fields[0]!.label = '電話番号(10桁)'
    client.handle('carrier.plan', (params) => (params.locale === 'ja' ? japanese : PLAN))
    const setup = setupApp('en')
    const plan = usePlanStore(setup.pinia)
    plan.useTabOpener((url) => opened.push(url))
    await plan.identify('dev-1', SIM_KEY, 'en')
    wrapper = mount(PlanPanel, { ...setup.options, props: { device, simKey: SIM_KEY } })
    await settle()
    await openHotspotPortal(wrapper)
    expect(item(wrapper, 'number').text()).toContain('The line’s phone number')
    const i18n = setup.options.global.plugins[1] as { global: { locale: { value: string } } }
    i18n.global.locale.value = 'ja'
    await settle()
    expect(client.callsTo('carrier.plan').at(-1)).toEqual({ deviceId: 'dev-1', locale: 'ja' })
    expect(item(wrapper, 'number').text()).toContain('回線の電話番号')
    expect(item(wrapper, 'number').text()).toContain('電話番号(10桁)')
    expect(item(wrapper, 'number').text()).toContain('2065550143')
    expect(client.callsTo('portal.open')).toHaveLength(1)
  })

  it('speaks Japanese', async () => {
    const app = await mountPanel('ja')
    await openHotspotPortal(app)
    expect(client.callsTo('portal.open')).toEqual([{ deviceId: 'dev-1', portalId: 'mobile-internet', flowId: 'hotspot-portal', locale: 'ja' }])
    expect(app.get('[data-testid="portal-tab-opened"]').text()).toContain('新しいブラウザータブで開きました')
    expect(app.get('[data-testid="explain-error"]').text()).toBe('調べる')
  })
})
