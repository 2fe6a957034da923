// ControlOperations for Huawei:
//   setDataEnabled → dialup/mobile-dataswitch (or legacy dialup/dial), reference §1.10
//   reboot         → device/control <Control>1</Control>, §1.6; the device forgets every session
//   resetUsage     → monitoring/clear-traffic <ClearTraffic>1</ClearTraffic>, §1.9
//   unlockPin/Puk  → pin/operate OperateType 0 (verify PIN) / 4 (PUK + new PIN), encrypted on newer firmware, §1.11
// A PIN or PUK is only ever sent once per call and only when pin/status says the SIM wants it: every wrong
// try costs one of the SIM's few attempts (SimPinTimes / SimPukTimes).
import { ContractError } from '../../../contract/errors'
import type { ControlOperations } from '../../driver'
import type { Sim } from '../../model'
import { switchData } from './data-link'
import { huaweiCodeOf } from './errors'
import type { HuaweiOpsContext } from './ops-context'
import { parseCount, parsePinSimState } from './parse'
import type { HuaweiSession } from './session'
import { textOf, type XmlRecord, type XmlWritableRecord } from './xml'

export interface SimLockState {
  state: Sim['state']
  pinAttemptsLeft?: number
  pukAttemptsLeft?: number
}

const OPERATE_VERIFY_PIN = 0
const OPERATE_PUK = 4

export function createControlOperations(ctx: HuaweiOpsContext): Required<ControlOperations> {
  const readLock = (signal?: AbortSignal): Promise<SimLockState> =>
    ctx.run(async (session) => parseSimLock(await session.get('pin/status', signal)), signal)

  const operate = (body: XmlWritableRecord, signal?: AbortSignal): Promise<void> =>
    ctx.run(async (session: HuaweiSession) => {
      const encrypt = await ctx.encryption(session, signal)
      await session.post('pin/operate', body, encrypt ? { signal, encrypt } : { signal })
    }, signal)

  return {
    async setDataEnabled(enabled: boolean, signal?: AbortSignal): Promise<void> {
      await switchData(ctx, enabled, signal)
    },

    async reboot(signal?: AbortSignal): Promise<void> {
      await ctx.run((session) => session.post('device/control', { Control: 1 }, { signal }), signal)
      ctx.forgetSession()
    },

    async resetUsage(signal?: AbortSignal): Promise<void> {
      await ctx.run((session) => session.post('monitoring/clear-traffic', { ClearTraffic: 1 }, { signal }), signal)
    },

    async unlockPin(pin: string, signal?: AbortSignal): Promise<void> {
      if (!isPin(pin)) throw new ContractError('BAD_INPUT', 'A SIM PIN is 4 to 8 digits.', { path: 'pin' })
      const lock = await readLock(signal)
      if (lock.state === 'ready') return // already unlocked (by the device's own page, or a saved PIN)
      if (lock.state === 'puk-required') throw pukNeeded(lock)
      if (lock.state !== 'pin-required') throw noSim(lock)
      try {
        await operate({ OperateType: OPERATE_VERIFY_PIN, CurrentPin: pin, NewPin: '', PukCode: '' }, signal)
      } catch (error) {
        if (huaweiCodeOf(error) !== 103002) throw error
        throw wrongCode('PIN', error as ContractError, await readLock().catch(() => lock))
      }
    },

    async unlockPuk(puk: string, newPin: string, signal?: AbortSignal): Promise<void> {
      if (!/^\d{8}$/.test(puk)) throw new ContractError('BAD_INPUT', 'A PUK is 8 digits (it is on the card the SIM came in).', { path: 'puk' })
      if (!isPin(newPin)) throw new ContractError('BAD_INPUT', 'The new SIM PIN must be 4 to 8 digits.', { path: 'newPin' })
      const lock = await readLock(signal)
      if (lock.state === 'ready') return
      if (lock.state === 'pin-required') {
        throw new ContractError('BAD_INPUT', 'The SIM asks for its PIN, not the PUK. Enter the PIN instead.', { simState: lock.state, attemptsLeft: lock.pinAttemptsLeft })
      }
      if (lock.state !== 'puk-required') throw noSim(lock)
      try {
        await operate({ OperateType: OPERATE_PUK, CurrentPin: '', NewPin: newPin, PukCode: puk }, signal)
      } catch (error) {
        if (huaweiCodeOf(error) !== 103004) throw error
        throw wrongCode('PUK', error as ContractError, await readLock().catch(() => lock))
      }
    }
  }
}

/** pin/status: SimState and the attempts left (reference §1.11). */
export function parseSimLock(record: XmlRecord | undefined): SimLockState {
  const state = parsePinSimState(textOf(record, 'SimState'))
  const lock: SimLockState = { state: state.ok ? (state.value ?? 'unknown') : 'unknown' }
  const pin = parseCount(textOf(record, 'SimPinTimes'), 'SimPinTimes')
  const puk = parseCount(textOf(record, 'SimPukTimes'), 'SimPukTimes')
  if (pin.ok && pin.value !== undefined) lock.pinAttemptsLeft = pin.value
  if (puk.ok && puk.value !== undefined) lock.pukAttemptsLeft = puk.value
  return lock
}

function isPin(value: string): boolean {
  return /^\d{4,8}$/.test(value)
}

function wrongCode(what: 'PIN' | 'PUK', error: ContractError, after: SimLockState): ContractError {
  const attemptsLeft = what === 'PIN' ? after.pinAttemptsLeft : after.pukAttemptsLeft
  const details: Record<string, unknown> = { ...error.details, reason: what === 'PIN' ? 'wrong-sim-pin' : 'wrong-sim-puk', simState: after.state }
  if (attemptsLeft !== undefined) details.attemptsLeft = attemptsLeft
  if (what === 'PIN' && after.state === 'puk-required') {
    details.pukRequired = true
    return new ContractError('LOCKED_OUT', 'That was the last PIN attempt: the SIM is now blocked. Enter the PUK from the card the SIM came in to unblock it.', details)
  }
  if (what === 'PUK' && after.state !== 'puk-required') {
    return new ContractError('LOCKED_OUT', 'That was the last PUK attempt: the SIM is permanently blocked. Ask the carrier for a new SIM.', details)
  }
  const left = attemptsLeft === undefined ? '' : ` ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left${what === 'PIN' ? ' before the SIM asks for its PUK' : ' before the SIM is blocked for good'}.`
  return new ContractError('AUTH_FAILED', `The SIM rejected the ${what}.${left} Hotspot Desk will not try again by itself.`, details)
}

function pukNeeded(lock: SimLockState): ContractError {
  const details: Record<string, unknown> = { reason: 'sim-puk-required', simState: lock.state, pukRequired: true }
  if (lock.pukAttemptsLeft !== undefined) details.attemptsLeft = lock.pukAttemptsLeft
  return new ContractError('LOCKED_OUT', 'The SIM is blocked after too many wrong PINs. Enter the PUK from the card the SIM came in, and a new PIN.', details)
}

function noSim(lock: SimLockState): ContractError {
  return new ContractError('UNSUPPORTED', lock.state === 'absent' ? 'There is no SIM card in the device.' : `The SIM cannot be unlocked in its current state (${lock.state}).`, {
    simState: lock.state
  })
}
