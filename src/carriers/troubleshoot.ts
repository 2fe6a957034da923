// Runs a pack's troubleshooter against what the device and the sign-in form already tell us: each check is
// decided from a fact when it can be (registration state, the identifier the user typed), and otherwise turned
// into a question for the user. The result is the ordered list the UI walks through, each with its remedy.
import { identifierKindsMatching } from './numbers'
import type { Troubleshooter, TroubleFact } from './pack-schema'

export type TroubleFacts = Partial<Record<TroubleFact, string>>

export type CheckStatus = 'failed' | 'passed' | 'ask' | 'unknown'

export interface CheckOutcome {
  checkId: string
  status: CheckStatus
  check: Troubleshooter['checks'][number]
}

export function runTroubleshooter(troubleshooter: Troubleshooter, facts: TroubleFacts): CheckOutcome[] {
  return troubleshooter.checks.map((check) => ({ checkId: check.id, status: decide(check, facts), check }))
}

function decide(check: Troubleshooter['checks'][number], facts: TroubleFacts): CheckStatus {
  const detect = check.detect
  const value = detect ? facts[detect.fact] : undefined
  if (detect && value !== undefined) {
    if (detect.fact === 'login.identifier') {
      return identifierKindsMatching(value, detect.identifierKinds ?? []).length > 0 ? 'passed' : 'failed'
    }
    if (detect.failWhen) return detect.failWhen.includes(value) ? 'failed' : 'passed'
  }
  return check.ask ? 'ask' : 'unknown'
}

/** The checks to show first: failed ones, then questions, then the rest. */
export function orderOutcomes(outcomes: readonly CheckOutcome[]): CheckOutcome[] {
  const rank: Record<CheckStatus, number> = { failed: 0, ask: 1, unknown: 2, passed: 3 }
  return [...outcomes].sort((a, b) => rank[a.status] - rank[b.status])
}
