// The profile editor's form and the golden profile (src/contract/shop.ts) it stands for, both ways. The
// form keeps what a person types (an allowance as "30" GB, a section switched off); the profile is what
// profile.validate and profile.save receive. Checking is the host's job, except for the one thing the
// form alone knows: an allowance that is not a number.
import type { GoldenProfile, ProfileIssue, SecretRule } from '@contract/shop'
import type { ApnDraft, WifiSettings } from '@contract/model'
import { allowanceToBytes, bytesToAllowance, type DataUnit } from '@renderer/format/station'

// Types only from the contract: its schema modules carry zod, which stays out of the renderer bundle.
type Security = WifiSettings['security']
type KeyAlphabet = Extract<SecretRule, { mode: 'generate' }>['alphabet']
/** src/contract/shop.ts PROFILE_SCHEMA_ID, checked against the schema's literal type. */
export const PROFILE_SCHEMA_ID: GoldenProfile['schema'] = 'hotspot-desk/profile@1'
export const WIFI_SECURITIES = ['wpa2-psk', 'wpa-wpa2-psk', 'wpa2-wpa3', 'wpa3-sae', 'open'] as const satisfies readonly Security[]
export const KEY_ALPHABET_CHOICES = ['alnum-unambiguous', 'alnum', 'digits', 'hex', 'lower-digits'] as const satisfies readonly KeyAlphabet[]
export const APN_AUTHS = ['none', 'pap', 'chap', 'pap-or-chap'] as const satisfies readonly ApnDraft['auth'][]
export const APN_PDP_TYPES = ['ipv4v6', 'ipv4', 'ipv6'] as const satisfies readonly ApnDraft['pdpType'][]

export interface SecretForm {
  mode: SecretRule['mode']
  value: string
  length: number
  alphabet: KeyAlphabet
}

export interface ProfileForm {
  id: string
  name: string
  description: string
  apnOn: boolean
  apn: { name: string; apn: string; username: string; password: string; auth: ApnDraft['auth']; pdpType: ApnDraft['pdpType'] }
  wifiOn: boolean
  ssid: string
  security: Security
  key: SecretForm
  adminOn: boolean
  admin: SecretForm
  planOn: boolean
  limitAmount: string
  limitUnit: DataUnit
  startDay: number
  resetCounters: boolean
  language: '' | 'en' | 'ja'
  autoUpdateOff: boolean
  unsupported: 'fail' | 'skip'
}

export function emptyForm(): ProfileForm {
  return {
    id: '',
    name: '',
    description: '',
    apnOn: false,
    apn: { name: '', apn: '', username: '', password: '', auth: 'none', pdpType: 'ipv4v6' },
    wifiOn: true,
    ssid: 'RENTAL-{imei4}',
    security: 'wpa2-psk',
    key: { mode: 'generate', value: '', length: 12, alphabet: 'alnum-unambiguous' },
    adminOn: false,
    admin: { mode: 'generate', value: '', length: 12, alphabet: 'alnum-unambiguous' },
    planOn: false,
    limitAmount: '',
    limitUnit: 'GB',
    startDay: 1,
    resetCounters: false,
    language: '',
    autoUpdateOff: false,
    unsupported: 'fail'
  }
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}
const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback)
const number = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback)
function oneOf<T extends string>(options: readonly T[], value: unknown, fallback: T): T {
  return (options as readonly unknown[]).includes(value) ? (value as T) : fallback
}

function secretForm(value: unknown, fallback: SecretForm): SecretForm {
  const rule = record(value)
  if (!rule) return { ...fallback }
  return {
    mode: rule['mode'] === 'fixed' ? 'fixed' : 'generate',
    value: text(rule['value']),
    length: number(rule['length'], fallback.length),
    alphabet: oneOf(KEY_ALPHABET_CHOICES, rule['alphabet'], fallback.alphabet)
  }
}

/**
 * A form from a saved profile or from any JSON a file held: what can be read is taken, the rest starts
 * empty, and the host's check then says what is missing.
 */
