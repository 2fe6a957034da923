// The inventory service: units the manager sees, what a batch job reports (InventorySink), keys kept
// encrypted through the SecretStore (or not at all without one), reveal, status and export.
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import type { DeviceStatus } from '../../src/contract/model'
import type { Credentials } from '../../src/devices/driver'
import { adminPasswordAccount, InventoryService, wifiKeyAccount } from '../../src/host/inventory-service'
import type { SecretStore } from '../../src/host/secrets/secret-store'
import { openDatabase, type StoreDatabase } from '../../src/store/database'
import { InventoryStore } from '../../src/store/inventory-store'
import { STATION_DB_FILE, STATION_MIGRATIONS } from '../../src/store/station-migrations'

class MemorySecrets implements SecretStore {
  readonly kind = 'memory'
  readonly values = new Map<string, Credentials>()
  async getCredentials(account: string) {
    return this.values.get(account)
  }
  async setCredentials(account: string, credentials: Credentials) {
    this.values.set(account, credentials)
  }
  async forget(account: string) {
    return this.values.delete(account)
  }
  async accounts() {
    return [...this.values.keys()]
  }
}

const open: StoreDatabase[] = []
afterEach(() => open.splice(0).forEach((db) => db.close()))

function service(secrets: SecretStore | undefined, log: string[] = []) {
  const db = openDatabase(':memory:', { schema: { migrations: STATION_MIGRATIONS, fileName: STATION_DB_FILE } })
  open.push(db)
  let now = 1_000
  const inventory = new InventoryService({ store: new InventoryStore(db), secrets, log: (line) => log.push(line), now: () => now })
  return { inventory, tick: (ms: number) => (now += ms) }
}

function status(deviceId: string, imei: string | undefined, iccid = '8981000000000000001'): DeviceStatus {
  return {
    deviceId,
    updatedAt: 1,
    identity: { model: 'MF79U', firmware: 'BD_1.0', ...(imei ? { imei } : {}) },
    sim: { state: 'ready', iccid, msisdn: '+819012345678' },
    signal: { bars: 4, rat: 'lte' },
    registration: { state: 'home' },
    data: { state: 'connected' },
    usage: {}
  }
}

const provisioned = (extra: { wifiKey?: string; adminPassword?: string }) => ({
  unitKey: 'imei:861234567890123',
  deviceId: 'dev-1',
  status: status('dev-1', '861234567890123'),
  profileId: 'shop-jp',
  at: 5_000,
  ssid: 'Rental-0123',
  ...extra
})

describe('InventoryService', () => {
  it('records what a reading says and which device the unit is attached as', () => {
    const { inventory } = service(undefined)
    expect(inventory.recordSeen(status('dev-1', '861234567890123'))).toBe('imei:861234567890123')
    expect(inventory.recordSeen(status('dev-2', undefined))).toBe('device:dev-2')
    expect(inventory.get('imei:861234567890123')).toMatchObject({
      imei: '861234567890123',
      iccid: '8981000000000000001',
      msisdn: '+819012345678',
      model: 'MF79U',
      firmware: 'BD_1.0',
      status: 'in-stock',
      hasKey: false,
      deviceId: 'dev-1'
    })
    expect(inventory.unitKeyOfDevice('dev-2')).toBe('device:dev-2')
    expect(() => inventory.get('imei:0')).toThrow(ContractError)
  })

  it('writes last seen at most once a minute unless the identity changed', () => {
    const { inventory, tick } = service(undefined)
    inventory.recordSeen(status('dev-1', '861234567890123'))
    tick(10_000)
    inventory.recordSeen(status('dev-1', '861234567890123'))
    expect(inventory.get('imei:861234567890123').lastSeen).toBe(1_000)
    tick(10_000)
    inventory.recordSeen(status('dev-1', '861234567890123', '8981000000000000099'))
    expect(inventory.get('imei:861234567890123')).toMatchObject({ lastSeen: 21_000, iccid: '8981000000000000099' })
  })

  it('keeps the Wi-Fi key and admin password in the secret store and reveals the key on request', async () => {
    const secrets = new MemorySecrets()
    const log: string[] = []
    const { inventory } = service(secrets, log)
    inventory.recordProvisioned(provisioned({ wifiKey: 'k3y-Secret-1', adminPassword: 'adm1n-Secret' }))
    await inventory.settled()
    const unit = inventory.get('imei:861234567890123')
    expect(unit).toMatchObject({ ssid: 'Rental-0123', hasKey: true, lastProfileId: 'shop-jp', lastProvisionedAt: 5_000 })
    expect(JSON.stringify(unit)).not.toContain('Secret')
    expect(secrets.values.get(wifiKeyAccount(unit.unitKey))).toEqual({ password: 'k3y-Secret-1' })
    expect(secrets.values.get(adminPasswordAccount(unit.unitKey))).toEqual({ password: 'adm1n-Secret' })
    expect(await inventory.revealKey(unit.unitKey)).toBe('k3y-Secret-1')
    expect(log.join('\n')).not.toContain('Secret')

    const plain = Buffer.from((await inventory.export('csv', false)).base64, 'base64').toString('utf8')
    expect(plain).not.toContain('k3y-Secret-1')
    const withKeys = Buffer.from((await inventory.export('csv', true)).base64, 'base64').toString('utf8')
    expect(withKeys).toContain('k3y-Secret-1')
    const label = await inventory.labels([unit.unitKey], 'pdf', 'label')
    expect(Buffer.from(label.base64, 'base64').toString('latin1')).toContain('(k3y-Secret-1) Tj')
  })

  it('without a secret store keeps no key, says so once, and never logs the key', async () => {
    const log: string[] = []
    const { inventory } = service(undefined, log)
    inventory.recordProvisioned(provisioned({ wifiKey: 'k3y-Secret-1' }))
    inventory.recordProvisioned(provisioned({ wifiKey: 'k3y-Secret-2' }))
    await inventory.settled()
    expect(inventory.get('imei:861234567890123').hasKey).toBe(false)
    expect(await inventory.revealKey('imei:861234567890123')).toBeNull()
    expect(log).toHaveLength(1)
    expect(log[0]).toContain('no secret store')
    expect(log.join('\n')).not.toContain('Secret-')
  })

  it('a failing secret store leaves hasKey false and logs the account, not the key', async () => {
    const secrets = new MemorySecrets()
    secrets.setCredentials = async () => {
      throw new Error('keychain locked')
    }
    const log: string[] = []
    const { inventory } = service(secrets, log)
    inventory.recordProvisioned(provisioned({ wifiKey: 'k3y-Secret-1' }))
    await inventory.settled()
    expect(inventory.get('imei:861234567890123').hasKey).toBe(false)
    expect(log.join('\n')).toContain('keychain locked')
    expect(log.join('\n')).not.toContain('k3y-Secret-1')
  })

  it('sets the rental status and note; unknown units are NOT_FOUND', () => {
    const { inventory } = service(undefined)
    inventory.recordSeen(status('dev-1', '861234567890123'))
    expect(inventory.setStatus('imei:861234567890123', 'maintenance', 'battery swollen')).toMatchObject({ status: 'maintenance', note: 'battery swollen' })
    expect(inventory.list({ status: 'maintenance' })).toHaveLength(1)
    expect(inventory.list({ search: 'swollen' })).toHaveLength(1)
    expect(() => inventory.setStatus('imei:0', 'retired')).toThrow(/No unit/)
  })
})
