// The AT engine: owns one line channel (one owner per port), sends one command at a time, waits for its final
// result code with a per-command timeout, hands unsolicited result codes to subscribers even when they arrive
// in the middle of a reply, answers the SMS "> " prompt, and recovers from noise and timeouts without giving a
// late reply to the wrong caller. It retries nothing on its own.
//
// How a line is classified while a command is outstanding (device-protocols.md §4.1):
//   echo of the command → dropped · final result code → ends the command · line with the command's expected
//   prefix (AT+CREG? expects "+CREG:") → information line · known URC or other prefixed line → subscribers ·
//   bare line → information line only if the command answers bare text (AT+CGMI) or follows its prefix (the
//   PDU after +CMGL:) · anything else → dropped.
// After a timeout the modem may still answer the timed-out command, so before the next command the engine
// resynchronises: it sends a bare AT, swallows every final result that arrives, and proceeds only after the
// line has been quiet for a moment. Modems execute commands in order, so the late reply always comes before
// the OK of our AT (or the AT aborts the old command, 27.007 §5.6.1 — then only one final arrives).
import { ContractError } from '../../contract/errors'
import type { ChannelCloseInfo, LineChannel } from '../transports/serial-line-channel'
import { DEFAULT_TIMEOUTS, DEFAULT_TIMEOUT_MS, describeCommand, redactCommand, type CommandSpec, type TimeoutRule } from './command-spec'
import { AtCommandError } from './errors'
import { parseFinalResult, type FinalResult } from './result-codes'
import { Transcript, type TranscriptDirection, type TranscriptEntry, type TranscriptKind } from './transcript'
import { hasResponsePrefix, isKnownUrc, isTwoLineUrc, lineName, type AtUrc } from './urc'

export type { AtUrc } from './urc'
export type { TranscriptEntry } from './transcript'

export type AtEngineState = 'closed' | 'opening' | 'open' | 'gone'

export interface AtEngineOptions {
  /** Timeout for commands without an entry in the table. Default 3000 ms. */
  defaultTimeoutMs?: number
  /** Extra timeout rules; they win over DEFAULT_TIMEOUTS. */
  timeouts?: readonly TimeoutRule[]
  /** Sent after every open. Default ATE0 (echo off), AT+CMEE=1 (numeric +CME errors). */
  initCommands?: readonly string[]
  /** How long a resynchronising AT may take before the port counts as unresponsive. Default 2000 ms. */
  syncTimeoutMs?: number
  /** Quiet time after the last final result before a resync counts as done. Default 200 ms. */
  syncQuietMs?: number
  /** Transcript entries kept in memory. Default 1000. */
  transcriptLimit?: number
  /** Clock for timestamps (tests). Default Date.now. */
  now?: () => number
}

export interface AtCommandOptions {
  /** Overrides the table timeout for this command. */
  timeoutMs?: number
  /**
   * Which information lines belong to the command: a list of prefixes (replacing the derived one, e.g. for a
   * compound "ATE0+CPMS?"), or 'any' to keep every line that is not a final result or a known URC (AT console).
   */
  expect?: readonly string[] | 'any'
  /**
   * Text to send after the "> " prompt (27.005 §3.5.1: the PDU for AT+CMGS), followed by Ctrl-Z. null (or no
   * value when a prompt arrives anyway) cancels the prompt with ESC.
   */
  prompt?: string | null
  /** Cancels a queued command; an outstanding one is abandoned like a timeout (the port is resynchronised). */
  signal?: AbortSignal
}

export interface AtResponse {
  /** The command as sent, secrets masked. */
  command: string
  /** Information lines, in order, without echo, URCs or the final result. */
  lines: string[]
  /** The final result line ("OK", or "CONNECT 150000000" after a dial). */
  final: string
  /** Set when the command raised the SMS prompt: whether we sent the payload or cancelled with ESC. */
  prompt?: 'sent' | 'cancelled'
  elapsedMs: number
}

interface Job {
  text: string
  logText: string
  spec: CommandSpec
  prefixes: readonly string[]
  expectAny: boolean
  timeoutMs: number
  prompt: string | null | undefined
  promptState: 'none' | 'sent' | 'cancelled'
  lines: string[]
  sawExpected: boolean
  startedAt: number
  timer: ReturnType<typeof setTimeout> | undefined
  signal: AbortSignal | undefined
  onAbort: (() => void) | undefined
  resolve: (response: AtResponse) => void
  reject: (error: unknown) => void
}

