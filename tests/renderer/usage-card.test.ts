import type { Usage } from '@contract/model'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import UsageCard from '@renderer/components/UsageCard.vue'
import { FakeHostClient } from './support/fake-client'
import { mountOptions } from './support/mount-app'

const GIB = 1024 ** 3

function mountCard(usage: Usage) {
  const { options, missing } = mountOptions(new FakeHostClient())
  return { wrapper: mount(UsageCard, { ...options, props: { usage } }), missing }
}

describe('UsageCard', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the cycle total when the device reports no upload / download split, against the limit', () => {
    const { wrapper, missing } = mountCard({ monthTotalBytes: 3 * GIB, monthLimitBytes: 10 * GIB, billingDay: 1 })
    expect(wrapper.get('[data-testid="month-usage"]').text()).toBe('3 GB of 10 GB')
    const progress = wrapper.get('[data-testid="month-progress"]')
    expect(progress.attributes('aria-valuenow')).toBe('30')
    expect(progress.attributes('aria-valuetext')).toBe('3 GB of 10 GB')
    expect(wrapper.text()).toContain('30%')
    expect(wrapper.text()).not.toContain('The device has not reported usage yet.')
    expect(missing).toEqual([])
  })

  it('warns when the total passes the limit', () => {
    const { wrapper } = mountCard({ monthTotalBytes: 11 * GIB, monthLimitBytes: 10 * GIB })
    expect(wrapper.get('[data-testid="month-progress"]').classes()).toContain('meter--over')
    expect(wrapper.get('[data-testid="month-progress"]').attributes('aria-valuenow')).toBe('100')
    expect(wrapper.text()).toContain('Over the monthly limit')
  })

  it('shows the total alone, without a bar, when there is no limit', () => {
    const { wrapper } = mountCard({ monthTotalBytes: 512 * 1024 ** 2 })
    expect(wrapper.get('[data-testid="month-usage"]').text()).toBe('512 MB used')
    expect(wrapper.find('[data-testid="month-progress"]').exists()).toBe(false)
  })

  it('prefers upload + download when the device splits them', () => {
    const { wrapper } = mountCard({ monthUploadBytes: 1 * GIB, monthDownloadBytes: 2 * GIB, monthTotalBytes: 9 * GIB, monthLimitBytes: 10 * GIB })
    expect(wrapper.get('[data-testid="month-usage"]').text()).toBe('3 GB of 10 GB')
  })

  it('says so when nothing is reported', () => {
    const { wrapper } = mountCard({})
    expect(wrapper.find('[data-testid="month-usage"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('The device has not reported usage yet.')
  })
})
