// Batch provisioning against real loopback simulators (Huawei, ZTE, Netgear) through the contract: 20 units at
// parallelism 4 where one unit stalls, one refuses the Wi-Fi key and one is unplugged mid-job — those end failed
// with their earlier changes rolled back (the simulator holds exactly its snapshot), the rest done and verified;
// a job interrupted by the app closing resumes in a new host and finishes only the units not done; a job that
// watches for new units takes one plugged in later.
import { afterEach, describe, expect, it } from 'vitest'
import type { PayloadOf } from '../../src/contract/events'
import type { JobDetail } from '../../src/contract/shop'
import { CliContractClient } from '../../src/cli/contract-client'
import { createMemoryLink } from '../../src/cli/memory-channel'
import { CONTRACT_VERSION } from '../../src/contract/version'
import type { Host } from '../../src/host/host'
import type { ProvisionedUnit } from '../../src/host/station-contracts'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'
import { addUnit, shopProfile, startUnit, stateOf, stationHost, tempDataDir, waitReady, type FleetUnit, type UnitSpec, type UnitState } from './shop-fleet'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const TIMING = { stepTimeoutMs: 5000, apnVerifyTimeoutMs: 4000, apnVerifyPollMs: 100, rollbackAttempts: 6, rollbackRetryMs: 1000 }

async function connect(host: Host): Promise<{ client: CliContractClient; progress: Array<PayloadOf<'batch.progress'>>; raw: string[] }> {
  const { channel, transport } = createMemoryLink()
  host.attach(channel)
  const client = new CliContractClient(transport)
  await client.call('app.hello', { contractVersion: CONTRACT_VERSION, client: 'shop-test' })
  await client.call('devices.subscribe', {})
  const progress: Array<PayloadOf<'batch.progress'>> = []
  const raw: string[] = []
  client.on('batch.progress', (payload) => {
    progress.push(payload)
    raw.push(JSON.stringify(payload))
  })
  cleanups.push(() => client.close())
  return { client, progress, raw }
}

