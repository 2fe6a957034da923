// Keeps the core host (src/host, a utilityProcess) alive and connected to the renderer.
//
// Protocol, main → host (utilityProcess.postMessage, read with process.parentPort in the host):
//   { type: 'connect' } + [port]   a new client: speak the contract (src/contract/wire.ts) on `port`
//   { type: 'shutdown' }           the app is quitting: close devices and exit within the grace period
// Main never reads the contract itself; it only creates channels and hands out the ends.
//
// Pure logic: Electron is reached only through the injected `spawnHost`/`createChannel`/`deliverPort`
// (see host-process.ts and index.ts), so the restart policy is unit-tested with fakes.
import { RestartBackoff } from './restart-backoff'

export type HostControlMessage = { readonly type: 'connect' } | { readonly type: 'shutdown' }

export interface HostDownNotice {
  readonly reason: string
  readonly restartInMs: number
}

export interface ClosablePort {
  close(): void
}

export interface HostHandle<TPort> {
  postMessage(message: HostControlMessage, transfer?: TPort[]): void
  kill(): void
}

/** Callbacks the spawner must call asynchronously, as utilityProcess' 'spawn' and 'exit' events do. */
export interface HostLifecycle {
  onSpawn(): void
  onExit(code: number): void
}

export interface SupervisorTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface HostSupervisorOptions<TPort extends ClosablePort> {
  /** Starts one host process. May throw if the process cannot even be created. */
  spawnHost(lifecycle: HostLifecycle): HostHandle<TPort>
  createChannel(): { hostEnd: TPort; rendererEnd: TPort }
  /** Gives the renderer its end of a fresh channel. */
  deliverPort(port: TPort): void
  /** Tells the renderer the host died and when the next attempt is due. */
  notifyHostDown(notice: HostDownNotice): void
  backoff?: RestartBackoff
  timers?: SupervisorTimers
  now?: () => number
  /** How long the host gets to exit after { type: 'shutdown' } before kill() (SIGTERM on POSIX). */
  shutdownGraceMs?: number
  /** How long to wait for the exit after kill() before giving up on it. */
  killWaitMs?: number
  log?: Pick<Console, 'info' | 'warn'>
}

export type SupervisorState = 'idle' | 'starting' | 'running' | 'restart-pending' | 'stopping' | 'stopped'

const defaultTimers: SupervisorTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

export class HostSupervisor<TPort extends ClosablePort> {
  private currentState: SupervisorState = 'idle'
  /** Bumped per launch and on stop, so events from an older process are ignored. */
  private generation = 0
  private host: HostHandle<TPort> | null = null
  private spawnedAt: number | null = null
  private restartTimer: unknown = null
  private stopTimer: unknown = null
  private rendererWantsPort = false
  private stopPromise: Promise<void> | null = null
  private resolveStop: (() => void) | null = null

  private readonly backoff: RestartBackoff
  private readonly timers: SupervisorTimers
  private readonly now: () => number
  private readonly shutdownGraceMs: number
  private readonly killWaitMs: number
  private readonly log: Pick<Console, 'info' | 'warn'>

  constructor(private readonly options: HostSupervisorOptions<TPort>) {
    this.backoff = options.backoff ?? new RestartBackoff()
    this.timers = options.timers ?? defaultTimers
    this.now = options.now ?? (() => Date.now())
    // kill() is SIGTERM on POSIX, which the host also treats as "close and exit", so a short grace
    // keeps quitting quick; on Windows kill() terminates at once and only the message is graceful.
    this.shutdownGraceMs = options.shutdownGraceMs ?? 1_000
    this.killWaitMs = options.killWaitMs ?? 3_000
    this.log = options.log ?? console
  }

  get state(): SupervisorState {
    return this.currentState
  }

  start(): void {
    if (this.currentState !== 'idle') return
    this.launch()
  }

  /**
   * The (already validated) renderer asked for a port. It gets one now if the host is up, and a
   * fresh one after every restart until `rendererDetached()`.
   */
  requestPort(): void {
    if (this.currentState === 'stopping' || this.currentState === 'stopped') return
    this.rendererWantsPort = true
    this.connectRenderer()
  }

