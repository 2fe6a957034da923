// Only the top frame of our main window, showing our app, may obtain a port to the core host.
import { describe, expect, it, vi } from 'vitest'
import { createOriginPolicy } from '../../electron/main/app-origin'
import { createHostPortBridge, listenForHostPortRequests } from '../../electron/main/host-port-bridge'
import { isTrustedHostPortRequest, type FrameLike } from '../../electron/main/sender-validation'
import {
  HOST_DOWN_CHANNEL,
  HOST_PORT_CHANNEL,
  REQUEST_HOST_PORT_CHANNEL
} from '../../electron/preload/channels'

const policy = createOriginPolicy()
const devPolicy = createOriginPolicy({ devServerUrl: 'http://localhost:5173' })

function frame(url: string, overrides: Partial<FrameLike> = {}): FrameLike {
  return { url, parent: null, processId: 4, routingId: 1, isDestroyed: () => false, ...overrides }
}

function mainWindow(url = 'app://hotspot-desk/index.html', id = 7) {
  const mainFrame = frame(url)
  const postMessage = vi.fn()
  return {
    id,
    mainFrame,
    destroyed: false,
    isDestroyed(): boolean {
      return this.destroyed
    },
    getURL: () => mainFrame.url,
    postMessage
  }
}

describe('isTrustedHostPortRequest', () => {
  it('accepts the main frame of the main window on the app origin', () => {
    const contents = mainWindow()
    expect(isTrustedHostPortRequest({ sender: { id: 7 }, senderFrame: contents.mainFrame }, contents, policy)).toBe(true)
  })

  it('accepts an equal frame object for the same process and routing id', () => {
    const contents = mainWindow()
    const sameFrame = frame('app://hotspot-desk/index.html#/devices')
    expect(isTrustedHostPortRequest({ sender: { id: 7 }, senderFrame: sameFrame }, contents, policy)).toBe(true)
  })

  it('accepts the dev server page only when the policy trusts it', () => {
    const contents = mainWindow('http://localhost:5173/')
    const request = { sender: { id: 7 }, senderFrame: contents.mainFrame }
    expect(isTrustedHostPortRequest(request, contents, devPolicy)).toBe(true)
    expect(isTrustedHostPortRequest(request, contents, policy)).toBe(false)
  })

  it.each([
    ['no sender frame (navigated away or destroyed)', () => ({ senderFrame: null })],
    ['an undefined sender frame', () => ({ senderFrame: undefined })],
    ['a destroyed frame', () => ({ senderFrame: frame('app://hotspot-desk/index.html', { isDestroyed: () => true }) })],
    ['another webContents (a portal view or second window)', () => ({ sender: { id: 8 } })],
    ['a subframe', () => ({ senderFrame: frame('app://hotspot-desk/index.html', { parent: frame('app://hotspot-desk/index.html'), routingId: 2 }) })],
    ['a frame with a parent, even with the main frame ids', () => ({ senderFrame: frame('app://hotspot-desk/index.html', { parent: frame('app://hotspot-desk/index.html') }) })],
    ['a different top frame in the same contents', () => ({ senderFrame: frame('app://hotspot-desk/index.html', { routingId: 9 }) })],
    ['a frame in another renderer process', () => ({ senderFrame: frame('app://hotspot-desk/index.html', { processId: 5 }) })],
    ['a page on another origin', () => ({ senderFrame: frame('https://evil.example/', {}) })],
    ['a page on another app:// host', () => ({ senderFrame: frame('app://other-host/index.html') })],
    ['a file: page', () => ({ senderFrame: frame('file:///tmp/index.html') })],
    ['a data: page', () => ({ senderFrame: frame('data:text/html,hi') })],
    ['a frame whose properties throw', () => ({
      senderFrame: Object.defineProperty(frame(''), 'url', { get: () => { throw new Error('Render frame was disposed') } })
    })]
  ])('refuses %s', (_label, change) => {
    const contents = mainWindow()
    const request = { sender: { id: 7 }, senderFrame: contents.mainFrame as FrameLike | null | undefined, ...change() }
    expect(isTrustedHostPortRequest(request, contents, policy)).toBe(false)
  })

  it('refuses when the main window is gone or destroyed', () => {
    const contents = mainWindow()
    const request = { sender: { id: 7 }, senderFrame: contents.mainFrame }
    expect(isTrustedHostPortRequest(request, null, policy)).toBe(false)
    contents.destroyed = true
    expect(isTrustedHostPortRequest(request, contents, policy)).toBe(false)
  })
})

