// A step whose result expires (IIJmio's on-screen recovery link, valid one hour): the desktop view starts the
// countdown when it sees the step; in a browser tab the user starts it. It ticks down and says when the link
// has expired, in English and Japanese.
import type { CarrierPlan, PortalChanged } from '@contract/carrier'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { API_CLIENT_KEY } from '@renderer/api/client-context'
import PlanPanel from '@renderer/components/plan/PlanPanel.vue'
import StepCountdown from '@renderer/components/plan/StepCountdown.vue'
import { createAppI18n } from '@renderer/i18n'
import { usePlanStore } from '@renderer/stores/plan'
import { IDENTITY_ASK, PLAN, PORTAL_TAB, PORTAL_VIEW } from './plan-fixtures'
import { FakeHostClient } from './support/fake-client'
import { makeDevice } from './support/fixtures'
import { createTestPinia, flush, settle } from './support/mount-app'

const device = makeDevice({ capabilities: ['readSignal', 'ussd'] })
const SIM_KEY = 'ready|310260412055501|8901260412055501434|T-Mobile|home|310260'
/** The fixture plan with its "line" step handing out something valid for 60 minutes. */
const TIMED_PLAN: CarrierPlan = {
  ...PLAN,
  flows: PLAN.flows.map((flow) => ({ ...flow, steps: flow.steps.map((step) => (step.id === 'line' ? { ...step, validForMinutes: 60 } : step)) }))
}

describe('StepCountdown', () => {
  let missing: string[] = []
  afterEach(() => {
    vi.useRealTimers()
    expect(missing).toEqual([])
  })

  function mountCountdown(locale: 'en' | 'ja', deadline: number | undefined, now: () => number) {
    missing = []
    const i18n = createAppI18n(locale, { onMissing: (lang, key) => missing.push(`${lang}:${key}`) })
    return mount(StepCountdown, { props: { minutes: 60, deadline, now }, global: { plugins: [i18n] } })
  }

  it('offers to start, then counts down each second and says when the link expired', async () => {
    vi.useFakeTimers()
    let now = 1_000_000
    const idle = mountCountdown('en', undefined, () => now)
    expect(idle.attributes('data-state')).toBe('idle')
    expect(idle.text()).toContain('Start the 60-minute countdown')
    await idle.get('[data-testid="countdown-start"]').trigger('click')
    expect(idle.emitted('start')).toHaveLength(1)

    const running = mountCountdown('en', now + 60 * 60_000, () => now)
    expect(running.text()).toContain('another 60:00')
    now += 61_000
    vi.advanceTimersByTime(1000)
    await flush()
    expect(running.text()).toContain('another 58:59')
    now += 59 * 60_000
    vi.advanceTimersByTime(1000)
    await flush()
    expect(running.attributes('data-state')).toBe('expired')
    expect(running.text()).toContain('The link has expired')
  })

  it('speaks Japanese', () => {
    const now = 5_000
    expect(mountCountdown('ja', now + 90_000, () => now).text()).toContain('リンクの残り時間: 1:30')
    expect(mountCountdown('ja', now - 1, () => now).text()).toContain('リンクの有効期限が切れました')
    expect(mountCountdown('ja', undefined, () => now).text()).toContain('60分のカウントダウン')
  })
})

describe('countdowns in a portal session', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined

  beforeEach(() => {
    client = new FakeHostClient()
      .handle('carrier.identify', () => IDENTITY_ASK)
      .handle('carrier.plan', () => TIMED_PLAN)
      .handle('portal.open', () => PORTAL_TAB)
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
  })

  async function mountPanel() {
    const pinia = createTestPinia(client)
    const i18n = createAppI18n('en')
    const plan = usePlanStore(pinia)
    plan.start()
    plan.useTabOpener(() => undefined)
    await plan.identify('dev-1', SIM_KEY, 'en')
    wrapper = mount(PlanPanel, { global: { plugins: [pinia, i18n], provide: { [API_CLIENT_KEY]: client } }, attachTo: document.body, props: { device, simKey: SIM_KEY } })
    await settle()
    await wrapper.get('[data-testid="open-portal"][data-portal-id="mobile-internet"]').trigger('click')
    await settle()
    return { app: wrapper, plan }
  }

  const countdown = (app: VueWrapper) => app.get('[data-testid="checklist-item"][data-step-id="line"] [data-testid="step-countdown"]')

  it('desktop view: starts when the view reports the step, once', async () => {
    client.handle('portal.open', () => PORTAL_VIEW)
    const { app, plan } = await mountPanel()
    expect(countdown(app).attributes('data-state')).toBe('idle')
    // Only steps that hand out something timed have a countdown.
    expect(app.find('[data-testid="checklist-item"][data-step-id="sign-in"] [data-testid="step-countdown"]').exists()).toBe(false)
    const before = Date.now()
    const emit = (change: Omit<PortalChanged, 'deviceId' | 'portalId'>) => client.emit('portal.changed', { deviceId: 'dev-1', portalId: 'mobile-internet', ...change })
    emit({ kind: 'step', stepId: 'line' })
    await flush()
    const deadline = plan.sessionOf('dev-1', 'mobile-internet').deadlines.line ?? 0
    expect(deadline).toBeGreaterThanOrEqual(before + 60 * 60_000)
    expect(countdown(app).attributes('data-state')).toBe('running')
    emit({ kind: 'step', stepId: 'sign-in' })
    emit({ kind: 'step', stepId: 'line' })
    await flush()
    expect(plan.sessionOf('dev-1', 'mobile-internet').deadlines.line).toBe(deadline)
  })

  it('browser tab: the user starts it', async () => {
    const { app, plan } = await mountPanel()
    await countdown(app).get('[data-testid="countdown-start"]').trigger('click')
    await flush()
    expect(countdown(app).attributes('data-state')).toBe('running')
    expect(plan.sessionOf('dev-1', 'mobile-internet').deadlines.line).toBeGreaterThan(Date.now())
    // A step without validForMinutes never gets a deadline.
    plan.startCountdown('dev-1', 'mobile-internet', 'sign-in')
    expect(plan.sessionOf('dev-1', 'mobile-internet').deadlines['sign-in']).toBeUndefined()
  })
})
