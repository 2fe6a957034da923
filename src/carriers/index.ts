// The carrier data layer's public surface: packs (schema, loader), SIM identification, APN suggestions from
// packs and the generated database, number and identifier checks, USSD reply parsing, troubleshooters and the
// portal helpers. Everything here is plain Node; nothing imports electron or the UI.
export * from './result'
export * from './pack-schema'
export * from './pack-loader'
export * from './plmn'
export * from './iccid'
export * from './mvno-match'
export * from './identify'
export * from './apn-suggest'
export * from './numbers'
export * from './ussd-reply'
export * from './troubleshoot'
export * from './portal'
export * from './garden'
export type { ApnDb, ApnDbEntry } from './apn-db/schema'
export { loadApnDb, parseApnDbText, type ApnDbLoadError } from './apn-db/load'
