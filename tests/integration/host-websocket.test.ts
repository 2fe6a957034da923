// The host with the demo hotspot, driven over a real WebSocket in serve mode: the contract, live
// events, bad messages, and the serve-mode guards. Everything on 127.0.0.1.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { DeviceStatus, DeviceSummary } from '../../src/contract/model'
import { methods } from '../../src/contract/methods'
import { CONTRACT_VERSION } from '../../src/contract/version'
import { DEMO_DEVICE_ID } from '../../src/host/demo'
import { createHost, type Host } from '../../src/host/host'
import { startServe, type ServeHandle } from '../../src/host/serve/serve-server'
import { ContractTestClient } from '../support/contract-client'

let host: Host
let serve: ServeHandle
let client: ContractTestClient
const TOKEN = 'test-token-0123456789abcdef'

function wsUrl(token = TOKEN): string {
  return `ws://127.0.0.1:${serve.port}/api?token=${token}`
}

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'hd-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Hotspot Desk</title>')
  host = await createHost({ startDemo: true, rates: { focusedMs: 150, backgroundMs: 400 }, demo: { latencyMs: 2 } })
  serve = await startServe({ host, rendererDir, token: TOKEN })
  client = await ContractTestClient.connect(wsUrl())
})

afterAll(async () => {
  client?.close()
  await serve?.close()
  await host?.close()
})

describe('contract over WebSocket', () => {
  it('answers the version handshake', async () => {
    const hello = await client.result('app.hello', { contractVersion: CONTRACT_VERSION, client: 'test' })
    expect(methods['app.hello'].result.parse(hello)).toMatchObject({ contractVersion: CONTRACT_VERSION, demoRunning: true })
    const mismatch = await client.error('app.hello', { contractVersion: CONTRACT_VERSION + 1, client: 'test' })
    expect(mismatch.code).toBe('VERSION_MISMATCH')
  })

  it('lists the demo device and reads its status through the real driver', async () => {
    const { devices } = await client.result<{ devices: unknown[] }>('devices.list', {})
    const demo = devices.map((d) => DeviceSummary.parse(d)).find((d) => d.id === DEMO_DEVICE_ID)
    expect(demo).toMatchObject({ demo: true, family: 'huawei-hilink', connection: { kind: 'http' } })
    expect(demo?.connection.kind === 'http' && demo.connection.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/)

    const status = DeviceStatus.parse(await client.result('device.status', { deviceId: DEMO_DEVICE_ID }))
    expect(status.sim.msisdn).toMatch(/^\+?\d{10,15}$/)
    expect(status.sim.msisdnSource).toBe('device')
    expect(status.registration.operatorName).toBeTruthy()
    expect(status.signal.bars).toBeGreaterThanOrEqual(0)
    expect(status.signal.rsrpDbm).toBeLessThan(0)
  })

  it('pushes device.changed events with fresh readings once subscribed, and readings change', async () => {
    await client.result('devices.subscribe', { focusDeviceId: DEMO_DEVICE_ID })
    // The demo fleet has several units; follow the primary one.
    const isReading = (e: { event: string; payload: unknown }) =>
      e.event === 'device.changed' && (e.payload as { status?: { deviceId: string } }).status?.deviceId === DEMO_DEVICE_ID
    const first = DeviceStatus.parse(((await client.nextEvent(isReading)).payload as { status: unknown }).status)
    // The simulated device's counters and signal move with time; keep reading until they do.
    let later = first
    for (let i = 0; i < 40 && later.usage.sessionDownloadBytes === first.usage.sessionDownloadBytes; i++) {
      const event = await client.nextEvent((e) => isReading(e) && (e.payload as { status: DeviceStatus }).status.updatedAt > later.updatedAt)
      later = DeviceStatus.parse((event.payload as { status: unknown }).status)
    }
    expect(later.updatedAt).toBeGreaterThan(first.updatedAt)
    expect(later.usage.sessionDownloadBytes).toBeGreaterThan(first.usage.sessionDownloadBytes ?? 0)
  })

  it('answers bad messages with BAD_INPUT naming the path, and keeps serving', async () => {
    const notJson = await client.sendRaw('{not json')
    expect(notJson).toMatchObject({ type: 'response', id: null, ok: false, error: { code: 'BAD_INPUT' } })

    const noMethod = await client.sendRaw({ type: 'request', id: 900 }, 900)
    expect(noMethod).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { path: 'method' } } })

    const wrongType = await client.error('device.status', { deviceId: 5 })
    expect(wrongType).toMatchObject({ code: 'BAD_INPUT', details: { path: 'params.deviceId' } })

    const extra = await client.error('devices.list', { surprise: true })
    expect(extra.code).toBe('BAD_INPUT')

    const unknown = await client.error('devices.explode', {})
    expect(unknown.code).toBe('UNKNOWN_METHOD')

    const missing = await client.error('device.status', { deviceId: 'no-such-device' })
    expect(missing.code).toBe('NOT_FOUND')

    const binary = await new Promise<string>((resolve) => {
      client.socket.once('message', (data) => resolve(data.toString()))
      client.socket.send(Buffer.from([0xff, 0x00, 0x12]), { binary: true })
    })
    expect(JSON.parse(binary)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })

    const stillAlive = await client.result('devices.list', {})
    expect(stillAlive).toHaveProperty('devices')
  })

  it('stops and restarts the demo, announcing removal and addition', async () => {
    const removed = client.nextEvent((e) => (e.payload as { kind: string }).kind === 'removed')
    expect(await client.result('demo.stop', {})).toEqual({ stopped: true })
    await removed
    expect(await client.result('devices.list', {})).toEqual({ devices: [] })
    const added = client.nextEvent((e) => (e.payload as { kind: string }).kind === 'added')
    expect(await client.result('demo.start', {})).toEqual({ deviceId: DEMO_DEVICE_ID, alreadyRunning: false })
    await added
    expect(await client.result('demo.start', {})).toEqual({ deviceId: DEMO_DEVICE_ID, alreadyRunning: true })
  })
})

