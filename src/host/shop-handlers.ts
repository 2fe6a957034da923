// Contract handlers for golden profiles, batch jobs, manual adds and station addressing.
// PLACEHOLDER until the station service lands: every method answers UNSUPPORTED.
import { ContractError } from '../contract/errors'
import type { HandlerTable } from './contract-server'

export type ShopHandlers = Pick<
  HandlerTable,
  | 'devices.add'
  | 'profile.list'
  | 'profile.validate'
  | 'profile.save'
  | 'profile.remove'
  | 'batch.start'
  | 'batch.list'
  | 'batch.get'
  | 'batch.cancel'
  | 'batch.resume'
  | 'batch.finish'
  | 'station.addressing'
>

const off = (): never => {
  throw new ContractError('UNSUPPORTED', 'The shop station is not available in this host yet.')
}

export function createShopHandlers(): ShopHandlers {
  return {
    'devices.add': off,
    'profile.list': off,
    'profile.validate': off,
    'profile.save': off,
    'profile.remove': off,
    'batch.start': off,
    'batch.list': off,
    'batch.get': off,
    'batch.cancel': off,
    'batch.resume': off,
    'batch.finish': off,
    'station.addressing': off
  }
}
