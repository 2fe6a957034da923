import { describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { switchApn, type ApnProgress } from '../../src/devices/apn-transaction'
import type { ApnDraft } from '../../src/devices/model'
import { FakeApnDevice } from '../support/fake-apn-device'

const noSleep = async () => undefined
const draft: ApnDraft = { name: 'IIJmio', apn: 'iijmio.jp', auth: 'pap-or-chap', pdpType: 'ipv4v6', username: 'mio@iij', password: 'iij' }

describe('switchApn', () => {
  it('applies a new profile, reattaches and verifies data', async () => {
    const device = new FakeApnDevice()
    const steps: ApnProgress[] = []
    const result = await switchApn(device.driver(), { draft }, { sleep: noSleep, onProgress: (p) => steps.push(p) })
    expect(result).toMatchObject({ ok: true, restored: false, active: { apn: 'iijmio.jp', isDefault: true } })
    expect(steps.filter((s) => s.status === 'ok').map((s) => s.step)).toEqual(['snapshot', 'apply', 'reattach', 'verify'])
  })

  it('rolls back to the old default and removes the new profile when data does not come back', async () => {
    const device = new FakeApnDevice()
    const steps: ApnProgress[] = []
    let sleeps = 0
    const result = await switchApn(device.driver(), { draft: { ...draft, apn: 'wrong.apn' } }, {
      sleep: async () => void sleeps++, verifyTimeoutMs: 60_000, onProgress: (p) => steps.push(p)
    })
    // A definite refusal seen twice ends the wait early instead of after the whole timeout.
    expect(sleeps).toBe(1)
    expect(result).toMatchObject({ ok: false, restored: true, error: { code: 'PROTOCOL' }, active: { id: '1', apn: 'fast.t-mobile.com' } })
    expect(result.error?.message).toContain('PDP rejected')
    expect(device.profiles.map((p) => p.id)).toEqual(['1'])
    expect(device.reattaches).toBe(2)
    expect(steps.at(-1)).toMatchObject({ step: 'restore', status: 'ok' })
  })

  it('switches to an existing profile and restores when the reattach fails', async () => {
    const device = new FakeApnDevice()
    device.profiles.push({ id: '7', name: 'IIJ', apn: 'iijmio.jp', auth: 'none', pdpType: 'ipv4', isDefault: false })
    device.failOn.add('reattach')
    const result = await switchApn(device.driver(), { profileId: '7' }, { sleep: noSleep })
    // The restore's own reattach fails too: the result says so and names the old profile.
    expect(result).toMatchObject({ ok: false, restored: false })
    expect(result.error?.message).toMatch(/Restoring the previous APN also failed.*fast\.t-mobile\.com/)
    expect(device.profiles.find((p) => p.isDefault)?.id).toBe('1')
    expect(device.profiles).toHaveLength(2) // an existing profile is never deleted
  })

  it('refuses an unknown profile id and leaves the device as it was', async () => {
    const device = new FakeApnDevice()
    const result = await switchApn(device.driver(), { profileId: '99' }, { sleep: noSleep })
    expect(result).toMatchObject({ ok: false, restored: true, error: { code: 'NOT_FOUND' }, active: { id: '1' } })
  })

  it('reports a cancelled switch as CANCELLED and still restores', async () => {
    const device = new FakeApnDevice()
    const controller = new AbortController()
    const sleep = async () => {
      controller.abort()
      throw new ContractError('CANCELLED', 'Cancelled.')
    }
    const result = await switchApn(device.driver(), { draft: { ...draft, apn: 'slow.apn' } }, { sleep, signal: controller.signal })
    expect(result).toMatchObject({ ok: false, restored: true, error: { code: 'CANCELLED' }, active: { id: '1' } })
  })

  it('is UNSUPPORTED without the apnWrite capability', async () => {
    const device = new FakeApnDevice()
    await expect(switchApn(device.driver(['apnRead']), { draft })).rejects.toMatchObject({ code: 'UNSUPPORTED' })
  })
})
