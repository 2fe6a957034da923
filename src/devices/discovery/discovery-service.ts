// DiscoveryService: finds hotspots and USB modems and keeps the list current. It combines the USB bus (with
// debounced hot-plug), the modems' serial ports (one gentle AT probe of the chosen port) and LAN
// fingerprinting of the targets the host allows, merges findings that are the same physical unit, and emits
// found / lost / changed. It has no dependency on src/host: the host constructs it with a registry, a USB
// source, a serial lister/opener and a LAN-target provider, calls scan() for the Scan button, and listens.
import { join } from 'node:path'
import { ContractError } from '../../contract/errors'
import type { DriverRegistry } from '../driver'
import type { DiscoveredDevice, DiscoveryEvents } from './discovered-device'
import { assembleDevices, groupUnits, planAtPort, switchKey, type AssemblyContext, type Unit } from './device-assembly'
import { probeLanTargets, type LanHit } from './lan-probe'
import type { LanTarget } from './lan-targets'
import { ModeSwitchError, switchUsbMode } from './mode-switch'
import {
  defaultSerialLister,
  listModemPorts,
  probeAtPort,
  serialPortOpener,
  type AtPortOpener,
  type AtProbeResult,
  type SerialLister
} from './serial-ports'
import type { UsbPosition } from './sysfs-usb'
import { loadUsbCatalog, type UsbCatalog } from './usb-catalog'
import type { UsbAvailability, UsbSource } from './usb-source'
import { UsbWatcher, type UsbChange, type UsbWatcherOptions } from './usb-watcher'

export interface DiscoveryServiceOptions {
  registry: Pick<DriverRegistry, 'get' | 'all'>
  usb: UsbSource
  /** Targets to fingerprint; the host builds them (systemLanTargets / buildLanTargets) and may return []. */
  lanTargets: () => LanTarget[] | Promise<LanTarget[]>
  /** Whether the host allows LAN probing at all (only changes how "waiting for network" is worded). */
  lanProbeEnabled?: () => boolean
  serial?: {
    list?: SerialLister
    open?: AtPortOpener
    /** AT probe deadline; default 500 ms. */
    probeTimeoutMs?: number
    /** Linux sysfs lookup of a tty's USB position; injected by tests. */
    position?: (path: string) => UsbPosition | undefined
  }
  lanProbe?: { timeoutMs?: number; concurrency?: number }
  catalog?: UsbCatalog
  /** Ports the host already has open: never probed (a probe would fail with "busy"), reported as reachable. */
  ownedPorts?: () => Iterable<string>
  /** Primary transport when a unit has both with drivers; default 'network'. */
  prefer?: 'network' | 'serial'
  hotplug?: UsbWatcherOptions
  /** Extra scans after a hot-plug while a new unit is still settling (DHCP, serial driver); default [3000, 8000] ms. */
  settleRescansMs?: number[]
  /** Mode-switch wait; default 20 s. */
  switchTimeoutMs?: number
  platform?: NodeJS.Platform
  /** Absolute path of the app's resources/udev directory, for the install commands in fixes. */
  udevRulesDir?: string
}

export interface DiscoveryHealth {
  usb: UsbAvailability
  serial: { available: true } | { available: false; reason: string }
  lan: { targets: number; hits: number; elapsedMs: number }
  lastScan?: { finishedAt: number; durationMs: number }
}

type Listener<K extends keyof DiscoveryServiceEvents> = (payload: DiscoveryServiceEvents[K]) => void

export interface DiscoveryServiceEvents extends DiscoveryEvents {
  /** After every scan, with the full list. */
  scanned: { devices: DiscoveredDevice[]; durationMs: number }
  /** A background (hot-plug) scan failed; scan() callers get the rejection instead. */
  error: { error: unknown }
}

interface ScanInputs {
  units: Unit[]
  probes: Map<string, AtProbeResult | 'owned'>
}

export class DiscoveryService {
  private readonly catalog: UsbCatalog
  private readonly watcher: UsbWatcher
  private readonly listeners = new Map<keyof DiscoveryServiceEvents, Set<(payload: never) => void>>()
  private readonly current = new Map<string, DiscoveredDevice>()
  private readonly unitsById = new Map<string, Unit>()
  private readonly switchFailures = new Map<string, ModeSwitchError>()
  private readonly switching = new Set<string>()
  private readonly settleTimers = new Set<ReturnType<typeof setTimeout>>()
  private lifetime = new AbortController()
  private running: Promise<DiscoveredDevice[]> | undefined
  private queued: Promise<DiscoveredDevice[]> | undefined
  private lastInputs: ScanInputs | undefined
  private health: DiscoveryHealth = {
    usb: { available: false, reason: 'not scanned yet' },
    serial: { available: true },
    lan: { targets: 0, hits: 0, elapsedMs: 0 }
  }
  private stopWatching: (() => void) | undefined
  private started = false

