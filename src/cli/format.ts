// Human output of the command line: tables and key/value blocks from the contract's DTOs. Pure (text
// in, text out), so every shape is tested with fixed DTOs. Colour only when the caller says the
// terminal wants it; widths are measured on the plain text.
import type { PayloadOf } from '../contract/events'
import type { ResultOf } from '../contract/methods'
import type { ApnProfile, DeviceState, DeviceStatus, DeviceSummary, DiscoveryItem, DiscoveryState, SmsMessage, SmsStorage, UssdReply } from '../contract/model'
import type { CliFailure } from './failure'

export interface Style {
  color: boolean
}

export const PLAIN: Style = { color: false }

type Colour = 'red' | 'green' | 'yellow' | 'dim' | 'bold'
const SGR: Record<Colour, [number, number]> = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22] }

export function paint(style: Style, colour: Colour, text: string): string {
  if (!style.color || text === '') return text
  const [on, off] = SGR[colour]
  return `\u001b[${on}m${text}\u001b[${off}m`
}

/** Colour when the stream is a terminal, unless NO_COLOR is set (https://no-color.org); FORCE_COLOR=0/1 decides outright. */
export function styleFor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): Style {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return PLAIN
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return { color: env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false' }
  return { color: isTTY === true && env.TERM !== 'dumb' }
}

const NONE = '-'

// ---- tables ----

/** Terminal columns a string takes: East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    width += isWide(code) ? 2 : 1
  }
  return width
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  )
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}

/** Left-aligned columns two spaces apart; `colour` may paint a cell after it is padded. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], style: Style = PLAIN, colour?: (column: number, cell: string) => Colour | undefined): string {
  const widths = headers.map((header, column) => Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[column] ?? ''))))
  const last = headers.length - 1
  const line = (cells: readonly string[], paintCell: (column: number, text: string, padded: string) => string) =>
    cells
      .map((cell, column) => paintCell(column, cell, column === last ? cell : pad(cell, widths[column] ?? 0)))
      .join('  ')
      .trimEnd()
  const head = line(headers, (_column, _text, padded) => paint(style, 'bold', padded))
  const body = rows.map((row) =>
    line(row, (column, text, padded) => {
      const chosen = colour?.(column, text)
      // Paint the text only, so the padding stays plain and columns line up in any terminal.
      return chosen ? paint(style, chosen, text) + padded.slice(text.length) : padded
    })
  )
  return [head, ...body].join('\n')
}

function keyValues(pairs: ReadonlyArray<readonly [string, string | undefined]>, style: Style): string {
  const shown = pairs.filter((pair): pair is readonly [string, string] => pair[1] !== undefined && pair[1] !== '')
  const width = Math.max(...shown.map(([key]) => displayWidth(key)))
  return shown.map(([key, value]) => `${paint(style, 'bold', pad(key, width))}  ${value}`).join('\n')
}

function joinDefined(parts: ReadonlyArray<string | undefined | false>, separator = ' · '): string | undefined {
  const kept = parts.filter((part): part is string => typeof part === 'string' && part !== '')
  return kept.length > 0 ? kept.join(separator) : undefined
}

// ---- numbers ----

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const

/** Binary steps (1 KB = 1024 B), as hotspot web UIs count, so numbers match the device's own page. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes)
  let index = 0
  while (value >= 1024 && index < BYTE_UNITS.length - 1) {
    value /= 1024
    index++
  }
  const unit = BYTE_UNITS[index] ?? 'B'
  const digits = unit === 'B' || value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${Number(value.toFixed(digits))} ${unit}`
}

export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds))
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`
  if (minutes > 0) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`
  return `${seconds} s`
}

// ---- devices ----

export interface DeviceRow {
  index: number
  device: DeviceSummary
  status?: DeviceStatus
}

const STATE_COLOURS: Record<DeviceState, Colour | undefined> = {
  ready: 'green',
  connecting: 'dim',
  released: 'yellow',
  'auth-required': 'yellow',
  'locked-out': 'red',
  unreachable: 'red',
  error: 'red'
}

export function carrierOf(status: DeviceStatus | undefined): string | undefined {
  return status?.registration.operatorName ?? status?.sim.spn
}

export function formatDevices(rows: readonly DeviceRow[], discovery: Pick<DiscoveryState, 'items' | 'usb'> | undefined, style: Style = PLAIN): string {
  const unusable = unusableItems(discovery)
  if (rows.length === 0) {
    const lines = ['No devices found.']
    if (unusable.length > 0) lines.push('', formatUnusable(unusable))
    if (discovery && !discovery.usb.available && discovery.usb.reason) lines.push('', `USB is not readable here: ${discovery.usb.reason}`)
    lines.push(
      '',
      'Plug in a hotspot or USB modem, give a network hotspot by its address (--address http://192.168.8.1),',
      'or try the demo: hotspot-desk devices --demo'
    )
    return lines.join('\n')
  }
  const body = table(
    ['#', 'ID', 'NAME', 'FAMILY', 'STATE', 'NUMBER', 'CARRIER', 'BARS'],
    rows.map(({ index, device, status }) => [
      String(index),
      device.id,
      device.name,
      device.family,
      device.state,
      status?.sim.msisdn ?? NONE,
      carrierOf(status) ?? NONE,
      status ? `${status.signal.bars}/5` : NONE
    ]),
    style,
    (column, cell) => (column === 4 ? STATE_COLOURS[cell as DeviceState] : undefined)
  )
  const notes = rows
    .filter(({ device }) => device.state !== 'ready' && device.lastError)
    .map(({ index, device }) => `  ${index}  ${device.lastError?.message ?? ''}`)
  const parts = [body]
  if (notes.length > 0) parts.push('', 'Notes:', ...notes)
  if (unusable.length > 0) parts.push('', formatUnusable(unusable))
  return parts.join('\n')
}

export function unusableItems(discovery: Pick<DiscoveryState, 'items'> | undefined): DiscoveryItem[] {
  return (discovery?.items ?? []).filter((item) => !item.managed && item.status !== 'ready')
}

export function formatUnusable(items: readonly DiscoveryItem[]): string {
  const lines = ['Found, but not usable yet:']
  for (const item of items) {
    lines.push(`  ${item.name} (${item.status})${item.reason ? `: ${item.reason}` : ''}`)
    if (item.fix) {
      lines.push(`    Fix: ${item.fix.summary}`)
      for (const command of item.fix.commands ?? []) lines.push(`      ${command}`)
    }
  }
  return lines.join('\n')
}

// ---- status ----

const REGISTRATION_WORDS: Record<DeviceStatus['registration']['state'], string> = {
  home: 'home network',
  roaming: 'roaming',
  searching: 'searching',
  denied: 'registration denied',
  'not-registered': 'not registered',
  unknown: 'registration unknown'
}

export function formatStatus(device: DeviceSummary, status: DeviceStatus, style: Style = PLAIN, now = Date.now()): string {
  const { sim, signal, registration, data, usage, identity, battery } = status
  const phone = sim.msisdn ? `${paint(style, 'bold', sim.msisdn)}${sim.msisdnSource ? ` (from the ${sim.msisdnSource})` : ''}` : 'not reported by the device'
  const radio = joinDefined([
    `${signal.bars}/5 bars`,
    signal.networkType ?? (signal.rat === 'unknown' || signal.rat === 'none' ? undefined : signal.rat.toUpperCase()),
    signal.rsrpDbm !== undefined && `RSRP ${signal.rsrpDbm} dBm`,
    signal.rsrqDb !== undefined && `RSRQ ${signal.rsrqDb} dB`,
    signal.sinrDb !== undefined && `SINR ${signal.sinrDb} dB`,
    signal.rssiDbm !== undefined && `RSSI ${signal.rssiDbm} dBm`,
    signal.rscpDbm !== undefined && `RSCP ${signal.rscpDbm} dBm`,
    signal.ecioDb !== undefined && `Ec/Io ${signal.ecioDb} dB`,
    signal.band !== undefined && `band ${signal.band}`,
    signal.cellId !== undefined && `cell ${signal.cellId}`,
    signal.pci !== undefined && `PCI ${signal.pci}`
  ])
  const session = joinDefined([
    usage.sessionDownloadBytes !== undefined && `down ${formatBytes(usage.sessionDownloadBytes)}`,
    usage.sessionUploadBytes !== undefined && `up ${formatBytes(usage.sessionUploadBytes)}`,
    usage.sessionSeconds !== undefined && `for ${formatDuration(usage.sessionSeconds)}`,
    usage.downloadRateBps !== undefined && `now ${formatBytes(usage.downloadRateBps)}/s down`,
    usage.uploadRateBps !== undefined && `${formatBytes(usage.uploadRateBps)}/s up`
  ])
  const monthTotal = usage.monthTotalBytes ?? (usage.monthDownloadBytes !== undefined || usage.monthUploadBytes !== undefined ? (usage.monthDownloadBytes ?? 0) + (usage.monthUploadBytes ?? 0) : undefined)
  const month = joinDefined([
    monthTotal !== undefined && (usage.monthLimitBytes ? `${formatBytes(monthTotal)} of ${formatBytes(usage.monthLimitBytes)}` : formatBytes(monthTotal)),
    usage.billingDay !== undefined && `the cycle starts on day ${usage.billingDay}`
  ])
  const dataLine = joinDefined([data.state, data.ipv4 && `IPv4 ${data.ipv4}`, data.ipv6 && `IPv6 ${data.ipv6}`, data.failureReason && `(${data.failureReason})`])
  const simLine = joinDefined([
    sim.state,
    sim.spn && `SPN ${sim.spn}`,
    sim.iccid && `ICCID ${sim.iccid}`,
    sim.imsi && `IMSI ${sim.imsi}`,
    sim.pinAttemptsLeft !== undefined && `${sim.pinAttemptsLeft} PIN attempts left`,
    sim.pukAttemptsLeft !== undefined && `${sim.pukAttemptsLeft} PUK attempts left`
  ])
  const identityLine = joinDefined([
    joinDefined([identity.manufacturer, identity.model], ' '),
    identity.firmware && `firmware ${identity.firmware}`,
    identity.hardware && `hardware ${identity.hardware}`,
    identity.imei && `IMEI ${identity.imei}`,
    identity.serialNumber && `S/N ${identity.serialNumber}`
  ])
  const batteryLine = battery
    ? joinDefined([battery.percent !== undefined && `${battery.percent}%`, battery.charging && 'charging', battery.low && paint(style, 'red', 'low')])
    : undefined
  const connection = device.connection.kind === 'http' ? device.connection.baseUrl : device.connection.path
  const ageSeconds = Math.round((now - status.updatedAt) / 1000)
  return keyValues(
    [
      ['Phone number', phone],
      ['Device', `${device.name} (${device.id}) · ${device.familyLabel}${device.demo ? ' · demo' : ''}`],
      ['State', paint(style, STATE_COLOURS[device.state] ?? 'dim', device.state) + (device.lastError && device.state !== 'ready' ? ` · ${device.lastError.message}` : '')],
      ['Carrier', joinDefined([registration.operatorName ?? sim.spn, registration.plmn && `PLMN ${registration.plmn}`, REGISTRATION_WORDS[registration.state], registration.rejectCause && `cause: ${registration.rejectCause}`])],
      ['Signal', radio],
      ['Mobile data', dataLine],
      ['This session', session],
      ['This month', month],
      ['SIM', simLine],
      ['Hardware', identityLine],
      ['Battery', batteryLine],
      ['Wi-Fi clients', status.wifiClients !== undefined ? String(status.wifiClients) : undefined],
      ['Connection', connection],
      ['Can do', device.capabilities.join(', ') || 'read status only'],
      ['Read', `${new Date(status.updatedAt).toISOString()}${ageSeconds >= 2 ? ` (${ageSeconds} s ago)` : ''}`]
    ],
    style
  )
}

// ---- APN ----

export function formatApnProfiles(profiles: readonly ApnProfile[], style: Style = PLAIN): string {
  if (profiles.length === 0) return 'The device holds no APN profiles.'
  const body = table(
    ['', 'ID', 'NAME', 'APN', 'AUTH', 'PDP', 'USER'],
    profiles.map((profile) => [
      profile.isDefault ? '*' : '',
      profile.id,
      profile.name + (profile.readOnly ? ' (preset)' : ''),
      profile.apn === '' ? '(blank)' : profile.apn,
      profile.auth,
      profile.pdpType,
      profile.username ?? NONE
    ]),
    style,
    (column, cell) => (column === 0 && cell === '*' ? 'green' : undefined)
  )
  return `${body}\n\n* in use. Switch with: hotspot-desk apn set <device> --profile ID`
}

export type ApnProgress = PayloadOf<'apn.progress'>

const STEP_WIDTH = 'reattach'.length

export function formatApnProgress(progress: ApnProgress, style: Style = PLAIN): string {
  const status =
    progress.status === 'ok' ? paint(style, 'green', 'ok') : progress.status === 'failed' ? paint(style, 'red', 'failed') : paint(style, 'dim', '…')
  return `${pad(progress.step, STEP_WIDTH)}  ${status}${progress.detail ? `  ${progress.detail}` : ''}`
}

export function formatApnOutcome(result: ResultOf<'apn.switch'>): string {
  const active = result.active ? `${result.active.name} (${result.active.apn === '' ? 'blank APN' : result.active.apn})` : undefined
  if (result.ok) return `APN switched: ${active ?? 'the new profile'} is in use and mobile data is up.`
  if (result.restored) return `The APN was not changed: ${active ? `${active} is in use again` : 'the previous setting is back'}.`
  return `The APN switch failed and the previous APN could not be restored${active ? `; the device now uses ${active}` : ''}.`
}

// ---- USSD ----

export interface UssdStep {
  /** What was dialled or answered. */
  sent: string
  reply: UssdReply
}

