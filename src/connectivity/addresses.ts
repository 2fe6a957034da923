// Address and host-name helpers the classifier, the probe guard and the uplink check share: which addresses are
// loopback (the only ones tests and serve mode may probe), which are private (a hotspot's LAN, a carrier's
// portal behind CGNAT), whether an address sits in an interface's subnet, and whether a host matches a carrier
// pack's domain pattern. Pure; every function answers false/undefined for input it cannot read.

/** "192.168.8.1" → 32-bit number; undefined for anything that is not a dotted-quad IPv4 address. */
export function parseIpv4(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim())
  if (!match) return undefined
  let value = 0
  for (let i = 1; i <= 4; i++) {
    const octet = Number(match[i])
    if (octet > 255) return undefined
    value = value * 256 + octet
  }
  return value
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.')
}

/** Strips the brackets a URL puts around an IPv6 literal and an IPv4-mapped prefix ("::ffff:127.0.0.1"). */
export function bareAddress(text: string): string {
  let address = text.trim().toLowerCase()
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1)
  const zone = address.indexOf('%')
  if (zone >= 0) address = address.slice(0, zone)
  if (address.startsWith('::ffff:') && parseIpv4(address.slice(7)) !== undefined) return address.slice(7)
  // The WHATWG URL parser writes an IPv4-mapped address in hex: [::ffff:127.0.0.1] becomes [::ffff:7f00:1].
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address)
  if (mapped) {
    const high = parseInt(mapped[1]!, 16)
    const low = parseInt(mapped[2]!, 16)
    return formatIpv4(high * 65536 + low)
  }
  return address
}

function inRange(value: number, base: string, bits: number): boolean {
  const start = parseIpv4(base)
  if (start === undefined) return false
  const size = 2 ** (32 - bits)
  return value >= start && value < start + size
}

/** 127.0.0.0/8 and ::1. Host names are never loopback here: a name has to be resolved first. */
export function isLoopbackAddress(text: unknown): boolean {
  if (typeof text !== 'string') return false
  const address = bareAddress(text)
  const v4 = parseIpv4(address)
  if (v4 !== undefined) return inRange(v4, '127.0.0.0', 8)
  return address === '::1' || address === '0:0:0:0:0:0:0:1'
}

/**
 * Addresses that never belong to a public web server: RFC 1918, carrier-grade NAT (RFC 6598, 100.64/10),
 * link-local, loopback, IPv6 unique-local and link-local. A captive redirect to one of these is a local portal.
 */
export function isPrivateAddress(text: unknown): boolean {
  if (typeof text !== 'string') return false
  const address = bareAddress(text)
  const v4 = parseIpv4(address)
  if (v4 !== undefined) {
    return (
      inRange(v4, '10.0.0.0', 8) ||
      inRange(v4, '172.16.0.0', 12) ||
      inRange(v4, '192.168.0.0', 16) ||
      inRange(v4, '100.64.0.0', 10) ||
      inRange(v4, '169.254.0.0', 16) ||
      inRange(v4, '127.0.0.0', 8)
    )
  }
  if (!address.includes(':')) return false
  return isLoopbackAddress(address) || /^f[cd][0-9a-f]{0,2}:/.test(address) || /^fe[89ab][0-9a-f]?:/.test(address)
}

/** Whether `address` lies in the IPv4 network of `ownAddress`/`netmask` (an interface's address and mask). */
export function sameIpv4Subnet(address: unknown, ownAddress: unknown, netmask: unknown): boolean {
  const a = parseIpv4(address)
  const own = parseIpv4(ownAddress)
  const mask = parseIpv4(netmask)
  if (a === undefined || own === undefined || mask === undefined || mask === 0) return false
  // Masks must be contiguous ones; "255.0.255.0" is not a netmask.
  const inverted = ~mask >>> 0
  if ((inverted & (inverted + 1)) !== 0) return false
  return ((a & mask) >>> 0) === ((own & mask) >>> 0)
}

/** Lower-case host without a trailing dot; undefined for empty or non-string input. */
export function normalizeHost(host: unknown): string | undefined {
  if (typeof host !== 'string') return undefined
  let value = bareAddress(host)
  while (value.endsWith('.')) value = value.slice(0, -1)
  return value === '' ? undefined : value
}

/**
 * Carrier-pack domain pattern semantics (src/carriers/pack-schema.ts DomainPattern): "buy.example.com" is that
 * host only, "*.example.com" any subdomain of it but not the bare domain.
 */
export function hostMatchesPattern(host: unknown, pattern: unknown): boolean {
  const h = normalizeHost(host)
  const p = normalizeHost(pattern)
  if (h === undefined || p === undefined) return false
  if (p.startsWith('*.')) {
    const suffix = p.slice(1)
    return suffix.length > 1 && h.endsWith(suffix) && h.length > suffix.length
  }
  return h === p
}

/** Parses an absolute http(s) URL; undefined for anything else (javascript:, data:, garbage, over-long). */
export function parseHttpUrl(text: unknown, base?: string): URL | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 4096) return undefined
  try {
    const url = base === undefined ? new URL(text) : new URL(text, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}
