// Everything a simulated modem remembers. Split the way a real one is: settings that vanish at power-off
// (echo, +CMEE, URC switches …), what the SIM holds (PIN state and counters, SMS in SM storage), what the
// modem keeps in NV (PDP contexts, network-mode preference), and what the network gives it (registration,
// data session).
import type { DeviceProfile } from '../profiles/devices'
import type { PdpType, SimCardSpec } from '../profiles/sims'
import type { Rat } from './signal'

export type SimLock = 'absent' | 'ready' | 'pin' | 'puk' | 'blocked'

/** 27.007 §7.2 <stat>. */
export type RegStat = 0 | 1 | 2 | 3 | 4 | 5

export interface Registration {
  stat: RegStat
  /** Serving PLMN (MCC+MNC) when camped. */
  plmn?: string
  rat: Rat
  tac: number
  cellId: number
  /** EMM cause when denied (stat 3), reported with n=3. */
  rejectCause?: number
}

export interface PdpContext {
  cid: number
  pdpType: PdpType
  apn: string
  auth?: { type: 0 | 1 | 2 | 3; user: string; password: string }
  active: boolean
  /** Assigned addresses; an active context may have none (see SimCardSpec.wrongApnOutcome). */
  ipv4?: string
  ipv6?: string
  bearerId?: number
}

export interface StoredSms {
  /** 27.005 <stat>: 0 REC UNREAD, 1 REC READ, 2 STO UNSENT, 3 STO SENT. */
  stat: 0 | 1 | 2 | 3
  pdu: string
  tpduLength: number
  /** Decoded content for text mode. */
  text: { address: string; body: string; ucs2: boolean; scts?: string }
}

export type SmsMemory = 'SM' | 'ME'

export interface VolatileSettings {
  echo: boolean
  verbose: boolean
  quiet: boolean
  cmee: 0 | 1 | 2
  charset: 'GSM' | 'IRA' | 'UCS2' | 'HEX'
  sRegisters: Record<number, number>
  creg: number
  cgreg: number
  cereg: number
  c5greg: number
  copsFormat: 0 | 1 | 2
  cmgf: 0 | 1
  cnmi: [number, number, number, number, number]
  cpms: [SmsMemory, SmsMemory, SmsMemory]
  cusd: 0 | 1
  /** Huawei ^CURC: periodic/unsolicited reports on the PCUI port. */
  curc: boolean
  /** Quectel +QINDCFG switches. */
  qind: { csq: boolean; act: boolean; smsfull: boolean }
  phonebook: 'SM' | 'ON'
}

export interface ModemState {
  settings: VolatileSettings
  fun: 0 | 1 | 4
  sim: {
    lock: SimLock
    pinEnabled: boolean
    pin: string
    puk: string
    pinAttempts: number
    pukAttempts: number
  }
  reg: Registration
  /** +COPS mode: 0 automatic, 1 manual, 2 deregistered, 4 manual/automatic. */
  copsMode: 0 | 1 | 2 | 4
  manualPlmn?: string
  psAttached: boolean
  /** Preferred RATs in order; Huawei ^SYSCFGEX acqorder / ZTE +ZSNT / Quectel nwscanmode write it. */
  ratPreference: 'auto' | 'LTE' | 'WCDMA' | 'GSM'
  pdp: Map<number, PdpContext>
  noDataPlan: boolean
  sms: Record<SmsMemory, (StoredSms | undefined)[]>
  smsMessageReference: number
  /** Service centre address (EF_SMSP on the SIM; +CSCA). */
  smsc: string
  /** Messages the host sent (+CMGS), decoded — what the network would have received. */
  sent: { to: string; text: string | undefined; messageReference: number }[]
  /** Huawei ^NDISDUP session (the stick-mode data call). */
  ndis: { connected: boolean; cid: number }
}

export const DEFAULT_PIN_ATTEMPTS = 3
export const DEFAULT_PUK_ATTEMPTS = 10

export function defaultSettings(profile: DeviceProfile): VolatileSettings {
  return {
    echo: true,
    verbose: true,
    quiet: false,
    cmee: profile.cmeeDefault,
    charset: profile.charset,
    sRegisters: { 0: 0, 3: 13, 4: 10, 5: 8, 7: 50 },
    creg: 0,
    cgreg: 0,
    cereg: 0,
    c5greg: 0,
    copsFormat: 0,
    cmgf: 0,
    // Quectel powers up with +CNMI=2,1,0,0,0 (new SMS → +CMTI); the others buffer until the host asks.
    cnmi: profile.vendor === 'quectel' ? [2, 1, 0, 0, 0] : [0, 0, 0, 0, 0],
    cpms: ['SM', 'SM', 'SM'],
    cusd: 0,
    curc: profile.vendor === 'huawei',
    qind: { csq: false, act: false, smsfull: false },
    phonebook: 'SM'
  }
}

export function initialState(profile: DeviceProfile, sim: SimCardSpec | undefined, meCapacity: number): ModemState {
  const pdp = new Map<number, PdpContext>()
  if (sim) pdp.set(1, { cid: 1, pdpType: sim.defaultContext.pdpType, apn: sim.defaultContext.apn, active: false })
  return {
    settings: defaultSettings(profile),
    fun: 1,
    sim: {
      lock: !sim ? 'absent' : sim.pinEnabled ? 'pin' : 'ready',
      pinEnabled: sim?.pinEnabled ?? false,
      pin: sim?.pin ?? '',
      puk: sim?.puk ?? '',
      pinAttempts: DEFAULT_PIN_ATTEMPTS,
      pukAttempts: DEFAULT_PUK_ATTEMPTS
    },
    reg: { stat: 0, rat: 'LTE', tac: 0, cellId: 0 },
    copsMode: 0,
    psAttached: false,
    ratPreference: 'auto',
    pdp,
    noDataPlan: false,
    sms: { SM: new Array(sim?.smsCapacity ?? 0).fill(undefined), ME: new Array(meCapacity).fill(undefined) },
    smsMessageReference: 0,
    smsc: sim?.smsc ?? '',
    sent: [],
    ndis: { connected: false, cid: 1 }
  }
}
