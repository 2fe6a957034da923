// APN profiles on goform firmware (reference §2.5): reading the profile table and building APN_PROC_EX forms.
// Pure. Facts: anysoft/mifi-tools:webs/mf761/web/js/com.js (the stock UI's APN read list and its save /
// set_default / delete builders); a Python ZTE modem client (indexed copy) for a real answer with
// APN_config0..19 and Current_index, and for `ppp_passwd` next to the ZXIC UI's `ppp_passtmp`.
//
// Each APN_config<i> is one string of fields joined by the literal "($)":
//   0 profile name, 1 APN, 2 apn select, 3 dial number, 4 auth (none/pap/chap), 5 user, 6 password,
//   7 PDP type (IP/IPv6/IPv4v6), 8 pdp select, 9 pdp address, 10 DNS mode, 11 DNS 1, 12 DNS 2
// e.g. "TIM($)ibox.tim.it($)manual($)*99#($)none($)($)($)IP($)auto($)($)auto($)($)".
// ZXIC firmware (MF761) name the same table APN_configtmp<i>; older firmware have ten slots (APN_config0..9).
// ipv6_APN_config<i> holds the IPv6 half of a dual-stack or IPv6 profile in the same layout.
// Current_index is the manual default; apn_mode "auto" means the operator preset (apn_auto_config) is in use.
import type { ApnDraft, ApnProfile } from '../../model'
import { textOf, type GoformFields } from './json'
import { bad, ok, type FieldParseError, type ParseResult } from './result'

export const APN_SLOTS = 20
/** The id of the operator's automatic profile (apn_mode=auto). */
export const AUTO_APN_ID = 'auto'

const range = (prefix: string): string[] => Array.from({ length: APN_SLOTS }, (_, index) => `${prefix}${index}`)

export const APN_READ_FIELDS: readonly string[] = [
  'loginfo',
  'apn_mode',
  'Current_index',
  'apn_num_preset',
  'apn_auto_config',
  'ipv6_apn_auto_config',
  'wan_apn',
  'pdp_type',
  ...range('APN_config'),
  ...range('ipv6_APN_config'),
  ...range('APN_configtmp'),
  ...range('ipv6_APN_configtmp')
]

export interface ApnEntry {
  name: string
  apn: string
  auth: ApnDraft['auth']
  username?: string
  password?: string
  pdpType: ApnDraft['pdpType']
}

/** One "($)"-joined profile string. Empty slots are undefined. */
export function parseApnConfig(raw: string | undefined, field = 'APN_config'): ParseResult<ApnEntry | undefined> {
  if (raw === undefined || raw.trim() === '') return ok(undefined)
  const parts = raw.split('($)')
  if (parts.length < 2) return bad(field, raw, `"${raw}" is not a "($)"-separated APN profile`)
  const name = (parts[0] ?? '').trim()
  const apn = (parts[1] ?? '').trim()
  if (name === '' && apn === '') return ok(undefined)
  const entry: ApnEntry = {
    name: (name || apn).slice(0, 64),
    apn: apn.slice(0, 100),
    auth: parseAuth(parts[4]),
    pdpType: parsePdpType(parts[7])
  }
  const username = (parts[5] ?? '').trim()
  const password = parts[6] ?? ''
  if (username !== '') entry.username = username.slice(0, 64)
  if (password !== '') entry.password = password.slice(0, 64)
  return ok(entry)
}

export function parseAuth(raw: string | undefined): ApnDraft['auth'] {
  const key = (raw ?? '').trim().toLowerCase()
  if (key === 'pap') return 'pap'
  if (key === 'chap') return 'chap'
  if (key === 'pap_chap' || key === 'pap/chap' || key === 'papchap' || key === 'auto') return 'pap-or-chap'
  return 'none'
}

export function parsePdpType(raw: string | undefined): ApnDraft['pdpType'] {
  const key = (raw ?? '').trim().toLowerCase()
  if (key === 'ipv6') return 'ipv6'
  if (key === 'ipv4v6' || key === 'ipv4_ipv6' || key === 'ipv4ipv6') return 'ipv4v6'
  return 'ipv4'
}

export interface ApnTable {
  profiles: ApnProfile[]
  /** Slot indexes in use (manual profiles). */
  usedSlots: number[]
  issues: FieldParseError[]
}

