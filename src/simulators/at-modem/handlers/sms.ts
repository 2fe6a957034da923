// SMS per 3GPP TS 27.005: +CMGF (§3.2.3), +CSMS (§3.2.1), +CPMS (§3.2.2), +CSCA (§3.3.1), +CNMI (§3.4.1),
// +CSMP (§3.3.2), +CMGL (§3.4.2 / §4.1), +CMGR (§3.4.3 / §4.2), +CMGD (§3.5.4), +CMGS (§3.5.1 / §4.3) and
// +CMGW (§3.5.3 / §4.4). Sending shows the "> " prompt without CR LF; the PDU or text ends with Ctrl-Z,
// ESC cancels (reference device-protocols.md §4.1, §4.3 "SMS" row).
import type { CommandSpec, PromptSpec } from '../core/types'
import type { ModemCore } from '../core/modem-core'
import type { SmsMemory, StoredSms } from '../state/modem-state'
import { decodeSubmit, encodeAddress, encodeSmscAddress } from '../codecs/sms-pdu'
import { isGsm7Encodable, packSeptets, textToSeptets } from '../codecs/gsm7'
import { cms } from '../protocol/results'

const STAT_TEXT = ['REC UNREAD', 'REC READ', 'STO UNSENT', 'STO SENT'] as const
const MEMORIES: readonly SmsMemory[] = ['SM', 'ME']

function memory(value: string): SmsMemory {
  const upper = value.toUpperCase()
  if (!(MEMORIES as readonly string[]).includes(upper)) throw cms(302)
  return upper as SmsMemory
}

function usage(m: ModemCore, mem: SmsMemory): [number, number] {
  const store = m.state.sms[mem]
  return [store.filter(Boolean).length, store.length]
}

function entryLines(m: ModemCore, index: number, sms: StoredSms, kind: 'CMGL' | 'CMGR'): string {
  if (m.state.settings.cmgf === 0) {
    const head = kind === 'CMGL' ? `+CMGL: ${index},${sms.stat},,${sms.tpduLength}` : `+CMGR: ${sms.stat},,${sms.tpduLength}`
    return `${head}\r\n${sms.pdu}`
  }
  const stat = STAT_TEXT[sms.stat]
  const scts = sms.text.scts ? `"${sms.text.scts}"` : ''
  const head =
    kind === 'CMGL'
      ? `+CMGL: ${index},"${stat}","${sms.text.address}",,${scts}`
      : `+CMGR: "${stat}","${sms.text.address}",,${scts}`
  return `${head}\r\n${m.smsBodyForText(sms)}`
}

/** Text mode: build the SMS-SUBMIT the modem would send for "AT+CMGS=<da>" + text. */
function submitFromText(m: ModemCore, destination: string, text: string): { hex: string; tpduLength: number } {
  const ucs2 = !isGsm7Encodable(text)
  let ud: Buffer
  let udl: number
  if (ucs2) {
    ud = Buffer.alloc(text.length * 2)
    for (let i = 0; i < text.length; i++) ud.writeUInt16BE(text.charCodeAt(i), i * 2)
    udl = ud.length
  } else {
    const septets = textToSeptets(text)
    ud = packSeptets(septets)
    udl = septets.length
  }
  const tpdu = `1100${encodeAddress(destination)}00${ucs2 ? '08' : '00'}AA${udl.toString(16).padStart(2, '0').toUpperCase()}${ud.toString('hex').toUpperCase()}`
  return { hex: encodeSmscAddress(m.state.smsc) + tpdu, tpduLength: tpdu.length / 2 }
}

function decodeTextInput(m: ModemCore, text: string): string {
  if (m.state.settings.charset === 'UCS2' && /^(?:[0-9A-Fa-f]{4})+$/.test(text)) {
    let out = ''
    for (let i = 0; i < text.length; i += 4) out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16))
    return out
  }
  return text
}

