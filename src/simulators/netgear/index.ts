// The Netgear Nighthawk M1 (MR1100) simulator: a loopback model.json device for demos, tests and benches.
export { NetgearSimulator, type Latency, type NetgearSimulatorOptions, type RequestLogEntry } from './simulator'
export { MR1100, type NetgearVariant, type WifiClient } from './model-json'
export { TMOBILE_US_PREPAID_NETGEAR, isLuhnValid, luhnCheckDigit, type NetgearSimProfile, type NetgearSimStatus } from './sim-profile'
export type { LockoutPolicy } from './support'
export { formatRxTime } from './sms-store'
export type { SimStats } from './device'
