// The device's dial-up (APN) profiles: GET /api/dialup/profiles and the POST semantics of reference §1.10
// (Salamek/huawei-lte-api:huawei_lte_api/api/DialUp.py, siphomateke/huawei-router-api:src/dialup.js):
//   Modify 1 = add (Index empty), 2 = edit, 0 = set default (SetDefault = index) or delete (Delete = index).
// Observed quirks, per variant (Salamek/huawei-lte-api#221, E5576-320): an added profile always becomes the
// default whatever SetDefault says; an add without DialupNum fails with 100001; the operator preset carries
// ReadOnly 2 and cannot be deleted. Error codes 1077xx from reference §1.14.
import type { NestedFields, RequestNode } from './xml-writer'
import { childText } from './xml-writer'

export interface DialupQuirks {
  /** Every added profile becomes the default (E5576). */
  addMakesDefault: boolean
  /** An add without DialupNum is refused with 100001 (E5576). */
  requireDialupNumber: boolean
  /** ReadOnly value of the operator preset: 1 in the reference, 2 on the E5576. */
  presetReadOnly: 1 | 2
  /** Older firmware have no iptype element (IPv4 only). */
  ipType: boolean
}

export interface DialProfile {
  index: number
  name: string
  apnIsStatic: boolean
  apn: string
  dialupNumber: string
  username: string
  password: string
  /** 0 auto/none, 1 PAP, 2 CHAP */
  authMode: number
  /** 0 IPv4, 1 IPv6, 2 IPv4v6 */
  ipType: number
  readOnly: number
}

/** How many profiles the list holds [U: real units allow somewhere between 8 and 20]. */
export const MAX_PROFILES = 16

const ERROR_ADD = 107724
const ERROR_MODIFY = 107725
const ERROR_SET_DEFAULT = 107726
/** No documented "delete failed" code; the file-write error is the closest [U]. */
const ERROR_DELETE = 107721
const REQUEST_FORMAT = 100005
const PARAMETER = 100006
/** E5576 answered a profile without DialupNum with 100001 (Salamek/huawei-lte-api#221). */
const UNKNOWN = 100001

export class DialupProfiles {
  private profiles: DialProfile[]
  private current: number

  constructor(
    preset: { name: string; apn: string },
    private readonly quirks: DialupQuirks
  ) {
    this.profiles = [
      {
        index: 1,
        name: preset.name,
        apnIsStatic: preset.apn !== '',
        apn: preset.apn,
        dialupNumber: '*99#',
        username: '',
        password: '',
        authMode: 0,
        ipType: 2,
        readOnly: quirks.presetReadOnly
      }
    ]
    this.current = 1
  }

  /** The profile the next connection will use. */
  get defaultProfile(): DialProfile | undefined {
    return this.profiles.find((profile) => profile.index === this.current)
  }

  /** A copy, for tests and diagnostics. */
  get all(): DialProfile[] {
    return this.profiles.map((profile) => ({ ...profile }))
  }

  get currentIndex(): number {
    return this.current
  }

  toFields(): NestedFields {
    return [
      ['CurrentProfile', this.current],
      ['Profiles', this.profiles.map((profile): readonly [string, NestedFields] => ['Profile', this.profileFields(profile)])]
    ]
  }

  /** POST dialup/profiles. Returns an error code, or null when the change was made. */
  apply(request: RequestNode): number | null {
    const modify = intOf(childText(request, 'Modify'))
    // siphomateke sends Delete/SetDefault with every operation; issue #108's client sent Delete empty.
    const remove = intOf(emptyAsZero(childText(request, 'Delete')))
    const setDefault = intOf(emptyAsZero(childText(request, 'SetDefault')))
    if (modify === undefined || remove === undefined || setDefault === undefined) return childText(request, 'Modify') === undefined ? REQUEST_FORMAT : PARAMETER
    const element = request.children.find((child) => child.name === 'Profile')
    switch (modify) {
      case 1:
        return this.add(element, setDefault)
      case 2:
        return this.edit(element, setDefault)
      case 0:
        return remove !== 0 ? this.delete(remove, setDefault) : this.makeDefault(setDefault)
      default:
        return PARAMETER
    }
  }

