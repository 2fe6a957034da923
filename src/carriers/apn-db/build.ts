// Builds the APN database (resources/apn/apn-db.json) from the two public sources. Pure: text in, object and
// text out, so the generator script and the "is the file up to date" test run the same code. What is kept:
// APNs that carry internet traffic (Android type default / dun / all, or an initial-attach APN that is not
// IMS; GNOME usage internet / ia / mms-internet-hipri*); what is dropped: MMS-, IMS-, FOTA-, CBS-,
// emergency-only and WAP-only APNs, disabled ones, the ITU test network (MCC 001), malformed PLMNs. Identical
// entries within a PLMN (same APN, credentials and MVNO rule) are merged, listing both sources.
import { createHash } from 'node:crypto'
import { childrenNamed, firstChild, parseXmlDocument, type XmlNode } from './xml'
import { APN_DB_FORMAT, type ApnDb, type ApnDbEntry, type ApnDbPdp, type ApnDbSourceId } from './schema'

export interface ApnSourceText {
  /** Path relative to the sources folder, recorded in the database. */
  file: string
  text: string
}

export interface ApnDbInputs {
  lineage: ApnSourceText
  mbpi: ApnSourceText
}

export type BuildResult = { ok: true; db: ApnDb } | { ok: false; error: string }

export const GENERATOR = 'scripts/generate-apn-db.ts'
export const GENERATOR_COMMAND = 'node --import tsx scripts/generate-apn-db.ts'

const TYPE_ORDER = ['default', '*', 'dun', 'ia', 'supl', 'hipri', 'mms', 'fota', 'cbs', 'ims', 'xcap', 'emergency', 'mcx']
const PDP: Record<string, ApnDbPdp> = { IP: 'IP', IPV6: 'IPV6', IPV4V6: 'IPV4V6' }
const TEST_MCCS = new Set(['001'])

interface Stats {
  [key: string]: number
}

