// Does this computer's internet traffic go through the hotspot? It matters twice: probes only test the hotspot
// when they leave through it, and a user whose only uplink is a hotspot in its carrier's walled garden can reach
// the carrier's purchase page but nothing else — so we offer both ways out (buy through the portal, or join
// another network such as hotel Wi-Fi and buy from there).
//
// checkUplink is pure: it compares the default route (interface, gateway) with the hotspot's interface or LAN
// address. The host gathers the inputs: os.networkInterfaces(), the hotspot's LAN address (its web UI host, e.g.
// 192.168.8.1) or the modem's network interface, and on Linux the routing table from /proc/net/route.
// IPv4 only: pocket routers hand out IPv4 LANs; an IPv6-only default route is reported as unknown.
import { readFile } from 'node:fs/promises'
import { networkInterfaces } from 'node:os'
import { parseIpv4, sameIpv4Subnet } from './addresses'
import type { Confidence, Evidence } from './evidence'

export type UplinkRoute = 'through-hotspot' | 'other-network' | 'unknown'

export interface RouteEntry {
  iface: string
  destination: string
  gateway: string
  mask: string
  /** RTF_* flags: 0x1 up, 0x2 gateway. */
  flags: number
  metric: number
}

/** One interface address as os.networkInterfaces() reports it (family is a number on some Node 18 releases). */
export interface InterfaceAddress {
  address: string
  netmask: string
  family: string | number
  internal: boolean
}
export type InterfaceMap = Readonly<Record<string, readonly InterfaceAddress[] | undefined>>

export interface UplinkInput {
  /** The hotspot's own LAN address (where its web UI answers). */
  hotspotAddress?: string
  /** The network interface the hotspot or modem gives this computer (e.g. "wwan0", "usb0", "ppp0"), when known. */
  hotspotInterface?: string
  interfaces?: InterfaceMap
  /** The routing table (all entries or only the default ones); omit where the platform's table is not read. */
  routes?: readonly RouteEntry[]
}

export type UplinkAdviceKey = 'use-carrier-portal' | 'join-other-network' | 'probes-use-other-network' | 'portal-over-other-network' | 'bind-probes'

export interface UplinkAdvice {
  key: UplinkAdviceKey
  text: string
}

export interface UplinkCheck {
  route: UplinkRoute
  confidence: Confidence
  hotspotInterface?: string
  /** This computer's address on the hotspot's network: give it to runProbes as `localAddress`. */
  localAddress?: string
  defaultInterface?: string
  defaultGateway?: string
  evidence: Evidence[]
  advice: UplinkAdvice[]
}

const RTF_UP = 0x1

/** /proc/net/route addresses are the kernel's 32-bit value in host byte order, printed as hex: little-endian here. */
function procAddress(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return undefined
  const bytes = [hex.slice(6, 8), hex.slice(4, 6), hex.slice(2, 4), hex.slice(0, 2)].map((pair) => parseInt(pair, 16))
  return bytes.join('.')
}

/**
 * Parses the text of Linux /proc/net/route ("Iface Destination Gateway Flags RefCnt Use Metric Mask …", hex
 * little-endian addresses). Lines it cannot read are skipped; never throws.
 */
export function parseProcNetRoute(text: unknown): RouteEntry[] {
  if (typeof text !== 'string') return []
  const lines = text.split(/\r?\n/).slice(0, 4096)
  const header = lines[0]?.trim().split(/\s+/) ?? []
  const column = (name: string, fallback: number): number => {
    const index = header.findIndex((cell) => cell.toLowerCase() === name.toLowerCase())
    return index >= 0 ? index : fallback
  }
  const hasHeader = header[0]?.toLowerCase() === 'iface'
  const at = { iface: column('Iface', 0), dest: column('Destination', 1), gw: column('Gateway', 2), flags: column('Flags', 3), metric: column('Metric', 6), mask: column('Mask', 7) }
  const routes: RouteEntry[] = []
  for (const line of hasHeader ? lines.slice(1) : lines) {
    const cells = line.trim().split(/\s+/)
    if (cells.length < 8) continue
    const destination = procAddress(cells[at.dest] ?? '')
    const gateway = procAddress(cells[at.gw] ?? '')
    const mask = procAddress(cells[at.mask] ?? '')
    const flags = parseInt(cells[at.flags] ?? '', 16)
    const metric = Number(cells[at.metric])
    const iface = cells[at.iface] ?? ''
    if (!destination || !gateway || !mask || !Number.isFinite(flags) || !Number.isFinite(metric) || iface === '') continue
    routes.push({ iface, destination, gateway, mask, flags, metric })
  }
  return routes
}

