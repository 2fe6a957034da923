// What the Huawei operation groups (APN, USSD, SMS, control) need from the driver: a live session with the
// one re-login the driver allows, the encrypted request form when the device asks for it, timing, and a way to
// forget the session when the device restarts. Kept as an interface so each group stays a small module.
import { ContractError } from '../../../contract/errors'
import type { Credentials, DevicePreferenceName } from '../../driver'
import type { HuaweiSession } from './session'
import type { HuaweiWlanApi } from './wifi'

export interface HuaweiTiming {
  /** Between polls of ussd/get, monitoring/status and sms/send-status. */
  pollIntervalMs: number
  /** How long a USSD request may wait for the network. */
  ussdTimeoutMs: number
  /** How long the data session may take to go down or come up after a switch. */
  dataSettleTimeoutMs: number
  /** How long a sent SMS may stay "sending". */
  smsSendTimeoutMs: number
}

export const DEFAULT_TIMING: HuaweiTiming = {
  pollIntervalMs: 1000,
  // The device itself gives up with 111020 after about 20 s [U]; this only catches a device that never does.
  ussdTimeoutMs: 30_000,
  dataSettleTimeoutMs: 30_000,
  smsSendTimeoutMs: 30_000
}

/** How this firmware switches data, and whether its setters want the encrypted form (learned at open). */
export interface HuaweiFeatures {
  /** 'dataswitch' = POST dialup/mobile-dataswitch; 'dial' = legacy POST dialup/dial <Action> (old E5 firmware). */
  dataLink: 'dataswitch' | 'dial'
  /** global/module-switch encrypt_enabled = 1: dial-up profiles, PIN operations and Wi-Fi keys go encrypted (reference §1.5). */
  encrypt: boolean
  /** Which WLAN API the firmware answers (wifi.ts); 'none' on sticks without Wi-Fi. */
  wlan: HuaweiWlanApi | 'none'
  /** Which unit settings answer (settings-ops.ts); empty when none does. */
  settings: ReadonlySet<DevicePreferenceName>
}

export type Encrypt = (xml: string) => string

export interface HuaweiOpsContext {
  /** Run one step on a live session; when the device dropped our login (100003) open once more and rerun it. */
  run<T>(step: (session: HuaweiSession) => Promise<T>, signal?: AbortSignal): Promise<T>
  /** The transform for setters that must go encrypted; undefined when this device does not ask for it. */
  encryption(session: HuaweiSession, signal?: AbortSignal): Promise<Encrypt | undefined>
  /** The transform whenever the device has a usable key, asked or not (fetched on first use); undefined without one. */
  keyEncryption(session: HuaweiSession, signal?: AbortSignal): Promise<Encrypt | undefined>
  readonly features: HuaweiFeatures
  readonly timing: HuaweiTiming
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /** The device is restarting: forget cookies, tokens and login without logging out (it forgot them too). */
  forgetSession(): void
  /** The admin account the driver logs in with; replacePassword after a successful password change. */
  readonly account: {
    credentials(): Credentials | undefined
    replacePassword(password: string): void
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ContractError('CANCELLED', 'Cancelled.'))
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new ContractError('CANCELLED', 'Cancelled.'))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
