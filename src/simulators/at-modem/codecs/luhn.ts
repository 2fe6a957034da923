// Luhn check digits for IMEIs (3GPP TS 23.003 §6.2.1, Annex B) and ICCIDs (ITU-T E.118 / ISO/IEC 7812;
// reference carriers.md §8.1). Simulated identities are built from a fixed prefix plus seeded digits and
// always carry a valid check digit, because real clients validate them.

export function luhnCheckDigit(payload: string): number {
  let sum = 0
  // Walk from the right; the check digit will occupy position 1, so payload's rightmost digit is doubled.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(payload[i])
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

export function withLuhn(payload: string): string {
  return payload + String(luhnCheckDigit(payload))
}

export function isLuhnValid(number: string): boolean {
  return /^\d+$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === Number(number.slice(-1))
}
