// The generated APN database: it must be exactly what scripts/generate-apn-db.ts makes from the two source
// files (run the generator into a temp file and compare), and every entry must be traceable to a record in
// the source it names — checked here with a separate, line/regex-based reading of the sources, so the
// generator's own XML parser cannot vouch for itself. Also: the XML reader's safety limits and the builder's
// keep/drop/merge rules on small inline documents.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApnDb, carriesInternet, serializeApnDb } from '../../src/carriers/apn-db/build'
import { parseApnDbText } from '../../src/carriers/apn-db/load'
import type { ApnDb } from '../../src/carriers/apn-db/schema'
import { parseXmlDocument } from '../../src/carriers/apn-db/xml'

const run = promisify(execFile)
const ROOT = resolve(__dirname, '../..')
const DB_FILE = resolve(ROOT, 'resources/apn/apn-db.json')
const SOURCES = process.env.HOTSPOT_DESK_APN_SOURCES ?? resolve(ROOT, '..', 'shared', 'data')
const LINEAGE = join(SOURCES, 'android-apns/apns-conf.xml')
const MBPI = join(SOURCES, 'mobile-broadband-provider-info/serviceproviders.xml')
const haveSources = existsSync(LINEAGE) && existsSync(MBPI)

if (!haveSources) {
  const message = `APN sources not found in ${SOURCES} (set HOTSPOT_DESK_APN_SOURCES); the up-to-date checks cannot run`
  // Locally a missing ../shared is skipped with this note; in CI it is an error, because then nothing checks the file.
  if (process.env.CI) throw new Error(message)
  console.warn(message)
}

let db: ApnDb
let dbText: string

beforeAll(async () => {
  dbText = await readFile(DB_FILE, 'utf8')
  const parsed = parseApnDbText(dbText, DB_FILE)
  if (!parsed.ok) throw new Error(parsed.error.message)
  db = parsed.value
})

describe('resources/apn/apn-db.json', () => {
  it('says it is generated and must not be edited by hand', () => {
    expect(db.generated.notice).toMatch(/GENERATED FILE: do not edit by hand/)
    expect(db.generated.by).toBe('scripts/generate-apn-db.ts')
    expect(db.generated.command).toBe('node --import tsx scripts/generate-apn-db.ts')
    expect(db.sources.map((source) => [source.id, source.license])).toEqual([
      ['lineage', expect.stringContaining('Apache-2.0')],
      ['mbpi', expect.stringContaining('public domain')]
    ])
  })

  it('NOTICE at the repository root carries both attributions and the Apache-2.0 text', async () => {
    const notice = await readFile(resolve(ROOT, 'NOTICE'), 'utf8')
    expect(notice).toContain('GNOME mobile-broadband-provider-info')
    expect(notice).toContain('THIS WORK IS IN PUBLIC DOMAIN')
    expect(notice).toContain('Copyright 2016-2024 The LineageOS Project')
    expect(notice).toContain('Licensed under the Apache License, Version 2.0')
    expect(notice).toContain('END OF TERMS AND CONDITIONS')
  })

  it('keeps only APNs that carry internet traffic, and stays compact', () => {
    const entries = Object.values(db.plmns).flat()
    expect(entries.length).toBe(db.stats.entries)
    expect(Object.keys(db.plmns).length).toBe(db.stats.plmns)
    for (const entry of entries) expect(carriesInternet(entry.types), JSON.stringify(entry)).toBe(true)
    expect(dbText.length).toBeLessThan(700_000)
  })

  it.each([
    ['310-260', 'fast.t-mobile.com', { pdp: 'IPV6', src: ['lineage', 'mbpi'] }],
    ['310-240', 'Wholesale', { mvno: { type: 'gid', value: '756D' } }],
    ['440-10', 'iijmio.jp', { user: 'mio@iij', password: 'iij', auth: 3 }],
    ['440-11', 'rakuten.jp', { pdp: 'IPV4V6' }],
    ['234-10', 'giffgaff.com', { user: 'gg', password: 'p', auth: 1, mvno: { type: 'spn', value: 'giffgaff' } }],
    ['234-30', 'everywhere', { user: 'eesecure', password: 'secure', auth: 1 }],
    ['311-480', 'VZWINTERNET', { auth: 0, pdp: 'IPV4V6', roamingPdp: 'IP' }]
  ])('%s has %s as the reference says (carriers.md §5)', (plmn, apn, fields) => {
    expect(db.plmns[plmn]).toEqual(expect.arrayContaining([expect.objectContaining({ apn, ...fields })]))
  })

  it('has no MMS-only entry such as EE’s eezone or the T-Mobile IMS APN', () => {
    expect(db.plmns['234-30']?.some((entry) => entry.apn === 'eezone')).toBe(false)
    expect(db.plmns['310-260']?.some((entry) => entry.apn === 'ims')).toBe(false)
  })
})

