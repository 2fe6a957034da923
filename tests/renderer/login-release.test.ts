import { ContractError } from '@contract/errors'
import type { DeviceSummary } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import DeviceDashboard from '@renderer/components/DeviceDashboard.vue'
import { DEVICE_ACTION_TIMEOUT_MS } from '@renderer/stores/device-actions'
import { useDevicesStore } from '@renderer/stores/devices'
import { deferred } from './support/deferred'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { flush, mountOptions, settle } from './support/mount-app'

describe('sign-in, release and resume', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    client = new FakeHostClient()
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  function mountDashboard(device: DeviceSummary, locale: 'en' | 'ja' = 'en'): VueWrapper {
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(DeviceDashboard, { ...setup.options, props: { device, reading: device.state === 'ready' || device.state === 'released' ? makeStatus() : null } })
    return wrapper
  }

  const dialog = (app: VueWrapper) => app.get('[data-testid="login-dialog"]').element as HTMLDialogElement

  async function openLogin(app: VueWrapper): Promise<void> {
    await app.get('[data-testid="enter-password"]').trigger('click')
    await flush()
  }

  async function typePassword(app: VueWrapper, password: string): Promise<void> {
    await app.get('[data-testid="login-password"]').setValue(password)
  }

  it('offers "Enter password" on auth-required and opens the dialog with "admin" prefilled, editable', async () => {
    const app = mountDashboard(makeDevice({ state: 'auth-required' }))
    expect(dialog(app).open).toBe(false)
    expect(app.get('[data-testid="enter-password"]').text()).toBe('Enter password')
    await openLogin(app)
    expect(dialog(app).open).toBe(true)
    const username = app.get('[data-testid="login-username"]')
    expect((username.element as HTMLInputElement).value).toBe('admin')
    expect(username.attributes('disabled')).toBeUndefined()
    expect(app.get('[data-testid="login-dialog"]').text()).toContain('tries exactly once')
    expect(app.get('[data-testid="login-dialog"]').text()).toContain('lock sign-ins')
    expect(document.activeElement).toBe(app.get('[data-testid="login-password"]').element)
  })

  it('sends device.login exactly once per submit, with the remember flag, and closes on success', async () => {
    const signedIn = makeDevice({ state: 'connecting' })
    client.handle('device.login', () => ({ device: signedIn }))
    const app = mountDashboard(makeDevice({ state: 'auth-required' }))
    await openLogin(app)
    await app.get('[data-testid="login-username"]').setValue('root')
    await typePassword(app, 's3cret')
    await app.get('[data-testid="login-remember"]').setValue(true)
    await app.get('form.login').trigger('submit')
    await flush()

    expect(client.callsTo('device.login')).toEqual([{ deviceId: 'dev-1', username: 'root', password: 's3cret', remember: true }])
    // A login closes the session and takes a full reading before it answers.
    expect(client.optionsTo('device.login')).toEqual([{ timeoutMs: DEVICE_ACTION_TIMEOUT_MS }])
    expect(dialog(app).open).toBe(false)
  })

  it('keeps the dialog open on a wrong password, says AUTH_FAILED, and never tries again by itself', async () => {
    client.handle('device.login', () => {
      throw new ContractError('AUTH_FAILED', 'The device refused the password.')
    })
    const app = mountDashboard(makeDevice({ state: 'auth-required' }))
    await openLogin(app)
    await typePassword(app, 'wrong')
    await app.get('form.login').trigger('submit')
    await flush()

    expect(dialog(app).open).toBe(true)
    const error = app.get('[data-testid="login-error"]')
    expect(error.attributes('data-error-code')).toBe('AUTH_FAILED')
    expect(error.text()).toContain('The device refused the password')
    expect(error.text()).toContain('never retried automatically')
    // The password stays for correcting, the remember box was not ticked: it went as false.
    expect((app.get('[data-testid="login-password"]').element as HTMLInputElement).value).toBe('wrong')
    expect(client.callsTo('device.login')).toEqual([{ deviceId: 'dev-1', username: 'admin', password: 'wrong', remember: false }])

    // Time passes, the device changes, the component re-renders: still one attempt.
    await app.setProps({ device: makeDevice({ state: 'auth-required', lastUpdated: 5 }) })
    await new Promise((resolve) => setTimeout(resolve, 20))
    await flush()
    expect(client.callsTo('device.login')).toHaveLength(1)

    // The user decides to try again: exactly one more.
    await typePassword(app, 'right')
    await app.get('form.login').trigger('submit')
    await flush()
    expect(client.callsTo('device.login')).toHaveLength(2)
    expect(dialog(app).open).toBe(true)
  })

  it('ignores a second submit while the first is still out', async () => {
    const answer = deferred<{ device: DeviceSummary }>()
    client.handle('device.login', () => answer.promise)
    const app = mountDashboard(makeDevice({ state: 'auth-required' }))
    await openLogin(app)
    await typePassword(app, 'pw')
    await app.get('form.login').trigger('submit')
    await flush()
    const submit = app.get('[data-testid="login-submit"]')
    expect(submit.text()).toBe('Signing in…')
    expect(submit.attributes('disabled')).toBeDefined()
    await app.get('form.login').trigger('submit')
    await flush()
    expect(client.callsTo('device.login')).toHaveLength(1)

    answer.resolve({ device: makeDevice({ state: 'connecting' }) })
    await settle()
    expect(dialog(app).open).toBe(false)
    expect(client.callsTo('device.login')).toHaveLength(1)
  })

  it('asks for a password instead of sending an empty one', async () => {
    client.handle('device.login', () => ({ device: makeDevice() }))
    const app = mountDashboard(makeDevice({ state: 'auth-required' }))
    await openLogin(app)
    await app.get('form.login').trigger('submit')
    await flush()
    expect(client.callsTo('device.login')).toEqual([])
    expect(app.get('[data-testid="login-password-error"]').text()).toBe('Enter the admin password.')
    expect(app.get('[data-testid="login-password"]').attributes('aria-invalid')).toBe('true')
  })

  it('does not send a user name the user cleared', async () => {
    client.handle('device.login', () => ({ device: makeDevice() }))
    const app = mountDashboard(makeDevice({ state: 'auth-required' }))
    await openLogin(app)
    await app.get('[data-testid="login-username"]').setValue('  ')
    await typePassword(app, 'pw')
    await app.get('form.login').trigger('submit')
    await flush()
    expect(client.callsTo('device.login')).toEqual([{ deviceId: 'dev-1', password: 'pw', remember: false }])
  })

  it('on locked-out shows the wait time in the banner and warns in the dialog', async () => {
    const device = makeDevice({ state: 'locked-out', lastError: { code: 'LOCKED_OUT', message: 'locked', details: { waitSeconds: 125 } } })
    const app = mountDashboard(device)
    expect(app.get('[data-testid="state-banner"]').text()).toContain('Wait about 3 min')
    await openLogin(app)
    const warning = app.get('[data-testid="login-locked-warning"]')
    expect(warning.text()).toContain('locked right now')
    expect(warning.text()).toContain('about 3 min')
  })

  it('a LOCKED_OUT answer to the login says how long to wait', async () => {
    client.handle('device.login', () => {
      throw new ContractError('LOCKED_OUT', 'Too many attempts.', { waitSeconds: 600 })
    })
    const app = mountDashboard(makeDevice({ state: 'auth-required' }))
    await openLogin(app)
    await typePassword(app, 'pw')
    await app.get('form.login').trigger('submit')
    await flush()
    expect(app.get('[data-testid="login-error"]').attributes('data-error-code')).toBe('LOCKED_OUT')
    expect(app.get('[data-testid="login-dialog"]').text()).toContain('about 10 min')
  })

  it('has no "Enter password" on a ready device', () => {
    const app = mountDashboard(makeDevice())
    expect(app.find('[data-testid="enter-password"]').exists()).toBe(false)
  })

  it('releases the device to its web page only after confirmation, with the one-session explanation', async () => {
    const released = makeDevice({ state: 'released' })
    client.handle('device.release', () => ({ device: released }))
    const app = mountDashboard(makeDevice())
    const controls = app.get('[data-testid="device-controls"]')
    expect(controls.text()).toContain('one admin session')
    await app.get('[data-testid="release-device"]').trigger('click')
    await flush()
    const confirm = app.get('[data-testid="confirm-release"]')
    expect((confirm.element as HTMLDialogElement).open).toBe(true)
    expect(client.callsTo('device.release')).toEqual([])

    await confirm.get('[data-testid="confirm-accept"]').trigger('click')
    await flush()
    expect(client.callsTo('device.release')).toEqual([{ deviceId: 'dev-1' }])
    expect((confirm.element as HTMLDialogElement).open).toBe(false)

    // The pressed button is gone with the new state: the focus goes to the next step, Resume.
    await app.setProps({ device: released })
    await settle()
    expect(document.activeElement).toBe(app.get('[data-testid="resume-device"]').element)
  })

  it('in the released state offers Resume (and the device web page), and resumes once', async () => {
    const answer = deferred<{ device: DeviceSummary }>()
    client.handle('device.resume', () => answer.promise)
    const app = mountDashboard(makeDevice({ state: 'released' }))
    const banner = app.get('[data-testid="state-banner"]')
    expect(banner.attributes('data-state')).toBe('released')
    expect(banner.text()).toContain('one admin session')
    expect(app.get('[data-testid="device-state"]').text()).toBe('Released')
    expect(app.get('[data-testid="device-web-page"]').attributes('href')).toBe('http://192.168.8.1')
    expect(app.find('[data-testid="release-device"]').exists()).toBe(false)

    const resume = app.get('[data-testid="resume-device"]')
    await resume.trigger('click')
    await flush()
    expect(app.get('[data-testid="resume-device"]').text()).toBe('Resuming…')
    await app.get('[data-testid="resume-device"]').trigger('click')
    expect(client.callsTo('device.resume')).toEqual([{ deviceId: 'dev-1' }])
    answer.resolve({ device: makeDevice({ state: 'connecting' }) })
    await flush()
  })

  it('puts the answered summary into the device list', async () => {
    client.handle('device.resume', () => ({ device: makeDevice({ state: 'connecting' }) }))
    const app = mountDashboard(makeDevice({ state: 'released' }))
    const devices = useDevicesStore()
    devices.devices = [makeDevice({ state: 'released' })]
    await app.get('[data-testid="resume-device"]').trigger('click')
    await flush()
    expect(devices.devices[0]?.state).toBe('connecting')
  })

  it('says what to do when resuming fails', async () => {
    client.handle('device.resume', () => {
      throw new ContractError('NOT_FOUND', 'No device with id "dev-1".')
    })
    const app = mountDashboard(makeDevice({ state: 'released' }))
    await app.get('[data-testid="resume-device"]').trigger('click')
    await flush()
    const banner = app.get('[data-testid="state-banner"]')
    expect(banner.text()).toContain('Could not resume.')
    expect(banner.text()).toContain('Plug it back in')
  })

  it('renders the login dialog and released banner in Japanese', async () => {
    const app = mountDashboard(makeDevice({ state: 'released' }), 'ja')
    expect(app.get('[data-testid="resume-device"]').text()).toBe('再開')
    expect(app.get('[data-testid="device-state"]').text()).toBe('解放中')
    await app.setProps({ device: makeDevice({ state: 'auth-required' }) })
    await openLogin(app)
    expect(app.get('[data-testid="login-dialog"]').text()).toContain('このパソコンに保存する')
  })
})
