// Pure Huawei field parsers and the reading assembler, on real values.
// Sources per table: home-assistant/core tests/components/huawei_lte/test_sensor.py (signal formats) and
// snapshots/test_diagnostics.ambr (a full set of endpoint values from a CPE); reference/device-protocols.md
// §1.7–§1.11 (code tables); Salamek/huawei-lte-api README (device/information with Msisdn None).
import { describe, expect, it } from 'vitest'
import {
  parseBattery,
  parseBillingDay,
  parseByteCount,
  parseConnectionStatus,
  parseDataLimit,
  parseMsisdn,
  parseNetworkType,
  parsePinSimState,
  parseRegistrationState,
  parseSignalBars,
  parseSignalQuantity,
  parseStatusSimStatus
} from '../../src/devices/families/huawei-hilink/parse'
import { buildReading } from '../../src/devices/families/huawei-hilink/reading'
import { elementToRecord, parseXml, type XmlRecord } from '../../src/devices/families/huawei-hilink/xml'

describe('parseSignalQuantity', () => {
  it.each([
    // home-assistant/core test_sensor.py test_format_default
    ['-71 dBm', { value: -71, unit: 'dBm' }],
    ['15dB', { value: 15, unit: 'dB' }],
    ['>=-51dBm', { value: -51, unit: 'dBm', bound: '>=' }],
    ['&lt;-20dB', { value: -20, unit: 'dB', bound: '<' }],
    ['&gt;=30dB', { value: 30, unit: 'dB', bound: '>=' }],
    // test_diagnostics.ambr device_signal
    ['-100dBm', { value: -100, unit: 'dBm' }],
    ['-10.0dB', { value: -10, unit: 'dB' }],
    ['10dB', { value: 10, unit: 'dB' }],
    // reference §1.7
    ['-95dBm', { value: -95, unit: 'dBm' }],
    ['-11dB', { value: -11, unit: 'dB' }],
    ['<=-140dBm', { value: -140, unit: 'dBm', bound: '<=' }],
    [' -7 ', { value: -7, unit: '' }]
  ])('%j', (input, expected) => {
    expect(parseSignalQuantity(input)).toEqual({ ok: true, value: expected })
  })

  it.each([[''], ['   '], [undefined]])('%j is absent, not an error', (input) => {
    expect(parseSignalQuantity(input)).toEqual({ ok: true, value: undefined })
  })

  it.each([['abc'], ['--5dBm'], ['-5 d B m'], ['5.dB']])('%j is an error value', (input) => {
    const result = parseSignalQuantity(input, 'rsrp')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatchObject({ kind: 'field-error', field: 'rsrp', input })
  })
})

describe('parseNetworkType (reference §1.8)', () => {
  it.each([
    ['101', '19', 'lte', 'LTE'], // test_diagnostics.ambr: CurrentNetworkTypeEx 101, CurrentNetworkType 19
    ['1011', '19', 'lte', 'LTE+'],
    ['46', '9', 'umts', 'DC-HSPA+'],
    ['45', undefined, 'umts', 'HSPA+'],
    ['3', undefined, 'gsm', 'EDGE'],
    ['0', '0', 'none', 'No service'],
    ['111', undefined, 'nr', '5G NR'],
    ['25', undefined, 'unknown', 'EV-DO Rel.A'],
    [undefined, '19', 'lte', 'LTE'],
    ['', '9', 'umts', 'HSPA+'],
    [undefined, '41', 'umts', '3G'],
    [undefined, '2', 'gsm', 'GPRS'],
    ['999', undefined, 'unknown', 'Network type 999']
  ])('Ex %j / legacy %j → %s %s', (ex, legacy, rat, label) => {
    expect(parseNetworkType(ex, legacy)).toEqual({ ok: true, value: { rat, label } })
  })

  it('is absent without either field and an error for garbage', () => {
    expect(parseNetworkType(undefined, undefined)).toEqual({ ok: true, value: undefined })
    expect(parseNetworkType('LTE', undefined).ok).toBe(false)
  })
})

describe('parseConnectionStatus (reference §1.8)', () => {
  it.each([
    ['901', 'connected', undefined],
    ['900', 'connecting', undefined],
    ['902', 'disconnected', undefined],
    ['903', 'disconnecting', undefined],
    ['201', 'failed', /data volume exceeded/],
    ['7', 'failed', /access not allowed/],
    ['37', 'failed', /access not allowed/],
    ['12', 'failed', /roaming/],
    ['27', 'failed', /APN/],
    ['112', 'disconnected', /automatic connection/],
    ['115', 'disconnected', /while roaming/],
    ['555', 'unknown', /555/]
  ])('%s → %s', (input, state, reason) => {
    const result = parseConnectionStatus(input)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value?.state).toBe(state)
    if (reason) expect(result.value?.failureReason).toMatch(reason)
    else expect(result.value?.failureReason).toBeUndefined()
  })

  it('rejects non-numeric codes', () => {
    expect(parseConnectionStatus('connected').ok).toBe(false)
  })
})