describe('host-port bridge', () => {
  const port = () => ({ close: vi.fn() })

  it('runs the callback only for a trusted request', () => {
    const contents = mainWindow()
    const bridge = createHostPortBridge({ getMainContents: () => contents, policy, log: { warn: vi.fn() } })
    const onTrusted = vi.fn()
    expect(bridge.handleRequest({ sender: { id: 7 }, senderFrame: frame('https://evil.example/') }, onTrusted)).toBe(false)
    expect(onTrusted).not.toHaveBeenCalled()
    expect(bridge.handleRequest({ sender: { id: 7 }, senderFrame: contents.mainFrame }, onTrusted)).toBe(true)
    expect(onTrusted).toHaveBeenCalledTimes(1)
  })

  it('posts the port on the host-port channel with a null payload', () => {
    const contents = mainWindow()
    const bridge = createHostPortBridge({ getMainContents: () => contents, policy })
    const rendererEnd = port()
    bridge.deliverPort(rendererEnd)
    expect(contents.postMessage).toHaveBeenCalledWith(HOST_PORT_CHANNEL, null, [rendererEnd])
    expect(rendererEnd.close).not.toHaveBeenCalled()
  })

  it('closes the port instead of posting it when the window shows something else or is gone', () => {
    const elsewhere = mainWindow('https://evil.example/')
    const onElsewhere = port()
    createHostPortBridge({ getMainContents: () => elsewhere, policy }).deliverPort(onElsewhere)
    expect(elsewhere.postMessage).not.toHaveBeenCalled()
    expect(onElsewhere.close).toHaveBeenCalled()

    const noWindow = port()
    createHostPortBridge({ getMainContents: () => null, policy }).deliverPort(noWindow)
    expect(noWindow.close).toHaveBeenCalled()
  })

  it('posts host-down notices as { reason, restartInMs } only', () => {
    const contents = mainWindow()
    const bridge = createHostPortBridge({ getMainContents: () => contents, policy })
    bridge.notifyHostDown({ reason: 'The core host exited unexpectedly (exit code 1)', restartInMs: 500 })
    expect(contents.postMessage).toHaveBeenCalledWith(HOST_DOWN_CHANNEL, {
      reason: 'The core host exited unexpectedly (exit code 1)',
      restartInMs: 500
    })
  })

  it('listens on the request channel and passes each event through the check', () => {
    const contents = mainWindow()
    const bridge = createHostPortBridge({ getMainContents: () => contents, policy, log: { warn: vi.fn() } })
    const listeners = new Map<string, (event: unknown) => void>()
    const ipcMain = { on: vi.fn((channel: string, listener: (event: unknown) => void) => listeners.set(channel, listener)) }
    const onTrusted = vi.fn()
    listenForHostPortRequests(ipcMain as never, bridge, onTrusted)
    expect([...listeners.keys()]).toEqual([REQUEST_HOST_PORT_CHANNEL])
    listeners.get(REQUEST_HOST_PORT_CHANNEL)?.({ sender: { id: 8 }, senderFrame: contents.mainFrame })
    expect(onTrusted).not.toHaveBeenCalled()
    listeners.get(REQUEST_HOST_PORT_CHANNEL)?.({ sender: { id: 7 }, senderFrame: contents.mainFrame })
    expect(onTrusted).toHaveBeenCalledTimes(1)
  })
})

describe('channel names', () => {
  it('are the ones the renderer and preload agree on', () => {
    expect([REQUEST_HOST_PORT_CHANNEL, HOST_PORT_CHANNEL, HOST_DOWN_CHANNEL]).toEqual([
      'hotspot-desk:request-host-port',
      'hotspot-desk:host-port',
      'hotspot-desk:host-down'
    ])
  })
})