export function buildApnDb(inputs: ApnDbInputs): BuildResult {
  const lineageXml = parseXmlDocument(inputs.lineage.text)
  if (!lineageXml.ok) return { ok: false, error: `${inputs.lineage.file}:${lineageXml.error.line}: ${lineageXml.error.message}` }
  const mbpiXml = parseXmlDocument(inputs.mbpi.text)
  if (!mbpiXml.ok) return { ok: false, error: `${inputs.mbpi.file}:${mbpiXml.error.line}: ${mbpiXml.error.message}` }
  if (lineageXml.root.name !== 'apns') return { ok: false, error: `${inputs.lineage.file}: the root element is not <apns>` }
  if (mbpiXml.root.name !== 'serviceproviders') {
    return { ok: false, error: `${inputs.mbpi.file}: the root element is not <serviceproviders>` }
  }

  const stats: Stats = {}
  const count = (key: string) => {
    stats[key] = (stats[key] ?? 0) + 1
  }
  const plmns = new Map<string, ApnDbEntry[]>()
  const mncLengths = new Map<string, Set<number>>()
  const mccCountries = new Map<string, Set<string>>()
  const providers = new Map<string, { name: string; primary?: boolean }[]>()
  const notePlmn = (mcc: string, mnc: string) => {
    const lengths = mncLengths.get(mcc) ?? new Set<number>()
    lengths.add(mnc.length)
    mncLengths.set(mcc, lengths)
  }
  const add = (plmn: string, entry: ApnDbEntry) => {
    const list = plmns.get(plmn) ?? []
    const key = entryKey(entry)
    const existing = list.find((candidate) => entryKey(candidate) === key)
    if (existing) {
      merge(existing, entry)
      count('merged')
    } else list.push(entry)
    plmns.set(plmn, list)
  }

  const lineageRecords = childrenNamed(lineageXml.root, 'apn')
  for (const node of lineageRecords) {
    count('lineage.records')
    const entry = fromLineage(node, count)
    if (!entry) continue
    notePlmn(entry.mcc, entry.mnc)
    add(`${entry.mcc}-${entry.mnc}`, entry.entry)
    count('lineage.kept')
  }

  let mbpiRecords = 0
  for (const country of childrenNamed(mbpiXml.root, 'country')) {
    const code = (country.attributes.code ?? '').toLowerCase()
    for (const provider of childrenNamed(country, 'provider')) {
      const gsm = firstChild(provider, 'gsm')
      if (!gsm) continue
      const providerName = pickName(provider)
      const primary = provider.attributes.primary === 'true' ? true : provider.attributes.primary === 'false' ? false : undefined
      const networkIds: { mcc: string; mnc: string }[] = []
      for (const id of childrenNamed(gsm, 'network-id')) {
        const mcc = id.attributes.mcc ?? ''
        const mnc = id.attributes.mnc ?? ''
        if (!/^\d{3}$/.test(mcc) || !/^\d{2,3}$/.test(mnc)) {
          count('mbpi.droppedMalformedPlmn')
          continue
        }
        if (TEST_MCCS.has(mcc)) continue
        networkIds.push({ mcc, mnc })
        notePlmn(mcc, mnc)
        if (code !== '') {
          const countries = mccCountries.get(mcc) ?? new Set<string>()
          countries.add(code)
          mccCountries.set(mcc, countries)
        }
        const plmn = `${mcc}-${mnc}`
        const list = providers.get(plmn) ?? []
        if (!list.some((item) => item.name === providerName)) list.push(primary === undefined ? { name: providerName } : { name: providerName, primary })
        providers.set(plmn, list)
      }
      const gid1s = childrenNamed(gsm, 'gid1')
        .map((node) => node.text.trim().toUpperCase())
        .filter((value) => /^[0-9A-F]+$/.test(value))
      for (const apn of childrenNamed(gsm, 'apn')) {
        mbpiRecords++
        count('mbpi.records')
        const entries = fromMbpi(apn, providerName, gid1s, count)
        if (entries.length === 0) continue
        if (networkIds.length === 0) {
          count('mbpi.droppedNoNetworkId')
          continue
        }
        count('mbpi.kept')
        for (const { mcc, mnc } of networkIds) for (const entry of entries) add(`${mcc}-${mnc}`, structuredClone(entry))
      }
    }
  }

  const sortedPlmns = [...plmns.keys()].sort(comparePlmn)
  const db: ApnDb = {
    generated: {
      notice:
        'GENERATED FILE: do not edit by hand. Built by scripts/generate-apn-db.ts from the LineageOS apns-conf.xml ' +
        '(Apache-2.0) and GNOME mobile-broadband-provider-info (public domain); see NOTICE. Change the script or ' +
        'the sources and run the command below.',
      by: GENERATOR,
      command: GENERATOR_COMMAND
    },
    format: APN_DB_FORMAT,
    sources: [
      {
        id: 'lineage',
        name: 'LineageOS android_vendor_lineage prebuilt/common/etc/apns-conf.xml',
        license: 'Apache-2.0 (Copyright 2006 Google Inc., 2016-2024 The LineageOS Project)',
        file: inputs.lineage.file,
        sha256: sha256(inputs.lineage.text),
        records: lineageRecords.length
      },
      {
        id: 'mbpi',
        name: 'GNOME mobile-broadband-provider-info serviceproviders.xml',
        license: 'public domain (dedication in the file and COPYRIGHT)',
        file: inputs.mbpi.file,
        sha256: sha256(inputs.mbpi.text),
        records: mbpiRecords
      }
    ],
    stats: {},
    mncLengths: Object.fromEntries([...mncLengths].sort(([a], [b]) => a.localeCompare(b)).map(([mcc, set]) => [mcc, [...set].sort()])),
    mccCountries: Object.fromEntries(
      [...mccCountries].sort(([a], [b]) => a.localeCompare(b)).map(([mcc, set]) => [mcc, [...set].sort()])
    ),
    providers: Object.fromEntries([...providers.keys()].sort(comparePlmn).map((plmn) => [plmn, providers.get(plmn) ?? []])),
    plmns: Object.fromEntries(sortedPlmns.map((plmn) => [plmn, (plmns.get(plmn) ?? []).map(canonicalEntry)]))
  }
  stats.plmns = sortedPlmns.length
  stats.entries = sortedPlmns.reduce((sum, plmn) => sum + (plmns.get(plmn)?.length ?? 0), 0)
  db.stats = Object.fromEntries(Object.entries(stats).sort(([a], [b]) => a.localeCompare(b)))
  return { ok: true, db }
}