describe('SIM state', () => {
  it.each([
    ['255', 'absent'],
    ['256', 'invalid'],
    ['257', 'ready'], // converged-status <SimState>257</SimState> (reference §1.6)
    ['258', 'ready'],
    ['259', 'ready'],
    ['260', 'pin-required'],
    ['261', 'puk-required'],
    ['300', 'unknown']
  ])('pin/status SimState %s → %s (reference §1.11)', (input, state) => {
    expect(parsePinSimState(input)).toEqual({ ok: true, value: state })
  })

  it.each([
    ['1', 'ready'],
    ['2', 'ready'],
    ['0', 'invalid'],
    ['3', 'invalid'],
    ['4', 'invalid'],
    ['255', 'absent'],
    ['240', 'unknown']
  ])('monitoring/status SimStatus %s → %s (reference §1.8)', (input, state) => {
    expect(parseStatusSimStatus(input)).toEqual({ ok: true, value: state })
  })
})

describe('registration', () => {
  it.each([
    ['2', '0', 'home'],
    ['2', '1', 'roaming'],
    ['2', undefined, 'home'],
    ['0', '0', 'searching'],
    ['4', '0', 'searching'],
    ['1', '0', 'denied'],
    ['3', '0', 'denied'],
    ['9', '0', 'unknown']
  ])('ServiceStatus %s RoamingStatus %j → %s', (service, roaming, state) => {
    expect(parseRegistrationState(service, roaming)).toEqual({ ok: true, value: state })
  })
})

describe('usage fields', () => {
  it.each([
    // test_diagnostics.ambr monitoring_traffic_statistics / month_statistics
    ['5000000000', 5_000_000_000],
    ['50000000000', 50_000_000_000],
    ['0', 0],
    ['', undefined]
  ])('byte count %j', (input, expected) => {
    expect(parseByteCount(input)).toEqual({ ok: true, value: expected })
  })

  it.each([['-1'], ['1.5'], ['12 MB'], ['0x10']])('byte count %j is an error', (input) => {
    expect(parseByteCount(input).ok).toBe(false)
  })

  it.each([
    // reference §1.9 / Salamek Monitoring.set_start_date docstring: "1000MB or 1GB"
    ['500MB', 500 * 1024 ** 2],
    ['1GB', 1024 ** 3],
    ['1000MB', 1000 * 1024 ** 2],
    ['1.5GB', 1.5 * 1024 ** 3],
    ['10gb', 10 * 1024 ** 3],
    ['0MB', 0],
    ['', undefined]
  ])('DataLimit %j', (input, expected) => {
    expect(parseDataLimit(input)).toEqual({ ok: true, value: expected })
  })

  it.each([['unlimited'], ['5 PB'], ['GB']])('DataLimit %j is an error', (input) => {
    expect(parseDataLimit(input).ok).toBe(false)
  })

  it('StartDay 1–31', () => {
    expect(parseBillingDay('1')).toEqual({ ok: true, value: 1 })
    expect(parseBillingDay('31')).toEqual({ ok: true, value: 31 })
    expect(parseBillingDay('0').ok).toBe(false)
    expect(parseBillingDay('32').ok).toBe(false)
  })
})

describe('bars, battery, phone number', () => {
  it.each([
    ['5', '5', 5], // test_diagnostics.ambr: SignalIcon 5, maxsignal 5
    ['4', undefined, 4],
    ['0', '5', 0],
    ['3', '4', 4],
    ['9', '5', 5]
  ])('SignalIcon %s of %j → %d bars', (icon, max, bars) => {
    expect(parseSignalBars(icon, max)).toEqual({ ok: true, value: bars })
  })

  it('bars: absent icon is absent, nonsense is an error', () => {
    expect(parseSignalBars(undefined, '5')).toEqual({ ok: true, value: undefined })
    expect(parseSignalBars('x', '5').ok).toBe(false)
    expect(parseSignalBars('3', '0').ok).toBe(false)
  })

  it.each([
    ['100', '1', { percent: 100, charging: true, low: false }], // BatteryStatus 1 charging (reference §1.8)
    ['12', '-1', { percent: 12, charging: false, low: true }],
    ['64', '0', { percent: 64, charging: false, low: false }],
    ['', '', undefined], // a HiLink stick: test_diagnostics.ambr has BatteryPercent None
    ['101', '0', 'error']
  ])('battery %j / %j', (percent, status, expected) => {
    const result = parseBattery(percent, status)
    if (expected === 'error') expect(result.ok).toBe(false)
    else expect(result).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['+12065550143', '+12065550143'],
    ['15817268888', '15817268888'],
    ['', undefined],
    [undefined, undefined], // Salamek README: "Msisdn": None
    ['Unknown', undefined],
    ['0000000000', undefined],
    ['not a number', undefined]
  ])('Msisdn %j → %j', (input, expected) => {
    expect(parseMsisdn(input)).toBe(expected)
  })
})

