// Who the modem and the SIM are: 27.007 §5 identification (+CGMI/+CGMM/+CGMR/+CGSN/+CIMI), the vendor
// ICCID commands (reference device-protocols.md §4.3 "ICCID" row), the portable +CRSM READ BINARY path
// ModemManager uses (src/mm-base-sim.c: EF_ICCID 12258, EF_AD 28589, EF_SPN 28486, EF_GID1 28478), and the
// own number: +CNUM (27.007 §7.1) and the "ON" phonebook (+CPBS/+CPBR, §8.11/§8.12).
import type { CommandSpec } from '../core/types'
import type { ModemCore } from '../core/modem-core'
import type { IccidCommand } from '../profiles/devices'
import { swapBcd } from '../codecs/sms-pdu'
import { textToSeptets } from '../codecs/gsm7'
import { cme } from '../protocol/results'

/** ICCIDs are stored as 10 BCD bytes: a 19-digit ICCID reads back with an F pad (carriers.md §8.1). */
export function paddedIccid(iccid: string): string {
  return iccid.length % 2 ? `${iccid}F` : iccid
}

/** ICCID is readable without the PIN (EF_ICCID has no access condition) but needs a card. */
function requireCard(m: ModemCore): string {
  const usable = m.simUsable()
  if (usable === 'absent') throw cme(10)
  if (usable === 'off' || usable === 'blocked') throw cme(13)
  return paddedIccid(m.sim?.iccid ?? '')
}

const ICCID_HANDLERS: Record<IccidCommand, CommandSpec> = {
  '+CCID': { name: '+CCID', exec: (m) => [`+CCID: ${requireCard(m)}`], read: (m) => [`+CCID: ${requireCard(m)}`] },
  '+ICCID': { name: '+ICCID', exec: (m) => [`+ICCID: ${requireCard(m)}`], read: (m) => [`+ICCID: ${requireCard(m)}`] },
  '+CICCID': { name: '+CICCID', exec: (m) => [`+ICCID: ${requireCard(m)}`] },
  // Huawei: "^ICCID: <iccid>", not nibble-swapped (ModemManager src/plugins/huawei/mm-sim-huawei.c).
  '^ICCID': { name: '^ICCID', read: (m) => [`^ICCID: ${requireCard(m)}`] },
  // ZTE: +ZGETICCID / +ZICCID? [R] (reference §4.6).
  '+ZICCID': { name: '+ZICCID', read: (m) => [`+ZICCID: ${requireCard(m)}`] },
  '+ZGETICCID': { name: '+ZGETICCID', exec: (m) => [`+ZGETICCID: ${requireCard(m)}`] },
  // Quectel: "+QCCID: 8944110069265987985F" (public capture of AT+QCCID, indexed Quectel notes).
  '+QCCID': { name: '+QCCID', exec: (m) => [`+QCCID: ${requireCard(m)}`] }
}

export function iccidCommands(commands: readonly IccidCommand[]): CommandSpec[] {
  return commands.map((c) => ICCID_HANDLERS[c])
}

/** EF contents for +CRSM READ BINARY. Files needing the PIN answer 0x69 0x82 while it is not entered. */
function readBinary(m: ModemCore, fileId: number): { sw1: number; sw2: number; data?: string } {
  const sim = m.sim
  if (!sim) return { sw1: 0x6a, sw2: 0x82 }
  const pinOk = m.simUsable() === 'ready'
  switch (fileId) {
    case 0x2fe2: // EF_ICCID: BCD with swapped nibbles, F padded (31.102 §4.1.1.1 → 11.11 §10.1.1)
      return { sw1: 0x90, sw2: 0, data: swapBcd(sim.iccid).toUpperCase() }
    case 0x6fad: // EF_AD: byte 4 = MNC length
      return pinOk ? { sw1: 0x90, sw2: 0, data: `000000${sim.mncLength.toString(16).padStart(2, '0')}` } : { sw1: 0x69, sw2: 0x82 }
    case 0x6f46: {
      // EF_SPN: display condition + 16 bytes of GSM default alphabet, FF padded (31.102 §4.2.12)
      if (!sim.spn) return { sw1: 0x6a, sw2: 0x82 }
      if (!pinOk) return { sw1: 0x69, sw2: 0x82 }
      const septets = textToSeptets(sim.spn).slice(0, 16)
      const bytes = Buffer.alloc(17, 0xff)
      bytes[0] = 0x01
      septets.forEach((s, i) => (bytes[i + 1] = s))
      return { sw1: 0x90, sw2: 0, data: bytes.toString('hex').toUpperCase() }
    }
    case 0x6f3e: // EF_GID1
      if (!sim.gid1) return { sw1: 0x6a, sw2: 0x82 }
      return pinOk ? { sw1: 0x90, sw2: 0, data: sim.gid1.toUpperCase() } : { sw1: 0x69, sw2: 0x82 }
    case 0x6f07: {
      // EF_IMSI: length 8, parity nibble 9, digits swapped (31.102 §4.2.2)
      if (!pinOk) return { sw1: 0x69, sw2: 0x82 }
      return { sw1: 0x90, sw2: 0, data: `08${swapBcd(`9${sim.imsi}`)}`.toUpperCase() }
    }
    default:
      return { sw1: 0x6a, sw2: 0x82 }
  }
}

