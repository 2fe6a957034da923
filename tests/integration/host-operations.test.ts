// Device operations through the contract: the password flow (tried once, remembered encrypted,
// used on the next start), releasing a device to its web UI, capability checks, and an APN switch
// whose progress arrives as events. Simulators on 127.0.0.1 only.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DriverRegistry } from '../../src/devices/driver'
import { huaweiHilinkFamily } from '../../src/devices/families/huawei-hilink'
import { createHost, type Host } from '../../src/host/host'
import { LocalKeyCipher } from '../../src/host/secrets/secret-cipher'
import { FileSecretStore } from '../../src/host/secrets/secret-store'
import { startServe, type ServeHandle } from '../../src/host/serve/serve-server'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'
import { FakeApnDevice, fakeApnFamily } from '../support/fake-apn-device'
import { ContractTestClient } from '../support/contract-client'
import { ScriptedFamily } from '../support/fake-family'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function secretsIn(root: string) {
  return new FileSecretStore(join(root, 'credentials.json'), new LocalKeyCipher(join(root, 'key')))
}

async function hostWithClient(registry: DriverRegistry, secrets?: FileSecretStore): Promise<{ host: Host; client: ContractTestClient }> {
  const host = await createHost({ registry, rates: { focusedMs: 100, backgroundMs: 100 }, ...(secrets ? { secrets } : {}) })
  const rendererDir = mkdtempSync(join(tmpdir(), 'hd-r-'))
  const serve: ServeHandle = await startServe({ host, rendererDir })
  const client = await ContractTestClient.connect(`ws://127.0.0.1:${serve.port}/api?token=${serve.token}`)
  cleanups.push(() => host.close(), () => serve.close(), () => client.close())
  return { host, client }
}

async function waitForState(client: ContractTestClient, deviceId: string, state: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { devices } = await client.result<{ devices: Array<{ id: string; state: string }> }>('devices.list', {})
    if (devices.find((d) => d.id === deviceId)?.state === state) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`device ${deviceId} never reached ${state}`)
}

describe('password flow', () => {
  it('asks for a password, tries a wrong one exactly once, remembers a right one, and uses it next start', async () => {
    const sim = new HuaweiHilinkSimulator({ variant: 'E5577', password: 'correct horse', latencyMs: 1 })
    const { baseUrl } = await sim.start()
    cleanups.push(() => sim.stop())
    const secretsDir = mkdtempSync(join(tmpdir(), 'hd-sec-'))
    const registry = new DriverRegistry().register(huaweiHilinkFamily)
    const { host, client } = await hostWithClient(registry, secretsIn(secretsDir))
    await host.addDevice({ id: 'e5', name: 'E5577', familyId: 'huawei-hilink', target: { connection: { kind: 'http', baseUrl } } })
    await waitForState(client, 'e5', 'auth-required')
    const checksBefore = sim.stats.passwordChecks

    const wrong = await client.error('device.login', { deviceId: 'e5', password: 'wrong', remember: true })
    expect(wrong.code).toBe('AUTH_FAILED')
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(sim.stats.passwordChecks - checksBefore).toBe(1)
    expect(await secretsIn(secretsDir).accounts()).toEqual([])

    const ok = await client.result<{ device: { state: string } }>('device.login', {
      deviceId: 'e5', username: 'admin', password: 'correct horse', remember: true
    })
    expect(ok.device.state).toBe('ready')
    expect(await secretsIn(secretsDir).getCredentials('device:e5')).toEqual({ username: 'admin', password: 'correct horse' })

    // Next start: the remembered password is used without asking.
    const next = await hostWithClient(registry, secretsIn(secretsDir))
    await next.host.addDevice({ id: 'e5', name: 'E5577', familyId: 'huawei-hilink', target: { connection: { kind: 'http', baseUrl } } })
    await waitForState(next.client, 'e5', 'ready')
  })

  it('releases the device to its web UI (logged out, not polled) and resumes', async () => {
    const sim = new HuaweiHilinkSimulator({ variant: 'E5577', latencyMs: 1 })
    const { baseUrl } = await sim.start()
    cleanups.push(() => sim.stop())
    const { host, client } = await hostWithClient(new DriverRegistry().register(huaweiHilinkFamily))
    await host.addDevice({
      id: 'e5', name: 'E5577', familyId: 'huawei-hilink', target: { connection: { kind: 'http', baseUrl }, credentials: sim.credentials }
    })
    await waitForState(client, 'e5', 'ready')
    const released = await client.result<{ device: { state: string } }>('device.release', { deviceId: 'e5' })
    expect(released.device.state).toBe('released')
    expect(sim.loggedInSessions).toBe(0)
    sim.clearLog()
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(sim.requestLog()).toHaveLength(0)
    expect((await client.error('apn.list', { deviceId: 'e5' })).code).toMatch(/BUSY|UNSUPPORTED/)
    await client.result('device.resume', { deviceId: 'e5' })
    await waitForState(client, 'e5', 'ready')
  })
})