/** The profile list as the driver exposes it: manual slots by index, plus the operator's automatic profile. */
export function parseApnTable(fields: GoformFields): ApnTable {
  const issues: FieldParseError[] = []
  const useTmp = range('APN_config').every((name) => textOf(fields, name) === undefined)
  const v4Prefix = useTmp ? 'APN_configtmp' : 'APN_config'
  const v6Prefix = useTmp ? 'ipv6_APN_configtmp' : 'ipv6_APN_config'
  const mode = (textOf(fields, 'apn_mode') ?? '').toLowerCase()
  const current = textOf(fields, 'Current_index')
  const presetCount = Number(textOf(fields, 'apn_num_preset') ?? '0')
  const presets = Number.isInteger(presetCount) && presetCount > 0 ? presetCount : 0

  const profiles: ApnProfile[] = []
  const usedSlots: number[] = []
  for (let index = 0; index < APN_SLOTS; index++) {
    const v4 = parseApnConfig(fields[`${v4Prefix}${index}`], `${v4Prefix}${index}`)
    const v6 = parseApnConfig(fields[`${v6Prefix}${index}`], `${v6Prefix}${index}`)
    if (!v4.ok) issues.push(v4.error)
    if (!v6.ok) issues.push(v6.error)
    const entry = merge(v4.ok ? v4.value : undefined, v6.ok ? v6.value : undefined)
    if (!entry) continue
    usedSlots.push(index)
    const profile: ApnProfile = {
      id: String(index),
      ...entry,
      isDefault: mode !== 'auto' && current === String(index)
    }
    if (index < presets) profile.readOnly = true
    profiles.push(profile)
  }

  const autoV4 = parseApnConfig(fields.apn_auto_config, 'apn_auto_config')
  const autoV6 = parseApnConfig(fields.ipv6_apn_auto_config, 'ipv6_apn_auto_config')
  const autoEntry = merge(autoV4.ok ? autoV4.value : undefined, autoV6.ok ? autoV6.value : undefined)
  if (autoEntry || mode === 'auto') {
    const entry = autoEntry ?? { name: 'Automatic', apn: textOf(fields, 'wan_apn') ?? '', auth: 'none' as const, pdpType: parsePdpType(textOf(fields, 'pdp_type')) }
    profiles.push({ id: AUTO_APN_ID, ...entry, isDefault: mode === 'auto', readOnly: true })
  }
  return { profiles, usedSlots, issues }
}

/** Dual-stack profiles keep the IPv6 APN in the ipv6_ table; an IPv6-only profile may leave the IPv4 APN empty. */
function merge(v4: ApnEntry | undefined, v6: ApnEntry | undefined): ApnEntry | undefined {
  if (!v4) return v6 && v6.apn !== '' ? v6 : undefined
  if (v4.apn === '' && v6 && v6.apn !== '') {
    const merged: ApnEntry = { ...v4, apn: v6.apn, auth: v4.auth === 'none' ? v6.auth : v4.auth }
    if (merged.username === undefined && v6.username !== undefined) merged.username = v6.username
    if (merged.password === undefined && v6.password !== undefined) merged.password = v6.password
    return merged
  }
  return v4
}

/** The first free manual slot (lists are kept compact by the firmware, so this is the count). */
export function freeSlot(table: ApnTable): number | undefined {
  for (let index = 0; index < APN_SLOTS; index++) if (!table.usedSlots.includes(index)) return index
  return undefined
}

export function pdpTypeField(pdpType: ApnDraft['pdpType']): 'IP' | 'IPv6' | 'IPv4v6' {
  return pdpType === 'ipv6' ? 'IPv6' : pdpType === 'ipv4v6' ? 'IPv4v6' : 'IP'
}

/**
 * The goform UI offers none / pap / chap only (reference §2.5). "PAP or CHAP" becomes CHAP, which networks
 * that accept either also accept [U].
 */
export function authField(auth: ApnDraft['auth']): 'none' | 'pap' | 'chap' {
  return auth === 'pap' ? 'pap' : auth === 'chap' || auth === 'pap-or-chap' ? 'chap' : 'none'
}

/** APN_PROC_EX apn_action=save (add or edit the profile in slot `index`), as the stock UI builds it. */
export function saveApnForm(index: number, draft: ApnDraft): Record<string, string> {
  const pdp = pdpTypeField(draft.pdpType)
  const auth = authField(draft.auth)
  const username = draft.username ?? ''
  const password = draft.password ?? ''
  const form: Record<string, string> = {
    apn_action: 'save',
    apn_mode: 'manual',
    profile_name: draft.name,
    wan_dial: '*99#',
    pdp_type: pdp,
    pdp_select: 'auto',
    index: String(index)
  }
  if (pdp !== 'IPv6') {
    Object.assign(form, {
      wan_apn: draft.apn,
      ppp_auth_mode: auth,
      ppp_username: username,
      // ZXIC UIs send ppp_passtmp, older ones ppp_passwd; firmware ignore names they do not know.
      ppp_passtmp: password,
      ppp_passwd: password,
      dns_mode: 'auto',
      prefer_dns_manual: '',
      standby_dns_manual: ''
    })
  }
  if (pdp !== 'IP') {
    Object.assign(form, {
      ipv6_wan_apn: draft.apn,
      ipv6_ppp_auth_mode: auth,
      ipv6_ppp_username: username,
      ipv6_ppp_passtmp: password,
      ipv6_ppp_passwd: password
    })
  }
  return form
}

export function setDefaultApnForm(index: number, pdpType: ApnDraft['pdpType']): Record<string, string> {
  return { apn_action: 'set_default', set_default_flag: '1', apn_mode: 'manual', pdp_type: pdpTypeField(pdpType), index: String(index) }
}

export function autoApnForm(): Record<string, string> {
  return { apn_mode: 'auto' }
}

export function deleteApnForm(index: number): Record<string, string> {
  return { apn_action: 'delete', apn_mode: 'manual', index: String(index) }
}

/** A profile id the driver handed out: a slot number or "auto". */
export function parseApnId(id: string): { kind: 'auto' } | { kind: 'slot'; index: number } | undefined {
  if (id === AUTO_APN_ID) return { kind: 'auto' }
  if (!/^\d{1,2}$/.test(id)) return undefined
  const index = Number(id)
  return index < APN_SLOTS ? { kind: 'slot', index } : undefined
}
