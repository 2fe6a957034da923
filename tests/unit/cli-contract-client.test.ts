import { afterEach, describe, expect, it, vi } from 'vitest'
import { CliContractClient } from '../../src/cli/contract-client'
import { CliFailure } from '../../src/cli/failure'
import { createMemoryLink } from '../../src/cli/memory-channel'
import type { ClientTransport } from '../../src/cli/transport'
import { ContractError } from '../../src/contract/errors'
import type { HostMessage, RequestMessage } from '../../src/contract/wire'

/** A transport the test answers by hand. */
class HandTransport implements ClientTransport {
  readonly sent: RequestMessage[] = []
  private receive: (message: unknown) => void = () => undefined
  private closeHandler: (reason?: string) => void = () => undefined
  closed = false
  send(message: RequestMessage) {
    this.sent.push(message)
  }
  onMessage(handler: (message: unknown) => void) {
    this.receive = handler
  }
  onClose(handler: (reason?: string) => void) {
    this.closeHandler = handler
  }
  close() {
    this.closed = true
  }
  answer(message: unknown) {
    this.receive(message)
  }
  drop(reason: string) {
    this.closeHandler(reason)
  }
}

const SUMMARY = {
  id: 'd1',
  name: 'D',
  family: 'f',
  familyLabel: 'F',
  demo: false,
  connection: { kind: 'http', baseUrl: 'http://127.0.0.1:1' },
  state: 'ready',
  capabilities: []
}

afterEach(() => {
  vi.useRealTimers()
})

describe('CliContractClient', () => {
  it('numbers requests and matches answers by id, whatever their order', async () => {
    const transport = new HandTransport()
    const client = new CliContractClient(transport)
    const list = client.call('devices.list', {})
    const release = client.call('device.release', { deviceId: 'd1' })
    expect(transport.sent).toEqual([
      { type: 'request', id: 1, method: 'devices.list', params: {} },
      { type: 'request', id: 2, method: 'device.release', params: { deviceId: 'd1' } }
    ])
    transport.answer({ type: 'response', id: 2, ok: true, result: { device: SUMMARY } })
    transport.answer({ type: 'response', id: 1, ok: true, result: { devices: [SUMMARY] } })
    expect(await list).toEqual({ devices: [SUMMARY] })
    expect(await release).toEqual({ device: SUMMARY })
  })

  it('turns error answers into ContractErrors with the code and details', async () => {
    const transport = new HandTransport()
    const client = new CliContractClient(transport)
    const call = client.call('device.status', { deviceId: 'x' })
    transport.answer({ type: 'response', id: 1, ok: false, error: { code: 'NOT_FOUND', message: 'No such device.', details: { deviceId: 'x' } } })
    await expect(call).rejects.toEqual(new ContractError('NOT_FOUND', 'No such device.', { deviceId: 'x' }))
  })

  it('refuses an answer that does not match the contract, and an error code it does not know', async () => {
    const transport = new HandTransport()
    const client = new CliContractClient(transport)
    const bad = client.call('devices.list', {})
    const strange = client.call('devices.list', {})
    transport.answer({ type: 'response', id: 1, ok: true, result: { devices: [{ id: 3 }] } })
    transport.answer({ type: 'response', id: 2, ok: false, error: { code: 'TEAPOT', message: '?' } })
    await expect(bad).rejects.toMatchObject({ code: 'PROTOCOL', message: expect.stringContaining('devices.0') })
    await expect(strange).rejects.toMatchObject({ code: 'PROTOCOL' })
  })

  it('ignores junk and answers to requests it never made', async () => {
    const transport = new HandTransport()
    const client = new CliContractClient(transport)
    const call = client.call('devices.list', {})
    for (const junk of [null, 'text', 42, { type: 'response', id: 99, ok: true, result: {} }, { type: 'event', event: 'nope', payload: {} }]) transport.answer(junk)
    transport.answer({ type: 'response', id: 1, ok: true, result: { devices: [] } })
    expect(await call).toEqual({ devices: [] })
  })

  it('gives up on a request after its timeout with TIMEOUT', async () => {
    vi.useFakeTimers()
    const client = new CliContractClient(new HandTransport())
    const call = client.call('devices.list', {}, 5000)
    const settled = expect(call).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('devices.list within 5 s') })
    await vi.advanceTimersByTimeAsync(5001)
    await settled
  })

  it('fails pending and later requests when the connection drops', async () => {
    const transport = new HandTransport()
    const client = new CliContractClient(transport)
    const call = client.call('devices.list', {})
    transport.drop('server went away')
    await expect(call).rejects.toBeInstanceOf(CliFailure)
    await expect(call).rejects.toMatchObject({ exitCode: 1, message: expect.stringContaining('server went away') })
    await expect(client.call('devices.list', {})).rejects.toMatchObject({ exitCode: 1 })
  })

  it('hands validated events to listeners and wakes nextEvent', async () => {
    const transport = new HandTransport()
    const client = new CliContractClient(transport)
    const progress: unknown[] = []
    const off = client.on('apn.progress', (payload) => progress.push(payload))
    const woke = client.nextEvent(['apn.progress'], 10_000)
    transport.answer({ type: 'event', event: 'apn.progress', payload: { deviceId: 'd1', step: 'apply', status: 'ok' } })
    transport.answer({ type: 'event', event: 'apn.progress', payload: { deviceId: 'd1', step: 'dance', status: 'ok' } })
    await woke
    off()
    transport.answer({ type: 'event', event: 'apn.progress', payload: { deviceId: 'd1', step: 'verify', status: 'ok' } })
    expect(progress).toEqual([{ deviceId: 'd1', step: 'apply', status: 'ok' }])
  })

  it('nextEvent resolves after its timeout when nothing comes', async () => {
    vi.useFakeTimers()
    const client = new CliContractClient(new HandTransport())
    let done = false
    void client.nextEvent(['device.changed'], 300).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(299)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(2)
    expect(done).toBe(true)
  })
})

describe('memory link', () => {
  it('carries copies both ways on a later tick, and closes both ends once', async () => {
    const { channel, transport } = createMemoryLink()
    const atHost: unknown[] = []
    const atClient: unknown[] = []
    const closes: string[] = []
    channel.onMessage((data) => atHost.push(data))
    channel.onClose(() => closes.push('host'))
    transport.onMessage((data) => atClient.push(data))
    transport.onClose((reason) => closes.push(`client:${reason}`))

    const request: RequestMessage = { type: 'request', id: 1, method: 'devices.list', params: { nested: { a: 1 } } }
    transport.send(request)
    expect(atHost).toEqual([]) // not re-entrant
    await new Promise((resolve) => setImmediate(resolve))
    expect(atHost).toEqual([request])
    expect(atHost[0]).not.toBe(request)

    const response: HostMessage = { type: 'response', id: 1, ok: true, result: { devices: [] } }
    channel.send(response)
    channel.close()
    channel.send(response) // after close: dropped
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setImmediate(resolve))
    expect(atClient).toEqual([response])
    expect(closes).toEqual(['host', 'client:The host closed the connection.'])
    transport.close()
    await new Promise((resolve) => setImmediate(resolve))
    expect(closes).toHaveLength(2)
  })

  it('keeps messages that arrive before anyone listens', async () => {
    const { channel, transport } = createMemoryLink()
    transport.send({ type: 'request', id: 7, method: 'devices.list' })
    await new Promise((resolve) => setImmediate(resolve))
    const atHost: unknown[] = []
    channel.onMessage((data) => atHost.push(data))
    expect(atHost).toEqual([{ type: 'request', id: 7, method: 'devices.list' }])
  })
})
