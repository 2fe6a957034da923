// The command line, as a function: argv and I/O in, exit code out. main.ts calls it with the process's
// streams; tests call it in-process with their own streams and host factory. Every device command talks
// the contract to a host (in-process, or a running serve host with --connect); none touches a driver.
import { join, resolve } from 'node:path'
import type { ResultOf } from '../contract/methods'
import { createDefaultRegistry } from '../devices/registry'
import { defaultDataDir } from '../host/data-dir'
import { createDefaultDiscovery } from '../host/default-discovery'
import { createHost } from '../host/host'
import { startServe } from '../host/serve/serve-server'
import { APP_VERSION } from '../host/version'
import { parseCli, USAGE, type CliCommand } from './args'
import { apnFailureHint, apnSwitchExitCode, EXIT, quoteArg } from './exit-codes'
import { CliFailure, toFailure } from './failure'
import {
  failureDocument,
  formatApnOutcome,
  formatApnProfiles,
  formatApnProgress,
  formatDevices,
  formatFailure,
  formatLogin,
  formatSms,
  formatStatus,
  formatUssd,
  styleFor,
  unusableItems,
  type ApnProgress,
  type DeviceRow,
  type Style,
  type UssdStep
} from './format'
import { HostSession } from './host-session'
import { createLocalHost, plainNodeSecretStore, type HostFactory } from './local-host'
import { openInBrowser } from './open-browser'
import { readPassword, type PasswordSource } from './password'
import { applyProfile, exportInventory, listProfiles } from './station-commands'

export interface CliWriter {
  write(text: string): unknown
  isTTY?: boolean
}

export interface CliIo {
  stdout: CliWriter
  stderr: CliWriter
  stdin: PasswordSource
  env: Readonly<Record<string, string | undefined>>
  /** Builds the in-process host; serve-mode options (USB/serial discovery, no LAN probing) by default. */
  createHost?: HostFactory
  /** Serve mode runs until this resolves: SIGINT or SIGTERM in the real process. */
  untilStopped?: () => Promise<void>
  /**
   * While the returned function is not called, Ctrl-C calls `handler` instead of ending the process;
   * the handler returns true to end it after all.
   */
  onInterrupt?: (handler: () => boolean) => () => void
  openBrowser?: (url: string) => void
  /** Where serve mode finds the built renderer; HOTSPOT_DESK_RENDERER_DIR overrides it. */
  rendererDir?: string
}

/** The APN transaction verifies for up to 45 s and may then restore; leave it room. */
const APN_SWITCH_TIMEOUT_MS = 300_000

/** The commands that act on one device, once it is found and has answered. */
type DeviceCommand = Exclude<CliCommand, { command: 'serve' | 'help' | 'version' | 'devices' | 'login' | 'profile-apply' | 'profile-list' | 'inventory-export' }>

interface Context {
  io: CliIo
  style: Style
  errStyle: Style
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCli(argv)
  const errStyle = styleFor(io.stderr.isTTY, io.env)
  if (!parsed.ok) {
    io.stderr.write(`${formatFailure({ message: parsed.message, hint: 'Run "hotspot-desk help" for the commands and their options.' }, errStyle)}\n`)
    return EXIT.usage
  }
  const cmd = parsed.value
  const context: Context = { io, style: styleFor(io.stdout.isTTY, io.env), errStyle }
  switch (cmd.command) {
    case 'help':
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    case 'version':
      io.stdout.write(`${APP_VERSION}\n`)
      return EXIT.ok
    case 'serve':
      return serve(cmd, io)
    default:
      return runDeviceCommand(cmd, context)
  }
}

async function runDeviceCommand(cmd: Exclude<CliCommand, { command: 'serve' | 'help' | 'version' }>, context: Context): Promise<number> {
  const { io } = context
  const query = 'device' in cmd ? cmd.device : undefined
  let session: HostSession | undefined
  try {
    // Read the password before anything starts: a missing one fails at once, and nobody types while a host boots.
    const password = cmd.command === 'login' ? await readPassword(io.stdin, io.stderr) : undefined
    session = await HostSession.open(cmd.host, {
      createHost: io.createHost ?? createLocalHost,
      dataDir: defaultDataDir(io.env as NodeJS.ProcessEnv),
      ...(cmd.host.verbose ? { log: (line: string) => void io.stderr.write(`host: ${line}\n`) } : {})
    })
    if (cmd.command === 'devices') return await listDevices(session, cmd.json, context)
    if (cmd.command === 'login') return await login(session, cmd, password ?? '', context)
    if (cmd.command === 'profile-apply') {
      return await applyProfile(session, cmd, { stdout: io.stdout, stderr: io.stderr, ...(io.onInterrupt ? { onInterrupt: io.onInterrupt } : {}) }, context.style)
    }
    if (cmd.command === 'profile-list') return await listProfiles(session, cmd.json, io)
    if (cmd.command === 'inventory-export') return await exportInventory(session, cmd, io)
    return await deviceCommand(session, cmd, context)
  } catch (error) {
    return report(toFailure(error, query), cmd.json, context)
  } finally {
    await session?.close()
  }
}