/** `answerWith` is the command that answers the open menu, e.g. "hotspot-desk ussd 1 --reply DIGITS". */
export function formatUssd(steps: readonly UssdStep[], outcome: { sessionOpen: boolean; cancelled: boolean }, answerWith: string): string {
  const lines: string[] = []
  for (const [index, step] of steps.entries()) {
    if (steps.length > 1) lines.push(`> ${step.sent}`)
    lines.push(step.reply.text)
    if (index < steps.length - 1) lines.push('')
  }
  if (outcome.cancelled) lines.push(...(lines.length > 0 ? ['', '(session ended)'] : ['The USSD session is ended.']))
  else if (outcome.sessionOpen) {
    lines.push('', `The network is waiting for an answer: ${answerWith}   (or --cancel)`)
  }
  return lines.join('\n')
}

// ---- SMS ----

export function formatSms(messages: readonly SmsMessage[], storage: SmsStorage | undefined, style: Style = PLAIN): string {
  const lines: string[] = []
  if (messages.length === 0) lines.push('No messages.')
  for (const message of messages) {
    const head = joinDefined([
      `#${message.id}`,
      `from ${message.from}`,
      message.receivedAt,
      message.read ? undefined : paint(style, 'bold', 'unread'),
      message.partsMissing ? paint(style, 'yellow', `${message.partsMissing} part(s) still missing`) : undefined
    ])
    if (lines.length > 0) lines.push('')
    lines.push(head ?? '', ...message.text.split(/\r?\n/).map((line) => `    ${line}`))
  }
  if (storage) lines.push('', `${storage.used} of ${storage.total} message slots used.`)
  return lines.join('\n')
}

