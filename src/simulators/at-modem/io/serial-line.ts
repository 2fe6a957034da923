// The modem's side of the serial line, byte by byte, the way firmware behaves on a tty (ITU-T V.250 §5):
// echo what arrives (E1), assemble a command line up to S3 (CR; a following LF is swallowed), honour
// backspace (S5), ignore noise without "AT", repeat on "A/", run the line, then frame the reply —
// V1 "\r\n<info>\r\n…\r\n<result>\r\n", V0 "<info>\r\n…<code>\r". SMS text after "> " ends with Ctrl-Z,
// ESC cancels (27.005 §3.5.1). Unsolicited output only goes out at line boundaries: held while the host
// is typing, during the prompt and during a reply — except in a storm, when it lands between reply lines.
// A frame is always written with one write(), so no line is ever split.
import { EventEmitter } from 'node:events'
import type { Duplex } from 'node:stream'
import type { LineOutcome } from '../core/modem-core'
import type { InfoLines, PromptSpec } from '../core/types'
import { renderFinal, type FinalResult } from '../protocol/results'
import type { VolatileSettings } from '../state/modem-state'

export interface LineHost {
  settings(): VolatileSettings
  execute(body: string): Promise<LineOutcome>
  /** Processing time before the reply to `body` (latency model). */
  latencyMs(body: string): number
}

const CTRL_Z = '\x1a'
const ESC = '\x1b'

export class SerialLine extends EventEmitter {
  /** While set, URCs may land between the lines of a reply (a URC storm). */
  interleave = false
  private stream: Duplex | undefined
  private generation = 0
  private inbox = ''
  private pumping = false
  private line = ''
  private lastLine: string | undefined
  private prompt: PromptSpec | undefined
  private promptText = ''
  private busy = false
  private urcQueue: string[] = []
  private silent = false
  private dropMidReply: (() => void) | undefined

  constructor(private readonly host: LineHost) {
    super()
  }

  get attached(): boolean {
    return this.stream !== undefined
  }

  attach(stream: Duplex): void {
    this.detach()
    this.stream = stream
    const generation = this.generation
    stream.on('data', (chunk: Buffer) => {
      if (generation === this.generation) this.onData(chunk)
    })
    stream.on('error', () => undefined)
  }

  /** Forgets the stream and any half-done input/output (power loss). */
  detach(): void {
    this.generation++
    this.stream = undefined
    this.inbox = ''
    this.line = ''
    this.prompt = undefined
    this.promptText = ''
    this.busy = false
    this.pumping = false
    this.urcQueue = []
    this.dropMidReply = undefined
  }

  /** A wedged firmware: input is swallowed, nothing is echoed, answered or reported. */
  setSilent(on: boolean): void {
    this.silent = on
    if (on) {
      this.inbox = ''
      this.line = ''
      this.urcQueue = []
    }
  }

  /** Calls `drop` halfway through the bytes of the next reply, once they have left the modem end. */
  armDropMidReply(drop: () => void): void {
    this.dropMidReply = drop
  }

  /** One unsolicited result, framed per V0/V1. */
  urc(text: string): void {
    if (!this.stream || this.silent) return
    this.queueOrWrite(this.host.settings().verbose ? `\r\n${text}\r\n` : `${text}\r\n`)
  }

  /** Bytes that are not AT traffic (noise), at a line boundary. */
  raw(bytes: string): void {
    if (!this.stream || this.silent) return
    this.queueOrWrite(bytes)
  }

  /** Releases held URCs if the line is at a boundary. */
  flushUrcs(insideReply = false): void {
    if (!this.atLineBoundary(insideReply)) return
    const queued = this.urcQueue
    this.urcQueue = []
    for (const frame of queued) this.write(frame)
  }

  // ---- input ----------------------------------------------------------------------------------------------

  private onData(chunk: Buffer): void {
    this.emit('rx', chunk)
    if (this.silent) return
    this.inbox += chunk.toString('latin1')
    if (!this.pumping) void this.pump()
  }

  private async pump(): Promise<void> {
    this.pumping = true
    const generation = this.generation
    try {
      while (this.inbox.length > 0 && generation === this.generation && !this.silent) {
        if (this.prompt) await this.pumpPrompt()
        else await this.pumpCommand()
      }
    } finally {
      if (generation === this.generation) this.pumping = false
    }
  }

  private async pumpCommand(): Promise<void> {
    const s = this.host.settings()
    const cr = String.fromCharCode(s.sRegisters[3] ?? 13)
    const bs = String.fromCharCode(s.sRegisters[5] ?? 8)
    const end = this.inbox.indexOf(cr)
    let segment = end === -1 ? this.inbox : this.inbox.slice(0, end + 1)
    this.inbox = this.inbox.slice(segment.length)
    // A CR LF terminator: swallow (and echo) the LF with its CR rather than as the start of the next line.
    if (end !== -1 && this.inbox.startsWith('\n')) {
      segment += '\n'
      this.inbox = this.inbox.slice(1)
    }
    if (s.echo) this.write(segment)
    for (const ch of end === -1 ? segment : segment.slice(0, segment.indexOf(cr))) {
      if (ch === bs) this.line = this.line.slice(0, -1)
      else if ((ch >= ' ' && ch <= '~') || ch > '\x7f') this.line += ch
    }
    if (end === -1) {
      // V.250 §5.2.4: "A/" repeats the previous command line at once, without a terminator.
      if (/^A\/$/i.test(this.line)) {
        this.line = ''
        if (this.lastLine !== undefined) await this.runLine(this.lastLine)
      }
      return
    }
    const line = this.line
    this.line = ''
    const at = line.search(/AT/i)
    // Lines without "AT" (noise, a lone terminator) are ignored, as modems do (V.250 §5.2.1).
    if (at === -1) {
      this.flushUrcs()
      return
    }
    const body = line.slice(at + 2)
    this.lastLine = body
    await this.runLine(body)
  }