export function formFromUnknown(value: unknown): ProfileForm {
  const base = emptyForm()
  const source = record(value)
  if (!source) return base
  const apn = record(source['apn'])
  const wifi = record(source['wifi'])
  const plan = record(source['dataPlan'])
  const allowance = plan && typeof plan['limitBytes'] === 'number' ? bytesToAllowance(plan['limitBytes']) : null
  return {
    id: text(source['id']),
    name: text(source['name']),
    description: text(source['description']),
    apnOn: apn !== null,
    apn: apn
      ? {
          name: text(apn['name']),
          apn: text(apn['apn']),
          username: text(apn['username']),
          password: text(apn['password']),
          auth: oneOf(APN_AUTHS, apn['auth'], 'none'),
          pdpType: oneOf(APN_PDP_TYPES, apn['pdpType'], 'ipv4v6')
        }
      : base.apn,
    wifiOn: wifi !== null,
    ssid: wifi ? text(wifi['ssid']) : base.ssid,
    security: oneOf(WIFI_SECURITIES, wifi?.['security'], 'wpa2-psk'),
    key: secretForm(wifi?.['key'], base.key),
    adminOn: source['adminPassword'] !== undefined,
    admin: secretForm(source['adminPassword'], base.admin),
    planOn: plan !== null,
    limitAmount: allowance?.amount ?? '',
    limitUnit: allowance?.unit ?? 'GB',
    startDay: plan ? number(plan['startDay'], 1) : 1,
    resetCounters: source['resetCounters'] === true,
    language: oneOf(['', 'en', 'ja'] as const, source['language'], ''),
    autoUpdateOff: source['autoUpdate'] === false,
    unsupported: source['unsupported'] === 'skip' ? 'skip' : 'fail'
  }
}

function secretRule(form: SecretForm): SecretRule {
  return form.mode === 'fixed' ? { mode: 'fixed', value: form.value } : { mode: 'generate', length: form.length, alphabet: form.alphabet }
}

/**
 * The profile the form stands for, sent as typed (the host trims nothing silently). An allowance that
 * is not a number is sent as 0, and localIssues() explains it in words the form knows.
 */
export function profileFromForm(form: ProfileForm): GoldenProfile {
  const description = form.description.trim()
  const username = form.apn.username.trim()
  return {
    schema: PROFILE_SCHEMA_ID,
    id: form.id.trim(),
    name: form.name.trim(),
    ...(description === '' ? {} : { description }),
    ...(form.apnOn
      ? {
          apn: {
            name: form.apn.name.trim(),
            apn: form.apn.apn.trim(),
            auth: form.apn.auth,
            pdpType: form.apn.pdpType,
            ...(username === '' ? {} : { username }),
            ...(form.apn.password === '' ? {} : { password: form.apn.password })
          }
        }
      : {}),
    ...(form.wifiOn ? { wifi: { ssid: form.ssid, key: secretRule(form.key), security: form.security } } : {}),
    ...(form.adminOn ? { adminPassword: secretRule(form.admin) } : {}),
    ...(form.planOn ? { dataPlan: { limitBytes: allowanceToBytes(form.limitAmount, form.limitUnit) ?? 0, startDay: form.startDay } } : {}),
    resetCounters: form.resetCounters,
    ...(form.language === '' ? {} : { language: form.language }),
    ...(form.autoUpdateOff ? { autoUpdate: false } : {}),
    unsupported: form.unsupported
  }
}

/** Problems only the form can see; `message` is an i18n key. */
export function localIssues(form: ProfileForm): ProfileIssue[] {
  if (form.planOn && allowanceToBytes(form.limitAmount, form.limitUnit) === null) {
    return [{ path: 'dataPlan.limitBytes', message: 'station.form.limitNotNumber' }]
  }
  return []
}

/** The host's issue paths as dotted paths ("wifi/key/length", "/wifi.key.length" → "wifi.key.length"). */
export function normalizeIssuePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/\//g, '.').replace(/^\.+/, '')
}
