// The settings and notifications as the host wires them, over a real MessageChannel: settings.set
// changes the device manager's polling rates and the history retention live and broadcasts
// settings.changed; a demo hotspot that stops answering raises one 'notification' event to windows and
// a desk message to Electron main; bad values are BAD_INPUT.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MessageChannel, type MessagePort } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import type { HostToMainDeskMessage } from '../../src/contract/settings'
import type { EventMessage, HostMessage } from '../../src/contract/wire'
import { portChannel } from '../../src/host/channels/port-channel'
import { DEMO_DEVICE_ID } from '../../src/host/demo'
import { createHost, type Host } from '../../src/host/host'

class PortClient {
  private nextId = 1
  readonly events: EventMessage[] = []
  private readonly pending = new Map<number, (message: HostMessage) => void>()

  constructor(private readonly port: MessagePort) {
    port.on('message', (message: HostMessage) => {
      if (message.type === 'event') this.events.push(message)
      else if (message.id !== null) this.pending.get(message.id)?.(message)
    })
  }

  call(method: string, params: unknown = {}): Promise<HostMessage> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      this.port.postMessage({ type: 'request', id, method, params })
    })
  }

  async waitForEvent(event: string, timeoutMs = 10_000): Promise<EventMessage> {
    const started = Date.now()
    while (Date.now() - started < timeoutMs) {
      const found = this.events.find((message) => message.event === event)
      if (found) return found
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`no ${event} event in ${timeoutMs} ms`)
  }
}

let host: Host | undefined
const ports: MessagePort[] = []

afterEach(async () => {
  for (const port of ports.splice(0)) port.close()
  await host?.close()
  host = undefined
})

async function start(desk?: (message: HostToMainDeskMessage) => void) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hd-settings-host-'))
  host = await createHost({
    dataDir,
    demo: { latencyMs: 0, primaryOnly: true },
    history: { path: join(dataDir, 'history.db') },
    rates: { focusedMs: 50, backgroundMs: 50, maxBackoffMs: 100 },
    ...(desk ? { desk } : {})
  })
  const { port1, port2 } = new MessageChannel()
  ports.push(port1, port2)
  host.attach(portChannel(port1, 'node'))
  const client = new PortClient(port2)
  await client.call('devices.subscribe', {})
  return { host, client }
}

describe('settings in the host', () => {
  it('applies polling and retention live, saves them, and tells every window', async () => {
    const { host, client } = await start()
    const reply = await client.call('settings.set', {
      polling: { foregroundSeconds: 2, backgroundSeconds: 30 },
      privacy: { historyRetentionDays: 7 }
    })
    expect(reply).toMatchObject({ ok: true, result: { settings: { polling: { foregroundSeconds: 2, backgroundSeconds: 30 } } } })
    expect(host.history?.store.retentionDays()).toBe(7)
    expect((await client.waitForEvent('settings.changed')).payload).toMatchObject({ privacy: { historyRetentionDays: 7 } })
    expect(await client.call('settings.get')).toMatchObject({ ok: true, result: { settings: { privacy: { redactDiagnostics: true } } } })
    const bad = await client.call('settings.set', { polling: { foregroundSeconds: 0 } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { path: 'params.polling.foregroundSeconds' } } })
  })

  it('a demo hotspot that stops answering raises one notification and tells Electron main', async () => {
    const desk: HostToMainDeskMessage[] = []
    const { host, client } = await start((message) => desk.push(message))
    await host.demo.start()
    await host.manager.status(DEMO_DEVICE_ID)
    await expect.poll(() => host.manager.list()[0]?.state, { timeout: 10_000 }).toBe('ready')
    // Reboot: the simulator goes away for its reboot time, as a unit pulled from USB would.
    await client.call('device.control', { deviceId: DEMO_DEVICE_ID, action: 'reboot' })
    const event = await client.waitForEvent('notification', 15_000)
    expect(event.payload).toMatchObject({ kind: 'disconnected', deviceId: DEMO_DEVICE_ID, text: { title: 'Device disconnected' } })
    expect(desk.some((message) => message.type === 'desk.notification')).toBe(true)
    expect(desk.some((message) => message.type === 'desk.tray' && message.devices.some((device) => device.id === DEMO_DEVICE_ID))).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(client.events.filter((message) => message.event === 'notification')).toHaveLength(1)
  }, 30_000)
})
