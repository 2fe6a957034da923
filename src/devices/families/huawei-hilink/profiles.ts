// Dial-up (APN) profiles: GET /api/dialup/profiles → ApnProfile[], and the request bodies of
// POST /api/dialup/profiles (reference/device-protocols.md §1.10; Salamek/huawei-lte-api:huawei_lte_api/api/DialUp.py,
// enums/dialup.py; siphomateke/huawei-router-api:src/dialup.js). Pure; bad entries are reported, never thrown.
//
// | operation   | SetDefault            | Delete | Modify | Profile                  |
// |-------------|-----------------------|--------|--------|--------------------------|
// | add         | 0 (1 = make default)  | 0      | 1      | full element, Index ""   |
// | edit        | index if default else 0 | 0    | 2      | full element with Index  |
// | set default | index                 | 0      | 0      | —                        |
// | delete      | 0                     | index  | 0      | —                        |
import type { ApnDraft, ApnProfile } from '../../model'
import type { FieldParseError } from './parse'
import { asList, textOf, type XmlRecord, type XmlWritableRecord } from './xml'

/** AuthMode: 0 auto/none, 1 PAP, 2 CHAP (Salamek AuthModeEnum calls 0 AUTO). */
const AUTH_CODES: Readonly<Record<ApnDraft['auth'], number>> = { none: 0, 'pap-or-chap': 0, pap: 1, chap: 2 }
/** iptype: 0 IPv4, 1 IPv6, 2 IPv4v6 (Salamek IpType). */
const IP_TYPES: Readonly<Record<ApnDraft['pdpType'], number>> = { ipv4: 0, ipv6: 1, ipv4v6: 2 }

/** The standard GPRS/UMTS/LTE dial string. E5576 refuses a profile without one (Salamek/huawei-lte-api#221). */
export const DEFAULT_DIALUP_NUMBER = '*99#'

export interface ParsedProfiles {
  profiles: ApnProfile[]
  /** CurrentProfile: the default profile's Index; undefined when the device names none. */
  defaultId?: string
  issues: FieldParseError[]
}

export function parseProfiles(record: XmlRecord | undefined): ParsedProfiles {
  const issues: FieldParseError[] = []
  const current = textOf(record, 'CurrentProfile')
  const defaultId = current !== undefined && /^\d+$/.test(current) && current !== '0' ? String(Number(current)) : undefined
  const container = record?.Profiles
  const entries = container !== undefined && typeof container === 'object' && !Array.isArray(container) ? asList((container as XmlRecord).Profile) : []
  const profiles: ApnProfile[] = []
  for (const entry of entries) {
    if (typeof entry === 'string') {
      issues.push(issue('Profile', entry, 'a profile entry without fields'))
      continue
    }
    const parsed = parseProfile(entry, defaultId)
    if ('error' in parsed) issues.push(parsed.error)
    else if (parsed.profile) profiles.push(parsed.profile)
  }
  const result: ParsedProfiles = { profiles, issues }
  if (defaultId !== undefined && profiles.some((profile) => profile.id === defaultId)) result.defaultId = defaultId
  return result
}

function parseProfile(entry: XmlRecord, defaultId: string | undefined): { profile?: ApnProfile } | { error: FieldParseError } {
  const index = textOf(entry, 'Index')
  if (index === undefined || !/^\d{1,6}$/.test(index)) return { error: issue('Index', index ?? '', 'a profile without a numeric Index') }
  // IsValid 0 marks an empty slot on some firmware: not a profile anyone can use.
  if (textOf(entry, 'IsValid') === '0') return {}
  const id = String(Number(index))
  const username = textOf(entry, 'Username')
  const password = textOf(entry, 'Password')
  const profile: ApnProfile = {
    id,
    name: textOf(entry, 'Name') ?? `Profile ${id}`,
    apn: textOf(entry, 'ApnName') ?? '',
    auth: authFromCode(textOf(entry, 'AuthMode'), username !== undefined),
    pdpType: pdpFromCode(textOf(entry, 'iptype')),
    isDefault: id === defaultId
  }
  if (username !== undefined) profile.username = username
  if (password !== undefined) profile.password = password
  // ReadOnly 1 in the reference, 2 on the E5576's operator preset (Salamek/huawei-lte-api#221): any non-zero.
  const readOnly = textOf(entry, 'ReadOnly')
  if (readOnly !== undefined && readOnly !== '0') profile.readOnly = true
  return { profile }
}

/** AuthMode 0 means "auto": with credentials the device negotiates PAP or CHAP, without it sends none. */
export function authFromCode(raw: string | undefined, hasCredentials: boolean): ApnDraft['auth'] {
  if (raw === '1') return 'pap'
  if (raw === '2') return 'chap'
  if (raw === '3') return 'pap-or-chap' // some firmware use the Android/3GPP numbering [U]
  return hasCredentials ? 'pap-or-chap' : 'none'
}

/** iptype; absent on old E5 firmware, which only did IPv4. */
export function pdpFromCode(raw: string | undefined): ApnDraft['pdpType'] {
  if (raw === '1') return 'ipv6'
  if (raw === '2') return 'ipv4v6'
  return 'ipv4'
}

/** The <Profile> element in the order the stock web UI and Salamek send it. */
export function profileElement(draft: ApnDraft, index: string): XmlWritableRecord {
  const apn = draft.apn.trim()
  return {
    Index: index,
    IsValid: 1,
    Name: draft.name,
    ApnIsStatic: apn === '' ? 0 : 1,
    ApnName: apn,
    DialupNum: DEFAULT_DIALUP_NUMBER,
    Username: draft.username ?? '',
    Password: draft.password ?? '',
    AuthMode: AUTH_CODES[draft.auth],
    IpIsStatic: '',
    IpAddress: '',
    DnsIsStatic: '',
    PrimaryDns: '',
    SecondaryDns: '',
    ReadOnly: 0,
    iptype: IP_TYPES[draft.pdpType]
  }
}

export function addProfileRequest(draft: ApnDraft): XmlWritableRecord {
  return { SetDefault: 0, Delete: 0, Modify: 1, Profile: profileElement(draft, '') }
}

export function editProfileRequest(id: string, draft: ApnDraft, isDefault: boolean): XmlWritableRecord {
  return { SetDefault: isDefault ? id : 0, Delete: 0, Modify: 2, Profile: profileElement(draft, id) }
}

export function setDefaultRequest(id: string): XmlWritableRecord {
  return { SetDefault: id, Delete: 0, Modify: 0 }
}

export function deleteProfileRequest(id: string): XmlWritableRecord {
  return { SetDefault: 0, Delete: id, Modify: 0 }
}

/** A profile id is the device's decimal Index. */
export function isProfileId(id: string): boolean {
  return /^[1-9]\d{0,5}$/.test(id)
}

/**
 * The profile an add created: the one whose id was not there before. When several appeared (someone else
 * added one at the same time), the one that matches the draft.
 */
export function findCreatedProfile(before: readonly ApnProfile[], after: readonly ApnProfile[], draft: ApnDraft): ApnProfile | undefined {
  const known = new Set(before.map((profile) => profile.id))
  const fresh = after.filter((profile) => !known.has(profile.id))
  if (fresh.length <= 1) return fresh[0]
  return fresh.find((profile) => profile.name === draft.name && profile.apn === draft.apn.trim()) ?? fresh[fresh.length - 1]
}

function issue(field: string, input: string, message: string): FieldParseError {
  return { kind: 'field-error', field, input, message }
}
