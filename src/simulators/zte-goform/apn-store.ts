// The APN profile table of a simulated ZTE device (reference §2.5; anysoft/mifi-tools:webs/mf761/web/js/com.js
// APN read list and APN_PROC_EX builders). Slot 0.. are manual profiles in a compact list (apn_num_preset of
// them are operator presets that cannot be edited or deleted); Current_index is the manual default; apn_mode
// "auto" uses the operator preset (apn_auto_config) instead.
// Each profile is served as one "($)"-joined string in the layout of a real answer (a Python ZTE modem client,
// indexed copy): "TIM($)ibox.tim.it($)manual($)*99#($)none($)($)($)IP($)auto($)($)auto($)($)".

export type AuthMode = 'none' | 'pap' | 'chap'
export type PdpType = 'IP' | 'IPv6' | 'IPv4v6'

export interface ApnRecord {
  name: string
  apn: string
  auth: AuthMode
  username: string
  password: string
  pdp: PdpType
}

export class ApnStore {
  readonly slots: ApnRecord[]
  mode: 'auto' | 'manual'
  currentIndex: number

  constructor(
    private readonly capacity: number,
    readonly preset: ApnRecord,
    private readonly presetCount: number,
    autoMode: boolean
  ) {
    this.slots = [{ ...preset }]
    this.mode = autoMode ? 'auto' : 'manual'
    this.currentIndex = 0
  }

  /** The profile the next data session uses. */
  get active(): ApnRecord {
    return this.mode === 'auto' ? this.preset : (this.slots[this.currentIndex] ?? this.preset)
  }

  /** apn_action=save: add (index = count) or edit (an existing, non-preset index). */
  save(form: ReadonlyMap<string, string>): boolean {
    const index = slotIndex(form.get('index'))
    if (index === undefined || index < this.presetCount || index > this.slots.length || index >= this.capacity) return false
    const name = (form.get('profile_name') ?? '').trim()
    const pdp = pdpOf(form.get('pdp_type'))
    if (name === '' || name.length > 64 || pdp === undefined) return false
    const v6 = pdp === 'IPv6'
    const pick = (field: string): string => form.get(v6 ? `ipv6_${field}` : field) ?? form.get(v6 ? field : `ipv6_${field}`) ?? ''
    const apn = pick('wan_apn').trim()
    const auth = authOf(pick('ppp_auth_mode') || 'none')
    if (apn.length > 100 || /[\s($)]/.test(apn) || auth === undefined) return false
    const record: ApnRecord = {
      name,
      apn,
      auth,
      username: pick('ppp_username'),
      // ZXIC UIs send ppp_passtmp, older ones ppp_passwd (reference §2.5; the Python client's setAPN).
      password: form.get(v6 ? 'ipv6_ppp_passtmp' : 'ppp_passtmp') ?? form.get(v6 ? 'ipv6_ppp_passwd' : 'ppp_passwd') ?? '',
      pdp
    }
    if (index === this.slots.length) this.slots.push(record)
    else this.slots[index] = record
    return true
  }

  /** apn_action=set_default: manual mode on that slot. Takes effect with the next connection. */
  setDefault(form: ReadonlyMap<string, string>): boolean {
    const index = slotIndex(form.get('index'))
    if (index === undefined || index >= this.slots.length) return false
    this.mode = 'manual'
    this.currentIndex = index
    return true
  }

  /** apn_action=delete: presets and the profile in use cannot go; later slots move up. */
  delete(form: ReadonlyMap<string, string>): boolean {
    const index = slotIndex(form.get('index'))
    if (index === undefined || index < this.presetCount || index >= this.slots.length) return false
    if (this.mode === 'manual' && index === this.currentIndex) return false
    this.slots.splice(index, 1)
    // In auto mode the manual default may be the slot that goes: it falls back to the preset [U].
    if (this.currentIndex === index) this.currentIndex = 0
    else if (this.currentIndex > index) this.currentIndex--
    return true
  }

  setAuto(): void {
    this.mode = 'auto'
  }

  /** The goform fields of the table, with `prefix` APN_config or APN_configtmp and `count` slots. */
  fields(prefix: 'APN_config' | 'APN_configtmp', count: number): Record<string, string> {
    const fields: Record<string, string> = {}
    for (let index = 0; index < count; index++) {
      const record = this.slots[index]
      fields[`${prefix}${index}`] = record ? configString(record, false) : ''
      fields[`ipv6_${prefix}${index}`] = record ? configString(record, true) : ''
    }
    const active = this.active
    const v6 = active.pdp !== 'IP'
    Object.assign(fields, {
      apn_mode: this.mode,
      Current_index: String(this.currentIndex),
      apn_num_preset: String(this.presetCount),
      apn_auto_config: configString(this.preset, false),
      ipv6_apn_auto_config: configString(this.preset, true),
      index: '',
      m_profile_name: active.name,
      profile_name: active.name,
      wan_dial: '*99#',
      pdp_type: active.pdp === 'IPv6' ? 'IPv6' : active.pdp === 'IPv4v6' ? 'IPv4v6' : 'IP',
      pdp_select: 'auto',
      wan_apn: active.pdp === 'IPv6' ? '' : active.apn,
      ppp_auth_mode: active.auth,
      ppp_username: active.username,
      ppp_passtmp: active.password,
      ipv6_wan_apn: v6 ? active.apn : '',
      ipv6_pdp_type: active.pdp === 'IP' ? 'IP' : active.pdp,
      ipv6_ppp_auth_mode: v6 ? active.auth : '',
      ipv6_ppp_username: v6 ? active.username : '',
      ipv6_ppp_passtmp: v6 ? active.password : ''
    })
    return fields
  }
}

/** Thirteen "($)"-joined fields; the ipv6_ table repeats the name and carries the APN only for IPv6 types. */
export function configString(record: ApnRecord, ipv6Table: boolean): string {
  const carries = ipv6Table ? record.pdp !== 'IP' : record.pdp !== 'IPv6'
  if (!carries) return [record.name, '', '', '', '', '', '', '', '', '', '', '', ''].join('($)')
  return [record.name, record.apn, 'manual', '*99#', record.auth, record.username, record.password, record.pdp, 'auto', '', 'auto', '', ''].join('($)')
}

function slotIndex(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d{1,2}$/.test(raw.trim())) return undefined
  return Number(raw.trim())
}

function pdpOf(raw: string | undefined): PdpType | undefined {
  const key = (raw ?? '').trim().toLowerCase()
  if (key === 'ip' || key === 'ipv4') return 'IP'
  if (key === 'ipv6') return 'IPv6'
  if (key === 'ipv4v6') return 'IPv4v6'
  return undefined
}

function authOf(raw: string): AuthMode | undefined {
  const key = raw.trim().toLowerCase()
  return key === 'none' || key === 'pap' || key === 'chap' ? key : undefined
}
