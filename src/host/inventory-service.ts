// The shop inventory as the host keeps it: every unit the device manager sees (identities, last seen),
// what batch jobs set on it (InventorySink), rental status, export and labels. Wi-Fi keys and admin
// passwords go to the host's encrypted SecretStore; a host without one keeps no key (hasKey stays false)
// and says so in its log once — never the key itself, in logs or events.
import { ContractError } from '../contract/errors'
import type { DeviceStatus } from '../contract/model'
import type { InventoryUnit, RenderedFile, RentalStatus } from '../contract/shop'
import { exportInventory } from '../shop/inventory-export'
import { renderLabels } from '../shop/labels/render-labels'
import type { LabelUnit } from '../shop/labels/layout'
import { InventoryStore, type UnitFilter } from '../store/inventory-store'
import type { PayloadOf } from '../contract/events'
import type { DeviceManager } from './device-manager'
import type { DeviceOperations } from './device-operations'
import { ReturnsService } from './returns-service'
import type { SecretStore } from './secrets/secret-store'
import { unitKeyOf, type InventorySink, type ProvisionedUnit, type UnitProvisioner } from './station-contracts'
import type { StationDatabase } from './station-database'

export function wifiKeyAccount(unitKey: string): string {
  return `unit-wifi:${unitKey}`
}

export function adminPasswordAccount(unitKey: string): string {
  return `unit-admin:${unitKey}`
}

/** Polls every few seconds would rewrite last_seen constantly: once a minute is enough for an inventory. */
const LAST_SEEN_WRITE_MS = 60_000

export interface InventoryServiceOptions {
  store: InventoryStore
  secrets: SecretStore | undefined
  log?: (line: string) => void
  now?: () => number
}

export class InventoryService implements InventorySink {
  private readonly store: InventoryStore
  private readonly secrets: SecretStore | undefined
  private readonly log: (line: string) => void
  private readonly now: () => number
  /** unitKey → device id, for units attached right now. */
  private readonly attached = new Map<string, string>()
  private readonly lastWrite = new Map<string, { at: number; identity: string }>()
  private pendingSecrets: Promise<unknown> = Promise.resolve()
  private warnedNoSecrets = false

  constructor(options: InventoryServiceOptions) {
    this.store = options.store
    this.secrets = options.secrets
    this.log = options.log ?? (() => undefined)
    this.now = options.now ?? Date.now
  }

  /** Records every unit the manager reports a reading for; returns the unsubscribe function. */
  watch(manager: DeviceManager): () => void {
    return manager.onChange((change) => {
      if (change.kind === 'removed') {
        for (const [unitKey, deviceId] of this.attached) if (deviceId === change.device.id) this.attached.delete(unitKey)
        return
      }
      if (change.kind === 'updated' && change.status && !change.device.demo) this.recordSeen(change.status)
    })
  }

  /** Stores what a reading says about the unit (throttled when nothing changed); returns its unit key. */
  recordSeen(status: DeviceStatus): string {
    const unitKey = unitKeyOf(status)
    const at = this.now()
    const { identity, sim } = status
    const fingerprint = [status.deviceId, identity.imei, identity.model, identity.firmware, sim.iccid, sim.msisdn].join('|')
    const previous = this.lastWrite.get(unitKey)
    this.attachAs(unitKey, status.deviceId)
    if (previous && previous.identity === fingerprint && at - previous.at < LAST_SEEN_WRITE_MS) return unitKey
    this.store.observe({
      unitKey,
      at,
      deviceId: status.deviceId,
      ...defined({ imei: identity.imei, model: identity.model, firmware: identity.firmware, iccid: sim.iccid, msisdn: sim.msisdn })
    })
    this.lastWrite.set(unitKey, { at, identity: fingerprint })
    return unitKey
  }

  recordProvisioned(unit: ProvisionedUnit): void {
    this.recordSeen(unit.status)
    this.attachAs(unit.unitKey, unit.deviceId)
    this.store.observe({ unitKey: unit.unitKey, at: unit.at, deviceId: unit.deviceId })
    this.store.recordProvisioned({ unitKey: unit.unitKey, at: unit.at, profileId: unit.profileId, ...defined({ ssid: unit.ssid }) })
    if (unit.wifiKey === undefined && unit.adminPassword === undefined) return
    const secrets = this.secrets
    if (!secrets) {
      this.store.setHasKey(unit.unitKey, false)
      if (!this.warnedNoSecrets) {
        this.log('inventory: no secret store in this host, so Wi-Fi keys and admin passwords are not kept (labels print without keys)')
        this.warnedNoSecrets = true
      }
      return
    }
    // The sink is synchronous for the job; the encrypted write follows. hasKey turns true only once stored.
    const work = async (): Promise<void> => {
      if (unit.wifiKey !== undefined) {
        await secrets.setCredentials(wifiKeyAccount(unit.unitKey), { password: unit.wifiKey })
        this.store.setHasKey(unit.unitKey, true)
      }
      if (unit.adminPassword !== undefined) await secrets.setCredentials(adminPasswordAccount(unit.unitKey), { password: unit.adminPassword })
    }
    this.pendingSecrets = this.pendingSecrets.then(work).catch((error: unknown) => {
      this.store.setHasKey(unit.unitKey, false)
      this.log(`inventory: could not keep the secrets of ${unit.unitKey}: ${error instanceof Error ? error.message : String(error)}`)
    })
  }