describe('operations', () => {
  it('refuses what a device cannot do with UNSUPPORTED, and unknown devices with NOT_FOUND', async () => {
    const family = new ScriptedFamily()
    const { host, client } = await hostWithClient(new DriverRegistry().register(family))
    host.manager.add({ id: 's1', name: 'S', familyId: family.id, target: { connection: { kind: 'http', baseUrl: 'http://127.0.0.1:9' } } })
    await waitForState(client, 's1', 'ready')
    for (const [method, params] of [
      ['apn.list', { deviceId: 's1' }],
      ['ussd.send', { deviceId: 's1', code: '*100#' }],
      ['sms.list', { deviceId: 's1' }],
      ['device.control', { deviceId: 's1', action: 'reboot' }],
      ['sim.unlock', { deviceId: 's1', pin: '1234' }]
    ] as const) {
      expect((await client.error(method, params)).code).toBe('UNSUPPORTED')
    }
    expect((await client.error('apn.list', { deviceId: 'nope' })).code).toBe('NOT_FOUND')
    expect((await client.error('ussd.send', { deviceId: 's1', code: 'rm -rf' })).code).toBe('BAD_INPUT')
    expect((await client.error('sim.unlock', { deviceId: 's1', pin: '12' })).code).toBe('BAD_INPUT')
  })

  it('switches the APN with progress events and refuses a second switch meanwhile', async () => {
    const device = new FakeApnDevice()
    const { host, client } = await hostWithClient(new DriverRegistry().register(fakeApnFamily(device, { slowReattachMs: 150 })))
    host.manager.add({ id: 'f1', name: 'F', familyId: 'fake-apn', target: { connection: { kind: 'http', baseUrl: 'http://127.0.0.1:9' } } })
    await waitForState(client, 'f1', 'ready')
    await client.result('devices.subscribe', {})

    const draft = { name: 'IIJmio', apn: 'iijmio.jp' }
    const switching = client.result<{ ok: boolean; active: { apn: string } }>('apn.switch', { deviceId: 'f1', target: { draft } })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await client.error('apn.switch', { deviceId: 'f1', target: { profileId: '1' } })).code).toBe('BUSY')
    expect(await switching).toMatchObject({ ok: true, active: { apn: 'iijmio.jp' } })
    const steps = client.events.filter((e) => e.event === 'apn.progress').map((e) => (e.payload as { step: string; status: string }))
    expect(steps.filter((s) => s.status === 'ok').map((s) => s.step)).toEqual(['snapshot', 'apply', 'reattach', 'verify'])

    const { profiles } = await client.result<{ profiles: Array<{ apn: string }> }>('apn.list', { deviceId: 'f1' })
    expect(profiles.map((p) => p.apn)).toEqual(['fast.t-mobile.com', 'iijmio.jp'])
  })
})
