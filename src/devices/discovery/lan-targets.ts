// Which addresses discovery may fingerprint on the LAN. Never a sweep: only the likely gateway of each
// network interface this machine actually has (x.y.z.1 of its private subnet — a pocket hotspot or HiLink
// stick is the DHCP server and gateway of the network it gives us), plus the device families' documented
// default addresses when they fall inside one of those subnets (reference/device-protocols.md §0). An address
// outside every attached subnet would be routed to the internet or a company network, so it is never a
// target. The host decides whether to probe at all: `noLanProbe` or HOTSPOT_DESK_NO_LAN_PROBE=1 turn it off.
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'
import { linuxUsbPosition } from './sysfs-usb'

export interface LanTarget {
  /** What families are fingerprinted against, e.g. "http://192.168.8.1". */
  baseUrl: string
  address: string
  /** gateway: x.y.z.1 of an interface's subnet; default: a family's documented address; manual: given by the caller. */
  via: 'gateway' | 'default' | 'manual'
  /** The local interface the address is reached through. */
  interfaceName?: string
  /** Families that document this address as their default (a hint for names; every family still fingerprints). */
  families?: string[]
  /** USB port ("1-2") of the interface when it is a USB network function: ties a HiLink answer to its USB record. */
  usbLocation?: string
  /** The interface is a USB network function (sysfs says so, or a USB-style name such as usb0 / enx…). */
  usbNetwork?: boolean
}

/** Documented factory addresses (reference/device-protocols.md §0 table; [U] where the table says so). */
export const FAMILY_DEFAULT_ADDRESSES: ReadonlyArray<{ family: string; address: string; note: string }> = [
  { family: 'huawei-hilink', address: '192.168.8.1', note: 'HiLink sticks and E5 Mobile WiFi [V]' },
  { family: 'huawei-hilink', address: '192.168.1.1', note: 'older HiLink E303/E3131 and E5-era units [R]' },
  { family: 'zte-goform', address: '192.168.0.1', note: 'ZTE MF-series [V]' },
  { family: 'zte-goform', address: '192.168.9.1', note: 'Vodafone K4607-Z [V]' },
  { family: 'netgear', address: '192.168.1.1', note: 'Netgear AirCard / Nighthawk [U]' },
  { family: 'inseego', address: '192.168.1.1', note: 'Inseego / Novatel MiFi [U]' },
  { family: 'franklin', address: '192.168.0.1', note: 'Franklin Wireless [U]' },
  { family: 'tplink', address: '192.168.0.1', note: 'TP-Link M7xxx [V]' }
]

export const NO_LAN_PROBE_ENV = 'HOTSPOT_DESK_NO_LAN_PROBE'

export type InterfaceMap = NodeJS.Dict<NetworkInterfaceInfo[]>

interface Subnet {
  interfaceName: string
  own: number
  network: number
  mask: number
}

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.')
  if (parts.length !== 4) return undefined
  let value = 0
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined
    const octet = Number(part)
    if (octet > 255) return undefined
    value = value * 256 + octet
  }
  return value
}

function numberToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.')
}

/** RFC 1918 ranges: where hotspots and USB network functions hand out addresses. */
function isPrivate(address: number): boolean {
  return (
    address >>> 24 === 10 || // 10.0.0.0/8
    address >>> 20 === (172 << 4) + 1 || // 172.16.0.0/12
    address >>> 16 === (192 << 8) + 168 // 192.168.0.0/16
  )
}

function prefixLength(mask: number): number {
  let length = 0
  for (let bit = 31; bit >= 0 && (mask >>> bit) & 1; bit--) length++
  return length
}

/** Private IPv4 subnets (/16 … /30) of the machine's external interfaces. */
export function attachedSubnets(interfaces: InterfaceMap): Subnet[] {
  const subnets: Subnet[] = []
  for (const [interfaceName, addresses] of Object.entries(interfaces)) {
    for (const info of addresses ?? []) {
      // Node < 18.4 reported family as the number 4.
      if ((info.family as string | number) !== 'IPv4' && (info.family as string | number) !== 4) continue
      if (info.internal) continue
      const own = ipv4ToNumber(info.address)
      const mask = ipv4ToNumber(info.netmask)
      if (own === undefined || mask === undefined || !isPrivate(own)) continue
      const prefix = prefixLength(mask)
      if (prefix < 16 || prefix > 30 || mask >>> 0 !== (0xffffffff << (32 - prefix)) >>> 0) continue
      subnets.push({ interfaceName, own, network: (own & mask) >>> 0, mask })
    }
  }
  return subnets
}

