import { describe, expect, it } from 'vitest'
import { createDefaultRegistry } from '../../src/devices/registry'
import { findNamedDevice, namedDevices } from '../../src/devices/named-devices'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'
import { ZteGoformSimulator } from '../../src/simulators/zte-goform'

describe('named devices', () => {
  it('validates, names a registered family (or none) and a simulator that exists', () => {
    const registry = createDefaultRegistry()
    const devices = namedDevices()
    expect(devices.map((d) => d.model)).toEqual(['MF61', 'UMG587', 'MF96', 'SM-V100T'])
    for (const device of devices) {
      if (device.family !== null) expect(registry.get(device.family)).toBeDefined()
      const [simFamily, variant] = (device.simulatorProfile ?? '').split(':')
      if (simFamily === 'zte-goform') expect(() => new ZteGoformSimulator({ profile: variant as 'MF61' })).not.toThrow()
      if (simFamily === 'huawei-hilink') expect(() => new HuaweiHilinkSimulator({ variant: variant as 'UMG587' })).not.toThrow()
      if (device.simulatorProfile !== null) expect(simFamily).toBe(device.family)
      expect(device.unknown.length).toBeGreaterThan(0)
    }
  })

  it('finds a unit from the model string a device reports', () => {
    expect(findNamedDevice('ZTE MF96')?.marketingName).toBe('T-Mobile Sonic 2.0 LTE Mobile HotSpot')
    expect(findNamedDevice('UMG587')?.family).toBe('huawei-hilink')
    expect(findNamedDevice('SM-V100T')?.family).toBeNull()
    expect(findNamedDevice('E5577Cs-321')).toBeUndefined()
    expect(findNamedDevice(undefined)).toBeUndefined()
  })
})
