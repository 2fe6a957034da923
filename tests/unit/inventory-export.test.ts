// Inventory export: CSV (RFC 4180, formula guard) and JSON; Wi-Fi keys only when asked for.
import { describe, expect, it } from 'vitest'
import type { InventoryUnit } from '../../src/contract/shop'
import { exportInventory } from '../../src/shop/inventory-export'

const NOW = Date.UTC(2026, 10, 22, 12)
const UNITS: InventoryUnit[] = [
  {
    unitKey: 'imei:861234567890123',
    imei: '861234567890123',
    msisdn: '+819012345678',
    model: 'E5577',
    ssid: 'Shop, "A"',
    hasKey: true,
    status: 'rented',
    note: '=HYPERLINK("http://evil")',
    firstSeen: NOW - 1000,
    lastSeen: NOW
  },
  { unitKey: 'serial:X1', hasKey: false, status: 'in-stock', note: '@SUM(A1)', firstSeen: NOW, lastSeen: NOW }
]
const KEYS = new Map([['imei:861234567890123', '-secret;key']])

const text = (base64: string) => Buffer.from(base64, 'base64').toString('utf8')

describe('exportInventory', () => {
  it('writes CSV without any key column unless keys are given', () => {
    const file = exportInventory(UNITS, { format: 'csv', now: NOW })
    expect(file).toMatchObject({ fileName: 'inventory-2026-11-22.csv', mimeType: 'text/csv' })
    const lines = text(file.base64).split('\r\n')
    expect(lines[0]).toBe('unit_key,imei,iccid,msisdn,model,firmware,ssid,has_key,last_profile,last_provisioned,status,note,first_seen,last_seen')
    expect(lines).toHaveLength(4) // header, two rows, the empty string after the last CRLF
    expect(lines[3]).toBe('')
    expect(text(file.base64)).not.toContain('secret')
  })

  it('quotes per RFC 4180 and guards cells a spreadsheet would run as formulas', () => {
    const lines = text(exportInventory(UNITS, { format: 'csv', now: NOW }).base64).split('\r\n')
    const row = lines[1] ?? ''
    expect(row).toContain(`"Shop, ""A"""`)
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`)
    expect(row).toContain(`,'+819012345678,`)
    expect(lines[2]).toContain(`,'@SUM(A1),`)
    expect(row.split(',').length).toBeGreaterThan(14)
  })

  it('adds the wifi_key column only with keys, guarded like every cell', () => {
    const lines = text(exportInventory(UNITS, { format: 'csv', now: NOW, keys: KEYS }).base64).split('\r\n')
    expect(lines[0]?.endsWith(',wifi_key')).toBe(true)
    expect(lines[1]?.endsWith(`,'-secret;key`)).toBe(true)
    expect(lines[2]?.endsWith(',')).toBe(true)
  })

  it('writes JSON with the units as stored; keys only when given', () => {
    const plain = JSON.parse(text(exportInventory(UNITS, { format: 'json', now: NOW }).base64))
    expect(plain.exportedAt).toBe('2026-11-22T12:00:00.000Z')
    expect(plain.units).toEqual(UNITS)
    expect(JSON.stringify(plain)).not.toContain('wifiKey')
    const withKeys = JSON.parse(text(exportInventory(UNITS, { format: 'json', now: NOW, keys: KEYS }).base64))
    expect(withKeys.units.map((unit: { wifiKey: string | null }) => unit.wifiKey)).toEqual(['-secret;key', null])
  })
})
