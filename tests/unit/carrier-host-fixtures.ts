// Device readings for the carrier host tests: the demo hotspot's T-Mobile SIM (src/simulators/huawei-hilink/
// sim-profile.ts), an IIJmio Type D voice SIM and a Rakuten SIM, with invented but well-formed numbers.
import type { DeviceStatus } from '../../src/contract/model'

type Overrides = {
  deviceId?: string
  sim?: Partial<DeviceStatus['sim']>
  registration?: Partial<DeviceStatus['registration']>
  data?: Partial<DeviceStatus['data']>
}

function reading(base: DeviceStatus, overrides: Overrides): DeviceStatus {
  return {
    ...base,
    deviceId: overrides.deviceId ?? base.deviceId,
    sim: { ...base.sim, ...overrides.sim },
    registration: { ...base.registration, ...overrides.registration },
    data: { ...base.data, ...overrides.data }
  }
}

const TMOBILE: DeviceStatus = {
  deviceId: 'demo-hotspot',
  updatedAt: Date.UTC(2026, 0, 15),
  identity: { manufacturer: 'Huawei', model: 'E5577', imei: '867123456789012' },
  sim: { state: 'ready', iccid: '8901260412055501434', imsi: '310260412055501', msisdn: '+12065550143', msisdnSource: 'device', spn: 'T-Mobile' },
  signal: { bars: 4, rat: 'lte' },
  registration: { state: 'home', operatorName: 'T-Mobile', plmn: '310260' },
  data: { state: 'connected', ipv4: '10.0.0.2' },
  usage: {}
}

const IIJMIO: DeviceStatus = {
  ...TMOBILE,
  deviceId: 'iij-stick',
  // Type D (docomo network) on an IIJ-issued card (8981030…), phone number in +81 form as many devices report it.
  sim: { state: 'ready', iccid: '8981030012345678900', imsi: '440103456789012', msisdn: '+818012345678', msisdnSource: 'device', spn: 'IIJmio' },
  registration: { state: 'home', operatorName: 'NTT DOCOMO', plmn: '44010' }
}

const RAKUTEN: DeviceStatus = {
  ...TMOBILE,
  deviceId: 'rakuten-router',
  sim: { state: 'ready', iccid: '8981090012345678907', imsi: '440113456789012', msisdn: '09012345678', msisdnSource: 'sim' },
  registration: { state: 'home', operatorName: 'Rakuten', plmn: '44011' }
}

export const tmobileReading = (overrides: Overrides = {}) => reading(TMOBILE, overrides)
export const iijmioReading = (overrides: Overrides = {}) => reading(IIJMIO, overrides)
export const rakutenReading = (overrides: Overrides = {}) => reading(RAKUTEN, overrides)
