// The Linux udev rules Hotspot Desk ships in resources/udev/, generated from the USB catalog so the two never
// drift (a unit test compares the shipped files with these functions), and the exact commands a user runs to
// install them. We never run them ourselves: installing a rule needs root, and asking for elevation behind
// the user's back is not acceptable.
//
// 70-hotspot-desk.rules: TAG+="uaccess" lets the user at the seat open the USB device node (to switch a stick
// out of CD-ROM mode) and its ttys (AT commands). The file must sort before systemd's 73-seat-late.rules,
// which turns the tag into an ACL; hence "70-".
// 70-hotspot-desk-mm-ignore.rules: ID_MM_DEVICE_IGNORE makes ModemManager leave the modems' ports alone (it
// otherwise opens them exclusively); must sort before ModemManager's 80-mm-candidate.rules. Optional: it also
// stops NetworkManager's mobile-broadband support for these modems, so the user chooses it.
import type { UsbCatalog, UsbCatalogEntry } from './usb-catalog'

export const ACCESS_RULES_FILE = '70-hotspot-desk.rules'
export const MODEMMANAGER_IGNORE_RULES_FILE = '70-hotspot-desk-mm-ignore.rules'

function sortedEntries(catalog: UsbCatalog, filter: (entry: UsbCatalogEntry) => boolean): UsbCatalogEntry[] {
  return catalog.entries
    .filter(filter)
    .slice()
    .sort((a, b) => `${a.vendorId}:${a.productId}`.localeCompare(`${b.vendorId}:${b.productId}`))
}

export function renderAccessRules(catalog: UsbCatalog): string {
  const lines = [
    '# Hotspot Desk: lets the logged-in user switch known USB modems out of CD-ROM mode and open their serial ports.',
    '# Generated from resources/usb/known-devices.json by src/devices/discovery/udev-rules.ts; do not edit by hand.',
    '# Install (Linux with systemd-logind), from this directory:',
    ...installCommands(ACCESS_RULES_FILE).map((command) => `#   ${command}`),
    '# then unplug and replug the modem.',
    'ACTION!="add|change", GOTO="hotspot_desk_end"',
    ''
  ]
  for (const entry of sortedEntries(catalog, () => true)) {
    const ids = `ATTR{idVendor}=="${entry.vendorId}", ATTR{idProduct}=="${entry.productId}"`
    lines.push(`# ${entry.name}`)
    lines.push(`SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", ${ids}, TAG+="uaccess"`)
    if (entry.mode !== 'storage' || entry.switch?.needed !== 'always') {
      lines.push(`SUBSYSTEM=="tty", ATTRS{idVendor}=="${entry.vendorId}", ATTRS{idProduct}=="${entry.productId}", TAG+="uaccess"`)
    }
  }
  lines.push('', 'LABEL="hotspot_desk_end"', '')
  return lines.join('\n')
}

export function renderModemManagerIgnoreRules(catalog: UsbCatalog): string {
  const lines = [
    '# Hotspot Desk (optional): tells ModemManager to leave the serial ports of known modems alone, so Hotspot Desk',
    '# can open them. NetworkManager then no longer offers mobile broadband through these modems.',
    '# Generated from resources/usb/known-devices.json by src/devices/discovery/udev-rules.ts; do not edit by hand.',
    '# Install, from this directory:',
    ...installCommands(MODEMMANAGER_IGNORE_RULES_FILE).map((command) => `#   ${command}`),
    '# then unplug and replug the modem. Remove the file from /etc/udev/rules.d/ to undo.',
    'ACTION!="add|change", GOTO="hotspot_desk_mm_end"',
    ''
  ]
  for (const entry of sortedEntries(catalog, (candidate) => candidate.mode === 'modem' || candidate.ports !== undefined)) {
    lines.push(`# ${entry.name}`)
    lines.push(`ATTRS{idVendor}=="${entry.vendorId}", ATTRS{idProduct}=="${entry.productId}", ENV{ID_MM_DEVICE_IGNORE}="1"`)
  }
  lines.push('', 'LABEL="hotspot_desk_mm_end"', '')
  return lines.join('\n')
}

/** The commands that install one rules file; `rulesPath` is where the app's copy lives. */
export function installCommands(rulesPath: string): string[] {
  return [
    `sudo install -m 0644 ${shellQuote(rulesPath)} /etc/udev/rules.d/`,
    'sudo udevadm control --reload-rules',
    'sudo udevadm trigger'
  ]
}

/** Quotes a path for a POSIX shell only when it needs it (app bundles live under paths with spaces). */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}