function report(failure: CliFailure, json: boolean, { io, errStyle }: Context): number {
  io.stderr.write(`${formatFailure(failure, errStyle)}\n`)
  if (json) writeJson(io, failureDocument(failure))
  return failure.exitCode
}

function writeJson(io: CliIo, document: unknown): void {
  io.stdout.write(`${JSON.stringify(document, null, 2)}\n`)
}

async function listDevices(session: HostSession, json: boolean, { io, style }: Context): Promise<number> {
  const devices = await session.settledDevices()
  const discovery = await session.client.call('discovery.state', {})
  const rows: DeviceRow[] = await Promise.all(
    devices.map(async (device, position) => {
      const row: DeviceRow = { index: position + 1, device }
      // Only devices with a reading: asking for the others would make the host poll them (and retry a password).
      if (device.lastUpdated !== undefined) {
        const status = await session.client.call('device.status', { deviceId: device.id }).catch(() => undefined)
        if (status) row.status = status
      }
      return row
    })
  )
  if (json) {
    writeJson(io, {
      devices: rows.map(({ index, device, status }) => ({ index, ...device, ...(status ? { status } : {}) })),
      unusable: unusableItems(discovery)
    })
  } else {
    io.stdout.write(`${formatDevices(rows, discovery, style)}\n`)
  }
  return EXIT.ok
}

async function deviceCommand(session: HostSession, cmd: DeviceCommand, context: Context): Promise<number> {
  const { io, style } = context
  const { client } = session
  const { device: named } = await session.find(cmd.device)
  const device = await session.settle(named.id)
  session.requireUsable(device, cmd.device)
  const deviceId = device.id
  switch (cmd.command) {
    case 'status': {
      const status = await client.call('device.status', { deviceId })
      if (cmd.json) writeJson(io, status)
      else io.stdout.write(`${formatStatus(device, status, style)}\n`)
      return EXIT.ok
    }
    case 'apn-list': {
      const result = await client.call('apn.list', { deviceId })
      if (cmd.json) writeJson(io, result)
      else io.stdout.write(`${formatApnProfiles(result.profiles, style)}\n`)
      return EXIT.ok
    }
    case 'apn-set':
      return switchApn(session, deviceId, cmd, context)
    case 'ussd':
      return ussd(session, deviceId, cmd, context)
    case 'sms-list': {
      const result = await client.call('sms.list', { deviceId })
      if (cmd.json) writeJson(io, result)
      else io.stdout.write(`${formatSms(result.messages, result.storage, style)}\n`)
      return EXIT.ok
    }
  }
}

async function switchApn(session: HostSession, deviceId: string, cmd: Extract<CliCommand, { command: 'apn-set' }>, context: Context): Promise<number> {
  const { io, style, errStyle } = context
  const steps: ApnProgress[] = []
  const stopProgress = session.client.on('apn.progress', (progress) => {
    if (progress.deviceId !== deviceId) return
    steps.push(progress)
    if (!cmd.json) io.stdout.write(`${formatApnProgress(progress, style)}\n`)
  })
  // Quitting in the middle would leave the device half switched, with nobody to restore it.
  let interrupts = 0
  const stopGuard = io.onInterrupt?.(() => {
    interrupts++
    if (interrupts > 1) {
      io.stderr.write('Quitting during the APN switch: check the APN with "hotspot-desk apn list" afterwards.\n')
      return true
    }
    io.stderr.write('The APN switch is still running and restores the previous APN if it fails. Press Ctrl-C again to quit anyway.\n')
    return false
  })
  let result: ResultOf<'apn.switch'>
  try {
    result = await session.client.call('apn.switch', { deviceId, target: cmd.target }, APN_SWITCH_TIMEOUT_MS)
  } finally {
    stopGuard?.()
    stopProgress()
  }
  const code = apnSwitchExitCode(result)
  if (cmd.json) writeJson(io, { ...result, steps })
  else io.stdout.write(`${formatApnOutcome(result)}\n`)
  if (code !== EXIT.ok) {
    const message = result.error?.message ?? (result.restored ? 'The APN switch failed.' : 'The APN switch failed and was not undone.')
    io.stderr.write(`${formatFailure({ message, hint: apnFailureHint(result.restored) }, errStyle)}\n`)
  }
  return code
}