describe('serve-mode guards', () => {
  function refusal(url: string, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers })
      socket.once('open', () => {
        socket.close()
        reject(new Error('connection was accepted'))
      })
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      socket.once('error', () => resolve(-1))
    })
  }

  it('refuses a WebSocket without the token or with a wrong one', async () => {
    expect(await refusal(`ws://127.0.0.1:${serve.port}/api`)).toBe(401)
    expect(await refusal(wsUrl('wrong'))).toBe(401)
  })

  it('refuses a foreign Origin and a foreign Host (DNS rebinding)', async () => {
    expect(await refusal(wsUrl(), { Origin: 'https://evil.example' })).toBe(403)
    expect(await refusal(wsUrl(), { Host: `evil.example:${serve.port}` })).toBe(403)
  })

  it('accepts the loopback origin', async () => {
    const ok = await ContractTestClient.connect(wsUrl(), { Origin: `http://127.0.0.1:${serve.port}` })
    expect(await ok.result('devices.list', {})).toHaveProperty('devices')
    ok.close()
  })

  it('serves the app only with the token, then by cookie', async () => {
    const base = `http://127.0.0.1:${serve.port}`
    expect((await fetch(`${base}/`)).status).toBe(401)
    const withToken = await fetch(`${base}/?token=${TOKEN}`)
    expect(withToken.status).toBe(200)
    expect(withToken.headers.get('content-security-policy')).toContain("script-src 'self'")
    const cookie = withToken.headers.get('set-cookie') ?? ''
    expect(cookie).toContain('HttpOnly')
    const byCookie = await fetch(`${base}/index.html`, { headers: { cookie: cookie.split(';')[0] ?? '' } })
    expect(byCookie.status).toBe(200)
    expect(await byCookie.text()).toContain('Hotspot Desk')
    const traversal = await fetch(`${base}/..%2f..%2fetc%2fpasswd?token=${TOKEN}`)
    expect(traversal.status).toBe(404)
  })
})
