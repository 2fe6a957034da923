import { ContractError } from '@contract/errors'
import { CONTRACT_VERSION } from '@contract/version'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isProxy, reactive } from 'vue'
import { ApiClient } from '@renderer/api/api-client'
import type { HelloResult } from '@renderer/api/host-client'
import { FakeTransport } from './support/fake-transport'
import { HELLO } from './support/fake-client'
import { makeDevice } from './support/fixtures'

function setup(options: { timeoutMs?: number } = {}) {
  const transport = new FakeTransport()
  const client = new ApiClient(transport, options)
  const ready: HelloResult[] = []
  const helloErrors: ContractError[] = []
  client.onReady((hello) => ready.push(hello))
  client.onHelloError((error) => helloErrors.push(error))
  client.connect()
  return { transport, client, ready, helloErrors }
}

/** Opens the link and answers app.hello. */
async function openAndGreet(transport: FakeTransport, hello: HelloResult = HELLO): Promise<void> {
  transport.setState('open')
  transport.respond(transport.lastRequest('app.hello').id, hello)
  await Promise.resolve()
}

describe('ApiClient', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('starts the transport and says hello with the contract version when the link opens', async () => {
    const { transport, client, ready } = setup()
    expect(transport.started).toBe(true)
    expect(transport.sent).toEqual([])

    transport.setState('open')
    const hello = transport.lastRequest('app.hello')
    expect(hello).toMatchObject({ type: 'request', params: { contractVersion: CONTRACT_VERSION, client: 'renderer' } })
    expect(client.hello).toBeNull()

    transport.respond(hello.id, HELLO)
    await Promise.resolve()
    expect(ready).toEqual([HELLO])
    expect(client.hello).toEqual(HELLO)
  })

  it('matches responses to requests by id, whatever order they come back in', async () => {
    const { transport, client } = setup()
    await openAndGreet(transport)

    const list = client.request('devices.list', {})
    const status = client.request('device.status', { deviceId: 'dev-1' })
    const [listMessage, statusMessage] = [transport.lastRequest('devices.list'), transport.lastRequest('device.status')]
    expect(listMessage.id).not.toBe(statusMessage.id)
    expect(statusMessage.params).toEqual({ deviceId: 'dev-1' })

    const device = makeDevice()
    transport.respond(statusMessage.id, { deviceId: 'dev-1', marker: 'status' })
    transport.respond(listMessage.id, { devices: [device] })

    await expect(list).resolves.toEqual({ devices: [device] })
    await expect(status).resolves.toEqual({ deviceId: 'dev-1', marker: 'status' })
  })

  it('rejects with a ContractError carrying the code, message and details of an ok:false response', async () => {
    const { transport, client } = setup()
    await openAndGreet(transport)

    const pending = client.request('device.status', { deviceId: 'nope' })
    transport.fail(transport.lastRequest('device.status').id, {
      code: 'NOT_FOUND',
      message: 'No device with id "nope".',
      details: { deviceId: 'nope' }
    })

    const error = await pending.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ContractError)
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No device with id "nope".', details: { deviceId: 'nope' } })
  })

  it('turns an error code this build does not know into INTERNAL, keeping the message', async () => {
    const { transport, client } = setup()
    await openAndGreet(transport)
    const pending = client.request('devices.list', {})
    transport.receive({
      type: 'response',
      id: transport.lastRequest('devices.list').id,
      ok: false,
      error: { code: 'FROM_THE_FUTURE' as never, message: 'new kind of failure' }
    })
    await expect(pending).rejects.toMatchObject({ code: 'INTERNAL', message: 'new kind of failure', details: { originalCode: 'FROM_THE_FUTURE' } })
  })

  it('times out a request with TIMEOUT and ignores a late answer', async () => {
    const { transport, client } = setup({ timeoutMs: 5_000 })
    await openAndGreet(transport)

    const pending = client.request('device.status', { deviceId: 'dev-1' })
    const outcome = pending.catch((caught: unknown) => caught)
    vi.advanceTimersByTime(4_999)
    transport.receive({ type: 'event', event: 'noise', payload: null })
    vi.advanceTimersByTime(1)

    const error = await outcome
    expect(error).toBeInstanceOf(ContractError)
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { method: 'device.status', timeoutMs: 5_000, sent: true } })
    expect(() => transport.respond(transport.lastRequest('device.status').id, {})).not.toThrow()
  })

  it('honours a per-request timeout', async () => {
    const { transport, client } = setup({ timeoutMs: 60_000 })
    await openAndGreet(transport)
    const outcome = client.request('demo.start', {}, { timeoutMs: 100 }).catch((caught: unknown) => caught)
    vi.advanceTimersByTime(100)
    expect(await outcome).toMatchObject({ code: 'TIMEOUT' })
  })

  it('delivers events to their handlers until unsubscribed; one failing handler does not stop the others', async () => {
    const { transport, client } = setup()
    await openAndGreet(transport)
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)

    const seen: string[] = []
    client.on('device.changed', () => {
      throw new Error('broken handler')
    })
    const off = client.on('device.changed', (payload) => seen.push(`${payload.kind}:${payload.device.id}`))

    transport.event('device.changed', { kind: 'added', device: makeDevice({ id: 'a' }) })
    off()
    transport.event('device.changed', { kind: 'removed', device: makeDevice({ id: 'a' }) })

    expect(seen).toEqual(['added:a'])
    expect(consoleError).toHaveBeenCalledTimes(2)
    consoleError.mockRestore()
  })

  it('holds requests made before the link opens and sends them right after the hello', async () => {
    const { transport, client } = setup()
    const pending = client.request('devices.subscribe', { focusDeviceId: null })
    expect(transport.sent).toEqual([])

    transport.setState('open')
    expect(transport.sent.map((message) => message.method)).toEqual(['app.hello', 'devices.subscribe'])
    transport.respond(transport.lastRequest('devices.subscribe').id, { devices: [] })
    await expect(pending).resolves.toEqual({ devices: [] })
  })

  it('sends params as plain data, so reactive objects can cross a MessagePort', async () => {
    const { transport, client } = setup()
    await openAndGreet(transport)
    const params = reactive({ focusDeviceId: 'dev-1' })
    void client.request('devices.subscribe', params).catch(() => undefined)
    const sent = transport.lastRequest('devices.subscribe').params
    expect(sent).toEqual({ focusDeviceId: 'dev-1' })
    expect(isProxy(sent)).toBe(false)
  })

  it('fails in-flight requests when the link drops, then says hello again and re-emits ready on reconnect', async () => {
    const { transport, client, ready } = setup()
    const states: string[] = []
    client.onStateChange((state, info) => states.push(info.retryInMs === undefined ? state : `${state}@${info.retryInMs}`))
    await openAndGreet(transport)
    expect(ready).toHaveLength(1)

    const inFlight = client.request('device.status', { deviceId: 'dev-1' }).catch((caught: unknown) => caught)
    transport.setState('reconnecting', { reason: 'host restarting', retryInMs: 1_000 })
    const error = await inFlight
    expect(error).toBeInstanceOf(ContractError)
    expect(error).toMatchObject({ code: 'INTERNAL', details: { reason: 'host-link-lost', method: 'device.status' } })
    expect(client.hello).toBeNull()
    expect(client.state).toBe('reconnecting')

    const helloCount = transport.requests('app.hello').length
    transport.setState('open')
    expect(transport.requests('app.hello')).toHaveLength(helloCount + 1)
    transport.respond(transport.lastRequest('app.hello').id, { ...HELLO, hostId: 'host-2' })
    await Promise.resolve()

    expect(ready.map((hello) => hello.hostId)).toEqual(['host-1', 'host-2'])
    expect(states).toEqual(['open', 'reconnecting@1000', 'open'])
  })

  it('treats a second open (a new port after a host restart) as a new session', async () => {
    const { transport, client, ready } = setup()
    await openAndGreet(transport)
    const inFlight = client.request('devices.list', {}).catch((caught: unknown) => caught)

    transport.setState('open')
    expect(await inFlight).toMatchObject({ code: 'INTERNAL', details: { reason: 'host-link-lost' } })
    transport.respond(transport.lastRequest('app.hello').id, HELLO)
    await Promise.resolve()
    expect(ready).toHaveLength(2)
  })

  it('does not take a hello answer from a link that has since dropped', async () => {
    const { transport, ready, helloErrors } = setup()
    transport.setState('open')
    const staleHello = transport.lastRequest('app.hello')
    transport.setState('reconnecting')
    transport.respond(staleHello.id, HELLO)
    await Promise.resolve()
    expect(ready).toEqual([])
    // The dropped hello was rejected by the link loss, and that is not a refusal by the host.
    expect(helloErrors).toEqual([])
  })

  it('reports a refused hello (VERSION_MISMATCH) and does not emit ready', async () => {
    const { transport, ready, helloErrors } = setup()
    transport.setState('open')
    transport.fail(transport.lastRequest('app.hello').id, {
      code: 'VERSION_MISMATCH',
      message: 'This host speaks contract version 2.',
      details: { hostVersion: 2, clientVersion: 1 }
    })
    await Promise.resolve()
    await Promise.resolve()
    expect(ready).toEqual([])
    expect(helloErrors.map((error) => error.code)).toEqual(['VERSION_MISMATCH'])
  })

  it('fails everything, sent or not, when closed, and refuses new requests', async () => {
    const { transport, client } = setup()
    await openAndGreet(transport)
    const sent = client.request('devices.list', {}).catch((caught: unknown) => caught)
    transport.setState('reconnecting')
    const unsent = client.request('devices.list', {}).catch((caught: unknown) => caught)

    client.close()
    expect(await sent).toMatchObject({ code: 'INTERNAL' })
    expect(await unsent).toMatchObject({ code: 'INTERNAL', details: { reason: 'client-closed' } })
    await expect(client.request('devices.list', {})).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(client.state).toBe('closed')
  })
})