function ownNumberEntries(m: ModemCore): { number: string; type: number }[] {
  const sim = m.sim
  if (!sim?.msisdn || !sim.msisdnOnSim) return []
  return [{ number: sim.msisdn, type: sim.msisdn.startsWith('+') ? 145 : 129 }]
}

export const IDENTITY_COMMANDS: CommandSpec[] = [
  { name: '+CGMI', exec: (m) => [m.profile.manufacturer] },
  { name: '+GMI', exec: (m) => [m.profile.manufacturer] },
  { name: '+CGMM', exec: (m) => [m.profile.model] },
  { name: '+GMM', exec: (m) => [m.profile.model] },
  { name: '+CGMR', exec: (m) => [m.profile.revision] },
  { name: '+GMR', exec: (m) => [m.profile.revision] },
  {
    // Bare 15 digits (reference §4.3); +CGSN=1 is the 27.007 Rel-12 "IMEI explicitly" form [U quoting].
    name: '+CGSN',
    exec: (m) => [m.imei],
    set: (m, a) => {
      const snt = a.int(0, { max: 1 })
      return snt === 0 ? [m.imei] : [`+CGSN: "${m.imei}"`]
    },
    test: () => ['+CGSN: (0,1)']
  },
  { name: '+GSN', exec: (m) => [m.imei] },
  { name: '+CIMI', needsSim: 'cme', exec: (m) => [m.sim?.imsi ?? ''] },
  {
    // 27.007 §8.18 restricted SIM access; READ BINARY (176) only.
    name: '+CRSM',
    set: (m, a) => {
      const command = a.int(0)
      if (m.simUsable() === 'absent') throw cme(10)
      if (command !== 176) return ['+CRSM: 109,0']
      const fileId = a.int(1)
      const result = readBinary(m, fileId)
      if (!result.data) return [`+CRSM: ${result.sw1},${result.sw2}`]
      const length = a.has(4) ? a.int(4) : 0
      const data = length > 0 ? result.data.slice(0, length * 2) : result.data
      return [`+CRSM: ${result.sw1},${result.sw2},"${data}"`]
    },
    test: () => []
  },
  {
    // Zero or more "+CNUM: <alpha>,<number>,<type>" lines; just OK when EF_MSISDN is empty (reference §4.3).
    name: '+CNUM',
    needsSim: 'cme',
    exec: (m) => ownNumberEntries(m).map((e) => `+CNUM: "","${e.number}",${e.type}`)
  },
  {
    name: '+CPBS',
    needsSim: 'cme',
    set: (m, a) => {
      const storage = a.str(0).toUpperCase()
      if (storage !== 'SM' && storage !== 'ON') throw cme(4)
      m.state.settings.phonebook = storage
    },
    read: (m) =>
      m.state.settings.phonebook === 'ON'
        ? [`+CPBS: "ON",${ownNumberEntries(m).length},2`]
        : ['+CPBS: "SM",0,250'],
    test: () => ['+CPBS: ("SM","ON")']
  },
  {
    name: '+CPBR',
    needsSim: 'cme',
    set: (m, a) => {
      const capacity = m.state.settings.phonebook === 'ON' ? 2 : 250
      const first = a.int(0)
      const last = a.has(1) ? a.int(1) : first
      if (first < 1 || last > capacity || last < first) throw cme(21)
      if (m.state.settings.phonebook !== 'ON') return []
      return ownNumberEntries(m)
        .map((e, i) => ({ ...e, index: i + 1 }))
        .filter((e) => e.index >= first && e.index <= last)
        .map((e) => `+CPBR: ${e.index},"${e.number}",${e.type},"${m.encodeText('My number')}"`)
    },
    test: (m) => [m.state.settings.phonebook === 'ON' ? '+CPBR: (1-2),20,16' : '+CPBR: (1-250),40,16']
  }
]