  constructor(private readonly options: DiscoveryServiceOptions) {
    this.catalog = options.catalog ?? loadUsbCatalog()
    this.watcher = new UsbWatcher(options.usb, options.hotplug)
  }

  on<K extends keyof DiscoveryServiceEvents>(event: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  /** Starts hot-plug watching and runs the first scan. */
  async start(): Promise<DiscoveredDevice[]> {
    if (!this.started) {
      this.started = true
      this.lifetime = new AbortController()
      this.stopWatching = this.watcher.onChange((change) => this.onHotplug(change))
      await this.watcher.start()
    }
    return this.scan()
  }

  /** Stops watching, cancels scans in flight and pending rescans. Known devices stay readable. */
  stop(): void {
    this.started = false
    this.stopWatching?.()
    this.stopWatching = undefined
    this.watcher.stop()
    for (const timer of this.settleTimers) clearTimeout(timer)
    this.settleTimers.clear()
    this.lifetime.abort(new ContractError('CANCELLED', 'discovery stopped'))
  }

  devices(): DiscoveredDevice[] {
    return [...this.current.values()]
  }

  get(id: string): DiscoveredDevice | undefined {
    return this.current.get(id)
  }

  status(): DiscoveryHealth {
    return structuredClone(this.health)
  }

  /**
   * Scans everything now (the Scan button). Calls while a scan runs share one follow-up scan, so a burst of
   * requests costs at most two scans.
   */
  scan(options: { signal?: AbortSignal } = {}): Promise<DiscoveredDevice[]> {
    if (!this.running) {
      this.running = this.runScan(options.signal).finally(() => {
        this.running = undefined
      })
      return this.running
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined
        return this.scan(options)
      })
    return this.queued
  }

  /**
   * Switches a unit out of CD-ROM mode, then rescans. Resolves with the unit's new record (its id changes when
   * the stick has no USB serial number). Rejects with ModeSwitchError; the record then carries the reason.
   */
  async switchMode(id: string, signal?: AbortSignal): Promise<DiscoveredDevice | undefined> {
    const record = this.current.get(id)
    const unit = this.unitsById.get(id)
    if (!record || !unit) throw new ContractError('NOT_FOUND', `No discovered device with id ${id}.`, { id })
    if (!unit.usb || !record.canSwitch) {
      throw new ContractError('UNSUPPORTED', `${record.name} cannot be switched by Hotspot Desk.`, { id, status: record.status })
    }
    const usb = unit.usb
    const key = switchKey(usb)
    if (this.switching.has(key)) throw new ContractError('BUSY', `${record.name} is already being switched.`, { id })
    this.switching.add(key)
    try {
      await switchUsbMode(usb, {
        source: this.options.usb,
        catalog: this.catalog,
        platform: this.platform,
        udevRulesDir: this.udevRulesDir,
        ...(this.options.switchTimeoutMs !== undefined ? { timeoutMs: this.options.switchTimeoutMs } : {}),
        signal: signal ? AbortSignal.any([signal, this.lifetime.signal]) : this.lifetime.signal
      })
      this.switchFailures.delete(key)
    } catch (error) {
      if (error instanceof ModeSwitchError) {
        this.switchFailures.set(key, error)
        this.republish()
      }
      throw error
    } finally {
      this.switching.delete(key)
    }
    const devices = await this.scan()
    return devices.find((device) => device.usb?.location === usb.location)
  }

  private get platform(): NodeJS.Platform {
    return this.options.platform ?? process.platform
  }

  private get udevRulesDir(): string {
    return this.options.udevRulesDir ?? join(process.cwd(), 'resources', 'udev')
  }

  private async runScan(userSignal: AbortSignal | undefined): Promise<DiscoveredDevice[]> {
    const signal = userSignal ? AbortSignal.any([userSignal, this.lifetime.signal]) : this.lifetime.signal
    signal.throwIfAborted()
    const started = performance.now()
    const [usbListing, serialListing, lan] = await Promise.all([
      this.options.usb.list(),
      listModemPorts(this.options.serial?.list ?? defaultSerialLister, {
        platform: this.platform,
        ...(this.options.serial?.position ? { position: this.options.serial.position } : {})
      }),
      this.probeLan(signal)
    ])
    signal.throwIfAborted()

    const units = groupUnits({ usbDevices: usbListing.devices, ports: serialListing.ports, lanHits: lan.hits, catalog: this.catalog })
    const probes = await this.probeSerial(units, signal)
    signal.throwIfAborted()

    const durationMs = Math.round(performance.now() - started)
    this.health = {
      usb: usbListing.availability,
      serial: serialListing.available ? { available: true } : { available: false, reason: serialListing.reason },
      lan: { targets: lan.targets, hits: lan.hits.length, elapsedMs: lan.elapsedMs },
      lastScan: { finishedAt: Date.now(), durationMs }
    }
    this.lastInputs = { units, probes }
    // A failed switch is remembered only while the unit stays where it was.
    const present = new Set(units.flatMap((unit) => (unit.usb ? [switchKey(unit.usb)] : [])))
    for (const key of this.switchFailures.keys()) if (!present.has(key)) this.switchFailures.delete(key)
    const devices = this.publish(units, probes)
    this.emit('scanned', { devices, durationMs })
    return devices
  }

