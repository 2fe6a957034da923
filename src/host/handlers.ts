// What each contract method does. Thin: the device manager and the demo controller do the work.
import { ContractError } from '../contract/errors'
import { CONTRACT_VERSION } from '../contract/version'
import type { HandlerTable } from './contract-server'
import type { DemoController } from './demo'
import type { DeviceManager } from './device-manager'

export interface HandlerDeps {
  manager: DeviceManager
  demo: DemoController
  appVersion: string
  hostId: string
}

export function createHandlers({ manager, demo, appVersion, hostId }: HandlerDeps): HandlerTable {
  return {
    'app.hello': ({ contractVersion }) => {
      if (contractVersion !== CONTRACT_VERSION) {
        throw new ContractError(
          'VERSION_MISMATCH',
          `This host speaks contract version ${CONTRACT_VERSION}; the client speaks ${contractVersion}. Update the app.`,
          { hostVersion: CONTRACT_VERSION, clientVersion: contractVersion }
        )
      }
      return { contractVersion: CONTRACT_VERSION, appVersion, hostId, platform: process.platform, demoRunning: demo.running }
    },
    'devices.list': () => ({ devices: manager.list() }),
    'device.status': ({ deviceId }) => manager.status(deviceId),
    'devices.subscribe': ({ focusDeviceId }, client) => {
      if (focusDeviceId != null && !manager.has(focusDeviceId)) {
        throw new ContractError('NOT_FOUND', `No device with id "${focusDeviceId}".`, { deviceId: focusDeviceId })
      }
      client.subscribed = true
      manager.setFocus(client.clientId, focusDeviceId ?? null)
      return { devices: manager.list() }
    },
    'devices.unsubscribe': (_params, client) => {
      const was = client.subscribed
      client.subscribed = false
      manager.clearClient(client.clientId)
      return { unsubscribed: was }
    },
    'demo.start': () => demo.start(),
    'demo.stop': async () => ({ stopped: await demo.stop() })
  }
}
