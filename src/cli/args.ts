// Parses the command line into a typed command. Pure (no I/O, no environment), so every command and
// every refusal is table-tested without starting a host.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { ApnDraft } from '../contract/model'
import { EXIT_CODE_HELP } from './exit-codes'
import { PROFILE_EXIT_HELP } from './station-exit-codes'

/** Where the contract is spoken: an in-process host (default) or a running `hotspot-desk serve`. */
export interface HostSelection {
  /** Start the simulated demo fleet in the in-process host. */
  demo: boolean
  /** Network devices to add by address (origins such as "http://192.168.8.1"), for hotspots discovery does not find. */
  addresses: string[]
  /** WebSocket address of a running serve host ("ws://127.0.0.1:PORT/api?token=…"). */
  connect?: string
  /** How long to wait for discovery and for a device's first reading. */
  waitSeconds: number
  /** Pass the host's log lines through to stderr. */
  verbose: boolean
}

export type ApnSetTarget = { profileId: string } | { draft: ApnDraft }

interface DeviceCommandBase {
  /** An id, a unique prefix of one, or the # shown by `devices`. */
  device: string
  json: boolean
  host: HostSelection
}

export type CliCommand =
  | { command: 'serve'; port: number; demo: boolean; open: boolean }
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'devices'; json: boolean; host: HostSelection }
  | ({ command: 'status' } & DeviceCommandBase)
  | ({ command: 'apn-list' } & DeviceCommandBase)
  | ({ command: 'apn-set'; target: ApnSetTarget } & DeviceCommandBase)
  | ({ command: 'ussd'; code?: string; replies: string[]; cancel: boolean } & DeviceCommandBase)
  | ({ command: 'sms-list' } & DeviceCommandBase)
  | ({ command: 'login'; username?: string; remember: boolean } & DeviceCommandBase)
  | { command: 'profile-apply'; file: string; devices: string[]; all: boolean; parallelism: number; json: boolean; host: HostSelection }
  | { command: 'profile-list'; json: boolean; host: HostSelection }
  | { command: 'inventory-export'; format: 'csv' | 'json'; out?: string; includeKeys: boolean; json: boolean; host: HostSelection }

export type ParseResult = { ok: true; value: CliCommand } | { ok: false; message: string }

export const DEFAULT_WAIT_SECONDS = 20
const MAX_WAIT_SECONDS = 600

const HOST_OPTIONS_HELP = `Options for the device commands:
  --json                 Print exactly one JSON document on stdout (errors too: {"error": …, "exitCode": N}).
  --wait SECONDS         Wait up to this long for discovery and the device's first reading (default ${DEFAULT_WAIT_SECONDS}).
  --demo                 Start the built-in demo hotspots (a fresh simulated fleet for this one command).
  --address URL          Add a network hotspot by its address, e.g. --address http://192.168.8.1, when it is not
                         found on USB. Repeatable.
  --connect URL          Talk to a running "hotspot-desk serve" instead of starting a host: give the whole
                         "Open:" address it printed (127.0.0.1 only, token included). --address works there
                         too: the serve host adds the hotspot.
  --verbose              Show the host's log on stderr.

Without --connect each command starts its own host: it looks at this computer's USB and serial ports (never
the network) and stops when the command ends. A <device> is its id, a unique prefix of the id, or the # shown
by "hotspot-desk devices".`

