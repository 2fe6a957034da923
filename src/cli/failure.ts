// The one error type the command line reports: a message, the exit code it ends with, and the next step.
// Contract errors (which cross from the host as data) become one of these with their mapped exit code.
import { ContractError, isErrorCode, type ErrorCode } from '../contract/errors'
import { exitCodeFor, EXIT, hintFor } from './exit-codes'

export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
    readonly hint?: string,
    /** The contract's code when the failure came from the host; a few of our own (AMBIGUOUS, APN_RESTORED …) otherwise. */
    readonly code?: string,
    readonly details?: Record<string, unknown>
  ) {
    super(message)
    this.name = 'CliFailure'
  }
}

/** Any error as a CliFailure. `device` is how the user named the device, for hints to paste back. */
export function toFailure(error: unknown, device?: string): CliFailure {
  if (error instanceof CliFailure) return error
  if (error instanceof ContractError || isContractErrorData(error)) {
    return new CliFailure(exitCodeFor(error.code), error.message, hintFor(error, device), error.code, error.details)
  }
  return new CliFailure(EXIT.failure, error instanceof Error ? error.message : String(error))
}

function isContractErrorData(value: unknown): value is { code: ErrorCode; message: string; details?: Record<string, unknown> } {
  const candidate = value as { code?: unknown; message?: unknown } | null
  return typeof candidate === 'object' && candidate !== null && isErrorCode(candidate.code) && typeof candidate.message === 'string'
}
