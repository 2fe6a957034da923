// The shop station on the command line: `profile apply` (validate, save, run a batch job, follow it, report),
// `profile list` and `inventory export`. Each is a client of the host's contract (profile.*, batch.*,
// inventory.export) — the same code the app's station runs, in-process or over --connect.
import { readFile, writeFile } from 'node:fs/promises'
import type { PayloadOf } from '../contract/events'
import type { JobDetail, JobUnit, ProfileIssue } from '../contract/shop'
import type { CliCommand } from './args'
import { EXIT } from './exit-codes'
import { CliFailure } from './failure'
import { paint, table, type Style } from './format'
import type { HostSession } from './host-session'
import { PROFILE_EXIT } from './station-exit-codes'

export interface StationIo {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  onInterrupt?: (handler: () => boolean) => () => void
}

/** How often the job is re-read when no progress event arrives. */
const RECHECK_MS = 1000
const TERMINAL = new Set(['finished', 'cancelled'])

export async function applyProfile(
  session: HostSession,
  cmd: Extract<CliCommand, { command: 'profile-apply' }>,
  io: StationIo,
  style: Style
): Promise<number> {
  const { client } = session
  const input = await readProfileFile(cmd.file)
  const checked = await client.call('profile.validate', { profile: input })
  if (!checked.ok) throw invalidProfile(cmd.file, checked.issues)
  const saved = await client.call('profile.save', { profile: input })

  const deviceIds = cmd.all ? (await session.settledDevices()).map((device) => device.id) : await named(session, cmd.devices)
  if (deviceIds.length === 0) {
    throw new CliFailure(EXIT.notFound, 'No unit is attached.', 'Plug the units in (or add network ones with --address URL), then run the command again.', 'NOT_FOUND')
  }

  const seen = new Map<string, string>()
  const stopProgress = client.on('batch.progress', (progress) => {
    if (progress.unit && !cmd.json) printUnitProgress(progress, seen, io, style)
  })
  let jobId: string | undefined
  let interrupts = 0
  const stopGuard = io.onInterrupt?.(() => {
    interrupts++
    if (interrupts > 1 || jobId === undefined) return true
    io.stderr.write('Cancelling: running units are put back as they were; press Ctrl-C again to quit at once.\n')
    void client.call('batch.cancel', { jobId }).catch(() => undefined)
    return false
  })
  let detail: JobDetail
  try {
    const started = await client.call('batch.start', { profileId: saved.profile.id, deviceIds, watchNew: false, parallelism: cmd.parallelism })
    jobId = started.jobId
    if (!cmd.json) io.stdout.write(`Applying "${saved.profile.name}" to ${deviceIds.length} unit(s), ${cmd.parallelism} at a time (job ${started.jobId}).\n`)
    detail = await untilFinished(session, started.jobId)
  } finally {
    stopGuard?.()
    stopProgress()
  }

  const code = exitCodeOf(detail)
  if (cmd.json) io.stdout.write(`${JSON.stringify({ ...detail, exitCode: code }, null, 2)}\n`)
  else io.stdout.write(`${formatReport(detail, style)}\n`)
  if (code !== EXIT.ok) {
    io.stderr.write(
      code === PROFILE_EXIT.needsAttention
        ? 'Some units could not be put back after a failure; check them by hand (the report says what is left).\n'
        : 'Some units were not prepared; their changes were rolled back. Fix the cause shown and run the command again for them.\n'
    )
  }
  return code
}

export async function listProfiles(session: HostSession, json: boolean, io: StationIo): Promise<number> {
  const result = await session.client.call('profile.list', {})
  if (json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    return EXIT.ok
  }
  const rows = result.profiles.map((entry) => [entry.profile.id, entry.profile.name, sectionsOf(entry.profile), entry.file ?? ''])
  io.stdout.write(rows.length > 0 ? `${table(['ID', 'NAME', 'SETS', 'FILE'], rows)}\n` : 'No saved profiles yet. Save one with: hotspot-desk profile apply <file> …\n')
  for (const problem of result.problems) {
    io.stderr.write(`Broken profile file ${problem.file}:\n${problem.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}\n`)
  }
  return EXIT.ok
}

export async function exportInventory(session: HostSession, cmd: Extract<CliCommand, { command: 'inventory-export' }>, io: StationIo): Promise<number> {
  const file = await session.client.call('inventory.export', { format: cmd.format, includeKeys: cmd.includeKeys })
  const bytes = Buffer.from(file.base64, 'base64')
  if (cmd.out !== undefined) {
    // Keys may be in it: this user only.
    await writeFile(cmd.out, bytes, { mode: 0o600 })
    if (cmd.json) io.stdout.write(`${JSON.stringify({ file: cmd.out, fileName: file.fileName, mimeType: file.mimeType, bytes: bytes.length }, null, 2)}\n`)
    else io.stderr.write(`Wrote ${bytes.length} bytes to ${cmd.out}.\n`)
  } else {
    io.stdout.write(bytes.toString('utf8'))
  }
  return EXIT.ok
}

