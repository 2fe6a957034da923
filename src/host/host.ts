// The core host: one device manager, one contract server, the demo. Electron's utilityProcess and
// serve mode both build exactly this and attach their clients' channels to it.
import { randomUUID } from 'node:crypto'
import type { DriverRegistry } from '../devices/driver'
import { createDefaultRegistry } from '../devices/registry'
import type { ClientChannel } from './channels/channel'
import { ContractServer } from './contract-server'
import { DemoController, type DemoOptions } from './demo'
import { DiscoveryBridge, type DiscoverySource } from './discovery-bridge'
import { DeviceManager, type AddDeviceOptions } from './device-manager'
import { credentialAccount, DeviceOperations } from './device-operations'
import { createHandlers } from './handlers'
import type { PollingRates } from './polling-policy'
import type { SecretStore } from './secrets/secret-store'
import { APP_VERSION } from './version'

export interface HostOptions {
  registry?: DriverRegistry
  rates?: Partial<PollingRates>
  demo?: DemoOptions
  /**
   * Start the demo hotspot: right away (serve --demo), or 'when-empty' after the first discovery scan
   * found nothing (the desktop app with no device attached).
   */
  startDemo?: boolean | 'when-empty'
  /** Find devices on USB, serial and (when lanProbe) the attached networks. Off when absent. */
  discovery?: { source: DiscoverySource; lanProbe: boolean }
  /** Where remembered device passwords live (encrypted); none means nothing is remembered. */
  secrets?: SecretStore
  log?: (line: string) => void
}

export interface Host {
  readonly hostId: string
  readonly manager: DeviceManager
  readonly server: ContractServer
  readonly demo: DemoController
  readonly secrets: SecretStore | undefined
  readonly discovery: DiscoveryBridge | undefined
  attach(channel: ClientChannel): void
  /** Adds a device, with its remembered password when there is one. */
  addDevice(options: AddDeviceOptions): Promise<void>
  close(): Promise<void>
}

export async function createHost(options: HostOptions = {}): Promise<Host> {
  const hostId = randomUUID()
  const manager = new DeviceManager(options.registry ?? createDefaultRegistry(), { rates: options.rates ?? {} })
  const demo = new DemoController(manager, options.demo)
  const secrets = options.secrets
  // Operations emit progress only while serving a request, so `server` exists by then.
  const operations = new DeviceOperations(manager, secrets, (progress) => server.broadcast('apn.progress', progress))
  const server = new ContractServer({
    handlers: createHandlers({ manager, operations, demo, discovery: () => discovery, appVersion: APP_VERSION, hostId }),
    onClientClosed: (client) => manager.clearClient(client.clientId),
    ...(options.log ? { log: options.log } : {})
  })
  const stopForwarding = manager.onChange((change) => server.broadcast('device.changed', change))

  const addDevice = async (add: AddDeviceOptions): Promise<void> => {
    let target = add.target
    if (!target.credentials && secrets) {
      const remembered = await secrets.getCredentials(credentialAccount(add.id)).catch((error: unknown) => {
        options.log?.(`could not read the remembered password for ${add.id}: ${(error as Error).message}`)
        return undefined
      })
      if (remembered) target = { ...target, credentials: remembered }
    }
    manager.add({ ...add, target })
  }

  const discovery = options.discovery
    ? new DiscoveryBridge({
        source: options.discovery.source,
        manager,
        addDevice,
        lanProbe: options.discovery.lanProbe,
        publish: (state) => server.broadcast('discovery.changed', state),
        ...(options.log ? { log: options.log } : {})
      })
    : undefined
  if (discovery) {
    await discovery.start().catch((error: unknown) => options.log?.(`first device scan failed: ${(error as Error).message}`))
  }
  if (options.startDemo === true || (options.startDemo === 'when-empty' && manager.list().length === 0)) await demo.start()

  return {
    hostId,
    manager,
    server,
    demo,
    secrets,
    discovery,
    attach: (channel) => void server.attach(channel),
    addDevice,
    async close() {
      stopForwarding()
      discovery?.stop()
      server.closeAll()
      await demo.stop()
      await manager.close()
    }
  }
}
