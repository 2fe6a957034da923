// The job log in station.db: jobs, units and steps written as they happen and read back as the contract's
// JobDetail; a job left running by a closed app becomes interrupted with its unfinished units queued again.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { JobDetail, PROFILE_SCHEMA_ID, type GoldenProfile } from '../../src/contract/shop'
import { openStationDatabase } from '../../src/host/station-database'
import { JobLog } from '../../src/shop/job-log'
import { validateProfile } from '../../src/shop/profile-validation'

function profile(): GoldenProfile {
  const checked = validateProfile({ schema: PROFILE_SCHEMA_ID, id: 'p', name: 'P', resetCounters: true })
  if (!checked.ok) throw new Error('profile')
  return checked.profile
}

function open(dir: string): { log: JobLog; close: () => void } {
  const station = openStationDatabase(dir)
  if (!station.db) throw new Error(station.reason)
  const db = station.db
  return { log: new JobLog(db, () => 1000), close: () => db.close() }
}

describe('JobLog', () => {
  it('records units and steps and reads them back in step order, as the contract shapes them', () => {
    const { log, close } = open(mkdtempSync(join(tmpdir(), 'hd-joblog-')))
    log.createJob({ jobId: 'j1', profile: profile(), parallelism: 2, watchNew: false, createdAt: 500 }, [
      { deviceId: 'a', unitKey: 'imei:1', position: 1, model: 'E5577' },
      { deviceId: 'b', unitKey: 'device:b', position: 2 }
    ])
    log.step('j1', 1, { step: 'verify', status: 'ok', startedAt: 3, endedAt: 4 })
    log.step('j1', 1, { step: 'connect', status: 'running', startedAt: 1 })
    log.step('j1', 1, { step: 'connect', status: 'ok', endedAt: 2, detail: 'E5577' })
    log.updateUnit('j1', 1, { outcome: 'done', applied: { ssid: 'RENT-0001' } })
    log.updateUnit('j1', 2, { outcome: 'failed', error: { code: 'TIMEOUT', message: 'slow' } })
    log.setState('j1', 'finished')
    const detail = log.detail('j1')
    expect(JobDetail.parse(detail)).toEqual(detail)
    expect(detail?.units[0]?.steps).toEqual([
      { step: 'connect', status: 'ok', startedAt: 1, endedAt: 2, detail: 'E5577' },
      { step: 'verify', status: 'ok', startedAt: 3, endedAt: 4 }
    ])
    expect(detail).toMatchObject({ state: 'finished', finishedAt: 1000, counts: { total: 2, done: 1, failed: 1 } })
    expect(detail?.units[1]?.error).toEqual({ code: 'TIMEOUT', message: 'slow' })
    expect(log.nextPosition('j1')).toBe(3)
    expect(log.profileOf('j1')?.id).toBe('p')
    close()
  })

  it('turns a running job into an interrupted one at the next open, its unfinished units queued again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hd-joblog-'))
    const first = open(dir)
    first.log.createJob({ jobId: 'j2', profile: profile(), parallelism: 1, watchNew: false, createdAt: 1 }, [
      { deviceId: 'a', unitKey: 'imei:1', position: 1 },
      { deviceId: 'b', unitKey: 'imei:2', position: 2 },
      { deviceId: 'c', unitKey: 'imei:3', position: 3 }
    ])
    first.log.updateUnit('j2', 1, { outcome: 'done' })
    first.log.updateUnit('j2', 2, { outcome: 'running' })
    first.log.step('j2', 2, { step: 'wifi', status: 'running', startedAt: 5 })
    first.close()

    const second = open(dir)
    expect(second.log.markInterrupted()).toEqual(['j2'])
    expect(second.log.markInterrupted()).toEqual([])
    const detail = second.log.detail('j2')
    expect(detail?.state).toBe('interrupted')
    expect(detail?.units.map((unit) => unit.outcome)).toEqual(['done', 'queued', 'queued'])
    // The step log still shows where the unit stopped until it runs again.
    expect(detail?.units[1]?.steps).toEqual([{ step: 'wifi', status: 'running', startedAt: 5 }])
    second.log.resetSteps('j2', 2)
    expect(second.log.unit('j2', 2)?.steps).toEqual([])
    second.close()
  })
})