async function ussd(session: HostSession, deviceId: string, cmd: Extract<CliCommand, { command: 'ussd' }>, context: Context): Promise<number> {
  const { io } = context
  const { client } = session
  const steps: UssdStep[] = []
  // Each --demo run starts a fresh demo, so its menus can only be answered within the same command.
  const answerWith =
    session.inProcess && cmd.host.demo && cmd.code !== undefined
      ? `hotspot-desk ussd ${quoteArg(cmd.device)} ${quoteArg(cmd.code)} ${[...cmd.replies, 'DIGITS'].map((reply) => `--reply ${reply}`).join(' ')} --demo`
      : `hotspot-desk ussd ${quoteArg(cmd.device)} --reply DIGITS`
  let sessionOpen = cmd.code === undefined // answering a menu opened earlier
  if (cmd.code !== undefined) {
    const reply = await client.call('ussd.send', { deviceId, code: cmd.code })
    steps.push({ sent: cmd.code, reply })
    sessionOpen = reply.sessionOpen
  }
  for (const answer of cmd.replies) {
    if (!sessionOpen) {
      if (!cmd.json) io.stdout.write(`${formatUssd(steps, { sessionOpen, cancelled: false }, answerWith)}\n`)
      throw new CliFailure(
        EXIT.failure,
        `The network ended the USSD session before the reply "${answer}" could be sent.`,
        'Dial the code again and check the menu numbers.',
        'USSD_ENDED',
        { steps: steps.map(({ sent, reply }) => ({ sent, ...reply })) }
      )
    }
    const reply = await client.call('ussd.respond', { deviceId, answer })
    steps.push({ sent: answer, reply })
    sessionOpen = reply.sessionOpen
  }
  let cancelled = false
  if (cmd.cancel && (sessionOpen || steps.length === 0)) {
    await client.call('ussd.cancel', { deviceId })
    cancelled = true
    sessionOpen = false
  }
  if (cmd.json) writeJson(io, { steps: steps.map(({ sent, reply }) => ({ sent, ...reply })), sessionOpen, cancelled })
  else io.stdout.write(`${formatUssd(steps, { sessionOpen, cancelled }, answerWith)}\n`)
  return EXIT.ok
}

async function login(session: HostSession, cmd: Extract<CliCommand, { command: 'login' }>, password: string, { io }: Context): Promise<number> {
  const { device } = await session.find(cmd.device)
  // The password is sent once, as typed; the host never retries it.
  const result = await session.client
    .call('device.login', {
      deviceId: device.id,
      password,
      remember: cmd.remember,
      ...(cmd.username !== undefined ? { username: cmd.username } : {})
    })
    .catch((error: unknown) => {
      const failure = toFailure(error, cmd.device)
      if (failure.code !== 'AUTH_FAILED') throw failure
      throw new CliFailure(
        failure.exitCode,
        failure.message,
        'It was tried once and will not be retried. Check it (it is often on a label under the cover or battery) and run login again; a few wrong tries lock the device.',
        failure.code,
        failure.details
      )
    })
  if (cmd.json) writeJson(io, result)
  else io.stdout.write(`${formatLogin(result.device, cmd.remember, session.inProcess)}\n`)
  return EXIT.ok
}

async function serve(cmd: Extract<CliCommand, { command: 'serve' }>, io: CliIo): Promise<number> {
  const dataDir = defaultDataDir(io.env as NodeJS.ProcessEnv)
  const registry = createDefaultRegistry()
  const host = await createHost({
    registry,
    secrets: plainNodeSecretStore(dataDir),
    history: { path: join(dataDir, 'history.db') },
    // The user's carrier pack overrides; portals open in the browser's own tabs (the default gateway).
    carriers: { overrideDir: join(dataDir, 'carriers') },
    // Serve mode looks at this machine's USB and serial ports only; it never probes a network.
    discovery: createDefaultDiscovery({ registry, allowLanProbe: false }),
    startDemo: cmd.demo,
    dataDir,
    log: (line) => io.stderr.write(`${line}\n`)
  })
  // Built layout: out/main/cli.js next to out/renderer/.
  const rendererDir = io.env.HOTSPOT_DESK_RENDERER_DIR ?? io.rendererDir ?? resolve(__dirname, '../renderer')
  let handle
  try {
    handle = await startServe({ host, rendererDir, port: cmd.port })
  } catch (error) {
    await host.close()
    const code = (error as NodeJS.ErrnoException).code
    io.stderr.write(
      code === 'EADDRINUSE'
        ? `Port ${cmd.port} is already in use; pick another with --port, or leave it out for a free one.\n`
        : `Could not start serve mode: ${(error as Error).message}\n`
    )
    return EXIT.failure
  }
  io.stdout.write(`Hotspot Desk ${APP_VERSION} is serving on 127.0.0.1 only.\nOpen: ${handle.url}\n`)
  if (cmd.demo) io.stdout.write('The demo hotspot is running.\n')
  if (cmd.open) (io.openBrowser ?? openInBrowser)(handle.url)
  await (io.untilStopped ?? untilSignalled)()
  await handle.close()
  await host.close()
  return EXIT.ok
}

function untilSignalled(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      done()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}
