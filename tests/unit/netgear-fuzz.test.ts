// Seeded fuzz: 10,000 malformed model.json bodies through every Netgear parser. None may throw; each must come
// back as a value (a reading, a list, or an error value). The bodies are built from a realistic model by
// truncating, flipping bytes, and — most usefully — replacing values with values of the wrong type, so the parsers
// meet numbers where they expect strings, arrays where they expect objects, and so on.
import { describe, expect, it } from 'vitest'
import { parseModelDocument } from '../../src/devices/families/netgear/document'
import { interpretFormReply, interpretResultBody, SETTINGS_REDIRECTS } from '../../src/devices/families/netgear/forms'
import { parseProfileList } from '../../src/devices/families/netgear/parse'
import { buildReading, parseSmsList } from '../../src/devices/families/netgear/reading'

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

const BASE = {
  session: { userRole: 'Admin', lang: 'en', secToken: 'tok', end: '' },
  general: { manufacturer: 'Netgear', model: 'MR1100', FWversion: 'NTG9X50C_12.06.39.00', IMEI: '359617095722656', FSN: 'ABC', timeZoneOffset: -25200 },
  sim: { status: 'Ready', iccid: '8901260512305501470', imsi: '310260512305501', phoneNumber: '(206) 555-0147', pin: { retry: 3 }, puk: { retry: 10 } },
  sms: { msgs: [{ id: '1', rxTime: '05/20/25 11:59:02 AM', text: 'hi', sender: '456', read: false }, {}], sendMsg: [{}] },
  power: { battChargeLevel: 78, battChargeSource: 'Battery', batteryState: 'Normal' },
  wwan: {
    connection: 'Connected',
    currentNWserviceType: 'LteService',
    currentPSserviceType: 'LTE',
    registerNetworkDisplay: 'T-Mobile',
    roaming: false,
    IP: '100.64.1.2',
    IPv6: '2607:fb90::1',
    sessDuration: 100,
    dataTransferredRx: '1000',
    dataTransferredTx: '200',
    dataTransferred: { totalb: '1200', rxb: '1000', txb: '200' },
    signalStrength: { rssi: -65, rsrp: -92, rsrq: -11, sinr: 12, bars: 4 },
    profileList: [{ index: 1, id: 'T-Mobile', name: 'T-Mobile', apn: 'fast.t-mobile.com', authtype: 'None', type: 'IPV4V6' }, {}],
    profile: { default: 'T-Mobile' },
    dataUsage: { total: { lteBillingRx: 5, lteBillingTx: 6 }, generic: { dataLimitValid: true, billingCycleLimit: 100, dataTransferred: 11, billingDay: 14 } }
  },
  wwanadv: { curBand: 'LTE B66', cellId: 90366210, MCC: '310', MNC: '260', MNCFmt: 3, primScode: 363 },
  wifi: { clientCount: 2 },
  router: { clientList: { count: 2 } }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function randomValue(random: () => number, depth = 0): Json {
  const pick = Math.floor(random() * (depth > 2 ? 7 : 9))
  switch (pick) {
    case 0:
      return null
    case 1:
      return random() < 0.5
    case 2:
      return [0, -1, -32768, 1e308, -1e308, 2 ** 53, 0.5, -0.0][Math.floor(random() * 8)] ?? 0
    case 3:
      return Math.floor((random() - 0.5) * 1e6)
    case 4:
      return ['', ' ', 'Connected', '-95', 'NaN', '1e999', '05/20/25 11:59:02 AM', '__proto__', '\u0000', '﻿', 'true', '99/99/99 99:99:99 XM'][
        Math.floor(random() * 12)
      ] ?? ''
    case 5:
      return String.fromCharCode(...Array.from({ length: Math.floor(random() * 12) }, () => Math.floor(random() * 0xffff)))
    case 6:
      return 'x'.repeat(Math.floor(random() * 300))
    case 7:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1))
    default: {
      const object: { [key: string]: Json } = {}
      for (let i = 0; i < Math.floor(random() * 4); i++) object[['id', 'end', 'text', 'rxTime', 'bars', 'constructor', '__proto__'][Math.floor(random() * 7)] ?? 'k'] = randomValue(random, depth + 1)
      return object
    }
  }
}

/** Replace a few values anywhere in the tree with values of random types. */
function mutate(value: Json, random: () => number, rate: number): Json {
  if (random() < rate) return randomValue(random)
  if (Array.isArray(value)) return value.map((item) => mutate(item, random, rate))
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {}
    for (const [key, item] of Object.entries(value)) if (random() > rate / 3) out[key] = mutate(item, random, rate)
    return out
  }
  return value
}

function malformedBody(random: () => number): string {
  const text = JSON.stringify(BASE)
  switch (Math.floor(random() * 6)) {
    case 0:
      return text.slice(0, Math.floor(random() * text.length))
    case 1: {
      const chars = text.split('')
      for (let i = 0; i < 1 + Math.floor(random() * 8); i++) chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 256))
      return chars.join('')
    }
    case 2:
      return JSON.stringify(randomValue(random))
    case 3:
      return Array.from({ length: Math.floor(random() * 200) }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join('')
    default:
      return JSON.stringify(mutate(BASE as unknown as Json, random, 0.05 + random() * 0.3))
  }
}

describe('Netgear parsers under fuzz', () => {
  it('10,000 malformed bodies: no exception, always a typed value', () => {
    const random = mulberry32(0x5eed_2025)
    let models = 0
    let readings = 0
    for (let i = 0; i < 10_000; i++) {
      const body = malformedBody(random)
      let stage = 'parseModelDocument'
      try {
        const parsed = parseModelDocument(body)
        expect(typeof parsed.ok).toBe('boolean')
        stage = 'interpretResultBody'
        expect(['ok', 'refused', 'unknown']).toContain(interpretResultBody(body).kind)
        stage = 'interpretFormReply'
        interpretFormReply({ status: 200 + Math.floor(random() * 400), location: random() < 0.5 ? null : body.slice(0, 40), body, url: 'http://127.0.0.1/Forms/config' }, SETTINGS_REDIRECTS)
        if (!parsed.ok || parsed.document.kind !== 'model') continue
        models++
        const model = parsed.document.model
        stage = 'buildReading'
        const reading = buildReading(model)
        if (reading.ok) {
          readings++
          expect(reading.reading.signal.bars).toBeGreaterThanOrEqual(0)
          expect(reading.reading.signal.bars).toBeLessThanOrEqual(5)
        }
        stage = 'parseSmsList'
        parseSmsList(model)
        stage = 'parseProfileList'
        expect(typeof parseProfileList(model).ok).toBe('boolean')
      } catch (error) {
        throw new Error(`body #${i} threw in ${stage}: ${String(error)}\n${body.slice(0, 500)}`)
      }
    }
    // The generator must actually reach the deep parsers, or this test proves little.
    expect(models).toBeGreaterThan(2500)
    expect(readings).toBeGreaterThan(2000)
  })
})
