// What the command line's exit codes mean, and how the contract's error codes map onto them, each with
// the next step a user can take. Scripts branch on the exit code; people read the hint.
import type { ContractErrorData, ErrorCode } from '../contract/errors'

export const EXIT = {
  ok: 0,
  failure: 1,
  notFound: 2,
  auth: 3,
  gone: 4,
  unsupported: 5,
  apnRestored: 6,
  apnNotRestored: 7,
  /** BSD sysexits EX_USAGE. */
  usage: 64
} as const

export const EXIT_CODE_HELP = `Exit codes:
  0   ok
  1   general failure (the message says what happened)
  2   device not found, or the name matches more than one device
  3   the device wants a password, the password was wrong, or the device locked logins
  4   the device is gone (unplugged, not answering) or did not answer in time
  5   this device cannot do that
  6   the APN switch failed, and the previous APN was restored
  7   the APN switch failed, and the previous APN could NOT be restored (mobile data may be down)
  64  usage error (unknown command or option, bad value)`

const EXIT_BY_CODE: Record<ErrorCode, number> = {
  BAD_INPUT: EXIT.usage,
  UNKNOWN_METHOD: EXIT.failure,
  VERSION_MISMATCH: EXIT.failure,
  UNAUTHORIZED: EXIT.auth,
  NOT_FOUND: EXIT.notFound,
  DEVICE_GONE: EXIT.gone,
  AUTH_FAILED: EXIT.auth,
  PERMISSION: EXIT.failure,
  LOCKED_OUT: EXIT.auth,
  TIMEOUT: EXIT.gone,
  UNSUPPORTED: EXIT.unsupported,
  BUSY: EXIT.failure,
  CANCELLED: EXIT.failure,
  PROTOCOL: EXIT.failure,
  INTERNAL: EXIT.failure
}

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_BY_CODE[code]
}

/** The APN transaction's outcome as an exit code: ok, failed but restored, failed and not restored. */
export function apnSwitchExitCode(result: { ok: boolean; restored: boolean }): number {
  if (result.ok) return EXIT.ok
  return result.restored ? EXIT.apnRestored : EXIT.apnNotRestored
}

/** What to do next, for an error from the contract. `device` is how the user named the device. */
export function hintFor(error: Pick<ContractErrorData, 'code' | 'details'>, device?: string): string | undefined {
  const target = device === undefined ? '<device>' : quoteArg(device)
  switch (error.code) {
    case 'NOT_FOUND':
      return 'Run "hotspot-desk devices" to see what is connected; a device is its id, a unique prefix of it, or its #.'
    case 'AUTH_FAILED':
      return (
        `Log in once with: hotspot-desk login ${target} --password-stdin --remember  ` +
        '(a wrong password is never retried on its own, because devices lock logins after a few failures).'
      )
    case 'LOCKED_OUT': {
      const wait = typeof error.details?.waitSeconds === 'number' ? ` (about ${formatWait(error.details.waitSeconds)})` : ''
      return `The device refuses logins for a while${wait}. Wait, then log in again with the right password; every try may extend the lock.`
    }
    case 'UNAUTHORIZED':
      return 'The serve address needs its token: copy the whole "Open:" line that "hotspot-desk serve" printed.'
    case 'DEVICE_GONE':
      return 'Check the cable or the Wi-Fi connection to the device, then try again.'
    case 'TIMEOUT':
      return 'The device did not answer in time. Try again, or give it longer with --wait SECONDS.'
    case 'UNSUPPORTED':
      return `"hotspot-desk status ${target}" lists what this device can do.`
    case 'PERMISSION':
      return 'This computer denies access to the device. On Linux, add yourself to the dialout group (sudo usermod -aG dialout "$USER") and log in again.'
    case 'BUSY':
      return 'Another operation is running on the device, or it was released to its own web page (resume it in the app). Try again when it is done.'
    case 'BAD_INPUT':
      return 'Check the values you gave; "hotspot-desk help" lists what each option takes.'
    case 'VERSION_MISMATCH':
      return 'The serve host runs a different version of Hotspot Desk; use the same version for both.'
    case 'PROTOCOL':
      return 'The device answered something unexpected. Try again; if it keeps happening, please report it with this message.'
    case 'INTERNAL':
    case 'UNKNOWN_METHOD':
      return 'This is a bug in Hotspot Desk; please report it with this message.'
    case 'CANCELLED':
      return undefined
  }
}

/** Hints for the APN transaction's two failure outcomes. */
export function apnFailureHint(restored: boolean): string {
  return restored
    ? 'Nothing changed: the previous APN is active again. Check the APN spelling, user and password with your carrier.'
    : "Mobile data may be down. Set the previous APN back in the device's own web page, or with: hotspot-desk apn set <device> --profile ID"
}

function formatWait(seconds: number): string {
  return seconds >= 90 ? `${Math.round(seconds / 60)} minutes` : `${Math.max(1, Math.round(seconds))} seconds`
}

/** Quotes a device name for a command the user can paste back. */
export function quoteArg(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}
