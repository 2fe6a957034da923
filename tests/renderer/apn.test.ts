import { ContractError } from '@contract/errors'
import type { ResultOf } from '@contract/methods'
import type { ApnProfile, DeviceSummary } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ApnPanel from '@renderer/components/ApnPanel.vue'
import { APN_SWITCH_TIMEOUT_MS, useApnStore } from '@renderer/stores/apn'
import { deferred, type Deferred } from './support/deferred'
import { FakeHostClient } from './support/fake-client'
import { makeDevice } from './support/fixtures'
import { createTestPinia, flush, mountOptions, settle } from './support/mount-app'

type SwitchResult = ResultOf<'apn.switch'>

const PRESET: ApnProfile = { id: '1', name: 'docomo', apn: 'spmode.ne.jp', auth: 'none', pdpType: 'ipv4v6', isDefault: true, readOnly: true }
const IIJ: ApnProfile = { id: '2', name: 'IIJmio', apn: 'iijmio.jp', username: 'mio@iij', password: 'iij', auth: 'chap', pdpType: 'ipv4v6', isDefault: false }

function apnDevice(overrides: Partial<DeviceSummary> = {}): DeviceSummary {
  return makeDevice({ capabilities: ['readSignal', 'apnRead', 'apnWrite'], ...overrides })
}