describe.skipIf(!haveSources)('generated from the sources', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'apn-db-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('is up to date: the generator writes exactly the committed file', async () => {
    const out = join(dir, 'apn-db.json')
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/generate-apn-db.ts', '--sources', SOURCES, '--out', out], { cwd: ROOT })
    expect(stdout).toContain('wrote')
    const regenerated = await readFile(out, 'utf8')
    expect(regenerated === dbText, 'resources/apn/apn-db.json is out of date: run node --import tsx scripts/generate-apn-db.ts').toBe(true)
  }, 60_000)

  it('--check agrees, and fails for a stale file', async () => {
    await expect(run(process.execPath, ['--import', 'tsx', 'scripts/generate-apn-db.ts', '--sources', SOURCES, '--check'], { cwd: ROOT })).resolves.toBeDefined()
    const stale = join(dir, 'stale.json')
    await expect(run(process.execPath, ['--import', 'tsx', 'scripts/generate-apn-db.ts', '--sources', SOURCES, '--out', stale, '--check'], { cwd: ROOT })).rejects.toThrow()
  }, 60_000)

  it('records the hashes of the source files it was built from', async () => {
    const sha = async (file: string) => createHash('sha256').update(await readFile(file, 'utf8'), 'utf8').digest('hex')
    expect(db.sources.find((source) => source.id === 'lineage')?.sha256).toBe(await sha(LINEAGE))
    expect(db.sources.find((source) => source.id === 'mbpi')?.sha256).toBe(await sha(MBPI))
  })

  it('contains only data derivable from the sources (independent reading)', async () => {
    const lineage = lineageTuples(await readFile(LINEAGE, 'utf8'))
    const mbpi = mbpiTuples(await readFile(MBPI, 'utf8'))
    let checked = 0
    for (const [plmn, entries] of Object.entries(db.plmns)) {
      for (const entry of entries) {
        const key = tuple(plmn, entry.apn, entry.user, entry.password)
        for (const source of entry.src) {
          const known = source === 'lineage' ? lineage.records : mbpi.records
          expect(known.has(key), `${plmn} ${entry.apn} (${entry.user ?? ''}/${entry.password ?? ''}) not in ${source}`).toBe(true)
          checked++
        }
        if (entry.mvno) {
          const rule = `${plmn}|${entry.apn.toLowerCase()}|${entry.mvno.type}|${entry.mvno.value.toUpperCase()}`
          expect(lineage.rules.has(rule) || mbpi.rules.has(rule), `${rule} not in a source`).toBe(true)
        }
      }
    }
    for (const plmn of Object.keys(db.providers)) expect(mbpi.plmns.has(plmn), plmn).toBe(true)
    for (const [mcc, countries] of Object.entries(db.mccCountries)) for (const country of countries) expect(mbpi.countries.has(`${mcc}|${country}`)).toBe(true)
    expect(checked).toBeGreaterThan(3000)
  })
})

// ---- an independent reading of the sources: one <apn .../> per line (Lineage), regexes over blocks (GNOME) ----

function tuple(plmn: string, apn: string, user = '', password = ''): string {
  return [plmn, apn.toLowerCase(), user, password].join('|')
}

function unescape(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

function lineageTuples(text: string): { records: Set<string>; rules: Set<string> } {
  const records = new Set<string>()
  const rules = new Set<string>()
  for (const line of text.split('\n')) {
    if (!line.trim().startsWith('<apn ')) continue
    const attrs = Object.fromEntries([...line.matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], unescape(m[2] ?? '').trim()]))
    const plmn = `${attrs.mcc}-${attrs.mnc}`
    records.add(tuple(plmn, attrs.apn ?? '', attrs.user ?? '', attrs.password ?? ''))
    if (attrs.mvno_type && attrs.mvno_match_data) rules.add(`${plmn}|${(attrs.apn ?? '').toLowerCase()}|${attrs.mvno_type}|${attrs.mvno_match_data.toUpperCase()}`)
  }
  return { records, rules }
}

