// An in-memory device with APN profiles, for the APN transaction and the host's operations.
import { ContractError } from '../../src/contract/errors'
import type { ApnOperations, DriverFamily, HotspotDriver } from '../../src/devices/driver'
import type { ApnDraft, ApnProfile, Capability } from '../../src/devices/model'
import { sampleReading } from './fake-family'

/** An in-memory device: data comes up only when the default profile's APN is one the network knows. */
export class FakeApnDevice {
  profiles: ApnProfile[] = [
    { id: '1', name: 'T-Mobile', apn: 'fast.t-mobile.com', auth: 'none', pdpType: 'ipv4v6', isDefault: true }
  ]
  validApns = new Set(['fast.t-mobile.com', 'iijmio.jp'])
  failOn = new Set<string>()
  nextId = 2
  reattaches = 0

  private check(op: string) {
    if (this.failOn.has(op)) throw new ContractError('PROTOCOL', `device refused ${op}`)
  }

  driver(capabilities: Capability[] = ['apnRead', 'apnWrite']): HotspotDriver {
    const apn: ApnOperations = {
      list: async () => this.profiles.map((p) => ({ ...p })),
      create: async (draft: ApnDraft) => {
        this.check('create')
        const id = String(this.nextId++)
        this.profiles.push({ ...draft, id, isDefault: false })
        return id
      },
      update: async () => undefined,
      remove: async (id) => {
        this.check('remove')
        this.profiles = this.profiles.filter((p) => p.id !== id)
      },
      setDefault: async (id) => {
        this.check('setDefault')
        for (const p of this.profiles) p.isDefault = p.id === id
      },
      reattach: async () => {
        this.check('reattach')
        this.reattaches++
      }
    }
    return {
      family: 'fake',
      capabilities: new Set(capabilities),
      open: async () => undefined,
      close: async () => undefined,
      read: async () => {
        const active = this.profiles.find((p) => p.isDefault)
        const up = active !== undefined && this.validApns.has(active.apn)
        return { ...sampleReading(), data: up ? { state: 'connected' } : { state: 'failed', failureReason: 'PDP rejected' } }
      },
      apn
    }
  }
}


/** A driver family whose every device is the same FakeApnDevice (so a test can look inside). */
export function fakeApnFamily(device: FakeApnDevice, options: { slowReattachMs?: number } = {}): DriverFamily {
  return {
    id: 'fake-apn',
    label: 'Fake APN device',
    connectionKinds: ['http'],
    fingerprint: async () => null,
    create: () => {
      const driver = device.driver()
      const reattach = driver.apn?.reattach
      if (options.slowReattachMs && driver.apn && reattach) {
        driver.apn.reattach = async () => {
          await new Promise((resolve) => setTimeout(resolve, options.slowReattachMs))
          await reattach()
        }
      }
      return driver
    }
  }
}
