// The SIM and plan inside a simulated Netgear hotspot. The default is a T-Mobile US prepaid data line: PLMN
// 310-260 (reference/carriers.md §6), an ICCID with T-Mobile's zero-padded US prefix 8901260… and a valid Luhn
// check digit (carriers.md §8.1), an IMSI under 310260, and a number from the 555-0100…0199 range reserved for
// fiction. APNs the simulated network accepts: fast.t-mobile.com (current data APN) and pcweb.tmobile.com
// (tethering/DUN) per carriers.md §5; epc.tmobile.com is the legacy one (stale in MBPI, accepted here [U]).
import { isLuhnValid, luhnCheckDigit } from './support'

export type NetgearSimStatus = 'Ready' | 'Locked' | 'Blocked' | 'NoSIM'

export interface NetgearSimProfile {
  status: NetgearSimStatus
  iccid: string
  imsi: string
  /** As the web UI prints it ("(555) 555-5555" in the LM1200 sample); '' when the SIM stores no number. */
  phoneNumber: string
  mcc: string
  mnc: string
  operatorName: string
  spn: string
  roaming: boolean
  pinRetries: number
  pukRetries: number
  /** The device's own data meter (wwan.dataUsage.generic): first day of the cycle and the limit in bytes. */
  billingDay: number
  planLimitBytes: number
  /** APNs the simulated network brings a data session up on. */
  acceptedApns: readonly string[]
}

const ICCID_BODY = '890126051230550147'

export const TMOBILE_US_PREPAID_NETGEAR: Readonly<NetgearSimProfile> = {
  status: 'Ready',
  iccid: ICCID_BODY + String(luhnCheckDigit(ICCID_BODY)),
  imsi: '310260512305501',
  phoneNumber: '(206) 555-0147',
  mcc: '310',
  mnc: '260',
  operatorName: 'T-Mobile',
  spn: 'T-Mobile',
  roaming: false,
  pinRetries: 3,
  pukRetries: 10,
  billingDay: 14,
  planLimitBytes: 10 * 1024 ** 3,
  acceptedApns: ['fast.t-mobile.com', 'pcweb.tmobile.com', 'epc.tmobile.com']
}

if (!isLuhnValid(TMOBILE_US_PREPAID_NETGEAR.iccid)) throw new Error('internal: demo ICCID check digit')

export { isLuhnValid, luhnCheckDigit }
