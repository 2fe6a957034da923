// Builds the diagnostics bundle for one device: gathers everything first (so every identifier, Wi-Fi key
// and SMS text is known before anything is written), then redacts each file with one Redactor and zips
// them. Only reads: nothing here changes a setting on the device. Each step reports progress and checks the
// abort signal, and a step that fails is recorded in the manifest instead of failing the bundle.
import { ContractError } from '../contract/errors'
import {
  BUNDLE_STEPS,
  type BundleStep,
  type DiagnosticsBundle,
  type DiagnosticsInclude,
  type DiagnosticsProgress
} from '../contract/diagnostics'
import type { DeviceStatus, DeviceSummary, HistoryDevice, SmsMessage, SmsStorage } from '../contract/model'
import type { HotspotDriver } from '../devices/driver'
import type { Capability } from '../devices/model'
import { Redactor, type KnownValues } from './redact'
import { ZipWriter } from './zip-writer'

export const BUNDLE_FORMAT = 'hotspot-desk/diagnostics@1'
export const HISTORY_WINDOW_MS = 24 * 60 * 60 * 1000
/** History CSV one bundle carries: the same cap as history.export (a whole day of 1 s samples is about 12 MB). */
export const MAX_HISTORY_CSV_CHARS = 16 * 1024 * 1024

/** What the bundle reads from; the host wires these to its device manager, history and log ring. */
export interface BundleSources {
  deviceId: string
  appVersion: string
  summary(): DeviceSummary
  /** The latest reading (waits for one poll when there is none yet). */
  status(signal: AbortSignal): Promise<DeviceStatus>
  /** The driver for an operation group, or a ContractError (UNSUPPORTED, BUSY …). */
  driverFor(capability: Capability): Promise<HotspotDriver>
  /** Recent samples as CSV and the history inventory row; undefined when history is off. */
  history?: {
    csv(from: number, to: number): Promise<{ csv: string; rows: number }>
    device(): HistoryDevice | undefined
  }
  /** The host log (logs/host.log). */
  log?: () => string
  now?: () => number
}

interface StepRecord {
  step: BundleStep
  status: 'ok' | 'skipped' | 'failed'
  detail?: string
}

interface Gathered {
  summary?: DeviceSummary
  status?: DeviceStatus
  dumps: Array<{ name: string; value: unknown }>
  wifiKeys: string[]
  transcript?: Array<{ at: number; direction: string; kind: string; text: string }>
  historyCsv?: { csv: string; rows: number; from: number; to: number }
  historyDevice?: HistoryDevice
  sms?: { messages?: SmsMessage[]; storage?: SmsStorage }
  log?: string
}

