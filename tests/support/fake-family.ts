// A scripted driver family for host unit tests: each open()/read() takes the next scripted outcome.
import { ContractError, type ErrorCode } from '../../src/contract/errors'
import type { DeviceReading } from '../../src/devices/model'
import type { DriverFamily, HotspotDriver } from '../../src/devices/driver'

export type Outcome = 'ok' | ErrorCode

export function sampleReading(download = 1000): DeviceReading {
  return {
    identity: { manufacturer: 'Test', model: 'T1', imei: '356938035643809' },
    sim: { state: 'ready', msisdn: '+12065550143', msisdnSource: 'device' },
    signal: { bars: 4, rat: 'lte', rsrpDbm: -91 },
    registration: { state: 'home', operatorName: 'T-Mobile', plmn: '310260' },
    data: { state: 'connected' },
    usage: { sessionDownloadBytes: download }
  }
}

export class ScriptedFamily implements DriverFamily {
  readonly id = 'scripted'
  readonly label = 'Scripted test device'
  readonly connectionKinds = ['http'] as const
  opens = 0
  reads = 0
  closes = 0

  constructor(
    public openScript: Outcome[] = [],
    public readScript: Outcome[] = []
  ) {}

  async fingerprint() {
    return null
  }

  create(): HotspotDriver {
    return {
      family: this.id,
      capabilities: new Set(['readSignal', 'readMsisdn'] as const),
      open: async () => {
        this.opens++
        outcome(this.openScript.shift() ?? 'ok')
      },
      read: async () => {
        this.reads++
        outcome(this.readScript.shift() ?? 'ok')
        return sampleReading(this.reads * 1000)
      },
      close: async () => {
        this.closes++
      }
    }
  }
}

function outcome(result: Outcome): void {
  if (result !== 'ok') throw new ContractError(result, `scripted ${result}`)
}
