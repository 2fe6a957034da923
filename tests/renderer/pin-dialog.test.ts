import { ContractError } from '@contract/errors'
import type { Capability, Sim } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import DeviceDashboard from '@renderer/components/DeviceDashboard.vue'
import { failureAttemptsLeft, simUnlockFailure } from '@renderer/format/sim-unlock-failure'
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

  async function submitCode(app: VueWrapper, codeValue: string): Promise<void> {
    await typeInto(app, 'pin-code', codeValue)
    await app.get('[data-testid="pin-dialog"] form').trigger('submit')
    await settle()
  }

  it('says a wrong PIN in SIM terms, with the attempts the SIM reported, not the admin-password wording', async () => {
    // Shaped as src/devices/families/*/ send it: AUTH_FAILED with details.reason and details.attemptsLeft.
    client.handle('sim.unlock', () => {
      throw new ContractError('AUTH_FAILED', 'The SIM rejected the PIN. 2 attempts left before the SIM asks for its PUK.', {
        reason: 'wrong-sim-pin',
        attemptsLeft: 2,
        simState: 'pin-required'
      })
    })
    const app = mountWithSim({ state: 'pin-required', pinAttemptsLeft: 3 })
    await openDialog(app)
    await submitCode(app, '0000')
    const notice = app.get('[data-testid="pin-error"]')
    expect(notice.attributes('data-sim-failure')).toBe('wrong-pin')
    expect(notice.text()).toContain('The SIM was not unlocked.')
    expect(notice.text()).toContain('Wrong PIN')
    expect(notice.text()).toContain('Attempts left before the SIM blocks: 2.')
    expect(notice.text()).not.toContain('password')
    // The refusal is newer than the reading on screen (still 3).
    expect(app.get('[data-testid="pin-attempts"]').text()).toBe('Attempts left: 2')
    expect(app.find('[data-testid="pin-last-attempt"]').exists()).toBe(false)
    expect(app.get('[data-testid="pin-dialog"]').attributes('data-mode')).toBe('pin')
  })

  it('warns about the last attempt as soon as a wrong PIN leaves one', async () => {
    client.handle('sim.unlock', () => {
      throw new ContractError('AUTH_FAILED', 'The SIM rejected the PIN.', { reason: 'wrong-sim-pin', attemptsLeft: 1 })
    })
    const app = mountWithSim({ state: 'pin-required', pinAttemptsLeft: 2 })
    await openDialog(app)
    await submitCode(app, '0000')
    expect(app.get('[data-testid="pin-error"]').text()).toContain('Attempts left before the SIM blocks: 1.')
    expect(app.get('[data-testid="pin-last-attempt"]').text()).toContain('Only one attempt left')
  })

  it('words a wrong PIN without a count when the device gave none', async () => {
    client.handle('sim.unlock', () => {
      throw new ContractError('AUTH_FAILED', 'The SIM rejected the PIN.', { reason: 'wrong-sim-pin' })
    })
    const app = mountWithSim({ state: 'pin-required' })
    await openDialog(app)
    await submitCode(app, '0000')
    expect(app.get('[data-testid="pin-error"]').text()).toContain('the SIM blocks after a few wrong tries')
    expect(app.get('[data-testid="pin-attempts"]').text()).toContain('did not say how many attempts are left')
  })

  it('asks for the PUK at once when the last PIN blocked the SIM', async () => {
    client.handle('sim.unlock', () => {
      throw new ContractError('LOCKED_OUT', 'That was the last PIN attempt: the SIM is now blocked.', {
        reason: 'wrong-sim-pin',
        attemptsLeft: 0,
        simState: 'puk-required',
        pukRequired: true
      })
    })
    const app = mountWithSim({ state: 'pin-required', pinAttemptsLeft: 1, pukAttemptsLeft: 10 })
    await openDialog(app)
    await submitCode(app, '0000')
    const notice = app.get('[data-testid="pin-error"]')
    expect(notice.attributes('data-sim-failure')).toBe('pin-now-blocked')
    expect(notice.text()).toContain('The SIM is blocked')
    expect(notice.text()).toContain('Enter the PUK')
    // Not the hotspot's sign-in lock.
    expect(notice.text()).not.toContain('locked sign-ins')
    expect(app.get('[data-testid="pin-dialog"]').attributes('data-mode')).toBe('puk')
    expect(app.find('[data-testid="pin-new"]').exists()).toBe(true)
    expect(app.get('[data-testid="pin-attempts"]').text()).toBe('Attempts left: 10')

    // It stays in PUK mode through a wrong PUK, before any new reading arrives.
    client.handle('sim.unlock', () => {
      throw new ContractError('AUTH_FAILED', 'The SIM rejected the PUK.', { reason: 'wrong-sim-puk', attemptsLeft: 9, simState: 'puk-required' })
    })
    await typeInto(app, 'pin-code', '11111111')
    await typeInto(app, 'pin-new', '1234')
    await typeInto(app, 'pin-confirm', '1234')
    await app.get('[data-testid="pin-dialog"] form').trigger('submit')
    await settle()
    expect(client.callsTo('sim.unlock').at(-1)).toEqual({ deviceId: 'dev-1', puk: '11111111', newPin: '1234' })
    expect(app.get('[data-testid="pin-dialog"]').attributes('data-mode')).toBe('puk')
    expect(app.get('[data-testid="pin-error"]').text()).toContain('Wrong PUK')
    expect(app.get('[data-testid="pin-error"]').text()).toContain('Attempts left before the SIM is blocked for good: 9.')
    expect(app.get('[data-testid="pin-attempts"]').text()).toBe('Attempts left: 9')
  })

  it('asks for the PUK when the SIM was already blocked (sim-puk-required)', async () => {
    client.handle('sim.unlock', () => {
      throw new ContractError('AUTH_FAILED', 'The SIM is blocked.', { reason: 'sim-puk-required', attemptsLeft: 7, pukRequired: true })
    })
    const app = mountWithSim({ state: 'pin-required', pinAttemptsLeft: 3 })
    await openDialog(app)
    await submitCode(app, '1234')
    expect(app.get('[data-testid="pin-error"]').text()).toContain('no longer accepts a PIN')
    expect(app.get('[data-testid="pin-dialog"]').attributes('data-mode')).toBe('puk')
    expect(app.get('[data-testid="pin-attempts"]').text()).toBe('Attempts left: 7')
  })

  it('stops offering attempts once the last PUK was wrong', async () => {
    client.handle('sim.unlock', () => {
      throw new ContractError('LOCKED_OUT', 'That was the last PUK attempt.', { reason: 'wrong-sim-puk', attemptsLeft: 0, simState: 'invalid' })
    })
    const app = mountWithSim({ state: 'puk-required', pukAttemptsLeft: 1 })
    await openDialog(app)
    await typeInto(app, 'pin-code', '12345678')
    await typeInto(app, 'pin-new', '4321')
    await typeInto(app, 'pin-confirm', '4321')
    await app.get('[data-testid="pin-dialog"] form').trigger('submit')
    await settle()
    expect(app.get('[data-testid="pin-error"]').text()).toContain('your carrier has to replace it')
    expect(app.find('[data-testid="pin-code"]').exists()).toBe(false)
    expect(app.find('[data-testid="pin-submit"]').exists()).toBe(false)
    expect(app.find('[data-testid="pin-last-attempt"]').exists()).toBe(false)
    expect(app.get('[data-testid="pin-cancel"]').text()).toBe('Close')
    expect(client.callsTo('sim.unlock')).toHaveLength(1)
  })

  it('keeps the general wording for failures that are not about the code', async () => {
    client.handle('sim.unlock', () => {
      throw new ContractError('TIMEOUT', 'No answer.')
    })
    const app = mountWithSim({ state: 'pin-required', pinAttemptsLeft: 3 })
    await openDialog(app)
    await submitCode(app, '1234')
    expect(app.get('[data-testid="pin-error"]').text()).toContain('No answer in time')
    expect(app.get('[data-testid="pin-error"]').attributes('data-sim-failure')).toBeUndefined()
  })

  it('speaks Japanese for a wrong PIN', async () => {
    client.handle('sim.unlock', () => {
      throw new ContractError('AUTH_FAILED', 'The SIM rejected the PIN.', { reason: 'wrong-sim-pin', attemptsLeft: 2 })
    })
    const setup = mountOptions(client, 'ja')
    missing = setup.missing
    wrapper = mount(DeviceDashboard, {
      ...setup.options,
      props: { device: makeDevice({ capabilities: ['pinUnlock'] }), reading: makeStatus({ sim: { state: 'pin-required', pinAttemptsLeft: 3 } }) }
    })
    await openDialog(wrapper)
    await submitCode(wrapper, '0000')
    expect(wrapper.get('[data-testid="pin-error"]').text()).toContain('PIN コードが違います')
    expect(wrapper.get('[data-testid="pin-error"]').text()).toContain('残り回数: 2 回')
  })

  it('explains instead of offering the PIN when the device cannot take one', () => {
    const app = mountWithSim({ state: 'pin-required', pinAttemptsLeft: 3 }, ['readSignal'])
    expect(app.find('[data-testid="unlock-sim"]').exists()).toBe(false)
    expect(app.get('[data-testid="sim-lock-unsupported"]').text()).toContain('cannot unlock the SIM from here')
  })
})

