// The returns routine against a real loopback Huawei simulator driven by the real driver: check-out
// snapshots the month counter and ICCID; check-in wipes the planted messages, resets the counters,
// detects a swapped SIM, re-applies the profile through a fake provisioner and keeps a record.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PayloadOf } from '../../src/contract/events'
import type { JobUnit } from '../../src/contract/shop'
import { createDefaultRegistry } from '../../src/devices/registry'
import { DeviceManager } from '../../src/host/device-manager'
import { DeviceOperations } from '../../src/host/device-operations'
import { createShopInventory } from '../../src/host/inventory-service'
import type { UnitProvisioner } from '../../src/host/station-contracts'
import { openStationDatabase } from '../../src/host/station-database'
import { monthTotal } from '../../src/host/returns-service'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

class FakeProvisioner implements UnitProvisioner {
  calls: Array<{ deviceId: string; profileId: string }> = []
  constructor(private readonly outcome: JobUnit['outcome'] = 'done') {}
  async provisionOne(deviceId: string, profileId: string): Promise<JobUnit> {
    this.calls.push({ deviceId, profileId })
    return {
      deviceId,
      unitKey: 'ignored',
      position: 1,
      outcome: this.outcome,
      steps: [{ step: 'wifi', status: this.outcome === 'done' ? 'ok' : 'failed', detail: 'Wi-Fi key rejected' }]
    }
  }
}

async function setup(provisioner?: UnitProvisioner) {
  const sim = new HuaweiHilinkSimulator({ variant: 'E5577', seed: 7, smsSendMs: 50 })
  const { baseUrl } = await sim.start()
  cleanups.push(() => sim.stop())
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-returns-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const station = openStationDatabase(dir)
  cleanups.push(() => station.db?.close())
  const manager = new DeviceManager(createDefaultRegistry(), { rates: { focusedMs: 60_000, backgroundMs: 60_000 } })
  cleanups.push(() => manager.close())
  const operations = new DeviceOperations(manager, undefined, () => undefined)
  const progress: Array<PayloadOf<'returns.progress'>> = []
  const shop = createShopInventory({
    station,
    secrets: undefined,
    manager,
    operations,
    provisioner: () => provisioner,
    publish: (event) => progress.push(event)
  })
  if (!('inventory' in shop)) throw new Error(shop.reason)
  cleanups.push(() => shop.close())
  manager.add({ id: 'unit-1', name: 'Unit 1', familyId: 'huawei-hilink', target: { connection: { kind: 'http', baseUrl }, credentials: sim.credentials } })
  await manager.status('unit-1')
  return { sim, manager, shop, progress }
}

describe('returns check-in against a Huawei simulator', () => {
  it('check-out marks the unit rented with a snapshot; check-in wipes SMS, resets counters and re-applies the profile', async () => {
    const provisioner = new FakeProvisioner()
    const { sim, manager, shop, progress } = await setup(provisioner)
    const monthAtCheckout = monthTotal((await manager.status('unit-1')).usage)
    expect(monthAtCheckout).toBeGreaterThan(0)
    const unit = await shop.returns.checkOut('unit-1', 'customer 42')
    expect(unit.status).toBe('rented')
    expect(unit.unitKey).toMatch(/^imei:\d{15}$/)
    expect(unit.iccid).toBe(sim.sim.iccid)
    expect(unit.note).toBe('customer 42')
    expect(shop.inventory.get(unit.unitKey).deviceId).toBe('unit-1')

    expect(sim.receiveSms('+15550100', 'Your code is 1234')).toBe(true)
    expect(sim.receiveSms('+15550101', 'Welcome to the network')).toBe(true)
    const before = sim.messages.length
    expect(before).toBeGreaterThanOrEqual(2)

    const record = await shop.returns.checkIn({ deviceId: 'unit-1', wipeSms: true, resetCounters: true, reapplyProfile: true, profileId: 'shop-jp' })
    expect(record.unitKey).toBe(unit.unitKey)
    expect(record.simSwapped).toBe(false)
    expect(record.smsWiped).toBe(before)
    expect(sim.messages.filter((message) => message.box === 1)).toHaveLength(0)
    expect(record.usageSinceCheckoutBytes).toBeGreaterThanOrEqual(0)
    // The device's own month counter started again (read through the driver, after the reset).
    await manager.get('unit-1').pollOnce()
    const after = monthTotal((await manager.status('unit-1')).usage)
    expect(after).toBeDefined()
    expect(after).toBeLessThan(monthAtCheckout ?? 0)
    expect(provisioner.calls).toEqual([{ deviceId: 'unit-1', profileId: 'shop-jp' }])

    const byName = Object.fromEntries(record.checks.map((check) => [check.name, check]))
    expect(byName['sms-wipe']?.status).toBe('ok')
    expect(byName['reset-counters']?.status).toBe('ok')
    expect(byName['reapply-profile']?.status).toBe('ok')
    expect(byName.sim?.status).toBe('ok')
    expect(byName.health).toBeDefined()
    // Every check was announced, in order, for this device.
    expect(progress.map((event) => event.check.name)).toEqual(record.checks.map((check) => check.name))
    expect(progress.every((event) => event.deviceId === 'unit-1')).toBe(true)

    expect(shop.returns.list(unit.unitKey)).toEqual([record])
    expect(shop.inventory.get(unit.unitKey).status).toBe(record.result === 'ok' ? 'in-stock' : 'returned')
  })

  it('detects a swapped SIM and leaves the unit for a person; nothing asked is skipped', async () => {
    const { sim, shop } = await setup(undefined)
    const unit = await shop.returns.checkOut('unit-1')
    const original = sim.sim.iccid
    sim.sim.iccid = '8981100000000000007'
    expect(sim.receiveSms('+15550100', 'keep me')).toBe(true)

    const record = await shop.returns.checkIn({ deviceId: 'unit-1', wipeSms: false, resetCounters: false, reapplyProfile: true })
    expect(record.simSwapped).toBe(true)
    const sim_ = record.checks.find((check) => check.name === 'sim')
    expect(sim_?.status).toBe('failed')
    expect(sim_?.detail).toContain(original)
    expect(record.checks.find((check) => check.name === 'sms-wipe')?.status).toBe('skipped')
    expect(record.checks.find((check) => check.name === 'reset-counters')?.status).toBe('skipped')
    // No profile was ever applied and none was named: skipped with the reason.
    expect(record.checks.find((check) => check.name === 'reapply-profile')).toMatchObject({ status: 'skipped', detail: expect.stringContaining('No profile') })
    expect(sim.messages.some((message) => message.content === 'keep me')).toBe(true)
    expect(record.result).toBe('attention')
    expect(shop.inventory.get(unit.unitKey).status).toBe('returned')
    expect(shop.inventory.get(unit.unitKey).iccid).toBe('8981100000000000007')
  })

  it('a failed re-apply makes the record need attention; a check-in without check-out skips usage and SIM', async () => {
    const provisioner = new FakeProvisioner('failed')
    const { shop } = await setup(provisioner)
    const record = await shop.returns.checkIn({ deviceId: 'unit-1', wipeSms: true, resetCounters: true, reapplyProfile: true, profileId: 'shop-jp' })
    expect(record.checks.find((check) => check.name === 'usage')?.status).toBe('skipped')
    expect(record.checks.find((check) => check.name === 'sim')?.status).toBe('skipped')
    expect(record.checks.find((check) => check.name === 'reapply-profile')).toMatchObject({ status: 'failed', detail: expect.stringContaining('Wi-Fi key rejected') })
    expect(record.result).toBe('attention')
  })
})
