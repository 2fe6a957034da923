// Quectel dialect (EC25 / EM12 class). Formats and sources:
// - +QENG="servingcell" LTE: "servingcell",<state>,"LTE",<is_tdd>,<MCC>,<MNC>,<cellID>,<PCID>,<earfcn>,
//   <freq_band_ind>,<UL_bandwidth>,<DL_bandwidth>,<TAC>,<RSRP>,<RSRQ>,<RSSI>,<SINR>,<srxlev> (EC2x manual field
//   list as quoted in several public parsers, e.g. ArduPilot's Quectel LTE script and openqti cell.h sample
//   "…,214,01,7676A09,188,6300,20,3,3,603,-104,-9,-78,11,23"); EC2x SINR is 0–250 in 1/5 dB steps from −20 dB
//   (samples "…,-99,-14,-71,53,30" only make sense scaled). EM12/RM5xx add <CQI>,<tx_power> before srxlev
//   (Quectel 5G manual layout; capture "…,-88,-7,-61,15,10,200,-") and report SINR in dB [U for EM12].
// - +QCSQ: "LTE",<rssi>,<rsrp>,<sinr>,<rsrq> with SINR on the same 0–250 scale (reference §4.7 [U]; public
//   captures "+QCSQ: "LTE",-69,-102,150,-12" → 10 dB).
// - +QNWINFO: "FDD LTE","46692","LTE BAND 7",3050; +QSPN: <FNN>,<SNN>,<SPN>,<alphabet>,<RPLMN>
//   (capture "+QSPN: "T-Mobile","T-Mobile","",0,"310260""); +QPINC: "SC",<pin>,<puk>; +QINDCFG / +QIND: "csq",
//   <rssi>,<ber> (Quectel QINDCFG docs as quoted in public code).
// - Boot: "RDY" and "+QUSIM: 1" (ModemManager src/plugins/quectel/mm-shared-quectel.c), then "+CFUN: 1",
//   "+CPIN: READY", "+QIND: SMS DONE", "+QIND: PB DONE".
import type { CommandSpec, VendorHooks } from '../core/types'
import type { ModemCore } from '../core/modem-core'
import type { Rat } from '../state/signal'
import { csqRssi, quectelSinrScaled } from '../state/signal'
import { bandwidthIndex } from '../profiles/networks'
import { cme, syntaxError } from '../protocol/results'

const NWSCANMODE: Record<number, ModemCore['state']['ratPreference']> = { 0: 'auto', 1: 'GSM', 2: 'WCDMA', 3: 'LTE' }
const QIND_ACT: Record<Rat, string> = { LTE: 'LTE', WCDMA: 'HSPA+', GSM: 'EDGE' }

function serving(m: ModemCore) {
  return m.visibleNetworks.find((n) => n.operator.plmn === m.state.reg.plmn)
}

function qengServingCell(m: ModemCore): string {
  const network = serving(m)
  const radio = m.radio()
  if (!network || !radio) return '+QENG: "servingcell","SEARCH"'
  const state = m.state.reg.stat === 3 ? 'LIMSRV' : [...m.state.pdp.values()].some((c) => c.active) ? 'CONNECT' : 'NOCONN'
  const plmn = network.operator.plmn
  const mcc = plmn.slice(0, 3)
  const mnc = plmn.slice(3)
  const cell = network.cell
  if (radio.rat === 'LTE') {
    const bw = bandwidthIndex(cell.bandwidthMHz)
    const srxlev = Math.max(0, radio.rsrp + 128)
    const head = [
      '"servingcell"', `"${state}"`, '"LTE"', `"${cell.duplex}"`, mcc, mnc,
      m.state.reg.cellId.toString(16).toUpperCase(), cell.pci, cell.earfcn, cell.band, bw, bw,
      m.state.reg.tac.toString(16).toUpperCase(), radio.rsrp, radio.rsrq, radio.rssi
    ]
    if (m.profile.qengLayout === 'em12') {
      const cqi = Math.max(1, Math.min(15, Math.round((radio.sinr + 6) / 2)))
      const tx = state === 'CONNECT' ? String(120 + m.random.int(0, 60)) : '-'
      return `+QENG: ${[...head, radio.sinr, cqi, tx, srxlev].join(',')}`
    }
    return `+QENG: ${[...head, quectelSinrScaled(radio.sinr), srxlev].join(',')}`
  }
  if (radio.rat === 'WCDMA') {
    return `+QENG: "servingcell","${state}","WCDMA",${mcc},${mnc},${m.state.reg.tac.toString(16).toUpperCase()},${m.state.reg.cellId.toString(16).toUpperCase()},4385,${cell.pci},1,${radio.rscp},${radio.ecio},-,-,-,-,-`
  }
  return `+QENG: "servingcell","${state}","GSM",${mcc},${mnc},${m.state.reg.tac.toString(16).toUpperCase()},${(m.state.reg.cellId & 0xffff).toString(16).toUpperCase()},${cell.pci % 64},512,0,${Math.max(0, radio.rssi + 110)},-,-,-,-,-,-,-,-,-,-,-,-,-,-,-`
}

function qcsq(m: ModemCore): string {
  const radio = m.radio()
  if (!radio) return '+QCSQ: "NOSERVICE"'
  if (radio.rat === 'LTE') return `+QCSQ: "LTE",${radio.rssi},${radio.rsrp},${quectelSinrScaled(radio.sinr)},${radio.rsrq}`
  if (radio.rat === 'WCDMA') return `+QCSQ: "WCDMA",${radio.rssi},${radio.rscp},${radio.ecio}`
  return `+QCSQ: "GSM",${radio.rssi}`
}

