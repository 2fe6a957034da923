// A faithful, stateful AT modem simulator (generic 27.007, Huawei, ZTE and Quectel dialects) for the demo
// USB modem, the integration tests and the benchmarks. See simulator.ts for the public API.
export { AtModemSimulator, resolveSim } from './simulator'
export type {
  AtModemSimulatorOptions,
  LatencyOptions,
  RegistrationPreset,
  RegistrationUpdate,
  SimOptions,
  UrcStorm
} from './simulator'
export { DEVICE_PROFILES } from './profiles/devices'
export type { DeviceProfile, DeviceProfileId, Vendor } from './profiles/devices'
export { SIM_PROFILES } from './profiles/sims'
export type { SimCardSpec, SimProfileId } from './profiles/sims'
export type { Timings } from './core/modem-core'
