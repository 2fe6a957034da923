// The inventory tables in station.db: observing units, provisioning facts, search and filter, rental
// status, check-outs and return records.
import { afterEach, describe, expect, it } from 'vitest'
import type { ReturnRecord } from '../../src/contract/shop'
import { openDatabase, type StoreDatabase } from '../../src/store/database'
import { InventoryStore } from '../../src/store/inventory-store'
import { STATION_DB_FILE, STATION_MIGRATIONS } from '../../src/store/station-migrations'

const open: StoreDatabase[] = []
afterEach(() => open.splice(0).forEach((db) => db.close()))

function store(): InventoryStore {
  const db = openDatabase(':memory:', { schema: { migrations: STATION_MIGRATIONS, fileName: STATION_DB_FILE } })
  open.push(db)
  return new InventoryStore(db)
}

describe('InventoryStore', () => {
  it('inserts a unit once and refreshes what was observed, keeping first seen and status', () => {
    const s = store()
    s.observe({ unitKey: 'imei:861234567890123', at: 1000, imei: '861234567890123', model: 'E5577', iccid: '8981000000000000001', deviceId: 'dev-a' })
    s.setStatus('imei:861234567890123', 'rented')
    s.observe({ unitKey: 'imei:861234567890123', at: 5000, firmware: '21.180', iccid: '8981000000000000002' })
    const unit = s.get('imei:861234567890123')
    expect(unit).toMatchObject({
      unitKey: 'imei:861234567890123',
      imei: '861234567890123',
      model: 'E5577',
      firmware: '21.180',
      iccid: '8981000000000000002',
      status: 'rented',
      hasKey: false,
      firstSeen: 1000,
      lastSeen: 5000,
      deviceId: 'dev-a'
    })
    expect(unit?.ssid).toBeUndefined()
    expect(s.list()).toHaveLength(1)
  })

  it('records provisioning facts and whether a key is kept', () => {
    const s = store()
    s.observe({ unitKey: 'serial:ABC', at: 1 })
    s.recordProvisioned({ unitKey: 'serial:ABC', at: 20, profileId: 'shop-jp', ssid: 'Rental-0123' })
    s.setHasKey('serial:ABC', true)
    expect(s.get('serial:ABC')).toMatchObject({ lastProfileId: 'shop-jp', lastProvisionedAt: 20, ssid: 'Rental-0123', hasKey: true })
  })

  it('searches across identities, SSID and note, case-insensitively and literally; filters by status', () => {
    const s = store()
    s.observe({ unitKey: 'imei:111', at: 1, imei: '111', model: 'MF79U', msisdn: '+819012345678' })
    s.observe({ unitKey: 'imei:222', at: 2, imei: '222', model: 'E5577' })
    s.observe({ unitKey: 'imei:333', at: 3, imei: '333', model: 'Nighthawk M1' })
    s.recordProvisioned({ unitKey: 'imei:222', at: 4, profileId: 'p', ssid: 'Shop_50%' })
    s.setStatus('imei:333', 'maintenance', 'cracked screen')
    expect(s.list({ search: 'mf79' }).map((u) => u.unitKey)).toEqual(['imei:111'])
    expect(s.list({ search: '9012345' }).map((u) => u.unitKey)).toEqual(['imei:111'])
    expect(s.list({ search: 'CRACKED' }).map((u) => u.unitKey)).toEqual(['imei:333'])
    expect(s.list({ search: '50%' }).map((u) => u.unitKey)).toEqual(['imei:222'])
    // "%" and "_" are characters, not wildcards.
    expect(s.list({ search: '%' }).map((u) => u.unitKey)).toEqual(['imei:222'])
    expect(s.list({ search: 'e_5' })).toEqual([]) // as a wildcard it would match "E5577"
    expect(s.list({ status: 'maintenance' }).map((u) => u.unitKey)).toEqual(['imei:333'])
    expect(s.list({ status: 'in-stock', search: 'e55' }).map((u) => u.unitKey)).toEqual(['imei:222'])
    // Most recently seen first.
    expect(s.list().map((u) => u.unitKey)).toEqual(['imei:333', 'imei:222', 'imei:111'])
  })

  it('setStatus answers false for an unknown unit', () => {
    expect(store().setStatus('imei:nope', 'retired')).toBe(false)
  })

  it('keeps one open check-out per unit and closes it with the return record', () => {
    const s = store()
    s.observe({ unitKey: 'imei:1', at: 1 })
    s.openCheckout({ checkoutId: 'c1', unitKey: 'imei:1', checkedOutAt: 10, iccid: '89', monthTotalBytes: 500 })
    s.openCheckout({ checkoutId: 'c2', unitKey: 'imei:1', checkedOutAt: 20, monthTotalBytes: 700 })
    expect(s.openCheckoutOf('imei:1')).toEqual({ checkoutId: 'c2', unitKey: 'imei:1', checkedOutAt: 20, monthTotalBytes: 700 })
    const record: ReturnRecord = {
      recordId: 'r1',
      unitKey: 'imei:1',
      checkedInAt: 30,
      usageSinceCheckoutBytes: 5,
      checks: [{ name: 'usage', status: 'ok', detail: '5 B since check-out.' }],
      result: 'ok'
    }
    s.saveReturn(record, 'c2')
    expect(s.openCheckoutOf('imei:1')).toBeUndefined()
    expect(s.returns('imei:1')).toEqual([record])
    expect(s.returns()).toEqual([record])
    expect(s.returns('imei:2')).toEqual([])
  })
})
