// The inventory as a file: CSV (RFC 4180, with the spreadsheet formula guard of store/csv.ts) or JSON.
// Wi-Fi keys appear only when the caller asked for them and passes them in; without that the file has
// no key column at all, so an export mailed around never carries a secret by accident.
import type { InventoryUnit, RenderedFile } from '../contract/shop'
import { csvRow, type CsvValue } from '../store/csv'

export interface InventoryExportOptions {
  format: 'csv' | 'json'
  /** unitKey → Wi-Fi key; present only when the user asked to include keys. */
  keys?: ReadonlyMap<string, string>
  now: number
}

const COLUMNS: ReadonlyArray<[string, (unit: InventoryUnit) => CsvValue]> = [
  ['unit_key', (u) => u.unitKey],
  ['imei', (u) => u.imei],
  ['iccid', (u) => u.iccid],
  ['msisdn', (u) => u.msisdn],
  ['model', (u) => u.model],
  ['firmware', (u) => u.firmware],
  ['ssid', (u) => u.ssid],
  ['has_key', (u) => (u.hasKey ? 'yes' : 'no')],
  ['last_profile', (u) => u.lastProfileId],
  ['last_provisioned', (u) => iso(u.lastProvisionedAt)],
  ['status', (u) => u.status],
  ['note', (u) => u.note],
  ['first_seen', (u) => iso(u.firstSeen)],
  ['last_seen', (u) => iso(u.lastSeen)]
]

export function exportInventory(units: readonly InventoryUnit[], options: InventoryExportOptions): RenderedFile {
  const stamp = new Date(options.now).toISOString().slice(0, 10)
  const keys = options.keys
  if (options.format === 'json') {
    const rows = units.map((unit) => {
      const key = keys?.get(unit.unitKey)
      return keys ? { ...unit, wifiKey: key ?? null } : unit
    })
    const text = `${JSON.stringify({ exportedAt: new Date(options.now).toISOString(), units: rows }, null, 2)}\n`
    return file(`inventory-${stamp}.json`, 'application/json', text)
  }
  const header = COLUMNS.map(([name]) => name)
  if (keys) header.push('wifi_key')
  let text = csvRow(header)
  for (const unit of units) {
    const values = COLUMNS.map(([, read]) => read(unit))
    if (keys) values.push(keys.get(unit.unitKey))
    text += csvRow(values)
  }
  return file(`inventory-${stamp}.csv`, 'text/csv', text)
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString()
}

function file(fileName: string, mimeType: string, text: string): RenderedFile {
  return { fileName, mimeType, base64: Buffer.from(text, 'utf8').toString('base64') }
}
