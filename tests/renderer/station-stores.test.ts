// The Station's stores against a fake host: batch progress lands on the right unit of the right job,
// keys hide again after 30 s, check-in checks arrive live for the unit in hand, and every failure is kept
// as contract error data for the screen to explain.
import { ContractError } from '@contract/errors'
import type { JobDetail, JobSummary, JobUnit, ProfileEntry, RenderedFile } from '@contract/shop'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useReturnsStore } from '@renderer/stores/inventory-returns'
import { KEY_VISIBLE_MS, useInventoryStore } from '@renderer/stores/inventory'
import { useStationBatchStore } from '@renderer/stores/station-batch'
import { STATION_NAV_STORAGE_KEY, useStationNavStore } from '@renderer/stores/station-nav'
import { useStationProfilesStore } from '@renderer/stores/station-profiles'
import { FakeHostClient } from './support/fake-client'
import { createTestPinia, flush } from './support/mount-app'

const COUNTS = { total: 2, queued: 2, running: 0, done: 0, failed: 0, needsAttention: 0, cancelled: 0 }

function summary(overrides: Partial<JobSummary> = {}): JobSummary {
  return { jobId: 'job-1', profileId: 'shop-jp', profileName: 'Shop JP', state: 'running', createdAt: 1_700_000_000_000, parallelism: 2, watchNew: false, counts: { ...COUNTS }, ...overrides }
}

function unit(key: string, position: number, overrides: Partial<JobUnit> = {}): JobUnit {
  return {
    deviceId: `dev-${position}`,
    unitKey: key,
    position,
    model: 'E5577',
    outcome: 'queued',
    steps: [
      { step: 'connect', status: 'pending' },
      { step: 'wifi', status: 'pending' },
      { step: 'verify', status: 'pending' }
    ],
    ...overrides
  }
}

function detail(overrides: Partial<JobDetail> = {}): JobDetail {
  return { ...summary(), units: [unit('imei:867123456789012', 1), unit('imei:867123456789029', 2)], ...overrides }
}

