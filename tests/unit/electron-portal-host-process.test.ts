// forkHost routes the core host's portal.* messages to the portal bridge, answers the asking process,
// sends portal events to the current host, and stops when that host exits. Keychain requests keep
// going to the keychain.
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PortalHostLink } from '../../electron/main/portal/portal-bridge'

class FakeChild extends EventEmitter {
  readonly stdout = new EventEmitter()
  readonly stderr = new EventEmitter()
  readonly postMessage = vi.fn()
  readonly kill = vi.fn(() => true)
}

const electron = vi.hoisted(() => ({ children: [] as unknown[], fork: vi.fn() }))

vi.mock('electron', async () => ({
  ...(await import('./electron-portal-fakes')).electronModule(),
  utilityProcess: { fork: electron.fork },
  MessageChannelMain: vi.fn()
}))

const { forkHost } = await import('../../electron/main/host-process')
const { createPortalBridge } = await import('../../electron/main/portal/portal-bridge')

beforeEach(() => {
  electron.children.length = 0
  electron.fork.mockReset()
  electron.fork.mockImplementation(() => {
    const child = new FakeChild()
    electron.children.push(child)
    return child
  })
})

function child(index = -1): FakeChild {
  return electron.children.at(index) as FakeChild
}

const quiet = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() })
const lifecycle = () => ({ onSpawn: vi.fn(), onExit: vi.fn() })

function fakeLink() {
  const detach = vi.fn()
  const link = {
    handleHostMessage: vi.fn((message: unknown, _reply: (result: never) => void) => (message as { type?: string }).type?.startsWith('portal.') === true),
    attachHost: vi.fn((_post: (event: never) => void) => detach)
  }
  return { link: link as unknown as PortalHostLink & typeof link, detach }
}

describe('forkHost with a portal bridge', () => {
  it('attaches the new host for events and detaches it on exit', () => {
    const { link, detach } = fakeLink()
    forkHost('/h.js', [], lifecycle(), quiet(), undefined, link)
    expect(link.attachHost).toHaveBeenCalledTimes(1)
    const post = link.attachHost.mock.calls[0]![0]
    post({ type: 'portal.event', key: 'k', kind: 'closed' } as never)
    expect(child().postMessage).toHaveBeenCalledWith({ type: 'portal.event', key: 'k', kind: 'closed' })
    expect(detach).not.toHaveBeenCalled()
    child().emit('exit', 0)
    expect(detach).toHaveBeenCalledTimes(1)
  })

  it('hands portal messages to the bridge with a reply path to the same process', () => {
    const { link } = fakeLink()
    forkHost('/h.js', [], lifecycle(), quiet(), undefined, link)
    const message = { type: 'portal.close', id: 3, key: 'k' }
    child().emit('message', message)
    expect(link.handleHostMessage).toHaveBeenCalledWith(message, expect.any(Function))
    const reply = link.handleHostMessage.mock.calls[0]![1]
    reply({ type: 'portal.result', id: 3, ok: true } as never)
    expect(child().postMessage).toHaveBeenCalledWith({ type: 'portal.result', id: 3, ok: true })
  })

  it('keeps keychain requests away from the bridge', () => {
    const { link } = fakeLink()
    const keychain = {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`sealed:${text}`),
      decryptString: (data: Buffer) => data.toString()
    }
    forkHost('/h.js', [], lifecycle(), quiet(), keychain, link)
    child().emit('message', { type: 'secret.encrypt', id: 1, value: 'pw' })
    expect(link.handleHostMessage).not.toHaveBeenCalled()
    expect(child().postMessage).toHaveBeenCalledWith({ type: 'secret.result', id: 1, ok: true, value: Buffer.from('sealed:pw').toString('base64') })
  })

  it('works without a bridge, as before', () => {
    forkHost('/h.js', [], lifecycle(), quiet())
    expect(() => child().emit('message', { type: 'portal.open', id: 1, view: {} })).not.toThrow()
    expect(child().postMessage).not.toHaveBeenCalled()
  })

  it('with the real bridge: a bad request is refused over the parent port', () => {
    const portals = createPortalBridge({
      sessionFromPartition: () => {
        throw new Error('not reached')
      },
      openWindow: () => {
        throw new Error('not reached')
      },
      log: { info: vi.fn(), warn: vi.fn() }
    })
    forkHost('/h.js', [], lifecycle(), quiet(), undefined, portals)
    child().emit('message', { type: 'portal.open', id: 12, view: { key: 'k' } })
    expect(child().postMessage).toHaveBeenCalledWith({ type: 'portal.result', id: 12, ok: false, error: expect.any(String) })
  })

  it('after a restart, replies still go to the process that asked and events to the new one', async () => {
    let releaseClear: () => void = () => undefined
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setDisplayMediaRequestHandler: vi.fn(),
      on: vi.fn(),
      clearStorageData: vi.fn(() => new Promise<void>((resolve) => (releaseClear = resolve))),
      clearCache: vi.fn(async () => undefined),
      clearAuthCache: vi.fn(async () => undefined)
    }
    const portals = createPortalBridge({
      sessionFromPartition: () => session as never,
      openWindow: () => {
        throw new Error('not reached')
      },
      log: { info: vi.fn(), warn: vi.fn() }
    })
    forkHost('/h.js', [], lifecycle(), quiet(), undefined, portals)
    const first = child()
    first.emit('message', { type: 'portal.clearData', id: 1, partition: 'persist:portal-a' })
    first.emit('exit', 1)
    forkHost('/h.js', [], lifecycle(), quiet(), undefined, portals)
    const second = child()
    releaseClear()
    await new Promise((resolve) => setImmediate(resolve))
    expect(first.postMessage).toHaveBeenCalledWith({ type: 'portal.result', id: 1, ok: true })
    expect(second.postMessage).not.toHaveBeenCalled()
  })
})