export async function buildDiagnosticsBundle(
  sources: BundleSources,
  include: DiagnosticsInclude,
  options: { signal: AbortSignal; onProgress?: (progress: DiagnosticsProgress) => void }
): Promise<DiagnosticsBundle> {
  const { signal } = options
  const now = sources.now ?? Date.now
  const startedAt = now()
  const steps: StepRecord[] = []
  const gathered: Gathered = { dumps: [], wifiKeys: [] }
  const total = BUNDLE_STEPS.length
  const report = (step: BundleStep, status: DiagnosticsProgress['status'], detail?: string) =>
    options.onProgress?.({ deviceId: sources.deviceId, step, status, done: steps.length, total, ...(detail ? { detail } : {}) })

  const run = async (step: BundleStep, work: () => Promise<'ok' | 'skipped' | { skipped: string }>) => {
    checkAborted(signal)
    report(step, 'started')
    let record: StepRecord
    try {
      const outcome = await work()
      record = outcome === 'ok' ? { step, status: 'ok' } : outcome === 'skipped' ? { step, status: 'skipped' } : { step, status: 'skipped', detail: outcome.skipped }
    } catch (error) {
      checkAborted(signal)
      record = { step, status: 'failed', detail: errorText(error) }
    }
    steps.push(record)
    // Events carry no device text: a failure says only its code (the manifest has the redacted message).
    report(step, record.status, record.status === 'failed' ? record.detail?.split(':')[0] : record.detail)
  }

  await run('device', async () => {
    gathered.summary = sources.summary()
    gathered.status = await abortable(sources.status(signal), signal)
    return 'ok'
  })

  await run('dumps', async () => {
    const caps = new Set(gathered.summary?.capabilities ?? [])
    const read = async (name: string, capability: Capability, fetch: (driver: HotspotDriver) => Promise<unknown> | undefined) => {
      if (!caps.has(capability)) return
      try {
        const value = await abortable(Promise.resolve(fetch(await sources.driverFor(capability))), signal)
        if (value !== undefined) gathered.dumps.push({ name, value })
      } catch (error) {
        checkAborted(signal)
        gathered.dumps.push({ name, value: { error: errorData(error) } })
      }
    }
    await read('apn-profiles.json', 'apnRead', (driver) => driver.apn?.list(signal))
    await read('wifi.json', 'wifiSettings', async (driver) => {
      const wifi = await driver.wifi?.get(signal)
      if (wifi?.key) gathered.wifiKeys.push(wifi.key)
      return wifi
    })
    await read('device-settings.json', 'deviceSettings', (driver) => driver.settings?.get(signal))
    return gathered.dumps.length > 0 ? 'ok' : { skipped: 'The device offers no reads beyond its status.' }
  })

  await run('transcript', async () => {
    if (!gathered.summary?.capabilities.includes('atConsole')) return { skipped: 'No AT port on this device.' }
    const console = (await sources.driverFor('atConsole')).atConsole
    if (!console) return { skipped: 'No AT port on this device.' }
    gathered.transcript = console.transcript()
    return 'ok'
  })

  await run('history', async () => {
    if (!sources.history) return { skipped: 'History is off.' }
    gathered.historyDevice = sources.history.device()
    const to = now()
    const from = to - HISTORY_WINDOW_MS
    const csv = await abortable(sources.history.csv(from, to), signal)
    if (csv.rows === 0 && gathered.historyDevice === undefined) return { skipped: 'Nothing has been recorded for this device yet.' }
    gathered.historyCsv = { ...csv, from, to }
    return 'ok'
  })

  await run('sms', async () => {
    if (!gathered.summary?.capabilities.includes('sms')) return { skipped: 'This device has no SMS.' }
    const sms = (await sources.driverFor('sms')).sms
    if (!sms) return { skipped: 'This device has no SMS.' }
    const [messages, storage] = await abortable(Promise.all([sms.list(signal), sms.storage?.(signal)]), signal)
    gathered.sms = { messages, ...(storage ? { storage } : {}) }
    return 'ok'
  })

  await run('log', async () => {
    if (!sources.log) return { skipped: 'This host keeps no log.' }
    gathered.log = sources.log()
    return 'ok'
  })

  checkAborted(signal)
  report('zip', 'started')
  const redactor = new Redactor(include, knownValues(gathered))
  const zip = new ZipWriter()
  const at = new Date(startedAt)
  const add = (name: string, content: string) => zip.add(name, content, { date: at })
  const json = (value: unknown) => `${JSON.stringify(redactor.json(value), null, 2)}\n`

  if (gathered.summary) add('device/summary.json', json(gathered.summary))
  if (gathered.status) add('device/status.json', json(gathered.status))
  for (const dump of gathered.dumps) add(`device/api-dumps/${dump.name}`, json(redactDump(dump, redactor)))
  if (gathered.transcript) add('device/at-transcript.txt', transcriptText(gathered.transcript, redactor))
  if (gathered.historyDevice) add('history/device.json', json(gathered.historyDevice))
  if (gathered.historyCsv) {
    const between = async () => {
      await new Promise((resolve) => setImmediate(resolve))
      checkAborted(signal)
    }
    add('history/recent.csv', await redactor.textInChunks(gathered.historyCsv.csv, between))
  }
  if (gathered.sms) add('sms/summary.json', json(smsSummary(gathered.sms, redactor, include.smsText)))
  if (gathered.log !== undefined) add('logs/host.log', gathered.log === '' ? '(The host has logged nothing since it started.)\n' : redactor.text(gathered.log))
  steps.push({ step: 'zip', status: 'ok' })

  const kept = [...(include.identifiers ? ['imei', 'imsi', 'iccid', 'msisdn', 'phone', 'serial'] : []), ...(include.smsText ? ['smsText'] : [])]
  const manifest = {
    format: BUNDLE_FORMAT,
    app: { name: 'Hotspot Desk', version: sources.appVersion },
    host: { platform: process.platform, arch: process.arch, node: process.versions.node },
    createdAt: at.toISOString(),
    device: gathered.summary
      ? {
          id: gathered.summary.id,
          family: gathered.summary.family,
          familyLabel: gathered.summary.familyLabel,
          demo: gathered.summary.demo,
          state: gathered.summary.state,
          model: gathered.status?.identity.model,
          firmware: gathered.status?.identity.firmware
        }
      : { id: sources.deviceId },
    include,
    redaction: {
      kept,
      alwaysRedacted: ['wifiKey', 'secret'],
      replacements: redactor.redactionCounts(),
      distinctValues: redactor.distinctCounts(),
      note: 'Placeholders such as <IMEI-1> stand for the same value wherever they appear in this bundle.'
    },
    history: gathered.historyCsv ? { from: new Date(gathered.historyCsv.from).toISOString(), to: new Date(gathered.historyCsv.to).toISOString(), rows: gathered.historyCsv.rows } : undefined,
    steps,
    files: zip.entryNames
  }
  // The manifest goes in last but is listed first by readers that sort; its own text is redacted too.
  add('manifest.json', `${JSON.stringify(redactor.json(manifest), null, 2)}\n`)
  const archive = zip.finish()
  report('zip', 'ok')
  const redactions = redactor.redactionCounts()
  return {
    fileName: bundleFileName(redactor.text(sources.deviceId), at),
    mimeType: 'application/zip',
    base64: archive.toString('base64'),
    size: archive.length,
    entries: zip.entryNames,
    redactions
  }
}

