// The shop inventory in station.db: one row per physical unit (its identities, the SSID a profile set,
// whether a key is kept, rental status), check-outs with the readings taken when a unit left, and the
// record of each check-in. Synchronous like every libsql call; secrets never reach this file.
import { ReturnRecord, type InventoryUnit, type RentalStatus } from '../contract/shop'
import type { StoreDatabase } from './database'

/** What the device manager or a batch job knows about a unit; absent fields keep their stored value. */
export interface UnitObservation {
  unitKey: string
  at: number
  imei?: string
  iccid?: string
  msisdn?: string
  model?: string
  firmware?: string
  deviceId?: string
}

export interface ProvisionedFacts {
  unitKey: string
  at: number
  profileId: string
  ssid?: string
}

export interface Checkout {
  checkoutId: string
  unitKey: string
  checkedOutAt: number
  iccid?: string
  monthTotalBytes?: number
  note?: string
  closedAt?: number
}

export interface UnitFilter {
  /** Matched (case-insensitive, substring) against the unit key, IMEI, ICCID, phone number, model, SSID and note. */
  search?: string
  status?: RentalStatus
}

type UnitRow = {
  unit_key: string
  imei: string | null
  iccid: string | null
  msisdn: string | null
  model: string | null
  firmware: string | null
  ssid: string | null
  has_key: number
  last_profile_id: string | null
  last_provisioned_at: number | null
  status: string
  note: string | null
  first_seen: number
  last_seen: number
  device_id: string | null
}

type CheckoutRow = {
  checkout_id: string
  unit_key: string
  checked_out_at: number
  iccid: string | null
  month_total_bytes: number | null
  note: string | null
  closed_at: number | null
}

const SEARCHED = ['unit_key', 'imei', 'iccid', 'msisdn', 'model', 'ssid', 'note'] as const

export class InventoryStore {
  constructor(private readonly db: StoreDatabase) {}

  /** Inserts the unit or refreshes what was observed; first_seen and the rental status stay. */
  observe(seen: UnitObservation): void {
    this.db.run(
      `INSERT INTO units (unit_key, imei, iccid, msisdn, model, firmware, device_id, first_seen, last_seen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (unit_key) DO UPDATE SET
         imei = COALESCE(excluded.imei, imei),
         iccid = COALESCE(excluded.iccid, iccid),
         msisdn = COALESCE(excluded.msisdn, msisdn),
         model = COALESCE(excluded.model, model),
         firmware = COALESCE(excluded.firmware, firmware),
         device_id = COALESCE(excluded.device_id, device_id),
         last_seen = MAX(last_seen, excluded.last_seen)`,
      [seen.unitKey, seen.imei, seen.iccid, seen.msisdn, seen.model, seen.firmware, seen.deviceId, seen.at, seen.at]
    )
  }

  recordProvisioned(facts: ProvisionedFacts): void {
    this.db.run(
      `UPDATE units SET last_profile_id = ?, last_provisioned_at = ?, ssid = COALESCE(?, ssid) WHERE unit_key = ?`,
      [facts.profileId, facts.at, facts.ssid, facts.unitKey]
    )
  }

  setHasKey(unitKey: string, hasKey: boolean): void {
    this.db.run(`UPDATE units SET has_key = ? WHERE unit_key = ?`, [hasKey ? 1 : 0, unitKey])
  }

  /** Sets the rental status; `note` replaces the note when given. False when the unit is unknown. */
  setStatus(unitKey: string, status: RentalStatus, note?: string): boolean {
    const changed =
      note === undefined
        ? this.db.run(`UPDATE units SET status = ? WHERE unit_key = ?`, [status, unitKey])
        : this.db.run(`UPDATE units SET status = ?, note = ? WHERE unit_key = ?`, [status, note, unitKey])
    return changed > 0
  }

  get(unitKey: string): InventoryUnit | undefined {
    const row = this.db.get<UnitRow>(`SELECT * FROM units WHERE unit_key = ?`, [unitKey])
    return row && toUnit(row)
  }

