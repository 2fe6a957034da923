// Test double for the AT engine: a LineChannel whose "modem" is a script. Received bytes go through the real
// LineSplitter, so framing (CR/LF runs, the bare "> " prompt, noise) behaves as on a port. The scripted modem
// answers one command at a time in arrival order, like a real one (a command that arrives while it is busy
// waits), which is what makes the resync-after-timeout test meaningful.
import { ContractError } from '../../src/contract/errors'
import type { ChannelCloseInfo, LineChannel, LineChannelEvents } from '../../src/devices/transports/serial-line-channel'
import { LineSplitter } from '../../src/devices/transports/serial-line-splitter'

/** What the modem sends back for a command: a string (CR/LF framed by the caller) or nothing. */
export type Reply = string | undefined
export interface ScriptStep {
  reply: Reply
  /** Milliseconds the modem "works" before answering. */
  delayMs?: number
}
export type Script = (command: string) => ScriptStep | Reply

/** "+CSQ: 20,99", "OK" → "\r\n+CSQ: 20,99\r\n\r\nOK\r\n" (V1 framing, 27.007 / device-protocols.md §4.1). */
export function v1(...lines: string[]): string {
  return lines.map((line) => `\r\n${line}\r\n`).join('')
}

export class ScriptedChannel implements LineChannel {
  readonly path = '/dev/ttyTEST0'
  isOpen = false
  /** Every write, decoded as latin1. */
  readonly written: string[] = []
  opens = 0
  reopens = 0
  closes = 0
  openError: Error | undefined
  /** Echo each command line back (E1), until the script turns it off. */
  echo = false
  private readonly listeners: { [E in keyof LineChannelEvents]: Set<LineChannelEvents[E]> } = {
    line: new Set(),
    prompt: new Set(),
    close: new Set(),
    error: new Set()
  }
  private readonly splitter = new LineSplitter({
    line: (text) => this.emit('line', text),
    prompt: () => this.emit('prompt')
  })
  private busyUntil = 0
  private pendingInput = ''

  constructor(public script: Script = () => undefined) {}

  on<E extends keyof LineChannelEvents>(event: E, listener: LineChannelEvents[E]): () => void {
    const set = this.listeners[event] as Set<LineChannelEvents[E]>
    set.add(listener)
    return () => set.delete(listener)
  }

  async open(): Promise<void> {
    if (this.openError) throw this.openError
    this.isOpen = true
    this.opens++
  }

  async reopen(): Promise<void> {
    this.reopens++
    this.isOpen = false
    this.splitter.reset()
    await new Promise((resolve) => setTimeout(resolve, 5))
    await this.open()
  }

  async close(): Promise<void> {
    this.isOpen = false
    this.closes++
  }

  async write(data: string | Uint8Array): Promise<void> {
    if (!this.isOpen) throw new ContractError('DEVICE_GONE', 'scripted port is not open')
    const text = typeof data === 'string' ? data : Buffer.from(data).toString('latin1')
    this.written.push(text)
    this.pendingInput += text
    // A command ends with CR; an SMS payload ends with Ctrl-Z (or is cancelled with ESC).
    for (;;) {
      // eslint-disable-next-line no-control-regex -- CR, Ctrl-Z and ESC end what the modem reads
      const end = this.pendingInput.search(/[\r\x1a\x1b]/)
      if (end < 0) break
      const unit = this.pendingInput.slice(0, end + 1)
      this.pendingInput = this.pendingInput.slice(end + 1)
      this.answer(unit)
    }
  }

  /** Bytes from the modem, delivered now. */
  receive(data: string | Uint8Array): void {
    this.splitter.push(typeof data === 'string' ? Buffer.from(data, 'latin1') : data)
  }

  /** The cable was pulled: serialport reports a disconnected close. */
  unplug(reason = 'device reports readiness to read but returned no data'): void {
    this.isOpen = false
    const info: ChannelCloseInfo = { disconnected: true, reason }
    this.emit('close', info)
  }

  /** Commands (CR-terminated lines) written so far, without the CR. */
  get commands(): string[] {
    return this.written.filter((text) => text.endsWith('\r')).map((text) => text.slice(0, -1))
  }

  private answer(unit: string): void {
    // eslint-disable-next-line no-control-regex -- strip the terminator
    const command = unit.replace(/[\r\x1a\x1b]$/, '')
    if (this.echo && unit.endsWith('\r')) this.receive(`${command}\r`)
    const produced = this.script(unit.endsWith('\r') ? command : unit)
    const step: ScriptStep = typeof produced === 'object' && produced !== null ? produced : { reply: produced }
    if (step.reply === undefined) return
    // Serial processing: this answer cannot start before the previous one was sent.
    const now = Date.now()
    const at = Math.max(now, this.busyUntil) + (step.delayMs ?? 0)
    this.busyUntil = at
    const reply = step.reply
    setTimeout(() => {
      if (this.isOpen) this.receive(reply)
    }, at - now)
  }

  private emit<E extends keyof LineChannelEvents>(event: E, ...args: Parameters<LineChannelEvents[E]>): void {
    for (const listener of [...this.listeners[event]]) (listener as (...values: Parameters<LineChannelEvents[E]>) => void)(...args)
  }
}

/** A script answering the init sequence (AT, ATE0, AT+CMEE=1) with OK, then delegating. */
export function withInit(rest: Script = () => undefined): Script {
  return (command) => {
    if (command === 'AT' || command === 'ATE0' || command === 'AT+CMEE=1') return v1('OK')
    return rest(command)
  }
}
