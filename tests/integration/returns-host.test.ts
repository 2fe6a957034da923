// The inventory through the whole host and the contract: a batch job provisions a Huawei simulator, the
// inventory records the SSID with the key kept in the encrypted secret store, the key is revealed and
// printed on request only, then the unit is checked out and back in, the check-in re-applying the
// profile through the real station service.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CliContractClient } from '../../src/cli/contract-client'
import { createMemoryLink } from '../../src/cli/memory-channel'
import type { PayloadOf } from '../../src/contract/events'
import { CONTRACT_VERSION } from '../../src/contract/version'
import { createDefaultRegistry } from '../../src/devices/registry'
import { createHost } from '../../src/host/host'
import { FileSecretStore } from '../../src/host/secrets/secret-store'
import { LocalKeyCipher } from '../../src/host/secrets/secret-cipher'
import { addUnit, shopProfile, startUnit, stateOf, tempDataDir, waitReady } from './shop-fleet'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const TIMING = { stepTimeoutMs: 3000, apnVerifyTimeoutMs: 4000, apnVerifyPollMs: 100, rollbackAttempts: 3, rollbackRetryMs: 500 }

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('inventory and returns through the host', () => {
  it('provision → inventory (key encrypted) → labels → check-out → check-in with re-apply', async () => {
    const dataDir = tempDataDir()
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const unit = await startUnit({ id: 'huawei-01', kind: 'huawei', seed: 501 }, 2)
    cleanups.push(() => unit.sim.stop())
    const secrets = new FileSecretStore(join(dataDir, 'credentials.json'), new LocalKeyCipher(join(dataDir, 'key')))
    const logs: string[] = []
    const host = await createHost({
      registry: createDefaultRegistry(),
      history: false,
      dataDir,
      secrets,
      stationTiming: TIMING,
      rates: { focusedMs: 500, backgroundMs: 1000 },
      log: (line) => logs.push(line)
    })
    cleanups.push(() => host.close())
    const { channel, transport } = createMemoryLink()
    host.attach(channel)
    const client = new CliContractClient(transport)
    cleanups.push(() => client.close())
    await client.call('app.hello', { contractVersion: CONTRACT_VERSION, client: 'returns-test' })
    await client.call('devices.subscribe', {})
    const events: string[] = []
    const progress: Array<PayloadOf<'returns.progress'>> = []
    client.on('returns.progress', (payload) => progress.push(payload))
    client.on('device.changed', (payload) => events.push(JSON.stringify(payload)))
    client.on('batch.progress', (payload) => events.push(JSON.stringify(payload)))

    await addUnit(host, unit)
    await waitReady(host, [unit.id])
    await client.call('profile.save', { profile: shopProfile({ id: 'shop-test', wifi: { ssid: 'RENT-{imei4}', key: { mode: 'fixed', value: 'Rent;Key:2026' } } }) })
    const job = await client.call('batch.start', { profileId: 'shop-test', deviceIds: [unit.id], parallelism: 1 })
    await until(async () => (await client.call('batch.get', { jobId: job.jobId })).state === 'finished', 30_000, 'the job')
    expect((await client.call('batch.get', { jobId: job.jobId })).units[0]?.outcome).toBe('done')
    const applied = stateOf(unit)
    expect(applied.key).toBe('Rent;Key:2026')

    // The inventory learns the SSID; the key lands encrypted (hasKey turns true once written).
    let listed = (await client.call('inventory.list', {})).units
    await until(async () => {
      listed = (await client.call('inventory.list', {})).units
      return listed[0]?.hasKey === true
    }, 5_000, 'the key to be kept')
    expect(listed).toHaveLength(1)
    const entry = listed[0]
    if (!entry) throw new Error('no unit')
    expect(entry).toMatchObject({ ssid: applied.ssid, lastProfileId: 'shop-test', status: 'in-stock', deviceId: unit.id })
    expect(JSON.stringify(listed)).not.toContain('Rent;Key:2026')
    expect(await client.call('inventory.revealKey', { unitKey: entry.unitKey })).toEqual({ key: 'Rent;Key:2026' })
    expect(await client.call('inventory.list', { search: applied.ssid?.slice(-4) ?? 'x' })).toMatchObject({ units: [{ unitKey: entry.unitKey }] })

    const csv = await client.call('inventory.export', { format: 'csv', includeKeys: false })
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).not.toContain('Rent;Key')
    const pdf = await client.call('labels.render', { unitKeys: [entry.unitKey], format: 'pdf' })
    expect(Buffer.from(pdf.base64, 'base64').toString('latin1')).toContain(`(${applied.ssid}) Tj`)

    // Rented out, used, messages arrive; back in.
    expect((await client.call('returns.checkOut', { deviceId: unit.id, note: 'booking 7' })).status).toBe('rented')
    if (unit.kind !== 'huawei') throw new Error('expected a Huawei unit')
    unit.sim.receiveSms('+15550100', 'Your verification code is 4411')
    const record = await client.call('returns.checkIn', { deviceId: unit.id })
    const byName = Object.fromEntries(record.checks.map((check) => [check.name, check.status]))
    expect(byName).toMatchObject({ 'sms-wipe': 'ok', 'reset-counters': 'ok', 'reapply-profile': 'ok', sim: 'ok', usage: 'ok' })
    expect(record.smsWiped).toBeGreaterThanOrEqual(1)
    expect(progress.map((event) => event.check.name)).toEqual(record.checks.map((check) => check.name))
    expect(await client.call('returns.list', { unitKey: entry.unitKey })).toEqual({ records: [record] })
    expect(stateOf(unit).key).toBe('Rent;Key:2026')

    // Secrets never travel in events or the host log.
    expect(events.join('\n')).not.toContain('Rent;Key:2026')
    expect(logs.join('\n')).not.toContain('Rent;Key:2026')
  }, 60_000)
})
