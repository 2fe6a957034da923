// The SIM's PIN and PUK behind POST /api/pin/operate (reference §1.11; Salamek/huawei-lte-api:huawei_lte_api/api/Pin.py):
// OperateType 0 verify PIN, 1 enable the PIN lock, 2 disable it, 3 change the PIN, 4 unblock with the PUK
// (PukCode + NewPin). A wrong PIN costs one of SimPinTimes (3); the last one blocks the SIM until the PUK
// (SimPukTimes, 10) — standard 3GPP TS 31.101 counters. Error codes: 103002 PIN validate failed, 103004 PUK
// failed, 103011 PUK dead-locked, 101003 PUK locked (reference §1.14).
import type { SimProfile } from './sim-profile'

export const PIN_TRIES = 3
export const PUK_TRIES = 10

const PIN_VALIDATE_FAILED = 103002
const PUK_FAILED = 103004
const PUK_DEAD_LOCKED = 103011
const PUK_LOCKED = 101003
const NO_SIM = 101001
const PARAMETER = 100006

/** Apply one pin/operate request to the SIM. Returns an error code, or null when it succeeded. */
export function operatePin(sim: SimProfile, fields: ReadonlyMap<string, string>): number | null {
  if (!sim.present) return NO_SIM
  if (sim.pinState === 'blocked') return PUK_DEAD_LOCKED
  const type = fields.get('OperateType')?.trim()
  const current = fields.get('CurrentPin') ?? ''
  const next = fields.get('NewPin') ?? ''
  switch (type) {
    case '0':
      if (sim.pinState === 'puk-required') return PUK_LOCKED
      if (sim.pinState !== 'pin-required') return PARAMETER
      if (!checkPin(sim, current)) return PIN_VALIDATE_FAILED
      sim.pinState = 'ready'
      return null
    case '1':
    case '2':
      if (sim.pinState !== 'ready') return sim.pinState === 'puk-required' ? PUK_LOCKED : PARAMETER
      if (!checkPin(sim, current)) return PIN_VALIDATE_FAILED
      sim.pinLockEnabled = type === '1'
      return null
    case '3':
      if (sim.pinState !== 'ready' || !isPin(next)) return sim.pinState === 'puk-required' ? PUK_LOCKED : PARAMETER
      if (!checkPin(sim, current)) return PIN_VALIDATE_FAILED
      sim.pin = next
      return null
    case '4':
      return unblock(sim, fields.get('PukCode') ?? '', next)
    default:
      return PARAMETER
  }
}

/** Compare, counting a failure; the last failure blocks the SIM (PUK required). */
function checkPin(sim: SimProfile, pin: string): boolean {
  if (isPin(pin) && pin === sim.pin) {
    sim.pinAttemptsLeft = PIN_TRIES
    return true
  }
  sim.pinAttemptsLeft = Math.max(0, sim.pinAttemptsLeft - 1)
  if (sim.pinAttemptsLeft === 0) sim.pinState = 'puk-required'
  return false
}

function unblock(sim: SimProfile, puk: string, newPin: string): number | null {
  if (sim.pinState !== 'puk-required') return PARAMETER
  if (!isPin(newPin)) return PARAMETER
  if (puk.trim() !== sim.puk) {
    sim.pukAttemptsLeft = Math.max(0, sim.pukAttemptsLeft - 1)
    if (sim.pukAttemptsLeft > 0) return PUK_FAILED
    sim.pinState = 'blocked'
    return PUK_DEAD_LOCKED
  }
  sim.pin = newPin
  sim.pinState = 'ready'
  sim.pinAttemptsLeft = PIN_TRIES
  sim.pukAttemptsLeft = PUK_TRIES
  return null
}

function isPin(value: string): boolean {
  return /^\d{4,8}$/.test(value)
}

/** After a power cycle a SIM with its PIN lock on asks for the PIN again. */
export function powerUpSim(sim: SimProfile): void {
  if (sim.present && sim.pinState === 'ready' && sim.pinLockEnabled === true) sim.pinState = 'pin-required'
}