interface SyncState {
  finals: number
  quiet: ReturnType<typeof setTimeout> | undefined
  deadline: ReturnType<typeof setTimeout>
}

interface PendingTwoLine {
  urc: AtUrc
  timer: ReturnType<typeof setTimeout>
}

const CTRL_Z = '\x1a'
const ESC = '\x1b'
/** A two-line URC's second line follows at once; after this long the header is delivered alone. */
const TWO_LINE_WINDOW_MS = 1_000
const MAX_COMMAND_LENGTH = 2_048
const DEFAULT_INIT = ['ATE0', 'AT+CMEE=1'] as const

export class AtEngine {
  readonly path: string
  private readonly channel: LineChannel
  private readonly rules: readonly TimeoutRule[]
  private readonly defaultTimeoutMs: number
  private readonly initCommands: readonly string[]
  private readonly syncTimeoutMs: number
  private readonly syncQuietMs: number
  private readonly now: () => number
  private readonly log: Transcript
  private readonly urcListeners = new Set<(urc: AtUrc) => void>()
  private readonly closeListeners = new Set<(error: ContractError) => void>()
  private currentState: AtEngineState = 'closed'
  private opening: Promise<void> | undefined
  private queue: Job[] = []
  private active: Job | undefined
  private sync: SyncState | undefined
  private needsSync = false
  private twoLine: PendingTwoLine | undefined

  constructor(channel: LineChannel, options: AtEngineOptions = {}) {
    this.channel = channel
    this.path = channel.path
    this.rules = [...(options.timeouts ?? []), ...DEFAULT_TIMEOUTS]
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS
    this.initCommands = options.initCommands ?? DEFAULT_INIT
    this.syncTimeoutMs = options.syncTimeoutMs ?? 2_000
    this.syncQuietMs = options.syncQuietMs ?? 200
    this.now = options.now ?? Date.now
    this.log = new Transcript(options.transcriptLimit ?? 1_000)
    channel.on('line', (line) => this.handleLine(line))
    channel.on('prompt', () => this.handlePrompt())
    channel.on('close', (info) => this.handleChannelClose(info))
    channel.on('error', (error) => this.note('error', error.message))
  }

  get state(): AtEngineState {
    return this.currentState
  }

  /** Recent transcript entries, oldest first. */
  get transcript(): TranscriptEntry[] {
    return this.log.snapshot()
  }

  /** Every line in and out as it happens (for the AT console). Returns an unsubscribe function. */
  onTranscript(listener: (entry: TranscriptEntry) => void): () => void {
    return this.log.subscribe(listener)
  }

  /** Unsolicited result codes. Handlers run synchronously; an exception in one is noted and ignored. */
  onUrc(listener: (urc: AtUrc) => void): () => void {
    this.urcListeners.add(listener)
    return () => {
      this.urcListeners.delete(listener)
    }
  }

  /** Called once when the port is lost (unplug); every waiting caller already got DEVICE_GONE. */
  onClose(listener: (error: ContractError) => void): () => void {
    this.closeListeners.add(listener)
    return () => {
      this.closeListeners.delete(listener)
    }
  }

  /** Open the port and run the init sequence. Rejects with the channel's error, or TIMEOUT when nothing answers AT. */
  open(): Promise<void> {
    if (this.currentState === 'open') return Promise.resolve()
    if (!this.opening) {
      this.opening = this.openAndInit(() => this.channel.open()).finally(() => {
        this.opening = undefined
      })
    }
    return this.opening
  }

  /**
   * Tear the port down completely, wait, open it again and re-run the init sequence (after an unplug, or to
   * reset a confused modem). Commands still waiting get DEVICE_GONE.
   */
  reopen(): Promise<void> {
    this.failAll(new ContractError('DEVICE_GONE', `The AT port ${this.path} was reopened before the command finished.`, { path: this.path }))
    const run = this.openAndInit(() => this.channel.reopen()).finally(() => {
      if (this.opening === run) this.opening = undefined
    })
    this.opening = run
    return run
  }

