// Packet data: +CGDCONT (27.007 §10.1.1), +CGAUTH (§10.1.31), +CGACT (§10.1.10), +CGATT (§10.1.9),
// +CGPADDR (§10.1.14) and +CGCONTRDP (§10.1.23). Addresses print in the 27.007 default dotted form
// (+CGPIAF=0: IPv6 as 16 dot-separated decimal bytes). Outcomes of activation live in ModemCore.activate.
import type { CommandSpec } from '../core/types'
import type { ModemCore } from '../core/modem-core'
import type { PdpType } from '../profiles/sims'
import type { PdpContext } from '../state/modem-state'
import type { Args } from '../protocol/args'
import { cme, syntaxError } from '../protocol/results'

const PDP_TYPES: readonly PdpType[] = ['IP', 'IPV6', 'IPV4V6']
const APN_FORMAT = /^[A-Za-z0-9.\-_]{0,100}$/

/** "2001:db8::1" → "32.1.13.184.0.…" (27.007 §10.1.1 <PDP_addr> for IPv6 without +CGPIAF). */
export function ipv6Dotted(address: string): string {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined]
  const h = (head ?? '').split(':').filter(Boolean)
  const t = tail === undefined ? [] : tail.split(':').filter(Boolean)
  const groups = [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t]
  return groups.flatMap((g) => {
    const n = parseInt(g, 16)
    return [n >> 8, n & 0xff]
  }).join('.')
}

function sortedContexts(m: ModemCore): PdpContext[] {
  return [...m.state.pdp.values()].sort((a, b) => a.cid - b.cid)
}

function context(m: ModemCore, cid: number): PdpContext {
  const ctx = m.state.pdp.get(cid)
  if (!ctx) throw cme(3)
  return ctx
}

function cidList(m: ModemCore, a: Args, from: number): PdpContext[] {
  if (a.length <= from || !a.has(from)) return sortedContexts(m)
  const out: PdpContext[] = []
  for (let i = from; i < a.length; i++) out.push(context(m, a.int(i)))
  return out
}

function addresses(ctx: PdpContext): string[] {
  const out: string[] = []
  if (ctx.ipv4) out.push(`"${ctx.ipv4}"`)
  if (ctx.ipv6) out.push(`"${ipv6Dotted(ctx.ipv6)}"`)
  return out
}

export const PDP_COMMANDS: CommandSpec[] = [
  {
    name: '+CGDCONT',
    read: (m) =>
      sortedContexts(m).map(
        (c) => `+CGDCONT: ${c.cid},"${c.pdpType}","${c.apn}","${c.pdpType === 'IP' ? '0.0.0.0' : ipv6Dotted('::')}",0,0`
      ),
    test: (m) => PDP_TYPES.map((t) => `+CGDCONT: (1-${m.profile.maxCid}),"${t}",,,(0-2),(0-4)`),
    set: (m, a) => {
      const cid = a.int(0, { min: 1, max: m.profile.maxCid })
      const existing = m.state.pdp.get(cid)
      if (a.length === 1) {
        // "+CGDCONT=<cid>" undefines the context.
        if (existing?.active) throw cme(3)
        m.state.pdp.delete(cid)
        return
      }
      const type = a.str(1).toUpperCase()
      if (!(PDP_TYPES as readonly string[]).includes(type)) throw syntaxError()
      const apn = a.optStr(2) ?? ''
      if (!APN_FORMAT.test(apn)) throw syntaxError()
      if (existing?.active) throw cme(3)
      m.state.pdp.set(cid, { cid, pdpType: type as PdpType, apn, auth: existing?.auth, active: false })
    }
  },
  {
    name: '+CGAUTH',
    read: (m) =>
      sortedContexts(m).map((c) => `+CGAUTH: ${c.cid},${c.auth?.type ?? 0},"${c.auth?.user ?? ''}"`),
    test: (m) => [`+CGAUTH: (1-${m.profile.maxCid}),(0-3),,`],
    set: (m, a) => {
      const ctx = context(m, a.int(0, { min: 1, max: m.profile.maxCid }))
      const type = a.optInt(1, 0, { max: 3 }) as 0 | 1 | 2 | 3
      ctx.auth = { type, user: a.optStr(2) ?? '', password: a.optStr(3) ?? '' }
    }
  },
  {
    name: '+CGACT',
    needsSim: 'cme',
    read: (m) => sortedContexts(m).map((c) => `+CGACT: ${c.cid},${c.active ? 1 : 0}`),
    test: () => ['+CGACT: (0,1)'],
    set: async (m, a) => {
      const state = a.int(0, { max: 1 })
      const targets = cidList(m, a, 1)
      for (const ctx of targets) {
        if (state === 1) await m.activate(ctx)
        else m.deactivate(ctx)
      }
    }
  },
  {
    name: '+CGATT',
    needsSim: 'cme',
    read: (m) => [`+CGATT: ${m.state.psAttached && m.registered ? 1 : 0}`],
    test: () => ['+CGATT: (0,1)'],
    set: (m, a) => {
      const attach = a.int(0, { max: 1 })
      if (attach === 1) {
        if (m.state.fun !== 1) throw cme(30)
        if (!m.registered) m.searchNetwork()
        else m.state.psAttached = true
        return
      }
      // An LTE UE cannot stay registered without an EPS attach: detaching deregisters.
      m.setRegistration({ stat: 0, plmn: undefined, rejectCause: undefined })
    }
  },
  {
    name: '+CGPADDR',
    exec: (m) => sortedContexts(m).map((c) => [`+CGPADDR: ${c.cid}`, ...addresses(c)].join(',')),
    set: (m, a) => cidList(m, a, 0).map((c) => [`+CGPADDR: ${c.cid}`, ...addresses(c)].join(',')),
    test: (m) => [`+CGPADDR: (${sortedContexts(m).map((c) => c.cid).join(',')})`]
  },
  {
    name: '+CGCONTRDP',
    exec: (m) => dynamicParameters(m, sortedContexts(m)),
    set: (m, a) => dynamicParameters(m, cidList(m, a, 0)),
    test: (m) => [`+CGCONTRDP: (${sortedContexts(m).filter((c) => c.active).map((c) => c.cid).join(',')})`]
  }
]

function dynamicParameters(m: ModemCore, contexts: PdpContext[]): string[] {
  const lines: string[] = []
  for (const c of contexts) {
    if (!c.active) continue
    const apn = c.apn || m.sim?.defaultContext.apn || ''
    const head = `+CGCONTRDP: ${c.cid},${c.bearerId ?? 5},"${apn}"`
    if (!c.ipv4 && !c.ipv6) lines.push(head)
    if (c.ipv4) {
      const gw = c.ipv4.replace(/\.\d+$/, '.1')
      lines.push(`${head},"${c.ipv4}.255.255.255.0","${gw}","100.64.0.53","100.64.0.54"`)
    }
    if (c.ipv6) {
      const mask = ipv6Dotted('ffff:ffff:ffff:ffff::')
      lines.push(`${head},"${ipv6Dotted(c.ipv6)}.${mask}","${ipv6Dotted('fe80::1')}","${ipv6Dotted('2001:db8::53')}"`)
    }
  }
  return lines
}
