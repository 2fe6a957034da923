// The Electron adapter for the core host: exact fork arguments, stdio draining, lifecycle events.
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'

class FakeChild extends EventEmitter {
  readonly stdout = new EventEmitter()
  readonly stderr = new EventEmitter()
  readonly postMessage = vi.fn()
  readonly kill = vi.fn(() => true)
}

const electron = vi.hoisted(() => ({
  children: [] as unknown[],
  fork: vi.fn(),
  MessageChannelMain: vi.fn()
}))

vi.mock('electron', () => ({
  utilityProcess: { fork: electron.fork },
  MessageChannelMain: electron.MessageChannelMain
}))

const { createHostChannel, createLineWriter, forkHost, hostArgs, HOST_SERVICE_NAME } = await import(
  '../../electron/main/host-process'
)

beforeEach(() => {
  electron.children.length = 0
  electron.fork.mockReset()
  electron.fork.mockImplementation(() => {
    const child = new FakeChild()
    electron.children.push(child)
    return child
  })
})

function lastChild(): FakeChild {
  return electron.children.at(-1) as FakeChild
}

describe('hostArgs', () => {
  it('asks for the demo hotspot by default', () => {
    expect(hostArgs({})).toEqual(['--demo-when-empty'])
    expect(hostArgs({ HOTSPOT_DESK_NO_DEMO: '0' })).toEqual(['--demo-when-empty'])
  })

  it('leaves it out when HOTSPOT_DESK_NO_DEMO=1', () => {
    expect(hostArgs({ HOTSPOT_DESK_NO_DEMO: '1' })).toEqual([])
    expect(hostArgs({}, '/home/u/.config/Hotspot Desk')).toEqual(['--demo-when-empty', '--data-dir=/home/u/.config/Hotspot Desk'])
  })
})

describe('createLineWriter', () => {
  it('emits complete lines across chunks, strips CR, and flushes the rest', () => {
    const lines: string[] = []
    const writer = createLineWriter((line) => lines.push(line))
    writer.push('first li')
    writer.push(Buffer.from('ne\r\nsecond\nthi'))
    expect(lines).toEqual(['first line', 'second'])
    writer.flush()
    writer.flush()
    expect(lines).toEqual(['first line', 'second', 'thi'])
  })
})

describe('forkHost', () => {
  const log = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() })

  it('forks the script as a utility process with the service name and piped stdio', () => {
    forkHost('/app/out/main/host.js', ['--demo-when-empty'], { onSpawn: vi.fn(), onExit: vi.fn() }, log())
    expect(electron.fork).toHaveBeenCalledWith('/app/out/main/host.js', ['--demo-when-empty'], {
      serviceName: HOST_SERVICE_NAME,
      stdio: 'pipe'
    })
    expect(HOST_SERVICE_NAME).toBe('Hotspot Desk core')
  })

  it('reports spawn and exit to the lifecycle, once each', () => {
    const lifecycle = { onSpawn: vi.fn(), onExit: vi.fn() }
    forkHost('/h.js', [], lifecycle, log())
    lastChild().emit('spawn')
    lastChild().emit('spawn')
    lastChild().emit('exit', 3)
    lastChild().emit('exit', 4)
    expect(lifecycle.onSpawn).toHaveBeenCalledTimes(1)
    expect(lifecycle.onExit.mock.calls).toEqual([[3]])
  })

  it('drains stdout and stderr into the log line by line', () => {
    const logger = log()
    forkHost('/h.js', [], { onSpawn: vi.fn(), onExit: vi.fn() }, logger)
    lastChild().stdout.emit('data', Buffer.from('ready on port\npartial'))
    lastChild().stderr.emit('data', Buffer.from('warning: x\n'))
    lastChild().emit('exit', 0)
    expect(logger.info.mock.calls).toEqual([['[core] ready on port'], ['[core] partial']])
    expect(logger.warn.mock.calls).toEqual([['[core] warning: x']])
  })

  it('passes messages and transfers to the child and kills it on request', () => {
    const handle = forkHost('/h.js', [], { onSpawn: vi.fn(), onExit: vi.fn() }, log())
    const port = { close: vi.fn() }
    handle.postMessage({ type: 'connect' }, [port as never])
    handle.kill()
    expect(lastChild().postMessage).toHaveBeenCalledWith({ type: 'connect' }, [port])
    expect(lastChild().kill).toHaveBeenCalledTimes(1)
  })

  it('logs a fatal error event without crashing main', () => {
    const logger = log()
    forkHost('/h.js', [], { onSpawn: vi.fn(), onExit: vi.fn() }, logger)
    lastChild().emit('error', 'FatalError', 'host.js:1', '{}')
    expect(logger.error).toHaveBeenCalledWith('[main] core host FatalError at host.js:1')
  })
})

describe('createHostChannel', () => {
  it('gives port1 to the host and port2 to the renderer', () => {
    const port1 = { name: 'port1' }
    const port2 = { name: 'port2' }
    electron.MessageChannelMain.mockImplementation(function (this: { port1: unknown; port2: unknown }) {
      this.port1 = port1
      this.port2 = port2
    })
    expect(createHostChannel()).toEqual({ hostEnd: port1, rendererEnd: port2 })
  })
})