// A complete poll built from the home-assistant/core diagnostics snapshot values (a Huawei CPE; the redacted
// fields replaced by fictional ones) plus reference §1.9–§1.11 for the endpoints the snapshot redacts.
const POLL: Record<string, string> = {
  information:
    '<response><DeviceName>Test Router</DeviceName><SerialNumber>TESTSERIAL</SerialNumber><Imei>861403721045726</Imei><Imsi>310260412055501</Imsi><Iccid>8901260412055501434</Iccid><Msisdn></Msisdn><HardwareVersion>1.0.0</HardwareVersion><SoftwareVersion>2.0.0</SoftwareVersion><WebUIVersion>3.0.0</WebUIVersion><MacAddress1>00:1E:10:00:00:01</MacAddress1><MacAddress2/><ProductFamily>LTE</ProductFamily><Classify>cpe</Classify><supportmode>LTE|WCDMA|GSM</supportmode><workmode>LTE</workmode><WanIPAddress>10.0.0.2</WanIPAddress></response>',
  signal:
    '<response><band>1</band><cell_id>12345678</cell_id><mode>7</mode><pci>123</pci><rscp/><ecio/><rsrp>-100dBm</rsrp><rsrq>-10.0dB</rsrq><rssi>-70dBm</rssi><sinr>10dB</sinr><dlbandwidth>20MHz</dlbandwidth></response>',
  status:
    '<response><BatteryLevel/><BatteryPercent/><BatteryStatus/><ConnectionStatus>901</ConnectionStatus><CurrentNetworkType>19</CurrentNetworkType><CurrentNetworkTypeEx>101</CurrentNetworkTypeEx><CurrentServiceDomain>3</CurrentServiceDomain><CurrentWifiUser>42</CurrentWifiUser><RoamingStatus>0</RoamingStatus><ServiceStatus>2</ServiceStatus><SignalIcon>5</SignalIcon><SimStatus>1</SimStatus><TotalWifiUser>64</TotalWifiUser><WanIPAddress>10.0.0.2</WanIPAddress><maxsignal>5</maxsignal><classify>cpe</classify></response>',
  traffic:
    '<response><CurrentConnectTime>123456</CurrentConnectTime><CurrentDownload>5000000000</CurrentDownload><CurrentDownloadRate>700</CurrentDownloadRate><CurrentUpload>2000000000</CurrentUpload><CurrentUploadRate>600</CurrentUploadRate><TotalConnectTime>1234567</TotalConnectTime><TotalDownload>50000000000</TotalDownload><TotalUpload>20000000000</TotalUpload><showtraffic>1</showtraffic></response>',
  month:
    '<response><CurrentDayDuration>10000</CurrentDayDuration><CurrentDayUsed>123456789</CurrentDayUsed><CurrentMonthDownload>1000000000</CurrentMonthDownload><CurrentMonthUpload>500000000</CurrentMonthUpload><MonthDuration>720000</MonthDuration><MonthLastClearTime>2025-07-01</MonthLastClearTime></response>',
  startDate: '<response><StartDay>14</StartDay><DataLimit>10GB</DataLimit><MonthThreshold>90</MonthThreshold><SetMonthData>1</SetMonthData></response>',
  plmn: '<response><State>0</State><FullName>T-Mobile</FullName><ShortName>T-Mobile</ShortName><Numeric>310260</Numeric><Rat>7</Rat><Spn>T-Mobile</Spn></response>',
  pin: '<response><SimState>257</SimState><PinOptState>258</PinOptState><SimPinTimes>3</SimPinTimes><SimPukTimes>10</SimPukTimes></response>'
}

function records(overrides: Record<string, string | undefined> = {}): Record<string, XmlRecord | undefined> {
  const out: Record<string, XmlRecord | undefined> = {}
  for (const [key, xml] of Object.entries({ ...POLL, ...overrides })) {
    if (xml === undefined) continue
    const parsed = parseXml(xml)
    if (!parsed.ok) throw new Error(`fixture ${key}: ${parsed.error.message}`)
    out[key] = elementToRecord(parsed.root)
  }
  return out
}

