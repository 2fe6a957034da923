// The history.* handlers and contract schemas without a network: validation paths, history that is
// off or could not be opened, device resolution, the export size limit, and retention.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { methods } from '../../src/contract/methods'
import type { DeviceChangeListener } from '../../src/host/device-manager'
import type { ClientContext } from '../../src/host/contract-server'
import { createHistoryHandlers, exportFilename } from '../../src/host/history-handlers'
import { DEFAULT_RECORDER_TIMING } from '../../src/host/history-recorder'
import { HistoryService, openHistory, recorderTimingFor } from '../../src/host/history-service'
import { DEFAULT_POLLING_RATES } from '../../src/host/polling-policy'
import { sampleReading } from '../support/fake-family'

const T0 = Date.UTC(2025, 6, 1)
const client = {} as ClientContext
let dir: string
let emit: DeviceChangeListener
const source = {
  onChange(listener: DeviceChangeListener) {
    emit = listener
    return () => undefined
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hd-history-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function issue(method: 'history.query' | 'history.export' | 'history.retention', params: unknown): { path: string; message: string } | undefined {
  const parsed = methods[method].params.safeParse(params)
  if (parsed.success) return undefined
  const first = parsed.error.issues[0]
  return first && { path: first.path.join('.'), message: first.message }
}

async function failure(work: () => unknown): Promise<ContractError> {
  try {
    await work()
  } catch (error) {
    if (error instanceof ContractError) return error
    throw error
  }
  throw new Error('expected a ContractError')
}

describe('history contract schemas', () => {
  const ok = { deviceId: 'd1', metrics: ['rsrp'], from: T0, to: T0 + 1000 }

  it('accepts a well-formed query and fills in 500 buckets', () => {
    expect(methods['history.query'].params.parse(ok)).toEqual({ ...ok, buckets: 500 })
    expect(issue('history.query', { deviceKey: 'imei:1', metrics: ['rsrp', 'sinr'], from: T0, to: T0, buckets: 2000 })).toBeUndefined()
  })

  it.each([
    ['from after to', { ...ok, from: T0 + 1, to: T0 }, 'to', /from must not be later than to/],
    ['too many buckets', { ...ok, buckets: 2001 }, 'buckets', /2000/],
    ['no buckets', { ...ok, buckets: 0 }, 'buckets', /1/],
    ['an unknown metric', { ...ok, metrics: ['rsrp', 'snr'] }, 'metrics.1', /rsrp/],
    ['no metrics', { ...ok, metrics: [] }, 'metrics', /1/],
    ['a repeated metric', { ...ok, metrics: ['rsrp', 'rsrp'] }, 'metrics', /must not repeat/],
    ['both device id and key', { ...ok, deviceKey: 'imei:1' }, 'deviceId', /either deviceId .* or deviceKey/],
    ['neither device id nor key', { metrics: ['rsrp'], from: T0, to: T0 }, 'deviceId', /either deviceId/],
    ['a fractional time', { ...ok, from: T0 + 0.5 }, 'from', /int/i],
    ['a negative time', { ...ok, from: -1 }, 'from', /0/],
    ['an extra field', { ...ok, limit: 5 }, '', /limit/]
  ])('refuses %s', (_label, params, path, message) => {
    const found = issue('history.query', params)
    expect(found?.path).toBe(path)
    expect(found?.message).toMatch(message)
  })

  it('validates export and retention too', () => {
    expect(issue('history.export', { deviceId: 'd1', from: T0 + 1, to: T0 })?.path).toBe('to')
    expect(issue('history.export', { deviceId: 'd1', from: T0, to: T0 })).toBeUndefined()
    expect(issue('history.retention', {})).toBeUndefined()
    expect(issue('history.retention', { days: 0 })?.path).toBe('days')
    expect(issue('history.retention', { days: 3651 })?.path).toBe('days')
  })
})

describe('history handlers', () => {
  it('answer UNSUPPORTED with the reason when history is off', async () => {
    const handlers = createHistoryHandlers({ reason: 'History is off in this host.' })
    const error = await failure(() => handlers['history.devices']({}, client))
    expect(error.toData()).toEqual({ code: 'UNSUPPORTED', message: 'History is off in this host.' })
  })

  it('leave the host running when the file cannot be opened, and say why', async () => {
    const path = join(dir, 'history.db')
    writeFileSync(path, 'not a database at all, just some text long enough to fill a header '.repeat(20))
    const logs: string[] = []
    const history = openHistory({ path }, source, (line) => logs.push(line))
    expect(history.service).toBeUndefined()
    expect(logs[0]).toContain(`could not open ${path}`)
    const error = await failure(() => createHistoryHandlers(history)['history.retention']({}, client))
    expect(error.code).toBe('UNSUPPORTED')
    expect(error.message).toMatch(/^History is unavailable: .*(not a database|encrypted)/i)
    expect(openHistory(false, source)).toEqual({ reason: 'History is off in this host.' })
  })

  it('resolve a connected device, a device by key, and refuse unknown ones with NOT_FOUND', async () => {
    const service = HistoryService.open({ path: join(dir, 'history.db') }, source)
    const handlers = createHistoryHandlers({ service })
    const reading = sampleReading()
    emit({
      kind: 'updated',
      device: { id: 'd1', name: 'Unit', family: 'scripted', familyLabel: 'S', demo: false, connection: { kind: 'http', baseUrl: 'x' }, state: 'ready', capabilities: [] },
      status: { deviceId: 'd1', updatedAt: T0, ...reading }
    })
    // Not written yet: the query writes the queue first.
    expect(service.recorder.pendingCount).toBe(1)
    const byId = await handlers['history.query']({ deviceId: 'd1', metrics: ['rsrp'], from: T0, to: T0, buckets: 10 }, client)
    expect(byId).toMatchObject({ deviceKey: 'imei:35693803564380', mode: 'raw', rows: [[T0, 1, -91, -91, -91, 1]] })
    const byKey = await handlers['history.query']({ deviceKey: 'imei:35693803564380', metrics: ['rsrp'], from: T0, to: T0, buckets: 10 }, client)
    expect(byKey).toEqual(byId)

    const unknownId = await failure(() => handlers['history.query']({ deviceId: 'nope', metrics: ['rsrp'], from: T0, to: T0, buckets: 1 }, client))
    expect(unknownId.toData()).toEqual({ code: 'NOT_FOUND', message: 'No history recorded for device "nope" yet.', details: { deviceId: 'nope' } })
    const unknownKey = await failure(() => handlers['history.export']({ deviceKey: 'imei:0', from: T0, to: T0 }, client))
    expect(unknownKey.code).toBe('NOT_FOUND')
    await service.close()
  })

  it('refuse an export past the size limit with BAD_INPUT saying what to do', async () => {
    const service = HistoryService.open({ path: join(dir, 'history.db') }, source)
    service.store.write(
      [{ key: 'host:d1', hostId: 'd1', demo: false, firstSeen: T0, lastSeen: T0 }],
      Array.from({ length: 300 }, (_, i) => ({ key: 'host:d1', row: { ...emptyRow(), ts: T0 + i * 1000, rsrp: -90 } }))
    )
    const handlers = createHistoryHandlers({ service }, 5_000)
    const error = await failure(() => handlers['history.export']({ deviceId: 'd1', from: T0, to: T0 + 300_000 }, client))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.message).toMatch(/300 samples.*Export a shorter range/)
    expect(error.details).toMatchObject({ path: 'params.from', rows: 300, maxChars: 5_000 })
    const small = await handlers['history.export']({ deviceKey: 'host:d1', from: T0, to: T0 + 2_000 }, client)
    expect(small).toMatchObject({ rows: 3, filename: 'hotspot-history-host-d1-20250701T0000Z-20250701T0000Z.csv' })
    await service.close()
  })

  it('read and set retention, pruning at once', async () => {
    const service = HistoryService.open({ path: join(dir, 'history.db'), defaultRetentionDays: 14 }, source)
    service.store.write(
      [{ key: 'host:d1', hostId: 'd1', demo: false, firstSeen: T0, lastSeen: T0 }],
      [{ key: 'host:d1', row: { ...emptyRow(), ts: Date.now() - 3 * 86_400_000 } }, { key: 'host:d1', row: { ...emptyRow(), ts: Date.now() } }]
    )
    const handlers = createHistoryHandlers({ service })
    expect(await handlers['history.retention']({}, client)).toEqual({ days: 14 })
    expect(await handlers['history.retention']({ days: 2 }, client)).toEqual({ days: 2 })
    await service.recorder.pruneNow()
    expect(service.store.db.value('SELECT count(*) FROM samples')).toBe(1)
    await service.close()
  })

  it('keep samples at the polling pace: the recorder defaults are the polling defaults', () => {
    expect(recorderTimingFor(DEFAULT_POLLING_RATES)).toEqual({ focusedIntervalMs: 1_000, backgroundIntervalMs: 10_000, focusedPollGapMs: 5_500 })
    expect(DEFAULT_RECORDER_TIMING).toMatchObject(recorderTimingFor(DEFAULT_POLLING_RATES))
    expect(recorderTimingFor({ focusedMs: 100, backgroundMs: 2_000, maxBackoffMs: 1 })).toMatchObject({ focusedPollGapMs: 1_050 })
  })

  it('name export files after the device and the range, safely', () => {
    expect(exportFilename('imei:86123456789012', Date.UTC(2025, 2, 1), Date.UTC(2025, 2, 2, 13, 5))).toBe(
      'hotspot-history-imei-86123456789012-20250301T0000Z-20250302T1305Z.csv'
    )
    expect(exportFilename('host:serial:/dev/../ttyUSB2', 0, 0)).toBe('hotspot-history-host-serial-dev-..-ttyUSB2-19700101T0000Z-19700101T0000Z.csv')
  })
})

function emptyRow() {
  return {
    ts: 0,
    rsrp: null,
    rsrq: null,
    sinr: null,
    rssi: null,
    bars: null,
    rat: null,
    band: null,
    cell: null,
    registration: null,
    dataState: null,
    sessionUp: null,
    sessionDown: null,
    monthUp: null,
    monthDown: null,
    monthTotal: null,
    battery: null
  }
}
