// USSD over AT (27.007 §7.15, device-protocols.md §4.4): AT+CUSD=1,"<str>",15 answers OK at once and the
// network's reply arrives later as a +CUSD URC — sometimes even before the OK, so we listen before sending.
// <m> 1 keeps the session open for an answer (sent the same way), 0/2 end it, 4 "not supported", 5 "network
// time out". AT+CUSD=2 cancels. The dialect encodes the request (Huawei: packed GSM 7-bit hex) and says how
// to read the reply. One exchange at a time: the network allows one USSD dialogue per line anyway.
//
// Firmware that sends the reply as text puts a menu's line breaks inside the quotes ('+CUSD: 1,"Menu<CR><LF>1
// Balance<CR><LF>…",15'). The engine splits lines at every CR/LF and hands over only the first one as the URC;
// the rest reach its transcript as lines nobody claimed. So while a +CUSD's quote is still open, those lines
// are taken from the transcript and joined back (until the engine learns quoted multi-line URCs itself).
import { ContractError } from '../../../contract/errors'
import { AtCommandError, parseCusd, type AtUrc, type TranscriptEntry, type UssdReply as AtUssdReply } from '../../at'
import type { UssdOperations } from '../../driver'
import type { UssdReply } from '../../model'
import type { AtSession } from './session'

/** GSM 03.90: a USSD string is at most 182 characters. */
export const USSD_MAX_LENGTH = 182

export interface UssdTiming {
  /** How long the network may take to answer one request. */
  replyTimeoutMs: number
}

export const DEFAULT_USSD_TIMING: UssdTiming = { replyTimeoutMs: 30_000 }

/** Stands for a line break inside a reassembled +CUSD line while it is parsed (the parsers split at CR/LF). */
const LINE_BREAK = '\uE000'
/** The rest of a multi-line +CUSD follows at once; after this long the reply is taken as it is. */
const CONTINUATION_WINDOW_MS = 1_000

