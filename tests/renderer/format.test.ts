import { describe, expect, it } from 'vitest'
import { formatBytes, formatDuration, formatRate } from '@renderer/format/bytes'
import { signalQuality } from '@renderer/format/signal-quality'

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1,023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [52_428_800, '50 MB'],
    [1_288_490_189, '1.2 GB'],
    [10_737_418_240, '10 GB'],
    [107_374_182_400, '100 GB'],
    [1024 ** 4 * 3, '3 TB']
  ])('%d bytes → %s (en)', (bytes, expected) => {
    expect(formatBytes(bytes, 'en')).toBe(expected)
  })

  it('follows the locale for separators', () => {
    expect(formatBytes(1536, 'de')).toBe('1,5 KB')
    expect(formatBytes(1_288_490_189, 'ja')).toBe('1.2 GB')
  })

  it('formats rates and durations', () => {
    expect(formatRate(1_258_291, 'en')).toBe('1.2 MB/s')
    expect(formatDuration(59)).toBe('0:59')
    expect(formatDuration(3725)).toBe('1:02:05')
  })
})

describe('signalQuality (typical LTE bands)', () => {
  it.each([
    ['rsrp', -70, 'excellent'],
    ['rsrp', -80, 'excellent'],
    ['rsrp', -85, 'good'],
    ['rsrp', -95, 'fair'],
    ['rsrp', -100, 'fair'],
    ['rsrp', -101, 'poor'],
    ['sinr', 25, 'excellent'],
    ['sinr', 20, 'excellent'],
    ['sinr', 13, 'good'],
    ['sinr', 5, 'fair'],
    ['sinr', -1, 'poor'],
    ['rsrq', -8, 'excellent'],
    ['rsrq', -12, 'good'],
    ['rsrq', -18, 'fair'],
    ['rsrq', -21, 'poor'],
    ['rssi', -60, 'excellent'],
    ['rssi', -70, 'good'],
    ['rssi', -80, 'fair'],
    ['rssi', -90, 'poor']
  ] as const)('%s %d → %s', (metric, value, expected) => {
    expect(signalQuality(metric, value)).toBe(expected)
  })
})