describe('station batch store', () => {
  let client: FakeHostClient

  beforeEach(() => {
    client = new FakeHostClient()
      .handle('batch.list', () => ({ jobs: [] }))
      .handle('station.addressing', () => ({ units: [], oneAtATime: false }))
      .handle('batch.start', () => summary())
      .handle('batch.get', () => detail())
    createTestPinia(client)
  })

  it('starts a job with what was chosen and shows every unit of it', async () => {
    const store = useStationBatchStore()
    store.start()
    await flush()
    await store.startJob({ profileId: 'shop-jp', deviceIds: ['dev-1', 'dev-2'], watchNew: false, parallelism: 2 })
    await flush()
    expect(client.callsTo('batch.start')).toEqual([{ profileId: 'shop-jp', deviceIds: ['dev-1', 'dev-2'], watchNew: false, parallelism: 2 }])
    expect(store.current?.units.map((u) => u.unitKey)).toEqual(['imei:867123456789012', 'imei:867123456789029'])
    expect(store.jobs.map((job) => job.jobId)).toEqual(['job-1'])
  })

  it('puts a progress event on the unit it names, and leaves the other units alone', async () => {
    const store = useStationBatchStore()
    store.start()
    await store.startJob({ profileId: 'shop-jp', deviceIds: ['dev-1', 'dev-2'], watchNew: false, parallelism: 2 })
    await flush()
    const running = unit('imei:867123456789029', 2, {
      outcome: 'running',
      steps: [
        { step: 'connect', status: 'ok' },
        { step: 'wifi', status: 'running' },
        { step: 'verify', status: 'pending' }
      ]
    })
    client.emit('batch.progress', { job: summary({ counts: { ...COUNTS, queued: 1, running: 1 } }), unit: running })
    const [first, second] = store.current?.units ?? []
    expect(first?.outcome).toBe('queued')
    expect(first?.steps.every((step) => step.status === 'pending')).toBe(true)
    expect(second?.outcome).toBe('running')
    expect(second?.steps.map((step) => step.status)).toEqual(['ok', 'running', 'pending'])
    expect(store.current?.counts.running).toBe(1)

    // A job-level change (no unit) moves the counts and the state, not the rows.
    client.emit('batch.progress', { job: summary({ state: 'finished', counts: { ...COUNTS, queued: 0, done: 1, failed: 1 } }) })
    expect(store.current?.state).toBe('finished')
    expect(store.overall).toBe(1)
    expect(store.current?.units[1]?.outcome).toBe('running')
  })

  it('ignores units of another job than the one on screen, but lists that job', async () => {
    const store = useStationBatchStore()
    store.start()
    await store.startJob({ profileId: 'shop-jp', deviceIds: ['dev-1'], watchNew: false, parallelism: 2 })
    await flush()
    client.emit('batch.progress', { job: summary({ jobId: 'job-2' }), unit: unit('imei:867123456789012', 1, { outcome: 'failed' }) })
    expect(store.current?.jobId).toBe('job-1')
    expect(store.current?.units[0]?.outcome).toBe('queued')
    expect(store.jobs.map((job) => job.jobId).sort()).toEqual(['job-1', 'job-2'])
  })

  it('adds a unit that appears while the job watches for new ones', async () => {
    client.handle('batch.get', () => detail({ watchNew: true, units: [] }))
    const store = useStationBatchStore()
    store.start()
    await store.startJob({ profileId: 'shop-jp', deviceIds: [], watchNew: true, parallelism: 2 })
    await flush()
    expect(store.current?.units).toEqual([])
    client.emit('batch.progress', { job: summary({ watchNew: true, counts: { ...COUNTS, total: 1, queued: 0, running: 1 } }), unit: unit('serial:ABC123', 1, { outcome: 'running' }) })
    expect(store.current?.units.map((u) => u.unitKey)).toEqual(['serial:ABC123'])
  })

  it('keeps a failed start as an error with its code, and starts nothing', async () => {
    client.handle('batch.start', () => {
      throw new ContractError('NOT_FOUND', 'No profile "shop-jp": it may have been deleted.')
    })
    const store = useStationBatchStore()
    const result = await store.startJob({ profileId: 'shop-jp', deviceIds: ['dev-1'], watchNew: false, parallelism: 1 })
    expect(result).toBeNull()
    expect(store.current).toBeNull()
    expect(store.actionError).toEqual({ action: 'start', error: { code: 'NOT_FOUND', message: 'No profile "shop-jp": it may have been deleted.' } })
    expect(store.action).toBeNull()
  })

  it('lists interrupted jobs and resumes one', async () => {
    client.handle('batch.list', () => ({ jobs: [summary({ state: 'interrupted' })] })).handle('batch.resume', () => summary({ state: 'running' }))
    const store = useStationBatchStore()
    store.start()
    await flush()
    expect(store.interruptedJobs.map((job) => job.jobId)).toEqual(['job-1'])
    await store.resume('job-1')
    await flush()
    expect(client.callsTo('batch.resume')).toEqual([{ jobId: 'job-1' }])
    expect(store.interruptedJobs).toEqual([])
    expect(store.current?.jobId).toBe('job-1')
  })

  it('surfaces an addressing failure and the one-at-a-time advice', async () => {
    client.handle('station.addressing', () => ({
      units: [
        { deviceId: 'dev-1', via: 'one-at-a-time', detail: '192.168.8.1', collidesWith: ['dev-2'] },
        { deviceId: 'dev-2', via: 'one-at-a-time', detail: '192.168.8.1', collidesWith: ['dev-1'] }
      ],
      oneAtATime: true,
      advice: 'Attach one E5577 at a time.'
    }))
    const store = useStationBatchStore()
    await store.loadAddressing()
    expect(store.addressing?.oneAtATime).toBe(true)
    client.handle('station.addressing', () => {
      throw new ContractError('TIMEOUT', 'slow')
    })
    await store.loadAddressing()
    expect(store.addressingStatus).toBe('error')
    expect(store.addressingError?.code).toBe('TIMEOUT')
  })

  it('finishes watching and cancels the job on screen, keeping its rows', async () => {
    client
      .handle('batch.finish', ({ jobId }) => summary({ jobId, watchNew: false }))
      .handle('batch.cancel', ({ jobId }) => summary({ jobId, state: 'cancelled', counts: { ...COUNTS, queued: 0, cancelled: 2 } }))
    const store = useStationBatchStore()
    await store.startJob({ profileId: 'shop-jp', deviceIds: [], watchNew: true, parallelism: 2 })
    await flush()
    await store.finish('job-1')
    expect(client.callsTo('batch.finish')).toEqual([{ jobId: 'job-1' }])
    expect(store.current?.watchNew).toBe(false)
    await store.cancel('job-1')
    expect(store.current?.state).toBe('cancelled')
    expect(store.current?.units).toHaveLength(2)
    expect(store.jobs[0]?.state).toBe('cancelled')
    expect(store.actionError).toBeNull()
  })

  it('stops listening on stop()', () => {
    const store = useStationBatchStore()
    store.start()
    expect(client.listenerCount('batch.progress')).toBe(1)
    store.stop()
    expect(client.listenerCount('batch.progress')).toBe(0)
  })
})

