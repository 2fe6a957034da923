// Contract handlers for app settings and stored credentials.
import type { settingsMethods } from '../contract/settings'
import type { HandlerTable } from './contract-server'

export type SettingsHandlers = Pick<HandlerTable, keyof typeof settingsMethods>

export function createSettingsHandlers(): SettingsHandlers {
  return {}
}
