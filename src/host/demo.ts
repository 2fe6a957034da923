// The demo hotspot: a simulated device started in-process so a new user with no hardware sees a
// live unit (phone number, carrier, signal and usage changing over time). The simulator listens on
// 127.0.0.1 only; the device is driven by the real driver, exactly like hardware.
import { HuaweiHilinkSimulator } from '../simulators/huawei-hilink'
import type { DeviceManager } from './device-manager'

export const DEMO_DEVICE_ID = 'demo-hotspot'

export interface DemoOptions {
  /** Simulated network latency per request, so the demo feels like a real device. */
  latencyMs?: number
}

export class DemoController {
  private simulator: HuaweiHilinkSimulator | undefined
  private starting: Promise<{ deviceId: string; alreadyRunning: boolean }> | undefined

  constructor(
    private readonly manager: DeviceManager,
    private readonly options: DemoOptions = {}
  ) {}

  get running(): boolean {
    return this.simulator !== undefined
  }

  start(): Promise<{ deviceId: string; alreadyRunning: boolean }> {
    if (this.simulator) return Promise.resolve({ deviceId: DEMO_DEVICE_ID, alreadyRunning: true })
    this.starting ??= this.launch().finally(() => {
      this.starting = undefined
    })
    return this.starting
  }

  async stop(): Promise<boolean> {
    await this.starting?.catch(() => undefined)
    const simulator = this.simulator
    if (!simulator) return false
    this.simulator = undefined
    await this.manager.remove(DEMO_DEVICE_ID)
    await simulator.stop()
    return true
  }

  private async launch(): Promise<{ deviceId: string; alreadyRunning: boolean }> {
    const simulator = new HuaweiHilinkSimulator({ variant: 'E5577', latencyMs: this.options.latencyMs ?? 30 })
    const { baseUrl } = await simulator.start()
    this.simulator = simulator
    this.manager.add({
      id: DEMO_DEVICE_ID,
      name: `Demo hotspot (${simulator.modelName})`,
      familyId: 'huawei-hilink',
      demo: true,
      target: { connection: { kind: 'http', baseUrl }, credentials: simulator.credentials }
    })
    return { deviceId: DEMO_DEVICE_ID, alreadyRunning: false }
  }
}
