// The rest of the history store: the device inventory (first/last seen, identities, SIM swaps),
// retention and pruning (whole and in steps), and the SMS archive's idempotence.
import { describe, expect, it } from 'vitest'
import type { SmsMessage } from '../../src/contract/model'
import { DEFAULT_RETENTION_DAYS, HistoryStore, type DeviceSighting } from '../../src/store/history-store'
import type { SampleRow } from '../../src/store/samples'

const DAY = 86_400_000
const T0 = Date.UTC(2025, 0, 31)

function sighting(key: string, fields: Partial<DeviceSighting> = {}): DeviceSighting {
  return { key, hostId: 'dev-1', demo: false, firstSeen: T0, lastSeen: T0, ...fields }
}

function row(ts: number): SampleRow {
  return {
    ts,
    rsrp: -90,
    rsrq: null,
    sinr: null,
    rssi: null,
    bars: 3,
    rat: 'lte',
    band: null,
    cell: null,
    registration: 'home',
    dataState: 'connected',
    sessionUp: null,
    sessionDown: null,
    monthUp: null,
    monthDown: null,
    monthTotal: null,
    battery: null
  }
}

describe('device inventory', () => {
  it('keeps the earliest first-seen and latest last-seen, and fills identities without erasing known ones', () => {
    const store = HistoryStore.open(':memory:')
    store.write([sighting('imei:1', { firstSeen: T0, lastSeen: T0 + 5, model: 'E5577', msisdn: '+1555', iccid: '8901' })], [])
    store.write([sighting('imei:1', { firstSeen: T0 + 10, lastSeen: T0 + 20, firmware: '21.1', hostId: 'dev-2', name: 'Car' })], [])
    // A late write of an older sighting: it widens first-seen, but the unit was last seen as dev-2, "Car".
    store.write([sighting('imei:1', { firstSeen: T0 - 100, lastSeen: T0 + 15, name: 'Old name' })], [])
    expect(store.devices()).toEqual([
      {
        key: 'imei:1',
        hostDeviceId: 'dev-2',
        demo: false,
        firstSeen: T0 - 100,
        lastSeen: T0 + 20,
        name: 'Car',
        model: 'E5577',
        firmware: '21.1',
        iccid: '8901',
        msisdn: '+1555'
      }
    ])
    // Only the host id it was last seen under leads to it.
    expect(store.keyForHostId('dev-2')).toBe('imei:1')
    expect(store.keyForHostId('dev-1')).toBeUndefined()
    store.close()
  })

  it('forgets the old SIM’s IMSI and number when another SIM goes in', () => {
    const store = HistoryStore.open(':memory:')
    store.write([sighting('imei:1', { iccid: '8901', imsi: '310260111', msisdn: '+1555' })], [])
    store.write([sighting('imei:1', { iccid: '8901' })], [])
    expect(store.devices()[0]).toMatchObject({ iccid: '8901', imsi: '310260111', msisdn: '+1555' })
    store.write([sighting('imei:1', { iccid: '8902', imsi: '440100222' })], [])
    const device = store.devices()[0]
    expect(device).toMatchObject({ iccid: '8902', imsi: '440100222' })
    expect(device?.msisdn).toBeUndefined()
    store.close()
  })

  it('lists the most recently seen first', () => {
    const store = HistoryStore.open(':memory:')
    store.write([sighting('host:a', { lastSeen: T0 }), sighting('host:b', { lastSeen: T0 + 1, demo: true }), sighting('host:c', { lastSeen: T0 - 1 })], [])
    expect(store.devices().map((d) => [d.key, d.demo])).toEqual([
      ['host:b', true],
      ['host:a', false],
      ['host:c', false]
    ])
    store.close()
  })

  it('refuses samples of a device with no inventory row, and writes nothing of that batch', () => {
    const store = HistoryStore.open(':memory:')
    expect(() => store.write([sighting('host:a')], [{ key: 'host:a', row: row(T0) }, { key: 'host:nobody', row: row(T0) }])).toThrow(/no inventory row/)
    expect(store.db.value('SELECT count(*) FROM samples')).toBe(0)
    expect(store.devices()).toEqual([])
    // The failed batch's ids are not reused: the next write works.
    expect(store.write([sighting('host:a')], [{ key: 'host:a', row: row(T0) }])).toBe(1)
    store.close()
  })

  it('skips a sample it already holds (same device, same time)', () => {
    const store = HistoryStore.open(':memory:')
    expect(store.write([sighting('host:a')], [{ key: 'host:a', row: row(T0) }])).toBe(1)
    expect(store.write([], [{ key: 'host:a', row: row(T0) }, { key: 'host:a', row: row(T0 + 1) }])).toBe(1)
    expect(store.db.value('SELECT count(*) FROM samples')).toBe(2)
    store.close()
  })
})