  private async pumpPrompt(): Promise<void> {
    const ctrlZ = this.inbox.indexOf(CTRL_Z)
    const esc = this.inbox.indexOf(ESC)
    const stop = ctrlZ === -1 ? esc : esc === -1 ? ctrlZ : Math.min(ctrlZ, esc)
    const chunk = stop === -1 ? this.inbox : this.inbox.slice(0, stop)
    const terminator = stop === -1 ? undefined : this.inbox[stop]
    this.inbox = stop === -1 ? '' : this.inbox.slice(stop + 1)
    if (chunk && this.host.settings().echo) this.write(chunk)
    this.promptText += chunk
    if (terminator === undefined) return
    const prompt = this.prompt as PromptSpec
    const text = this.promptText
    this.prompt = undefined
    this.promptText = ''
    this.busy = true
    const generation = this.generation
    if (terminator === ESC) {
      await this.finish({ lines: [], final: { kind: 'OK' } })
      return
    }
    let outcome: LineOutcome
    try {
      outcome = { lines: await prompt.submit(text), final: { kind: 'OK' } }
    } catch (error) {
      outcome = { lines: [], final: resultOf(error) }
    }
    await sleep(this.host.latencyMs(''))
    if (generation !== this.generation) return
    await this.finish(outcome)
  }

  private async runLine(body: string): Promise<void> {
    this.busy = true
    const generation = this.generation
    this.emit('command', body)
    await sleep(this.host.latencyMs(body))
    if (generation !== this.generation) return
    let outcome: LineOutcome
    try {
      outcome = await this.host.execute(body)
    } catch (error) {
      outcome = { lines: [], final: resultOf(error) }
    }
    if (generation !== this.generation) return
    await this.finish(outcome)
  }

  // ---- output ---------------------------------------------------------------------------------------------

  /** Writes a reply (or the SMS prompt) and releases held URCs. */
  private async finish(outcome: LineOutcome): Promise<void> {
    if ('prompt' in outcome) {
      await this.writeReply(outcome.lines, undefined)
      // "<CR><LF>> " and no line end; URCs wait for the text (27.005 §3.5.1).
      this.write('\r\n> ')
      this.prompt = outcome.prompt
      this.promptText = ''
      this.busy = false
      return
    }
    await this.writeReply(outcome.lines, outcome.final)
    this.busy = false
    this.flushUrcs()
  }

  private async writeReply(lines: InfoLines, final: FinalResult | undefined): Promise<void> {
    const s = this.host.settings()
    const frames = lines.map((line, i) => (s.verbose ? `${i === 0 ? '\r\n' : ''}${line}\r\n` : `${line}\r\n`))
    if (final && !s.quiet) {
      frames.push(s.verbose ? `\r\n${renderFinal(final, s.cmee, true)}\r\n` : `${renderFinal(final, s.cmee, false)}\r`)
    }
    const generation = this.generation
    for (const frame of frames) {
      if (generation !== this.generation) return
      if (this.dropMidReply) {
        const drop = this.dropMidReply
        this.dropMidReply = undefined
        this.write(frame.slice(0, Math.max(1, Math.floor(frame.length / 2))))
        await this.drain()
        drop()
        return
      }
      this.write(frame)
      if (this.interleave) {
        // Give the storm a chance to land between the lines of this reply.
        await new Promise((resolve) => setImmediate(resolve))
        this.flushUrcs(true)
      }
    }
  }

  private queueOrWrite(frame: string): void {
    if (this.atLineBoundary(false)) this.write(frame)
    else this.urcQueue.push(frame)
  }

  private atLineBoundary(insideReply: boolean): boolean {
    if (this.prompt) return false
    if (this.host.settings().echo && this.line.length > 0) return false
    if (this.busy && !insideReply && !this.interleave) return false
    return true
  }

  private write(text: string): void {
    if (!this.stream || this.silent || text.length === 0) return
    const data = Buffer.from(text, 'latin1')
    this.emit('tx', data)
    this.stream.write(data)
  }

  /** Waits until written bytes have left the modem end (and crossed a PTY relay). */
  private async drain(): Promise<void> {
    const stream = this.stream as (Duplex & { drain?: (cb: () => void) => void }) | undefined
    if (stream?.drain) await new Promise<void>((resolve) => stream.drain?.(() => resolve()))
    await sleep(25)
  }
}

function resultOf(error: unknown): FinalResult {
  if (error && typeof error === 'object' && 'result' in error) return (error as { result: FinalResult }).result
  // A handler bug must not wedge the port: report it the way firmware reports internal failures.
  return { kind: 'CME', code: 100 }
}

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))
}
