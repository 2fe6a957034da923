// Collapses USB hot-plug bursts into one change. A stick being switched out of CD-ROM mode detaches and
// re-attaches (sometimes twice, and hubs add their own noise) within a second or two; reacting to every event
// would rescan serial ports and the LAN several times while the device is still settling. The watcher waits
// for `quietMs` without events (but never longer than `maxWaitMs` after the first), then lists the bus once
// and reports what was added and removed since the last report.
import {
  usbEnumerationKey,
  type UsbAvailability,
  type UsbDeviceInfo,
  type UsbHotplugEvent,
  type UsbSource
} from './usb-source'

export interface UsbChange {
  added: UsbDeviceInfo[]
  removed: UsbDeviceInfo[]
  /** Everything attached after the change. */
  devices: UsbDeviceInfo[]
  /** Hot-plug events folded into this change. */
  events: number
}

export interface UsbWatcherOptions {
  /** Quiet time that ends a burst; default 1000 ms. */
  quietMs?: number
  /** Longest a change waits after the burst's first event; default 5000 ms. */
  maxWaitMs?: number
}

export class UsbWatcher {
  private readonly quietMs: number
  private readonly maxWaitMs: number
  private readonly listeners = new Set<(change: UsbChange) => void>()
  private snapshot = new Map<string, UsbDeviceInfo>()
  private availabilityNow: UsbAvailability = { available: false, reason: 'not started' }
  private unsubscribe: (() => void) | undefined
  private quietTimer: ReturnType<typeof setTimeout> | undefined
  private maxTimer: ReturnType<typeof setTimeout> | undefined
  private pending: UsbHotplugEvent[] = []
  private flushing: Promise<void> | undefined
  private running = false

  constructor(
    private readonly source: UsbSource,
    options: UsbWatcherOptions = {}
  ) {
    this.quietMs = options.quietMs ?? 1000
    this.maxWaitMs = options.maxWaitMs ?? 5000
  }

  get availability(): UsbAvailability {
    return this.availabilityNow
  }

  get devices(): UsbDeviceInfo[] {
    return [...this.snapshot.values()]
  }

  onChange(listener: (change: UsbChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Lists the bus once (no change is reported for it) and starts listening. */
  async start(): Promise<UsbAvailability> {
    if (this.running) return this.availabilityNow
    this.running = true
    this.unsubscribe = this.source.watch((event) => this.onEvent(event))
    const listing = await this.source.list()
    this.availabilityNow = listing.availability
    this.snapshot = new Map(listing.devices.map((device) => [usbEnumerationKey(device), device]))
    return this.availabilityNow
  }

  stop(): void {
    this.running = false
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.clearTimers()
    this.pending = []
  }

  /** Resolves once no burst is pending or being processed (tests, orderly shutdown). */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing
  }

  private onEvent(event: UsbHotplugEvent): void {
    if (!this.running) return
    this.pending.push(event)
    if (this.quietTimer) clearTimeout(this.quietTimer)
    this.quietTimer = setTimeout(() => this.flush(), this.quietMs)
    this.maxTimer ??= setTimeout(() => this.flush(), this.maxWaitMs)
  }

  private clearTimers(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer)
    if (this.maxTimer) clearTimeout(this.maxTimer)
    this.quietTimer = undefined
    this.maxTimer = undefined
  }

  private flush(): void {
    this.clearTimers()
    if (this.flushing) {
      // Events arrived while the bus was being listed: look again once that listing is done.
      void this.flushing.then(() => {
        if (this.pending.length > 0 && this.running && !this.quietTimer) this.flush()
      })
      return
    }
    const events = this.pending.splice(0)
    if (events.length === 0) return
    this.flushing = this.apply(events).finally(() => {
      this.flushing = undefined
    })
  }

  private async apply(events: UsbHotplugEvent[]): Promise<void> {
    const listing = await this.source.list()
    if (!this.running) return
    this.availabilityNow = listing.availability
    let next: Map<string, UsbDeviceInfo>
    if (listing.availability.available) {
      next = new Map(listing.devices.map((device) => [usbEnumerationKey(device), device]))
    } else {
      // Listing failed after events arrived: fold the events into the last snapshot instead.
      next = new Map(this.snapshot)
      for (const event of events) {
        const key = usbEnumerationKey(event.device)
        if (event.type === 'attach') next.set(key, event.device)
        else next.delete(key)
      }
    }
    const added = [...next].filter(([key]) => !this.snapshot.has(key)).map(([, device]) => device)
    const removed = [...this.snapshot].filter(([key]) => !next.has(key)).map(([, device]) => device)
    this.snapshot = next
    if (added.length === 0 && removed.length === 0) return
    const change: UsbChange = { added, removed, devices: [...next.values()], events: events.length }
    for (const listener of [...this.listeners]) listener(change)
  }
}
