// The Station area in the app frame, with a fake host: the header switch (remembered), the section tabs
// by keyboard, a batch job whose rows follow 'batch.progress' without changing shape, the finished
// report, the inventory's key reveal, a profile deleted after confirming, and a check-in with live checks.
import { mount, type VueWrapper } from '@vue/test-utils'
import { ContractError } from '@contract/errors'
import type { JobSummary, JobUnit, ProfileEntry } from '@contract/shop'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import App from '@renderer/App.vue'
import { SETTINGS_STORAGE_KEY } from '@renderer/stores/settings'
import { STATION_NAV_STORAGE_KEY } from '@renderer/stores/station-nav'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { flush, mountOptions, settle } from './support/mount-app'

const PROFILE: ProfileEntry = {
  profile: { schema: 'hotspot-desk/profile@1', id: 'shop-jp', name: 'Shop JP', wifi: { ssid: 'RENTAL-{imei4}', key: { mode: 'generate', length: 12, alphabet: 'alnum-unambiguous' }, security: 'wpa2-psk' }, resetCounters: false, unsupported: 'fail' },
  updatedAt: Date.UTC(2026, 0, 15)
}

function job(overrides: Partial<JobSummary> = {}): JobSummary {
  return {
    jobId: 'job-1',
    profileId: 'shop-jp',
    profileName: 'Shop JP',
    state: 'running',
    createdAt: Date.UTC(2026, 0, 15, 9),
    parallelism: 4,
    watchNew: false,
    counts: { total: 1, queued: 1, running: 0, done: 0, failed: 0, needsAttention: 0, cancelled: 0 },
    ...overrides
  }
}

function jobUnit(statuses: Array<'pending' | 'running' | 'ok' | 'failed'>, outcome: JobUnit['outcome']): JobUnit {
  const steps = (['connect', 'snapshot', 'wifi', 'verify'] as const).map((step, index) => ({ step, status: statuses[index] ?? 'pending' }))
  return { deviceId: 'dev-1', unitKey: 'imei:867123456789012', position: 1, model: 'E5577', outcome, steps }
}