function fromLineage(
  node: XmlNode,
  count: (key: string) => void
): { mcc: string; mnc: string; entry: ApnDbEntry } | undefined {
  const a = node.attributes
  const mcc = a.mcc ?? ''
  const mnc = a.mnc ?? ''
  if (!/^\d{3}$/.test(mcc) || !/^\d{2,3}$/.test(mnc)) {
    count('lineage.droppedMalformedPlmn')
    return undefined
  }
  if (TEST_MCCS.has(mcc)) {
    count('lineage.droppedTestNetwork')
    return undefined
  }
  if (a.carrier_enabled === 'false') {
    count('lineage.droppedDisabled')
    return undefined
  }
  const types = normaliseTypes((a.type ?? '').split(','))
  if (!carriesInternet(types)) {
    count('lineage.droppedNotInternet')
    return undefined
  }
  const entry: ApnDbEntry = { name: (a.carrier ?? '').trim(), apn: (a.apn ?? '').trim(), types, src: ['lineage'] }
  setIfPresent(entry, 'user', a.user)
  setIfPresent(entry, 'password', a.password)
  const auth = a.authtype === undefined ? NaN : Number(a.authtype)
  if (Number.isInteger(auth) && auth >= 0 && auth <= 3) entry.auth = auth
  const pdp = PDP[(a.protocol ?? '').toUpperCase()]
  if (pdp) entry.pdp = pdp
  const roamingPdp = PDP[(a.roaming_protocol ?? '').toUpperCase()]
  if (roamingPdp) entry.roamingPdp = roamingPdp
  const mvnoType = a.mvno_type
  const mvnoData = (a.mvno_match_data ?? '').trim()
  if ((mvnoType === 'spn' || mvnoType === 'imsi' || mvnoType === 'gid' || mvnoType === 'iccid') && mvnoData !== '') {
    entry.mvno = { type: mvnoType, value: mvnoType === 'gid' ? mvnoData.toUpperCase() : mvnoData }
  }
  const proxy = (a.proxy ?? '').trim()
  if (proxy !== '') entry.proxy = (a.port ?? '').trim() === '' ? proxy : `${proxy}:${(a.port ?? '').trim()}`
  if (a.user_visible === 'false') entry.hidden = true
  return { mcc, mnc, entry }
}

const MBPI_USAGE_TYPES: Record<string, string[] | undefined> = {
  internet: ['default'],
  ia: ['ia'],
  'mms-internet-hipri': ['default', 'mms', 'hipri'],
  'mms-internet-hipri-fota': ['default', 'mms', 'hipri', 'fota'],
  mms: undefined,
  wap: undefined
}

function fromMbpi(apn: XmlNode, providerName: string, gid1s: readonly string[], count: (key: string) => void): ApnDbEntry[] {
  const value = (apn.attributes.value ?? '').trim()
  // GNOME's DTD has no default usage; an APN without <usage> is listed as a data APN (its apns-conf.xsl makes
  // it type "default"), so it is kept as such.
  const usage = firstChild(apn, 'usage')?.attributes.type ?? 'internet'
  const types = MBPI_USAGE_TYPES[usage]
  if (!types) {
    count(`mbpi.dropped.${usage}`)
    return []
  }
  const planTypes = new Set(childrenNamed(apn, 'plan').map((plan) => plan.attributes.type))
  const apnName = pickName(apn, '')
  const entry: ApnDbEntry = { name: apnName === '' ? providerName : `${providerName} (${apnName})`, apn: value, types: normaliseTypes(types), src: ['mbpi'] }
  setIfPresent(entry, 'user', firstChild(apn, 'username')?.text)
  setIfPresent(entry, 'password', firstChild(apn, 'password')?.text)
  const method = firstChild(apn, 'authentication')?.attributes.method
  if (method === 'pap') entry.auth = 1
  if (method === 'chap') entry.auth = 2
  if (planTypes.size === 1) {
    const [plan] = [...planTypes]
    if (plan === 'prepaid' || plan === 'postpaid') entry.plan = plan
  }
  if (gid1s.length === 0) return [entry]
  return gid1s.map((gid1) => ({ ...entry, mvno: { type: 'gid' as const, value: gid1 } }))
}

function pickName(node: XmlNode, fallback = '(unnamed)'): string {
  const names = childrenNamed(node, 'name')
  const plain = names.find((name) => name.attributes['xml:lang'] === undefined) ?? names[0]
  const text = plain?.text.trim() ?? ''
  return text === '' ? fallback : text
}