/** e.g. hotspot-diagnostics-demo-hotspot-20261122T1850Z.zip */
export function bundleFileName(deviceId: string, at: Date): string {
  const stamp = `${at.toISOString().slice(0, 16).replace(/[-:]/g, '')}Z`
  const safe = deviceId.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'device'
  return `hotspot-diagnostics-${safe}-${stamp}.zip`
}

function knownValues(gathered: Gathered): KnownValues {
  const status = gathered.status
  const history = gathered.historyDevice
  return {
    imei: [status?.identity.imei, history?.imei],
    imsi: [status?.sim.imsi, history?.imsi],
    iccid: [status?.sim.iccid, history?.iccid],
    msisdn: [status?.sim.msisdn, history?.msisdn],
    serial: [status?.identity.serialNumber],
    wifiKey: gathered.wifiKeys,
    smsText: gathered.sms?.messages?.map((message) => message.text) ?? []
  }
}

/** A Wi-Fi read keeps its shape; its key becomes a placeholder whatever the policy. */
function redactDump(dump: { name: string; value: unknown }, redactor: Redactor): unknown {
  const value = dump.value
  if (dump.name === 'wifi.json' && value !== null && typeof value === 'object' && 'key' in value && typeof value.key === 'string') {
    return { ...value, key: redactor.secretValue('wifiKey', value.key) }
  }
  return value
}

function smsSummary(sms: NonNullable<Gathered['sms']>, redactor: Redactor, keepText: boolean): unknown {
  const messages = sms.messages ?? []
  return {
    count: messages.length,
    unread: messages.filter((message) => !message.read).length,
    incomplete: messages.filter((message) => (message.partsMissing ?? 0) > 0).length,
    storage: sms.storage,
    messages: keepText
      ? messages.map((message) => ({
          id: message.id,
          from: redactor.text(message.from),
          receivedAt: message.receivedAt,
          read: message.read,
          text: redactor.smsText(message.text)
        }))
      : undefined,
    note: keepText ? undefined : 'Message texts and senders are left out; only counts are included.'
  }
}

/**
 * One "time direction kind text" line per entry. A hex line right after a +CMGL/+CMGR/+CMT header is an
 * SMS PDU (27.005 §3.4.2, §3.4.3, §3.4.1 in PDU mode): it carries the sender and the text.
 */
function transcriptText(lines: NonNullable<Gathered['transcript']>, redactor: Redactor): string {
  let afterSmsHeader = false
  const out: string[] = []
  for (const line of lines) {
    let text = line.text
    if (line.direction === 'in' && afterSmsHeader && /^[0-9A-Fa-f]{14,}$/.test(text.trim())) text = redactor.smsPdu(text.trim())
    else text = redactor.text(text)
    afterSmsHeader = line.direction === 'in' && /^\s*\+CM(?:GL|GR|T):/i.test(line.text)
    const arrow = line.direction === 'out' ? '>' : line.direction === 'in' ? '<' : '#'
    out.push(`${new Date(line.at).toISOString()} ${arrow} ${line.kind.padEnd(8)} ${text}`)
  }
  return out.length > 0 ? `${out.join('\n')}\n` : ''
}

function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new ContractError('CANCELLED', 'The diagnostics bundle was cancelled; nothing was saved.')
}

/** Settles with `work`, or rejects with CANCELLED as soon as the signal aborts (drivers may finish later). */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new ContractError('CANCELLED', 'The diagnostics bundle was cancelled; nothing was saved.'))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ContractError('CANCELLED', 'The diagnostics bundle was cancelled; nothing was saved.'))
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    )
  })
}

function errorData(error: unknown): { code: string; message: string } {
  if (error instanceof ContractError) return { code: error.code, message: error.message }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}

function errorText(error: unknown): string {
  const { code, message } = errorData(error)
  return `${code}: ${message}`
}
