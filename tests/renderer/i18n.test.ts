import { ERROR_CODES } from '@contract/errors'
import { describe, expect, it } from 'vitest'
import en from '@renderer/i18n/en'
import ja from '@renderer/i18n/ja'
import { resolveLocale } from '@renderer/stores/settings'

/** Every leaf key path of a message tree, e.g. "signal.quality.good". */
function leafKeys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leafKeys(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`]
  )
}

function leafValues(tree: Record<string, unknown>): string[] {
  return Object.values(tree).flatMap((value) =>
    typeof value === 'object' && value !== null ? leafValues(value as Record<string, unknown>) : [String(value)]
  )
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()
}

describe('messages', () => {
  it('English and Japanese have exactly the same keys', () => {
    const enKeys = leafKeys(en).sort()
    const jaKeys = leafKeys(ja).sort()
    expect(jaKeys.filter((key) => !enKeys.includes(key))).toEqual([])
    expect(enKeys.filter((key) => !jaKeys.includes(key))).toEqual([])
    expect(enKeys.length).toBeGreaterThan(100)
  })

  it('uses the same placeholders in both languages', () => {
    const get = (tree: unknown, path: string) =>
      path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string
    for (const key of leafKeys(en)) {
      expect(placeholders(get(ja, key)), key).toEqual(placeholders(get(en, key)))
    }
  })

  it('has no empty messages and no characters vue-i18n would treat as syntax', () => {
    for (const value of [...leafValues(en), ...leafValues(ja)]) {
      expect(value.trim()).not.toBe('')
      expect(value).not.toMatch(/[@|$]/)
    }
  })

  it('describes every contract error code in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(en.errors[code].title).toBeTruthy()
      expect(ja.errors[code].hint).toBeTruthy()
    }
  })

  it('is really translated: the Japanese set uses natural terms, not English copies', () => {
    expect(ja.phone.title).toBe('電話番号')
    expect(ja.signal.title).toBe('電波')
    expect(ja.usage.title).toBe('通信量')
    expect(ja.empty.startDemo).toBe('デモ用ホットスポットを試す')
    const sameAsEnglish = leafKeys(en).filter((key) => {
      const get = (tree: unknown) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree)
      return get(en) === get(ja)
    })
    // Only product names, acronyms and units may stay the same.
    expect(sameAsEnglish.every((key) => /^(app\.title|signal\.(rssi|rsrp|rsrq|sinr|rscp|ecio|rat\.(gsm|umts|lte|nr))|network\.plmn|sim\.(title|iccid|imsi)|device\.imei|history\.(rsrp|sinr)|apn\.(apn|authType\.(pap|chap)))$/.test(key))).toBe(true)
  })
})

describe('resolveLocale', () => {
  it('follows the OS languages for "system", picking the first we support', () => {
    expect(resolveLocale('system', ['ja-JP', 'en-US'])).toBe('ja')
    expect(resolveLocale('system', ['fr-FR', 'ja'])).toBe('ja')
    expect(resolveLocale('system', ['en-GB'])).toBe('en')
    expect(resolveLocale('system', ['de-DE'])).toBe('en')
    expect(resolveLocale('system', [])).toBe('en')
  })

  it('uses an explicit choice regardless of the OS', () => {
    expect(resolveLocale('en', ['ja-JP'])).toBe('en')
    expect(resolveLocale('ja', ['en-US'])).toBe('ja')
  })
})