describe('simUnlockFailure', () => {
  const error = (code: 'AUTH_FAILED' | 'LOCKED_OUT' | 'TIMEOUT', details?: Record<string, unknown>) =>
    details === undefined ? { code, message: 'x' } : { code, message: 'x', details }

  it.each([
    ['wrong PIN with a count', error('AUTH_FAILED', { reason: 'wrong-sim-pin', attemptsLeft: 2 }), { kind: 'wrong-pin', attemptsLeft: 2 }],
    ['wrong PIN without a count', error('AUTH_FAILED', { reason: 'wrong-sim-pin' }), { kind: 'wrong-pin' }],
    ['a nonsense count is ignored', error('AUTH_FAILED', { reason: 'wrong-sim-pin', attemptsLeft: '2' }), { kind: 'wrong-pin' }],
    ['the last PIN (LOCKED_OUT)', error('LOCKED_OUT', { reason: 'wrong-sim-pin', attemptsLeft: 0, pukRequired: true }), { kind: 'pin-now-blocked' }],
    ['the last PIN (count 0)', error('AUTH_FAILED', { reason: 'wrong-sim-pin', attemptsLeft: 0 }), { kind: 'pin-now-blocked' }],
    ['wrong PUK', error('AUTH_FAILED', { reason: 'wrong-sim-puk', attemptsLeft: 4 }), { kind: 'wrong-puk', attemptsLeft: 4 }],
    ['the last PUK', error('LOCKED_OUT', { reason: 'wrong-sim-puk', simState: 'invalid' }), { kind: 'puk-exhausted' }],
    ['already blocked (AUTH_FAILED)', error('AUTH_FAILED', { reason: 'sim-puk-required', attemptsLeft: 10 }), { kind: 'puk-required', attemptsLeft: 10 }],
    ['already blocked (LOCKED_OUT)', error('LOCKED_OUT', { reason: 'sim-puk-required' }), { kind: 'puk-required' }],
    ['a wrong admin password', error('AUTH_FAILED'), null],
    ['the hotspot’s sign-in lock', error('LOCKED_OUT', { waitSeconds: 300 }), null],
    ['another code with a SIM reason', error('TIMEOUT', { reason: 'wrong-sim-pin' }), null]
  ] as const)('%s', (_name, input, expected) => {
    expect(simUnlockFailure(input)).toEqual(expected)
  })

  it('applies a refusal’s count only to the code it was about', () => {
    expect(failureAttemptsLeft({ kind: 'wrong-pin', attemptsLeft: 2 }, 'pin')).toBe(2)
    expect(failureAttemptsLeft({ kind: 'wrong-pin', attemptsLeft: 2 }, 'puk')).toBeUndefined()
    expect(failureAttemptsLeft({ kind: 'puk-required', attemptsLeft: 10 }, 'puk')).toBe(10)
    expect(failureAttemptsLeft({ kind: 'wrong-puk', attemptsLeft: 3 }, 'pin')).toBeUndefined()
    expect(failureAttemptsLeft(null, 'pin')).toBeUndefined()
  })
})
