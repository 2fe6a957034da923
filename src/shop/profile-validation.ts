// Golden profiles are checked twice: the contract's schema (shapes, ranges), then the rules a device would
// enforce too late — the SSID pattern's longest name must fit 32 bytes, a fixed Wi-Fi key must be a valid
// WPA passphrase, an admin password must be one every family accepts. Every problem comes back with its
// path (e.g. "wifi.ssid"), the way the profile editor and the CLI show them; nothing throws.
import { GoldenProfile, type ProfileIssue } from '../contract/shop'
import { adminPasswordViolation, keyViolation } from '../devices/wifi-rules'
import { longestExpansionBytes, parseSsidPattern } from './ssid-pattern'

/** Longest admin password a profile may set: SCRAM Huawei firmware refuse more than 32 (wifi-ops.ts). */
export const PROFILE_ADMIN_PASSWORD_MAX = 32
/** 802.11: an SSID is at most 32 octets. */
export const SSID_MAX_BYTES = 32

export type ProfileValidation = { ok: true; profile: GoldenProfile; issues: [] } | { ok: false; issues: ProfileIssue[] }

export function validateProfile(input: unknown): ProfileValidation {
  const parsed = GoldenProfile.safeParse(input)
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(profile)', message: issue.message }))
    }
  }
  const profile = parsed.data
  const issues = ruleIssues(profile)
  return issues.length === 0 ? { ok: true, profile, issues: [] } : { ok: false, issues }
}

function ruleIssues(profile: GoldenProfile): ProfileIssue[] {
  const issues: ProfileIssue[] = []
  const wifi = profile.wifi
  if (wifi) {
    const pattern = parseSsidPattern(wifi.ssid)
    if (!pattern.ok) {
      issues.push({ path: 'wifi.ssid', message: pattern.message })
    } else {
      const bytes = longestExpansionBytes(pattern.parts)
      if (bytes > SSID_MAX_BYTES) {
        issues.push({
          path: 'wifi.ssid',
          message: `The longest network name this pattern makes is ${bytes} bytes; an SSID holds ${SSID_MAX_BYTES}. Shorten the text (non-ASCII letters take 2–4 bytes each).`
        })
      } else if ([...wifi.ssid].some((char) => (char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f')) {
        issues.push({ path: 'wifi.ssid', message: 'A network name cannot contain control characters.' })
      }
    }
    if (wifi.security === 'open') {
      issues.push({ path: 'wifi.security', message: 'A shop profile cannot make units open networks; choose wpa2-psk (the default).' })
    }
    if (wifi.key.mode === 'fixed') {
      const violation = keyViolation(wifi.key.value)
      if (violation) issues.push({ path: 'wifi.key.value', message: violation.message })
    }
  }
  const admin = profile.adminPassword
  if (admin) {
    if (admin.mode === 'fixed') {
      const violation = adminPasswordViolation(admin.value, PROFILE_ADMIN_PASSWORD_MAX)
      if (violation) issues.push({ path: 'adminPassword.value', message: violation.message })
    } else if (admin.length > PROFILE_ADMIN_PASSWORD_MAX) {
      issues.push({ path: 'adminPassword.length', message: `Some units refuse admin passwords over ${PROFILE_ADMIN_PASSWORD_MAX} characters; generate at most ${PROFILE_ADMIN_PASSWORD_MAX}.` })
    }
  }
  if (profile.apn && /\s/.test(profile.apn.apn)) {
    issues.push({ path: 'apn.apn', message: 'An access point name has no spaces.' })
  }
  if (!profile.apn && !profile.wifi && !profile.adminPassword && !profile.dataPlan && !profile.resetCounters && profile.language === undefined && profile.autoUpdate === undefined) {
    issues.push({ path: '(profile)', message: 'This profile changes nothing; add at least one setting (apn, wifi, adminPassword, dataPlan, language, autoUpdate or resetCounters).' })
  }
  return issues
}
