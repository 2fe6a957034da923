// Carrier packs: every built-in pack validates, every fact names its sources, the facts the issue singled out
// carry the right markers (dated / unverified), and the loader merges user overrides by pack id while
// reporting broken ones (file + JSON path) and keeping the built-in pack.
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadCarrierPacks, mergePacks, parseCarrierPackText, validateCarrierPack } from '../../src/carriers/pack-loader'
import { CarrierPack, hostAllowed } from '../../src/carriers/pack-schema'
import { hasNestedQuantifier } from '../../src/carriers/regex-safety'
import { runTroubleshooter, orderOutcomes } from '../../src/carriers/troubleshoot'
import { isNavigationAllowed, prefillFlow, validateFlowField } from '../../src/carriers/portal'

const BUILTIN = resolve(__dirname, '../../resources/carriers')
const EXPECTED_PACKS = [
  'att-prepaid',
  'docomo',
  'ee',
  'giffgaff',
  'iijmio',
  'kddi',
  'mint-mobile',
  'o2-uk',
  'rakuten-mobile',
  'softbank',
  'three-uk',
  'tmobile-us-prepaid',
  'verizon-prepaid',
  'vodafone-uk'
]

async function builtinPacks(): Promise<CarrierPack[]> {
  const set = await loadCarrierPacks({ builtinDir: BUILTIN })
  expect(set.problems).toEqual([])
  return set.packs.map((item) => item.pack)
}

async function readPackJson(id: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(BUILTIN, `${id}.json`), 'utf8')) as Record<string, unknown>
}

/** Every object with a `sources` array of ids, anywhere below the top level. */
function factsOf(node: unknown, path = '', out: { path: string; fact: Record<string, unknown> }[] = []) {
  if (Array.isArray(node)) node.forEach((item, index) => factsOf(item, `${path}[${index}]`, out))
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>
    if (path !== '' && Array.isArray(record.sources)) out.push({ path, fact: record })
    for (const [key, value] of Object.entries(record)) if (key !== 'sources') factsOf(value, path === '' ? key : `${path}.${key}`, out)
  }
  return out
}

