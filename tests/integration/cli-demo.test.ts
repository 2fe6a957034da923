// The command line in-process against a host running the simulated demo fleet (--demo): listing, status,
// APN profiles, USSD on the demo's T-Mobile line, SMS, naming devices, and what a user sees when a device
// cannot do something. Then the default host factory and the built binary, as a user runs them.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { plainNodeSecretStore, type HostFactory } from '../../src/cli/local-host'
import { runCli } from '../../src/cli/run'
import { ContractError } from '../../src/contract/errors'
import { ApnProfile, DeviceStatus, DeviceSummary, SmsMessage } from '../../src/contract/model'
import type { DriverFamily } from '../../src/devices/driver'
import { createHost } from '../../src/host/host'
import { isSocatAvailable } from '../../src/simulators/pty'

/** The demo fleet with little simulated latency, polled quickly; no USB/serial scan of this machine. */
const demoHost: HostFactory = ({ registry, demo, dataDir, log }) =>
  createHost({
    registry,
    secrets: plainNodeSecretStore(dataDir),
    history: false,
    startDemo: demo,
    demo: { latencyMs: 2 },
    rates: { focusedMs: 150, backgroundMs: 400 },
    ...(log ? { log } : {})
  })

/** `createHost: null` runs the CLI's own default host. */
async function cli(argv: string[], createHost: HostFactory | null = demoHost): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: { write: (text: string) => void (stdout += text) },
    stderr: { write: (text: string) => void (stderr += text) },
    stdin: Readable.from([]),
    env: { HOTSPOT_DESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'hd-cli-data-')), HOTSPOT_DESK_NO_LAN_PROBE: '1' },
    ...(createHost ? { createHost } : {})
  })
  return { code, stdout, stderr }
}

const FLEET = ['demo-hotspot', 'demo-netgear', 'demo-zte', ...(isSocatAvailable() ? ['demo-modem'] : [])].sort()

describe('devices --demo', () => {
  it('lists the fleet sorted by id, with number, carrier and bars (JSON)', async () => {
    const run = await cli(['devices', '--demo', '--json'])
    expect(run.code).toBe(0)
    const { devices, unusable } = JSON.parse(run.stdout) as { devices: Array<DeviceSummary & { index: number; status?: DeviceStatus }>; unusable: unknown[] }
    expect(devices.map((device) => device.id)).toEqual(FLEET)
    expect(devices.map((device) => device.index)).toEqual(FLEET.map((_, index) => index + 1))
    expect(unusable).toEqual([])
    for (const device of devices) {
      DeviceSummary.parse(device)
      expect(device.state, device.id).toBe('ready')
      DeviceStatus.parse(device.status)
    }
    const hotspot = devices.find((device) => device.id === 'demo-hotspot')
    expect(hotspot?.status).toMatchObject({ sim: { msisdn: '+12065550143' }, registration: { operatorName: 'T-Mobile' } })
  })

  it('prints a table a person can read', async () => {
    const run = await cli(['devices', '--demo'])
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^#\s+ID\s+NAME\s+FAMILY\s+STATE\s+NUMBER\s+CARRIER\s+BARS$/)
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/)[1])).toEqual(FLEET)
    expect(lines.find((line) => line.includes('demo-hotspot'))).toMatch(/huawei-hilink\s+ready\s+\+12065550143\s+T-Mobile\s+[0-5]\/5$/)
    expect(run.stdout).not.toContain('\u001b')
  })
})