async function startFleet(specs: readonly UnitSpec[], latencyMs: number): Promise<FleetUnit[]> {
  const units = await Promise.all(specs.map((spec) => startUnit(spec, latencyMs)))
  cleanups.push(() => Promise.all(units.map((unit) => unit.sim.stop())))
  return units
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

function imei4(host: Host, deviceId: string): string {
  return (host.manager.get(deviceId).status()?.identity.imei ?? '').slice(-4)
}

describe('a batch of 20 units, parallelism 4, with three faults', () => {
  it('rolls back the unit that stalls, the one that refuses the key and the one unplugged; the others are done and verified', async () => {
    const specs: UnitSpec[] = [
      ...Array.from({ length: 11 }, (_, i): UnitSpec => ({ id: `huawei-${String(i + 1).padStart(2, '0')}`, kind: 'huawei', seed: 100 + i })),
      // The E5785 refuses a main key equal to its guest network's (100005): its guest key is "<main>-guest".
      { id: 'huawei-e5785', kind: 'huawei', seed: 200, huawei: { variant: 'E5785', wifiKey: 'ShopKey-2026' } },
      ...Array.from({ length: 5 }, (_, i): UnitSpec => ({ id: `zte-${String(i + 1).padStart(2, '0')}`, kind: 'zte', seed: 300 + i })),
      ...Array.from({ length: 3 }, (_, i): UnitSpec => ({ id: `netgear-${String(i + 1).padStart(2, '0')}`, kind: 'netgear', seed: 400 + i }))
    ]
    const units = await startFleet(specs, 2)
    const byId = new Map(units.map((unit) => [unit.id, unit]))
    const stalls = byId.get('zte-01') as Extract<FleetUnit, { kind: 'zte' }>
    const unplugged = byId.get('huawei-03') as Extract<FleetUnit, { kind: 'huawei' }>
    // Slower units, so the fault lands while their Wi-Fi step is under way.
    stalls.sim.setLatency(40)
    // The firmware checks the main key against the guest key only while the guest network is on.
    ;(byId.get('huawei-e5785') as Extract<FleetUnit, { kind: 'huawei' }>).sim.setGuestWifi(true)
    unplugged.sim.setLatency(40)

    const host = await stationHost(tempDataDir(), TIMING)
    cleanups.push(() => host.close())
    const recorded: ProvisionedUnit[] = []
    host.stationService.setInventorySink({ recordProvisioned: (unit) => recorded.push(unit) })
    for (const unit of units) await addUnit(host, unit)
    await waitReady(host, units.map((unit) => unit.id), 30_000)
    const before = new Map<string, UnitState>(units.map((unit) => [unit.id, stateOf(unit)]))

    const { client, progress, raw } = await connect(host)
    let faultsArmed = { stall: false, unplug: false }
    client.on('batch.progress', ({ unit }) => {
      if (!unit) return
      const apnDone = unit.steps.some((step) => step.step === 'apn' && step.status === 'ok')
      if (unit.deviceId === 'zte-01' && apnDone && !faultsArmed.stall) {
        faultsArmed = { ...faultsArmed, stall: true }
        stalls.sim.setLatency(30_000)
        setTimeout(() => stalls.sim.setLatency(2), 6500)
      }
      if (unit.deviceId === 'huawei-03' && apnDone && !faultsArmed.unplug) {
        faultsArmed = { ...faultsArmed, unplug: true }
        void unplugged.sim.unplug()
        setTimeout(() => void unplugged.sim.replug(), 2500)
      }
    })

    const saved = await client.call('profile.save', { profile: shopProfile({ wifi: { ssid: 'RENT-{imei4}-{n}', key: { mode: 'fixed', value: 'ShopKey-2026-guest' } } }) })
    expect(saved.profile.id).toBe('shop-test')
    const started = await client.call('batch.start', { profileId: 'shop-test', deviceIds: units.map((unit) => unit.id), parallelism: 4 })
    expect(started).toMatchObject({ state: 'running', parallelism: 4, counts: { total: 20 } })
    await until(() => progress.some(({ job, unit }) => job.jobId === started.jobId && !unit && job.state === 'finished'), 110_000, 'the job to finish')
    const detail: JobDetail = await client.call('batch.get', { jobId: started.jobId })

    expect(faultsArmed).toEqual({ stall: true, unplug: true })
    expect(detail.counts).toMatchObject({ total: 20, done: 17, failed: 3, needsAttention: 0, running: 0, queued: 0 })
    const outcome = Object.fromEntries(detail.units.map((unit) => [unit.deviceId, unit.outcome]))
    expect(Object.entries(outcome).filter(([, value]) => value !== 'done').map(([id]) => id).sort()).toEqual(['huawei-03', 'huawei-e5785', 'zte-01'])
    const unitOf = (id: string) => detail.units.find((unit) => unit.deviceId === id)
    expect(unitOf('zte-01')?.error?.code).toBe('TIMEOUT')
    expect(unitOf('huawei-e5785')?.error?.code).toBe('BAD_INPUT')
    expect(unitOf('huawei-03')?.error?.code).toBe('DEVICE_GONE')

    // Failed units hold exactly what they held before the job; their rollback is in the log.
    for (const id of ['zte-01', 'huawei-e5785', 'huawei-03']) {
      expect(stateOf(byId.get(id) as FleetUnit), id).toEqual(before.get(id))
      const steps = Object.fromEntries((unitOf(id)?.steps ?? []).map((step) => [step.step, step.status]))
      expect(steps, id).toMatchObject({ connect: 'ok', snapshot: 'ok', apn: 'ok', wifi: 'failed', rollback: 'ok' })
    }

    // Done units carry the profile, read back from the simulators; the inventory got their secrets.
    expect(recorded.map((unit) => unit.deviceId).sort()).toEqual(Object.keys(outcome).filter((id) => outcome[id] === 'done').sort())
    for (const unit of detail.units.filter((candidate) => candidate.outcome === 'done')) {
      const fleetUnit = byId.get(unit.deviceId) as FleetUnit
      const state = stateOf(fleetUnit)
      const ssid = `RENT-${imei4(host, unit.deviceId)}-${String(unit.position).padStart(2, '0')}`
      expect(state.ssid, unit.deviceId).toBe(ssid)
      expect(state.key, unit.deviceId).toBe('ShopKey-2026-guest')
      if (state.apn !== undefined) expect(state.apn, unit.deviceId).toBe('pcweb.tmobile.com')
      const inventory = recorded.find((entry) => entry.deviceId === unit.deviceId)
      expect(inventory).toMatchObject({ ssid, wifiKey: 'ShopKey-2026-guest', profileId: 'shop-test', unitKey: unit.unitKey })
      expect(state.adminPassword).toBe(inventory?.adminPassword)
      expect(state.adminPassword).toMatch(/^[A-Za-z0-9]{16}$/)
      const steps = Object.fromEntries(unit.steps.map((step) => [step.step, step.status]))
      expect(steps, unit.deviceId).toMatchObject({ connect: 'ok', snapshot: 'ok', apn: 'ok', wifi: 'ok', 'admin-password': 'ok', verify: 'ok' })
      // Settings a family lacks are skipped (the profile says "unsupported": "skip"), never failed.
      for (const step of ['data-plan', 'auto-update', 'reset-counters']) expect(['ok', 'skipped'], `${unit.deviceId} ${step}`).toContain(steps[step])
      expect(unit.steps.map((step) => step.step)).not.toContain('rollback')
      if (fleetUnit.kind === 'huawei') {
        expect(steps).toMatchObject({ 'data-plan': 'ok', 'auto-update': 'ok', 'reset-counters': 'ok' })
        expect(fleetUnit.sim.plan).toMatchObject({ startDay: 1, dataLimit: '5GB' })
      }
      expect(unit.applied).toMatchObject({ ssid, wifiKey: 'set', adminPassword: 'set' })
    }

    // Never more than 4 at once, and 4 at some point; secrets never in an event.
    const running = progress.map(({ job }) => job.counts.running)
    expect(Math.max(...running)).toBe(4)
    const events = raw.join('\n')
    expect(events).not.toContain('ShopKey-2026-guest')
    for (const unit of recorded) expect(events).not.toContain(unit.adminPassword)
  }, 120_000)
})

describe('resume after the app closed mid-job', () => {
  it('marks the job interrupted, and batch.resume in a new host finishes only the units not done', async () => {
    const specs: UnitSpec[] = Array.from({ length: 6 }, (_, i): UnitSpec => ({ id: `unit-${i + 1}`, kind: 'huawei', seed: 500 + i }))
    const units = await startFleet(specs, 25)
    const dataDir = tempDataDir()
    const first = await stationHost(dataDir, TIMING)
    let firstClosed = false
    cleanups.push(() => (firstClosed ? undefined : first.close()))
    for (const unit of units) await addUnit(first, unit)
    await waitReady(first, units.map((unit) => unit.id))
    first.stationService.saveProfile(shopProfile())
    const job = first.stationService.startBatch({ profileId: 'shop-test', deviceIds: units.map((unit) => unit.id), watchNew: false, parallelism: 2 })
    await until(() => (first.stationService.getJob(job.jobId).counts.done ?? 0) >= 2, 30_000, 'two units done')
    // The "crash": the host goes away with the job running.
    await first.close()
    firstClosed = true

    const second = await stationHost(dataDir, TIMING)
    cleanups.push(() => second.close())
    const interrupted = second.stationService.getJob(job.jobId)
    expect(interrupted.state).toBe('interrupted')
    const doneBefore = interrupted.units.filter((unit) => unit.outcome === 'done').map((unit) => unit.deviceId)
    expect(doneBefore.length).toBeGreaterThanOrEqual(2)
    expect(doneBefore.length).toBeLessThan(6)
    expect(interrupted.units.every((unit) => unit.outcome === 'done' || unit.outcome === 'queued')).toBe(true)
    const doneState = new Map(doneBefore.map((id) => [id, stateOf(units.find((unit) => unit.id === id) as FleetUnit)]))

    for (const unit of units) await addUnit(second, unit)
    await waitReady(second, units.map((unit) => unit.id))
    for (const unit of units) unit.sim.clearLog()
    const { client, progress } = await connect(second)
    const resumed = await client.call('batch.resume', { jobId: job.jobId })
    expect(resumed.state).toBe('running')
    await until(() => progress.some(({ job: summary, unit }) => !unit && summary.state === 'finished'), 60_000, 'the resumed job to finish')
    const finished = await client.call('batch.get', { jobId: job.jobId })
    expect(finished.counts).toMatchObject({ total: 6, done: 6 })

    // Units done before the crash: not one write, same state; only the others moved.
    for (const id of doneBefore) {
      const unit = units.find((candidate) => candidate.id === id) as Extract<FleetUnit, { kind: 'huawei' }>
      expect(unit.sim.requestLog().filter((entry) => entry.method === 'POST' && !entry.path.includes('login') && !entry.path.includes('challenge') && !entry.path.includes('authentication')), id).toEqual([])
      expect(stateOf(unit)).toEqual(doneState.get(id))
    }
    const resumedIds = new Set(progress.flatMap(({ unit }) => (unit ? [unit.deviceId] : [])))
    for (const id of doneBefore) expect(resumedIds.has(id)).toBe(false)
    for (const unit of units) expect(stateOf(unit).ssid, unit.id).toMatch(/^RENT-\d{4}-0\d$/)
    // Resuming a finished job is refused.
    await expect(client.call('batch.resume', { jobId: job.jobId })).rejects.toMatchObject({ code: 'BAD_INPUT' })
  }, 90_000)
})

describe('watching for new units', () => {
  it('takes a unit that appears after the job started, not the ones already there, until told to finish', async () => {
    const [present, later] = await startFleet(
      [
        { id: 'present', kind: 'zte', seed: 600 },
        { id: 'later', kind: 'netgear', seed: 601 }
      ],
      2
    )
    const host = await stationHost(tempDataDir(), TIMING, 200)
    cleanups.push(() => host.close())
    await addUnit(host, present as FleetUnit)
    await waitReady(host, ['present'])
    const presentBefore = stateOf(present as FleetUnit)
    const { client, progress } = await connect(host)
    await client.call('profile.save', { profile: shopProfile() })
    const job = await client.call('batch.start', { profileId: 'shop-test', deviceIds: [], watchNew: true, parallelism: 2 })
    expect(job).toMatchObject({ watchNew: true, counts: { total: 0 } })

    await addUnit(host, later as FleetUnit)
    await until(() => progress.some(({ unit }) => unit?.deviceId === 'later' && unit.outcome === 'done'), 30_000, 'the new unit to be prepared')
    expect((await client.call('batch.get', { jobId: job.jobId })).state).toBe('running')
    const finished = await client.call('batch.finish', { jobId: job.jobId })
    expect(finished.watchNew).toBe(false)
    await until(() => progress.some(({ job: summary, unit }) => !unit && summary.state === 'finished'), 10_000, 'the job to finish')
    const detail = await client.call('batch.get', { jobId: job.jobId })
    expect(detail.units.map((unit) => [unit.deviceId, unit.outcome, unit.position])).toEqual([['later', 'done', 1]])
    expect(stateOf(later as FleetUnit).ssid).toBe(`RENT-${imei4(host, 'later')}-01`)
    expect(stateOf(present as FleetUnit)).toEqual(presentBefore)
  }, 60_000)
})

describe('one at a time behind one address', () => {
  it('takes the next unit swapped in behind the same address as a new unit of the job', async () => {
    const first = (await startUnit({ id: 'desk', kind: 'huawei', seed: 950 }, 2)) as Extract<FleetUnit, { kind: 'huawei' }>
    cleanups.push(() => first.sim.stop())
    const host = await stationHost(tempDataDir(), TIMING, 200)
    cleanups.push(() => host.close())
    await addUnit(host, first)
    await waitReady(host, ['desk'])
    const { client, progress } = await connect(host)
    // No admin password: every unit swapped in must still log in with the factory password.
    await client.call('profile.save', { profile: shopProfile({ adminPassword: undefined }) })
    const job = await client.call('batch.start', { profileId: 'shop-test', deviceIds: ['desk'], watchNew: true, parallelism: 1 })
    await until(() => progress.some(({ unit }) => unit?.position === 1 && unit.outcome === 'done'), 30_000, 'the first unit')
    const firstImei = imei4(host, 'desk')

    // Swap: the first unit goes, the next one answers at the same address.
    const port = Number(new URL(first.baseUrl).port)
    await first.sim.stop()
    const second = new HuaweiHilinkSimulator({ variant: 'E5577', seed: 951, port, latencyMs: 2, dataConnectMs: 150, dataDisconnectMs: 50 })
    await second.start()
    cleanups.push(() => second.stop())
    await until(() => progress.some(({ unit }) => unit?.position === 2 && unit.outcome === 'done'), 30_000, 'the swapped-in unit')
    await client.call('batch.finish', { jobId: job.jobId })
    const detail = await client.call('batch.get', { jobId: job.jobId })
    expect(detail.units.map((unit) => [unit.position, unit.deviceId, unit.outcome])).toEqual([
      [1, 'desk', 'done'],
      [2, 'desk', 'done']
    ])
    expect(detail.units[0]?.unitKey).not.toBe(detail.units[1]?.unitKey)
    expect(second.wifi?.ssid).toBe(`RENT-${imei4(host, 'desk')}-02`)
    expect(imei4(host, 'desk')).not.toBe(firstImei)
  }, 60_000)
})

describe('when putting a unit back fails too', () => {
  it('ends needs-attention, with what is left to fix, when the unit never comes back', async () => {
    const [unit] = (await startFleet([{ id: 'gone', kind: 'huawei', seed: 700 }], 30)) as [Extract<FleetUnit, { kind: 'huawei' }>]
    const host = await stationHost(tempDataDir(), { ...TIMING, rollbackAttempts: 2, rollbackRetryMs: 200 })
    cleanups.push(() => host.close())
    await addUnit(host, unit)
    await waitReady(host, ['gone'])
    const { client, progress } = await connect(host)
    client.on('batch.progress', ({ unit: moved }) => {
      if (moved?.steps.some((step) => step.step === 'apn' && step.status === 'ok')) void unit.sim.unplug()
    })
    await client.call('profile.save', { profile: shopProfile() })
    const job = await client.call('batch.start', { profileId: 'shop-test', deviceIds: ['gone'], parallelism: 1 })
    await until(() => progress.some(({ job: summary, unit: moved }) => !moved && summary.state === 'finished'), 60_000, 'the job to finish')
    const detail = await client.call('batch.get', { jobId: job.jobId })
    expect(detail.counts).toMatchObject({ total: 1, needsAttention: 1 })
    const [only] = detail.units
    expect(only?.outcome).toBe('needs-attention')
    expect(only?.error?.message).toMatch(/Putting the unit back also failed: wifi: .*apn: .*Check this unit by hand/)
    expect(only?.steps.find((step) => step.step === 'rollback')?.status).toBe('failed')
  }, 60_000)
})

describe('cancelling a job', () => {
  it('puts the running units back and marks the queued ones cancelled', async () => {
    const units = await startFleet(Array.from({ length: 4 }, (_, i): UnitSpec => ({ id: `c-${i + 1}`, kind: 'huawei', seed: 800 + i })), 40)
    const host = await stationHost(tempDataDir(), TIMING)
    cleanups.push(() => host.close())
    for (const unit of units) await addUnit(host, unit)
    await waitReady(host, units.map((unit) => unit.id))
    const before = new Map(units.map((unit) => [unit.id, stateOf(unit)]))
    const { client, progress } = await connect(host)
    await client.call('profile.save', { profile: shopProfile() })
    const job = await client.call('batch.start', { profileId: 'shop-test', deviceIds: units.map((unit) => unit.id), parallelism: 1 })
    await until(() => progress.some(({ unit }) => unit?.deviceId === 'c-1' && unit.steps.some((step) => step.step === 'wifi' && step.status === 'ok')), 30_000, 'the first unit to change its Wi-Fi')
    await client.call('batch.cancel', { jobId: job.jobId })
    await until(() => progress.some(({ job: summary, unit }) => !unit && summary.state === 'cancelled'), 30_000, 'the job to end cancelled')
    const detail = await client.call('batch.get', { jobId: job.jobId })
    expect(detail.units.map((unit) => unit.outcome)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled'])
    expect(detail.units[0]?.steps.find((step) => step.step === 'rollback')?.status).toBe('ok')
    for (const unit of units) expect(stateOf(unit), unit.id).toEqual(before.get(unit.id))
  }, 60_000)
})

describe('provisionOne (what the returns check-in re-applies a profile with)', () => {
  it('prepares one unit as a one-unit job and answers with its record', async () => {
    const [unit] = await startFleet([{ id: 'one', kind: 'zte', seed: 900 }], 2)
    const host = await stationHost(tempDataDir(), TIMING)
    cleanups.push(() => host.close())
    await addUnit(host, unit as FleetUnit)
    await waitReady(host, ['one'])
    host.stationService.saveProfile(shopProfile())
    const record = await host.stationService.provisionOne('one', 'shop-test')
    expect(record).toMatchObject({ deviceId: 'one', position: 1, outcome: 'done', applied: { ssid: `RENT-${imei4(host, 'one')}-01` } })
    expect(host.stationService.listJobs()).toHaveLength(1)
    await expect(host.stationService.provisionOne('nobody', 'shop-test')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(host.stationService.provisionOne('one', 'no-such-profile')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  }, 30_000)
})