describe('APN panel', () => {
  let client: FakeHostClient
  let profiles: ApnProfile[]
  let pendingSwitch: Deferred<SwitchResult>
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    profiles = [PRESET, IIJ]
    pendingSwitch = deferred<SwitchResult>()
    client = new FakeHostClient()
      .handle('apn.list', () => ({ profiles: structuredClone(profiles) }))
      .handle('apn.switch', () => pendingSwitch.promise)
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  async function mountPanel(device: DeviceSummary = apnDevice(), locale: 'en' | 'ja' = 'en'): Promise<VueWrapper> {
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(ApnPanel, { ...setup.options, props: { device } })
    await flush()
    return wrapper
  }

  const rows = (app: VueWrapper) => app.findAll('[data-testid="apn-profile"]')
  const step = (app: VueWrapper, name: string) => app.get(`[data-testid="apn-step"][data-step="${name}"]`)

  async function switchToIij(app: VueWrapper): Promise<void> {
    await rows(app)[1]!.get('[data-testid="apn-use"]').trigger('click')
    await flush()
    await app.get('[data-testid="apn-confirm"] [data-testid="confirm-accept"]').trigger('click')
    await flush()
  }

  it('lists the profiles with the one in use and the read-only presets marked', async () => {
    const app = await mountPanel()
    expect(client.callsTo('apn.list')).toEqual([{ deviceId: 'dev-1' }])
    const [preset, iij] = rows(app)
    expect(preset!.attributes('data-default')).toBe('true')
    expect(preset!.get('[data-testid="apn-in-use"]').text()).toBe('In use')
    expect(preset!.get('[data-testid="apn-preset"]').text()).toBe('Preset (read-only)')
    expect(preset!.find('[data-testid="apn-use"]').exists()).toBe(false)
    expect(iij!.find('[data-testid="apn-in-use"]').exists()).toBe(false)
    expect(iij!.find('[data-testid="apn-preset"]').exists()).toBe(false)
    expect(iij!.text()).toContain('iijmio.jp')
    expect(iij!.text()).toContain('mio@iij')
    expect(iij!.text()).toContain('CHAP')
    expect(iij!.text()).not.toContain('iij ') // the password is never shown
    expect(iij!.get('[data-testid="apn-use"]').text()).toBe('Use this')
  })

  it('offers no switching without apnWrite', async () => {
    const app = await mountPanel(apnDevice({ capabilities: ['apnRead'] }))
    expect(rows(app)).toHaveLength(2)
    expect(app.find('[data-testid="apn-use"]').exists()).toBe(false)
    expect(app.find('[data-testid="apn-add"]').exists()).toBe(false)
    expect(app.get('[data-testid="apn-read-only"]').text()).toContain('not change them')
  })

  it('does not read the device while it is not connected, and loads once it is', async () => {
    const app = await mountPanel(apnDevice({ state: 'auth-required' }))
    expect(client.callsTo('apn.list')).toEqual([])
    expect(app.find('[data-testid="apn-not-ready"]').exists()).toBe(true)
    await app.setProps({ device: apnDevice() })
    await flush()
    expect(client.callsTo('apn.list')).toHaveLength(1)
    expect(rows(app)).toHaveLength(2)
  })

  it('asks before switching, then renders each step from this device’s apn.progress events', async () => {
    const app = await mountPanel()
    await rows(app)[1]!.get('[data-testid="apn-use"]').trigger('click')
    await flush()
    const confirm = app.get('[data-testid="apn-confirm"]')
    expect((confirm.element as HTMLDialogElement).open).toBe(true)
    expect(confirm.text()).toContain('Switch to “IIJmio”?')
    expect(confirm.text()).toContain('docomo (spmode.ne.jp)')
    expect(client.callsTo('apn.switch')).toEqual([])
    await confirm.get('[data-testid="confirm-accept"]').trigger('click')
    await flush()
    expect(client.callsTo('apn.switch')).toEqual([{ deviceId: 'dev-1', target: { profileId: '2' } }])

    const progress = app.get('[data-testid="apn-progress"]')
    expect(progress.attributes('data-outcome')).toBe('running')
    expect(progress.text()).toContain('Switching to IIJmio (iijmio.jp)')
    expect(app.get('[data-testid="apn-no-cancel"]').text()).toContain('cannot be stopped halfway')
    expect(step(app, 'snapshot').attributes('data-status')).toBe('pending')
    expect(step(app, 'restore').attributes('data-status')).toBe('skipped')
    expect(app.get('[data-testid="apn-use"]').attributes('disabled')).toBeDefined()

    client.emit('apn.progress', { deviceId: 'dev-1', step: 'snapshot', status: 'started' })
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'snapshot', status: 'ok', detail: 'current: docomo (spmode.ne.jp)' })
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'apply', status: 'started' })
    // Another device's switch is not ours to show.
    client.emit('apn.progress', { deviceId: 'dev-2', step: 'apply', status: 'failed', detail: 'elsewhere' })
    await flush()
    expect(step(app, 'snapshot').attributes('data-status')).toBe('ok')
    expect(step(app, 'snapshot').text()).toContain('current: docomo (spmode.ne.jp)')
    expect(step(app, 'apply').attributes('data-status')).toBe('started')
    expect(step(app, 'apply').text()).toContain('In progress…')
    expect(app.text()).not.toContain('elsewhere')

    client.emit('apn.progress', { deviceId: 'dev-1', step: 'apply', status: 'ok' })
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'reattach', status: 'started' })
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'reattach', status: 'ok' })
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'verify', status: 'started' })
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'verify', status: 'ok', detail: 'iijmio.jp' })
    profiles = [{ ...PRESET, isDefault: false }, { ...IIJ, isDefault: true }]
    pendingSwitch.resolve({ ok: true, restored: false, active: { ...IIJ, isDefault: true } })
    await settle()

    expect(app.get('[data-testid="apn-progress"]').attributes('data-outcome')).toBe('ok')
    expect(app.get('[data-testid="apn-result"]').text()).toContain('Now using IIJmio (iijmio.jp).')
    expect(['snapshot', 'apply', 'reattach', 'verify'].map((name) => step(app, name).attributes('data-status'))).toEqual(['ok', 'ok', 'ok', 'ok'])
    expect(step(app, 'restore').attributes('data-status')).toBe('skipped')
    // The list is read again and shows the new default.
    expect(client.callsTo('apn.list')).toHaveLength(2)
    expect(rows(app)[1]!.attributes('data-default')).toBe('true')

    await app.get('[data-testid="apn-result-done"]').trigger('click')
    expect(app.find('[data-testid="apn-progress"]').exists()).toBe(false)
    // The progress listener was removed with the switch.
    expect(client.listenerCount('apn.progress')).toBe(0)
  })

  it('a failure that was rolled back says so and names the APN it is back on', async () => {
    const app = await mountPanel()
    await switchToIij(app)
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'verify', status: 'failed', detail: 'Mobile data did not come back with the new APN.' })
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'restore', status: 'started' })
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'restore', status: 'ok', detail: 'back on docomo (spmode.ne.jp)' })
    pendingSwitch.resolve({
      ok: false,
      restored: true,
      active: PRESET,
      error: { code: 'TIMEOUT', message: 'Mobile data did not come back with the new APN: no service.' }
    })
    await settle()
    const result = app.get('[data-testid="apn-result"]')
    expect(result.attributes('data-result')).toBe('restored')
    expect(result.text()).toContain('the previous one was restored')
    expect(app.get('[data-testid="apn-restored-to"]').text()).toContain('Back on docomo (spmode.ne.jp)')
    expect(result.text()).toContain('did not come back with the new APN: no service.')
    expect(step(app, 'verify').attributes('data-status')).toBe('failed')
    expect(step(app, 'restore').attributes('data-status')).toBe('ok')
  })

  it('a failure in another step also gives the error code’s advice', async () => {
    const app = await mountPanel()
    await switchToIij(app)
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'apply', status: 'failed', detail: 'gone' })
    pendingSwitch.resolve({ ok: false, restored: true, active: PRESET, error: { code: 'DEVICE_GONE', message: 'The device stopped answering.' } })
    await settle()
    expect(app.get('[data-testid="apn-result"] [data-error-code="DEVICE_GONE"]').text()).toContain('Check its USB cable')
  })

  it('a failure that could NOT be rolled back says so loudly and gives the old APN to set by hand', async () => {
    const app = await mountPanel()
    await switchToIij(app)
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'verify', status: 'failed' })
    client.emit('apn.progress', { deviceId: 'dev-1', step: 'restore', status: 'failed', detail: 'The device stopped answering.' })
    pendingSwitch.resolve({
      ok: false,
      restored: false,
      error: {
        code: 'TIMEOUT',
        message: 'Mobile data did not come back. Restoring the previous APN also failed: gone. Set it back by hand: docomo (spmode.ne.jp).',
        details: { previous: PRESET }
      }
    })
    await settle()
    const result = app.get('[data-testid="apn-not-restored"]')
    expect(result.attributes('role')).toBe('alert')
    expect(result.text()).toContain('could NOT be restored')
    expect(app.get('[data-testid="apn-manual-fix"]').text()).toContain('Set it back by hand: docomo (spmode.ne.jp).')
    const previous = app.get('[data-testid="apn-previous"]')
    expect(previous.text()).toContain('docomo')
    expect(previous.text()).toContain('spmode.ne.jp')
    expect(step(app, 'restore').attributes('data-status')).toBe('failed')
  })

  it('when the request itself fails, says what to do with the error code', async () => {
    client.handle('apn.switch', () => {
      throw new ContractError('BUSY', 'The same operation is already running on this device.')
    })
    const app = await mountPanel()
    await switchToIij(app)
    await settle()
    const result = app.get('[data-testid="apn-result"]')
    expect(result.attributes('data-result')).toBe('request-failed')
    expect(result.text()).toContain('The APN was not switched')
    expect(result.text()).toContain('Try again when it finishes')
  })

  it('validates the new profile before anything is sent, then adds and switches to it', async () => {
    const app = await mountPanel()
    await app.get('[data-testid="apn-add"]').trigger('click')
    const form = app.get('[data-testid="apn-form"]')
    await form.trigger('submit')
    expect(app.get('[data-testid="apn-form-name-error"]').text()).toBe('Give the profile a name.')
    expect(app.get('[data-testid="apn-form-apn-error"]').text()).toBe('Enter the APN from your carrier.')
    expect(app.get('[data-testid="apn-form-name"]').attributes('aria-invalid')).toBe('true')

    await app.get('[data-testid="apn-form-name"]').setValue('iijmio')
    await app.get('[data-testid="apn-form-apn"]').setValue('iij mio.jp')
    await form.trigger('submit')
    expect(app.get('[data-testid="apn-form-name-error"]').text()).toContain('already exists')
    expect(app.get('[data-testid="apn-form-apn-error"]').text()).toContain('without spaces')
    expect(client.callsTo('apn.switch')).toEqual([])

    await app.get('[data-testid="apn-form-name"]').setValue('Rakuten')
    await app.get('[data-testid="apn-form-apn"]').setValue(' rakuten.jp ')
    await app.get('[data-testid="apn-form-auth"]').setValue('pap')
    await app.get('[data-testid="apn-form-pdp"]').setValue('ipv4')
    await form.trigger('submit')
    await flush()
    expect(client.callsTo('apn.switch')).toEqual([{ deviceId: 'dev-1', target: { draft: { name: 'Rakuten', apn: 'rakuten.jp', auth: 'pap', pdpType: 'ipv4' } } }])
    expect(app.find('[data-testid="apn-form"]').exists()).toBe(false)
    expect(app.get('[data-testid="apn-progress"]').text()).toContain('Switching to Rakuten (rakuten.jp)')
  })

  it('moves the focus into the form and back to its button', async () => {
    const app = await mountPanel()
    await app.get('[data-testid="apn-add"]').trigger('click')
    expect(document.activeElement).toBe(app.get('[data-testid="apn-form-name"]').element)
    await app.get('[data-testid="apn-form-cancel"]').trigger('click')
    await flush()
    expect(app.find('[data-testid="apn-form"]').exists()).toBe(false)
    expect(document.activeElement).toBe(app.get('[data-testid="apn-add"]').element)
  })

  it('says what went wrong when the list cannot be read', async () => {
    client.handle('apn.list', () => {
      throw new ContractError('TIMEOUT', 'The device did not answer in time.')
    })
    const app = await mountPanel()
    expect(app.text()).toContain('Could not read the APN profiles.')
    expect(app.text()).toContain('Try again in a moment')
  })

  it('edits a copy: the form is filled from the profile under a free name, and the edit is added and switched to', async () => {
    const app = await mountPanel()
    await rows(app)[1]!.get('[data-testid="apn-edit"]').trigger('click')
    await flush()
    expect(app.get('[data-testid="apn-form-title"]').text()).toBe('Edit a copy of “IIJmio”')
    expect((app.get('[data-testid="apn-form-name"]').element as HTMLInputElement).value).toBe('IIJmio (edited)')
    expect((app.get('[data-testid="apn-form-apn"]').element as HTMLInputElement).value).toBe('iijmio.jp')
    expect((app.get('[data-testid="apn-form-username"]').element as HTMLInputElement).value).toBe('mio@iij')
    expect((app.get('[data-testid="apn-form-auth"]').element as HTMLSelectElement).value).toBe('chap')
    expect(app.get('[data-testid="apn-form-submit"]').text()).toBe('Save copy and switch')
    await app.get('[data-testid="apn-form-apn"]').setValue('iijmio.jp.example')
    await app.get('[data-testid="apn-form"]').trigger('submit')
    await flush()
    expect(client.callsTo('apn.switch')).toEqual([
      {
        deviceId: 'dev-1',
        target: { draft: { name: 'IIJmio (edited)', apn: 'iijmio.jp.example', auth: 'chap', pdpType: 'ipv4v6', username: 'mio@iij', password: 'iij' } }
      }
    ])
    // The original is never changed in place: only a new profile is sent.
    expect(client.callsTo('apn.list').length).toBeGreaterThan(0)
  })

  it('a second copy of the same profile gets a numbered name', async () => {
    profiles = [PRESET, IIJ, { ...IIJ, id: '3', name: 'IIJmio (edited)', isDefault: false }]
    const app = await mountPanel()
    await rows(app)[1]!.get('[data-testid="apn-edit"]').trigger('click')
    await flush()
    expect((app.get('[data-testid="apn-form-name"]').element as HTMLInputElement).value).toBe('IIJmio (edited 2)')
  })

  it('edits a copy in Japanese', async () => {
    const app = await mountPanel(apnDevice(), 'ja')
    await rows(app)[0]!.get('[data-testid="apn-edit"]').trigger('click')
    await flush()
    expect(app.get('[data-testid="apn-form-title"]').text()).toBe('「docomo」のコピーを編集')
    expect((app.get('[data-testid="apn-form-name"]').element as HTMLInputElement).value).toBe('docomo (編集)')
    expect(app.get('[data-testid="apn-form-intro"]').text()).toContain('そのまま残ります')
  })

  it('renders the steps in Japanese', async () => {
    const app = await mountPanel(apnDevice(), 'ja')
    await switchToIij(app)
    expect(step(app, 'verify').text()).toContain('通信できるか確認')
    expect(app.get('[data-testid="apn-no-cancel"]').text()).toContain('途中で止められません')
  })
})

describe('apn store', () => {
  it('gives the switch a timeout long enough for the verify step, and refuses a second switch while one runs', async () => {
    const client = new FakeHostClient()
    const pending = deferred<SwitchResult>()
    client.handle('apn.switch', () => pending.promise).handle('apn.list', () => ({ profiles: [PRESET, IIJ] }))
    createTestPinia(client)
    const store = useApnStore()
    await store.load('dev-1')
    void store.switchToProfile('dev-1', '2')
    void store.switchToProfile('dev-1', '2')
    await flush()
    expect(client.callsTo('apn.switch')).toHaveLength(1)
    expect(client.optionsTo('apn.switch')).toEqual([{ timeoutMs: APN_SWITCH_TIMEOUT_MS }])
    expect(APN_SWITCH_TIMEOUT_MS).toBeGreaterThan(45_000)
    expect(store.stateOf('dev-1').previous?.id).toBe('1')
    pending.resolve({ ok: true, restored: false })
    await settle()
    expect(store.stateOf('dev-1').switchStatus).toBe('done')
  })
})
