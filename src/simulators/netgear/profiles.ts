// The APN profiles of a simulated Netgear device: wwan.profileList[] entries shaped like the LM1200 sample
// (home-assistant/core:tests/components/netgear_lte/fixtures/model.json: index, id, name, apn, username, password,
// authtype, ipaddr, type, pdproamingtype) and wwan.profile.default naming the default profile's id. Changes arrive
// as /Forms/profile posts with action=create|update|delete (reference §3.1 for update, an MR2100 web-UI study for
// create/delete [R]) and /Forms/config wwan.profile.default=<id> [R]. The device assigns ids; here a user profile's
// id is its name (the LM1200 sample's user profile "Mint" has id "Mint"), made unique with a suffix [U].

export interface SimApnProfile {
  index: number
  id: string
  name: string
  apn: string
  username: string
  password: string
  authtype: string
  ipaddr: string
  type: string
  pdproamingtype: string
  /** Operator presets cannot be deleted [U]. */
  preset?: boolean
}

export type ProfileResult = { ok: true } | { ok: false; errdetail: string }

const AUTH_TYPES = new Set(['None', 'PAP', 'CHAP', 'PAPCHAP'])
const PDP_TYPES = new Set(['IPV4', 'IPV6', 'IPV4V6'])
/** wwan.profile.full turns true at this many profiles [U]. */
export const MAX_PROFILES = 10

export class ProfileStore {
  profiles: SimApnProfile[]
  defaultId: string

  constructor(presets: readonly SimApnProfile[], defaultId: string) {
    this.profiles = presets.map((profile) => ({ ...profile }))
    this.defaultId = defaultId
  }

  get default(): SimApnProfile | undefined {
    return this.profiles.find((profile) => profile.id === this.defaultId)
  }

  get full(): boolean {
    return this.profiles.length >= MAX_PROFILES
  }

  find(id: string | undefined, index: string | undefined): SimApnProfile | undefined {
    if (id !== undefined && id !== '') {
      const byId = this.profiles.find((profile) => profile.id === id)
      if (byId) return byId
    }
    if (index !== undefined && /^\d+$/.test(index)) return this.profiles.find((profile) => profile.index === Number(index))
    return undefined
  }

  setDefault(id: string): ProfileResult {
    if (!this.profiles.some((profile) => profile.id === id)) return { ok: false, errdetail: 'wwan.profile.default' }
    this.defaultId = id
    return { ok: true }
  }

  /** action=create|update|delete with the profile.* fields of a /Forms/profile post. */
  apply(fields: URLSearchParams): ProfileResult {
    const action = fields.get('action') ?? ''
    if (action === 'delete') return this.remove(fields.get('profile.id') ?? undefined, fields.get('profile.index') ?? undefined)
    if (action !== 'create' && action !== 'update') return { ok: false, errdetail: 'action' }
    const checked = checkFields(fields)
    if (!checked.ok) return checked
    if (action === 'create') {
      if (this.full) return { ok: false, errdetail: 'wwan.profile.full' }
      const name = fields.get('profile.name') ?? ''
      if (name.trim() === '') return { ok: false, errdetail: 'profile.name' }
      if (!fields.has('profile.apn')) return { ok: false, errdetail: 'profile.apn' }
      const index = this.profiles.reduce((max, profile) => Math.max(max, profile.index), 0) + 1
      this.profiles.push({
        index,
        id: this.uniqueId(name),
        name,
        apn: fields.get('profile.apn') ?? '',
        username: fields.get('profile.username') ?? '',
        password: fields.get('profile.password') ?? '',
        authtype: fields.get('profile.authtype') ?? 'None',
        ipaddr: fields.get('profile.ipaddr') ?? '0.0.0.0',
        type: fields.get('profile.type') ?? 'IPV4V6',
        pdproamingtype: fields.get('profile.pdproamingtype') ?? fields.get('profile.type') ?? 'IPV4V6'
      })
      return { ok: true }
    }
    const profile = this.find(fields.get('profile.id') ?? undefined, fields.get('profile.index') ?? undefined)
    if (!profile) return { ok: false, errdetail: 'profile.id' }
    profile.name = fields.get('profile.name') ?? profile.name
    profile.apn = fields.get('profile.apn') ?? profile.apn
    profile.username = fields.get('profile.username') ?? profile.username
    // The web UI leaves the password out unless it changed [R].
    if (fields.has('profile.password')) profile.password = fields.get('profile.password') ?? ''
    profile.authtype = fields.get('profile.authtype') ?? profile.authtype
    profile.type = fields.get('profile.type') ?? profile.type
    profile.pdproamingtype = fields.get('profile.pdproamingtype') ?? profile.pdproamingtype
    return { ok: true }
  }

  private remove(id: string | undefined, index: string | undefined): ProfileResult {
    const profile = this.find(id, index)
    if (!profile) return { ok: false, errdetail: 'profile.id' }
    // The router refuses to delete the active profile and operator presets [R].
    if (profile.id === this.defaultId || profile.preset) return { ok: false, errdetail: 'profile.id' }
    this.profiles = this.profiles.filter((candidate) => candidate !== profile)
    return { ok: true }
  }

  private uniqueId(name: string): string {
    const base = name.trim() === '' ? 'Profile' : name.trim()
    let id = base
    for (let n = 2; this.profiles.some((profile) => profile.id === id); n++) id = `${base} ${n}`
    return id
  }
}

function checkFields(fields: URLSearchParams): ProfileResult {
  const name = fields.get('profile.name')
  if (name !== null && (name.trim() === '' || name.length > 64)) return { ok: false, errdetail: 'profile.name' }
  const apn = fields.get('profile.apn')
  if (apn !== null && (apn.length > 100 || !/^[A-Za-z0-9.\-_]*$/.test(apn))) return { ok: false, errdetail: 'profile.apn' }
  const auth = fields.get('profile.authtype')
  if (auth !== null && !AUTH_TYPES.has(auth)) return { ok: false, errdetail: 'profile.authtype' }
  const type = fields.get('profile.type')
  if (type !== null && !PDP_TYPES.has(type)) return { ok: false, errdetail: 'profile.type' }
  const roaming = fields.get('profile.pdproamingtype')
  if (roaming !== null && !PDP_TYPES.has(roaming)) return { ok: false, errdetail: 'profile.pdproamingtype' }
  return { ok: true }
}
