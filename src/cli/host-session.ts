// One command's connection to a host: the in-process host it starts (with the demo and --address
// devices when asked) or a running serve host. Devices appear asynchronously, so the session also waits —
// within one --wait budget — for discovery to finish scanning and for a device's first reading.
import { CONTRACT_VERSION } from '../contract/version'
import type { DeviceSummary, DiscoveryState } from '../contract/model'
import { ContractError } from '../contract/errors'
import { createDefaultRegistry } from '../devices/registry'
import type { Host } from '../host/host'
import type { HostSelection } from './args'
import { CliContractClient } from './contract-client'
import { resolveDevice, sortDevices } from './device-target'
import { EXIT, quoteArg } from './exit-codes'
import { CliFailure, toFailure } from './failure'
import { formatUnusable, unusableItems } from './format'
import { addDeviceByAddress, type HostFactory } from './local-host'
import { createMemoryLink } from './memory-channel'
import { connectToServe } from './websocket-transport'

export interface SessionDeps {
  createHost: HostFactory
  dataDir: string
  log?: (line: string) => void
  now?: () => number
}

/** How long to wait between re-reads when no event arrives (events normally wake us sooner). */
const RECHECK_MS = 500
/** Longest wait for the in-process host to shut down (simulators, serial ports) after the command is done. */
const CLOSE_BOUND_MS = 10_000

export class HostSession {
  private readonly deadline: number

  private constructor(
    readonly client: CliContractClient,
    /** The host this command started, or undefined with --connect. */
    readonly localHost: Host | undefined,
    readonly waitSeconds: number,
    private readonly now: () => number
  ) {
    this.deadline = now() + waitSeconds * 1000
  }

  static async open(selection: HostSelection, deps: SessionDeps): Promise<HostSession> {
    const now = deps.now ?? Date.now
    let session: HostSession
    if (selection.connect !== undefined) {
      const transport = await connectToServe(selection.connect, Math.max(2000, Math.min(selection.waitSeconds, 10) * 1000))
      session = new HostSession(new CliContractClient(transport), undefined, selection.waitSeconds, now)
    } else {
      const registry = createDefaultRegistry()
      const host = await deps.createHost({ registry, demo: selection.demo, dataDir: deps.dataDir, ...(deps.log ? { log: deps.log } : {}) })
      try {
        for (const address of selection.addresses) await addDeviceByAddress(host, registry, address)
      } catch (error) {
        await host.close()
        throw error
      }
      const { channel, transport } = createMemoryLink()
      host.attach(channel)
      session = new HostSession(new CliContractClient(transport), host, selection.waitSeconds, now)
    }
    try {
      await session.client.call('app.hello', { contractVersion: CONTRACT_VERSION, client: 'hotspot-desk-cli' })
      // Subscribed, the host tells us about every device change: that is what the waits below wake on.
      await session.client.call('devices.subscribe', {})
      // A serve host adds --address hotspots itself (devices.add): the same probe as the built-in host's.
      if (selection.connect !== undefined) {
        for (const address of selection.addresses) await session.client.call('devices.add', { connection: { kind: 'http', baseUrl: address } })
      }
    } catch (error) {
      await session.close()
      throw error
    }
    return session
  }

  get inProcess(): boolean {
    return this.localHost !== undefined
  }

  private remainingMs(): number {
    return Math.max(0, this.deadline - this.now())
  }

  async devices(): Promise<DeviceSummary[]> {
    return sortDevices((await this.client.call('devices.list', {})).devices)
  }

  /** The discovery state once its scan is done (or the wait is up). */
  async discovery(): Promise<DiscoveryState> {
    for (;;) {
      const state = await this.client.call('discovery.state', {})
      if (!state.scanning || this.remainingMs() === 0) return state
      await this.client.nextEvent(['discovery.changed'], Math.min(this.remainingMs(), RECHECK_MS))
    }
  }

  /** Re-reads the device list until `done` holds or the wait is up; returns the last list and whether it held. */
  async waitFor(done: (devices: DeviceSummary[]) => boolean): Promise<{ devices: DeviceSummary[]; met: boolean }> {
    for (;;) {
      const devices = await this.devices()
      if (done(devices)) return { devices, met: true }
      if (this.remainingMs() === 0) return { devices, met: false }
      await this.client.nextEvent(['device.changed', 'discovery.changed'], Math.min(this.remainingMs(), RECHECK_MS))
    }
  }

