// History end to end: the host records the demo hotspot's real readings (Huawei simulator, real
// driver) into a libsql file, and a client reads them back with history.* over a real WebSocket in
// serve mode. Everything on 127.0.0.1, in a temporary folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HistoryDevice, HistorySeries, type DeviceStatus, type SmsMessage } from '../../src/contract/model'
import { methods } from '../../src/contract/methods'
import { DEMO_DEVICE_ID } from '../../src/host/demo'
import { createHost, type Host } from '../../src/host/host'
import { startServe, type ServeHandle } from '../../src/host/serve/serve-server'
import { HistoryStore } from '../../src/store/history-store'
import { CSV_HEADER } from '../../src/store/queries'
import { ContractTestClient } from '../support/contract-client'

const TOKEN = 'history-token-0123456789abcdef'
let dir: string
let dbPath: string
let host: Host
let serve: ServeHandle
let client: ContractTestClient
let startedAt: number
/** Readings the client saw pushed while subscribed. */
const seen: DeviceStatus[] = []

let closed = false

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hd-history-ws-'))
  dbPath = join(dir, 'data', 'history.db')
  writeFileSync(join(dir, 'index.html'), '<!doctype html>')
  startedAt = Date.now()
  host = await createHost({
    startDemo: true,
    // The production rates, ten times faster and five times as far apart; the recorder follows them.
    rates: { focusedMs: 100, backgroundMs: 2_000 },
    demo: { latencyMs: 2 },
    history: { path: dbPath, timing: { flushIntervalMs: 200 } }
  })
  serve = await startServe({ host, rendererDir: dir, token: TOKEN })
  client = await ContractTestClient.connect(`ws://127.0.0.1:${serve.port}/api?token=${TOKEN}`)
  await client.result('devices.subscribe', { focusDeviceId: DEMO_DEVICE_ID })
  while (seen.length < 8) {
    const after = seen.at(-1)?.updatedAt ?? 0
    const event = await client.nextEvent((e) => {
      const status = (e.payload as { status?: DeviceStatus }).status
      return e.event === 'device.changed' && status?.deviceId === DEMO_DEVICE_ID && status.updatedAt > after
    })
    seen.push((event.payload as { status: DeviceStatus }).status)
  }
  await client.result('devices.unsubscribe', {})
})

afterAll(async () => {
  if (!closed) {
    client?.close()
    await serve?.close()
    await host?.close()
  }
  rmSync(dir, { recursive: true, force: true })
})

async function query(params: Record<string, unknown>) {
  return HistorySeries.parse(await client.result('history.query', params))
}

describe('recording the demo hotspot', () => {
  it('stores every reading pushed to the client, with the values the client saw', async () => {
    const to = Date.now()
    const series = await query({ deviceId: DEMO_DEVICE_ID, metrics: ['rsrp', 'sessionDown', 'bars'], from: startedAt, to, buckets: 2000 })
    expect(series.mode).toBe('raw')
    expect(series.deviceKey).toMatch(/^imei:\d{14}$/)
    expect(series.columns).toEqual(['t', 'n', ...['rsrp', 'sessionDown', 'bars'].flatMap((m) => [`${m}.min`, `${m}.max`, `${m}.avg`, `${m}.n`])])
    const byTime = new Map(series.rows.map((row) => [row[0], row]))
    const times = series.rows.map((row) => row[0] as number)
    // The first pushed reading may be the extra poll that focusing triggers, right after a background
    // one (then it is one sample too many and is skipped); from there on every reading is a sample.
    for (const status of seen.slice(1)) {
      const row = byTime.get(status.updatedAt)
      expect(row, `reading at +${status.updatedAt - startedAt} ms; stored: ${times.map((t) => t - startedAt).join(' ')}`).toBeDefined()
      expect(row?.[2]).toBe(status.signal.rsrpDbm ?? null)
      expect(row?.[6]).toBe(status.usage.sessionDownloadBytes ?? null)
      expect(row?.[10]).toBe(status.signal.bars)
    }
    // One sample per reading: never two closer than the focused interval (less the timer slack).
    expect(times).toEqual([...times].sort((a, b) => a - b))
    for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(90)
  })

  it('downsamples the same range into buckets whose counts and extremes add up', async () => {
    const to = Date.now()
    const raw = await query({ deviceId: DEMO_DEVICE_ID, metrics: ['rsrp'], from: startedAt, to, buckets: 2000 })
    const two = await query({ deviceId: DEMO_DEVICE_ID, metrics: ['rsrp'], from: startedAt, to, buckets: 2 })
    expect(two.mode).toBe('buckets')
    expect(two.bucketMs).toBe(Math.ceil((to - startedAt + 1) / 2))
    expect(two.rows.length).toBeGreaterThanOrEqual(1)
    expect(two.rows.length).toBeLessThanOrEqual(2)
    // Samples written between the two queries only add to the count.
    expect(two.rows.reduce((sum, row) => sum + (row[1] as number), 0)).toBeGreaterThanOrEqual(raw.rows.length)
    const rawValues = raw.rows.map((row) => row[2] as number)
    expect(Math.min(...two.rows.map((row) => row[2] as number))).toBeLessThanOrEqual(Math.min(...rawValues))
    for (const row of two.rows) {
      const [min, max, avg] = [row[2], row[3], row[4]] as number[]
      expect(min).toBeLessThanOrEqual(avg as number)
      expect(avg).toBeLessThanOrEqual(max as number)
    }
  })

  it('lists every recorded demo unit in the inventory, with the identity each reported', async () => {
    const { devices } = await client.result<{ devices: unknown[] }>('history.devices', {})
    const inventory = devices.map((d) => HistoryDevice.parse(d))
    const live = await client.result<{ devices: Array<{ id: string }> }>('devices.list', {})
    // The demo fleet: one history per unit, each under its own IMEI.
    expect(inventory.every((d) => d.demo && live.devices.some((l) => l.id === d.hostDeviceId))).toBe(true)
    expect(new Set(inventory.map((d) => d.key)).size).toBe(inventory.length)
    const demo = inventory.find((d) => d.hostDeviceId === DEMO_DEVICE_ID)
    const latest = seen[seen.length - 1] as DeviceStatus
    expect(demo).toMatchObject({
      demo: true,
      family: 'huawei-hilink',
      imei: latest.identity.imei,
      iccid: latest.sim.iccid,
      msisdn: latest.sim.msisdn
    })
    expect(demo?.firstSeen).toBeGreaterThanOrEqual(startedAt)
    expect(demo?.lastSeen).toBeGreaterThanOrEqual(latest.updatedAt)
    expect(demo?.key).toBe(`imei:${latest.identity.imei?.slice(0, 14)}`)
  })

  it('exports the range as CSV, the same samples as the query, by device id or key', async () => {
    const to = Date.now()
    const series = await query({ deviceId: DEMO_DEVICE_ID, metrics: ['rsrp'], from: startedAt, to, buckets: 2000 })
    const exported = methods['history.export'].result.parse(await client.result('history.export', { deviceId: DEMO_DEVICE_ID, from: startedAt, to }))
    expect(exported.filename).toMatch(/^hotspot-history-imei-\d{14}-\d{8}T\d{4}Z-\d{8}T\d{4}Z\.csv$/)
    const lines = exported.csv.split('\r\n')
    expect(lines[0]).toBe(CSV_HEADER.join(','))
    expect(lines.at(-1)).toBe('')
    expect(exported.rows).toBe(series.rows.length)
    const first = lines[1]?.split(',') ?? []
    expect(first[0]).toBe(new Date(series.rows[0]?.[0] as number).toISOString())
    expect(Number(first[2])).toBe(series.rows[0]?.[2])
    const byKey = await client.result('history.export', { deviceKey: series.deviceKey, from: startedAt, to })
    expect(byKey).toEqual(exported)
  })

  it('archives the SIM’s messages when the inbox is read, once', async () => {
    const { messages } = await client.result<{ messages: SmsMessage[] }>('sms.list', { deviceId: DEMO_DEVICE_ID })
    await client.result('sms.list', { deviceId: DEMO_DEVICE_ID })
    const iccid = (seen[0] as DeviceStatus).sim.iccid as string
    const archived = host.history?.store.archivedSms(iccid) ?? []
    expect(messages.length).toBeGreaterThan(0)
    expect(archived.map((m) => m.text).sort()).toEqual(messages.filter((m) => !m.partsMissing).map((m) => m.text).sort())
  })

  it('reads and sets retention', async () => {
    expect(await client.result('history.retention', {})).toEqual({ days: 30 })
    expect(await client.result('history.retention', { days: 7 })).toEqual({ days: 7 })
    expect(await client.result('history.retention', {})).toEqual({ days: 7 })
  })
})