export const USAGE = `Usage: hotspot-desk <command> [options]

Commands:
  devices                              List the hotspots and modems: id, name, family, state, phone number,
                                       carrier and signal bars.
  status <device>                      Everything the device reports, phone number first.
  apn list <device>                    The APN profiles stored on the device (* marks the one in use).
  apn set <device> --apn APN [--name NAME] [--user USER] [--password PASSWORD]
                   [--auth none|pap|chap|pap-or-chap] [--pdp ipv4|ipv6|ipv4v6]
  apn set <device> --profile ID        Switch the APN, as a transaction: snapshot, apply, reattach, verify, and
                                       restore the previous APN if mobile data does not come back. Each step is
                                       printed as it happens. --auth defaults to none, or pap-or-chap when a
                                       user or password is given; --pdp defaults to ipv4v6; --name to the APN.
  ussd <device> <code> [--reply DIGITS]... [--cancel]
                                       Dial a USSD code such as '*100#' (quote it: the shell treats # as a
                                       comment) and print the network's answer. Each --reply answers one menu
                                       step; --cancel ends the session afterwards.
  ussd <device> --reply DIGITS | --cancel
                                       Answer or end a menu that is already open.
  sms list <device>                    The text messages on the device.
  login <device> --password-stdin [--user NAME] [--remember]
                                       Log in to the device with the password read from stdin (never from the
                                       command line). It is tried once; a wrong password is never retried.
                                       --remember keeps it, encrypted, for later commands and serve mode.
  profile apply <file> [<device>...] [--all] [--parallel N]
                                       Check a golden profile (JSON), save it in the data folder, and apply it
                                       to the named units, or to every attached unit with --all: at most N at
                                       a time (default 4), each read back and verified, a unit's changes rolled
                                       back when it fails. Prints each unit's steps, then a report.
  profile list                         The saved profiles, and any profile file that is broken.
  inventory export [--format csv|json] [--out FILE] [--include-keys]
                                       The shop inventory (stdout, or FILE). Wi-Fi keys only with
                                       --include-keys.
  serve [--port N] [--demo] [--open]   Run the core host and the app in your browser, on 127.0.0.1 only.
                                       --port N   listen on port N (default: a free port)
                                       --demo     start the built-in demo hotspot
                                       --open     open the app in your default browser
  help                                 Show this help.
  version                              Print the version.

${HOST_OPTIONS_HELP}

${EXIT_CODE_HELP}

${PROFILE_EXIT_HELP}`

type Options = NonNullable<ParseArgsConfig['options']>

const HOST_OPTIONS = {
  json: { type: 'boolean' },
  demo: { type: 'boolean' },
  address: { type: 'string', multiple: true },
  connect: { type: 'string' },
  wait: { type: 'string' },
  verbose: { type: 'boolean' }
} as const satisfies Options

const APN_SET_OPTIONS = {
  ...HOST_OPTIONS,
  apn: { type: 'string' },
  name: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  auth: { type: 'string' },
  pdp: { type: 'string' },
  profile: { type: 'string' }
} as const satisfies Options

const USSD_OPTIONS = { ...HOST_OPTIONS, reply: { type: 'string', multiple: true }, cancel: { type: 'boolean' } } as const satisfies Options
const LOGIN_OPTIONS = { ...HOST_OPTIONS, user: { type: 'string' }, 'password-stdin': { type: 'boolean' }, remember: { type: 'boolean' } } as const satisfies Options

const PROFILE_APPLY_OPTIONS = { ...HOST_OPTIONS, all: { type: 'boolean' }, parallel: { type: 'string' } } as const satisfies Options
const INVENTORY_EXPORT_OPTIONS = { ...HOST_OPTIONS, format: { type: 'string' }, out: { type: 'string' }, 'include-keys': { type: 'boolean' } } as const satisfies Options
const MAX_PARALLEL = 32

const AUTH_VALUES = ['none', 'pap', 'chap', 'pap-or-chap'] as const
const PDP_VALUES = ['ipv4', 'ipv6', 'ipv4v6'] as const
/** As the contract's UssdCode: what a phone keypad can type. */
const USSD_CODE = /^[0-9*#+]{1,40}$/
const USSD_REPLY = /^[0-9*#+]{1,160}$/

/** A refusal with the message the user sees; thrown inside the parser, returned as { ok: false }. */
class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message)
}

