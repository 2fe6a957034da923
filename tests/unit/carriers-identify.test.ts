// SIM identification against the built-in packs and the generated APN database. Identifier values come from
// reference/carriers.md (cited per row): GID1 / SPN / IMSI-prefix rules (§5, §8.2: S3 = LineageOS apns-conf.xml),
// PLMNs (§6: S50, S2), ICCID issuer prefixes (§8.1: S49, S49b, S49c, S49d) and the padded ICCID example (S49e).
// The reference prints no complete real IMSI, so IMSIs are constructed: the cited PLMN followed by made-up
// MSIN digits; ICCIDs likewise are a cited issuer prefix plus made-up digits and a correct Luhn digit.
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseApnDbText } from '../../src/carriers/apn-db/load'
import type { ApnDb } from '../../src/carriers/apn-db/schema'
import { luhnCheckDigit, luhnValid, matchIccidIssuer, normalizeIccid, swapNibbles } from '../../src/carriers/iccid'
import { identifySim, type IdentifyContext, type SimFacts } from '../../src/carriers/identify'
import { imsiPatternMatches, mvnoRuleMatches, type MvnoRuleLike, type SimMatchFacts } from '../../src/carriers/mvno-match'
import { loadCarrierPacks } from '../../src/carriers/pack-loader'
import { parsePlmnId, splitImsi, type MncLengthHints } from '../../src/carriers/plmn'

const ROOT = resolve(__dirname, '../..')
let context: IdentifyContext
let db: ApnDb

beforeAll(async () => {
  const set = await loadCarrierPacks({ builtinDir: resolve(ROOT, 'resources/carriers') })
  expect(set.problems).toEqual([])
  const parsed = parseApnDbText(await readFile(resolve(ROOT, 'resources/apn/apn-db.json'), 'utf8'), 'apn-db.json')
  if (!parsed.ok) throw new Error(parsed.error.message)
  db = parsed.value
  context = { packs: set.packs.map((item) => item.pack), apnDb: db }
})

/** A cited prefix, made-up digits, then the Luhn digit. */
function withLuhn(payload: string): string {
  return `${payload}${luhnCheckDigit(payload) ?? ''}`
}

const IMSI_ROWS: [string, MncLengthHints, string, string, string][] = [
  // [imsi, hints, plmn, source, note]
  ['310260591274038', {}, '310-260', 'mcc-rule', 'US MCC 310 → 3-digit MNC (§6, S50)'],
  ['311480123456789', {}, '311-480', 'mcc-rule', 'Verizon 311-480 (§6)'],
  ['440103157204816', {}, '440-10', 'default', 'no hint: 2 digits, flagged as a guess'],
  ['440103157204816', { mncLengthsByMcc: { '440': [2] } }, '440-10', 'source-data', '440 uses 2 digits in the sources'],
  ['441200123456789', { isKnownPlmn: (id: string) => id === '441-200' }, '441-200', 'known-plmn', '441 mixes: 441-200 Soracom (§6)'],
  ['441011234567890', { isKnownPlmn: (id: string) => id === '441-01' }, '441-01', 'known-plmn', '441 mixes: 441-01 SoftBank (§6)'],
  ['310701234567890', { isKnownPlmn: (id: string) => id === '310-70' }, '310-701', 'mcc-rule', 'a stale 2-digit US entry (310-70 in Lineage) never beats the US rule'],
  ['234101234567890', { mncLength: 3 }, '234-101', 'sim', 'EF_AD says 3 digits: the SIM wins'],
  ['２３４１０１２３４５６７８９０', {}, '234-10', 'default', 'full-width digits']
]

describe('splitImsi: MNC length', () => {
  it.each(IMSI_ROWS)('%s → %s (%s)', (imsi, hints, plmn, source) => {
    const result = splitImsi(imsi, hints)
    expect(result).toMatchObject({ ok: true, value: { id: plmn, mncLengthSource: source } })
  })

  it.each([
    ['', 'empty'],
    ['31026O591274038', 'malformed'],
    ['3102605912740381', 'too-long'],
    ['31026', 'too-short']
  ])('%j → %s error with en/ja messages', (imsi, kind) => {
    const result = splitImsi(imsi)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.kind).toBe(kind)
    expect(result.error.key).toBe(`carriers.imsi.${kind}`)
    expect(result.error.message.en.length).toBeGreaterThan(5)
    expect(result.error.message.ja.length).toBeGreaterThan(3)
  })

  it.each([
    ['310260', '310-260'],
    ['44010', '440-10'],
    ['440 53', '440-53'],
    ['234/30', '234-30'],
    ['３１０－２６０', '310-260']
  ])('parsePlmnId(%j) → %s', (input, id) => {
    expect(parsePlmnId(input)).toMatchObject({ ok: true, value: { id } })
  })
})

