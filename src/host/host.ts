// The core host: one device manager, one contract server, the demo. Electron's utilityProcess and
// serve mode both build exactly this and attach their clients' channels to it.
import { randomUUID } from 'node:crypto'
import type { DriverRegistry } from '../devices/driver'
import { createDefaultRegistry } from '../devices/registry'
import type { ClientChannel } from './channels/channel'
import { ContractServer } from './contract-server'
import { DemoController, type DemoOptions } from './demo'
import { DeviceManager } from './device-manager'
import { createHandlers } from './handlers'
import type { PollingRates } from './polling-policy'
import { APP_VERSION } from './version'

export interface HostOptions {
  registry?: DriverRegistry
  rates?: Partial<PollingRates>
  demo?: DemoOptions
  /** Start the demo hotspot right away (serve --demo, or the desktop app with nothing attached). */
  startDemo?: boolean
  log?: (line: string) => void
}

export interface Host {
  readonly hostId: string
  readonly manager: DeviceManager
  readonly server: ContractServer
  readonly demo: DemoController
  attach(channel: ClientChannel): void
  close(): Promise<void>
}

export async function createHost(options: HostOptions = {}): Promise<Host> {
  const hostId = randomUUID()
  const manager = new DeviceManager(options.registry ?? createDefaultRegistry(), { rates: options.rates ?? {} })
  const demo = new DemoController(manager, options.demo)
  const server = new ContractServer({
    handlers: createHandlers({ manager, demo, appVersion: APP_VERSION, hostId }),
    onClientClosed: (client) => manager.clearClient(client.clientId),
    ...(options.log ? { log: options.log } : {})
  })
  const stopForwarding = manager.onChange((change) => server.broadcast('device.changed', change))
  if (options.startDemo) await demo.start()

  return {
    hostId,
    manager,
    server,
    demo,
    attach: (channel) => void server.attach(channel),
    async close() {
      stopForwarding()
      server.closeAll()
      await demo.stop()
      await manager.close()
    }
  }
}