// ---- login ----

export function formatLogin(device: DeviceSummary, remembered: boolean, inProcess: boolean): string {
  const lines = [`Logged in to ${device.name} (${device.id}); it is ${device.state}.`]
  if (remembered) lines.push('The password is remembered, encrypted, for later commands and serve mode.')
  else if (inProcess) lines.push('The password was not kept: later commands will ask again. Add --remember to keep it (encrypted).')
  return lines.join('\n')
}

// ---- errors ----

export function formatFailure(failure: Pick<CliFailure, 'message' | 'hint'>, style: Style = PLAIN): string {
  const lines = [`${paint(style, 'red', 'error:')} ${failure.message}`]
  if (failure.hint) lines.push(`${paint(style, 'dim', 'hint:')} ${failure.hint}`)
  return lines.join('\n')
}

/** The --json document for a failure: one object, also carrying the exit code scripts branch on. */
export function failureDocument(failure: CliFailure): { error: { code: string; message: string; hint?: string; details?: Record<string, unknown> }; exitCode: number } {
  const error: { code: string; message: string; hint?: string; details?: Record<string, unknown> } = {
    code: failure.code ?? 'FAILED',
    message: failure.message
  }
  if (failure.hint) error.hint = failure.hint
  if (failure.details) error.details = failure.details
  return { error, exitCode: failure.exitCode }
}