function mbpiTuples(text: string): { records: Set<string>; rules: Set<string>; plmns: Set<string>; countries: Set<string> } {
  const records = new Set<string>()
  const rules = new Set<string>()
  const plmns = new Set<string>()
  const countries = new Set<string>()
  const withoutComments = text.replace(/<!--[\s\S]*?-->/g, '')
  for (const countryBlock of withoutComments.split('<country ').slice(1)) {
    const code = /^code="([^"]+)"/.exec(countryBlock)?.[1] ?? ''
    for (const block of countryBlock.split('<provider').slice(1)) {
      const ids = [...block.matchAll(/<network-id mcc="(\d{3})" mnc="(\d{2,3})"\s*\/>/g)].map((m) => `${m[1]}-${m[2]}`)
      const gid1s = [...block.matchAll(/<gid1>([^<]+)<\/gid1>/g)].map((m) => (m[1] ?? '').trim().toUpperCase())
      for (const id of ids) {
        plmns.add(id)
        countries.add(`${id.slice(0, 3)}|${code}`)
      }
      for (const apn of block.matchAll(/<apn value="([^"]*)"\s*(?:\/>|>([\s\S]*?)<\/apn>)/g)) {
        const body = apn[2] ?? ''
        const user = unescape(/<username>([^<]*)<\/username>/.exec(body)?.[1] ?? '').trim()
        const password = unescape(/<password>([^<]*)<\/password>/.exec(body)?.[1] ?? '').trim()
        for (const id of ids) {
          records.add(tuple(id, unescape(apn[1] ?? '').trim(), user, password))
          for (const gid1 of gid1s) rules.add(`${id}|${unescape(apn[1] ?? '').trim().toLowerCase()}|gid|${gid1}`)
        }
      }
    }
  }
  return { records, rules, plmns, countries }
}

// ---- the builder and the XML reader on inline documents ----

const MBPI_HEAD = '<?xml version="1.0"?>\n<!DOCTYPE serviceproviders SYSTEM "serviceproviders.2.dtd">\n<serviceproviders format="2.0">'

describe('buildApnDb', () => {
  const lineage = `<?xml version="1.0" encoding="utf-8"?>
<apns version="8">
  <apn carrier="Test" mcc="001" mnc="01" apn="test" type="default" />
  <apn carrier="Op Internet" mcc="999" mnc="99" apn="Internet.op" type="default,supl" protocol="IPV4V6" authtype="1" user="u" password="p" />
  <apn carrier="Op MMS" mcc="999" mnc="99" apn="mms.op" type="mms" />
  <apn carrier="Op IMS" mcc="999" mnc="99" apn="ims" type="ims,ia" />
  <apn carrier="Op Off" mcc="999" mnc="99" apn="off.op" type="default" carrier_enabled="false" />
  <apn carrier="Op Attach" mcc="999" mnc="99" apn="attach.op" type="ia" />
  <apn carrier="MVNO &amp; Co" mcc="999" mnc="99" apn="mvno.op" type="default" mvno_type="gid" mvno_match_data="ab12" proxy="10.0.0.1" port="8080" />
  <apn carrier="Op Tether" mcc="999" mnc="99" apn="dun.op" type="dun" user_visible="false" />
</apns>`
  const mbpi = `${MBPI_HEAD}
<country code="zz"><name>Zed</name>
  <provider primary="true"><name>Op</name><gsm>
    <network-id mcc="999" mnc="99"/><network-id mcc="999" mnc="980"/>
    <apn value="internet.op"><plan type="prepaid"/><usage type="internet"/><username>u</username><password>p</password><authentication method="chap"/></apn>
    <apn value="mms.op"><usage type="mms"/></apn>
    <apn value="plain.op"/>
  </gsm></provider>
  <provider><name>Brand</name><gsm><network-id mcc="999" mnc="99"/><gid1>c0ffee</gid1><apn value="brand.op"><name>Data</name></apn></gsm></provider>
</country></serviceproviders>`

  const build = () => {
    const result = buildApnDb({ lineage: { file: 'l.xml', text: lineage }, mbpi: { file: 'm.xml', text: mbpi } })
    if (!result.ok) throw new Error(result.error)
    return result.db
  }

  it('keeps internet APNs, drops MMS/IMS/disabled/test-network ones, merges duplicates across sources', () => {
    const result = build()
    expect(Object.keys(result.plmns)).toEqual(['999-980', '999-99'])
    const list = result.plmns['999-99'] ?? []
    expect(list.map((entry) => entry.apn)).toEqual(['Internet.op', 'attach.op', 'mvno.op', 'dun.op', 'plain.op', 'brand.op'])
    expect(list[0]).toEqual({ name: 'Op Internet', apn: 'Internet.op', user: 'u', password: 'p', auth: 1, pdp: 'IPV4V6', types: ['default', 'supl'], src: ['lineage', 'mbpi'] })
    expect(list[2]).toMatchObject({ name: 'MVNO & Co', mvno: { type: 'gid', value: 'AB12' }, proxy: '10.0.0.1:8080' })
    expect(list[3]).toMatchObject({ types: ['dun'], hidden: true })
    expect(list[5]).toEqual({ name: 'Brand (Data)', apn: 'brand.op', types: ['default'], mvno: { type: 'gid', value: 'C0FFEE' }, src: ['mbpi'] })
    expect(result.plmns['999-980']?.map((entry) => [entry.apn, entry.auth, entry.plan])).toEqual([
      ['internet.op', 2, 'prepaid'],
      ['plain.op', undefined, undefined]
    ])
    expect(result.mncLengths).toEqual({ '999': [2, 3] })
    expect(result.mccCountries).toEqual({ '999': ['zz'] })
    expect(result.providers['999-99']).toEqual([{ name: 'Op', primary: true }, { name: 'Brand' }])
    expect(result.stats).toMatchObject({ 'lineage.droppedTestNetwork': 1, 'lineage.droppedDisabled': 1, 'lineage.droppedNotInternet': 2, 'mbpi.dropped.mms': 1 })
  })

  it('serialises deterministically, one entry per line, and round-trips through the loader', () => {
    const first = serializeApnDb(build())
    expect(serializeApnDb(build())).toBe(first)
    expect(first).toContain('\n      {"name":"Op Internet","apn":"Internet.op"')
    expect(parseApnDbText(first, 'x.json').ok).toBe(true)
  })

  it('reports a broken source with file and line', () => {
    const result = buildApnDb({ lineage: { file: 'l.xml', text: '<apns>\n<apn mcc="1"\n' }, mbpi: { file: 'm.xml', text: mbpi } })
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^l\.xml:\d+: /) })
  })
})

