// The command line in-process against Huawei simulators on 127.0.0.1, added with --address exactly as a
// user whose hotspot is not auto-found would: listing, status, the APN transaction (ok, restored, not
// restored), the password flow (tried once, remembered), and the same commands through a serve host
// with --connect.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { plainNodeSecretStore, type HostFactory } from '../../src/cli/local-host'
import { runCli } from '../../src/cli/run'
import { DeviceStatus } from '../../src/contract/model'
import { createHost } from '../../src/host/host'
import { startServe } from '../../src/host/serve/serve-server'
import { HuaweiHilinkSimulator, type HuaweiHilinkSimulatorOptions } from '../../src/simulators/huawei-hilink'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Quick device timings so the APN transaction finishes within a test, with the real clock. */
const FAST: HuaweiHilinkSimulatorOptions = { dataConnectMs: 120, dataDisconnectMs: 60, ussdReplyMs: 80, latencyMs: 1 }

/** The CLI's own host, polling quickly; no USB or serial scan, so only the --address devices exist. */
const quickHost: HostFactory = ({ registry, demo, dataDir, log }) =>
  createHost({
    registry,
    secrets: plainNodeSecretStore(dataDir),
    history: false,
    startDemo: demo,
    rates: { focusedMs: 100, backgroundMs: 200 },
    ...(log ? { log } : {})
  })

interface Run {
  code: number
  stdout: string
  stderr: string
  /** Each write to stdout with when it happened. */
  writes: Array<{ at: number; text: string }>
}

async function cli(argv: string[], options: { dataDir: string; stdin?: string; onStdout?: (text: string) => void }): Promise<Run> {
  const run: Run = { code: -1, stdout: '', stderr: '', writes: [] }
  run.code = await runCli(argv, {
    stdout: {
      write: (text: string) => {
        run.stdout += text
        run.writes.push({ at: performance.now(), text })
        options.onStdout?.(text)
      }
    },
    stderr: { write: (text: string) => void (run.stderr += text) },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: { HOTSPOT_DESK_DATA_DIR: options.dataDir },
    createHost: quickHost
  })
  return run
}

async function simulator(options: HuaweiHilinkSimulatorOptions = {}): Promise<{ sim: HuaweiHilinkSimulator; baseUrl: string; dataDir: string }> {
  const sim = new HuaweiHilinkSimulator({ ...FAST, ...options })
  const { baseUrl } = await sim.start()
  cleanups.push(() => sim.stop())
  return { sim, baseUrl: baseUrl.replace(/\/+$/, ''), dataDir: mkdtempSync(join(tmpdir(), 'hd-cli-data-')) }
}

describe('--address devices', () => {
  it('lists a hotspot it was given by address, and reads its status', async () => {
    const { baseUrl, dataDir } = await simulator({ loginRequired: false })
    const table = await cli(['devices', '--address', baseUrl], { dataDir })
    expect(table.code).toBe(0)
    const [header, row] = table.stdout.split('\n')
    expect(header).toMatch(/^#\s+ID\s+NAME\s+FAMILY\s+STATE\s+NUMBER\s+CARRIER\s+BARS$/)
    expect(row).toMatch(new RegExp(`^1\\s+${baseUrl.replace(/[.]/g, '\\.')}\\s+E5577Cs-321\\s+huawei-hilink\\s+ready\\s+\\+12065550143\\s+T-Mobile\\s+[0-5]/5$`))

    const json = await cli(['status', '1', '--json', '--address', baseUrl], { dataDir })
    expect(json.code).toBe(0)
    const status = DeviceStatus.parse(JSON.parse(json.stdout))
    expect(status).toMatchObject({ deviceId: baseUrl, sim: { msisdn: '+12065550143' }, registration: { operatorName: 'T-Mobile' } })
  })

  it('says so when nothing known answers at the address (exit 2)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-cli-data-'))
    const run = await cli(['devices', '--address', 'http://127.0.0.1:9', '--json'], { dataDir })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^error: Nothing at http:\/\/127\.0\.0\.1:9 answered like a hotspot/)
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'FAILED' }, exitCode: 2 })
  })
})

