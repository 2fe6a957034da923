// USSD over a real PTY: the asynchronous +CUSD reply, a two-level menu session (m=1 "further action
// required") and cancelling it, in the encodings real firmware uses — Huawei's packed GSM 7-bit hex, UCS2
// hex with +CSCS="UCS2", plain text otherwise (reference device-protocols.md §4.4). The GSM 7-bit packer
// below is the test's own (23.038 §6.1.2.1.1), checked against the reference example "*100#" → AA180C3602.
import { afterAll, describe, expect, it } from 'vitest'
import { AtModemSimulator, type AtModemSimulatorOptions } from '../../src/simulators/at-modem'
import { AtTestClient, closeAllSocatPairs, FAST_TIMINGS, ptySuite, sleep, SOCAT } from '../support/pty'

const running: { sim: AtModemSimulator; client: AtTestClient }[] = []

async function start(options: AtModemSimulatorOptions) {
  const sim = new AtModemSimulator({ latencyMs: 0, timings: FAST_TIMINGS, ...options })
  const { hostPath } = await sim.startOnPty()
  const client = await AtTestClient.open(hostPath)
  running.push({ sim, client })
  await client.send('ATE0')
  await client.send('AT+CMEE=1')
  for (let i = 0; i < 50 && !(await client.send('AT+CGATT?')).includes('+CGATT: 1'); i++) await sleep(20)
  return { sim, client }
}

afterAll(async () => {
  for (const { sim, client } of running) {
    await client.close()
    await sim.stop()
  }
  await closeAllSocatPairs()
})

// Digits, '*', '#', letters and space have the same code in the GSM default alphabet as in ASCII.
function pack7(text: string): string {
  const septets = [...text].map((c) => c.charCodeAt(0))
  if (septets.length % 7 === 0) septets.push(0x0d)
  const bytes: number[] = []
  let acc = 0
  let bits = 0
  for (const s of septets) {
    acc |= s << bits
    bits += 7
    while (bits >= 8) {
      bytes.push(acc & 0xff)
      acc >>= 8
      bits -= 8
    }
  }
  if (bits > 0) bytes.push(acc & 0xff)
  return Buffer.from(bytes).toString('hex').toUpperCase()
}

function unpack7(hex: string): string {
  const bytes = Buffer.from(hex, 'hex')
  const count = Math.floor((bytes.length * 8) / 7)
  let out = ''
  for (let i = 0; i < count; i++) {
    const bit = i * 7
    const value = ((bytes[bit >> 3] ?? 0) | ((bytes[(bit >> 3) + 1] ?? 0) << 8)) >> (bit & 7)
    out += String.fromCharCode(value & 0x7f)
  }
  if (bytes.length % 7 === 0 && out.endsWith('\r')) out = out.slice(0, -1)
  // 0x0A is LF in the GSM alphabet too; nothing else in these menus needs mapping.
  return out
}

const ucs2 = (text: string) => [...text].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('')
const fromUcs2 = (hex: string) => (hex.match(/.{4}/g) ?? []).map((h) => String.fromCharCode(parseInt(h, 16))).join('')

function parseCusd(line: string): { m: number; str?: string; dcs?: number } {
  const match = /^\+CUSD: (\d)(?:,"([^"]*)",(\d+))?$/.exec(line)
  if (!match) throw new Error(`not a +CUSD line: ${line}`)
  return { m: Number(match[1]), str: match[2], dcs: match[3] ? Number(match[3]) : undefined }
}