describe('ICCID normalisation', () => {
  it('the padded example from the Nordic AT manual (S49e): F stripped, US form, Luhn failure flagged not rejected', () => {
    expect(normalizeIccid('8901234567012345678F')).toEqual({
      ok: true,
      value: { iccid: '8901234567012345678', lookupKey: '891234567012345678', luhn: 'invalid', unswapped: false, usZeroPadded: true }
    })
  })

  it.each([
    ['T-Mobile, printed with spaces (8901260…, S49b)', withLuhn('890126042301754962').replace(/(\d{4})/g, '$1 '), withLuhn('890126042301754962'), '89126042301754962'],
    ['Verizon, already ITU form (891480…, S49b)', withLuhn('891480000012345678'), withLuhn('891480000012345678'), ''],
    ['docomo (8981100…, S49c/S49d)', withLuhn('898110051462098537'), withLuhn('898110051462098537'), ''],
    ['20-digit UK card (S47)', withLuhn('8944200000000000000'), withLuhn('8944200000000000000'), ''],
    ['full-width digits', withLuhn('898110051462098537').replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), withLuhn('898110051462098537'), '']
  ])('%s', (_label, input, iccid, usKeyTail) => {
    const result = normalizeIccid(input)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.iccid).toBe(iccid)
    expect(result.value.luhn).toBe('valid')
    if (usKeyTail !== '') expect(result.value.lookupKey).toBe(`${usKeyTail}${iccid.slice(-1)}`)
  })

  it('raw EF_ICCID with swapped nibbles is un-swapped (§8.1)', () => {
    const iccid = withLuhn('890126042301754962')
    const raw = swapNibbles(`${iccid}F`)
    expect(raw.startsWith('98')).toBe(true)
    expect(normalizeIccid(raw)).toMatchObject({ ok: true, value: { iccid, unswapped: true, luhn: 'valid' } })
  })

  it.each([
    ['DN05035ABCDEFGH', 'docomo-serial', 'the 製造番号 printed on docomo cards (S49d)'],
    ['', 'empty', ''],
    ['89O1260423017549627', 'invalid-characters', 'letter O'],
    ['1234567890123456789', 'not-telecom', 'no 89 prefix'],
    ['8901260', 'too-short', ''],
    ['89012604230175496271234', 'too-long', '']
  ])('%j → %s', (input, kind) => {
    expect(normalizeIccid(input)).toMatchObject({ ok: false, error: { kind, key: `carriers.iccid.${kind}` } })
  })

  it('issuer lookup takes the longest prefix and compares in ITU form', () => {
    const entries = [{ prefix: '8981', issuer: 'Japan' }, { prefix: '8981100', issuer: 'docomo' }, { prefix: '8901260', issuer: 'T-Mobile' }]
    expect(matchIccidIssuer(withLuhn('898110051462098537'), entries)?.entry.issuer).toBe('docomo')
    expect(matchIccidIssuer(withLuhn('898120000000000000'), entries)?.entry.issuer).toBe('Japan')
    expect(matchIccidIssuer(withLuhn('890126042301754962'), entries)).toMatchObject({ entry: { issuer: 'T-Mobile' }, matchedPrefix: '891260' })
    expect(matchIccidIssuer('8944200000000000000', entries)).toBeUndefined()
  })

  it('Luhn as described in §8.1', () => {
    expect(luhnValid('79927398713')).toBe(true)
    expect(luhnValid('79927398710')).toBe(false)
    expect(luhnValid('')).toBe(false)
  })
})