function setIfPresent(entry: ApnDbEntry, key: 'user' | 'password', value: string | undefined): void {
  const text = value?.trim()
  if (text !== undefined && text !== '') entry[key] = text
}

function normaliseTypes(raw: readonly string[]): string[] {
  const types = new Set(raw.map((type) => type.trim().toLowerCase()).filter((type) => type !== ''))
  if (types.size === 0) types.add('*')
  return [...types].sort((a, b) => typeRank(a) - typeRank(b) || a.localeCompare(b))
}

function typeRank(type: string): number {
  const index = TYPE_ORDER.indexOf(type)
  return index === -1 ? TYPE_ORDER.length : index
}

/** Carries the user's internet traffic: default, all, tethering, or an initial-attach APN that is not IMS/SOS. */
export function carriesInternet(types: readonly string[]): boolean {
  if (types.includes('default') || types.includes('*') || types.includes('dun')) return true
  return types.includes('ia') && !types.includes('ims') && !types.includes('emergency')
}

function entryKey(entry: ApnDbEntry): string {
  const mvno = entry.mvno ? `${entry.mvno.type}:${entry.mvno.value.toUpperCase()}` : ''
  // APNs are case-insensitive (3GPP TS 23.003 §9.1); credentials are not.
  return [entry.apn.toLowerCase(), entry.user ?? '', entry.password ?? '', mvno].join('\u0000')
}

function merge(into: ApnDbEntry, from: ApnDbEntry): void {
  into.types = normaliseTypes([...into.types, ...from.types])
  into.src = [...new Set([...into.src, ...from.src])].sort() as ApnDbSourceId[]
  if (into.auth === undefined && from.auth !== undefined) into.auth = from.auth
  if (into.pdp === undefined && from.pdp !== undefined) into.pdp = from.pdp
  if (into.roamingPdp === undefined && from.roamingPdp !== undefined) into.roamingPdp = from.roamingPdp
  if (into.plan !== from.plan) delete into.plan
  if (into.hidden && !from.hidden) delete into.hidden
}

const ENTRY_KEYS: readonly (keyof ApnDbEntry)[] = [
  'name',
  'apn',
  'user',
  'password',
  'auth',
  'pdp',
  'roamingPdp',
  'types',
  'mvno',
  'proxy',
  'hidden',
  'plan',
  'src'
]

/** The same entry with its keys in one fixed order, so the file does not depend on merge history. */
function canonicalEntry(entry: ApnDbEntry): ApnDbEntry {
  const out: Record<string, unknown> = {}
  for (const key of ENTRY_KEYS) if (entry[key] !== undefined) out[key] = entry[key]
  return out as ApnDbEntry
}

function comparePlmn(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: false })
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/**
 * The file's text: top-level fields pretty-printed, one APN entry (and one provider list) per line, so a
 * regenerated file diffs by entry and stays compact.
 */
export function serializeApnDb(db: ApnDb): string {
  const lines: string[] = ['{']
  const keys = Object.keys(db) as (keyof ApnDb)[]
  keys.forEach((key, index) => {
    const comma = index < keys.length - 1 ? ',' : ''
    const value = db[key]
    if (key === 'plmns' || key === 'providers') {
      const record = value as Record<string, unknown[]>
      const plmnKeys = Object.keys(record)
      lines.push(`  ${JSON.stringify(key)}: {`)
      plmnKeys.forEach((plmn, plmnIndex) => {
        const items = record[plmn] ?? []
        const plmnComma = plmnIndex < plmnKeys.length - 1 ? ',' : ''
        lines.push(`    ${JSON.stringify(plmn)}: [`)
        items.forEach((item, itemIndex) => lines.push(`      ${JSON.stringify(item)}${itemIndex < items.length - 1 ? ',' : ''}`))
        lines.push(`    ]${plmnComma}`)
      })
      lines.push(`  }${comma}`)
    } else if (key === 'mncLengths' || key === 'mccCountries' || key === 'stats') {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`)
    } else {
      const pretty = JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')
      lines.push(`  ${JSON.stringify(key)}: ${pretty}${comma}`)
    }
  })
  lines.push('}')
  return `${lines.join('\n')}\n`
}