describe('apn set', () => {
  it('switches to an APN the network accepts, printing each step as it happens (exit 0)', async () => {
    const { sim, baseUrl, dataDir } = await simulator({ loginRequired: false })
    const run = await cli(['apn', 'set', '1', '--apn', 'pcweb.tmobile.com', '--name', 'Tether', '--address', baseUrl], { dataDir })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines.filter((line) => /^\w+\s+ok\b/.test(line)).map((line) => line.split(/\s+/)[0])).toEqual(['snapshot', 'apply', 'reattach', 'verify'])
    expect(lines.at(-1)).toBe('APN switched: Tether (pcweb.tmobile.com) is in use and mobile data is up.')
    // Live: the first step was on screen well before the outcome (the reattach alone takes 120 ms here).
    const first = run.writes.find((write) => write.text.startsWith('snapshot'))
    const last = run.writes.at(-1)
    expect(last && first && last.at - first.at).toBeGreaterThan(100)
    expect(sim.profiles.list.find((profile) => profile.index === sim.profiles.current)).toMatchObject({ name: 'Tether' })

    const list = await cli(['apn', 'list', '1', '--json', '--address', baseUrl], { dataDir })
    expect(JSON.parse(list.stdout).profiles).toEqual(
      expect.arrayContaining([expect.objectContaining({ apn: 'pcweb.tmobile.com', isDefault: true }), expect.objectContaining({ apn: 'fast.t-mobile.com', isDefault: false })])
    )
  })

  it('reports a wrong APN that was rolled back with exit 6, in one JSON document', async () => {
    const { sim, baseUrl, dataDir } = await simulator({ loginRequired: false })
    const run = await cli(['apn', 'set', '1', '--apn', 'iijmio.jp', '--user', 'mio@iij', '--password', 'iij', '--json', '--address', baseUrl], { dataDir })
    expect(run.code).toBe(6)
    const document = JSON.parse(run.stdout)
    expect(document).toMatchObject({ ok: false, restored: true, error: { code: 'PROTOCOL' }, active: { apn: 'fast.t-mobile.com' } })
    expect(document.steps.map((step: { step: string; status: string }) => `${step.step}:${step.status}`)).toEqual(
      expect.arrayContaining(['snapshot:ok', 'verify:failed', 'restore:ok'])
    )
    expect(run.stderr).toMatch(/^error: The network refused the new APN.*\nhint: Nothing changed: the previous APN is active again/)
    expect(sim.profiles.list.map((profile) => profile.name)).toEqual(['T-Mobile'])
  })

  it('reports a failed switch it could not undo with exit 7', async () => {
    const { sim, baseUrl, dataDir } = await simulator({ loginRequired: false })
    // The device vanishes while the new APN is being verified, so the restore cannot reach it either.
    const run = await cli(['apn', 'set', '1', '--apn', 'pcweb.tmobile.com', '--address', baseUrl], {
      dataDir,
      onStdout: (text) => {
        if (text.startsWith('verify') && text.includes('…')) void sim.unplug()
      }
    })
    expect(run.code).toBe(7)
    expect(run.stdout).toMatch(/^restore\s+failed/m)
    expect(run.stderr).toMatch(/hint: Mobile data may be down/)
  })
})