// ---- helpers ----

async function readProfileFile(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new CliFailure(EXIT.usage, `Cannot read the profile file ${file}: ${(error as Error).message}`, 'Give the path of a profile JSON file.', 'BAD_INPUT')
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw invalidProfile(file, [{ path: '(file)', message: `Not valid JSON: ${(error as Error).message}` }])
  }
}

function invalidProfile(file: string, issues: readonly ProfileIssue[]): CliFailure {
  return new CliFailure(
    PROFILE_EXIT.invalidProfile,
    `${file} is not a valid profile:\n${issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`,
    'Fix these fields and run the command again; nothing was applied.',
    'INVALID_PROFILE',
    { issues }
  )
}

async function named(session: HostSession, queries: readonly string[]): Promise<string[]> {
  const ids: string[] = []
  for (const query of queries) {
    const { device } = await session.find(query)
    if (!ids.includes(device.id)) ids.push(device.id)
  }
  return ids
}

async function untilFinished(session: HostSession, jobId: string): Promise<JobDetail> {
  for (;;) {
    const detail = await session.client.call('batch.get', { jobId })
    if (TERMINAL.has(detail.state)) return detail
    await session.client.nextEvent(['batch.progress'], RECHECK_MS)
  }
}

export function exitCodeOf(detail: Pick<JobDetail, 'counts'>): number {
  const { counts } = detail
  if (counts.needsAttention > 0) return PROFILE_EXIT.needsAttention
  if (counts.failed > 0 || counts.cancelled > 0 || counts.done < counts.total) return PROFILE_EXIT.someFailed
  return EXIT.ok
}

/** One line per unit step as it ends, and one when the unit's outcome is known. */
function printUnitProgress(progress: PayloadOf<'batch.progress'>, seen: Map<string, string>, io: StationIo, style: Style): void {
  const unit = progress.unit as JobUnit
  const label = `#${unit.position} ${unit.deviceId}`
  for (const step of unit.steps) {
    if (step.status === 'running' || step.status === 'pending') continue
    const key = `${unit.position} ${step.step}`
    const mark = `${step.status} ${step.endedAt ?? ''}`
    if (seen.get(key) === mark) continue
    seen.set(key, mark)
    const colour = step.status === 'ok' ? 'green' : step.status === 'failed' ? 'red' : 'yellow'
    io.stdout.write(`${label}  ${step.step.padEnd(14)} ${paint(style, colour, step.status)}${step.detail ? `  ${step.detail}` : ''}\n`)
  }
  const outcomeKey = `${unit.position} outcome`
  if (['done', 'failed', 'needs-attention', 'cancelled'].includes(unit.outcome) && seen.get(outcomeKey) !== unit.outcome) {
    seen.set(outcomeKey, unit.outcome)
    io.stdout.write(`${label}  → ${paint(style, unit.outcome === 'done' ? 'green' : 'red', unit.outcome)}\n`)
  }
}

function formatReport(detail: JobDetail, style: Style): string {
  const rows = detail.units.map((unit) => [
    String(unit.position),
    unit.deviceId,
    unit.model ?? '',
    unit.outcome,
    unit.outcome === 'done' ? (unit.applied?.ssid ?? '') : (unit.error?.message ?? '')
  ])
  const { counts } = detail
  const summary = `${counts.done} done, ${counts.failed} failed, ${counts.needsAttention} need attention, ${counts.cancelled} cancelled (of ${counts.total}).`
  return `\n${table(['#', 'UNIT', 'MODEL', 'OUTCOME', 'SSID / WHY'], rows, style, (column, cell) =>
    column === 3 ? (cell === 'done' ? 'green' : 'red') : undefined
  )}\n${summary}`
}

function sectionsOf(profile: { apn?: unknown; wifi?: unknown; adminPassword?: unknown; dataPlan?: unknown; language?: unknown; autoUpdate?: unknown; resetCounters?: boolean }): string {
  const parts: string[] = []
  if (profile.apn) parts.push('APN')
  if (profile.wifi) parts.push('Wi-Fi')
  if (profile.adminPassword) parts.push('admin password')
  if (profile.dataPlan) parts.push('data plan')
  if (profile.language !== undefined) parts.push('language')
  if (profile.autoUpdate !== undefined) parts.push('auto-update')
  if (profile.resetCounters) parts.push('counters reset')
  return parts.join(', ')
}