describe('MVNO rule semantics (Android)', () => {
  it.each<[MvnoRuleLike, SimMatchFacts, boolean, string]>([
    [{ type: 'gid1', value: '756D' }, { gid1: '756dffffffffffff' }, true, 'GID1 is a case-insensitive prefix (cards pad with FF)'],
    [{ type: 'gid1', value: '6D' }, { gid1: '756D' }, false, 'prefix, not substring'],
    [{ type: 'spn', value: 'giffgaff' }, { spn: ' GiffGaff\u0000' }, true, 'SPN equality ignores case and padding'],
    [{ type: 'spn', value: 'EE' }, { spn: 'EE Mobile' }, false, 'SPN is equality, not prefix'],
    [{ type: 'imsi', value: '31026097' }, { imsi: '310260971234567' }, true, 'Google Fi IMSI prefix (S3)'],
    [{ type: 'imsi', value: '3102609x' }, { imsi: '310260951234567' }, true, 'x matches any digit'],
    [{ type: 'imsi-range', from: '3102609700', to: '3102609799' }, { imsi: '310260975555555' }, true, 'inclusive range'],
    [{ type: 'imsi-range', from: '3102609700', to: '3102609799' }, { imsi: '310260985555555' }, false, 'outside the range'],
    [{ type: 'iccid', value: '8901260,891480' }, { iccid: '8914800000123456789' }, true, 'comma list, US forms compared alike']
  ])('%j with %j → %s (%s)', (rule, facts, expected) => {
    expect(mvnoRuleMatches(rule, facts)).toBe(expected)
  })

  it('an IMSI pattern longer than the IMSI never matches', () => {
    expect(imsiPatternMatches('3102609712345678', '310260971234567')).toBe(false)
  })
})

interface Row {
  label: string
  facts: SimFacts
  carrier?: string
  confidence: string
  askUser: boolean
  kind?: string
  roaming?: string
}

