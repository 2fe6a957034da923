import { ContractError } from '@contract/errors'
import type { LineVerdict } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import LineStatusCard from '@renderer/components/plan/LineStatusCard.vue'
import { FakeHostClient } from './support/fake-client'
import { makeDevice } from './support/fixtures'
import { mountOptions, settle } from './support/mount-app'

const device = makeDevice()
const CAPTIVE: LineVerdict = {
  kind: 'captive',
  remedy: 'open-portal',
  confidence: 'high',
  reason: 'Requests are redirected to the carrier’s top-up page.',
  evidence: [
    { key: 'data', text: 'Data session is up with an IPv4 address.' },
    { key: 'redirect', text: 'HTTP requests answer 302 to a carrier page.' }
  ],
  portalUrl: 'https://portal.example.jp/topup',
  probes: [],
  checkedAt: Date.UTC(2026, 0, 15, 12, 0, 0)
}

describe('Line status card', () => {
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  async function mountCard(client: FakeHostClient, desktop = false): Promise<VueWrapper> {
    const setup = mountOptions(client)
    missing = setup.missing
    wrapper = mount(LineStatusCard, { ...setup.options, props: { device, desktop } })
    await settle()
    return wrapper
  }

  it('checks without public probes and shows the verdict, evidence and the captive page link', async () => {
    const client = new FakeHostClient().handle('connectivity.check', () => CAPTIVE)
    const app = await mountCard(client)
    expect(client.callsTo('connectivity.check')).toEqual([{ deviceId: 'dev-1', probes: 'none' }])
    expect(app.get('[data-testid="line-status-kind"]').text()).toBe('The network sends you to a sign-in or top-up page.')
    expect(app.findAll('[data-testid="line-status-evidence"] li').map((li) => li.text())).toEqual(CAPTIVE.evidence.map((item) => item.text))
    const open = app.get('[data-testid="line-status-portal"]')
    expect(open.attributes('data-url')).toBe('https://portal.example.jp/topup')
    expect(app.find('[data-testid="line-status-check-public"]').exists()).toBe(false)
  })

  it('checks again on request; the public probe is offered only in the desktop app', async () => {
    let verdict: LineVerdict = { ...CAPTIVE, kind: 'no-plan', portalUrl: undefined, evidence: [] }
    const client = new FakeHostClient().handle('connectivity.check', () => verdict)
    const app = await mountCard(client, true)
    expect(app.get('[data-testid="line-status-kind"]').text()).toBe('No active plan or data left on this line.')
    expect(app.find('[data-testid="line-status-portal"]').exists()).toBe(false)
    verdict = { ...verdict, kind: 'online' }
    await app.get('[data-testid="line-status-check"]').trigger('click')
    await settle()
    expect(app.get('[data-testid="line-status-kind"]').text()).toBe('Online: data is flowing.')
    await app.get('[data-testid="line-status-check-public"]').trigger('click')
    await settle()
    expect(client.callsTo('connectivity.check')).toEqual([
      { deviceId: 'dev-1', probes: 'none' },
      { deviceId: 'dev-1', probes: 'none' },
      { deviceId: 'dev-1', probes: 'public' }
    ])
  })

  it('opens the plain-http captive page through the host: a new tab in serve mode, the app’s view on the desktop', async () => {
    const url = 'http://buy.carrier.example/passes?reason=no-plan'
    const opened: string[] = []
    const spy = vi.spyOn(window, 'open').mockImplementation((target) => {
      opened.push(String(target))
      return null
    })
    try {
      let mode: 'tab' | 'view' = 'tab'
      const client = new FakeHostClient()
        .handle('connectivity.check', () => ({ ...CAPTIVE, portalUrl: url }))
        .handle('portal.openCaptive', (params) => ({ mode, url: params.url, automation: 'none' as const, checklist: [] }))
      const app = await mountCard(client)
      await app.get('[data-testid="line-status-portal"]').trigger('click')
      await settle()
      expect(client.callsTo('portal.openCaptive')).toEqual([{ deviceId: 'dev-1', url, locale: 'en' }])
      expect(opened).toEqual([url])
      expect(spy.mock.calls[0]?.slice(1)).toEqual(['_blank', 'noopener,noreferrer'])
      mode = 'view'
      await app.get('[data-testid="line-status-portal"]').trigger('click')
      await settle()
      expect(opened).toHaveLength(1)
      expect(client.callsTo('portal.openCaptive')).toHaveLength(2)
    } finally {
      spy.mockRestore()
    }
  })

  it('says why the host refused to open the page', async () => {
    const client = new FakeHostClient()
      .handle('connectivity.check', () => CAPTIVE)
      .handle('portal.openCaptive', () => {
        throw new ContractError('BAD_INPUT', 'Only the page the last line check was sent to can be opened here.')
      })
    const app = await mountCard(client)
    await app.get('[data-testid="line-status-portal"]').trigger('click')
    await settle()
    expect(app.get('[data-testid="line-status-portal-error"]').text()).toContain('The portal could not be opened.')
  })

  it('shows a failed check as an error', async () => {
    const client = new FakeHostClient().handle('connectivity.check', () => {
      throw new ContractError('TIMEOUT', 'device did not answer')
    })
    const app = await mountCard(client)
    expect(app.get('[data-testid="line-status"]').attributes('data-status')).toBe('error')
    expect(app.get('[data-testid="line-status-error"]').text()).toContain('Could not check the line.')
  })
})