  /** Most recently seen first. */
  list(filter: UnitFilter = {}): InventoryUnit[] {
    const where: string[] = []
    const params: string[] = []
    if (filter.status) {
      where.push('status = ?')
      params.push(filter.status)
    }
    const search = filter.search?.trim().toLowerCase()
    if (search) {
      // LIKE with an escape: a search for "50%" or "a_b" means those characters, not wildcards.
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      where.push(`(${SEARCHED.map((column) => `lower(COALESCE(${column}, '')) LIKE ? ESCAPE '\\'`).join(' OR ')})`)
      for (let i = 0; i < SEARCHED.length; i++) params.push(pattern)
    }
    const sql = `SELECT * FROM units ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY last_seen DESC, unit_key`
    return this.db.all<UnitRow>(sql, params).map(toUnit)
  }

  openCheckout(checkout: Omit<Checkout, 'closedAt'>): void {
    this.db.transaction(() => {
      // A unit handed out again without a check-in: the older check-out no longer describes it.
      this.db.run(`UPDATE checkouts SET closed_at = ? WHERE unit_key = ? AND closed_at IS NULL`, [checkout.checkedOutAt, checkout.unitKey])
      this.db.run(
        `INSERT INTO checkouts (checkout_id, unit_key, checked_out_at, iccid, month_total_bytes, note) VALUES (?, ?, ?, ?, ?, ?)`,
        [checkout.checkoutId, checkout.unitKey, checkout.checkedOutAt, checkout.iccid, checkout.monthTotalBytes, checkout.note]
      )
    })
  }

  /** The unit's check-out that has no check-in yet. */
  openCheckoutOf(unitKey: string): Checkout | undefined {
    const row = this.db.get<CheckoutRow>(
      `SELECT * FROM checkouts WHERE unit_key = ? AND closed_at IS NULL ORDER BY checked_out_at DESC LIMIT 1`,
      [unitKey]
    )
    return row && toCheckout(row)
  }

  /** Saves a check-in's record and closes the check-out it answers, in one transaction. */
  saveReturn(record: ReturnRecord, checkoutId: string | undefined): void {
    this.db.transaction(() => {
      this.db.run(
        `INSERT INTO return_records (record_id, unit_key, checkout_id, checked_in_at, record_json) VALUES (?, ?, ?, ?, ?)`,
        [record.recordId, record.unitKey, checkoutId, record.checkedInAt, JSON.stringify(record)]
      )
      if (checkoutId) this.db.run(`UPDATE checkouts SET closed_at = ? WHERE checkout_id = ?`, [record.checkedInAt, checkoutId])
    })
  }

  /** Newest first. */
  returns(unitKey?: string, limit = 1000): ReturnRecord[] {
    const rows =
      unitKey === undefined
        ? this.db.all<{ record_json: string }>(`SELECT record_json FROM return_records ORDER BY checked_in_at DESC LIMIT ?`, [limit])
        : this.db.all<{ record_json: string }>(
            `SELECT record_json FROM return_records WHERE unit_key = ? ORDER BY checked_in_at DESC LIMIT ?`,
            [unitKey, limit]
          )
    // Parsed, not cast: a record written by a later version with fields we do not know is still read.
    return rows.flatMap((row) => {
      const parsed = ReturnRecord.safeParse(JSON.parse(row.record_json))
      return parsed.success ? [parsed.data] : []
    })
  }
}

function toUnit(row: UnitRow): InventoryUnit {
  const unit: InventoryUnit = {
    unitKey: row.unit_key,
    hasKey: row.has_key === 1,
    status: row.status as RentalStatus,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen
  }
  if (row.imei !== null) unit.imei = row.imei
  if (row.iccid !== null) unit.iccid = row.iccid
  if (row.msisdn !== null) unit.msisdn = row.msisdn
  if (row.model !== null) unit.model = row.model
  if (row.firmware !== null) unit.firmware = row.firmware
  if (row.ssid !== null) unit.ssid = row.ssid
  if (row.last_profile_id !== null) unit.lastProfileId = row.last_profile_id
  if (row.last_provisioned_at !== null) unit.lastProvisionedAt = row.last_provisioned_at
  if (row.note !== null) unit.note = row.note
  if (row.device_id !== null) unit.deviceId = row.device_id
  return unit
}

function toCheckout(row: CheckoutRow): Checkout {
  const checkout: Checkout = { checkoutId: row.checkout_id, unitKey: row.unit_key, checkedOutAt: row.checked_out_at }
  if (row.iccid !== null) checkout.iccid = row.iccid
  if (row.month_total_bytes !== null) checkout.monthTotalBytes = row.month_total_bytes
  if (row.note !== null) checkout.note = row.note
  if (row.closed_at !== null) checkout.closedAt = row.closed_at
  return checkout
}
