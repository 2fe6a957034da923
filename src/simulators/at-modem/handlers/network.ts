// Radio and registration: +CFUN (27.007 §8.2), +CSQ (§8.5), +CESQ (§8.69), +COPS (§7.3) and the four
// registration reports +CREG/+CGREG/+CEREG/+C5GREG (§7.2, §10.1.20, §10.1.22, §10.1.68). Formats as in
// reference device-protocols.md §4.3.
import type { CommandSpec } from '../core/types'
import type { ModemCore } from '../core/modem-core'
import type { VisibleNetwork } from '../profiles/networks'
import { cme, syntaxError } from '../protocol/results'
import { cesqFields, csqRssi } from '../state/signal'

function operatorName(network: VisibleNetwork, format: 0 | 1 | 2): string {
  const op = network.operator
  return format === 0 ? op.longName : format === 1 ? op.shortName : op.plmn
}

function servingNetwork(m: ModemCore): VisibleNetwork | undefined {
  return m.visibleNetworks.find((n) => n.operator.plmn === m.state.reg.plmn)
}

function findNetwork(m: ModemCore, format: number, oper: string): VisibleNetwork | undefined {
  return m.visibleNetworks.find((n) =>
    format === 2 ? n.operator.plmn === oper : format === 1 ? n.operator.shortName === oper : n.operator.longName === oper
  )
}

function regCommand(kind: 'CREG' | 'CGREG' | 'CEREG' | 'C5GREG', maxN: number): CommandSpec {
  const key = kind.toLowerCase() as 'creg' | 'cgreg' | 'cereg' | 'c5greg'
  return {
    name: `+${kind}`,
    set: (m, a) => {
      m.state.settings[key] = a.optInt(0, 0, { max: maxN })
    },
    read: (m) => [m.formatReg(kind, m.state.settings[key], true)],
    test: () => [`+${kind}: (0-${maxN})`]
  }
}

export const NETWORK_COMMANDS: CommandSpec[] = [
  {
    name: '+CFUN',
    read: (m) => [`+CFUN: ${m.state.fun}`],
    test: () => ['+CFUN: (0,1,4),(0-1)'],
    set: (m, a) => {
      const fun = a.int(0)
      const reset = a.optInt(1, 0, { max: 1 })
      if (fun !== 0 && fun !== 1 && fun !== 4) throw cme(4)
      if (reset === 1) {
        // Full reset: the answer goes out, then the USB device drops off the bus and comes back
        // (a real stick re-enumerates; reference device-protocols.md §4.3 "+CFUN=1,1 … support varies").
        if (fun !== 1) throw cme(3)
        m.schedule(50, () => m.reenumerate())
        return
      }
      const before = m.state.fun
      m.state.fun = fun
      if (fun !== 1) {
        m.setRegistration({ stat: 0, plmn: undefined, rejectCause: undefined })
      } else if (before !== 1) {
        m.searchNetwork()
      }
    }
  },
  {
    name: '+CSQ',
    exec: (m) => {
      const radio = m.radio()
      return [radio ? `+CSQ: ${csqRssi(radio.rssi)},99` : '+CSQ: 99,99']
    },
    test: () => ['+CSQ: (0-31,99),(0-7,99)']
  },
  {
    name: '+CESQ',
    exec: (m) => {
      const radio = m.radio()
      return [`+CESQ: ${radio ? cesqFields(radio).join(',') : '99,99,255,255,255,255'}`]
    },
    test: () => ['+CESQ: (0-63,99),(0-7,99),(0-96,255),(0-49,255),(0-34,255),(0-97,255)']
  },
  {
    name: '+COPS',
    read: (m) => {
      const serving = m.registered ? servingNetwork(m) : undefined
      if (!serving) return [`+COPS: ${m.state.copsMode}`]
      const format = m.state.settings.copsFormat
      return [`+COPS: ${m.state.copsMode},${format},"${m.encodeText(operatorName(serving, format))}",${m.act}`]
    },
    test: async (m) => {
      if (m.state.fun !== 1) throw cme(30)
      // A real scan takes 30 s to minutes (reference §4.3); the delay is configurable.
      await m.delay(m.timings.copsScanMs)
      const entries = m.visibleNetworks.map((n) => {
        const stat = n.operator.plmn === m.state.reg.plmn && m.registered ? 2 : 1
        return `(${stat},"${n.operator.longName}","${n.operator.shortName}","${n.operator.plmn}",7)`
      })
      return [`+COPS: ${[...entries, '', '(0,1,2,3,4)', '(0,1,2)'].join(',')}`]
    },
    set: async (m, a) => {
      const mode = a.int(0, { max: 4 })
      if (a.has(1)) m.state.settings.copsFormat = a.int(1, { max: 2 }) as 0 | 1 | 2
      if (mode === 3) return
      if (mode === 2) {
        m.state.copsMode = 2
        m.setRegistration({ stat: 0, plmn: undefined, rejectCause: undefined })
        return
      }
      m.requireSim('cme')
      if (m.state.fun !== 1) throw cme(30)
      if (mode === 0) {
        m.state.copsMode = 0
        m.state.manualPlmn = undefined
        m.searchNetwork()
        return
      }
      if (!a.has(2)) throw syntaxError()
      const target = findNetwork(m, m.state.settings.copsFormat, a.str(2))
      m.state.copsMode = mode as 1 | 4
      if (!target) {
        if (mode === 4) {
          m.state.copsMode = 0
          m.searchNetwork()
          return
        }
        m.setRegistration({ stat: 2, plmn: undefined })
        throw cme(30)
      }
      m.state.manualPlmn = target.operator.plmn
      await m.delay(Math.min(m.timings.registrationMs, 2000))
      m.camp(target)
      if (m.state.reg.stat === 3) {
        if (mode === 4) {
          m.state.copsMode = 0
          m.searchNetwork()
          return
        }
        // EMM #11 → +CME ERROR: 111 "PLMN not allowed" (27.007 §9.2.2, ModemManager PLMN_NOT_ALLOWED).
        throw cme(100 + (m.state.reg.rejectCause ?? 11))
      }
    }
  },
  regCommand('CREG', 3),
  regCommand('CGREG', 4),
  regCommand('CEREG', 5)
]

export const C5GREG_COMMAND = regCommand('C5GREG', 2)
