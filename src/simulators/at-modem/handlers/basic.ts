// V.250 basic commands (E, V, Q, Z, &F, I, S-registers …) and the few 27.007 settings every session
// starts with (+CMEE, +CSCS, +GCAP). ModemManager's init sequence is "E0 V1 +CMEE=1 X4 &C1" (reference
// device-protocols.md §4.1), so X, &C and friends must be accepted even though they change nothing here.
import type { CommandSpec, HandlerResult } from '../core/types'
import type { ModemCore } from '../core/modem-core'
import type { ParsedCommand } from '../protocol/command-line'
import { AtError, syntaxError } from '../protocol/results'
import { defaultSettings } from '../state/modem-state'

type BasicHandler = (m: ModemCore, cmd: ParsedCommand) => HandlerResult

const flag = (apply: (m: ModemCore, on: boolean) => void): BasicHandler => (m, cmd) => {
  const v = cmd.value ?? 0
  if (cmd.form !== 'exec' || v > 1) throw syntaxError()
  apply(m, v === 1)
}

/** Accepted for compatibility; the simulated port has no DCD/DTR lines or speaker to configure. */
const accept = (max: number): BasicHandler => (_m, cmd) => {
  if ((cmd.value ?? 0) > max) throw syntaxError()
}

export const BASIC_COMMANDS: ReadonlyMap<string, BasicHandler> = new Map<string, BasicHandler>([
  ['E', flag((m, on) => (m.state.settings.echo = on))],
  ['V', flag((m, on) => (m.state.settings.verbose = on))],
  ['Q', flag((m, on) => (m.state.settings.quiet = on))],
  // ATZ and AT&F restore the power-on settings of this port (V.250 §6.1.1, §6.1.2).
  ['Z', (m) => void (m.state.settings = defaultSettings(m.profile))],
  ['&F', (m) => void (m.state.settings = defaultSettings(m.profile))],
  ['&W', accept(1)],
  ['&V', accept(0)],
  ['&C', accept(1)],
  ['&D', accept(2)],
  ['&K', accept(6)],
  ['X', accept(4)],
  ['L', accept(3)],
  ['M', accept(2)],
  ['H', accept(0)],
  [
    'I',
    (m, cmd) => {
      // ATI / ATI0 is the identity summary; other ATIn are firmware-specific and print nothing here.
      if ((cmd.value ?? 0) === 0) return m.profile.ati(m.imei)
      return []
    }
  ],
  [
    'S',
    (m, cmd) => {
      const reg = cmd.value as number
      if (cmd.form === 'read') return [String(m.state.settings.sRegisters[reg] ?? 0).padStart(3, '0')]
      if (cmd.form === 'set') {
        if ((cmd.setValue ?? 0) > 255) throw syntaxError()
        m.state.settings.sRegisters[reg] = cmd.setValue ?? 0
        return
      }
      throw syntaxError()
    }
  ],
  // Circuit-switched/PPP data is not simulated: dialling or answering ends like a call that never connects.
  ['D', () => { throw new AtError({ kind: 'NO CARRIER' }) }],
  ['A', () => { throw new AtError({ kind: 'NO CARRIER' }) }],
  ['O', () => { throw new AtError({ kind: 'NO CARRIER' }) }]
])

const CHARSETS = ['GSM', 'IRA', 'UCS2', 'HEX'] as const

export const SETTINGS_COMMANDS: CommandSpec[] = [
  {
    // 27.007 §9.1
    name: '+CMEE',
    set: (m, a) => {
      m.state.settings.cmee = a.optInt(0, 0, { max: 2 }) as 0 | 1 | 2
    },
    read: (m) => [`+CMEE: ${m.state.settings.cmee}`],
    test: () => ['+CMEE: (0-2)']
  },
  {
    // 27.007 §5.5
    name: '+CSCS',
    set: (m, a) => {
      const cs = a.str(0).toUpperCase()
      if (!(CHARSETS as readonly string[]).includes(cs)) throw syntaxError()
      m.state.settings.charset = cs as (typeof CHARSETS)[number]
    },
    read: (m) => [`+CSCS: "${m.state.settings.charset}"`],
    test: () => [`+CSCS: (${CHARSETS.map((c) => `"${c}"`).join(',')})`]
  },
  { name: '+GCAP', exec: (m) => [m.profile.gcap] }
]
