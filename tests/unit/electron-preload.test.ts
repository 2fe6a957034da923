// The preload requests the host port, forwards it (and host-down notices) to the page as window
// messages, and exposes nothing: no contextBridge API, no ipcRenderer.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

type IpcListener = (event: { ports: unknown[] }, ...args: unknown[]) => void

const electron = vi.hoisted(() => ({
  listeners: new Map<string, IpcListener>(),
  send: vi.fn(),
  exposeInMainWorld: vi.fn()
}))

vi.mock('electron', () => ({
  ipcRenderer: {
    on: (channel: string, listener: IpcListener) => electron.listeners.set(channel, listener),
    send: electron.send
  },
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld }
}))

interface FakeWindow {
  location: { origin: string }
  postMessage: ReturnType<typeof vi.fn>
  addEventListener: ReturnType<typeof vi.fn>
}

let fakeWindow: FakeWindow
let fakeDocument: { readyState: string }

async function loadPreload(readyState = 'loading'): Promise<void> {
  fakeWindow = {
    location: { origin: 'app://hotspot-desk' },
    postMessage: vi.fn(),
    addEventListener: vi.fn()
  }
  fakeDocument = { readyState }
  vi.stubGlobal('window', fakeWindow)
  vi.stubGlobal('document', fakeDocument)
  vi.resetModules()
  await import('../../electron/preload/index')
}

function fireLoad(): void {
  const [type, listener] = fakeWindow.addEventListener.mock.calls[0] ?? []
  expect(type).toBe('load')
  ;(listener as () => void)()
}

function fromMain(channel: string, ports: unknown[], ...args: unknown[]): void {
  const listener = electron.listeners.get(channel)
  if (!listener) throw new Error(`preload does not listen on ${channel}`)
  listener({ ports }, ...args)
}

beforeEach(() => {
  electron.listeners.clear()
  electron.send.mockReset()
  electron.exposeInMainWorld.mockReset()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('preload', () => {
  it('asks main for the host port once, with no payload', async () => {
    await loadPreload()
    expect(electron.send.mock.calls).toEqual([['hotspot-desk:request-host-port']])
  })

  it('listens only on the host-port and host-down channels', async () => {
    await loadPreload()
    expect([...electron.listeners.keys()].sort()).toEqual(['hotspot-desk:host-down', 'hotspot-desk:host-port'])
  })

  it('holds the port until the page has loaded, then posts it to the page origin', async () => {
    await loadPreload()
    const port = { kind: 'port' }
    fromMain('hotspot-desk:host-port', [port], null)
    expect(fakeWindow.postMessage).not.toHaveBeenCalled()
    fireLoad()
    expect(fakeWindow.postMessage.mock.calls).toEqual([
      [{ channel: 'hotspot-desk:host-port' }, 'app://hotspot-desk', [port]]
    ])
  })

  it('forwards immediately once loaded, keeping the order of messages', async () => {
    await loadPreload('complete')
    expect(fakeWindow.addEventListener).not.toHaveBeenCalled()
    const first = { n: 1 }
    const second = { n: 2 }
    fromMain('hotspot-desk:host-port', [first], null)
    fromMain('hotspot-desk:host-down', [], { reason: 'The core host exited unexpectedly (exit code 1)', restartInMs: 500 })
    fromMain('hotspot-desk:host-port', [second], null)
    expect(fakeWindow.postMessage.mock.calls).toEqual([
      [{ channel: 'hotspot-desk:host-port' }, 'app://hotspot-desk', [first]],
      [
        { channel: 'hotspot-desk:host-down', reason: 'The core host exited unexpectedly (exit code 1)', restartInMs: 500 },
        'app://hotspot-desk',
        []
      ],
      [{ channel: 'hotspot-desk:host-port' }, 'app://hotspot-desk', [second]]
    ])
  })

  it('ignores host-port messages without exactly one port', async () => {
    await loadPreload('complete')
    fromMain('hotspot-desk:host-port', [], null)
    fromMain('hotspot-desk:host-port', [{}, {}], null)
    expect(fakeWindow.postMessage).not.toHaveBeenCalled()
  })

  it('forwards only the reason and delay of a host-down notice, and drops malformed ones', async () => {
    await loadPreload('complete')
    fromMain('hotspot-desk:host-down', [], { reason: 'down', restartInMs: 1000, extra: 'dropped' })
    fromMain('hotspot-desk:host-down', [], null)
    fromMain('hotspot-desk:host-down', [], { reason: 42, restartInMs: 1000 })
    fromMain('hotspot-desk:host-down', [], { reason: 'down', restartInMs: Number.NaN })
    fromMain('hotspot-desk:host-down', [], { reason: 'down', restartInMs: '1000' })
    expect(fakeWindow.postMessage.mock.calls).toEqual([
      [{ channel: 'hotspot-desk:host-down', reason: 'down', restartInMs: 1000 }, 'app://hotspot-desk', []]
    ])
  })

  it('exposes nothing to the page', async () => {
    await loadPreload()
    expect(electron.exposeInMainWorld).not.toHaveBeenCalled()
    expect(Object.keys(fakeWindow).sort()).toEqual(['addEventListener', 'location', 'postMessage'])
    expect('ipcRenderer' in globalThis).toBe(false)
  })

  it('imports nothing at runtime but electron and its own constants', () => {
    const dir = resolve(import.meta.dirname, '../../electron/preload')
    const importsOf = (file: string): string[] =>
      [...readFileSync(resolve(dir, file), 'utf8').matchAll(/^\s*import\s+(?!type\b)[^'"]*['"]([^'"]+)['"]/gm)].map(
        (match) => match[1] ?? ''
      )
    expect(importsOf('index.ts').sort()).toEqual(['./channels', 'electron'])
    expect(importsOf('channels.ts')).toEqual([])
  })
})
