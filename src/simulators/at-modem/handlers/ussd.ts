// USSD: +CUSD (27.007 §7.15). The command answers OK at once; the network's reply arrives later as
// "+CUSD: <m>[,<str>,<dcs>]" (m 0 done, 1 further action required, 2 terminated, 4 not supported, 5 timeout).
// Encoding quirks per reference device-protocols.md §4.4: Huawei wants and returns GSM 7-bit packed hex
// with dcs 15 whatever +CSCS says (ModemManager mm-broadband-modem-huawei.c encode/decode); everyone else
// takes and gives the string in the +CSCS character set (UCS2 → hex), some also accept the request as hex.
import type { CommandSpec } from '../core/types'
import type { ModemCore } from '../core/modem-core'
import type { UssdNode } from '../profiles/sims'
import { decodeUssdPackedHex, encodeUssdPackedHex, textToSeptets } from '../codecs/gsm7'
import { cme, syntaxError } from '../protocol/results'

const SERVICE_STRING = /^[0-9*#+]+$/

function decodeRequest(m: ModemCore, str: string, inSession: boolean): string | undefined {
  if (m.profile.vendor === 'huawei') {
    const decoded = decodeUssdPackedHex(str)
    return decoded !== undefined && (inSession || SERVICE_STRING.test(decoded)) ? decoded : undefined
  }
  const charset = m.state.settings.charset
  if (charset === 'UCS2' && /^(?:[0-9A-Fa-f]{4})+$/.test(str)) {
    let out = ''
    for (let i = 0; i < str.length; i += 4) out += String.fromCharCode(parseInt(str.slice(i, i + 4), 16))
    return out
  }
  if (inSession || SERVICE_STRING.test(str)) return str
  // ModemManager's generic path may send the request hex-encoded (reference §4.4, "2A3130302B" form).
  if (/^(?:[0-9A-Fa-f]{2})+$/.test(str)) {
    const ascii = Buffer.from(str, 'hex').toString('latin1')
    if (SERVICE_STRING.test(ascii)) return ascii
  }
  return undefined
}

/** "+CUSD: m,<str>,<dcs>" with the string in the form this firmware prints. */
export function formatCusd(m: ModemCore, mode: number, text: string): string {
  if (m.profile.vendor === 'huawei') return `+CUSD: ${mode},"${encodeUssdPackedHex(text)}",15`
  const charset = m.state.settings.charset
  if (charset === 'UCS2') return `+CUSD: ${mode},"${m.encodeText(text)}",15`
  if (charset === 'HEX') {
    return `+CUSD: ${mode},"${Buffer.from(textToSeptets(text)).toString('hex').toUpperCase()}",15`
  }
  // Text charsets: the string goes out as is, line feeds of a menu included.
  return `+CUSD: ${mode},"${text}",15`
}

type Menu = Extract<UssdNode, { kind: 'menu' }>

function answer(m: ModemCore, request: string): void {
  const sim = m.sim
  const report = (line: string) => {
    if (m.state.settings.cusd === 1) m.urc(line)
  }
  if (m.faults.ussdTimeout) {
    m.ussd.session = undefined
    report('+CUSD: 5')
    return
  }
  const session = m.ussd.session
  let node: UssdNode | 'back' | undefined
  if (session) {
    const menu = session.stack[session.stack.length - 1] as Menu
    node = menu.options[request]
    if (node === undefined) {
      report(formatCusd(m, 1, `Invalid option.\n${menu.text}`))
      return
    }
    if (node === 'back') {
      if (session.stack.length > 1) session.stack.pop()
      report(formatCusd(m, 1, (session.stack[session.stack.length - 1] as Menu).text))
      return
    }
  } else {
    node = sim?.ussd[request]
    if (!node) {
      // Unknown service code, or a network without USSD (Japanese carriers, carriers.md §7).
      report('+CUSD: 4')
      return
    }
  }
  if (node.kind === 'menu') {
    m.ussd.session = { stack: [...(session?.stack ?? []), node] }
    report(formatCusd(m, 1, node.text))
    return
  }
  m.ussd.session = undefined
  report(formatCusd(m, 0, node.text(sim as NonNullable<typeof sim>)))
}

export const USSD_COMMANDS: CommandSpec[] = [
  {
    name: '+CUSD',
    read: (m) => [`+CUSD: ${m.state.settings.cusd}`],
    test: () => ['+CUSD: (0-2)'],
    set: (m, a) => {
      const n = a.optInt(0, 0, { max: 2 })
      if (n === 2) {
        if (m.ussd.pending) clearTimeout(m.ussd.pending)
        m.ussd = {}
        return
      }
      m.state.settings.cusd = n as 0 | 1
      if (!a.has(1)) return
      m.requireSim('cme')
      if (!m.registered) throw cme(30)
      if (m.ussd.pending) throw cme(3)
      if (a.has(2)) a.int(2, { max: 255 })
      const request = decodeRequest(m, a.str(1), m.ussd.session !== undefined)
      if (request === undefined) throw syntaxError()
      m.ussd.pending = m.schedule(m.timings.ussdReplyMs, () => {
        m.ussd.pending = undefined
        answer(m, request)
      })
    }
  }
]