export function parseCli(argv: readonly string[]): ParseResult {
  try {
    return { ok: true, value: parseCommand(argv) }
  } catch (error) {
    // parseArgs throws TypeErrors with a code (ERR_PARSE_ARGS_UNKNOWN_OPTION …) and a readable message.
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}

function parseCommand(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' }
  if (command === 'version' || command === '--version' || command === '-v') return { command: 'version' }
  // `hotspot-desk status --help` and the like: help, whatever else is on the line.
  if (rest.includes('--help') || rest.includes('-h')) return { command: 'help' }
  switch (command) {
    case 'serve':
      return parseServe(rest)
    case 'devices': {
      const { values } = parse(rest, HOST_OPTIONS, 0, 'devices takes no device')
      return { command: 'devices', json: values.json ?? false, host: hostSelection(values) }
    }
    case 'status':
      return { command: 'status', ...deviceBase(parse(rest, HOST_OPTIONS, 1, 'status <device>')) }
    case 'apn':
      return parseApn(rest)
    case 'ussd':
      return parseUssd(rest)
    case 'sms': {
      const [action, ...tail] = rest
      if (action !== 'list') fail(action === undefined ? 'sms needs an action: sms list <device>.' : `Unknown sms action "${action}"; try: sms list <device>.`)
      return { command: 'sms-list', ...deviceBase(parse(tail, HOST_OPTIONS, 1, 'sms list <device>')) }
    }
    case 'login':
      return parseLogin(rest)
    case 'profile':
      return parseProfile(rest)
    case 'inventory':
      return parseInventory(rest)
    default:
      return fail(`Unknown command "${command}".`)
  }
}

function parseServe(rest: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...rest],
    options: { port: { type: 'string' }, demo: { type: 'boolean' }, open: { type: 'boolean' } },
    strict: true,
    allowPositionals: false
  })
  const port = values.port === undefined ? 0 : Number(values.port)
  if (values.port?.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`--port takes a whole number from 0 to 65535, not "${values.port}".`)
  }
  return { command: 'serve', port, demo: values.demo ?? false, open: values.open ?? false }
}

function parseApn(rest: readonly string[]): CliCommand {
  const [action, ...tail] = rest
  if (action === 'list') return { command: 'apn-list', ...deviceBase(parse(tail, HOST_OPTIONS, 1, 'apn list <device>')) }
  if (action !== 'set') {
    fail(action === undefined ? 'apn needs an action: apn list <device> or apn set <device> ….' : `Unknown apn action "${action}"; use list or set.`)
  }
  const parsed = parse(tail, APN_SET_OPTIONS, 1, 'apn set <device> --apn APN')
  const { values } = parsed
  const draftFlags = (['apn', 'name', 'user', 'password', 'auth', 'pdp'] as const).filter((key) => values[key] !== undefined)
  let target: ApnSetTarget
  if (values.profile !== undefined) {
    if (draftFlags.length > 0) fail(`--profile switches to a profile already on the device; it does not go with --${draftFlags.join(', --')}.`)
    const profileId = values.profile.trim()
    if (profileId === '' || profileId.length > 64) fail('--profile takes the id shown by "apn list" (1 to 64 characters).')
    target = { profileId }
  } else {
    if (values.apn === undefined) fail('apn set needs --apn APN (a new profile) or --profile ID (one from "apn list").')
    target = { draft: apnDraft(values) }
  }
  return { command: 'apn-set', target, ...deviceBase(parsed) }
}

function apnDraft(values: { apn?: string; name?: string; user?: string; password?: string; auth?: string; pdp?: string }): ApnDraft {
  const apn = (values.apn ?? '').trim()
  if (apn.length > 100 || /\s/.test(apn)) fail('--apn takes the access point name without spaces, at most 100 characters (it may be empty: --apn "").')
  const name = values.name === undefined ? apn || 'Blank APN' : values.name.trim()
  if (name === '' || name.length > 64) fail('--name takes 1 to 64 characters.')
  if (values.user !== undefined && values.user.length > 64) fail('--user takes at most 64 characters.')
  if (values.password !== undefined && values.password.length > 64) fail('--password takes at most 64 characters.')
  const hasLogin = Boolean(values.user) || Boolean(values.password)
  const auth = oneOf(values.auth, AUTH_VALUES, '--auth') ?? (hasLogin ? 'pap-or-chap' : 'none')
  const pdpType = oneOf(values.pdp, PDP_VALUES, '--pdp') ?? 'ipv4v6'
  const draft: ApnDraft = { name, apn, auth, pdpType }
  if (values.user) draft.username = values.user
  if (values.password) draft.password = values.password
  return draft
}

