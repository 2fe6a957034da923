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
import { openHistory, type HistoryOptions, type HistoryService } from './history-service'
import { CarrierService, type CarrierServiceOptions } from './carrier-service'
import { TabPortalGateway, type PortalGateway } from './portal-gateway'
import { PortalService } from './portal-service'
import type { PollingRates } from './polling-policy'
import type { SecretStore } from './secrets/secret-store'
import { APP_VERSION } from './version'
import { openStationDatabase, type StationDatabase } from './station-database'

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
  /** Record readings to this database file (join(dataDir, 'history.db')); off when absent or false. */
  history?: HistoryOptions | false
  /** Carrier packs: built-in folder, the user's override folder (join(dataDir, 'carriers')), APN database. */
  carriers?: Omit<CarrierServiceOptions, 'log'>
  /** Who shows carrier portals: Electron main's views (desktop) or, by default, the browser's tabs. */
  portalGateway?: PortalGateway
  /**
   * TEST ONLY: portal id (or "packId/portalId") → loopback simulator base address, so a test never reaches a
   * real carrier site. Non-loopback addresses are refused. No entry point sets this (see portal-service.ts).
   */
  portalOverrides?: Readonly<Record<string, string>>
  /** The desktop app lets the user's line check probe the internet through a hotspot; serve mode never does. */
  allowPublicProbes?: boolean
  /**
   * The app's data folder: station.db (shop jobs, inventory, returns), profiles/, settings.json. The shop
   * station and saved settings are off without it (tests that do not need them leave it out).
   */
  dataDir?: string
  log?: (line: string) => void
}

export interface Host {
  readonly hostId: string
  readonly manager: DeviceManager
  readonly server: ContractServer
  readonly demo: DemoController
  readonly secrets: SecretStore | undefined
  readonly discovery: DiscoveryBridge | undefined
  /** The history store and recorder; undefined when history is off or could not be opened. */
  readonly history: HistoryService | undefined
  readonly carriers: CarrierService
  readonly portals: PortalService
  /** station.db, or why the shop station is off. */
  readonly station: StationDatabase
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
  const history = openHistory(
    options.history ? { isFocused: (deviceId) => manager.isFocused(deviceId), ...options.history } : options.history,
    manager,
    options.log,
    options.rates
  )
  const carriers = new CarrierService({ ...options.carriers, ...(options.log ? { log: options.log } : {}) })
  const portals = new PortalService({
    carriers,
    gateway: options.portalGateway ?? new TabPortalGateway(),
    status: (deviceId) => manager.status(deviceId),
    publish: (change) => server.broadcast('portal.changed', change),
    ...(options.portalOverrides ? { overrides: options.portalOverrides } : {}),
    ...(options.log ? { log: options.log } : {})
  })
  const station = openStationDatabase(options.dataDir, options.log)
  // Load the packs now so a broken override is reported at start-up, not on first use.
  void carriers.packs()
  const server = new ContractServer({
    handlers: createHandlers({
      manager,
      operations,
      demo,
      discovery: () => discovery,
      appVersion: APP_VERSION,
      hostId,
      history,
      carrier: { carriers, portals, status: (deviceId) => manager.status(deviceId) },
      allowPublicProbes: options.allowPublicProbes ?? false,
      station
    }),
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
    history: history.service,
    carriers,
    portals,
    station,
    attach: (channel) => void server.attach(channel),
    addDevice,
    async close() {
      stopForwarding()
      portals.dispose()
      discovery?.stop()
      server.closeAll()
      await demo.stop()
      await manager.close()
      // After the manager: the last readings are written before the file closes.
      await history.service?.close()
      station.db?.close()
    }
  }
}
