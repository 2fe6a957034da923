// Huawei dialect (E3372h/E3276 stick mode). Formats: reference device-protocols.md §4.5 and
// linux-mobile-broadband/ModemManager src/plugins/huawei/ (mm-broadband-modem-huawei.c: ^CPIN regex
// "\^CPIN:\s*([^,]+),[^,]*,(\d+),(\d+),(\d+),(\d+)", URC regexes for ^RSSI/^HCSQ/^MODE/^BOOT/^SRVST/^SIMST;
// tests/test-modem-helpers-huawei.c: ^SYSINFOEX, ^HCSQ, ^SYSCFGEX=? and ^SYSCFGEX? samples;
// mm-broadband-bearer-huawei.c: ^NDISDUP / ^NDISSTATQRY). "^CARDLOCK: 2,10,0" is from a public E3372 capture.
import type { CommandSpec, VendorHooks } from '../core/types'
import type { ModemCore } from '../core/modem-core'
import type { Rat } from '../state/signal'
import { csqRssi, hcsqValues } from '../state/signal'
import { AtError, cme, syntaxError } from '../protocol/results'

/** ^SYSINFOEX sysmode/submode per RAT (submode numbering = CurrentNetworkTypeEx, reference §1.8). */
const SYSMODE: Record<Rat, [number, string, number, string]> = {
  LTE: [6, 'LTE', 101, 'LTE'],
  WCDMA: [3, 'WCDMA', 46, 'DC-HSPA+'],
  GSM: [1, 'GSM', 3, 'EDGE']
}

/** ^MODE uses the older ^SYSINFO numbering: 5 = WCDMA (submode 9 HSPA+), 3 = GSM/GPRS (submode 3 EDGE). */
const MODE_URC: Partial<Record<Rat, string>> = { WCDMA: '^MODE:5,9', GSM: '^MODE:3,3' }

const ACQORDER: Record<string, ModemCore['state']['ratPreference']> = {
  '00': 'auto',
  '030201': 'auto',
  '0302': 'auto',
  '03': 'LTE',
  '02': 'WCDMA',
  '01': 'GSM'
}

function acqorderOf(pref: ModemCore['state']['ratPreference']): string {
  return { auto: '00', LTE: '03', WCDMA: '02', GSM: '01' }[pref]
}

function srvStatus(m: ModemCore): number {
  if (m.registered) return 2
  if (m.state.reg.stat === 3) return 1
  return 0
}

function simState(m: ModemCore): number {
  const usable = m.simUsable()
  return usable === 'absent' ? 255 : usable === 'blocked' || usable === 'off' ? 0 : 1
}

