// One device the host owns: its driver session, its lifecycle state, its last reading,
// and its own poll loop. Login failures stop the loop: devices lock out, so we never retry a
// rejected password on our own; the user has to act.
import { ContractError, type ContractErrorData } from '../contract/errors'
import type { DeviceState, DeviceStatus, DeviceSummary } from '../contract/model'
import type { Credentials, DeviceTarget, DriverFamily, HotspotDriver } from '../devices/driver'
import type { Capability } from '../devices/model'
import { nextPollDelay, type PollingRates } from './polling-policy'

export interface ManagedDeviceOptions {
  id: string
  name: string
  family: DriverFamily
  target: DeviceTarget
  demo: boolean
  rates: () => PollingRates
  isFocused: () => boolean
  /** Called after every state change or reading. */
  onChange: (device: ManagedDevice, status?: DeviceStatus) => void
  now?: () => number
}

const STOPPING_CODES = new Set(['AUTH_FAILED', 'LOCKED_OUT'])

export class ManagedDevice {
  readonly id: string
  readonly demo: boolean
  private driver: HotspotDriver
  private target: DeviceTarget
  private state: DeviceState = 'connecting'
  private lastError: ContractErrorData | undefined
  private lastStatus: DeviceStatus | undefined
  private opened = false
  private failures = 0
  private timer: NodeJS.Timeout | undefined
  private inFlight: Promise<void> | undefined
  private abort = new AbortController()
  private stopped = false
  private paused = false

  constructor(private readonly options: ManagedDeviceOptions) {
    this.id = options.id
    this.demo = options.demo
    this.target = options.target
    this.driver = options.family.create(options.target)
  }

  get family(): DriverFamily {
    return this.options.family
  }

  summary(): DeviceSummary {
    const summary: DeviceSummary = {
      id: this.id,
      name: this.options.name,
      family: this.options.family.id,
      familyLabel: this.options.family.label,
      demo: this.demo,
      connection: this.target.connection,
      state: this.state,
      capabilities: [...this.driver.capabilities]
    }
    if (this.lastError) summary.lastError = this.lastError
    if (this.lastStatus) summary.lastUpdated = this.lastStatus.updatedAt
    return summary
  }

  status(): DeviceStatus | undefined {
    return this.lastStatus
  }

  start(): void {
    this.schedule(0)
  }

  /** Poll now (e.g. the device just came on screen) unless a poll is already running. */
  pollSoon(): void {
    if (this.stopped || this.paused || this.inFlight || STOPPING_CODES.has(this.lastError?.code ?? '')) return
    this.schedule(0)
  }

  /**
   * The driver, for an operation the user asked for. Refuses when the device lacks the capability,
   * is released, or has no session yet.
   */
  async driverFor(capability: Capability): Promise<HotspotDriver> {
    if (this.paused) throw new ContractError('BUSY', 'This device is released to its own web page. Resume it first.')
    if (!this.driver.capabilities.has(capability)) {
      throw new ContractError('UNSUPPORTED', `This device cannot do that (${capability}).`, { capability })
    }
    if (!this.opened) {
      await this.pollOnce()
      if (!this.opened) {
        const error = this.lastError
        throw error ? new ContractError(error.code, error.message, error.details) : new ContractError('DEVICE_GONE', 'The device is not answering.')
      }
    }
    return this.driver
  }

  /**
   * Try the user's password once. On success polling resumes; on failure the error is returned to
   * the caller and nothing is retried.
   */
  async login(credentials: Credentials): Promise<void> {
    await this.quiesce()
    await this.driver.close()
    this.target = { ...this.target, credentials }
    this.driver = this.options.family.create(this.target)
    this.opened = false
    this.paused = false
    this.lastError = undefined
    this.state = 'connecting'
    this.failures = 0
    this.options.onChange(this)
    await this.runPoll()
    this.scheduleNext()
    const error = this.lastError as ContractErrorData | undefined
    if (error && STOPPING_CODES.has(error.code)) throw new ContractError(error.code, error.message, error.details)
  }

  /** Log out and stop polling so the device's own web UI can log in (they allow one admin). */
  async release(): Promise<void> {
    await this.quiesce()
    this.paused = true
    await this.driver.close()
    this.opened = false
    this.state = 'released'
    this.options.onChange(this)
  }

  resume(): void {
    if (!this.paused) return
    this.paused = false
    this.state = 'connecting'
    this.lastError = undefined
    this.failures = 0
    this.options.onChange(this)
    this.schedule(0)
  }

  /** Stop the loop and wait for a running poll, without closing the device. */
  private async quiesce(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.inFlight?.catch(() => undefined)
  }

  /**
   * One poll, awaited: used by device.status when there is no reading yet. Never after a rejected
   * password or a lockout: only the user's next login attempt may touch the device's login again.
   */
  async pollOnce(): Promise<void> {
    if (STOPPING_CODES.has(this.lastError?.code ?? '')) return
    if (this.inFlight) return this.inFlight
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.runPoll()
    this.scheduleNext()
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.abort.abort()
    await this.inFlight?.catch(() => undefined)
    await this.driver.close()
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.paused) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.runPoll().then(() => this.scheduleNext())
    }, delayMs)
    this.timer.unref?.()
  }

  private scheduleNext(): void {
    if (this.stopped || this.paused || STOPPING_CODES.has(this.lastError?.code ?? '')) return
    this.schedule(nextPollDelay(this.options.rates(), this.options.isFocused(), this.failures))
  }

  private runPoll(): Promise<void> {
    if (this.inFlight) return this.inFlight
    this.inFlight = this.poll().finally(() => {
      this.inFlight = undefined
    })
    return this.inFlight
  }

  private async poll(): Promise<void> {
    const signal = this.abort.signal
    try {
      if (!this.opened) {
        await this.driver.open(signal)
        this.opened = true
      }
      const reading = await this.driver.read(signal)
      if (this.stopped || this.paused) return
      const now = this.options.now?.() ?? Date.now()
      this.lastStatus = { deviceId: this.id, updatedAt: now, ...reading }
      this.failures = 0
      this.lastError = undefined
      this.state = 'ready'
      this.options.onChange(this, this.lastStatus)
    } catch (error) {
      if (this.stopped || this.paused) return
      this.recordFailure(error)
      this.options.onChange(this)
    }
  }

  private recordFailure(error: unknown): void {
    const data =
      error instanceof ContractError
        ? error.toData()
        : { code: 'INTERNAL' as const, message: error instanceof Error ? error.message : String(error) }
    this.lastError = data
    this.failures++
    switch (data.code) {
      case 'AUTH_FAILED':
        this.state = 'auth-required'
        this.opened = false
        break
      case 'LOCKED_OUT':
        this.state = 'locked-out'
        this.opened = false
        break
      case 'DEVICE_GONE':
      case 'TIMEOUT':
        this.state = 'unreachable'
        // The session may be dead on the device side; start over when it answers again.
        this.opened = false
        break
      default:
        this.state = this.lastStatus ? 'ready' : 'error'
    }
  }
}
