// The host's window onto the carrier packs: loads the built-in packs and the user's overrides once (problems
// are logged and kept for anyone who asks), loads the generated APN database only when something first needs
// it (half a megabyte the host should not parse at start-up), and turns a device's latest reading into the SIM
// facts and the identification every carrier method starts from. The user's pick of a brand (after "ask the
// user") is applied here, so every method sees the same carrier.
import { join } from 'node:path'
import {
  assessRoaming,
  gardenHostsOf,
  identifySim,
  loadApnDb,
  loadCarrierPacks,
  normalizeIccid,
  type ApnDb,
  type Brand,
  type BrandRef as PackBrandRef,
  type CarrierPack,
  type DeviceFacts,
  type Identification,
  type PackProblem,
  type PackSet,
  type SimFacts
} from '../carriers'
import type { GardenHost } from '../connectivity/classify'
import type { BrandChoice } from '../contract/carrier'
import { ContractError } from '../contract/errors'
import type { DeviceStatus } from '../contract/model'
import { resourcesDir } from './resources-dir'

export interface CarrierServiceOptions {
  /** Built-in packs; default: resources/carriers. */
  builtinDir?: string
  /** The user's overrides (the data folder's carriers/); a missing folder is normal. */
  overrideDir?: string
  /** The generated APN database; default: resources/apn/apn-db.json. */
  apnDbFile?: string
  log?: (line: string) => void
}

/** Everything a carrier method needs about one device's SIM, resolved once per request. */
export interface SimContext {
  deviceId: string
  status: DeviceStatus
  simFacts: SimFacts
  deviceFacts: DeviceFacts
  identification: Identification
  /** The carrier in use: the user's pick, else the identification's. */
  pack?: CarrierPack
  brand?: Brand
  /** The brand as identify.ts describes it (with the match), or the pick's. */
  brandRef?: PackBrandRef
  chosen: boolean
  roaming: Identification['roaming']
}

export class CarrierService {
  private packSet: Promise<PackSet> | undefined
  private apnDbLoad: Promise<ApnDb | undefined> | undefined
  private readonly builtinDir: string
  private readonly apnDbFile: string

  constructor(private readonly options: CarrierServiceOptions = {}) {
    this.builtinDir = options.builtinDir ?? join(resourcesDir(), 'carriers')
    this.apnDbFile = options.apnDbFile ?? join(resourcesDir(), 'apn', 'apn-db.json')
  }

  /** The packs, loaded on first use and kept; every load problem is logged once. */
  packs(): Promise<PackSet> {
    this.packSet ??= loadCarrierPacks({
      builtinDir: this.builtinDir,
      ...(this.options.overrideDir !== undefined ? { overrideDir: this.options.overrideDir } : {})
    }).then((set) => {
      for (const problem of set.problems) this.options.log?.(`carrier packs: ${problem.message}`)
      const overrides = set.packs.filter((item) => item.origin === 'override').map((item) => item.pack.id)
      if (overrides.length > 0) this.options.log?.(`carrier packs: using the user's override for ${overrides.join(', ')}`)
      return set
    })
    return this.packSet
  }

  /** Pack load problems (broken overrides, unreadable folders), for diagnostics and tests. */
  async problems(): Promise<PackProblem[]> {
    return (await this.packs()).problems
  }

  /** The APN database, loaded the first time it is needed; undefined (logged) when it cannot be read. */
  apnDb(): Promise<ApnDb | undefined> {
    this.apnDbLoad ??= loadApnDb(this.apnDbFile).then((result) => {
      if (result.ok) return result.value
      this.options.log?.(`APN database: ${result.error.message}; suggestions come from the carrier packs only`)
      return undefined
    })
    return this.apnDbLoad
  }

  async pack(packId: string): Promise<CarrierPack | undefined> {
    return (await this.packs()).packs.find((item) => item.pack.id === packId)?.pack
  }

  /**
   * Walled-garden hosts for the connectivity check: the SIM's own pack first (its hosts decide a redirect's
   * carrier), then every other pack's. A SIM that cannot be identified gets all of them.
   */
  async gardenHosts(status?: DeviceStatus): Promise<{ own: GardenHost[]; all: GardenHost[] }> {
    const packs = (await this.packs()).packs.map((item) => item.pack)
    let ownId: string | undefined
    if (status) ownId = (await this.resolve(status).catch(() => undefined))?.pack?.id
    const own = packs.filter((pack) => pack.id === ownId)
    return { own: gardenHostsOf(own), all: gardenHostsOf([...own, ...packs.filter((pack) => pack.id !== ownId)]) }
  }

