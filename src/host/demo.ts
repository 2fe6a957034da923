// The demo: simulated devices started in-process, so a new user with no hardware sees live units
// (phone number, carrier, signal and usage changing over time) and every family's screens. Each
// simulator listens on 127.0.0.1 only and is driven by the real driver, exactly like hardware.
import type { Credentials } from '../devices/driver'
import type { Connection } from '../devices/model'
import { AtModemSimulator } from '../simulators/at-modem'
import { HuaweiHilinkSimulator } from '../simulators/huawei-hilink'
import { NetgearSimulator } from '../simulators/netgear'
import { isSocatAvailable } from '../simulators/pty'
import { ZteGoformSimulator } from '../simulators/zte-goform'
import type { DeviceManager } from './device-manager'

/** The demo unit that is selected first: a Huawei pocket router on a T-Mobile US prepaid SIM. */
export const DEMO_DEVICE_ID = 'demo-hotspot'

export interface DemoOptions {
  /** Simulated network latency per request, so the demo feels like a real device. */
  latencyMs?: number
  /** Only the primary demo hotspot (tests and the bench that need one device). */
  primaryOnly?: boolean
}

/** A running simulated unit, whatever its family. */
export interface DemoUnit {
  readonly id: string
  readonly name: string
  readonly familyId: string
  readonly connection: Connection
  readonly credentials?: Credentials
  stop(): Promise<void>
}

type DemoUnitFactory = (latencyMs: number) => Promise<DemoUnit>

async function httpUnit(
  id: string,
  familyId: string,
  simulator: { start(): Promise<{ baseUrl: string }>; stop(): Promise<void>; modelName: string; credentials: Credentials }
): Promise<DemoUnit> {
  const { baseUrl } = await simulator.start()
  return {
    id,
    familyId,
    name: `Demo ${simulator.modelName}`,
    connection: { kind: 'http', baseUrl },
    credentials: simulator.credentials,
    stop: () => simulator.stop()
  }
}

const PRIMARY: DemoUnitFactory = (latencyMs) =>
  httpUnit(DEMO_DEVICE_ID, 'huawei-hilink', new HuaweiHilinkSimulator({ variant: 'E5577', latencyMs }))

/**
 * A USB modem speaking AT commands over a real pseudo-terminal (socat), on an IIJmio SIM. Where socat
 * is missing (Windows, a bare macOS) this unit is simply left out of the demo.
 */
async function atModemUnit(latencyMs: number): Promise<DemoUnit> {
  if (!isSocatAvailable()) throw new Error('socat is not installed: the demo USB modem needs a pseudo-terminal')
  const simulator = new AtModemSimulator({ profile: 'huawei-e3372h', sim: { card: 'iijmio-docomo' }, latencyMs: Math.min(latencyMs, 20) })
  const { hostPath } = await simulator.startOnPty()
  return {
    id: 'demo-modem',
    familyId: 'generic-at',
    name: 'Demo Huawei E3372h (USB modem)',
    connection: { kind: 'serial', path: hostPath },
    stop: () => simulator.stop()
  }
}

/** The rest of the fleet: one unit per family, each on its own fictional line. */
const FLEET: DemoUnitFactory[] = [
  atModemUnit,
  (latencyMs) =>
    httpUnit('demo-zte', 'zte-goform', new ZteGoformSimulator({ profile: 'MF96', latencyMs, sim: { msisdn: '+12065550162' } })),
  (latencyMs) => httpUnit('demo-netgear', 'netgear', new NetgearSimulator({ latencyMs }))
]

export class DemoController {
  private units: DemoUnit[] = []
  private starting: Promise<{ deviceId: string; alreadyRunning: boolean }> | undefined

  constructor(
    private readonly manager: DeviceManager,
    private readonly options: DemoOptions = {},
    private readonly extraUnits: DemoUnitFactory[] = []
  ) {}

  get running(): boolean {
    return this.units.length > 0
  }

  start(): Promise<{ deviceId: string; alreadyRunning: boolean }> {
    if (this.running) return Promise.resolve({ deviceId: DEMO_DEVICE_ID, alreadyRunning: true })
    this.starting ??= this.launch().finally(() => {
      this.starting = undefined
    })
    return this.starting
  }

  async stop(): Promise<boolean> {
    await this.starting?.catch(() => undefined)
    const units = this.units
    if (units.length === 0) return false
    this.units = []
    await Promise.all(units.map((unit) => this.manager.remove(unit.id)))
    await Promise.all(units.map((unit) => unit.stop().catch(() => undefined)))
    return true
  }

  private async launch(): Promise<{ deviceId: string; alreadyRunning: boolean }> {
    const latencyMs = this.options.latencyMs ?? 30
    const factories = this.options.primaryOnly ? [PRIMARY] : [PRIMARY, ...FLEET, ...this.extraUnits]
    const started = await Promise.allSettled(factories.map((factory) => factory(latencyMs)))
    for (const result of started) {
      if (result.status === 'rejected') continue
      const unit = result.value
      this.units.push(unit)
      this.manager.add({
        id: unit.id,
        name: unit.name,
        familyId: unit.familyId,
        demo: true,
        target: unit.credentials ? { connection: unit.connection, credentials: unit.credentials } : { connection: unit.connection }
      })
    }
    const primary = started[0]
    if (primary?.status === 'rejected') {
      await this.stop()
      throw primary.reason
    }
    return { deviceId: DEMO_DEVICE_ID, alreadyRunning: false }
  }
}
