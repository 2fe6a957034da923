import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import DeviceDashboard from '@renderer/components/DeviceDashboard.vue'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { flush, mountOptions } from './support/mount-app'

function mountDashboard(props: Record<string, unknown>, locale: 'en' | 'ja' = 'en') {
  const { options, missing } = mountOptions(new FakeHostClient(), locale)
  const wrapper = mount(DeviceDashboard, { ...options, props: { device: makeDevice(), reading: makeStatus(), ...props } })
  return { wrapper, missing }
}

describe('DeviceDashboard', () => {
  afterEach(() => {
    document.body.innerHTML = ''
    vi.restoreAllMocks()
  })

  it('shows the phone number prominently with where it came from', () => {
    const { wrapper, missing } = mountDashboard({})
    expect(wrapper.find('[data-testid="dashboard"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="msisdn"]').text()).toBe('+818012345678')
    expect(wrapper.get('[data-testid="msisdn-source"]').text()).toBe('Reported by the device')
    expect(missing).toEqual([])
  })

  it('copies the number to the clipboard', async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const { wrapper } = mountDashboard({})
    await wrapper.get('[data-testid="copy-msisdn"]').trigger('click')
    await flush()
    expect(writeText).toHaveBeenCalledWith('+818012345678')
    expect(wrapper.text()).toContain('Copied')
  })

  it('renders the signal as bars with a spoken label, and each reading with its quality band', () => {
    const { wrapper } = mountDashboard({})
    const bars = wrapper.get('[data-testid="signal-bars"]')
    expect(bars.attributes('aria-label')).toBe('4 of 5 bars')
    expect(bars.findAll('.bar--on')).toHaveLength(4)

    expect(wrapper.get('[data-testid="rsrp"]').text()).toBe('-85 dBm')
    expect(wrapper.get('[data-testid="rsrp-quality"]').text()).toBe('Good')
    expect(wrapper.get('[data-testid="rsrq"]').text()).toBe('-9 dB')
    expect(wrapper.get('[data-testid="rsrq-quality"]').text()).toBe('Excellent')
    expect(wrapper.get('[data-testid="sinr"]').text()).toBe('14 dB')
    expect(wrapper.get('[data-testid="sinr-quality"]').text()).toBe('Good')
    expect(wrapper.get('[data-testid="rssi"]').text()).toBe('-61 dBm')
    expect(wrapper.get('[data-testid="network-type"]').text()).toBe('LTE')
    expect(wrapper.get('[data-testid="band"]').text()).toContain('B3')
  })

  it('shows carrier, roaming, data session, SIM and usage with readable byte sizes', () => {
    const reading = makeStatus({ registration: { state: 'roaming', operatorName: 'T-Mobile', plmn: '310260' } })
    const { wrapper } = mountDashboard({ reading })
    expect(wrapper.get('[data-testid="operator"]').text()).toBe('T-Mobile')
    expect(wrapper.get('[data-testid="roaming"]').text()).toBe('Roaming')
    expect(wrapper.get('[data-testid="data-state"]').text()).toBe('Connected')
    expect(wrapper.get('[data-testid="ipv4"]').text()).toBe('10.123.45.67')
    expect(wrapper.get('[data-testid="iccid"]').text()).toBe('8981200012345678901')
    expect(wrapper.get('[data-testid="imsi"]').text()).toBe('440101234567890')
    expect(wrapper.get('[data-testid="sim-state"]').text()).toBe('Ready')
    expect(wrapper.get('[data-testid="session-upload"]').text()).toBe('1.5 MB')
    expect(wrapper.get('[data-testid="session-download"]').text()).toBe('50 MB')
    expect(wrapper.get('[data-testid="month-usage"]').text()).toBe('3 GB of 10 GB')
    const progress = wrapper.get('[data-testid="month-progress"]')
    expect(progress.attributes('aria-valuenow')).toBe('30')
    expect(wrapper.get('[data-testid="billing-day"]').text()).toBe('Resets on day 15 of each month')
    expect(wrapper.get('[data-testid="battery"]').text()).toContain('76%')
    expect(wrapper.get('[data-testid="wifi-clients"]').text()).toContain('2')
  })

  it('shows only what the device can do: no usage, battery or signal without the capability, no demo action on real hardware', () => {
    const device = makeDevice({ capabilities: ['readIdentity'] })
    const { wrapper } = mountDashboard({ device })
    expect(wrapper.find('[data-testid="usage"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="battery"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="signal-bars"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="stop-demo"]').exists()).toBe(false)
    // The number is still shown when the status carries it; the card never depends on the vendor.
    expect(wrapper.get('[data-testid="msisdn"]').text()).toBe('+818012345678')
    expect(wrapper.find('[data-testid="refresh"]').exists()).toBe(true)
  })

  it('offers "Stop demo" on the demo device and emits it', async () => {
    const { wrapper } = mountDashboard({ device: makeDevice({ demo: true }) })
    const stop = wrapper.get('[data-testid="stop-demo"]')
    expect(stop.text()).toBe('Stop demo')
    await stop.trigger('click')
    expect(wrapper.emitted('stop-demo')).toHaveLength(1)
  })

  it('says so when the number is not known, depending on whether the device can read it', () => {
    const reading = makeStatus({ sim: { state: 'ready', iccid: '8981200012345678901' } })
    const canRead = mountDashboard({ reading }).wrapper
    expect(canRead.get('[data-testid="msisdn-unknown"]').text()).toBe('Not known yet')
    expect(canRead.find('[data-testid="copy-msisdn"]').exists()).toBe(false)
    expect(canRead.text()).toContain('has not reported the SIM’s number yet')

    const cannot = mountDashboard({ reading, device: makeDevice({ capabilities: ['readSignal'] }) }).wrapper
    expect(cannot.text()).toContain('cannot report the SIM’s number')
  })

  it.each([
    ['auth-required', 'needs its admin password'],
    ['locked-out', 'Wait about 5 min'],
    ['unreachable', 'not answering']
  ] as const)('shows a banner with the next step for %s', (state, text) => {
    const device = makeDevice({
      state,
      ...(state === 'locked-out' ? { lastError: { code: 'LOCKED_OUT', message: 'locked', details: { waitSeconds: 300 } } } : {})
    })
    const { wrapper, missing } = mountDashboard({ device })
    const banner = wrapper.get('[data-testid="state-banner"]')
    expect(banner.attributes('data-state')).toBe(state)
    expect(banner.text()).toContain(text)
    expect(missing).toEqual([])
  })

  it('has no banner for a ready device, and waits politely for the first reading', () => {
    const { wrapper } = mountDashboard({ reading: null })
    expect(wrapper.find('[data-testid="state-banner"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="reading-pending"]').text()).toBe('Waiting for the first reading…')
  })

  it('renders in Japanese with locale-aware text', () => {
    const { wrapper, missing } = mountDashboard({}, 'ja')
    expect(wrapper.text()).toContain('電話番号')
    expect(wrapper.text()).toContain('電波')
    expect(wrapper.text()).toContain('通信量')
    expect(wrapper.get('[data-testid="signal-bars"]').attributes('aria-label')).toBe('5 本中 4 本')
    expect(wrapper.get('[data-testid="billing-day"]').text()).toBe('毎月 15 日にリセット')
    expect(missing).toEqual([])
  })
})
