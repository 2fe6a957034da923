// USSD reply parsing with the reply-parser specs that ship in the carrier packs. About the samples: the
// reference (carriers.md §7) lists the codes but quotes no reply text, so every reply below is CONSTRUCTED.
// Rows marked "sim" are the texts this project's own simulators send (src/simulators/…, also constructed);
// the 99999 MB row follows the reference's description of the T-Mobile tourist plan (§7, ◐ S15d).
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { CarrierPack, type ReplyParserSpec } from '../../src/carriers/pack-schema'
import { parseAmount, parseReplyDate, parseUssdReply } from '../../src/carriers/ussd-reply'

const specs = new Map<string, ReplyParserSpec>()

beforeAll(async () => {
  for (const id of ['tmobile-us-prepaid', 'vodafone-uk', 'giffgaff', 'ee']) {
    const pack = CarrierPack.parse(JSON.parse(await readFile(resolve(__dirname, `../../resources/carriers/${id}.json`), 'utf8')))
    for (const code of pack.ussd) if (code.reply) specs.set(`${id}/${code.id}`, code.reply)
  }
})

function spec(key: string): ReplyParserSpec {
  const found = specs.get(key)
  if (!found) throw new Error(`no reply spec ${key}`)
  return found
}

describe('T-Mobile #225# balance (constructed replies)', () => {
  it.each([
    ['sim', 'Your account balance is $12.34. Your plan renews on 12/05/26. Reply STOP to opt out of balance alerts.', 12.34, '2026-12-05'],
    ['sim', 'Your balance is $12.34.', 12.34, undefined],
    ['constructed', 'Balance: $0.00. Renews 01/31/2027', 0, '2027-01-31'],
    ['constructed', 'Your Balance is $1,234.50; renewal date 2/3/27.', 1234.5, '2027-02-03']
  ])('[%s] %j', (_origin, reply, amount, renewal) => {
    const result = parseUssdReply(reply, spec('tmobile-us-prepaid/balance'))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.balance).toMatchObject({ amount, currency: 'USD' })
    expect(result.value.renewal?.iso).toBe(renewal)
  })
})

interface DataExpectation {
  used?: [number, string]
  total?: [number, string]
  left?: [number, string]
}

describe('T-Mobile #932# data (constructed replies)', () => {
  it.each<[string, string, DataExpectation, string | undefined]>([
    ['sim', 'Data used: 3.21GB of 10GB high-speed data. Plan: Prepaid Mobile Internet. Renews 12/05/26.', { used: [3.21, 'GB'], total: [10, 'GB'] }, '2026-12-05'],
    ['sim', 'You have used 0.00GB of 10GB high-speed data this month.', { used: [0, 'GB'], total: [10, 'GB'] }, undefined],
    ['constructed', 'You have 512 MB left. Expires 03/15/2026.', { left: [512, 'MB'] }, undefined]
  ])('[%s] %j', (_origin, reply, data, renewal) => {
    const result = parseUssdReply(reply, spec('tmobile-us-prepaid/data'))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    if (data.used) expect(result.value.dataUsed).toMatchObject({ amount: data.used[0], unit: data.used[1] })
    if (data.total) expect(result.value.dataTotal).toMatchObject({ amount: data.total[0], unit: data.total[1], bytes: Number(data.total[0]) * 1024 ** 3 })
    if (data.left) expect(result.value.dataLeft).toMatchObject({ amount: data.left[0], unit: data.left[1], bytes: 512 * 1024 ** 2 })
    expect(result.value.renewal?.iso).toBe(renewal)
  })

  it('[constructed after S15d] the tourist plan’s 99999 MB cap is flagged as not a real allowance', () => {
    const result = parseUssdReply('Used 120MB of 99999MB. Expires 07/20/2026', spec('tmobile-us-prepaid/data'))
    expect(result).toMatchObject({
      ok: true,
      value: { dataUsed: { amount: 120, unit: 'MB' }, dataTotal: { amount: 99999, unit: 'MB' }, expiry: { iso: '2026-07-20' } }
    })
    if (result.ok) expect(result.value.dataTotal?.sentinel?.en).toContain('not a real allowance')
  })

  it('[constructed] a menu instead of a data reply is no-match, with both messages', () => {
    const result = parseUssdReply('Prepaid menu\n1 Balance\n2 Data\n0 Exit', spec('tmobile-us-prepaid/data'))
    expect(result).toMatchObject({ ok: false, error: { kind: 'no-match', key: 'carriers.ussdReply.no-match' } })
  })
})