  private async probeLan(signal: AbortSignal): Promise<{ hits: LanHit[]; targets: number; elapsedMs: number }> {
    const targets = await this.options.lanTargets()
    if (targets.length === 0) return { hits: [], targets: 0, elapsedMs: 0 }
    const report = await probeLanTargets(targets, this.options.registry.all(), { ...this.options.lanProbe, signal })
    return { hits: report.hits, targets: targets.length, elapsedMs: report.elapsedMs }
  }

  /** One gentle AT probe per unit, of the chosen port only, all units in parallel. */
  private async probeSerial(units: readonly Unit[], signal: AbortSignal): Promise<Map<string, AtProbeResult | 'owned'>> {
    const owned = new Set(this.options.ownedPorts?.() ?? [])
    const probes = new Map<string, AtProbeResult | 'owned'>()
    const open = this.options.serial?.open ?? serialPortOpener()
    await Promise.all(
      units.map(async (unit) => {
        if (unit.ports.length === 0) return
        if (unit.usb && this.catalog.match(unit.usb)?.needsSwitching) return
        const { choice } = planAtPort(unit, this.catalog)
        if (!choice.ok) return
        const path = choice.port.path
        if (owned.has(path)) {
          probes.set(path, 'owned')
          return
        }
        probes.set(
          path,
          await probeAtPort(path, {
            open,
            signal,
            platform: this.platform,
            udevRulesDir: this.udevRulesDir,
            ...(this.options.serial?.probeTimeoutMs !== undefined ? { timeoutMs: this.options.serial.probeTimeoutMs } : {})
          })
        )
      })
    )
    return probes
  }

  private assemblyContext(probes: ReadonlyMap<string, AtProbeResult | 'owned'>): AssemblyContext {
    return {
      catalog: this.catalog,
      families: this.options.registry,
      probes,
      switchFailures: this.switchFailures,
      prefer: this.options.prefer ?? 'network',
      lanProbeEnabled: this.options.lanProbeEnabled?.() ?? true
    }
  }

  private publish(units: readonly Unit[], probes: ReadonlyMap<string, AtProbeResult | 'owned'>): DiscoveredDevice[] {
    const devices = assembleDevices(units, this.assemblyContext(probes))
    const next = new Map(devices.map((device, index) => [device.id, { device, unit: units[index] as Unit }]))
    for (const [id, previous] of [...this.current]) {
      if (next.has(id)) continue
      this.current.delete(id)
      this.unitsById.delete(id)
      this.emit('lost', { device: previous })
    }
    for (const [id, { device, unit }] of next) {
      const previous = this.current.get(id)
      this.current.set(id, device)
      this.unitsById.set(id, unit)
      if (!previous) this.emit('found', { device })
      else if (JSON.stringify(previous) !== JSON.stringify(device)) this.emit('changed', { device, previous })
    }
    return devices
  }

  /** Re-derives records from the last scan's findings (after a failed switch changes what we tell the user). */
  private republish(): void {
    if (this.lastInputs) this.publish(this.lastInputs.units, this.lastInputs.probes)
  }

  private onHotplug(change: UsbChange): void {
    const ours = [...change.added, ...change.removed].some((device) => this.catalog.vendor(device.vendorId) !== undefined)
    if (!ours || !this.started) return
    this.scan()
      .then((devices) => {
        const settling = change.added.some((added) => {
          const device = devices.find((candidate) => candidate.usb?.location === added.location)
          return device !== undefined && device.status !== 'ready' && device.status !== 'needs-switching'
        })
        if (settling) this.scheduleSettleRescans()
      })
      .catch((error: unknown) => {
        if (this.started) this.emit('error', { error })
      })
  }

  private scheduleSettleRescans(): void {
    if (this.settleTimers.size > 0) return
    for (const delay of this.options.settleRescansMs ?? [3000, 8000]) {
      const timer = setTimeout(() => {
        this.settleTimers.delete(timer)
        if (!this.started) return
        this.scan().catch((error: unknown) => {
          if (this.started) this.emit('error', { error })
        })
      }, delay)
      timer.unref?.()
      this.settleTimers.add(timer)
    }
  }

  /** A listener that throws must not break a scan; its error is reported as an 'error' event. */
  private emit<K extends keyof DiscoveryServiceEvents>(event: K, payload: DiscoveryServiceEvents[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      const call = listener as Listener<K>
      try {
        call(payload)
      } catch (error) {
        if (event !== 'error') this.emit('error', { error })
      }
    }
  }
}
