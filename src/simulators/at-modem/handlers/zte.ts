// ZTE dialect (MF823/MF833 class). Formats: reference device-protocols.md §4.6 and
// linux-mobile-broadband/ModemManager src/plugins/zte/mm-broadband-modem-zte.c (+ZPINPUK=? → "+ZPINPUK:
// <pin>,<puk>", +ZSNT regex "\+ZSNT:\s*(\d),(\d),(\d)", +ZPAS sample "+ZPAS: "GPRS/EDGE","CS_ONLY"", and the
// "+ZUSIMR:2" flood that MM silences by sending AT+CPMS?).
import type { CommandSpec, VendorHooks } from '../core/types'
import type { ModemCore } from '../core/modem-core'
import type { Rat } from '../state/signal'
import { syntaxError } from '../protocol/results'

/** +ZPAS access-technology names as ZTE firmware prints them (strings ModemManager maps to AcT). */
const ZPAS_RAT: Record<Rat, string> = { LTE: 'LTE', WCDMA: 'HSPA+', GSM: 'GPRS/EDGE' }

/** cm_mode: 0 auto, 1 GSM only, 2 WCDMA only, 6 LTE only (reference §4.6). */
const CM_MODE: Record<number, ModemCore['state']['ratPreference']> = { 0: 'auto', 1: 'GSM', 2: 'WCDMA', 6: 'LTE' }

const zsnt = new WeakMap<ModemCore, [number, number, number]>()
/** Whether the host has sent AT+CPMS? since power-on (silences +ZUSIMR). */
const zusimrSilenced = new WeakSet<ModemCore>()

function zpas(m: ModemCore): string {
  if (!m.registered) return m.state.reg.stat === 3 ? '+ZPAS: "Limited Service","CS_ONLY"' : '+ZPAS: "No Service","CS_ONLY"'
  return `+ZPAS: "${ZPAS_RAT[m.state.reg.rat]}","${m.state.reg.rat === 'LTE' ? 'PS_ONLY' : 'CS_PS'}"`
}

export const ZTE_COMMANDS: CommandSpec[] = [
  { name: '+ZPAS', read: (m) => [zpas(m)] },
  {
    name: '+ZSNT',
    read: (m) => [`+ZSNT: ${(zsnt.get(m) ?? [0, 0, 0]).join(',')}`],
    test: () => ['+ZSNT: (0,1,2,6),(0),(0-2)'],
    set: (m, a) => {
      const cm = a.int(0)
      const sel = a.optInt(1, 0, { max: 0 })
      const acq = a.optInt(2, 0, { max: 2 })
      const pref = CM_MODE[cm]
      if (!pref) throw syntaxError()
      zsnt.set(m, [cm, sel, acq])
      m.setRatPreference(pref)
    }
  },
  { name: '+ZPINPUK', test: (m) => [`+ZPINPUK: ${m.state.sim.pinAttempts},${m.state.sim.pukAttempts}`] },
  // ZeroCD switch and online mode: accepted (the simulated stick is already in modem mode) [R, reference §4.6].
  { name: '+ZCDRUN', set: () => undefined },
  { name: '+ZOPRT', set: () => undefined, read: () => ['+ZOPRT: 5'] }
]

export const ZTE_HOOKS: VendorHooks = {
  onCommand(m, cmd) {
    if (cmd.name === '+CPMS' && cmd.form === 'read') zusimrSilenced.add(m)
  },
  onBoot(m) {
    // Some MF-series firmware repeats "+ZUSIMR:2" until the host reads SMS storage (reference §4.6).
    const tick = () => {
      if (zusimrSilenced.has(m)) return
      m.urc('+ZUSIMR:2')
      m.schedule(3000, tick)
    }
    zusimrSilenced.delete(m)
    m.schedule(500, tick)
  },
  onRegistrationChange(m) {
    if (m.registered) m.urc(`+ZPASR: "${ZPAS_RAT[m.state.reg.rat]}"`)
  },
  stormUrcs(m) {
    return ['+ZUSIMR:2', m.registered ? `+ZPASR: "${ZPAS_RAT[m.state.reg.rat]}"` : '+ZPASR: "No Service"', `+CEREG: ${m.statFor('CEREG')}`]
  }
}
