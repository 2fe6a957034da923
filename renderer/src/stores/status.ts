// Shared vocabulary for store lifecycles: one explicit status instead of loading/error booleans.
import type { ContractErrorData } from '@contract/errors'
import { asContractError } from '@renderer/api/api-client'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** A caught error as plain, serializable data for store state. */
export function toErrorData(error: unknown): ContractErrorData {
  return asContractError(error).toData()
}