const ROWS: Row[] = [
  {
    label: 'T-Mobile prepaid SIM: 310-260, empty GID1, ICCID 8901260… (§6, §8.1 S49b) — every MVNO rule ruled out, issuer agrees',
    facts: { imsi: '310260591274038', gid1: '', spn: 'T-Mobile', iccid: withLuhn('890126042301754962'), servingPlmn: '310260' },
    carrier: 'tmobile-us-prepaid/tmobile',
    confidence: 'high',
    askUser: false,
    kind: 'home-plmn',
    roaming: 'home'
  },
  {
    label: 'T-Mobile IMSI but GID1 not read: Mint/Metro/Tracfone cannot be ruled out → host, ask',
    facts: { imsi: '310260591274038' },
    carrier: 'tmobile-us-prepaid/tmobile',
    confidence: 'low',
    askUser: true,
    kind: 'host-fallback'
  },
  { label: 'Metro by T-Mobile: GID1 6D (§5, S3)', facts: { imsi: '310260123456789', gid1: '6DFF' }, carrier: 'tmobile-us-prepaid/metro', confidence: 'high', askUser: false, kind: 'mvno-rule' },
  {
    label: 'Mint: IMSI 310-240 + GID1 756D (§5, S3), on T-Mobile’s 310-260 → not roaming',
    facts: { imsi: '310240123456789', gid1: '756D', servingPlmn: '310-260' },
    carrier: 'mint-mobile/mint',
    confidence: 'high',
    askUser: false,
    kind: 'mvno-rule',
    roaming: 'equivalent'
  },
  { label: 'Google Fi: IMSI prefix 31026097 (§8.2, S3)', facts: { imsi: '310260971234567', gid1: '' }, carrier: 'tmobile-us-prepaid/google-fi', confidence: 'high', askUser: false, kind: 'mvno-rule' },
  { label: 'Tracfone: GID1 DEFF (§8.2, S3)', facts: { imsi: '310260123456789', gid1: 'DEFF' }, carrier: 'tmobile-us-prepaid/tracfone', confidence: 'high', askUser: false, kind: 'mvno-rule' },
  {
    label: 'Red Pocket on T-Mobile: GID1 4201 matches only the APN database (§5, S3) → host carrier, ask',
    facts: { imsi: '310260123456789', gid1: '4201' },
    carrier: 'tmobile-us-prepaid/tmobile',
    confidence: 'low',
    askUser: true,
    kind: 'host-fallback'
  },
  { label: 'AT&T: GID1 4102 on 310-280 (§5, S3)', facts: { imsi: '310280123456789', gid1: '4102' }, carrier: 'att-prepaid/att', confidence: 'high', askUser: false, kind: 'mvno-rule' },
  {
    label: 'Verizon: 311-480, GID1 read (not Visible’s), ICCID 891480… (§6, §8.1 S49b)',
    facts: { imsi: '311480123456789', gid1: '', iccid: withLuhn('891480000012345678') },
    carrier: 'verizon-prepaid/verizon',
    confidence: 'high',
    askUser: false,
    kind: 'home-plmn'
  },
  { label: 'giffgaff: SPN giffgaff on 234-10 (§8.2, S3)', facts: { imsi: '234101234567890', spn: 'giffgaff', servingPlmn: '23410' }, carrier: 'giffgaff/giffgaff', confidence: 'high', askUser: false, kind: 'mvno-rule', roaming: 'home' },
  { label: 'EE: SPN EE on 234-30 (§8.2, S3)', facts: { imsi: '234301234567890', spn: 'EE' }, carrier: 'ee/ee', confidence: 'high', askUser: false, kind: 'mvno-rule' },
  {
    label: 'O2 SIM (SPN not giffgaff) roaming in the US',
    facts: { imsi: '234101234567890', spn: 'O2 - UK', servingPlmn: '310260' },
    carrier: 'o2-uk/o2',
    confidence: 'medium',
    askUser: false,
    kind: 'home-plmn',
    roaming: 'international'
  },
  {
    label: 'IIJmio Type D on a docomo-issued card (440-10, ICCID 8981100…: §2, §8.1 S49d) → docomo with ask',
    facts: { imsi: '440103157204816', iccid: withLuhn('898110051462098537'), servingPlmn: '44010' },
    carrier: 'docomo/docomo',
    confidence: 'low',
    askUser: true,
    kind: 'host-fallback',
    roaming: 'home'
  },
  {
    label: 'IIJ-issued card on 440-10 (ICCID 898103…, §8.1 S49) → IIJmio by issuer',
    facts: { imsi: '440103157204816', iccid: withLuhn('898103000012345678') },
    carrier: 'iijmio/type-d',
    confidence: 'medium',
    askUser: false,
    kind: 'iccid-issuer'
  },
  {
    label: 'Rakuten 440-11 registered on KDDI 440-53 (§3.3, S56) → national partner roaming',
    facts: { imsi: '440110123456789', servingPlmn: '440-53' },
    carrier: 'rakuten-mobile/rakuten',
    confidence: 'medium',
    askUser: false,
    kind: 'home-plmn',
    roaming: 'national'
  },
  { label: 'IIJmio eSIM data plan on IIJ’s own 440-03 (§6, ◐)', facts: { imsi: '440030123456789' }, carrier: 'iijmio/esim-data', confidence: 'medium', askUser: false, kind: 'home-plmn' },
  { label: 'Y!mobile on 440-00 (§6, S50)', facts: { imsi: '440000123456789' }, carrier: 'softbank/ymobile', confidence: 'medium', askUser: false, kind: 'home-plmn' },
  {
    label: 'au / povo / UQ / IIJmio Type A share 440-51 (§6) → au with ask',
    facts: { imsi: '440510123456789' },
    carrier: 'kddi/au',
    confidence: 'low',
    askUser: true,
    kind: 'host-fallback'
  },
  {
    label: 'Rakuten on its own 440-11 with a Rakuten-issued card (ICCID 898109…, §6 S50, §8.1 S49)',
    facts: { imsi: '440113708254169', iccid: withLuhn('898109340552718064'), servingPlmn: '44011' },
    carrier: 'rakuten-mobile/rakuten',
    confidence: 'high',
    askUser: false,
    kind: 'home-plmn',
    roaming: 'home'
  },
  {
    label: 'Rakuten SIM abroad on T-Mobile US 310-260 (§3.3, §8.2: home PLMN decides the portal) → international roaming',
    facts: { imsi: '440113708254169', servingPlmn: '310260' },
    carrier: 'rakuten-mobile/rakuten',
    confidence: 'medium',
    askUser: false,
    kind: 'home-plmn',
    roaming: 'international'
  },
  {
    label: 'AT&T prepaid: 310-410, empty GID1, ICCID 8901410… (§6, §8.1 S49b)',
    facts: { imsi: '310410123456789', gid1: '', iccid: withLuhn('890141012345678901'), servingPlmn: '310410' },
    carrier: 'att-prepaid/att',
    confidence: 'high',
    askUser: false,
    kind: 'home-plmn',
    roaming: 'home'
  },
  {
    label: 'SoftBank 440-20 with a SoftBank card (8981200…, §8.1 S49c): LINEMO and Y!mobile share it → SoftBank, ask',
    facts: { imsi: '440200123456789', iccid: withLuhn('898120123456789012'), servingPlmn: '44020' },
    carrier: 'softbank/softbank',
    confidence: 'low',
    askUser: true,
    kind: 'host-fallback',
    roaming: 'home'
  },
  { label: 'Three UK on 234-20 (§6, S2)', facts: { imsi: '234200123456789', servingPlmn: '23420' }, carrier: 'three-uk/three', confidence: 'medium', askUser: false, kind: 'home-plmn', roaming: 'home' },
  { label: 'A PLMN no pack covers (208-01) → no carrier, ask, names from the database', facts: { imsi: '208011234567890' }, confidence: 'none', askUser: true },
  {
    label: 'No IMSI, only the serving network → its carrier, ask',
    facts: { servingPlmn: '310 260' },
    carrier: 'tmobile-us-prepaid/tmobile',
    confidence: 'low',
    askUser: true,
    kind: 'host-fallback'
  }
]