  /** The main window is gone: stop handing out ports until a new page asks. */
  rendererDetached(): void {
    this.rendererWantsPort = false
  }

  /** Asks the host to shut down, kills it after the grace period; resolves once it is gone. */
  stop(): Promise<void> {
    if (this.stopPromise) return this.stopPromise
    this.rendererWantsPort = false
    this.clearRestartTimer()
    const host = this.host
    if (host === null) {
      this.currentState = 'stopped'
      this.generation++
      this.stopPromise = Promise.resolve()
      return this.stopPromise
    }
    this.currentState = 'stopping'
    this.stopPromise = new Promise<void>((resolve) => {
      this.resolveStop = resolve
    })
    this.trySend(host, { type: 'shutdown' })
    this.stopTimer = this.timers.setTimeout(() => {
      this.log.warn(`[main] the core host did not exit within ${this.shutdownGraceMs} ms; killing it`)
      try {
        host.kill()
      } catch (error) {
        this.log.warn(`[main] could not kill the core host: ${describe(error)}`)
      }
      this.stopTimer = this.timers.setTimeout(() => {
        this.log.warn('[main] the core host did not report its exit; continuing to quit')
        this.finishStop()
      }, this.killWaitMs)
    }, this.shutdownGraceMs)
    return this.stopPromise
  }

  private launch(): void {
    const generation = ++this.generation
    this.currentState = 'starting'
    this.spawnedAt = null
    try {
      this.host = this.options.spawnHost({
        onSpawn: () => this.handleSpawn(generation),
        onExit: (code) => this.handleExit(generation, code)
      })
    } catch (error) {
      this.host = null
      this.scheduleRestart(`The core host could not be started: ${describe(error)}`)
    }
  }

  private handleSpawn(generation: number): void {
    if (generation !== this.generation || this.currentState !== 'starting') return
    this.currentState = 'running'
    this.spawnedAt = this.now()
    this.log.info('[main] core host started')
    this.connectRenderer()
  }

  private handleExit(generation: number, code: number): void {
    if (generation !== this.generation) return
    this.host = null
    if (this.currentState === 'stopping') {
      this.finishStop()
      return
    }
    if (this.currentState === 'stopped' || this.currentState === 'idle') return
    this.scheduleRestart(`The core host exited unexpectedly (exit code ${code})`)
  }

  private scheduleRestart(reason: string): void {
    const uptimeMs = this.spawnedAt === null ? 0 : this.now() - this.spawnedAt
    this.spawnedAt = null
    const restartInMs = this.backoff.nextDelay(uptimeMs)
    this.currentState = 'restart-pending'
    this.log.warn(`[main] ${reason}; restarting in ${restartInMs} ms`)
    this.options.notifyHostDown({ reason, restartInMs })
    this.restartTimer = this.timers.setTimeout(() => {
      this.restartTimer = null
      if (this.currentState === 'restart-pending') this.launch()
    }, restartInMs)
  }

  private connectRenderer(): void {
    const host = this.host
    if (host === null || this.currentState !== 'running' || !this.rendererWantsPort) return
    const { hostEnd, rendererEnd } = this.options.createChannel()
    if (!this.trySend(host, { type: 'connect' }, [hostEnd])) {
      hostEnd.close()
      rendererEnd.close()
      return
    }
    this.options.deliverPort(rendererEnd)
  }

  private trySend(host: HostHandle<TPort>, message: HostControlMessage, transfer?: TPort[]): boolean {
    try {
      host.postMessage(message, transfer)
      return true
    } catch (error) {
      this.log.warn(`[main] could not send '${message.type}' to the core host: ${describe(error)}`)
      return false
    }
  }

  private finishStop(): void {
    if (this.stopTimer !== null) this.timers.clearTimeout(this.stopTimer)
    this.stopTimer = null
    this.host = null
    this.currentState = 'stopped'
    this.generation++
    this.resolveStop?.()
    this.resolveStop = null
  }

  private clearRestartTimer(): void {
    if (this.restartTimer !== null) this.timers.clearTimeout(this.restartTimer)
    this.restartTimer = null
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