function parseUssd(rest: readonly string[]): CliCommand {
  const parsed = parse(rest, USSD_OPTIONS, [1, 2], 'ussd <device> <code>')
  const { values, positionals } = parsed
  const code = positionals[1]
  const replies = values.reply ?? []
  const cancel = values.cancel ?? false
  if (code === undefined && replies.length === 0 && !cancel) {
    fail('ussd needs a code, e.g. ussd <device> \'*100#\' (quote codes with #: the shell reads # as the start of a comment), or --reply / --cancel for an open menu.')
  }
  if (code !== undefined && !USSD_CODE.test(code)) fail(`"${code}" is not a USSD code: use digits, * and # only, e.g. '*100#'.`)
  for (const reply of replies) {
    if (!USSD_REPLY.test(reply)) fail(`--reply takes the digits the menu asks for (and * or #), not "${reply}".`)
  }
  const command: CliCommand = { command: 'ussd', replies, cancel, ...deviceBase(parsed) }
  if (code !== undefined) command.code = code
  return command
}

function parseLogin(rest: readonly string[]): CliCommand {
  // The password must never sit in argv: other users of the computer can read it (ps, /proc).
  if (rest.some((arg) => arg === '--password' || arg.startsWith('--password='))) {
    fail('login never takes the password on the command line (other users of this computer could read it). Pipe it in with --password-stdin.')
  }
  const parsed = parse(rest, LOGIN_OPTIONS, 1, 'login <device> --password-stdin')
  const { values } = parsed
  if (!values['password-stdin']) fail('login reads the password from stdin: add --password-stdin (e.g. printf \'%s\' "$PW" | hotspot-desk login 1 --password-stdin).')
  const command: CliCommand = { command: 'login', remember: values.remember ?? false, ...deviceBase(parsed) }
  if (values.user !== undefined) {
    const username = values.user.trim()
    if (username === '' || username.length > 64) fail('--user takes 1 to 64 characters.')
    command.username = username
  }
  return command
}

function parseProfile(rest: readonly string[]): CliCommand {
  const [action, ...tail] = rest
  if (action === 'list') {
    const { values } = parse(tail, HOST_OPTIONS, 0, 'profile list')
    return { command: 'profile-list', json: values.json ?? false, host: hostSelection(values) }
  }
  if (action !== 'apply') {
    fail(action === undefined ? 'profile needs an action: profile apply <file> [--all] or profile list.' : `Unknown profile action "${action}"; use apply or list.`)
  }
  const { values, positionals } = parseArgs({ args: [...tail], options: PROFILE_APPLY_OPTIONS, strict: true, allowPositionals: true })
  const [file, ...devices] = positionals
  if (file === undefined || file.trim() === '') fail('Missing the profile file: profile apply <file> [<device>...] [--all].')
  const all = values.all ?? false
  if (all && devices.length > 0) fail('Name the units or give --all, not both.')
  if (!all && devices.length === 0) fail('Name the units to prepare (profile apply <file> <device>...), or give --all for every attached unit.')
  const parallelism = values.parallel === undefined ? 4 : Number(values.parallel)
  if (values.parallel?.trim() === '' || !Number.isInteger(parallelism) || parallelism < 1 || parallelism > MAX_PARALLEL) {
    fail(`--parallel takes a whole number from 1 to ${MAX_PARALLEL}, not "${values.parallel}".`)
  }
  for (const device of devices) if (device.trim() === '' || device.length > 200) fail('A device is its id, a unique prefix of it, or the # shown by "hotspot-desk devices".')
  return { command: 'profile-apply', file, devices, all, parallelism, json: values.json ?? false, host: hostSelection(values) }
}

