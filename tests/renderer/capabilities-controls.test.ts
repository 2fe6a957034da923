import { ContractError } from '@contract/errors'
import type { Capability, DeviceStatus, DeviceSummary } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import DeviceDashboard from '@renderer/components/DeviceDashboard.vue'
import { deferred } from './support/deferred'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { flush, mountOptions, settle } from './support/mount-app'

const ALL_OPS: Capability[] = ['readIdentity', 'readSignal', 'readUsage', 'apnRead', 'apnWrite', 'dataSwitch', 'usageReset', 'reboot', 'pinUnlock', 'ussd', 'sms']

describe('what the dashboard offers follows the capabilities', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    client = new FakeHostClient()
      .handle('apn.list', () => ({ profiles: [] }))
      .handle('sms.list', () => ({ messages: [] }))
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  function mountDashboard(device: DeviceSummary, reading: DeviceStatus | null = makeStatus()): VueWrapper {
    const setup = mountOptions(client)
    missing = setup.missing
    wrapper = mount(DeviceDashboard, { ...setup.options, props: { device, reading } })
    return wrapper
  }

  const tabNames = (app: VueWrapper) => app.findAll('[role="tab"]').map((tab) => tab.attributes('data-tab'))

  it('shows a tab per area the device can do, History for every device', () => {
    expect(tabNames(mountDashboard(makeDevice({ capabilities: ALL_OPS })))).toEqual(['overview', 'apn', 'ussd', 'messages', 'history', 'tools'])
    wrapper?.unmount()
    expect(tabNames(mountDashboard(makeDevice({ capabilities: ['readSignal', 'ussd'] })))).toEqual(['overview', 'ussd', 'history', 'tools'])
    wrapper?.unmount()
    expect(tabNames(mountDashboard(makeDevice({ capabilities: ['readSignal', 'atConsole'] })))).toEqual(['overview', 'console', 'history', 'tools'])
    wrapper?.unmount()
    const plain = mountDashboard(makeDevice({ capabilities: ['readSignal', 'apnWrite', 'reboot'] }))
    // apnWrite alone is not apnRead: there is nothing to list, so no APN tab.
    expect(tabNames(plain)).toEqual(['overview', 'history', 'tools'])
    expect(plain.find('[data-testid="tab-apn"]').exists()).toBe(false)
    expect(plain.find('[data-testid="tab-console"]').exists()).toBe(false)
    expect(plain.find('[data-testid="panel-overview"]').exists()).toBe(true)
  })

  it('never decides by vendor: the same family without the capabilities shows none of it', () => {
    const app = mountDashboard(makeDevice({ family: 'huawei-hilink', capabilities: ['readIdentity'] }))
    expect(app.find('[data-testid="tab-apn"]').exists()).toBe(false)
    expect(app.find('[data-testid="reboot"]').exists()).toBe(false)
    expect(app.find('[data-testid="reset-usage"]').exists()).toBe(false)
    expect(app.find('[data-testid="data-switch"]').exists()).toBe(false)
    // Release is for every device: they all allow only one admin session.
    expect(app.find('[data-testid="release-device"]').exists()).toBe(true)
  })

  it('shows reboot, reset and mobile data only with reboot, usageReset and dataSwitch', () => {
    const app = mountDashboard(makeDevice({ capabilities: ['reboot'] }))
    expect(app.find('[data-testid="reboot"]').exists()).toBe(true)
    expect(app.find('[data-testid="reset-usage"]').exists()).toBe(false)
    expect(app.find('[data-testid="data-switch"]').exists()).toBe(false)
    wrapper?.unmount()
    const other = mountDashboard(makeDevice({ capabilities: ['usageReset', 'dataSwitch'] }))
    expect(other.find('[data-testid="reboot"]').exists()).toBe(false)
    expect(other.find('[data-testid="reset-usage"]').exists()).toBe(true)
    expect(other.find('[data-testid="data-switch"]').exists()).toBe(true)
  })

  it('has an accessible tab list: roles, selection, roving tabindex, arrow keys and Home/End', async () => {
    const app = mountDashboard(makeDevice({ capabilities: ALL_OPS }))
    const list = app.get('[role="tablist"]')
    expect(list.attributes('aria-label')).toBe('Sections for this hotspot')
    const tab = (name: string) => app.get(`[data-testid="tab-${name}"]`)
    expect(tab('overview').attributes('aria-selected')).toBe('true')
    expect(tab('overview').attributes('tabindex')).toBe('0')
    expect(tab('apn').attributes('tabindex')).toBe('-1')
    const panel = app.get('[role="tabpanel"]')
    expect(panel.attributes('aria-labelledby')).toBe(tab('overview').attributes('id'))
    expect(tab('overview').attributes('aria-controls')).toBe(panel.attributes('id'))

    ;(tab('overview').element as HTMLElement).focus()
    await list.trigger('keydown', { key: 'ArrowRight' })
    await flush()
    expect(tab('apn').attributes('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(tab('apn').element)
    expect(app.find('[data-testid="apn-panel"]').exists()).toBe(true)

    await list.trigger('keydown', { key: 'End' })
    await flush()
    expect(tab('tools').attributes('aria-selected')).toBe('true')
    expect(app.find('[data-testid="diagnostics"]').exists()).toBe(true)

    await list.trigger('keydown', { key: 'ArrowRight' })
    await flush()
    expect(tab('overview').attributes('aria-selected')).toBe('true')

    await list.trigger('keydown', { key: 'ArrowLeft' })
    await list.trigger('keydown', { key: 'Home' })
    await flush()
    expect(tab('overview').attributes('aria-selected')).toBe('true')

    await tab('ussd').trigger('click')
    expect(app.get('[role="tabpanel"]').attributes('data-testid')).toBe('panel-ussd')
  })

  it('falls back to the overview when the selected area is no longer offered', async () => {
    const app = mountDashboard(makeDevice({ capabilities: ALL_OPS }))
    await app.get('[data-testid="tab-ussd"]').trigger('click')
    expect(app.find('[data-testid="ussd-panel"]').exists()).toBe(true)
    await app.setProps({ device: makeDevice({ capabilities: ['readSignal', 'sms'] }) })
    expect(app.find('[data-testid="ussd-panel"]').exists()).toBe(false)
    expect(app.get('[data-testid="tab-overview"]').attributes('aria-selected')).toBe('true')
  })

  it('exposes the capabilities on the dashboard for end-to-end checks', () => {
    const app = mountDashboard(makeDevice({ capabilities: ['readSignal', 'sms'] }))
    expect(app.get('[data-testid="dashboard"]').attributes('data-capabilities')).toBe('readSignal sms')
  })

  it('reboots only after confirmation and says it is restarting', async () => {
    client.handle('device.control', () => ({ done: true }))
    const app = mountDashboard(makeDevice({ capabilities: ['reboot'] }))
    await app.get('[data-testid="reboot"]').trigger('click')
    await flush()
    const confirm = app.get('[data-testid="confirm-reboot"]')
    expect((confirm.element as HTMLDialogElement).open).toBe(true)
    expect(confirm.text()).toContain('loses the connection')
    await confirm.get('[data-testid="confirm-cancel"]').trigger('click')
    await settle()
    expect((confirm.element as HTMLDialogElement).open).toBe(false)
    expect(client.callsTo('device.control')).toEqual([])

    await app.get('[data-testid="reboot"]').trigger('click')
    await flush()
    await app.get('[data-testid="confirm-reboot"] [data-testid="confirm-accept"]').trigger('click')
    await settle()
    expect(client.callsTo('device.control')).toEqual([{ deviceId: 'dev-1', action: 'reboot' }])
    expect(app.get('[data-testid="controls-outcome"]').text()).toContain('restarting')
  })

  it('keeps the confirmation open with the reason when the reset fails', async () => {
    client.handle('device.control', () => {
      throw new ContractError('BUSY', 'The same operation is already running on this device.')
    })
    const app = mountDashboard(makeDevice({ capabilities: ['usageReset'] }))
    await app.get('[data-testid="reset-usage"]').trigger('click')
    await flush()
    await app.get('[data-testid="confirm-resetUsage"] [data-testid="confirm-accept"]').trigger('click')
    await settle()
    const confirm = app.get('[data-testid="confirm-resetUsage"]')
    expect((confirm.element as HTMLDialogElement).open).toBe(true)
    expect(confirm.text()).toContain('The counters were not reset.')
    expect(confirm.text()).toContain('Try again when it finishes')
    expect(client.callsTo('device.control')).toEqual([{ deviceId: 'dev-1', action: 'resetUsage' }])
  })

  it('switches mobile data with a switch that follows the reading, and shows progress meanwhile', async () => {
    const answer = deferred<{ done: true }>()
    client.handle('device.control', () => answer.promise)
    const app = mountDashboard(makeDevice({ capabilities: ['dataSwitch'] }))
    const toggle = () => app.get('[data-testid="data-switch"]')
    expect(toggle().attributes('role')).toBe('switch')
    expect(toggle().attributes('aria-checked')).toBe('true')
    expect(app.get('[data-testid="data-switch-text"]').text()).toBe('On')

    await toggle().trigger('click')
    await flush()
    expect(client.callsTo('device.control')).toEqual([{ deviceId: 'dev-1', action: 'dataOff' }])
    expect(toggle().attributes('aria-checked')).toBe('false')
    expect(app.get('[data-testid="data-switch-text"]').text()).toBe('Turning off…')
    expect(toggle().attributes('disabled')).toBeDefined()

    answer.resolve({ done: true })
    await settle()
    // Done, but the device still reads "connected": keep showing the requested position.
    expect(app.get('[data-testid="data-switch-text"]').text()).toBe('Turning off…')
    await app.setProps({ reading: makeStatus({ data: { state: 'disconnected' } }) })
    expect(app.get('[data-testid="data-switch-text"]').text()).toBe('Off')
    expect(toggle().attributes('aria-checked')).toBe('false')
  })

  it('disables device controls while the device is not connected', () => {
    const app = mountDashboard(makeDevice({ state: 'unreachable', capabilities: ['reboot', 'dataSwitch'] }))
    expect(app.get('[data-testid="reboot"]').attributes('disabled')).toBeDefined()
    expect(app.get('[data-testid="data-switch"]').attributes('disabled')).toBeDefined()
  })
})
