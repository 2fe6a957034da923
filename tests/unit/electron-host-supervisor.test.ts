// The core host supervisor: port hand-off only after the renderer asks, host-down notices, restart
// with exponential backoff, and a clean stop. A fake spawner stands in for utilityProcess.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  HostSupervisor,
  type HostControlMessage,
  type HostDownNotice,
  type HostLifecycle
} from '../../electron/main/host-supervisor'
import { RestartBackoff, restartDelayMs } from '../../electron/main/restart-backoff'

describe('restartDelayMs', () => {
  it('doubles from 0.5 s and caps at 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20, 1000].map((n) => restartDelayMs(n))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000
    ])
  })
})

describe('RestartBackoff', () => {
  it('grows with consecutive short-lived failures', () => {
    const backoff = new RestartBackoff()
    expect([0, 100, 2_000, 29_999, 0, 0].map((uptime) => backoff.nextDelay(uptime))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000
    ])
  })

  it('starts again from 0.5 s after a run of at least 30 s', () => {
    const backoff = new RestartBackoff()
    backoff.nextDelay(0)
    backoff.nextDelay(0)
    backoff.nextDelay(0)
    expect(backoff.nextDelay(30_000)).toBe(500)
    expect(backoff.nextDelay(10)).toBe(1000)
  })
})

class FakePort {
  closed = false
  constructor(readonly name: string) {}
  close(): void {
    this.closed = true
  }
}

interface FakeHost {
  lifecycle: HostLifecycle
  messages: { message: HostControlMessage; transfer: FakePort[] | undefined }[]
  killed: boolean
}

