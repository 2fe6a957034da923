// The carrier methods on a real host with the demo hotspot, over serve mode's WebSocket: identification of
// the demo's T-Mobile SIM, its plan, a troubleshooter, APN suggestions, opening the hotspot portal in tab mode
// (pointed at the loopback T-Mobile simulator), explaining a portal error, and BAD_INPUT at the boundary.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { methods } from '../../src/contract/methods'
import { DEMO_DEVICE_ID } from '../../src/host/demo'
import { createHost, type Host } from '../../src/host/host'
import { startServe, type ServeHandle } from '../../src/host/serve/serve-server'
import { TmobilePortalSimulator } from '../../src/simulators/portals'
import { ContractTestClient } from '../support/contract-client'

const TOKEN = 'carrier-test-token-0123456789'
let host: Host
let serve: ServeHandle
let client: ContractTestClient
const simulator = new TmobilePortalSimulator()
const logged: string[] = []

beforeAll(async () => {
  await simulator.start()
  const rendererDir = mkdtempSync(join(tmpdir(), 'hd-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Hotspot Desk</title>')
  host = await createHost({
    startDemo: true,
    demo: { latencyMs: 2, primaryOnly: true },
    portalOverrides: { 'mobile-internet': simulator.baseUrl },
    log: (line) => logged.push(line)
  })
  serve = await startServe({ host, rendererDir, token: TOKEN })
  client = await ContractTestClient.connect(`ws://127.0.0.1:${serve.port}/api?token=${TOKEN}`)
})

afterAll(async () => {
  client?.close()
  await serve?.close()
  await host?.close()
  await simulator.stop()
})

describe('carrier methods over the contract', () => {
  it('identifies the demo SIM as T-Mobile prepaid and asks the user to confirm', async () => {
    const identity = methods['carrier.identify'].result.parse(await client.result('carrier.identify', { deviceId: DEMO_DEVICE_ID }))
    expect(identity).toMatchObject({ sim: 'ready', carrier: { packId: 'tmobile-us-prepaid', brandId: 'tmobile' }, askUser: true, homePlmn: '310-260' })
    const picked = await client.result('carrier.identify', { deviceId: DEMO_DEVICE_ID, brand: { packId: 'tmobile-us-prepaid', brandId: 'tmobile' } })
    expect(picked).toMatchObject({ chosen: true, askUser: false })
  })

  it('plans the hotspot flow with the demo line’s number as 10 digits, in tab mode', async () => {
    const plan = methods['carrier.plan'].result.parse(await client.result('carrier.plan', { deviceId: DEMO_DEVICE_ID, locale: 'ja' }))
    expect(plan.portalMode).toBe('tab')
    const line = plan.flows.find((flow) => flow.id === 'hotspot-portal')?.steps.find((step) => step.id === 'line')
    expect(line?.title).toBe('回線を選択')
    expect(line?.fields[0]?.prefill?.value).toBe('2065550143')
  })

  it('runs a troubleshooter on the live registration state', async () => {
    const result = methods['carrier.troubleshoot'].result.parse(
      await client.result('carrier.troubleshoot', { deviceId: DEMO_DEVICE_ID, troubleshooterId: 'no-data', answers: { 'walled-garden': 'yes' } })
    )
    expect(result.checks.find((check) => check.id === 'registered')).toMatchObject({ decidedBy: 'fact', status: 'passed' })
    expect(result.checks.find((check) => check.id === 'walled-garden')).toMatchObject({ status: 'failed', decidedBy: 'answer' })
  })

  it('suggests the pack’s APN first', async () => {
    const { suggestions } = methods['apn.suggest'].result.parse(await client.result('apn.suggest', { deviceId: DEMO_DEVICE_ID }))
    expect(suggestions[0]).toMatchObject({ origin: 'pack', draft: { apn: 'fast.t-mobile.com' }, role: 'default' })
    expect(suggestions.some((suggestion) => suggestion.origin === 'database')).toBe(true)
  })

  it('opens the hotspot portal as a browser tab on the loopback simulator, never the real site', async () => {
    const opened = methods['portal.open'].result.parse(
      await client.result('portal.open', { deviceId: DEMO_DEVICE_ID, portalId: 'mobile-internet', flowId: 'hotspot-portal' })
    )
    expect(opened).toMatchObject({ mode: 'tab', automation: 'selectors', url: `${simulator.baseUrl}primary/openPage` })
    expect(opened.checklist.find((item) => item.stepId === 'number')?.values[0]?.value).toBe('2065550143')
    const page = await fetch(opened.url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('name="email"')
    expect(logged.some((line) => line.includes('TEST override'))).toBe(true)
    // A portal without a simulator would be the real site: the tab gateway hands back its https address.
    const real = await client.result<{ url: string }>('portal.open', { deviceId: DEMO_DEVICE_ID, portalId: 'my-tmobile', flowId: 'add-data-pass' })
    expect(real.url).toBe('https://my.t-mobile.com/')
  })

  it('explains an error text the portal shows', async () => {
    const { matches } = methods['portal.explainError'].result.parse(
      await client.result('portal.explainError', {
        deviceId: DEMO_DEVICE_ID,
        flowId: 'hotspot-portal',
        stepId: 'line',
        text: 'This line is not associated with the account you signed in with.'
      })
    )
    expect(matches.map((match) => [match.error.id, match.error.goTo])).toEqual([['number-email-mismatch', 'sign-in']])
  })

  it('cannot clear a browser tab’s site data, and says so', async () => {
    expect(await client.error('portal.clearData', { deviceId: DEMO_DEVICE_ID, portalId: 'mobile-internet' })).toMatchObject({ code: 'UNSUPPORTED' })
    expect(await client.result('portal.close', { deviceId: DEMO_DEVICE_ID, portalId: 'mobile-internet' })).toEqual({ closed: false })
  })

  it('answers bad params with BAD_INPUT naming the field, and unknown things with NOT_FOUND', async () => {
    expect(await client.error('carrier.plan', { deviceId: DEMO_DEVICE_ID, locale: 'fr' })).toMatchObject({ code: 'BAD_INPUT', details: { path: 'params.locale' } })
    expect(await client.error('portal.open', { deviceId: DEMO_DEVICE_ID, portalId: 'Mobile Internet' })).toMatchObject({
      code: 'BAD_INPUT',
      details: { path: 'params.portalId' }
    })
    expect(await client.error('carrier.identify', { deviceId: DEMO_DEVICE_ID, brand: { packId: 'tmobile-us-prepaid' } })).toMatchObject({ code: 'BAD_INPUT' })
    expect(
      await client.error('carrier.troubleshoot', { deviceId: DEMO_DEVICE_ID, troubleshooterId: 'no-data', answers: { renewal: 'maybe' } })
    ).toMatchObject({ code: 'BAD_INPUT' })
    expect(await client.error('portal.explainError', { deviceId: DEMO_DEVICE_ID, flowId: 'hotspot-portal', text: '' })).toMatchObject({ code: 'BAD_INPUT' })
    expect(await client.error('portal.open', { deviceId: DEMO_DEVICE_ID, portalId: 'mobile-internet', url: 'https://evil.example/' })).toMatchObject({
      code: 'BAD_INPUT'
    })
    expect(await client.error('carrier.plan', { deviceId: 'no-such-device' })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await client.error('carrier.troubleshoot', { deviceId: DEMO_DEVICE_ID, troubleshooterId: 'nope' })).toMatchObject({ code: 'NOT_FOUND' })
  })
})