describe('own number and UK codes (constructed replies)', () => {
  it.each([
    ['tmobile-us-prepaid/own-number', 'sim', 'Your number is 2065550142.', '2065550142'],
    ['tmobile-us-prepaid/own-number', 'constructed', 'Your phone number: (206) 555-0142', '2065550142'],
    ['vodafone-uk/own-number', 'constructed', 'Your number is 07700 900123', '07700900123']
  ])('%s [%s] %j → %s', (key, _origin, reply, msisdn) => {
    expect(parseUssdReply(reply, spec(key))).toMatchObject({ ok: true, value: { msisdn } })
  })

  it.each([
    ['vodafone-uk/balance', 'Your balance is £5.20. Your credit expires 01/02/2027.', 5.2, '2027-02-01'],
    ['giffgaff/balance', 'Credit: £10.00. You have 1.5GB of data left.', 10, undefined],
    ['ee/balance-sms', 'EE: Your balance is £3.50', 3.5, undefined]
  ])('%s %j', (key, reply, amount, expiry) => {
    const result = parseUssdReply(reply, spec(key))
    expect(result).toMatchObject({ ok: true, value: { balance: { amount, currency: 'GBP' } } })
    if (result.ok) expect(result.value.expiry?.iso).toBe(expiry)
  })

  it('giffgaff: data left read alongside the balance', () => {
    const result = parseUssdReply('Credit: £10.00. You have 1.5GB of data left.', spec('giffgaff/balance'))
    expect(result.ok && result.value.dataLeft).toMatchObject({ amount: 1.5, unit: 'GB', bytes: Math.round(1.5 * 1024 ** 3) })
  })
})

describe('parser edges', () => {
  const inline = { patterns: [{ regex: '(?<balance>[\\d.,]+) ?(?<currency>[A-Z]{3})' }], dateOrder: 'dmy' as const }

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['nothing to see', 'no-match']
  ])('%j → %s', (text, kind) => {
    expect(parseUssdReply(text, inline)).toMatchObject({ ok: false, error: { kind } })
  })

  it('a non-string reply is an error, not an exception', () => {
    expect(parseUssdReply(undefined, inline)).toMatchObject({ ok: false, error: { kind: 'empty' } })
    expect(parseUssdReply(42 as unknown as string, inline)).toMatchObject({ ok: false, error: { kind: 'empty' } })
  })

  it('a broken spec is reported (bad-spec) rather than thrown', () => {
    expect(parseUssdReply('x', { patterns: [{ regex: '(?<balance>' }] })).toMatchObject({ ok: false, error: { kind: 'bad-spec' } })
    expect(parseUssdReply('x', { patterns: [{ regex: '(?<balance>(a+)+)' }] })).toMatchObject({ ok: false, error: { kind: 'bad-spec' } })
  })

  it('a very long reply is cut before matching and does not hang', () => {
    const started = Date.now()
    const result = parseUssdReply(`${'9'.repeat(100_000)} EUR`, inline)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(result.ok).toBe(false)
  })

  it('three-letter currency codes pass through', () => {
    expect(parseUssdReply('Saldo 12,50 EUR', inline)).toMatchObject({ ok: true, value: { balance: { amount: 12.5, currency: 'EUR' } } })
  })

  it.each([
    ['12.34', 12.34],
    ['1,234.56', 1234.56],
    ['1.234,56', 1234.56],
    ['5,20', 5.2],
    ['1,000', 1000],
    ['abc', undefined]
  ])('parseAmount(%j) → %s', (text, value) => {
    expect(parseAmount(text)).toBe(value)
  })

  it.each([
    ['12/05/26', 'mdy', '2026-12-05'],
    ['12/05/26', 'dmy', '2026-05-12'],
    ['2026-12-05', undefined, '2026-12-05'],
    ['Dec 5, 2026', undefined, '2026-12-05'],
    ['5 December 2026', undefined, '2026-12-05'],
    ['2026年12月5日', undefined, '2026-12-05'],
    ['02/30/26', 'mdy', undefined],
    ['12/05/26', undefined, undefined]
  ] as const)('parseReplyDate(%j, %s) → %s', (text, order, iso) => {
    expect(parseReplyDate(text, order).iso).toBe(iso)
  })
})