describe('device commands on the demo', () => {
  it('status: the phone number comes first; --json is the DeviceStatus', async () => {
    const human = await cli(['status', 'demo-h', '--demo'])
    expect(human.code).toBe(0)
    const lines = human.stdout.split('\n')
    expect(lines[0]).toBe('Phone number   +12065550143 (from the device)')
    expect(human.stdout).toMatch(/^Carrier\s+T-Mobile · PLMN 310260 · home network$/m)
    expect(human.stdout).toMatch(/^Signal\s+[0-5]\/5 bars · LTE/m)

    const json = await cli(['status', '1', '--demo', '--json'])
    expect(json.code).toBe(0)
    expect(DeviceStatus.parse(JSON.parse(json.stdout)).deviceId).toBe(FLEET[0])
  })

  it('apn list: the preset in use', async () => {
    const run = await cli(['apn', 'list', 'demo-hotspot', '--demo', '--json'])
    expect(run.code).toBe(0)
    const profiles = (JSON.parse(run.stdout) as { profiles: unknown[] }).profiles.map((profile) => ApnProfile.parse(profile))
    expect(profiles.find((profile) => profile.isDefault)).toMatchObject({ apn: 'fast.t-mobile.com' })

    const human = await cli(['apn', 'list', 'demo-hotspot', '--demo'])
    expect(human.stdout).toMatch(/^\*\s+1\s+T-Mobile \(preset\)\s+fast\.t-mobile\.com\s+none\s+ipv4v6\s+-$/m)
  })

  it("ussd '#225#' answers with the demo line's balance", async () => {
    const run = await cli(['ussd', 'demo-hotspot', '#225#', '--demo'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Your balance is \$\d+\.\d\d\./)

    const json = await cli(['ussd', 'demo-hotspot', '#225#', '--demo', '--json'])
    expect(JSON.parse(json.stdout)).toEqual({ steps: [{ sent: '#225#', text: expect.stringMatching(/^Your balance is/), sessionOpen: false }], sessionOpen: false, cancelled: false })
  })

  it('ussd walks a menu with --reply and ends it with --cancel', async () => {
    const run = await cli(['ussd', 'demo-hotspot', '#999#', '--reply', '2', '--cancel', '--demo', '--json'])
    expect(run.code).toBe(0)
    const document = JSON.parse(run.stdout)
    expect(document.steps.map((step: { sent: string; sessionOpen: boolean }) => [step.sent, step.sessionOpen])).toEqual([
      ['#999#', true],
      ['2', true]
    ])
    expect(document.steps[1].text).toMatch(/Data passes/)
    expect(document).toMatchObject({ sessionOpen: false, cancelled: true })
  })

  it('sms list: the demo inbox', async () => {
    const run = await cli(['sms', 'list', 'demo-hotspot', '--demo', '--json'])
    expect(run.code).toBe(0)
    const { messages } = JSON.parse(run.stdout) as { messages: unknown[] }
    expect(messages.length).toBeGreaterThan(0)
    for (const message of messages) SmsMessage.parse(message)

    const human = await cli(['sms', 'list', 'demo-hotspot', '--demo'])
    expect(human.stdout).toMatch(/^#\S+ · from \S+/)
  })
})

describe('what a user sees when it does not work', () => {
  it('a prefix that fits several devices: exit 2, with the candidates', async () => {
    const run = await cli(['status', 'demo', '--demo', '--json'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^error: "demo" matches \d devices: demo-hotspot, /)
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'AMBIGUOUS' }, exitCode: 2 })
  })

  it('a device that is not there: exit 2, with what is connected', async () => {
    const run = await cli(['sms', 'list', 'nope', '--demo'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^error: No device matches "nope"\.\nhint: Connected: 1 demo-hotspot, /)
    expect(run.stdout).toBe('')
  })

  it('no devices at all: exit 2 for a device command, an empty list with advice for devices', async () => {
    const missing = await cli(['status', '1'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('try --demo')
    const empty = await cli(['devices'])
    expect(empty.code).toBe(0)
    expect(empty.stdout).toMatch(/^No devices found\./)
  })

  it('a device without USSD: exit 5, with where to see what it can do', async () => {
    const run = await cli(['ussd', 'demo-netgear', '*100#', '--demo'])
    expect(run.code).toBe(5)
    expect(run.stderr).toMatch(/^error: .*ussd.*\nhint: "hotspot-desk status demo-netgear" lists what this device can do\.$/m)
  })

  it.each([
    [
      'never answers',
      (signal?: AbortSignal) => new Promise<void>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new ContractError('CANCELLED', 'stopped')))),
      /^error: Silent unit \(silent-1\) did not answer within 0\.5 s\.\nhint: Give it longer with --wait SECONDS/
    ],
    ['is unplugged', (_signal?: AbortSignal) => Promise.reject(new ContractError('DEVICE_GONE', 'The modem went away.')), /^error: The modem went away\.\nhint: Check the cable/]
  ])('a device that %s: exit 4', async (_what, open, message) => {
    const family: DriverFamily = {
      id: 'silent',
      label: 'Silent',
      connectionKinds: ['serial'],
      fingerprint: async () => null,
      create: () => ({ family: 'silent', capabilities: new Set(), open, read: () => Promise.reject(new Error('unreachable')), close: async () => undefined })
    }
    const withSilentUnit: HostFactory = async (request) => {
      const host = await demoHost({ ...request, registry: request.registry.register(family) })
      host.manager.add({ id: 'silent-1', name: 'Silent unit', familyId: 'silent', target: { connection: { kind: 'serial', path: '/dev/null' } } })
      return host
    }
    const run = await cli(['status', 'silent', '--wait', '0.5'], withSilentUnit)
    expect(run.code).toBe(4)
    expect(run.stderr).toMatch(message)
  })

  it('a usage error: exit 64 and no host is started', async () => {
    let started = false
    const run = await cli(['ussd', 'demo-hotspot', 'balance', '--demo'], async (request) => {
      started = true
      return demoHost(request)
    })
    expect(run.code).toBe(64)
    expect(run.stderr).toMatch(/^error: "balance" is not a USSD code.*\nhint: Run "hotspot-desk help"/)
    expect(started).toBe(false)
  })
})

