// The SIM inside a simulated device. The default demo SIM is a T-Mobile US prepaid line: PLMN 310-260
// (reference/carriers.md §1 APN table, §8.2 PLMN list), an ICCID with T-Mobile's zero-padded US prefix 8901260…
// and a valid Luhn check digit (carriers.md §8.1), and a fictional phone number from the 555-01xx range
// reserved for fiction.

/** 'blocked' = the PUK attempts are used up too: the SIM is dead (pin/status SimState 256). */
export type SimPinState = 'ready' | 'pin-required' | 'puk-required' | 'blocked'

export interface SimProfile {
  present: boolean
  iccid: string
  imsi: string
  /** '' when the SIM stores no own number (common on prepaid data SIMs): the device then reports it empty. */
  msisdn: string
  /** MCC+MNC of the network it registers on. */
  plmn: string
  operatorFullName: string
  operatorShortName: string
  spn: string
  pinState: SimPinState
  pinAttemptsLeft: number
  pukAttemptsLeft: number
  /** The SIM's PIN and PUK (the demo values are what most carriers ship: 1234 and an 8-digit PUK). */
  pin: string
  puk: string
  /** The SIM asks for its PIN at every power-up. Defaults to on when the profile starts PIN-locked. */
  pinLockEnabled?: boolean
  roaming: boolean
  /**
   * APNs the network accepts for this line ('' = the network's default APN, which most networks accept).
   * Any other APN fails to connect with ESM cause 27, "missing or unknown APN" (reference/carriers.md §9.2).
   */
  apns: readonly string[]
  /** The operator preset the device ships for this SIM (dialup/profiles, ReadOnly). */
  presetProfile: { name: string; apn: string }
  /** Prepaid balance in cents, for the balance USSD code. */
  balanceCents: number
  /** The device's own monthly-statistics alarm (monitoring/start_date): "500MB", "10GB" … */
  dataLimit: string
  billingDay: number
  monthThresholdPercent: number
}

export const TMOBILE_US_PREPAID: Readonly<SimProfile> = {
  present: true,
  iccid: '8901260412055501434',
  imsi: '310260412055501',
  msisdn: '+12065550143',
  plmn: '310260',
  operatorFullName: 'T-Mobile',
  operatorShortName: 'T-Mobile',
  spn: 'T-Mobile',
  pinState: 'ready',
  pinAttemptsLeft: 3,
  pukAttemptsLeft: 10,
  pin: '1234',
  puk: '12345678',
  roaming: false,
  // reference/carriers.md §5: fast.t-mobile.com (phones, hotspots), pcweb.tmobile.com (tethering), legacy epc.
  apns: ['fast.t-mobile.com', 'pcweb.tmobile.com', 'epc.tmobile.com', ''],
  presetProfile: { name: 'T-Mobile', apn: 'fast.t-mobile.com' },
  balanceCents: 1234,
  dataLimit: '10GB',
  billingDay: 14,
  monthThresholdPercent: 90
}

/**
 * Luhn check digit for the digits before it (ITU-T E.118 ICCIDs, reference/carriers.md §8.1): from the right,
 * double every second digit starting with the one next to the check digit, subtract 9 above 9, sum.
 */
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
