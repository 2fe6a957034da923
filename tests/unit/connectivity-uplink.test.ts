// Does the default route run through the hotspot? Routing tables are /proc/net/route text in the kernel's format
// (tab-separated, hex little-endian addresses, trailing blanks as the kernel pads them).
import { describe, expect, it } from 'vitest'
import { checkUplink, defaultRoutes, gatherUplinkInput, parseProcNetRoute, readLinuxRoutes, type InterfaceMap } from '../../src/connectivity/uplink'

const HEADER = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       '
const row = (iface: string, dest: string, gw: string, flags: string, metric: number, mask: string): string =>
  `${iface}\t${dest}\t${gw}\t${flags}\t0\t0\t${metric}\t${mask}\t0\t0\t0                                                                               `

// Laptop on a Huawei E5 hotspot's Wi-Fi (192.168.8.0/24, gateway 192.168.8.1) only.
const HOTSPOT_ONLY = [HEADER, row('wlp2s0', '00000000', '0108A8C0', '0003', 600, '00000000'), row('wlp2s0', '0008A8C0', '00000000', '0001', 600, '00FFFFFF'), ''].join('\n')
// Laptop on hotel Wi-Fi (10.0.0.0/22 via 10.0.0.1, metric 600) with the hotspot on USB (usb0, 192.168.8.0/24, metric 700).
const HOTEL_AND_USB = [
  HEADER,
  row('wlp2s0', '00000000', '0100000A', '0003', 600, '00000000'),
  row('usb0', '00000000', '0108A8C0', '0003', 700, '00000000'),
  row('wlp2s0', '0000000A', '00000000', '0001', 600, '00FCFFFF'),
  row('usb0', '0008A8C0', '00000000', '0001', 700, '00FFFFFF')
].join('\n')
// A USB modem in PPP mode: default route on ppp0 without a gateway.
const PPP = [HEADER, row('ppp0', '00000000', '00000000', '0001', 0, '00000000'), row('ppp0', '0100400A', '00000000', '0005', 0, 'FFFFFFFF')].join('\n')

const WIFI_ON_HOTSPOT: InterfaceMap = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', internal: true }],
  wlp2s0: [
    { address: '192.168.8.100', netmask: '255.255.255.0', family: 'IPv4', internal: false },
    { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', internal: false }
  ]
}
const HOTEL_AND_USB_IFACES: InterfaceMap = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', internal: true }],
  wlp2s0: [{ address: '10.0.1.23', netmask: '255.255.252.0', family: 'IPv4', internal: false }],
  usb0: [{ address: '192.168.8.100', netmask: '255.255.255.0', family: 4, internal: false }]
}

describe('parseProcNetRoute', () => {
  it('reads kernel text', () => {
    expect(parseProcNetRoute(HOTSPOT_ONLY)).toEqual([
      { iface: 'wlp2s0', destination: '0.0.0.0', gateway: '192.168.8.1', mask: '0.0.0.0', flags: 3, metric: 600 },
      { iface: 'wlp2s0', destination: '192.168.8.0', gateway: '0.0.0.0', mask: '255.255.255.0', flags: 1, metric: 600 }
    ])
  })

  it('orders default routes by metric', () => {
    expect(defaultRoutes(parseProcNetRoute(HOTEL_AND_USB)).map((r) => [r.iface, r.gateway, r.metric])).toEqual([
      ['wlp2s0', '10.0.0.1', 600],
      ['usb0', '192.168.8.1', 700]
    ])
  })

  it('skips what it cannot read and never throws', () => {
    expect(parseProcNetRoute(`${HEADER}\neth0\tZZZZZZZZ\t00000000\t0003\t0\t0\t0\t00000000\t0\t0\t0\nshort line\n`)).toEqual([])
    for (const junk of [undefined, null, 42, '', '\n\n', 'Iface\n', {}, []]) expect(parseProcNetRoute(junk)).toEqual([])
  })

  it('ignores routes that are down', () => {
    const down = [HEADER, row('eth0', '00000000', '0101A8C0', '0002', 0, '00000000')].join('\n')
    expect(defaultRoutes(parseProcNetRoute(down))).toEqual([])
  })
})