/** Default routes that are up, best (lowest metric) first. */
export function defaultRoutes(routes: readonly RouteEntry[] | undefined): RouteEntry[] {
  if (!Array.isArray(routes)) return []
  return routes
    .filter((r): r is RouteEntry => typeof r === 'object' && r !== null && typeof r.iface === 'string')
    .filter((r) => r.destination === '0.0.0.0' && r.mask === '0.0.0.0' && (Number(r.flags) & RTF_UP) !== 0)
    .sort((a, b) => (Number(a.metric) || 0) - (Number(b.metric) || 0))
}

/** Reads /proc/net/route (or what `read` returns); undefined where there is no such file. */
export async function readLinuxRoutes(read: () => Promise<string> = () => readFile('/proc/net/route', 'utf8')): Promise<RouteEntry[] | undefined> {
  try {
    const routes = parseProcNetRoute(await read())
    return routes.length > 0 ? routes : undefined
  } catch {
    return undefined
  }
}

/** The host's side: this computer's interfaces and, on Linux, its routing table. */
export async function gatherUplinkInput(
  hotspot: { hotspotAddress?: string; hotspotInterface?: string },
  platform: NodeJS.Platform = process.platform,
  readRoutes: () => Promise<RouteEntry[] | undefined> = readLinuxRoutes
): Promise<UplinkInput> {
  const input: UplinkInput = { interfaces: networkInterfaces() as InterfaceMap }
  if (hotspot.hotspotAddress !== undefined) input.hotspotAddress = hotspot.hotspotAddress
  if (hotspot.hotspotInterface !== undefined) input.hotspotInterface = hotspot.hotspotInterface
  if (platform === 'linux') {
    const routes = await readRoutes()
    if (routes) input.routes = routes
  }
  return input
}

function isIpv4(entry: InterfaceAddress): boolean {
  return entry.family === 'IPv4' || entry.family === 4
}

function ipv4Addresses(interfaces: InterfaceMap | undefined, name: string): InterfaceAddress[] {
  const list = interfaces?.[name]
  if (!Array.isArray(list)) return []
  return list.filter((entry) => typeof entry?.address === 'string' && isIpv4(entry) && !entry.internal)
}

/** External IPv4 interfaces, ignoring link-local (169.254/16) addresses that carry no internet. */
function externalInterfaces(interfaces: InterfaceMap | undefined): string[] {
  if (!interfaces || typeof interfaces !== 'object') return []
  return Object.keys(interfaces).filter((name) =>
    ipv4Addresses(interfaces, name).some((entry) => {
      const value = parseIpv4(entry.address)
      return value !== undefined && value >>> 16 !== 169 * 256 + 254
    })
  )
}

/** Which interface is on the hotspot's network, and our address there. */
function locateHotspot(input: UplinkInput): { iface?: string; localAddress?: string } {
  const interfaces = input.interfaces && typeof input.interfaces === 'object' ? input.interfaces : undefined
  const named = typeof input.hotspotInterface === 'string' && input.hotspotInterface !== '' ? input.hotspotInterface : undefined
  const address = parseIpv4(input.hotspotAddress) !== undefined ? input.hotspotAddress : undefined
  if (interfaces && address !== undefined) {
    for (const name of Object.keys(interfaces)) {
      if (named !== undefined && name !== named) continue
      const match = ipv4Addresses(interfaces, name).find((entry) => sameIpv4Subnet(address, entry.address, entry.netmask))
      if (match) return { iface: name, localAddress: match.address }
    }
  }
  if (named !== undefined) {
    const first = ipv4Addresses(interfaces, named)[0]
    return first ? { iface: named, localAddress: first.address } : { iface: named }
  }
  return {}
}

const ADVICE: Readonly<Record<UplinkAdviceKey, string>> = {
  'use-carrier-portal':
    'This computer reaches the internet only through the hotspot. While the line has no plan or sits in the carrier’s walled garden, the carrier’s own pages (its purchase or top-up page) still open, but other sites do not: buy or top up there.',
  'join-other-network':
    'Or join another network for a moment — hotel or café Wi-Fi, a phone’s hotspot — and buy or top up from there; then switch back.',
  'probes-use-other-network':
    'This computer’s internet traffic goes through another network, so web pages and connectivity probes do not test the hotspot. The verdict leans on what the hotspot itself reports.',
  'portal-over-other-network': 'The carrier’s portal opens over the current network as well, so a pass can be bought from here.',
  'bind-probes': 'To test the hotspot itself, run the probes from this computer’s address on the hotspot’s network, or leave the other network for a moment.'
}

