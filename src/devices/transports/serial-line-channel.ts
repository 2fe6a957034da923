// One owner per serial port: opens it, turns bytes into lines (and the SMS "> " prompt), serializes writes,
// reports an unplug, and tears everything down — listeners, close, destroy, a short settle delay — before a
// reopen, the way INAV's serial module does (STYLE.md "One owner per port, cleanup before reconnect").
// Tests inject a port factory (SerialPortMock); production uses serialport's SerialPort.
import { SerialPort } from 'serialport'
import { ContractError } from '../../contract/errors'
import { mapSerialOpenError, serialErrorText } from './serial-errors'
import { LineSplitter } from './serial-line-splitter'

/** The part of serialport's stream API the channel uses; SerialPort and SerialPortMock both satisfy it. */
export interface SerialPortLike {
  readonly isOpen: boolean
  open(callback?: (error: Error | null) => void): void
  write(data: Buffer, callback?: (error: Error | null | undefined) => void): boolean
  close(callback?: (error: Error | null) => void): void
  destroy(error?: Error): unknown
  on(event: string, listener: (...args: never[]) => void): unknown
  removeAllListeners(event?: string): unknown
}

export interface SerialPortOpenOptions {
  path: string
  baudRate: number
  autoOpen: false
}

export type SerialPortFactory = (options: SerialPortOpenOptions) => SerialPortLike

export interface ChannelCloseInfo {
  /** True when serialport reported a disconnect (unplug, read error) rather than an orderly close. */
  disconnected: boolean
  /** What the binding said, when it said anything. */
  reason?: string
}

export interface LineChannelEvents {
  /** One received line, CR/LF stripped, noise removed, never empty. */
  line: (text: string) => void
  /** The SMS input prompt "> " (27.005 §3.5.1), which arrives without a line terminator. */
  prompt: () => void
  /** The port went away without close() being called (unplug, read/write failure). */
  close: (info: ChannelCloseInfo) => void
  /** A port-level error that did not (yet) close the port. */
  error: (error: ContractError) => void
}

/** What the AT engine needs from a transport. SerialLineChannel implements it; tests may script one. */
export interface LineChannel {
  readonly path: string
  readonly isOpen: boolean
  open(): Promise<void>
  /** Tear down completely, wait a moment, open again. */
  reopen(): Promise<void>
  /** Close and release the port. Never throws. */
  close(): Promise<void>
  /** Writes are queued and sent one after another; rejects with DEVICE_GONE when the port is not open. */
  write(data: string | Uint8Array): Promise<void>
  on<E extends keyof LineChannelEvents>(event: E, listener: LineChannelEvents[E]): () => void
}

export interface SerialLineChannelOptions {
  path: string
  /** USB modems ignore the rate, but the tty wants one. Default 115200. */
  baudRate?: number
  portFactory?: SerialPortFactory
  /** Settle time between teardown and reopen, so the OS releases the tty (and its lock). Default 250 ms. */
  reopenDelayMs?: number
}

const DEFAULT_BAUD_RATE = 115_200
const DEFAULT_REOPEN_DELAY_MS = 250

const defaultFactory: SerialPortFactory = (options) => new SerialPort(options)

type ListenerMap = { [E in keyof LineChannelEvents]: Set<LineChannelEvents[E]> }

export class SerialLineChannel implements LineChannel {
  readonly path: string
  private readonly baudRate: number
  private readonly factory: SerialPortFactory
  private readonly reopenDelayMs: number
  private readonly listeners: ListenerMap = { line: new Set(), prompt: new Set(), close: new Set(), error: new Set() }
  private readonly splitter: LineSplitter
  private port: SerialPortLike | undefined
  private opening: Promise<void> | undefined
  private writeChain: Promise<void> = Promise.resolve()

  constructor(options: SerialLineChannelOptions) {
    this.path = options.path
    this.baudRate = options.baudRate ?? DEFAULT_BAUD_RATE
    this.factory = options.portFactory ?? defaultFactory
    this.reopenDelayMs = options.reopenDelayMs ?? DEFAULT_REOPEN_DELAY_MS
    this.splitter = new LineSplitter({
      line: (text) => this.emit('line', text),
      prompt: () => this.emit('prompt')
    })
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false
  }