describe('built-in carrier packs', () => {
  it('all validate and cover the carriers the reference lists', async () => {
    const files = (await readdir(BUILTIN)).filter((name) => name.endsWith('.json')).sort()
    expect(files).toEqual(EXPECTED_PACKS.map((id) => `${id}.json`))
    const packs = await builtinPacks()
    expect(packs.map((pack) => pack.id)).toEqual(EXPECTED_PACKS)
    for (const pack of packs) expect(`${pack.id}.json`).toBe(files.find((file) => file === `${pack.id}.json`))
  })

  it('every fact names known sources and a confidence; the pack lists only sources it uses', async () => {
    for (const pack of await builtinPacks()) {
      const facts = factsOf(pack)
      expect(facts.length).toBeGreaterThan(5)
      const used = new Set<string>()
      for (const { path, fact } of facts) {
        expect(fact.confidence, `${pack.id} ${path}`).toMatch(/^(verified|secondary|unverified)$/)
        for (const id of fact.sources as string[]) used.add(id)
      }
      expect([...used].sort(), pack.id).toEqual(pack.sources.map((source) => source.id).sort())
    }
  })

  it('facts from the issue that the reference does not confirm are marked unverified', async () => {
    for (const pack of await builtinPacks()) {
      for (const { path, fact } of factsOf(pack)) {
        const sources = fact.sources as string[]
        if (sources.length === 1 && (sources[0] === 'issue' || sources[0] === 'well-known-domain')) {
          expect(fact.confidence, `${pack.id} ${path}`).toBe('unverified')
        }
      }
    }
  })

  it('T-Mobile: 2013 pass prices are dated 2013 and unverified; the stock-number advice is unverified', async () => {
    const pack = await readPackJson('tmobile-us-prepaid')
    const parsed = CarrierPack.parse(pack)
    const prices = parsed.facts.find((fact) => fact.id === 'pass-prices-2013')
    expect(prices?.dated?.year).toBe(2013)
    expect(prices?.confidence).toBe('unverified')
    expect(prices?.text.en).toContain('$10 for 500 MB, $15 for 1 GB, $30 for 3 GB')
    const flow = parsed.flows.find((item) => item.id === 'hotspot-portal')
    const kit = flow?.steps.find((step) => step.id === 'sim-kit')
    expect(kit?.checks?.find((check) => check.id === 'stock-number')?.confidence).toBe('unverified')
    expect(kit?.checks?.find((check) => check.id === 'activate-by')?.confidence).toBe('verified')
    const cancel = flow?.steps.find((step) => step.id === 'cancel-plan')
    expect(cancel?.warnings?.[0]).toMatchObject({ level: 'danger', acknowledge: true })
    expect(parsed.ussd.map((code) => code.code)).toEqual(expect.arrayContaining(['#225#', '#932#']))
  })

  it('T-Mobile hotspot flow: number prefilled as 10 digits, menu covers the issue’s actions, known errors lead somewhere', async () => {
    const pack = CarrierPack.parse(await readPackJson('tmobile-us-prepaid'))
    const flow = pack.flows.find((item) => item.id === 'hotspot-portal')
    if (!flow) throw new Error('no hotspot-portal flow')
    const menu = flow.steps.find((step) => step.id === 'menu')
    expect(menu?.options?.map((option) => option.id)).toEqual(['profile', 'refill', 'pass', 'plan', 'cancel'])
    expect(menu?.options?.find((option) => option.id === 'cancel')?.danger).toBe(true)
    const errors = flow.steps.flatMap((step) => step.knownErrors ?? []).map((error) => error.id)
    expect(errors).toEqual(expect.arrayContaining(['unknown-email', 'wrong-number', 'number-email-mismatch', 'expired-sim']))
    expect(prefillFlow(flow, { msisdn: '+1 (206) 555-0142' })).toEqual([
      { stepId: 'number', fieldId: 'msisdn', value: '2065550142' },
      { stepId: 'line', fieldId: 'msisdn-choice', selector: '[name="msisdnChoice"], #msisdnChoice', value: '2065550142' }
    ])
    const refill = flow.steps.find((step) => step.id === 'refill-balance')
    expect(refill?.ussd).toBe('balance')
  })

  it('IIJmio: network PIN card warns about the default 1234; recovery paths prefill ICCID and the 11-digit number', async () => {
    const pack = CarrierPack.parse(await readPackJson('iijmio'))
    const pin = pack.flows.find((flow) => flow.id === 'network-pin')
    expect(pin?.steps.find((step) => step.id === 'default-check')?.warnings?.[0]?.text.en).toContain('1234')
    expect(pin?.steps.find((step) => step.id === 'pending')?.warnings?.[0]?.confidence).toBe('unverified')
    const recover = pack.flows.find((flow) => flow.id === 'recover')
    if (!recover) throw new Error('no recover flow')
    expect(prefillFlow(recover, { iccid: '8981100514620985376F', msisdn: '+81 80-0000-1234' })).toEqual([
      { stepId: 'by-sim', fieldId: 'iccid', selector: '[name="iccid"], #iccid', value: '8981100514620985376' },
      { stepId: 'by-sim', fieldId: 'msisdn', selector: '[name="msisdn"], #msisdn', value: '08000001234' }
    ])
    const signIn = pack.flows.find((flow) => flow.id === 'sign-in')?.steps[0]?.fields?.[0]
    if (!signIn) throw new Error('no sign-in field')
    expect(validateFlowField(signIn, 'ma123456')).toMatchObject({ ok: true, value: { kind: 'mioid', value: 'MA123456' } })
    expect(validateFlowField(signIn, 'user@example.jp')).toMatchObject({ ok: true, value: { kind: 'email' } })
    expect(validateFlowField(signIn, '09012345678').ok).toBe(false)
    expect(pack.noUssd?.confidence).toBe('unverified')
  })

  it('Rakuten: shortcuts cover the issue’s list and the login troubleshooter decides the ID-form and line checks', async () => {
    const pack = CarrierPack.parse(await readPackJson('rakuten-mobile'))
    const shortcuts = pack.flows[0]?.steps.find((step) => step.id === 'shortcuts')
    expect(shortcuts?.options?.map((option) => option.id)).toEqual(
      expect.arrayContaining(['contract', 'sim-swap', 'registration', 'data', 'bills', 'options', 'points', 'support'])
    )
    const troubleshooter = pack.troubleshooters.find((item) => item.id === 'sign-in')
    if (!troubleshooter) throw new Error('no sign-in troubleshooter')
    const outcomes = runTroubleshooter(troubleshooter, { 'login.identifier': '080-1234-5678', 'registration.state': 'home' })
    const status = Object.fromEntries(outcomes.map((outcome) => [outcome.checkId, outcome.status]))
    expect(status).toMatchObject({ 'identifier-form': 'failed', 'line-active': 'passed', 'mnp-start': 'ask', outage: 'ask', 'clear-cache': 'ask' })
    expect(orderOutcomes(outcomes)[0]?.checkId).toBe('identifier-form')
    const again = runTroubleshooter(troubleshooter, { 'login.identifier': 'someone@example.jp', 'registration.state': 'denied' })
    expect(again.find((outcome) => outcome.checkId === 'identifier-form')?.status).toBe('passed')
    expect(again.find((outcome) => outcome.checkId === 'line-active')?.status).toBe('failed')
    expect(troubleshooter.checks.map((check) => check.id)).toEqual(
      expect.arrayContaining(['line-active', 'mnp-start', 'outage', 'clear-cache'])
    )
    expect(troubleshooter.checks.find((check) => check.id === 'clear-cache')?.remedy.action).toEqual({ kind: 'clear-portal-data' })
  })

  it('portal URLs stay inside their allow-lists', async () => {
    for (const pack of await builtinPacks()) {
      for (const portal of pack.portals) {
        for (const url of Object.values(portal.urls)) if (url) expect(isNavigationAllowed(portal, url), `${pack.id} ${url}`).toBe(true)
        expect(isNavigationAllowed(portal, 'https://evil.example/')).toBe(false)
      }
    }
  })
})

