// The contract's device operations (login, release, APN, USSD, SMS, control), each checked against
// the device's capabilities before it reaches the driver. Long or risky operations are exclusive per
// device: a second APN switch while one runs gets BUSY instead of interleaving writes.
import { ContractError } from '../contract/errors'
import type { PayloadOf } from '../contract/events'
import type { ResultOf, ValidParamsOf as ParamsOf } from '../contract/methods'
import { switchApn } from '../devices/apn-transaction'
import type { ControlOperations } from '../devices/driver'
import type { Capability } from '../devices/model'
import type { DeviceManager } from './device-manager'
import type { ManagedDevice } from './managed-device'
import type { SecretStore } from './secrets/secret-store'

export function credentialAccount(deviceId: string): string {
  return `device:${deviceId}`
}

export class DeviceOperations {
  private readonly exclusive = new Set<string>()

  constructor(
    private readonly manager: DeviceManager,
    private readonly secrets: SecretStore | undefined,
    private readonly emitApnProgress: (progress: PayloadOf<'apn.progress'>) => void
  ) {}

  async login(params: ParamsOf<'device.login'>): Promise<ResultOf<'device.login'>> {
    const device = this.manager.get(params.deviceId)
    const credentials = params.username === undefined
      ? { password: params.password }
      : { username: params.username, password: params.password }
    await this.once(device, 'login', () => device.login(credentials))
    const account = credentialAccount(device.id)
    if (params.remember && this.secrets) await this.secrets.setCredentials(account, credentials)
    else if (!params.remember) await this.secrets?.forget(account)
    return { device: device.summary() }
  }

  async release(deviceId: string): Promise<ResultOf<'device.release'>> {
    const device = this.manager.get(deviceId)
    await device.release()
    return { device: device.summary() }
  }

  resume(deviceId: string): ResultOf<'device.resume'> {
    const device = this.manager.get(deviceId)
    device.resume()
    return { device: device.summary() }
  }

  async refresh(deviceId: string): Promise<ResultOf<'device.refresh'>> {
    const device = this.manager.get(deviceId)
    await device.pollOnce()
    return this.manager.status(deviceId)
  }

  async control({ deviceId, action }: ParamsOf<'device.control'>): Promise<ResultOf<'device.control'>> {
    const device = this.manager.get(deviceId)
    const { capability, run } = CONTROL_ACTIONS[action]
    const control = requireGroup((await device.driverFor(capability)).control, capability)
    await this.once(device, action, () => run(control))
    device.pollSoon()
    return { done: true }
  }

  async unlockSim(params: ParamsOf<'sim.unlock'>): Promise<ResultOf<'sim.unlock'>> {
    const device = this.manager.get(params.deviceId)
    const control = requireGroup((await device.driverFor('pinUnlock')).control, 'pinUnlock')
    await this.once(device, 'sim', async () => {
      if ('puk' in params) {
        if (!control.unlockPuk) throw new ContractError('UNSUPPORTED', 'This device cannot take a PUK.')
        await control.unlockPuk(params.puk, params.newPin)
      } else {
        if (!control.unlockPin) throw new ContractError('UNSUPPORTED', 'This device cannot take a PIN.')
        await control.unlockPin(params.pin)
      }
    })
    device.pollSoon()
    return { done: true }
  }

  async listApns(deviceId: string): Promise<ResultOf<'apn.list'>> {
    const apn = requireGroup((await this.manager.get(deviceId).driverFor('apnRead')).apn, 'apnRead')
    return { profiles: await apn.list() }
  }

  async switchApn({ deviceId, target }: ParamsOf<'apn.switch'>): Promise<ResultOf<'apn.switch'>> {
    const device = this.manager.get(deviceId)
    const driver = await device.driverFor('apnWrite')
    const result = await this.once(device, 'apn', () =>
      switchApn(driver, target, {
        onProgress: (progress) => this.emitApnProgress({ deviceId, ...progress })
      })
    )
    device.pollSoon()
    return result
  }

  async ussd(deviceId: string) {
    return requireGroup((await this.manager.get(deviceId).driverFor('ussd')).ussd, 'ussd')
  }

  async sms(deviceId: string) {
    return requireGroup((await this.manager.get(deviceId).driverFor('sms')).sms, 'sms')
  }

  private async once<T>(device: ManagedDevice, kind: string, work: () => Promise<T>): Promise<T> {
    const key = `${device.id}:${kind}`
    if (this.exclusive.has(key)) throw new ContractError('BUSY', 'The same operation is already running on this device.')
    this.exclusive.add(key)
    try {
      return await work()
    } finally {
      this.exclusive.delete(key)
    }
  }
}

const CONTROL_ACTIONS: Record<
  ParamsOf<'device.control'>['action'],
  { capability: Capability; run: (control: ControlOperations) => Promise<void> }
> = {
  reboot: { capability: 'reboot', run: (c) => call(c.reboot?.bind(c), 'reboot') },
  resetUsage: { capability: 'usageReset', run: (c) => call(c.resetUsage?.bind(c), 'reset its counters') },
  dataOn: { capability: 'dataSwitch', run: (c) => call(c.setDataEnabled?.bind(c, true), 'switch mobile data') },
  dataOff: { capability: 'dataSwitch', run: (c) => call(c.setDataEnabled?.bind(c, false), 'switch mobile data') }
}

function call(operation: (() => Promise<void>) | undefined, what: string): Promise<void> {
  if (!operation) throw new ContractError('UNSUPPORTED', `This device cannot ${what}.`)
  return operation()
}

function requireGroup<T>(group: T | undefined, capability: string): T {
  if (!group) throw new ContractError('UNSUPPORTED', `This device's driver does not implement ${capability}.`, { capability })
  return group
}
