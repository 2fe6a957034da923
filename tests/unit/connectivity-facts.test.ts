// What the hotspot's own report means for the classifier. The failure texts are the exact strings the drivers
// write today (cited per row), so a driver rewording its message shows up here.
import { describe, expect, it } from 'vitest'
import {
  deviceFactsFromStatus,
  formatBytes,
  interpretDataFailure,
  interpretRejectCause,
  usageAgainstLimit,
  type DataFailureKind,
  type RejectKind
} from '../../src/connectivity/facts'

describe('interpretDataFailure: driver texts', () => {
  const rows: Array<[string, string, DataFailureKind]> = [
    // src/devices/families/huawei-hilink/parse.ts parseConnectionStatus
    ['HiLink 201', 'data volume exceeded: the plan has no data left', 'volume-exceeded'],
    ['HiLink 12/13', 'roaming not allowed', 'roaming-not-allowed'],
    ['HiLink 112', 'automatic connection switched off', 'data-switched-off'],
    ['HiLink 113', 'automatic connection switched off while roaming', 'data-switched-off'],
    ['HiLink 114', 'reconnecting after a drop is switched off', 'data-switched-off'],
    ['HiLink 7/11/14/37', 'network access not allowed (the line may have no data service)', 'access-not-allowed'],
    ['HiLink profile set', 'connection failed: the APN profile is not valid', 'profile-invalid'],
    ['HiLink fallback with a known code', 'connection status 37', 'access-not-allowed'],
    ['HiLink fallback with an unknown code', 'connection status 999', 'other'],
    // src/devices/families/generic-at/errors.ts ACTIVATION_CAUSES
    [
      '+CME 133',
      'The network refused mobile data: this line has no data service right now (“requested service option not subscribed”). The plan or data pass may have run out, or the carrier wants a different APN.',
      'not-subscribed'
    ],
    ['+CME 127', 'The network does not know this APN (“missing or unknown APN”). Check the APN for this carrier and SIM.', 'unknown-apn'],
    ['+CME 129/149', 'The network rejected the APN user name or password. Check them, and try PAP or CHAP.', 'apn-auth'],
    ['+CME 30', 'The modem has no network service, so mobile data cannot start. Check the signal and that the SIM is registered.', 'no-service'],
    ['+CME 31', 'The network did not answer the data request in time. Try again in a moment.', 'network-busy'],
    ['+CME 107', 'The network does not allow data for this SIM (“GPRS services not allowed”). The line may not be activated yet.', 'data-not-allowed'],
    ['+CME 111', 'This network does not accept the SIM here (“PLMN not allowed”). Enable roaming or choose another network.', 'plmn-not-allowed'],
    ['+CME 112', 'The network does not allow the SIM in this area.', 'area-not-allowed'],
    ['+CME 113', 'Roaming is not allowed for this SIM in this area. Check the line’s roaming option.', 'roaming-not-allowed'],
    ['+CME 114', 'The network does not allow data for this SIM on this network.', 'plmn-not-allowed'],
    ['+CME 132', 'The network does not support the requested data service. Check the APN and PDP type.', 'service-not-supported'],
    ['+CME 134', 'The carrier’s data service is temporarily out of order. Try again later.', 'network-busy'],
    ['+CME 148', 'The network refused mobile data without saying why. Check the APN, then try again.', 'unspecified'],
    ['+CME 177', 'The carrier has barred data on this line. Contact the carrier.', 'barred'],
    ['+CME 192', 'The network only allows IPv4 on this APN. Choose IPv4 or IPv4v6 as the PDP type.', 'pdp-type'],
    ['+CME 193', 'The network only allows IPv6 on this APN (T-Mobile US is IPv6-first). Choose IPv6 or IPv4v6 as the PDP type.', 'pdp-type'],
    ['no address (errors.ts)', 'The data connection came up without an IP address, which usually means the network does not accept this APN. Check the APN for this carrier.', 'no-address'],
    // src/devices/families/generic-at/reading.ts buildDataSession
    ['no address (reading.ts)', 'The data connection is up but has no IP address, which usually means the network does not accept this APN.', 'no-address'],
    ['unknown +CME', 'The modem could not start mobile data (+CME ERROR: 100).', 'other'],
    ['+CME code in a raw line', '+CME ERROR: 133', 'not-subscribed'],
    // src/devices/families/netgear/reading.ts and zte-goform/reading.ts: the device's own limit
    ['Netgear limit', 'the monthly data limit set on the device has been used up', 'device-limit'],
    ['ZTE limit', 'the monthly data limit set on the device has been reached', 'device-limit'],
    // tests/support/fake-apn-device.ts
    ['fake device', 'PDP rejected', 'other']
  ]
  it.each(rows)('%s', (_name, text, kind) => {
    expect(interpretDataFailure({ state: 'failed', failureReason: text })?.kind).toBe(kind)
  })

  it('is undefined when nothing is said', () => {
    expect(interpretDataFailure({ state: 'failed' })).toBeUndefined()
    expect(interpretDataFailure({ state: 'failed', failureReason: '   ' })).toBeUndefined()
    expect(interpretDataFailure(undefined)).toBeUndefined()
  })
})