function openQuote(text: string): boolean {
  return (text.match(/"/g)?.length ?? 0) % 2 === 1
}

export class UssdChannel {
  private pending: { resolve: (urc: AtUrc) => void } | undefined
  private open = false
  private collecting: { urc: AtUrc; lines: string[]; timer: ReturnType<typeof setTimeout> } | undefined

  constructor(
    private readonly session: () => AtSession,
    private readonly timing: UssdTiming
  ) {}

  /** Feed every URC of the port here. */
  handleUrc(urc: AtUrc): void {
    if (urc.name !== '+CUSD') return
    if (openQuote(urc.line)) {
      this.finishCollecting()
      const timer = setTimeout(() => this.finishCollecting(), CONTINUATION_WINDOW_MS)
      this.collecting = { urc, lines: [urc.line], timer }
      return
    }
    this.deliver(urc)
  }

  /** Feed every transcript entry of the port here (the continuation lines of a multi-line +CUSD). */
  handleTranscript(entry: TranscriptEntry): void {
    const collecting = this.collecting
    if (!collecting || entry.direction !== 'in' || entry.kind !== 'dropped') return
    collecting.lines.push(entry.text)
    if (!openQuote(collecting.lines.join(''))) this.finishCollecting()
  }

  private finishCollecting(): void {
    const collecting = this.collecting
    if (!collecting) return
    this.collecting = undefined
    clearTimeout(collecting.timer)
    let line = collecting.lines.join(LINE_BREAK)
    if (openQuote(line)) line += '"'
    this.deliver({ ...collecting.urc, line })
  }

  private deliver(urc: AtUrc): void {
    if (this.pending) {
      this.pending.resolve(urc)
      return
    }
    // The network ended a dialogue we were not waiting on (user walked away from a menu, timeout).
    const parsed = parseCusd([urc.line])
    if (parsed.ok && !parsed.value.sessionOpen) this.open = false
  }

  /** Whether the network is waiting for an answer to a menu. */
  get sessionOpen(): boolean {
    return this.open
  }

  get busy(): boolean {
    return this.pending !== undefined
  }

  /** The port was lost or reopened: no dialogue survives that. */
  reset(): void {
    this.open = false
    if (this.collecting) clearTimeout(this.collecting.timer)
    this.collecting = undefined
  }

  async send(code: string, signal?: AbortSignal): Promise<UssdReply> {
    const text = code.trim()
    if (text === '') throw badInput('Enter a USSD code such as *100#.', 'empty')
    if (text.length > USSD_MAX_LENGTH) throw badInput(`USSD codes are at most ${USSD_MAX_LENGTH} characters.`, 'too-long')
    if (!/^\+?[0-9*#]+$/.test(text)) throw badInput(`"${text}" is not a USSD code: use digits, * and # (for example *100#).`, 'not-a-code')
    return this.exchange(text, signal)
  }

  async respond(answer: string, signal?: AbortSignal): Promise<UssdReply> {
    const text = answer.trim()
    if (text === '') throw badInput('Enter the menu choice to send.', 'empty')
    if (text.length > USSD_MAX_LENGTH) throw badInput(`USSD answers are at most ${USSD_MAX_LENGTH} characters.`, 'too-long')
    if (!this.open) throw new ContractError('BAD_INPUT', 'No USSD menu is open; send a code first.', { reason: 'no-session' })
    return this.exchange(text, signal)
  }

  /**
   * AT+CUSD=2. Never throws: with no dialogue open some firmware answer ERROR, and a port that is gone has
   * no dialogue left to end.
   */
  async cancel(signal?: AbortSignal): Promise<void> {
    this.open = false
    try {
      await this.session().command('AT+CUSD=2', { signal, timeoutMs: 5_000 })
    } catch {
      // nothing to cancel
    }
  }

  private async exchange(text: string, signal?: AbortSignal): Promise<UssdReply> {
    if (this.pending) throw new ContractError('BUSY', 'A USSD request is already waiting for the network. Wait for its answer or cancel it.')
    const session = this.session()
    const encoded = session.dialect.ussd.encode(text, session.charset)
    if (encoded === null) throw badInput(`"${text}" cannot be sent in this modem's character set.`, 'charset')

    let resolveUrc: (urc: AtUrc) => void = () => undefined
    const reply = new Promise<AtUrc>((resolve) => (resolveUrc = resolve))
    this.pending = { resolve: resolveUrc }
    let timer: ReturnType<typeof setTimeout> | undefined
    let onAbort: (() => void) | undefined
    try {
      try {
        await session.command(`AT+CUSD=1,"${encoded}",15`, { signal })
      } catch (error) {
        throw sendError(error)
      }
      const urc = await new Promise<AtUrc>((resolve, reject) => {
        timer = setTimeout(
          () => reject(new ContractError('TIMEOUT', `The network did not answer the USSD request within ${Math.round(this.timing.replyTimeoutMs / 1000)} s. Check the code and the signal, then try again.`)),
          this.timing.replyTimeoutMs
        )
        onAbort = () => reject(new ContractError('CANCELLED', 'The USSD request was cancelled.'))
        signal?.addEventListener('abort', onAbort, { once: true })
        reply.then(resolve, reject)
      })
      return this.interpret(urc)
    } catch (error) {
      // Whatever went wrong, do not leave the network (or the modem) holding a half-open dialogue.
      if (error instanceof ContractError && (error.code === 'TIMEOUT' || error.code === 'CANCELLED')) await this.cancel()
      throw error
    } finally {
      if (timer) clearTimeout(timer)
      if (onAbort) signal?.removeEventListener('abort', onAbort)
      this.pending = undefined
    }
  }

  private interpret(urc: AtUrc): UssdReply {
    const session = this.session()
    const parsed = parseCusd([urc.line], session.dialect.ussd.decodeOptions(session.charset))
    if (!parsed.ok) {
      this.open = false
      throw new ContractError('PROTOCOL', `The modem sent a USSD reply we could not read (${urc.line.slice(0, 80)}).`)
    }
    const value: AtUssdReply = parsed.value
    this.open = value.sessionOpen
    switch (value.status) {
      case 0:
      case 1:
      case 2:
        return { text: displayText(value.text ?? ''), sessionOpen: value.sessionOpen }
      case 3:
        throw new ContractError('BUSY', 'Another program on this computer answered the USSD dialogue (27.007 “other local client has responded”).')
      case 4:
        throw new ContractError('UNSUPPORTED', 'The network does not support this USSD code (or USSD at all: Japanese carriers have none).', { ussdStatus: 4 })
      case 5:
        throw new ContractError('TIMEOUT', 'The network gave up on the USSD request (network time-out). Try again.', { ussdStatus: 5 })
      default:
        throw new ContractError('PROTOCOL', `The network ended the USSD request with status ${value.status}.`, { ussdStatus: value.status })
    }
  }
}

/** The operation group; a +CUSD command may run between the commands of a reading, so no lock is taken. */
export function createUssdOperations(channel: UssdChannel): UssdOperations {
  return {
    send: (code, signal) => channel.send(code, signal),
    respond: (answer, signal) => channel.respond(answer, signal),
    cancel: (signal) => channel.cancel(signal)
  }
}

/** Line breaks as "\n"; a trailing break (the CR pad of packed GSM 7-bit, 23.038 §6.1.2.3.1) is not text. */
function displayText(text: string): string {
  return text.split(LINE_BREAK).join('\n').replace(/\r\n?/g, '\n').replace(/\n+$/, '')
}

function badInput(message: string, reason: string): ContractError {
  return new ContractError('BAD_INPUT', message, { reason })
}

function sendError(error: unknown): unknown {
  if (!(error instanceof AtCommandError) || error.kind !== 'cme') return error
  if (error.atCode === 30 || error.atCode === 31) {
    return new ContractError('UNSUPPORTED', 'The modem has no network service, so USSD cannot be sent. Wait until it is registered.', { atCode: error.atCode })
  }
  if (error.atCode === 3) {
    return new ContractError('BUSY', 'The modem refused the USSD request right now (operation not allowed): another USSD dialogue may still be open. Cancel it and try again.', { atCode: 3 })
  }
  return error
}