describe('inventory store', () => {
  let client: FakeHostClient
  const units = [
    { unitKey: 'imei:867123456789012', imei: '867123456789012', ssid: 'RENTAL-9012', hasKey: true, status: 'in-stock' as const, firstSeen: 1, lastSeen: 2 },
    { unitKey: 'imei:867123456789029', imei: '867123456789029', ssid: 'RENTAL-9029', hasKey: true, status: 'rented' as const, firstSeen: 1, lastSeen: 2 }
  ]

  beforeEach(() => {
    client = new FakeHostClient().handle('inventory.list', () => ({ units })).handle('inventory.revealKey', () => ({ key: 'k7Pq-93xYw2m' }))
    createTestPinia(client)
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends search and filter, and keeps only the selection still listed', async () => {
    const store = useInventoryStore()
    await store.load()
    store.selectAll(true)
    client.handle('inventory.list', () => ({ units: [units[1]!] }))
    store.search = ' 9029 '
    store.setStatusFilter('rented')
    await flush()
    expect(client.callsTo('inventory.list').at(-1)).toEqual({ search: '9029', status: 'rented' })
    expect(store.selected).toEqual(['imei:867123456789029'])
  })

  it('shows a revealed key for 30 s, then forgets it', async () => {
    vi.useFakeTimers()
    const store = useInventoryStore()
    await store.revealKey('imei:867123456789012')
    expect(store.revealed['imei:867123456789012']?.key).toBe('k7Pq-93xYw2m')
    vi.advanceTimersByTime(KEY_VISIBLE_MS - 1)
    expect(store.revealed['imei:867123456789012']?.status).toBe('ready')
    vi.advanceTimersByTime(1)
    expect(store.revealed['imei:867123456789012']).toBeUndefined()
  })

  it('hides every key when the screen goes away', async () => {
    const store = useInventoryStore()
    await store.revealKey('imei:867123456789012')
    store.stop()
    expect(store.revealed).toEqual({})
  })

  it('keeps a status change failure on that unit', async () => {
    client.handle('inventory.setStatus', () => {
      throw new ContractError('NOT_FOUND', 'No unit imei:867123456789012')
    })
    const store = useInventoryStore()
    await store.load()
    expect(await store.setStatus('imei:867123456789012', 'maintenance')).toBe(false)
    expect(store.statusChange['imei:867123456789012']?.error?.code).toBe('NOT_FOUND')
    expect(store.units[0]?.status).toBe('in-stock')
  })

  it('drops a unit from a filtered list when its new status no longer matches', async () => {
    client.handle('inventory.setStatus', ({ unitKey, status }) => ({ ...units[1]!, unitKey, status }))
    const store = useInventoryStore()
    store.setStatusFilter('rented')
    await flush()
    client.handle('inventory.list', () => ({ units: [units[1]!] }))
    await store.load()
    await store.setStatus('imei:867123456789029', 'returned')
    expect(store.units).toEqual([])
  })

  it('asks for labels of the selected units and gives back the file; a failure is kept', async () => {
    const file: RenderedFile = { fileName: 'labels.pdf', mimeType: 'application/pdf', base64: 'JVBERi0=' }
    client.handle('labels.render', () => file)
    const store = useInventoryStore()
    await store.load()
    expect(await store.renderLabels('pdf', 'label')).toBeNull() // nothing selected: nothing asked
    store.toggleSelected('imei:867123456789029', true)
    expect(await store.renderLabels('pdf', 'card')).toEqual(file)
    expect(client.callsTo('labels.render')).toEqual([{ unitKeys: ['imei:867123456789029'], format: 'pdf', layout: 'card' }])
    client.handle('inventory.export', () => {
      throw new ContractError('INTERNAL', 'disk full')
    })
    expect(await store.exportInventory('csv')).toBeNull()
    expect(store.fileError?.code).toBe('INTERNAL')
    expect(store.fileAction).toBe('error')
  })
})

