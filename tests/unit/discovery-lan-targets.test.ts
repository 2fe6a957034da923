// Which LAN addresses discovery may fingerprint: gateways of interfaces that exist, documented defaults only
// inside attached subnets, nothing when the host or HOTSPOT_DESK_NO_LAN_PROBE says no.
import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { buildLanTargets, candidateGateways, lanProbeDisabled, type InterfaceMap } from '../../src/devices/discovery/lan-targets'

function ipv4(address: string, netmask: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask, family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr: null }
}
function ipv6(address: string): NetworkInterfaceInfo {
  return { address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '00:00:00:00:00:00', internal: false, cidr: null, scopeid: 0 }
}

const LAPTOP: InterfaceMap = {
  lo: [ipv4('127.0.0.1', '255.0.0.0', true)],
  wlan0: [ipv4('192.168.0.23', '255.255.255.0'), ipv6('fe80::1')],
  usb0: [ipv4('192.168.8.100', '255.255.255.0')],
  docker0: [ipv4('172.17.0.1', '255.255.0.0')],
  tun0: [ipv4('100.64.3.2', '255.255.255.255')],
  eth9: [ipv4('169.254.10.20', '255.255.0.0')],
  big: [ipv4('10.20.30.40', '255.0.0.0')]
}

const noUsb = () => undefined

describe('candidateGateways', () => {
  it('x.y.z.1 of each private subnet, skipping loopback, link-local, CGNAT, /8 and our own address', () => {
    expect(candidateGateways(LAPTOP)).toEqual([
      { address: '192.168.0.1', interfaceName: 'wlan0' },
      { address: '192.168.8.1', interfaceName: 'usb0' }
    ])
  })

  it('uses the first host of the subnet, not blindly .1 of the last octet', () => {
    expect(candidateGateways({ eth0: [ipv4('192.168.5.77', '255.255.255.192')] })).toEqual([{ address: '192.168.5.65', interfaceName: 'eth0' }])
    expect(candidateGateways({ eth0: [ipv4('10.1.200.9', '255.255.0.0')] })).toEqual([{ address: '10.1.0.1', interfaceName: 'eth0' }])
  })
})

describe('buildLanTargets', () => {
  it('returns gateways of existing interfaces plus defaults inside their subnets', () => {
    const targets = buildLanTargets({ interfaces: LAPTOP, env: {}, usbLocationOf: noUsb })
    expect(targets.map((target) => [target.baseUrl, target.via, target.interfaceName])).toEqual([
      ['http://192.168.0.1', 'gateway', 'wlan0'],
      ['http://192.168.8.1', 'gateway', 'usb0']
    ])
    // ZTE / Franklin / TP-Link document 192.168.0.1, Huawei 192.168.8.1: hints on the gateway targets.
    expect(targets[0]?.families).toEqual(['zte-goform', 'franklin', 'tplink'])
    expect(targets[1]?.families).toEqual(['huawei-hilink'])
  })

  it('adds a default that is not the .1 gateway when it lies inside an attached subnet', () => {
    const targets = buildLanTargets({ interfaces: { eth0: [ipv4('192.168.20.5', '255.255.0.0')] }, env: {}, usbLocationOf: noUsb })
    expect(targets.map((target) => `${target.address} ${target.via}`)).toEqual([
      '192.168.0.1 gateway',
      '192.168.8.1 default',
      '192.168.1.1 default',
      '192.168.9.1 default'
    ])
  })

  it('never targets a default address outside every attached subnet', () => {
    const targets = buildLanTargets({ interfaces: { eth0: [ipv4('10.0.5.20', '255.255.255.0')] }, env: {}, usbLocationOf: noUsb })
    expect(targets.map((target) => target.address)).toEqual(['10.0.5.1'])
  })

  it('includeDefaults: false keeps only the gateways', () => {
    const targets = buildLanTargets({ interfaces: { eth0: [ipv4('192.168.20.5', '255.255.0.0')] }, includeDefaults: false, env: {}, usbLocationOf: noUsb })
    expect(targets.map((target) => target.address)).toEqual(['192.168.0.1'])
    expect(targets[0]?.families).toBeUndefined()
  })

  it('no interfaces, no targets', () => {
    expect(buildLanTargets({ interfaces: { lo: [ipv4('127.0.0.1', '255.0.0.0', true)] }, env: {}, usbLocationOf: noUsb })).toEqual([])
  })

  it('noLanProbe or HOTSPOT_DESK_NO_LAN_PROBE=1 turns probing off entirely', () => {
    expect(buildLanTargets({ interfaces: LAPTOP, noLanProbe: true, env: {}, usbLocationOf: noUsb })).toEqual([])
    expect(buildLanTargets({ interfaces: LAPTOP, env: { HOTSPOT_DESK_NO_LAN_PROBE: '1' }, usbLocationOf: noUsb })).toEqual([])
    expect(buildLanTargets({ interfaces: LAPTOP, env: { HOTSPOT_DESK_NO_LAN_PROBE: '0' }, usbLocationOf: noUsb })).toHaveLength(2)
    expect(lanProbeDisabled({ env: { HOTSPOT_DESK_NO_LAN_PROBE: '1' } })).toBe(true)
    expect(lanProbeDisabled({ env: {} })).toBe(false)
  })

  it('reads the variable from process.env by default', () => {
    const before = process.env.HOTSPOT_DESK_NO_LAN_PROBE
    process.env.HOTSPOT_DESK_NO_LAN_PROBE = '1'
    try {
      expect(buildLanTargets({ interfaces: LAPTOP, usbLocationOf: noUsb })).toEqual([])
    } finally {
      if (before === undefined) delete process.env.HOTSPOT_DESK_NO_LAN_PROBE
      else process.env.HOTSPOT_DESK_NO_LAN_PROBE = before
    }
  })

  it('marks USB network interfaces and their USB port (for one-device-two-paths)', () => {
    const targets = buildLanTargets({
      interfaces: { usb0: [ipv4('192.168.8.100', '255.255.255.0')], enx0c5b8f279a64: [ipv4('192.168.9.100', '255.255.255.0')], wlan0: [ipv4('192.168.1.5', '255.255.255.0')] },
      env: {},
      usbLocationOf: (name) => (name === 'usb0' ? '1-2' : undefined)
    })
    const byName = Object.fromEntries(targets.map((target) => [target.interfaceName, target]))
    expect(byName.usb0).toMatchObject({ usbLocation: '1-2', usbNetwork: true })
    expect(byName.enx0c5b8f279a64).toMatchObject({ usbNetwork: true })
    expect(byName.enx0c5b8f279a64?.usbLocation).toBeUndefined()
    expect(byName.wlan0?.usbNetwork).toBeUndefined()
  })
})
