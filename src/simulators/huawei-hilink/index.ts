// The Huawei HiLink / E5 "Mobile WiFi" simulator: a loopback HTTP device for the demo hotspot, tests and benches.
export { HuaweiHilinkSimulator, type HuaweiHilinkSimulatorOptions, type Latency, type RequestLogEntry } from './simulator'
export { VARIANTS, type HuaweiVariant, type VariantId } from './variants'
export { TMOBILE_US_PREPAID, isLuhnValid, luhnCheckDigit, type SimProfile } from './sim-profile'
export { DEFAULT_LOCKOUT, type LockoutPolicy } from './auth'
export type { SimStats, PowerAction } from './device'
export type { DialProfile } from './dialup-profiles'
export type { StoredSms } from './sms-store'
