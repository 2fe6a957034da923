// Contract handlers for app settings and stored credentials. Credentials are listed by account only:
// no password (not even its length) ever leaves the secret store through here.
import { ContractError } from '../contract/errors'
import type { settingsMethods } from '../contract/settings'
import type { HandlerTable } from './contract-server'
import type { DeviceManager } from './device-manager'
import type { SecretStore } from './secrets/secret-store'
import type { SettingsService } from './settings-service'

export type SettingsHandlers = Pick<HandlerTable, keyof typeof settingsMethods>

export interface SettingsHandlerDeps {
  settings: SettingsService
  secrets: SecretStore | undefined
  manager: Pick<DeviceManager, 'list'>
}

const DEVICE_ACCOUNT = /^device:(.+)$/

export function createSettingsHandlers(deps?: SettingsHandlerDeps): SettingsHandlers {
  const require = (): SettingsHandlerDeps => {
    if (!deps) throw new ContractError('UNSUPPORTED', 'Settings are off in this host.')
    return deps
  }
  const result = (settings: SettingsService) => {
    const warning = settings.warning
    return warning ? { settings: settings.get(), warning } : { settings: settings.get() }
  }
  return {
    'settings.get': () => result(require().settings),
    'settings.set': async (patch) => {
      const { settings } = require()
      await settings.set(patch)
      return result(settings)
    },
    'credentials.list': async () => {
      const { secrets, manager } = require()
      if (!secrets) return { storage: null, credentials: [] }
      const names = new Map(manager.list().map((device) => [device.id, device.name]))
      const accounts = await secrets.accounts().catch((error: unknown) => {
        throw new ContractError('INTERNAL', `The remembered passwords could not be read: ${(error as Error).message}`)
      })
      const credentials = accounts.flatMap((account) => {
        const deviceId = DEVICE_ACCOUNT.exec(account)?.[1]
        if (deviceId === undefined) return []
        const name = names.get(deviceId)
        return [{ account, deviceId, connected: name !== undefined, ...(name !== undefined ? { deviceName: name } : {}) }]
      })
      return { storage: secrets.kind, credentials }
    },
    'credentials.forget': async ({ account }) => {
      const { secrets } = require()
      if (!secrets) throw new ContractError('UNSUPPORTED', 'This host does not remember passwords, so there is nothing to forget.')
      if (!DEVICE_ACCOUNT.test(account)) {
        throw new ContractError('BAD_INPUT', `"${account}" is not a device account. Pick one from credentials.list.`, { path: 'params.account' })
      }
      return { forgotten: await secrets.forget(account) }
    }
  }
}
