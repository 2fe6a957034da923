// The ZTE goform simulator: a loopback HTTP device (MF61, MF96, MF79U-class) for the demo hotspot, tests and benches.
export { ZteGoformSimulator, type Latency, type RequestLogEntry, type ZteGoformSimulatorOptions } from './simulator'
export { PROFILES, type ZteDeviceProfile, type ZteProfileId } from './profiles'
export { VARIANTS, type ZteVariant, type ZteVariantId } from './variants'
export { TMOBILE_US_PREPAID, isLuhnValid, luhnCheckDigit, type SimCard } from './sim-card'
export { DEFAULT_LOCKOUT, type LockoutPolicy } from './auth'
export { DEMO_MESSAGES, type SeedMessage, type StoredSms } from './sms-store'
export type { DeviceStats } from './device'
