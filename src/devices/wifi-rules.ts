// What any Wi-Fi or admin-password change must satisfy before a request leaves for the device: checked here,
// pure, so an invalid value is never sent (a device that stores a bad SSID or key can lock out every client).
// IEEE 802.11: an SSID is 0–32 octets (we refuse the empty one); a WPA passphrase is 8–63 printable ASCII
// characters or exactly 64 hex digits (the raw PSK), IEEE 802.11i Annex H.4.
import { ContractError } from '../contract/errors'
import type { WifiSettings } from './model'

export type WifiSecurityMode = WifiSettings['security']

export interface RuleViolation {
  /** Which field of the request (for details.path). */
  path: 'ssid' | 'key' | 'security' | 'hidden' | 'band' | 'password'
  message: string
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export function ssidViolation(ssid: string): RuleViolation | undefined {
  if (LONE_SURROGATE.test(ssid)) return { path: 'ssid', message: 'The network name contains a broken character.' }
  const bytes = Buffer.byteLength(ssid, 'utf8')
  if (bytes < 1 || bytes > 32) return { path: 'ssid', message: `A network name (SSID) is 1 to 32 bytes; this one is ${bytes}.` }
  if (hasControlCharacter(ssid)) return { path: 'ssid', message: 'A network name (SSID) cannot contain control characters.' }
  return undefined
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

/** Never echoes the key: messages end up in logs. */
export function keyViolation(key: string): RuleViolation | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(key)) return undefined
  if (key.length < 8 || key.length > 63 || !/^[\x20-\x7e]+$/.test(key)) {
    return { path: 'key', message: 'A Wi-Fi password is 8 to 63 printable ASCII characters (letters, digits, punctuation, spaces) or 64 hexadecimal digits.' }
  }
  return undefined
}

/** Admin passwords: printable ASCII without spaces, as the stock web pages accept them. */
export function adminPasswordViolation(password: string, maxLength: number): RuleViolation | undefined {
  if (password.length < 1 || password.length > maxLength || !/^[\x21-\x7e]+$/.test(password)) {
    return { path: 'password', message: `The new admin password must be 1 to ${maxLength} printable ASCII characters without spaces.` }
  }
  return undefined
}

/**
 * Checks the fields given (not the device's current state): SSID, key, and that the security mode is one
 * this device family can set. `unsupported` is separate from `invalid`: the first becomes UNSUPPORTED, the second
 * BAD_INPUT.
 */
export function checkWifiChange(
  change: Partial<WifiSettings>,
  settable: readonly WifiSecurityMode[]
): { kind: 'ok' } | { kind: 'invalid'; violation: RuleViolation } | { kind: 'unsupported'; violation: RuleViolation } {
  if (change.ssid !== undefined) {
    const violation = ssidViolation(change.ssid)
    if (violation) return { kind: 'invalid', violation }
  }
  if (change.key !== undefined) {
    const violation = keyViolation(change.key)
    if (violation) return { kind: 'invalid', violation }
    if (change.security === 'open') return { kind: 'invalid', violation: { path: 'key', message: 'An open network has no password; leave the password out or choose WPA2.' } }
  }
  if (change.security !== undefined && !settable.includes(change.security)) {
    return {
      kind: 'unsupported',
      violation: { path: 'security', message: `This device cannot be set to ${securityLabel(change.security)}. It offers: ${settable.map(securityLabel).join(', ')}.` }
    }
  }
  return { kind: 'ok' }
}

export function securityLabel(mode: WifiSecurityMode): string {
  switch (mode) {
    case 'open':
      return 'an open network (no password)'
    case 'wpa2-psk':
      return 'WPA2-Personal'
    case 'wpa-wpa2-psk':
      return 'WPA/WPA2-Personal'
    case 'wpa3-sae':
      return 'WPA3-Personal'
    case 'wpa2-wpa3':
      return 'WPA2/WPA3-Personal'
  }
}

export interface WifiMismatch {
  field: keyof WifiSettings
  /** Values are left out for the key: error details end up in logs. */
  expected?: unknown
  actual?: unknown
}

/**
 * What the device shows after a write, compared with what was asked. The key is compared only when the device
 * shows it to an admin (`keyReadable`).
 */
export function wifiMismatches(wanted: Partial<WifiSettings>, actual: WifiSettings, keyReadable: boolean): WifiMismatch[] {
  const out: WifiMismatch[] = []
  if (wanted.ssid !== undefined && wanted.ssid !== actual.ssid) out.push({ field: 'ssid', expected: wanted.ssid, actual: actual.ssid })
  if (wanted.security !== undefined && wanted.security !== actual.security) out.push({ field: 'security', expected: wanted.security, actual: actual.security })
  if (wanted.hidden !== undefined && wanted.hidden !== (actual.hidden ?? false)) out.push({ field: 'hidden', expected: wanted.hidden, actual: actual.hidden ?? false })
  if (wanted.band !== undefined && actual.band !== undefined && wanted.band !== actual.band) out.push({ field: 'band', expected: wanted.band, actual: actual.band })
  if (keyReadable && wanted.key !== undefined && wanted.key !== actual.key) out.push({ field: 'key' })
  return out
}

/**
 * The read-back after a write failed because the device went away: a computer that reaches the device over the
 * Wi-Fi just changed loses it while the radio restarts (and cannot rejoin with the old name or key). The change
 * was sent; say so instead of a bare "device gone".
 */
export function unverifiedChange(error: unknown): unknown {
  if (!(error instanceof ContractError) || (error.code !== 'DEVICE_GONE' && error.code !== 'TIMEOUT')) return error
  return new ContractError(
    error.code,
    'The Wi-Fi change was sent, but the device stopped answering before Hotspot Desk could check it — probably because this computer reaches it over that Wi-Fi. Join the network with its new name and password, then check the settings.',
    { ...error.details, changeSent: true, verified: false }
  )
}
