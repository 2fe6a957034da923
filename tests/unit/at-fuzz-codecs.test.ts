// Fuzz the codecs and the engine's line handling: 100,000 seeded inputs per decoder (random hex, mutated real
// PDUs, non-hex junk), an encode→decode round-trip property for SMS-SUBMIT, and random bytes thrown at an open
// engine, which must keep answering afterwards.
import { describe, expect, it } from 'vitest'
import { decodeGsm7, encodeGsm7, packSeptets, unpackSeptets } from '../../src/devices/at/codecs/gsm7'
import { bytesToHex } from '../../src/devices/at/codecs/hex'
import { decodeSmsPdu } from '../../src/devices/at/codecs/sms-pdu'
import { encodeSmsSubmit } from '../../src/devices/at/codecs/sms-submit'
import { decodeUcs2Hex } from '../../src/devices/at/codecs/ucs2'
import { decodeUssdPacked } from '../../src/devices/at/codecs/ussd'
import { AtEngine } from '../../src/devices/at/engine'
import type { ParseResult } from '../../src/devices/at/result'
import { Fuzzer, mulberry32 } from './at-fuzz-support'
import { ScriptedChannel, v1, withInit } from './at-scripted-channel'

const RUNS = 100_000
const HEX = [...'0123456789ABCDEF']

// Real PDUs from the codec table tests (MM, python-messaging, smslib, node-sms-pdu).
const PDUS = [
  '07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07',
  '07919730071111F10414D04937BD2C7797E9D3E614000811309291024061080442043504410442',
  '07912160130320F6440B916171056429F5000021405291651569320500034C0202E9E8301D44479741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10',
  '0791449737709499440C914487732760570000807051117230401F06080400230202ED73FBDC3EB7CFED33FC0EBFC3EFF07BFC0EBFC301',
  '07919333852804000412D0F7FBDD454FB75D693A0000903002801153402BCD301E9F0605D9E971191483C140412A35690D52832063D2F9040599A058EE05A3BD6430580E',
  '0001000B819010325476F800080A30533093306B3061308F',
  '07914356060013F1065A098136397339F7219011700463802190117004638030',
  '07912143658709F1040B918100551512F200F4111010214365000AE8329BFD4697D9EC37DE'
]

function check(result: ParseResult<unknown>, input: unknown): string | undefined {
  if (!result || typeof result.ok !== 'boolean') return `not a ParseResult for ${JSON.stringify(input)}`
  if (!result.ok && result.error.kind === 'internal') return `${result.error.message} for ${JSON.stringify(input)}`
  return undefined
}

function hexInput(fuzzer: Fuzzer): string {
  const roll = fuzzer.random()
  if (roll < 0.3) return fuzzer.hex(fuzzer.int(2) === 0 ? 40 : 360)
  if (roll < 0.9) return fuzzer.mutate(fuzzer.pick(PDUS), HEX)
  return fuzzer.mutate(fuzzer.pick(PDUS))
}

describe('codecs never throw', () => {
  it(`decodeSmsPdu: ${RUNS.toLocaleString('en')} seeded inputs`, () => {
    const fuzzer = new Fuzzer(0xc0dec001)
    let decoded = 0
    for (let index = 0; index < RUNS; index++) {
      const input = hexInput(fuzzer)
      const withSmsc = fuzzer.random() < 0.8
      let problem: string | undefined
      try {
        const result = decodeSmsPdu(input, { withSmsc })
        problem = check(result, input)
        if (result.ok) decoded++
      } catch (error) {
        problem = `threw ${String(error)} for ${input}`
      }
      expect(problem).toBeUndefined()
    }
    // The mutations keep a good share of inputs decodable, so the deep paths run too.
    expect(decoded).toBeGreaterThan(RUNS / 20)
  })

  it(`decodeUcs2Hex / decodeUssdPacked / unpackSeptets: ${RUNS.toLocaleString('en')} seeded inputs`, () => {
    const fuzzer = new Fuzzer(0xc0dec002)
    for (let index = 0; index < RUNS; index++) {
      const input = fuzzer.random() < 0.7 ? fuzzer.hex(80) : fuzzer.printable(40)
      let problem: string | undefined
      try {
        problem = check(decodeUcs2Hex(input), input) ?? check(decodeUssdPacked(input), input)
        decodeGsm7(unpackSeptets(Buffer.from(input, 'latin1'), fuzzer.int(200), fuzzer.int(10) - 2))
      } catch (error) {
        problem = `threw ${String(error)} for ${input}`
      }
      expect(problem).toBeUndefined()
    }
  })
})