function setup(overrides: { spawnThrows?: () => boolean } = {}) {
  const hosts: FakeHost[] = []
  const delivered: FakePort[] = []
  const notices: HostDownNotice[] = []
  let channelCount = 0
  const supervisor = new HostSupervisor<FakePort>({
    spawnHost: (lifecycle) => {
      if (overrides.spawnThrows?.()) throw new Error('ENOENT host.js')
      const host: FakeHost = { lifecycle, messages: [], killed: false }
      hosts.push(host)
      return {
        postMessage: (message, transfer) => host.messages.push({ message, transfer }),
        kill: () => {
          host.killed = true
        }
      }
    },
    createChannel: () => {
      channelCount++
      return { hostEnd: new FakePort(`host-${channelCount}`), rendererEnd: new FakePort(`renderer-${channelCount}`) }
    },
    deliverPort: (port) => delivered.push(port),
    notifyHostDown: (notice) => notices.push(notice),
    log: { info: vi.fn(), warn: vi.fn() }
  })
  const latest = (): FakeHost => {
    const host = hosts.at(-1)
    if (!host) throw new Error('no host was spawned')
    return host
  }
  return { supervisor, hosts, delivered, notices, latest }
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('HostSupervisor', () => {
  it('spawns the host once on start', () => {
    const { supervisor, hosts } = setup()
    supervisor.start()
    supervisor.start()
    expect(hosts).toHaveLength(1)
    expect(supervisor.state).toBe('starting')
  })

  it('hands out no port until the renderer asks', () => {
    const { supervisor, latest, delivered } = setup()
    supervisor.start()
    latest().lifecycle.onSpawn()
    expect(supervisor.state).toBe('running')
    expect(delivered).toEqual([])
    expect(latest().messages).toEqual([])
  })

  it('on request: posts { type: "connect" } with one end to the host and the other to the renderer', () => {
    const { supervisor, latest, delivered } = setup()
    supervisor.start()
    latest().lifecycle.onSpawn()
    supervisor.requestPort()
    expect(latest().messages).toHaveLength(1)
    expect(latest().messages[0]?.message).toEqual({ type: 'connect' })
    expect(latest().messages[0]?.transfer?.map((port) => port.name)).toEqual(['host-1'])
    expect(delivered.map((port) => port.name)).toEqual(['renderer-1'])
  })

  it('answers a request made before the host is up as soon as it spawns', () => {
    const { supervisor, latest, delivered } = setup()
    supervisor.start()
    supervisor.requestPort()
    expect(delivered).toEqual([])
    latest().lifecycle.onSpawn()
    expect(delivered.map((port) => port.name)).toEqual(['renderer-1'])
  })

  it('gives every request (a reloaded page) its own fresh channel', () => {
    const { supervisor, latest, delivered } = setup()
    supervisor.start()
    latest().lifecycle.onSpawn()
    supervisor.requestPort()
    supervisor.requestPort()
    expect(delivered.map((port) => port.name)).toEqual(['renderer-1', 'renderer-2'])
    expect(latest().messages.map((entry) => entry.transfer?.[0]?.name)).toEqual(['host-1', 'host-2'])
  })

  it('on an unexpected exit: tells the renderer, restarts after the backoff, and hands over a fresh port', () => {
    const { supervisor, hosts, latest, delivered, notices } = setup()
    supervisor.start()
    latest().lifecycle.onSpawn()
    supervisor.requestPort()

    latest().lifecycle.onExit(1)
    expect(notices).toEqual([{ reason: 'The core host exited unexpectedly (exit code 1)', restartInMs: 500 }])
    expect(supervisor.state).toBe('restart-pending')

    vi.advanceTimersByTime(499)
    expect(hosts).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(hosts).toHaveLength(2)

    latest().lifecycle.onSpawn()
    expect(delivered.map((port) => port.name)).toEqual(['renderer-1', 'renderer-2'])
    expect(latest().messages[0]?.message).toEqual({ type: 'connect' })
  })

  it('backs off 0.5, 1, 2, 4, 8, 10, 10 s while the host keeps dying', () => {
    const { supervisor, hosts, latest, notices } = setup()
    supervisor.start()
    for (let i = 0; i < 7; i++) {
      latest().lifecycle.onSpawn()
      vi.advanceTimersByTime(1_000)
      latest().lifecycle.onExit(134)
      const delay = notices.at(-1)?.restartInMs ?? 0
      vi.advanceTimersByTime(delay)
    }
    expect(notices.map((notice) => notice.restartInMs)).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000])
    expect(hosts).toHaveLength(8)
  })

  it('resets the backoff after the host stayed up for 30 s', () => {
    const { supervisor, latest, notices } = setup()
    supervisor.start()
    for (let i = 0; i < 3; i++) {
      latest().lifecycle.onSpawn()
      latest().lifecycle.onExit(1)
      vi.advanceTimersByTime(notices.at(-1)?.restartInMs ?? 0)
    }
    latest().lifecycle.onSpawn()
    vi.advanceTimersByTime(30_000)
    latest().lifecycle.onExit(1)
    expect(notices.map((notice) => notice.restartInMs)).toEqual([500, 1000, 2000, 500])
  })

  it('counts a host that dies before spawning as a failure too', () => {
    const { supervisor, latest, notices, hosts } = setup()
    supervisor.start()
    latest().lifecycle.onExit(1)
    vi.advanceTimersByTime(500)
    latest().lifecycle.onExit(1)
    expect(notices.map((notice) => notice.restartInMs)).toEqual([500, 1000])
    expect(hosts).toHaveLength(2)
  })

  it('retries with backoff when the host cannot even be forked', () => {
    let failures = 2
    const { supervisor, hosts, notices } = setup({ spawnThrows: () => failures-- > 0 })
    supervisor.start()
    expect(notices).toEqual([{ reason: 'The core host could not be started: ENOENT host.js', restartInMs: 500 }])
    vi.advanceTimersByTime(500)
    expect(notices).toHaveLength(2)
    vi.advanceTimersByTime(1000)
    expect(hosts).toHaveLength(1)
    expect(supervisor.state).toBe('starting')
  })

  it('ignores events from a process it already replaced', () => {
    const { supervisor, hosts, latest, notices } = setup()
    supervisor.start()
    const first = latest()
    first.lifecycle.onSpawn()
    first.lifecycle.onExit(1)
    vi.advanceTimersByTime(500)
    first.lifecycle.onExit(1)
    first.lifecycle.onSpawn()
    expect(notices).toHaveLength(1)
    expect(hosts).toHaveLength(2)
    expect(supervisor.state).toBe('starting')
  })

  it('stops handing out ports after the renderer detaches, until it asks again', () => {
    const { supervisor, latest, delivered, notices } = setup()
    supervisor.start()
    latest().lifecycle.onSpawn()
    supervisor.requestPort()
    supervisor.rendererDetached()
    latest().lifecycle.onExit(1)
    vi.advanceTimersByTime(notices.at(-1)?.restartInMs ?? 0)
    latest().lifecycle.onSpawn()
    expect(delivered).toHaveLength(1)
    supervisor.requestPort()
    expect(delivered).toHaveLength(2)
  })

  it('closes both ends when the host cannot take its end', () => {
    const created: FakePort[] = []
    const delivered: FakePort[] = []
    let lifecycle: HostLifecycle | undefined
    const supervisor = new HostSupervisor<FakePort>({
      spawnHost: (events) => {
        lifecycle = events
        return {
          postMessage: () => {
            throw new Error('process is gone')
          },
          kill: () => undefined
        }
      },
      createChannel: () => {
        const pair = { hostEnd: new FakePort('h'), rendererEnd: new FakePort('r') }
        created.push(pair.hostEnd, pair.rendererEnd)
        return pair
      },
      deliverPort: (port) => delivered.push(port),
      notifyHostDown: () => undefined,
      log: { info: vi.fn(), warn: vi.fn() }
    })
    supervisor.start()
    lifecycle?.onSpawn()
    supervisor.requestPort()
    expect(delivered).toEqual([])
    expect(created.every((port) => port.closed)).toBe(true)
  })

  describe('stop', () => {
    it('asks the host to shut down and resolves when it exits, without restarting or notifying', async () => {
      const { supervisor, hosts, latest, notices } = setup()
      supervisor.start()
      latest().lifecycle.onSpawn()
      const stopped = supervisor.stop()
      expect(latest().messages.map((entry) => entry.message)).toEqual([{ type: 'shutdown' }])
      expect(supervisor.state).toBe('stopping')
      latest().lifecycle.onExit(0)
      await stopped
      expect(supervisor.state).toBe('stopped')
      vi.advanceTimersByTime(60_000)
      expect(hosts).toHaveLength(1)
      expect(notices).toEqual([])
      expect(latest().killed).toBe(false)
    })

    it('kills a host that ignores the shutdown message after the grace period', async () => {
      const { supervisor, latest } = setup()
      supervisor.start()
      latest().lifecycle.onSpawn()
      const stopped = supervisor.stop()
      vi.advanceTimersByTime(999)
      expect(latest().killed).toBe(false)
      vi.advanceTimersByTime(1)
      expect(latest().killed).toBe(true)
      latest().lifecycle.onExit(143)
      await expect(stopped).resolves.toBeUndefined()
    })

    it('resolves even when a killed host never reports its exit', async () => {
      const { supervisor, latest } = setup()
      supervisor.start()
      latest().lifecycle.onSpawn()
      const stopped = supervisor.stop()
      vi.advanceTimersByTime(1_000 + 2_999)
      expect(supervisor.state).toBe('stopping')
      vi.advanceTimersByTime(1)
      await expect(stopped).resolves.toBeUndefined()
      expect(supervisor.state).toBe('stopped')
    })

    it('cancels a pending restart', async () => {
      const { supervisor, hosts, latest } = setup()
      supervisor.start()
      latest().lifecycle.onSpawn()
      latest().lifecycle.onExit(1)
      await supervisor.stop()
      vi.advanceTimersByTime(60_000)
      expect(hosts).toHaveLength(1)
      expect(supervisor.state).toBe('stopped')
    })

    it('refuses port requests once stopping', () => {
      const { supervisor, latest, delivered } = setup()
      supervisor.start()
      latest().lifecycle.onSpawn()
      void supervisor.stop()
      supervisor.requestPort()
      expect(delivered).toEqual([])
    })

    it('returns the same promise when called twice', () => {
      const { supervisor, latest } = setup()
      supervisor.start()
      latest().lifecycle.onSpawn()
      expect(supervisor.stop()).toBe(supervisor.stop())
    })
  })
})