  /** Waits until no device is still on its first contact; returns all devices, sorted. */
  async settledDevices(): Promise<DeviceSummary[]> {
    await this.discovery()
    return (await this.waitFor((devices) => devices.every((device) => device.state !== 'connecting'))).devices
  }

  /** The device the user named; exit 2 when there is none or the name fits several. */
  async find(query: string): Promise<{ device: DeviceSummary; index: number }> {
    const discovery = await this.discovery()
    const devices = await this.devices()
    const match = resolveDevice(query, devices)
    if (match.ok) return match
    if (match.reason === 'ambiguous') {
      throw new CliFailure(
        EXIT.notFound,
        `"${query}" matches ${match.candidates.length} devices: ${match.candidates.map((device) => device.id).join(', ')}.`,
        'Type more of the id, or use the # that "hotspot-desk devices" shows.',
        'AMBIGUOUS'
      )
    }
    const unusable = unusableItems(discovery)
    const listed = devices.map((device, index) => `${index + 1} ${device.id}`).join(', ')
    const hint =
      devices.length > 0
        ? `Connected: ${listed}. A device is its id, a unique prefix of it, or its #.`
        : unusable.length > 0
          ? formatUnusable(unusable)
          : 'No device is connected. Plug one in, add a network hotspot with --address http://192.168.8.1, or try --demo.'
    throw new CliFailure(EXIT.notFound, `No device matches "${query}".`, hint, 'NOT_FOUND')
  }

  /**
   * Waits for the device's first contact to finish (with it on focus, so it is polled fast) and returns its
   * summary. Exit 4 when it does not answer within the wait, or goes away meanwhile.
   */
  async settle(deviceId: string): Promise<DeviceSummary> {
    await this.client.call('devices.subscribe', { focusDeviceId: deviceId })
    const { devices, met } = await this.waitFor((list) => list.find((device) => device.id === deviceId)?.state !== 'connecting')
    const device = devices.find((candidate) => candidate.id === deviceId)
    if (!device) throw new CliFailure(EXIT.gone, `${deviceId} went away (unplugged?).`, 'Check the cable or Wi-Fi connection, then try again.', 'DEVICE_GONE')
    if (!met) {
      throw new CliFailure(
        EXIT.gone,
        `${device.name} (${device.id}) did not answer within ${this.waitSeconds} s.`,
        'Give it longer with --wait SECONDS; a modem that was just plugged in can take half a minute.',
        'TIMEOUT'
      )
    }
    return device
  }

  /**
   * Refuses to go on with a device that cannot serve the command: it needs a password, refuses logins,
   * stopped answering or is released. Checked here so that a command never makes the host try a rejected
   * password again (devices lock out).
   */
  requireUsable(device: DeviceSummary, query: string): void {
    const fromLastError = (fallback: ContractError): never => {
      const error = device.lastError ? new ContractError(device.lastError.code, device.lastError.message, device.lastError.details) : fallback
      throw toFailure(error, query)
    }
    switch (device.state) {
      case 'ready':
        return
      case 'auth-required':
        return fromLastError(new ContractError('AUTH_FAILED', `${device.name} wants its admin password.`))
      case 'locked-out':
        return fromLastError(new ContractError('LOCKED_OUT', `${device.name} refuses logins for a while.`))
      case 'unreachable':
        return fromLastError(new ContractError('DEVICE_GONE', `${device.name} is not answering.`))
      case 'released':
        throw new CliFailure(
          EXIT.failure,
          `${device.name} is released to its own web page, so Hotspot Desk is not talking to it.`,
          `Resume it in the app, or log in again: hotspot-desk login ${quoteArg(query)} --password-stdin`,
          'BUSY'
        )
      case 'error':
        return fromLastError(new ContractError('INTERNAL', `${device.name} is in an error state.`))
      case 'connecting':
        throw new CliFailure(EXIT.gone, `${device.name} has not answered yet.`, 'Give it longer with --wait SECONDS.', 'TIMEOUT')
    }
  }

  async close(): Promise<void> {
    this.client.close()
    if (!this.localHost) return
    // A driver stuck in a call must not keep the command from ending; the process exits right after.
    let timer: NodeJS.Timeout | undefined
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_BOUND_MS)
      timer.unref()
    })
    await Promise.race([this.localHost.close(), bound])
    clearTimeout(timer)
  }
}