/** x.y.z.1 — the first host — of every attached subnet, except where that is this machine itself. */
export function candidateGateways(interfaces: InterfaceMap): Array<{ address: string; interfaceName: string }> {
  const seen = new Set<string>()
  const candidates: Array<{ address: string; interfaceName: string }> = []
  for (const subnet of attachedSubnets(interfaces)) {
    const gateway = subnet.network + 1
    if (gateway === subnet.own) continue
    const address = numberToIpv4(gateway)
    if (seen.has(address)) continue
    seen.add(address)
    candidates.push({ address, interfaceName: subnet.interfaceName })
  }
  return candidates
}

const USB_NETWORK_NAME = /^(usb\d+|enx[0-9a-f]{12}|wwan\d+|wwx[0-9a-f]{12}|rndis\d+)$/

export interface BuildLanTargetsOptions {
  /** The machine's interfaces (os.networkInterfaces() shape). */
  interfaces: InterfaceMap
  /** Add the families' documented defaults that lie inside an attached subnet. Default true. */
  includeDefaults?: boolean
  /** The host's switch: no LAN probing at all. */
  noLanProbe?: boolean
  /** Environment to read HOTSPOT_DESK_NO_LAN_PROBE from; default process.env. */
  env?: NodeJS.ProcessEnv
  /** USB port of a network interface (Linux sysfs by default; injected by tests). */
  usbLocationOf?: (interfaceName: string) => string | undefined
}

export function lanProbeDisabled(options: Pick<BuildLanTargetsOptions, 'noLanProbe' | 'env'>): boolean {
  return options.noLanProbe === true || (options.env ?? process.env)[NO_LAN_PROBE_ENV] === '1'
}

export function buildLanTargets(options: BuildLanTargetsOptions): LanTarget[] {
  if (lanProbeDisabled(options)) return []
  const usbLocationOf =
    options.usbLocationOf ?? ((name: string) => (process.platform === 'linux' ? linuxUsbPosition('net', name)?.location : undefined))
  const describeInterface = (interfaceName: string): Pick<LanTarget, 'interfaceName' | 'usbLocation' | 'usbNetwork'> => {
    const described: Pick<LanTarget, 'interfaceName' | 'usbLocation' | 'usbNetwork'> = { interfaceName }
    const usbLocation = usbLocationOf(interfaceName)
    if (usbLocation) described.usbLocation = usbLocation
    if (usbLocation || USB_NETWORK_NAME.test(interfaceName)) described.usbNetwork = true
    return described
  }

  const targets = new Map<string, LanTarget>()
  for (const { address, interfaceName } of candidateGateways(options.interfaces)) {
    targets.set(address, { baseUrl: `http://${address}`, address, via: 'gateway', ...describeInterface(interfaceName) })
  }
  if (options.includeDefaults !== false) {
    const subnets = attachedSubnets(options.interfaces)
    for (const { family, address } of FAMILY_DEFAULT_ADDRESSES) {
      const value = ipv4ToNumber(address) as number
      const subnet = subnets.find((candidate) => ((value & candidate.mask) >>> 0) === candidate.network && value !== candidate.own)
      if (!subnet) continue
      const existing = targets.get(address)
      if (existing) {
        existing.families = [...new Set([...(existing.families ?? []), family])]
        continue
      }
      targets.set(address, { baseUrl: `http://${address}`, address, via: 'default', families: [family], ...describeInterface(subnet.interfaceName) })
    }
  }
  return [...targets.values()]
}

/** buildLanTargets over this machine's interfaces, read now (interfaces come and go as sticks switch). */
export function systemLanTargets(options: Omit<BuildLanTargetsOptions, 'interfaces'> = {}): LanTarget[] {
  return buildLanTargets({ ...options, interfaces: networkInterfaces() })
}