  private add(element: RequestNode | undefined, setDefault: number): number | null {
    if (!element) return ERROR_ADD
    if (this.profiles.length >= MAX_PROFILES) return ERROR_ADD
    const index = Math.max(0, ...this.profiles.map((profile) => profile.index)) + 1
    const profile = readProfile(element, index)
    if (typeof profile === 'number') return profile === PARAMETER ? ERROR_ADD : profile
    if (this.quirks.requireDialupNumber && profile.dialupNumber === '') return UNKNOWN
    this.profiles.push(profile)
    // Salamek: SetDefault 1 makes the new profile the default; the E5576 does so regardless.
    if (setDefault !== 0 || this.quirks.addMakesDefault) this.current = index
    return null
  }

  private edit(element: RequestNode | undefined, setDefault: number): number | null {
    const index = intOf(childText(element, 'Index'))
    const existing = this.profiles.find((profile) => profile.index === index)
    if (!element || !existing || existing.readOnly !== 0) return ERROR_MODIFY
    const profile = readProfile(element, existing.index)
    if (typeof profile === 'number') return ERROR_MODIFY
    Object.assign(existing, profile, { readOnly: 0 })
    if (setDefault !== 0 && this.exists(setDefault)) this.current = setDefault
    return null
  }

  private delete(index: number, setDefault: number): number | null {
    const existing = this.profiles.find((profile) => profile.index === index)
    if (!existing || existing.readOnly !== 0) return ERROR_DELETE
    this.profiles = this.profiles.filter((profile) => profile !== existing)
    if (setDefault !== 0 && this.exists(setDefault)) this.current = setDefault
    // Deleting the default leaves the first profile (the operator preset) in charge [U].
    else if (this.current === index) this.current = this.profiles[0]?.index ?? 0
    return null
  }

  private makeDefault(index: number): number | null {
    if (!this.exists(index)) return ERROR_SET_DEFAULT
    this.current = index
    return null
  }

  private exists(index: number): boolean {
    return this.profiles.some((profile) => profile.index === index)
  }

  private profileFields(profile: DialProfile): NestedFields {
    const fields: Array<readonly [string, string | number]> = [
      ['Index', profile.index],
      ['IsValid', 1],
      ['Name', profile.name],
      ['ApnIsStatic', profile.apnIsStatic ? 1 : 0],
      ['ApnName', profile.apn],
      ['DialupNum', profile.dialupNumber],
      ['Username', profile.username],
      ['Password', profile.password],
      ['AuthMode', profile.authMode],
      ['IpIsStatic', ''],
      ['IpAddress', ''],
      ['DnsIsStatic', ''],
      ['PrimaryDns', ''],
      ['SecondaryDns', ''],
      ['ReadOnly', profile.readOnly]
    ]
    if (this.quirks.ipType) fields.push(['iptype', profile.ipType])
    return fields
  }
}

/** A <Profile> element → profile, or an error code. Name is required; AuthMode 0–2; iptype 0–2 (default 2). */
function readProfile(element: RequestNode, index: number): DialProfile | number {
  const name = (childText(element, 'Name') ?? '').trim()
  const authMode = intOf(emptyAsZero(childText(element, 'AuthMode')))
  const ipType = intOf(childText(element, 'iptype') || '2')
  if (name === '' || name.length > 64) return PARAMETER
  if (authMode === undefined || authMode < 0 || authMode > 2 || ipType === undefined || ipType < 0 || ipType > 2) return PARAMETER
  const apn = (childText(element, 'ApnName') ?? '').trim()
  const apnIsStatic = childText(element, 'ApnIsStatic') !== '0' && apn !== ''
  if (apn.length > 100 || /[\s,;"']/.test(apn)) return PARAMETER
  return {
    index,
    name,
    apnIsStatic,
    apn: apnIsStatic ? apn : '',
    dialupNumber: (childText(element, 'DialupNum') ?? '').trim(),
    username: childText(element, 'Username') ?? '',
    password: childText(element, 'Password') ?? '',
    authMode,
    ipType,
    readOnly: 0
  }
}

function emptyAsZero(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? '0' : text
}

function intOf(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*-?\d{1,6}\s*$/.test(text)) return undefined
  return Number(text)
}