describe('the default host (USB and serial discovery like serve mode, no network probing)', () => {
  it('lists the demo fleet next to whatever this machine has', async () => {
    const run = await cli(['devices', '--demo', '--json'], null)
    expect(run.code).toBe(0)
    const ids = (JSON.parse(run.stdout) as { devices: Array<{ id: string }> }).devices.map((device) => device.id)
    expect(ids).toEqual(expect.arrayContaining(FLEET))
  })
})

describe('serve, and commands that --connect to it', () => {
  it('serves the demo until stopped; device commands reach it through the printed address', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'hd-renderer-'))
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Hotspot Desk</title>')
    let stdout = ''
    let stop: () => void = () => undefined
    let found: (url: string) => void = () => undefined
    const printed = new Promise<string>((resolveUrl) => (found = resolveUrl))
    const serving = runCli(['serve', '--demo'], {
      stdout: {
        write: (text: string) => {
          stdout += text
          const url = /Open: (\S+)/.exec(stdout)?.[1]
          if (url) found(url)
        }
      },
      stderr: { write: () => undefined },
      stdin: Readable.from([]),
      env: { HOTSPOT_DESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'hd-cli-serve-')), HOTSPOT_DESK_NO_LAN_PROBE: '1', HOTSPOT_DESK_RENDERER_DIR: rendererDir },
      untilStopped: () => new Promise<void>((resolveStop) => (stop = resolveStop))
    })
    const url = await printed
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/)
      const run = await cli(['status', 'demo-hotspot', '--json', '--connect', url], null)
      expect(run.code, run.stderr).toBe(0)
      expect(DeviceStatus.parse(JSON.parse(run.stdout)).sim.msisdn).toBe('+12065550143')
    } finally {
      stop()
    }
    expect(await serving).toBe(0)
    expect(stdout).toContain('The demo hotspot is running.')
  }, 30_000)
})

const ROOT = resolve(__dirname, '../..')
const BUILT_CLI = join(ROOT, 'out/main/cli.js')

/** The build is current when it is newer than every CLI source file. */
function buildProblem(): string {
  if (!existsSync(BUILT_CLI)) return 'out/main/cli.js does not exist (npm run build)'
  const built = statSync(BUILT_CLI).mtimeMs
  const stale = readdirSync(join(ROOT, 'src/cli')).find((file) => statSync(join(ROOT, 'src/cli', file)).mtimeMs > built)
  return stale ? `out/main/cli.js is older than src/cli/${stale} (npm run build)` : ''
}

const skipBinary = buildProblem()
// In CI the app is built before the tests: a missing or stale build is a broken setup there.
if (skipBinary && process.env.CI) throw new Error(`the built CLI cannot be tested: ${skipBinary}`)
if (skipBinary) console.info(`built-binary CLI test skipped: ${skipBinary}`)

describe.skipIf(Boolean(skipBinary))(`the built binary${skipBinary ? ` (skipped: ${skipBinary})` : ''}`, () => {
  it('node bin/hotspot-desk.js devices --demo --json prints one JSON document and exits 0', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/hotspot-desk.js'), 'devices', '--demo', '--json'], {
      env: { ...process.env, HOTSPOT_DESK_NO_LAN_PROBE: '1', HOTSPOT_DESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'hd-cli-bin-')) },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((done) => child.once('exit', done))
    expect(code, stderr).toBe(0)
    const ids = (JSON.parse(stdout) as { devices: Array<{ id: string }> }).devices.map((device) => device.id)
    expect(ids).toEqual(expect.arrayContaining(FLEET))
  }, 60_000)
})
