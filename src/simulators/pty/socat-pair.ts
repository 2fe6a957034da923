// A pseudo-terminal pair made by socat: two /dev/pts nodes wired back to back, so a simulated modem can
// own one end while the app opens the other exactly like a USB modem's tty. Recipe and readiness signal
// from reference toolchain.md §3: `socat -d -d pty,raw,echo=0 pty,raw,echo=0`, two "PTY is /dev/pts/N"
// lines on stderr, then "starting data transfer loop". Killing socat removes both nodes; a host that has
// its end open sees the port vanish (serialport emits 'close' with a disconnect error), which is how the
// simulator unplugs a modem. Used by the integration tests and by the demo.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'

export interface SocatPairOptions {
  /** Create a stable symlink to the host end (socat `link=`), e.g. to keep one path across replugs. */
  hostLink?: string
  /** Give up if socat is not ready within this time. */
  readyTimeoutMs?: number
  /** socat binary (default: `socat` on PATH). */
  socatPath?: string
}

export interface SocatPair {
  /** The end the simulated modem opens. */
  modemPath: string
  /** The end the app opens: the symlink when `hostLink` was given, else the /dev/pts node. */
  hostPath: string
  /** The /dev/pts node behind hostPath. */
  hostPtyPath: string
  pid: number
  /** True once socat has exited (closed, killed, or crashed). */
  readonly exited: boolean
  /** Stops socat and waits for it to exit; both PTY nodes disappear. Safe to call twice. */
  close(): Promise<void>
}

export class SocatMissingError extends Error {
  constructor() {
    super('socat was not found on PATH: install socat (Debian/Ubuntu: apt-get install socat; macOS: brew install socat)')
    this.name = 'SocatMissingError'
  }
}

/** Whether a runnable socat is on PATH (or at `socatPath`). */
export function isSocatAvailable(socatPath = 'socat'): boolean {
  const probe = spawnSync(socatPath, ['-V'], { stdio: 'ignore', timeout: 5000 })
  return !probe.error && probe.status === 0
}

const live = new Set<ChildProcess>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  // Never leave socat processes behind if the test runner or the app exits without closing a pair.
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL')
  })
}

/** Closes every pair this process opened (test afterAll safety net). */
export async function closeAllSocatPairs(): Promise<void> {
  await Promise.all([...live].map((child) => stopChild(child)))
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

export function openSocatPair(options: SocatPairOptions = {}): Promise<SocatPair> {
  const address = (link?: string) => `pty,raw,echo=0${link ? `,link=${link}` : ''}`
  const child = spawn(options.socatPath ?? 'socat', ['-d', '-d', address(), address(options.hostLink)], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  installExitHook()
  live.add(child)
  let exited = false
  child.once('exit', () => {
    exited = true
    live.delete(child)
  })

  return new Promise<SocatPair>((resolve, reject) => {
    let stderr = ''
    const ptys: string[] = []
    const timer = setTimeout(() => {
      fail(new Error(`socat did not become ready within ${options.readyTimeoutMs ?? 5000} ms:\n${stderr}`))
    }, options.readyTimeoutMs ?? 5000)

    const fail = (error: Error) => {
      clearTimeout(timer)
      child.stderr?.removeAllListeners('data')
      void stopChild(child).then(() => reject(error))
    }

    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      live.delete(child)
      reject(error.code === 'ENOENT' ? new SocatMissingError() : error)
    })
    child.once('exit', (code, signal) => {
      if (ptys.length < 2) fail(new Error(`socat exited (${signal ?? code}) before the PTY pair was ready:\n${stderr}`))
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      for (const match of stderr.matchAll(/PTY is (\/dev\/\S+)/g)) {
        if (!ptys.includes(match[1] as string)) ptys.push(match[1] as string)
      }
      if (ptys.length >= 2 && stderr.includes('starting data transfer loop')) {
        clearTimeout(timer)
        // socat keeps logging (-d -d) for the life of the pair; keep draining so the pipe never fills.
        child.stderr?.removeAllListeners('data')
        child.stderr?.resume()
        const [modemPath, hostPtyPath] = ptys as [string, string]
        resolve({
          modemPath,
          hostPtyPath,
          hostPath: options.hostLink ?? hostPtyPath,
          pid: child.pid as number,
          get exited() {
            return exited
          },
          close: () => stopChild(child)
        })
      }
    })
  })
}
