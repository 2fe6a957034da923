// The AT console and the line check through the contract, against the demo fleet (the USB modem runs
// on a real PTY). Loopback and local PTYs only: the line check here never probes the internet.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHost, type Host } from '../../src/host/host'
import { startServe, type ServeHandle } from '../../src/host/serve/serve-server'
import { ContractTestClient } from '../support/contract-client'
import { ptySuite, SOCAT } from '../support/pty'

let host: Host
let serve: ServeHandle
let client: ContractTestClient

beforeAll(async () => {
  host = await createHost({ startDemo: true, demo: { latencyMs: 1 }, rates: { focusedMs: 200, backgroundMs: 400 } })
  serve = await startServe({ host, rendererDir: mkdtempSync(join(tmpdir(), 'hd-r-')) })
  client = await ContractTestClient.connect(`ws://127.0.0.1:${serve.port}/api?token=${serve.token}`)
})

afterAll(async () => {
  client?.close()
  await serve?.close()
  await host?.close()
})

async function ready(deviceId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { devices } = await client.result<{ devices: Array<{ id: string; state: string }> }>('devices.list', {})
    if (devices.find((d) => d.id === deviceId)?.state === 'ready') return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${deviceId} never became ready`)
}

describe.skipIf(!SOCAT)(ptySuite('AT console through the contract'), () => {
  it('sends safe commands, demands confirmation for risky ones, refuses malformed lines, and keeps a transcript', async () => {
    await ready('demo-modem')
    const csq = await client.result<{ lines: string[]; final: string }>('at.send', { deviceId: 'demo-modem', command: 'AT+CSQ' })
    expect(csq.final).toBe('OK')
    expect(csq.lines[0]).toMatch(/^\+CSQ: \d+,\d+$/)

    const risky = await client.error('at.send', { deviceId: 'demo-modem', command: 'AT+CFUN=0' })
    expect(risky).toMatchObject({ code: 'BAD_INPUT', details: { needsConfirmation: true, path: 'params.confirmed' } })
    expect((await client.error('at.send', { deviceId: 'demo-modem', command: 'CSQ' })).code).toBe('BAD_INPUT')
    expect((await client.error('at.send', { deviceId: 'demo-modem', command: 'AT+CSQ\rAT+CFUN=0' })).code).toBe('BAD_INPUT')

    const confirmed = await client.result<{ final: string }>('at.send', { deviceId: 'demo-modem', command: 'AT+CFUN=4', confirmed: true })
    expect(confirmed.final).toBe('OK')
    await client.result('at.send', { deviceId: 'demo-modem', command: 'AT+CFUN=1', confirmed: true })

    const { lines } = await client.result<{ lines: Array<{ direction: string; text: string }> }>('at.transcript', { deviceId: 'demo-modem' })
    expect(lines.some((line) => line.direction === 'out' && line.text === 'AT+CFUN=4')).toBe(true)
    expect(lines.some((line) => line.direction === 'out' && line.text === 'AT+CFUN=0')).toBe(false)
  })
})

describe('line check and capability gating', () => {
  it('judges the demo hotspot online from its own report, without probing the internet', async () => {
    await ready('demo-hotspot')
    const verdict = await client.result<{ kind: string; probes: unknown[]; evidence: unknown[] }>('connectivity.check', { deviceId: 'demo-hotspot' })
    expect(verdict.probes).toEqual([])
    expect(verdict.kind).not.toBe('no-plan')
    expect(verdict.evidence.length).toBeGreaterThan(0)
    expect((await client.error('connectivity.check', { deviceId: 'demo-hotspot', probes: 'public' })).code).toBe('UNSUPPORTED')
  })

  it('has no AT console on an HTTP hotspot', async () => {
    expect((await client.error('at.send', { deviceId: 'demo-hotspot', command: 'AT' })).code).toBe('UNSUPPORTED')
  })
})
