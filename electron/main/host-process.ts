// The Electron side of the core host: forks out/main/host.js as a utilityProcess, forwards its
// stdout/stderr into main's log line by line, and creates the MessageChannelMain pairs that connect
// it to the renderer. The supervision policy lives in host-supervisor.ts.
import { MessageChannelMain, utilityProcess, type MessagePortMain } from 'electron'
import type { HostHandle, HostLifecycle } from './host-supervisor'
import type { PortalHostLink } from './portal/portal-bridge'
import { answerSecretRequest, isSecretRequest, type SafeStorageLike } from './secret-service'

export const HOST_SERVICE_NAME = 'Hotspot Desk core'
export const DEMO_WHEN_EMPTY_FLAG = '--demo-when-empty'

/**
 * Command-line arguments for the host: the demo hotspot appears when no device is found, unless opted
 * out; the host keeps its files in the app's userData folder.
 */
export function hostArgs(env: Readonly<Record<string, string | undefined>>, dataDir?: string): string[] {
  const args = env.HOTSPOT_DESK_NO_DEMO === '1' ? [] : [DEMO_WHEN_EMPTY_FLAG]
  return dataDir === undefined ? args : [...args, `--data-dir=${dataDir}`]
}

export interface LineWriter {
  push(chunk: Buffer | string): void
  /** Emits a trailing partial line, if any. */
  flush(): void
}

/** Splits a byte stream into lines (LF or CRLF) and hands each complete line to `emit`. */
export function createLineWriter(emit: (line: string) => void): LineWriter {
  let partial = ''
  return {
    push(chunk) {
      partial += typeof chunk === 'string' ? chunk : chunk.toString('utf8')
      const lines = partial.split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) emit(line.endsWith('\r') ? line.slice(0, -1) : line)
    },
    flush() {
      if (partial !== '') emit(partial)
      partial = ''
    }
  }
}

export function forkHost(
  scriptPath: string,
  args: string[],
  lifecycle: HostLifecycle,
  log: Pick<Console, 'info' | 'warn' | 'error'> = console,
  keychain?: SafeStorageLike,
  portals?: PortalHostLink
): HostHandle<MessagePortMain> {
  const child = utilityProcess.fork(scriptPath, args, { serviceName: HOST_SERVICE_NAME, stdio: 'pipe' })

  // With stdio 'pipe' the streams must be drained, or the host blocks once the pipe buffer fills.
  const out = createLineWriter((line) => log.info(`[core] ${line}`))
  const err = createLineWriter((line) => log.warn(`[core] ${line}`))
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk))
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk))

  // The host asks main to seal and open remembered passwords with the OS keychain (safeStorage),
  // and to open, close and forget carrier portal views (portal/portal-bridge.ts).
  const postToChild = (message: unknown): void => child.postMessage(message)
  const detachPortals = portals?.attachHost(postToChild)
  child.on('message', (message: unknown) => {
    if (keychain && isSecretRequest(message)) child.postMessage(answerSecretRequest(message, keychain))
    else portals?.handleHostMessage(message, postToChild)
  })

  child.once('spawn', () => lifecycle.onSpawn())
  child.on('error', (type, location) => log.error(`[main] core host ${type} at ${location}`))
  child.once('exit', (code) => {
    detachPortals?.()
    out.flush()
    err.flush()
    lifecycle.onExit(code)
  })

  return {
    postMessage: (message, transfer) => child.postMessage(message, transfer),
    kill: () => {
      child.kill()
    }
  }
}

export function createHostChannel(): { hostEnd: MessagePortMain; rendererEnd: MessagePortMain } {
  const { port1, port2 } = new MessageChannelMain()
  return { hostEnd: port1, rendererEnd: port2 }
}
