// Small building blocks of the Netgear and Inseego simulators, kept here so they do not depend on another
// family's simulator: a seeded PRNG (mulberry32) for reproducible signal walks and traffic, the Luhn check digit of
// ICCIDs and IMEIs (ITU-T E.118, reference/carriers.md §8.1), the billing-cycle start, and a login guard.
// Not for secrets: session ids and tokens use node:crypto.

export type Random = () => number

export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Roughly normal (Irwin–Hall with 4 terms), mean 0, standard deviation ≈ 1. */
export function gaussian(random: Random): number {
  return (random() + random() + random() + random() - 2) * Math.sqrt(3)
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/** From the right, double every second digit starting next to the check digit, subtract 9 above 9, sum. */
export function luhnCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError(`not digits: ${body}`)
  let total = 0
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    total += digit
  }
  return (10 - (total % 10)) % 10
}

export function isLuhnValid(number: string): boolean {
  return /^\d{2,}$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === Number(number.slice(-1))
}

/** The current billing cycle's first day as YYYY-MM-DD (UTC), clamping day 29–31 to short months. */
export function cycleStart(at: number, billingDay: number): string {
  const date = new Date(at)
  let year = date.getUTCFullYear()
  let month = date.getUTCMonth()
  if (date.getUTCDate() < Math.min(billingDay, daysIn(year, month))) {
    month -= 1
    if (month < 0) {
      month = 11
      year -= 1
    }
  }
  const day = Math.min(billingDay, daysIn(year, month))
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
}

export interface LockoutPolicy {
  maxFailures: number
  lockSeconds: number
}

/** Counts wrong passwords and locks logins for a while after too many. */
export class LoginGuard {
  private failures = 0
  private lockedUntil = 0

  constructor(
    private readonly now: () => number,
    private readonly policy: LockoutPolicy
  ) {}

  get locked(): boolean {
    return this.now() < this.lockedUntil
  }

  /** Count a wrong password; true when this failure locks logins. */
  fail(): boolean {
    this.failures++
    if (this.failures < this.policy.maxFailures) return false
    this.failures = 0
    this.lockedUntil = this.now() + this.policy.lockSeconds * 1000
    return true
  }

  succeed(): void {
    this.failures = 0
  }
}