function parseInventory(rest: readonly string[]): CliCommand {
  const [action, ...tail] = rest
  if (action !== 'export') fail(action === undefined ? 'inventory needs an action: inventory export.' : `Unknown inventory action "${action}"; try: inventory export.`)
  const { values } = parse(tail, INVENTORY_EXPORT_OPTIONS, 0, 'inventory export')
  const format = oneOf(values.format, ['csv', 'json'] as const, '--format') ?? 'csv'
  const command: CliCommand = { command: 'inventory-export', format, includeKeys: values['include-keys'] ?? false, json: values.json ?? false, host: hostSelection(values) }
  if (values.out !== undefined) {
    if (values.out.trim() === '') fail('--out takes a file name.')
    command.out = values.out
  }
  return command
}

type HostValues = { json?: boolean; demo?: boolean; address?: string[]; connect?: string; wait?: string; verbose?: boolean }

function parse<O extends Options>(args: readonly string[], options: O, positionals: number | [number, number], shape: string) {
  const result = parseArgs({ args: [...args], options, strict: true, allowPositionals: true })
  const [min, max] = typeof positionals === 'number' ? [positionals, positionals] : positionals
  const count = result.positionals.length
  if (count < min) fail(`Missing the device: ${shape}.`)
  if (count > max) fail(`Unexpected argument "${result.positionals[max]}": ${shape}.`)
  return result
}

function deviceBase(parsed: { values: HostValues; positionals: string[] }): DeviceCommandBase {
  const device = (parsed.positionals[0] ?? '').trim()
  if (device === '' || device.length > 200) fail('A device is its id, a unique prefix of it, or the # shown by "hotspot-desk devices".')
  return { device, json: parsed.values.json ?? false, host: hostSelection(parsed.values) }
}

function hostSelection(values: HostValues): HostSelection {
  const waitSeconds = values.wait === undefined ? DEFAULT_WAIT_SECONDS : Number(values.wait)
  if (values.wait?.trim() === '' || !Number.isFinite(waitSeconds) || waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
    fail(`--wait takes seconds from 0 to ${MAX_WAIT_SECONDS}, not "${values.wait}".`)
  }
  const addresses = [...new Set((values.address ?? []).map(deviceAddress))]
  const selection: HostSelection = { demo: values.demo ?? false, addresses, waitSeconds, verbose: values.verbose ?? false }
  if (values.connect !== undefined) {
    if (selection.demo) {
      fail('--demo is for the built-in host; with --connect the serve host decides (start it with "serve --demo").')
    }
    selection.connect = serveSocketUrl(values.connect)
  }
  return selection
}

/** "http://192.168.8.1/" → "http://192.168.8.1": the device's web interface, the form discovery uses for ids. */
export function deviceAddress(text: string): string {
  let url: URL
  try {
    url = new URL(text.includes('://') ? text : `http://${text}`)
  } catch {
    return fail(`--address takes the device's web address, e.g. http://192.168.8.1, not "${text}".`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`--address takes an http:// address, not "${text}".`)
  if (url.username || url.password) fail('--address must not carry a user or password; use "login" for the device password.')
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) fail(`--address takes the device's address only, without a path: "${url.origin}".`)
  return url.origin
}

/** The URL serve printed ("http://127.0.0.1:PORT/?token=…") → its contract WebSocket. Loopback only. */
export function serveSocketUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return fail(`--connect takes the address "hotspot-desk serve" printed (http://127.0.0.1:PORT/?token=…), not "${text}".`)
  }
  if (!['http:', 'ws:'].includes(url.protocol)) fail('--connect takes the http://127.0.0.1:… address that serve printed.')
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') fail('--connect only talks to a serve host on this computer (127.0.0.1).')
  if (!url.port) fail('--connect needs the port serve printed, e.g. http://127.0.0.1:43123/?token=….')
  const token = url.searchParams.get('token')
  if (!token) fail('--connect needs the whole address serve printed, including ?token=….')
  return `ws://${url.hostname}:${url.port}/api?token=${encodeURIComponent(token)}`
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) fail(`${flag} takes one of ${allowed.join(', ')}, not "${value}".`)
  return value as T
}
