// What each contract method does. Thin: the device manager and the demo controller do the work.
import { ContractError } from '../contract/errors'
import { CONTRACT_VERSION } from '../contract/version'
import type { HandlerTable } from './contract-server'
import type { DemoController } from './demo'
import type { DeviceManager } from './device-manager'
import type { DeviceOperations } from './device-operations'
import type { DiscoveryBridge } from './discovery-bridge'
import type { DiscoveryState, UssdReply } from '../contract/model'
import { createHistoryHandlers } from './history-handlers'
import type { HistoryAvailability } from './history-service'
import { createCarrierHandlers, type CarrierHandlerDeps } from './carrier-handlers'
import { createConsoleHandlers } from './console-handlers'
import { createShopHandlers } from './shop-handlers'
import { createInventoryHandlers, type InventoryHandlerDeps } from './inventory-handlers'
import { createSettingsHandlers, type SettingsHandlerDeps } from './settings-handlers'
import { createDiagnosticsHandlers, type DiagnosticsHandlerDeps } from './diagnostics-handlers'
import type { StationDatabase } from './station-database'
import type { StationService } from './station-service'

export interface HandlerDeps {
  manager: DeviceManager
  operations: DeviceOperations
  demo: DemoController
  discovery: () => DiscoveryBridge | undefined
  appVersion: string
  hostId: string
  /** History (store + recorder), or why it is off. Off when absent. */
  history?: HistoryAvailability
  /** Carrier packs and portals. */
  carrier: CarrierHandlerDeps
  /** Desktop app only: the line check may probe the internet through a hotspot. */
  allowPublicProbes?: boolean
  /** station.db for the shop station (jobs, inventory, returns), or why it is off. */
  station?: StationDatabase
  /** Golden profiles, batch jobs, manual adds; shop methods answer UNSUPPORTED without it. */
  shop?: StationService
  /** The shop inventory and returns, or why they are off; UNSUPPORTED without it. */
  inventory?: InventoryHandlerDeps
  /** The host log and the progress channel of diagnostics bundles. */
  diagnostics?: Pick<DiagnosticsHandlerDeps, 'logs' | 'publish'>
  /** Saved settings and remembered passwords; settings methods answer UNSUPPORTED without them. */
  settings?: SettingsHandlerDeps
  /** Sees every USSD reply the user asked for (plan facts); `code` is undefined for an answer in a session. */
  ussdReplies?: (deviceId: string, code: string | undefined, reply: UssdReply) => void
}

const DISCOVERY_OFF: DiscoveryState = {
  items: [],
  usb: { available: false, reason: 'Device discovery is off in this host.' },
  lanProbe: false,
  scanning: false
}

export function createHandlers({
  manager,
  operations,
  demo,
  discovery,
  appVersion,
  hostId,
  history,
  carrier,
  allowPublicProbes,
  diagnostics,
  settings,
  shop,
  inventory,
  ussdReplies
}: HandlerDeps): HandlerTable {
  return {
    'discovery.state': () => discovery()?.state() ?? DISCOVERY_OFF,
    'discovery.scan': async () => (await discovery()?.scan()) ?? DISCOVERY_OFF,
    'discovery.switchMode': async ({ id }) => {
      const bridge = discovery()
      if (!bridge) throw new ContractError('UNSUPPORTED', 'Device discovery is off in this host.')
      return bridge.switchMode(id)
    },
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
    'demo.stop': async () => ({ stopped: await demo.stop() }),
    'device.refresh': ({ deviceId }) => operations.refresh(deviceId),
    'device.login': (params) => operations.login(params),
    'device.release': ({ deviceId }) => operations.release(deviceId),
    'device.resume': ({ deviceId }) => operations.resume(deviceId),
    'device.control': (params) => operations.control(params),
    'sim.unlock': (params) => operations.unlockSim(params),
    'apn.list': ({ deviceId }) => operations.listApns(deviceId),
    'apn.switch': (params) => operations.switchApn(params),
    'ussd.send': async ({ deviceId, code }) => {
      const reply = await (await operations.ussd(deviceId)).send(code)
      ussdReplies?.(deviceId, code, reply)
      return reply
    },
    'ussd.respond': async ({ deviceId, answer }) => {
      const reply = await (await operations.ussd(deviceId)).respond(answer)
      ussdReplies?.(deviceId, undefined, reply)
      return reply
    },
    'ussd.cancel': async ({ deviceId }) => {
      await (await operations.ussd(deviceId)).cancel()
      return { done: true }
    },
    'sms.list': async ({ deviceId }) => {
      const sms = await operations.sms(deviceId)
      const [messages, storage] = await Promise.all([sms.list(), sms.storage?.()])
      history?.service?.recorder.archiveSms(deviceId, messages)
      return storage ? { messages, storage } : { messages }
    },
    'sms.delete': async ({ deviceId, messageId }) => {
      await (await operations.sms(deviceId)).remove(messageId)
      return { done: true }
    },
    'sms.markRead': async ({ deviceId, messageId }) => {
      const sms = await operations.sms(deviceId)
      if (!sms.markRead) throw new ContractError('UNSUPPORTED', 'This device cannot mark messages as read.')
      await sms.markRead(messageId)
      return { done: true }
    },
    ...createHistoryHandlers(history ?? { reason: 'History is off in this host.' }),
    ...createCarrierHandlers(carrier),
    ...createConsoleHandlers({
      manager,
      allowPublicProbes: allowPublicProbes ?? false,
      garden: { hosts: (status) => carrier.carriers.gardenHosts(status), remember: (deviceId, finding) => carrier.portals.rememberVerdict(deviceId, finding) }
    }),
    ...createShopHandlers(shop),
    ...createInventoryHandlers(inventory),
    ...createSettingsHandlers(settings),
    ...createDiagnosticsHandlers({ manager, appVersion, ...(history ? { history } : {}), ...diagnostics })
  }
}
