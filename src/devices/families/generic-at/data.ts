// The packet-data session of the modem's data context (27.007 §10.1): attach (+CGATT), activate / deactivate
// (+CGACT), read state and addresses (+CGACT?, +CGPADDR). What the last activation failed with is kept here,
// because 27.007 has no portable "why is data down" query (+CEER is free text) and the UI must say why.
import { ContractError } from '../../../contract/errors'
import { AtCommandError } from '../../at'
import { dataFailureError, dataFailureFrom, NO_ADDRESS_FAILURE, type DataFailure } from './errors'
import { parseCgact, parseCgatt, parseCgpaddr, type PdpAddresses } from './parse'
import type { AtSession } from './session'

export interface DataTiming {
  /** How long a (re)attach may take before activation is attempted anyway. */
  attachTimeoutMs: number
  /** Between +CGATT? polls while waiting for the attach. */
  pollIntervalMs: number
}

export const DEFAULT_DATA_TIMING: DataTiming = { attachTimeoutMs: 30_000, pollIntervalMs: 1_000 }

/** Shared between the reading, the APN operations and the data switch. */
export class DataLink {
  /** Why the last activation we asked for failed; cleared when one succeeds or data is switched off. */
  lastFailure: DataFailure | undefined

  constructor(
    private readonly timing: DataTiming,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  ) {}

  async state(session: AtSession, signal?: AbortSignal): Promise<{ active?: boolean; addresses?: PdpAddresses }> {
    const cid = session.dialect.dataCid
    const reply = await session.optional('AT+CGACT?', { signal })
    if (!reply) return {}
    const states = parseCgact(reply.lines)
    const active = states.ok ? states.value.get(cid) : undefined
    if (active !== true) return active === undefined ? {} : { active }
    return { active, addresses: await this.addresses(session, signal) }
  }

  async addresses(session: AtSession, signal?: AbortSignal): Promise<PdpAddresses | undefined> {
    const cid = session.dialect.dataCid
    const reply = await session.optional(`AT+CGPADDR=${cid}`, { signal })
    if (!reply) return undefined
    const parsed = parseCgpaddr(reply.lines, cid)
    return parsed.ok ? parsed.value : undefined
  }

  /**
   * Bring the data context up. Resolves with the failure (also kept in lastFailure) instead of throwing when
   * the network refuses, so each caller decides whether that is an error: for a user's "data on" it is, for
   * the APN transaction's restore it is the line's state.
   */
  async activate(session: AtSession, signal?: AbortSignal): Promise<DataFailure | undefined> {
    const cid = session.dialect.dataCid
    await this.ensureAttached(session, signal)
    try {
      await session.command(`AT+CGACT=1,${cid}`, { signal })
    } catch (error) {
      if (!(error instanceof AtCommandError)) throw error
      this.lastFailure = dataFailureFrom(error)
      return this.lastFailure
    }
    const addresses = await this.addresses(session, signal)
    if (addresses && !addresses.ipv4 && !addresses.ipv6) {
      this.lastFailure = NO_ADDRESS_FAILURE
      return this.lastFailure
    }
    this.lastFailure = undefined
    return undefined
  }

  /** Like activate, but a refusal is an error the user sees. */
  async activateOrThrow(session: AtSession, signal?: AbortSignal): Promise<void> {
    const failure = await this.activate(session, signal)
    if (failure) throw dataFailureError(failure, { cid: session.dialect.dataCid })
  }

  /**
   * Take the data context down. On LTE the default bearer cannot always be dropped on its own ("+CME ERROR:
   * 171 last PDN disconnection not allowed", 27.007 §9.2.2): then only a detach and re-attach (+CGATT) makes a
   * changed context take effect. Returns whether that is needed.
   */
  async deactivate(session: AtSession, signal?: AbortSignal): Promise<'down' | 'needs-detach'> {
    const cid = session.dialect.dataCid
    try {
      await session.command(`AT+CGACT=0,${cid}`, { signal })
      return 'down'
    } catch (error) {
      if (error instanceof AtCommandError && error.kind === 'cme' && error.atCode === 171) return 'needs-detach'
      if (error instanceof AtCommandError) return 'down' // already down, or nothing to deactivate
      throw error
    }
  }

  /** Detach and attach again (the LTE way to re-establish the default bearer with new context values). */
  async reattachPacketDomain(session: AtSession, signal?: AbortSignal): Promise<void> {
    await session.optional('AT+CGATT=0', { signal }).catch((error: unknown) => {
      if (!(error instanceof AtCommandError)) throw error
    })
    await this.ensureAttached(session, signal)
  }

  /** +CGATT? and, when detached, +CGATT=1 and wait (registration after an attach takes seconds). */
  async ensureAttached(session: AtSession, signal?: AbortSignal): Promise<void> {
    // Unknown (no +CGATT? on this firmware) counts as attached: the activation will say what is wrong.
    if ((await this.attached(session, signal)) !== false) return
    try {
      await session.optional('AT+CGATT=1', { signal })
    } catch (error) {
      if (!(error instanceof AtCommandError)) throw error
      // Refused (no network, SIM not allowed): the activation that follows reports why.
      return
    }
    const deadline = Date.now() + this.timing.attachTimeoutMs
    while (Date.now() < deadline) {
      if ((await this.attached(session, signal)) !== false) return
      await this.sleep(this.timing.pollIntervalMs, signal)
    }
  }

  private async attached(session: AtSession, signal?: AbortSignal): Promise<boolean | undefined> {
    try {
      const reply = await session.optional('AT+CGATT?', { signal })
      if (!reply) return undefined
      const state = parseCgatt(reply.lines)
      return state.ok ? state.value : undefined
    } catch (error) {
      if (error instanceof AtCommandError) return undefined
      throw error
    }
  }

  /** User's "mobile data off": deactivate; a modem that cannot (LTE default bearer) says so. */
  async switchOff(session: AtSession, signal?: AbortSignal): Promise<void> {
    this.lastFailure = undefined
    const result = await this.deactivate(session, signal)
    if (result === 'needs-detach') {
      throw new ContractError(
        'UNSUPPORTED',
        'This modem keeps its default LTE data connection while it is registered. To stop data, disconnect the modem’s network interface in the operating system, or switch the modem to airplane mode.',
        { reason: 'last-pdn' }
      )
    }
  }
}
