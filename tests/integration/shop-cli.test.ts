// `hotspot-desk profile apply|list` in-process against the demo fleet, with a temporary data folder: the
// profile is checked, saved and applied through the host's contract, every unit's steps are printed, and the
// exit code says whether all units are done, some failed, or the file is not a valid profile.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { plainNodeSecretStore, type HostFactory } from '../../src/cli/local-host'
import { runCli } from '../../src/cli/run'
import { PROFILE_EXIT } from '../../src/cli/station-exit-codes'
import { PROFILE_SCHEMA_ID, type JobDetail } from '../../src/contract/shop'
import { createHost } from '../../src/host/host'
import { startServe } from '../../src/host/serve/serve-server'
import { HuaweiHilinkSimulator } from '../../src/simulators/huawei-hilink'

const demoHost: HostFactory = ({ registry, demo, dataDir, log }) =>
  createHost({
    registry,
    secrets: plainNodeSecretStore(dataDir),
    history: false,
    startDemo: demo,
    demo: { latencyMs: 2, primaryOnly: false },
    rates: { focusedMs: 150, backgroundMs: 400 },
    dataDir,
    stationTiming: { apnVerifyPollMs: 300, rollbackRetryMs: 300 },
    ...(log ? { log } : {})
  })

async function cli(argv: string[], dataDir: string, factory: HostFactory = demoHost): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: { write: (text: string) => void (stdout += text) },
    stderr: { write: (text: string) => void (stderr += text) },
    stdin: Readable.from([]),
    env: { HOTSPOT_DESK_DATA_DIR: dataDir, HOTSPOT_DESK_NO_LAN_PROBE: '1' },
    createHost: factory
  })
  return { code, stdout, stderr }
}

function profileFile(dir: string, profile: Record<string, unknown>): string {
  const file = join(dir, `${String(profile.id)}.json`)
  writeFileSync(file, JSON.stringify(profile))
  return file
}

const WIFI_PROFILE = {
  schema: PROFILE_SCHEMA_ID,
  id: 'front-desk',
  name: 'Front desk',
  wifi: { ssid: 'DESK-{imei4}', key: { mode: 'generate', length: 10, alphabet: 'digits' } },
  unsupported: 'skip'
}

describe('profile apply', () => {
  it('applies to the named units (--json): exit 0, every unit done and verified, the profile saved', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-cli-station-'))
    const file = profileFile(dataDir, WIFI_PROFILE)
    const run = await cli(['profile', 'apply', file, 'demo-hotspot', 'demo-zte', '--parallel', '2', '--json', '--demo'], dataDir)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as JobDetail & { exitCode: number }
    expect(report).toMatchObject({ state: 'finished', parallelism: 2, profileId: 'front-desk', exitCode: 0, counts: { total: 2, done: 2 } })
    for (const unit of report.units) {
      expect(unit.applied?.ssid).toMatch(/^DESK-\d{4}$/)
      expect(unit.steps.find((step) => step.step === 'verify')?.status).toBe('ok')
    }
    // No secret in the report.
    expect(run.stdout).not.toMatch(/"wifiKey":\s*"\d{10}"/)

    const listed = await cli(['profile', 'list'], dataDir)
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/^front-desk\s+Front desk\s+Wi-Fi\s+.*profiles\/front-desk\.json$/m)
  }, 60_000)

  it('applies to every attached unit with --all and prints each step, then a report', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-cli-station-'))
    const run = await cli(['profile', 'apply', profileFile(dataDir, WIFI_PROFILE), '--all', '--demo'], dataDir)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Applying "Front desk" to \d unit\(s\), 4 at a time/m)
    expect(run.stdout).toMatch(/^#\d demo-hotspot\s+wifi\s+ok\s+SSID DESK-\d{4}, new Wi-Fi password$/m)
    expect(run.stdout).toMatch(/^#\d demo-netgear\s+→ done$/m)
    expect(run.stdout).toMatch(/^#\s+UNIT\s+MODEL\s+OUTCOME\s+SSID \/ WHY$/m)
    expect(run.stdout).toMatch(/\d done, 0 failed, 0 need attention, 0 cancelled \(of \d\)\.$/m)
  }, 60_000)

  it('exits 8 when a unit fails (an APN the network refuses), after putting it back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-cli-station-'))
    const file = profileFile(dataDir, { ...WIFI_PROFILE, id: 'bad-apn', apn: { name: 'Wrong', apn: 'no.such.apn' } })
    const run = await cli(['profile', 'apply', file, 'demo-hotspot', '--json', '--demo'], dataDir)
    expect(run.code).toBe(PROFILE_EXIT.someFailed)
    const report = JSON.parse(run.stdout) as JobDetail
    expect(report.units[0]).toMatchObject({ outcome: 'failed', error: { code: 'PROTOCOL' } })
    // The APN transaction restored the old APN itself; the Wi-Fi was never touched.
    expect(report.units[0]?.steps.map((step) => `${step.step}:${step.status}`)).toEqual(['connect:ok', 'snapshot:ok', 'apn:failed', 'rollback:skipped'])
    expect(run.stderr).toMatch(/rolled back/)
  }, 60_000)

  it('exits 65 with every problem and its path for an invalid profile, before touching any unit', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-cli-station-'))
    const file = profileFile(dataDir, { ...WIFI_PROFILE, id: 'broken', wifi: { ssid: 'A-VERY-LONG-SHOP-NAME-TOKYO-{imei6}', key: { mode: 'fixed', value: 'short' } } })
    const run = await cli(['profile', 'apply', file, '--all', '--demo'], dataDir)
    expect(run.code).toBe(PROFILE_EXIT.invalidProfile)
    expect(run.stderr).toMatch(/wifi\.ssid: The longest network name this pattern makes is 34 bytes/)
    expect(run.stderr).toMatch(/wifi\.key\.value: A Wi-Fi password is 8 to 63/)
    expect(run.stdout).toBe('')

    writeFileSync(join(dataDir, 'not-json.json'), '{ "schema": ')
    const notJson = await cli(['profile', 'apply', join(dataDir, 'not-json.json'), '--all', '--demo', '--json'], dataDir)
    expect(notJson.code).toBe(PROFILE_EXIT.invalidProfile)
    expect(JSON.parse(notJson.stdout)).toMatchObject({ error: { code: 'INVALID_PROFILE' }, exitCode: 65 })
  }, 60_000)

  it('refuses usage errors with 64', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-cli-station-'))
    expect((await cli(['profile', 'apply', 'x.json'], dataDir)).code).toBe(64)
    expect((await cli(['profile', 'apply', 'x.json', 'a', '--all'], dataDir)).code).toBe(64)
    expect((await cli(['profile', 'apply', 'x.json', '--all', '--parallel', '0'], dataDir)).code).toBe(64)
    expect((await cli(['inventory', 'export', '--format', 'xml'], dataDir)).code).toBe(64)
  })
})