function qnwinfo(m: ModemCore): string {
  const network = serving(m)
  if (!network || !m.registered) return '+QNWINFO: No Service'
  const rat = m.state.reg.rat
  if (rat === 'LTE') {
    return `+QNWINFO: "${network.cell.duplex} LTE","${network.operator.plmn}","LTE BAND ${network.cell.band}",${network.cell.earfcn}`
  }
  if (rat === 'WCDMA') return `+QNWINFO: "HSPA+","${network.operator.plmn}","WCDMA 1900",4385`
  return `+QNWINFO: "EDGE","${network.operator.plmn}","GSM 1900",512`
}

export const QUECTEL_COMMANDS: CommandSpec[] = [
  {
    name: '+QENG',
    set: (m, a) => {
      const what = a.str(0).toLowerCase()
      if (what === 'servingcell') return [qengServingCell(m)]
      if (what === 'neighbourcell') return []
      throw syntaxError()
    },
    test: () => ['+QENG: ("servingcell","neighbourcell")']
  },
  { name: '+QCSQ', exec: (m) => [qcsq(m)], test: () => ['+QCSQ'] },
  {
    name: '+QSPN',
    needsSim: 'cme',
    exec: (m) => {
      const network = serving(m)
      if (!network || !m.registered) throw cme(30)
      return [`+QSPN: "${network.operator.longName}","${network.operator.shortName}","${m.sim?.spn ?? ''}",0,"${network.operator.plmn}"`]
    }
  },
  { name: '+QNWINFO', exec: (m) => [qnwinfo(m)], test: () => [] },
  {
    name: '+QINDCFG',
    set: (m, a) => {
      const type = a.str(0).toLowerCase()
      const known = ['all', 'csq', 'act', 'smsfull', 'ring', 'smsincoming']
      if (!known.includes(type)) throw syntaxError()
      const q = m.state.settings.qind
      if (!a.has(1)) {
        const value = type === 'csq' ? q.csq : type === 'act' ? q.act : type === 'smsfull' ? q.smsfull : true
        return [`+QINDCFG: "${type}",${value ? 1 : 0}`]
      }
      const on = a.int(1, { max: 1 }) === 1
      if (a.has(2)) a.int(2, { max: 1 })
      if (type === 'csq') q.csq = on
      if (type === 'act') q.act = on
      if (type === 'smsfull') q.smsfull = on
    },
    test: () => ['+QINDCFG: "all",(0,1),(0,1)', '+QINDCFG: "csq",(0,1),(0,1)', '+QINDCFG: "smsfull",(0,1),(0,1)', '+QINDCFG: "act",(0,1),(0,1)']
  },
  {
    name: '+QPINC',
    read: (m) => [`+QPINC: "SC",${m.state.sim.pinAttempts},${m.state.sim.pukAttempts}`, '+QPINC: "P2",3,10'],
    set: (m, a) => {
      const facility = a.str(0).toUpperCase()
      if (facility === 'SC') return [`+QPINC: "SC",${m.state.sim.pinAttempts},${m.state.sim.pukAttempts}`]
      if (facility === 'P2') return ['+QPINC: "P2",3,10']
      throw syntaxError()
    },
    test: () => ['+QPINC: ("SC","P2")']
  },
  {
    name: '+QCFG',
    set: (m, a) => {
      if (a.str(0).toLowerCase() !== 'nwscanmode') throw syntaxError()
      if (!a.has(1)) {
        const mode = Object.entries(NWSCANMODE).find(([, p]) => p === m.state.ratPreference)?.[0] ?? '0'
        return [`+QCFG: "nwscanmode",${mode}`]
      }
      const pref = NWSCANMODE[a.int(1)]
      if (!pref) throw syntaxError()
      if (a.has(2)) a.int(2, { max: 1 })
      m.setRatPreference(pref)
    }
  },
  { name: '+QGMR', exec: (m) => [`${m.profile.revision}_01.002.01.002`] }
]

export const QUECTEL_HOOKS: VendorHooks = {
  onBoot(m) {
    m.urc('RDY')
    m.urc('+CFUN: 1')
    if (m.state.sim.lock === 'absent') return
    m.urc(`+CPIN: ${m.state.sim.lock === 'ready' ? 'READY' : m.state.sim.lock === 'pin' ? 'SIM PIN' : 'SIM PUK'}`)
    m.urc('+QUSIM: 1')
  },
  onSimReady(m) {
    if (m.state.sim.pinEnabled) m.urc('+CPIN: READY')
    m.schedule(300, () => {
      m.urc('+QIND: SMS DONE')
      m.urc('+QIND: PB DONE')
    })
  },
  onRegistrationChange(m) {
    if (m.state.settings.qind.act) m.urc(`+QIND: "act","${m.registered ? QIND_ACT[m.state.reg.rat] : 'UNKNOWN'}"`)
  },
  onSignalStep(m, changed) {
    const radio = m.radio()
    if (m.state.settings.qind.csq && changed.csq) m.urc(`+QIND: "csq",${radio ? csqRssi(radio.rssi) : 99},99`)
  },
  stormUrcs(m) {
    const radio = m.radio()
    return [`+QIND: "csq",${radio ? csqRssi(radio.rssi) : 99},99`, `+CEREG: ${m.statFor('CEREG')}`, `+CGREG: ${m.statFor('CGREG')}`]
  }
}

