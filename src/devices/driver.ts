// The one interface every device family implements, and the registry the host picks families from.
// Capabilities, not vendor checks, decide what the UI offers.
import type {
  ApnDraft,
  ApnProfile,
  Capability,
  Connection,
  DeviceReading,
  SmsMessage,
  SmsStorage,
  UssdReply,
  WifiSettings
} from './model'

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

  // Operation groups. A driver provides a group exactly when it declares the matching capability;
  // the host refuses the call with UNSUPPORTED otherwise. Families implement primitives only:
  // shared logic (the APN transaction, USSD session bookkeeping) lives once, in src/devices/.

  /** capability apnRead (list) and apnWrite (the rest). */
  readonly apn?: ApnOperations
  /** capability ussd. */
  readonly ussd?: UssdOperations
  /** capability sms. */
  readonly sms?: SmsOperations
  /** capabilities dataSwitch, reboot, usageReset, pinUnlock: each method only when declared. */
  readonly control?: ControlOperations
  /** capability wifiSettings. */
  readonly wifi?: WifiOperations
  /** capability atConsole: raw commands for field technicians, through the device's own queue. */
  readonly atConsole?: AtConsoleOperations
  /** capability deviceSettings: the unit's data plan, web UI language and firmware auto-update. */
  readonly settings?: DeviceSettingsOperations
}

export type DevicePreferenceName = 'dataPlan' | 'language' | 'autoUpdate'

/** Settings a shop pins on every unit. Absent fields are ones the device did not report. */
export interface DevicePreferences {
  /** Monthly allowance the device warns or cuts off at, and the day of month its counter restarts. */
  dataPlan?: { limitBytes: number; startDay: number }
  /** The device's own web UI language ('en', 'ja', or the firmware's code when it is neither). */
  language?: string
  autoUpdate?: boolean
}

/**
 * The unit-level settings a golden profile applies besides APN and Wi-Fi. Writes are checked by the
 * caller reading back with get(); `supports` says which fields this model has at all.
 */
export interface DeviceSettingsOperations {
  readonly supports: ReadonlySet<DevicePreferenceName>
  get(signal?: AbortSignal): Promise<DevicePreferences>
  /** Applies the fields given (only ones in `supports`; others throw UNSUPPORTED). */
  set(preferences: DevicePreferences, signal?: AbortSignal): Promise<void>
}

export interface AtConsoleReply {
  lines: string[]
  /** The final result code as the modem sent it (OK, ERROR, +CME ERROR: 10 …). */
  final: string
  elapsedMs: number
}

export interface AtConsoleLine {
  at: number
  direction: 'out' | 'in' | 'note'
  kind: string
  text: string
}

export interface AtConsoleOperations {
  /** One command line, queued behind polling like any other command. Errors from the modem are replies, not throws. */
  send(command: string, signal?: AbortSignal): Promise<AtConsoleReply>
  /** The port's recent traffic, oldest first (PINs masked). */
  transcript(): AtConsoleLine[]
}

/**
 * Wi-Fi and admin settings, for shops preparing units. Writes are verified by reading back; a caller
 * that changes several settings snapshots first and restores on failure (like the APN transaction).
 */
export interface WifiOperations {
  get(signal?: AbortSignal): Promise<WifiSettings>
  /** Applies the fields given; the device may drop Wi-Fi clients for a few seconds. */
  set(settings: Partial<WifiSettings>, signal?: AbortSignal): Promise<void>
  /** Changes the admin password; later logins (and the stored credentials) must use the new one. */
  setAdminPassword?(currentPassword: string, newPassword: string, signal?: AbortSignal): Promise<void>
}

/**
 * Primitive APN steps. Callers switch profiles through ApnTransaction (snapshot, apply, reattach,
 * verify, restore), never by calling these in an ad-hoc order.
 */
export interface ApnOperations {
  list(signal?: AbortSignal): Promise<ApnProfile[]>
  /** Adds a profile and returns its id; does not make it the default. */
  create(draft: ApnDraft, signal?: AbortSignal): Promise<string>
  update(id: string, draft: ApnDraft, signal?: AbortSignal): Promise<void>
  remove(id: string, signal?: AbortSignal): Promise<void>
  setDefault(id: string, signal?: AbortSignal): Promise<void>
  /** Drop and re-establish the data session so the default profile takes effect. */
  reattach(signal?: AbortSignal): Promise<void>
}

export interface UssdOperations {
  /** Start a session with a code such as *100#. Resolves with the network's first reply. */
  send(code: string, signal?: AbortSignal): Promise<UssdReply>
  /** Answer an open menu (usually a digit). */
  respond(answer: string, signal?: AbortSignal): Promise<UssdReply>
  /** End the session; never throws when none is open. */
  cancel(signal?: AbortSignal): Promise<void>
}

export interface SmsOperations {
  /** Received messages, long ones already joined. */
  list(signal?: AbortSignal): Promise<SmsMessage[]>
  /** Deletes one message (all of its parts). Only ever called on the user's request. */
  remove(id: string, signal?: AbortSignal): Promise<void>
  markRead?(id: string, signal?: AbortSignal): Promise<void>
  storage?(signal?: AbortSignal): Promise<SmsStorage>
  send?(to: string, text: string, signal?: AbortSignal): Promise<void>
}

export interface ControlOperations {
  setDataEnabled?(enabled: boolean, signal?: AbortSignal): Promise<void>
  reboot?(signal?: AbortSignal): Promise<void>
  resetUsage?(signal?: AbortSignal): Promise<void>
  unlockPin?(pin: string, signal?: AbortSignal): Promise<void>
  unlockPuk?(puk: string, newPin: string, signal?: AbortSignal): Promise<void>
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
