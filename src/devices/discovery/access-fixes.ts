// What to tell a user when this computer, not the device, is in the way: another program holds the modem's
// port, the user may not open it, or the operating system's driver owns a stick that needs switching. Each
// fix says what happened and exactly what to run; nothing here runs anything.
import { join } from 'node:path'
import { ContractError } from '../../contract/errors'
import { ACCESS_RULES_FILE, MODEMMANAGER_IGNORE_RULES_FILE, installCommands } from './udev-rules'

export interface DiscoveryFix {
  /** One or two sentences: what is wrong and what to do. */
  summary: string
  /** Commands to copy, in order (never run by the app). */
  commands?: string[]
}

export interface FixContext {
  platform: NodeJS.Platform
  /** Where the app's resources/udev directory is on this machine. */
  udevRulesDir: string
}

export function serialBusyFix(context: FixContext): DiscoveryFix {
  if (context.platform === 'linux') {
    return {
      summary:
        'Another program has this port open, usually ModemManager, which claims every modem it sees. Stop it for now, or install the rule that tells it to leave known modems alone, then replug the modem.',
      commands: [
        'sudo systemctl stop ModemManager',
        ...installCommands(join(context.udevRulesDir, MODEMMANAGER_IGNORE_RULES_FILE))
      ]
    }
  }
  if (context.platform === 'win32') {
    return { summary: "Another program has this COM port open (often the modem's own connection manager or a terminal). Close it and scan again." }
  }
  return { summary: "Another program has this port open (the modem's own dashboard or a terminal). Quit it and scan again." }
}

export function serialPermissionFix(context: FixContext): DiscoveryFix {
  if (context.platform === 'linux') {
    return {
      summary:
        'Your user may not open serial ports. Add yourself to the dialout group (uucp on Arch) and log out and back in, or install the rule that gives the logged-in user access to known modems and replug the modem.',
      commands: ['sudo usermod -aG dialout "$USER"', ...installCommands(join(context.udevRulesDir, ACCESS_RULES_FILE))]
    }
  }
  return { summary: 'The system refused access to this port. Check that no other app uses it and that Hotspot Desk may access USB devices.' }
}

export function usbPermissionFix(context: FixContext): DiscoveryFix {
  if (context.platform === 'linux') {
    return {
      summary:
        'Your user may not send commands to this USB device. Install the rule that gives the logged-in user access to known modems, replug the stick and try again. Alternatively install your distribution’s usb-modeswitch package, which switches sticks automatically.',
      commands: installCommands(join(context.udevRulesDir, ACCESS_RULES_FILE))
    }
  }
  if (context.platform === 'darwin') {
    return {
      summary:
        'macOS lets only administrators take a stick away from its storage driver. Eject the stick’s virtual CD in Finder and install the vendor’s Mac software if it offers one; many sticks then switch by themselves.'
    }
  }
  return { summary: 'The system refused access to this USB device.' }
}

export function usbDriverFix(context: FixContext): DiscoveryFix {
  if (context.platform === 'win32') {
    return {
      summary:
        'Windows keeps this stick’s virtual CD under its own storage driver, so Hotspot Desk cannot send the switch command. Run the installer on the stick’s CD drive (or the vendor’s connection software): it switches the stick. Replacing the driver with WinUSB through Zadig would also work, but it changes system drivers for this device, so Hotspot Desk leaves that choice to you.'
    }
  }
  if (context.platform === 'linux') {
    return {
      summary:
        'The storage driver (usb-storage) still holds the stick and could not be detached. Install your distribution’s usb-modeswitch package (it switches known sticks automatically), or unmount the stick’s virtual CD and try again.',
      commands: ['sudo apt install usb-modeswitch usb-modeswitch-data   # Debian/Ubuntu; dnf/pacman: usb_modeswitch']
    }
  }
  return { summary: 'The operating system’s storage driver holds the stick. Eject its virtual CD and try again.' }
}

export type SerialOpenProblem = 'busy' | 'no-permission' | 'gone' | 'open-failed'

/**
 * What opening a serial port failed with, from the binding's message (serialport reports errno as text:
 * "Error: Resource busy, cannot open /dev/ttyUSB2", "Error Resource temporarily unavailable Cannot lock port",
 * "Error: Permission denied, cannot open …"; Windows "Opening COM3: Access denied", which means another
 * program has the port; the mock binding "Port is locked cannot open").
 */
export function classifySerialOpenError(error: unknown, platform: NodeJS.Platform): SerialOpenProblem {
  const text = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'ENOENT' || /no such file|file not found|port does not exist|cannot find/i.test(text)) return 'gone'
  if (code === 'EBUSY' || /resource busy|temporarily unavailable|cannot lock port|port is locked/i.test(text)) return 'busy'
  if (platform === 'win32' && /access denied/i.test(text)) return 'busy'
  if (code === 'EACCES' || code === 'EPERM' || /permission denied|operation not permitted|access denied/i.test(text)) return 'no-permission'
  return 'open-failed'
}

/** The ContractError for a serial port that could not be opened, with the fix in details. */
export function serialOpenError(error: unknown, path: string, context: FixContext): { problem: SerialOpenProblem; error: ContractError; fix?: DiscoveryFix } {
  const cause = error instanceof Error ? error.message : String(error)
  const problem = classifySerialOpenError(error, context.platform)
  switch (problem) {
    case 'busy': {
      const fix = serialBusyFix(context)
      return {
        problem,
        fix,
        error: new ContractError('BUSY', `Serial port ${path} is in use by another program. ${fix.summary}`, { path, cause, reason: 'port-busy', fix })
      }
    }
    case 'no-permission': {
      const fix = serialPermissionFix(context)
      // The closed code set has no "host permission" code; INTERNAL (a problem on this computer) as
      // src/devices/transports/serial-errors.ts does, with the reason and the fix in details.
      return {
        problem,
        fix,
        error: new ContractError('PERMISSION', `Permission denied opening ${path}. ${fix.summary}`, { path, cause, reason: 'permission-denied', fix })
      }
    }
    case 'gone':
      return { problem, error: new ContractError('DEVICE_GONE', `Serial port ${path} disappeared (the modem was unplugged or re-enumerated).`, { path, cause, reason: 'port-not-found' }) }
    case 'open-failed':
      return { problem, error: new ContractError('DEVICE_GONE', `Serial port ${path} could not be opened: ${cause}`, { path, cause, reason: 'open-failed' }) }
  }
}