interface Submission {
  pdu: string
  tpduLength: number
  destination: string
  text: string | undefined
}

function promptFor(m: ModemCore, expectedLength: number | undefined, textDestination: string | undefined, deliver: (s: Submission) => string[]): PromptSpec {
  return {
    submit: (input) => {
      if (textDestination !== undefined) {
        const text = decodeTextInput(m, input.replace(/\r\n?/g, '\n'))
        const pdu = submitFromText(m, textDestination, text)
        return deliver({ pdu: pdu.hex, tpduLength: pdu.tpduLength, destination: textDestination, text })
      }
      const hex = input.replace(/\s+/g, '')
      const decoded = decodeSubmit(hex)
      if (typeof decoded === 'string' || decoded.tpduLength !== expectedLength) throw cms(304)
      return deliver({ pdu: hex.toUpperCase(), tpduLength: decoded.tpduLength, destination: decoded.destination, text: decoded.text })
    }
  }
}

export const SMS_COMMANDS: CommandSpec[] = [
  {
    name: '+CMGF',
    read: (m) => [`+CMGF: ${m.state.settings.cmgf}`],
    test: () => ['+CMGF: (0,1)'],
    set: (m, a) => {
      m.state.settings.cmgf = a.optInt(0, 0, { max: 1 }) as 0 | 1
    }
  },
  {
    name: '+CSMS',
    read: () => ['+CSMS: 0,1,1,1'],
    test: () => ['+CSMS: (0,1)'],
    set: (_m, a) => {
      a.int(0, { max: 1 })
      return ['+CSMS: 1,1,1']
    }
  },
  {
    name: '+CPMS',
    needsSim: 'cms',
    read: (m) => [`+CPMS: ${m.state.settings.cpms.map((mem) => `"${mem}",${usage(m, mem).join(',')}`).join(',')}`],
    test: () => [`+CPMS: ${new Array(3).fill(`(${MEMORIES.map((x) => `"${x}"`).join(',')})`).join(',')}`],
    set: (m, a) => {
      const mem1 = memory(a.str(0))
      const mem2 = a.has(1) ? memory(a.str(1)) : m.state.settings.cpms[1]
      const mem3 = a.has(2) ? memory(a.str(2)) : m.state.settings.cpms[2]
      m.state.settings.cpms = [mem1, mem2, mem3]
      return [`+CPMS: ${[mem1, mem2, mem3].map((mem) => usage(m, mem).join(',')).join(',')}`]
    }
  },
  {
    name: '+CSCA',
    needsSim: 'cms',
    read: (m) => [`+CSCA: "${m.state.smsc}",${m.state.smsc.startsWith('+') ? 145 : 129}`],
    test: () => [],
    set: (m, a) => {
      const sca = a.str(0)
      if (!/^\+?\d{1,20}$/.test(sca)) throw cms(m.state.settings.cmgf === 0 ? 304 : 305)
      m.state.smsc = sca
    }
  },
  {
    name: '+CNMI',
    read: (m) => [`+CNMI: ${m.state.settings.cnmi.join(',')}`],
    test: () => ['+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)'],
    set: (m, a) => {
      const current = m.state.settings.cnmi
      const next = current.map((v, i) => a.optInt(i, v, { max: [2, 3, 2, 2, 1][i] })) as typeof current
      m.state.settings.cnmi = next
    }
  },
  {
    name: '+CSMP',
    read: () => ['+CSMP: 17,167,0,0'],
    test: () => [],
    set: () => undefined
  },
  {
    name: '+CMGL',
    needsSim: 'cms',
    test: (m) => [m.state.settings.cmgf === 0 ? '+CMGL: (0-4)' : `+CMGL: (${[...STAT_TEXT, 'ALL'].map((s) => `"${s}"`).join(',')})`],
    exec: (m) => listMessages(m, 0),
    set: (m, a) => {
      let wanted: number
      if (m.state.settings.cmgf === 0) {
        if (!/^\d$/.test(a.raw(0))) throw cms(304)
        wanted = a.int(0)
        if (wanted > 4) throw cms(304)
      } else {
        const name = a.str(0).toUpperCase()
        wanted = name === 'ALL' ? 4 : (STAT_TEXT as readonly string[]).indexOf(name)
        if (wanted < 0) throw cms(305)
      }
      return listMessages(m, wanted)
    }
  },
  {
    name: '+CMGR',
    needsSim: 'cms',
    test: () => [],
    set: (m, a) => {
      const store = m.state.sms[m.state.settings.cpms[0]]
      const index = a.int(0)
      if (index < 1 || index > store.length) throw cms(321)
      const sms = store[index - 1]
      if (!sms) return []
      const line = entryLines(m, index, sms, 'CMGR')
      if (sms.stat === 0) sms.stat = 1
      return [line]
    }
  },
  {
    name: '+CMGD',
    needsSim: 'cms',
    test: (m) => {
      const used = m.state.sms[m.state.settings.cpms[0]].map((s, i) => (s ? i + 1 : 0)).filter(Boolean)
      return [`+CMGD: (${used.join(',')}),(0-4)`]
    },
    set: (m, a) => {
      const store = m.state.sms[m.state.settings.cpms[0]]
      const index = a.optInt(0, 0)
      const flag = a.optInt(1, 0, { max: 4 })
      if (flag === 0) {
        if (index < 1 || index > store.length) throw cms(321)
        store[index - 1] = undefined
        return
      }
      // delflag 1: read; 2: + sent; 3: + unsent; 4: everything (27.005 §3.5.4).
      const deletable = [[], [1], [1, 3], [1, 2, 3], [0, 1, 2, 3]][flag] as number[]
      store.forEach((s, i) => {
        if (s && deletable.includes(s.stat)) store[i] = undefined
      })
    }
  },
  {
    name: '+CMGS',
    needsSim: 'cms',
    test: () => [],
    set: (m, a) => {
      const textMode = m.state.settings.cmgf === 1
      const length = textMode ? undefined : a.int(0, { min: 7, max: 176 })
      const destination = textMode ? a.str(0) : undefined
      return {
        prompt: promptFor(m, length, destination, (s) => {
          if (!m.registered) throw cms(331)
          m.state.smsMessageReference = (m.state.smsMessageReference + 1) % 256
          m.state.sent.push({ to: s.destination, text: s.text, messageReference: m.state.smsMessageReference })
          return [`+CMGS: ${m.state.smsMessageReference}`]
        })
      }
    }
  },
  {
    name: '+CMGW',
    needsSim: 'cms',
    test: () => [],
    set: (m, a) => {
      const textMode = m.state.settings.cmgf === 1
      const length = textMode ? undefined : a.int(0, { min: 7, max: 176 })
      const destination = textMode ? a.str(0) : undefined
      const stat = textMode ? 2 : a.optInt(1, 2, { min: 2, max: 3 })
      return {
        prompt: promptFor(m, length, destination, (s) => {
          const mem = m.state.settings.cpms[1]
          const index = m.storeSms(mem, {
            stat: stat as 2 | 3,
            pdu: s.pdu,
            tpduLength: s.tpduLength,
            text: { address: s.destination, body: s.text ?? '', ucs2: s.text !== undefined && !isGsm7Encodable(s.text) }
          })
          if (index === undefined) throw cms(322)
          return [`+CMGW: ${index}`]
        })
      }
    }
  }
]

function listMessages(m: ModemCore, wanted: number): string[] {
  const store = m.state.sms[m.state.settings.cpms[0]]
  const lines: string[] = []
  store.forEach((sms, i) => {
    if (!sms || (wanted !== 4 && sms.stat !== wanted)) return
    lines.push(entryLines(m, i + 1, sms, 'CMGL'))
    if (sms.stat === 0) sms.stat = 1
  })
  return lines
}
