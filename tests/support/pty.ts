// Test side of the simulated serial line: a raw AT client (write "AT…\r", split what comes back into
// lines) that knows nothing about the app's AT engine, plus the socat availability check the PTY suites
// skip on. The client keeps every byte, so tests can assert exact framing as well as lines.
import { SerialPort, SerialPortMock } from 'serialport'
import { closeAllSocatPairs, isSocatAvailable } from '../../src/simulators/pty'

export { closeAllSocatPairs }

export const SOCAT = isSocatAvailable()

if (!SOCAT) console.warn('Skipping the AT simulator PTY tests: socat is not installed (apt-get install socat).')

/** Suite title that carries the skip reason when socat is missing (CI installs it). */
export function ptySuite(name: string): string {
  return SOCAT ? name : `${name} — skipped: socat is not installed (apt-get install socat)`
}

const FINAL = /^(OK|ERROR|\+CME ERROR: .*|\+CMS ERROR: .*|NO CARRIER|BUSY|NO ANSWER|NO DIALTONE|CONNECT.*)$/

type Port = SerialPort | SerialPortMock

export interface ClientCloseInfo {
  disconnected: boolean
}

export class AtTestClient {
  /** Every byte received, latin1. */
  raw = ''
  /** Every complete, non-empty line received (split at CR and/or LF). */
  lines: string[] = []
  closed: Promise<ClientCloseInfo>
  private pending = ''
  private waiters = new Set<() => void>()

  /** Errors the port reported (a failed write to a vanished tty is EIO). */
  errors: (Error & { code?: string; disconnected?: boolean })[] = []

  private constructor(readonly port: Port) {
    port.on('data', (chunk: Buffer) => this.onData(chunk))
    port.on('error', (error: Error) => this.errors.push(error))
    this.closed = new Promise((resolve) => {
      port.once('close', (error?: Error & { disconnected?: boolean }) => {
        // serialport reports a lost device either as close(DisconnectedError) or, when a write failed
        // first, as an 'error' (EIO/ENXIO) followed by a plain stream 'close'.
        setImmediate(() => {
          const io = this.errors.some((e) => e.disconnected || ['EIO', 'ENXIO', 'EBADF'].includes(e.code ?? ''))
          resolve({ disconnected: Boolean(error?.disconnected) || io })
          this.wake()
        })
      })
    })
  }

  static async open(path: string, options: { mock?: boolean } = {}): Promise<AtTestClient> {
    const port: Port = await new Promise((resolve, reject) => {
      const opened: Port = options.mock
        ? new SerialPortMock({ path, baudRate: 115200 }, (error) => (error ? reject(error) : resolve(opened)))
        : new SerialPort({ path, baudRate: 115200 }, (error) => (error ? reject(error) : resolve(opened)))
    })
    return new AtTestClient(port)
  }

  write(data: string | Buffer): void {
    this.port.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data)
  }

  /** Sends `command` + CR and returns the lines that followed it, up to and including the final result. */
  async send(command: string, timeoutMs = 5000): Promise<string[]> {
    const from = this.lines.length
    this.write(`${command}\r`)
    const index = await this.waitFor(() => {
      for (let i = from; i < this.lines.length; i++) if (FINAL.test(this.lines[i] as string)) return i
      return undefined
    }, timeoutMs, `final result for ${command}`)
    return this.lines.slice(from, index + 1)
  }

  /** Sends and returns the final result line only. */
  async result(command: string, timeoutMs?: number): Promise<string> {
    const lines = await this.send(command, timeoutMs)
    return lines[lines.length - 1] as string
  }

  /** Waits for a line (received from now on, or since `from`) matching `pattern`. */
  async waitForLine(pattern: RegExp, timeoutMs = 5000, from = this.lines.length): Promise<string> {
    const index = await this.waitFor(() => {
      for (let i = from; i < this.lines.length; i++) if (pattern.test(this.lines[i] as string)) return i
      return undefined
    }, timeoutMs, `a line matching ${pattern}`)
    return this.lines[index] as string
  }

  /** Waits until the raw stream (from byte offset `from`) satisfies `test`. */
  async waitForRaw(test: (raw: string) => boolean, timeoutMs = 5000, from = 0): Promise<void> {
    await this.waitFor(() => (test(this.raw.slice(from)) ? true : undefined), timeoutMs, 'raw data')
  }

  waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe()
        if (value === undefined) return false
        clearTimeout(timer)
        this.waiters.delete(listener)
        resolve(value)
        return true
      }
      const listener = () => void check()
      const timer = setTimeout(() => {
        this.waiters.delete(listener)
        reject(new Error(`timed out waiting for ${what}; received so far:\n${JSON.stringify(this.raw.slice(-600))}`))
      }, timeoutMs)
      if (!check()) this.waiters.add(listener)
    })
  }

  /**
   * Resolves when the port has closed because the device went away. On Linux a hung-up tty may read as
   * end-of-file instead of failing, and serialport 13 then just reads again: the loss only surfaces on the
   * next write (EIO → 'close' with disconnected: true), as with a real USB unplug. So: wait briefly, then
   * write like a polling host would.
   */
  async disconnected(timeoutMs = 3000): Promise<ClientCloseInfo> {
    const quiet = await Promise.race([this.closed, sleep(150).then(() => undefined)])
    if (quiet) return quiet
    if (this.port.isOpen) this.port.write('AT\r')
    return Promise.race([
      this.closed,
      sleep(timeoutMs).then(() => {
        throw new Error('the port did not close after the device went away')
      })
    ])
  }

  async close(): Promise<void> {
    if (!this.port.isOpen) return
    await new Promise<void>((resolve) => this.port.close(() => resolve()))
  }

  private onData(chunk: Buffer): void {
    const text = chunk.toString('latin1')
    this.raw += text
    this.pending += text
    const parts = this.pending.split(/\r\n|\r|\n/)
    this.pending = parts.pop() ?? ''
    for (const part of parts) if (part !== '') this.lines.push(part)
    this.wake()
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter()
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Fast timings for tests: the behaviour is the same, the network just answers quickly. */
export const FAST_TIMINGS = {
  registrationMs: 30,
  copsScanMs: 150,
  ussdReplyMs: 60,
  pdpActivationMs: 20,
  signalStepMs: 0,
  reenumerateMs: 200
}