describe.skipIf(!SOCAT)(ptySuite('AT simulator over a socat PTY: USSD'), () => {
  it('test packer matches the reference example', () => {
    expect(pack7('*100#')).toBe('AA180C3602')
    expect(unpack7('AA180C3602')).toBe('*100#')
  })

  it('walks a two-level menu in UCS2 on Quectel, going back and finishing', async () => {
    const { client } = await start({ profile: 'quectel-ec25', sim: { card: 'tmobile-us-prepaid' } })
    await client.send('AT+CSCS="UCS2"')
    const step = async (input: string) => {
      const from = client.lines.length
      expect(await client.send(`AT+CUSD=1,"${ucs2(input)}",15`)).toContain('OK')
      const reply = parseCusd(await client.waitForLine(/^\+CUSD:/, 3000, from))
      return { ...reply, text: fromUcs2(reply.str ?? '') }
    }
    const root = await step('#100#')
    expect(root).toMatchObject({ m: 1, dcs: 15 })
    expect(root.text).toBe('Prepaid menu\n1 Balance\n2 Data\n3 My number\n0 Exit')
    const data = await step('2')
    expect(data.m).toBe(1)
    expect(data.text.split('\n')[0]).toBe('Data')
    const back = await step('9')
    expect(back.text).toBe(root.text)
    await step('2')
    const usage = await step('1')
    expect(usage).toMatchObject({ m: 0, text: 'Used 3.21GB of 10GB. Resets 12/05/26.' })
    // Session over: "1" is now a (meaningless) service string, not a menu choice.
    const after = await step('1')
    expect(after.m).toBe(4)
  })

  it('speaks packed GSM 7-bit hex on Huawei and cancels a session with +CUSD=2', async () => {
    const { client } = await start({ profile: 'huawei-e3372h', sim: { card: 'tmobile-us-prepaid' } })
    // Unencoded text is not what this firmware takes.
    expect((await client.send('AT+CUSD=1,"#100#",15')).filter((l) => /^(OK|ERROR)$/.test(l))).toEqual(['ERROR'])
    let from = client.lines.length
    await client.send(`AT+CUSD=1,"${pack7('#100#')}",15`)
    const menu = parseCusd(await client.waitForLine(/^\+CUSD:/, 3000, from))
    expect(menu.m).toBe(1)
    expect(menu.dcs).toBe(15)
    expect(unpack7(menu.str ?? '')).toBe('Prepaid menu\n1 Balance\n2 Data\n3 My number\n0 Exit')

    expect((await client.send('AT+CUSD=2')).filter((l) => /^(OK|ERROR)$/.test(l))).toEqual(['OK'])
    from = client.lines.length
    await client.send(`AT+CUSD=1,"${pack7('3')}",15`)
    expect(parseCusd(await client.waitForLine(/^\+CUSD:/, 3000, from)).m).toBe(4)

    from = client.lines.length
    await client.send(`AT+CUSD=1,"${pack7('#686#')}",15`)
    const number = parseCusd(await client.waitForLine(/^\+CUSD:/, 3000, from))
    expect(number.m).toBe(0)
    expect(unpack7(number.str ?? '')).toBe('Your number is 2065550142.')
  })

  it('returns text replies as-is in a text charset, menu line feeds included', async () => {
    const { client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    let from = client.lines.length
    await client.send('AT+CUSD=1,"#225#",15')
    expect(await client.waitForLine(/^\+CUSD:/, 3000, from)).toBe(
      '+CUSD: 0,"Your account balance is $12.34. Your plan renews on 12/05/26. Reply STOP to opt out of balance alerts.",15'
    )
    const mark = client.raw.length
    from = client.lines.length
    await client.send('AT+CUSD=1,"#100#",15')
    await client.waitForRaw((raw) => raw.includes('",15\r\n'), 3000, mark)
    expect(client.raw.slice(mark)).toContain('\r\n+CUSD: 1,"Prepaid menu\n1 Balance\n2 Data\n3 My number\n0 Exit",15\r\n')
    await client.send('AT+CUSD=2')
  })

  it('gets "+CUSD: 4" from a Japanese network and "+CUSD: 5" on a network timeout', async () => {
    const jp = await start({ profile: 'generic-lte', sim: { card: 'rakuten-mobile' } })
    let from = jp.client.lines.length
    await jp.client.send('AT+CUSD=1,"*100#",15')
    expect(await jp.client.waitForLine(/^\+CUSD:/, 3000, from)).toBe('+CUSD: 4')

    const us = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    us.sim.setUssdTimeout(true)
    from = us.client.lines.length
    await us.client.send('AT+CUSD=1,"#225#",15')
    expect(await us.client.waitForLine(/^\+CUSD:/, 3000, from)).toBe('+CUSD: 5')
  })
})