  /** Release the port. Waiting commands get DEVICE_GONE. Never throws. */
  async close(): Promise<void> {
    this.currentState = 'closed'
    this.failAll(new ContractError('DEVICE_GONE', `The AT port ${this.path} was closed.`, { path: this.path }))
    this.note('closed', 'closed by the host')
    try {
      await this.channel.close()
    } catch {
      // close never throws
    }
  }

  /**
   * Send one command ("AT+CSQ") and resolve with its information lines, or reject with AtCommandError (ERROR,
   * +CME/+CMS ERROR), ContractError TIMEOUT, DEVICE_GONE or BAD_INPUT. Commands run strictly one at a time.
   */
  command(text: string, options: AtCommandOptions = {}): Promise<AtResponse> {
    return this.enqueue(text, options, false)
  }

  // ---------------------------------------------------------------------------------------------------------
  // Queue

  private enqueue(text: string, options: AtCommandOptions, atFront: boolean, frontIndex = 0): Promise<AtResponse> {
    const invalid = validateCommand(text, options)
    if (invalid) return Promise.reject(invalid)
    if (this.currentState === 'closed' || this.currentState === 'gone') {
      return Promise.reject(
        new ContractError('DEVICE_GONE', `The AT port ${this.path} is ${this.currentState === 'gone' ? 'gone' : 'not open'}.`, {
          path: this.path,
          command: redactCommand(text)
        })
      )
    }
    if (options.signal?.aborted) return Promise.reject(abortReason(options.signal))

    const spec = describeCommand(text, this.rules, this.defaultTimeoutMs)
    return new Promise<AtResponse>((resolve, reject) => {
      const job: Job = {
        text,
        logText: redactCommand(text),
        spec,
        prefixes: Array.isArray(options.expect) ? options.expect : spec.prefixes,
        expectAny: options.expect === 'any' || (options.expect === undefined && spec.bare === 'any'),
        timeoutMs: options.timeoutMs ?? spec.timeoutMs,
        prompt: options.prompt,
        promptState: 'none',
        lines: [],
        sawExpected: false,
        startedAt: 0,
        timer: undefined,
        signal: options.signal,
        onAbort: undefined,
        resolve,
        reject
      }
      if (options.signal) {
        const signal = options.signal
        job.onAbort = () => this.abort(job, abortReason(signal))
        signal.addEventListener('abort', job.onAbort, { once: true })
      }
      if (atFront) this.queue.splice(frontIndex, 0, job)
      else this.queue.push(job)
      this.pump()
    })
  }

  private pump(): void {
    if (this.currentState !== 'open' || this.active || this.sync) return
    if (this.queue.length === 0) return
    if (this.needsSync) {
      this.startSync()
      return
    }
    const job = this.queue.shift()
    if (job) this.send(job)
  }

  private send(job: Job): void {
    this.active = job
    job.startedAt = this.now()
    this.record('out', 'command', job.logText)
    job.timer = setTimeout(() => this.timeout(job), job.timeoutMs)
    this.channel.write(`${job.text}\r`).catch((error: unknown) => this.writeFailed(error))
  }

  private settle(job: Job): void {
    if (job.timer) clearTimeout(job.timer)
    job.timer = undefined
    if (job.signal && job.onAbort) job.signal.removeEventListener('abort', job.onAbort)
    job.onAbort = undefined
    if (this.active === job) this.active = undefined
    const index = this.queue.indexOf(job)
    if (index >= 0) this.queue.splice(index, 1)
  }

  private complete(job: Job, final: FinalResult): void {
    this.settle(job)
    if (final.kind === 'ok' || final.kind === 'connect') {
      const response: AtResponse = { command: job.logText, lines: job.lines, final: final.line, elapsedMs: this.now() - job.startedAt }
      if (job.promptState !== 'none') response.prompt = job.promptState
      job.resolve(response)
    } else {
      job.reject(new AtCommandError(job.logText, final))
    }
    this.pump()
  }

  private timeout(job: Job): void {
    if (this.active !== job) return
    this.settle(job)
    this.needsSync = true
    this.note('timeout', `${job.logText}: no final result within ${job.timeoutMs} ms`)
    job.reject(
      new ContractError('TIMEOUT', `The modem on ${this.path} did not answer ${job.logText} within ${job.timeoutMs / 1000} s.`, {
        path: this.path,
        command: job.logText,
        timeoutMs: job.timeoutMs
      })
    )
    this.pump()
  }