const TEXT_CHARS = [...'abcXYZ 0129.,!?@£$¥èé€[]{}|^~\\\nΔΩ', 'こ', 'ん', '日', 'Д', '😀', '👍', '\ud83d']

describe('SMS-SUBMIT round trip', () => {
  it('every encodable text decodes back to itself, part by part (5,000 seeded texts)', () => {
    const random = mulberry32(0xc0dec003)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
    for (let index = 0; index < 5_000; index++) {
      let text = ''
      const length = Math.floor(random() * (random() < 0.2 ? 400 : 90))
      const unicode = random() < 0.4
      for (let char = 0; char < length; char++) text += unicode ? pick(TEXT_CHARS) : pick(TEXT_CHARS.slice(0, 33))
      const result = encodeSmsSubmit({ to: '+81901234567', text, concatReference: index & 0xff })
      if (!result.ok) {
        expect(result.error.kind).not.toBe('internal')
        continue
      }
      let joined = ''
      for (const part of result.value) {
        const decoded = decodeSmsPdu(part.pdu)
        expect(decoded.ok).toBe(true)
        if (!decoded.ok) break
        expect(part.pdu.length / 2 - 1).toBe(part.tpduLength)
        joined += decoded.value.text ?? ''
      }
      // A lone surrogate is not representable and comes back as U+FFFD; everything else survives.
      expect(joined).toBe(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])/g, '\ufffd'))
    }
  })

  it('USSD replies packed per 23.038 §6.1.2.3.1 (CR pad when 7 bits are spare) decode to their text', () => {
    const random = mulberry32(0xc0dec004)
    for (let index = 0; index < 20_000; index++) {
      let text = ''
      const length = 1 + Math.floor(random() * 40)
      for (let char = 0; char < length; char++) text += TEXT_CHARS[Math.floor(random() * 26)] ?? ''
      const septets = encodeGsm7(text) ?? []
      if (septets.length % 8 === 7) septets.push(0x0d)
      expect(decodeUssdPacked(bytesToHex(packSeptets(septets)))).toEqual({ ok: true, value: text })
    }
  })
})

describe('engine under noise', () => {
  it('survives 2,000 random chunks around commands and still answers', async () => {
    const fuzzer = new Fuzzer(0xc0dec005)
    const channel = new ScriptedChannel(withInit((command) => (command === 'AT+CSQ' ? v1('+CSQ: 20,99', 'OK') : undefined)))
    const engine = new AtEngine(channel, { defaultTimeoutMs: 100, syncQuietMs: 10, syncTimeoutMs: 100 })
    await engine.open()
    const corpus = ['\r\nOK\r\n', '\r\n+CME ERROR: 10\r\n', '\r\n+CMT: ,24\r\n', '\r\n> ', '\r\nRING\r\n', '\r\n+CREG: 1\r\n', '\r\n+CSQ: 1,1\r\n']
    for (let round = 0; round < 20; round++) {
      const pending = engine.command('AT+CGMI', { timeoutMs: 80 }).then(
        () => 'resolved',
        () => 'rejected'
      )
      for (let chunk = 0; chunk < 100; chunk++) {
        const roll = fuzzer.random()
        const data = roll < 0.4 ? fuzzer.bytes(30) : roll < 0.7 ? fuzzer.printable(30) : fuzzer.mutate(fuzzer.pick(corpus))
        expect(() => channel.receive(data)).not.toThrow()
      }
      expect(['resolved', 'rejected']).toContain(await pending)
    }
    // Quiet again: the next command gets its own reply.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await engine.command('AT+CSQ')).lines).toEqual(['+CSQ: 20,99'])
    await engine.close()
  })
})
