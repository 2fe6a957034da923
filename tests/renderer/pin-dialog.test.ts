import { ContractError } from '@contract/errors'
import type { Capability, Sim } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import DeviceDashboard from '@renderer/components/DeviceDashboard.vue'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { flush, mountOptions, settle } from './support/mount-app'

describe('SIM PIN / PUK', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    client = new FakeHostClient().handle('sim.unlock', () => ({ done: true }))
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  function mountWithSim(sim: Sim, capabilities: Capability[] = ['readSignal', 'pinUnlock']): VueWrapper {
    const setup = mountOptions(client)
    missing = setup.missing
    wrapper = mount(DeviceDashboard, { ...setup.options, props: { device: makeDevice({ capabilities }), reading: makeStatus({ sim }) } })
    return wrapper
  }

  const dialogOpen = (app: VueWrapper) => (app.get('[data-testid="pin-dialog"]').element as HTMLDialogElement).open

  async function openDialog(app: VueWrapper): Promise<void> {
    await app.get('[data-testid="unlock-sim"]').trigger('click')
    await flush()
  }

  async function typeInto(app: VueWrapper, testid: string, value: string): Promise<void> {
    const input = app.get(`[data-testid="${testid}"]`)
    ;(input.element as HTMLInputElement).value = value
    await input.trigger('input')
  }

  it('shows no SIM notice when the SIM is ready', () => {
    const app = mountWithSim({ state: 'ready' })
    expect(app.find('[data-testid="sim-lock"]').exists()).toBe(false)
  })

  it('offers the PIN with the attempts left, without the last-attempt warning while more remain', async () => {
    const app = mountWithSim({ state: 'pin-required', pinAttemptsLeft: 3, pukAttemptsLeft: 10 })
    expect(app.get('[data-testid="sim-lock"]').text()).toContain('The SIM is locked with a PIN')
    await openDialog(app)
    expect(dialogOpen(app)).toBe(true)
    expect(app.get('[data-testid="pin-dialog"]').attributes('data-mode')).toBe('pin')
    expect(app.get('[data-testid="pin-attempts"]').text()).toBe('Attempts left: 3')
    expect(app.find('[data-testid="pin-last-attempt"]').exists()).toBe(false)
    expect(app.find('[data-testid="pin-new"]').exists()).toBe(false)
  })

  it('warns hard when one PIN attempt is left', async () => {
    const app = mountWithSim({ state: 'pin-required', pinAttemptsLeft: 1 })
    await openDialog(app)
    const warning = app.get('[data-testid="pin-last-attempt"]')
    expect(warning.attributes('role')).toBe('alert')
    expect(warning.text()).toContain('Only one attempt left')
    expect(warning.text()).toContain('blocks the SIM')
  })

  it('checks the PIN format, then sends it once and closes', async () => {
    const app = mountWithSim({ state: 'pin-required', pinAttemptsLeft: 3 })
    await openDialog(app)
    await typeInto(app, 'pin-code', '12')
    await app.get('[data-testid="pin-dialog"] form').trigger('submit')
    await flush()
    expect(client.callsTo('sim.unlock')).toEqual([])
    expect(app.get('[data-testid="pin-dialog"]').text()).toContain('A PIN has 4 to 8 digits.')

    await typeInto(app, 'pin-code', '12 34')
    expect((app.get('[data-testid="pin-code"]').element as HTMLInputElement).value).toBe('1234')
    await app.get('[data-testid="pin-dialog"] form').trigger('submit')
    await settle()
    expect(client.callsTo('sim.unlock')).toEqual([{ deviceId: 'dev-1', pin: '1234' }])
    expect(dialogOpen(app)).toBe(false)
  })

  it('keeps the dialog open after a wrong PIN, with the reason, and updates the attempts from the next reading', async () => {
    client.handle('sim.unlock', () => {
      throw new ContractError('AUTH_FAILED', 'Wrong PIN.')
    })
    const app = mountWithSim({ state: 'pin-required', pinAttemptsLeft: 2 })
    await openDialog(app)
    await typeInto(app, 'pin-code', '0000')
    await app.get('[data-testid="pin-dialog"] form').trigger('submit')
    await settle()
    expect(dialogOpen(app)).toBe(true)
    expect(app.get('[data-testid="pin-error"]').text()).toContain('The SIM was not unlocked.')
    expect((app.get('[data-testid="pin-code"]').element as HTMLInputElement).value).toBe('')
    expect(client.callsTo('sim.unlock')).toHaveLength(1)

    await app.setProps({ reading: makeStatus({ sim: { state: 'pin-required', pinAttemptsLeft: 1 } }) })
    expect(app.get('[data-testid="pin-attempts"]').text()).toBe('Attempts left: 1')
    expect(app.find('[data-testid="pin-last-attempt"]').exists()).toBe(true)
  })

  it('asks for the PUK and a new PIN twice when the SIM is blocked, warning on the last PUK attempt', async () => {
    const app = mountWithSim({ state: 'puk-required', pinAttemptsLeft: 0, pukAttemptsLeft: 1 })
    expect(app.get('[data-testid="unlock-sim"]').text()).toBe('Enter PUK')
    await openDialog(app)
    expect(app.get('[data-testid="pin-dialog"]').attributes('data-mode')).toBe('puk')
    expect(app.get('[data-testid="pin-attempts"]').text()).toBe('Attempts left: 1')
    expect(app.get('[data-testid="pin-last-attempt"]').text()).toContain('destroys the SIM for good')

    await typeInto(app, 'pin-code', '12345678')
    await typeInto(app, 'pin-new', '4321')
    await typeInto(app, 'pin-confirm', '4322')
    await app.get('[data-testid="pin-dialog"] form').trigger('submit')
    await flush()
    expect(app.get('[data-testid="pin-dialog"]').text()).toContain('The two new PINs are not the same.')
    expect(client.callsTo('sim.unlock')).toEqual([])

    await typeInto(app, 'pin-confirm', '4321')
    await app.get('[data-testid="pin-dialog"] form').trigger('submit')
    await settle()
    expect(client.callsTo('sim.unlock')).toEqual([{ deviceId: 'dev-1', puk: '12345678', newPin: '4321' }])
  })

  it('explains instead of offering the PIN when the device cannot take one', () => {
    const app = mountWithSim({ state: 'pin-required', pinAttemptsLeft: 3 }, ['readSignal'])
    expect(app.find('[data-testid="unlock-sim"]').exists()).toBe(false)
    expect(app.get('[data-testid="sim-lock-unsupported"]').text()).toContain('cannot unlock the SIM from here')
  })
})