describe('returns store', () => {
  let client: FakeHostClient
  let finishCheckIn: (() => void) | null

  beforeEach(() => {
    finishCheckIn = null
    client = new FakeHostClient().handle('returns.list', () => ({ records: [] })).handle(
      'returns.checkIn',
      ({ deviceId }) =>
        new Promise((resolve) => {
          finishCheckIn = () =>
            resolve({
              recordId: 'r-1',
              unitKey: `device:${deviceId}`,
              checkedInAt: 1_700_000_100_000,
              usageSinceCheckoutBytes: 3 * 1024 ** 3,
              checks: [
                { name: 'usage', status: 'ok', detail: '3 GB' },
                { name: 'sms-wipe', status: 'ok', detail: '4 deleted' }
              ],
              result: 'ok'
            })
        })
    )
    createTestPinia(client)
  })

  it('shows each check as it arrives for the unit in hand, then the record', async () => {
    const store = useReturnsStore()
    store.start()
    const done = store.runCheckIn('dev-1', { wipeSms: true, resetCounters: false, reapplyProfile: false })
    expect(client.callsTo('returns.checkIn')).toEqual([{ deviceId: 'dev-1', wipeSms: true, resetCounters: false, reapplyProfile: false }])
    client.emit('returns.progress', { deviceId: 'dev-1', check: { name: 'usage', status: 'ok', detail: '3 GB' } })
    client.emit('returns.progress', { deviceId: 'dev-2', check: { name: 'sim', status: 'failed', detail: 'other unit' } })
    client.emit('returns.progress', { deviceId: 'dev-1', check: { name: 'sms-wipe', status: 'warning', detail: 'deleting…' } })
    client.emit('returns.progress', { deviceId: 'dev-1', check: { name: 'sms-wipe', status: 'ok', detail: '4 deleted' } })
    expect(store.checkIn.checks.map((check) => `${check.name}:${check.status}`)).toEqual(['usage:ok', 'sms-wipe:ok'])
    finishCheckIn?.()
    await done
    expect(store.checkIn.status).toBe('done')
    expect(store.records.map((record) => record.recordId)).toEqual(['r-1'])
  })

  it('keeps a failed check-in as an error and the checks seen so far', async () => {
    client.handle('returns.checkIn', () => {
      throw new ContractError('DEVICE_GONE', 'The unit was unplugged.')
    })
    const store = useReturnsStore()
    await store.runCheckIn('dev-1', { wipeSms: true, resetCounters: true, reapplyProfile: true, profileId: 'shop-jp' })
    expect(client.callsTo('returns.checkIn')).toEqual([{ deviceId: 'dev-1', wipeSms: true, resetCounters: true, reapplyProfile: true, profileId: 'shop-jp' }])
    expect(store.checkIn.status).toBe('error')
    expect(store.checkIn.error?.code).toBe('DEVICE_GONE')
  })

  it('checks a unit out and keeps a failure', async () => {
    client.handle('returns.checkOut', ({ deviceId }) => ({ unitKey: `device:${deviceId}`, hasKey: false, status: 'rented', firstSeen: 1, lastSeen: 2 }))
    const store = useReturnsStore()
    expect((await store.checkOut('dev-1', 'Order 1182'))?.status).toBe('rented')
    expect(client.callsTo('returns.checkOut')).toEqual([{ deviceId: 'dev-1', note: 'Order 1182' }])
    client.handle('returns.checkOut', () => {
      throw new ContractError('UNSUPPORTED', 'The shop station is not available in this host yet.')
    })
    await store.checkOut('dev-1')
    expect(store.checkOutStatus).toBe('error')
    expect(store.checkOutError?.code).toBe('UNSUPPORTED')
  })
})