function advise(keys: UplinkAdviceKey[]): UplinkAdvice[] {
  return keys.map((key) => ({ key, text: ADVICE[key] }))
}

/** Whether the default route runs through the hotspot. Pure; never throws. */
export function checkUplink(input: UplinkInput | undefined): UplinkCheck {
  const safe: UplinkInput = input && typeof input === 'object' ? input : {}
  const evidence: Evidence[] = []
  const hotspot = locateHotspot(safe)
  const hotspotAddress = parseIpv4(safe.hotspotAddress) !== undefined ? safe.hotspotAddress : undefined
  const result = (route: UplinkRoute, confidence: Confidence, advice: UplinkAdviceKey[], extra: Partial<UplinkCheck> = {}): UplinkCheck => {
    const check: UplinkCheck = { route, confidence, evidence, advice: advise(advice), ...extra }
    if (hotspot.iface !== undefined) check.hotspotInterface = hotspot.iface
    if (hotspot.localAddress !== undefined) check.localAddress = hotspot.localAddress
    return check
  }

  if (hotspot.iface !== undefined) {
    evidence.push({
      key: 'hotspot-interface',
      text: hotspot.localAddress
        ? `This computer is on the hotspot’s network through ${hotspot.iface} (address ${hotspot.localAddress}).`
        : `The hotspot is on interface ${hotspot.iface}.`
    })
  } else if (hotspotAddress !== undefined && safe.interfaces) {
    evidence.push({ key: 'hotspot-not-local', text: `No interface of this computer is on the hotspot’s network (${hotspotAddress}).` })
  }

  const defaults = defaultRoutes(safe.routes)
  const primary = defaults[0]
  if (primary) {
    const via = primary.gateway === '0.0.0.0' ? primary.iface : `${primary.iface} (gateway ${primary.gateway})`
    const extra = { defaultInterface: primary.iface, ...(primary.gateway === '0.0.0.0' ? {} : { defaultGateway: primary.gateway }) }
    const throughHotspot = (hotspot.iface !== undefined && primary.iface === hotspot.iface) || (hotspotAddress !== undefined && primary.gateway === hotspotAddress)
    if (throughHotspot) {
      evidence.push({ key: 'default-route', text: `The default route goes through the hotspot: ${via}.` })
      const others = defaults.slice(1).filter((r) => r.iface !== primary.iface)
      if (others.length > 0) {
        evidence.push({ key: 'other-routes', text: `Other default routes (${others.map((r) => r.iface).join(', ')}) have a higher metric and are used only if the hotspot goes away.` })
      }
      return result('through-hotspot', 'high', ['use-carrier-portal', 'join-other-network'], extra)
    }
    if (hotspot.iface === undefined && hotspotAddress === undefined) {
      evidence.push({ key: 'default-route', text: `The default route goes through ${via}; which interface is the hotspot is not known.` })
      return result('unknown', 'low', ['use-carrier-portal', 'join-other-network'], extra)
    }
    evidence.push({ key: 'default-route', text: `The default route goes through ${via}, not through the hotspot.` })
    const backup = defaults.find((r) => (hotspot.iface !== undefined && r.iface === hotspot.iface) || (hotspotAddress !== undefined && r.gateway === hotspotAddress))
    if (backup) evidence.push({ key: 'hotspot-route-backup', text: `The hotspot’s own default route (metric ${backup.metric}) loses to ${primary.iface} (metric ${primary.metric}).` })
    const advice: UplinkAdviceKey[] = hotspot.localAddress ? ['probes-use-other-network', 'bind-probes', 'portal-over-other-network'] : ['probes-use-other-network', 'portal-over-other-network']
    return result('other-network', hotspot.iface !== undefined ? 'high' : 'medium', advice, extra)
  }

  if (Array.isArray(safe.routes) && safe.routes.length > 0) {
    evidence.push({ key: 'no-default-route', text: 'The routing table has no default route: this computer has no internet uplink at all.' })
    return result('unknown', 'medium', ['join-other-network'])
  }
  if (hotspot.iface !== undefined) {
    const others = externalInterfaces(safe.interfaces).filter((name) => name !== hotspot.iface)
    if (others.length === 0 && safe.interfaces) {
      evidence.push({ key: 'only-network', text: 'The hotspot’s network is the only one this computer is on.' })
      return result('through-hotspot', 'medium', ['use-carrier-portal', 'join-other-network'])
    }
    if (others.length > 0) evidence.push({ key: 'other-interfaces', text: `This computer is also on ${others.join(', ')}; which one carries its internet traffic is not known.` })
  }
  return result('unknown', 'low', ['use-carrier-portal', 'join-other-network'])
}
