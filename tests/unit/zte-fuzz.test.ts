// 10,000 malformed goform answers (seeded, reproducible): every pure ZTE parser returns a value or an error
// value and never throws. Bodies are real answers cut, spliced and salted with control characters and junk,
// well-formed JSON with the wrong shapes, and random bytes.
import { describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { parseApnTable } from '../../src/devices/families/zte-goform/apn'
import { decodeUcs2Hex, parseZteDate } from '../../src/devices/families/zte-goform/codec'
import { loginError, loginResultOf, parseLoginCounters } from '../../src/devices/families/zte-goform/errors'
import { interpretProbe } from '../../src/devices/families/zte-goform/fingerprint'
import { fieldsOf, parseGoformJson, type GoformObject } from '../../src/devices/families/zte-goform/json'
import { parseLoginProbe } from '../../src/devices/families/zte-goform/login'
import { buildReading } from '../../src/devices/families/zte-goform/reading'
import { interpret } from '../../src/devices/families/zte-goform/session'
import { parseSmsCapacity, parseSmsCommandStatus, parseSmsPage, receivedMessages } from '../../src/devices/families/zte-goform/sms'
import { parseUssdData, parseUssdWriteFlag } from '../../src/devices/families/zte-goform/ussd'

function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SAMPLES = [
  '{"modem_main_state":"modem_init_complete","signalbar":"2","network_type":"DC-HSPA+","network_provider":"3","ppp_status":"ppp_connected","simcard_roam":"Home","spn_name_data":"0033","realtime_tx_bytes":"240692","monthly_rx_bytes":"39886898","data_volume_limit_switch":"1","data_volume_limit_size":"10_1024"}',
  '{"messages":[{"id":"164","number":"+358124534","content":"00540065007300740069","tag":"0","date":"22,09,17,18,33,25,+12","received_all_concat_sms":"0","concat_sms_total":"5","concat_sms_received":"1"}]}',
  '{"APN_config0":"TIM($)ibox.tim.it($)manual($)*99#($)none($)($)($)IP($)auto($)($)auto($)($)","Current_index":"0","apn_mode":"manual","apn_num_preset":"1","apn_auto_config":"Wind IT($)internet.wind($)0($)*99#($)none($)($)($)IP($)1($)($)auto($)($)"}',
  '{"sms_nv_total":"100","sms_nv_rev_total":"95","sms_nv_send_total":"0","sms_nv_draftbox_total":"0"}',
  '{"ussd_write_flag":"16","ussd_data":"0031002000420061","ussd_action":"1","ussd_dcs":"72"}',
  '{"loginfo":"","LD":"ABCDEF","psw_fail_num_str":"5","login_lock_time":"0","wa_inner_version":"BD_MF79UV1.0.0B06","cr_version":"","RD":"AB12CD34"}',
  '{"result":"3"}',
  '{"sms_data_total":""}'
]

const JUNK = ['\u0000', '\r', '\n', '\u0001', '"', '\\', '{', '}', '[', ']', ',', ':', '($)', 'null', '-', '+', '9'.repeat(30), 'é', '😀', '\ud83d', '__proto__', 'constructor', '$']

function malformed(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const kind = Math.floor(random() * 6)
  const sample = pick(SAMPLES)
  switch (kind) {
    case 0: // truncated
      return sample.slice(0, Math.floor(random() * sample.length))
    case 1: {
      // salted with junk at random places
      let text = sample
      const edits = 1 + Math.floor(random() * 6)
      for (let i = 0; i < edits; i++) {
        const at = Math.floor(random() * text.length)
        text = text.slice(0, at) + pick(JUNK) + text.slice(at + (random() < 0.5 ? 1 : 0))
      }
      return text
    }
    case 2: {
      // well-formed JSON, wrong shapes: every value replaced by something odd
      const odd = [null, 0, -1, 1e308, true, [], {}, [{}], '', ' ', 'x'.repeat(5000), '-95dBm', '255', '\u0000', ['a'], { id: 1 }]
      const parsed = JSON.parse(sample) as Record<string, unknown>
      for (const key of Object.keys(parsed)) if (random() < 0.7) parsed[key] = pick(odd)
      if (random() < 0.3) parsed.messages = pick(odd)
      return JSON.stringify(parsed)
    }
    case 3: // random bytes
      return Array.from({ length: Math.floor(random() * 200) }, () => String.fromCharCode(Math.floor(random() * 0x10000))).join('')
    case 4: // two samples spliced
      return sample.slice(0, Math.floor(random() * sample.length)) + pick(SAMPLES).slice(Math.floor(random() * 50))
    default: // deep nesting and huge arrays
      return random() < 0.5 ? '['.repeat(2000) + ']'.repeat(2000) : `{"messages":[${Array.from({ length: 60 }, (_, i) => `{"id":"${i}","tag":"1","content":"${'0041'.repeat(i % 7)}"}`).join(',')}]}`
  }
}

/** Runs every parser on one body; true when the body was readable JSON. */
function exercise(body: string): boolean {
  const parsed = parseGoformJson(body)
  const value: GoformObject = parsed.ok ? parsed.value : {}
  const fields = fieldsOf(value)
  buildReading(fields)
  const page = parseSmsPage(value)
  if (page.kind === 'messages') receivedMessages(page.messages)
  parseSmsCapacity(value)
  parseSmsCommandStatus(value)
  parseApnTable(fields)
  parseUssdWriteFlag(value)
  parseUssdData(value)
  parseLoginProbe(fields)
  parseLoginCounters(fields)
  loginError(loginResultOf(value), parseLoginCounters(fields))
  interpretProbe('zte-goform', value)
  parseZteDate(body.slice(0, 40))
  decodeUcs2Hex(body.slice(0, 64))
  return parsed.ok
}

describe('fuzz: malformed goform answers', () => {
  it('10,000 seeded bodies: the parsers never throw', () => {
    const random = mulberry32(0x2e7e)
    const failures: string[] = []
    let unreadable = 0
    for (let i = 0; i < 10_000; i++) {
      const body = malformed(random)
      try {
        if (!exercise(body)) unreadable++
      } catch (error) {
        failures.push(`body #${i} ${JSON.stringify(body.slice(0, 120))}: ${String(error)}`)
      }
    }
    expect(failures).toEqual([])
    // The generator must really produce both kinds, or the test proves little.
    expect(unreadable).toBeGreaterThan(2000)
    expect(unreadable).toBeLessThan(9000)
  }, 60_000)

  it('the session layer turns the same bodies into a value or a ContractError, nothing else', () => {
    const random = mulberry32(0xbeef)
    for (let i = 0; i < 2000; i++) {
      const body = malformed(random)
      try {
        interpret(random() < 0.9 ? 200 : 500, body, 'a fuzzed read')
      } catch (error) {
        expect(error).toBeInstanceOf(ContractError)
      }
    }
  })
})