describe('Station area', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  // App loads the station lazily; load the module once here so each mount finds it ready.
  beforeAll(async () => {
    await import('@renderer/components/station/StationArea.vue')
  })

  beforeEach(() => {
    localStorage.clear()
    client = new FakeHostClient()
      .handle('devices.subscribe', () => ({ devices: [makeDevice()] }))
      .handle('devices.unsubscribe', () => ({ unsubscribed: true }))
      .handle('device.status', ({ deviceId }) => makeStatus({ deviceId }))
      .handle('profile.list', () => ({ profiles: [PROFILE], problems: [] }))
      .handle('batch.list', () => ({ jobs: [] }))
      .handle('station.addressing', () => ({ units: [{ deviceId: 'dev-1', via: 'address', detail: '192.168.8.1 via eth1', collidesWith: [] }], oneAtATime: false }))
      .handle('batch.start', () => job())
      .handle('batch.get', () => ({ ...job(), units: [jobUnit([], 'queued')] }))
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  async function mountApp(locale: 'en' | 'ja' = 'en'): Promise<VueWrapper> {
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(App, setup.options)
    await settle()
    return wrapper
  }

  it('switches between Devices and Station from the header, and remembers it', async () => {
    const app = await mountApp()
    expect(app.find('[data-testid="station"]').exists()).toBe(false)
    expect(app.get('[data-testid="area-devices"]').attributes('aria-pressed')).toBe('true')
    await app.get('[data-testid="area-station"]').trigger('click')
    await settle()
    expect(app.find('[data-testid="station"]').exists()).toBe(true)
    expect(app.get('main').attributes('aria-label')).toBe('Rental station')
    expect(app.get('[data-testid="area-station"]').attributes('aria-pressed')).toBe('true')
    expect(JSON.parse(localStorage.getItem(STATION_NAV_STORAGE_KEY) ?? '{}')).toMatchObject({ area: 'station' })
    expect(app.findAll('[data-testid="profile-item"]').map((item) => item.attributes('data-profile-id'))).toEqual(['shop-jp'])
  })

  it('says the host has no station when it refuses the profile list as unsupported, with a retry', async () => {
    client.handle('profile.list', () => {
      throw new ContractError('UNSUPPORTED', 'The shop station is not available in this host yet.')
    })
    localStorage.setItem(STATION_NAV_STORAGE_KEY, JSON.stringify({ area: 'station', section: 'profiles' }))
    const app = await mountApp()
    const notice = app.get('[data-testid="station-profiles"] [role="alert"]')
    expect(notice.text()).toContain('Could not load the profiles')
    expect(notice.text()).toContain('This host has no rental station')
    expect(notice.text()).not.toContain('firmware')
    client.handle('profile.list', () => ({ profiles: [PROFILE], problems: [] }))
    await app.get('[data-testid="profiles-retry"]').trigger('click')
    await settle()
    expect(app.findAll('[data-testid="profile-item"]')).toHaveLength(1)
  })

  it('moves between sections with the arrow keys', async () => {
    localStorage.setItem(STATION_NAV_STORAGE_KEY, JSON.stringify({ area: 'station', section: 'profiles' }))
    const app = await mountApp()
    const first = app.get('[data-testid="station-tab-profiles"]')
    ;(first.element as HTMLElement).focus()
    await first.trigger('keydown', { key: 'ArrowRight' })
    await settle()
    expect(app.get('[data-testid="station-tab-prepare"]').attributes('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(app.get('[data-testid="station-tab-prepare"]').element)
    expect(app.find('[data-testid="station-prepare"]').exists()).toBe(true)
    await app.get('[data-testid="station-tab-prepare"]').trigger('keydown', { key: 'End' })
    await settle()
    expect(app.find('[data-testid="station-returns"]').exists()).toBe(true)
  })

  it('runs a job: rows follow progress events, the bar fills, and the report is offered to copy and export', async () => {
    localStorage.setItem(STATION_NAV_STORAGE_KEY, JSON.stringify({ area: 'station', section: 'prepare' }))
    const app = await mountApp()
    expect(app.text()).toContain('192.168.8.1 via eth1')
    await app.get('[data-testid="prepare-start"]').trigger('click')
    await settle()
    // Nothing chosen yet: said, and nothing sent.
    expect(app.get('[data-testid="prepare-problem"]').text()).toBe('Tick at least one unit, or “every unit that appears”.')
    expect(client.callsTo('batch.start')).toEqual([])
    await app.get('[data-testid="prepare-unit"]').setValue(true)
    await app.get('form').trigger('submit')
    await settle()
    expect(client.callsTo('batch.start')).toEqual([{ profileId: 'shop-jp', deviceIds: ['dev-1'], watchNew: false, parallelism: 4 }])
    const row = () => app.get('[data-testid="job-unit"]')
    expect(row().findAll('[data-step]')).toHaveLength(4)
    expect(app.get('[data-testid="job-bar"]').attributes('aria-valuenow')).toBe('0')

    client.emit('batch.progress', { job: job({ counts: { total: 1, queued: 0, running: 1, done: 0, failed: 0, needsAttention: 0, cancelled: 0 } }), unit: jobUnit(['ok', 'ok', 'running'], 'running') })
    await flush()
    expect(row().findAll('[data-step]').map((step) => step.attributes('data-status'))).toEqual(['ok', 'ok', 'running', 'pending'])
    expect(row().findAll('[data-step]')).toHaveLength(4)
    expect(row().get('[data-testid="job-unit-outcome"]').text()).toBe('Preparing')

    client.emit('batch.progress', {
      job: job({ state: 'finished', finishedAt: Date.UTC(2026, 0, 15, 9, 3), counts: { total: 1, queued: 0, running: 0, done: 1, failed: 0, needsAttention: 0, cancelled: 0 } }),
      unit: { ...jobUnit(['ok', 'ok', 'ok', 'ok'], 'done'), applied: { ssid: 'RENTAL-9012' } }
    })
    await flush()
    expect(app.get('[data-testid="job-bar"]').attributes('aria-valuenow')).toBe('1')
    expect(app.get('[data-testid="job-state"]').text()).toBe('Finished')
    expect(app.get('[data-testid="job-report"]').text()).toContain('1 of 1 units prepared')
    expect(app.find('[data-testid="job-cancel"]').exists()).toBe(false)
    expect(row().text()).toContain('RENTAL-9012')
    expect(app.find('[data-testid="job-copy"]').exists()).toBe(true)
    expect(app.find('[data-testid="job-export-csv"]').exists()).toBe(true)
  })

  it('shows a unit error with what to do, and a failed cancel in its dialog', async () => {
    client.handle('batch.list', () => ({ jobs: [job()] }))
    client.handle('batch.get', () => ({
      ...job(),
      units: [
        { ...jobUnit(['ok', 'failed'], 'failed'), error: { code: 'AUTH_FAILED', message: 'admin password refused' } },
        { ...jobUnit(['ok', 'failed'], 'failed'), unitKey: 'imei:867856036059928', position: 2, error: { code: 'UNSUPPORTED', message: 'The E3372h cannot read its Wi-Fi settings.' } }
      ]
    }))
    client.handle('batch.cancel', () => {
      throw new ContractError('TIMEOUT', 'The host did not answer "batch.cancel" within 15 s.')
    })
    localStorage.setItem(STATION_NAV_STORAGE_KEY, JSON.stringify({ area: 'station', section: 'prepare' }))
    const app = await mountApp()
    expect(app.get('[data-testid="job-progress"]').text()).toContain('The device refused the password')
    expect(app.findAll('[data-testid="job-unit-error-message"]').map((line) => line.text())).toEqual(['admin password refused', 'The E3372h cannot read its Wi-Fi settings.'])
    // Not "the firmware lacks it": at the station the way out is the profile's choice for such units.
    expect(app.get('[data-testid="job-progress"]').text()).toContain('set “When a unit cannot do a setting” to “Skip the setting and report it”')
    await app.get('[data-testid="job-cancel"]').trigger('click')
    await flush()
    await app.get('[data-testid="confirm-accept"]').trigger('click')
    await settle()
    expect(client.callsTo('batch.cancel')).toEqual([{ jobId: 'job-1' }])
    expect(app.get('dialog [role="alert"]').attributes('data-error-code')).toBe('TIMEOUT')
  })

  it('reveals a key on request in the inventory and hides it on demand', async () => {
    client
      .handle('inventory.list', () => ({ units: [{ unitKey: 'imei:867123456789012', imei: '867123456789012', ssid: 'RENTAL-9012', hasKey: true, status: 'in-stock', firstSeen: 1, lastSeen: 2 }] }))
      .handle('inventory.revealKey', () => ({ key: 'k7Pq93xYw2mZ' }))
    localStorage.setItem(STATION_NAV_STORAGE_KEY, JSON.stringify({ area: 'station', section: 'inventory' }))
    localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ locale: 'ja', theme: 'system' }))
    const app = await mountApp('ja')
    expect(app.get('[data-testid="inventory-row"]').text()).toContain('RENTAL-9012')
    expect(app.find('[data-testid="inventory-key"]').exists()).toBe(false)
    await app.get('[data-testid="inventory-reveal"]').trigger('click')
    await settle()
    expect(app.get('[data-testid="inventory-key"]').text()).toBe('k7Pq93xYw2mZ')
    expect(app.get('[data-testid="inventory-row"]').text()).toContain('あと 30 秒で非表示')
    await app.get('[data-testid="inventory-hide-key"]').trigger('click')
    expect(app.find('[data-testid="inventory-key"]').exists()).toBe(false)
    expect(app.get('[data-testid="labels-render"]').attributes('disabled')).toBeDefined()
  })

  it('opens an imported profile file in the editor, and says so when a file is not JSON', async () => {
    client.handle('profile.validate', () => ({ ok: false, issues: [{ path: 'id', message: 'Use lower-case letters, digits and dashes (e.g. "shop-jp-iij")' }] }))
    localStorage.setItem(STATION_NAV_STORAGE_KEY, JSON.stringify({ area: 'station', section: 'profiles' }))
    const app = await mountApp()
    const pick = async (name: string, text: string) => {
      const input = app.get('[data-testid="profile-import-file"]')
      Object.defineProperty(input.element, 'files', { configurable: true, value: [new File([text], name, { type: 'application/json' })] })
      await input.trigger('change')
      await settle()
    }
    await pick('broken.json', '{"schema": ')
    expect(app.get('[data-testid="profile-import-error"]').text()).toContain('“broken.json” is not a JSON file')
    await pick('other-station.json', JSON.stringify({ ...PROFILE.profile, id: 'Other Station', name: 'Other station' }))
    expect((app.get('[data-testid="profile-name"]').element as HTMLInputElement).value).toBe('Other station')
    expect((app.get('[data-testid="profile-ssid"]').element as HTMLInputElement).value).toBe('RENTAL-{imei4}')
    expect(app.find('[data-testid="profile-id-exists"]').exists()).toBe(false)
    await app.get('[data-testid="profile-id"]').setValue('shop-jp')
    expect(app.get('[data-testid="profile-id-exists"]').text()).toContain('“Shop JP”')
    await new Promise((resolve) => setTimeout(resolve, 450))
    await settle()
    expect(app.get('[data-testid="issues-id"]').text()).toContain('lower-case')
  })

  it('deletes a profile only after confirming', async () => {
    client.handle('profile.remove', () => ({ removed: true }))
    localStorage.setItem(STATION_NAV_STORAGE_KEY, JSON.stringify({ area: 'station', section: 'profiles' }))
    const app = await mountApp()
    await app.get('[data-testid="profile-delete"]').trigger('click')
    await flush()
    expect(client.callsTo('profile.remove')).toEqual([])
    expect(app.get('dialog').text()).toContain('“Shop JP” is removed from this station')
    await app.get('[data-testid="confirm-accept"]').trigger('click')
    await settle()
    expect(client.callsTo('profile.remove')).toEqual([{ id: 'shop-jp' }])
    expect(app.find('[data-testid="profile-item"]').exists()).toBe(false)
  })

  it('checks a unit in with the chosen options, each check shown as it arrives', async () => {
    let finish: (() => void) | undefined
    client.handle('returns.list', () => ({ records: [] })).handle(
      'returns.checkIn',
      ({ deviceId }) =>
        new Promise((resolve) => {
          finish = () =>
            resolve({ recordId: 'r-1', unitKey: `device:${deviceId}`, checkedInAt: Date.UTC(2026, 0, 20), checks: [{ name: 'usage', status: 'ok', detail: '2.1 GB used' }], result: 'ok' })
        })
    )
    localStorage.setItem(STATION_NAV_STORAGE_KEY, JSON.stringify({ area: 'station', section: 'returns' }))
    const app = await mountApp()
    await app.get('[data-testid="returns-reapply"]').setValue(false)
    await app.get('[data-testid="returns-check-in"]').trigger('click')
    await flush()
    expect(client.callsTo('returns.checkIn')).toEqual([{ deviceId: 'dev-1', wipeSms: true, resetCounters: true, reapplyProfile: false }])
    const statuses = () => app.findAll('[data-testid="returns-check"]').map((check) => `${check.attributes('data-check')}:${check.attributes('data-status')}`)
    // Every check the options ask for is listed from the start, so the list does not grow under the reader.
    expect(statuses()).toEqual(['usage:pending', 'sim:pending', 'sms-wipe:pending', 'reset-counters:pending', 'battery:pending', 'health:pending'])
    client.emit('returns.progress', { deviceId: 'dev-1', check: { name: 'sms-wipe', status: 'ok', detail: '3 deleted' } })
    await flush()
    expect(statuses()).toContain('sms-wipe:ok')
    finish?.()
    await settle()
    expect(app.get('[data-testid="returns-result"]').attributes('data-result')).toBe('ok')
    expect(app.findAll('[data-testid="returns-record"]')).toHaveLength(1)
  })
})
