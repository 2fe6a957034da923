// The SIM inside a simulated ZTE device. The default demo SIM is a T-Mobile US prepaid line: PLMN 310-260,
// an ICCID with T-Mobile's zero-padded US prefix 8901260… and a valid Luhn digit, a fictional number from the
// 555-01xx range (reference/carriers.md §1, §5, §8), and the APNs the network accepts (carriers.md §5).

export type SimPinState = 'ready' | 'pin-required' | 'puk-required' | 'blocked'

export interface SimCard {
  present: boolean
  iccid: string
  imsi: string
  /** '' when the SIM stores no own number: the device then reports the field empty. */
  msisdn: string
  mcc: string
  mnc: string
  operatorName: string
  spn: string
  roaming: boolean
  pinState: SimPinState
  pinAttemptsLeft: number
  pukAttemptsLeft: number
  pin: string
  puk: string
  /** APNs the network accepts ('' = the network default). Any other APN fails to connect. */
  apns: readonly string[]
  /** The operator preset the device ships for this SIM (slot 0, read-only, and the automatic profile). */
  preset: { name: string; apn: string; pdp: 'IP' | 'IPv6' | 'IPv4v6' }
  /** Prepaid balance in cents, for the balance USSD code. */
  balanceCents: number
  /** Monthly data limit set on the device (data_volume_limit_size "<n>_1024" = n GB). */
  planGigabytes: number
}

export const TMOBILE_US_PREPAID: Readonly<SimCard> = {
  present: true,
  iccid: '8901260412055501434',
  imsi: '310260412055501',
  msisdn: '+12065550143',
  mcc: '310',
  mnc: '260',
  operatorName: 'T-Mobile',
  spn: 'T-Mobile',
  roaming: false,
  pinState: 'ready',
  pinAttemptsLeft: 3,
  pukAttemptsLeft: 10,
  pin: '1234',
  puk: '12345678',
  // carriers.md §5: fast.t-mobile.com (phones, hotspots), pcweb.tmobile.com (tethering), legacy epc.tmobile.com.
  apns: ['fast.t-mobile.com', 'pcweb.tmobile.com', 'epc.tmobile.com', ''],
  preset: { name: 'T-Mobile', apn: 'fast.t-mobile.com', pdp: 'IPv4v6' },
  balanceCents: 1234,
  planGigabytes: 10
}

/** Luhn check digit (ITU-T E.118 ICCIDs and IMEIs). */
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
