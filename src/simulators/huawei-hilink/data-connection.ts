// The modem's data session as monitoring/status ConnectionStatus reports it (reference §1.8):
// 900 connecting, 901 connected, 902 disconnected, 903 disconnecting, 201 data volume exceeded, and the
// failure codes of a rejected attach. An attach uses the default dial-up profile; the network accepts only the
// SIM's APNs and rejects others with ESM cause 27, "missing or unknown APN" — one of the documented
// "profile invalid" codes (reference §1.8; cause numbers reference/carriers.md §9.2).
// Explicit switches (mobile-dataswitch, dial, reboot) take connectMs / disconnectMs. When the radio comes back
// or a plan is topped up the modem reconnects by itself; that is shown as instant (it was retrying all along).
import type { DialupProfiles } from './dialup-profiles'
import type { LiveState } from './live-state'
import type { SimProfile } from './sim-profile'

export interface DataTimings {
  connectMs: number
  disconnectMs: number
}

export const CONNECTING = 900
export const CONNECTED = 901
export const DISCONNECTED = 902
export const DISCONNECTING = 903
export const VOLUME_EXCEEDED = 201
/** ESM cause 27 (3GPP TS 24.301): missing or unknown APN. */
export const UNKNOWN_APN = 27
/** ESM cause 33: requested service option not subscribed (no usable profile at all). */
export const NOT_SUBSCRIBED = 33

type Phase = { kind: 'up'; code: number } | { kind: 'connecting'; until: number } | { kind: 'disconnecting'; until: number } | { kind: 'down' }

export class DataConnection {
  private on = true
  private phase: Phase

  constructor(
    private readonly now: () => number,
    private readonly timings: DataTimings,
    private readonly sim: SimProfile,
    private readonly live: LiveState,
    private readonly profiles: DialupProfiles
  ) {
    this.phase = this.blocked() ? { kind: 'down' } : { kind: 'up', code: this.attach() }
    this.live.setDataUp(this.isUp())
  }

  /** dialup/mobile-dataswitch (and the legacy dial Action). */
  get enabled(): boolean {
    return this.on
  }

  setEnabled(enabled: boolean): void {
    this.advance()
    if (enabled === this.on) return
    this.on = enabled
    const at = this.now()
    if (!enabled) {
      if (this.phase.kind === 'up' || this.phase.kind === 'connecting') this.phase = { kind: 'disconnecting', until: at + this.timings.disconnectMs }
    } else if (!this.blocked()) {
      this.phase = { kind: 'connecting', until: at + this.timings.connectMs }
    }
    this.live.setDataUp(this.isUp())
  }

  /** After a reboot: the session is gone; with data on it comes back after connectMs. */
  restart(): void {
    this.live.restartSession()
    this.phase = this.on && !this.blocked() ? { kind: 'connecting', until: this.now() + this.timings.connectMs } : { kind: 'down' }
    this.live.setDataUp(false)
  }

  /** ConnectionStatus now. */
  statusCode(): number {
    this.advance()
    if (!this.sim.present || this.sim.pinState !== 'ready') return DISCONNECTED
    switch (this.phase.kind) {
      case 'connecting':
        return CONNECTING
      case 'disconnecting':
        return DISCONNECTING
      case 'down':
        return DISCONNECTED
      case 'up':
        return this.phase.code === CONNECTED && this.live.planIsExhausted ? VOLUME_EXCEEDED : this.phase.code
    }
  }

  /** Bring the phase up to the clock and tell the live state whether traffic flows. */
  advance(): void {
    const at = this.now()
    if (this.phase.kind === 'connecting' && at >= this.phase.until) this.phase = { kind: 'up', code: this.attach() }
    if (this.phase.kind === 'disconnecting' && at >= this.phase.until) this.phase = { kind: 'down' }
    if (this.blocked()) {
      if (this.phase.kind === 'up' || this.phase.kind === 'connecting') this.phase = { kind: 'down' }
    } else if (this.on && this.phase.kind === 'down') {
      this.phase = { kind: 'up', code: this.attach() }
    }
    this.live.setDataUp(this.isUp())
  }

  private isUp(): boolean {
    return this.phase.kind === 'up' && this.phase.code === CONNECTED && !this.blocked()
  }

  /** No attach is possible: no SIM, a locked SIM, or no radio. */
  private blocked(): boolean {
    return !this.sim.present || this.sim.pinState !== 'ready' || this.live.signalIsLost
  }

  /** The network's answer to an attach with the current default profile. */
  private attach(): number {
    const profile = this.profiles.defaultProfile
    if (!profile) return NOT_SUBSCRIBED
    const apn = profile.apnIsStatic ? profile.apn.trim().toLowerCase() : ''
    return this.sim.apns.some((known) => known.toLowerCase() === apn) ? CONNECTED : UNKNOWN_APN
  }
}