describe('interpretDataFailure: raw codes win over text', () => {
  const rows: Array<[string, Parameters<typeof interpretDataFailure>[1], DataFailureKind | undefined]> = [
    ['HiLink 201', { hilinkConnectionStatus: 201 }, 'volume-exceeded'],
    ['HiLink 7', { hilinkConnectionStatus: 7 }, 'access-not-allowed'],
    ['HiLink 11', { hilinkConnectionStatus: 11 }, 'access-not-allowed'],
    ['HiLink 14', { hilinkConnectionStatus: 14 }, 'access-not-allowed'],
    ['HiLink 37', { hilinkConnectionStatus: 37 }, 'access-not-allowed'],
    ['HiLink 33 (profile set, not ESM #33)', { hilinkConnectionStatus: 33 }, 'profile-invalid'],
    ['HiLink 13', { hilinkConnectionStatus: 13 }, 'roaming-not-allowed'],
    ['HiLink 115', { hilinkConnectionStatus: 115 }, 'data-switched-off'],
    ['+CME 133', { cmeError: 133 }, 'not-subscribed'],
    ['+CME 33 (bare cause)', { cmeError: 33 }, 'not-subscribed'],
    ['+CME 149', { cmeError: 149 }, 'apn-auth'],
    ['ESM #33', { esmCause: 33 }, 'not-subscribed'],
    ['ESM #27', { esmCause: 27 }, 'unknown-apn'],
    ['ESM #50', { esmCause: 50 }, 'pdp-type'],
    ['ESM #8', { esmCause: 8 }, 'barred']
  ]
  it.each(rows)('%s', (_name, codes, kind) => {
    expect(interpretDataFailure({ state: 'failed', failureReason: 'PDP rejected' }, codes)?.kind).toBe(kind)
  })

  it('falls back to the text when a code means nothing (HiLink 901 is "connected")', () => {
    expect(interpretDataFailure({ failureReason: 'roaming not allowed' }, { hilinkConnectionStatus: 901 })?.kind).toBe('roaming-not-allowed')
  })

  it('records where the interpretation came from', () => {
    expect(interpretDataFailure({}, { hilinkConnectionStatus: 201 })?.source).toBe('HiLink ConnectionStatus 201')
    expect(interpretDataFailure({}, { cmeError: 133 })?.source).toBe('+CME ERROR: 133')
  })
})

