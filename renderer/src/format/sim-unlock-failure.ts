// What a failed sim.unlock means for the SIM, from the error's details. The drivers refuse a wrong PIN or
// PUK as AUTH_FAILED, and the wrong code that blocks the SIM (or a PIN sent to a SIM that is already
// blocked) as LOCKED_OUT; both carry details.reason and, when the device says, details.attemptsLeft.
// The generic wording of those codes is about the hotspot's admin password and its sign-in lock, which
// would send the user to the wrong place, so the PIN dialog words these itself.
import type { ContractErrorData } from '@contract/errors'

export type SimUnlockFailure =
  /** The SIM refused the PIN; attemptsLeft PIN tries remain (when the device said). */
  | { kind: 'wrong-pin'; attemptsLeft?: number }
  /** The SIM refused the PUK; attemptsLeft PUK tries remain (when the device said). */
  | { kind: 'wrong-puk'; attemptsLeft?: number }
  /** That wrong PIN was the last one: the SIM now wants its PUK. */
  | { kind: 'pin-now-blocked' }
  /** The SIM was already blocked and wants its PUK; attemptsLeft is PUK tries (when the device said). */
  | { kind: 'puk-required'; attemptsLeft?: number }
  /** That wrong PUK was the last one: the SIM is dead. */
  | { kind: 'puk-exhausted' }

/** The SIM-specific meaning of a sim.unlock error, or null when it is not about the code (timeout, gone …). */
export function simUnlockFailure(error: ContractErrorData): SimUnlockFailure | null {
  if (error.code !== 'AUTH_FAILED' && error.code !== 'LOCKED_OUT') return null
  const details = error.details ?? {}
  const reason = details['reason']
  const raw = details['attemptsLeft']
  const attemptsLeft = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : undefined
  const simState = details['simState']
  const withAttempts = <T extends { kind: string }>(failure: T): T & { attemptsLeft?: number } =>
    attemptsLeft === undefined ? failure : { ...failure, attemptsLeft }

  switch (reason) {
    case 'wrong-sim-pin': {
      const blocked = error.code === 'LOCKED_OUT' || details['pukRequired'] === true || simState === 'puk-required' || attemptsLeft === 0
      return blocked ? { kind: 'pin-now-blocked' } : withAttempts({ kind: 'wrong-pin' as const })
    }
    case 'wrong-sim-puk': {
      const dead = error.code === 'LOCKED_OUT' || simState === 'invalid' || attemptsLeft === 0
      return dead ? { kind: 'puk-exhausted' } : withAttempts({ kind: 'wrong-puk' as const })
    }
    case 'sim-puk-required':
      return withAttempts({ kind: 'puk-required' as const })
    default:
      return null
  }
}

/** The SIM now wants its PUK, whatever the reading on screen still says. */
export function needsPuk(failure: SimUnlockFailure | null): boolean {
  return failure?.kind === 'pin-now-blocked' || failure?.kind === 'puk-required'
}

/** The tries left that a refusal reported for the code the dialog asks for now (PIN or PUK), if any. */
export function failureAttemptsLeft(failure: SimUnlockFailure | null, asking: 'pin' | 'puk'): number | undefined {
  if (!failure) return undefined
  if (asking === 'pin' && failure.kind === 'wrong-pin') return failure.attemptsLeft
  if (asking === 'puk' && (failure.kind === 'wrong-puk' || failure.kind === 'puk-required')) return failure.attemptsLeft
  return undefined
}