export const HUAWEI_COMMANDS: CommandSpec[] = [
  {
    name: '^SYSINFOEX',
    exec: (m) => {
      const registered = m.registered || m.state.reg.stat === 3
      const [mode, modeName, sub, subName] = registered ? SYSMODE[m.state.reg.rat] : [0, '', 0, '']
      const domain = m.registered ? 3 : m.state.reg.stat === 2 ? 4 : 0
      const roam = m.state.reg.stat === 5 ? 1 : 0
      return [`^SYSINFOEX: ${srvStatus(m)},${domain},${roam},${simState(m)},,${mode},"${modeName}",${sub},"${subName}"`]
    }
  },
  {
    name: '^HCSQ',
    read: (m) => {
      const radio = m.radio()
      return [`^HCSQ: ${radio ? hcsqValues(radio) : '"NOSERVICE"'}`]
    },
    test: () => ['^HCSQ: "NOSERVICE","GSM","WCDMA","LTE"']
  },
  {
    name: '^SYSCFGEX',
    read: (m) => [`^SYSCFGEX: "${acqorderOf(m.state.ratPreference)}",3FFFFFFF,1,2,7FFFFFFFFFFFFFFF`],
    test: () => [
      '^SYSCFGEX: ("00","03","02","01","99"),' +
        '((2000004e80380,"GSM850/GSM900/GSM1800/GSM1900/WCDMA850/WCDMA900/WCDMA1900/WCDMA2100"),(3fffffff,"All Bands")),' +
        '(0-3),(0-4),' +
        '((800c5,"LTE2100/LTE1800/LTE2600/LTE900/LTE800"),(7fffffffffffffff,"All bands"))'
    ],
    set: (m, a) => {
      // AT^SYSCFGEX="<acqorder>",<band>,<roam>,<srvdomain>,<lteband>,, — "99"/40000000/2/4 mean "no change".
      const acq = a.quoted(0)
      if (!/^[0-9A-Fa-f]+$/.test(a.raw(1)) || (a.has(4) && !/^[0-9A-Fa-f]+$/.test(a.raw(4)))) throw syntaxError()
      a.int(2, { max: 3 })
      a.int(3, { max: 4 })
      if (acq === '99') return
      const pref = ACQORDER[acq]
      if (!pref) throw cme(50)
      m.setRatPreference(pref)
    }
  },
  {
    name: '^CURC',
    read: (m) => [`^CURC: ${m.state.settings.curc ? 1 : 0}`],
    test: () => ['^CURC: (0-1)'],
    set: (m, a) => {
      m.state.settings.curc = a.int(0, { max: 1 }) === 1
    }
  },
  {
    name: '^CPIN',
    read: (m) => {
      const usable = m.simUsable()
      if (usable === 'absent') throw cme(10)
      const s = m.state.sim
      const code = usable === 'pin' ? 'SIM PIN' : usable === 'puk' ? 'SIM PUK' : 'READY'
      const times = usable === 'pin' ? String(s.pinAttempts) : usable === 'puk' ? String(s.pukAttempts) : ''
      return [`^CPIN: ${code},${times},${s.pukAttempts},${s.pinAttempts},10,3`]
    }
  },
  { name: '^CARDLOCK', read: () => ['^CARDLOCK: 2,10,0'] },
  {
    // Port map of the stick-mode composition [U for the exact order on E3372h].
    name: '^GETPORTMODE',
    exec: () => ['^GETPORTMODE: TYPE: WCDMA: huawei,MDM:0,DIAG:1,PCUI:2,NDIS:3,CDROM:4,SD:5']
  },
  {
    name: '^NDISDUP',
    needsSim: 'cme',
    test: () => ['^NDISDUP: (1-16),(0-1),(0-99),(0-99),(0-99),(0-3)'],
    set: (m, a) => {
      const cid = a.int(0, { min: 1, max: m.profile.maxCid })
      const connect = a.int(1, { max: 1 })
      if (connect === 0) {
        if (!m.state.ndis.connected) throw new AtError({ kind: 'ERROR' })
        m.dropDataSessions()
        return
      }
      // One NDIS session at a time; the host disconnects before dialling again [U].
      if (m.state.ndis.connected) throw cme(3)
      let ctx = m.state.pdp.get(cid)
      if (a.has(2)) {
        ctx = { cid, pdpType: ctx?.pdpType ?? 'IPV4V6', apn: a.str(2), active: false }
        if (a.has(3)) ctx.auth = { type: a.optInt(5, 2, { max: 3 }) as 0 | 1 | 2 | 3, user: a.str(3), password: a.optStr(4) ?? '' }
        m.state.pdp.set(cid, ctx)
      }
      if (!ctx) throw cme(3)
      const target = ctx
      // OK now; the outcome arrives as ^NDISSTAT (what ModemManager's Huawei bearer waits for).
      m.schedule(0, () => {
        m.activate(target).then(
          () => {
            m.state.ndis = { connected: true, cid }
            m.urc(`^NDISSTAT: 1,,,"IPV4"`)
          },
          (error: unknown) => {
            const code = error instanceof AtError && error.result.kind === 'CME' ? error.result.code : 148
            m.urc(`^NDISSTAT: 0,${code > 100 ? code - 100 : code},,"IPV4"`)
          }
        )
      })
    }
  },
  {
    // IPv4 config of the NDIS session as little-endian hex words: addr, mask, gateway, DHCP server, DNS1,
    // DNS2, then max rx/tx bps (ModemManager tests: "^DHCP: CCDB080A,F8FFFFFF,C9DB080A,C9DB080A,…,85600,85600").
    name: '^DHCP',
    read: (m) => {
      const ctx = m.state.pdp.get(m.state.ndis.cid)
      if (!m.state.ndis.connected || !ctx?.ipv4) throw cme(3)
      const le = (dotted: string) =>
        dotted.split('.').map((o) => Number(o).toString(16).toUpperCase().padStart(2, '0')).reverse().join('')
      const gw = ctx.ipv4.replace(/\.\d+$/, '.1')
      return [`^DHCP: ${[le(ctx.ipv4), 'F8FFFFFF', le(gw), le(gw), le('100.64.0.53'), le('100.64.0.54')].join(',')},150000000,50000000`]
    }
  },
  // URC routing between PCUI and modem port (ModemManager init sends ^PORTSEL=0); one port here.
  { name: '^PORTSEL', set: (_m, a) => void a.int(0, { max: 1 }), read: () => ['^PORTSEL: 0'] },
  {
    name: '^NDISSTATQRY',
    read: (m) => {
      const ctx = m.state.pdp.get(m.state.ndis.cid)
      const up = m.state.ndis.connected && ctx?.active
      return [`^NDISSTATQRY: ${up && ctx?.ipv4 ? 1 : 0},,,"IPV4",${up && ctx?.ipv6 ? 1 : 0},,,"IPV6"`]
    }
  }
]

export const HUAWEI_HOOKS: VendorHooks = {
  onSimReady(m) {
    if (m.state.settings.curc) m.urc('^SIMST: 1')
  },
  onRegistrationChange(m) {
    if (!m.state.settings.curc) return
    m.urc(`^SRVST: ${srvStatus(m)}`)
    const mode = m.registered ? MODE_URC[m.state.reg.rat] : undefined
    if (mode) m.urc(mode)
  },
  onSignalStep(m, changed) {
    if (!m.state.settings.curc) return
    const radio = m.radio()
    if (changed.csq) m.urc(`^RSSI:${radio ? csqRssi(radio.rssi) : 99}`)
    if (changed.hcsq) m.urc(`^HCSQ:${radio ? hcsqValues(radio) : '"NOSERVICE"'}`)
  },
  stormUrcs(m) {
    const radio = m.radio()
    return [
      `^RSSI:${radio ? csqRssi(radio.rssi) : 99}`,
      `^HCSQ:${radio ? hcsqValues(radio) : '"NOSERVICE"'}`,
      // ^BOOT is Huawei's periodic keep-alive noise (reference §4.5); sample "^BOOT:20952548,0,0,0,72".
      `^BOOT:${20_000_000 + m.random.int(0, 999_999)},0,0,0,72`,
      `^SRVST: ${srvStatus(m)}`,
      `^SIMST: ${simState(m)}`
    ]
  }
}
