// The diagnostics bundle card: opt-ins off by default and sent as chosen, the warning when one is on,
// progress from events, cancel, errors, and saving the ZIP.
import { ContractError } from '@contract/errors'
import type { DiagnosticsBundle } from '@contract/diagnostics'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import DiagnosticsBundlePanel from '@renderer/components/tools/DiagnosticsBundlePanel.vue'
import { BUNDLE_TIMEOUT_MS } from '@renderer/stores/diagnostics'
import { deferred, type Deferred } from './support/deferred'
import { FakeHostClient } from './support/fake-client'
import { makeDevice } from './support/fixtures'
import { mountOptions, settle } from './support/mount-app'

const device = makeDevice()
const BUNDLE: DiagnosticsBundle = {
  fileName: 'hotspot-diagnostics-dev-1-20261122T1900Z.zip',
  mimeType: 'application/zip',
  base64: btoa('PK\u0005\u0006'),
  size: 4,
  entries: ['manifest.json'],
  redactions: { imei: 3, imsi: 1, iccid: 2, msisdn: 1, phone: 0, serial: 0, smsText: 0, wifiKey: 1, secret: 0 }
}

describe('DiagnosticsBundlePanel', () => {
  let client: FakeHostClient
  let pending: Deferred<DiagnosticsBundle>
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    pending = deferred()
    client = new FakeHostClient()
      .handle('diagnostics.bundle', () => pending.promise)
      .handle('diagnostics.cancel', () => {
        pending.reject(new ContractError('CANCELLED', 'The diagnostics bundle was cancelled; nothing was saved.'))
        return { cancelled: true }
      })
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    expect(missing).toEqual([])
  })

  async function mountPanel(locale: 'en' | 'ja' = 'en') {
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(DiagnosticsBundlePanel, { ...setup.options, props: { device } })
    await settle()
    return wrapper
  }

  it('leaves identifiers and SMS text out unless ticked, and warns when one is', async () => {
    const app = await mountPanel()
    expect((app.get('[data-testid="diagnostics-identifiers"]').element as HTMLInputElement).checked).toBe(false)
    expect((app.get('[data-testid="diagnostics-sms"]').element as HTMLInputElement).checked).toBe(false)
    expect(app.find('[data-testid="diagnostics-warning"]').exists()).toBe(false)
    await app.get('[data-testid="diagnostics-sms"]').setValue(true)
    expect(app.find('[data-testid="diagnostics-warning"]').exists()).toBe(true)
    await app.get('[data-testid="diagnostics-build"]').trigger('click')
    expect(client.callsTo('diagnostics.bundle')).toEqual([{ deviceId: 'dev-1', include: { identifiers: false, smsText: true } }])
    expect(client.optionsTo('diagnostics.bundle')).toEqual([{ timeoutMs: BUNDLE_TIMEOUT_MS }])
  })

  it('shows each step while it builds, then the file with what was replaced, and saves it', async () => {
    const app = await mountPanel()
    await app.get('[data-testid="diagnostics-build"]').trigger('click')
    await settle()
    expect(app.get('[data-testid="diagnostics"]').attributes('data-status')).toBe('building')
    expect(app.find('[data-testid="diagnostics-identifiers"]').attributes('disabled')).toBeUndefined()
    expect(app.get('fieldset').attributes('disabled')).toBeDefined()
    client.emit('diagnostics.progress', { deviceId: 'dev-1', step: 'history', status: 'started', done: 3, total: 7 })
    client.emit('diagnostics.progress', { deviceId: 'other', step: 'zip', status: 'started', done: 6, total: 7 })
    await settle()
    const progress = app.get('[data-testid="diagnostics-progress"]')
    expect(progress.text()).toContain('last 24 hours of history')
    expect(progress.get('progress').attributes('value')).toBe('3')
    pending.resolve(BUNDLE)
    await settle()
    expect(app.get('[data-testid="diagnostics-ready"]').text()).toContain(BUNDLE.fileName)
    expect(app.get('[data-testid="diagnostics-redactions"]').text()).toBe('IMEI: 3 · IMSI: 1 · ICCID: 2 · Own number: 1 · Wi-Fi keys: 1')
    const created: Blob[] = []
    vi.stubGlobal('URL', { createObjectURL: (blob: Blob) => (created.push(blob), 'blob:zip'), revokeObjectURL: () => undefined })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    await app.get('[data-testid="diagnostics-download"]').trigger('click')
    expect(click).toHaveBeenCalledTimes(1)
    expect(created[0]?.type).toBe('application/zip')
    expect(new Uint8Array(await created[0]!.arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4b, 5, 6]))
  })

  it('cancels: the host is told, and the card says nothing was saved', async () => {
    const app = await mountPanel()
    await app.get('[data-testid="diagnostics-build"]').trigger('click')
    await settle()
    await app.get('[data-testid="diagnostics-cancel"]').trigger('click')
    await settle()
    expect(client.callsTo('diagnostics.cancel')).toEqual([{ deviceId: 'dev-1' }])
    expect(app.get('[data-testid="diagnostics"]').attributes('data-status')).toBe('cancelled')
    expect(app.find('[data-testid="diagnostics-cancelled"]').exists()).toBe(true)
    expect(app.find('[data-testid="diagnostics-error"]').exists()).toBe(false)
  })

  it('shows an error the user can act on', async () => {
    const app = await mountPanel('ja')
    await app.get('[data-testid="diagnostics-build"]').trigger('click')
    pending.reject(new ContractError('BUSY', 'A diagnostics bundle for this device is already being built.'))
    await settle()
    expect(app.get('[data-testid="diagnostics-error"]').attributes('data-error-code')).toBe('BUSY')
    expect(app.text()).toContain('パッケージを作成できませんでした')
  })
})
