// The contract's carrier, APN-suggestion and portal methods. Thin: the carrier service identifies the SIM from
// the device's latest reading, the view builders shape the answer, the portal service opens portals.
import { suggestApns, type TroubleFacts } from '../carriers'
import type { CarrierLocale } from '../contract/carrier'
import { ContractError } from '../contract/errors'
import type { DeviceStatus } from '../contract/model'
import type { Handler } from './contract-server'
import type { CarrierService } from './carrier-service'
import { apnSuggestionView, identityView, planView, troubleshootView } from './carrier-view'
import type { PortalService } from './portal-service'
import { lastReadingView, type PlanFactsTracker } from './plan-facts'

export interface CarrierHandlerDeps {
  carriers: CarrierService
  portals: PortalService
  /** The device's latest reading; waits for one poll when there is none (DeviceManager.status). */
  status: (deviceId: string) => Promise<DeviceStatus>
  /** Plan facts read from USSD replies; carrier.plan adds the latest as lastReading. */
  planFacts?: Pick<PlanFactsTracker, 'latest'>
}

export type CarrierMethod =
  | 'carrier.identify'
  | 'carrier.plan'
  | 'carrier.troubleshoot'
  | 'apn.suggest'
  | 'portal.open'
  | 'portal.openCaptive'
  | 'portal.close'
  | 'portal.clearData'
  | 'portal.explainError'

export function createCarrierHandlers({ carriers, portals, status, planFacts }: CarrierHandlerDeps): { [M in CarrierMethod]: Handler<M> } {
  const localeOf = (locale: CarrierLocale | undefined): CarrierLocale => locale ?? 'en'
  return {
    'carrier.identify': async ({ deviceId, locale, brand }) => {
      const reading = await status(deviceId)
      const context = await carriers.resolve(reading, brand)
      const packs = (await carriers.packs()).packs.map((item) => item.pack)
      return identityView(context, packs, localeOf(locale))
    },
    'carrier.plan': async ({ deviceId, locale, brand }) => {
      const reading = await status(deviceId)
      const context = await carriers.resolveCarrier(reading, brand)
      const plan = planView(context, portals.mode, localeOf(locale))
      const facts = planFacts?.latest(reading)
      return facts ? { ...plan, lastReading: lastReadingView(facts) } : plan
    },
    'carrier.troubleshoot': async ({ deviceId, troubleshooterId, answers, loginIdentifier, locale, brand }) => {
      const reading = await status(deviceId)
      const context = await carriers.resolveCarrier(reading, brand)
      const troubleshooter = context.pack.troubleshooters.find((item) => item.id === troubleshooterId)
      if (!troubleshooter) {
        throw new ContractError('NOT_FOUND', `The ${context.pack.names.en} pack has no troubleshooter "${troubleshooterId}".`, {
          troubleshooterId
        })
      }
      return troubleshootView(deviceId, context.pack, troubleshooter, troubleFacts(reading, loginIdentifier), answers ?? {}, localeOf(locale))
    },
    'apn.suggest': async ({ deviceId, locale, brand }) => {
      const context = await carriers.resolve(await status(deviceId), brand)
      const [set, apnDb] = await Promise.all([carriers.packs(), carriers.apnDb()])
      const suggestions = suggestApns({
        identification: context.identification,
        facts: context.simFacts,
        packs: set.packs.map((item) => item.pack),
        ...(apnDb ? { apnDb } : {}),
        ...(context.chosen && context.brandRef ? { brand: { packId: context.brandRef.packId, brandId: context.brandRef.brandId } } : {})
      })
      return { suggestions: suggestions.map((suggestion) => apnSuggestionView(suggestion, localeOf(locale))) }
    },
    'portal.open': (params) => portals.open(params),
    'portal.openCaptive': (params) => portals.openCaptive(params),
    'portal.close': (params) => portals.close(params),
    'portal.clearData': (params) => portals.clearData(params),
    'portal.explainError': (params) => portals.explain(params)
  }
}

/**
 * What the device tells a troubleshooter without asking. "unknown" is left out on purpose: a check that fails
 * on "denied" must not pass just because the device could not say.
 */
export function troubleFacts(reading: DeviceStatus, loginIdentifier?: string): TroubleFacts {
  const facts: TroubleFacts = {}
  if (reading.registration.state !== 'unknown') facts['registration.state'] = reading.registration.state
  if (reading.registration.plmn) facts['registration.plmn'] = reading.registration.plmn
  if (reading.sim.state !== 'unknown') facts['sim.state'] = reading.sim.state
  if (reading.data.state !== 'unknown') facts['data.state'] = reading.data.state
  if (loginIdentifier !== undefined && loginIdentifier.trim() !== '') facts['login.identifier'] = loginIdentifier
  return facts
}
