import { ContractError } from '@contract/errors'
import type { DeviceSummary, DiscoveryState } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import App from '@renderer/App.vue'
import { SETTINGS_STORAGE_KEY } from '@renderer/stores/settings'
import { deferred, type Deferred } from './support/deferred'
import { BUSY_MODEM, makeDiscovery, MANAGED_HOTSPOT, NO_PERMISSION_STICK, SWITCHABLE_STICK } from './support/discovery-fixtures'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { flush, mountOptions, settle } from './support/mount-app'

describe('discovery in the sidebar', () => {
  let client: FakeHostClient
  let hostDevices: DeviceSummary[]
  let hostState: DiscoveryState
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    localStorage.clear()
    hostDevices = [makeDevice()]
    hostState = makeDiscovery()
    client = new FakeHostClient()
      .handle('devices.subscribe', () => ({ devices: hostDevices }))
      .handle('devices.unsubscribe', () => ({ unsubscribed: true }))
      .handle('device.status', ({ deviceId }) => makeStatus({ deviceId }))
      .handle('discovery.state', () => hostState)
      .handle('discovery.scan', () => hostState)
      .handle('discovery.switchMode', () => hostState)
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    vi.restoreAllMocks()
    expect(missing).toEqual([])
  })

  async function mountApp(locale: 'en' | 'ja' = 'en'): Promise<VueWrapper> {
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(App, setup.options)
    await settle()
    return wrapper
  }

  const item = (app: VueWrapper, id: string) => app.get(`[data-testid="found-item"][data-item-id="${id}"]`)

  it('lists the units that need attention under the devices, with status in words, reason and fix', async () => {
    const app = await mountApp()
    const section = app.get('nav [data-testid="found-devices"]')
    expect(section.get('h2').text()).toBe('Found, needs attention')
    // Managed units are in the device list above; a ready unit has nothing to fix.
    expect(section.findAll('[data-testid="found-item"]').map((found) => found.attributes('data-item-id'))).toEqual([
      SWITCHABLE_STICK.id,
      NO_PERMISSION_STICK.id,
      BUSY_MODEM.id
    ])
    expect(app.findAll('[data-testid="device-item"]')).toHaveLength(1)

    const stick = item(app, SWITCHABLE_STICK.id)
    expect(stick.get('h3').text()).toBe(SWITCHABLE_STICK.name)
    expect(stick.get('[data-testid="found-status"]').text()).toBe('Needs switching to modem mode')
    expect(stick.get('[data-testid="found-reason"]').text()).toBe(SWITCHABLE_STICK.reason)
    expect(stick.find('[data-testid="found-fix"]').exists()).toBe(false)
    expect(stick.find('[data-testid="switch-mode"]').exists()).toBe(true)

    const denied = item(app, NO_PERMISSION_STICK.id)
    expect(denied.get('[data-testid="found-status"]').text()).toBe('No permission')
    expect(denied.get('[data-testid="found-fix"]').text()).toContain(NO_PERMISSION_STICK.fix?.summary)
    expect(denied.get('[data-testid="found-fix"]').text()).toContain('Hotspot Desk never runs them for you.')
    expect(denied.find('[data-testid="switch-mode"]').exists()).toBe(false)
    const commands = denied.findAll('[data-testid="fix-command"] code')
    expect(commands.map((code) => code.text())).toEqual(NO_PERMISSION_STICK.fix?.commands)
    expect(commands.every((code) => code.classes().includes('mono'))).toBe(true)

    const busy = item(app, BUSY_MODEM.id)
    expect(busy.get('[data-testid="found-status"]').text()).toBe('In use by another program')
    expect(busy.get('[data-testid="found-reason"]').text()).toBe(BUSY_MODEM.reason)
    expect(busy.findAll('[data-testid="fix-command"] code').map((code) => code.text())).toEqual(['sudo systemctl stop ModemManager'])
    const paths = busy.get('[data-testid="found-paths"]')
    expect(paths.get('summary').text()).toBe('How it is connected')
    expect(paths.findAll('li').map((line) => line.text())).toEqual(BUSY_MODEM.paths)
  })

  it('copies a command exactly as shown and says so, without running anything', async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const app = await mountApp()
    const denied = item(app, NO_PERMISSION_STICK.id)
    const buttons = denied.findAll('[data-testid="copy-command"]')
    expect(buttons).toHaveLength(3)
    expect(buttons[0]?.attributes('aria-label')).toBe('Copy command 1')
    expect(buttons[0]?.text()).toBe('Copy')

    await buttons[0]?.trigger('click')
    await flush()
    expect(writeText).toHaveBeenCalledWith(NO_PERMISSION_STICK.fix?.commands?.[0])
    expect(denied.findAll('[data-testid="copy-feedback"]')[0]?.text()).toBe('Copied')
    // Copying is all it does: no request went to the host.
    expect(client.calls.map((call) => call.method).filter((method) => method.startsWith('discovery.') && method !== 'discovery.state')).toEqual([])

    writeText.mockRejectedValueOnce(new Error('denied'))
    await buttons[1]?.trigger('click')
    await flush()
    expect(denied.findAll('[data-testid="copy-feedback"]')[1]?.text()).toBe('Could not copy')
  })

  it('asks before switching a stick, explains what happens, and sends nothing on cancel', async () => {
    const app = await mountApp()
    const stick = item(app, SWITCHABLE_STICK.id)
    await stick.get('[data-testid="switch-mode"]').trigger('click')
    await flush()
    const dialog = stick.get('[data-testid="switch-dialog"]')
    expect((dialog.element as HTMLDialogElement).open).toBe(true)
    expect(dialog.text()).toContain(`Switch ${SWITCHABLE_STICK.name} to modem mode?`)
    expect(dialog.text()).toContain('documented switch message')
    expect(dialog.text()).toContain('re-appears as a modem')

    await dialog.get('[data-testid="confirm-cancel"]').trigger('click')
    await flush()
    expect((dialog.element as HTMLDialogElement).open).toBe(false)
    expect(client.callsTo('discovery.switchMode')).toEqual([])
  })

  it('switches after the user agrees, shows progress, and reports the unit back', async () => {
    const answer: Deferred<DiscoveryState> = deferred()
    client.handle('discovery.switchMode', () => answer.promise)
    const app = await mountApp()
    await item(app, SWITCHABLE_STICK.id).get('[data-testid="switch-mode"]').trigger('click')
    await flush()
    await item(app, SWITCHABLE_STICK.id).get('[data-testid="confirm-accept"]').trigger('click')
    await flush()
    expect(client.callsTo('discovery.switchMode')).toEqual([{ id: SWITCHABLE_STICK.id }])
    const accept = item(app, SWITCHABLE_STICK.id).get('[data-testid="confirm-accept"]')
    expect(accept.text()).toBe('Switching…')
    expect(accept.attributes('disabled')).toBeDefined()
    expect(item(app, SWITCHABLE_STICK.id).get('[data-testid="switch-mode"]').attributes('disabled')).toBeDefined()

    answer.resolve(makeDiscovery({ items: [MANAGED_HOTSPOT, NO_PERMISSION_STICK, BUSY_MODEM] }))
    await settle()
    expect(app.find(`[data-item-id="${SWITCHABLE_STICK.id}"]`).exists()).toBe(false)
    expect(app.get('[data-testid="scan-progress"]').text()).toContain(`${SWITCHABLE_STICK.name} was switched to modem mode.`)
  })

  it('keeps the dialog open with the reason when the switch fails', async () => {
    client.handle('discovery.switchMode', () => {
      throw new ContractError('PERMISSION', 'LIBUSB_ERROR_ACCESS', { id: SWITCHABLE_STICK.id })
    })
    const app = await mountApp()
    const stick = item(app, SWITCHABLE_STICK.id)
    await stick.get('[data-testid="switch-mode"]').trigger('click')
    await flush()
    await stick.get('[data-testid="confirm-accept"]').trigger('click')
    await settle()
    const dialog = stick.get('[data-testid="switch-dialog"]')
    expect((dialog.element as HTMLDialogElement).open).toBe(true)
    const notice = dialog.get('[data-error-code="PERMISSION"]')
    expect(notice.text()).toContain('The stick was not switched.')
    expect(notice.text()).toContain('No permission on this computer')

    // Opening it again starts clean.
    await dialog.get('[data-testid="confirm-cancel"]').trigger('click')
    await stick.get('[data-testid="switch-mode"]').trigger('click')
    await flush()
    expect(stick.find('[data-error-code]').exists()).toBe(false)
  })

  it('has a Scan button that shows progress, is disabled while scanning and gives focus back', async () => {
    const answer: Deferred<DiscoveryState> = deferred()
    client.handle('discovery.scan', () => answer.promise)
    const app = await mountApp()
    const scan = () => app.get('[data-testid="scan-devices"]')
    expect(scan().element.tagName).toBe('BUTTON')
    expect(scan().attributes('type')).toBe('button')
    expect(scan().text()).toBe('Scan')
    expect(scan().attributes('disabled')).toBeUndefined()
    expect(scan().attributes('title')).toContain('attached networks')

    ;(scan().element as HTMLButtonElement).focus()
    await scan().trigger('click')
    await flush()
    expect(client.callsTo('discovery.scan')).toHaveLength(1)
    expect(scan().text()).toBe('Scanning…')
    expect(scan().attributes('disabled')).toBeDefined()
    expect(scan().attributes('aria-busy')).toBe('true')
    expect(app.get('[data-testid="scan-progress"]').text()).toBe('Scanning…')
    // A browser drops focus to <body> from a button that becomes disabled; happy-dom does not, so do it
    // the way happy-dom allows (blur() on a disabled button is ignored there).
    const elsewhere = document.body.appendChild(document.createElement('input'))
    elsewhere.focus()
    elsewhere.remove()
    expect(document.activeElement).toBe(document.body)

    answer.resolve(makeDiscovery({ lastScanAt: Date.UTC(2026, 0, 15, 3, 10, 0) }))
    await settle()
    expect(scan().text()).toBe('Scan')
    expect(scan().attributes('disabled')).toBeUndefined()
    expect(document.activeElement).toBe(scan().element)
    expect(app.get('[data-testid="scan-progress"]').text()).toMatch(/^Last scan \d/)
  })

  it('says when a scan fails', async () => {
    client.handle('discovery.scan', () => {
      throw new ContractError('INTERNAL', 'usb listing crashed')
    })
    const app = await mountApp()
    await app.get('[data-testid="scan-devices"]').trigger('click')
    await settle()
    const notice = app.get('[data-testid="scan-error"]')
    expect(notice.text()).toContain('The scan did not finish.')
    expect(notice.attributes('data-error-code')).toBe('INTERNAL')
    expect(app.get('[data-testid="scan-devices"]').attributes('disabled')).toBeUndefined()
  })

  it('notes quietly that USB is unavailable (with the reason) and that network scanning is off', async () => {
    hostState = makeDiscovery({
      items: [],
      usb: { available: false, reason: 'USB support failed to load on this system. Modems are still found through their serial ports and the network.' },
      lanProbe: false
    })
    const app = await mountApp()
    const usb = app.get('nav [data-testid="usb-unavailable"]')
    expect(usb.text()).toBe(`USB not available: ${hostState.usb.reason}`)
    expect(usb.attributes('role')).toBeUndefined()
    expect(app.get('[data-testid="lan-probe-off"]').text()).toContain('Network scanning is off')
    expect(app.get('[data-testid="scan-devices"]').attributes('title')).not.toContain('networks')
    expect(app.find('[data-testid="found-devices"]').exists()).toBe(false)
    expect(app.find('[role="alert"]').exists()).toBe(false)
  })

  it('says nothing about USB or networks when both are looked at', async () => {
    const app = await mountApp()
    expect(app.find('[data-testid="usb-unavailable"]').exists()).toBe(false)
    expect(app.find('[data-testid="lan-probe-off"]').exists()).toBe(false)
  })

  it('says quietly when the host offers no discovery', async () => {
    client.handle('discovery.state', () => {
      throw new ContractError('UNKNOWN_METHOD', 'Unknown method "discovery.state".')
    })
    const app = await mountApp()
    expect(app.get('[data-testid="discovery-unavailable"]').text()).toBe('Device discovery is not available: The host does not know this action')
    expect(app.find('[data-testid="dashboard"]').exists()).toBe(true)
  })

  it('follows discovery.changed: a stick plugged in later shows up in the list', async () => {
    hostState = makeDiscovery({ items: [MANAGED_HOTSPOT] })
    const app = await mountApp()
    expect(app.find('[data-testid="found-devices"]').exists()).toBe(false)
    client.emit('discovery.changed', makeDiscovery({ items: [MANAGED_HOTSPOT, SWITCHABLE_STICK] }))
    await flush()
    expect(app.findAll('[data-testid="found-item"]').map((found) => found.attributes('data-item-id'))).toEqual([SWITCHABLE_STICK.id])
  })

  it('shows how a managed device is connected on its dashboard', async () => {
    const app = await mountApp()
    const row = app.get('[data-testid="dashboard"] [data-testid="connection-paths"]')
    expect(row.get('dt').text()).toBe('How it is connected')
    expect(row.findAll('li').map((line) => line.text())).toEqual(MANAGED_HOTSPOT.paths)

    // A device discovery does not know (added by address, or the demo) has no such row.
    client.emit('discovery.changed', makeDiscovery({ items: [SWITCHABLE_STICK] }))
    await flush()
    expect(app.find('[data-testid="connection-paths"]').exists()).toBe(false)
  })

  it('points to Scan and to units needing attention from the empty state, and keeps the demo', async () => {
    hostDevices = []
    const app = await mountApp()
    const empty = app.get('[data-testid="empty-state"]')
    expect(empty.get('[data-testid="empty-scan-hint"]').text()).toContain('Press Scan')
    expect(empty.get('[data-testid="empty-attention"]').text()).toContain('Found but not usable yet: 3.')
    expect(empty.get('[data-testid="start-demo"]').text()).toBe('Try the demo hotspot')

    client.emit('discovery.changed', makeDiscovery({ items: [] }))
    await flush()
    expect(app.find('[data-testid="empty-attention"]').exists()).toBe(false)
  })

  it('speaks Japanese', async () => {
    hostState = makeDiscovery({ usb: { available: false, reason: 'no USB' }, lanProbe: false })
    localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ locale: 'ja', theme: 'system' }))
    const app = await mountApp('ja')
    expect(app.get('[data-testid="scan-devices"]').text()).toBe('スキャン')
    expect(app.get('[data-testid="found-devices"] h2').text()).toBe('対応が必要な機器')
    expect(item(app, NO_PERMISSION_STICK.id).get('[data-testid="found-status"]').text()).toBe('アクセス権限がありません')
    expect(app.get('[data-testid="usb-unavailable"]').text()).toBe('USB を利用できません: no USB')
    expect(app.get('[data-testid="connection-paths"] dt').text()).toBe('接続の詳細')
  })
})
