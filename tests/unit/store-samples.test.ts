// Pure pieces of the store: which key a device's history goes under, what a reading becomes, and
// CSV fields (RFC 4180 quoting, formula guard).
import { describe, expect, it } from 'vitest'
import type { DeviceStatus } from '../../src/contract/model'
import { csvField, csvRow } from '../../src/store/csv'
import { deviceKeyOf, sampleFromStatus } from '../../src/store/samples'

describe('deviceKeyOf', () => {
  it.each([
    ['a plain IMEI', '861234567890128', 'imei:86123456789012'],
    ['an IMEISV (16 digits) of the same unit', '8612345678901203', 'imei:86123456789012'],
    ['an IMEI with spaces and dashes', '86-123456-789012-8', 'imei:86123456789012'],
    ['a 14-digit IMEI without check digit', '86123456789012', 'imei:86123456789012'],
    ['no IMEI', undefined, 'host:usb-1-2'],
    ['an empty IMEI', '', 'host:usb-1-2'],
    ['an all-zero placeholder', '000000000000000', 'host:usb-1-2'],
    ['garbage', 'ERROR', 'host:usb-1-2'],
    ['too short', '1234567', 'host:usb-1-2']
  ])('%s', (_label, imei, key) => {
    expect(deviceKeyOf('usb-1-2', imei)).toBe(key)
  })
})

describe('sampleFromStatus', () => {
  const status: DeviceStatus = {
    deviceId: 'd1',
    updatedAt: 1_750_000_000_000,
    identity: { imei: '861234567890128' },
    sim: { state: 'ready' },
    signal: { bars: 4, rat: 'lte', rsrpDbm: -91, rsrqDb: -9.5, sinrDb: 13, rssiDbm: -61, band: 'B66', cellId: '0x1A2B' },
    registration: { state: 'home' },
    data: { state: 'connected' },
    usage: { sessionUploadBytes: 10, sessionDownloadBytes: 20, monthUploadBytes: 300, monthDownloadBytes: 700 },
    battery: { percent: 64 }
  }

  it('maps every field, adding up a month total the device does not report', () => {
    expect(sampleFromStatus(status)).toEqual({
      ts: 1_750_000_000_000,
      rsrp: -91,
      rsrq: -9.5,
      sinr: 13,
      rssi: -61,
      bars: 4,
      rat: 'lte',
      band: 'B66',
      cell: '0x1A2B',
      registration: 'home',
      dataState: 'connected',
      sessionUp: 10,
      sessionDown: 20,
      monthUp: 300,
      monthDown: 700,
      monthTotal: 1000,
      battery: 64
    })
  })

  it('prefers the reported month total, and stores nulls for what is missing', () => {
    const sparse = sampleFromStatus({
      ...status,
      signal: { bars: 0, rat: 'none', rsrpDbm: Number.NaN, band: '' },
      usage: { monthTotalBytes: 5, monthUploadBytes: 1 },
      battery: undefined
    })
    expect(sparse).toMatchObject({ bars: 0, rat: 'none', rsrp: null, band: null, cell: null, monthTotal: 5, monthUp: 1, monthDown: null, battery: null })
    expect(sampleFromStatus({ ...status, usage: { monthUploadBytes: 1 } }).monthTotal).toBeNull()
  })

  it('cuts device-given labels short', () => {
    expect(sampleFromStatus({ ...status, signal: { ...status.signal, band: 'B'.repeat(500) } }).band).toHaveLength(64)
  })
})

describe('CSV', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    [42, '42'],
    [-91.5, '-91.5'],
    [Number.NaN, ''],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['line\nfeed', '"line\nfeed"'],
    ['=1+1', "'=1+1"],
    ['+CSQ', "'+CSQ"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['', '']
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it('ends every row with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b"c'])).toBe('a,1,,"b""c"\r\n')
  })
})
