// Golden profile validation (schema and device rules, with the path of every issue), SSID patterns and
// generated secrets.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROFILE_SCHEMA_ID } from '../../src/contract/shop'
import { ProfileStore } from '../../src/shop/profile-store'
import { validateProfile } from '../../src/shop/profile-validation'
import { generateSecret, KEY_ALPHABET_CHARACTERS, resolveSecret } from '../../src/shop/secret-generator'
import { expandSsid, longestExpansionBytes, parseSsidPattern } from '../../src/shop/ssid-pattern'
import { keyViolation } from '../../src/devices/wifi-rules'

const base = {
  schema: PROFILE_SCHEMA_ID,
  id: 'shop-us',
  name: 'Shop US',
  apn: { name: 'T-Mobile', apn: 'fast.t-mobile.com' },
  wifi: { ssid: 'RENT-{imei4}', key: { mode: 'generate', length: 12, alphabet: 'alnum-unambiguous' } },
  adminPassword: { mode: 'generate', length: 16, alphabet: 'alnum' },
  dataPlan: { limitBytes: 10 * 1024 ** 3, startDay: 1 },
  language: 'ja',
  autoUpdate: false,
  resetCounters: true
}

const withWifi = (wifi: Record<string, unknown>) => ({ ...base, wifi: { ...base.wifi, ...wifi } })

describe('validateProfile', () => {
  it('accepts a complete profile and fills the defaults', () => {
    const result = validateProfile(base)
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.profile.wifi?.security).toBe('wpa2-psk')
      expect(result.profile.unsupported).toBe('fail')
      expect(result.profile.apn).toMatchObject({ auth: 'none', pdpType: 'ipv4v6' })
    }
  })

  it.each([
    ['wrong schema id', { ...base, schema: 'other@1' }, 'schema'],
    ['id with capitals', { ...base, id: 'Shop' }, 'id'],
    ['unknown top-level field', { ...base, colour: 'red' }, '(profile)'],
    ['key too short to generate', withWifi({ key: { mode: 'generate', length: 7, alphabet: 'alnum' } }), 'wifi.key.length'],
    ['unknown alphabet', withWifi({ key: { mode: 'generate', length: 12, alphabet: 'emoji' } }), 'wifi.key.alphabet'],
    ['fixed key of 7 characters', withWifi({ key: { mode: 'fixed', value: 'abcdefg' } }), 'wifi.key.value'],
    ['fixed key with a non-ASCII letter', withWifi({ key: { mode: 'fixed', value: 'pässwort123' } }), 'wifi.key.value'],
    ['fixed key of 64 non-hex characters', withWifi({ key: { mode: 'fixed', value: 'g'.repeat(64) } }), 'wifi.key.value'],
    ['unknown SSID token', withWifi({ ssid: 'RENT-{imei9}' }), 'wifi.ssid'],
    ['unmatched brace', withWifi({ ssid: 'RENT-{imei4' }), 'wifi.ssid'],
    ['SSID over 32 bytes at its longest', withWifi({ ssid: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ-{imei6}' }), 'wifi.ssid'],
    ['SSID of multibyte text over 32 bytes', withWifi({ ssid: 'レンタルWiFi東京駅前店-{n}' }), 'wifi.ssid'],
    ['open network', withWifi({ security: 'open' }), 'wifi.security'],
    ['admin password with a space', { ...base, adminPassword: { mode: 'fixed', value: 'two words' } }, 'adminPassword.value'],
    ['admin password longer than 32', { ...base, adminPassword: { mode: 'generate', length: 40, alphabet: 'alnum' } }, 'adminPassword.length'],
    ['start day 32', { ...base, dataPlan: { limitBytes: 1, startDay: 32 } }, 'dataPlan.startDay'],
    ['negative limit', { ...base, dataPlan: { limitBytes: -1, startDay: 1 } }, 'dataPlan.limitBytes'],
    ['APN with a space', { ...base, apn: { name: 'x', apn: 'fast t-mobile' } }, 'apn.apn'],
    ['language not offered', { ...base, language: 'fr' }, 'language']
  ])('refuses %s (issue at %s)', (_name, profile, path) => {
    const result = validateProfile(profile)
    expect(result.ok).toBe(false)
    expect(result.issues.map((issue) => issue.path)).toContain(path)
    for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(5)
  })

  it('accepts a 64-digit hex PSK and a 32-byte SSID at its longest', () => {
    expect(validateProfile(withWifi({ key: { mode: 'fixed', value: 'a1'.repeat(32) } })).ok).toBe(true)
    // 26 + 6 = 32 bytes exactly.
    expect(validateProfile(withWifi({ ssid: 'ABCDEFGHIJKLMNOPQRSTUVWXY-{imei6}' })).ok).toBe(true)
  })

  it('refuses a profile that changes nothing, and non-objects', () => {
    expect(validateProfile({ schema: PROFILE_SCHEMA_ID, id: 'empty', name: 'Empty' }).issues).toEqual([
      expect.objectContaining({ path: '(profile)' })
    ])
    expect(validateProfile('hello').ok).toBe(false)
    expect(validateProfile(null).ok).toBe(false)
  })
})

describe('SSID patterns', () => {
  it('expands every token from the unit', () => {
    const parsed = parseSsidPattern('S-{imei4}-{imei6}-{serial4}-{iccid4}-{n}')
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(longestExpansionBytes(parsed.parts)).toBe(2 + 4 + 1 + 6 + 1 + 4 + 1 + 4 + 1 + 4)
    expect(expandSsid(parsed.parts, { imei: '866123456789012', serialNumber: 'g4px-9k1b', iccid: '8901260412055501434', position: 7 })).toEqual({
      ok: true,
      ssid: 'S-9012-789012-9K1B-1434-07'
    })
  })

  it('says which token a unit cannot fill', () => {
    const parsed = parseSsidPattern('RENT-{imei4}')
    if (!parsed.ok) throw new Error('pattern')
    const result = expandSsid(parsed.parts, { position: 1 })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(/IMEI/)
  })
})

describe('generated secrets', () => {
  it.each(Object.entries(KEY_ALPHABET_CHARACTERS))('%s: the right length, drawn only from the alphabet, valid WPA keys', (alphabet, characters) => {
    for (const length of [8, 12, 63]) {
      const key = generateSecret(length, alphabet as keyof typeof KEY_ALPHABET_CHARACTERS)
      expect(key).toHaveLength(length)
      for (const char of key) expect(characters).toContain(char)
      expect(keyViolation(key)).toBeUndefined()
    }
  })

  it('the unambiguous alphabet has no 0, O, 1, l or I', () => {
    expect(KEY_ALPHABET_CHARACTERS['alnum-unambiguous']).not.toMatch(/[0O1lI]/)
    expect(KEY_ALPHABET_CHARACTERS['alnum-unambiguous']).toHaveLength(57)
  })

  it('uses every character of the alphabet about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>()
    const draws = 40_000
    const text = generateSecret(draws, 'digits')
    for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1)
    expect(counts.size).toBe(10)
    // Each digit expects 4000; 5 standard deviations (≈ 300) is far outside chance.
    for (const count of counts.values()) expect(Math.abs(count - draws / 10)).toBeLessThan(300)
  })

  it('fixed rules give their value; generated ones differ each time', () => {
    expect(resolveSecret({ mode: 'fixed', value: 'Shop-2026-key' })).toBe('Shop-2026-key')
    const rule = { mode: 'generate', length: 16, alphabet: 'alnum' } as const
    expect(resolveSecret(rule)).not.toBe(resolveSecret(rule))
  })
})

