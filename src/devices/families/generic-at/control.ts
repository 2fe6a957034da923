// ControlOperations over AT:
//   unlockPin / unlockPuk → AT+CPIN="<pin>" / AT+CPIN="<puk>","<new pin>" (27.007 §8.3), attempts from the
//                           dialect's counter command (^CPIN?, +ZPINPUK=?, +QPINC, +CPINR)
//   setDataEnabled        → +CGACT on the data context (after +CGATT when detached)
//   reboot                → AT+CFUN=1,1 (full functionality with a reset; the port disappears and returns)
// A PIN or PUK is sent once per call and only when +CPIN? says the SIM wants exactly that: every wrong try
// costs one of the SIM's few attempts, and a PH-* code (network lock) is not the SIM PIN at all.
import { ContractError } from '../../../contract/errors'
import { AtCommandError } from '../../at'
import type { ControlOperations } from '../../driver'
import type { DataLink } from './data'
import type { PinCounters } from './dialects'
import { readPinCounters, readSimStatus, type SimStatus } from './sim'
import type { AtSession } from './session'

export interface ControlDeps {
  session: () => AtSession
  exclusive: <T>(body: () => Promise<T>) => Promise<T>
  data: DataLink
  /** The SIM changed state (unlocked): forget what was read from it. */
  simChanged: () => void
  /** The modem is resetting: the port will vanish. */
  resetting: () => void
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  /** How long the SIM may stay busy after an unlock before we stop waiting for READY. */
  simReadyTimeoutMs: number
}

export function createControlOperations(deps: ControlDeps): Required<Pick<ControlOperations, 'setDataEnabled' | 'reboot' | 'unlockPin' | 'unlockPuk'>> {
  const waitReady = async (session: AtSession, signal?: AbortSignal): Promise<void> => {
    const deadline = Date.now() + deps.simReadyTimeoutMs
    for (;;) {
      const status = await readSimStatus(session, signal)
      if (status.state === 'ready' || Date.now() >= deadline) return
      await deps.sleep(200, signal)
    }
  }

  const enter = async (
    what: 'PIN' | 'PUK',
    command: string,
    wanted: SimStatus['state'],
    signal: AbortSignal | undefined
  ): Promise<void> => {
    const session = deps.session()
    const status = await readSimStatus(session, signal)
    if (status.state === 'ready') return // already unlocked (another tool, or a PIN saved in the modem)
    if (status.deviceLock) {
      throw new ContractError(
        'UNSUPPORTED',
        `The modem itself is locked (${status.code ?? 'device lock'}): it wants an unlock code from the seller or carrier, not the SIM ${what}. Entering the SIM ${what} there would use up the lock's attempts.`,
        { simState: status.state, code: status.code }
      )
    }
    if (status.state !== wanted) throw stateMismatch(what, status, await counters(session, signal))
    try {
      await session.command(command, { signal })
    } catch (error) {
      if (error instanceof AtCommandError && error.kind === 'cme' && (error.atCode === 16 || error.atCode === 12 || error.atCode === 13)) {
        const after = await readSimStatus(session).catch((): SimStatus => ({ state: 'unknown', deviceLock: false }))
        throw wrongCode(what, error, after, await counters(session))
      }
      throw error
    }
    deps.simChanged()
    await waitReady(session, signal)
  }

  return {
    unlockPin: (pin, signal) =>
      deps.exclusive(async () => {
        if (!/^\d{4,8}$/.test(pin)) throw new ContractError('BAD_INPUT', 'A SIM PIN is 4 to 8 digits.', { path: 'pin' })
        await enter('PIN', `AT+CPIN="${pin}"`, 'pin-required', signal)
      }),

    unlockPuk: (puk, newPin, signal) =>
      deps.exclusive(async () => {
        if (!/^\d{8}$/.test(puk)) throw new ContractError('BAD_INPUT', 'A PUK is 8 digits (it is on the card the SIM came in).', { path: 'puk' })
        if (!/^\d{4,8}$/.test(newPin)) throw new ContractError('BAD_INPUT', 'The new SIM PIN must be 4 to 8 digits.', { path: 'newPin' })
        await enter('PUK', `AT+CPIN="${puk}","${newPin}"`, 'puk-required', signal)
      }),

    setDataEnabled: (enabled, signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        if (enabled) await deps.data.activateOrThrow(session, signal)
        else await deps.data.switchOff(session, signal)
      }),

    reboot: (signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        await session.command('AT+CFUN=1,1', { signal })
        deps.resetting()
      })
  }

  async function counters(session: AtSession, signal?: AbortSignal): Promise<PinCounters | undefined> {
    try {
      return await readPinCounters(session, signal)
    } catch {
      return undefined
    }
  }
}

function stateMismatch(what: 'PIN' | 'PUK', status: SimStatus, counters: PinCounters | undefined): ContractError {
  if (status.state === 'puk-required') {
    const details: Record<string, unknown> = { reason: 'sim-puk-required', simState: status.state, pukRequired: true }
    if (counters?.puk !== undefined) details.attemptsLeft = counters.puk
    return new ContractError('LOCKED_OUT', 'The SIM is blocked after too many wrong PINs. Enter the PUK from the card the SIM came in, and a new PIN.', details)
  }
  if (status.state === 'pin-required' && what === 'PUK') {
    const details: Record<string, unknown> = { simState: status.state }
    if (counters?.pin !== undefined) details.attemptsLeft = counters.pin
    return new ContractError('BAD_INPUT', 'The SIM asks for its PIN, not the PUK. Enter the PIN instead.', details)
  }
  if (status.state === 'absent') return new ContractError('UNSUPPORTED', 'There is no SIM card in the modem.', { simState: status.state })
  return new ContractError('UNSUPPORTED', `The SIM cannot be unlocked in its current state (${status.state}).`, { simState: status.state })
}

function wrongCode(what: 'PIN' | 'PUK', error: AtCommandError, after: SimStatus, counters: PinCounters | undefined): ContractError {
  const attemptsLeft = what === 'PIN' ? counters?.pin : counters?.puk
  const details: Record<string, unknown> = { reason: what === 'PIN' ? 'wrong-sim-pin' : 'wrong-sim-puk', simState: after.state, finalLine: error.finalLine }
  if (attemptsLeft !== undefined) details.attemptsLeft = attemptsLeft
  if (what === 'PIN' && after.state === 'puk-required') {
    details.pukRequired = true
    return new ContractError('LOCKED_OUT', 'That was the last PIN attempt: the SIM is now blocked. Enter the PUK from the card the SIM came in to unblock it.', details)
  }
  if (what === 'PUK' && (after.state === 'invalid' || attemptsLeft === 0)) {
    return new ContractError('LOCKED_OUT', 'That was the last PUK attempt: the SIM is permanently blocked. Ask the carrier for a new SIM.', details)
  }
  const left =
    attemptsLeft === undefined
      ? ''
      : ` ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left${what === 'PIN' ? ' before the SIM asks for its PUK' : ' before the SIM is blocked for good'}.`
  return new ContractError('AUTH_FAILED', `The SIM rejected the ${what}.${left} Hotspot Desk will not try again by itself.`, details)
}
