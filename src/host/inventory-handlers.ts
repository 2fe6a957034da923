// Contract handlers for the inventory, labels and returns.
// PLACEHOLDER until the inventory service lands: every method answers UNSUPPORTED.
import { ContractError } from '../contract/errors'
import type { HandlerTable } from './contract-server'

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

const off = (): never => {
  throw new ContractError('UNSUPPORTED', 'The inventory is not available in this host yet.')
}

export function createInventoryHandlers(): InventoryHandlers {
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
