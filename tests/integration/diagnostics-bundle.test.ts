// The diagnostics bundle end to end: a host with history on, a loopback Huawei simulator and (where socat
// exists) an AT modem on a PTY, each carrying planted identifiers, a Wi-Fi key and an SMS. The bundle is
// fetched over the WebSocket contract, every entry is unzipped, and no planted value may appear in any of
// its written forms — unless the user opted in (identifiers, SMS text); the Wi-Fi key never does.
// Also: progress events, cancel (CANCELLED), one bundle per device (BUSY). Loopback and local PTYs only.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHost, type Host } from '../../src/host/host'
import { startServe, type ServeHandle } from '../../src/host/serve/serve-server'
import { AtModemSimulator } from '../../src/simulators/at-modem'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'
import { swapNibbles } from '../../src/diagnostics/redact'
import { ContractTestClient } from '../support/contract-client'
import { ptySuite, SOCAT } from '../support/pty'
import { readZip } from '../unit/diagnostics-zip-reader'

const PLANTED = {
  iccid: '8981100012345678903',
  imsi: '440103123456789',
  msisdn: '+819012345678',
  wifiKey: 'kx7Qp2mZ9wLr',
  smsFrom: '+818098765432',
  smsText: 'Planted secret: meet at gate 7 and call 080-9876-5432'
}

interface Bundle {
  fileName: string
  mimeType: string
  base64: string
  entries: string[]
  redactions: Record<string, number>
}

let host: Host
let serve: ServeHandle
let client: ContractTestClient
let huawei: HuaweiHilinkSimulator
let modem: AtModemSimulator | undefined
const dataDir = mkdtempSync(join(tmpdir(), 'hd-diag-'))

beforeAll(async () => {
  host = await createHost({ history: { path: join(dataDir, 'history.db') }, rates: { focusedMs: 200, backgroundMs: 400 } })
  huawei = new HuaweiHilinkSimulator({
    variant: 'E5577',
    sim: { iccid: PLANTED.iccid, imsi: PLANTED.imsi, msisdn: PLANTED.msisdn },
    wifiKey: PLANTED.wifiKey,
    smsInbox: 'empty'
  })
  const { baseUrl } = await huawei.start()
  huawei.receiveSms(PLANTED.smsFrom, PLANTED.smsText)
  await host.addDevice({ id: 'planted-hotspot', name: 'Planted', familyId: 'huawei-hilink', target: { connection: { kind: 'http', baseUrl }, credentials: huawei.credentials } })
  serve = await startServe({ host, rendererDir: mkdtempSync(join(tmpdir(), 'hd-r-')) })
  client = await ContractTestClient.connect(`ws://127.0.0.1:${serve.port}/api?token=${serve.token}`)
  await client.result('devices.subscribe', { focusDeviceId: 'planted-hotspot' })
}, 30_000)

