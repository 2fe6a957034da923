// Dial-up profiles: GET /api/dialup/profiles parsing and the POST bodies of the §1.10 table
// (reference/device-protocols.md §1.10; shapes as Salamek/huawei-lte-api:huawei_lte_api/api/DialUp.py sends them;
// ReadOnly 2 on the E5576 preset from Salamek/huawei-lte-api#221).
import { describe, expect, it } from 'vitest'
import {
  addProfileRequest,
  authFromCode,
  deleteProfileRequest,
  editProfileRequest,
  findCreatedProfile,
  isProfileId,
  parseProfiles,
  pdpFromCode,
  setDefaultRequest
} from '../../src/devices/families/huawei-hilink/profiles'
import { elementToRecord, parseXml, serializeRequest, type XmlRecord } from '../../src/devices/families/huawei-hilink/xml'
import type { ApnDraft, ApnProfile } from '../../src/devices/model'

function record(xml: string): XmlRecord {
  const parsed = parseXml(xml)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return elementToRecord(parsed.root)
}

const profile = (index: number, name: string, apn: string, extra = '') =>
  `<Profile><Index>${index}</Index><IsValid>1</IsValid><Name>${name}</Name><ApnIsStatic>1</ApnIsStatic><ApnName>${apn}</ApnName><DialupNum>*99#</DialupNum><Username></Username><Password></Password><AuthMode>0</AuthMode><IpIsStatic></IpIsStatic><IpAddress></IpAddress><DnsIsStatic>0</DnsIsStatic><PrimaryDns></PrimaryDns><SecondaryDns></SecondaryDns>${extra}</Profile>`

describe('parseProfiles', () => {
  it('normalizes a one-element list (the preset alone) and marks it default and read-only', () => {
    const parsed = parseProfiles(record(`<response><CurrentProfile>1</CurrentProfile><Profiles>${profile(1, 'T-Mobile', 'fast.t-mobile.com', '<ReadOnly>2</ReadOnly><iptype>2</iptype>')}</Profiles></response>`))
    expect(parsed).toEqual({
      profiles: [{ id: '1', name: 'T-Mobile', apn: 'fast.t-mobile.com', auth: 'none', pdpType: 'ipv4v6', isDefault: true, readOnly: true }],
      defaultId: '1',
      issues: []
    })
  })

  it('reads several profiles, credentials, and which one is default', () => {
    const xml = `<response><CurrentProfile>3</CurrentProfile><Profiles>${profile(1, 'T-Mobile', 'fast.t-mobile.com', '<ReadOnly>1</ReadOnly><iptype>2</iptype>')}${profile(
      3,
      'IIJmio',
      'iijmio.jp',
      '<ReadOnly>0</ReadOnly><iptype>0</iptype>'
    ).replace('<Username></Username><Password></Password><AuthMode>0</AuthMode>', '<Username>mio@iij</Username><Password>iij</Password><AuthMode>2</AuthMode>')}</Profiles></response>`
    const parsed = parseProfiles(record(xml))
    expect(parsed.defaultId).toBe('3')
    expect(parsed.profiles).toEqual([
      { id: '1', name: 'T-Mobile', apn: 'fast.t-mobile.com', auth: 'none', pdpType: 'ipv4v6', isDefault: false, readOnly: true },
      { id: '3', name: 'IIJmio', apn: 'iijmio.jp', auth: 'chap', pdpType: 'ipv4', isDefault: true, username: 'mio@iij', password: 'iij' }
    ])
  })

  it.each([
    ['no profiles element', '<response><CurrentProfile>0</CurrentProfile></response>'],
    ['an empty list', '<response><CurrentProfile>0</CurrentProfile><Profiles></Profiles></response>'],
    ['nothing at all', '<response></response>']
  ])('%s → no profiles, no default, no issue', (_name, xml) => {
    expect(parseProfiles(record(xml))).toEqual({ profiles: [], issues: [] })
  })

  it('skips IsValid 0 slots and reports entries it cannot read', () => {
    const xml = `<response><CurrentProfile>9</CurrentProfile><Profiles>${profile(1, 'A', 'a').replace('<IsValid>1</IsValid>', '<IsValid>0</IsValid>')}<Profile><Name>no index</Name></Profile><Profile>text</Profile>${profile(2, 'B', 'b')}</Profiles></response>`
    const parsed = parseProfiles(record(xml))
    expect(parsed.profiles.map((p) => p.id)).toEqual(['2'])
    expect(parsed.defaultId).toBeUndefined() // 9 is not in the list
    expect(parsed.profiles[0]!.isDefault).toBe(false)
    expect(parsed.issues.map((issue) => issue.field)).toEqual(['Index', 'Profile'])
  })

  it('never throws on garbage', () => {
    expect(parseProfiles(undefined)).toEqual({ profiles: [], issues: [] })
    expect(parseProfiles(record('<response><Profiles>just text</Profiles></response>')).profiles).toEqual([])
  })

  it.each([
    ['0', false, 'none'],
    ['0', true, 'pap-or-chap'],
    ['1', true, 'pap'],
    ['2', false, 'chap'],
    [undefined, false, 'none']
  ] as const)('AuthMode %j (credentials %s) → %s', (raw, credentials, auth) => {
    expect(authFromCode(raw, credentials)).toBe(auth)
  })

  it.each([
    ['0', 'ipv4'],
    ['1', 'ipv6'],
    ['2', 'ipv4v6'],
    [undefined, 'ipv4'] // old E5 firmware have no iptype and only do IPv4
  ] as const)('iptype %j → %s', (raw, pdp) => {
    expect(pdpFromCode(raw)).toBe(pdp)
  })
})

