// The bundle builder with scripted sources: a failing read is recorded and the rest still ships, the
// steps report progress in order, a cancelled build stops with CANCELLED, and a device without SMS,
// AT port or history gets those steps skipped with a reason.
import { describe, expect, it } from 'vitest'
import type { DiagnosticsProgress } from '../../src/contract/diagnostics'
import { ContractError } from '../../src/contract/errors'
import type { DeviceStatus, DeviceSummary } from '../../src/contract/model'
import { buildDiagnosticsBundle, bundleFileName, type BundleSources } from '../../src/diagnostics/bundle'
import type { HotspotDriver } from '../../src/devices/driver'
import { readZip } from './diagnostics-zip-reader'

const NOW = Date.UTC(2026, 10, 22, 19, 0, 0)
const summary: DeviceSummary = {
  id: 'unit-1',
  name: 'Unit',
  family: 'fake',
  familyLabel: 'Fake family',
  demo: false,
  connection: { kind: 'http', baseUrl: 'http://127.0.0.1:9' },
  state: 'ready',
  capabilities: ['readSignal', 'apnRead', 'wifiSettings']
}
const status: DeviceStatus = {
  deviceId: 'unit-1',
  updatedAt: NOW,
  identity: { imei: '356938035643809', model: 'X1' },
  sim: { state: 'ready', iccid: '8981100012345678903', msisdn: '+12065550143' },
  signal: { bars: 3, rat: 'lte', rsrpDbm: -95 },
  registration: { state: 'home' },
  data: { state: 'connected' },
  usage: {}
}

function driver(overrides: Partial<HotspotDriver>): HotspotDriver {
  return { family: 'fake', capabilities: new Set(summary.capabilities), open: async () => undefined, read: async () => status, close: async () => undefined, ...overrides }
}

function sources(overrides: Partial<BundleSources> = {}, fake: HotspotDriver = driver({})): BundleSources {
  return {
    deviceId: 'unit-1',
    appVersion: '9.9.9',
    now: () => NOW,
    summary: () => summary,
    status: async () => status,
    driverFor: async () => fake,
    log: () => `2026-11-22T18:59:00.000Z polled ${status.identity.imei}\n`,
    ...overrides
  }
}

const text = (zip: string, name: string) => readZip(Buffer.from(zip, 'base64')).find((entry) => entry.name === name)?.data.toString('utf8')

describe('buildDiagnosticsBundle', () => {
  it('records a failing read in the manifest and still ships the rest, with progress for every step', async () => {
    const fake = driver({
      apn: {
        list: async () => {
          throw new ContractError('TIMEOUT', 'The device did not answer in 10 s (imei 356938035643809).')
        },
        create: async () => '',
        update: async () => undefined,
        remove: async () => undefined,
        setDefault: async () => undefined,
        reattach: async () => undefined
      },
      wifi: { get: async () => ({ ssid: 'Shop-01', security: 'wpa2-psk', key: 'correct horse battery' }), set: async () => undefined }
    })
    const progress: DiagnosticsProgress[] = []
    const bundle = await buildDiagnosticsBundle(sources({}, fake), { identifiers: false, smsText: false }, { signal: new AbortController().signal, onProgress: (p) => progress.push(p) })
    expect(bundle.entries).toEqual(['device/summary.json', 'device/status.json', 'device/api-dumps/apn-profiles.json', 'device/api-dumps/wifi.json', 'logs/host.log', 'manifest.json'])
    expect(text(bundle.base64, 'device/api-dumps/apn-profiles.json')).toContain('"code": "TIMEOUT"')
    expect(text(bundle.base64, 'device/api-dumps/apn-profiles.json')).toContain('<IMEI-1>')
    expect(text(bundle.base64, 'device/api-dumps/wifi.json')).not.toContain('correct horse battery')
    expect(text(bundle.base64, 'logs/host.log')).toBe('2026-11-22T18:59:00.000Z polled <IMEI-1>\n')
    const manifest = JSON.parse(text(bundle.base64, 'manifest.json') ?? '{}') as { app: { version: string }; steps: Array<{ step: string; status: string; detail?: string }> }
    expect(manifest.app.version).toBe('9.9.9')
    expect(manifest.steps.map((step) => `${step.step}:${step.status}`)).toEqual(['device:ok', 'dumps:ok', 'transcript:skipped', 'history:skipped', 'sms:skipped', 'log:ok', 'zip:ok'])
    expect(progress.filter((p) => p.status === 'started').map((p) => p.step)).toEqual(['device', 'dumps', 'transcript', 'history', 'sms', 'log', 'zip'])
    expect(bundle.fileName).toBe('hotspot-diagnostics-unit-1-20261122T1900Z.zip')
  })

  it('stops with CANCELLED when aborted mid-way, and says only codes in progress events', async () => {
    const controller = new AbortController()
    const progress: DiagnosticsProgress[] = []
    const slowHistory = {
      csv: () => new Promise<{ csv: string; rows: number }>(() => controller.abort()),
      device: () => undefined
    }
    const building = buildDiagnosticsBundle(sources({ history: slowHistory }), { identifiers: false, smsText: false }, { signal: controller.signal, onProgress: (p) => progress.push(p) })
    await expect(building).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(progress.at(-1)).toMatchObject({ step: 'history', status: 'started' })
  })

  it('fails the device step when the device cannot be read, and says so in the bundle', async () => {
    const bundle = await buildDiagnosticsBundle(
      sources({ status: () => Promise.reject(new ContractError('DEVICE_GONE', 'The device is not answering.')) }),
      { identifiers: false, smsText: false },
      { signal: new AbortController().signal }
    )
    const manifest = JSON.parse(text(bundle.base64, 'manifest.json') ?? '{}') as { steps: Array<{ step: string; status: string; detail?: string }> }
    expect(manifest.steps[0]).toEqual({ step: 'device', status: 'failed', detail: 'DEVICE_GONE: The device is not answering.' })
    expect(bundle.entries).not.toContain('device/status.json')
  })

  it('makes file names safe', () => {
    expect(bundleFileName('/dev/ttyUSB2 (AT)', new Date(NOW))).toBe('hotspot-diagnostics-dev-ttyUSB2-AT-20261122T1900Z.zip')
    expect(bundleFileName('///', new Date(NOW))).toBe('hotspot-diagnostics-device-20261122T1900Z.zip')
  })
})
