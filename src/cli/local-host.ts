// The host a command starts in its own process when it is not told to --connect: the very host serve
// mode builds (same registry, drivers, secrets file, USB/serial discovery without any network probing),
// minus the history recorder, since a command lives for seconds. Devices the user names with --address
// are fingerprinted by the drivers' own probes and added through host.addDevice, like discovery does.
import { join } from 'node:path'
import type { DriverRegistry } from '../devices/driver'
import { probeLanTargets } from '../devices/discovery'
import { createDefaultDiscovery } from '../host/default-discovery'
import { createHost, type Host } from '../host/host'
import { LocalKeyCipher } from '../host/secrets/secret-cipher'
import { FileSecretStore } from '../host/secrets/secret-store'
import { EXIT } from './exit-codes'
import { CliFailure } from './failure'

export interface LocalHostRequest {
  /** The families to drive; --address devices are fingerprinted against the same ones. */
  registry: DriverRegistry
  /** Start the demo fleet. */
  demo: boolean
  /** Where remembered passwords live (the platform's config folder, or HOTSPOT_DESK_DATA_DIR). */
  dataDir: string
  log?: (line: string) => void
}

export type HostFactory = (request: LocalHostRequest) => Promise<Host>

/**
 * Remembered device passwords without an OS keychain: sealed with a key file only this user can read.
 * Serve mode and the command line share them, so "login --remember" serves both.
 */
export function plainNodeSecretStore(dataDir: string): FileSecretStore {
  return new FileSecretStore(join(dataDir, 'credentials-serve.json'), new LocalKeyCipher(join(dataDir, 'serve.key')))
}

export const createLocalHost: HostFactory = ({ registry, demo, dataDir, log }) =>
  createHost({
    registry,
    secrets: plainNodeSecretStore(dataDir),
    history: false,
    carriers: { overrideDir: join(dataDir, 'carriers') },
    dataDir,
    // Like serve mode: this machine's USB and serial ports only; never a network probe.
    discovery: createDefaultDiscovery({ registry, allowLanProbe: false }),
    startDemo: demo,
    ...(log ? { log } : {})
  })

/** How long one family's probe of an --address may take: a hotspot's web server answers within a second or two. */
const ADDRESS_PROBE_TIMEOUT_MS = 4000

/**
 * Adds the hotspot at `baseUrl` (an origin such as "http://192.168.8.1") to the host, under the id discovery
 * would give it. Only the address the user typed is probed, never its neighbours.
 */
export async function addDeviceByAddress(host: Host, registry: DriverRegistry, baseUrl: string): Promise<string> {
  const id = baseUrl
  if (host.manager.has(id)) return id
  const { hits } = await probeLanTargets([{ baseUrl, address: new URL(baseUrl).hostname, via: 'manual' }], registry.all(), {
    timeoutMs: ADDRESS_PROBE_TIMEOUT_MS
  })
  const hit = hits[0]
  if (!hit) {
    const families = registry
      .all()
      .filter((family) => family.connectionKinds.includes('http'))
      .map((family) => family.label)
    throw new CliFailure(
      EXIT.notFound,
      `Nothing at ${baseUrl} answered like a hotspot Hotspot Desk knows (${families.join('; ')}).`,
      "Check the address (it is the page you open to manage the hotspot, often http://192.168.8.1 or http://192.168.0.1) and that this computer is on the hotspot's Wi-Fi or USB network."
    )
  }
  const name = hit.fingerprint.model ?? registry.get(hit.familyId)?.label ?? baseUrl
  await host.addDevice({ id, name, familyId: hit.familyId, target: { connection: hit.connection } })
  return id
}
