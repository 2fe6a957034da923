// Contract handlers for the inventory, labels and returns. Without station.db (no data folder, or the
// file could not be opened) every method says why instead.
import { ContractError } from '../contract/errors'
import type { HandlerTable } from './contract-server'
import type { InventoryService } from './inventory-service'
import type { ReturnsService } from './returns-service'

export type InventoryHandlers = Pick<
  HandlerTable,
  | 'inventory.list'
  | 'inventory.revealKey'
  | 'inventory.setStatus'
  | 'inventory.export'
  | 'labels.render'
  | 'returns.checkOut'
  | 'returns.checkIn'
  | 'returns.list'
>

export type InventoryHandlerDeps = { inventory: InventoryService; returns: ReturnsService } | { reason: string }

export function createInventoryHandlers(deps: InventoryHandlerDeps = { reason: 'The inventory is off in this host.' }): InventoryHandlers {
  if ('reason' in deps) {
    const off = (): never => {
      throw new ContractError('UNSUPPORTED', deps.reason)
    }
    return {
      'inventory.list': off,
      'inventory.revealKey': off,
      'inventory.setStatus': off,
      'inventory.export': off,
      'labels.render': off,
      'returns.checkOut': off,
      'returns.checkIn': off,
      'returns.list': off
    }
  }
  const { inventory, returns } = deps
  return {
    'inventory.list': ({ search, status }) => ({
      units: inventory.list({ ...(search !== undefined ? { search } : {}), ...(status !== undefined ? { status } : {}) })
    }),
    'inventory.revealKey': async ({ unitKey }) => ({ key: await inventory.revealKey(unitKey) }),
    'inventory.setStatus': ({ unitKey, status, note }) => inventory.setStatus(unitKey, status, note),
    'inventory.export': ({ format, includeKeys }) => inventory.export(format, includeKeys),
    'labels.render': ({ unitKeys, format, layout }) => inventory.labels(unitKeys, format, layout),
    'returns.checkOut': ({ deviceId, note }) => returns.checkOut(deviceId, note),
    'returns.checkIn': (params) => returns.checkIn(params),
    'returns.list': ({ unitKey }) => ({ records: returns.list(unitKey) })
  }
}