describe('parseXmlDocument safety', () => {
  it('decodes the five entities, numeric references and CDATA; skips comments and an external DTD reference', () => {
    const result = parseXmlDocument(`${MBPI_HEAD}<!-- c --><a t="&lt;&amp;&#243;&#xE9;"><![CDATA[<raw>]]>&quot;x&apos;</a></serviceproviders>`)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const a = result.root.children[0]
    expect(a?.attributes.t).toBe('<&óé')
    expect(a?.text).toBe('<raw>"x\'')
  })

  it.each([
    ['an internal DTD subset (entity expansion)', '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><x>&b;</x>', 'internal subset'],
    ['an unknown entity', '<x>&nbsp;</x>', 'unknown entity'],
    ['a bare ampersand', '<x>AT&T</x>', 'bare "&"'],
    ['mismatched tags', '<x><y></x>', 'closes'],
    ['an unclosed root', '<x><y/>', 'never closed'],
    ['two roots', '<x/><y/>', 'second root'],
    ['text outside the root', 'hello<x/>', 'outside the root'],
    ['a duplicate attribute', '<x a="1" a="2"/>', 'duplicate attribute'],
    ['an unquoted attribute', '<x a=1/>', 'not quoted'],
    ['a NUL character reference', '<x>&#0;</x>', 'invalid character reference']
  ])('refuses %s', (_label, text, message) => {
    const result = parseXmlDocument(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toContain(message)
  })

  it('enforces depth, element-count and size limits', () => {
    const deep = `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`
    expect(parseXmlDocument(deep, { maxLength: 10_000, maxDepth: 32, maxElements: 1000 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('deeper') } })
    const many = `<r>${'<a/>'.repeat(50)}</r>`
    expect(parseXmlDocument(many, { maxLength: 10_000, maxDepth: 32, maxElements: 20 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('more than 20') } })
    expect(parseXmlDocument('<r/>'.padEnd(200, ' '), { maxLength: 100, maxDepth: 32, maxElements: 20 })).toMatchObject({ ok: false })
  })

  it('never throws on garbage', () => {
    const samples = ['', '<', '<<>>', '<a b', '<a b="', '</a>', '<!---->', '<![CDATA[', '<?x', '<a>&#99999999;</a>', '\u0000<a/>']
    for (const sample of samples) expect(() => parseXmlDocument(sample)).not.toThrow()
    expect(parseXmlDocument(42 as unknown as string)).toMatchObject({ ok: false })
  })
})