describe('history requests the host refuses', () => {
  const range = () => ({ from: startedAt, to: Date.now() })

  it('answers BAD_INPUT naming the field', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['history.query', { deviceId: DEMO_DEVICE_ID, metrics: ['rsrp'], from: Date.now(), to: startedAt }, 'params.to'],
      ['history.query', { deviceId: DEMO_DEVICE_ID, metrics: ['rsrp'], ...range(), buckets: 5000 }, 'params.buckets'],
      ['history.query', { deviceId: DEMO_DEVICE_ID, metrics: ['rsrp', 'wifi'], ...range() }, 'params.metrics.1'],
      ['history.query', { metrics: ['rsrp'], ...range() }, 'params.deviceId'],
      ['history.export', { deviceId: DEMO_DEVICE_ID, from: 10, to: 5 }, 'params.to'],
      ['history.retention', { days: 0 }, 'params.days']
    ]
    for (const [method, params, path] of cases) {
      const error = await client.error(method, params)
      expect(error, `${method} ${JSON.stringify(params)}`).toMatchObject({ code: 'BAD_INPUT', details: { path } })
    }
  })

  it('answers NOT_FOUND for a device with no history', async () => {
    expect(await client.error('history.query', { deviceId: 'no-such-device', metrics: ['rsrp'], ...range() })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await client.error('history.export', { deviceKey: 'imei:00000000000001', ...range() })).toMatchObject({ code: 'NOT_FOUND' })
  })

  it('answers UNSUPPORTED on a host without history', async () => {
    const bare = await createHost({})
    const bareServe = await startServe({ host: bare, rendererDir: dir, token: TOKEN })
    const bareClient = await ContractTestClient.connect(`ws://127.0.0.1:${bareServe.port}/api?token=${TOKEN}`)
    expect(await bareClient.error('history.devices', {})).toEqual({ code: 'UNSUPPORTED', message: 'History is off in this host.' })
    bareClient.close()
    await bareServe.close()
    await bare.close()
  })
})

describe('after the host closes', () => {
  it('has written every sample to the file', async () => {
    const to = Date.now()
    const before = await query({ deviceId: DEMO_DEVICE_ID, metrics: ['rsrp'], from: startedAt, to, buckets: 2000 })
    closed = true
    client.close()
    await serve.close()
    await host.close()
    const reopened = HistoryStore.open(dbPath)
    const after = await reopened.querySeries(before.deviceKey, { metrics: ['rsrp'], from: startedAt, to, buckets: 2000 })
    expect(after?.rows).toEqual(before.rows)
    expect(Number(reopened.db.value('SELECT count(*) FROM samples'))).toBeGreaterThanOrEqual(before.rows.length)
    reopened.close()
  })
})
