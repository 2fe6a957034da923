// Turns what serialport throws when opening a port into errors a user can act on. The native binding reports
// errno as text, not as a code: on Linux/macOS "Error: <strerror>, cannot open <path>" or
// "Error <strerror> Cannot lock port" (flock failed), on Windows "Opening <path>: Access denied" / "File not
// found" (@serialport/bindings-cpp src/serialport_unix.cpp, src/serialport_win.cpp). The mock binding says
// "Port does not exist" / "Port is locked cannot open".
import { ContractError } from '../../contract/errors'

export function serialErrorText(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

export function mapSerialOpenError(error: unknown, path: string): ContractError {
  if (error instanceof ContractError) return error
  const text = serialErrorText(error)
  const code = errnoCode(error)
  const details = { path, cause: text }

  if (code === 'ENOENT' || /no such file or directory|file not found|port does not exist|cannot find/i.test(text)) {
    return new ContractError(
      'DEVICE_GONE',
      `Serial port ${path} was not found. The modem may have been unplugged or may now use another port; reconnect it and choose the port again.`,
      { ...details, reason: 'port-not-found' }
    )
  }

  // Windows answers ERROR_ACCESS_DENIED when another program has the COM port open (COM ports are exclusive),
  // so "Access denied" there means busy, not a permission problem.
  if (
    code === 'EBUSY' ||
    /resource busy|resource temporarily unavailable|cannot lock port|port is locked|opening .*: access denied/i.test(text)
  ) {
    return new ContractError(
      'BUSY',
      `Serial port ${path} is in use: another program (e.g. ModemManager, a terminal or the vendor's dashboard) holds this port. Close it, or stop ModemManager (sudo systemctl stop ModemManager), and try again.`,
      { ...details, reason: 'port-busy' }
    )
  }

  if (code === 'EACCES' || code === 'EPERM' || /permission denied|operation not permitted/i.test(text)) {
    return new ContractError(
      'PERMISSION',
      `Permission denied opening ${path}. On Linux, add yourself to the dialout group (sudo usermod -aG dialout $USER, then log out and in) or install the udev rule that grants access to the modem; on macOS, check that no other app is using the port.`,
      { ...details, reason: 'permission-denied' }
    )
  }

  return new ContractError('DEVICE_GONE', `Serial port ${path} could not be opened: ${text}`, { ...details, reason: 'open-failed' })
}