describe('login', () => {
  it('tries a wrong password once (exit 3), remembers a right one, and later commands use it', async () => {
    const { sim, baseUrl, dataDir } = await simulator({ password: 'correct horse' })
    const address = ['--address', baseUrl]

    const locked = await cli(['status', '1', ...address], { dataDir })
    expect(locked.code).toBe(3)
    expect(locked.stderr).toContain('hint: Log in once with: hotspot-desk login 1 --password-stdin --remember')
    expect(sim.stats.passwordChecks).toBe(0)

    const typed = 'not-the-Pa55word'
    const wrong = await cli(['login', '1', '--password-stdin', ...address], { dataDir, stdin: `${typed}\n` })
    expect(wrong.code).toBe(3)
    expect(wrong.stderr).toMatch(/^error: .*\nhint: It was tried once and will not be retried/)
    expect(sim.stats.passwordChecks).toBe(1)
    expect(wrong.stdout + wrong.stderr).not.toContain(typed)

    const right = await cli(['login', '1', '--user', 'admin', '--password-stdin', '--remember', '--json', ...address], { dataDir, stdin: 'correct horse\n' })
    expect(right.code).toBe(0)
    expect(JSON.parse(right.stdout)).toMatchObject({ device: { id: baseUrl, state: 'ready' } })
    expect(right.stdout + right.stderr).not.toContain('correct horse')
    expect(sim.stats.passwordChecks).toBe(2)
    expect(await plainNodeSecretStore(dataDir).accounts()).toEqual([`device:${baseUrl}`])

    // A new command, a new host: the remembered password is used without asking.
    const status = await cli(['status', '1', ...address], { dataDir })
    expect(status.code).toBe(0)
    expect(status.stdout.split('\n')[0]).toBe('Phone number   +12065550143 (from the device)')
  })

  it('never makes the host try a remembered password the device rejected a second time', async () => {
    const { sim, baseUrl, dataDir } = await simulator({ password: 'correct horse' })
    await plainNodeSecretStore(dataDir).setCredentials(`device:${baseUrl}`, { password: 'changed since' })
    // The host's first contact uses the remembered password: one check. Nothing the command does adds another.
    for (const argv of [['devices'], ['status', '1'], ['sms', 'list', '1']]) {
      const before = sim.stats.passwordChecks
      const run = await cli([...argv, '--address', baseUrl], { dataDir })
      expect(sim.stats.passwordChecks - before, argv.join(' ')).toBe(1)
      if (argv[0] === 'devices') expect(run.stdout).toMatch(/auth-required/)
      else expect(run.code).toBe(3)
    }
  })

  it('refuses a password on the command line before anything reaches the device (exit 64)', async () => {
    const { sim, baseUrl, dataDir } = await simulator({ password: 'correct horse' })
    const run = await cli(['login', '1', '--password', 'correct horse', '--address', baseUrl], { dataDir })
    expect(run.code).toBe(64)
    expect(run.stderr).not.toContain('correct horse')
    expect(sim.requestLog()).toHaveLength(0)
  })

  it('refuses an empty stdin with exit 64 without starting a host', async () => {
    const { sim, baseUrl, dataDir } = await simulator({ password: 'correct horse' })
    const run = await cli(['login', '1', '--password-stdin', '--address', baseUrl], { dataDir, stdin: '' })
    expect(run.code).toBe(64)
    expect(run.stderr).toMatch(/^error: No password arrived on stdin\./)
    expect(sim.requestLog()).toHaveLength(0)
  })
})

describe('--connect to a serve host', () => {
  it('speaks the same contract over the WebSocket, and refuses a wrong token with exit 3', async () => {
    const { sim, baseUrl } = await simulator({ loginRequired: false })
    const host = await createHost({ rates: { focusedMs: 100, backgroundMs: 200 } })
    cleanups.push(() => host.close())
    await host.addDevice({ id: 'e5', name: 'E5577', familyId: 'huawei-hilink', target: { connection: { kind: 'http', baseUrl }, credentials: sim.credentials } })
    const serve = await startServe({ host, rendererDir: mkdtempSync(join(tmpdir(), 'hd-r-')), token: 'cli-test-token-0123456789' })
    cleanups.push(() => serve.close())
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-cli-data-'))

    const devices = await cli(['devices', '--json', '--connect', serve.url], { dataDir })
    expect(devices.code).toBe(0)
    expect(JSON.parse(devices.stdout).devices).toMatchObject([{ index: 1, id: 'e5', state: 'ready', status: { sim: { msisdn: '+12065550143' } } }])

    // A menu opened by one command is answered by the next: the serve host keeps the session.
    const menu = await cli(['ussd', 'e5', '#999#', '--connect', serve.url], { dataDir })
    expect(menu.code).toBe(0)
    expect(menu.stdout).toContain('The network is waiting for an answer: hotspot-desk ussd e5 --reply DIGITS')
    const answer = await cli(['ussd', 'e5', '--reply', '1', '--json', '--connect', serve.url], { dataDir })
    expect(JSON.parse(answer.stdout)).toMatchObject({ steps: [{ sent: '1', text: expect.stringMatching(/balance/i), sessionOpen: false }], sessionOpen: false })

    const refused = await cli(['devices', '--connect', serve.url.replace(/token=[^&]+/, 'token=wrong')], { dataDir })
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(/^error: The serve host at 127\.0\.0\.1:\d+ refused the token\./)
    // The CLI's connections are gone once each command ends.
    await expect.poll(() => host.server.clientCount).toBe(0)
  })
})