describe('navigation allow-list', () => {
  it.each([
    ['https://my.t-mobile.com/account', ['my.t-mobile.com'], true],
    ['https://my.t-mobile.com.evil.example/', ['my.t-mobile.com'], false],
    ['http://my.t-mobile.com/', ['my.t-mobile.com'], false],
    ['https://www.t-mobile.com/', ['*.t-mobile.com'], true],
    ['https://t-mobile.com/', ['*.t-mobile.com'], false],
    ['https://evilt-mobile.com/', ['*.t-mobile.com'], false],
    ['https://user:pw@my.t-mobile.com/', ['my.t-mobile.com'], false],
    ['javascript:alert(1)', ['my.t-mobile.com'], false],
    ['not a url', ['my.t-mobile.com'], false]
  ])('%s with %j → %s', (url, patterns, allowed) => {
    expect(hostAllowed(url, patterns)).toBe(allowed)
  })
})

/** The smallest valid pack, for testing the validator and the loader. */
function minimalPack(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const prov = { sources: ['S1'], confidence: 'verified' }
  return {
    format: 1,
    id,
    names: { en: id, ja: id },
    country: 'US',
    brands: [{ id: 'main', names: { en: 'Main', ja: 'メイン' }, kind: 'mno', homePlmns: ['310-260'], ...prov }],
    planGenerations: [{ id: 'current', names: { en: 'Now', ja: '現行' }, status: 'current', ...prov }],
    sources: [{ id: 'S1', ref: 'a test source' }],
    ...extra
  }
}

