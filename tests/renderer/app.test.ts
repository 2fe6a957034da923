import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import App from '@renderer/App.vue'
import { SETTINGS_STORAGE_KEY } from '@renderer/stores/settings'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { flush, mountOptions } from './support/mount-app'

describe('App', () => {
  let client: FakeHostClient
  let hostDevices: ReturnType<typeof makeDevice>[]
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    localStorage.clear()
    hostDevices = []
    client = new FakeHostClient()
      .handle('devices.subscribe', () => ({ devices: hostDevices }))
      .handle('devices.unsubscribe', () => ({ unsubscribed: true }))
      .handle('device.status', ({ deviceId }) => makeStatus({ deviceId }))
      .handle('demo.start', () => {
        const demo = makeDevice({ id: 'demo-hotspot', name: 'Demo hotspot (E5577)', demo: true })
        hostDevices = [demo]
        client.emit('device.changed', { kind: 'added', device: demo })
        return { deviceId: 'demo-hotspot', alreadyRunning: false }
      })
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    document.documentElement.removeAttribute('lang')
    delete document.documentElement.dataset.theme
    expect(missing).toEqual([])
  })

  async function mountApp(): Promise<VueWrapper> {
    const setup = mountOptions(client, 'en')
    missing = setup.missing
    wrapper = mount(App, setup.options)
    await flush()
    return wrapper
  }

  it('has the landmarks: banner, navigation, main and the status line', async () => {
    const app = await mountApp()
    expect(app.find('header').exists()).toBe(true)
    expect(app.get('nav').attributes('aria-label')).toBe('Hotspots and modems')
    expect(app.find('main#main-content').exists()).toBe(true)
    expect(app.find('footer [data-testid="host-status"]').exists()).toBe(true)
  })

  it('shows the empty state with the demo button, and the demo dashboard after pressing it', async () => {
    const app = await mountApp()
    const empty = app.get('[data-testid="empty-state"]')
    expect(empty.text()).toContain('USB cable')
    const button = app.get('[data-testid="start-demo"]')
    expect(button.text()).toBe('Try the demo hotspot')

    await button.trigger('click')
    await flush()
    expect(client.callsTo('demo.start')).toHaveLength(1)
    expect(app.find('[data-testid="empty-state"]').exists()).toBe(false)
    expect(app.get('[data-testid="dashboard"]').attributes('data-device-id')).toBe('demo-hotspot')
    expect(app.get('[data-testid="msisdn"]').text()).toBe('+818012345678')
    expect(app.find('[data-testid="stop-demo"]').exists()).toBe(true)
    expect(app.findAll('[data-testid="device-item"]')).toHaveLength(1)
  })

  it('shows a loading state until the host is ready, then the list', async () => {
    client.state = 'connecting'
    client.hello = null
    hostDevices = [makeDevice()]
    const app = await mountApp()
    expect(app.get('[data-testid="devices-loading"]').text()).toContain('Waiting for the host')
    expect(app.get('[data-testid="host-status"]').text()).toBe('Connecting to the host…')

    client.setState('open')
    client.becomeReady()
    await flush()
    expect(app.find('[data-testid="devices-loading"]').exists()).toBe(false)
    expect(app.find('[data-testid="dashboard"]').exists()).toBe(true)
    expect(app.get('[data-testid="host-status"]').text()).toBe('Connected')
  })

  it('reports the host link in the status line', async () => {
    const app = await mountApp()
    const status = () => app.get('[data-testid="host-status"]')
    expect(status().attributes('data-status')).toBe('connected')
    expect(app.text()).toContain('Hotspot Desk 0.1.0 · contract 1')

    client.setState('reconnecting', { reason: 'host crashed', retryInMs: 3000 })
    await flush()
    expect(status().attributes('data-status')).toBe('reconnecting')
    expect(status().text()).toBe('Host unavailable — retrying in 3 s')

    client.setState('closed')
    await flush()
    expect(status().text()).toBe('Offline — not connected to the host')
  })

  it('switches to Japanese from the settings dialog, sets <html lang> and remembers the choice', async () => {
    const app = await mountApp()
    expect(document.documentElement.lang).toBe('en')
    expect(app.get('[data-testid="start-demo"]').text()).toBe('Try the demo hotspot')

    await app.get('[data-testid="open-settings"]').trigger('click')
    await flush()
    const dialog = app.get('[data-testid="settings-dialog"]')
    expect((dialog.element as HTMLDialogElement).open).toBe(true)
    const select = app.get('[data-testid="language-select"]')
    expect(select.findAll('option').map((option) => option.text())).toEqual(['System', 'English', '日本語'])

    await select.setValue('ja')
    await flush()
    expect(app.get('[data-testid="start-demo"]').text()).toBe('デモ用ホットスポットを試す')
    expect(app.get('[data-testid="host-status"]').text()).toBe('接続済み')
    expect(document.documentElement.lang).toBe('ja')
    expect(JSON.parse(localStorage.getItem(SETTINGS_STORAGE_KEY) ?? '{}')).toMatchObject({ locale: 'ja' })
    expect(select.findAll('option')[0]?.text()).toBe('システムに合わせる')

    await app.get('[data-testid="theme-select"]').setValue('dark')
    expect(document.documentElement.dataset.theme).toBe('dark')
    await app.get('[data-testid="theme-select"]').setValue('system')
    expect(document.documentElement.dataset.theme).toBeUndefined()

    await app.get('[data-testid="close-settings"]').trigger('click')
    await flush()
    expect((dialog.element as HTMLDialogElement).open).toBe(false)
  })

  it('starts in the saved language', async () => {
    localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ locale: 'ja', theme: 'light' }))
    const app = await mountApp()
    expect(app.get('[data-testid="start-demo"]').text()).toBe('デモ用ホットスポットを試す')
    expect(document.documentElement.dataset.theme).toBe('light')
  })

  it('offers a retry when the device list cannot be fetched', async () => {
    let attempts = 0
    client.handle('devices.subscribe', () => {
      attempts++
      if (attempts === 1) return Promise.reject(new Error('boom'))
      return { devices: [] }
    })
    const app = await mountApp()
    expect(app.get('[data-testid="devices-error"]').text()).toContain('Could not get the device list')
    await app.get('[data-testid="retry-devices"]').trigger('click')
    await flush()
    expect(app.find('[data-testid="empty-state"]').exists()).toBe(true)
  })
})