describe('ProfileStore', () => {
  it('saves atomically (owner-only), lists, reports broken files as problems and removes', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-profiles-'))
    const store = new ProfileStore(dataDir)
    const saved = store.save(base)
    expect(saved.file).toBe(join(dataDir, 'profiles', 'shop-us.json'))
    expect(statSync(saved.file as string).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(saved.file as string, 'utf8'))).toMatchObject({ id: 'shop-us', wifi: { security: 'wpa2-psk' } })
    writeFileSync(join(dataDir, 'profiles', 'broken.json'), '{ not json')
    writeFileSync(join(dataDir, 'profiles', 'wrong-name.json'), JSON.stringify({ ...base, id: 'other' }))
    const listed = store.list()
    expect(listed.profiles.map((entry) => entry.profile.id)).toEqual(['shop-us'])
    expect(listed.problems.map((problem) => problem.file.split('/').pop())).toEqual(['broken.json', 'wrong-name.json'])
    expect(listed.problems[0]?.issues[0]?.message).toMatch(/JSON/)
    expect(() => store.save({ ...base, wifi: { ssid: 'x', key: { mode: 'fixed', value: 'short' } } })).toThrow(/wifi\.key\.value/)
    expect(() => store.get('missing')).toThrow(/no saved profile/)
    expect(store.remove('shop-us')).toBe(true)
    expect(store.remove('shop-us')).toBe(false)
  })
})
