// The AT stack for serial modems: the engine (one command at a time, URC routing, resync, SMS prompt), its
// errors and transcript, the pure response parsers and the text/SMS codecs. Drivers import from here.
export { AtEngine } from './engine'
export type { AtCommandOptions, AtEngineOptions, AtEngineState, AtResponse } from './engine'
export { AtCommandError, type AtErrorKind } from './errors'
export { CME_ERRORS, CMS_ERRORS, parseFinalResult, type FinalResult } from './result-codes'
export { KNOWN_URCS, isKnownUrc, isTwoLineUrc, lineName, type AtUrc } from './urc'
export { DEFAULT_TIMEOUTS, DEFAULT_TIMEOUT_MS, describeCommand, redactCommand, type CommandSpec, type TimeoutRule } from './command-spec'
export type { TranscriptEntry, TranscriptKind } from './transcript'
export type { ParseError, ParseErrorKind, ParseInput, ParseResult } from './result'
export * from './parsers'
export * from './codecs'