  /** The device's SIM, identified; `choice` (the user's pick) overrides the guess. */
  async resolve(status: DeviceStatus, choice?: BrandChoice): Promise<SimContext> {
    const [set, apnDb] = await Promise.all([this.packs(), this.apnDb()])
    const packs = set.packs.map((item) => item.pack)
    const simFacts = simFactsOf(status)
    const context = apnDb ? { packs, apnDb } : { packs }
    const identification = identifySim(simFacts, context)
    const result: SimContext = {
      deviceId: status.deviceId,
      status,
      simFacts,
      deviceFacts: deviceFactsOf(status),
      identification,
      chosen: false,
      roaming: identification.roaming
    }
    if (choice) {
      const pack = packs.find((item) => item.id === choice.packId)
      const brand = pack?.brands.find((item) => item.id === choice.brandId)
      if (!pack || !brand) {
        throw new ContractError('BAD_INPUT', `No carrier pack "${choice.packId}" with brand "${choice.brandId}".`, {
          path: 'params.brand',
          packId: choice.packId,
          brandId: choice.brandId
        })
      }
      const brandRef: PackBrandRef = { packId: pack.id, brandId: brand.id, names: brand.names, kind: brand.kind, supported: brand.supported }
      // Roaming depends on the brand (an MVNO's host network counts as home), so it is judged again for the pick.
      const serving = identification.roaming?.serving
      const picked = { ...brandRef, match: { kind: 'home-plmn' as const, sources: brand.sources, description: { en: 'Chosen by the user', ja: 'ユーザーが選択' } } }
      const roaming = identification.home && serving ? assessRoaming(identification.home, serving, picked, context) : identification.roaming
      return { ...result, pack, brand, brandRef, chosen: true, roaming }
    }
    const carrier = identification.carrier
    if (carrier) {
      const pack = packs.find((item) => item.id === carrier.packId)
      const brand = pack?.brands.find((item) => item.id === carrier.brandId)
      if (pack && brand) return { ...result, pack, brand, brandRef: carrier }
    }
    return result
  }

  /** Like resolve, but a carrier is required (plan, portals, troubleshooters). */
  async resolveCarrier(status: DeviceStatus, choice?: BrandChoice): Promise<SimContext & { pack: CarrierPack; brand: Brand; brandRef: PackBrandRef }> {
    const context = await this.resolve(status, choice)
    if (!context.pack || !context.brand || !context.brandRef) {
      throw new ContractError(
        'UNSUPPORTED',
        'The SIM in this device could not be matched to a carrier Hotspot Desk knows. Choose the carrier, if it is listed.',
        { deviceId: status.deviceId, askUser: true }
      )
    }
    return context as SimContext & { pack: CarrierPack; brand: Brand; brandRef: PackBrandRef }
  }
}

/** The SIM facts identify.ts reads, from what the driver reported. Only present, non-empty values. */
export function simFactsOf(status: DeviceStatus): SimFacts {
  const facts: SimFacts = {}
  const { sim, registration } = status
  if (sim.imsi) facts.imsi = sim.imsi
  if (sim.iccid) facts.iccid = sim.iccid
  if (sim.spn) facts.spn = sim.spn
  // A PLMN left over from before the device lost its registration is not where it is now.
  if (registration.plmn && (registration.state === 'home' || registration.state === 'roaming' || registration.state === 'unknown')) {
    facts.servingPlmn = registration.plmn
  }
  return facts
}

export function deviceFactsOf(status: DeviceStatus): DeviceFacts {
  const facts: DeviceFacts = {}
  if (status.sim.msisdn) facts.msisdn = status.sim.msisdn
  if (status.sim.iccid) facts.iccid = status.sim.iccid
  if (status.sim.imsi) facts.imsi = status.sim.imsi
  if (status.identity.imei) facts.imei = status.identity.imei
  return facts
}

/** A stable id for the line in the device: its ICCID (normalized) when known, else the device. */
export function lineIdentity(status: DeviceStatus): string {
  const iccid = status.sim.iccid ? normalizeIccid(status.sim.iccid) : undefined
  return iccid?.ok ? `iccid:${iccid.value.iccid}` : `device:${status.deviceId}`
}
