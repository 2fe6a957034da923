import { describe, expect, it } from 'vitest'
import type { HostMessage } from '../../src/contract/wire'
import type { ClientChannel } from '../../src/host/channels/channel'
import { ContractServer, type HandlerTable } from '../../src/host/contract-server'
import { ContractError } from '../../src/contract/errors'
import { methods, type MethodName } from '../../src/contract/methods'

function memoryChannel() {
  const sent: HostMessage[] = []
  let onMessage: (data: unknown) => void = () => undefined
  let onClose: () => void = () => undefined
  const channel: ClientChannel = {
    kind: 'memory',
    send: (message) => void sent.push(message),
    onMessage: (handler) => void (onMessage = handler),
    onClose: (handler) => void (onClose = handler),
    close: () => onClose()
  }
  return {
    channel,
    sent,
    async deliver(data: unknown) {
      onMessage(data)
      await new Promise((resolve) => setTimeout(resolve, 0))
      return sent.at(-1)
    }
  }
}

const unused = (): never => {
  throw new ContractError('UNSUPPORTED', 'not in this test')
}

// Every method answers UNSUPPORTED unless a test below needs it to do something.
const everyMethodUnused = {} as Record<MethodName, () => never>
for (const name of Object.keys(methods) as MethodName[]) everyMethodUnused[name] = unused

const baseHandlers: HandlerTable = {
  ...everyMethodUnused,
  'app.hello': () => ({ contractVersion: 1, appVersion: 'x', hostId: 'h', platform: 'linux', demoRunning: false }),
  'devices.list': () => ({ devices: [] }),
  'device.status': ({ deviceId }) => {
    if (deviceId === 'boom') throw new Error('kaput')
    throw new ContractError('NOT_FOUND', `no ${deviceId}`, { deviceId })
  },
  'devices.subscribe': (_p, client) => {
    client.subscribed = true
    return { devices: [] }
  },
  'devices.unsubscribe': () => ({ unsubscribed: true }),
  'demo.start': () => ({ deviceId: 'demo', alreadyRunning: false }),
  'demo.stop': () => ({ stopped: false })
}

describe('ContractServer validation', () => {
  const cases: Array<[string, unknown, string, string | undefined]> = [
    ['not JSON', '{', 'BAD_INPUT', ''],
    ['not an object', 42, 'BAD_INPUT', ''],
    ['missing type', { id: 1, method: 'devices.list' }, 'BAD_INPUT', 'type'],
    ['negative id', { type: 'request', id: -1, method: 'devices.list' }, 'BAD_INPUT', 'id'],
    ['missing method', { type: 'request', id: 1 }, 'BAD_INPUT', 'method'],
    ['unknown method', { type: 'request', id: 1, method: 'nope.nope' }, 'UNKNOWN_METHOD', undefined],
    ['prototype key as method', { type: 'request', id: 1, method: 'constructor' }, 'UNKNOWN_METHOD', undefined],
    ['wrong param type', { type: 'request', id: 1, method: 'device.status', params: { deviceId: 1 } }, 'BAD_INPUT', 'params.deviceId'],
    ['missing param', { type: 'request', id: 1, method: 'device.status', params: {} }, 'BAD_INPUT', 'params.deviceId'],
    ['unexpected param', { type: 'request', id: 1, method: 'devices.list', params: { x: 1 } }, 'BAD_INPUT', 'params'],
    ['params not an object', { type: 'request', id: 1, method: 'devices.list', params: 'x' }, 'BAD_INPUT', 'params'],
    ['version not an int', { type: 'request', id: 1, method: 'app.hello', params: { contractVersion: 1.5, client: 'x' } }, 'BAD_INPUT', 'params.contractVersion']
  ]

  it.each(cases)('%s → %s', async (_name, message, code, path) => {
    const { channel, deliver } = memoryChannel()
    new ContractServer({ handlers: baseHandlers }).attach(channel)
    const reply = await deliver(typeof message === 'string' ? message : JSON.stringify(message))
    expect(reply).toMatchObject({ type: 'response', ok: false, error: { code } })
    if (path !== undefined && reply?.type === 'response' && !reply.ok) expect(reply.error.details?.path).toBe(path)
  })

  it('accepts structured-clone objects (MessagePort) as well as JSON text', async () => {
    const { channel, deliver } = memoryChannel()
    new ContractServer({ handlers: baseHandlers }).attach(channel)
    expect(await deliver({ type: 'request', id: 7, method: 'devices.list', params: {} })).toEqual({
      type: 'response', id: 7, ok: true, result: { devices: [] }
    })
    expect(await deliver({ type: 'request', id: 8, method: 'devices.list' })).toMatchObject({ id: 8, ok: true })
  })

  it('passes contract errors through and hides internal ones behind INTERNAL', async () => {
    const logged: string[] = []
    const { channel, deliver } = memoryChannel()
    new ContractServer({ handlers: baseHandlers, log: (line) => logged.push(line) }).attach(channel)
    expect(await deliver({ type: 'request', id: 1, method: 'device.status', params: { deviceId: 'x' } })).toMatchObject({
      error: { code: 'NOT_FOUND', details: { deviceId: 'x' } }
    })
    expect(await deliver({ type: 'request', id: 2, method: 'device.status', params: { deviceId: 'boom' } })).toMatchObject({
      error: { code: 'INTERNAL', message: expect.stringContaining('kaput') }
    })
    expect(logged[0]).toContain('kaput')
  })

  it('sends events only to subscribed clients and forgets closed ones', async () => {
    const server = new ContractServer({ handlers: baseHandlers })
    const a = memoryChannel()
    const b = memoryChannel()
    server.attach(a.channel)
    server.attach(b.channel)
    await a.deliver({ type: 'request', id: 1, method: 'devices.subscribe', params: {} })
    const device = {
      id: 'd', name: 'd', family: 'f', familyLabel: 'F', demo: false, state: 'ready' as const, capabilities: [],
      connection: { kind: 'http' as const, baseUrl: 'http://127.0.0.1:1' }
    }
    server.broadcast('device.changed', { kind: 'added', device })
    expect(a.sent.at(-1)).toEqual({ type: 'event', event: 'device.changed', payload: { kind: 'added', device } })
    expect(b.sent).toHaveLength(0)
    expect(server.clientCount).toBe(2)
    a.channel.close()
    expect(server.clientCount).toBe(1)
  })
})
