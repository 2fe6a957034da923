// The one interface every device family implements, and the registry the host picks families from.
// Capabilities, not vendor checks, decide what the UI offers.
import type { Capability, Connection, DeviceReading } from './model'

export interface Credentials {
  username?: string
  password: string
}

/** Where a device is and how to talk to it. Discovery or the user fills this; drivers never guess addresses. */
export interface DeviceTarget {
  connection: Connection
  credentials?: Credentials
}

/** What an unauthenticated probe learned about a target. */
export interface Fingerprint {
  family: string
  model?: string
  /** True when the device will want a password before it gives identity data. */
  loginRequired?: boolean
}

/**
 * A live session with one device. Methods throw ContractError (src/contract/errors) with a code the UI
 * can act on: AUTH_FAILED, LOCKED_OUT, DEVICE_GONE, TIMEOUT, UNSUPPORTED, PROTOCOL.
 * A driver never retries a failed login by itself: devices lock out.
 */
export interface HotspotDriver {
  readonly family: string
  readonly capabilities: ReadonlySet<Capability>
  /** Establish the session (cookies, tokens, login when needed). */
  open(signal?: AbortSignal): Promise<void>
  /** One complete reading of the normalized model. */
  read(signal?: AbortSignal): Promise<DeviceReading>
  /** Log out where the device supports it and release sockets. Never throws. */
  close(): Promise<void>
}

export interface DriverFamily {
  readonly id: string
  /** Shown to users, e.g. "Huawei HiLink / Mobile WiFi". */
  readonly label: string
  /** Which connection kinds this family can drive. */
  readonly connectionKinds: ReadonlyArray<Connection['kind']>
  /** A cheap, unauthenticated check. Resolves null when the target is not this family. */
  fingerprint(connection: Connection, signal?: AbortSignal): Promise<Fingerprint | null>
  create(target: DeviceTarget): HotspotDriver
}

export class DriverRegistry {
  private readonly families = new Map<string, DriverFamily>()

  register(family: DriverFamily): this {
    if (this.families.has(family.id)) throw new Error(`driver family ${family.id} is already registered`)
    this.families.set(family.id, family)
    return this
  }

  get(id: string): DriverFamily | undefined {
    return this.families.get(id)
  }

  all(): DriverFamily[] {
    return [...this.families.values()]
  }
}