describe('pack validation', () => {
  const prov = { sources: ['S1'], confidence: 'verified' }
  const portal = {
    id: 'web',
    planGenerations: ['current'],
    names: { en: 'Web', ja: 'ウェブ' },
    status: 'current',
    allowedDomains: ['portal.example.com'],
    login: { identifiers: ['email'], ...prov },
    ...prov
  }

  it.each([
    ['an unknown source', { facts: [{ id: 'f', topic: 'pricing', text: { en: 'x', ja: 'x' }, sources: ['S9'], confidence: 'verified' }] }, 'facts[0].sources[0]', 'unknown source "S9"'],
    ['a missing confidence', { facts: [{ id: 'f', topic: 'pricing', text: { en: 'x', ja: 'x' }, sources: ['S1'] }] }, 'facts[0].confidence', ''],
    ['a URL outside the allow-list', { portals: [{ ...portal, urls: { home: 'https://elsewhere.example.com/' } }] }, 'portals[0].urls.home', 'outside'],
    ['plain http', { portals: [{ ...portal, urls: { home: 'http://portal.example.com/' } }] }, 'portals[0].urls.home', 'https'],
    ['a bad PLMN', { brands: [{ id: 'main', names: { en: 'M', ja: 'M' }, kind: 'mno', homePlmns: ['31026'], ...prov }] }, 'brands[0].homePlmns[0]', 'MCC-MNC'],
    [
      'a step pointing nowhere',
      { portals: [portal], flows: [{ id: 'f', portal: 'web', titles: { en: 'F', ja: 'F' }, ...prov, steps: [{ id: 'a', kind: 'info', title: { en: 'A', ja: 'A' }, next: 'b', ...prov }] }] },
      'flows[0].steps[0].next',
      'unknown step "b"'
    ],
    [
      'a reply regex that can hang',
      { ussd: [{ id: 'b', code: '#225#', channel: 'ussd', purpose: 'balance', labels: { en: 'B', ja: 'B' }, ...prov, reply: { patterns: [{ regex: '(?<balance>(\\d+)+)' }], ...prov } }] },
      'ussd[0].reply.patterns[0].regex',
      'repeated group'
    ],
    [
      'a reply regex with an unknown group',
      { ussd: [{ id: 'b', code: '#225#', channel: 'ussd', purpose: 'balance', labels: { en: 'B', ja: 'B' }, ...prov, reply: { patterns: [{ regex: '(?<money>\\d+)' }], ...prov } }] },
      'ussd[0].reply.patterns[0].regex',
      'unknown group "money"'
    ],
    ['a duplicate id', { apns: [1, 2].map(() => ({ id: 'a', name: 'A', apn: 'a', auth: 'none', pdpType: 'ipv4v6', role: 'default', ...prov })) }, 'apns[1].id', 'duplicate id "a"'],
    ['an unknown field', { colour: 'red' }, '(top level)', 'colour']
  ])('reports %s with its path', (_label, extra, path, message) => {
    const result = validateCarrierPack(minimalPack('test', extra), 'carriers/test.json', 'override')
    expect(result.ok).toBe(false)
    if (result.ok) return
    const issue = result.error.issues.find((item) => item.path === path)
    expect(issue, JSON.stringify(result.error.issues)).toBeDefined()
    expect(issue?.message).toContain(message)
    expect(result.error.message).toMatch(/^carriers\/test\.json: not a valid carrier pack/)
    expect(result.error.message).toContain('the override is ignored')
  })

  it('rejects text that is not JSON with the file name', () => {
    const result = parseCarrierPackText('{ "id": ', 'x/broken.json', 'builtin')
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-json', file: 'x/broken.json' } })
  })

  it.each([
    ['(a+)+', true],
    ['(\\d*\\s?)*', true],
    ['(?:x|y+){2,}', true],
    ['(?<balance>\\d{1,5}(?:\\.\\d{2})?)', false],
    ['(?<dataUsed>\\d{1,6}(?:\\.\\d{1,3})?)\\s?(?<unit>[KMG]B)', false],
    ['[(a+)]+', false],
    ['\\(a+\\)+', false]
  ])('nested-quantifier check: %s → %s', (pattern, nested) => {
    expect(hasNestedQuantifier(pattern)).toBe(nested)
  })
})