  private abort(job: Job, reason: unknown): void {
    const wasActive = this.active === job
    if (!wasActive && !this.queue.includes(job)) return
    this.settle(job)
    if (wasActive) {
      // The modem may still answer; make sure that answer never reaches the next command.
      this.needsSync = true
      this.note('dropped', `${job.logText}: abandoned by the caller`)
    }
    job.reject(reason)
    this.pump()
  }

  private failAll(error: ContractError): void {
    this.clearSync()
    this.flushTwoLine()
    const jobs = [...(this.active ? [this.active] : []), ...this.queue]
    this.active = undefined
    this.queue = []
    for (const job of jobs) {
      this.settle(job)
      job.reject(error)
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Open, init, loss

  private async openAndInit(openChannel: () => Promise<void>): Promise<void> {
    this.currentState = 'opening'
    try {
      await openChannel()
    } catch (error) {
      this.currentState = 'closed'
      throw error
    }
    if (this.currentState !== 'opening') {
      // close() was called while the port was opening.
      await this.channel.close().catch(() => undefined)
      throw new ContractError('DEVICE_GONE', `The AT port ${this.path} was closed while it was opening.`, { path: this.path })
    }
    this.currentState = 'open'
    // Whatever the previous owner left half-said is not ours.
    this.needsSync = true
    // Init commands go first, ahead of anything callers queued while the port was opening.
    const inits = this.initCommands.map((text, index) => this.enqueue(text, {}, true, index))
    for (const [index, pending] of inits.entries()) {
      try {
        await pending
      } catch (error) {
        if (error instanceof AtCommandError) {
          // A modem without AT+CMEE still works; we just get plain ERROR.
          this.note('error', `init ${error.command} failed: ${error.atName}`)
          continue
        }
        for (const rest of inits.slice(index + 1)) rest.catch(() => undefined)
        if (error instanceof ContractError && error.code === 'TIMEOUT') {
          const hint = new ContractError(
            'TIMEOUT',
            `Nothing on ${this.path} answers AT commands. It may be the modem's diagnostic, GPS or data port rather than its AT port (device-protocols.md §4.8); try the modem's other ports.`,
            { path: this.path, reason: 'no-at-answer' }
          )
          this.failAll(hint)
          this.currentState = 'closed'
          await this.channel.close().catch(() => undefined)
          throw hint
        }
        throw error
      }
    }
  }

  private handleChannelClose(info: ChannelCloseInfo): void {
    if (this.currentState === 'closed' || this.currentState === 'gone') return
    this.currentState = 'gone'
    const reason = info.reason ? ` (${info.reason})` : ''
    const error = new ContractError('DEVICE_GONE', `The modem on ${this.path} was unplugged or its port closed${reason}.`, {
      path: this.path,
      disconnected: info.disconnected
    })
    this.note('closed', `port lost${reason}`)
    this.failAll(error)
    for (const listener of [...this.closeListeners]) {
      try {
        listener(error)
      } catch {
        // ignore subscriber bugs
      }
    }
  }

  private writeFailed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    this.note('error', `write failed: ${message}`)
    // A failed write means the port is gone even if serialport has not said so yet.
    this.handleChannelClose({ disconnected: true, reason: message })
  }

  // ---------------------------------------------------------------------------------------------------------
  // Resynchronisation

  private startSync(): void {
    const deadline = setTimeout(() => this.syncExpired(), this.syncTimeoutMs)
    this.sync = { finals: 0, quiet: undefined, deadline }
    this.record('out', 'sync', 'AT')
    this.channel.write('AT\r').catch((error: unknown) => this.writeFailed(error))
  }

  private syncLine(line: string): void {
    const sync = this.sync
    if (!sync) return
    if (line.toUpperCase() === 'AT') {
      this.record('in', 'echo', line)
      return
    }
    const name = lineName(line)
    if (isKnownUrc(name) && name !== 'NO CARRIER') {
      this.unsolicited(line, name ?? line, true)
      return
    }
    if (parseFinalResult(line, { callControl: true }) ?? salvageFinal(line)) {
      sync.finals++
      this.record('in', 'sync', line)
      if (sync.quiet) clearTimeout(sync.quiet)
      sync.quiet = setTimeout(() => this.syncDone(), this.syncQuietMs)
      return
    }
    this.record('in', 'dropped', line)
  }

  private syncDone(): void {
    this.clearSync()
    this.needsSync = false
    this.pump()
  }

  private syncExpired(): void {
    const sync = this.sync
    if (!sync) return
    if (sync.finals > 0) {
      this.syncDone()
      return
    }
    this.clearSync()
    this.note('timeout', `no answer to AT within ${this.syncTimeoutMs} ms`)
    const job = this.queue[0]
    if (job) {
      this.settle(job)
      job.reject(
        new ContractError('TIMEOUT', `The modem on ${this.path} stopped answering (no reply to AT within ${this.syncTimeoutMs / 1000} s).`, {
          path: this.path,
          command: job.logText,
          timeoutMs: this.syncTimeoutMs
        })
      )
    }
    this.pump()
  }

  private clearSync(): void {
    if (!this.sync) return
    clearTimeout(this.sync.deadline)
    if (this.sync.quiet) clearTimeout(this.sync.quiet)
    this.sync = undefined
  }

  // ---------------------------------------------------------------------------------------------------------
  // Incoming lines

  private handleLine(line: string): void {
    const pending = this.twoLine
    if (pending) {
      this.twoLine = undefined
      clearTimeout(pending.timer)
      const isFinal = parseFinalResult(line, { callControl: this.active?.spec.callControl ?? false }) !== null
      if (!isFinal && this.now() - pending.urc.at <= TWO_LINE_WINDOW_MS) {
        pending.urc.body = line
        this.record('in', 'urc', line)
        this.emitUrc(pending.urc)
        return
      }
      this.emitUrc(pending.urc)
    }
    if (this.sync) {
      this.syncLine(line)
      return
    }
    const job = this.active
    if (job) this.jobLine(job, line)
    else this.idleLine(line)
  }

  private jobLine(job: Job, line: string): void {
    if (isEcho(job, line)) {
      this.record('in', 'echo', line)
      return
    }
    if (line === '>' && job.promptState === 'none') {
      // Some firmware terminates the prompt with CR LF; the splitter then hands it over as a line.
      this.handlePrompt()
      return
    }
    const final = parseFinalResult(line, { callControl: job.spec.callControl }) ?? salvageFinal(line)
    if (final) {
      this.record('in', 'final', line)
      this.complete(job, final)
      return
    }
    const expected = matchExpected(job.prefixes, line)
    if (expected !== undefined) {
      job.lines.push(expected)
      job.sawExpected = true
      this.record('in', 'info', line)
      return
    }
    const name = lineName(line)
    if (isKnownUrc(name)) {
      this.unsolicited(line, name ?? line, true)
      return
    }
    if (hasResponsePrefix(line)) {
      if (job.expectAny) this.keep(job, line)
      else this.unsolicited(line, name ?? line, false)
      return
    }
    if (job.expectAny) {
      this.keep(job, line)
      return
    }
    // Noise that happens to decode as text ("ה" from a burst of high bytes) has no ASCII letter or digit;
    // every bare answer we expect (identity strings, PDUs, ATI lines) has.
    const fits = job.spec.bare === 'allow' || (job.spec.bare === 'after-prefix' && job.sawExpected)
    if (fits && /[A-Za-z0-9]/.test(line)) {
      this.keep(job, line)
      return
    }
    this.record('in', 'dropped', line)
  }

  private keep(job: Job, line: string): void {
    job.lines.push(line)
    this.record('in', 'info', line)
  }

  private idleLine(line: string): void {
    const name = lineName(line)
    if (isKnownUrc(name)) {
      this.unsolicited(line, name ?? line, true)
      return
    }
    // Prefixed lines nobody asked for are URCs we do not know — unless a timed-out command may still be
    // answering, in which case they are its late reply and belong to nobody.
    if (hasResponsePrefix(line) && !this.needsSync) {
      this.unsolicited(line, name ?? line, false)
      return
    }
    this.record('in', 'dropped', line)
  }

  private unsolicited(line: string, name: string, known: boolean): void {
    this.record('in', 'urc', line)
    const urc: AtUrc = { name, line, known, at: this.now() }
    if (known && isTwoLineUrc(name, line)) {
      this.flushTwoLine()
      const timer = setTimeout(() => this.flushTwoLine(), TWO_LINE_WINDOW_MS)
      this.twoLine = { urc, timer }
      return
    }
    this.emitUrc(urc)
  }

  private flushTwoLine(): void {
    const pending = this.twoLine
    if (!pending) return
    this.twoLine = undefined
    clearTimeout(pending.timer)
    this.emitUrc(pending.urc)
  }

  private emitUrc(urc: AtUrc): void {
    for (const listener of [...this.urcListeners]) {
      try {
        listener(urc)
      } catch (error) {
        this.note('error', `URC handler failed on ${urc.name}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }

  private handlePrompt(): void {
    const job = this.active
    if (!job || this.sync) {
      // A late prompt (its command timed out): the modem now takes everything as message text until Ctrl-Z
      // or ESC, which would swallow our next commands. Cancel it.
      this.record('in', 'dropped', '> ')
      this.record('out', 'payload', 'ESC (stray prompt cancelled)')
      this.channel.write(ESC).catch((error: unknown) => this.writeFailed(error))
      return
    }
    if (job.promptState !== 'none') {
      this.record('in', 'dropped', '> ')
      return
    }
    this.record('in', 'prompt', '> ')
    if (typeof job.prompt === 'string') {
      job.promptState = 'sent'
      // The payload is message content; the transcript keeps its size, not the text.
      this.record('out', 'payload', `<${job.prompt.length} characters> + Ctrl-Z`)
      this.channel.write(`${job.prompt}${CTRL_Z}`).catch((error: unknown) => this.writeFailed(error))
    } else {
      job.promptState = 'cancelled'
      this.record('out', 'payload', 'ESC (prompt cancelled)')
      this.channel.write(ESC).catch((error: unknown) => this.writeFailed(error))
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Transcript

  private record(direction: TranscriptDirection, kind: TranscriptKind, text: string): void {
    this.log.add({ at: this.now(), direction, kind, text })
  }

  private note(kind: TranscriptKind, text: string): void {
    this.record('note', kind, text)
  }
}

function validateCommand(text: unknown, options: AtCommandOptions): ContractError | undefined {
  if (typeof text !== 'string' || !/^AT/i.test(text)) {
    return new ContractError('BAD_INPUT', 'An AT command must start with "AT".', { command: String(text).slice(0, 80) })
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(text)) {
    return new ContractError('BAD_INPUT', 'An AT command must be one line without control characters; the engine adds the CR.', {
      command: redactCommand(text.replace(/[\r\n]/g, ' ')).slice(0, 80)
    })
  }
  if (text.length > MAX_COMMAND_LENGTH) {
    return new ContractError('BAD_INPUT', `An AT command may be at most ${MAX_COMMAND_LENGTH} characters.`, { length: text.length })
  }
  // eslint-disable-next-line no-control-regex
  if (typeof options.prompt === 'string' && /[\x1a\x1b\r\n]/.test(options.prompt)) {
    return new ContractError('BAD_INPUT', 'The prompt payload must not contain Ctrl-Z, ESC or line breaks; the engine adds Ctrl-Z.')
  }
  return undefined
}

function isEcho(job: Job, line: string): boolean {
  const upper = line.toUpperCase()
  if (upper === job.text.toUpperCase()) return true
  // With echo on, the PDU typed after the prompt comes back too.
  return job.promptState === 'sent' && typeof job.prompt === 'string' && upper === job.prompt.toUpperCase()
}

/** The line if it carries one of the prefixes; also recovers a prefix that noise was glued in front of. */
function matchExpected(prefixes: readonly string[], line: string): string | undefined {
  const upper = line.toUpperCase()
  for (const prefix of prefixes) {
    const wanted = prefix.toUpperCase()
    if (upper.startsWith(wanted)) return line
    const at = upper.indexOf(wanted)
    if (at > 0 && /^[+^$%#*!]/.test(wanted)) return line.slice(at)
  }
  return undefined
}

/** A final result with noise in front of it ("#$OK", "xx+CME ERROR: 10"). */
function salvageFinal(line: string): FinalResult | null {
  const cm = /\+CM[ES] ERROR:.*$/i.exec(line)
  if (cm && cm.index > 0) return parseFinalResult(cm[0], { callControl: false })
  const plain = /^[^A-Za-z0-9]+(OK|ERROR)$/.exec(line)
  if (plain) return parseFinalResult(plain[1] ?? '', { callControl: false })
  return null
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
}
