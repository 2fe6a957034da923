// A fleet of simulated units on 127.0.0.1 for the station's batch tests and bench: Huawei, ZTE and Netgear
// simulators, each with its own seed (so its own IMEI), and a host-independent view of what each unit holds
// (SSID, Wi-Fi key, admin password, APN in use) to compare with a snapshot taken before a job.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROFILE_SCHEMA_ID, type GoldenProfileInput } from '../../src/contract/shop'
import { createDefaultRegistry } from '../../src/devices/registry'
import { createHost, type Host } from '../../src/host/host'
import type { ProvisioningTiming } from '../../src/shop/unit-provisioning'
import { HuaweiHilinkSimulator, type HuaweiHilinkSimulatorOptions } from '../../src/simulators/huawei-hilink'
import { NetgearSimulator } from '../../src/simulators/netgear'
import { ZteGoformSimulator } from '../../src/simulators/zte-goform'

export type FleetUnit =
  | { id: string; kind: 'huawei'; sim: HuaweiHilinkSimulator; baseUrl: string }
  | { id: string; kind: 'zte'; sim: ZteGoformSimulator; baseUrl: string }
  | { id: string; kind: 'netgear'; sim: NetgearSimulator; baseUrl: string }

export interface UnitSpec {
  id: string
  kind: FleetUnit['kind']
  seed: number
  huawei?: HuaweiHilinkSimulatorOptions
}

/** What a unit holds, read from the simulator itself (not through our drivers). */
export interface UnitState {
  ssid: string | undefined
  key: string | undefined
  adminPassword: string
  /** The APN in use; undefined where the simulator does not show it (Netgear). */
  apn: string | undefined
  apnProfiles: number | undefined
}

export async function startUnit(spec: UnitSpec, latencyMs: number): Promise<FleetUnit> {
  switch (spec.kind) {
    case 'huawei': {
      const sim = new HuaweiHilinkSimulator({ variant: 'E5577', seed: spec.seed, latencyMs, dataConnectMs: 150, dataDisconnectMs: 50, wifiRestartMs: 200, ...spec.huawei })
      const { baseUrl } = await sim.start()
      return { id: spec.id, kind: 'huawei', sim, baseUrl }
    }
    case 'zte': {
      const sim = new ZteGoformSimulator({ profile: 'MF79U', seed: spec.seed, latencyMs, connectDelayMs: 150, disconnectDelayMs: 50, wifiRestartMs: 200 })
      const { baseUrl } = await sim.start()
      return { id: spec.id, kind: 'zte', sim, baseUrl }
    }
    case 'netgear': {
      const sim = new NetgearSimulator({ seed: spec.seed, latencyMs, connectDelayMs: 150, wifiRestartMs: 200 })
      const { baseUrl } = await sim.start()
      return { id: spec.id, kind: 'netgear', sim, baseUrl }
    }
  }
}

export function stateOf(unit: FleetUnit): UnitState {
  switch (unit.kind) {
    case 'huawei': {
      const { list, current } = unit.sim.profiles
      return {
        ssid: unit.sim.wifi?.ssid,
        key: unit.sim.wifi?.wpaKey,
        adminPassword: unit.sim.credentials.password,
        apn: list.find((profile) => profile.index === current)?.apn,
        apnProfiles: list.length
      }
    }
    case 'zte': {
      const table = unit.sim.apnTable
      return {
        ssid: unit.sim.wifi.ssid,
        key: unit.sim.wifi.passphrase,
        adminPassword: unit.sim.credentials.password,
        apn: table.profiles[table.currentIndex]?.apn,
        apnProfiles: table.profiles.length
      }
    }
    case 'netgear':
      return { ssid: unit.sim.wifi.ssid, key: unit.sim.wifi.passPhrase, adminPassword: unit.sim.credentials.password, apn: undefined, apnProfiles: undefined }
  }
}

export const FAMILY_OF: Record<FleetUnit['kind'], string> = { huawei: 'huawei-hilink', zte: 'zte-goform', netgear: 'netgear' }

export async function addUnit(host: Host, unit: FleetUnit): Promise<void> {
  await host.addDevice({
    id: unit.id,
    name: unit.id,
    familyId: FAMILY_OF[unit.kind],
    target: { connection: { kind: 'http', baseUrl: unit.baseUrl }, credentials: unit.sim.credentials }
  })
}

export async function stationHost(dataDir: string, timing: Partial<ProvisioningTiming>, backgroundMs = 1000): Promise<Host> {
  return createHost({ registry: createDefaultRegistry(), history: false, dataDir, stationTiming: timing, rates: { focusedMs: 500, backgroundMs } })
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hd-station-'))
}

/** Waits until every listed device has its first reading. */
export async function waitReady(host: Host, ids: readonly string[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const notReady = ids.filter((id) => host.manager.get(id).summary().state !== 'ready' || !host.manager.get(id).status())
    if (notReady.length === 0) return
    if (Date.now() > deadline) throw new Error(`not ready: ${notReady.map((id) => `${id} (${host.manager.get(id).summary().state})`).join(', ')}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A shop profile every family can take; settings a unit lacks are skipped. */
export function shopProfile(overrides: Partial<GoldenProfileInput> = {}): GoldenProfileInput {
  return {
    schema: PROFILE_SCHEMA_ID,
    id: 'shop-test',
    name: 'Shop test',
    apn: { name: 'Shop Data', apn: 'pcweb.tmobile.com' },
    wifi: { ssid: 'RENT-{imei4}-{n}', key: { mode: 'generate', length: 12, alphabet: 'alnum-unambiguous' } },
    adminPassword: { mode: 'generate', length: 16, alphabet: 'alnum' },
    dataPlan: { limitBytes: 5 * 1024 ** 3, startDay: 1 },
    autoUpdate: false,
    resetCounters: true,
    unsupported: 'skip',
    ...overrides
  }
}