afterAll(async () => {
  client?.close()
  await serve?.close()
  await host?.close()
  await huawei?.stop()
  await modem?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

async function ready(deviceId: string): Promise<{ identity: { imei?: string; serialNumber?: string } }> {
  for (let i = 0; i < 150; i++) {
    const { devices } = await client.result<{ devices: Array<{ id: string; state: string }> }>('devices.list', {})
    if (devices.find((d) => d.id === deviceId)?.state === 'ready') return client.result('device.status', { deviceId })
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${deviceId} never became ready`)
}

/** Every way a value may be written in a dump, a log or a PDU. */
function formsOf(kind: 'imei' | 'imsi' | 'iccid' | 'msisdn', value: string): string[] {
  const digits = value.replace(/\D/g, '')
  const fullWidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x30 + 0xff10))
  const forms = [digits, fullWidth(digits), swapNibbles(digits).replace(/F$/, '')]
  if (kind === 'imei') forms.push(digits.slice(0, 14))
  if (kind === 'msisdn') forms.push(digits.slice(-10), `0${digits.slice(-10)}`, '090-1234-5678')
  return forms
}

function unzipAll(bundle: Bundle): Map<string, string> {
  const entries = readZip(Buffer.from(bundle.base64, 'base64'))
  return new Map(entries.map((entry) => [entry.name, entry.data.toString('utf8')]))
}

function findLeaks(files: Map<string, string>, needles: string[]): string[] {
  const leaks: string[] = []
  for (const [name, text] of files) {
    const upper = text.toUpperCase()
    for (const needle of needles) if (upper.includes(needle.toUpperCase())) leaks.push(`${name}: ${needle}`)
  }
  return leaks
}

async function bundleOf(deviceId: string, include: { identifiers: boolean; smsText: boolean }): Promise<Bundle> {
  return client.result<Bundle>('diagnostics.bundle', { deviceId, include })
}

describe('diagnostics bundle of an HTTP hotspot', () => {
  let imei = ''
  let serial = ''
  beforeAll(async () => {
    const status = await ready('planted-hotspot')
    imei = status.identity.imei ?? ''
    serial = status.identity.serialNumber ?? ''
    expect(serial.length).toBeGreaterThanOrEqual(6)
    expect(imei).toMatch(/^\d{15}$/)
    // Let the recorder keep a few samples, read the inbox once (as the user would), and log identifiers.
    await client.result('sms.list', { deviceId: 'planted-hotspot' })
    await new Promise((resolve) => setTimeout(resolve, 800))
    host.logs.add(`test: a line naming IMEI ${imei}, ICCID ${PLANTED.iccid}F and +81 90-1234-5678`)
  }, 30_000)

  it('leaves out every planted identifier, the SMS text and the Wi-Fi key, in every form, by default', async () => {
    const bundle = await bundleOf('planted-hotspot', { identifiers: false, smsText: false })
    expect(bundle.mimeType).toBe('application/zip')
    expect(bundle.fileName).toMatch(/^hotspot-diagnostics-planted-hotspot-\d{8}T\d{4}Z\.zip$/)
    const files = unzipAll(bundle)
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['manifest.json', 'device/summary.json', 'device/status.json', 'device/api-dumps/wifi.json', 'history/recent.csv', 'sms/summary.json', 'logs/host.log'])
    )
    const needles = [
      ...formsOf('imei', imei),
      ...formsOf('imsi', PLANTED.imsi),
      ...formsOf('iccid', PLANTED.iccid),
      ...formsOf('msisdn', PLANTED.msisdn),
      ...formsOf('msisdn', PLANTED.smsFrom).filter((form) => form !== '090-1234-5678'),
      '080-9876-5432',
      PLANTED.smsText,
      'meet at gate 7',
      PLANTED.wifiKey,
      serial
    ]
    expect(findLeaks(files, needles)).toEqual([])
    // The placeholders are there instead, the same one for the same value across files.
    expect(files.get('device/status.json')).toContain('<IMEI-1>')
    expect(files.get('logs/host.log')).toContain('<IMEI-1>')
    expect(files.get('logs/host.log')).toContain('<ICCID-1>')
    expect(files.get('device/api-dumps/wifi.json')).toContain('<WIFI-KEY-1>')
    const sms = JSON.parse(files.get('sms/summary.json') ?? '{}') as { count: number; messages?: unknown }
    expect(sms.count).toBe(1)
    expect(sms.messages).toBeUndefined()
    expect(bundle.redactions.imei).toBeGreaterThan(0)
    expect(bundle.redactions.wifiKey).toBeGreaterThan(0)
    const manifest = JSON.parse(files.get('manifest.json') ?? '{}') as { format: string; include: unknown; files: string[]; redaction: { kept: string[] } }
    expect(manifest.format).toBe('hotspot-desk/diagnostics@1')
    expect(manifest.include).toEqual({ identifiers: false, smsText: false })
    expect(manifest.redaction.kept).toEqual([])
    expect(files.get('history/recent.csv')?.split('\n')[0]).toMatch(/rsrp/)
  })

  it('keeps identifiers and SMS text when the user opts in, but never the Wi-Fi key', async () => {
    const files = unzipAll(await bundleOf('planted-hotspot', { identifiers: true, smsText: true }))
    const all = [...files.values()].join('\n')
    expect(all).toContain(imei)
    expect(all).toContain(PLANTED.iccid)
    expect(all).toContain(PLANTED.imsi)
    expect(all).toContain(PLANTED.msisdn)
    expect(all).toContain(PLANTED.smsText)
    expect(all).toContain(serial)
    expect(all).not.toContain(PLANTED.wifiKey)
  })

  it('keeps SMS text without identifiers when only that is opted in', async () => {
    const files = unzipAll(await bundleOf('planted-hotspot', { identifiers: false, smsText: true }))
    const sms = files.get('sms/summary.json') ?? ''
    expect(sms).toContain('Planted secret: meet at gate 7 and call <PHONE-')
    expect(findLeaks(files, [...formsOf('imei', imei), ...formsOf('iccid', PLANTED.iccid), PLANTED.smsFrom, '080-9876-5432'])).toEqual([])
  })

  it('reports progress for every step, in order', async () => {
    const before = client.events.length
    await bundleOf('planted-hotspot', { identifiers: false, smsText: false })
    const progress = client.events
      .slice(before)
      .filter((event) => event.event === 'diagnostics.progress')
      .map((event) => event.payload as { step: string; status: string; done: number; total: number })
    expect(progress.filter((p) => p.status !== 'started').map((p) => p.step)).toEqual(['device', 'dumps', 'transcript', 'history', 'sms', 'log', 'zip'])
    expect(progress.at(-1)).toMatchObject({ step: 'zip', status: 'ok', done: 7, total: 7 })
    expect(progress.find((p) => p.step === 'transcript' && p.status !== 'started')?.status).toBe('skipped')
  })

  it('can be cancelled, and allows one bundle per device at a time', async () => {
    huawei.setLatency(300)
    try {
      const pending = client.call('diagnostics.bundle', { deviceId: 'planted-hotspot' })
      await client.nextEvent((event) => event.event === 'diagnostics.progress' && (event.payload as { step: string }).step === 'dumps')
      expect((await client.error('diagnostics.bundle', { deviceId: 'planted-hotspot' })).code).toBe('BUSY')
      expect(await client.result('diagnostics.cancel', { deviceId: 'planted-hotspot' })).toEqual({ cancelled: true })
      const response = await pending
      expect(response.type === 'response' && !response.ok ? response.error.code : 'ok').toBe('CANCELLED')
      expect(await client.result('diagnostics.cancel', { deviceId: 'planted-hotspot' })).toEqual({ cancelled: false })
    } finally {
      huawei.setLatency(0)
    }
  }, 20_000)

  it('refuses unknown devices and bad params', async () => {
    expect((await client.error('diagnostics.bundle', { deviceId: 'nope' })).code).toBe('NOT_FOUND')
    expect((await client.error('diagnostics.bundle', { deviceId: 'planted-hotspot', include: { identifiers: 'yes' } })).code).toBe('BAD_INPUT')
  })
})

describe.skipIf(!SOCAT)(ptySuite('diagnostics bundle of an AT modem (transcript)'), () => {
  const SIM = { iccid: '8981100051462098537', imsi: '440103987654321', msisdn: '+819087654321' }
  beforeAll(async () => {
    modem = new AtModemSimulator({ profile: 'huawei-e3372h', sim: { card: 'iijmio-docomo', ...SIM, msisdnOnSim: true }, latencyMs: 1 })
    modem.receiveSms({ from: '+818011112222', text: 'Modem planted text for the transcript' })
    const { hostPath } = await modem.startOnPty()
    await host.addDevice({ id: 'planted-modem', name: 'Planted modem', familyId: 'generic-at', target: { connection: { kind: 'serial', path: hostPath } } })
    await ready('planted-modem')
    await client.result('sms.list', { deviceId: 'planted-modem' })
    await client.result('at.send', { deviceId: 'planted-modem', command: 'AT+CGSN' })
    await client.result('at.send', { deviceId: 'planted-modem', command: 'AT+CNUM' })
  }, 30_000)

  it('redacts the transcript: identifiers in replies and SMS PDUs', async () => {
    const imei = modem?.imei ?? ''
    const files = unzipAll(await bundleOf('planted-modem', { identifiers: false, smsText: false }))
    const transcript = files.get('device/at-transcript.txt') ?? ''
    expect(transcript).toContain('AT+CGSN')
    expect(transcript).toContain('<IMEI-1>')
    const needles = [...formsOf('imei', imei), ...formsOf('imsi', SIM.imsi), ...formsOf('iccid', SIM.iccid), ...formsOf('msisdn', SIM.msisdn).filter((f) => f !== '090-1234-5678'), 'Modem planted text']
    expect(findLeaks(files, needles)).toEqual([])
    const withAll = [...unzipAll(await bundleOf('planted-modem', { identifiers: true, smsText: true })).values()].join('\n')
    expect(withAll).toContain(imei)
    expect(withAll).toContain('Modem planted text for the transcript')
  }, 30_000)
})
