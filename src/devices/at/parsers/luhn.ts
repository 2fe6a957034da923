// The Luhn (mod 10) check used by IMEIs (3GPP TS 23.003 §6.2.1, check digit per ISO/IEC 7812) and by ICCIDs
// (ITU-T E.118). Parsers use it to flag an odd identifier, never to reject one: a modem that reports a
// "wrong" IMEI still reports what it has, and the user should see it.

/** True when `digits` (only 0-9) passes the Luhn check. False for empty input or any non-digit. */
export function luhnValid(digits: string): boolean {
  if (typeof digits !== 'string' || !/^\d{2,}$/.test(digits)) return false
  let sum = 0
  let double = false
  for (let index = digits.length - 1; index >= 0; index--) {
    let value = digits.charCodeAt(index) - 48
    if (double) {
      value *= 2
      if (value > 9) value -= 9
    }
    sum += value
    double = !double
  }
  return sum % 10 === 0
}

/** The digit that makes `payload` + digit Luhn-valid; undefined when `payload` is not all digits. */
export function luhnCheckDigit(payload: string): number | undefined {
  if (typeof payload !== 'string' || !/^\d+$/.test(payload)) return undefined
  for (let digit = 0; digit <= 9; digit++) if (luhnValid(`${payload}${digit}`)) return digit
  return undefined
}
