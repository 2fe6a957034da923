// Plan facts from USSD replies through a real host and the AT modem simulator's T-Mobile SIM: a reply that says
// the plan renews within the warning window raises exactly one planExpiring notification (asked twice, still one);
// the same date seen weeks ahead raises none, and a reply the pack cannot parse changes nothing. The reply text
// is the simulator's ("Your plan renews on 12/05/26"), so the clock is moved instead (Date only; timers stay real).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHost } from '../../src/host/host'
import { startServe } from '../../src/host/serve/serve-server'
import { AtModemSimulator } from '../../src/simulators/at-modem'
import { ContractTestClient } from '../support/contract-client'
import { ptySuite, SOCAT } from '../support/pty'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  vi.useRealTimers()
})

async function modemHost(clock: string): Promise<ContractTestClient> {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true })
  vi.setSystemTime(new Date(clock))
  const host = await createHost({ rates: { focusedMs: 200, backgroundMs: 400 } })
  const modem = new AtModemSimulator({ profile: 'huawei-e3372h', sim: { card: 'tmobile-us-prepaid' }, latencyMs: 1 })
  const { hostPath } = await modem.startOnPty()
  const serve = await startServe({ host, rendererDir: mkdtempSync(join(tmpdir(), 'hd-r-')) })
  const client = await ContractTestClient.connect(`ws://127.0.0.1:${serve.port}/api?token=${serve.token}`)
  cleanups.push(() => modem.stop(), () => host.close(), () => serve.close(), () => client.close())
  await host.addDevice({ id: 'modem', name: 'Modem', familyId: 'generic-at', target: { connection: { kind: 'serial', path: hostPath } } })
  await client.result('devices.subscribe', { focusDeviceId: 'modem' })
  for (let i = 0; i < 200; i++) {
    // USSD needs a network: wait for the registration as well as the device.
    const { devices } = await client.result<{ devices: Array<{ id: string; state: string }> }>('devices.list', {})
    if (devices.find((d) => d.id === 'modem')?.state === 'ready') {
      const status = await client.result<{ registration: { state: string } }>('device.status', { deviceId: 'modem' })
      if (status.registration.state === 'home') return client
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the modem never became ready')
}

function planExpiring(client: ContractTestClient): Array<{ kind: string; params: Record<string, unknown> }> {
  return client.events
    .filter((event) => event.event === 'notification')
    .map((event) => event.payload as { kind: string; params: Record<string, unknown> })
    .filter((notification) => notification.kind === 'planExpiring')
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300))

describe.skipIf(!SOCAT)(ptySuite('plan facts from USSD replies (AT modem, T-Mobile SIM)'), () => {
  it('warns once when the reply shows the plan renewing within three days, and shows the reading in carrier.plan', async () => {
    const client = await modemHost('2026-12-03T12:00:00Z')
    const first = await client.result<{ text: string }>('ussd.send', { deviceId: 'modem', code: '#225#' })
    expect(first.text).toContain('renews on 12/05/26')
    await client.result('ussd.send', { deviceId: 'modem', code: '#932#' })
    await client.result('ussd.send', { deviceId: 'modem', code: '#225#' })
    await settle()
    const found = planExpiring(client)
    expect(found).toHaveLength(1)
    expect(found[0]?.params).toMatchObject({ device: 'Modem', date: '2026-12-05' })
    const plan = await client.result<{ lastReading?: Record<string, unknown> }>('carrier.plan', { deviceId: 'modem', brand: { packId: 'tmobile-us-prepaid', brandId: 'tmobile' } })
    expect(plan.lastReading).toMatchObject({ code: '#225#', balance: '$12.34', renewal: { iso: '2026-12-05', text: '12/05/26' } })
  }, 30_000)

  it('stays quiet for a date weeks away and for a reply no parser reads', async () => {
    const client = await modemHost('2026-11-01T12:00:00Z')
    await client.result('ussd.send', { deviceId: 'modem', code: '#225#' })
    await settle()
    expect(planExpiring(client)).toHaveLength(0)
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'))
    // Own number (parsed, but no plan facts) and a menu the pack has no entry for: neither is a plan reading.
    await client.result('ussd.send', { deviceId: 'modem', code: '#686#' })
    await client.result('ussd.send', { deviceId: 'modem', code: '#100#' })
    await client.result('ussd.cancel', { deviceId: 'modem' })
    await settle()
    expect(planExpiring(client)).toHaveLength(0)
  }, 30_000)
})