describe('loading with user overrides', () => {
  let root: string
  let builtinDir: string
  let overrideDir: string
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'carrier-packs-'))
    builtinDir = join(root, 'builtin')
    overrideDir = join(root, 'carriers')
    await mkdir(builtinDir)
    await writeFile(join(builtinDir, 'alpha.json'), JSON.stringify(minimalPack('alpha')))
    await writeFile(join(builtinDir, 'beta.json'), JSON.stringify(minimalPack('beta')))
  })
  afterEach(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('a missing override folder is normal', async () => {
    const set = await loadCarrierPacks({ builtinDir, overrideDir })
    expect(set.problems).toEqual([])
    expect(set.packs.map((item) => [item.pack.id, item.origin])).toEqual([
      ['alpha', 'builtin'],
      ['beta', 'builtin']
    ])
  })

  it('a valid override replaces the built-in pack with the same id; a new id is added', async () => {
    await mkdir(overrideDir)
    await writeFile(join(overrideDir, 'my-alpha.json'), JSON.stringify(minimalPack('alpha', { names: { en: 'Mine', ja: '自分用' } })))
    await writeFile(join(overrideDir, 'gamma.json'), JSON.stringify(minimalPack('gamma')))
    await writeFile(join(overrideDir, 'notes.txt'), 'not a pack')
    const set = await loadCarrierPacks({ builtinDir, overrideDir })
    expect(set.problems).toEqual([])
    const alpha = set.packs.find((item) => item.pack.id === 'alpha')
    expect(alpha).toMatchObject({ origin: 'override', file: join(overrideDir, 'my-alpha.json'), replaces: join(builtinDir, 'alpha.json') })
    expect(alpha?.pack.names.en).toBe('Mine')
    expect(set.packs.map((item) => item.pack.id)).toEqual(['alpha', 'beta', 'gamma'])
  })

  it('a broken override is reported with file and path, and the built-in pack stays', async () => {
    await mkdir(overrideDir)
    const broken = minimalPack('alpha', { country: 'usa' })
    await writeFile(join(overrideDir, 'alpha.json'), JSON.stringify(broken))
    await writeFile(join(overrideDir, 'beta.json'), '{ not json')
    const set = await loadCarrierPacks({ builtinDir, overrideDir })
    expect(set.packs.map((item) => [item.pack.id, item.origin])).toEqual([
      ['alpha', 'builtin'],
      ['beta', 'builtin']
    ])
    expect(set.problems).toHaveLength(2)
    const [first, second] = set.problems
    expect(first).toMatchObject({ kind: 'invalid-pack', origin: 'override', file: join(overrideDir, 'alpha.json') })
    expect(first?.issues).toEqual([expect.objectContaining({ path: 'country' })])
    expect(first?.message).toContain(join(overrideDir, 'alpha.json'))
    expect(first?.message).toContain('country')
    expect(second).toMatchObject({ kind: 'invalid-json', origin: 'override', file: join(overrideDir, 'beta.json') })
  })

  it('two files with one id: the second is reported and ignored', async () => {
    await writeFile(join(builtinDir, 'zeta.json'), JSON.stringify(minimalPack('alpha')))
    const set = await loadCarrierPacks({ builtinDir })
    expect(set.problems).toEqual([expect.objectContaining({ kind: 'duplicate-id', file: join(builtinDir, 'zeta.json') })])
    expect(set.packs.find((item) => item.pack.id === 'alpha')?.file).toBe(join(builtinDir, 'alpha.json'))
  })

  it('an unreadable built-in folder is a problem, not an exception', async () => {
    const set = await loadCarrierPacks({ builtinDir: join(root, 'nope') })
    expect(set.packs).toEqual([])
    expect(set.problems).toEqual([expect.objectContaining({ kind: 'folder-unreadable', origin: 'builtin' })])
  })

  it('mergePacks is pure and sorted', () => {
    const a = validateCarrierPack(minimalPack('b'), 'b.json')
    const b = validateCarrierPack(minimalPack('a'), 'a.json')
    if (!a.ok || !b.ok) throw new Error('fixture invalid')
    const merged = mergePacks([{ pack: a.value, origin: 'builtin', file: 'b.json' }], [{ pack: b.value, origin: 'override', file: 'o/a.json' }])
    expect(merged.map((item) => item.pack.id)).toEqual(['a', 'b'])
    expect(merged[0]?.replaces).toBeUndefined()
  })
})
