// Plan & refill shows the last plan facts the host read from a USSD reply (carrier.plan's lastReading): when the
// pass ends, from which code, read when — in English and Japanese; nothing when the host has read none.
import type { CarrierPlan } from '@contract/carrier'
import type { DeviceStatus } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import DeviceDashboard from '@renderer/components/DeviceDashboard.vue'
import type { AppLocale } from '@renderer/stores/settings'
import { IDENTITY_ASK, PLAN } from './plan-fixtures'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { mountOptions, settle } from './support/mount-app'

const device = makeDevice({ capabilities: ['readIdentity', 'readSignal', 'ussd'] })
const TMOBILE_SIM: Partial<DeviceStatus> = {
  sim: { state: 'ready', iccid: '8901260412055501434', imsi: '310260412055501', msisdn: '+12065550143', msisdnSource: 'device', spn: 'T-Mobile' },
  registration: { state: 'home', operatorName: 'T-Mobile', plmn: '310260' }
}
const READ: CarrierPlan = {
  ...PLAN,
  lastReading: { code: '#932#', readAt: '2026-12-03T12:00:00.000Z', dataLeft: '1.5GB', renewal: { iso: '2026-12-05', text: '12/05/26' } }
}

describe('Plan & refill: the last USSD reading', () => {
  let wrapper: VueWrapper | undefined
  let missing: string[] = []
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  async function planTab(plan: CarrierPlan, locale: AppLocale): Promise<VueWrapper> {
    const client = new FakeHostClient()
      .handle('carrier.identify', () => IDENTITY_ASK)
      .handle('carrier.plan', () => plan)
      .handle('apn.list', () => ({ profiles: [] }))
      .handle('apn.suggest', () => ({ suggestions: [] }))
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(DeviceDashboard, { ...setup.options, props: { device, reading: makeStatus(TMOBILE_SIM) } })
    await settle()
    await wrapper.get('[data-testid="tab-plan"]').trigger('click')
    await settle()
    return wrapper
  }

  it('says when the pass ends, from which code and when it was read', async () => {
    const app = await planTab(READ, 'en')
    const line = app.get('[data-testid="plan-pass-ends"]').text()
    expect(line).toMatch(/^Pass ends Dec 5, 2026 \(from #932#, read .+\)$/)
    expect(app.get('[data-testid="plan-last-reading"]').text()).toContain('Data left: 1.5GB')
  })

  it('in Japanese', async () => {
    const app = await planTab(READ, 'ja')
    expect(app.get('[data-testid="plan-pass-ends"]').text()).toMatch(/^パスの期限: 2026\/12\/05（#932# で確認、.+ 取得）$/)
  })

  it('shows nothing when the host has read no reply', async () => {
    const app = await planTab(PLAN, 'en')
    expect(app.find('[data-testid="plan-last-reading"]').exists()).toBe(false)
  })
})
