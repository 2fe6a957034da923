// Inseego /srv/status parsing on published samples, and a seeded fuzz run.
// Samples: MIFI = the example output in the mifi-status npm README (an older Verizon MiFi, values as strings,
// statusBarWiFiEnabled as a number); M3000 = the stock /srv/status field set mirrored by an indexed M3000
// monitoring tool (" B7, n78" with the leading blank, SNR, PCI); field list and usageinfo: reference §3.3 and
// sjoerger/inseego_m3000 (sensor.py, binary_sensor.py).
import { describe, expect, it } from 'vitest'
import { buildInseegoReading, parseStatusDocument, parseUsageDocument } from '../../src/devices/families/inseego'
import { parseSimStatus, parseTechnology } from '../../src/devices/families/inseego/parse'

const MIFI = {
  statusData: {
    statusBarWiFiClientListSize: '1',
    statusBarNetworkID: '311480',
    statusBarPrimaryClientListSize: '1',
    statusBarTechnologyText: '',
    statusBarBatteryDetection: 'true',
    statusBarBytesTransmitted: '180490352',
    statusBarGuestClientListSize: '0',
    statusBarSimCarrierBlockedStatus: '0',
    statusBarBatteryChargingSource: 'ChargingSourceNone',
    statusBarTrafficStatus: 'None',
    statusBarRoaming: 'None',
    statusBarMaxGuestClientListSize: '0',
    statusBarConnectionState: 'Connected',
    statusBarBatteryPercent: '69',
    statusBarTechnology: 'LTE',
    statusBarSimStatus: 'Ready',
    statusBarNetwork: 'Verizon',
    statusBarAirplaneMode: 'AirplaneModeOff',
    statusBarSignalBars: '0',
    statusBarBytesReceived: '650814389',
    statusBarBatteryChargingState: 'false',
    statusBarSmsUnreadCount: '5',
    statusBarMaxPrimaryClientListSize: '15',
    statusGuestWifiEnabled: 0,
    statusBarFemtoCellStatus: '0',
    statusBarClientListSize: '1',
    statusBarNotificationFlag: '0',
    statusBarWiFiEnabled: 1,
    statusBarConnectionDuration: '6932'
  }
}

const M3000 = {
  statusData: {
    statusBarNetwork: 'YES OPTUS',
    statusBarNetworkID: '50502',
    statusBarTechnology: 'LTE',
    statusBarConnectionState: 'Connected',
    statusBarConnectionDuration: '5400',
    statusBarBytesReceived: '123456789',
    statusBarBytesTransmitted: '2345678',
    statusBarBytesTotal: '125802467',
    statusBarBatteryPercent: '97',
    statusBarBatteryChargingState: 'false',
    statusBarBatteryChargingSource: 'ChargingSourceUSB',
    statusBarBatteryDetection: 'Present',
    statusBarClientListSize: '1',
    statusBarWiFiEnabled: 0,
    statusBarWiFiClientListSize: '0',
    statusBarBand: ' B7, n78',
    statusBarBandwidth: ' 20 MHz, 100 MHz',
    statusBarRoaming: 'None',
    statusBarSimStatus: 'Ready',
    statusBarSignalBars: '3',
    statusBarSNR: '6',
    statusBarPCI: '457',
    statusBarSmsUnreadCount: '0',
    statusBarAirplaneMode: 'AirplaneModeOff',
    statusBarEthernetPortEnabled: 'enabled',
    internetStatusIPAddress: '10.171.3.4'
  }
}

function reading(document: unknown, usage?: unknown) {
  const parsed = parseStatusDocument(JSON.stringify(document))
  if (!parsed.ok) throw new Error(parsed.error.message)
  return buildInseegoReading(parsed.status, usage === undefined ? undefined : parseUsageDocument(JSON.stringify(usage)))
}

describe('parseStatusDocument (reference §0.1, §3.3)', () => {
  it.each([
    ['', 'empty'],
    ['<html>login</html>', 'html'],
    ['{"statusData": [1]}', 'not-inseego'],
    ['{"session": {"secToken": "x"}}', 'not-inseego'],
    ['{"statusData": {', 'json-error']
  ])('%j → %s', (body, kind) => {
    expect(parseStatusDocument(body)).toMatchObject({ ok: false, error: { kind } })
  })
})

