// The discovery the entry points use. The desktop app may fingerprint the gateways of networks that
// are actually attached (a USB hotspot's own subnet); serve mode never probes a network at all — it
// only looks at USB and serial ports on this machine.
import { join } from 'node:path'
import type { DriverRegistry } from '../devices/driver'
import { DiscoveryService, lanProbeDisabled, NodeUsbSource, systemLanTargets } from '../devices/discovery'
import type { DiscoverySource } from './discovery-bridge'
import { resourcesDir } from './resources-dir'

export interface DefaultDiscoveryOptions {
  registry: DriverRegistry
  /** Whether LAN gateways may be probed (desktop app); HOTSPOT_DESK_NO_LAN_PROBE=1 turns it off anyway. */
  allowLanProbe: boolean
}

export function createDefaultDiscovery({ registry, allowLanProbe }: DefaultDiscoveryOptions): { source: DiscoverySource; lanProbe: boolean } {
  const lanProbe = allowLanProbe && !lanProbeDisabled({})
  const source = new DiscoveryService({
    registry,
    usb: new NodeUsbSource(),
    lanTargets: () => (lanProbe ? systemLanTargets({}) : []),
    lanProbeEnabled: () => lanProbe,
    udevRulesDir: join(resourcesDir(), 'udev')
  })
  return { source, lanProbe }
}