describe('checkUplink', () => {
  it('through the hotspot: default gateway is the hotspot', () => {
    const check = checkUplink({ hotspotAddress: '192.168.8.1', interfaces: WIFI_ON_HOTSPOT, routes: parseProcNetRoute(HOTSPOT_ONLY) })
    expect(check).toMatchObject({ route: 'through-hotspot', confidence: 'high', hotspotInterface: 'wlp2s0', localAddress: '192.168.8.100', defaultInterface: 'wlp2s0', defaultGateway: '192.168.8.1' })
    // Both ways out, as the brief asks: the carrier's page through the hotspot, or another network.
    expect(check.advice.map((a) => a.key)).toEqual(['use-carrier-portal', 'join-other-network'])
    expect(check.advice[0]?.text).toMatch(/carrier’s own pages .* still open, but other sites do not/)
  })

  it('through the hotspot: gateway matches even without interface data', () => {
    expect(checkUplink({ hotspotAddress: '192.168.8.1', routes: parseProcNetRoute(HOTSPOT_ONLY) }).route).toBe('through-hotspot')
  })

  it('other network: hotel Wi-Fi wins over the USB hotspot by metric', () => {
    const check = checkUplink({ hotspotAddress: '192.168.8.1', interfaces: HOTEL_AND_USB_IFACES, routes: parseProcNetRoute(HOTEL_AND_USB) })
    expect(check).toMatchObject({ route: 'other-network', confidence: 'high', hotspotInterface: 'usb0', localAddress: '192.168.8.100', defaultInterface: 'wlp2s0', defaultGateway: '10.0.0.1' })
    expect(check.evidence.map((e) => e.key)).toContain('hotspot-route-backup')
    expect(check.advice.map((a) => a.key)).toEqual(['probes-use-other-network', 'bind-probes', 'portal-over-other-network'])
  })

  it('a PPP modem named by interface', () => {
    const check = checkUplink({ hotspotInterface: 'ppp0', interfaces: { ppp0: [{ address: '10.64.0.5', netmask: '255.255.255.255', family: 'IPv4', internal: false }] }, routes: parseProcNetRoute(PPP) })
    expect(check).toMatchObject({ route: 'through-hotspot', hotspotInterface: 'ppp0', defaultInterface: 'ppp0', localAddress: '10.64.0.5' })
    expect(check.defaultGateway).toBeUndefined()
  })

  it('without a routing table: the hotspot is the only network → through it (medium)', () => {
    expect(checkUplink({ hotspotAddress: '192.168.8.1', interfaces: WIFI_ON_HOTSPOT })).toMatchObject({ route: 'through-hotspot', confidence: 'medium' })
  })

  it('without a routing table and with another network: unknown', () => {
    const check = checkUplink({ hotspotAddress: '192.168.8.1', interfaces: HOTEL_AND_USB_IFACES })
    expect(check.route).toBe('unknown')
    expect(check.evidence.map((e) => e.key)).toContain('other-interfaces')
  })

  it('link-local addresses do not count as another network', () => {
    const ifaces: InterfaceMap = { ...WIFI_ON_HOTSPOT, eth0: [{ address: '169.254.10.2', netmask: '255.255.0.0', family: 'IPv4', internal: false }] }
    expect(checkUplink({ hotspotAddress: '192.168.8.1', interfaces: ifaces }).route).toBe('through-hotspot')
  })

  it('the hotspot is on no local network: other network, medium', () => {
    const check = checkUplink({ hotspotAddress: '192.168.8.1', interfaces: { wlp2s0: [{ address: '10.0.1.23', netmask: '255.255.252.0', family: 'IPv4', internal: false }] }, routes: parseProcNetRoute(HOTEL_AND_USB).filter((r) => r.iface === 'wlp2s0') })
    expect(check).toMatchObject({ route: 'other-network', confidence: 'medium' })
    expect(check.evidence.map((e) => e.key)).toContain('hotspot-not-local')
  })

  it('no default route at all', () => {
    const routes = parseProcNetRoute(HOTSPOT_ONLY).filter((r) => r.destination !== '0.0.0.0')
    expect(checkUplink({ hotspotAddress: '192.168.8.1', interfaces: WIFI_ON_HOTSPOT, routes })).toMatchObject({ route: 'unknown', advice: [{ key: 'join-other-network' }] })
  })

  it('nothing known about the hotspot', () => {
    expect(checkUplink({ routes: parseProcNetRoute(HOTSPOT_ONLY) }).route).toBe('unknown')
    for (const junk of [undefined, null, 1, 'x', { interfaces: 'x', routes: 'y', hotspotAddress: 5 }]) {
      expect(checkUplink(junk as never).route).toBe('unknown')
    }
  })
})

describe('reading the table', () => {
  it('readLinuxRoutes takes the file text from its reader', async () => {
    expect((await readLinuxRoutes(async () => HOTSPOT_ONLY))?.[0]?.gateway).toBe('192.168.8.1')
  })

  it('readLinuxRoutes is undefined when the file is missing or empty', async () => {
    expect(await readLinuxRoutes(async () => Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })))).toBeUndefined()
    expect(await readLinuxRoutes(async () => HEADER)).toBeUndefined()
  })

  it('gatherUplinkInput reads routes on Linux only', async () => {
    const linux = await gatherUplinkInput({ hotspotAddress: '192.168.8.1' }, 'linux', async () => parseProcNetRoute(HOTSPOT_ONLY))
    expect(linux.routes?.length).toBe(2)
    expect(linux.hotspotAddress).toBe('192.168.8.1')
    expect(typeof linux.interfaces).toBe('object')
    const mac = await gatherUplinkInput({ hotspotAddress: '192.168.8.1' }, 'darwin', async () => {
      throw new Error('must not be called')
    })
    expect(mac.routes).toBeUndefined()
  })
})