describe('interpretRejectCause', () => {
  const rows: Array<[unknown, number | undefined, RejectKind | undefined, number | undefined]> = [
    // generic-at describeRejectCause
    ['EMM #2 IMSI unknown in HSS', undefined, 'not-provisioned', 2],
    ['EMM #3 illegal UE', undefined, 'illegal-device', 3],
    ['EMM #7 EPS services not allowed', undefined, 'services-not-allowed', 7],
    ['EMM #8 EPS services and non-EPS services not allowed', undefined, 'services-not-allowed', 8],
    ['EMM #11 PLMN not allowed', undefined, 'plmn-not-allowed', 11],
    ['EMM #13 roaming not allowed in this tracking area', undefined, 'roaming-not-allowed', 13],
    ['EMM #14 EPS services not allowed in this PLMN', undefined, 'plmn-not-allowed', 14],
    ['EMM #15 no suitable cells in tracking area', undefined, 'area-not-allowed', 15],
    ['EMM #22 congestion', undefined, 'network-busy', 22],
    ['EMM #99', undefined, 'other', 99],
    ['manufacturer-specific cause 7', undefined, 'other', undefined],
    // netgear parseRegistration
    ['reject cause 7', undefined, 'services-not-allowed', 7],
    ['reject cause 33', undefined, 'not-subscribed', 33],
    // bare numbers and the +CME spelling of #33
    ['133', undefined, 'not-subscribed', 133],
    [33, undefined, 'not-subscribed', 33],
    ['requested service option not subscribed', undefined, 'not-subscribed', undefined],
    // a raw EMM code wins
    ['reject cause 7', 2, 'not-provisioned', 2],
    [undefined, undefined, undefined, undefined],
    ['', undefined, undefined, undefined]
  ]
  it.each(rows)('%j (emm %j)', (text, emm, kind, cause) => {
    const result = interpretRejectCause(text, emm)
    expect(result?.kind).toBe(kind)
    expect(result?.cause).toBe(cause)
  })
})

describe('usage against the device limit', () => {
  it('adds upload and download when there is no total', () => {
    expect(usageAgainstLimit({ monthUploadBytes: 1e9, monthDownloadBytes: 4e9, monthLimitBytes: 5e9 })).toEqual({ usedBytes: 5e9, limitBytes: 5e9, reached: true })
  })
  it('prefers the total', () => {
    expect(usageAgainstLimit({ monthTotalBytes: 2e9, monthDownloadBytes: 9e9, monthLimitBytes: 5e9 })?.reached).toBe(false)
  })
  it('is undefined without a limit or usage', () => {
    expect(usageAgainstLimit({ monthTotalBytes: 2e9 })).toBeUndefined()
    expect(usageAgainstLimit({ monthLimitBytes: 0, monthTotalBytes: 1 })).toBeUndefined()
    expect(usageAgainstLimit({ monthLimitBytes: 5e9 })).toBeUndefined()
    expect(usageAgainstLimit(undefined)).toBeUndefined()
  })
  it('formats bytes the way carriers count them', () => {
    expect(formatBytes(5e9)).toBe('5 GB')
    expect(formatBytes(1_500_000)).toBe('1.5 MB')
    expect(formatBytes(812)).toBe('812 B')
    expect(formatBytes(Number.NaN)).toBe('an unknown amount')
  })
})

describe('deviceFactsFromStatus', () => {
  it('takes the parts the classifier reads', () => {
    const facts = deviceFactsFromStatus({
      deviceId: 'd1',
      updatedAt: 1,
      identity: {},
      sim: { state: 'ready' },
      signal: { bars: 3, rat: 'lte' },
      registration: { state: 'home' },
      data: { state: 'connected', ipv4: '10.1.2.3' },
      usage: { monthTotalBytes: 1 }
    })
    expect(facts).toEqual({
      sim: { state: 'ready' },
      signal: { bars: 3, rat: 'lte' },
      registration: { state: 'home' },
      data: { state: 'connected', ipv4: '10.1.2.3' },
      usage: { monthTotalBytes: 1 }
    })
    expect(deviceFactsFromStatus(undefined)).toEqual({})
  })
})
