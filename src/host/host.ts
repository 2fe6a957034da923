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
import { SettingsService } from './settings-service'
import { startNotificationHub } from './notifications'
import { PlanFactsTracker } from './plan-facts'
import type { HostToMainDeskMessage } from '../contract/settings'
import type { SecretStore } from './secrets/secret-store'
import { APP_VERSION } from './version'
import { LogRing } from './log-ring'
import { openStationDatabase, type StationDatabase } from './station-database'
import { StationService } from './station-service'
import { createShopInventory } from './inventory-service'
import { CredentialBook } from '../shop/credential-book'
import type { ProvisioningTiming } from '../shop/unit-provisioning'

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
  /** Batch job timing (step timeouts, rollback retries); tests shorten it. */
  stationTiming?: Partial<ProvisioningTiming>
  /** The desktop shell (Electron main): tray lines and OS notifications. Absent in serve mode. */
  desk?: (message: HostToMainDeskMessage) => void
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
  /** Golden profiles and batch jobs (the UnitProvisioner the returns check-in uses). */
  readonly stationService: StationService
  /** settings.json (saved only when dataDir is given). */
  readonly settings: SettingsService
  /** The host's recent log lines, for the diagnostics bundle. */
  readonly logs: LogRing
  attach(channel: ClientChannel): void
  /** Adds a device, with its remembered password when there is one. */
  addDevice(options: AddDeviceOptions): Promise<void>
  close(): Promise<void>
}

export async function createHost(hostOptions: HostOptions = {}): Promise<Host> {
  // Every log line is also kept in memory for the diagnostics bundle (logs/host.log).
  const logs = new LogRing()
  const options: HostOptions = { ...hostOptions, log: logs.tee(hostOptions.log) }
  const hostId = randomUUID()
  // The station reads the admin credentials drivers are created with (changing a password needs the current one).
  const credentialBook = new CredentialBook()
  const registry = credentialBook.wrap(options.registry ?? createDefaultRegistry())
  const manager = new DeviceManager(registry, { rates: options.rates ?? {} })
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
  const planEndListeners = new Set<(device: { id: string; name: string }, isoDate: string) => void>()
  const planFacts = new PlanFactsTracker({
    carriers,
    status: (deviceId) => manager.status(deviceId),
    device: (deviceId) => manager.list().find((item) => item.id === deviceId),
    planEnd: (device, isoDate) => planEndListeners.forEach((listener) => listener(device, isoDate))
  })
  const portals = new PortalService({
    carriers,
    gateway: options.portalGateway ?? new TabPortalGateway(),
    status: (deviceId) => manager.status(deviceId),
    publish: (change) => server.broadcast('portal.changed', change),
    ...(options.portalOverrides ? { overrides: options.portalOverrides } : {}),
    ...(options.log ? { log: options.log } : {})
  })
  const station = openStationDatabase(options.dataDir, options.log)
  // Built before the station core: re-applying a profile on check-in asks for it lazily.
  const shopInventory = createShopInventory({
    station,
    secrets,
    manager,
    operations,
    provisioner: () => stationService,
    publish: (progress) => server.broadcast('returns.progress', progress),
    ...(options.log ? { log: options.log } : {})
  })
  const stationService = new StationService({
    station,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    manager,
    registry,
    credentials: credentialBook,
    addDevice: (add) => addDevice(add),
    ...(secrets ? { secrets } : {}),
    publish: (progress) => server.broadcast('batch.progress', progress),
    ...(options.stationTiming ? { timing: options.stationTiming } : {}),
    ...(options.log ? { log: options.log } : {})
  })
  if ('inventory' in shopInventory) stationService.setInventorySink(shopInventory.inventory)
  const historyStore = history.service?.store
  const settings = new SettingsService({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(historyStore
      ? {
          retention: {
            get: () => historyStore.retentionDays(),
            set: (days: number) => {
              historyStore.setRetentionDays(days)
              void history.service?.recorder.pruneNow()
            }
          }
        }
      : {}),
    applyPolling: (rates) => manager.setRates(rates),
    ...(options.log ? { log: options.log } : {})
  })
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
      carrier: { carriers, portals, status: (deviceId) => manager.status(deviceId), planFacts },
      ussdReplies: (deviceId, code, reply) => {
        planFacts.observe(deviceId, code, reply).catch((error: unknown) => options.log?.(`plan facts: ${(error as Error).message}`))
      },
      allowPublicProbes: options.allowPublicProbes ?? false,
      diagnostics: { logs, publish: (progress) => server.broadcast('diagnostics.progress', progress) },
      station,
      shop: stationService,
      inventory: shopInventory,
      settings: { settings, secrets, manager }
    }),
    onClientClosed: (client) => manager.clearClient(client.clientId),
    ...(options.log ? { log: options.log } : {})
  })
  const stopForwarding = manager.onChange((change) => server.broadcast('device.changed', change))
  const stopSettingsEvents = settings.onChange((changed) => server.broadcast('settings.changed', changed))
  const stopNotifications = startNotificationHub({
    manager,
    settings: () => settings.preferences(),
    publish: (notification) => server.broadcast('notification', notification),
    planEnds: (listener) => {
      planEndListeners.add(listener)
      return () => planEndListeners.delete(listener)
    },
    ...(options.desk ? { desk: options.desk } : {})
  })

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
    logs,
    carriers,
    portals,
    station,
    stationService,
    settings,
    attach: (channel) => void server.attach(channel),
    addDevice,
    async close() {
      stopForwarding()
      stopSettingsEvents()
      stopNotifications()
      portals.dispose()
      discovery?.stop()
      server.closeAll()
      // Running jobs stop where they are; the next start marks them interrupted for batch.resume.
      stationService.close()
      await demo.stop()
      await manager.close()
      // After the manager: the last readings are written before the file closes.
      await history.service?.close()
      await shopInventory.close()
      station.db?.close()
    }
  }
}
