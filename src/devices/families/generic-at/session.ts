// One open AT port as the operation modules see it: the engine (which already serialises single commands),
// the dialect chosen for this modem, what the modem turned out not to support, and a lock for sequences that
// must not interleave (switching +COPS formats, the phonebook storage, rewriting a PDP context). Commands
// that a cancelled caller abandons surface as CANCELLED, the contract's code for it.
import { ContractError } from '../../../contract/errors'
import type { AtCommandOptions, AtEngine, AtResponse } from '../../at'
import { isUnsupportedCommand } from './errors'
import type { AtDialect, DialectIdentity } from './dialects'

export class AtSession {
  /** +CSCS after open; USSD and operator names depend on it. */
  charset = 'IRA'
  /** Commands the modem answered with ERROR / +CME ERROR: 4; never sent again on this port. */
  readonly unsupported = new Set<string>()
  private lock: Promise<unknown> = Promise.resolve()

  constructor(
    readonly engine: AtEngine,
    readonly dialect: AtDialect,
    readonly identity: DialectIdentity
  ) {}

  /** One command; rejects with AtCommandError or the engine's ContractError (TIMEOUT, DEVICE_GONE, CANCELLED). */
  async command(text: string, options: AtCommandOptions = {}): Promise<AtResponse> {
    try {
      return await this.engine.command(text, options)
    } catch (error) {
      if (options.signal?.aborted && !(error instanceof ContractError)) {
        throw new ContractError('CANCELLED', 'Cancelled.', { command: text.split('=')[0] })
      }
      throw error
    }
  }

  /**
   * A command the modem may not know: resolves undefined (and remembers it) when the modem answers that it
   * does not support it. Other errors still reject.
   */
  async optional(text: string, options: AtCommandOptions = {}): Promise<AtResponse | undefined> {
    if (this.unsupported.has(text)) return undefined
    try {
      return await this.command(text, options)
    } catch (error) {
      if (isUnsupportedCommand(error)) {
        this.unsupported.add(text)
        return undefined
      }
      throw error
    }
  }

  /** Runs `body` with no other exclusive section interleaving; single commands from elsewhere still may. */
  exclusive<T>(body: () => Promise<T>): Promise<T> {
    const run = this.lock.then(() => body())
    this.lock = run.catch(() => undefined)
    return run
  }
}