  on<E extends keyof LineChannelEvents>(event: E, listener: LineChannelEvents[E]): () => void {
    const set = this.listeners[event] as Set<LineChannelEvents[E]>
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  open(): Promise<void> {
    if (this.port?.isOpen) return Promise.resolve()
    if (!this.opening) {
      this.opening = this.doOpen().finally(() => {
        this.opening = undefined
      })
    }
    return this.opening
  }

  async reopen(): Promise<void> {
    await this.teardown()
    await delay(this.reopenDelayMs)
    await this.open()
  }

  async close(): Promise<void> {
    await this.teardown()
  }

  write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data)
    const next = this.writeChain.then(() => this.writeNow(bytes))
    // Keep the chain alive after a failed write; the caller sees the failure through `next`.
    this.writeChain = next.catch(() => undefined)
    return next
  }

  private async doOpen(): Promise<void> {
    const stale = this.port
    if (stale) {
      this.port = undefined
      await this.release(stale)
    }
    let port: SerialPortLike
    try {
      port = this.factory({ path: this.path, baudRate: this.baudRate, autoOpen: false })
    } catch (error) {
      throw mapSerialOpenError(error, this.path)
    }
    this.port = port
    port.on('data', (chunk: Buffer) => {
      if (this.port === port) this.splitter.push(chunk)
    })
    port.on('close', (error: (Error & { disconnected?: boolean }) | null | undefined) => {
      if (this.port === port) this.lost(port, error ?? undefined)
    })
    // A tty whose other side hung up (a PTY whose modem end closed, some USB drivers on unplug) reads as end
    // of file rather than failing: serialport then ends the stream and no data will ever come again.
    port.on('end', () => {
      if (this.port === port) this.lost(port, Object.assign(new Error('the port reached end of file (hang-up)'), { disconnected: true }))
    })
    port.on('error', (error: Error) => {
      if (this.port === port) {
        this.emit('error', new ContractError('DEVICE_GONE', `Serial port ${this.path} failed: ${error.message}`, { path: this.path, cause: error.message }))
      }
    })
    try {
      await new Promise<void>((resolve, reject) => {
        port.open((error) => (error ? reject(error) : resolve()))
      })
    } catch (error) {
      await this.release(port)
      if (this.port === port) this.port = undefined
      throw mapSerialOpenError(error, this.path)
    }
  }

  private writeNow(bytes: Buffer): Promise<void> {
    const port = this.port
    if (!port || !port.isOpen) {
      return Promise.reject(new ContractError('DEVICE_GONE', `Serial port ${this.path} is not open.`, { path: this.path }))
    }
    return new Promise<void>((resolve, reject) => {
      port.write(bytes, (error) => {
        if (error) {
          reject(new ContractError('DEVICE_GONE', `Writing to ${this.path} failed: ${error.message}`, { path: this.path, cause: error.message }))
        } else {
          resolve()
        }
      })
    })
  }

  /** The port closed without us asking: report it once, then clean up. */
  private lost(port: SerialPortLike, error: (Error & { disconnected?: boolean }) | undefined): void {
    this.port = undefined
    this.splitter.reset()
    void this.release(port)
    const info: ChannelCloseInfo = { disconnected: error?.disconnected === true }
    if (error) info.reason = serialErrorText(error)
    this.emit('close', info)
  }

  private async teardown(): Promise<void> {
    if (this.opening) await this.opening.catch(() => undefined)
    const port = this.port
    this.port = undefined
    this.splitter.reset()
    if (port) await this.release(port)
  }

  /** Listeners off, close, destroy. Never throws. */
  private async release(port: SerialPortLike): Promise<void> {
    port.removeAllListeners()
    // A late write failure makes serialport close the port and, with no callback, emit 'error'; without a
    // listener that would crash the process.
    port.on('error', () => undefined)
    if (port.isOpen) {
      await new Promise<void>((resolve) => {
        try {
          port.close(() => resolve())
        } catch {
          resolve()
        }
      })
    }
    try {
      port.destroy()
    } catch {
      // already destroyed
    }
  }

  private emit<E extends keyof LineChannelEvents>(event: E, ...args: Parameters<LineChannelEvents[E]>): void {
    for (const listener of [...this.listeners[event]]) {
      try {
        ;(listener as (...values: Parameters<LineChannelEvents[E]>) => void)(...args)
      } catch {
        // A subscriber's bug must not break the port.
      }
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
