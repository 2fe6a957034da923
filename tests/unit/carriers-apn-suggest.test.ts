// APN suggestions: pack APNs first, then database entries whose MVNO rule matches, then the PLMN's other
// entries; duplicates merged; contract-compatible drafts. A small inline pack and database pin the ranking
// rules; the built-in packs and the generated database check the real cases from carriers.md §5.
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ApnDraft } from '../../src/contract/model'
import { parseApnDbText } from '../../src/carriers/apn-db/load'
import type { ApnDb, ApnDbEntry } from '../../src/carriers/apn-db/schema'
import { draftFromDbEntry, suggestApns } from '../../src/carriers/apn-suggest'
import { identifySim, type ApnDbView, type SimFacts } from '../../src/carriers/identify'
import { loadCarrierPacks, validateCarrierPack } from '../../src/carriers/pack-loader'
import type { CarrierPack } from '../../src/carriers/pack-schema'

const prov = { sources: ['S1'], confidence: 'verified' }
const apn = (id: string, extra: Record<string, unknown>) => ({ id, name: id, auth: 'none', pdpType: 'ipv4v6', role: 'default', ...prov, ...extra })

function testPack(): CarrierPack {
  const result = validateCarrierPack(
    {
      format: 1,
      id: 'op',
      names: { en: 'Op', ja: 'オプ' },
      country: 'ZZ',
      brands: [
        { id: 'op', names: { en: 'Op', ja: 'オプ' }, kind: 'mno', homePlmns: ['999-99'], ...prov },
        { id: 'flanker', names: { en: 'Flanker', ja: 'フランカー' }, kind: 'sub-brand', homePlmns: ['999-99'], match: [{ type: 'spn', value: 'Flank', ...prov }], ...prov }
      ],
      planGenerations: [
        { id: 'now', names: { en: 'Now', ja: '現行' }, status: 'current', ...prov },
        { id: 'old', names: { en: 'Old', ja: '旧' }, status: 'legacy', ...prov }
      ],
      apns: [
        apn('main', { apn: 'internet.op', brands: ['op'], planGenerations: ['now'] }),
        apn('legacy', { apn: 'old.op', brands: ['op'], role: 'legacy', planGenerations: ['old'] }),
        apn('flank', { apn: 'flank.op', username: 'f', password: 'f', auth: 'chap', brands: ['flanker'] })
      ],
      sources: [{ id: 'S1', ref: 'test' }]
    },
    'op.json'
  )
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const entry = (fields: Partial<ApnDbEntry> & { apn: string }): ApnDbEntry => ({ name: fields.apn, types: ['default'], src: ['lineage'], ...fields })
const testDb: ApnDbView = {
  mncLengths: { '999': [2] },
  mccCountries: { '999': ['zz'] },
  providers: { '999-99': [{ name: 'Op', primary: true }] },
  plmns: {
    '999-99': [
      entry({ apn: 'INTERNET.OP', src: ['lineage', 'mbpi'], pdp: 'IPV6' }),
      entry({ apn: 'mvno.op', name: 'Other MVNO', mvno: { type: 'gid', value: 'AB' } }),
      entry({ apn: 'ours.op', name: 'Our MVNO', mvno: { type: 'gid', value: 'CD' }, user: 'x', password: 'y' }),
      entry({ apn: 'wap.op', name: 'WAP', proxy: '10.0.0.1:8080', user: 'wap', password: 'wap' }),
      entry({ apn: 'tether.op', name: 'Tether', types: ['dun'], hidden: true }),
      entry({ apn: 'plain.op', name: 'Plain', src: ['mbpi'] })
    ]
  }
}

function suggest(facts: SimFacts, options: { brand?: { packId: string; brandId: string }; planGeneration?: string; limit?: number } = {}) {
  const packs = [testPack()]
  const identification = identifySim(facts, { packs, apnDb: testDb })
  return suggestApns({ identification, facts, packs, apnDb: testDb, ...options })
}

describe('suggestApns ranking (inline pack and database)', () => {
  it('pack APN first (merged with the database duplicate), then PLMN entries; proxied, hidden and tethering ones last', () => {
    const list = suggest({ imsi: '999991234567890', spn: 'Op', gid1: '' })
    expect(list.map((item) => item.draft.apn)).toEqual(['internet.op', 'old.op', 'plain.op', 'wap.op', 'tether.op'])
    const [first] = list
    expect(first).toMatchObject({ origin: 'pack', packId: 'op', brandId: 'op', apnId: 'main', role: 'default', confidence: 'verified' })
    expect(first?.sources).toEqual(['S1', 'lineage', 'mbpi'])
    expect(first?.reasons.map((reason) => reason.en)).toEqual(['From the Op carrier pack', 'APN database: listed for network 999-99 (INTERNET.OP)'])
    expect(list.find((item) => item.draft.apn === 'wap.op')?.warnings.map((w) => w.en).join(' ')).toContain('HTTP proxy')
    expect(list.find((item) => item.draft.apn === 'tether.op')?.warnings.map((w) => w.en).join(' ')).toContain('dun')
  })

  it('an MVNO rule that matches lifts its database entry; one that does not match is left out', () => {
    const list = suggest({ imsi: '999991234567890', gid1: 'CDFF' })
    const apns = list.map((item) => item.draft.apn)
    expect(apns).toContain('ours.op')
    expect(apns).not.toContain('mvno.op')
    expect(apns.indexOf('ours.op')).toBeLessThan(apns.indexOf('plain.op'))
  })

  it('a brand matched by its rule gets its own APN; the PLMN’s entries drop below', () => {
    const list = suggest({ imsi: '999991234567890', spn: 'Flank' })
    expect(list[0]).toMatchObject({ brandId: 'flanker', draft: { apn: 'flank.op', username: 'f', password: 'f', auth: 'chap' } })
    expect(list.find((item) => item.draft.apn.toLowerCase() === 'internet.op')?.score).toBeLessThan(300)
  })

  it('the user’s brand choice overrides the identification', () => {
    const list = suggest({ imsi: '999991234567890' }, { brand: { packId: 'op', brandId: 'flanker' } })
    expect(list[0]?.draft.apn).toBe('flank.op')
    expect(list.some((item) => item.draft.apn === 'internet.op' && item.origin === 'pack')).toBe(false)
  })

  it('a plan generation prefers its APNs and warns on the others', () => {
    const list = suggest({ imsi: '999991234567890', spn: 'Op', gid1: '' }, { planGeneration: 'old' })
    expect(list[0]?.draft.apn).toBe('old.op')
    expect(list.find((item) => item.draft.apn === 'internet.op')?.warnings.map((w) => w.en)).toContain('Meant for another plan generation.')
  })

  it('limit caps the list; no IMSI means pack APNs of the serving network only', () => {
    expect(suggest({ imsi: '999991234567890', spn: 'Op', gid1: '' }, { limit: 2 })).toHaveLength(2)
    const noImsi = suggest({ servingPlmn: '99999' })
    expect(noImsi.every((item) => item.origin === 'pack')).toBe(true)
  })

  it('every draft satisfies the contract’s ApnDraft schema', () => {
    for (const item of suggest({ imsi: '999991234567890', gid1: 'CD' })) expect(ApnDraft.safeParse(item.draft).success).toBe(true)
  })
})

describe('draftFromDbEntry', () => {
  it.each([
    [{ apn: 'a', auth: 2, pdp: 'IPV6' as const }, { auth: 'chap', pdpType: 'ipv6' }, []],
    [{ apn: 'a', user: 'u' }, { auth: 'pap-or-chap', pdpType: 'ipv4v6', username: 'u' }, ['auth', 'pdpType']],
    [{ apn: 'a' }, { auth: 'none', pdpType: 'ipv4v6' }, ['auth', 'pdpType']],
    [{ apn: 'a', auth: 0, pdp: 'IP' as const }, { auth: 'none', pdpType: 'ipv4' }, []],
    [{ apn: 'a', auth: 3, pdp: 'IPV4V6' as const, password: 'p' }, { auth: 'pap-or-chap', password: 'p' }, []]
  ])('%j → %j (assumed %j)', (fields, draft, assumed) => {
    const result = draftFromDbEntry(entry(fields))
    expect(result?.draft).toMatchObject(draft)
    expect(result?.assumed).toEqual(assumed)
  })

  it('refuses entries beyond the contract’s limits and names an unnamed entry by its APN', () => {
    expect(draftFromDbEntry(entry({ apn: 'x'.repeat(101) }))).toBeUndefined()
    expect(draftFromDbEntry(entry({ apn: 'a', user: 'u'.repeat(65) }))).toBeUndefined()
    expect(draftFromDbEntry(entry({ apn: 'named.apn', name: '  ' }))?.draft.name).toBe('named.apn')
  })
})

describe('suggestApns with the built-in packs and the generated database (carriers.md §5)', () => {
  let packs: CarrierPack[]
  let db: ApnDb
  beforeAll(async () => {
    const set = await loadCarrierPacks({ builtinDir: resolve(__dirname, '../../resources/carriers') })
    packs = set.packs.map((item) => item.pack)
    const parsed = parseApnDbText(await readFile(resolve(__dirname, '../../resources/apn/apn-db.json'), 'utf8'), 'apn-db.json')
    if (!parsed.ok) throw new Error(parsed.error.message)
    db = parsed.value
  })

  const top = (facts: SimFacts, brand?: { packId: string; brandId: string }) => {
    const identification = identifySim(facts, { packs, apnDb: db })
    return suggestApns({ identification, facts, packs, apnDb: db, ...(brand ? { brand } : {}) })
  }

  it.each([
    ['T-Mobile prepaid', { imsi: '310260591274038', gid1: '', spn: 'T-Mobile' }, undefined, { apn: 'fast.t-mobile.com', pdpType: 'ipv6', auth: 'none' }],
    ['Mint (GID1 756D)', { imsi: '310240123456789', gid1: '756D' }, undefined, { apn: 'Wholesale', pdpType: 'ipv4v6' }],
    ['Metro (GID1 6D): the database entry, T-Mobile’s own APNs are not offered', { imsi: '310260123456789', gid1: '6D' }, undefined, { apn: 'fast.metropcs.com', pdpType: 'ipv6' }],
    ['Rakuten', { imsi: '440110123456789' }, undefined, { apn: 'rakuten.jp', pdpType: 'ipv4v6', auth: 'none' }],
    ['IIJmio picked by the user on 440-10', { imsi: '440103157204816' }, { packId: 'iijmio', brandId: 'type-d' }, { apn: 'iijmio.jp', username: 'mio@iij', password: 'iij', auth: 'pap-or-chap' }],
    ['giffgaff (SPN)', { imsi: '234101234567890', spn: 'giffgaff' }, undefined, { apn: 'giffgaff.com', username: 'gg', password: 'p', auth: 'pap' }],
    ['EE', { imsi: '234301234567890', spn: 'EE' }, undefined, { apn: 'everywhere', username: 'eesecure', password: 'secure', auth: 'pap' }],
    ['Verizon', { imsi: '311480123456789', gid1: '' }, undefined, { apn: 'VZWINTERNET' }]
  ])('%s → %j first', (_label, facts, brand, draft) => {
    const list = top(facts, brand)
    expect(list[0]?.draft).toMatchObject(draft)
    for (const item of list) expect(ApnDraft.safeParse(item.draft).success, JSON.stringify(item.draft)).toBe(true)
  })

  it('an IIJmio Type D SIM the SIM cannot tell apart: docomo first, IIJmio offered among the candidates', () => {
    const list = top({ imsi: '440103157204816' })
    expect(list[0]?.draft.apn).toBe('spmode.ne.jp')
    const iij = list.find((item) => item.draft.apn === 'iijmio.jp')
    expect(iij).toMatchObject({ origin: 'pack', packId: 'iijmio' })
    expect(iij?.reasons[0]?.en).toContain('if that is your brand')
  })

  it('an unknown network gets database entries only', () => {
    const list = top({ imsi: '208011234567890' })
    expect(list.length).toBeGreaterThan(0)
    expect(list.every((item) => item.origin === 'database')).toBe(true)
  })
})
