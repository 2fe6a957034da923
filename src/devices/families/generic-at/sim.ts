// The SIM over AT: its state (+CPIN?, 27.007 §8.3; "+CME ERROR: 10" = no SIM), ICCID (the dialect's command,
// then +CCID/+ICCID, then READ BINARY of EF_ICCID through +CRSM — device-protocols.md §4.3), IMSI (+CIMI),
// PIN/PUK counters (the dialect's command, then 27.007 +CPINR), and the phone number ladder: +CNUM, then the
// SIM's own-number phonebook ("ON", +CPBS/+CPBR), then — only when the caller enabled it — the carrier's
// own-number USSD code (ARCHITECTURE.md "The phone number comes from a ladder").
import { ContractError } from '../../../contract/errors'
import { AtCommandError, parseCnum, parseCpin, parseIccid, parseImsi, simStateForCmeError, type IccidInfo } from '../../at'
import type { Sim } from '../../model'
import { CPINR_QUERY, CRSM_ICCID_COMMAND, FALLBACK_ICCID_COMMANDS } from './dialects/base-3gpp'
import type { PinCounters } from './dialects'
import { extractPhoneNumber, parseCpbr, parseCpbs, parseFirstRange } from './parse'
import type { AtSession } from './session'
import type { UssdChannel } from './ussd'

export interface SimStatus {
  state: Sim['state']
  /** The +CPIN code ("SIM PIN", "PH-NET PIN" …) when the SIM or the device waits for one. */
  code?: string
  /** True for PH-* codes: the modem is locked to a network or SIM, which the SIM PIN does not open. */
  deviceLock: boolean
}

export async function readSimStatus(session: AtSession, signal?: AbortSignal): Promise<SimStatus> {
  try {
    const reply = await session.command('AT+CPIN?', { signal })
    const cpin = parseCpin(reply.lines)
    if (!cpin.ok) return { state: 'unknown', deviceLock: false }
    const status: SimStatus = { state: cpin.value.simState, deviceLock: cpin.value.deviceLock }
    if (cpin.value.code !== 'READY') status.code = cpin.value.code
    return status
  } catch (error) {
    if (error instanceof AtCommandError && error.kind === 'cme') {
      // 14 "SIM busy": the card is still starting up.
      return { state: simStateForCmeError(error.atCode) ?? 'unknown', deviceLock: false }
    }
    throw error
  }
}

/** The ICCID from the first command that gives a well-formed one; the working command is tried first next time. */
export async function readIccid(session: AtSession, signal?: AbortSignal): Promise<IccidInfo | undefined> {
  const commands = unique([...session.dialect.iccidCommands, ...FALLBACK_ICCID_COMMANDS, CRSM_ICCID_COMMAND])
  for (const command of commands) {
    let lines: string[] | undefined
    try {
      lines = (await session.optional(command, { signal }))?.lines
    } catch (error) {
      if (error instanceof AtCommandError) continue // e.g. +CME ERROR: 3 on this firmware's variant: try the next
      throw error
    }
    if (!lines) continue
    const iccid = parseIccid(lines)
    if (iccid.ok) return iccid.value
  }
  return undefined
}

export async function readImsi(session: AtSession, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const imsi = parseImsi((await session.command('AT+CIMI', { signal })).lines)
    return imsi.ok ? imsi.value : undefined
  } catch (error) {
    if (error instanceof AtCommandError) return undefined
    throw error
  }
}

export async function readPinCounters(session: AtSession, signal?: AbortSignal): Promise<PinCounters | undefined> {
  const queries = [...session.dialect.pinCounters, CPINR_QUERY]
  const seen = new Set<string>()
  for (const query of queries) {
    if (seen.has(query.command)) continue
    seen.add(query.command)
    try {
      const reply = await session.optional(query.command, { signal })
      if (!reply) continue
      const counters = query.parse(reply.lines)
      if (counters.ok) return counters.value
    } catch (error) {
      if (!(error instanceof AtCommandError)) throw error
    }
  }
  return undefined
}

/** +CNUM: the first listed number (27.007 §7.1). Empty (just OK) is normal on data SIMs. */
export async function ownNumberFromCnum(session: AtSession, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const reply = await session.optional('AT+CNUM', { signal })
    if (!reply) return undefined
    const numbers = parseCnum(reply.lines)
    return numbers.ok ? numbers.value[0]?.number : undefined
  } catch (error) {
    if (error instanceof AtCommandError) return undefined
    throw error
  }
}

/**
 * The own-number phonebook (27.007 §8.11 storage "ON" = EF_MSISDN): select it, read its entries, and put the
 * storage back the way it was so the user's phonebook tools see what they left. The caller holds the
 * session's exclusive lock: another sequence must not read the phonebook while "ON" is selected.
 */
export async function ownNumberFromPhonebook(session: AtSession, signal?: AbortSignal): Promise<string | undefined> {
  let previous: string | undefined
  try {
    const before = await session.optional('AT+CPBS?', { signal })
    if (before) {
      const parsed = parseCpbs(before.lines)
      if (parsed.ok) previous = parsed.value.storage
    }
    if (!(await session.optional('AT+CPBS="ON"', { signal }))) return undefined
    let last = 4 // EF_MSISDN rarely has more than a handful of records
    const range = await session.optional('AT+CPBR=?', { signal })
    if (range) {
      const parsed = parseFirstRange(range.lines, '+CPBR:')
      if (parsed.ok) last = Math.max(1, Math.min(parsed.value.max, 10))
    }
    const reply = await session.command(`AT+CPBR=1,${last}`, { signal })
    const entries = parseCpbr(reply.lines)
    return entries.ok ? entries.value[0]?.number : undefined
  } catch (error) {
    if (error instanceof AtCommandError) return undefined
    throw error
  } finally {
    if (previous && previous !== 'ON') {
      await session.command(`AT+CPBS="${previous}"`, { timeoutMs: 3_000 }).catch(() => undefined)
    }
  }
}

export interface UssdNumberAttempt {
  number?: string
  /** False when the attempt says nothing about the line (no network yet, another dialogue busy): try again later. */
  definitive: boolean
}

/** The carrier's own-number code (e.g. T-Mobile US #686#, Vodafone UK *#100#; carriers.md §7). */
export async function ownNumberFromUssd(
  channel: UssdChannel,
  code: string,
  parse: (text: string) => string | undefined,
  signal?: AbortSignal
): Promise<UssdNumberAttempt> {
  if (channel.busy || channel.sessionOpen) return { definitive: false }
  try {
    const reply = await channel.send(code, signal)
    // A menu instead of an answer: leave it, the user did not ask for a dialogue.
    if (reply.sessionOpen) await channel.cancel()
    const number = parse(reply.text)
    return number === undefined ? { definitive: true } : { number, definitive: true }
  } catch (error) {
    if (error instanceof ContractError && error.code === 'UNSUPPORTED' && error.details?.ussdStatus === 4) return { definitive: true }
    if (error instanceof ContractError && (error.code === 'DEVICE_GONE' || error.code === 'CANCELLED')) throw error
    return { definitive: false }
  }
}

export const defaultOwnNumberParser = extractPhoneNumber

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}
