// The Electron path without Electron: the host attached to a real MessageChannel, messages passed as
// structured clones (no JSON), the way a utilityProcess port carries them.
import { MessageChannel, type MessagePort } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import type { HostMessage } from '../../src/contract/wire'
import { DriverRegistry } from '../../src/devices/driver'
import { portChannel, type MessagePortLike } from '../../src/host/channels/port-channel'
import { createHost, type Host } from '../../src/host/host'
import { ScriptedFamily } from '../support/fake-family'

let host: Host | undefined
afterEach(async () => {
  await host?.close()
  host = undefined
})

/** Electron's MessagePortMain emits { data, ports }; wrap a Node port to look like one. */
function electronShaped(port: MessagePort): MessagePortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    on: (event: 'message' | 'close', listener: (event?: unknown) => void) =>
      event === 'message' ? port.on('message', (data) => listener({ data, ports: [] })) : port.on('close', () => listener()),
    start: () => port.start(),
    close: () => port.close()
  } as MessagePortLike
}

function client(port: MessagePort) {
  let id = 0
  const events: HostMessage[] = []
  const pending = new Map<number, (m: HostMessage) => void>()
  port.on('message', (message: HostMessage) => {
    if (message.type === 'event') events.push(message)
    else if (message.id !== null) pending.get(message.id)?.(message)
  })
  return {
    events,
    call(method: string, params: unknown): Promise<HostMessage> {
      const requestId = ++id
      return new Promise((resolve) => {
        pending.set(requestId, resolve)
        port.postMessage({ type: 'request', id: requestId, method, params })
      })
    }
  }
}

describe.each(['node', 'electron'] as const)('host over a %s-shaped MessagePort', (shape) => {
  it('answers requests, rejects bad ones, and pushes events as structured clones', async () => {
    const family = new ScriptedFamily()
    host = await createHost({ registry: new DriverRegistry().register(family), rates: { focusedMs: 50, backgroundMs: 50 } })
    const { port1, port2 } = new MessageChannel()
    host.attach(shape === 'node' ? portChannel(port1, 'node') : portChannel(electronShaped(port1), 'electron'))
    const ui = client(port2)

    expect(await ui.call('app.hello', { contractVersion: 1, client: 'test' })).toMatchObject({ ok: true })
    expect(await ui.call('device.status', { deviceId: ['x'] })).toMatchObject({
      ok: false, error: { code: 'BAD_INPUT', details: { path: 'params.deviceId' } }
    })
    await ui.call('devices.subscribe', {})
    host.manager.add({ id: 'u1', name: 'Unit', familyId: family.id, target: { connection: { kind: 'http', baseUrl: 'http://127.0.0.1:9' } } })
    await expect.poll(() => ui.events.filter((e) => e.type === 'event' && (e.payload as { status?: unknown }).status).length).toBeGreaterThan(1)
    const status = await ui.call('device.status', { deviceId: 'u1' })
    expect(status).toMatchObject({ ok: true, result: { sim: { msisdn: '+12065550143' } } })
    port2.close()
  })
})
