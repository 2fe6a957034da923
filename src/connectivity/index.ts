// Walled-garden / captive-portal classifier (ARCHITECTURE.md "Walled garden"): plain-HTTP probes with redirects
// off, the hotspot's own registration and data-session report, and the uplink check, into one verdict with a
// remedy key. The host decides the probe targets; nothing here sends anything by itself.
export * from './addresses'
export * from './check'
export * from './classify'
export type { Confidence, Evidence } from './evidence'
export * from './facts'
export * from './probes'
export * from './uplink'
