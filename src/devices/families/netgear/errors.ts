// Netgear failures → contract errors with a message that says what to do. The firmware has no error-code table
// like Huawei's: a write is accepted or refused (/error.json `{errno, errdetail}` [R]), a login is accepted when the
// model afterwards says userRole "Admin", and HTTP status codes cover the rest.
import { ContractError } from '../../../contract/errors'

export function httpStatusError(status: number, path: string): ContractError {
  const details = { httpStatus: status, path }
  if (status === 503 || status === 429) {
    return new ContractError('BUSY', `The device is busy (HTTP ${status}). It will be asked again on the next update.`, details)
  }
  if (status >= 500) {
    return new ContractError('PROTOCOL', `The device's web server failed to answer ${path} (HTTP ${status}). It will be asked again on the next update; restart the device if this keeps happening.`, details)
  }
  if (status === 404) {
    return new ContractError('UNSUPPORTED', `The device does not offer ${path} (HTTP 404); it may not be a Netgear model.json device.`, details)
  }
  return new ContractError('PROTOCOL', `The device answered ${path} with HTTP ${status}.`, details)
}

export function passwordRequiredError(): ContractError {
  return new ContractError(
    'AUTH_FAILED',
    'This Netgear device shows its status only to the admin. Enter the admin password (the same as for its web page; often printed on a label or shown on the device screen).',
    { reason: 'password-required' }
  )
}

export function wrongPasswordError(): ContractError {
  return new ContractError(
    'AUTH_FAILED',
    'The device did not accept the admin password. Check it (it is the password of the device web page, often printed on a label or shown on the device screen) and enter it again; Hotspot Desk will not try again by itself. If it is right, the device may be refusing logins for a while after earlier failed attempts: wait a few minutes.',
    { reason: 'wrong-password' }
  )
}

export function sessionTakenError(): ContractError {
  return new ContractError(
    'BUSY',
    "Someone else logged in to the device as admin (for example in its web page or the NETGEAR Mobile app), which ended Hotspot Desk's session. These devices allow one admin session; Hotspot Desk will log in again shortly unless you keep using the other session.",
    { reason: 'session-taken' }
  )
}

export function refusedError(action: string, errno: number | undefined, errdetail: string | undefined): ContractError {
  const details: Record<string, unknown> = { action }
  if (errno !== undefined) details.errno = errno
  if (errdetail !== undefined) details.errdetail = errdetail
  const field = errdetail !== undefined ? ` (it objected to ${errdetail})` : ''
  return new ContractError('PROTOCOL', `The device refused to ${action}${field}. Check the value, or make the change in the device's web page.`, details)
}
