// The Inseego MiFi (M2000 / M3000 class) simulator: unauthenticated /srv/status JSON on loopback HTTP.
export { InseegoSimulator, type InseegoSimulatorOptions, type Latency } from './simulator'