describe('station profiles store', () => {
  const entry = (id: string, name: string): ProfileEntry => ({
    profile: { schema: 'hotspot-desk/profile@1', id, name, resetCounters: false, unsupported: 'fail' },
    updatedAt: 1_700_000_000_000
  })

  it('saves only what the host says is valid, and lists it by name', async () => {
    let valid = false
    const client = new FakeHostClient()
      .handle('profile.list', () => ({ profiles: [entry('b-shop', 'Bravo')], problems: [] }))
      .handle('profile.validate', () => (valid ? { ok: true, issues: [] } : { ok: false, issues: [{ path: 'name', message: 'Required' }] }))
      .handle('profile.save', () => entry('a-shop', 'Alpha'))
    createTestPinia(client)
    const store = useStationProfilesStore()
    await store.load()
    expect(await store.save({ id: 'a-shop' })).toBeNull()
    expect(store.check.issues).toEqual([{ path: 'name', message: 'Required' }])
    expect(client.callsTo('profile.save')).toEqual([])
    valid = true
    expect((await store.save({ id: 'a-shop', name: 'Alpha' }))?.profile.id).toBe('a-shop')
    expect(store.profiles.map((known) => known.profile.name)).toEqual(['Alpha', 'Bravo'])
  })

  it('keeps a list failure (the host without the station answers UNSUPPORTED)', async () => {
    const client = new FakeHostClient().handle('profile.list', () => {
      throw new ContractError('UNSUPPORTED', 'The shop station is not available in this host yet.')
    })
    createTestPinia(client)
    const store = useStationProfilesStore()
    await store.load()
    expect(store.status).toBe('error')
    expect(store.error?.code).toBe('UNSUPPORTED')
  })

  it('removes a profile and keeps a failure to remove', async () => {
    const client = new FakeHostClient().handle('profile.list', () => ({ profiles: [entry('a-shop', 'Alpha')], problems: [] })).handle('profile.remove', () => ({ removed: true }))
    createTestPinia(client)
    const store = useStationProfilesStore()
    await store.load()
    expect(await store.remove('a-shop')).toBe(true)
    expect(store.profiles).toEqual([])
    client.handle('profile.remove', () => {
      throw new ContractError('BUSY', 'A job is using it.')
    })
    expect(await store.remove('a-shop')).toBe(false)
    expect(store.removeError?.code).toBe('BUSY')
  })
})

describe('station nav store', () => {
  beforeEach(() => localStorage.clear())

  it('remembers the area and section across a restart', () => {
    createTestPinia(new FakeHostClient())
    const nav = useStationNavStore()
    expect(nav.area).toBe('devices')
    nav.setArea('station')
    nav.setSection('inventory')
    createTestPinia(new FakeHostClient())
    const again = useStationNavStore()
    expect(again.area).toBe('station')
    expect(again.section).toBe('inventory')
  })

  it('falls back to Devices on unreadable storage', () => {
    localStorage.setItem(STATION_NAV_STORAGE_KEY, '{"area":"nowhere"')
    createTestPinia(new FakeHostClient())
    expect(useStationNavStore().area).toBe('devices')
  })
})
