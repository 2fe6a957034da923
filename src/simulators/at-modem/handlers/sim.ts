// SIM security: +CPIN (27.007 §8.3), +CPINR (§8.65), +CLCK "SC" (§7.4), +CPWD (§7.5). A wrong PIN costs
// an attempt and answers +CME ERROR: 16; the third wrong PIN leaves the SIM asking for the PUK; ten wrong
// PUKs block it for good (the standard 3/10 counters — reference carriers.md §9.1 "SIM asks for PUK").
import type { CommandSpec } from '../core/types'
import type { ModemCore } from '../core/modem-core'
import { cme, syntaxError } from '../protocol/results'
import { DEFAULT_PIN_ATTEMPTS, DEFAULT_PUK_ATTEMPTS } from '../state/modem-state'

const PIN_FORMAT = /^\d{4,8}$/
const PUK_FORMAT = /^\d{8}$/

export function cpinCode(m: ModemCore): string {
  const usable = m.simUsable()
  if (usable === 'absent') throw cme(10)
  if (usable === 'off' || usable === 'blocked') throw cme(13)
  return { ready: 'READY', pin: 'SIM PIN', puk: 'SIM PUK' }[usable]
}

/** Checks a PIN against the SIM, spending an attempt when wrong. */
export function verifyPin(m: ModemCore, pin: string): void {
  const sim = m.state.sim
  if (!PIN_FORMAT.test(pin)) throw syntaxError()
  if (pin === sim.pin) {
    sim.pinAttempts = DEFAULT_PIN_ATTEMPTS
    return
  }
  sim.pinAttempts = Math.max(0, sim.pinAttempts - 1)
  if (sim.pinAttempts === 0) {
    sim.lock = 'puk'
    m.setRegistration({ stat: 0, plmn: undefined })
  }
  throw cme(16)
}

function enterPin(m: ModemCore, pin: string, newPin: string | undefined): void {
  const sim = m.state.sim
  const usable = m.simUsable()
  if (usable === 'absent') throw cme(10)
  if (usable === 'off' || usable === 'blocked') throw cme(13)
  if (usable === 'ready') throw cme(3)
  if (usable === 'pin') {
    verifyPin(m, pin)
    m.simBecameReady()
    return
  }
  // PUK state: "+CPIN=<puk>,<newpin>" (27.007 §8.3).
  if (newPin === undefined || !PUK_FORMAT.test(pin) || !PIN_FORMAT.test(newPin)) throw syntaxError()
  if (pin !== sim.puk) {
    sim.pukAttempts = Math.max(0, sim.pukAttempts - 1)
    if (sim.pukAttempts === 0) sim.lock = 'blocked'
    throw cme(16)
  }
  sim.pin = newPin
  sim.pinEnabled = true
  sim.pinAttempts = DEFAULT_PIN_ATTEMPTS
  sim.pukAttempts = DEFAULT_PUK_ATTEMPTS
  m.simBecameReady()
}

function cpinrLines(m: ModemCore, filter: string | undefined): string[] {
  const s = m.state.sim
  const rows: [string, number, number][] = [
    ['SIM PIN', s.pinAttempts, DEFAULT_PIN_ATTEMPTS],
    ['SIM PUK', s.pukAttempts, DEFAULT_PUK_ATTEMPTS],
    ['SIM PIN2', DEFAULT_PIN_ATTEMPTS, DEFAULT_PIN_ATTEMPTS],
    ['SIM PUK2', DEFAULT_PUK_ATTEMPTS, DEFAULT_PUK_ATTEMPTS]
  ]
  const match = (code: string) => {
    if (!filter) return true
    const f = filter.toUpperCase()
    return f.endsWith('*') ? code.startsWith(f.slice(0, -1)) : code === f
  }
  return rows.filter(([code]) => match(code)).map(([code, left, total]) => `+CPINR: ${code},${left},${total}`)
}

export const SIM_COMMANDS: CommandSpec[] = [
  {
    name: '+CPIN',
    read: (m) => [`+CPIN: ${cpinCode(m)}`],
    set: (m, a) => {
      enterPin(m, a.str(0), a.optStr(1))
    },
    test: () => []
  },
  {
    name: '+CLCK',
    set: (m, a) => {
      const facility = a.str(0).toUpperCase()
      const mode = a.int(1, { max: 2 })
      if (facility === 'SC') {
        m.requireSim('cme')
        if (mode === 2) return [`+CLCK: ${m.state.sim.pinEnabled ? 1 : 0}`]
        verifyPin(m, a.str(2))
        m.state.sim.pinEnabled = mode === 1
        return
      }
      if (facility === 'PN' || facility === 'FD') {
        if (mode === 2) return ['+CLCK: 0']
        throw cme(3)
      }
      throw cme(4)
    },
    test: () => ['+CLCK: ("SC","PN","FD")']
  },
  {
    name: '+CPWD',
    set: (m, a) => {
      if (a.str(0).toUpperCase() !== 'SC') throw cme(4)
      m.requireSim('cme')
      if (!m.state.sim.pinEnabled) throw cme(3)
      const next = a.str(2)
      if (!PIN_FORMAT.test(next)) throw syntaxError()
      verifyPin(m, a.str(1))
      m.state.sim.pin = next
    },
    test: () => ['+CPWD: ("SC",8)']
  }
]

export const CPINR_COMMAND: CommandSpec = {
  name: '+CPINR',
  exec: (m) => {
    if (m.simUsable() === 'absent') throw cme(10)
    return cpinrLines(m, undefined)
  },
  set: (m, a) => {
    if (m.simUsable() === 'absent') throw cme(10)
    return cpinrLines(m, a.str(0))
  },
  test: () => []
}
