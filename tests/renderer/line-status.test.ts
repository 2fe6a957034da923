import { ContractError } from '@contract/errors'
import type { LineVerdict } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
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
    const link = app.get('[data-testid="line-status-portal"]')
    expect(link.attributes()).toMatchObject({ href: 'https://portal.example.jp/topup', target: '_blank', rel: 'noopener noreferrer' })
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

  it('shows a failed check as an error', async () => {
    const client = new FakeHostClient().handle('connectivity.check', () => {
      throw new ContractError('TIMEOUT', 'device did not answer')
    })
    const app = await mountCard(client)
    expect(app.get('[data-testid="line-status"]').attributes('data-status')).toBe('error')
    expect(app.get('[data-testid="line-status-error"]').text()).toContain('Could not check the line.')
  })
})