  /** Resolves when every key handed over so far is stored (tests, and close()). */
  settled(): Promise<void> {
    return this.pendingSecrets.then(() => undefined)
  }

  list(filter: UnitFilter = {}): InventoryUnit[] {
    return this.store.list(filter).map((unit) => this.withAttachment(unit))
  }

  get(unitKey: string): InventoryUnit {
    const unit = this.store.get(unitKey)
    if (!unit) throw new ContractError('NOT_FOUND', `No unit "${unitKey}" in the inventory. Attach it once so it is recorded.`, { unitKey })
    return this.withAttachment(unit)
  }

  async revealKey(unitKey: string): Promise<string | null> {
    const unit = this.get(unitKey)
    if (!unit.hasKey || !this.secrets) return null
    return (await this.secrets.getCredentials(wifiKeyAccount(unitKey)))?.password ?? null
  }

  setStatus(unitKey: string, status: RentalStatus, note?: string): InventoryUnit {
    if (!this.store.setStatus(unitKey, status, note)) this.get(unitKey)
    return this.get(unitKey)
  }

  async export(format: 'csv' | 'json', includeKeys: boolean): Promise<RenderedFile> {
    const units = this.list()
    const keys = includeKeys ? await this.keysOf(units) : undefined
    return exportInventory(units, { format, now: this.now(), ...(keys ? { keys } : {}) })
  }

  async labels(unitKeys: readonly string[], format: 'pdf' | 'png', layout: 'label' | 'card'): Promise<RenderedFile> {
    const units = unitKeys.map((unitKey) => this.get(unitKey))
    const keys = await this.keysOf(units)
    const labelUnits = units.map((unit): LabelUnit => ({
      unitKey: unit.unitKey,
      ...defined({ ssid: unit.ssid, model: unit.model, key: keys.get(unit.unitKey) })
    }))
    return renderLabels(labelUnits, { format, layout, now: this.now() })
  }

  /** The unit key of an attached device (reads its status when the inventory has not seen it yet). */
  unitKeyOfDevice(deviceId: string): string | undefined {
    for (const [unitKey, attachedId] of this.attached) if (attachedId === deviceId) return unitKey
    return undefined
  }

  private async keysOf(units: readonly InventoryUnit[]): Promise<Map<string, string>> {
    const keys = new Map<string, string>()
    for (const unit of units) {
      const key = await this.revealKey(unit.unitKey)
      if (key !== null) keys.set(unit.unitKey, key)
    }
    return keys
  }

  private attachAs(unitKey: string, deviceId: string): void {
    // One device id belongs to one unit: a unit swapped onto the same address replaces the old mapping.
    for (const [key, id] of this.attached) if (id === deviceId && key !== unitKey) this.attached.delete(key)
    this.attached.set(unitKey, deviceId)
  }

  private withAttachment(unit: InventoryUnit): InventoryUnit {
    const deviceId = this.attached.get(unit.unitKey)
    const { deviceId: _stored, ...rest } = unit
    return deviceId === undefined ? rest : { ...rest, deviceId }
  }
}

/** Drops undefined values (the contract's optional fields are absent, never undefined). */
function defined<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  const out: { [K in keyof T]?: string } = {}
  for (const key of Object.keys(values) as Array<keyof T>) {
    const value = values[key]
    if (value !== undefined && value !== '') out[key] = value
  }
  return out
}

/** The inventory and returns services over station.db, watching the manager; or why they are off. */
export type ShopInventory =
  | { inventory: InventoryService; returns: ReturnsService; close(): Promise<void> }
  | { reason: string; close(): Promise<void> }

export function createShopInventory(options: {
  station: StationDatabase
  secrets: SecretStore | undefined
  manager: DeviceManager
  operations: DeviceOperations
  provisioner: () => UnitProvisioner | undefined
  publish: (progress: PayloadOf<'returns.progress'>) => void
  log?: (line: string) => void
}): ShopInventory {
  const { db } = options.station
  if (!db) {
    const reason = 'reason' in options.station ? options.station.reason : 'The station database is unavailable.'
    return { reason, close: async () => undefined }
  }
  const store = new InventoryStore(db)
  const inventory = new InventoryService({ store, secrets: options.secrets, ...(options.log ? { log: options.log } : {}) })
  const stopWatching = inventory.watch(options.manager)
  const returns = new ReturnsService({
    store,
    inventory,
    manager: options.manager,
    operations: options.operations,
    provisioner: options.provisioner,
    publish: options.publish
  })
  return {
    inventory,
    returns,
    async close() {
      stopWatching()
      // Keys handed over by a job just before closing are written before station.db closes.
      await inventory.settled()
    }
  }
}
