// The alignment view: live values from the device's readings, min/max hold and reset, the full-window mode
// (Esc leaves), the tone (off until clicked, pitch from RSRP), keeping the device in focus, both languages.
import type { DeviceStatus } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import { provideApiClient } from '@renderer/api/client-context'
import AlignmentPanel from '@renderer/components/tools/AlignmentPanel.vue'
import { useDevicesStore } from '@renderer/stores/devices'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { mountOptions, settle } from './support/mount-app'

const device = makeDevice({ capabilities: ['readSignal'] })
const T0 = Date.UTC(2026, 10, 22, 19, 0, 0)
const reading = (rsrp: number, sinr: number, at: number): DeviceStatus =>
  makeStatus({ updatedAt: at, signal: { bars: 3, rat: 'lte', networkType: 'LTE', rsrpDbm: rsrp, sinrDb: sinr, rsrqDb: -10, rssiDbm: -65, band: 'B3', pci: 101 } })

class FakeAudioContext {
  static instances: FakeAudioContext[] = []
  readonly frequencies: number[] = []
  currentTime = 0
  destination = {}
  closed = false
  constructor() {
    FakeAudioContext.instances.push(this)
  }
  resume(): Promise<void> {
    return Promise.resolve()
  }
  close(): Promise<void> {
    this.closed = true
    return Promise.resolve()
  }
  createOscillator() {
    const frequencies = this.frequencies
    const param = { set value(hz: number) { frequencies.push(hz) } }
    return { type: 'sine', frequency: param, connect: (node: unknown) => node, start: () => undefined, stop: () => undefined }
  }
  createGain() {
    return { gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: (node: unknown) => node }
  }
}

describe('AlignmentPanel', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    client = new FakeHostClient().handle('devices.subscribe', () => ({ devices: [device] })).handle('device.status', () => reading(-95, 10, T0))
    FakeAudioContext.instances = []
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    vi.unstubAllGlobals()
    expect(missing).toEqual([])
  })

  async function mountPanel(locale: 'en' | 'ja' = 'en') {
    const setup = mountOptions(client, locale)
    missing = setup.missing
    // The devices store needs the client; create it inside an app that provides one, on the same Pinia.
    const host = createApp({ render: () => null })
    host.use(setup.pinia)
    provideApiClient(host, client)
    const devices = host.runWithContext(() => useDevicesStore())
    devices.devices = [device]
    devices.statuses[device.id] = reading(-95, 10, T0)
    wrapper = mount(AlignmentPanel, { ...setup.options, props: { device } })
    await settle()
    return { app: wrapper, devices }
  }
  const text = (app: VueWrapper, id: string) => app.get(`[data-testid="${id}"]`).text()

  it('shows RSRP and SINR large with their quality bands, and follows new readings', async () => {
    const { app, devices } = await mountPanel()
    expect(text(app, 'alignment-rsrp-value')).toBe('-95')
    expect(text(app, 'alignment-sinr-value')).toBe('10')
    expect(app.get('[data-testid="alignment-rsrp"]').attributes('data-quality')).toBe('fair')
    expect(app.get('[data-testid="alignment-sinr"]').attributes('data-quality')).toBe('fair')
    expect(text(app, 'alignment-context')).toContain('B3')
    devices.statuses[device.id] = reading(-78, 22, T0 + 1000)
    await settle()
    expect(text(app, 'alignment-rsrp-value')).toBe('-78')
    expect(app.get('[data-testid="alignment-rsrp"]').attributes('data-quality')).toBe('excellent')
    expect(app.findAll('path.trend__line')).toHaveLength(2)
    // The trend zooms to the minute's values in 5 dB steps, so turning the antenna shows as movement.
    expect(app.get('[data-testid="alignment-rsrp"] .trend__scale').text()).toBe('-100 – -75 dBm')
  })

  it('holds min and max and resets them to the latest reading', async () => {
    const { app, devices } = await mountPanel()
    devices.statuses[device.id] = reading(-104, 2, T0 + 1000)
    await settle()
    devices.statuses[device.id] = reading(-90, 13, T0 + 2000)
    await settle()
    expect(text(app, 'alignment-rsrp-min')).toBe('-104')
    expect(text(app, 'alignment-rsrp-max')).toBe('-90')
    expect(text(app, 'alignment-sinr-min')).toBe('2')
    await app.get('[data-testid="alignment-reset"]').trigger('click')
    expect(text(app, 'alignment-rsrp-min')).toBe('-90')
    expect(text(app, 'alignment-rsrp-max')).toBe('-90')
  })

  it('makes the device the focused one so the host polls it every second', async () => {
    const { devices } = await mountPanel()
    expect(devices.selectedId).toBe(device.id)
    expect(client.callsTo('devices.subscribe')).toContainEqual({ focusDeviceId: device.id })
  })

  it('fills the window on request and leaves it with Escape, focus staying on the toggle', async () => {
    const { app } = await mountPanel()
    const toggle = app.get('[data-testid="alignment-full"]')
    await toggle.trigger('click')
    await settle()
    expect(app.get('[data-testid="alignment"]').attributes('data-full')).toBe('true')
    expect(app.get('[data-testid="alignment"]').attributes('role')).toBe('dialog')
    expect(document.activeElement).toBe(toggle.element)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await settle()
    expect(app.get('[data-testid="alignment"]').attributes('data-full')).toBe('false')
  })

  it('plays no tone until asked; then beeps at a pitch that rises with RSRP, and mutes again', async () => {
    vi.stubGlobal('AudioContext', FakeAudioContext)
    const { app, devices } = await mountPanel()
    expect(FakeAudioContext.instances).toHaveLength(0)
    const tone = app.get('[data-testid="alignment-tone"]')
    expect(tone.attributes('aria-pressed')).toBe('false')
    await tone.trigger('click')
    const audio = FakeAudioContext.instances[0]
    expect(audio?.frequencies).toHaveLength(1)
    devices.statuses[device.id] = reading(-80, 20, T0 + 1000)
    await settle()
    expect(audio?.frequencies).toHaveLength(2)
    expect(audio?.frequencies[1] ?? 0).toBeGreaterThan(audio?.frequencies[0] ?? 0)
    await tone.trigger('click')
    expect(tone.attributes('aria-pressed')).toBe('false')
    devices.statuses[device.id] = reading(-82, 19, T0 + 2000)
    await settle()
    expect(audio?.frequencies).toHaveLength(2)
    wrapper?.unmount()
    wrapper = undefined
    expect(audio?.closed).toBe(true)
  })

  it('disables the tone where the browser has no WebAudio', async () => {
    vi.stubGlobal('AudioContext', undefined)
    const { app } = await mountPanel()
    expect(app.get('[data-testid="alignment-tone"]').attributes('disabled')).toBeDefined()
  })

  it('has every string in Japanese too', async () => {
    const { app } = await mountPanel('ja')
    expect(app.text()).toContain('アンテナ調整')
    expect(app.get('[data-testid="alignment-reset"]').text()).toBe('最小/最大をリセット')
  })
})