describe('identifySim', () => {
  it.each(ROWS)('$label', (row) => {
    const result = identifySim(row.facts, context)
    expect(result.carrier ? `${result.carrier.packId}/${result.carrier.brandId}` : undefined).toBe(row.carrier)
    expect(result.confidence).toBe(row.confidence)
    expect(result.askUser).toBe(row.askUser)
    expect(result.carrier?.match.kind).toBe(row.kind)
    expect(result.roaming?.state).toBe(row.roaming)
    if (result.carrier) {
      expect(result.carrier.match.description.en.length).toBeGreaterThan(10)
      expect(result.carrier.match.description.ja.length).toBeGreaterThan(5)
      expect(result.carrier.match.sources.length).toBeGreaterThan(0)
    }
    expect(result.problems).toEqual([])
  })

  it('the rule that matched is reported', () => {
    const result = identifySim({ imsi: '310240123456789', gid1: '756D' }, context)
    expect(result.carrier?.match.rule).toEqual({ type: 'gid1', value: '756D' })
    expect(result.carrier?.match.sources).toEqual(['S3'])
  })

  it('ask-the-user answers list the brands that could not be ruled out', () => {
    const iij = identifySim({ imsi: '440103157204816' }, context)
    expect(iij.candidates.map((item) => `${item.packId}/${item.brandId}`)).toEqual(
      expect.arrayContaining(['docomo/docomo', 'docomo/ahamo', 'iijmio/type-d', 'rakuten-mobile/rakuten-mvno'])
    )
    const redPocket = identifySim({ imsi: '310260123456789', gid1: '4201' }, context)
    expect(redPocket.databaseMatches.map((item) => item.name)).toContain('Red Pocket Mobile')
    const unknown = identifySim({ imsi: '208011234567890' }, context)
    expect(unknown.networkNames[0]).toBe('Orange')
  })

  it('a GID1 that was read rules brands out; one that was not read does not', () => {
    const read = identifySim({ imsi: '310260591274038', gid1: 'FFFFFFFF' }, context)
    expect(read.candidates.map((item) => item.brandId)).not.toContain('metro')
    const unread = identifySim({ imsi: '310260591274038' }, context)
    expect(unread.candidates.map((item) => item.brandId)).toContain('metro')
  })

  it('bad inputs become problems, not exceptions', () => {
    const result = identifySim({ imsi: 'not an imsi', iccid: 'DN05035ABCDEFGH', servingPlmn: 'x' }, context)
    expect(result.problems.map((problem) => problem.kind)).toEqual(['malformed', 'docomo-serial', 'malformed'])
    expect(result.carrier).toBeUndefined()
    expect(result.askUser).toBe(true)
  })

  it('the ICCID and its issuer are reported alongside', () => {
    const result = identifySim({ imsi: '310260591274038', iccid: '8901234567012345678F' }, context)
    expect(result.iccid).toMatchObject({ iccid: '8901234567012345678', luhn: 'invalid', usZeroPadded: true })
    expect(result.iccid?.issuer).toBeUndefined()
    expect(db.mccCountries['440']).toEqual(['jp'])
  })
})

describe('pure functions never throw', () => {
  // A small deterministic fuzz: odd strings and non-strings through every entry point that takes user,
  // SIM or network input.
  const samples: unknown[] = [
    undefined,
    null,
    42,
    {},
    [],
    '',
    ' ',
    '\u0000',
    'ＭＡ１２３',
    '+',
    '++1',
    '８９８１',
    '9'.repeat(500),
    'F'.repeat(40),
    '98'.repeat(11),
    '440-',
    '-10',
    '(((',
    '@@',
    'DN05035ABCDEFGH',
    '\ud800'
  ]
  it('identifySim, normalizeIccid, splitImsi, parsePlmnId', () => {
    for (const a of samples) {
      for (const b of samples) {
        expect(() => identifySim({ imsi: a, iccid: b, gid1: a, spn: b, servingPlmn: a } as unknown as SimFacts, context)).not.toThrow()
      }
      expect(() => normalizeIccid(a)).not.toThrow()
      expect(() => splitImsi(a)).not.toThrow()
      expect(() => parsePlmnId(a)).not.toThrow()
    }
  })
})
