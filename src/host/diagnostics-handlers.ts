// Contract handlers for antenna alignment and the diagnostics bundle.
import type { diagnosticsMethods } from '../contract/diagnostics'
import type { HandlerTable } from './contract-server'

export type DiagnosticsHandlers = Pick<HandlerTable, keyof typeof diagnosticsMethods>

export function createDiagnosticsHandlers(): DiagnosticsHandlers {
  return {}
}
