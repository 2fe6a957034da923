// Contract-shaped test data. Values are realistic (a Japanese MVNO SIM on LTE band 3) but invented.
import type { DeviceStatus, DeviceSummary } from '@contract/model'

export function makeDevice(overrides: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    id: 'dev-1',
    name: 'Pocket WiFi',
    family: 'huawei-hilink',
    familyLabel: 'Huawei HiLink',
    demo: false,
    connection: { kind: 'http', baseUrl: 'http://192.168.8.1' },
    state: 'ready',
    capabilities: ['readIdentity', 'readMsisdn', 'readSignal', 'readUsage', 'readBattery'],
    ...overrides
  }
}

export function makeStatus(overrides: Partial<DeviceStatus> = {}): DeviceStatus {
  return {
    deviceId: 'dev-1',
    updatedAt: Date.UTC(2026, 0, 15, 3, 4, 5),
    identity: { manufacturer: 'Huawei', model: 'E5577', firmware: '21.333.01.00.00', imei: '867123456789012' },
    sim: {
      state: 'ready',
      iccid: '8981200012345678901',
      imsi: '440101234567890',
      msisdn: '+818012345678',
      msisdnSource: 'device'
    },
    signal: { bars: 4, rat: 'lte', networkType: 'LTE', rssiDbm: -61, rsrpDbm: -85, rsrqDb: -9, sinrDb: 14, band: 'B3' },
    registration: { state: 'home', operatorName: 'NTT DOCOMO', plmn: '44010' },
    data: { state: 'connected', ipv4: '10.123.45.67' },
    usage: {
      sessionUploadBytes: 1_572_864,
      sessionDownloadBytes: 52_428_800,
      sessionSeconds: 3725,
      monthUploadBytes: 536_870_912,
      monthDownloadBytes: 2_684_354_560,
      monthLimitBytes: 10_737_418_240,
      billingDay: 15
    },
    battery: { percent: 76, charging: false },
    wifiClients: 2,
    ...overrides
  }
}