describe('retention', () => {
  function storeWithDays(days: number, perDay = 4, keys = ['host:a', 'host:b']): HistoryStore {
    const store = HistoryStore.open(':memory:')
    const samples = keys.flatMap((key) =>
      Array.from({ length: days * perDay }, (_, i) => ({ key, row: row(T0 - (days * DAY) + (i * DAY) / perDay) }))
    )
    store.write(keys.map((key) => sighting(key, { hostId: key })), samples)
    return store
  }

  it('keeps 30 days by default and stores the user’s setting', () => {
    const store = HistoryStore.open(':memory:')
    expect(store.retentionDays()).toBe(DEFAULT_RETENTION_DAYS)
    expect(DEFAULT_RETENTION_DAYS).toBe(30)
    store.setRetentionDays(7)
    expect(store.retentionDays()).toBe(7)
    expect(() => store.setRetentionDays(0)).toThrow(RangeError)
    expect(() => store.setRetentionDays(1.5)).toThrow(RangeError)
    expect(store.retentionDays()).toBe(7)
    store.close()
    expect(HistoryStore.open(':memory:', { defaultRetentionDays: 90 }).retentionDays()).toBe(90)
  })

  it('deletes exactly the samples older than the retention period, for every device', () => {
    const store = storeWithDays(40)
    store.setRetentionDays(30)
    const cutoff = T0 - 30 * DAY
    const expired = Number(store.db.value('SELECT count(*) FROM samples WHERE ts < ?1', [cutoff]))
    const kept = Number(store.db.value('SELECT count(*) FROM samples WHERE ts >= ?1', [cutoff]))
    expect(expired).toBe(2 * 10 * 4)
    expect(store.prune(T0)).toEqual({ deleted: expired, done: true })
    expect(store.db.value('SELECT count(*) FROM samples')).toBe(kept)
    expect(store.db.value('SELECT min(ts) FROM samples')).toBe(cutoff)
    expect(store.prune(T0)).toEqual({ deleted: 0, done: true })
    store.close()
  })

  it('prunes in bounded steps that add up to the same result', () => {
    const store = storeWithDays(40, 10)
    store.setRetentionDays(5)
    const expired = Number(store.db.value('SELECT count(*) FROM samples WHERE ts < ?1', [T0 - 5 * DAY]))
    const steps: number[] = []
    for (let i = 0; i < 100; i++) {
      const { deleted, done } = store.prune(T0, 60)
      expect(deleted).toBeLessThanOrEqual(60)
      steps.push(deleted)
      if (done) break
    }
    expect(steps.reduce((a, b) => a + b, 0)).toBe(expired)
    expect(steps.length).toBeGreaterThan(expired / 60)
    expect(store.db.value('SELECT count(*) FROM samples WHERE ts < ?1', [T0 - 5 * DAY])).toBe(0)
    expect(store.db.value('SELECT count(*) FROM samples')).toBe(2 * 5 * 10)
    store.close()
  })
})

describe('SMS archive', () => {
  const inbox: SmsMessage[] = [
    { id: '0', from: '+12065550100', text: 'Your code is 1234', receivedAt: '2025-01-30T10:00:00Z', read: true },
    { id: '1', from: 'T-Mobile', text: 'You have used 80% of your data, "heads up"', receivedAt: '2025-01-30T11:00:00Z', read: false }
  ]

  it('archives each message once, however often the inbox is read', () => {
    const store = HistoryStore.open(':memory:')
    expect(store.archiveSms('8901', inbox, T0)).toBe(2)
    expect(store.archiveSms('8901', inbox, T0 + 1000)).toBe(0)
    expect(store.archiveSms('8901', [...inbox].reverse(), T0 + 2000)).toBe(0)
    expect(store.archivedSms('8901')).toEqual([
      { iccid: '8901', messageId: '0', from: '+12065550100', text: 'Your code is 1234', receivedAt: '2025-01-30T10:00:00Z', firstArchived: T0 },
      {
        iccid: '8901',
        messageId: '1',
        from: 'T-Mobile',
        text: 'You have used 80% of your data, "heads up"',
        receivedAt: '2025-01-30T11:00:00Z',
        firstArchived: T0
      }
    ])
    store.close()
  })

  it('keeps a new message that reuses a deleted one’s storage index', () => {
    const store = HistoryStore.open(':memory:')
    store.archiveSms('8901', inbox, T0)
    const reused: SmsMessage = { id: '0', from: '+12065550100', text: 'Your code is 9876', receivedAt: '2025-01-31T09:00:00Z', read: false }
    expect(store.archiveSms('8901', [reused], T0 + 1)).toBe(1)
    expect(store.archivedSms('8901').map((m) => m.text)).toEqual(['Your code is 1234', 'You have used 80% of your data, "heads up"', 'Your code is 9876'])
    store.close()
  })

  it('files messages per SIM and waits for a long message to be whole', () => {
    const store = HistoryStore.open(':memory:')
    const partial: SmsMessage = { id: '5', from: '+1', text: 'Part one of', receivedAt: '2025-01-31T09:00:00Z', read: false, partsMissing: 1 }
    expect(store.archiveSms('8901', [partial], T0)).toBe(0)
    expect(store.archiveSms('8902', inbox.slice(0, 1), T0)).toBe(1)
    expect(store.archiveSms('8901', [{ ...partial, text: 'Part one of two', partsMissing: 0 }], T0)).toBe(1)
    expect(store.archivedSms('8901').map((m) => m.text)).toEqual(['Part one of two'])
    expect(store.archivedSms('8902')).toHaveLength(1)
    expect(store.archiveSms('8901', [], T0)).toBe(0)
    store.close()
  })
})