describe('inventory export', () => {
  it('writes what the job recorded: CSV on stdout without keys, JSON with keys to an owner-only file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-cli-station-'))
    const applied = await cli(['profile', 'apply', profileFile(dataDir, WIFI_PROFILE), 'demo-hotspot', '--json', '--demo'], dataDir)
    expect(applied.code).toBe(0)
    const ssid = (JSON.parse(applied.stdout) as JobDetail).units[0]?.applied?.ssid
    expect(ssid).toMatch(/^DESK-\d{4}$/)

    const csv = await cli(['inventory', 'export'], dataDir)
    expect(csv.code).toBe(0)
    const [header, ...lines] = csv.stdout.trimEnd().split(/\r?\n/)
    expect(header).toContain('ssid')
    expect(header).not.toContain('wifi_key')
    expect(lines.some((line) => line.includes(String(ssid)))).toBe(true)

    const out = join(dataDir, 'units.json')
    const withKeys = await cli(['inventory', 'export', '--format', 'json', '--include-keys', '--out', out, '--json'], dataDir)
    expect(withKeys.code).toBe(0)
    expect(JSON.parse(withKeys.stdout)).toMatchObject({ file: out, mimeType: 'application/json' })
    expect(statSync(out).mode & 0o777).toBe(0o600)
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { units: Array<{ ssid?: string; wifiKey?: string | null }> }
    expect(exported.units.find((unit) => unit.ssid === ssid)?.wifiKey).toMatch(/^\d{10}$/)
  }, 60_000)
})

describe('--address over --connect (devices.add)', () => {
  it('has the serve host probe and add the hotspot, then works with it', async () => {
    const sim = new HuaweiHilinkSimulator({ variant: 'E5577', latencyMs: 1, loginRequired: false })
    const { baseUrl } = await sim.start()
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-cli-station-'))
    const host = await createHost({ rates: { focusedMs: 100, backgroundMs: 200 }, dataDir, history: false })
    const serve = await startServe({ host, rendererDir: mkdtempSync(join(tmpdir(), 'hd-r-')) })
    try {
      const run = await cli(['status', baseUrl, '--json', '--connect', serve.url, '--address', baseUrl], dataDir)
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout)).toMatchObject({ deviceId: baseUrl, identity: { model: 'E5577Cs-321' } })
      expect(host.manager.get(baseUrl).summary().family).toBe('huawei-hilink')
      // An address where nothing answers: exit 2 with what to check.
      const missing = await cli(['devices', '--connect', serve.url, '--address', 'http://127.0.0.1:9'], dataDir)
      expect(missing.code).toBe(2)
      expect(missing.stderr).toMatch(/Nothing at http:\/\/127\.0\.0\.1:9 answered like a hotspot/)
    } finally {
      await serve.close()
      await host.close()
      await sim.stop()
    }
  }, 30_000)
})