describe('POST dialup/profiles bodies (element order as Salamek sends them)', () => {
  const draft: ApnDraft = { name: 'IIJ & co', apn: ' iijmio.jp ', username: 'mio@iij', password: 'iij', auth: 'pap-or-chap', pdpType: 'ipv4v6' }
  const profileXml = (index: string) =>
    `<Profile><Index>${index}</Index><IsValid>1</IsValid><Name>IIJ &amp; co</Name><ApnIsStatic>1</ApnIsStatic><ApnName>iijmio.jp</ApnName><DialupNum>*99#</DialupNum><Username>mio@iij</Username><Password>iij</Password><AuthMode>0</AuthMode><IpIsStatic></IpIsStatic><IpAddress></IpAddress><DnsIsStatic></DnsIsStatic><PrimaryDns></PrimaryDns><SecondaryDns></SecondaryDns><ReadOnly>0</ReadOnly><iptype>2</iptype></Profile>`
  const wrap = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><request>${inner}</request>`

  it('add: SetDefault 0, Modify 1, Index empty, DialupNum always sent', () => {
    expect(serializeRequest(addProfileRequest(draft))).toBe(wrap(`<SetDefault>0</SetDefault><Delete>0</Delete><Modify>1</Modify>${profileXml('')}`))
  })

  it('edit: Modify 2 with the Index; SetDefault is the index only for the default', () => {
    expect(serializeRequest(editProfileRequest('4', draft, true))).toBe(wrap(`<SetDefault>4</SetDefault><Delete>0</Delete><Modify>2</Modify>${profileXml('4')}`))
    expect(serializeRequest(editProfileRequest('4', draft, false))).toContain('<SetDefault>0</SetDefault>')
  })

  it('set default and delete carry no Profile', () => {
    expect(serializeRequest(setDefaultRequest('2'))).toBe(wrap('<SetDefault>2</SetDefault><Delete>0</Delete><Modify>0</Modify>'))
    expect(serializeRequest(deleteProfileRequest('2'))).toBe(wrap('<SetDefault>0</SetDefault><Delete>2</Delete><Modify>0</Modify>'))
  })

  it.each([
    [{ auth: 'none', pdpType: 'ipv4' }, '<AuthMode>0</AuthMode>', '<iptype>0</iptype>'],
    [{ auth: 'pap', pdpType: 'ipv6' }, '<AuthMode>1</AuthMode>', '<iptype>1</iptype>'],
    [{ auth: 'chap', pdpType: 'ipv4v6' }, '<AuthMode>2</AuthMode>', '<iptype>2</iptype>']
  ] as const)('auth and PDP type codes %j', (change, auth, ip) => {
    const xml = serializeRequest(addProfileRequest({ ...draft, ...change }))
    expect(xml).toContain(auth)
    expect(xml).toContain(ip)
  })

  it('an empty APN is sent as not static (the network assigns one)', () => {
    expect(serializeRequest(addProfileRequest({ ...draft, apn: '' }))).toContain('<ApnIsStatic>0</ApnIsStatic><ApnName></ApnName>')
  })
})

describe('helpers', () => {
  const p = (id: string, name = 'x', apn = 'a'): ApnProfile => ({ id, name, apn, auth: 'none', pdpType: 'ipv4', isDefault: false })

  it('findCreatedProfile picks the new id, or the one matching the draft when two appeared', () => {
    const draft: ApnDraft = { name: 'Mine', apn: 'mine.apn', auth: 'none', pdpType: 'ipv4' }
    expect(findCreatedProfile([p('1')], [p('1'), p('2')], draft)?.id).toBe('2')
    expect(findCreatedProfile([p('1')], [p('1'), p('2', 'Other'), p('3', 'Mine', 'mine.apn')], draft)?.id).toBe('3')
    expect(findCreatedProfile([p('1')], [p('1')], draft)).toBeUndefined()
  })

  it.each([
    ['1', true],
    ['16', true],
    ['0', false],
    ['01', false],
    ['-1', false],
    ['abc', false],
    ['', false]
  ])('isProfileId(%j) = %s', (id, valid) => {
    expect(isProfileId(id)).toBe(valid)
  })
})
