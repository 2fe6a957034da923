// The physical side of a simulated modem: what the modem end of the serial line is, how it is unplugged
// (the host must see its port vanish) and how the same device comes back. Three kinds: a socat PTY pair,
// serialport's MockBinding, or a caller's duplex stream.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Duplex } from 'node:stream'
import { SerialPort } from 'serialport'
import { createMockModemPort, type MockModemPort } from '../../pty/mock-port'
import { openSocatPair, type SocatPair } from '../../pty/socat-pair'

export interface ModemLink {
  /** The modem end: bytes from the host arrive here, bytes written go to the host. */
  stream: Duplex
  /** What the app opens (absent for a caller's stream). */
  hostPath?: string
  /** Abrupt removal: the host's port fails/closes and the path disappears. */
  drop(): Promise<void>
  /** Orderly shutdown (stop()). */
  close(): Promise<void>
  /** The same device comes back; absent when the transport cannot re-appear. */
  replug?(): Promise<{ stream: Duplex; hostPath?: string }>
}

/**
 * A socat PTY pair with the modem on one end. With `stablePath` (default) the host end is reached through
 * a symlink in a private temp dir that survives replug, like /dev/ttyUSB2 coming back after a reset.
 */
export async function openPtyLink(options: { stablePath?: boolean; deviceName: string }): Promise<ModemLink & { modemPath: string }> {
  const tempDir = options.stablePath === false ? undefined : mkdtempSync(join(tmpdir(), 'hotspot-desk-at-'))
  const hostLink = tempDir ? join(tempDir, options.deviceName) : undefined
  let pair: SocatPair
  let port: SerialPort
  try {
    pair = await openSocatPair({ hostLink })
    port = await openModemEnd(pair.modemPath)
  } catch (error) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true })
    throw error
  }
  return {
    stream: port,
    hostPath: pair.hostPath,
    modemPath: pair.modemPath,
    drop: async () => {
      // Killing socat closes both PTY masters: the host's tty hangs up and its /dev/pts node disappears.
      port.destroy()
      await pair.close()
    },
    close: async () => {
      await closePort(port)
      await pair.close()
      if (tempDir) rmSync(tempDir, { recursive: true, force: true })
    },
    replug: async () => {
      pair = await openSocatPair({ hostLink })
      port = await openModemEnd(pair.modemPath)
      return { stream: port, hostPath: pair.hostPath }
    }
  }
}

/** The modem behind serialport's MockBinding at `path`. */
export function mockLink(path: string): ModemLink & { port: MockModemPort } {
  const mock = createMockModemPort(path)
  return {
    stream: mock.stream,
    hostPath: path,
    port: mock,
    drop: async () => mock.unplug(),
    close: async () => mock.close(),
    replug: async () => ({ stream: mock.replug(), hostPath: path })
  }
}

/** A caller-provided stream: dropping destroys it; it cannot come back. */
export function streamLink(stream: Duplex): ModemLink {
  return {
    stream,
    drop: async () => void stream.destroy(),
    close: async () => void stream.end()
  }
}

function openModemEnd(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 115200 }, (error) => (error ? reject(error) : resolve(port)))
  })
}

function closePort(port: SerialPort): Promise<void> {
  if (!port.isOpen) return Promise.resolve()
  return new Promise((resolve) => port.close(() => resolve()))
}
