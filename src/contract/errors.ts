// The closed set of error codes that may cross the contract. Errors travel as data
// ({ code, message, details }) because thrown errors lose their type across processes.
// Kept free of zod so the renderer can import it without pulling the schema library.

export const ERROR_CODES = [
  'BAD_INPUT', // a request did not match its schema; details.path names the offending field
  'UNKNOWN_METHOD', // no such domain.action
  'VERSION_MISMATCH', // app.hello with a contract version the host cannot speak
  'UNAUTHORIZED', // serve mode: missing or wrong token
  'NOT_FOUND', // the device (or other entity) does not exist
  'DEVICE_GONE', // the device was unplugged or stopped answering mid-command
  'AUTH_FAILED', // wrong device password; never retried automatically
  'PERMISSION', // this computer denies us the port or USB device (dialout group, udev rule, WinUSB)
  'LOCKED_OUT', // the device locked logins after failed attempts; details.waitSeconds when known
  'TIMEOUT', // the device did not answer in time
  'UNSUPPORTED', // the device cannot do this (capability missing or endpoint absent)
  'BUSY', // the device or host is busy with a conflicting operation
  'CANCELLED', // the user (or client) cancelled a long operation
  'PROTOCOL', // the device answered something we could not understand
  'INTERNAL' // a bug on our side; the message says what happened
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ContractErrorData {
  code: ErrorCode
  message: string
  details?: Record<string, unknown>
}

/** An error that carries a contract code. Host code throws it; the server turns it into data. */
export class ContractError extends Error implements ContractErrorData {
  readonly code: ErrorCode
  readonly details?: Record<string, unknown>

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'ContractError'
    this.code = code
    if (details !== undefined) this.details = details
  }

  toData(): ContractErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }

  static fromData(data: ContractErrorData): ContractError {
    return new ContractError(data.code, data.message, data.details)
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}