describe('buildReading', () => {
  it('maps a full poll to the normalized model', () => {
    const result = buildReading(records())
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.issues).toEqual([])
    expect(result.reading).toEqual({
      identity: { manufacturer: 'Huawei', model: 'Test Router', firmware: '2.0.0', hardware: '1.0.0', imei: '861403721045726', serialNumber: 'TESTSERIAL' },
      sim: { state: 'ready', iccid: '8901260412055501434', imsi: '310260412055501', spn: 'T-Mobile', pinAttemptsLeft: 3, pukAttemptsLeft: 10 },
      signal: { bars: 5, rat: 'lte', networkType: 'LTE', rssiDbm: -70, rsrpDbm: -100, rsrqDb: -10, sinrDb: 10, band: '1', cellId: '12345678', pci: 123 },
      registration: { state: 'home', operatorName: 'T-Mobile', plmn: '310260' },
      data: { state: 'connected', ipv4: '10.0.0.2' },
      usage: {
        sessionUploadBytes: 2_000_000_000,
        sessionDownloadBytes: 5_000_000_000,
        sessionSeconds: 123456,
        uploadRateBps: 600,
        downloadRateBps: 700,
        monthUploadBytes: 500_000_000,
        monthDownloadBytes: 1_000_000_000,
        monthLimitBytes: 10 * 1024 ** 3,
        billingDay: 14
      },
      wifiClients: 42
    })
  })

  it('reports the phone number with its source only when the device has one', () => {
    const withNumber = buildReading(records({ information: POLL.information!.replace('<Msisdn></Msisdn>', '<Msisdn>+12065550143</Msisdn>') }))
    expect(withNumber.ok && withNumber.reading.sim).toMatchObject({ msisdn: '+12065550143', msisdnSource: 'device' })
    const without = buildReading(records())
    expect(without.ok && 'msisdnSource' in without.reading.sim).toBe(false)
  })

  it('leaves out endpoints the firmware lacks (100002) and keeps the rest', () => {
    const result = buildReading(records({ information: undefined, month: undefined, startDate: undefined, pin: undefined }))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.reading.identity).toEqual({ manufacturer: 'Huawei' })
    expect(result.reading.sim.state).toBe('ready') // from monitoring/status SimStatus
    expect(result.reading.usage.monthDownloadBytes).toBeUndefined()
    expect(result.reading.signal.rsrpDbm).toBe(-100)
  })

  it('drops one unreadable field, says so in issues, and keeps the reading', () => {
    const result = buildReading(records({ signal: POLL.signal!.replace('-100dBm', 'n/a') }))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.reading.signal.rsrpDbm).toBeUndefined()
    expect(result.reading.signal.rssiDbm).toBe(-70)
    expect(result.issues).toEqual([expect.objectContaining({ field: 'rsrp', input: 'n/a' })])
  })

  it('shows a used-up plan and a lost signal the way the device reports them', () => {
    const exhausted = buildReading(records({ status: POLL.status!.replace('<ConnectionStatus>901', '<ConnectionStatus>201') }))
    expect(exhausted.ok && exhausted.reading.data).toEqual({ state: 'failed', failureReason: 'data volume exceeded: the plan has no data left' })
    const lost = buildReading(
      records({
        status: POLL.status!.replace('<CurrentNetworkTypeEx>101', '<CurrentNetworkTypeEx>0').replace('<ServiceStatus>2', '<ServiceStatus>0').replace('<SignalIcon>5', '<SignalIcon>0')
      })
    )
    expect(lost.ok && lost.reading.signal).toEqual({ bars: 0, rat: 'none' })
    expect(lost.ok && lost.reading.registration).toEqual({ state: 'searching' })
  })

  it('reads a 3G E5 with RSCP/EcIo and a battery (reference §1.7, §1.8)', () => {
    const result = buildReading(
      records({
        signal: '<response><sc>233</sc><cell_id>191659010</cell_id><rssi>-75dBm</rssi><rscp>-80dBm</rscp><ecio>-5dB</ecio><mode>2</mode></response>',
        status:
          '<response><ConnectionStatus>901</ConnectionStatus><SignalIcon>4</SignalIcon><CurrentNetworkType>9</CurrentNetworkType><RoamingStatus>0</RoamingStatus><BatteryStatus>1</BatteryStatus><BatteryPercent>88</BatteryPercent><CurrentWifiUser>2</CurrentWifiUser><ServiceStatus>2</ServiceStatus><SimStatus>1</SimStatus></response>'
      })
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.reading.signal).toEqual({ bars: 4, rat: 'umts', networkType: 'HSPA+', rssiDbm: -75, rscpDbm: -80, ecioDb: -5, cellId: '191659010' })
    expect(result.reading.battery).toEqual({ percent: 88, charging: true, low: false })
  })

  it('is an error when nothing was read at all', () => {
    const result = buildReading({})
    expect(result.ok).toBe(false)
  })
})