describe('buildInseegoReading', () => {
  it('reads the MiFi sample', () => {
    const result = reading(MIFI)
    expect(result.issues).toEqual([])
    expect(result.reading).toEqual({
      identity: {},
      sim: { state: 'ready' },
      signal: { bars: 0, rat: 'lte', networkType: 'LTE' },
      registration: { state: 'home', operatorName: 'Verizon', plmn: '311480' },
      data: { state: 'connected' },
      usage: { sessionDownloadBytes: 650814389, sessionUploadBytes: 180490352, sessionSeconds: 6932 },
      battery: { percent: 69, charging: false },
      wifiClients: 1
    })
  })

  it('reads the M3000 sample (NSA band pair, SNR, PCI)', () => {
    const result = reading(M3000)
    expect(result.reading.signal).toEqual({ bars: 3, rat: 'lte', networkType: 'LTE', sinrDb: 6, band: 'B7, n78', pci: 457 })
    expect(result.reading.registration).toEqual({ state: 'home', operatorName: 'YES OPTUS', plmn: '50502' })
    expect(result.reading.data).toEqual({ state: 'connected', ipv4: '10.171.3.4' })
    expect(result.reading.battery).toEqual({ percent: 97, charging: false })
    expect(result.reading.wifiClients).toBe(0)
  })

  it('adds the billing cycle from /apps_home/usageinfo (GB as decimal text [U])', () => {
    const result = reading(M3000, { allowance: '50.00', lineUsage: '12.50', remainingUsage: '37.50', rxUsage: '11.25', txUsage: '1.25', daysLeft: '12', cycleEndDt: '06&#x2F;14&#x2F;2025', barPercentageRemaining: '75' })
    expect(result.reading.usage).toMatchObject({ monthDownloadBytes: 11.25e9, monthUploadBytes: 1.25e9, monthLimitBytes: 50e9 })
  })

  it('no battery, airplane mode, roaming, absent SIM', () => {
    expect(reading({ statusData: { ...M3000.statusData, statusBarBatteryDetection: 'false' } }).reading.battery).toBeUndefined()
    const airplane = reading({ statusData: { ...M3000.statusData, statusBarAirplaneMode: 'AirplaneModeOn' } }).reading
    expect(airplane.signal).toEqual({ bars: 0, rat: 'none' })
    expect(airplane.registration).toEqual({ state: 'not-registered' })
    expect(reading({ statusData: { ...M3000.statusData, statusBarRoaming: 'International' } }).reading.registration.state).toBe('roaming')
    expect(reading({ statusData: { ...M3000.statusData, statusBarSimStatus: 'NotInserted' } }).reading.registration).toEqual({ state: 'not-registered' })
  })

  it('reports a bad count and keeps the rest', () => {
    const result = reading({ statusData: { ...MIFI.statusData, statusBarBytesReceived: 'lots' } })
    expect(result.issues.map((issue) => issue.field)).toEqual(['statusBarBytesReceived'])
    expect(result.reading.usage).toEqual({ sessionUploadBytes: 180490352, sessionSeconds: 6932 })
  })

  it.each([
    ['LTE', 'lte'],
    ['4G', 'lte'],
    ['5G', 'nr'],
    ['5G UWB', 'nr'],
    ['3G', 'umts'],
    ['NoService', 'none'],
    ['1xRTT', 'unknown']
  ])('parseTechnology(%j) = %s', (input, expected) => {
    expect(parseTechnology(input)).toBe(expected)
  })

  it.each([
    ['Ready', 'ready'],
    ['Present', 'unknown'],
    ['NotInserted', 'absent'],
    ['PinLocked', 'pin-required'],
    ['PukLocked', 'puk-required']
  ])('parseSimStatus(%j) = %s', (input, expected) => {
    expect(parseSimStatus(input)).toBe(expected)
  })
})

describe('Inseego parsers under fuzz', () => {
  it('10,000 malformed bodies: no exception', () => {
    let state = 0x1234abcd
    const random = (): number => {
      state = (state + 0x6d2b79f5) >>> 0
      let t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    const values: unknown[] = [null, true, 0, -1, 1e308, '', ' ', 'NaN', '-32768', '1e999', [], {}, ['x'], { statusData: 1 }, 'Connected', '\u0000']
    const keys = Object.keys(M3000.statusData)
    let statuses = 0
    for (let i = 0; i < 10_000; i++) {
      const base: Record<string, unknown> = { ...(random() < 0.5 ? M3000.statusData : MIFI.statusData) }
      for (const key of keys) if (random() < 0.3) base[key] = values[Math.floor(random() * values.length)]
      let body = JSON.stringify({ statusData: base })
      if (random() < 0.2) body = body.slice(0, Math.floor(random() * body.length))
      if (random() < 0.1) body = JSON.stringify(values[Math.floor(random() * values.length)])
      try {
        const parsed = parseStatusDocument(body)
        parseUsageDocument(body)
        if (parsed.ok) {
          statuses++
          const built = buildInseegoReading(parsed.status, random() < 0.5 ? (base as never) : undefined)
          expect(built.reading.signal.bars).toBeLessThanOrEqual(5)
        }
      } catch (error) {
        throw new Error(`body #${i} threw: ${String(error)}\n${body.slice(0, 300)}`)
      }
    }
    expect(statuses).toBeGreaterThan(6000)
  })
})
